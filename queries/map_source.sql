-- name: map_source
-- purpose: where an event's figures come from, for the map's source line and "data as of":
--          the formats and number of its active imports, and the latest export time (the
--          file's "report generated" time, else when it was imported), in UTC.
-- params: $event_id
-- columns: formats, files, data_as_of
select
    count(*) as files,
    max(coalesce(generated_at, imported_at)) as data_as_of,
    string_agg(distinct format, ', ' order by format) as formats
from imports
where event_id = $event_id and status = 'active'
