-- name: compare_stakeholders
-- purpose: people of two editions by stakeholder type ('unknown'
--          its own row), with each group's share of the
--          edition's people whose group is known.
-- params: $event_a, $event_b (the editions), $days, $session_ids, $regions, $stakeholders,
--         $roles (the selection's filters; the page passes empty days and sessions),
--         $basis ('attendees' or 'registrants')
-- columns: edition ('a' or 'b'), stakeholder, people, share (null for unknown)
with people as (
    select
        'a' as edition,
        stakeholder
    from
        sel_basis_profile(
            $event_a, $days, $session_ids, $regions, $stakeholders, $roles, $basis
        )
    union all
    select
        'b' as edition,
        stakeholder
    from
        sel_basis_profile(
            $event_b, $days, $session_ids, $regions, $stakeholders, $roles, $basis
        )
),

counted as (
    select
        edition,
        stakeholder,
        count(*) as people
    from people
    group by edition, stakeholder
)

select
    edition,
    stakeholder,
    people,
    case
        when stakeholder <> 'unknown'
            then people / sum(people) filter (where stakeholder <> 'unknown')
                over (partition by edition)
    end as share
from counted
order by edition asc, stakeholder = 'unknown' asc, people desc, stakeholder asc
