"""Pane 5: the network's health in pictures. Who is on track per circle (bars, and a
sparkline a circle for the last 12 months, week by week), touches as a contribution graph,
giving against taking month by month, and who is drifting. Tab moves between the charts;
enter on a bar, a day, a month or a person opens the list behind it."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from ..domain import health, intros
from ..domain.models import Favour
from ..services import health as health_service
from .contact_detail import fmt_day
from .favour_bars import FavourBars
from .health_communities import community_of
from .health_communities import options as community_options
from .health_list import HealthListScreen
from .heatmap import TouchHeatmap
from .pane import Pane

BAR = 12  # characters in a full on-track bar
WIDE = 110  # columns from which the charts sit two by two
TALL = 36  # rows from which the bars and the drifting list grow
_EIGHTHS = " ▏▎▍▌▋▊▉"
DRIFT_SHOWN = 40  # the most drifting in the pane; the last row opens the full list
ALL_DRIFTING = "-all-"  # that row's id (contact ids are hex)
DIRECTION_STYLE = {"gave": "#39d353", "received": "#58a6ff", "asked": "#e3b341"}


def share_bar(share: float, width: int = BAR) -> Text:
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    done = "█" * full + (_EIGHTHS[part] if part else "")
    color = "#39d353" if share >= 0.75 else ("#e3b341" if share >= 0.4 else "#f85149")
    return Text.assemble((done, color), ("░" * (width - len(done)), "#2d333b"))


def _highlight(options: OptionList, index: int | None) -> None:
    """Keep the cursor where it was (or on the first row), so enter always has a row."""
    enabled = [n for n in range(options.option_count)
               if not options.get_option_at_index(n).disabled]
    if enabled:
        wanted = min(index or 0, options.option_count - 1)
        options.highlighted = wanted if wanted in enabled else enabled[0]


class HealthPane(Pane):
    TITLE = "Health"

    def __init__(self, network, *, id: str) -> None:
        super().__init__(network, id=id)
        self.figures: health.Health | None = None

    def compose(self) -> ComposeResult:
        today = self.network.today()
        with VerticalScroll(id="health-grid"):
            with Vertical(id="health-ontrack", classes="health-card"):
                yield Static("", id="health-ontrack-title", classes="health-title", markup=False)
                with Horizontal(id="health-ontrack-body"):
                    yield OptionList(id="health-circles")
                    yield Vertical(id="health-history")
                yield Static("", id="health-history-note", classes="health-note", markup=False)
            with Vertical(id="health-touches", classes="health-card"):
                yield Static("", id="health-touches-title", classes="health-title", markup=False)
                yield TouchHeatmap(today, self.network.config.first_weekday, id="health-heatmap")
            with Vertical(id="health-giving", classes="health-card"):
                yield Static("", id="health-giving-title", classes="health-title", markup=False)
                yield FavourBars(id="health-bars")
            with Vertical(id="health-drift", classes="health-card"):
                yield Static("", id="health-drift-title", classes="health-title", markup=False)
                yield OptionList(id="health-drifting")

    def focus_main(self) -> None:
        self.query_one("#health-circles", OptionList).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")
        self.set_class(self.size.height >= TALL, "-tall")

    # -- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        h = self.figures = health_service.network_health(self.network)
        self._fill_on_track(h)
        self._fill_touches(h)
        self._fill_giving(h)
        self._fill_drifting(h)

    def _fill_on_track(self, h: health.Health) -> None:
        title = self.query_one("#health-ontrack-title", Static)
        title.update(Text.assemble(("On track now", "bold"),
                                   ("  · each circle's last 12 months, week by week", "dim")))
        circles = self.query_one("#health-circles", OptionList)
        keep = circles.highlighted
        circles.clear_options()
        history = self.query_one("#health-history", Vertical)
        width = max((len(s.circle) for s in h.on_track), default=5)
        options: list[Option] = []
        series: list[list[float]] = []
        for s in h.on_track:
            row = Text(no_wrap=True, overflow="ellipsis")
            row.append(f"{s.circle:<{width}} ")
            row.append_text(share_bar(s.share))
            row.append(f" {s.share:4.0%}", "bold")
            row.append(f" {s.on_track}/{s.total}", "dim")
            options.append(Option(row, id=s.circle))
            series.append([v for v in h.history.get(s.circle, []) if v is not None] or [0.0])
        if not options:
            options.append(Option(Text("Nobody has a circle or a cadence yet: give people a "
                                       "circle (e) to see who is on track.", "dim"),
                                  disabled=True))
        circles.add_options(options)
        _highlight(circles, keep)
        # One sparkline a circle, beside its bar: kept and refilled, so a reload after a
        # write does not rebuild them.
        sparks = list(history.query(Sparkline))
        for spark, values in zip(sparks, series, strict=False):
            spark.data = values
        for spark in sparks[len(series):]:
            spark.remove()
        history.mount_all(Sparkline(v, classes="health-spark") for v in series[len(sparks):])
        note = self.query_one("#health-history-note", Static)
        everyone = [v for v in h.history.get("all", []) if v is not None]
        if everyone:
            note.update(Text.assemble(
                ("Everyone: ", "bold"), f"{everyone[0]:.0%} a year ago, ",
                f"low {min(everyone):.0%}, high {max(everyone):.0%}, ",
                (f"{everyone[-1]:.0%} now", "bold"), ("   enter: who is off track", "dim")))
        else:
            note.update("")

    def _fill_touches(self, h: health.Health) -> None:
        weeks = h.touches_per_week
        total = sum(n for _w, n in weeks)
        self.query_one("#health-touches-title", Static).update(Text.assemble(
            ("Touches", "bold"), f"  {total} in {len(weeks)} weeks, "
            f"{total / max(1, len(weeks)):.1f} a week"))
        self.query_one(TouchHeatmap).set_data(h.today, h.daily)

    def _fill_giving(self, h: health.Health) -> None:
        ratio = "nothing received yet" if h.ratio is None else f"ratio {h.ratio:.2f}"
        self.query_one("#health-giving-title", Static).update(Text.assemble(
            ("Giving vs taking", "bold"),
            f"  {h.given} given · {h.received} received · {h.asked} asked · ",
            (ratio, "bold")))
        self.query_one(FavourBars).set_data(h.months)

    def _fill_drifting(self, h: health.Health) -> None:
        self.query_one("#health-drift-title", Static).update(Text.assemble(
            ("Drifting", "bold"), f"  {len(h.drifting)} · the gaps between touches grow",
            ("  enter: open", "dim")))
        drifting = self.query_one("#health-drifting", OptionList)
        keep = drifting.highlighted
        drifting.clear_options()
        options = [Option(self._drift_row(d), id=d.id) for d in h.drifting[:DRIFT_SHOWN]]
        if len(h.drifting) > DRIFT_SHOWN:
            options.append(Option(Text(f"… {len(h.drifting) - DRIFT_SHOWN} more: enter for "
                                       "everyone", "dim"), id=ALL_DRIFTING))
        if not options:
            options.append(Option(Text("Nobody is drifting: the gaps between touches are "
                                       "holding steady.", "dim"), disabled=True))
        options += community_options(self.network)
        drifting.add_options(options)
        _highlight(drifting, keep)

    def _drift_row(self, d: health.Drift) -> Text:
        row = Text(no_wrap=True, overflow="ellipsis")
        row.append(d.name)
        row.append(f"  every {d.usual_days}d → ", "dim")
        row.append(f"{d.latest_days}d", "bold #e3b341")
        row.append(f"  last {fmt_day(self.network, d.last_touch)}", "dim")
        return row

    # -- the lists behind the charts ----------------------------------------------------

    def _open_contact(self, contact_id: str | None) -> None:
        if contact_id:
            from .contacts_pane import ContactsPane

            self.netui.action_show_pane("contacts")
            self.app.query_one(ContactsPane).select(contact_id)

    def _show_list(self, title: str, rows: list[tuple[str, Text]], empty: str) -> None:
        self.app.push_screen(HealthListScreen(title, rows, empty), self._open_contact)

    @on(OptionList.OptionSelected, "#health-circles")
    def _circle_chosen(self, event: OptionList.OptionSelected) -> None:
        circle = event.option.id or ""
        rows = []
        for c, last in health_service.off_track(self.network, circle):
            row = Text(no_wrap=True, overflow="ellipsis")
            row.append(c.name)
            when = fmt_day(self.network, last) if last else "never"
            row.append(f"  last touch {when}", "dim")
            rows.append((c.id, row))
        self._show_list(f"Off track in {circle}: {len(rows)}", rows,
                        f"Everyone in {circle} is on track.")

    @on(OptionList.OptionSelected, "#health-drifting")
    def _drifter_chosen(self, event: OptionList.OptionSelected) -> None:
        if (community_id := community_of(event.option.id)) is not None:
            from .communities_pane import CommunitiesPane

            self.netui.action_show_pane("communities")
            self.app.query_one(CommunitiesPane).select(community_id)
        elif event.option.id != ALL_DRIFTING:
            self._open_contact(event.option.id)
        elif self.figures is not None:
            everyone = self.figures.drifting
            self._show_list(f"Drifting: {len(everyone)}",
                            [(d.id, self._drift_row(d)) for d in everyone], "")

    @on(TouchHeatmap.DayChosen)
    def _day_chosen(self, event: TouchHeatmap.DayChosen) -> None:
        rows = []
        for c, touch in health_service.touched_on(self.network, event.day):
            row = Text(no_wrap=True, overflow="ellipsis")
            row.append(c.name)
            if isinstance(touch, Favour):  # a favour counts as a touch (the config)
                intro = intros.describe(touch, c.id, self._contact_name,
                                        lambda d: fmt_day(self.network, d))
                label = "intro" if intro and c.id != touch.contact_id else touch.direction.value
                row.append(f"  {label}", DIRECTION_STYLE[touch.direction.value])
                text = intro if intro and c.id != touch.contact_id else touch.text
            else:
                row.append(f"  {touch.kind.value}", "dim")
                text = touch.text
            if text:
                row.append(f"  {text}", "dim")
            rows.append((c.id, row))
        self._show_list(f"In touch on {event.day.strftime('%a %d %b %Y')}: {len(rows)}", rows,
                        "Nobody that day.")

    def _contact_name(self, contact_id: str) -> str:
        c = self.network.get_contact(contact_id)
        return c.name if c else "someone deleted"

    @on(FavourBars.MonthChosen)
    def _month_chosen(self, event: FavourBars.MonthChosen) -> None:
        month: date = event.month.month
        rows = []
        for f in health_service.favours_in(self.network, month):
            c = self.network.get_contact(f.contact_id)
            row = Text(no_wrap=True, overflow="ellipsis")
            row.append(f"{fmt_day(self.network, f.date)}  ", "dim")
            row.append(f"{f.direction.value:<8}", DIRECTION_STYLE.get(f.direction.value, ""))
            row.append(c.name if c else "?")
            if f.text:
                row.append(f"  {f.text}", "dim")
            rows.append((f.contact_id, row))
        self._show_list(f"Favours in {month.strftime('%B %Y')}: {len(rows)}", rows,
                        "No favours that month.")
