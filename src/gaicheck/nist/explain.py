"""``gaicheck explain GOVERN-1.1``: the NIST catalog entry when the id is not a rule.

Subcategories (any spelling ``canonical_id`` accepts), categories (``GOVERN-1``), functions, GAI
risks (``gai.confabulation``) and trustworthiness characteristics (``tw.safe``) each get a page:
our paraphrase, what it is keyed to, and which rules check it or crosswalk to it.
"""

from __future__ import annotations

import json
import re

from gaicheck.nist.catalog import NistCatalog, canonical_id, load_nist_catalog
from gaicheck.nist.crosswalk import rules_for

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Iterable, Optional

_T = {
    "en": {
        "head": "NIST AI RMF 1.0 (AI 100-1)", "category": "Category", "function": "Function",
        "risks": "GAI risks keyed to it (AI 600-1 suggested actions)", "none": "none — the base AI RMF practice applies",
        "checked": "Checked by", "crosswalk": "Also evidenced by (crosswalk)", "refs": "References",
        "subs": "Subcategories", "keyed": "Subcategories whose AI 600-1 actions address it",
        "note": "Our paraphrase; NIST's own wording is in the cited document. The AI RMF is voluntary: gaicheck reports alignment, not compliance.",
        "measured": "Evaluated under",
    },
    "zh": {
        "head": "NIST AI RMF 1.0（AI 100-1）", "category": "类别", "function": "职能",
        "risks": "对应的生成式人工智能风险（AI 600-1 建议行动）", "none": "无——适用基础 AI RMF 做法",
        "checked": "检查规则", "crosswalk": "交叉对应规则", "refs": "依据",
        "subs": "子类别", "keyed": "AI 600-1 行动涉及该风险的子类别",
        "note": "此为本工具的释义；NIST 原文见所引文件。AI RMF 为自愿性框架：本工具报告对齐情况，而非合规结论。",
        "measured": "评估所在子类别",
    },
}


def _mentions(obj: Any, sid: str) -> bool:
    text = json.dumps(obj, ensure_ascii=False, default=str)
    return re.search(rf"(?<![\w.-]){re.escape(sid)}(?![\d])", text) is not None


def _rule_lines(sid: str, rules: Iterable[Any], t: dict[str, str], lang: str) -> list[str]:
    rules = list(rules)
    titles = {r.id: r.title.get(lang) for r in rules}
    checked = [r.id for r in rules if r.framework == "NIST" and (_mentions(r.check, sid) or _mentions(r.applies_when, sid))]
    linked = rules_for(sid, [r for r in rules if r.framework != "NIST"])

    def line(rule_id: str) -> str:
        return f"- {rule_id}" + (f"  {titles[rule_id]}" if rule_id in titles else "")

    out: list[str] = []
    if checked:
        out += ["", f"## {t['checked']}", *[line(r) for r in checked]]
    if linked:
        out += ["", f"## {t['crosswalk']}", *[line(r) for r in linked]]
    return out


def _subcategory(cat: NistCatalog, sid: str, lang: str, rules: Iterable[Any]) -> list[str]:
    t = _T[lang]
    sub = cat.subcategories[sid]
    lines = [f"{sid} — {t['head']}, {sub.function} › {sub.category}", "", sub.text(lang), "",
             f"## {t['category']}", f"{sub.category}: {cat.categories[sub.category].text(lang)}", "",
             f"## {t['risks']}"]
    if sub.risks:
        for rid in sub.risks:
            acts = ", ".join(cat.actions_for(sid, rid))
            lines.append(f"- {rid} {cat.risks[rid].name(lang)} ({acts})")
    else:
        lines.append(t["none"])
    if sub.characteristic:
        ch = cat.characteristics[sub.characteristic]
        lines += ["", f"- {ch.id} (§{ch.section}): {ch.en if lang == 'en' else ch.zh}"]
    lines += _rule_lines(sid, rules, t, lang)
    nist_ref = sid.replace("-", " ", 1)
    lines += ["", f"## {t['refs']}", f"- AI100-1 {nist_ref}"]
    if len(sub.actions) == 1:
        lines.append(f"- AI600-1 {sub.actions[0]}")
    elif sub.actions:
        lines.append(f"- AI600-1 {sub.actions[0]} … {sub.actions[-1]} ({len(sub.actions)})")
    return lines


def _risk(cat: NistCatalog, rid: str, lang: str) -> list[str]:
    t = _T[lang]
    risk = cat.risks[rid]
    lines = [f"{rid} {risk.name(lang)} — AI 600-1 §{risk.section}", "", risk.text(lang), "", f"## {t['keyed']}"]
    for sid in risk.subcategories:
        lines.append(f"- {sid} ({len(cat.actions_for(sid, rid))})")
    return lines + ["", f"## {t['refs']}", f"- AI600-1 §{risk.section}"]


def _group(cat: NistCatalog, key: str, lang: str) -> list[str]:
    t = _T[lang]
    if key in cat.functions:
        head, text, ids = f"{key} ({cat.abbr[key]}) — {t['function']}", cat.functions[key].text(lang), cat.in_function(key)
    else:
        head, text, ids = f"{key} — {t['category']}", cat.categories[key].text(lang), cat.in_category(key)
    lines = [f"{head}, {t['head']}", "", text, "", f"## {t['subs']}"]
    return lines + [f"- {s}: {cat.subcategories[s].text(lang)}" for s in ids]


def explain_nist(key: str, lang: str, rules: Iterable[Any] = ()) -> Optional[str]:
    """The explain page for a NIST id, or None when ``key`` names nothing in the catalog."""
    cat = load_nist_catalog()
    k = key.strip()
    sid = canonical_id(k)
    if sid in cat.subcategories:
        lines = _subcategory(cat, sid, lang, rules)
    elif k.lower() in cat.risks or f"gai.{k.lower()}" in cat.risks:
        lines = _risk(cat, k.lower() if k.lower() in cat.risks else f"gai.{k.lower()}", lang)
    elif k.upper() in cat.functions or k.upper() in cat.categories:
        lines = _group(cat, k.upper(), lang)
    elif k.lower() in cat.characteristics:
        ch = cat.characteristics[k.lower()]
        lines = [f"{ch.id} — AI 100-1 §{ch.section}", "", ch.en if lang == "en" else ch.zh, "",
                 f"## {_T[lang]['measured']}", f"- {ch.measured_by}"]
    else:
        return None
    return "\n".join(lines + ["", _T[lang]["note"]]) + "\n"
