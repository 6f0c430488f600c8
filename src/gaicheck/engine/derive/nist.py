"""NIST AI RMF (voluntary): relevant GAI risks, practice coverage and gaps (``derived.nist``).

Relevance comes from the declared capabilities, modalities, audience and model facts
(``gaicheck.nist.relevance``); coverage from ``nist.practices`` (``gaicheck.nist.coverage``).
Facts the rules read are ``None`` when ``nist.practices`` is not declared, so those rules are
``manual`` and name that field (see SOURCES).
"""

from __future__ import annotations

from gaicheck.nist import coverage as cov
from gaicheck.nist import relevance as rel
from gaicheck.nist.catalog import load_nist_catalog

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence

_PRACTICES = ("nist.practices",)
# Declaration fields that settle each derived NIST fact (see engine/evaluate.py DERIVED_SOURCES).
SOURCES: dict[str, tuple[str, ...]] = {
    "derived.nist.implemented": _PRACTICES,
    "derived.nist.addressed": _PRACTICES,
    "derived.nist.risks_covered": _PRACTICES,
    "derived.nist.evidence_ok": _PRACTICES,
    "derived.nist.evidence_cited": _PRACTICES,
}
PRIORITY = 10  # how many subcategories "matter most"


def derive(decl: dict[str, Any], *, base_dir: Optional[str] = None, allow_outside: bool = False) -> dict[str, Any]:
    """Compute ``derived.nist`` from the declaration as dumped (evidence checked under ``base_dir``)."""
    catalog = load_nist_catalog()
    nist = decl.get("nist") or {}
    practices: Optional[dict[str, Any]] = nist.get("practices")
    facts = rel.read_facts(decl)
    scores = rel.score_risks(facts, catalog)
    relevant = rel.relevant_risks(scores)
    subs = rel.score_subcategories(facts, catalog, scores, relevant)
    order = rel.ranked(subs)
    status = cov.statuses(practices, catalog)
    risk_cov = cov.risk_coverage(relevant, status, catalog)
    declared = practices is not None
    problems = cov.evidence(practices or {}, base_dir, allow_outside=allow_outside)

    def when_declared(value: Any) -> Any:
        return value if declared else None

    by_status = {s: [i for i in catalog.subcategories if status[i] == s] for s in cov.STATUSES}
    return {
        "required": bool(nist.get("required")),
        "declared": declared,
        "relevant_risks": relevant,
        "undeclared_inputs": rel.undeclared_inputs(decl),
        "risk_scores": scores,
        "subcategory_relevance": subs,
        "priority": order[:PRIORITY],
        "status": status,
        "implemented": when_declared(by_status["implemented"]),
        "addressed": when_declared(by_status["implemented"] + by_status["partial"]),
        "planned": when_declared(by_status["planned"]),
        "coverage": cov.coverage(status, catalog),
        "risk_coverage": risk_cov,
        "uncovered_risks": when_declared([r for r in relevant if not risk_cov[r]["covered"]]),
        "risks_covered": when_declared(all(r["covered"] for r in risk_cov.values())),
        "gaps": cov.gaps(status, {s: v["relevance"] for s, v in subs.items()}, order),
        "evidence_problems": problems,
        "evidence_ok": when_declared(not problems),
        "evidence_cited": when_declared(
            all((practices or {})[s].get("evidence") for s in by_status["implemented"])
        ),
    }


def _crosswalk_hits(findings: Sequence[Any]) -> dict[str, list[str]]:
    """Subcategory -> passing CN/EU rules that also evidence it (rules/taxonomy/crosswalk.yaml)."""
    from gaicheck.nist.crosswalk import load_crosswalk

    table = load_crosswalk()
    hits: dict[str, list[str]] = {}
    for f in findings:
        if f.framework != "NIST" and f.status == "pass":
            for sid in table.get(f.rule, ()):
                hits.setdefault(sid, []).append(f.rule)
    return hits


def summary(nist: dict[str, Any], lang: str, findings: Sequence[Any] = ()) -> dict[str, Any]:
    """The ``jurisdictions.NIST`` block of the report: relevance, coverage and ordered gaps."""
    catalog = load_nist_catalog()
    scores = nist["risk_scores"]
    subs = nist["subcategory_relevance"]
    hits = _crosswalk_hits(findings)
    risks = [
        {
            "id": r, "name": catalog.risks[r].name(lang), "level": scores[r]["level"], "score": scores[r]["score"],
            "reasons": [x[lang] for x in scores[r]["reasons"]],
            **({"covered": nist["risk_coverage"][r]["covered"], "missing_in": nist["risk_coverage"][r]["missing_in"]}
               if nist["declared"] else {}),
        }
        for r in nist["relevant_risks"]
    ]
    gaps = []
    for sid in nist["gaps"]:
        entry: dict[str, Any] = {"id": sid, "status": nist["status"][sid], "relevance": subs[sid]["relevance"]}
        if subs[sid]["risks"]:
            entry["risks"] = subs[sid]["risks"]
        if subs[sid]["reasons"]:
            entry["reasons"] = [x[lang] for x in subs[sid]["reasons"]]
        if sid in hits:
            entry["evidenced_by"] = hits[sid]
        gaps.append(entry)
    out: dict[str, Any] = {
        "applies": True,
        "voluntary": True,
        "required": nist["required"],
        "practices_declared": nist["declared"],
        "relevant_risks": risks,
        "priority": nist["priority"],
        "coverage": nist["coverage"],
        "gaps": gaps,
    }
    if nist["undeclared_inputs"]:
        out["undeclared_inputs"] = nist["undeclared_inputs"]  # relevance could not use these
    if nist["evidence_problems"]:
        out["evidence_problems"] = nist["evidence_problems"]
    if hits:
        out["crosswalk"] = hits
    return out
