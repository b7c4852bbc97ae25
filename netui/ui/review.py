"""The daily review: a triage step for people with no circle, then one card per person
in today's queue. Every key saves through the services at once, so leaving (or the app
being killed) halfway loses nothing already done."""

from __future__ import annotations

import contextlib
from datetime import date

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import coach
from ..date_order import date_order
from ..domain import dates, quickadd
from ..domain import review as rv
from ..domain.cadence import humanize_ago, snooze_base
from ..domain.models import Kind
from ..errors import NetuiError
from ..services import Changed, Network
from . import review_card
from .hanging import Card
from .key_footer import KeyFooter
from .review_dialogs import LinePrompt, ReviewSummary, SnoozePrompt

__all__ = ["LinePrompt", "ReviewScreen", "ReviewSummary", "SnoozePrompt", "screenshot_keys"]

TRIAGE, CARDS, SUMMARY = "triage", "cards", "summary"


def screenshot_keys(network: Network) -> list[str]:
    """Keys that open the review from the main app (`r`) and skip the triage step, so the
    first card shows: for Pilot screenshots."""
    return ["r", *["x"] * len(network.needs_triage())]


class ReviewScreen(ModalScreen[str | None]):
    """Dismisses with the closing summary ("12 reviewed: 5 in touch, ...").

    Modal (with an opaque background) so the main app's pane keys do not act on the
    panes hidden beneath while reviewing."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("d", "done", "Done", id="review.done"),
        Binding("s", "snooze", "Snooze", id="review.snooze"),
        Binding("n", "note", "Note", id="review.note"),
        Binding("g", "give", "Gave", id="review.give"),
        Binding("x", "skip", "Skip", id="review.skip"),
        Binding("j", "move(1)", "Next", id="review.next"),
        Binding("k", "move(-1)", "Prev", id="review.prev"),
        *[Binding(str(n), f"triage('{n}')", show=False) for n in range(1, 10)],
        # Any letter may pick a circle (its first letter, see triage_keys); in the card
        # phase check_action turns these off so d, s, n, g, j, k act on cards instead.
        *[Binding(key, f"triage('{key}')", show=False) for key in "abcdefghijklmnoprstuvwyz"],
        Binding("x", "triage('x')", "Skip", id="review.triage_skip"),
        Binding("m", "more", "More", id="review.more"),
        Binding("q", "leave", "Leave", id="review.leave"),
        # The footer keeps `? Help` last, as on the main screen.
        Binding("question_mark", "app.help", "Help", id="review.help"),
    ]

    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network
        # What a shell wrote a moment ago is in the queue (a cheap stamp check); a
        # failure is the app's poll to report, the review works on what is loaded.
        with contextlib.suppress(NetuiError):
            network.refresh()
        self.triage = network.needs_triage()
        self.triage_pos = 0
        self.triaged = 0
        self.day = rv.paced_for(network)
        self.session = rv.Session(self.day.today)
        self.more = False  # past today's budget (m)
        self._directory: quickadd.Directory | None = None  # for the boxes' @mentions
        self.phase = TRIAGE if self.triage else CARDS
        self.keys = rv.triage_keys(list(network.circles()))
        if self.phase == CARDS and not self.session.items:
            self.phase = SUMMARY

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Static("", id="rv-heading", markup=False)
            yield Static("", id="rv-progress", markup=False)
            with Vertical(id="rv-card"):
                yield Static("", id="rv-who", markup=False)
                yield Static("", id="rv-why", markup=False)
                yield Static("", id="rv-last", markup=False)
                yield Static("", id="rv-balance", markup=False)
                yield Static("", id="rv-suggest", markup=False)
                yield Static("", id="rv-history", markup=False)
            yield Static("", id="rv-keys", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.network.listeners.append(self._network_changed)
        self.show()

    def on_unmount(self) -> None:
        if self._network_changed in self.network.listeners:
            self.network.listeners.remove(self._network_changed)

    def _network_changed(self, event: Changed) -> None:
        """Another program wrote while the review is open: draw the card again from what
        is on disk now (last touch, balance, history), as the panes behind it do."""
        if event.external and self.phase == CARDS:
            self.show()

    # -- which keys apply now ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "triage":
            return self.phase == TRIAGE
        if action in ("done", "snooze", "note", "give", "skip", "move"):
            return self.phase == CARDS
        if action == "more":
            return self.phase == SUMMARY and not self.more and bool(self.day.waiting)
        return True

    # -- drawing ------------------------------------------------------------------------------

    def _today(self) -> date:
        return self.network.today()

    def show(self) -> None:
        today = self._today()
        counts = f" · to reconnect with: {self.day.counts()}" if self.day.daily else ""
        groups = self.network.communities.review_line()
        self.query_one("#rv-heading", Static).update(
            Content(f"Daily review · {today.strftime('%A %d %B')}{counts}"
                    + (f"\n{groups}" if groups else "")))
        if self.phase == TRIAGE:
            self._show_triage()
        elif self.phase == CARDS:
            self._show_card()
        else:
            self._show_summary()
        self.refresh_bindings()

    def _set(self, **lines: str | Card | None) -> None:
        for name in ("who", "why", "last", "balance", "suggest", "history"):
            widget = self.query_one(f"#rv-{name}", Static)
            value = lines.get(name)
            # Plain strings are user text: Content, never markup; a hanging Card as is.
            widget.update(Content(value) if isinstance(value, str) else value or "")
            widget.display = bool(value)

    def _card_area(self) -> Region:
        """Where a dialog may go: inside the card's border and padding."""
        return self.query_one("#rv-card").content_region

    def _show_triage(self) -> None:
        c = self.triage[self.triage_pos]
        self.query_one("#rv-progress", Static).update(
            Content(f"Triage {self.triage_pos + 1} of {len(self.triage)}: how close is this person?"))
        bits = [b for b in (c.title, c.company) if b]
        self._set(who=c.name + (f" · {' at '.join(bits)}" if bits else ""),
                  why="no circle or check-in cadence yet",
                  last=f"last touch: {humanize_ago(self.network.last_touch(c.id), self._today())}")
        by_circle: dict[str, list[str]] = {}
        for key, circle in self.keys.items():
            by_circle.setdefault(circle, []).append(key)
        keys = " · ".join(f"{'/'.join(k)} {circle}" for circle, k in by_circle.items())
        self.query_one("#rv-keys", Static).update(Content(f"{keys} · x skip · q leave"))

    def _show_card(self) -> None:
        item = self.session.current
        if item is None:
            return
        ideas = (coach.ideas_for_contact(self.network, item.contact.id)
                 if item.contact.looking_for else [])
        card = rv.card_for(self.network, item, [i.text for i in ideas])
        done = self.session.outcomes.get(self.session.position)
        progress = self.session.progress() + (f" · {done}" if done else "")
        self.query_one("#rv-progress", Static).update(Content(progress))
        today = self._today()
        extra = [review_card.suggestion(card), *(f"give: {i}" for i in card.ideas)]
        self._set(who=card.who(), why=review_card.reasons(item, card.role),
                  last=review_card.last_touch(card, today),
                  balance=f"balance: {card.balance_line()}",
                  suggest="\n".join(extra),
                  history=review_card.history(self.network, card, today))
        self.query_one("#rv-keys", Static).update(Content(
            "d done · s snooze · n note · g gave · x skip · j/k move · q leave"))

    def _show_summary(self) -> None:
        self.query_one("#rv-progress", Static).update(Content(self.summary()))
        finished = self.session.finished or not self.session.items
        waiting = self.day.waiting if not self.more else 0
        who = "All done for today." if finished else "Review paused."
        why = (f"{waiting} more to reconnect with wait for another day; m shows them now."
               if waiting else "")
        self._set(who=who, why=why)
        self.query_one("#rv-keys", Static).update(Content(
            "m more · q leave" if waiting else "q leave"))

    def summary(self) -> str:
        text = self.session.summary()
        if self.triaged:
            text += f"; {self.triaged} given a circle"
        return text

    # -- triage -------------------------------------------------------------------------------

    def action_triage(self, key: str) -> None:
        if key != "x":
            circle = self.keys.get(key)
            if circle is None:
                raise SkipAction()
            contact = self.triage[self.triage_pos]
            if not self._safely(lambda: self.network.edit_contact(contact.id, circle=circle)):
                return
            self.triaged += 1
        self.triage_pos += 1
        if self.triage_pos >= len(self.triage):
            # Newly triaged people may now be due: build the queue again.
            self.day = rv.paced_for(self.network)
            self.session = rv.Session(self.day.today)
            self.phase = CARDS if self.session.items else SUMMARY
        self.show()

    # -- card actions -------------------------------------------------------------------------

    def _safely(self, write) -> bool:
        try:
            write()
        except NetuiError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        return True

    def _resolve(self, outcome: str) -> None:
        self.session.resolve(outcome)
        if self.session.finished:
            self.phase = SUMMARY
        self.show()

    def action_done(self) -> None:
        item = self.session.current
        if item is None:
            return

        def with_note(note: str | None) -> None:
            if note is None:
                return
            if not note:
                saved = self._safely(lambda: self.network.mark_done(item.contact.id))
            else:
                saved = self._quick(item, note, Kind.message)
            if saved:
                self._resolve(rv.DONE)

        self.app.push_screen(LinePrompt(f"In touch with {item.contact.name}",
                                        "what about? coffee yesterday #tag +2w (optional)",
                                        self._card_area()), with_note)

    def action_snooze(self) -> None:
        item = self.session.current
        if item is None:
            return

        def picked(duration: str | None) -> None:
            if duration is None:
                return
            due = self.network.due(item.contact.id)
            until = dates.after(snooze_base(self._today(), due.due if due else None), duration)
            if self._safely(lambda: self.network.snooze(item.contact.id, until)):
                self._resolve(rv.SNOOZED)

        self.app.push_screen(SnoozePrompt(self._card_area()), picked)

    def action_note(self) -> None:
        item = self.session.current
        if item is None:
            return

        def write(text: str | None) -> None:
            if not text:
                return
            if self._quick(item, f"note {text}"):
                self.notify(f"Note saved for {item.contact.name}", markup=False)
                self.show()

        self.app.push_screen(LinePrompt(f"Note about {item.contact.name}",
                                        "moved to Lisbon #life +1m", self._card_area()), write)

    def action_give(self) -> None:
        item = self.session.current
        if item is None:
            return

        def write(text: str | None) -> None:
            if not text:
                return
            if self._quick(item, f"gave {text}"):
                self._resolve(rv.GAVE)

        self.app.push_screen(LinePrompt(f"What did you give {item.contact.name}?",
                                        "intro to @Sam, an article, a reference… size:2",
                                        self._card_area()), write)

    def _quick(self, item: rv.ReviewItem, line: str, default_kind: Kind = Kind.meeting) -> bool:
        """Save a box's line through the quick-add grammar, about the card's person: the
        same dates, #tags, +2w, sizes and intros as `a`. A bad line saves nothing."""
        if self._directory is None:
            self._directory = quickadd.Directory(self.network.contacts())
        parsed = quickadd.parse(line, self._today(), self._directory, who=item.contact,
                                default_kind=default_kind,
                                date_order=date_order(self.network.config))
        if parsed.errors:
            self.notify(parsed.errors[0], severity="error", markup=False)
            return False
        return self._safely(lambda: self.network.quick_add(quickadd.plan(parsed)))

    def action_skip(self) -> None:
        self._resolve(rv.SKIPPED)

    def action_move(self, step: int) -> None:
        self.session.move(step)
        self.show()

    def action_more(self) -> None:
        """Past today's budget: continue with who waits."""
        self.more = True
        self.session = rv.Session(self.day.everyone(), position=len(self.day.today),
                                  outcomes=dict(self.session.outcomes))
        self.phase = CARDS if len(self.session.items) > self.session.position else SUMMARY
        self.show()

    def action_leave(self) -> None:
        """One `q` leaves from anywhere (B17). Unless the summary is on screen already,
        it follows as a screen of its own that the next key closes (and only closes)."""
        text = self.summary()
        already_shown = self.phase == SUMMARY
        title = "All done for today." if self.session.finished else "Review paused."
        app = self.app
        self.dismiss(text)
        if not already_shown:
            app.push_screen(ReviewSummary(title, text))
