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
from dataclasses import replace

from . import worker
from .pipeline import event_draft, prepare, sha256, summarize
from .records import EventDraft, ImportRequest, Prepared, ReadFile

PREPARED = "_prepared_uploads"
DRAFTS = "_event_drafts"
FIGURES = "_upload_figures"
READS = "_read_uploads"
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
            cache[key] = prepare(con, request, reader=_read_once(state, key[0], reader))
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


def _read_once(state: MutableMapping, sha: str, reader):
    """`reader` remembered by what the read depends on (the file, its zone, mapping and the
    saved profiles), not by the new event's name or dates: typing the name reads nothing again."""

    def read(request: ImportRequest, tz, profiles) -> ReadFile:
        key = (sha, request.file_name, tz, json.dumps(request.mapping, sort_keys=True))
        key += (request.max_bytes, json.dumps(profiles, sort_keys=True, default=str))
        reads = state.setdefault(READS, {})
        if key not in reads:
            reads[key] = reader(request, tz, profiles)
            while len(reads) > KEEP:
                reads.pop(next(iter(reads)))
        found = reads[key]
        # New frame objects over the same data (copy-on-write): a commit adding a column to
        # one Prepared never reaches another.
        return replace(
            found,
            registrations=found.registrations.copy(deep=False),
            segments=found.segments.copy(deep=False),
            rejects=found.rejects.copy(deep=False),
        )

    return read


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
    state.pop(READS, None)
