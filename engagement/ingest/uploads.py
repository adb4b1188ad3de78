"""The Data page's uploads, parsed once per browser session (issue 11).

Streamlit reruns the page on every click; without this each rerun parsed every upload again
(a file of unknown layout twice). `state` is the session's st.session_state (any mutable
mapping), so this module needs no streamlit. The parse holds no lock and runs in a process of
its own (ingest.worker): other sessions' pages go on while it runs, and only the commit
(ingest.store) takes turns with other writers.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping

from . import worker
from .pipeline import event_draft, prepare, sha256, summarize
from .records import EventDraft, ImportRequest, Prepared

PREPARED = "_prepared_uploads"
DRAFTS = "_event_drafts"
FIGURES = "_upload_figures"
KEEP = 8  # requests remembered per session (a batch of files and their column mappings)


def prepare_once(
    state: MutableMapping, con, request: ImportRequest, reader=worker.read_file
) -> Prepared:
    """prepare(con, request), remembered by the file's sha256 and the request's options; a
    refusal (BadFileError, UnknownLayout) is remembered too and raised again without parsing.
    The file is read by `reader` (by default in a worker process; the session match and later
    the commit stay here, on the app's connection)."""
    key = (
        sha256(request.data),
        request.file_name,
        request.event_id,
        request.tz,
        json.dumps(request.mapping, sort_keys=True),
        request.new_event,
    )
    cache = state.setdefault(PREPARED, {})
    if key not in cache:
        try:
            cache[key] = prepare(con, request, reader=reader)
        except worker.ReadStopped:  # the worker died or took too long: uploading again retries
            raise
        except Exception as exc:  # BadFileError and UnknownLayout: shown by the page
            cache[key] = exc
        while len(cache) > KEEP:
            cache.pop(next(iter(cache)))
    found = cache[key]
    if isinstance(found, Exception):
        raise found
    return found


def figures_once(state: MutableMapping, prep: Prepared) -> dict:
    """summarize(prep) (keys every person of the file: seconds on a large one), once per
    prepared file rather than on every rerun of the page."""
    figures = state.setdefault(FIGURES, {})
    if id(prep) not in figures:
        while len(figures) >= KEEP:
            figures.pop(next(iter(figures)))
        figures[id(prep)] = (prep, summarize(prep))  # prep kept: its id stays its own
    return figures[id(prep)][1]


def event_draft_once(state: MutableMapping, uploads) -> EventDraft:
    """event_draft of this batch of uploads (Streamlit UploadedFile: file_id, name, getvalue),
    computed once per batch."""
    key = tuple(u.file_id for u in uploads)
    drafts = state.setdefault(DRAFTS, {})
    if key not in drafts:
        drafts.clear()
        drafts[key] = event_draft([(u.getvalue(), u.name) for u in uploads])
    return drafts[key]


def forget_prepared(state: MutableMapping) -> None:
    """After an import: the database changed, so session matches are made afresh."""
    state.pop(PREPARED, None)
    state.pop(FIGURES, None)
