-- name: returning_people
-- purpose: people who return across events: attendees of the selection who attended an
--          earlier event (a person key is the same normalized e-mail in every event; people
--          known by name only never match). One row per earlier event, and one total row
--          (earlier_event_id null) counting each returning person once. An event's date is its
--          start date, else its first session's day; the synthetic demo is never compared with
--          real events.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: earlier_event_id, earlier_event, earlier_start, people, attendees
with event_dates as (
    select
        e.event_id,
        e.name,
        e.is_demo,
        coalesce(
            e.start_date, (select min(s.day) from sessions as s where s.event_id = e.event_id)
        ) as start_day
    from events as e
),

here as (
    select distinct person_key
    from sel_minutes($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
),

earlier as (
    select
        d.event_id,
        d.name,
        d.start_day
    from event_dates as d
    cross join (select * from event_dates where event_id = $event_id) as cur
    where d.start_day < cur.start_day and d.is_demo = cur.is_demo
),

earlier_people as (
    select distinct
        e.event_id,
        e.name,
        e.start_day,
        m.person_key
    from earlier as e,
        lateral (select person_key from sel_minutes(e.event_id, [], [], [], [], [])) as m
)

select
    p.event_id as earlier_event_id,
    -- one event's name and date on its own row; none on the total row (any_value there would
    -- name an arbitrary earlier event)
    case when grouping(p.event_id) = 0 then any_value(p.name) end as earlier_event,
    case when grouping(p.event_id) = 0 then any_value(p.start_day) end as earlier_start,
    count(distinct p.person_key) as people,
    (select count(*) from here) as attendees
from earlier_people as p
where p.person_key in (select person_key from here)
group by grouping sets ((p.event_id), ())
order by p.event_id is not null, earlier_start, p.event_id
