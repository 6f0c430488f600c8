"""``gaicheck explain``: a rule's docs in fixed sections (what, why, example, fix, references)."""

from __future__ import annotations

from gaicheck.catalog.records import Rule

SECTIONS = {
    "en": ("What it checks", "Why it matters", "Example (non-compliant → compliant)", "How to fix", "References"),
    "zh": ("检查内容", "为何重要", "示例（不合规 → 合规）", "如何整改", "依据"),
}


def explain_text(rule: Rule, lang: str) -> str:
    """The explain page of ``rule`` in ``lang`` as plain text (also used for SARIF help)."""
    what, why, example, fix, refs = SECTIONS[lang]
    lines = [f"{rule.id} {rule.name} — {rule.framework}, {rule.severity}"
             + ("" if rule.waivable else (", not waivable" if lang == "en" else "，不可豁免"))]
    if rule.effective:
        lines.append(("In effect from " if lang == "en" else "生效日期：") + rule.effective.isoformat())
    if rule.effective_by_timeline:
        for k, v in rule.effective_by_timeline.items():
            lines.append(f"  {k}: {v.isoformat() if v else '—'}")
    lines += ["", f"## {what}", rule.title.get(lang), "", f"## {why}", rule.why.get(lang), "",
              f"## {example}", "# fails", rule.example.fail.rstrip(), "# passes", rule.example.pass_.rstrip(), "",
              f"## {fix}", rule.remediation.get(lang), "", f"## {refs}"]
    lines += [f"- {c.dated()}" for c in rule.citations]
    if not rule.verified:
        note = rule.unverified
        if isinstance(note, str):  # English only: say so in Chinese, then quote it
            note = note if lang == "en" else f"本规则依据的部分内容尚未对照原文核实，依赖前请确认。（英文说明：{note}）"
        else:
            note = note.get(lang) if note is not None else ""
        lines += ["", ("UNVERIFIED: " if lang == "en" else "未核实：") + note]
    from gaicheck.nist.crosswalk import subcategories_for

    crosswalk = subcategories_for(rule.id, rule.crosswalk)  # own field + rules/taxonomy/crosswalk.yaml
    if crosswalk:
        lines += ["", ("Also evidences NIST AI RMF: " if lang == "en" else "同时对应 NIST AI RMF：") + ", ".join(crosswalk)]
    return "\n".join(lines) + "\n"
