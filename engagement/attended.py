"""The organizer's definition of "attended", set per event (table attended_rules, migration 004).

The rule is applied once, in the semantic layer (engagement/schema/views.sql, v_attendance and
sel_presence), so every attendee figure, chart and download follows it; this module stores it
(audited) and says it in words beside the figures."""

from __future__ import annotations

from dataclasses import dataclass

from . import audit
from .db import first_row, transaction

RULES = ("any", "minutes", "percent")
RULE_LABELS = {
    "any": "Any presence",
    "minutes": "At least N minutes in the session",
    "percent": "At least X % of the session's length",
}
# Largest value each rule accepts: a day of minutes; a whole session.
LIMITS = {"any": 0.0, "minutes": 24 * 60.0, "percent": 100.0}


@dataclass(frozen=True)
class Rule:
    rule: str = "any"
    value: float = 0.0

    def sentence(self) -> str:
        """ "Attended = present at least 10 minutes", as stated beside the figures."""
        if self.rule == "minutes":
            return f"Attended = present at least {_num(self.value)} minutes in the session"
        if self.rule == "percent":
            return (
                f"Attended = present at least {_num(self.value)} % of the session's scheduled "
                "length (its observed span when it has no schedule)"
            )
        return "Attended = present at any time in the session"


def _num(value: float) -> str:
    return f"{value:g}"


def validated(rule: str, value: float | None) -> Rule:
    """The rule as stored, or ValueError with a sentence saying what is allowed."""
    if rule not in RULES:
        raise ValueError(f"The attended rule must be one of {', '.join(RULES)}, not {rule!r}.")
    if rule == "any":
        return Rule()
    if value is None:
        raise ValueError(f"The rule {rule!r} needs a value.")
    value = float(value)
    if not 0 < value <= LIMITS[rule]:
        unit = "minutes" if rule == "minutes" else "%"
        raise ValueError(
            f"The {rule} value must be above 0 and at most {_num(LIMITS[rule])} {unit}, "
            f"not {_num(value)}."
        )
    return Rule(rule, value)


def get(con, event_id: str) -> Rule:
    row = first_row(
        con, "select rule, value from attended_rules where event_id = $ev", {"ev": event_id}
    )
    return Rule() if row is None else Rule(row[0], float(row[1]))


def put(con, actor: audit.Actor, event_id: str, rule: str, value: float | None = None) -> Rule:
    """Store the event's rule and audit the change in the same transaction."""
    chosen = validated(rule, value)
    if first_row(con, "select 1 from events where event_id = $ev", {"ev": event_id}) is None:
        raise ValueError(f"No event {event_id!r} in the database.")
    with transaction(con):
        con.execute(
            "insert or replace into attended_rules values "
            "($ev, $rule, $value, current_timestamp::timestamp, $by)",
            {"ev": event_id, "rule": chosen.rule, "value": chosen.value, "by": actor.identity},
        )
        audit.record(
            con, actor, "attended_rule", event_id, {"rule": chosen.rule, "value": chosen.value}
        )
    return chosen
