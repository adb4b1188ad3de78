"""The dashboard pages' figures, shared by every session: each chart builder of
engagement.charts, remembered by the content of its arguments.

Twenty sessions reading a page built the same plotly figures twenty times in the one server
process, under one GIL: with the queries cached, building figures (plotly checks every
property it is given) was most of a page's own CPU (a figure 0.1-0.6 s, serializing it 5 ms).
A builder is a pure function of its arguments (query frames, words, numbers), so the key is a
digest of the arguments themselves, not of the filters: a figure is found only by a session
that already holds the very rows it is drawn from. So it can never be older than the data (an
import changes the query results, hence the key) nor show one role rows it could not read.
A returned figure is shared: callers must not change it (st.plotly_chart copies it first).
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable

import pandas as pd

from . import charts

PROTOCOL = pickle.HIGHEST_PROTOCOL
# Most figures are 10-50 kB (the minutes histogram holds its bins, not every attendee's
# minutes), so a few MB at most, beside the query cache's own rows.
MAX_FIGURES = 128

_figures: OrderedDict[bytes, object] = OrderedDict()
_lock = threading.Lock()
_building: dict[bytes, threading.Lock] = {}
stats = {"built": 0, "shared": 0}  # for tests and the load script


def _feed(digest, value) -> None:
    """Every value of `value` into the digest. Pickles are self-delimiting, so the stream is
    unambiguous; frames go column by column because a frame's own pickle follows its memory
    layout (a frame fresh from DuckDB and its copy out of the query cache pickle differently)
    and pickle writes an object met twice as a back reference (so which equal values happen to
    be one object would change the bytes). Equal inputs fed differently only cost a build."""
    if isinstance(value, pd.DataFrame):
        digest.update(f"F{value.shape[1]}".encode() + pickle.dumps(value.index, PROTOCOL))
        for i, column in enumerate(value.columns):
            digest.update(pickle.dumps((column, str(value.dtypes.iloc[i])), PROTOCOL))
            digest.update(pickle.dumps(value.iloc[:, i].array, PROTOCOL))
    elif isinstance(value, pd.Series):
        digest.update(b"S" + pickle.dumps((value.name, str(value.dtype)), PROTOCOL))
        digest.update(pickle.dumps(value.index, PROTOCOL) + pickle.dumps(value.array, PROTOCOL))
    elif isinstance(value, (dict, list, tuple)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        digest.update(f"{type(value).__name__}{len(value)}".encode())
        for label, item in items:
            _feed(digest, label)
            _feed(digest, item)
    else:
        digest.update(pickle.dumps(value, PROTOCOL))


def _key(name: str, args: tuple, kwargs: dict) -> bytes:
    digest = hashlib.blake2b(name.encode(), digest_size=20)
    _feed(digest, (args, sorted(kwargs.items())))
    return digest.digest()


def _found(key: bytes):
    with _lock:
        fig = _figures.get(key)
        if fig is not None:
            _figures.move_to_end(key)
            stats["shared"] += 1
        return fig


def shared(build: Callable) -> Callable:
    """build(*args, **kwargs), built once for all sessions while the same inputs come back.
    Sessions asking for a figure being built wait for it instead of building it again (after
    an import every session's caches are cold at once)."""
    name = f"{build.__module__}.{build.__qualname__}"

    def figure(*args, **kwargs):
        key = _key(name, args, kwargs)
        fig = _found(key)
        if fig is not None:
            return fig
        with _lock:
            gate = _building.setdefault(key, threading.Lock())
        with gate:
            fig = _found(key)
            if fig is not None:
                return fig
            try:
                fig = build(*args, **kwargs)
            except BaseException:
                with _lock:
                    _building.pop(key, None)
                raise
            with _lock:  # stored before the gate goes, so no one builds it a second time
                _figures[key] = fig
                _building.pop(key, None)
                stats["built"] += 1
                while len(_figures) > MAX_FIGURES:
                    _figures.popitem(last=False)
        return fig

    figure.__doc__ = build.__doc__
    figure.__wrapped__ = build
    return figure


def clear() -> None:
    with _lock:
        _figures.clear()


registrations_over_time = shared(charts.registrations_over_time)
member_state_map = shared(charts.member_state_map)
region_bars = shared(charts.region_bars)
stakeholder_bars = shared(charts.stakeholder_bars)
stakeholder_by_region = shared(charts.stakeholder_by_region)
stakeholder_region_heatmap = shared(charts.stakeholder_region_heatmap)
gender_bars = shared(charts.gender_bars)
gender_within = shared(charts.gender_within)
income_bars = shared(charts.income_bars)
speakers_bars = shared(charts.speakers_bars)
session_bars = shared(charts.session_bars)
attendance_curve = shared(charts.attendance_curve)
minutes_histogram = shared(charts.minutes_histogram)
leave_curve = shared(charts.leave_curve)
sessions_per_person_bars = shared(charts.sessions_per_person_bars)
cohort_heatmap = shared(charts.cohort_heatmap)
overlap_heatmap = shared(charts.overlap_heatmap)
edition_share_bars = shared(charts.edition_share_bars)
