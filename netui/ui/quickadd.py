"""Quick-add: one line, the same grammar as `netui note`, saved on Enter.

Typing `@` offers people (accent-insensitive, company shown so two Alexes differ); the
preview line says what Enter will save. An unknown name is offered for creation: the
first Enter says so, a second Enter creates the contact and saves."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..date_order import date_order
from ..domain import ask_coach, community_quick, quickadd
from ..domain.models import Direction
from ..errors import NetuiError
from ..services import Network

PLACEHOLDER = "@Priya coffee at Blue Bottle, talked climate #climate yesterday +2w"
# A line that resolves cleanly in the demo network (seed 7): for screenshots and demos.
DEMO_LINE = "@tomasz @lea coffee at Blue Bottle, talked climate intros #climate yesterday +2w"


def screenshot_keys(line: str = DEMO_LINE) -> list[str]:
    """Keys that open quick-add from the main app (`a`) and type `line`, for Pilot."""
    return ["a", *("space" if ch == " " else ch for ch in line)]


@dataclass(slots=True)
class Attempt:
    """What the screen shows after reading (or trying to save) a line."""

    parsed: quickadd.Parsed
    status: str = ""
    offer_create: bool = False  # only unknown names stand in the way
    saved: bool = False


class QuickSaver:
    """Parsing and saving shared by the one-line screen and the note editor."""

    def __init__(self, network: Network) -> None:
        self.network = network
        self.directory = quickadd.Directory(network.contacts())
        self._armed: str | None = None  # the line the user agreed to create names for
        self._read: community_quick.Read | None = None  # the last line read (see read)

    def read(self, line: str) -> Attempt:
        order = date_order(self.network.config)
        groups = self.network.communities.all() if "&" in line else []
        self._read = community_quick.read(line, self.network.today(), self.directory, groups,
                                          create=self._armed == line, date_order=order)
        parsed = self._read.parsed
        if parsed.ok:
            return Attempt(parsed)
        if parsed.unknown and not parsed.create:
            with_create = community_quick.read(line, self.network.today(), self.directory,
                                               groups, create=True, date_order=order).parsed
            if with_create.ok:
                return Attempt(parsed, _unknown_status(parsed), offer_create=True)
        return Attempt(parsed, "; ".join(parsed.errors))

    def save(self, line: str, more_text: str = "") -> Attempt:
        attempt = self.read(line)
        if attempt.offer_create:
            self._armed = line
            again = self.read(line)
            names = ", ".join(m.query for m in attempt.parsed.unknown)
            again.status = f"Enter again to create {names} and save; edit the line to change it."
            return again
        if not attempt.parsed.ok or self._read is None:
            return attempt
        try:
            self.network.quick_add(community_quick.plan(self._read, more_text))
        except NetuiError as exc:
            attempt.status = str(exc)
            return attempt
        attempt.saved = True
        return attempt

    def ask_advice(self, parsed: quickadd.Parsed) -> list[str]:
        """The balance and the give-first habit while an ask is being typed."""
        if parsed.direction is not Direction.asked or len(parsed.people) != 1:
            return []
        person = parsed.people[0]
        return [ask_coach.check_ask(parsed.body).line(),
                *quickadd.ask_advice(person.name, self.network.standing(person.id))]


def _unknown_status(parsed: quickadd.Parsed) -> str:
    parts = []
    for m in parsed.unknown:
        near = ", ".join(c.name for c in m.suggestions)
        parts.append(f"{m.query} is new" + (f" (nearest: {near})" if near else ""))
    return "; ".join(parts) + ". Enter offers to create."


def completion_label(person: object) -> Content:
    company = getattr(person, "company", None)
    circle = getattr(person, "circle", None)
    extra = " · ".join(x for x in (company, circle) if x)
    label = Content(person.name)  # type: ignore[attr-defined]
    return label + Content.styled(f"  {extra}", "dim") if extra else label


class QuickAddScreen(ModalScreen[str | None]):
    """Log a meeting, call, note or favour in one line; dismisses with the saved preview."""

    CSS_PATH = "quickadd.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="quickadd.cancel"),
        Binding("ctrl+n", "editor", "Long note", id="quickadd.editor"),
        Binding("tab", "complete", "Complete", show=False, priority=True),
        Binding("down", "move_completion(1)", show=False, priority=True),
        Binding("up", "move_completion(-1)", show=False, priority=True),
    ]

    def __init__(self, network: Network, text: str = "") -> None:
        super().__init__()
        self.network = network
        self.saver = QuickSaver(network)
        self._initial = text
        self._people: list[object] = []  # what the completion list offers
        self._sigil = "@"  # '&' while a community name is being completed

    def compose(self) -> ComposeResult:
        with Vertical(id="quickadd"):
            yield Static("Quick add", id="qa-title")
            yield Input(self._initial, placeholder=PLACEHOLDER, id="qa-input")
            yield OptionList(id="qa-complete")
            yield Static("", id="qa-preview", markup=False)
            yield Static("", id="qa-status", markup=False)
            yield Static("", id="qa-advice", markup=False)
            yield Static("enter save · esc cancel · tab complete @ & · ctrl+n long note",
                         id="qa-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#qa-complete", OptionList).display = False
        self.query_one(Input).focus()
        self.refresh_preview()

    # A key or a paste the box itself did not take reached the screen: it came before the
    # box had focus (typed in the same instant as `a`, B16), or with the completions
    # focused. Text is the box's; the box takes it where its cursor is.
    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character is not None:
            event.stop()
            event.prevent_default()
            self._type(event.character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        if event.text:
            self._type(event.text.splitlines()[0])

    def _type(self, text: str) -> None:
        for field in self.query("#qa-input").results(Input):
            field.insert_text_at_cursor(text)
            field.focus()

    # -- live preview and completion ------------------------------------------------------

    @on(Input.Changed, "#qa-input")
    def _changed(self) -> None:
        self.refresh_preview()

    def refresh_preview(self, attempt: Attempt | None = None) -> None:
        field = self.query_one(Input)
        attempt = attempt or self.saver.read(field.value)
        parsed = attempt.parsed
        preview = self.query_one("#qa-preview", Static)
        preview.update(Content(parsed.preview) if field.value.strip() else Content(""))
        status = self.query_one("#qa-status", Static)
        status.update(Content(attempt.status if field.value.strip() else ""))
        offer = attempt.offer_create or (parsed.create and not attempt.saved)
        status.set_class(bool(attempt.status) and not offer, "-error")
        status.set_class(offer, "-offer")
        advice = self.saver.ask_advice(parsed)
        advice_box = self.query_one("#qa-advice", Static)
        advice_box.update(Content("\n".join(advice)))
        advice_box.display = bool(advice)
        warn = bool(advice) and (advice[0].startswith("Big ask")
                                 or advice[-1].startswith("You have given"))
        advice_box.set_class(warn, "-warn")
        self._refresh_completions(field.value, field.cursor_position)

    def _refresh_completions(self, text: str, cursor: int) -> None:
        options = self.query_one("#qa-complete", OptionList)
        self._sigil = "@"
        typing = quickadd.mention_at(text, cursor)
        self._people = self.saver.directory.complete(typing[1]) if typing else []
        group = quickadd.mention_at(text, cursor, "&")
        if group is not None and (typing is None or group[0] > typing[0]):
            self._sigil = "&"  # a community is being typed: complete its name
            self._people = list(community_quick.complete(self.network.communities.all(),
                                                         group[1]))
        options.clear_options()
        if not self._people:
            options.display = False
            return
        options.add_options([Option(completion_label(p)) for p in self._people])
        options.highlighted = 0
        options.display = True

    def action_move_completion(self, step: int) -> None:
        options = self.query_one("#qa-complete", OptionList)
        if not options.display or not self._people:
            raise SkipAction()
        current = options.highlighted or 0
        options.highlighted = (current + step) % len(self._people)

    def action_complete(self) -> None:
        options = self.query_one("#qa-complete", OptionList)
        if not options.display or not self._people:
            raise SkipAction()
        self._accept(self._people[options.highlighted or 0])

    @on(OptionList.OptionSelected, "#qa-complete")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._accept(self._people[event.option_index])

    def _accept(self, person: object) -> None:
        field = self.query_one(Input)
        typing = quickadd.mention_at(field.value, field.cursor_position, self._sigil)
        if typing is None:
            return
        at, _ = typing
        name: str = person.name  # type: ignore[attr-defined]
        written = (quickadd.mention_text(name) if self._sigil == "@"
                   else community_quick.mention_text(name))
        insert = self._sigil + written + " "
        cursor = field.cursor_position
        rest = field.value[cursor:].lstrip(" ")
        field.value = field.value[:at] + insert + rest
        field.cursor_position = at + len(insert)
        field.focus()

    # -- saving ---------------------------------------------------------------------------

    @on(Input.Submitted, "#qa-input")
    def _submitted(self) -> None:
        options = self.query_one("#qa-complete", OptionList)
        if options.display and self._people:
            self._accept(self._people[options.highlighted or 0])
            return
        self.save()

    def save(self) -> None:
        line = self.query_one(Input).value
        attempt = self.saver.save(line)
        if not attempt.saved:
            self.refresh_preview(attempt)
            if not attempt.offer_create and not attempt.parsed.create:
                self.app.bell()
            return
        self._done(attempt)

    def _done(self, attempt: Attempt) -> None:
        lines = [f"Saved: {attempt.parsed.preview}", *self.saver.ask_advice(attempt.parsed)]
        self.app.notify("\n".join(lines), markup=False,
                        timeout=8 if len(lines) > 1 else 3)
        self.dismiss(attempt.parsed.preview)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_editor(self) -> None:
        from .note_editor import NoteEditorScreen

        def closed(saved: str | None) -> None:
            if saved is not None:
                self.dismiss(saved)

        self.app.push_screen(NoteEditorScreen(self.network, self.query_one(Input).value,
                                              saver=self.saver), closed)
