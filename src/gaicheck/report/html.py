"""HTML dashboard over one or many reports (issue 19 #2): one self-contained file.

Inline CSS and a few lines of JS (sort, filter), no network, works from ``file://`` and prints. The
page is built from a *view*: plain dicts of strings and numbers made here, so the template
(``_data/html/dashboard.html.j2``, Jinja2 with autoescape and StrictUndefined) only lays them out.

Safety: Jinja2 escapes every value (autoescape on), and every string that can come from a
declaration first passes :func:`gaicheck.textsafe.clean` (control and bidi characters shown as
``<U+XXXX>``). Artifacts appear as counts, floors and ids only — never an item's text.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from gaicheck.report.i18n import checked_word, doc_status, severity_word, status_word, value_word, yes_no
from gaicheck.report.outline import outline
from gaicheck.textsafe import clean

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence

if TYPE_CHECKING:
    import jinja2

    from gaicheck.report.compare import Comparison
    from gaicheck.report.model import Finding, Report

# the counted artifacts of the heat map, in column order (documents[].id)
HEAT_COLUMNS = ("keyword_list", "test_bank_generated", "test_bank_should_refuse")
ASPECT_DOC = "test_bank_should_not_refuse"
THIN_MARGIN = 0.25  # count within 25 % above its floor: "thin" (amber), above: "ok" (green)

_T = {
    "en": {
        "title": "gaicheck dashboard", "services": "services", "ready": "READY", "not_ready": "NOT READY",
        "summary": "{ready} of {n} ready", "filter": "Filter", "filter_hint": "name, provider, market …",
        "all": "all", "service": "Service", "provider": "Provider", "markets": "Markets", "cn_route": "China route",
        "eu_tier": "EU tier", "gpai": "GPAI", "verdict": "Verdict", "blockers": "Blockers", "top_action": "Top action",
        "as_of": "As of", "declare": "declare {field}", "fix": "fix {n} failing rule(s)", "nothing": "nothing blocks",
        "unknown": "undetermined", "na": "n/a", "path": "file", "fail_on": "fail-on",
        "h_fail": "Failing ({n})", "h_below": "Also failing, below fail-on {fail_on} ({n})",
        "h_manual": "To declare: {rules} rules wait on {fields} fields", "h_unnamed": "To confirm by hand",
        "h_waived": "Waived ({n})", "h_docs": "Documents", "h_heat": "TC260 risk coverage (count / floor)",
        "h_aspects": "Should-not-refuse aspects (count / floor)", "h_timeline": "Obligations timeline",
        "rule": "Rule", "severity": "Severity", "message": "Finding", "remediation": "Fix", "where": "Where",
        "reason": "Reason", "expires": "Expires", "doc": "Document", "required": "Required", "status": "Status",
        "checked": "Checked", "items_h": "Items", "floor_total": "Total floor", "risks": "Risks covered",
        "risk": "Risk", "total": "total", "not_counted": "not counted", "no_floor": "no floor",
        "legend": "green: ≥ 25 % above the floor · amber: at or just above · red: below · grey: no floor or not counted",
        "passes": "verified {p} · not applicable {na} · upcoming {up}", "in_force": "in force",
        "from": "from {date}", "as_of_mark": "as of {date}", "days": "in {n} days", "may": "may apply",
        "would": "would {status} today", "timeline_none": "no dated duties", "eu": "EU", "cn": "CN",
        "compare": "Since the previous run", "new_fail": "new failures", "resolved": "resolved",
        "flips": "readiness flips", "added": "new service", "gone": "not in this run", "total_line":
        "{new} new failures · {resolved} resolved · {flips} readiness flips", "was": "was {verdict}",
        "no_change": "no change", "previous": "previous report: {file}", "notes": "Notes",
        "generated": "gaicheck {version} · rules {rules} · counts and ids only; no artifact item text",
        "print": "Print", "top": "top", "facts": "facts",
    },
    "zh": {
        "title": "gaicheck 总览", "services": "项服务", "ready": "可以申报", "not_ready": "尚不可申报",
        "summary": "{n} 项中 {ready} 项可以申报", "filter": "筛选", "filter_hint": "名称、提供者、市场……",
        "all": "全部", "service": "服务", "provider": "提供者", "markets": "市场", "cn_route": "中国路径",
        "eu_tier": "欧盟风险等级", "gpai": "通用模型", "verdict": "结论", "blockers": "阻止项", "top_action": "首要行动",
        "as_of": "评估日期", "declare": "填写 {field}", "fix": "整改 {n} 条未通过的规则", "nothing": "没有阻止申报的问题",
        "unknown": "待定", "na": "不适用", "path": "文件", "fail_on": "fail-on",
        "h_fail": "未通过（{n}）", "h_below": "亦未通过，但低于 fail-on {fail_on}（{n}）",
        "h_manual": "待补充：{rules} 条规则等待 {fields} 个字段", "h_unnamed": "需人工确认",
        "h_waived": "已豁免（{n}）", "h_docs": "备案材料", "h_heat": "TC260 风险覆盖（数量 / 下限）",
        "h_aspects": "非拒答题库覆盖方面（数量 / 下限）", "h_timeline": "义务时间线",
        "rule": "规则", "severity": "严重程度", "message": "问题", "remediation": "整改", "where": "位置",
        "reason": "理由", "expires": "到期", "doc": "材料", "required": "是否必需", "status": "状态",
        "checked": "核验方式", "items_h": "条数", "floor_total": "总数下限", "risks": "覆盖风险",
        "risk": "风险", "total": "总数", "not_counted": "未统计", "no_floor": "无下限",
        "legend": "绿：超出下限 25% 以上 · 黄：达到或略高于下限 · 红：低于下限 · 灰：无下限或未统计",
        "passes": "已核验 {p} 条 · 不适用 {na} 条 · 尚未生效 {up} 条", "in_force": "已适用",
        "from": "自 {date}", "as_of_mark": "评估日期 {date}", "days": "{n} 天后", "may": "可能适用",
        "would": "若今天适用：{status}", "timeline_none": "无带日期的义务", "eu": "欧盟", "cn": "中国",
        "compare": "与上次评估相比", "new_fail": "新增未通过", "resolved": "已解决",
        "flips": "结论变化", "added": "新增服务", "gone": "本次未评估", "total_line":
        "新增未通过 {new} 条 · 已解决 {resolved} 条 · 结论变化 {flips} 项", "was": "原为{verdict}",
        "no_change": "无变化", "previous": "上次报告：{file}", "notes": "说明",
        "generated": "gaicheck {version} · 规则 {rules} · 仅含数量与编号，不含材料条目原文",
        "print": "打印", "top": "返回顶部", "facts": "字段",
    },
}
_ROUTE = {"en": {"filing": "filing", "registration": "registration", "none": "none"},
          "zh": {"filing": "大模型备案", "registration": "登记", "none": "无"}}


def _s(value: Any) -> str:
    """A value from the declaration or the report as display text: control and bidi characters shown."""
    return clean("" if value is None else str(value), newlines=False)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    import jinja2

    from gaicheck.resources import data_path

    def load(name: str) -> str:
        return data_path("html", name).read_text(encoding="utf-8")  # type: ignore[no-any-return]

    class DictFirst(jinja2.Environment):
        """The templates read the plain dicts built here: ``s.name`` looks the key up first (jinja2
        tries the attribute first, which for a dict raises and catches an AttributeError on every
        access: ~85k per 100 services). No template reads a dict method (``items``, ``get`` …)."""

        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict:
                try:
                    return obj[attribute]
                except KeyError:
                    pass
            return super().getattr(obj, attribute)

    env = DictFirst(loader=jinja2.FunctionLoader(load), autoescape=True,
                    undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["css"] = load("dashboard.css")
    env.globals["js"] = load("dashboard.js")
    return env


def _cn_route(r: Report, lang: str, t: dict[str, str]) -> str:
    cn = r.jurisdictions.get("CN") or {}
    if cn.get("applies") is False:
        return t["na"]
    path = cn.get("path")
    return _ROUTE[lang].get(path or "", t["unknown"])


def _eu(r: Report, key: str, lang: str, t: dict[str, str]) -> str:
    eu = r.jurisdictions.get("EU") or {}
    if eu.get("applies") is False:
        return t["na"]
    value = eu.get(key)
    if value in (None, "undetermined"):
        text = t["unknown"]
        if key == "tier" and eu.get("tier_at_least"):
            text += f" (≥ {value_word(eu['tier_at_least'], lang)})"
        return text
    return value_word(str(value), lang)


def _top_action(r: Report, o: Any, t: dict[str, str]) -> str:
    items = [i for i in o.to_declare if i.blocking]
    if items:
        return t["declare"].format(field=_s(items[0].field))
    if o.blocking_fail:
        return t["fix"].format(n=o.blocking_fail)
    return t["nothing"]


def _finding(r: Report, f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "name": _s(f.name), "status": f.status, "status_word": status_word(f.status, r.lang),
            "severity": severity_word(f.severity, r.lang), "sev": f.severity, "message": _s(f.message),
            "remediation": _s(f.remediation), "note": _s(f.note or ""), "where": _s(f"{f.location} · {f.citation}"),
            "baselined": f.baselined, "verified": f.verified}


def _heat(r: Report, t: dict[str, str]) -> dict[str, Any]:
    """31 risks × (keyword list, two banks): count vs floor, a class by margin, per cell."""
    from gaicheck.artifacts.taxonomy import load_taxonomy

    tax = load_taxonomy()
    docs = {d.id: d for d in r.documents}
    columns = []
    for doc_id in HEAT_COLUMNS:
        d = docs.get(doc_id)
        stats = d.stats if d is not None else None
        floors = {c["category"]: c["floor"] for c in (stats or {}).get("coverage") or []}
        columns.append({"id": doc_id, "stats": stats, "floors": floors,
                        "name": (d.name_zh if r.lang == "zh" else d.name_en) if d else doc_id})
    if all(c["stats"] is None for c in columns) and ASPECT_DOC not in {d.id for d in r.documents if d.stats}:
        return {"shown": False}
    rows = []
    for code in ("total", *tax.codes):
        risk = next((x for x in tax.risks if x.code == code), None)
        cells = []
        for c in columns:
            stats = c["stats"]
            if stats is None or (code != "total" and stats.get("by_risk") is None):
                cells.append(_cell(None, None, t))
                continue
            count = stats.get("total") if code == "total" else (stats.get("by_risk") or {}).get(code, 0)
            cells.append(_cell(count, c["floors"].get(code), t))
        rows.append({"code": t["total"] if code == "total" else code,
                     "name": "" if risk is None else (risk.zh if r.lang == "zh" else risk.en), "cells": cells})
    aspects = []
    d = docs.get(ASPECT_DOC)
    if d is not None and d.stats and d.stats.get("by_aspect") is not None:
        floors = {c["category"]: c["floor"] for c in d.stats.get("coverage") or []}
        for a in tax.aspects:
            aspects.append({"id": a.id, "name": a.zh if r.lang == "zh" else a.en,
                            **_cell(d.stats["by_aspect"].get(a.id, 0), floors.get(a.id), t)})
    return {"shown": True, "columns": [{"id": c["id"], "name": _s(c["name"])} for c in columns], "rows": rows,
            "aspects": aspects}


def _cell(count: Optional[int], floor: Optional[int], t: dict[str, str]) -> dict[str, Any]:
    if count is None:
        return {"cls": "none", "text": "—", "title": t["not_counted"]}
    if not floor:
        return {"cls": "nofloor", "text": f"{count:,}", "title": t["no_floor"]}
    margin = (count - floor) / floor
    cls = "short" if count < floor else "thin" if margin < THIN_MARGIN else "ok"
    return {"cls": cls, "text": f"{count:,} / {floor:,}", "title": f"{margin:+.0%}"}


def _timeline(r: Report, t: dict[str, str]) -> list[dict[str, Any]]:
    """Dated duties (EU obligations, upcoming CN/EU rules), by date, with the as-of mark among them."""
    entries: list[dict[str, Any]] = []
    eu = r.jurisdictions.get("EU") or {}
    if eu.get("applies") is not False:
        for o in eu.get("obligations") or []:
            if not o.get("applies_from"):
                continue  # an obligation without a date has no place on a timeline
            entries.append({"date": str(o.get("applies_from")), "fw": "EU", "what": _s(o.get("articles")),
                            "title": _s(o.get("title")), "may": not o.get("confirmed", True)})
    for f in r.findings:
        if f.upcoming and f.effective is not None:
            would = status_word(f.would or "", r.lang) if f.would else ""
            entries.append({"date": f.effective.isoformat(), "fw": f.framework, "what": f.rule, "title": _s(f.title),
                            "may": False, "would": t["would"].format(status=would) if would else ""})
    entries.sort(key=lambda e: (e["date"], e["fw"], e["what"]))
    out: list[dict[str, Any]] = []
    marked = False
    for e in entries:
        try:
            day = dt.date.fromisoformat(e["date"])
        except ValueError:
            day = None
        future = day is not None and day > r.as_of
        if future and not marked:
            out.append({"mark": True, "text": t["as_of_mark"].format(date=r.as_of)})
            marked = True
        e.setdefault("would", "")
        e["mark"] = False
        e["future"] = future
        e["when"] = (t["days"].format(n=(day - r.as_of).days) if future and day else t["in_force"])
        out.append(e)
    if entries and not marked:
        out.append({"mark": True, "text": t["as_of_mark"].format(date=r.as_of)})
    return out


def _documents(r: Report, t: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for d in r.documents:
        stats = d.stats or {}
        total = next((c for c in stats.get("coverage") or [] if c.get("category") == "total"), None)
        out.append({
            "id": d.id, "fw": d.framework, "name": _s(d.name_zh if r.lang == "zh" else d.name_en),
            "required": yes_no(d.required, r.lang), "status": d.status, "status_word": doc_status(d.status, r.lang),
            "path": _s(d.path or "—"), "checked": checked_word(d.checked, r.lang),
            "count": f"{stats['total']:,}" if "total" in stats else "",
            "floor": f"{total['floor']:,}" if total else "",
            "risks": str(stats["risks_covered"]) if stats.get("risks_covered") is not None else "",
            "note": _s(d.note or ""),
        })
    return out


def _service(i: int, r: Report, t: dict[str, str], change: Optional[dict[str, Any]]) -> dict[str, Any]:
    lang = r.lang
    o = outline(r)
    blocking_ids = {f.rule for f in r.blocking()}
    blocking_fails = [f for f in o.failures if f.rule in blocking_ids or f.baselined]
    below = [f for f in o.failures if f not in blocking_fails]
    manual = [f for f in r.findings if f.status == "manual"]
    groups = [{"parent": _s(g.parent), "fields": [_s(n) for n in g.names], "rules": list(g.rules),
               "blocking": list(g.blocking_rules)} for g in o.manual_groups]
    markets = t["unknown"] if r.markets is None else ", ".join(_s(m) for m in r.markets) or "—"
    blockers = len(r.blocking())
    return {
        "anchor": f"svc-{i}", "name": _s(r.service_name), "provider": _s(r.provider), "markets": markets,
        "path": _s(r.input_path), "cn_route": _cn_route(r, lang, t), "eu_tier": _eu(r, "tier", lang, t),
        "gpai": _eu(r, "gpai", lang, t), "ready": r.ready, "verdict": t["ready"] if r.ready else t["not_ready"],
        "blockers": blockers, "top_action": _top_action(r, o, t), "as_of": r.as_of.isoformat(),
        "fail_on": r.fail_on, "counts": r.summary,
        "failing": [_finding(r, f) for f in blocking_fails], "below": [_finding(r, f) for f in below],
        "manual_rules": len(manual), "manual_fields": len(o.to_declare), "groups": groups,
        "unnamed": [_finding(r, f) for f in o.manual_unnamed],
        "waived": [{**_finding(r, f), "reason": _s((f.waiver or {}).get("reason")),
                    "expires": _s((f.waiver or {}).get("expires"))} for f in o.waived],
        "documents": _documents(r, t), "heat": _heat(r, t), "timeline": _timeline(r, t),
        "passes": t["passes"].format(p=len(o.passed), na=len(o.not_applicable), up=len(o.upcoming)),
        "notes": [_s(n) for n in r.notes], "change": change,
    }


def render_many(reports: Sequence[Report], *, previous: Optional[Comparison] = None, **_: object) -> str:
    """The dashboard for ``reports`` (``previous``: what changed since an earlier JSON report)."""
    if not reports:
        return ""
    lang = reports[0].lang if reports[0].lang in _T else "en"
    t = _T[lang]
    changes: dict[str, dict[str, Any]] = {}
    if previous is not None:
        for c in previous.services:
            changes[c.path] = c.view(lang, t)
    services = [_service(i, r, t, changes.get(r.input_path)) for i, r in enumerate(reports, 1)]
    ready = sum(1 for r in reports if r.ready)
    as_of = sorted({r.as_of.isoformat() for r in reports})
    view = {
        "lang": lang, "t": t, "services": services, "n": len(reports), "ready": ready,
        "summary": t["summary"].format(ready=ready, n=len(reports)), "as_of": ", ".join(as_of),
        "footer": t["generated"].format(version=_s(reports[0].tool_version), rules=_s(reports[0].rules_version)),
        "compare": None if previous is None else previous.summary_view(lang, t),
    }
    return _env().get_template("dashboard.html.j2").render(**view)


def render(report: Report, **kw: Any) -> str:
    """The dashboard of one report."""
    return render_many([report], **kw)

