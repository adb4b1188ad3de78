-- name: compare_genders
-- purpose: people of two editions by the gender declared at registration, with each group's
--          share of the edition's people whose gender is known ('prefer_not_to_say' is an
--          answer, so known; 'unknown' is its own row).
-- params: $event_a, $event_b (the editions), $days, $session_ids, $regions, $stakeholders,
--         $roles (the selection's filters; the page passes empty days and sessions),
--         $basis ('attendees' or 'registrants')
-- columns: edition ('a' or 'b'), gender, people, share (null for unknown)
with people as (
    select
        'a' as edition,
        gender
    from
        sel_basis_profile(
            $event_a, $days, $session_ids, $regions, $stakeholders, $roles, $basis
        )
    union all
    select
        'b' as edition,
        gender
    from
        sel_basis_profile(
            $event_b, $days, $session_ids, $regions, $stakeholders, $roles, $basis
        )
),

counted as (
    select
        edition,
        gender,
        count(*) as people
    from people
    group by edition, gender
)

select
    edition,
    gender,
    people,
    case
        when gender <> 'unknown'
            then people / sum(people) filter (where gender <> 'unknown')
                over (partition by edition)
    end as share
from counted
order by edition asc, gender = 'unknown' asc, people desc, gender asc
