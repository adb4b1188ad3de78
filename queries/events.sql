-- name: events
-- purpose: the events the filters offer, the first being the default: real events newest
--          first, then the synthetic demo events oldest first (WLPF 2021, the demo every page
--          opens on, stays the default when the later demo editions are loaded).
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
order by
    is_demo asc,
    case when not is_demo then start_date end desc nulls last,
    start_date asc nulls last,
    event_id asc
