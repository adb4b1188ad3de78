-- name: compare_member_states
-- purpose: WHO Member States reached by either of two editions, each marked new (reached by
--          the later edition b only), returning (both) or lost (the earlier edition a only).
-- params: $event_a, $event_b (the editions), $days, $session_ids, $regions, $stakeholders,
--         $roles (the selection's filters; the page passes empty days and sessions),
--         $basis ('attendees' or 'registrants': whose countries are counted)
-- columns: iso3, who_name, who_region, status ('new', 'returning', 'lost'), people_a, people_b
with reached as (
    select
        iso3,
        count(*) filter (where edition = 'a') as people_a,
        count(*) filter (where edition = 'b') as people_b
    from (
        select
            'a' as edition,
            iso3,
            member_type
        from
            sel_basis_profile(
                $event_a, $days, $session_ids, $regions, $stakeholders, $roles, $basis
            )
        union all
        select
            'b' as edition,
            iso3,
            member_type
        from
            sel_basis_profile(
                $event_b, $days, $session_ids, $regions, $stakeholders, $roles, $basis
            )
    ) as both_editions
    where member_type = 'member'
    group by iso3
)

select
    r.iso3,
    c.who_name,
    c.who_region,
    case
        when r.people_a = 0 then 'new'
        when r.people_b = 0 then 'lost'
        else 'returning'
    end as status,
    r.people_a,
    r.people_b
from reached as r
inner join countries as c on r.iso3 = c.iso3
order by status asc, c.who_name asc
