"""Make the "cannot read" / "cannot write" paths testable as root (CI containers run as root).

Root ignores file modes, so a chmod-0 file proves nothing there. Instead the command runs in a user
namespace (``unshare -r``): it is uid 0 *inside* the namespace, but its capabilities only cover files
whose owner is mapped into it. A file or folder handed to :func:`foreign` belongs to an unmapped uid,
so the mode bits apply to the command as they would to any user. Without root nothing is needed.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path
from typing import Sequence

import pytest

FOREIGN_UID = 54321


@functools.lru_cache(maxsize=1)
def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    try:
        return subprocess.run(["unshare", "-r", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def unprivileged(cmd: Sequence[str]) -> list[str]:
    """``cmd``, wrapped so that file modes bind it even when the tests run as root."""
    if os.geteuid() != 0:
        return list(cmd)
    if not _unshare_works():
        pytest.skip("running as root and user namespaces (unshare -r) are unavailable")
    return ["unshare", "-r", *cmd]


def foreign(path: Path, mode: int) -> None:
    """Give ``path`` mode ``mode`` and, as root, an owner the wrapped command has no power over."""
    if os.geteuid() == 0:
        os.chown(path, FOREIGN_UID, FOREIGN_UID)
    path.chmod(mode)


def restore(path: Path) -> None:
    """Undo :func:`foreign` so pytest can clean the folder up."""
    if os.geteuid() == 0:
        os.chown(path, 0, 0)
    path.chmod(0o700)
