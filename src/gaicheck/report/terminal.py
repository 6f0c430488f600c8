"""Terminal report, answer first: verdict, routes, what to declare next; then failures, the facts still
to declare (grouped by the field that settles them), and the details per jurisdiction.

The order comes from :mod:`gaicheck.report.outline` (shared with Markdown). ``quiet`` keeps only what
blocks and the verdict (the pre-commit hook); ``verbose`` lists every pass and every document row.
"""

from __future__ import annotations

import textwrap

from gaicheck.report.coverage import coverage_lines
from gaicheck.report.i18n import doc_status, severity_word, status_word, value_word, yes_no
from gaicheck.report.model import Finding, Report
from gaicheck.report.outline import FieldGroup, Outline, outline

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Sequence

TOP_ACTIONS = 5
QUIET_GROUPS = 8
MANUAL_GROUPS = 4
WIDTH = 110

_T = {
    "en": {
        "CN": "China (CN)", "EU": "European Union (EU)", "NIST": "NIST AI RMF (voluntary)",
        "applies": "applies", "not_applies": "does not apply", "unknown": "undetermined",
        "route": "route", "filing": "filing (大模型备案)", "registration": "registration (登记)", "none": "none",
        "sa": "security assessment", "algo": "algorithm filing", "why": "why", "docs": "Filing materials",
        "fix": "fix", "upcoming": "upcoming", "ready": "READY", "not_ready": "NOT READY",
        "to_confirm": "to confirm (unverified source)", "failing": "failing", "manual": "to declare",
        "waived": "waived", "baselined": "known failure (baseline)", "note": "note", "fixed": "fixed since the baseline",
        "as_of": "as of", "from": "from", "settle": "settle with", "at_least": "at least", "tier": "tier", "gpai": "GPAI",
        "roles": "roles", "timeline": "timeline", "next": "Next", "declare": "declare",
        "settles": "settles {n}", "blocking": "{n} blocking", "more_fields": "… {n} more fields below",
        "fix_failing": "fix the {n} failing rule(s) below", "nothing": "nothing blocks",
        "h_fail": "Failing ({n})", "h_nonblock": "also failing below fail-on {fail_on} ({n})",
        "h_manual": "To declare: {rules} rules wait on {fields} fields ({blocking} of the rules block)",
        "h_unnamed": "to confirm by hand", "h_waived": "Waived ({n})", "h_details": "Details",
        "passes": "verified {p} · not applicable {na}", "verbose": "(--verbose lists them)",
        "present": "{ok} of {n} in order", "missing_docs": "not declared", "override": "threshold override",
        "nist_off": "not declared (opt in with nist.practices)", "practices": "practices declared",
        "required": "required", "quiet_more": "{n} more blocking rules wait on other fields (run without --quiet)",
        "summary_many": "{ready} of {n} declarations ready",
        "more_groups": "… {n} more groups: {fields} fields for {rules} rules (--verbose lists them)",
        "counts": "pass {pass} · fail {fail} · manual {manual} · waived {waived} · n/a {not_applicable}",
    },
    "zh": {
        "CN": "中国 (CN)", "EU": "欧盟 (EU)", "NIST": "NIST AI RMF（自愿）",
        "applies": "适用", "not_applies": "不适用", "unknown": "待定",
        "route": "路径", "filing": "大模型备案 (filing)", "registration": "登记 (registration)", "none": "无",
        "sa": "安全评估", "algo": "算法备案", "why": "依据", "docs": "备案材料",
        "fix": "整改", "upcoming": "尚未生效", "ready": "可以申报", "not_ready": "尚不可申报",
        "to_confirm": "待确认（来源未核实）", "failing": "未通过", "manual": "待补充",
        "waived": "已豁免", "baselined": "已知问题（基线）", "note": "注", "fixed": "自基线以来已修复",
        "as_of": "评估日期", "from": "自", "settle": "可由以下字段判定", "at_least": "至少", "tier": "风险等级", "gpai": "通用模型",
        "roles": "角色", "timeline": "时间线", "next": "下一步", "declare": "填写",
        "settles": "可判定 {n} 条", "blocking": "其中 {n} 条阻止申报", "more_fields": "…… 另有 {n} 个字段见下文",
        "fix_failing": "整改下方 {n} 条未通过的规则", "nothing": "没有阻止申报的问题",
        "h_fail": "未通过（{n}）", "h_nonblock": "亦未通过，但低于 fail-on {fail_on}（{n}）",
        "h_manual": "待补充：{rules} 条规则等待 {fields} 个字段（其中 {blocking} 条阻止申报）",
        "h_unnamed": "需人工确认", "h_waived": "已豁免（{n}）", "h_details": "详情",
        "passes": "已核验 {p} 条 · 不适用 {na} 条", "verbose": "（加 --verbose 列出）",
        "present": "{n} 份中 {ok} 份齐全", "missing_docs": "未声明", "override": "阈值调整",
        "nist_off": "未声明（在 nist.practices 中选择加入）", "practices": "已声明做法",
        "required": "已要求", "quiet_more": "另有 {n} 条阻止申报的规则等待其他字段（去掉 --quiet 查看）",
        "summary_many": "{n} 份声明中 {ready} 份可以申报",
        "more_groups": "…… 另有 {n} 组：{fields} 个字段，涉及 {rules} 条规则（加 --verbose 列出）",
        "counts": "通过 {pass} · 未通过 {fail} · 待补充 {manual} · 已豁免 {waived} · 不适用 {not_applicable}",
    },
}
_COLORS = {"fail": "31", "manual": "33", "pass": "32", "waived": "36", "not_applicable": "2"}
_MARK = {"valid": "✓", "invalid": "✗", "missing": "✗", "not_required": "·"}


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _c(text: str, status: str, color: bool) -> str:
    return f"\033[{_COLORS.get(status, '0')}m{text}\033[0m" if color else text


def _wrap(text: str, indent: str, more: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=more, break_on_hyphens=False,
                         break_long_words=False) or [indent]


def _overrides(report: Report, f: Finding, t: dict[str, str]) -> list[str]:
    return [f"         {t['override']}: {o['param']} {o.get('standard')} → {o.get('declared')}"
            for o in report.overrides if o.get("rule") == f.rule]


def _finding_lines(report: Report, f: Finding, t: dict[str, str], color: bool) -> list[str]:
    label = _pad(status_word(f.status, report.lang), 6)
    lines = [f"  {_c(label, f.status, color)} {_sev(f, report.lang)} {f.rule}  {f.title}"]
    if f.status in ("fail", "manual", "waived"):
        lines.append(f"         {f.message}")
    if f.status == "fail":
        lines.append(f"         {t['fix']}: {f.remediation}")
    if f.note and f.status != "waived":
        lines.append(f"         {f.note}")
    if f.status == "waived" and f.waiver:
        w = f.waiver
        lines.append(f"         {t['waived']}: {w.get('reason')} (→ {w.get('expires')}"
                     f"{', ' + w['approver'] if w.get('approver') else ''})")
    lines.extend(_overrides(report, f, t))
    if f.baselined:
        lines.append(f"         [{t['baselined']}]")
    if not f.verified:
        lines.append(f"         [{t['to_confirm']}]")
    lines.append(f"         {f.location} · {f.citation}")
    return lines


def _sev(f: Finding, lang: str) -> str:
    word = severity_word(f.severity, lang)
    return f"{word:<7}" if lang == "en" else f"{word:<3}"


def _compact_lines(report: Report, f: Finding, t: dict[str, str], color: bool) -> list[str]:
    """Two lines: what is wrong (and the evidence note), then the fix and where (``--verbose``: full)."""
    label = _pad(status_word(f.status, report.lang), 6)
    flags = (f" [{t['baselined']}]" if f.baselined else "") + (f" [{t['to_confirm']}]" if not f.verified else "")
    note = f" ({f.note})" if f.note else ""
    lines = [f"  {_c(label, f.status, color)} {_sev(f, report.lang)} {f.rule}  {f.message}{note}{flags}"]
    lines.append(f"         {t['fix']}: {f.remediation} [{f.location}]")
    lines.extend(_overrides(report, f, t))
    return lines


def _verdict(report: Report, o: Outline, t: dict[str, str], color: bool) -> str:
    word = _c(t["ready"], "pass", color) if o.ready else _c(t["not_ready"], "fail", color)
    blocking = [f for f in report.blocking()]
    fails = [f for f in blocking if f.status == "fail"]
    by_sev = ", ".join(f"{sum(1 for f in fails if f.severity == s)} {severity_word(s, report.lang)}"
                       for s in ("blocker", "major", "minor", "info") if any(f.severity == s for f in fails))
    detail = []
    if fails:
        detail.append(f"{t['failing']}: {by_sev}")
    if o.blocking_manual:
        detail.append(f"{t['manual']}: {o.blocking_manual}")
    return (f"{word} (fail-on {report.fail_on}){' — ' + '; '.join(detail) if detail else ''} · "
            + t["counts"].format(**report.summary))


def _routes(report: Report, t: dict[str, str]) -> list[str]:
    """One line per jurisdiction: applies, and the route / tier that decides everything else."""
    out = []
    j = report.jurisdictions
    cn = j.get("CN", {})
    if cn:
        state = t["unknown"] if cn.get("applies") is None else (t["applies"] if cn.get("applies") else t["not_applies"])
        line = f"  {t['CN']}: {state}"
        if cn.get("applies") is not False:
            path = cn.get("path") or "undetermined"
            line += f" · {t['route']} {t.get(path, t['unknown'])}"
            line += (f" · {t['sa']}: {yes_no(cn.get('security_assessment_required'), report.lang)}"
                     f" · {t['algo']}: {yes_no(cn.get('algorithm_filing_required'), report.lang)}")
            if cn.get("settle"):
                line += f" · {t['settle']} {', '.join(cn['settle'])}"
        out.append(line)
    eu = j.get("EU", {})
    if eu:
        state = t["unknown"] if eu.get("applies") is None else (t["applies"] if eu.get("applies") else t["not_applies"])
        line = f"  {t['EU']}: {state}"
        if eu.get("applies") is not False:
            tier = eu.get("tier")
            lang = report.lang
            tier_text = t["unknown"] if tier in (None, "undetermined") else value_word(tier, lang)
            if eu.get("tier_at_least"):
                tier_text += f" ({t['at_least']} {value_word(eu['tier_at_least'], lang)})"
            gpai = eu.get("gpai")
            gpai_text = t["unknown"] if gpai in (None, "undetermined") else value_word(gpai, lang)
            roles = ", ".join(value_word(r, lang) for r in eu.get("roles") or []) or t["unknown"]
            line += (f" · {t['tier']} {tier_text} · {t['gpai']} {gpai_text} · {t['roles']} {roles}"
                     f" · {t['timeline']} {value_word(eu.get('timeline') or 'omnibus_2026', lang)}")
            settle = eu.get("settle")
            if isinstance(settle, dict):
                settle = [s for v in settle.values() for s in v]
            if settle:
                line += f" · {t['settle']} {', '.join(dict.fromkeys(settle))}"
        out.append(line)
    nist = j.get("NIST", {})
    if nist and any(f.framework == "NIST" for f in report.findings):
        if nist.get("practices_declared"):
            funcs = (nist.get("coverage") or {}).get("functions") or {}
            cov = " · ".join(f"{k} {v['percent']}%" for k, v in funcs.items())
            state = t["practices"] + (f" ({t['required']})" if nist.get("required") else "") + (f" · {cov}" if cov else "")
        else:
            state = t["nist_off"]
        out.append(f"  {t['NIST']}: {state}")
    return out


def _actions(report: Report, o: Outline, t: dict[str, str], limit: int = TOP_ACTIONS) -> list[str]:
    items = [i for i in o.to_declare if i.blocking] or list(o.to_declare)
    out = []
    width = max((len(i.field) for i in items[:limit]), default=0)
    for i in items[:limit]:
        extra = f" ({t['blocking'].format(n=i.blocking)})" if i.blocking != len(i.settles) and i.blocking else ""
        out.append(f"  {t['declare']} {i.field:<{width}} → {t['settles'].format(n=len(i.settles))}{extra}")
    tail = []
    if len(items) > limit:
        tail.append(t["more_fields"].format(n=len(o.to_declare) - limit))
    if o.blocking_fail:
        tail.append(t["fix_failing"].format(n=o.blocking_fail))
    if tail:
        out.append("  " + "; ".join(tail))
    if not out:
        out.append("  " + t["nothing"])
    return out


def _group_lines(g: FieldGroup, verbose: bool) -> list[str]:
    if verbose:
        return [f"  {i.field} → {' '.join(i.settles)}" for i in g.fields]
    names = g.names
    head = f"{g.parent}.{{{', '.join(names)}}}" if g.parent and len(names) > 1 else g.fields[0].field if len(names) == 1 else ", ".join(names)
    return _wrap(f"{head} → {_rule_ids(g.rules)}", "  ", "      ")


def _rule_ids(ids: Sequence[str]) -> str:
    """``CN-LBL-01 CN-LBL-02 EU-TR-02`` → ``CN-LBL-01/02 EU-TR-02`` (same family written once)."""
    families: dict[str, list[str]] = {}
    for rid in ids:
        family, _, number = rid.rpartition("-")
        families.setdefault(family, []).append(number)
    return " ".join(f"{fam}-{'/'.join(sorted(nums))}" for fam, nums in families.items())


def _documents(report: Report, fw: str, t: dict[str, str], verbose: bool) -> list[str]:
    docs = [d for d in report.documents if d.framework == fw]
    if not docs:
        return []
    ok = sum(1 for d in docs if d.status in ("valid", "not_required"))
    head = f"  {t['docs']}: {t['present'].format(ok=ok, n=len(docs))}"
    if not verbose:  # one summary: which are wrong, which are not declared (--verbose: every row and its counts)
        parts = []
        for status in ("invalid", "missing"):
            ids = [d.id for d in docs if d.status == status and (d.path or status == "invalid")]
            if ids:
                parts.append(f"{doc_status(status, report.lang)}: {', '.join(ids)}")
        undeclared = [d.id for d in docs if d.status == "missing" and not d.path]
        if undeclared:
            parts.append(f"{t['missing_docs']}: {', '.join(undeclared)}")
        return _wrap(head + (" · " + " · ".join(parts) if parts else ""), "", "    ")
    out = [head]
    for d in docs:
        name = d.name_zh if report.lang == "zh" else d.name_en
        extra = f"  ({d.note})" if d.note else ""
        out.append(f"    {_MARK[d.status]} {doc_status(d.status, report.lang):<12} {name}  {d.path or ''}{extra}")
        if d.stats:
            out.extend(coverage_lines(d.stats, report.lang))
    return out


def _upcoming(up: list[Finding], t: dict[str, str], verbose: bool) -> list[str]:
    """Duties not yet in force, by start date (rule ids only with ``verbose``)."""
    by_date: dict[str, list[str]] = {}
    for f in sorted(up, key=lambda f: (str(f.effective), f.rule)):
        by_date.setdefault(str(f.effective), []).append(f.rule)
    if verbose:
        text = "; ".join(f"{t['from']} {d}: {', '.join(ids)}" for d, ids in by_date.items())
    else:
        text = ", ".join(f"{len(ids)} {t['from']} {d}" for d, ids in by_date.items()) + f" {t['verbose']}"
    return _wrap(f"{t['upcoming']}: {text}", "  ", "    ")


def _details(report: Report, o: Outline, t: dict[str, str], color: bool, verbose: bool) -> list[str]:
    out: list[str] = []
    for fw in ("CN", "EU", "NIST"):
        j = report.jurisdictions.get(fw, {})
        fw_findings = [f for f in report.findings if f.framework == fw]
        if not j or (fw == "NIST" and not fw_findings):
            continue
        if fw == "NIST" and not verbose and not j.get("practices_declared"):
            continue  # opt-in: the head says how (--verbose shows the relevance estimate)
        block: list[str] = []
        if fw == "CN":
            block += [f"  {t['why']}: {r}" for r in j.get("reasons", [])]
        elif fw == "EU":
            from gaicheck.report.terminal_eu import terminal_lines as eu_lines

            block += eu_lines(j, report.lang, fw_findings, verbose=verbose, summary=False)
        elif fw == "NIST":
            from gaicheck.nist.report import terminal_lines

            block += terminal_lines(j, report.lang)
        if j.get("applies") is not False:
            block += _documents(report, fw, t, verbose)
        passed = [f for f in o.passed if f.framework == fw]
        na = [f for f in o.not_applicable if f.framework == fw]
        up = [f for f in o.upcoming if f.framework == fw]
        if verbose:
            block += [f"  {_c(status_word('pass', report.lang) + '  ', 'pass', color)} {_sev(f, report.lang)} {f.rule}  {f.title}"
                      for f in passed]
            if na:
                block += _wrap(f"{status_word('not_applicable', report.lang)}: {len(na)} ({', '.join(f.rule for f in na)})",
                               "  ", "    ")
        if up and verbose:
            block += _upcoming(up, t, verbose)
        if block:
            out += ["", f"{t[fw]}:", *block]
    return out


def render(report: Report, *, color: bool = False, quiet: bool = False, verbose: bool = False, **_: object) -> str:
    """Render ``report`` for a terminal; ANSI colour only when ``color``."""
    t = _T[report.lang]
    o = outline(report)
    verdict = _verdict(report, o, t, color)
    head = f"gaicheck {report.tool_version} — {report.service_name} ({report.input_path}) · {t['as_of']} {report.as_of}"
    if quiet:
        return "\n".join(_quiet(report, o, t, color, head, verdict)) + "\n"
    actions = _actions(report, o, t)
    lead = f"{t['next']}: "
    out = [head, verdict, *_routes(report, t), lead + actions[0].strip(),
           *(" " * (_width(lead) - 2) + a for a in actions[1:])]
    blocking_ids = {f.rule for f in report.blocking()}
    blocking_fails = [f for f in o.failures if f.rule in blocking_ids or f.baselined]
    other_fails = [f for f in o.failures if f not in blocking_fails]
    below = ""
    if other_fails and not verbose:  # below fail-on: named in the heading, not listed
        below = " — " + t["h_nonblock"].format(fail_on=report.fail_on, n=len(other_fails)) + ": " + ", ".join(
            f"{f.rule} ({severity_word(f.severity, report.lang)})" for f in other_fails)
    if blocking_fails:
        out += ["", t["h_fail"].format(n=len(blocking_fails)) + below]
        for f in blocking_fails:
            out += _finding_lines(report, f, t, color) if verbose else _compact_lines(report, f, t, color)
    if other_fails and verbose:
        out += ["", t["h_nonblock"].format(fail_on=report.fail_on, n=len(other_fails))]
        for f in other_fails:
            out += _finding_lines(report, f, t, color)
    elif other_fails and not blocking_fails:  # below fail-on: one line for all of them
        out += [""] + _wrap(t["h_nonblock"].format(fail_on=report.fail_on, n=len(other_fails)) + ": "
                     + ", ".join(f"{f.rule} ({severity_word(f.severity, report.lang)})" for f in other_fails), "", "    ")
    manual = [f for f in report.findings if f.status == "manual"]
    if manual:
        blocking_manual = sum(1 for f in manual if f.rule in blocking_ids)
        out += ["", t["h_manual"].format(rules=len(manual), fields=len(o.to_declare), blocking=blocking_manual)]
        groups = list(o.manual_groups) if verbose else list(o.manual_groups)[:MANUAL_GROUPS]
        for g in groups:
            out += _group_lines(g, verbose)
        rest = o.manual_groups[len(groups):]
        if rest:
            out.append("  " + t["more_groups"].format(n=len(rest), fields=sum(len(g.fields) for g in rest),
                                                      rules=len({r for g in rest for r in g.rules})))
        for f in o.manual_unnamed:
            out += _finding_lines(report, f, t, color)
    if o.waived:
        out += ["", t["h_waived"].format(n=len(o.waived))]
        for f in o.waived:
            out += _finding_lines(report, f, t, color)
    out += _details(report, o, t, color, verbose)
    if report.notes or report.baseline_fixed:
        out.append("")
    if not verbose and (o.passed or o.not_applicable or o.upcoming):
        out.append(t["passes"].format(p=len(o.passed), na=len(o.not_applicable))
                   + (f" · " + _upcoming(list(o.upcoming), t, False)[0].strip() if o.upcoming else f" {t['verbose']}"))
    out.extend(f"{t['note']}: {n}" for n in report.notes)
    if report.baseline_fixed:
        out.append(f"{t['fixed']}: {', '.join(report.baseline_fixed)}")
    out.append(verdict)
    return "\n".join(out) + "\n"


def _quiet(report: Report, o: Outline, t: dict[str, str], color: bool, head: str, verdict: str) -> list[str]:
    """Only what blocks: each blocking failure in one or two lines, the fields blocking rules wait on."""
    blocking = report.blocking()
    out = [head] if blocking else []
    for f in (x for x in o.failures if x.rule in {b.rule for b in blocking}):
        out.append(f"  {_c(status_word('fail', report.lang), 'fail', color)} {_sev(f, report.lang)} {f.rule}  {f.message}")
        out.append(f"         {f.location} · {t['fix']}: {f.remediation}")
    blocking_ids = {f.rule for f in blocking if f.status == "manual"}
    groups = [g for g in o.manual_groups if g.blocking_rules]
    for g in groups[:QUIET_GROUPS]:
        fields = [i for i in g.fields if set(i.settles) & blocking_ids]
        names = [i.field[len(g.parent) + 1:] if g.parent else i.field for i in fields]
        head = f"{g.parent}.{{{', '.join(names)}}}" if g.parent and len(names) > 1 else fields[0].field
        out += _wrap(f"{t['declare']} {head} → {' '.join(g.blocking_rules)}", "  ", "      ")
    rest = len(blocking_ids - {r for g in groups[:QUIET_GROUPS] for r in g.blocking_rules})
    if rest:
        out.append("  " + t["quiet_more"].format(n=rest))
    out.append(verdict)
    return out


def render_many(reports: Sequence[Report], **kw: Any) -> str:
    """Each report in turn, then one line for all of them."""
    text = "".join(render(r, **kw) for r in reports)
    if not reports:
        return text
    t = _T[reports[0].lang]
    ready = sum(1 for r in reports if r.ready)
    word = t["ready"] if ready == len(reports) else t["not_ready"]
    return text + f"{word}: " + t["summary_many"].format(ready=ready, n=len(reports)) + "\n"
