-- name: data_as_of
-- purpose: how recent an event's figures are, for the view line at the top of every page: the
--          latest of its active imports (the file's own export time, else when it was imported)
--          and how many active imports its figures come from.
-- params: $event_id
-- columns: data_as_of (timestamp, null without imports), from_export (true when data_as_of is
--          an export's "generated" time, false when it is an import time), imports
select
    max(coalesce(generated_at, imported_at)) as data_as_of,
    arg_max(generated_at is not null, coalesce(generated_at, imported_at)) as from_export,
    count(*) as imports
from imports
where event_id = $event_id and status = 'active'
