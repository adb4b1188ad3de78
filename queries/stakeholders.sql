-- name: stakeholders
-- purpose: people per stakeholder type; 'unknown' is its own row, never dropped.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $basis
-- columns: stakeholder, people, share (of people with a known type; null for unknown)
with counted as (
    select
        stakeholder,
        count(*) as people
    from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $basis)
    group by stakeholder
)

select
    stakeholder,
    people,
    case
        when stakeholder <> 'unknown'
            then people / sum(people) filter (where stakeholder <> 'unknown') over ()
    end as share
from counted
order by stakeholder = 'unknown', people desc
