-- name: import_rejects
-- purpose: the rows an import could not read, with line number and reason.
-- params: $import_id
-- columns: line, reason, raw
select
    line,
    reason,
    raw
from import_rejects
where import_id = $import_id
order by line
