"""The app's actions that open a screen over the panes: help, quick add, the daily
review, import, dedupe, and the contact, interaction and favour forms (from the keys,
the palette and the panes). NetuiApp builds on this."""

from __future__ import annotations

from datetime import date

from .app_warm import WarmUpApp


class ScreensApp(WarmUpApp):
    def action_help(self) -> None:
        from .help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quick_add(self) -> None:
        from .quickadd import QuickAddScreen

        self.push_screen(QuickAddScreen(self.network))

    def action_review(self) -> None:
        from .review import ReviewScreen

        self.push_screen(ReviewScreen(self.network))

    def action_import(self) -> None:
        from .import_screen import ImportScreen

        self.push_screen(ImportScreen(self.network))

    def action_dedupe(self) -> None:
        from .dedupe_screen import DedupeScreen

        self.push_screen(DedupeScreen(self.network))

    def _selected_contact_id(self) -> str | None:
        current = self.contacts_pane().contact_list.current
        return current.id if current else None

    def action_new_contact(self) -> None:
        self.open_contact_form()

    def action_new_interaction(self) -> None:
        cid = self._selected_contact_id()
        self.open_interaction_form([cid] if cid else [])

    def action_new_favour(self) -> None:
        self.open_favour_form(self._selected_contact_id())

    def open_contact_form(self, contact_id: str | None = None) -> None:
        from .contact_form import ContactForm

        def saved(new_id: str | None) -> None:
            if new_id:
                self.contacts_pane().select(new_id)
                self.notify("Saved.", timeout=2)

        self.push_screen(ContactForm(self.network, contact_id), saved)

    def open_interaction_form(self, contact_ids: list[str] | None = None,
                              interaction_id: str | None = None,
                              on: date | None = None) -> None:
        from .interaction_form import InteractionForm

        form = InteractionForm(self.network, contact_ids or [], interaction_id, on)
        self.push_screen(form, self._saved)

    def open_favour_form(self, contact_id: str | None = None, favour_id: str | None = None) -> None:
        from .favour_form import FavourForm

        self.push_screen(FavourForm(self.network, contact_id, favour_id), self._saved)

    def _saved(self, saved_id: str | None) -> None:
        if saved_id:
            self.notify("Saved.", timeout=2)
