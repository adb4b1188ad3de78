-- name: overrides_list
-- purpose: the organizer's stored answers (export/import as CSV on the Review page).
-- params: none
-- columns: kind, raw_key, value, created_at
select
    kind,
    raw_key,
    value,
    created_at
from overrides
order by kind, raw_key
