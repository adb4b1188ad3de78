-- name: sessions_list
-- purpose: an event's sessions with local times, for filters and the Sessions page.
-- params: $event_id
-- columns: session_id, title, kind, day, start_local, end_local, external_id, source,
--          session_code
select
    session_id,
    title,
    kind,
    day,
    start_local,
    end_local,
    external_id,
    source,
    session_code
from v_session_times
where event_id = $event_id
order by day nulls last, scheduled_start_utc nulls last, session_id
