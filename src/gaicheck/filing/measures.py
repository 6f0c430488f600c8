"""Measured figures for the filing package: artifact counts per risk and TC260-003 §9 samples.

Everything here reads counts only — ``documents[].stats`` holds totals, per-risk counts and
hashes, never an item's text (keywords and questions are confidential) — and degrades to
``None`` when the counts are not there yet, so a draft can mark the gap for a human.
"""

from __future__ import annotations

from collections.abc import Mapping

from gaicheck.filing.reference import BANK_FLOORS, SAMPLES, SampleSpec
from gaicheck.record import record
from gaicheck.report.model import DocumentStatus, Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional


@record
class CategoryRow:
    """One risk (A.1a …) or should-not-refuse aspect: its count and floor."""

    code: str
    zh: str
    en: str
    count: Optional[int]
    floor: Optional[int]

    @property
    def ok(self) -> Optional[bool]:
        """count >= floor; None when either is unknown."""
        if self.count is None or self.floor is None:
            return None
        return self.count >= self.floor

    def shortfall(self) -> str:
        """``A.1a 150/200`` (count/floor)."""
        return f"{self.code} {self.count}/{self.floor}"


@record
class ArtifactFigures:
    """Counts of one keyword list or test bank (from ``DocumentStatus.stats``)."""

    doc_id: str
    clause: str
    total: Optional[int]
    unique: Optional[int]
    min_total: Optional[int]
    rows: tuple[CategoryRow, ...]
    floors_from: str  # "stats" (the counter's coverage rows) | "reference" (TC260-003 defaults) | "none"

    @property
    def shortfalls(self) -> list[str]:
        """What falls below a floor: the total first, then each category."""
        out = []
        # Duplicates do not count towards the floor: compare the unique items when known.
        n = self.unique if self.unique is not None else self.total
        if n is not None and self.min_total is not None and n < self.min_total:
            out.append(f"total {n}/{self.min_total}")
        out.extend(r.shortfall() for r in self.rows if r.ok is False)
        return out


def _names() -> dict[str, tuple[str, str]]:
    """zh/en names of every risk code and aspect id (empty if the taxonomy is unavailable)."""
    try:
        from gaicheck.artifacts.taxonomy import load_taxonomy
    except ImportError:  # pragma: no cover - the artifacts package ships with gaicheck
        return {}
    tax = load_taxonomy()
    names = {r.code: (r.zh, r.en) for r in tax.risks}
    names.update({a.id: (a.zh, a.en) for a in tax.aspects})
    return names


def _categories(doc_id: str) -> list[tuple[str, Optional[int]]]:
    """The categories a document must cover, with the reference floor of each."""
    spec = BANK_FLOORS.get(doc_id)
    if spec is None:
        return []
    from gaicheck.artifacts.taxonomy import load_taxonomy

    tax = load_taxonomy()
    out: list[tuple[str, Optional[int]]] = []
    for group, floor in spec[1].items():
        codes = tax.aspect_ids if group == "aspects" else tax.codes_in(group)
        out.extend((c, floor) for c in codes)
    return out


def _int(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def artifact_figures(doc: DocumentStatus) -> Optional[ArtifactFigures]:
    """Per-category counts and shortfalls of a keyword list or test bank, or None if not one."""
    if doc.id not in BANK_FLOORS:
        return None
    min_total, _, clause = BANK_FLOORS[doc.id]
    stats: Mapping[str, Any] = doc.stats or {}
    names = _names()
    counts = stats.get("by_aspect") if doc.id == "test_bank_should_not_refuse" else stats.get("by_risk")
    coverage = stats.get("coverage")
    rows: list[CategoryRow] = []
    min_total_given: Optional[int] = None
    if isinstance(coverage, list) and coverage:
        # The counter's own rows already carry the floors the rules used (settings may override).
        floors_from = "stats"
        for r in coverage:
            if isinstance(r, Mapping) and r.get("category") == "total":
                min_total_given = _int(r.get("floor"))
            elif isinstance(r, Mapping) and "category" in r:
                code = str(r["category"])
                zh, en = names.get(code, (code, code))
                rows.append(CategoryRow(code, zh, en, _int(r.get("count")), _int(r.get("floor"))))
    else:
        floors_from = "reference" if isinstance(counts, Mapping) else "none"
        for code, floor in _categories(doc.id):
            zh, en = names.get(code, (code, code))
            count = _int(counts.get(code, 0)) if isinstance(counts, Mapping) else None
            rows.append(CategoryRow(code, zh, en, count, floor))
    return ArtifactFigures(
        doc_id=doc.id, clause=clause, total=_int(stats.get("total")), unique=_int(stats.get("unique")),
        min_total=min_total_given if min_total_given is not None else min_total, rows=tuple(rows),
        floors_from=floors_from,
    )


@record
class SampleFigure:
    """One TC260-003 §9 sampling with its measured size and rate (None = not measured)."""

    spec: SampleSpec
    source: str                 # "counted" | "declared" | "file_not_counted" | "absent"
    size: Optional[int]
    count: Optional[int]
    path: Optional[str] = None
    corpus_size: Optional[int] = None

    @property
    def rate(self) -> Optional[float]:
        """count / size."""
        if self.size is None or self.count is None or self.size <= 0:
            return None
        return self.count / self.size

    @property
    def ok(self) -> Optional[bool]:
        """Meets the reference size and rate bound; None when not measured."""
        rate = self.rate
        if rate is None or self.size is None:
            return None
        s = self.spec
        if s.min_size is not None and self.size < s.min_size:
            return False
        if s.min_fraction is not None:
            if not self.corpus_size:
                return None
            if self.size / self.corpus_size < s.min_fraction:
                return False
        return rate >= s.bound if s.at_least else rate <= s.bound


def _declared(value: Any) -> Any:
    return value.model_dump() if hasattr(value, "model_dump") else value


def sample_figures(report: Report, evaluation: Any) -> list[SampleFigure]:
    """Every §9 sampling: counted results the report carries (``report.evaluation`` once the
    artifact counter provides it), else the declaration's ``evaluation`` counts, else absent."""
    counted = getattr(report, "evaluation", None) or {}
    declared = _declared(evaluation) or {}
    out = []
    for spec in SAMPLES:
        c = counted.get(spec.kind) if isinstance(counted, Mapping) else None
        c = c.to_dict() if hasattr(c, "to_dict") else c
        d = declared.get(spec.kind)
        if isinstance(c, Mapping) and _int(c.get("size")) is not None:
            out.append(SampleFigure(spec, str(c.get("source") or "counted"), _int(c.get("size")),
                                    _int(c.get(spec.measure)), c.get("file"), _int(c.get("corpus_size"))))
        elif isinstance(d, Mapping):
            out.append(SampleFigure(spec, "declared", _int(d.get("size")), _int(d.get(spec.measure)),
                                    None, _int(d.get("corpus_size"))))
        elif isinstance(d, str):
            out.append(SampleFigure(spec, "file_not_counted", None, None, d))
        else:
            out.append(SampleFigure(spec, "absent", None, None))
    return out
