"""EU AI Act: scope, risk tier and GPAI status (filled in by the EU pack, issue 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

# Declaration fields that settle each derived EU fact (see engine/evaluate.py DERIVED_SOURCES).
SOURCES: dict[str, tuple[str, ...]] = {
    "derived.eu.in_market": ("service.markets",),
}


def derive(decl: dict[str, Any], *, as_of: dt.date, timeline: str) -> dict[str, Any]:
    """Compute ``derived.eu``."""
    markets = (decl.get("service") or {}).get("markets")
    return {"in_market": None if markets is None else "EU" in markets, "timeline": timeline, "tier": None, "gpai": None}


def summary(eu: dict[str, Any], lang: str) -> dict[str, Any]:
    """The ``jurisdictions.EU`` block of the report."""
    return {"applies": eu["in_market"], "tier": eu["tier"], "gpai": eu["gpai"], "timeline": eu["timeline"]}
