"""The clause table of the security assessment report: TC260-003 §5–§8, one verdict per clause.

TC260-003 §9.1 asks for 符合 / 不符合 / 不适用 with evidence for every clause, and for each
不符合 the equivalent measure or the remediation plan. The clauses are data
(``templates/cn/clauses.yaml``); the verdict of each is decided from the report's findings of the
rules listed for it, never guessed:

- a failing (or waived) rule → 不符合, with the rule's remediation in plain Chinese;
- every rule not applicable, or a training clause on the registration route → 不适用, with why;
- every applicable rule passes → 符合, with the evidence and the files that hold it;
- anything else (a rule left manual, a clause no rule checks) → None: the draft prints 【待补充】.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from gaicheck.record import record
from gaicheck.report.model import Finding, Report
from gaicheck.resources import data_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Mapping, Optional, Sequence

COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE = "符合", "不符合", "不适用"

# Tool internals a submission copy must not carry: declaration paths, codes, the tool's name.
_INTERNAL = re.compile(r"[A-Za-z_]+\.[A-Za-z_\[\]]+|[a-z]+_[a-z_]+|gaicheck|CN-[A-Z]+-\d+|cn\.md|\[U\]", re.I)


@record
class Clause:
    """One row of the table, as data."""

    id: str
    clause: str
    text: str
    rules: tuple[str, ...]
    training: bool
    evidence: str
    docs: tuple[str, ...] = ()
    na: Optional[str] = None


@record
class ClauseVerdict:
    """A clause with its verdict and what supports it."""

    clause: Clause
    verdict: Optional[str]          # 符合 | 不符合 | 不适用 | None (to be supplied)
    evidence: str = ""              # with 符合: what proves it, and the files
    remediation: tuple[str, ...] = ()  # with 不符合: what to do, in plain Chinese
    why: str = ""                   # with 不适用
    findings: tuple[tuple[str, str], ...] = ()  # (rule, status), for the working draft

    def to_dict(self) -> dict[str, Any]:
        """Template-facing form."""
        c = self.clause
        return {"id": c.id, "clause": c.clause, "text": c.text, "verdict": self.verdict, "evidence": self.evidence,
                "needs": c.evidence, "remediation": list(self.remediation), "why": self.why,
                "findings": [{"rule": r, "status": s} for r, s in self.findings],
                "rules": list(c.rules)}


@lru_cache(maxsize=1)
def load_clauses() -> tuple[Clause, ...]:
    """The clause table's rows from ``templates/cn/clauses.yaml``."""
    raw = yaml.safe_load(data_path("templates", "cn", "clauses.yaml").read_text(encoding="utf-8"))
    out = []
    for entry in raw:
        out.append(Clause(
            id=str(entry["id"]), clause=str(entry["clause"]), text=str(entry["text"]),
            rules=tuple(entry.get("rules") or ()), training=bool(entry.get("training")),
            evidence=str(entry["evidence"]), docs=tuple(entry.get("docs") or ()), na=entry.get("na"),
        ))
    return tuple(out)


def plain(text: str) -> str:
    """``text`` without the sentences that speak of the tool (declaration fields, rule ids, reruns)."""
    parts = re.split(r"([，；。])", text.strip())
    kept: list[str] = []
    for i in range(0, len(parts), 2):
        segment, delim = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if segment and not _INTERNAL.search(segment):
            kept.append(segment + delim)
    out = "".join(kept).rstrip("，；")
    if out and not out.endswith("。"):
        out += "。"
    return out


def _zh_remediation(rule: str, fallback: str) -> str:
    try:
        from gaicheck.catalog.load import load_catalog

        compiled = load_catalog().get(rule)
    except Exception:  # pragma: no cover - the catalogue ships with gaicheck
        compiled = None
    text = compiled.rule.remediation.get("zh") if compiled is not None else fallback
    return plain(text) or plain(fallback)


def decide(clause: Clause, findings: Mapping[str, Finding], *, route: Optional[str], upstream: str,
           files: Mapping[str, str]) -> ClauseVerdict:
    """The verdict of one clause from the findings of its rules (see the module docstring)."""
    own = [findings[r] for r in clause.rules if r in findings]
    seen = tuple((f.rule, f.status) for f in own)
    if clause.training and route == "registration":
        return ClauseVerdict(clause, NOT_APPLICABLE, why=upstream, findings=seen)
    failing = [f for f in own if f.status in ("fail", "waived")]
    if failing:
        fixes = []
        for f in failing:
            fix = _zh_remediation(f.rule, f.remediation)
            if f.status == "waived" and f.waiver:
                fix = f"已记录例外：{f.waiver.get('reason', '')}；{fix}"
            if fix and fix not in fixes:
                fixes.append(fix)
        return ClauseVerdict(clause, NON_COMPLIANT, remediation=tuple(fixes), findings=seen)
    if own and all(f.status == "not_applicable" for f in own):
        return ClauseVerdict(clause, NOT_APPLICABLE, why=clause.na or "本服务不涉及该情形", findings=seen)
    applicable = [f for f in own if f.status != "not_applicable"]
    if applicable and all(f.status == "pass" for f in applicable):
        paths = [files[d] for d in clause.docs if files.get(d)]
        evidence = clause.evidence + (f"（{'、'.join(paths)}）" if paths else "")
        return ClauseVerdict(clause, COMPLIANT, evidence=evidence, findings=seen)
    return ClauseVerdict(clause, None, findings=seen)


def clause_table(report: Report, *, upstream: str) -> list[ClauseVerdict]:
    """Every clause of TC260-003 §5–§8 with its verdict for ``report``."""
    findings = {f.rule: f for f in report.findings}
    route = (report.jurisdictions.get("CN") or {}).get("path")
    files = {d.id: d.path for d in report.documents if d.path and d.status == "valid"}
    return [decide(c, findings, route=route, upstream=upstream, files=files) for c in load_clauses()]


def sections(rows: Sequence[ClauseVerdict]) -> list[dict[str, Any]]:
    """Rows grouped by clause (5.1, 5.2 … 8.4), in table order."""
    out: list[dict[str, Any]] = []
    for row in rows:
        if not out or out[-1]["clause"] != row.clause.clause:
            out.append({"clause": row.clause.clause, "rows": []})
        out[-1]["rows"].append(row.to_dict())
    return out
