-- name: typo_countries
-- purpose: country answers the resolver read as a typo of one country's name (reason
--   'typo:<name>'), by people affected, for an organizer to check (an override corrects one).
-- params: $event_id
-- columns: raw, iso3, rule, people
with uses as (
    select
        country_raw as raw,
        person_key
    from registrations
    where event_id = $event_id and not is_bot and country_raw is not null
)

select
    u.raw,
    r.iso3,
    r.reason as rule,
    count(distinct u.person_key) as people
from uses as u
inner join v_country_resolution as r on u.raw = r.raw
where r.iso3 is not null and r.reason like 'typo:%'
group by u.raw, r.iso3, r.reason
order by people desc, u.raw asc
