-- name: checkin_sessions
-- purpose: an event's sessions with attendance, each marked when every attendance row of it
--          comes from an on-site check-in list (a badge scan is an arrival, not a stay: minutes,
--          peak concurrent and retention are not measured for such a session).
-- params: $event_id
-- columns: session_id, checkin_only (true: check-in scans only)
select
    g.session_id,
    g.session_id in (select c.session_id from checkin_only_sessions($event_id) as c)
        as checkin_only
from segments as g
where g.event_id = $event_id
group by g.session_id
order by g.session_id
