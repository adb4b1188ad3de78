"""Named moments of an import at which a test kills the process outright (kill -9), to prove
that a crash anywhere leaves a database that opens with every earlier import intact.

Set ENGAGEMENT_KILL_AT=<moment> in a child process's environment; unset (always, outside the
crash test) each call is one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "ENGAGEMENT_KILL_AT"
# In order: parse phase (decode, tables read), then the commit's write phase.
MOMENTS = (
    "decoded",
    "table-read",
    "transaction-begun",
    "people-written",
    "rows-written",
    "import-recorded",
    "before-commit",
    "after-commit",
)


def moment(name: str) -> None:
    """Kill this process with SIGKILL when the environment names this moment."""
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
