"""What `netui remind` says this morning, gathered from a `services.Network` (the daily
review's queue, due dates, birthdays and the ledger's nudges), and how it reaches a
desktop notification."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

from ..domain.digest import Digest, Line, clean
from ..errors import NetuiError

if TYPE_CHECKING:
    from . import Network

# Who to reconnect with today, when the review has no daily budget of its own: the
# first of the review's queue (most overdue, closest circle first).
RECONNECT_DEFAULT = 5
# osascript takes the title and body as arguments: never pasted into a script.
_OSASCRIPT = ["osascript", "-e", "on run argv",
              "-e", "display notification (item 2 of argv) with title (item 1 of argv)",
              "-e", "end run"]


class NotifyError(NetuiError):
    """The desktop notifier is missing or failed."""


def digest(network: Network) -> Digest:
    from ..domain import review

    today = network.today()
    out = Digest(today)
    due = network.due_list(0)
    followup_ids = set()
    for e in due:
        if e.due.reason == "follow-up":
            followup_ids.add(e.contact.id)
            when = f"overdue {e.overdue_days}d" if e.overdue_days else "due today"
            what = e.due.detail or "follow up"
            out.followups.append(Line(e.contact.id, e.contact.name, f"{what} ({when})"))
    # With a daily budget, the paced review's cards for today (who the review shows this
    # morning); without one, the first of the whole queue.
    day = review.paced_for(network) if network.config.review.daily > 0 else None
    queue = day.everyone() if day is not None else review.queue_for(network)
    reconnect = [item for item in queue
                 if "due" in item.kinds and item.contact.id not in followup_ids]
    out.reconnect_total = len(reconnect)
    if day is not None:
        shown = {item.contact.id for item in day.today}
        cards = [item for item in reconnect if item.contact.id in shown]
    else:
        cards = reconnect[:RECONNECT_DEFAULT]
    for item in cards:
        why = next(r.text for r in item.reasons if r.kind == "due")
        circle = f"{item.contact.circle}, " if item.contact.circle else ""
        out.reconnect.append(Line(item.contact.id, item.contact.name, circle + why))
    for c, soon in network.birthdays(1):
        turns = f" (turns {soon.turns})" if soon.turns else ""
        out.birthdays.append(Line(c.id, c.name,
                                  ("today" if soon.in_days == 0 else "tomorrow") + turns))
    nudges = network.nudges()
    for c, st in nudges.owes_back:
        since = f" on {st.last_received.isoformat()}" if st.last_received else ""
        out.waiting.append(Line(c.id, c.name, f"helped you{since}; give something back"))
    for c, f, age in nudges.stale_asks:
        what = f": {f.text}" if f.text else ""
        out.waiting.append(Line(c.id, c.name,
                                f"your ask from {age} days ago{what}; follow up once, or let go"))
    return out


def notifier(configured: str | None, platform: str = sys.platform) -> list[str]:
    """The notifier's argv before the title and body: the config's command (split as a
    shell would, but never run by one), else notify-send or osascript."""
    if configured:
        try:
            argv = shlex.split(configured)
        except ValueError as exc:
            raise NotifyError(f"remind.notify_command {configured!r}: {exc}") from None
        if not argv:
            raise NotifyError("remind.notify_command is empty")
        return argv
    if platform == "darwin":
        return list(_OSASCRIPT)
    return ["notify-send", "--app-name=netui"]


def notify(title: str, body: str, configured: str | None, timeout: float = 20) -> None:
    """Show one desktop notification; NotifyError says in one line why it did not."""
    argv = notifier(configured)
    exe = shutil.which(argv[0], path=os.environ.get("PATH"))
    if exe is None:
        raise NotifyError(f"no notifier: {argv[0]!r} is not installed or not on PATH "
                          "(set [remind] notify_command in the config)")
    try:
        done = subprocess.run([exe, *argv[1:], clean(title), body_clean(body)],
                              capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NotifyError(f"notifier {argv[0]!r} failed: {exc}") from None
    if done.returncode != 0:
        why = clean(done.stderr.decode("utf-8", "replace"))[:200] or f"exit {done.returncode}"
        raise NotifyError(f"notifier {argv[0]!r} failed: {why}")


def body_clean(body: str) -> str:
    """The body keeps its line breaks (ours); each line is scrubbed."""
    return "\n".join(clean(line) for line in body.split("\n"))
