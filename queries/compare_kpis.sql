-- name: compare_kpis
-- purpose: the Compare page's side-by-side figures of two editions (whole events: days and
--          sessions belong to one event, so only the region and stakeholder filters apply).
-- params: $event_a, $event_b (the editions), $days, $session_ids, $regions, $stakeholders,
--         $roles (the selection's filters: the page passes empty days and sessions, which
--         belong to one event), $basis ('attendees' or 'registrants': whose countries count)
-- columns: edition ('a' or 'b'), event_id, registrants, attendees, people (of the basis),
--          member_states, member_states_total (Member States of the selected regions),
--          other_territories, who_regions
with editions as (
    select
        'a' as edition,
        $event_a as event_id
    union all
    select
        'b' as edition,
        $event_b as event_id
),

people as (
    select
        'a' as edition,
        p.*  -- noqa: AM04
    from
        sel_basis_profile(
            $event_a, $days, $session_ids, $regions, $stakeholders, $roles, $basis
        ) as p
    union all
    select
        'b' as edition,
        p.*  -- noqa: AM04
    from sel_basis_profile(
        $event_b, $days, $session_ids, $regions, $stakeholders, $roles, $basis
    ) as p
),

registrants as (
    select
        'a' as edition,
        count(distinct person_key) as registrants
    from
        sel_registrations(
            $event_a, $days, $session_ids, $regions, $stakeholders, $roles
        )
    union all
    select
        'b' as edition,
        count(distinct person_key) as registrants
    from sel_registrations(
        $event_b, $days, $session_ids, $regions, $stakeholders, $roles
    )
),

attendees as (
    select
        'a' as edition,
        count(distinct person_key) as attendees
    from sel_presence($event_a, $days, $session_ids, $regions, $stakeholders, $roles)
    union all
    select
        'b' as edition,
        count(distinct person_key) as attendees
    from sel_presence($event_b, $days, $session_ids, $regions, $stakeholders, $roles)
),

geo as (
    select
        edition,
        count(*) as people,
        count(distinct iso3) filter (where member_type = 'member') as member_states,
        count(distinct iso3) filter (where member_type <> 'member') as other_territories,
        count(distinct who_region) filter (where member_type = 'member') as who_regions
    from people
    group by edition
)

select
    e.edition,
    e.event_id,
    r.registrants,
    a.attendees,
    coalesce(g.people, 0) as people,
    coalesce(g.member_states, 0) as member_states,
    (select count(*) from sel_member_states($regions)) as member_states_total,
    coalesce(g.other_territories, 0) as other_territories,
    coalesce(g.who_regions, 0) as who_regions
from editions as e
inner join registrants as r on e.edition = r.edition
inner join attendees as a on e.edition = a.edition
left join geo as g on e.edition = g.edition
order by e.edition
