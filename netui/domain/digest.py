"""The morning digest of `netui remind`: who to reconnect with today, birthdays today and
tomorrow, follow-ups due, and what is waiting on you; as text (for cron mail or a shell
greeting), JSON, or a desktop notification's title and body.

Pure: the services gather the lines (services.remind), this module words them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# C0 and C1 control characters (newlines and tabs too: a notification's lines are ours),
# as the models scrub text before it reaches a terminal.
_CONTROLS = dict.fromkeys([*range(0, 32), 127, *range(128, 160)], " ")
SECTION_LIMIT = 10  # lines per section in the text; the JSON has everyone
BODY_LINES = 6  # a notification shows a few lines


def clean(text: str) -> str:
    """User text for one line of a terminal or a notification: no control characters."""
    return " ".join(text.translate(_CONTROLS).split())


@dataclass(frozen=True, slots=True)
class Line:
    contact_id: str
    name: str
    detail: str

    def text(self) -> str:
        return f"{clean(self.name)}: {clean(self.detail)}" if self.detail else clean(self.name)

    def to_json(self) -> dict[str, str]:
        return {"contact_id": self.contact_id, "name": self.name, "detail": self.detail}


@dataclass(slots=True)
class Digest:
    today: date
    reconnect: list[Line] = field(default_factory=list)
    reconnect_total: int = 0  # due today in all, of whom `reconnect` are today's share
    birthdays: list[Line] = field(default_factory=list)
    followups: list[Line] = field(default_factory=list)
    waiting: list[Line] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[Line]]]:
        more = self.reconnect_total - len(self.reconnect)
        head = f"Reconnect today ({len(self.reconnect)} of {self.reconnect_total} due)" \
            if more > 0 else "Reconnect today"
        return [(head, self.reconnect), ("Birthdays", self.birthdays),
                ("Follow-ups due", self.followups), ("Waiting on you", self.waiting)]

    @property
    def empty(self) -> bool:
        return not any(lines for _head, lines in self.sections())

    def to_text(self) -> str:
        """Nothing at all when there is nothing to say (cron mails only non-empty output)."""
        if self.empty:
            return ""
        out = [f"netui · {self.today.strftime('%A %d %B %Y')}"]
        for head, lines in self.sections():
            if not lines:
                continue
            out += ["", f"{head}:"]
            out += [f"  {line.text()}" for line in lines[:SECTION_LIMIT]]
            if len(lines) > SECTION_LIMIT:
                out.append(f"  … and {len(lines) - SECTION_LIMIT} more")
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.today.isoformat(),
            "reconnect": [x.to_json() for x in self.reconnect],
            "reconnect_total": self.reconnect_total,
            "birthdays": [x.to_json() for x in self.birthdays],
            "followups": [x.to_json() for x in self.followups],
            "waiting": [x.to_json() for x in self.waiting],
        }

    def notification(self) -> tuple[str, str]:
        """(title, body): the counts in the title, the first few people in the body."""
        counts = [(len(self.reconnect), "to reconnect"), (len(self.birthdays), "birthday"),
                  (len(self.followups), "follow-up"), (len(self.waiting), "waiting on you")]
        words = [f"{n} {w}" + ("s" if n > 1 and w in ("birthday", "follow-up") else "")
                 for n, w in counts if n]
        title = "netui: " + ", ".join(words) if words else "netui: nothing today"
        lines = [line.text() for _head, group in self.sections() for line in group]
        body = "\n".join(lines[:BODY_LINES])
        if len(lines) > BODY_LINES:
            body += f"\n… and {len(lines) - BODY_LINES} more"
        return title, body
