-- name: session_overlap
-- purpose: repeat attendance: for every pair of selected sessions, the attendees who came to
--          both (a session paired with itself gives its attendees); 0 when nobody did.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: session_a, session_b, shared
with attended as (
    select distinct
        session_id,
        person_key
    from sel_minutes($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
),

chosen as (
    select
        s.session_id,
        s.day,
        s.scheduled_start_utc
    from sessions as s
    where s.session_id in (select session_id from sel_sessions($event_id, $days, $session_ids))
),

pairs as (
    select
        a.session_id as session_a,
        b.session_id as session_b,
        count(*) as shared
    from attended as a
    inner join attended as b on a.person_key = b.person_key
    group by a.session_id, b.session_id
)

select
    a.session_id as session_a,
    b.session_id as session_b,
    coalesce(p.shared, 0) as shared
from chosen as a
cross join chosen as b
left join pairs as p on a.session_id = p.session_a and b.session_id = p.session_b
order by
    a.day nulls last, a.scheduled_start_utc nulls last, a.session_id,
    b.day nulls last, b.scheduled_start_utc nulls last, b.session_id
