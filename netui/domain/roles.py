"""What a contact is to you (mentor, mentee, peer...), and how the review words it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .cadence import humanize_ago

KNOWN_ROLES = ("mentor", "mentee", "peer", "colleague", "friend", "family", "client")


def role_line(roles: Sequence[str], last_ask: date | None, last_touch: date | None,
              today: date) -> str | None:
    """"your mentor: last asked for advice 5 months ago" for the review and detail.
    A mentor is someone you ask; anyone else is someone you are in touch with."""
    if not roles:
        return None
    label = " and ".join(roles[:2])
    if "mentor" in roles:
        if last_ask is None:
            return f"your {label}: you have not asked for advice yet"
        return f"your {label}: last asked for advice {humanize_ago(last_ask, today)}"
    if last_touch is None:
        return f"your {label}: not in touch yet"
    return f"your {label}: last in touch {humanize_ago(last_touch, today)}"
