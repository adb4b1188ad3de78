-- name: attended_rule
-- purpose: the event's definition of attended (engagement/attended.py says it in words); an
--          event without a rule counts any presence.
-- params: $event_id
-- columns: rule ('any', 'minutes' or 'percent'), value (N minutes or X %; 0 for 'any')
select
    coalesce(max(rule), 'any') as rule,
    coalesce(max(value), 0) as value
from attended_rules
where event_id = $event_id
