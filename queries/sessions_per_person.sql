-- name: sessions_per_person
-- purpose: repeat attendance: how many of the selected sessions each attendee came to, in
--          bands 1, 2 and 3 or more (every band listed, 0 when nobody is in it).
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles
-- columns: sessions_attended ('1', '2', '3+'), people
with per_person as (
    select
        person_key,
        count(distinct session_id) as n
    from sel_minutes($event_id, $days, $session_ids, $regions, $stakeholders, $roles)
    group by person_key
)

select
    b.band as sessions_attended,
    count(p.person_key) as people
from (values ('1', 1), ('2', 2), ('3+', 3)) as b (band, band_order)
left join per_person as p on b.band = case when p.n >= 3 then '3+' else cast(p.n as varchar) end
group by b.band, b.band_order
order by b.band_order
