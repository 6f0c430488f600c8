"""The repository a run belongs to: its top folder, found by walking up to a ``.git`` entry.

No ``git`` subprocess: a ``.git`` folder (a clone) or file (a worktree, a submodule) marks the top,
as ``git rev-parse --show-toplevel`` would find it. SARIF and Code Quality paths are relative to
it; the config file search stops there.
"""

from __future__ import annotations

from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Optional


def find_root(start: str | Path) -> Optional[Path]:
    """The nearest folder at or above ``start`` (a file or folder) that holds ``.git``, or None."""
    here = Path(start).absolute()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        try:
            if (folder / ".git").exists():
                return folder
        except OSError:  # an unreadable folder on the way up: no repository found from here
            return None
    return None


def default_root(declarations: list[str]) -> Path:
    """``--repo-root`` when not given: the repository of the working folder, else of the first
    declaration, else the working folder."""
    return find_root(Path.cwd()) or (find_root(declarations[0]) if declarations else None) or Path.cwd()
