-- name: registrations_by_day
-- purpose: new registrants per day (by each person's first active registration) and the
--          running total, days in the event's time zone.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: day (date), new_registrants, cumulative
with firsts as (
    select
        r.person_key,
        min(r.registered_at_utc) as first_utc
    from sel_registrations($event_id, $days, $session_ids, $regions, $stakeholders, $roles) as r
    where r.registered_at_utc is not null
    group by r.person_key
),

per_day as (
    select
        cast(to_local(f.first_utc, e.timezone) as date) as day,
        count(*) as new_registrants
    from firsts as f
    cross join (select timezone from events where event_id = $event_id) as e
    group by day
)

select
    day,
    new_registrants,
    cast(sum(new_registrants) over (order by day) as bigint) as cumulative
from per_day
order by day
