-- name: sessions_overview
-- purpose: one row per selected session: registrants, attendees, show rate, minutes, peak.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: session_id, day, title, kind, start_local, registrants, attendees, show_rate,
--          avg_minutes, median_minutes, peak_concurrent, peak_minute
with tz as (
    select timezone from events where event_id = $event_id
),

chosen as (
    select
        s.session_id,
        s.day,
        s.title,
        s.kind,
        s.scheduled_start_utc
    from sessions as s
    where s.session_id in (select session_id from sel_sessions($event_id, $days, $session_ids))
),

registrants as (
    select
        c.session_id,
        r.person_key
    from chosen as c
    inner join
        sel_registrations($event_id, $days, $session_ids, $regions, $stakeholders, $roles) as r
        on c.session_id = r.session_id
    group by c.session_id, r.person_key
),

minutes as (
    select
        session_id,
        person_key,
        minutes
    from sel_minutes($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
),

peaks as (
    select
        session_id,
        max(present) as peak_concurrent,
        arg_min(minute_utc, (-present, minute_utc)) as peak_minute_utc
    from sel_curve($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
    group by session_id
),

per_session as (
    select
        c.session_id,
        c.day,
        c.title,
        c.kind,
        c.scheduled_start_utc,
        (select count(*) from registrants as r where r.session_id = c.session_id) as registrants,
        (select count(*) from minutes as m where m.session_id = c.session_id) as attendees,
        (
            select count(*) from registrants as r
            where
                r.session_id = c.session_id
                and r.person_key in (
                    select m.person_key from minutes as m where m.session_id = c.session_id
                )
        ) as registrants_attended,
        (select avg(m.minutes) from minutes as m where m.session_id = c.session_id)
            as avg_minutes,
        (select median(m.minutes) from minutes as m where m.session_id = c.session_id)
            as median_minutes
    from chosen as c
)

select
    s.session_id,
    s.day,
    s.title,
    s.kind,
    to_local(s.scheduled_start_utc, tz.timezone) as start_local,
    s.registrants,
    s.attendees,
    s.registrants_attended / nullif(s.registrants, 0) as show_rate,
    s.avg_minutes,
    s.median_minutes,
    coalesce(p.peak_concurrent, 0) as peak_concurrent,
    to_local(p.peak_minute_utc, tz.timezone) as peak_minute
from per_session as s
cross join tz
left join peaks as p on s.session_id = p.session_id
order by s.day nulls last, s.scheduled_start_utc nulls last, s.session_id
