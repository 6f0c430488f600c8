"""NIST AI RMF: voluntary; relevance of the GAI risks (filled in by the NIST pack, issue 6)."""

from __future__ import annotations

from typing import Any

SOURCES: dict[str, tuple[str, ...]] = {}


def derive(decl: dict[str, Any]) -> dict[str, Any]:
    """Compute ``derived.nist``."""
    nist = decl.get("nist") or {}
    return {"required": bool(nist.get("required"))}


def summary(nist: dict[str, Any], lang: str) -> dict[str, Any]:
    """The ``jurisdictions.NIST`` block of the report."""
    return {"applies": True, "required": nist["required"]}
