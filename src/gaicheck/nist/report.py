"""Lines for the NIST block of the terminal report (relevant risks, coverage, top gaps)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any


TOP_GAPS = 5
_T = {
    "en": {"risks": "relevant GAI risks", "none": "none", "coverage": "coverage", "gaps": "top gaps",
           "undeclared": "practices not declared (nist.practices)", "evidenced": "evidenced by",
           "evidence": "evidence not found", "required": "required (nist.required): findings count for readiness",
           "voluntary": "voluntary: findings do not affect readiness unless nist.required is true",
           "priority": "matter most", "high": "high", "medium": "medium", "inputs": "declare for a better relevance estimate",
           "missing": "missing", "planned": "planned", "partial": "partial"},
    "zh": {"risks": "相关生成式人工智能风险", "none": "无", "coverage": "覆盖率", "gaps": "优先缺口",
           "undeclared": "未声明做法（nist.practices）", "evidenced": "已有证据",
           "evidence": "证明文件不存在", "required": "已要求（nist.required）：结果计入是否可申报",
           "voluntary": "自愿性：除非 nist.required 为 true，结果不影响是否可申报",
           "priority": "最需关注", "high": "高", "medium": "中", "inputs": "填写以下字段可更准确判断相关风险",
           "missing": "缺失", "planned": "计划中", "partial": "部分实施"},
}


def terminal_lines(block: dict[str, Any], lang: str) -> list[str]:
    """The NIST summary as indented terminal lines (the block of ``jurisdictions.NIST``)."""
    if "relevant_risks" not in block:
        return []
    t = _T[lang]
    risks = ", ".join(f"{r['name']} ({t[r['level']]})" for r in block["relevant_risks"]) or t["none"]
    out = [f"  {t['required'] if block.get('required') else t['voluntary']}", f"  {t['risks']}: {risks}"]
    if block.get("undeclared_inputs"):
        out.append(f"  {t['inputs']}: {', '.join(block['undeclared_inputs'])}")
    if block.get("practices_declared"):
        funcs = block["coverage"]["functions"]
        out.append(f"  {t['coverage']}: " + " · ".join(f"{f} {v['percent']}%" for f, v in funcs.items()))
    else:
        out.append(f"  {t['coverage']}: {t['undeclared']}")
    if block.get("practices_declared"):
        gaps = []
        for g in block.get("gaps", [])[:TOP_GAPS]:
            extra = f" [{t['evidenced']} {', '.join(g['evidenced_by'])}]" if g.get("evidenced_by") else ""
            gaps.append(f"{g['id']} ({t[g['status']]}){extra}")
        if gaps:
            out.append(f"  {t['gaps']}: " + ", ".join(gaps))
    else:
        relevant = [g["id"] for g in block.get("gaps", []) if g["relevance"] > 0][:TOP_GAPS]
        if relevant:
            out.append(f"  {t['priority']}: " + ", ".join(relevant))
    for p in block.get("evidence_problems", []):
        out.append(f"  {t['evidence']}: {p['subcategory']} {p['path']} ({p['problem']})")
    return out
