"""Terminal report: grouped by jurisdiction, failing rules with citation and fix, one verdict line."""

from __future__ import annotations

from gaicheck.catalog.model import SEVERITY_ORDER
from gaicheck.report.coverage import coverage_lines
from gaicheck.report.model import Finding, Report

_T = {
    "en": {
        "CN": "China (CN)", "EU": "European Union (EU)", "NIST": "NIST AI RMF (voluntary)",
        "applies": "applies", "not_applies": "does not apply", "unknown": "undetermined",
        "path": "path", "filing": "filing (大模型备案)", "registration": "registration (登记)", "none": "none",
        "sa": "security assessment required", "algo": "algorithm filing required",
        "yes": "yes", "no": "no", "why": "why", "docs": "Filing materials", "fix": "fix",
        "passed": "verified", "na": "not applicable", "upcoming": "upcoming",
        "ready": "READY", "not_ready": "NOT READY", "to_confirm": "to confirm (unverified source)",
        "failing": "failing", "manual": "to declare", "waived": "waived", "tier": "tier", "gpai": "GPAI",
        "missing_facts": "missing facts", "baselined": "known failure (baseline)", "note": "note",
        "fixed": "fixed since the baseline", "settle": "decided by declaring",
    },
    "zh": {
        "CN": "中国 (CN)", "EU": "欧盟 (EU)", "NIST": "NIST AI RMF（自愿）",
        "applies": "适用", "not_applies": "不适用", "unknown": "待定",
        "path": "路径", "filing": "大模型备案 (filing)", "registration": "登记 (registration)", "none": "无",
        "sa": "需安全评估", "algo": "需算法备案",
        "yes": "是", "no": "否", "why": "依据", "docs": "备案材料", "fix": "整改",
        "passed": "已核验", "na": "不适用", "upcoming": "尚未生效",
        "ready": "可以申报", "not_ready": "尚不可申报", "to_confirm": "待确认（来源未核实）",
        "failing": "未通过", "manual": "待补充", "waived": "已豁免", "tier": "风险等级", "gpai": "通用模型",
        "missing_facts": "缺少事实", "baselined": "已知问题（基线）", "note": "注",
        "fixed": "自基线以来已修复", "settle": "需声明以确定",
    },
}
_COLORS = {"fail": "31", "manual": "33", "pass": "32", "waived": "36", "not_applicable": "2"}
_MARK = {"valid": "✓", "invalid": "✗", "missing": "✗", "not_required": "·"}


def _c(text: str, status: str, color: bool) -> str:
    return f"\033[{_COLORS.get(status, '0')}m{text}\033[0m" if color else text


def _yn(v: object, t: dict[str, str]) -> str:
    return t["unknown"] if v is None else (t["yes"] if v else t["no"])


def _finding_lines(f: Finding, t: dict[str, str], color: bool) -> list[str]:
    label = f"{f.status.upper():<6}"
    head = f"  {_c(label, f.status, color)} {f.severity:<7} {f.rule}  {f.title}"
    lines = [head]
    if f.status in ("fail", "manual", "waived"):
        lines.append(f"         {f.message}")
    if f.status == "fail":
        lines.append(f"         {t['fix']}: {f.remediation}")
    if f.note and f.status != "waived":
        lines.append(f"         {f.note}")
    if f.status == "waived" and f.waiver:
        w = f.waiver
        lines.append(f"         {t['waived']}: {w.get('reason')} (→ {w.get('expires')}{', ' + w['approver'] if w.get('approver') else ''})")
    if f.baselined:
        lines.append(f"         [{t['baselined']}]")
    if not f.verified:
        lines.append(f"         [{t['to_confirm']}]")
    loc = f.location
    lines.append(f"         {loc} · {f.citation}")
    return lines


def render(report: Report, *, color: bool = False, **_: object) -> str:
    """Render ``report`` for a terminal; ANSI colour only when ``color``."""
    t = _T[report.lang]
    out = [f"gaicheck {report.tool_version} — {report.service_name} ({report.input_path}) · as of {report.as_of}"]
    for fw in ("CN", "EU", "NIST"):
        j = report.jurisdictions.get(fw, {})
        fw_findings = [f for f in report.findings if f.framework == fw]
        docs = [d for d in report.documents if d.framework == fw]
        out.append("")
        applies = j.get("applies")
        state = t["unknown"] if applies is None else (t["applies"] if applies else t["not_applies"])
        out.append(f"{t[fw]}: {state}")
        if fw == "CN":
            path = j.get("path")
            out.append(f"  {t['path']}: {t.get(path, t['unknown']) if path else t['unknown']}")
            if j.get("settle"):
                out.append(f"  {t['settle']}: {', '.join(j['settle'])}")
            for r in j.get("reasons", []):
                out.append(f"  {t['why']}: {r}")
            out.append(f"  {t['sa']}: {_yn(j.get('security_assessment_required'), t)} · {t['algo']}: {_yn(j.get('algorithm_filing_required'), t)}")
        elif fw == "EU":
            from gaicheck.report.terminal_eu import terminal_lines as eu_lines

            out.extend(eu_lines(j, report.lang, fw_findings))
        elif fw == "NIST":
            from gaicheck.nist.report import terminal_lines

            out.extend(terminal_lines(j, report.lang))
        if docs and applies is not False:
            out.append(f"  {t['docs']}:")
            for d in docs:
                name = d.name_zh if report.lang == "zh" else d.name_en
                extra = f"  ({d.note})" if d.note else ""
                out.append(f"    {_MARK[d.status]} {d.status:<12} {name}  {d.path or ''}{extra}")
                if d.stats:
                    out.extend(coverage_lines(d.stats, report.lang))
        shown = sorted(
            (f for f in fw_findings if f.status in ("fail", "manual", "waived")),
            key=lambda f: (-SEVERITY_ORDER[f.severity], f.status != "fail", f.rule),
        )
        for f in shown:
            out.extend(_finding_lines(f, t, color))
        passed = [f for f in fw_findings if f.status == "pass"]
        na = [f for f in fw_findings if f.status == "not_applicable" and not f.upcoming]
        up = [f for f in fw_findings if f.upcoming]
        for f in passed:
            out.append(f"  {_c('PASS  ', 'pass', color)} {f.severity:<7} {f.rule}  {f.title}")
        if up:
            out.append(f"  {t['upcoming']}: " + ", ".join(f"{f.rule} ({f.effective})" for f in up))
        if na:
            out.append(f"  {t['na']}: {len(na)} ({', '.join(f.rule for f in na)})")
    s = report.summary
    blocking = report.blocking()
    out.append("")
    out.extend(f"{t['note']}: {n}" for n in report.notes)
    if report.baseline_fixed:
        out.append(f"{t['fixed']}: {', '.join(report.baseline_fixed)}")
    fails = [f for f in blocking if f.status == "fail"]
    manual = [f for f in blocking if f.status == "manual"]
    if report.ready:
        verdict = _c(t["ready"], "pass", color)
    else:
        verdict = _c(t["not_ready"], "fail", color)
    by_sev = ", ".join(
        f"{sum(1 for f in fails if f.severity == sev)} {sev}" for sev in ("blocker", "major", "minor", "info")
        if any(f.severity == sev for f in fails)
    )
    detail = []
    if fails:
        detail.append(f"{t['failing']}: {by_sev}")
    if manual:
        detail.append(f"{t['manual']}: {len(manual)}")
    out.append(
        f"{verdict} (fail-on {report.fail_on}){' — ' + '; '.join(detail) if detail else ''} · "
        f"pass {s['pass']} · fail {s['fail']} · manual {s['manual']} · waived {s['waived']} · n/a {s['not_applicable']}"
    )
    return "\n".join(out) + "\n"
