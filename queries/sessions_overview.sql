-- name: sessions_overview
-- purpose: one row per selected session: registrants, attendees, show rate, minutes, peak.
--          A session known only from check-in lists (checkin_only) has no minutes or peak
--          (null: a badge scan is an arrival, not a stay).
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: session_id, day, title, kind, start_local, registrants, attendees, show_rate,
--          avg_minutes, median_minutes, peak_concurrent, peak_minute, checkin_only
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
            as median_minutes,
        c.session_id in (select k.session_id from checkin_only_sessions($event_id) as k)
            as checkin_only
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
    case when not s.checkin_only then s.avg_minutes end as avg_minutes,
    case when not s.checkin_only then s.median_minutes end as median_minutes,
    case when not s.checkin_only then coalesce(p.peak_concurrent, 0) end as peak_concurrent,
    case
        when not s.checkin_only then to_local(p.peak_minute_utc, tz.timezone)
    end as peak_minute,
    s.checkin_only
from per_session as s
cross join tz
left join peaks as p on s.session_id = p.session_id
order by s.day nulls last, s.scheduled_start_utc nulls last, s.session_id
