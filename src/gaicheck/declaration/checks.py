"""Validator functions of the declaration schema that need no pydantic.

The fast path (``declaration/fast.py``) validates a declaration with a core schema derived from the
models, without importing pydantic; the functions that schema calls live here. Where a model's
validator raises a pydantic error type, the fast one raises ``ValueError``: on any error the fast
path gives up and the pydantic models validate again, so only acceptance and the returned value
must be the same, never the message.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any



def market(value: str) -> str:
    """A market code gaicheck knows (a market not recognised would switch a jurisdiction off)."""
    from gaicheck.markets import problem

    why = problem(value)
    if why is not None:
        raise ValueError(why)
    return value


def unquoted(value: Any) -> Any:
    """YAML 1.1 reads an unquoted NO (Norway) as false: say so rather than "not a valid string"."""
    if isinstance(value, bool):
        raise ValueError(f"read as the YAML boolean {str(value).lower()}: quote the code "
                         + ('("NO" for Norway)' if value is False else '(e.g. "ON")'))
    return value


def known_subcategory(key: str) -> str:
    """A NIST AI RMF subcategory id of the catalog, exactly as written (the model says what was meant)."""
    from gaicheck.nist.catalog import load_nist_catalog

    if key in load_nist_catalog().subcategories:
        return key
    raise ValueError("unknown NIST AI RMF subcategory")


def reason_says_something(value: str) -> str:
    """A waiver's reason is not blank."""
    if not value.strip():
        raise ValueError("a waiver needs a reason: say why the failing rule is accepted")
    return value
