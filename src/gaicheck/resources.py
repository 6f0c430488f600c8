"""Access to package data (rules, templates) that ships inside the wheel."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Union

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

# a string, not a Path: importing pathlib (urllib.parse, ipaddress) costs a hook run ~10 ms
_DATA = os.path.join(os.path.dirname(os.path.realpath(__file__)), "_data")


def data_path(*parts: str) -> Union[Path, Traversable]:
    """Return the packaged data file or folder ``_data/<parts>``.

    ``src/gaicheck/_data/rules`` and ``templates`` are symlinks to the repository's top-level
    folders, so the same path works in a source checkout, an editable install and a wheel. A
    plain folder on disk is used directly (importing ``importlib.resources`` costs more than a
    hook run's own work); only a zipped install goes through ``importlib.resources``.
    """
    from pathlib import Path

    node: Union[Path, Traversable]
    if os.path.isdir(_DATA):
        node = Path(_DATA)
    else:  # pragma: no cover - installed inside a zip
        from importlib.resources import files

        node = files("gaicheck") / "_data"
    for part in parts:
        node = node / part
    return node


def data_file(*parts: str) -> str:
    """The path of the packaged data file ``_data/<parts>`` as a string (a plain folder on disk);
    ``data_path`` for a zipped install."""
    if os.path.isdir(_DATA):
        return os.path.join(_DATA, *parts)
    return str(data_path(*parts))  # pragma: no cover - installed inside a zip
