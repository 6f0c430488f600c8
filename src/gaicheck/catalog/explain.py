"""``gaicheck explain``: a rule's docs in fixed sections (what, why, example, fix, references)."""

from __future__ import annotations

from gaicheck.catalog.records import Rule

SECTIONS = {
    "en": ("What it checks", "Why it matters", "Example (non-compliant → compliant)", "How to fix", "References"),
    "zh": ("检查内容", "为何重要", "示例（不合规 → 合规）", "如何整改", "依据"),
}


def explain_text(rule: Rule, lang: str) -> str:
    """The explain page of ``rule`` in ``lang`` as plain text (``gaicheck explain``; SARIF ``help.text``)."""
    return _page(rule, lang, markdown=False)


def explain_markdown(rule: Rule, lang: str) -> str:
    """The same page as Markdown (SARIF ``help.markdown``): the example in a fenced YAML block, so
    its ``# fails`` comment is not read as a heading."""
    return _page(rule, lang, markdown=True)


def _page(rule: Rule, lang: str, *, markdown: bool) -> str:
    what, why, example, fix, refs = SECTIONS[lang]
    h = "###" if markdown else "##"
    head = f"**{rule.id}** `{rule.name}`" if markdown else f"{rule.id} {rule.name}"
    lines = [f"{head} — {rule.framework}, {rule.severity}"
             + ("" if rule.waivable else (", not waivable" if lang == "en" else "，不可豁免"))]
    if rule.effective:
        lines.append(("In effect from " if lang == "en" else "生效日期：") + rule.effective.isoformat())
    if rule.effective_by_timeline:
        for k, v in rule.effective_by_timeline.items():
            lines.append(f"{'- ' if markdown else '  '}{k}: {v.isoformat() if v else '—'}")
    sample = ["# fails", rule.example.fail.rstrip(), "# passes", rule.example.pass_.rstrip()]
    if markdown:
        sample = ["```yaml", *sample, "```"]
    lines += ["", f"{h} {what}", rule.title.get(lang), "", f"{h} {why}", rule.why.get(lang), "",
              f"{h} {example}", *sample, "",
              f"{h} {fix}", rule.remediation.get(lang), "", f"{h} {refs}"]
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
