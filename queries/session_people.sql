-- name: session_people
-- purpose: ORGANIZER VIEW (personal data): who came to the selected sessions, for how long,
--          when they joined and left.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: name, email, country, stakeholder, roles, sessions, minutes, first_join,
--          last_leave, segments (continuous presences after merging overlaps)
with presence as (
    select
        person_key,
        count(distinct session_id) as sessions,
        sum(epoch(leave_utc - join_utc)) / 60.0 as minutes,
        min(join_utc) as first_join_utc,
        max(leave_utc) as last_leave_utc,
        count(*) as segments
    from sel_presence($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
    group by person_key
),

roles as (
    select
        person_key,
        string_agg(distinct coalesce(platform_role, role), ', ') as roles
    from segments
    where
        event_id = $event_id
        and not is_bot
        and session_id in (select session_id from sel_sessions($event_id, $days, $session_ids))
    group by person_key
)

select
    coalesce(pii.display_name, trim(concat_ws(' ', pii.first_name, pii.last_name))) as name,
    pii.email,
    prof.country_name as country,
    prof.stakeholder,
    r.roles,
    p.sessions,
    p.minutes,
    to_local(p.first_join_utc, e.timezone) as first_join,
    to_local(p.last_leave_utc, e.timezone) as last_leave,
    p.segments
from presence as p
inner join person_pii as pii on p.person_key = pii.person_key
left join roles as r on p.person_key = r.person_key
left join v_person_profile as prof
    on prof.event_id = $event_id and p.person_key = prof.person_key
cross join (select timezone from events where event_id = $event_id) as e
order by p.minutes desc, name asc
