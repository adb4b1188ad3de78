"""The CPU-heavy part of an upload (pipeline.read_file: decode, parse, classify) in a process of
its own, so that one organizer's import cannot stall every other session's pages (issue 11).

Streamlit runs every session's script as a thread of one process: a parse running there holds
the GIL for most of a minute on a large file and every viewer waits. Here the app's thread only
waits (the GIL released) while a spawned process reads the file; the app keeps the database work
(session match, commit), as only one process may open the database file and DuckDB releases the
GIL while it runs SQL. The worker is bounded: its address space (RLIMIT_AS), its time (killed
after TIME_S), and how many run at once (MAX_WORKERS). A worker that dies, runs out of memory or
time gives the organizer a sentence; it never touched the database, so nothing changed there.

The result comes back through a temporary file (pickle protocol 5, deleted right after it is
read) rather than a pipe: the parent reads it in one go after the worker has exited, and never
holds a half-sent result. The command line keeps reading in its own process (nothing to stall).
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from .. import faults
from ..model import BadFileError, UnknownLayout
from .records import ImportRequest, ReadFile

# A 60 MB upload (the Data page's limit, about 270,000 Zoom rows) peaks near 0.9 GB resident in
# the worker; the bound on its address space leaves room for that, not for a runaway file.
MEMORY_BYTES = 4 * 2**30
TIME_S = 600  # a 200,000-row report reads in about 15 s on a quiet 2-core machine
MAX_WORKERS = 2  # files read at once (each its own process); more organizers take turns
_SLOTS = threading.BoundedSemaphore(MAX_WORKERS)
# A fresh interpreter (`python -m engagement.ingest.worker`), not a fork of the server with its
# threads, locks and connection, and not multiprocessing's spawn either: spawn re-runs the
# parent's __main__ in the child, and inside Streamlit __main__ is the page script itself.
_COMMAND = [sys.executable, "-m", "engagement.ingest.worker"]
_ROOT = Path(__file__).resolve().parents[2]
# One process started ahead, its imports done (pandas and the parsers take seconds to import),
# that takes the next file and then exits: each file gets a fresh process whose memory goes
# back to the system when it ends, without waiting for the imports.
_spare: tuple | None = None  # (process, its memory bound)
_spare_lock = threading.Lock()


class ReadStopped(BadFileError):
    """The worker died or ran out of time: nothing is wrong with the file as far as we know, so
    the refusal is not remembered (uploads.prepare_once) and uploading it again tries again."""


def warm(memory_bytes: int = MEMORY_BYTES) -> None:
    """Start the spare worker now (the Data page calls this when it opens) if none waits."""
    global _spare
    with _spare_lock:
        if _spare is None or _spare[0].poll() is not None or _spare[1] != memory_bytes:
            _retire(_spare)
            _spare = _start(memory_bytes)


def read_file(
    request: ImportRequest,
    tz: str | None,
    profiles: dict[str, dict],
    *,
    timeout_s: float = TIME_S,
    memory_bytes: int = MEMORY_BYTES,
) -> ReadFile:
    """pipeline.read_file(request, tz, profiles) in a worker process: the same ReadFile, or the
    same BadFileError / UnknownLayout; a sentence when the worker runs out of memory
    (BadFileError), dies or runs out of time (ReadStopped)."""
    with _SLOTS, tempfile.TemporaryDirectory(prefix="wlpf-read-") as tmp:
        proc = _take(memory_bytes)
        out = Path(tmp) / "read.pickle"
        try:  # the crash test's moment travels with the file: the spare started before it
            pickle.dump((request, tz, profiles, str(out), os.environ.get(faults.ENV)), proc.stdin)
            proc.stdin.close()
        except OSError:  # the spare died while waiting
            proc.kill()
            proc.wait()
            raise ReadStopped(_died(request.file_name)) from None
        try:
            proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise ReadStopped(_too_slow(request.file_name, timeout_s)) from None
        if not out.exists():  # killed, crashed, or out of memory outside Python's reach
            raise ReadStopped(_died(request.file_name))
        with out.open("rb") as f:
            outcome = pickle.load(f)
    return _result(request.file_name, outcome, memory_bytes)


def _start(memory_bytes: int) -> tuple:
    proc = subprocess.Popen(
        [*_COMMAND, str(memory_bytes)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        cwd=_ROOT,
    )
    return proc, memory_bytes


def _retire(spare: tuple | None) -> None:
    """End a spare that will not be used (ended, or started with another bound)."""
    if spare is not None:
        spare[0].kill()
        spare[0].wait()


def _take(memory_bytes: int) -> subprocess.Popen:
    """The spare worker (or a new one), and a new spare started behind it."""
    global _spare
    with _spare_lock:
        found = _spare
        if found is None or found[0].poll() is not None or found[1] != memory_bytes:
            _retire(found)
            found = _start(memory_bytes)
        _spare = _start(memory_bytes)
    return found[0]


def _serve(memory_bytes: int) -> None:
    """In the worker: bound the address space, import, wait for one file on stdin, read it,
    write the outcome for the parent, exit."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        from engagement.ingest.pipeline import read_file as read_here  # under the bound
    except MemoryError:
        read_here = None
    try:
        request, tz, profiles, out, kill_at = pickle.load(sys.stdin.buffer)
    except EOFError:  # the server ended, or never sent a file
        return
    os.environ.pop(faults.ENV, None)  # the app's setting when it sent the file, not at spawn
    if kill_at:
        os.environ[faults.ENV] = kill_at
    try:
        if read_here is None:
            raise MemoryError
        outcome = ("ok", read_here(request, tz, profiles))
    except UnknownLayout as exc:  # its header is not in args: pickled by hand
        outcome = ("unknown-layout", str(exc), exc.header)
    except BadFileError as exc:
        outcome = ("bad", str(exc))
    except MemoryError:
        outcome = ("memory",)
    except Exception as exc:  # a bug: the organizer gets a sentence, the type says which
        outcome = ("error", type(exc).__name__)
    partial = Path(out).with_suffix(".part")
    with partial.open("wb") as f:
        pickle.dump(outcome, f, protocol=5)
    partial.replace(out)  # the parent never reads half a result


def _result(file_name: str, outcome: tuple, memory_bytes: int) -> ReadFile:
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "unknown-layout":
        raise UnknownLayout(outcome[1], outcome[2])
    if kind == "bad":
        raise BadFileError(outcome[1])
    if kind == "memory":
        raise BadFileError(
            f"{file_name} needs more than the {memory_bytes / 2**30:.1f} GB of memory one "
            "upload may use, so it was not imported and nothing changed. Export a shorter date "
            "range or split the report, then upload the parts."
        )
    raise BadFileError(
        f"{file_name} could not be read: the dashboard met an internal error ({outcome[1]}), "
        "so nothing was imported and nothing changed. Try again; if it happens again, send "
        "the file's name and time to the dashboard's maintainers."
    )


def _too_slow(file_name: str, timeout_s: float) -> str:
    return (
        f"{file_name} took longer than {timeout_s:,g} s to read, so reading it was stopped "
        "and nothing changed. Export a shorter date range or split the report, then upload the "
        "parts (or import it from the command line)."
    )


def _died(file_name: str) -> str:
    return (
        f"Reading {file_name} stopped unexpectedly (the process reading it ended), so nothing "
        "was imported and nothing changed. Upload it again; if it fails again, export a "
        "shorter date range or split the report."
    )


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
