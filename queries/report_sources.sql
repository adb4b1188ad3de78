-- name: report_sources
-- purpose: the files a report's figures come from, for its "Sources" and "data as of": the
--          event's active imports for the selected days and sessions (files for the whole
--          event, such as event-wide registrations, always). Aggregate: no personal data.
-- params: $event_id, $days, $session_ids
-- columns: format, file_name, session, exported_at (UTC: the file's "report generated" time,
--          else when it was imported)
select
    i.format,
    i.file_name,
    s.title as session,
    coalesce(i.generated_at, i.imported_at) as exported_at
from imports as i
left join sessions as s on i.session_id = s.session_id
where
    i.event_id = $event_id
    and i.status = 'active'
    and (
        i.session_id is null
        or i.session_id in (
            select sel.session_id
            from sel_sessions($event_id, $days, $session_ids) as sel
        )
    )
order by exported_at asc, i.file_name asc
