-- The semantic layer: every page and download reads figures through these views and macros,
-- so each figure's definition (engagement/metrics.py says it in words) is written once. Rebuilt on
-- every migrate().

-- Raw country text -> ISO3, an organizer's override winning over the resolver ('-' = none).
create or replace view v_country_resolution as
select
    l.raw,
    case
        when o.value is null then l.iso3
        when o.value = '-' then null
        else o.value
    end as iso3,
    case when o.value is null then l.reason else 'override' end as reason,
    l.suggestion
from country_lookup as l
left join overrides as o on o.kind = 'country' and o.raw_key = lower(trim(l.raw));

-- Registrations with the organizer's overrides applied.
create or replace view v_registration_facts as
select
    r.*,  -- noqa: AM04
    cr.iso3 as declared_iso3,
    cr.reason as declared_reason,
    coalesce(ot.value, oo.value, r.stakeholder) as stakeholder_eff,
    case
        when ot.value is not null then 'override:org_type'
        when oo.value is not null then 'override:organization'
        else r.stakeholder_rule
    end as stakeholder_rule_eff
from registrations as r
left join v_country_resolution as cr on r.country_raw = cr.raw
left join overrides as ot on ot.kind = 'org_type' and ot.raw_key = lower(trim(r.org_type_raw))
left join overrides as oo on oo.kind = 'organization' and oo.raw_key = lower(trim(r.organization));

-- One row per person and event: country (declared at registration, else the platform's),
-- stakeholder type, gender. Bots are not people here.
create or replace view v_person_profile as
with reg as (
    select
        event_id,
        person_key,
        -- "Select country", "none", "-": the resolver calls these empty, and an empty answer
        -- is no declaration, so the platform's country still counts.
        bool_or(
            coalesce(trim(country_raw), '') <> '' and coalesce(declared_reason, '') <> 'empty'
        ) as declared_any,
        -- The latest registration wins; ties (same time, or no time) are broken by the value
        -- itself, so that the same database always gives the same figures.
        arg_max(declared_iso3, (coalesce(registered_at_utc, timestamp '1900-01-01'), declared_iso3))
        filter (where declared_iso3 is not null) as declared_iso3,
        arg_max(country_raw, (coalesce(registered_at_utc, timestamp '1900-01-01'), country_raw))
        filter (
            where coalesce(trim(country_raw), '') <> '' and coalesce(declared_reason, '') <> 'empty'
        ) as declared_raw,
        -- Type and rule come from the same registration, so they travel as one pair.
        arg_max(
            { 'type': stakeholder_eff, 'rule': stakeholder_rule_eff },
            (
                coalesce(registered_at_utc, timestamp '1900-01-01'),
                stakeholder_eff,
                stakeholder_rule_eff
            )
        ) filter (where stakeholder_eff <> 'unknown') as stakeholder_pick,
        arg_max(gender, (coalesce(registered_at_utc, timestamp '1900-01-01'), gender))
        filter (where gender <> 'unknown') as gender
    from v_registration_facts
    where not is_bot
    group by event_id, person_key
),

platform_counts as (
    select
        s.event_id,
        s.person_key,
        cr.iso3,
        s.country_raw,
        count(*) as n
    from segments as s
    inner join v_country_resolution as cr on s.country_raw = cr.raw
    where not s.is_bot and cr.iso3 is not null
    group by s.event_id, s.person_key, cr.iso3, s.country_raw
),

-- The country a person's segments name most often; a tie goes to the code (and spelling)
-- that sorts last, so the choice never depends on the order rows were read.
per_code as (
    select
        event_id,
        person_key,
        iso3,
        sum(n) as n
    from platform_counts
    group by event_id, person_key, iso3
),

platform_iso3 as (
    select
        event_id,
        person_key,
        arg_max(iso3, (n, iso3)) as platform_iso3
    from per_code
    group by event_id, person_key
),

platform as (
    select
        c.event_id,
        c.person_key,
        p.platform_iso3,
        arg_max(c.country_raw, (c.n, c.country_raw)) as platform_raw
    from platform_counts as c
    inner join platform_iso3 as p on c.event_id = p.event_id and c.person_key = p.person_key
    group by c.event_id, c.person_key, p.platform_iso3
),

persons as (
    select
        event_id,
        person_key
    from registrations where not is_bot
    union
    select
        event_id,
        person_key
    from segments where not is_bot
),

resolved as (
    select
        p.event_id,
        p.person_key,
        case when coalesce(r.declared_any, false) then r.declared_iso3 else pl.platform_iso3 end
            as iso3,
        case
            when coalesce(r.declared_any, false) then 'registration'
            when pl.platform_iso3 is not null then 'platform'
        end as country_source,
        coalesce(r.declared_raw, pl.platform_raw) as country_raw,
        coalesce(r.stakeholder_pick.type, 'unknown') as stakeholder,
        coalesce(r.stakeholder_pick.rule, 'none') as stakeholder_rule,
        coalesce(r.gender, 'unknown') as gender
    from persons as p
    left join reg as r on p.event_id = r.event_id and p.person_key = r.person_key
    left join platform as pl on p.event_id = pl.event_id and p.person_key = pl.person_key
)

select
    x.*,
    case
        when x.iso3 is not null then null
        when x.country_raw is null then 'no country given'
        else coalesce(cr.reason, 'unknown')
    end as country_reason,
    c.who_name as country_name,
    c.who_region,
    c.member_type,
    c.wb_income_group
from resolved as x
left join countries as c on x.iso3 = c.iso3
left join v_country_resolution as cr on x.country_raw = cr.raw;

-- Each person's presence per session with overlapping segments merged (no double counting of
-- two devices). Bots excluded.
create or replace view v_presence as
with ordered as (
    select
        event_id,
        session_id,
        person_key,
        join_utc,
        leave_utc,
        max(leave_utc) over (
            partition by event_id, session_id, person_key
            order by join_utc, leave_utc
            rows between unbounded preceding and 1 preceding
        ) as prev_leave
    from segments
    where not is_bot and leave_utc >= join_utc
),

islands as (
    select
        *,
        sum(case when prev_leave is null or join_utc > prev_leave then 1 else 0 end) over (
            partition by event_id, session_id, person_key
            order by join_utc, leave_utc
            rows unbounded preceding
        ) as island
    from ordered
)

select
    event_id,
    session_id,
    person_key,
    island,
    min(join_utc) as join_utc,
    max(leave_utc) as leave_utc
from islands
group by event_id, session_id, person_key, island;

-- Platform roles, most senior first: a person's role in a session is the most senior role any
-- of their segments has (a panelist who also joined as an attendee counts as a panelist), so
-- the role filter splits a session's people into disjoint groups.
create or replace macro role_order() as ['host', 'co-host', 'presenter', 'panelist', 'attendee'];

-- --- Schedule (retention against the schedule, issue 9 item 8) ------------------------------
-- The times a session is measured against, and where they come from (schedule_source):
-- 'programme': the event's programme (planned start and end);
-- 'platform': no programme session, but an active import of the session states the platform's
--   schedule (Zoom's registration report: Scheduled Time and Duration, in platform_figures);
-- 'observed': neither; the session's stored times are the file's own start (else first join)
--   and last leave, or, when an import stored none, the merged presence's span.
-- has_schedule is false only for 'observed', and pages say so.
create or replace view v_session_schedule as
-- Merged presence spans exactly what its segments span, so the observed span is read from
-- the segments themselves: no merging (v_presence's windows) over every event's segments.
with observed as (
    select
        session_id,
        min(join_utc) as first_join,
        max(leave_utc) as last_leave
    from segments
    where not is_bot and leave_utc >= join_utc
    group by session_id
),

platform as (
    select
        i.session_id,
        max(f.value_utc) filter (where f.figure = 'scheduled_start') as start_utc,
        max(f.value) filter (where f.figure = 'scheduled_minutes') as minutes
    from platform_figures as f
    inner join imports as i on f.import_id = i.import_id
    where i.status = 'active' and i.session_id is not null
    group by i.session_id
),

sourced as (
    select
        s.event_id,
        s.session_id,
        s.scheduled_start_utc,
        s.scheduled_end_utc,
        p.start_utc as platform_start,
        p.start_utc + to_seconds(cast(p.minutes * 60 as bigint)) as platform_end,
        o.first_join,
        o.last_leave,
        case
            when
                s.source = 'programme'
                and s.scheduled_start_utc is not null
                and s.scheduled_end_utc is not null
                then 'programme'
            when p.start_utc is not null and p.minutes > 0 then 'platform'
            else 'observed'
        end as schedule_source
    from sessions as s
    left join observed as o on s.session_id = o.session_id
    left join platform as p on s.session_id = p.session_id
)

select
    event_id,
    session_id,
    schedule_source,
    schedule_source <> 'observed' as has_schedule,
    case schedule_source
        when 'platform' then platform_start
        else coalesce(scheduled_start_utc, first_join)
    end as start_utc,
    case schedule_source
        when 'platform' then platform_end
        else coalesce(scheduled_end_utc, last_leave)
    end as end_utc
from sourced;

-- Each person's attendance of each session: minutes (the union of their segments), role, and
-- whether they "attended" by the event's rule (attended_rules; no row = any presence):
-- 'minutes': at least N minutes; 'percent': at least X % of the session's length, which is
-- its scheduled length (v_session_schedule: programme, else the platform's schedule), else, for
-- a session without one, its stored span or its observed span (first join to last leave of
-- anyone present, bots excluded).
create or replace view v_attendance as
with per_person as (
    select
        event_id,
        session_id,
        person_key,
        sum(epoch(leave_utc - join_utc)) as seconds,
        min(join_utc) as first_join,
        max(leave_utc) as last_leave
    from v_presence
    group by event_id, session_id, person_key
),

roles as (
    select
        event_id,
        session_id,
        person_key,
        min(list_position(role_order(), coalesce(platform_role, role))) as role_rank
    from segments
    where not is_bot and leave_utc >= join_utc
    group by event_id, session_id, person_key
),

spans as (
    select
        s.event_id,
        s.session_id,
        case
            when s.end_utc > s.start_utc then epoch(s.end_utc - s.start_utc)
            else epoch(max(p.last_leave) - min(p.first_join))
        end as length_seconds,
        s.end_utc > s.start_utc as scheduled
    from v_session_schedule as s
    inner join per_person as p on s.event_id = p.event_id and s.session_id = p.session_id
    group by s.event_id, s.session_id, s.start_utc, s.end_utc
)

select
    p.event_id,
    p.session_id,
    p.person_key,
    p.seconds / 60.0 as minutes,
    coalesce(role_order()[r.role_rank], 'attendee') as role,
    sp.length_seconds / 60.0 as session_minutes,
    coalesce(sp.scheduled, false) as scheduled,
    coalesce(a.rule, 'any') as rule,
    -- Compared in seconds, scaled by 100, so 45 of 90 minutes is exactly 50 %.
    case coalesce(a.rule, 'any')
        when 'minutes' then p.seconds >= a.value * 60
        when 'percent' then p.seconds * 100 >= a.value * sp.length_seconds
        else true
    end as attended
from per_person as p
left join roles as r
    on p.event_id = r.event_id and p.session_id = r.session_id and p.person_key = r.person_key
left join spans as sp on p.event_id = sp.event_id and p.session_id = sp.session_id
left join attended_rules as a on p.event_id = a.event_id;

-- The selection every figure is computed on. Empty lists mean "no filter".
create or replace macro sel_sessions(ev, days, session_ids) as table
    select session_id
    from sessions
    where
        event_id = ev
        and (len(days) = 0 or list_contains(days, day))
        and (len(session_ids) = 0 or list_contains(session_ids, session_id));

create or replace macro sel_people(ev, regions, stakeholders) as table
    select *  -- noqa: AM04
    from v_person_profile
    where
        event_id = ev
        and (len(regions) = 0 or list_contains(regions, coalesce(who_region, 'unknown')))
        and (len(stakeholders) = 0 or list_contains(stakeholders, stakeholder));

-- Registrants: active (not cancelled, not denied) registration for a selected session, or for
-- the whole event (Eventbrite, Indico) while no day or session is selected: it says nothing
-- about which sessions the person meant to attend. Registrations carry no role: `roles` is
-- taken only so every sel_* macro has the same filters, and does not narrow registrants.
create or replace macro sel_registrations(ev, days, session_ids, regions, stakeholders, roles)
as table
    select r.*  -- noqa: AM04
    from registrations as r
    where
        r.event_id = ev
        and r.status in ('approved', 'pending')
        and not r.is_bot
        and (
            (r.session_id is null and len(days) = 0 and len(session_ids) = 0)
            or r.session_id in (select session_id from sel_sessions(ev, days, session_ids))
        )
        and (
            -- without a region or stakeholder filter every person passes: no profiles to build
            (len(regions) = 0 and len(stakeholders) = 0)
            or r.person_key in (
                select person_key from sel_people(ev, regions, stakeholders)
                where len(regions) > 0 or len(stakeholders) > 0
            )
        );

-- Everyone present (merged presence), whether or not they meet the event's attended rule:
-- what the presence curve and the peak count (platform truth, comparable with the platform's
-- own concurrent figure). `roles`: platform roles (empty = all), by the person's session role.
create or replace macro sel_present(ev, days, session_ids, regions, stakeholders, roles) as table
    select
        p.*,  -- noqa: AM04
        a.role as session_role,
        a.attended
    from v_presence as p
    inner join v_attendance as a
        on p.event_id = a.event_id and p.session_id = a.session_id and p.person_key = a.person_key
    where
        p.event_id = ev
        and p.session_id in (select session_id from sel_sessions(ev, days, session_ids))
        and (
            (len(regions) = 0 and len(stakeholders) = 0)
            or p.person_key in (
                select person_key from sel_people(ev, regions, stakeholders)
                where len(regions) > 0 or len(stakeholders) > 0
            )
        )
        and (len(roles) = 0 or list_contains(roles, a.role));

-- Attendees' presence: only the sessions a person attended by the event's rule. Every attendee
-- figure (attendees, show rate, minutes, leave times, countries, downloads) reads this.
create or replace macro sel_presence(ev, days, session_ids, regions, stakeholders, roles)
as table
    select p.*  -- noqa: AM04
    from sel_present(ev, days, session_ids, regions, stakeholders, roles) as p
    where p.attended;

-- The people a figure counts: attendees (merged presence) or registrants, as the page asks.
create or replace macro sel_basis(ev, days, session_ids, regions, stakeholders, roles, basis)
as table
    select distinct person_key
    from sel_presence(ev, days, session_ids, regions, stakeholders, roles)
    where basis = 'attendees'
    union
    select distinct person_key
    from sel_registrations(ev, days, session_ids, regions, stakeholders, roles)
    where basis = 'registrants';

create or replace macro sel_basis_profile(
    ev, days, session_ids, regions, stakeholders, roles, basis
) as table
    select p.*  -- noqa: AM04
    from v_person_profile as p
    where
        p.event_id = ev
        and p.person_key in (
            select person_key
            from sel_basis(ev, days, session_ids, regions, stakeholders, roles, basis)
        );

-- Minutes attended, per person and session attended: the length of the union of their segments.
create or replace macro sel_minutes(ev, days, session_ids, regions, stakeholders, roles) as table
    select
        session_id,
        person_key,
        sum(epoch(leave_utc - join_utc)) / 60.0 as minutes
    from sel_presence(ev, days, session_ids, regions, stakeholders, roles)
    group by session_id, person_key;

-- WHO Member States in the selected regions (all of them without a region filter): what
-- "Member States reached" and "not reached" are counted out of, read from the reference table.
create or replace macro sel_member_states(regions) as table
    select
        iso3,
        who_name,
        who_region
    from countries
    where
        member_type = 'member'
        and (len(regions) = 0 or list_contains(regions, who_region));

-- Share by group: people in the group / people whose group is known; unknown gets no share.
create or replace macro share_of_known(people, known) as case
    when known then people / sum(people) filter (where known) over ()
end;

-- Stored UTC -> the event's wall clock.
create or replace macro to_local(ts, tz) as timezone(tz, timezone('UTC', ts));

-- Sessions with their scheduled times on the event's wall clock.
create or replace view v_session_times as
select
    s.*,  -- noqa: AM04
    to_local(s.scheduled_start_utc, e.timezone) as start_local,
    to_local(s.scheduled_end_utc, e.timezone) as end_local
from sessions as s
inner join events as e on s.event_id = e.event_id;

-- People present at each minute mark (hh:mm:00) of each selected session: simultaneous
-- presence, as Zoom counts concurrent views. Everyone present counts, attended rule or not
-- (sel_present): the peak stays comparable with the platform's.
-- Counted as a sweep, not by joining every minute to every stay (slow at a million people): a
-- stay [join, leave) covers the marks from its join rounded up to its leave rounded up, so it
-- adds 1 at the first and takes 1 at the second, and a running sum gives the count. A person's
-- stays in a session never overlap (v_presence merges them), so this counts people.
create or replace macro sel_curve(ev, days, session_ids, regions, stakeholders, roles) as table
    with presence as (
        select
            session_id,
            join_utc,
            leave_utc,
            date_trunc('minute', join_utc) as join_minute,
            date_trunc('minute', leave_utc) as leave_minute
        from sel_present(ev, days, session_ids, regions, stakeholders, roles)
    ),

    bounds as (
        select
            session_id,
            min(join_minute) as first_minute,
            max(leave_minute) as last_minute
        from presence
        group by session_id
    ),

    minutes as (
        select
            session_id,
            unnest(generate_series(first_minute, last_minute, interval 1 minute)) as minute_utc
        from bounds
    ),

    steps as (
        select
            session_id,
            minute_utc,
            sum(step) as step
        from (
            select
                session_id,
                case
                    when join_utc = join_minute then join_minute
                    else join_minute + interval 1 minute
                end as minute_utc,
                1 as step
            from presence
            union all
            select
                session_id,
                case
                    when leave_utc = leave_minute then leave_minute
                    else leave_minute + interval 1 minute
                end as minute_utc,
                -1 as step
            from presence
        ) as edges
        group by session_id, minute_utc
    )

    select
        m.session_id,
        m.minute_utc,
        cast(
            coalesce(
                sum(s.step) over (
                    partition by m.session_id order by m.minute_utc rows unbounded preceding
                ),
                0
            ) as bigint
        ) as present
    from minutes as m
    left join steps as s on m.session_id = s.session_id and m.minute_utc = s.minute_utc;

-- Sessions of an event whose every attendance row comes from an on-site check-in list: a
-- badge scan is an arrival, not a stay, so minutes, peak concurrent and retention are not
-- measured for them (their figures are null, never 0 min or "peak = everyone").
create or replace macro checkin_only_sessions(ev) as table
    select g.session_id
    from segments as g
    inner join imports as i on g.import_id = i.import_id
    where g.event_id = ev
    group by g.session_id
    having bool_and(i.format = 'checkin_list');
