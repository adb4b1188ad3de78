"""Admin: the audit log, erasing a person, the retention and suppression settings."""

import pandas as pd
import streamlit as st

from engagement import audit, db, privacy, settings, ui
from engagement.text import md_escape

ui.require("admin")
st.title("Admin")
st.caption(
    "Who did what, and the personal-data controls: erase a person by e-mail, remove names and "
    "e-mails some days after an event ends, and the smallest count shown in downloads."
)

if st.session_state.get("adm_done"):
    st.success(st.session_state.pop("adm_done"), icon=":material/check_circle:")

st.markdown("#### Audit log")
cur = ui.cursor()
try:
    everything = audit.entries(cur)
    c1, c2 = st.columns(2)
    actions = c1.multiselect(
        "Action",
        [a for a in audit.ACTIONS if a in set(everything["action"])],
        format_func=audit.ACTIONS.get,
        key="adm_actions",
        placeholder="All actions",
    )
    actors = c2.multiselect(
        "Who",
        sorted(set(everything["actor"])),
        key="adm_actors",
        placeholder="Everyone",
    )
    log = privacy.audit_table(cur, actions, actors)
    k = settings.suppression_k(cur)
    days = settings.retention_days(cur)
finally:
    cur.close()
st.caption(f"{len(log):,} entries, newest first. Times are UTC.")
ui.table(
    log,
    hide_index=True,
    width="stretch",
    column_config={"When (UTC)": st.column_config.DatetimeColumn("When (UTC)")},
)
ui.download(
    "Audit log (CSV)",
    lambda: privacy.audit_csv(log),
    "audit_log.csv",
    "text/csv",
    what="audit log",
    icon=":material/download:",
)

st.markdown("#### Erase a person")
st.caption(
    "Removes every registration, attendance and reject-log row of the person with this "
    "e-mail, replaces the address wherever else it was typed, recomputes every figure, and "
    "rewrites the database file so nothing of it stays on disk. The audit log keeps only the "
    "address's domain and the counts."
)
email = st.text_input("E-mail address", key="adm_erase_email").strip()
if email:
    cur = ui.cursor()
    try:
        preview = privacy.erasure_preview(cur, email)
    except privacy.NotAnEmail:
        preview = None
        st.error("That is not an e-mail address.", icon=":material/error:")
    finally:
        cur.close()
    if preview is not None and not preview["found"]:
        st.info("No one with this address is in the database; nothing to erase.")
    elif preview is not None:
        what = {**preview["rows"], **{f"{k} (replaced)": v for k, v in preview["mentions"].items()}}
        st.table(pd.DataFrame({"Rows": what}).rename_axis("What goes"))
        sure = st.checkbox(
            "I understand that this cannot be undone.", key=f"adm_erase_sure_{email}"
        )
        if st.button("Erase this person", type="primary", disabled=not sure, key="adm_erase"):
            try:
                ui.with_file_closed(privacy.erase_person_file, ui.actor(), email)
            except db.DatabaseLocked as exc:
                st.error(md_escape(exc), icon=":material/lock:")
            else:
                st.session_state["adm_done"] = (
                    f"Erased the person with an address at {md_escape(preview['email_domain'])}; "
                    "the database file was rewritten."
                )
                del st.session_state["adm_erase_email"]
                st.rerun()
st.markdown("#### Retention")
st.caption(
    "Names, e-mails, custom registration answers and raw rejected rows of an event are blanked "
    "this many days after it ends (0 = never). Pseudonymous person keys, countries, "
    "organizations and stakeholder types stay, so every figure stays the same. The synthetic "
    "demo is never blanked."
)
c1, c2 = st.columns([1, 2])
new_days = c1.number_input(
    "Days after an event ends", min_value=0, max_value=3650, value=days, step=30, key="adm_days"
)
if new_days != days and c1.button("Save retention setting", key="adm_days_save"):
    cur = ui.cursor()
    try:
        settings.put(cur, ui.actor(), "retention_days", int(new_days))
    finally:
        cur.close()
    st.rerun()
cur = ui.cursor()
try:
    due = privacy.retention_preview(cur)
finally:
    cur.close()
if not days:
    c2.info("Retention is off.")
elif not due["events"]:
    c2.info("No event ended more than that many days ago.")
else:
    c2.text(
        f"Past the period: {', '.join(due['events'])}. To blank: {due['people']:,} people's "
        f"names and e-mails, {due['answers']:,} registrations' answers, "
        f"{due['reject_lines']:,} raw rejected rows."
    )
    sure = c2.checkbox("I understand that this cannot be undone.", key="adm_ret_sure")
    if c2.button("Apply retention now", disabled=not sure, key="adm_ret_apply"):
        try:
            ui.with_file_closed(privacy.apply_retention_file, ui.actor())
        except db.DatabaseLocked as exc:
            st.error(md_escape(exc), icon=":material/lock:")
        else:
            st.session_state["adm_done"] = "Retention applied; the database file was rewritten."
            st.rerun()

st.markdown("#### Small counts in downloads")
new_k = st.number_input(
    "Smallest count shown (cells counting fewer people show as <k)",
    min_value=3,
    max_value=100,
    value=k,
    key="adm_k",
)
if new_k != k and st.button("Save threshold", key="adm_k_save"):
    cur = ui.cursor()
    try:
        settings.put(cur, ui.actor(), "suppression_k", int(new_k))
    finally:
        cur.close()
    st.rerun()

st.markdown("#### Who has which role")
policy = ui.access_policy()
if policy.local_mode:
    st.caption(
        "Local mode: no sign-in is configured, so the one local user has organizer rights. "
        'Roles apply once sign-in is configured (README, "Sign-in and roles").'
    )
roles = pd.DataFrame(
    [
        {"Role": role, "Address or domain": entry}
        for role, entries in (
            ("admin", policy.admins),
            ("organizer", policy.organizers),
            ("viewer", policy.viewers),
        )
        for entry in sorted(entries)
    ],
    columns=["Role", "Address or domain"],
)
# st.table: a static table with no export button, so "@who.int" is shown as written.
st.table(roles, hide_index=True)
st.caption(
    "From the [access] lists of the server's secrets file; a signed-in person listed nowhere is "
    "refused. Change the file and restart the server to change a role."
)
