-- name: gender_by_region
-- purpose: people per WHO region and gender (as collected at registration); only the
--          combinations that hold people; no region and unknown gender kept as 'unknown'.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: who_region, gender, people, share (of the region's people who answered; null for
--          unknown gender)
select
    coalesce(who_region, 'unknown') as who_region,
    gender,
    count(*) as people,
    case
        when gender <> 'unknown'
            then
                count(*)
                / sum(count(*)) filter (where gender <> 'unknown') over (
                    partition by coalesce(who_region, 'unknown')
                )
    end as share
from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis)
group by coalesce(who_region, 'unknown'), gender
order by who_region, gender
