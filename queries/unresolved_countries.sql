-- name: unresolved_countries
-- purpose: country answers the resolver could not turn into one country, by people affected.
-- params: $event_id
-- columns: raw, reason, suggestion, people
with uses as (
    select
        country_raw as raw,
        person_key
    from registrations
    where event_id = $event_id and not is_bot and country_raw is not null
)

select
    u.raw,
    r.reason,
    r.suggestion,
    count(distinct u.person_key) as people
from uses as u
inner join v_country_resolution as r on u.raw = r.raw
where r.iso3 is null
group by u.raw, r.reason, r.suggestion
order by people desc, u.raw asc
