-- name: stakeholders
-- purpose: people per stakeholder type, most first (ties by code); 'unknown' is its own last
--          row, never dropped.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: stakeholder, people, share (of people with a known type; null for unknown)
select
    stakeholder,
    count(*) as people,
    share_of_known(count(*), stakeholder <> 'unknown') as share
from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis)
group by stakeholder
order by stakeholder = 'unknown' asc, people desc, stakeholder asc
