"""Writing output files: atomically, after everything rendered (shared by every command)."""

from __future__ import annotations

import os
from typing import Sequence


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str, data: bytes) -> None:
    """Write ``data`` (e.g. an .xlsx or .docx) to ``path`` via a temporary file and a rename."""
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".gaicheck-", dir=folder)
    try:
        # mkstemp creates 0600; give the report the mode any new file gets (umask applies)
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_all(targets: Sequence[tuple[str, bytes]]) -> None:
    """Stage every file as a temporary file, then rename them all; on error remove the temporaries."""
    import tempfile

    mask = os.umask(0)
    os.umask(mask)
    staged: list[tuple[str, str]] = []
    try:
        for target, data in targets:
            fd, tmp = tempfile.mkstemp(prefix=".gaicheck-", dir=os.path.dirname(os.path.abspath(target)))
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600; drafts are ordinary files
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise

