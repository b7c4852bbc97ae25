"""netui's command line: `netui` starts the TUI; subcommands script the same services.

Textual is imported only when the TUI starts, and pydantic only when a command reads or
writes data, so shell commands stay fast (tests/test_import_hygiene.py holds it); a
plain `netui note` or `netui list NAME` needs neither click nor pydantic (cli.note_fast,
cli.list_fast)."""

from __future__ import annotations

import errno
import gc
import io
import os
import sys
from typing import Any, TextIO, cast

from ..errors import ConfigError, NetuiError, one_line


def _validation_error(exc: Exception) -> bool:
    """Whether `exc` is pydantic's ValidationError. Without pydantic loaded nothing
    could have raised one, so `netui --version` never imports it to find out."""
    core = sys.modules.get("pydantic_core")
    return core is not None and isinstance(exc, core.ValidationError)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one line for every error a user can cause, never a traceback.

    The cyclic collector is off while a command runs: a command lives for a moment and
    its documents, rows and models make no reference cycles (its peak memory is the same
    without it), so the collector would only rescan every module and record loaded so far,
    some 70 times in a note (3% of its work). The app turns it on after its first frame
    (NetuiApp._started); a caller of main() in a process that goes on gets it back."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str] | None) -> None:
    args = sys.argv[1:] if argv is None else argv
    try:
        code = _fast(args)
        if code is None:
            from .common import cli

            code = cli.main(args=args, prog_name="netui", standalone_mode=False)
    except (NetuiError, ConfigError) as exc:
        echo(f"netui: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        echo(f"netui: cannot use{where}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        _other(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _fast(args: list[str]) -> int | None:
    """A command run without click or pydantic (`netui note`, `netui list NAME`); None
    when it is not one those paths take. It ends as click's main ends the command it
    runs: ^C says cancelled, a reader gone away (`netui list | head`) exits 1 quietly."""
    if args[:1] == ["note"]:
        from .note_fast import run
    elif args[:1] == ["list"]:
        from .list_fast import run
    else:
        return None
    try:
        return run(args)
    except (EOFError, KeyboardInterrupt):
        echo("", err=True)  # the blank line closes the terminal's ^C echo
        echo("netui: cancelled", err=True)
        sys.exit(130)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = cast("TextIO", _Pacified(sys.stdout))
        sys.stderr = cast("TextIO", _Pacified(sys.stderr))
        return 1


class _Pacified:
    """A stream whose flush ignores a closed pipe, as click wraps them after one: the
    interpreter's flush at exit would otherwise print a BrokenPipeError."""

    def __init__(self, wrapped: TextIO) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def echo(message: str, *, err: bool = False, nl: bool = True) -> None:
    """common.echo (text that may hold user data: never an escape sequence), without
    importing click for a command that did not need it."""
    from ..domain.text import scrub

    stream = sys.stderr if err else sys.stdout
    stream.write(scrub(message) + ("\n" if nl else ""))
    stream.flush()


def _other(exc: Exception) -> None:
    """Any other error: click's (usage, cancelled), a value a model refuses, or a bug."""
    click = sys.modules.get("click")
    if click is not None and isinstance(exc, click.exceptions.Abort):
        echo("netui: cancelled", err=True)
        sys.exit(130)
    if click is not None and isinstance(exc, click.ClickException):
        shown = io.StringIO()  # usage errors repeat what was typed: scrubbed like the rest
        exc.show(file=shown)
        echo(shown.getvalue(), err=True, nl=False)
        sys.exit(exc.exit_code)
    if _validation_error(exc):  # a value a model refuses: one line naming the field
        echo(f"netui: {one_line(exc)}", err=True)  # type: ignore[arg-type]
        sys.exit(1)
    # a bug: still one line, with the details on request
    if os.environ.get("NETUI_DEBUG"):
        raise exc
    echo(f"netui: internal error: {type(exc).__name__}: {exc} "
         "(run with NETUI_DEBUG=1 for details)", err=True)
    sys.exit(70)
