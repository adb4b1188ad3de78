-- name: minutes_per_person
-- purpose: minutes attended per person (union of their segments, summed over sessions).
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: minutes
select sum(epoch(leave_utc - join_utc)) / 60.0 as minutes
from sel_presence($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
group by person_key
order by minutes
