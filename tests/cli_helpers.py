"""Run netui's real entry point in-process and capture what a shell would see."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
from dataclasses import dataclass

import pytest

from netui.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    capsys.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def netui_in_process(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`netui ARGS` with `env` set, run through the same entry point (netui.cli.main) in
    this process: its exit code, stdout and stderr as a subprocess would give them,
    without an interpreter start and netui's imports (~0.3 s of CPU a call). Tests where
    the process boundary is the point (a kill, a second process, a terminal) start one."""
    out, err = io.StringIO(), io.StringIO()
    before = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return subprocess.CompletedProcess(["netui", *args], code, out.getvalue(), err.getvalue())
