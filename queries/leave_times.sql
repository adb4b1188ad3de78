-- name: leave_times
-- purpose: when people left: count of people whose last leave of a session falls in a minute.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: minute (local timestamp), left_count
with last_leave as (
    select
        session_id,
        person_key,
        max(leave_utc) as leave_utc
    from sel_presence($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
    group by session_id, person_key
)

select
    to_local(date_trunc('minute', l.leave_utc), e.timezone) as minute,
    count(*) as left_count
from last_leave as l
cross join (select timezone from events where event_id = $event_id) as e
group by minute
order by minute
