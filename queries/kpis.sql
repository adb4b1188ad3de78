-- name: kpis
-- purpose: the Overview tiles and the headline sentence, for the current selection.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles (filters; empty =
--         all),
--         $basis ('attendees' or 'registrants': whose countries are counted)
-- columns: registrants, attendees, registrants_attended, show_rate, people, member_states,
--          member_states_total (Member States of the selected regions: what member_states is
--          counted out of), other_territories, countries, who_regions, who_regions_total
--          (the WHO regions selected, 6 without a filter: what who_regions is counted out of),
--          avg_minutes,
--          with_country, platform_country, with_stakeholder, attended_rule, attended_value
--          (the event's definition of attended: engagement/attended.py says it in words)
with registrants as (
    select distinct person_key
    from sel_registrations($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
),

attendees as (
    select distinct person_key
    from sel_presence($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
),

minutes as (
    -- check-in sessions measure no minutes (a scan is an arrival): left out, so that an
    -- edition known from check-in lists only has no average instead of 0 min
    select minutes
    from sel_minutes($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
    where session_id not in (select session_id from checkin_only_sessions($event_id))
),

geo as (
    select *
    from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis)
),

counts as (
    select
        (select count(*) from registrants) as registrants,
        (select count(*) from attendees) as attendees,
        (
            select count(*) from registrants
            where person_key in (select a.person_key from attendees as a)
        ) as registrants_attended,
        (select count(*) from geo) as people,
        (select count(distinct iso3) from geo where member_type = 'member') as member_states,
        (select count(*) from sel_member_states($regions)) as member_states_total,
        (select count(distinct iso3) from geo where member_type <> 'member') as other_territories,
        (select count(distinct iso3) from geo) as countries,
        (
            select count(distinct who_region) from geo
            where member_type = 'member'
        ) as who_regions,
        (
            select count(distinct who_region) from sel_member_states($regions)
        ) as who_regions_total,
        (select avg(minutes) from minutes) as avg_minutes,
        (select count(*) from geo where iso3 is not null) as with_country,
        (select count(*) from geo where country_source = 'platform') as platform_country,
        (select count(*) from geo where stakeholder <> 'unknown') as with_stakeholder
)

select
    c.*,
    c.registrants_attended / nullif(c.registrants, 0) as show_rate,
    coalesce(a.rule, 'any') as attended_rule,
    coalesce(a.value, 0) as attended_value
from counts as c
left join attended_rules as a on a.event_id = $event_id
