-- name: session_retention
-- purpose: retention against the schedule, one row per selected session: attendees present at
--          the scheduled start + 15 min and in the last minute before the scheduled end (share
--          of the session's attendees), median join delay (first join - scheduled start in
--          minutes, an early join counts as 0), who joined late (more than 5 minutes after
--          the start), who left early (last leave's minute more than 5 minutes before the
--          end's minute) or at the end, and the minute when most people left. The schedule
--          is the programme's, else the platform's (schedule_source 'platform': Zoom's
--          registration report), else the observed span (has_schedule = false).
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: session_id, has_schedule, schedule_source, start_local, end_local, attendees,
--          present_after_15, share_after_15, present_at_end, share_at_end, median_join_delay,
--          joined_late, left_early, left_at_end, most_left_minute, most_left_count
with tz as (
    select timezone from events where event_id = $event_id
),

schedule as (
    select
        session_id,
        has_schedule,
        schedule_source,
        start_utc,
        end_utc,
        start_utc + interval 15 minute as after_15_utc,
        end_utc - interval 1 minute as last_minute_utc
    from v_session_schedule
    where session_id in (select session_id from sel_sessions($event_id, $days, $session_ids))
),

people as (
    select
        p.session_id,
        p.person_key,
        min(p.join_utc) as first_join,
        max(p.leave_utc) as last_leave,
        bool_or(s.after_15_utc >= p.join_utc and s.after_15_utc < p.leave_utc) as after_15,
        bool_or(s.last_minute_utc >= p.join_utc and s.last_minute_utc < p.leave_utc) as at_end,
        -- why 0 for early joiners: a delay, not a lead; hosts joining early would pull it down
        greatest(epoch(min(p.join_utc) - any_value(s.start_utc)) / 60.0, 0) as join_delay,
        min(p.join_utc) > any_value(s.start_utc) + interval 5 minute as joined_late,
        date_trunc('minute', max(p.leave_utc))
        < date_trunc('minute', any_value(s.end_utc)) - interval 5 minute as left_early
    from sel_presence($event_id, $days, $session_ids, $regions, $stakeholders, $roles) as p
    inner join schedule as s on p.session_id = s.session_id
    group by p.session_id, p.person_key
),

leave_minutes as (
    select
        session_id,
        date_trunc('minute', last_leave) as minute_utc,
        count(*) as n
    from people
    group by session_id, minute_utc
),

most_left as (
    select
        session_id,
        arg_min(minute_utc, (-n, minute_utc)) as minute_utc,
        max(n) as n
    from leave_minutes
    group by session_id
),

per_session as (
    select
        session_id,
        count(*) as attendees,
        count(*) filter (where after_15) as present_after_15,
        count(*) filter (where at_end) as present_at_end,
        median(join_delay) as median_join_delay,
        count(*) filter (where joined_late) as joined_late,
        count(*) filter (where left_early) as left_early
    from people
    group by session_id
)

select
    s.session_id,
    s.has_schedule,
    s.schedule_source,
    to_local(s.start_utc, tz.timezone) as start_local,
    to_local(s.end_utc, tz.timezone) as end_local,
    coalesce(p.attendees, 0) as attendees,
    coalesce(p.present_after_15, 0) as present_after_15,
    p.present_after_15 / nullif(p.attendees, 0) as share_after_15,
    coalesce(p.present_at_end, 0) as present_at_end,
    p.present_at_end / nullif(p.attendees, 0) as share_at_end,
    p.median_join_delay,
    coalesce(p.joined_late, 0) as joined_late,
    coalesce(p.left_early, 0) as left_early,
    coalesce(p.attendees - p.left_early, 0) as left_at_end,
    to_local(m.minute_utc, tz.timezone) as most_left_minute,
    m.n as most_left_count
from schedule as s
cross join tz
left join per_session as p on s.session_id = p.session_id
left join most_left as m on s.session_id = m.session_id
order by s.start_utc nulls last, s.session_id
