"""Immutable report records; ``to_dict`` gives the JSON contract of shared/DECLARATION.md."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from gaicheck.location import Location
from gaicheck.record import field, record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

STATUSES = ("pass", "fail", "manual", "waived", "not_applicable")


@record
class Finding:
    """The outcome of one rule for one declaration (passes are kept)."""

    rule: str
    name: str
    framework: str
    status: str
    severity: str
    citation: str
    title: str
    message: str
    remediation: str
    location: Location
    verified: bool = True
    missing_facts: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    effective: Optional[dt.date] = None
    upcoming: bool = False
    would: Optional[str] = None
    waiver: Optional[dict[str, Any]] = None
    note: Optional[str] = None
    baselined: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the finding."""
        d: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "framework": self.framework,
            "status": self.status,
            "severity": self.severity,
            "citation": self.citation,
            "title": self.title,
            "message": self.message,
            "remediation": self.remediation,
            "location": self.location.to_dict(),
            "verified": self.verified,
        }
        if self.missing_facts:
            d["missing_facts"] = list(self.missing_facts)
        if self.documents:
            d["documents"] = list(self.documents)
        if self.effective is not None:
            d["effective"] = self.effective.isoformat()
        if self.upcoming:
            d["upcoming"] = True
            d["would"] = self.would
        if self.waiver is not None:
            d["waiver"] = self.waiver
        if self.note:
            d["note"] = self.note
        if self.baselined:
            d["baselined"] = True
        return d


@record
class RuleInfo:
    """Catalog metadata of one rule in the run, for formats that describe rules (SARIF)."""

    id: str
    name: str
    framework: str
    severity: str
    waivable: bool
    title: str
    help: str
    why: str = ""
    tags: tuple[str, ...] = ()
    help_markdown: str = ""  # the explain page as Markdown (SARIF help.markdown)


@record
class DocumentStatus:
    """One filing material: required or not, present or not, and its measured stats."""

    id: str
    name_zh: str
    name_en: str
    framework: str
    required: Optional[bool]
    status: str
    path: Optional[str]
    sha256: Optional[str] = None
    reason: Optional[str] = None
    basis: Optional[str] = None
    note: Optional[str] = None
    verified: bool = True
    stats: Optional[dict[str, Any]] = None
    checked: Optional[str] = None  # counted | structure | exists (None: nothing there to check)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (contract: id, required, status, path, sha256, checked, stats)."""
        d: dict[str, Any] = {
            "id": self.id,
            "name": {"zh": self.name_zh, "en": self.name_en},
            "framework": self.framework,
            "required": self.required,
            "status": self.status,
            "path": self.path,
            "sha256": self.sha256,
            "checked": self.checked,
        }
        if self.basis:
            d["basis"] = self.basis
        if self.note:
            d["note"] = self.note
        if not self.verified:
            d["verified"] = False
        if self.stats is not None:
            d["stats"] = self.stats
        return d


@record
class Report:
    """Everything one assessment found."""

    input_path: str
    input_sha256: str
    as_of: dt.date
    fail_on: str
    lang: str
    tool_version: str
    rules_version: str
    service_name: str
    jurisdictions: dict[str, dict[str, Any]]
    documents: tuple[DocumentStatus, ...]
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = field(default=())
    rules: tuple[RuleInfo, ...] = field(default=())
    baseline_file: Optional[str] = None
    baseline_fixed: tuple[str, ...] = field(default=())
    # settings.thresholds in effect: {rule, param, standard, declared} (contract additions of 2026-12)
    overrides: tuple[dict[str, Any], ...] = field(default=())
    # who offers the service and where (the HTML dashboard's table); not in the JSON contract
    provider: str = ""
    markets: Optional[tuple[str, ...]] = None
    # the declaration's decoded text, for formats that end a finding's region at the end of its
    # line (SARIF endColumn); not part of the JSON contract
    source_text: str = field(default="", repr=False, compare=False)

    @cached_property  # computed once per report (frozen record: cached in the instance dict)
    def to_declare(self) -> tuple[Any, ...]:
        """Missing facts ranked by the blocking findings each would settle (``report.outline.ToDeclare``)."""
        from gaicheck.report.outline import to_declare

        return to_declare(self)

    @property
    def summary(self) -> dict[str, int]:
        """Count of findings per status."""
        counts = {s: 0 for s in STATUSES}
        for f in self.findings:
            counts[f.status] += 1
        return counts

    def blocking(self) -> list[Finding]:
        """Findings that make the service not ready: fail or manual at or above ``fail_on``."""
        from gaicheck.catalog.records import SEVERITY_ORDER

        floor = SEVERITY_ORDER[self.fail_on]
        return [
            f for f in self.findings
            if f.status in ("fail", "manual") and not f.baselined and SEVERITY_ORDER[f.severity] >= floor
        ]

    @property
    def ready(self) -> bool:
        """True only when nothing at or above ``fail_on`` fails or is left unconfirmed."""
        return not self.blocking()

    def to_dict(self) -> dict[str, Any]:
        """The JSON report contract (report_version 1)."""
        d: dict[str, Any] = {
            "report_version": 1,
            "tool": {"name": "gaicheck", "version": self.tool_version, "rules": self.rules_version},
            "input": {"path": self.input_path, "sha256": self.input_sha256},
            "as_of": self.as_of.isoformat(),
            "fail_on": self.fail_on,
            "ready": self.ready,
            "jurisdictions": self.jurisdictions,
            "documents": [d.to_dict() for d in self.documents],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
            "to_declare": [t.to_dict() for t in self.to_declare],
            "notes": list(self.notes),
            "overrides": [dict(o) for o in self.overrides],
        }
        if self.baseline_file is not None:
            d["baseline"] = {"file": self.baseline_file, "fixed": list(self.baseline_fixed)}
        return d
