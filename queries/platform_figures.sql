-- name: platform_figures
-- purpose: the platform's own figures for one session, as its exports state them (Zoom's
--          Unique Viewers, Total Users, Max Concurrent Views; Teams' participants; actual
--          start and end), one row per figure from the newest active import stating it.
-- params: $event_id, $session_id
-- columns: figure, label, value (a number, else null), value_local (a time on the event's
--          clock, else null), platform (Zoom | Teams | Webex | the format), import_id
with stated as (
    select
        f.figure,
        f.label,
        f.value,
        f.value_utc,
        i.import_id,
        i.format
    from platform_figures as f
    inner join imports as i on f.import_id = i.import_id
    where
        i.event_id = $event_id
        and i.session_id = $session_id
        and i.status = 'active'
    qualify row_number() over (partition by f.figure order by i.import_id desc) = 1
)

select
    s.figure,
    s.label,
    s.value,
    to_local(s.value_utc, e.timezone) as value_local,
    case
        when s.format like 'zoom%' then 'Zoom'
        when s.format like 'teams%' then 'Teams'
        when s.format like 'webex%' then 'Webex'
        else s.format
    end as platform,
    s.import_id
from stated as s
cross join (select timezone from events where event_id = $event_id) as e
order by s.figure
