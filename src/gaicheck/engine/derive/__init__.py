"""Jurisdiction facts derived from the declaration (one module per framework)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any



def dig(d: Any, *keys: str) -> Any:
    """``d[k1][k2]…``, or None as soon as a level is missing or not a mapping."""
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d
