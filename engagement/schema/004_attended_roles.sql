-- Schema version 4 (issue 9, items 6 and 7).
-- The organizer's definition of "attended", one row per event; an event without a row uses
-- 'any' (any presence). 'minutes': at least `value` minutes in the session; 'percent': at least
-- `value` % of the session's length (scheduled, else observed: see views.sql v_attendance).
-- A table of its own rather than columns of events, so inserts into events keep their shape.
create table attended_rules (
    event_id varchar primary key,
    rule varchar not null check (rule in ('any', 'minutes', 'percent')),
    value double not null check (value >= 0),
    changed_at timestamp not null,
    changed_by varchar not null
);
-- The platform's own role (host, co-host, presenter, panelist, attendee); segments.role keeps
-- the coarse three. Rows imported before this version only knew the coarse role.
alter table segments add column platform_role varchar;
update segments set platform_role = role;
