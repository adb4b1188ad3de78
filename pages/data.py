"""Data (organizers): upload exports, preview, import, history, rejected rows, programme."""

import zlib
from dataclasses import replace
from zoneinfo import available_timezones

import streamlit as st

from engagement import ingest, limits, programme, ui
from engagement.formats import generic
from engagement.ingest import preview, worker
from engagement.ingest import uploads as upload_cache
from engagement.model import BadFileError, UnknownLayout
from engagement.text import md_escape

ui.require("organizer")
worker.warm()  # the process that will read the next upload, its imports done meanwhile

st.title("Data")
st.caption(
    "Import Zoom, Teams, Eventbrite, Indico or Webex exports, or any CSV/XLSX table. The same "
    "file twice changes nothing; a newer export of the same webinar or meeting (same ID, same "
    "occurrence) replaces the older one."
)
events = ui.query("events")
real = events[~events["is_demo"]]
NEW = "+ New event"
names = dict(zip(real["event_id"], real["name"], strict=True))
c1, c2 = st.columns(2)
event_id = c1.selectbox(
    "Import into event",
    [*names, NEW],
    key="imp_event",
    format_func=lambda e: e if e == NEW else f"{names[e]} ({e})",
    help="The synthetic demo event takes no real files.",
)
tz, draft = None, None
if event_id == NEW:
    c2.caption(
        "The new event is created with the first import: upload its files, then check its "
        "name, time zone and dates (offered from the files)."
    )
else:
    tz = c2.text_input(
        "Time zone the files were exported in",
        value=events.set_index("event_id")["timezone"].get(event_id, "UTC"),
        key="imp_tz",
        help="Zoom and Teams write local times without a zone: the zone of the account that "
        "downloaded the report.",
    )

files = st.file_uploader(
    "Export files",
    type=["csv", "txt", "xlsx", "xls", "tsv"],
    accept_multiple_files=True,
    max_upload_size=limits.MAX_UPLOAD_BYTES // limits.MB,
    key="uploads",
)


def new_event_form(uploads) -> ingest.EventDraft | None:
    """Name, zone and dates of the new event, offered from the files; None until valid."""
    offered = upload_cache.event_draft_once(st.session_state, uploads)
    # Keys change with the batch, so other files bring their own defaults.
    batch = zlib.crc32("|".join(u.name for u in uploads).encode())
    n1, n2, n3, n4 = st.columns([3, 2, 1, 1])
    name = n1.text_input("New event's name", value=offered.name, key=f"ev_name_{batch}")
    zones = sorted(available_timezones())
    zone = n2.selectbox(
        "Its time zone (also the files' zone)",
        zones,
        index=zones.index(offered.timezone) if offered.timezone in zones else zones.index("UTC"),
        key=f"ev_tz_{batch}",
        help="Zoom and Teams write local times without a zone: the zone of the account that "
        "downloaded the reports. Offered: a zone a file names, else UTC.",
    )
    start = n3.date_input("First day", value=offered.start_date, key=f"ev_start_{batch}")
    end = n4.date_input("Last day", value=offered.end_date, key=f"ev_end_{batch}")
    if not name.strip():
        st.info("Give the new event a name to import its files.")
        return None
    if start and end and end < start:
        st.error("The event's last day is before its first day: correct one of them.")
        return None
    # A slug of letters, digits and "-" only: nothing to escape.
    event_slug = ingest.unique_event_id(ui.cursor(), name.strip())
    st.caption(f"Created as event {event_slug} with the first import.")
    return ingest.EventDraft(name.strip(), zone, start or None, end or None)


if event_id == NEW:
    draft = new_event_form(files) if files else None
    event_id, tz = (None, draft.timezone) if draft else ("", None)
    if draft is None:
        files = []
sessions = ui.query("sessions_list", event_id=event_id or "")
session_labels = ui.session_labels(sessions)

prepared = []
for upload in files or []:
    with st.container(border=True):
        st.markdown(f"**{md_escape(upload.name)}** · {upload.size / 1024:,.0f} KB")
        try:  # from its size, before its bytes are touched
            limits.check_size(upload.size, upload.name, limits.MAX_UPLOAD_BYTES)
        except BadFileError as exc:
            st.error(md_escape(exc), icon=":material/error:")
            continue
        request = ingest.ImportRequest(
            upload.getvalue(),
            upload.name,
            event_id,
            tz,
            actor=ui.actor(),
            new_event=draft,
            max_bytes=limits.MAX_UPLOAD_BYTES,
        )
        try:
            prep = upload_cache.prepare_once(st.session_state, ui.cursor(), request)
        except UnknownLayout as exc:
            header = exc.header
            if not header:
                st.error(md_escape(exc), icon=":material/error:")
                continue
            st.info(
                "Unknown layout: tell the dashboard which column holds what. "
                + ("" if str(exc).startswith("This file is not a layout") else md_escape(exc))
            )
            guess = generic.suggest_mapping(header)
            mapping = {}
            cols = st.columns(4)
            for i, field in enumerate(generic.FIELDS):
                options = ["—", *header]
                default = guess.get(field)
                choice = cols[i % 4].selectbox(
                    field.replace("_", " ").capitalize(),
                    options,
                    index=options.index(default) if default in options else 0,
                    key=f"map_{upload.name}_{field}",
                )
                if choice != "—":
                    mapping[field] = choice
            profile = st.text_input(
                "Save as profile named",
                key=f"prof_{upload.name}",
                value=upload.name.rsplit(".", 1)[0],
            )
            try:
                prep = upload_cache.prepare_once(
                    st.session_state, ui.cursor(), replace(request, mapping=mapping)
                )
            except BadFileError as exc:
                st.error(md_escape(exc), icon=":material/error:")
                continue
            prep.profile = ingest.ColumnProfile(profile, header, mapping)
        except BadFileError as exc:
            st.error(md_escape(exc), icon=":material/error:")
            continue
        figures = upload_cache.figures_once(st.session_state, prep)
        st.text(preview.file_sentence(prep, figures))
        st.text(preview.match_sentence(prep, session_labels))
        chosen = None
        if prep.match.how != "event-level":
            options = [ingest.NEW_SESSION, *session_labels]
            matched = prep.match.session_id
            default = matched if matched in session_labels else ingest.NEW_SESSION
            new_label = preview.match_sentence(
                replace(prep, match=replace(prep.match, session_id=None)), {}
            )
            chosen = st.selectbox(
                "Session",
                options,
                index=options.index(default),
                format_func=lambda s, t=new_label: (
                    t.rstrip(".") if s == ingest.NEW_SESSION else session_labels[s]
                ),
                key=f"sess_{upload.name}",
                help="Change it only when the file belongs to another session.",
            )
            if chosen == default:
                # Left as offered: the engine's match, made again at commit (a sibling file of
                # the batch may create this file's session first); only a change is a choice.
                chosen = None
        for note in prep.report.notes:
            st.caption(md_escape(note))
        with st.expander("Preview"):
            ui.table(preview.preview_table(prep), hide_index=True)
            if len(prep.rejects):
                ui.table(preview.rejects_table(prep), hide_index=True)
        prepared.append((prep, chosen))

if prepared and st.button("Import", type="primary", icon=":material/upload:"):
    bar = st.progress(0.0, text="Importing…")
    results = []
    for i, (prep, chosen) in enumerate(prepared, start=1):
        try:
            result = ingest.commit(ui.cursor(), prep, chosen, actor=ui.actor())
        except BadFileError as exc:
            result = ingest.ImportResult(file=prep.file_name, status="failed", error=str(exc))
        results.append(result.as_dict())
        bar.progress(i / len(prepared), text=f"Imported {i} of {len(prepared)}")
    ui.data_changed()
    upload_cache.forget_prepared(st.session_state)
    st.session_state["last_results"] = results

if st.session_state.get("last_results"):
    st.markdown("#### Last import")
    for r in st.session_state["last_results"]:
        if r["status"] == "failed":
            st.error(
                f"{md_escape(r['file'])}: not imported. {md_escape(r['error'])}",
                icon=":material/error:",
            )
        else:
            st.success(md_escape(preview.result_sentence(r)), icon=":material/check_circle:")
    ui.table(
        preview.results_table(st.session_state["last_results"]), hide_index=True, width="stretch"
    )


@st.dialog("Remove this import?")
def confirm_removal(import_id: int) -> None:
    what = ui.query("import_removal_preview", import_id=import_id)
    if what.empty:
        st.info(f"Import #{import_id} no longer exists.")
        return
    row = what.iloc[0]
    if row.is_demo:
        st.warning(
            "This import belongs to the synthetic demo event and cannot be removed.",
            icon=":material/block:",
        )
        return
    st.markdown(f"Import #{import_id}: **{md_escape(row.file_name)}**. Removing it deletes:")
    st.markdown(
        f"- {row.registrations:,} registration rows and {row.segments:,} attendance rows\n"
        f"- {row.rejected_rows:,} rows kept from the file that could not be read\n"
        f"- {row.people_only_here:,} people known only from this file (their names and "
        "e-mail addresses go too, and they leave every figure)"
    )
    st.caption("This cannot be undone; the file can be imported again.")
    left, right = st.columns(2)
    if left.button("Remove", type="primary", icon=":material/delete:", key="rm_confirm"):
        try:
            ingest.remove_import(ui.cursor(), import_id, actor=ui.actor())
        except BadFileError as exc:
            st.error(md_escape(exc))
            return
        ui.data_changed()
        st.rerun()
    if right.button("Cancel", key="rm_cancel"):
        st.rerun()


st.markdown("#### Import history")
history = ui.query("import_history")
if history.empty:
    st.caption("Nothing imported yet.")
else:
    history["format"] = history["format"].map(ingest.FORMAT_LABELS).fillna(history["format"])
    ui.table(
        history,
        hide_index=True,
        width="stretch",
        column_config={
            "import_id": "#",
            "imported_at": st.column_config.DatetimeColumn("Imported (UTC)"),
            "file_name": "File",
            "format": "Format",
            "encoding": "Encoding",
            "event_id": "Event",
            "session": "Session",
            "status": "Status",
            "rows_read": "Rows read",
            "rows_rejected": "Rows rejected",
            "registrants": "Registrants",
            "attendees": "Attendees",
            "segments": "Segments",
            "replaced_by": "Replaced by #",
            "notes": "Notes",
        },
    )
    c1, c2 = st.columns(2)
    names = history.set_index("import_id")["file_name"]
    pick = c1.selectbox(
        "Import",
        history["import_id"].tolist(),
        key="hist_pick",
        format_func=lambda i: f"#{i} · {names[i]}",
    )
    rejects = ui.query("import_rejects", import_id=int(pick))
    c1.caption(f"{len(rejects):,} rejected rows in import #{pick}")
    if len(rejects):
        ui.table(
            rejects,
            hide_index=True,
            width="stretch",
            column_config={"line": "Line", "reason": "Why it was not read", "raw": "Row (as read)"},
        )
    current = history.set_index("import_id").at[pick, "session"]
    own_event = history.set_index("import_id").at[pick, "event_id"]
    own = ui.query("sessions_list", event_id=own_event)
    own_labels = ui.session_labels(own)
    target = c2.selectbox(
        "Move this import to session",
        [None, *own_labels],
        key="hist_move",
        format_func=lambda s: f"(keep: {current})" if s is None else own_labels[s],
    )
    if target is not None and c2.button("Move", key="hist_move_go"):
        ingest.move_import(ui.cursor(), int(pick), int(target), actor=ui.actor())
        ui.data_changed()
        st.rerun()
    demo_import = bool(events.set_index("event_id")["is_demo"].get(own_event, False))
    if c2.button(
        "Remove this import and everything it brought…",
        icon=":material/delete:",
        disabled=demo_import,
        help="The synthetic demo's imports cannot be removed." if demo_import else None,
    ):
        confirm_removal(int(pick))

st.markdown("#### Programme")
viewed = ui.event_meta()  # the event chosen in the sidebar
prog_event, prog_tz = viewed.get("event_id"), viewed.get("timezone", "UTC")
if prog_event:
    read_only = bool(viewed.get("is_demo"))
    st.caption(
        f"Sessions of {md_escape(viewed.get('name', prog_event))} (the event chosen in the "
        "sidebar), in "
        f"{prog_tz} time; imports are matched to them by webinar or meeting ID on the same day, "
        "else by start time. "
        + (
            "The demo programme is read-only."
            if read_only
            else f"Edits are saved to the database and to data/programme/{prog_event}.csv."
        )
    )
    edited = ui.editor(
        programme.current(ui.cursor(), prog_event),
        hide_index=True,
        width="stretch",
        disabled=True if read_only else ["session_id"],
        key="programme_editor",
        column_config={
            "session_id": None,
            "session_code": "Code",
            "title": st.column_config.TextColumn("Title", width="large", required=True),
            "kind": st.column_config.SelectboxColumn(
                "Kind", options=programme.KINDS, required=True
            ),
            "day": st.column_config.DateColumn("Day", required=True),
            "start_local": "Starts (HH:MM)",
            "end_local": "Ends (HH:MM)",
            "external_id": "Webinar / meeting ID",
        },
    )
    if not read_only and st.button("Save programme", icon=":material/save:"):
        try:
            programme.save(ui.cursor(), prog_event, prog_tz, edited, actor=ui.actor())
        except ValueError as exc:
            st.error(md_escape(exc))
        else:
            ui.data_changed()
            st.success("Programme saved.")
