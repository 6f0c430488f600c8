"""Running the installed command as a hostile-input test sees it, and the one-line error contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.hostile.privs import unprivileged


def gaicheck(*args: str, cwd: Path, timeout: int = 60, env: dict[str, str] | None = None,
             wrap: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -m gaicheck ARGS`` in ``cwd`` (``wrap``: as an unprivileged user, tests/hostile/privs.py).

    The timeout turns a read that would hang (a FIFO, /dev/zero) into a failure, not a stuck suite.
    """
    cmd = [sys.executable, "-m", "gaicheck", *args]
    return subprocess.run(unprivileged(cmd) if wrap else cmd, cwd=cwd, capture_output=True, text=True,
                          errors="replace", timeout=timeout, env={**os.environ, "LANG": "C.UTF-8", **(env or {})})


def one_error(out: subprocess.CompletedProcess[str], where: str, words: str) -> None:
    """Exit 2 and exactly one ``gaicheck: error: WHERE…`` line holding ``words``; no traceback, no output."""
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr and out.stdout == "", out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"gaicheck: error: {where}"), out.stderr
    assert words in lines[0], out.stderr
