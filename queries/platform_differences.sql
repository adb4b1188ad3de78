-- name: platform_differences
-- purpose: the counts that explain why the platform's figures differ from ours for one
--          session, each counted on the stored rows (every role, bots included, no filter):
--          people and join rows, note-taker bots, hosts and panelists, and the peak counted
--          step by step from Zoom's rule (connections of attendees at any instant) to ours
--          (people, no bots, every role, at minute marks).
-- params: $event_id, $session_id
-- columns: attendees, registrants, bot_registrants, registration_rows, denied_rows, joins,
--          people_with_bots, attendee_role_people, bot_only_people, staff_only_people,
--          first_join_local, last_leave_local (event clock), span_minutes, peak_zoom_rule,
--          peak_people, peak_no_bots, peak_with_staff, peak_ours
with segs as (
    select
        person_key,
        join_utc,
        leave_utc,
        role,
        is_bot,
        row_number() over () as seg_no
    from segments
    where session_id = $session_id and leave_utc >= join_utc
),

per_person as (
    select
        person_key,
        bool_and(is_bot) as only_bot,
        bool_or(role = 'attendee') as as_attendee,
        bool_or(not is_bot) as human
    from segs
    group by person_key
),

-- Which segments each step of the peak counts, and who a "one" is (a connection or a person).
steps as (
    select
        st.step,
        case when st.step = 'zoom_rule' then s.seg_no::varchar else s.person_key end as who,
        s.join_utc,
        s.leave_utc
    from segs as s
    cross join (
        select unnest(['zoom_rule', 'people', 'no_bots', 'with_staff']) as step
    ) as st
    where
        case st.step
            when 'zoom_rule' then s.role = 'attendee'
            when 'people' then s.role = 'attendee'
            when 'no_bots' then s.role = 'attendee' and not s.is_bot
            else not s.is_bot
        end
),

edges as (
    select
        step,
        who,
        join_utc as t,
        1 as d
    from steps
    union all
    select
        step,
        who,
        leave_utc as t,
        -1 as d
    from steps
),

-- A leave sorts before a join at the same instant (present from join, up to leave).
held as (
    select
        step,
        t,
        d,
        sum(d) over (partition by step, who order by t, d rows unbounded preceding) as open
    from edges
),

running as (
    select
        step,
        sum(d) over (partition by step order by t, d rows unbounded preceding) as present
    from held
    where (d = 1 and open = 1) or (d = -1 and open = 0)
),

peaks as (
    select
        max(present) filter (where step = 'zoom_rule') as peak_zoom_rule,
        max(present) filter (where step = 'people') as peak_people,
        max(present) filter (where step = 'no_bots') as peak_no_bots,
        max(present) filter (where step = 'with_staff') as peak_with_staff
    from running
),

presence as (
    select
        person_key,
        join_utc,
        leave_utc
    from v_presence
    where session_id = $session_id
),

minute_marks as (
    select
        unnest(
            generate_series(
                date_trunc('minute', min(join_utc)),
                date_trunc('minute', max(leave_utc)),
                interval 1 minute
            )
        ) as minute_utc
    from presence
),

ours as (
    select max(present) as peak_ours
    from (
        select count(distinct p.person_key) as present
        from minute_marks as m
        inner join presence as p on m.minute_utc >= p.join_utc and m.minute_utc < p.leave_utc
        group by m.minute_utc
    ) as per_minute
)

select
    (select count(distinct person_key) from presence) as attendees,
    (select count(*) from segs) as joins,
    (select count(*) from per_person) as people_with_bots,
    (select count(*) from per_person where as_attendee) as attendee_role_people,
    (select count(*) from per_person where only_bot) as bot_only_people,
    (select count(*) from per_person where human and not as_attendee) as staff_only_people,
    (
        select count(distinct person_key) from registrations
        where
            session_id = $session_id
            and status in ('approved', 'pending')
            and not is_bot
    ) as registrants,
    (
        select count(distinct person_key) from registrations
        where session_id = $session_id and status in ('approved', 'pending') and is_bot
    ) as bot_registrants,
    -- Rows of one file (registration and attendee reports both list the registrants).
    (
        select max(n) from (
            select count(*) as n from registrations
            where session_id = $session_id and status in ('approved', 'pending')
            group by import_id
        ) as per_file
    ) as registration_rows,
    (
        select max(n) from (
            select count(*) as n from registrations
            where session_id = $session_id and status = 'denied'
            group by import_id
        ) as per_file
    ) as denied_rows,
    to_local((select min(join_utc) from segs), e.timezone) as first_join_local,
    to_local((select max(leave_utc) from segs), e.timezone) as last_leave_local,
    (select epoch(max(leave_utc) - min(join_utc)) / 60.0 from segs) as span_minutes,
    p.peak_zoom_rule,
    p.peak_people,
    p.peak_no_bots,
    p.peak_with_staff,
    coalesce(o.peak_ours, 0) as peak_ours
from peaks as p
cross join ours as o
cross join (select timezone from events where event_id = $event_id) as e
