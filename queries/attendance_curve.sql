-- name: attendance_curve
-- purpose: people present per minute (event time zone) for the selected session(s).
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: session_id, minute (local timestamp), present
select
    c.session_id,
    to_local(c.minute_utc, e.timezone) as minute,
    c.present
from sel_curve($event_id, $days, $session_ids, $regions, $stakeholders, $roles) as c
cross join (select timezone from events where event_id = $event_id) as e
order by c.session_id, c.minute_utc
