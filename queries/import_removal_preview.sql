-- name: import_removal_preview
-- purpose: what removing one import takes away, shown before the organizer confirms: its rows,
--   the people only this import knows (they leave every figure) and whether it is demo data.
-- params: $import_id
-- columns: file_name, event_id, is_demo, registrations, segments, rejected_rows, people_only_here
with own_people as (
    select person_key from registrations where import_id = $import_id
    union
    select person_key from segments where import_id = $import_id
),

elsewhere as (
    select person_key from registrations where import_id <> $import_id
    union
    select person_key from segments where import_id <> $import_id
)

select
    i.file_name,
    i.event_id,
    e.is_demo,
    (select count(*) from registrations where import_id = $import_id) as registrations,
    (select count(*) from segments where import_id = $import_id) as segments,
    (select count(*) from import_rejects where import_id = $import_id) as rejected_rows,
    (
        select count(*) from own_people
        where person_key not in (select person_key from elsewhere)
    ) as people_only_here
from imports as i
inner join events as e on i.event_id = e.event_id
where i.import_id = $import_id
