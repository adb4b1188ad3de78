-- name: income_groups
-- purpose: people and Member States reached per World Bank income group of the person's
--          country (reference table), in the order low, lower-middle, upper-middle, high, not
--          classified (the World Bank gives the country no group), then 'unknown' (no resolved
--          country). Every group is listed, even when empty.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: income_group (low, lower_middle, upper_middle, high, not_classified, unknown),
--          people, share (of people with a resolved country; null for unknown),
--          member_states (reached), member_states_total (Member States of the selected
--          regions in the group; null for unknown)
with income as (
    select
        unnest(
            ['low', 'lower_middle', 'upper_middle', 'high', 'not_classified', 'unknown']
        ) as income_group,
        unnest(
            ['Low income', 'Lower middle income', 'Upper middle income', 'High income', null, null]
        ) as wb_name,
        unnest(range(1, 7)) as pos
),

selected as (
    select *  -- noqa: AM04
    from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis)
),

people as (
    select
        p.iso3,
        p.member_type,
        case
            when p.iso3 is null then 'unknown' else coalesce(i.income_group, 'not_classified')
        end as income_group
    from selected as p
    left join income as i on p.wb_income_group = i.wb_name
),

counted as (
    select
        income_group,
        count(*) as people,
        count(distinct iso3) filter (where member_type = 'member') as member_states
    from people
    group by income_group
),

states as (
    select
        coalesce(i.income_group, 'not_classified') as income_group,
        count(*) as member_states_total
    from sel_member_states($regions) as m
    inner join countries as c on m.iso3 = c.iso3
    left join income as i on c.wb_income_group = i.wb_name
    group by coalesce(i.income_group, 'not_classified')
)

select
    i.income_group,
    coalesce(n.people, 0) as people,
    share_of_known(coalesce(n.people, 0), i.income_group <> 'unknown') as share,
    coalesce(n.member_states, 0) as member_states,
    case when i.income_group <> 'unknown' then coalesce(s.member_states_total, 0) end
        as member_states_total
from income as i
left join counted as n on i.income_group = n.income_group
left join states as s on i.income_group = s.income_group
order by i.pos
