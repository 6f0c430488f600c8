"""Coverage table of a counted artifact (keyword list, test bank) for the text reports.

Counts, floors and line numbers only: an item's text never reaches a report.
"""

from __future__ import annotations

import unicodedata

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

_T = {
    "en": {"items": "items", "unique": "unique", "dup": "duplicates", "exact": "exact", "norm": "normalised",
           "unknown": "unknown categories", "lines": "lines", "uncat": "uncategorised", "langs": "languages",
           "missing_langs": "no items in", "overlap": "also in the should-refuse bank", "cov": "coverage",
           "nocat": "no category column: per-risk counts unknown"},
    "zh": {"items": "条", "unique": "去重后", "dup": "重复", "exact": "完全相同", "norm": "规范化后相同",
           "unknown": "无法识别的类别", "lines": "行", "uncat": "未标注类别", "langs": "语言",
           "missing_langs": "缺少语言", "overlap": "与应拒答题库重复", "cov": "覆盖",
           "nocat": "无类别列：无法统计各风险数量"},
}
_PER_LINE = 6


def _width(text: str) -> int:
    """Terminal columns of ``text`` (wide CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(ll: dict[str, Any], t: dict[str, str]) -> str:
    shown = ", ".join(str(n) for n in ll.get("lines", [])[:10])
    more = " …" if ll.get("count", 0) > min(10, len(ll.get("lines", []))) else ""
    return f" ({t['lines']} {shown}{more})" if shown else ""


def coverage_lines(stats: dict[str, Any], lang: str = "en", indent: str = "        ") -> list[str]:
    """Summary and coverage rows of one document's ``stats`` (as in ``documents[].stats``)."""
    t = _T.get(lang, _T["en"])
    if "total" not in stats:
        return []
    dup = stats.get("duplicates") or {}
    exact, norm = dup.get("exact") or {}, dup.get("normalised") or {}
    rows = list(stats.get("coverage") or [])
    total = next((r for r in rows if r["category"] == "total"), None)
    floor = f"/{total['floor']:,} {'✓' if total['ok'] else '✗'}" if total else ""
    fmt = " ".join(x for x in (stats.get("format"), stats.get("encoding")) if x)
    head = (f"{stats['total']:,} {t['items']} · {t['unique']} {stats['unique']:,}{floor} · {t['dup']} "
            f"{exact.get('count', 0)} {t['exact']}{_lines(exact, t)} / {norm.get('count', 0)} {t['norm']}{_lines(norm, t)}"
            f" · {fmt} · sha256 {str(stats.get('sha256'))[:12]}…")
    out = [indent + head]
    unknown = stats.get("unknown_categories") or {}
    if unknown.get("count"):
        out.append(f"{indent}{t['unknown']}: {unknown['count']}{_lines(unknown, t)}")
    if stats.get("uncategorised") and (stats.get("by_risk") is not None or stats.get("by_aspect") is not None):
        out.append(f"{indent}{t['uncat']}: {stats['uncategorised']}")
    langs = stats.get("languages") or {}
    if langs:
        listed = ", ".join(f"{k} {v:,}" for k, v in sorted(langs.items(), key=lambda kv: -kv[1]))
        missing = stats.get("languages_missing") or []
        extra = f" · {t['missing_langs']}: {', '.join(missing)}" if missing else ""
        out.append(f"{indent}{t['langs']}: {listed}{extra}")
    overlap = stats.get("overlap") or {}
    if overlap.get("shared"):
        side = overlap["should_not_refuse"] if stats.get("kind") == "test_bank_should_not_refuse" else overlap["should_refuse"]
        out.append(f"{indent}{t['overlap']}: {overlap['shared']}{_lines(side, t)}")
    rows = [r for r in rows if r["category"] != "total"]
    if rows:
        if all(r["count"] is None for r in rows):
            out.append(f"{indent}{t['nocat']}")
            rows = []
        cells = [f"{'✓' if r['ok'] else '✗'} {r['category']} {r['count']:,}/{r['floor']:,}" for r in rows]
        width = max((len(c) for c in cells), default=0) + 2
        for i in range(0, len(cells), _PER_LINE):
            chunk = cells[i:i + _PER_LINE]
            label = f"{t['cov']}: " if i == 0 else " " * (_width(t["cov"]) + 2)
            out.append(indent + label + "".join(c.ljust(width) for c in chunk).rstrip())
    return out
