-- name: day_cohorts
-- purpose: repeat attendance by day: attendees grouped by the first day they attended a
--          selected session (their cohort), and how many of each cohort attended on each later
--          day. Sessions without a day are left out.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: first_day, day, days_after, people, cohort_size
with attended as (
    select distinct
        m.person_key,
        s.day
    from sel_minutes($event_id, $days, $session_ids, $regions, $stakeholders, $roles) as m
    inner join sessions as s on m.session_id = s.session_id
    where s.day is not null
),

firsts as (
    select
        person_key,
        min(day) as first_day
    from attended
    group by person_key
),

sizes as (
    select
        first_day,
        count(*) as cohort_size
    from firsts
    group by first_day
)

select
    f.first_day,
    a.day,
    date_diff('day', f.first_day, a.day) as days_after,
    count(*) as people,
    any_value(z.cohort_size) as cohort_size
from firsts as f
inner join attended as a on f.person_key = a.person_key
inner join sizes as z on f.first_day = z.first_day
group by f.first_day, a.day
order by f.first_day, a.day
