"""Access to package data (rules, templates) that ships inside the wheel."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def data_path(*parts: str) -> Traversable:
    """Return the packaged data file or folder ``_data/<parts>``.

    ``src/gaicheck/_data/rules`` and ``templates`` are symlinks to the repository's top-level
    folders, so the same path works in a source checkout, an editable install and a wheel.
    """
    node: Traversable = files("gaicheck") / "_data"
    for part in parts:
        node = node / part
    return node
