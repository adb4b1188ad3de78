-- name: participants_by_country
-- purpose: people per country or territory (ISO3; names for display), for the map and tables.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: iso3, country, who_region, member_type, people, share (of people with a country)
with counted as (
    select
        iso3,
        any_value(country_name) as country,
        any_value(who_region) as who_region,
        any_value(member_type) as member_type,
        count(*) as people
    from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis)
    where iso3 is not null
    group by iso3
)

select
    iso3,
    country,
    who_region,
    member_type,
    people,
    people / sum(people) over () as share
from counted
order by people desc, country asc
