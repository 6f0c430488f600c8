"""Coverage of the AI RMF by the declared practices (``nist.practices``), and the gaps.

A practice is *addressed* when it is implemented or partial; planned counts as not yet addressed.
A relevant GAI risk is *covered* when it is both measured and managed: at least one subcategory
keyed to it (through AI 600-1 actions) is addressed in MEASURE and one in MANAGE — or in whichever
of the two it is keyed to (environmental impacts have MEASURE actions only).
"""

from __future__ import annotations

from gaicheck.engine.documents import check_path
from gaicheck.nist.catalog import NistCatalog

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

STATUSES = ("implemented", "partial", "planned", "missing")
_GAP_ORDER = {"missing": 0, "planned": 1, "partial": 2}
RISK_FUNCTIONS = ("MEASURE", "MANAGE")


def statuses(practices: Optional[dict[str, Any]], catalog: NistCatalog) -> dict[str, str]:
    """Status of every subcategory; undeclared ones are ``missing``."""
    given = practices or {}
    return {sid: (given[sid]["status"] if sid in given else "missing") for sid in catalog.subcategories}


def _tally(ids: tuple[str, ...], status: dict[str, str]) -> dict[str, Any]:
    counts = {s: 0 for s in STATUSES}
    for sid in ids:
        counts[status[sid]] += 1
    total = len(ids)
    score = (counts["implemented"] + 0.5 * counts["partial"]) / total if total else 0.0
    return {"total": total, **counts, "percent": round(100 * score)}


def coverage(status: dict[str, str], catalog: NistCatalog) -> dict[str, Any]:
    """Counts and percent per function and per category (partial counts half)."""
    return {
        "overall": _tally(tuple(catalog.subcategories), status),
        "functions": {f: _tally(catalog.in_function(f), status) for f in catalog.functions},
        "categories": {c: _tally(catalog.in_category(c), status) for c in catalog.categories},
    }


def risk_coverage(relevant: list[str], status: dict[str, str], catalog: NistCatalog) -> dict[str, dict[str, Any]]:
    """Per relevant risk: addressed keyed subcategories, and whether it is measured and managed."""
    out: dict[str, dict[str, Any]] = {}
    for rid in relevant:
        keyed = catalog.risks[rid].subcategories
        addressed = [s for s in keyed if status[s] in ("implemented", "partial")]
        needed = [f for f in RISK_FUNCTIONS if any(catalog.subcategories[s].function == f for s in keyed)]
        missing_in = [f for f in needed if not any(catalog.subcategories[s].function == f for s in addressed)]
        out[rid] = {"keyed": len(keyed), "addressed": addressed, "covered": not missing_in, "missing_in": missing_in}
    return out


def gaps(status: dict[str, str], relevance: dict[str, int], order: list[str]) -> list[str]:
    """Subcategories not implemented: most relevant first; on a tie missing, then planned, then partial."""
    rank = {s: i for i, s in enumerate(order)}
    open_ = [s for s in order if status[s] != "implemented"]
    return sorted(open_, key=lambda s: (-relevance[s], _GAP_ORDER[status[s]], rank[s]))


def evidence(practices: dict[str, Any], base_dir: Optional[str], *, allow_outside: bool) -> list[dict[str, str]]:
    """Evidence paths that do not resolve to a readable file (relative to the declaration's folder)."""
    problems: list[dict[str, str]] = []
    if base_dir is None:
        return problems
    for sid, p in practices.items():
        path = p.get("evidence")
        if not path:
            continue
        fc = check_path(base_dir, path, allow_outside=allow_outside)
        if not fc.exists:
            problems.append({"subcategory": sid, "path": path, "problem": fc.problem or "not found"})
    return problems
