"""The synthetic demo: WLPF 2021 (Zoom webinar Registration and Attendee reports, one pair a day)
and the in-person WLPF 2023 and 2025 (registration list + daily check-in lists: editions).

catalogues: who the people are; population, registrations, attendance: the simulation;
zoom_export: the report files; expected: the figures the dashboard must show for them.
"""

from .catalogues import NO_ANSWER, UNRESOLVABLE
from .editions import EDITIONS, edition_figures, generate_editions, simulate_editions
from .event import (
    DEFAULT_SEED,
    DEMO_DIR,
    DEMO_NOTE,
    DEMO_NOTES,
    EVENT_ID,
    load_countries,
    load_programme,
)
from .expected import figures
from .zoom_export import (
    CUSTOM_QUESTIONS,
    STANDARD_FIELDS,
    fmt_actual_start,
    fmt_row_time,
    fmt_scheduled,
    generate,
    minutes_in_session,
    spaced_id,
)

__all__ = [
    "CUSTOM_QUESTIONS",
    "DEFAULT_SEED",
    "DEMO_DIR",
    "DEMO_NOTE",
    "DEMO_NOTES",
    "EDITIONS",
    "EVENT_ID",
    "NO_ANSWER",
    "STANDARD_FIELDS",
    "UNRESOLVABLE",
    "edition_figures",
    "figures",
    "fmt_actual_start",
    "fmt_row_time",
    "fmt_scheduled",
    "generate",
    "generate_editions",
    "load_countries",
    "load_programme",
    "minutes_in_session",
    "simulate_editions",
    "spaced_id",
]
