"""A modal form whose errors appear under the field they are about; nothing is saved
until every field is valid, and a store error keeps the form open with the input intact."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..errors import NetuiError
from ..services import Changed, Network
from ..services.unit_of_work import Stale, changed_fields
from ..storage.errors import StoreError


class FieldError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass
class FormField:
    name: str  # the model field it fills, so pydantic errors land under it
    label: str
    value: str = ""
    kind: str = "input"  # "input", "select" or "area"
    options: list[tuple[str | Text, str]] = field(default_factory=list)
    placeholder: str = ""
    blank: str | None = None  # the Select's prompt when empty is allowed


def split_list(text: str) -> list[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


def split_tags(text: str) -> list[str]:
    return [p for p in text.replace(",", " ").split() if p.strip("#")]


class FormScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="netui.form.save"),
        Binding("escape", "cancel", "Cancel", id="netui.form.cancel"),
        Binding("ctrl+r", "reload", "Reload, keep my edits", id="netui.form.reload"),
    ]
    FORM_TITLE = ""
    ALIASES: dict[str, str] = {}  # model field -> form field, for errors
    COLLECTION = ""  # where the record edited is kept

    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network
        # What changed on disk first (a stamp check): the form opens on the newest record.
        # (A failure is the app's poll to report; the form opens on what is loaded.)
        with contextlib.suppress(NetuiError):
            network.refresh()
        self._reload_offered = False

    def form_fields(self) -> list[FormField]:
        raise NotImplementedError

    def opened_doc(self) -> dict | None:
        """The stored record the form edits, as it was opened (None for a new one)."""
        return None

    def reload_record(self) -> bool:
        """Read the record again from the network; False when it is gone."""
        return False

    def save(self, values: dict[str, str]) -> str:
        """Validate and write; returns the saved record's id."""
        raise NotImplementedError

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._fields = self.form_fields()
        with Vertical(classes="dialog form"):
            yield Static(Text(self.FORM_TITLE, "bold"), classes="form-title")
            with VerticalScroll(classes="form-body"):
                for f in self._fields:
                    with Horizontal(classes="form-row"):
                        yield Label(f.label, classes="form-label")
                        yield self._widget(f)
                    yield Static("", id=f"err-{f.name}", classes="error field-error",
                                 markup=False)
            yield Static("", id="form-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def _widget(self, f: FormField) -> Widget:
        wid = f"f-{f.name}"
        if f.kind == "select":
            return Select(f.options, value=f.value if f.value else Select.NULL,
                          allow_blank=f.blank is not None, prompt=f.blank or "", id=wid,
                          compact=True)
        if f.kind == "area":
            return TextArea(f.value, id=wid, classes="form-area", soft_wrap=True, compact=True)
        return Input(f.value, placeholder=f.placeholder, id=wid, compact=True)

    def on_mount(self) -> None:
        self.query(".form-body Input, .form-body Select, .form-body TextArea").first().focus()
        self.network.listeners.append(self._network_changed)
        self._initial = self.values()  # Esc asks before throwing away anything typed

    def on_unmount(self) -> None:
        if self._network_changed in self.network.listeners:
            self.network.listeners.remove(self._network_changed)

    def _network_changed(self, event: Changed) -> None:
        """Another program changed this record while the form is open: say what, and
        offer the reload (the save would be refused; see unit_of_work.stamp)."""
        opened = self.opened_doc()
        if not event.external or opened is None:
            return
        current = self._current_doc()
        if current == opened:
            return
        self._offer_reload(current)

    def _current_doc(self) -> dict | None:
        opened = self.opened_doc()
        if opened is None:
            return None
        return self.network.store.get(self.COLLECTION, opened["id"])

    def _offer_reload(self, current: dict | None) -> str:
        opened = self.opened_doc() or {}
        if current is None:
            message = "This record was deleted by another program; it cannot be saved."
        else:
            fields = ", ".join(changed_fields(opened, current)) or "its revision"
            message = (f"Changed by another program ({fields}). ctrl+r reloads it and "
                       "keeps your edits; saving now is refused.")
        self._reload_offered = current is not None
        self._show("", message)
        return message

    def action_reload(self) -> None:
        """Take the record as it is on disk, keeping every field the user edited here."""
        mine = self.values()
        opened = {f.name: f.value for f in self._fields}
        if not self.reload_record():
            self._show("", "This record was deleted by another program; it cannot be saved.")
            return
        fresh = {f.name: f.value for f in self.form_fields()}
        both = []
        for f in self._fields:
            theirs = fresh.get(f.name, f.value)
            edited = mine[f.name] != opened[f.name]
            if edited and theirs != opened[f.name] and theirs != mine[f.name]:
                both.append(f.label.rstrip(" *"))
            self._set_value(f, mine[f.name] if edited else theirs)
            f.value = theirs  # what the record now holds: the next reload compares to it
        self._reload_offered = False
        for err in self.query(".error"):
            if isinstance(err, Static):
                err.update("")
                err.remove_class("shown")
        note = "Reloaded the newer version; your edits are kept"
        if both:
            note += f" (both changed: {', '.join(both)}; yours is shown)"
        self._show("", note + ". ctrl+s saves.")

    def _set_value(self, f: FormField, value: str) -> None:
        w = self.query_one(f"#f-{f.name}")
        if isinstance(w, Select):
            w.value = value if value else Select.NULL
        elif isinstance(w, TextArea):
            if w.text != value:
                w.load_text(value)
        elif isinstance(w, Input):
            w.value = value

    # -- saving -------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        out = {}
        for f in self._fields:
            w = self.query_one(f"#f-{f.name}")
            if isinstance(w, Select):
                out[f.name] = "" if w.value is Select.NULL else str(w.value)
            elif isinstance(w, TextArea):
                out[f.name] = w.text
            else:
                out[f.name] = w.value  # type: ignore[attr-defined]
        return out

    def _show(self, name: str, message: str) -> None:
        name = self.ALIASES.get(name, name)
        target = self.query(f"#err-{name}")
        widget = target.first() if target else self.query_one("#form-error", Static)
        if isinstance(widget, Static):
            widget.update(message)
            widget.add_class("shown")

    def action_save(self) -> None:
        for err in self.query(".error"):
            if isinstance(err, Static):
                err.update("")
                err.remove_class("shown")
        try:
            saved = self.save(self.values())
        except FieldError as exc:
            self._show(exc.name, str(exc))
        except ValidationError as exc:
            for problem in exc.errors():
                where = str(problem["loc"][0]) if problem["loc"] else ""
                empty = problem["type"] == "string_too_short" and problem.get("ctx", {}).get(
                    "min_length") == 1
                self._show(where, "required" if empty else
                           problem["msg"].removeprefix("Value error, "))
        except Stale as exc:
            message = self._offer_reload(exc.current)
            self.notify(message, title="Not saved", severity="error", markup=False)
        except StoreError as exc:
            self._show("", f"Not saved: {exc}")
            self.notify(f"{exc}\nThe change was not saved.", title="Not saved",
                        severity="error", markup=False)
        except NetuiError as exc:
            where, sep, message = str(exc).partition(": ")
            if sep and self.query(f"#err-{self.ALIASES.get(where, where)}"):
                self._show(where, message)
            else:
                self._show("", str(exc))
        else:
            self.dismiss(saved)
            return
        for shown in self.query(".error.shown"):
            shown.scroll_visible()
            break

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        if self.values() == getattr(self, "_initial", None):
            self.dismiss(None)
            return
        from .confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard the changes in this form?",
                                           yes="Discard", no="Keep editing"), answered)
