-- name: speakers_audience
-- purpose: attendees split into speakers (a host, co-host, presenter or panelist role in any
--          selected session they attended: the platform's roles) and audience (attendee role
--          only), with the Member States and WHO regions each side comes from. Always counts
--          attendees (registrations carry no role). Both rows are listed, even when empty.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: side (speaker, audience), people, member_states (reached), who_regions,
--          member_state_names (the Member States' WHO names, '; '-separated, alphabetical)
with sides as (
    select
        unnest(['speaker', 'audience']) as side,
        unnest([1, 2]) as pos
),

per_person as (
    select
        person_key,
        case when bool_or(session_role <> 'attendee') then 'speaker' else 'audience' end as side
    from sel_presence($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
    group by person_key
),

profiled as (
    select
        x.side,
        x.person_key,
        case when p.member_type = 'member' then p.iso3 end as member_iso3,
        case when p.member_type = 'member' then p.country_name end as member_name,
        case when p.member_type = 'member' then p.who_region end as member_region
    from per_person as x
    inner join v_person_profile as p on p.event_id = $event_id and x.person_key = p.person_key
)

select
    s.side,
    count(x.person_key) as people,
    count(distinct x.member_iso3) as member_states,
    count(distinct x.member_region) as who_regions,
    coalesce(string_agg(distinct x.member_name, '; ' order by x.member_name), '')
        as member_state_names
from sides as s
left join profiled as x on s.side = x.side
group by s.side, s.pos
order by s.pos
