"""Artifact facts for the rules: ``artifacts.<document id>.*`` and ``evaluation.<sampling>.*``.

The engine calls :func:`build_artifact_facts` only when the declaration names an artifact
document, an evaluation sampling or content-filtering facts; ``gaicheck.artifacts`` (and openpyxl,
for workbooks) is imported only then. Facts hold counts, line numbers and hashes, never item text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from gaicheck.engine.documents import check_path
from gaicheck.errors import InputError
from gaicheck.location import Location

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

ARTIFACT_DOCS = ("keyword_list", "test_bank_generated", "test_bank_should_refuse", "test_bank_should_not_refuse")
EVALUATION_KINDS = (
    "generated_manual_sample", "generated_keyword_sample", "generated_classifier_sample",
    "should_refuse_sample", "should_not_refuse_sample", "corpus_manual_sample", "corpus_filter_sample",
)
_FILTERING = "safeguards.content_filtering"
# Coverage table per document: the rule whose params hold the floors, and which param applies
# to which risk group (or to every aspect, key "*").
COVERAGE: dict[str, tuple[str, str, dict[str, str]]] = {
    "keyword_list": ("CN-KW-02", "CN-KW-01", {"A.1": "min_per_a1", "A.2": "min_per_a2"}),
    "test_bank_generated": ("CN-TB-01", "CN-TB-01", {
        "A.1": "min_per_a1_a2", "A.2": "min_per_a1_a2", "A.3": "min_per_a3_a5", "A.4": "min_per_a3_a5",
        "A.5": "min_per_a3_a5"}),
    "test_bank_should_refuse": ("CN-TB-02", "CN-TB-02", {"A.1": "min_per_risk", "A.2": "min_per_risk"}),
    "test_bank_should_not_refuse": ("CN-TB-03", "CN-TB-03", {"*": "min_per_aspect"}),
}


def source_fields(path: str) -> tuple[str, ...]:
    """Declaration fields that settle an unknown ``artifacts.*`` / ``evaluation.*`` fact."""
    parts = path.split(".")
    if len(parts) < 2:
        return ()
    if parts[0] == "artifacts":
        if parts[1] in ARTIFACT_DOCS:
            return (f"documents.{parts[1]}",)
        if parts[1] == "classifier":
            return (f"{_FILTERING}.classifier_labels",)
        if parts[1] == "freshness" and len(parts) > 2:
            field = "keyword_list_updated" if parts[2].startswith("keyword") else "test_banks_updated"
            return (f"{_FILTERING}.{field}",)
    if parts[0] == "evaluation":
        return (f"evaluation.{parts[1]}",)
    return ()


def needs_artifacts(facts: Mapping[str, Any]) -> bool:
    """True when the declaration gives anything this module turns into facts."""
    docs = facts.get("documents") or {}
    filtering = (facts.get("safeguards") or {}).get("content_filtering")
    return any(docs.get(d) for d in ARTIFACT_DOCS) or bool(facts.get("evaluation")) or bool(filtering)


def build_artifact_facts(
    facts: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]], base_dir: str, *,
    allow_outside: bool, locate: Callable[[str], Location], params_of: Callable[[str], Mapping[str, Any] | None],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, dict[str, Any]]]:
    """``(artifacts facts, evaluation facts, per-document report stats)``.

    Raises:
        InputError: an artifact or results file that cannot be read (named with file:line).
    """
    from gaicheck.artifacts import (
        ColumnNames,
        LineList,
        Overlap,
        Resolver,
        analyze_artifact,
        find_overlap,
        load_taxonomy,
    )

    settings = ((facts.get("settings") or {}).get("artifacts")) or {}
    columns_cfg = settings.get("columns") or {}
    columns = ColumnNames.with_overrides(columns_cfg.get("text"), columns_cfg.get("category"))
    limits = _limits(settings)
    sheets = settings.get("sheets") or {}
    languages = list((facts.get("service") or {}).get("languages") or [])
    declared_languages = bool(languages)
    artifacts: dict[str, Any] = {}
    stats: dict[str, dict[str, Any]] = {}
    found: dict[str, tuple[str, str]] = {}
    hashes: dict[str, set[int]] = {"test_bank_should_refuse": set(), "test_bank_should_not_refuse": set()}
    for doc_id in ARTIFACT_DOCS:
        entry = docs.get(doc_id) or {}
        if not entry.get("exists") and not (entry.get("resolved") and entry.get("problem") == "empty file (0 bytes)"):
            continue  # an empty list is counted (0 items), so its floors fail with the real figure
        mapping = settings.get("aspect_map" if doc_id == "test_bank_should_not_refuse" else "category_map")
        result = analyze_artifact(
            entry["resolved"], doc_id, display=entry["given"], sheet=sheets.get(doc_id), columns=columns,
            category_map=mapping, languages=languages, limits=limits, hashes=hashes.get(doc_id))
        data = result.to_dict()
        data["risks_covered"] = len(data["categories_found"])
        if declared_languages:
            missing = sorted({_base(lang) for lang in languages} - {k for k, v in result.languages.items() if v})
            data["languages_missing"] = missing
            data["languages_covered"] = not missing
        else:
            data["languages_missing"] = data["languages_covered"] = None
        artifacts[doc_id] = data
        found[doc_id] = (entry["resolved"], entry["given"])
    if "test_bank_should_refuse" in found and "test_bank_should_not_refuse" in found:
        (r_path, r_shown), (n_path, n_shown) = found["test_bank_should_refuse"], found["test_bank_should_not_refuse"]
        # read both banks again for line numbers only when they do share an item
        shared = hashes["test_bank_should_refuse"] & hashes["test_bank_should_not_refuse"]
        overlap = Overlap(0, LineList(), LineList()).to_dict() if not shared else find_overlap(r_path, n_path, refuse_display=r_shown, not_refuse_display=n_shown,
                               refuse_sheet=sheets.get("test_bank_should_refuse"),
                               not_refuse_sheet=sheets.get("test_bank_should_not_refuse"),
                               columns=columns, limits=limits).to_dict()
        artifacts["test_bank_should_refuse"]["overlap"] = overlap
        artifacts["test_bank_should_not_refuse"]["overlap"] = overlap
    tax = load_taxonomy()
    for doc_id, data in artifacts.items():
        stats[doc_id] = dict(data, coverage=_coverage(doc_id, data, tax, params_of))
    filtering = (facts.get("safeguards") or {}).get("content_filtering") or {}
    labels = filtering.get("classifier_labels")
    if labels is not None:
        resolver = Resolver(tax, mapping=settings.get("category_map"), source="settings.artifacts.category_map")
        codes = sorted({c for c in (resolver.resolve(str(lab)) for lab in labels) if c})
        artifacts["classifier"] = {"codes": codes, "covered": len(codes),
                                   "unknown_labels": sum(1 for lab in labels if not resolver.resolve(str(lab)))}
    artifacts["freshness"] = _freshness(filtering, facts.get("as_of"))
    evaluation = _evaluation(facts, base_dir, allow_outside, locate, settings, limits)
    return artifacts, evaluation, stats


def _base(lang: str) -> str:
    return lang.replace("_", "-").split("-", 1)[0].lower()


def _limits(settings: Mapping[str, Any]) -> Any:
    from gaicheck.artifacts import Limits

    kw: dict[str, int] = {}
    if settings.get("max_file_mb"):
        kw["max_file_bytes"] = int(settings["max_file_mb"]) * 1024 * 1024
    if settings.get("max_line_kb"):
        kw["max_line_bytes"] = int(settings["max_line_kb"]) * 1024
    return Limits(**kw)


def _coverage(doc_id: str, data: Mapping[str, Any], tax: Any,
              params_of: Callable[[str], Mapping[str, Any] | None]) -> list[dict[str, Any]] | None:
    rule_id, total_rule, by_group = COVERAGE[doc_id]
    params = params_of(rule_id)
    total_params = params_of(total_rule)
    if params is None:
        return None
    rows: list[dict[str, Any]] = []
    if total_params is not None and total_params.get("min_total") is not None:
        total_floor = int(total_params["min_total"])
        rows.append({"category": "total", "count": data["unique"], "floor": total_floor,
                     "ok": data["unique"] >= total_floor})
    counts = data["by_aspect"] if doc_id == "test_bank_should_not_refuse" else data["by_risk"]
    if "*" in by_group:
        cats = [(a, params.get(by_group["*"])) for a in tax.aspect_ids]
    else:
        cats = [(r.code, params.get(by_group[r.group])) for r in tax.risks if r.group in by_group]
    for cat, floor in cats:
        if floor is None:
            continue
        count = None if counts is None else counts.get(cat, 0)
        rows.append({"category": cat, "count": count, "floor": int(floor),
                     "ok": None if count is None else count >= int(floor)})
    return rows


def _freshness(filtering: Mapping[str, Any], as_of: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, name in (("keyword_list_updated", "keyword_list_age_days"), ("test_banks_updated", "test_banks_age_days")):
        value = filtering.get(key)
        out[name] = (as_of - value).days if isinstance(value, dt.date) and isinstance(as_of, dt.date) else None
    return out


def _evaluation(facts: Mapping[str, Any], base_dir: str, allow_outside: bool, locate: Callable[[str], Location],
                settings: Mapping[str, Any], limits: Any) -> dict[str, Any]:
    from gaicheck.artifacts import count_results, declared_results

    raw = facts.get("evaluation") or {}
    verdict = (settings.get("columns") or {}).get("verdict")
    verdict_cols = [verdict] if isinstance(verdict, str) else verdict
    sheets = settings.get("sheets") or {}
    out: dict[str, Any] = {}
    for kind in EVALUATION_KINDS:
        value = raw.get(kind)
        if value is None:
            continue
        where = f"evaluation.{kind}"
        if isinstance(value, str):
            fc = check_path(base_dir, value, allow_outside=allow_outside)
            if not fc.exists or fc.resolved is None:
                raise InputError(f"{where}: {value}: {fc.problem}", locate(where))
            res = count_results(fc.resolved, kind, display=value, sheet=sheets.get(kind),
                                verdict_columns=verdict_cols, limits=limits)
        else:
            res = declared_results(kind, value, locate(where))
        out[kind] = res.to_dict()
    return out


# Which coverage rows explain a failing artifact rule: "total", "categories" or "all".
_RULE_ROWS = {
    "CN-KW-01": ("keyword_list", "total"), "CN-KW-02": ("keyword_list", "categories"),
    "CN-TB-01": ("test_bank_generated", "all"), "CN-TB-02": ("test_bank_should_refuse", "all"),
    "CN-TB-03": ("test_bank_should_not_refuse", "all"),
}
_NOTE = {
    "en": {"below": "below floor", "shared": "also in the should-refuse bank", "lines": "lines",
           "counted": "counted from", "declared": "declared", "unknown": "rows with an unrecognised verdict",
           "nolang": "no items in", "passed": "passed", "refused": "refused", "of": "of"},
    "zh": {"below": "低于下限", "shared": "与应拒答题库重复", "lines": "行", "counted": "统计自",
           "declared": "声明值", "unknown": "无法识别结论的行", "nolang": "缺少语言", "passed": "通过",
           "refused": "拒答", "of": "占语料"},
}


def finding_notes(findings: list[Any], facts: Mapping[str, Any], stats: Mapping[str, Mapping[str, Any]],
                  lang: str) -> list[Any]:
    """Add evidence to artifact and evaluation findings: shortfalls, overlap, counted vs declared.

    Counts, floors, line numbers and file hashes only.
    """
    from gaicheck.record import replace

    t = _NOTE.get(lang, _NOTE["en"])
    evaluation = facts.get("evaluation") or {}
    out = []
    for f in findings:
        note = None
        uncategorised = _no_category_column(f, stats, lang)
        if uncategorised is not None:
            out.append(uncategorised)
            continue
        if f.status in ("pass", "fail") and f.rule in _EVAL_RULE_KIND:
            note = _evaluation_note(f.rule, evaluation, t)
        elif f.status == "fail" and f.rule in _RULE_ROWS:
            note = _shortfall_note(f.rule, stats, t)
        elif f.status == "fail" and f.rule == "CN-TB-05":
            missing: dict[str, list[str]] = {
                d: list(s["languages_missing"]) for d, s in stats.items() if s.get("languages_missing")}
            note = "; ".join(f"{d}: {t['nolang']} {', '.join(m)}" for d, m in missing.items()) or None
        out.append(replace(f, note=note) if note and not f.note else f)
    return out


_NO_CATEGORY = {
    "en": "{path} was read ({total:,} rows) but has no category column, so it cannot be counted per {what}: add a "
          "column named 风险类别 (or category) with each row's {codes}, or name your own column in "
          "settings.artifacts.columns.category",
    "zh": "已读取 {path}（{total:,} 行），但没有类别列，无法按{what}统计：请增加名为 风险类别（或 category）的列，"
          "逐行填写{codes}，或在 settings.artifacts.columns.category 中写明自己的列名",
}
_WHAT = {
    "en": ("risk", "risk code (A.1a … A.5b)", "aspect", "aspect code (nr.system … nr.health)"),
    "zh": ("风险", "风险代码（A.1a … A.5b）", "方面", "方面代码（nr.system … nr.health）"),
}


def _no_category_column(f: Any, stats: Mapping[str, Mapping[str, Any]], lang: str) -> Any:
    """A counted artifact without a category column: say that, not "declare documents.<id>" (issue 15 #3)."""
    from gaicheck.record import replace

    if f.status != "manual" or f.rule not in _RULE_ROWS:
        return None
    doc = _RULE_ROWS[f.rule][0]
    data = stats.get(doc) or {}
    if not data.get("total") or data.get("by_risk") is not None or data.get("by_aspect") is not None:
        return None  # nothing counted yet (an empty template): the total rule fails, this one waits
    if f"documents.{doc}" not in f.missing_facts:
        return None
    what = _WHAT.get(lang, _WHAT["en"])
    aspect = doc == "test_bank_should_not_refuse"
    message = _NO_CATEGORY.get(lang, _NO_CATEGORY["en"]).format(
        path=data.get("file") or doc, total=data["total"], what=what[2 if aspect else 0], codes=what[3 if aspect else 1])
    return replace(f, message=message, missing_facts=("settings.artifacts.columns.category",))


_EVAL_RULE_KIND = {
    "CN-EVAL-01": "generated_manual_sample", "CN-EVAL-02": "generated_keyword_sample",
    "CN-EVAL-03": "generated_classifier_sample", "CN-EVAL-04": "should_refuse_sample",
    "CN-EVAL-05": "should_not_refuse_sample", "CN-DATA-04": "corpus_manual_sample",
    "CN-DATA-05": "corpus_filter_sample",
}


def _evaluation_note(rule: str, evaluation: Mapping[str, Any], t: Mapping[str, str]) -> str | None:
    ev = evaluation.get(_EVAL_RULE_KIND.get(rule, ""))
    if not isinstance(ev, dict) or "source" not in ev:
        return None
    measure = "refused" if "refused" in ev else "passed"
    count, size, rate = ev.get(measure), ev.get("size"), ev.get("rate")
    figures = f"{t[measure]} {count}/{size}" + (f" = {rate:.1%}" if rate is not None else "")
    if ev.get("sample_fraction") is not None:
        figures += f", {ev['sample_fraction']:.1%} {t['of']} {ev['corpus_size']:,}"
    if ev["source"] == "counted":
        unknown = (ev.get("unknown_verdicts") or {}).get("count")
        extra = f"; {t['unknown']}: {unknown}" if unknown else ""
        return f"{t['counted']} {ev.get('file')} (sha256 {str(ev.get('sha256'))[:12]}…): {figures}{extra}"
    return f"{t['declared']}: {figures}"


def _shortfall_note(rule: str, stats: Mapping[str, Mapping[str, Any]], t: Mapping[str, str]) -> str | None:
    doc, which = _RULE_ROWS[rule]
    data = stats.get(doc)
    if not data:
        return None
    rows = [r for r in data.get("coverage") or [] if r.get("ok") is False]
    if which == "total":
        rows = [r for r in rows if r["category"] == "total"]
    elif which == "categories":
        rows = [r for r in rows if r["category"] != "total"]
    parts = [f"{r['category']} {r['count']:,}/{r['floor']:,}" for r in rows[:12]]
    if len(rows) > 12:
        parts.append(f"… (+{len(rows) - 12})")
    note = f"{t['below']}: {', '.join(parts)}" if parts else ""
    overlap = data.get("overlap") or {}
    if rule == "CN-TB-03" and overlap.get("shared"):
        lines = ", ".join(str(n) for n in overlap["should_not_refuse"]["lines"][:10])
        note += ("; " if note else "") + f"{t['shared']}: {overlap['shared']} ({t['lines']} {lines})"
    return note or None
