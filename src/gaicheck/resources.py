"""Access to package data (rules, templates) that ships inside the wheel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_DATA = Path(__file__).resolve().parent / "_data"


def data_path(*parts: str) -> Union[Path, Traversable]:
    """Return the packaged data file or folder ``_data/<parts>``.

    ``src/gaicheck/_data/rules`` and ``templates`` are symlinks to the repository's top-level
    folders, so the same path works in a source checkout, an editable install and a wheel. A
    plain folder on disk is used directly (importing ``importlib.resources`` costs more than a
    hook run's own work); only a zipped install goes through ``importlib.resources``.
    """
    node: Union[Path, Traversable]
    if _DATA.is_dir():
        node = _DATA
    else:  # pragma: no cover - installed inside a zip
        from importlib.resources import files

        node = files("gaicheck") / "_data"
    for part in parts:
        node = node / part
    return node
