-- name: leave_times
-- purpose: when people left: count of people whose last leave of a session falls in a minute,
--          with that minute's distance from the session's scheduled end (its observed end
--          when it has no programme schedule) and whether those people left early (more than
--          5 minutes before the end's minute) or at the end.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: session_id, minute (local timestamp), left_count, minutes_from_end (negative =
--          before the end), left_early
with last_leave as (
    select
        session_id,
        person_key,
        date_trunc('minute', max(leave_utc)) as minute_utc
    from sel_presence($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
    group by session_id, person_key
)

select
    l.session_id,
    to_local(l.minute_utc, e.timezone) as minute,
    count(*) as left_count,
    cast(epoch(l.minute_utc - date_trunc('minute', s.end_utc)) // 60 as integer)
        as minutes_from_end,
    l.minute_utc < date_trunc('minute', s.end_utc) - interval 5 minute as left_early
from last_leave as l
inner join v_session_schedule as s on l.session_id = s.session_id
cross join (select timezone from events where event_id = $event_id) as e
group by l.session_id, l.minute_utc, e.timezone, s.end_utc
order by l.session_id, l.minute_utc
