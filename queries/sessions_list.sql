-- name: sessions_list
-- purpose: an event's sessions with local times, for filters and the Sessions page.
-- params: $event_id
-- columns: session_id, title, kind, day, start_local, end_local, external_id, source
select
    s.session_id,
    s.title,
    s.kind,
    s.day,
    to_local(s.scheduled_start_utc, e.timezone) as start_local,
    to_local(s.scheduled_end_utc, e.timezone) as end_local,
    s.external_id,
    s.source
from sessions as s
inner join events as e on s.event_id = e.event_id
where s.event_id = $event_id
order by s.day nulls last, s.scheduled_start_utc nulls last, s.session_id
