-- name: participants_by_region
-- purpose: people per WHO region; people with no known region are their own 'unknown' row.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: who_region, people, share (of people with a known region; null for unknown)
select
    coalesce(p.who_region, 'unknown') as who_region,
    count(*) as people,
    share_of_known(count(*), p.who_region is not null) as share
from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis) as p
group by p.who_region
order by p.who_region is null asc, people desc, p.who_region asc
