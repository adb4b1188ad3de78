-- name: participants_by_region
-- purpose: people per WHO region; people with no known region are their own 'unknown' row.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $basis
-- columns: who_region, people, share (of people with a known region; null for unknown)
with counted as (
    select
        coalesce(who_region, 'unknown') as who_region,
        count(*) as people
    from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $basis)
    group by coalesce(who_region, 'unknown')
)

select
    who_region,
    people,
    case
        when who_region <> 'unknown'
            then people / sum(people) filter (where who_region <> 'unknown') over ()
    end as share
from counted
order by who_region = 'unknown', people desc
