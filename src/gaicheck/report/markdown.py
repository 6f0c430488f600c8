"""Markdown for a pull-request comment: verdict, failing rules, waivers, filing materials, notes.

Every value that comes from the declaration is escaped (table pipes, HTML, emphasis), because a PR
comment renders whatever the declaration says.
"""

from __future__ import annotations

import re

from gaicheck.catalog.model import SEVERITY_ORDER
from gaicheck.report.terminal_eu import tier_text
from gaicheck.report.model import Finding, Report

_T = {
    "en": {
        "ready": "READY", "not_ready": "NOT READY", "as_of": "as of", "failing": "Failing and unconfirmed rules",
        "rule": "Rule", "severity": "Severity", "status": "Status", "finding": "Finding", "where": "Where",
        "fix": "Fix", "blocks": "Blocks", "yes": "yes", "no": "no", "waived": "Waived rules", "reason": "Reason",
        "expires": "Expires", "approver": "Approver", "docs": "Filing materials", "doc": "Document",
        "required": "Required", "path": "Path", "unknown": "undetermined", "notes": "Notes",
        "fixed": "Fixed since the baseline", "baseline": "baseline", "none": "No failing or unconfirmed rules.",
        "manual": "to declare",
    },
    "zh": {
        "ready": "可以申报", "not_ready": "尚不可申报", "as_of": "评估日期", "failing": "未通过与待确认的规则",
        "rule": "规则", "severity": "严重程度", "status": "状态", "finding": "问题", "where": "位置",
        "fix": "整改", "blocks": "阻止申报", "yes": "是", "no": "否", "waived": "已豁免的规则", "reason": "理由",
        "expires": "到期", "approver": "批准人", "docs": "备案材料", "doc": "材料", "required": "是否必需",
        "path": "路径", "unknown": "待定", "notes": "说明", "fixed": "自基线以来已修复", "baseline": "基线",
        "none": "没有未通过或待确认的规则。", "manual": "待补充",
    },
}
_ICON = {"fail": "❌", "manual": "❓", "waived": "⏸️", "valid": "✅", "invalid": "❌", "missing": "❌", "not_required": "➖"}
_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def cell(text: object) -> str:
    """Text made safe for a Markdown table cell: one line, no HTML, no markup."""
    s = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _failing(report: Report, t: dict[str, str]) -> list[str]:
    shown = sorted(
        (f for f in report.findings if f.status in ("fail", "manual")),
        key=lambda f: (f.baselined, -SEVERITY_ORDER[f.severity], f.status != "fail", f.rule),
    )
    if not shown:
        return [t["none"]]
    floor = SEVERITY_ORDER[report.fail_on]
    out = [_row(t["status"], t["severity"], t["rule"], t["finding"], t["where"], t["blocks"]), "|---|---|---|---|---|---|"]
    for f in shown:
        status = f"{_ICON[f.status]} {f.status if f.status == 'fail' else t['manual']}"
        if f.baselined:
            status += f" ({t['baseline']})"
        blocks = t["yes"] if (SEVERITY_ORDER[f.severity] >= floor and not f.baselined) else t["no"]
        text = cell(f.message)
        if f.status == "fail":
            text += f"<br>**{t['fix']}:** {cell(f.remediation)}"
        if f.note:
            text += f"<br>_{cell(f.note)}_"
        out.append(_row(status, f.severity, f"{f.rule} {cell(f.name)}", text, cell(f"{f.location} · {f.citation}"), blocks))
    return out


def _waived(findings: list[Finding], t: dict[str, str]) -> list[str]:
    out = [_row(t["rule"], t["severity"], t["reason"], t["expires"], t["approver"]), "|---|---|---|---|---|"]
    for f in findings:
        w = f.waiver or {}
        out.append(_row(f"{f.rule} {cell(f.name)}", f.severity, cell(w.get("reason", "")), cell(w.get("expires", "")),
                        cell(w.get("approver") or "—")))
    return out


def _jurisdictions(report: Report) -> str:
    """One line: China route, EU tier and GPAI status, NIST (what a reviewer asks first)."""
    j = report.jurisdictions
    cn, eu = j.get("CN", {}), j.get("EU", {})
    parts = []
    if cn.get("applies"):
        parts.append(f"CN: route **{cn.get('path') or '?'}**")
    elif cn.get("applies") is False:
        parts.append("CN: not applicable")
    if eu.get("applies"):
        parts.append(f"EU: tier **{tier_text(eu, report.lang)}**, GPAI {eu.get('gpai') or '?'} ({eu.get('timeline')})")
    if j.get("NIST", {}).get("practices_declared"):
        parts.append("NIST AI RMF: voluntary" + (", required" if j["NIST"].get("required") else ""))
    return " · ".join(parts) if parts else "CN/EU: not applicable"


def render(report: Report, **_: object) -> str:
    """The report as a Markdown PR comment."""
    t = _T[report.lang]
    s = report.summary
    icon, verdict = ("✅", t["ready"]) if report.ready else ("❌", t["not_ready"])
    out = [
        f"## {icon} gaicheck: {verdict} — {cell(report.service_name)}",
        "",
        f"{cell(report.input_path)} · {t['as_of']} {report.as_of} · fail-on **{report.fail_on}** · "
        f"fail {s['fail']} · manual {s['manual']} · waived {s['waived']} · pass {s['pass']} · n/a {s['not_applicable']}",
        "",
        _jurisdictions(report),
        "",
        f"### {t['failing']}",
        "",
        *_failing(report, t),
    ]
    waived = [f for f in report.findings if f.status == "waived"]
    if waived:
        out += ["", f"### {t['waived']}", "", *_waived(waived, t)]
    if report.baseline_fixed:
        out += ["", f"### {t['fixed']}", "", *(f"- {r}" for r in report.baseline_fixed)]
    if report.documents:
        out += ["", f"### {t['docs']}", "", _row(t["doc"], t["required"], t["status"], t["path"]), "|---|---|---|---|"]
        for d in report.documents:
            name = d.name_zh if report.lang == "zh" else d.name_en
            required = t["unknown"] if d.required is None else (t["yes"] if d.required else t["no"])
            status = f"{_ICON[d.status]} {d.status}" + (f" ({cell(d.note)})" if d.note else "")
            out.append(_row(f"{cell(name)} ({cell(d.id)})", required, status, cell(d.path or "—")))
    if report.notes:
        out += ["", f"### {t['notes']}", "", *(f"- {cell(n)}" for n in report.notes)]
    return "\n".join(out) + "\n"
