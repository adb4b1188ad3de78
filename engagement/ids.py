"""Meeting and webinar IDs in the one form the programme, every parser and the database share."""

from __future__ import annotations


def meeting_id(value: object) -> str | None:
    """Letters and digits only, lower-case; None when nothing is left.

    Zoom prints "812 3456 7890" or "812-3456-7890", Teams a GUID in either case and with or
    without hyphens, and organizers type either into the programme: all must compare equal.
    """
    if value is None:
        return None
    text = "".join(ch for ch in str(value) if ch.isalnum()).lower()
    return text or None
