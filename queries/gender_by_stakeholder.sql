-- name: gender_by_stakeholder
-- purpose: people per stakeholder type and gender (as collected at registration); only the
--          combinations that hold people; unknown gender and unknown type kept as 'unknown'.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: stakeholder, gender, people, share (of the type's people who answered; null for
--          unknown gender)
select
    stakeholder,
    gender,
    count(*) as people,
    case
        when gender <> 'unknown'
            then
                count(*)
                / sum(count(*)) filter (where gender <> 'unknown') over (partition by stakeholder)
    end as share
from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis)
group by stakeholder, gender
order by stakeholder, gender
