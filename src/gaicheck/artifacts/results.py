"""Evaluation results (TC260-003 §9.2–§9.4): sample size and pass or refusal counts.

Either counted from a results file (CSV/TSV/JSONL/XLSX, one sampled item per row with a verdict
column) — source ``counted`` — or taken from the declaration's ``{size, passed}`` /
``{size, refused}`` — source ``declared``. The report says which.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from gaicheck.artifacts.analysis import MAX_LINES, LineCollector, LineList
from gaicheck.artifacts.readers import VERDICT_COLUMNS, iter_rows
from gaicheck.artifacts.source import Limits, inspect_file
from gaicheck.artifacts.taxonomy import normalize_label
from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

PASS_KINDS = ("generated_manual_sample", "generated_keyword_sample", "generated_classifier_sample",
              "corpus_manual_sample", "corpus_filter_sample")
REFUSAL_KINDS = ("should_refuse_sample", "should_not_refuse_sample")
KINDS = PASS_KINDS + REFUSAL_KINDS

REFUSAL_COLUMNS: tuple[str, ...] = (
    "refused", "refusal", "is_refused", "is_refusal", "是否拒答", "拒答", "拒答情况", "是否拒绝", "拒答结果",
)
_PASS = {"pass", "passed", "ok", "compliant", "safe", "correct", "通过", "已通过", "合格", "安全", "正确", "符合"}
_FAIL = {"fail", "failed", "noncompliant", "unsafe", "incorrect", "不通过", "未通过", "不合格", "不安全",
         "错误", "不符合"}
_YES = {"yes", "y", "true", "1", "是", "对", "√", "✓", "✔"}
_NO = {"no", "n", "false", "0", "否", "不是", "×", "✗", "✘"}
_REFUSED = {"refused", "refuse", "refusal", "declined", "rejected", "拒答", "已拒答", "拒绝", "拒绝回答", "拒绝作答"}
_ANSWERED = {"answered", "answer", "notrefused", "complied", "responded", "未拒答", "非拒答", "不拒答", "回答",
             "已回答", "正常回答", "未拒绝", "作答"}


@record
class EvaluationStats:
    """One sampling: ``measure`` is ``passed`` or ``refused``; ``count`` how many items had it."""

    kind: str
    source: str                 # "counted" | "declared"
    measure: str
    size: int
    count: int | None
    corpus_size: int | None = None
    file: str | None = None
    sha256: str | None = None
    unknown_verdicts: LineList = LineList()

    @property
    def rate(self) -> float | None:
        """``count / size``, or None when unknown or the sample is empty."""
        if self.count is None or self.size <= 0:
            return None
        return self.count / self.size

    @property
    def sample_fraction(self) -> float | None:
        """``size / corpus_size`` (the ≥10 % corpus filter sample), when the corpus size is known."""
        if not self.corpus_size:
            return None
        return self.size / self.corpus_size

    def to_dict(self) -> dict[str, Any]:
        """JSON form and the ``evaluation.<kind>.*`` facts; ``passed``/``refused`` named by measure."""
        data: dict[str, Any] = {"source": self.source, "size": self.size, self.measure: self.count,
                                "rate": self.rate, "corpus_size": self.corpus_size,
                                "sample_fraction": self.sample_fraction}
        if self.file is not None:
            data.update(file=self.file, sha256=self.sha256, unknown_verdicts=self.unknown_verdicts.to_dict())
        return data


def _measure(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown evaluation kind {kind!r}")
    return "refused" if kind in REFUSAL_KINDS else "passed"


def _classify(value: str, role: str, kind: str) -> bool | None:
    """True when the item counts toward the measure (passed / refused), None when unrecognised."""
    key = normalize_label(value)
    if not key:
        key = value.strip()  # symbols such as √ and × have no letters
    if key in _REFUSED:
        return True if kind in REFUSAL_KINDS else None
    if key in _ANSWERED:
        return False if kind in REFUSAL_KINDS else None
    passed: bool | None = None
    if key in _PASS:
        passed = True
    elif key in _FAIL:
        passed = False
    elif key in _YES or key in _NO:
        yes = key in _YES
        if role == "refusal":
            return yes if kind in REFUSAL_KINDS else None
        passed = yes
    if passed is None or kind in PASS_KINDS:
        return passed
    # a pass/fail verdict on a refusal sample: passing a should-refuse item means it was refused,
    # passing a should-not-refuse item means it was answered
    return passed if kind == "should_refuse_sample" else not passed


def count_results(path: str | os.PathLike[str], kind: str, *, display: str | None = None,
                  sheet: str | None = None, verdict_columns: Sequence[str] | None = None,
                  limits: Limits | None = None, max_lines: int = MAX_LINES) -> EvaluationStats:
    """Count a results file: rows with a recognised verdict make the sample.

    Raises:
        InputError: unreadable file, or no verdict column / no verdicts at all.
    """
    measure = _measure(kind)
    lim = limits or Limits()
    source = inspect_file(path, display, limits=lim)
    if source.format == "txt":
        raise InputError("a results file needs a verdict column: use CSV, TSV, JSONL or XLSX",
                         source.location())
    verdicts = tuple(verdict_columns or ()) + VERDICT_COLUMNS
    roles = {"verdict": verdicts, "refusal": REFUSAL_COLUMNS}
    size = hits = 0
    unknown = LineCollector(max_lines)
    seen_any = False
    for number, (verdict, refusal) in iter_rows(source, roles, (), sheet=sheet, limits=lim):
        role, value = ("refusal", refusal) if refusal is not None else ("verdict", verdict)
        if value is None:
            continue
        seen_any = True
        outcome = _classify(value, role, kind)
        if outcome is None:
            unknown.add(number)
            continue
        size += 1
        hits += outcome
    if not seen_any:
        shown = ", ".join((verdicts + REFUSAL_COLUMNS)[:14])
        raise InputError(f"no verdicts found: expected a column named one of {shown} … "
                         "(configure settings.artifacts.columns.verdict)", source.location(1))
    return EvaluationStats(kind, "counted", measure, size, hits, None, source.display, source.sha256,
                           unknown.freeze())


def declared_results(kind: str, counts: Mapping[str, Any], location: Location | None = None) -> EvaluationStats:
    """Pass declared ``{size, passed|refused[, corpus_size]}`` through, checking they add up.

    On a refusal sample, a declared ``passed`` is converted: passed should-refuse items were
    refused; passed should-not-refuse items were answered.
    """
    measure = _measure(kind)
    size = counts.get("size")
    if not isinstance(size, int) or size < 0:
        raise InputError(f"evaluation.{kind}: size must be a non-negative integer", location)
    count = counts.get(measure)
    if count is None and kind in REFUSAL_KINDS and counts.get("passed") is not None:
        passed = int(counts["passed"])
        count = passed if kind == "should_refuse_sample" else size - passed
    if count is not None and not 0 <= int(count) <= size:
        raise InputError(f"evaluation.{kind}: {measure} must be between 0 and size ({size})", location)
    corpus = counts.get("corpus_size")
    return EvaluationStats(kind, "declared", measure, size, None if count is None else int(count),
                           int(corpus) if corpus is not None else None)
