-- name: member_states_not_reached
-- purpose: WHO Member States with nobody in the selection, by region (within the selected
--          regions when a region filter is on).
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: iso3, country, who_region
select
    c.iso3,
    c.who_name as country,
    c.who_region
from sel_member_states($regions) as c
where
    c.iso3 not in (
        select p.iso3
        from
            sel_basis_profile(
                $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
            ) as p
        where p.iso3 is not null
    )
order by c.who_region, c.who_name
