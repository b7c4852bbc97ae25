"""What the daily review is built from (domain.review builds the queue): its inputs for a
few contacts, and who is in it in what order, read from the derived values only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from ..domain.cadence import (
    BirthdaySoon,
    birthday_snoozed,
    upcoming_birthday,
)
from ..domain.models import Contact
from .indexes import Indexes
from .ledger import Ledger
from .results import DueEntry, Nudges, ReviewKey, start_of
from .schedule import Schedule


class Review:
    def __init__(self, ix: Indexes, schedule: Schedule, ledger: Ledger) -> None:
        self.ix, self.schedule, self.ledger = ix, schedule, ledger

    def review_inputs(self, contact_ids: Iterable[str], birthday_days: int) -> tuple[
            list[DueEntry], list[tuple[Contact, BirthdaySoon]], Nudges]:
        """What the daily review is built from (due_list(0), birthdays(birthday_days),
        nudges()), for these contacts only: the review keeps its queue in step with a
        write by rebuilding the items of the contacts the write touched."""
        ix = self.ix
        today = ix.today()
        due, birthdays, n = [], [], Nudges()
        for cid in contact_ids:
            c = ix.contacts.get(cid)
            if c is None:
                continue  # deleted
            if entry := self.schedule.due_entry(c, today):
                due.append(entry)
            if (soon := self.schedule.birthday_of(c, birthday_days)) and not birthday_snoozed(
                    soon, ix.pending.get(cid, ()), today):
                birthdays.append((c, soon))
            if ix.fav_of.get(cid):
                self.ledger.nudges_for(c, self.ledger.standing(cid), n)
        self.ledger.sort_nudges(n)
        return due, birthdays, n

    def review_order(self, birthday_days: int,
                     contact_ids: Iterable[str] | None = None) -> list[ReviewKey]:
        """Who is in today's review, and in what order, without the reasons: a sort key
        (-urgency, circle rank, name key, id, contact) for everyone due, with a birthday
        within `birthday_days` or with a ledger nudge; `review.build_queue` gives the same
        people in the same order with their reasons. Read from the derived values only
        (last touches, pending check-ins, ledger marks): 10k contacts in ~20 ms."""
        ix = self.ix
        today, contacts = ix.today(), ix.contacts
        pairs: Iterable[tuple[str, Contact]] = contacts.items() if contact_ids is None else [
            (cid, contacts[cid]) for cid in contact_ids if cid in contacts]
        touch, pending, marks, circles = ix.touch, ix.pending, ix.marks, ix.config.circles
        birthdays = {(d.month, d.day) for d in (today + timedelta(days=n)
                                                for n in range(birthday_days + 1))}
        ranks: dict[str | None, int] = {}
        dues = self.schedule.due_cache(today)
        # Only someone with a received favour or an open ask can be nudged (Marks.nudges):
        # most people are asked nothing more (10k calls saved).
        received, asks = marks.last_received, marks.oldest_open_ask
        spans: dict[int, timedelta] = {}
        out: list[ReviewKey] = []
        for cid, c in pairs:
            if c.archived:
                continue
            urgency = None
            if cid in pending:  # follow-ups and snoozes: the full rule
                if cid not in dues:
                    dues[cid] = self.schedule.next_due(c, today)
                due = dues[cid]
                day = due.due if due is not None else None
            elif cadence := c.cadence_days or (circles.get(c.circle) if c.circle else None):
                # cadence_for and cadence_due inlined (10k contacts: two calls each)
                last = touch.get(cid)
                if (span := spans.get(cadence)) is None:
                    span = spans[cadence] = timedelta(days=cadence)
                day = (last or start_of(c, today)) + span
            else:
                day = None
            if day is not None and day <= today:
                urgency = (today - day).days
            b = c.birthday  # 29 Feb falls on 28 Feb in common years: ask the rule
            if b is not None and ((b.month, b.day) in birthdays or (b.month, b.day) == (2, 29)):
                soon = upcoming_birthday(b, today, birthday_days)
                if soon is not None and cid in pending and birthday_snoozed(
                        soon, pending[cid], today):
                    soon = None
                if soon is not None and urgency is None:
                    urgency = -soon.in_days  # a due check-in is at least as urgent
            if (urgency is None or urgency < 0) and (cid in received or cid in asks) \
                    and marks.nudges(cid, today):
                urgency = 0
            if urgency is not None:
                if c.circle not in ranks:
                    ranks[c.circle] = ix.circle_rank(c.circle)
                name = ix.folded(c.name) or ix.name_key(c.name)
                out.append((-urgency, ranks[c.circle], name, cid, c))
        out.sort()
        return out
