"""`netui stats` (the network's health in figures) and `netui remind` (the morning digest,
a desktop notification, and the timer that sends it)."""

from __future__ import annotations

from collections.abc import Sequence

import click

from .common import Context, cli, echo, echo_json, parse_day, pass_ctx

BAR = 20  # characters in a full bar
_EIGHTHS = " ▏▎▍▌▋▊▉"
_SPARKS = "▁▂▃▄▅▆▇█"


def bar(share: float, width: int = BAR) -> str:
    """A horizontal bar in eighths of a character, padded with a light shade."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text + "░" * (width - len(text))


def sparkline(values: Sequence[float | int | None]) -> str:
    known = [v for v in values if v is not None]
    top = max(known, default=0) or 1
    return "".join(" " if v is None else _SPARKS[min(7, int(v / top * 7.999))]
                   for v in values)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--since", metavar="DATE",
              help="Count from this date (default a year back): 2026-01-01, 3m ago, ...")
@pass_ctx
def stats(obj: Context, as_json: bool, since: str | None) -> None:
    """How your network is doing: on track per circle, touches, giving vs taking, drifting."""
    from ..domain.health import to_json

    today = obj.today()
    start = None
    if since:
        start = parse_day(since, today)
        if start > today:
            raise click.BadParameter(f"{since!r} is after today", param_hint="--since")
    h = None
    if not obj.demo:  # the kept figures' inputs, without opening the store when current
        from ..quick_stats import figures as quick

        h = quick(obj.resolved_data_dir(), obj.config, today, start)
    if h is None:
        from ..services.health_cache import figures

        h = figures(obj.network, start)
    if as_json:
        echo_json(to_json(h))
        return
    out = [f"Since {h.since.isoformat()}", "", "On track (touched within their cadence):"]
    if not h.on_track:
        out.append("  nobody has a circle or cadence yet")
    width = max((len(s.circle) for s in h.on_track), default=0)
    for s in h.on_track:
        out.append(f"  {s.circle:<{width}}  {bar(s.share)} {s.share:4.0%}  "
                   f"{s.on_track}/{s.total}")
    if h.history.get("all"):
        out.append(f"  {'week by week':<{width}}  {sparkline(h.history['all'])}")
    weeks = h.touches_per_week
    total = sum(n for _w, n in weeks)
    out += ["", f"Touches: {total} in {len(weeks)} weeks, "
                f"{total / max(1, len(weeks)):.1f} a week",
            f"  {sparkline([n for _w, n in weeks][-BAR * 3:])}"]
    ratio = "n/a (nothing received)" if h.ratio is None else f"{h.ratio:.2f}"
    out += ["", f"Giving vs taking: given {h.given}, received {h.received}, asked {h.asked} "
                f"({h.answered} answered); ratio {ratio}"]
    top = max((max(m.given, m.received + m.asked) for m in h.months), default=0) or 1
    for m in h.months[-12:]:
        out.append(f"  {m.month.strftime('%b %y')}  gave {bar(m.given / top, 10)} {m.given:<3}"
                   f" got+asked {bar((m.received + m.asked) / top, 10)} "
                   f"{m.received}+{m.asked}")
    out += ["", f"Drifting ({len(h.drifting)}): the latest gap between touches against the "
                "usual one"]
    from ..domain.digest import clean

    for d in h.drifting[:10]:
        out.append(f"  {clean(d.name)}: usually every {d.usual_days}d, now {d.latest_days}d "
                   f"(last {d.last_touch.isoformat()})")
    if len(h.drifting) > 10:
        out.append(f"  … and {len(h.drifting) - 10} more (--json lists everyone)")
    echo("\n".join(out))


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--notify", is_flag=True,
              help="Show the digest as a desktop notification ([remind] notify_command).")
@click.option("--install", is_flag=True,
              help="Run `netui remind --notify` every day at [remind] at (systemd, launchd "
                   "or a crontab line).")
@click.option("--uninstall", is_flag=True, help="Remove what --install wrote.")
@click.option("--target", type=click.Choice(["auto", "systemd", "launchd", "cron"]),
              default="auto", show_default=True, help="With --install: how to schedule it.")
@pass_ctx
def remind(obj: Context, as_json: bool, notify: bool, install: bool, uninstall: bool,
           target: str) -> None:
    """This morning's digest: who to reconnect with, birthdays, follow-ups, what waits on
    you. Prints nothing when there is nothing (for cron mail or a shell greeting)."""
    if sum((as_json, notify, install, uninstall)) > 1:
        raise click.UsageError("use one of --json, --notify, --install, --uninstall")
    if install or uninstall:
        _schedule(obj, install, target)
        return
    from ..services import remind as remind_service

    d = remind_service.digest(obj.network)
    if as_json:
        echo_json(d.to_json())
        return
    if notify:
        if d.empty:
            return
        title, body = d.notification()
        remind_service.notify(title, body, obj.config.remind.notify_command)
        return
    if text := d.to_text():
        echo(text)


def _schedule(obj: Context, install: bool, target: str) -> None:
    from .. import remind_install as ri

    if not install:
        removed, steps = ri.uninstall()
        if not removed:
            echo("No netui timer or agent to remove. A crontab line, if you added "
                       "one, is yours to remove (crontab -e).")
            return
        for path in removed:
            echo(f"Removed {path}")
        for step in steps:
            echo(f"  then: {step}")
        return
    if obj.demo:
        raise click.UsageError("--install schedules your own data, not the demo")
    hour, minute = obj.config.remind.hour_minute
    done = ri.install(ri.detect() if target == "auto" else target, _where(obj), hour, minute)
    if done.line:
        echo("Add this line to your crontab (netui does not edit it):")
        echo(done.line)
    for path in done.files:
        echo(f"Wrote {path}")
    for step in done.next_steps:
        echo(f"  then: {step}")


def _where(obj: Context) -> list[str]:
    """--data-dir and --config for the timer, absolute, when not the defaults: a timer
    runs elsewhere and without this shell's NETUI_DATA_DIR / NETUI_CONFIG."""
    import os

    from ..paths import config_file, data_dir

    out = []
    if obj.data_dir or os.environ.get("NETUI_DATA_DIR"):
        out += ["--data-dir", str(data_dir(obj.data_dir).absolute())]
    if obj.config_path or os.environ.get("NETUI_CONFIG"):
        out += ["--config", str(config_file(obj.config_path).absolute())]
    return out
