-- name: compare_regions
-- purpose: people of two editions by WHO region of the person's
--          country ('unknown' when none), with each group's share of the
--          edition's people whose group is known.
-- params: $event_a, $event_b (the editions), $days, $session_ids, $regions, $stakeholders,
--         $roles (the selection's filters; the page passes empty days and sessions),
--         $basis ('attendees' or 'registrants')
-- columns: edition ('a' or 'b'), region, people, share (null for unknown)
with people as (
    select
        'a' as edition,
        coalesce(who_region, 'unknown') as region
    from
        sel_basis_profile(
            $event_a, $days, $session_ids, $regions, $stakeholders, $roles, $basis
        )
    union all
    select
        'b' as edition,
        coalesce(who_region, 'unknown') as region
    from
        sel_basis_profile(
            $event_b, $days, $session_ids, $regions, $stakeholders, $roles, $basis
        )
),

counted as (
    select
        edition,
        region,
        count(*) as people
    from people
    group by edition, region
)

select
    edition,
    region,
    people,
    case
        when region <> 'unknown'
            then people / sum(people) filter (where region <> 'unknown')
                over (partition by edition)
    end as share
from counted
order by edition asc, region = 'unknown' asc, people desc, region asc
