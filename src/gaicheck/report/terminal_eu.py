"""The EU block of the terminal report: tier, reasons, dated obligations, penalties, timeline note."""

from __future__ import annotations

from gaicheck.report.model import Finding

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Sequence

_T = {
    "en": {
        "tier": "tier", "gpai": "GPAI", "roles": "roles", "why": "why", "undetermined": "undetermined",
        "obligations": "obligations ({timeline}; the other timeline's date in brackets where it differs)",
        "in_force": "in force", "from": "from", "may": "may apply — declare the facts that settle it",
        "today": "if they applied today", "fail": "would fail", "manual": "to declare",
        "penalties": "penalties", "note": "note", "more": "{n} more may apply once the facts are declared (--verbose)",
        "obligations_short": "obligations ({timeline})", "other": {"baseline": "baseline", "omnibus_2026": "omnibus"},
    },
    "zh": {
        "tier": "风险等级", "gpai": "通用模型", "roles": "角色", "why": "依据", "undetermined": "待定",
        "obligations": "义务（{timeline}；与另一时间线日期不同时在括号中注明）",
        "in_force": "已适用", "from": "适用自", "may": "可能适用——请声明可判定的事实",
        "today": "若今天已适用", "fail": "将不通过", "manual": "待补充",
        "penalties": "罚则", "note": "注意", "more": "另有 {n} 项义务在事实声明后可能适用（--verbose）",
        "obligations_short": "义务（{timeline}）", "other": {"baseline": "baseline", "omnibus_2026": "omnibus"},
    },
}


def tier_text(j: dict[str, Any], lang: str) -> str:
    """The tier as a reader needs it: "high; Art 5(1)(f) open", "undetermined (at least limited)"."""
    tier = j.get("tier") or "undetermined"
    if tier == "undetermined":
        tier = _T[lang]["undetermined"]
        if j.get("tier_at_least"):
            tier += f" (at least {j['tier_at_least']})" if lang == "en" else f"（至少为 {j['tier_at_least']}）"
    points = [f"Art 5(1)({p.split('.', 1)[1]})" for p in j.get("art5_open") or []]
    if points:
        tier += "; " + ", ".join(points) + (" open" if lang == "en" else " 待筛查")
    return tier


def terminal_lines(j: dict[str, Any], lang: str, findings: Sequence[Finding] = (), *, verbose: bool = True,
                   summary: bool = True) -> list[str]:
    """Lines under the 'European Union (EU)' heading; not ``verbose``: obligations that only may apply are
    counted, not listed; not ``summary``: the tier line is left to the report's head."""
    t = _T[lang]
    if j.get("applies") is False:
        return [f"  {t['why']}: {r}" for r in j.get("reasons", [])]
    timeline = j.get("timeline") or "omnibus_2026"
    roles = ", ".join(j.get("roles") or []) or t["undetermined"]
    head = [f"  {t['tier']}: {tier_text(j, lang)} · {t['gpai']}: {j.get('gpai') or t['undetermined']}"
           f" · {t['roles']}: {roles} · timeline: {timeline}"]
    out = head if summary else []
    out += [f"  {t['why']}: {r}" for r in j.get("reasons", [])]
    obligations = j.get("obligations") or []
    maybe = [o for o in obligations if not o["confirmed"]]
    if not verbose and maybe:
        obligations = [o for o in obligations if o["confirmed"]]
    if obligations and not verbose:  # one wrapped line: what is in force, what starts when
        import textwrap

        by_when: dict[str, list[str]] = {}
        for o in sorted(obligations, key=lambda o: o["applies_from"]):
            when = t["in_force"] if o["in_force"] else f"{t['from']} {o['applies_from']}"
            by_when.setdefault(when, []).append(o["articles"])
        text = " · ".join(f"{w}: {', '.join(a)}" for w, a in by_when.items())
        if maybe:
            text += " · " + t["more"].format(n=len(maybe))
        out += textwrap.wrap(f"{t['obligations_short'].format(timeline=timeline)}: {text}", 110,
                             initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False)
        obligations = []
        maybe = []
    if obligations:
        out.append("  " + t["obligations"].format(timeline=timeline))
        other = "baseline" if timeline == "omnibus_2026" else "omnibus_2026"
        for o in sorted(obligations, key=lambda o: (not o["confirmed"], o["applies_from"])):
            when = t["in_force"] if o["in_force"] else f"{t['from']} {o['applies_from']}"
            alt = o["dates"].get(other)
            extra = f" [{t['other'][other]}: {alt or '—'}]" if alt != o["dates"].get(timeline) else ""
            may = "" if o["confirmed"] else f" ({t['may']})"
            out.append(f"    {when:<22} {o['articles']:<34} {o['title']}{extra}{may}")
    if not verbose and maybe:
        out.append("    " + t["more"].format(n=len(maybe)))
    upcoming = [f for f in findings if f.upcoming and f.would in ("fail", "manual")]
    if upcoming and verbose:
        parts = []
        for status in ("fail", "manual"):
            ids = [f.rule for f in upcoming if f.would == status]
            if ids:
                parts.append(f"{t[status]} {', '.join(ids)}" if verbose else f"{t[status]} {len(ids)}")
        out.append(f"  {t['today']}: " + "; ".join(parts))
    pen = j.get("penalties") or []
    if pen and not verbose:
        out.append(f"  {t['penalties']}: {pen[0]}" + (f" (+{len(pen) - 1}, --verbose)" if len(pen) > 1 else ""))
        pen = []
    if pen:
        out.append(f"  {t['penalties']}: " + pen[0])
        out += [f"    {p}" for p in pen[1:]]
    out += [f"  {t['note']}: {n}" for n in j.get("notes", [])]
    return out
