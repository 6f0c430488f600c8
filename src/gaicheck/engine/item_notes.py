"""Name the item a per-item rule failed on (issue 15 #3): which language or modality has one training
source, which output modality carries no explicit label. Pure: facts in, findings out."""

from __future__ import annotations

from gaicheck.record import replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Mapping, Optional

_T = {
    "en": {"sources": "{items}: fewer than {n} training sources", "lang": "language", "mod": "modality",
           "none": "no training source names a language or modality", "unlabeled": "no explicit label on: {items}"},
    "zh": {"sources": "{items}：训练来源少于 {n} 个", "lang": "语言", "mod": "模态",
           "none": "没有训练来源写明语言或模态", "unlabeled": "以下输出没有显式标识：{items}"},
}


def _source_items(facts: Mapping[str, Any], params: Mapping[str, Any], t: Mapping[str, str]) -> Optional[str]:
    sources = ((facts.get("safeguards") or {}).get("training_data") or {}).get("sources")
    if sources is None:
        return None
    counts: dict[tuple[str, str], int] = {}
    for src in sources:
        for key in [("lang", x) for x in set(src.get("languages") or [])] + [
                ("mod", x) for x in set(src.get("modalities") or [])]:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return t["none"]
    floor = params.get("min_sources", 2)
    short = [f"{t[kind]} {name} ({n})" for (kind, name), n in sorted(counts.items()) if n < floor]
    return t["sources"].format(items=", ".join(short), n=floor) if short else None


def _label_items(facts: Mapping[str, Any], params: Mapping[str, Any], t: Mapping[str, str]) -> Optional[str]:
    labelable = ((facts.get("derived") or {}).get("cn") or {}).get("labelable_outputs") or []
    explicit = ((facts.get("safeguards") or {}).get("labeling") or {}).get("explicit") or []
    missing = [m for m in labelable if m not in explicit]
    return t["unlabeled"].format(items=", ".join(missing)) if missing else None


NOTES: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any], Mapping[str, str]], Optional[str]]] = {
    "CN-DATA-02": _source_items,
    "CN-LBL-01": _label_items,
}


def name_items(findings: list[Any], facts: Mapping[str, Any], params_of: Callable[[str], Mapping[str, Any]],
               lang: str) -> list[Any]:
    """Failing per-item findings with a note naming the items that fall short (counts and codes only)."""
    t = _T.get(lang, _T["en"])
    out = []
    for f in findings:
        fn = NOTES.get(f.rule)
        note = fn(facts, params_of(f.rule), t) if fn is not None and f.status == "fail" and not f.note else None
        out.append(replace(f, note=note) if note else f)
    return out
