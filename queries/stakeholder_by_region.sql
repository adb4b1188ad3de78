-- name: stakeholder_by_region
-- purpose: people per stakeholder type and WHO region (unknowns kept as 'unknown').
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: stakeholder, who_region, people
select
    stakeholder,
    coalesce(who_region, 'unknown') as who_region,
    count(*) as people
from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis)
group by stakeholder, coalesce(who_region, 'unknown')
order by stakeholder, who_region
