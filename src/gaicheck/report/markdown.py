"""Markdown for a pull-request comment: verdict, failing rules, waivers, filing materials, notes.

Every value that comes from the declaration is escaped (table pipes, HTML, emphasis), because a PR
comment renders whatever the declaration says.
"""

from __future__ import annotations

import re

from gaicheck.catalog.records import SEVERITY_ORDER
from gaicheck.report.i18n import doc_status, severity_word, status_word
from gaicheck.report.model import Finding, Report
from gaicheck.report.outline import Outline, outline

_T = {
    "en": {
        "ready": "READY", "not_ready": "NOT READY", "as_of": "as of", "failing": "Failing and unconfirmed rules",
        "rule": "Rule", "severity": "Severity", "status": "Status", "finding": "Finding", "where": "Where",
        "fix": "Fix", "blocks": "Blocks", "yes": "yes", "no": "no", "waived": "Waived rules", "reason": "Reason",
        "expires": "Expires", "approver": "Approver", "docs": "Filing materials", "doc": "Document",
        "required": "Required", "path": "Path", "unknown": "undetermined", "notes": "Notes",
        "fixed": "Fixed since the baseline", "baseline": "baseline", "none": "No failing or unconfirmed rules.",
        "manual": "to declare", "next": "Next", "declare": "declare", "settles": "settles {n}",
        "blocking": "{n} blocking", "more": "… {n} more fields under *To declare*", "fix_failing": "fix the {n} failing rule(s) below",
        "nothing": "nothing blocks", "to_declare": "To declare", "to_declare_head": "{rules} rules wait on {fields} fields; each field once, with the rules it settles.",
        "unnamed": "to confirm by hand", "passes": "verified {p} · not applicable {na} · upcoming {up}", "counts_label": "Counts",
        "failing_only": "Failing rules",
        "counts": "fail {fail} · manual {manual} · waived {waived} · pass {pass} · n/a {not_applicable}", "route": "route", "na": "not applicable", "tier": "tier",
        "at_least": "at least", "voluntary": "voluntary", "required_nist": "required",
    },
    "zh": {
        "ready": "可以申报", "not_ready": "尚不可申报", "as_of": "评估日期", "failing": "未通过与待确认的规则",
        "rule": "规则", "severity": "严重程度", "status": "状态", "finding": "问题", "where": "位置",
        "fix": "整改", "blocks": "阻止申报", "yes": "是", "no": "否", "waived": "已豁免的规则", "reason": "理由",
        "expires": "到期", "approver": "批准人", "docs": "备案材料", "doc": "材料", "required": "是否必需",
        "path": "路径", "unknown": "待定", "notes": "说明", "fixed": "自基线以来已修复", "baseline": "基线",
        "none": "没有未通过或待确认的规则。", "manual": "待补充", "next": "下一步", "declare": "填写",
        "settles": "可判定 {n} 条", "blocking": "其中 {n} 条阻止申报", "more": "…… 另有 {n} 个字段见“待补充”",
        "fix_failing": "整改下方 {n} 条未通过的规则", "nothing": "没有阻止申报的问题", "to_declare": "待补充",
        "to_declare_head": "{rules} 条规则等待 {fields} 个字段；每个字段只列一次，并列出其可判定的规则。",
        "unnamed": "需人工确认", "passes": "已核验 {p} 条 · 不适用 {na} 条 · 尚未生效 {up} 条", "counts_label": "统计",
        "failing_only": "未通过的规则",
        "counts": "未通过 {fail} · 待补充 {manual} · 已豁免 {waived} · 通过 {pass} · 不适用 {not_applicable}", "route": "路径", "na": "不适用", "tier": "风险等级",
        "at_least": "至少", "voluntary": "自愿", "required_nist": "已要求",
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


def _failing(report: Report, o: Outline, t: dict[str, str], quiet: bool = False) -> list[str]:
    blocking = {f.rule for f in report.blocking()}
    shown = [f for f in o.failures if not quiet or f.rule in blocking]
    if not shown:
        return []
    floor = SEVERITY_ORDER[report.fail_on]
    out = [_row(t["status"], t["severity"], t["rule"], t["finding"], t["where"], t["blocks"]), "|---|---|---|---|---|---|"]
    for f in shown:
        status = f"{_ICON[f.status]} {status_word(f.status, report.lang).lower()}"
        if f.baselined:
            status += f" ({t['baseline']})"
        blocks = t["yes"] if (SEVERITY_ORDER[f.severity] >= floor and not f.baselined) else t["no"]
        text = cell(f.message)
        text += f"<br>**{t['fix']}:** {cell(f.remediation)}"
        if f.note:
            text += f"<br>_{cell(f.note)}_"
        out.append(_row(status, severity_word(f.severity, report.lang), f"{f.rule} {cell(f.name)}", text, cell(f"{f.location} · {f.citation}"), blocks))
    return out


def _next(o: Outline, t: dict[str, str], limit: int = 5) -> list[str]:
    items = [i for i in o.to_declare if i.blocking] or list(o.to_declare)
    out = []
    for i in items[:limit]:
        extra = f" ({t['blocking'].format(n=i.blocking)})" if i.blocking and i.blocking != len(i.settles) else ""
        out.append(f"- {t['declare']} `{i.field}` → {t['settles'].format(n=len(i.settles))}{extra}")
    if len(items) > limit:
        out.append(f"- {t['more'].format(n=len(o.to_declare) - limit)}")
    if o.blocking_fail:
        out.append(f"- {t['fix_failing'].format(n=o.blocking_fail)}")
    return out or [f"- {t['nothing']}"]


def _to_declare(report: Report, o: Outline, t: dict[str, str], quiet: bool, verbose: bool) -> list[str]:
    out = []
    for g in o.manual_groups:
        if quiet and not g.blocking_rules:
            continue
        rules = " ".join(g.blocking_rules if quiet else g.rules)
        if verbose:
            out += [f"- `{i.field}` → {' '.join(i.settles)}" for i in g.fields]
        else:
            fields = ", ".join(f"`{n}`" for n in g.names)
            out.append(f"- `{g.parent}`: {fields} → {rules}" if g.parent else f"- {fields} → {rules}")
    for f in o.manual_unnamed:
        out.append(f"- {t['unnamed']}: {f.rule} {cell(f.message)}")
    return out


def _waived(findings: list[Finding], t: dict[str, str], lang: str = "en") -> list[str]:
    out = [_row(t["rule"], t["severity"], t["reason"], t["expires"], t["approver"]), "|---|---|---|---|---|"]
    for f in findings:
        w = f.waiver or {}
        out.append(_row(f"{f.rule} {cell(f.name)}", severity_word(f.severity, lang), cell(w.get("reason", "")), cell(w.get("expires", "")),
                        cell(w.get("approver") or "—")))
    return out


def _jurisdictions(report: Report, t: dict[str, str]) -> str:
    """One line: China route, EU tier and GPAI status, NIST (what a reviewer asks first)."""
    j = report.jurisdictions
    cn, eu = j.get("CN", {}), j.get("EU", {})

    def v(x: object) -> str:
        return t["unknown"] if x in (None, "undetermined") else str(x)

    parts = []
    if cn.get("applies"):
        parts.append(f"CN: {t['route']} **{v(cn.get('path'))}**")
    elif cn.get("applies") is False:
        parts.append(f"CN: {t['na']}")
    if eu.get("applies"):
        at_least = f" ({t['at_least']} {eu['tier_at_least']})" if eu.get("tier_at_least") else ""
        open_points = ", ".join(f"Art 5(1)({p.split('.', 1)[1]})" for p in eu.get("art5_open") or [])
        if open_points:
            at_least += f"; {open_points} {'open' if report.lang == 'en' else '待筛查'}"
        parts.append(f"EU: {t['tier']} **{v(eu.get('tier'))}**{at_least}, GPAI {v(eu.get('gpai'))} ({eu.get('timeline')})")
    elif eu.get("applies") is False:
        parts.append(f"EU: {t['na']}")
    if j.get("NIST", {}).get("practices_declared"):
        parts.append(f"NIST AI RMF: {t['voluntary']}" + (f", {t['required_nist']}" if j["NIST"].get("required") else ""))
    return " · ".join(parts) if parts else f"CN/EU: {t['na']}"


def render(report: Report, *, quiet: bool = False, verbose: bool = False, **_: object) -> str:
    """The report as a Markdown PR comment, in the order of :mod:`gaicheck.report.outline`."""
    t = _T[report.lang]
    s = report.summary
    o = outline(report)
    icon, verdict = ("✅", t["ready"]) if report.ready else ("❌", t["not_ready"])
    out = [
        f"## {icon} gaicheck: {verdict} — {cell(report.service_name)}",
        "",
        f"{cell(report.input_path)} · {t['as_of']} {report.as_of} · fail-on **{report.fail_on}** · "
        + t["counts"].format(**s),
        "",
        _jurisdictions(report, t),
    ]
    if not quiet:
        out += ["", f"**{t['next']}:**", "", *_next(o, t)]
    failing = _failing(report, o, t, quiet)
    manual = _to_declare(report, o, t, quiet, verbose)
    if not failing and not manual:
        out += ["", t["none"]]
    if failing:
        out += ["", f"### {t['failing_only']}", "", *failing]
    if manual:
        n_rules = sum(1 for f in report.findings if f.status == "manual")
        out += ["", f"### {t['to_declare']}", "", t["to_declare_head"].format(rules=n_rules, fields=len(o.to_declare)),
                "", *manual]
    if quiet:
        return "\n".join(out) + "\n"
    if o.waived:
        out += ["", f"### {t['waived']}", "", *_waived(list(o.waived), t, report.lang)]
    if report.baseline_fixed:
        out += ["", f"### {t['fixed']}", "", *(f"- {r}" for r in report.baseline_fixed)]
    if report.documents:
        out += ["", f"### {t['docs']}", "", _row(t["doc"], t["required"], t["status"], t["path"]), "|---|---|---|---|"]
        for d in report.documents:
            if not verbose and d.status == "not_required":
                continue
            name = d.name_zh if report.lang == "zh" else d.name_en
            required = t["unknown"] if d.required is None else (t["yes"] if d.required else t["no"])
            status = f"{_ICON[d.status]} {doc_status(d.status, report.lang)}" + (f" ({cell(d.note)})" if d.note else "")
            out.append(_row(f"{cell(name)} ({cell(d.id)})", required, status, cell(d.path or "—")))
    if report.notes:
        out += ["", f"### {t['notes']}", "", *(f"- {cell(n)}" for n in report.notes)]
    out += ["", t["passes"].format(p=len(o.passed), na=len(o.not_applicable), up=len(o.upcoming))]
    if verbose and o.passed:
        out += ["", *(f"- ✅ {f.rule} {cell(f.title)}" for f in o.passed)]
    return "\n".join(out) + "\n"
