-- name: import_history
-- purpose: every import, newest first, with what it brought (Data page).
-- params: none
-- columns: import_id, imported_at, file_name, format, encoding, event_id, session, status,
--          rows_read, rows_rejected, registrants, attendees, segments, replaced_by, notes
select
    i.import_id,
    i.imported_at,
    i.file_name,
    i.format,
    i.encoding,
    i.event_id,
    s.title as session,
    i.status,
    i.rows_read,
    i.rows_rejected,
    i.registrants,
    i.attendees,
    i.segments,
    i.replaced_by,
    i.notes
from imports as i
left join sessions as s on i.session_id = s.session_id
order by i.import_id desc
