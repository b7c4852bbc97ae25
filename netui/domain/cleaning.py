"""How a record's text is cleaned as it is validated (the models' validators call these):
control characters dropped, lists trimmed and deduplicated, tags lower-cased. Apart from
the models so that `netui note`'s short path (domain.note_docs) cleans the same way
without pydantic."""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 control characters except tab and newline: text from an imported file
# must not reach the terminal as escape sequences (a name with ESC[2J would clear it).
_CONTROLS = dict.fromkeys([*range(0, 9), *range(11, 32), 127, *range(128, 160)])
_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # the same, for one C scan


def scrub_value(value: Any) -> Any:
    # Only text holding one is translated: the scan is ~5x quicker than translate() copying.
    if isinstance(value, str):
        return value.translate(_CONTROLS) if _ANY_CONTROL.search(value) else value
    if isinstance(value, list):
        return [scrub_value(v) if isinstance(v, str) else v for v in value]
    return value


def clean_list(values: list[str]) -> list[str]:
    """Trim, drop empties and duplicates, keep order."""
    seen: dict[str, None] = {}
    for v in values:
        v = v.strip()
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def clean_tags(values: list[str]) -> list[str]:
    return clean_list([v.strip().lstrip("#").lower() for v in values])
