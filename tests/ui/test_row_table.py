"""RowTable, the table that draws only its rows on screen (the ledger's favours and
balances): cursor keys, clicks, the header, and rows made only when first drawn."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from netui.ui.row_table import RowTable
from tests.ui.screen_text import screen_lines

KEYS = [f"r{n:04d}" for n in range(5000)]


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.made: list[str] = []
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield RowTable(id="t", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.set_columns([("Key", 8), ("Label", 26)])
        table.set_rows(KEYS, str, self.cells)
        table.focus()

    def cells(self, key: str) -> list[Text]:
        self.made.append(key)
        return [Text(key), Text(f"row {key} [not markup]")]

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        self.chosen.append(event.key)


async def test_only_the_rows_on_screen_are_made_and_keys_move_the_cursor():
    app = Host()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        lines, _ = screen_lines(app)
        assert lines[0].split() == ["Key", "Label"]  # the header stays on top
        assert "row r0000 [not markup]" in lines[1]  # user text is never markup
        assert len(set(app.made)) <= 12  # a screenful of 5,000 rows
        await pilot.press("j", "j", "k")
        assert table.cursor_key == "r0001"
        await pilot.press("G")
        await pilot.pause()
        assert table.cursor_key == "r4999"
        assert "row r4999" in "\n".join(screen_lines(app)[0])
        await pilot.press("g", "pagedown")
        assert table.cursor_key not in (None, "r0000")
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [table.cursor_key]
        assert len(set(app.made)) < 100


async def test_a_click_selects_the_row_under_it_and_new_rows_keep_the_cursor():
    app = Host()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        await pilot.click(RowTable, offset=(3, 3))  # the header, then rows 0, 1, 2
        await pilot.pause()
        assert app.chosen == ["r0002"] and table.cursor_key == "r0002"
        table.set_rows(KEYS[2:], str, app.cells, keep="r0002")
        assert table.cursor_key == "r0002" and table.cursor == 0
        table.set_rows(KEYS[10:], str, app.cells, keep="r0002")  # gone: back to the top
        assert table.cursor_key == "r0010"
        table.set_rows([], str, app.cells)
        assert table.cursor_key is None and table.row_count == 0
