"""A report with every string neutralised for display (issue 13 #3).

Declarations are committed by anyone: a service name, provider, waiver reason or approver, a
document path or a file name may hold terminal escapes (``ESC ] 0 ;`` retitles the window, ``ESC [
2 J`` clears it) or bidi overrides. Every human-readable renderer gets :func:`cleaned` reports, so
no field is forgotten when a renderer grows; JSON keeps the exact values (it escapes controls
itself).
"""

from __future__ import annotations

from gaicheck.record import fields, is_record, replace
from gaicheck.textsafe import clean, is_clean

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, TypeVar
    T = TypeVar("T")



def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return value if is_clean(value) else clean(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, tuple):
        items = tuple(_clean_value(v) for v in value)
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, list):
        items_l = [_clean_value(v) for v in value]
        return value if all(a is b for a, b in zip(items_l, value)) else items_l
    if isinstance(value, dict):
        pairs = [(_clean_value(k), _clean_value(v)) for k, v in value.items()]
        same = all(k2 is k and v2 is v for (k2, v2), (k, v) in zip(pairs, value.items()))
        return value if same else dict(pairs)
    if is_record(value):
        return cleaned(value)
    return value


def cleaned(record: T) -> T:
    """``record`` (a report or any of its record parts) with control and bidi characters in every
    string shown as ``<U+XXXX>``; the same object when nothing needed it."""
    changes = {}
    for f in fields(record):
        old = getattr(record, f.name)
        new = _clean_value(old)
        if new is not old:
            changes[f.name] = new
    return replace(record, **changes) if changes else record  # type: ignore[return-value]
