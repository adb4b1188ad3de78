-- name: events
-- purpose: the events the filters offer, newest first.
-- params: none
-- columns: event_id, name, timezone, start_date, end_date, is_demo
select
    event_id,
    name,
    timezone,
    start_date,
    end_date,
    is_demo
from events
order by start_date desc nulls last, event_id asc
