"""The ``jurisdictions.EU`` report block: tier and GPAI status, obligations, notes and penalties."""

from __future__ import annotations

import datetime as dt

from gaicheck.engine.derive import eu_law

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional


def L() -> eu_law.EuLaw:
    return eu_law.law()


def penalties(tier: Optional[str], gpai: Optional[str], company_size: Optional[str], lang: str) -> list[str]:
    """Art 99/101 context lines for the tier and GPAI status, with the Art 99(6) SME rule."""
    en = lang == "en"
    lines: list[str] = []
    table = L().penalties
    rows = list(table.get(tier or "", ())) if tier in ("prohibited", "high", "limited") else []  # type: ignore[call-overload]
    if rows:
        rows += list(table["information"])
        lines += [f"{p.cite}: {p.en if en else p.zh}" for p in rows]
        if company_size in ("micro", "small", "medium"):
            lines.append("SME or start-up: each Art 99 cap is the LOWER of the amount and the percentage (Art 99(6))" if en
                         else "中小企业或初创企业：第99条各项上限取金额与比例中较低者（第99条第6款）")
        else:
            smc = company_size == "small_mid_cap"
            lines.append(("Art 99 caps are the HIGHER of the amount and the percentage; SMEs and start-ups: the lower (Art 99(6))"
                          + ("; small mid-caps: Omnibus proportionality relief (secondary sources)" if smc else "")) if en else
                         ("第99条上限取金额与比例中较高者；中小企业及初创企业取较低者（第99条第6款）"
                          + ("；小型中型市值企业：综合修订的相称性减免（二手来源）" if smc else "")))
    if gpai in ("gpai", "gpai_systemic"):
        since = L().cutoffs["gpai_fines_from"]
        for p in table["gpai"]:
            lines.append(f"{p.cite}: {p.en}, from {since}" if en else f"{p.cite}: {p.zh}，自 {since} 起")
        lines.append("Art 101 has no SME rule: its cap is the higher of the two" if en else "第101条无中小企业规则：上限取两者中较高者")
    return lines


def timeline_notes(timeline: str, as_of: dt.date, lang: str) -> list[str]:
    """What the timeline is in law on ``as_of``: the Omnibus in force, or baseline as a what-if."""
    tl = L().timelines
    omni = tl["omnibus_2026"]
    if timeline == "baseline" and omni.law_from is not None and as_of >= omni.law_from:
        return ["What-if: timeline baseline is not the law on this date — since " + f"{omni.law_from} the law is {omni.en} "
                "(use --eu-timeline omnibus_2026)." if lang == "en" else
                f"假设情形：baseline 时间线并非该日期适用的法律——自 {omni.law_from} 起适用{omni.zh}（使用 --eu-timeline omnibus_2026）。"]
    t = tl[timeline]
    return [f"Timeline {timeline}: {t.en} ({t.cite})." if lang == "en" else f"时间线 {timeline}：{t.zh}（{t.cite}）。"]


def summary(eu: dict[str, Any], lang: str) -> dict[str, Any]:
    """The ``jurisdictions.EU`` block of the report (contract: applies, tier, gpai, timeline)."""
    out: dict[str, Any] = {"applies": eu["in_scope"], "tier": eu["tier"] or "undetermined", "gpai": eu["gpai"] or "undetermined",
                           "timeline": eu["timeline"]}
    settle = {k: list(eu["settle"][k]) for k in ("tier", "gpai") if k in eu["settle"]}
    if settle:
        out["settle"] = settle
    if eu["tier"] is None and eu["tier_at_least"]:
        out["tier_at_least"] = eu["tier_at_least"]
    if eu["art5_open"]:
        out["art5_open"] = list(eu["art5_open"])
    if eu["in_scope"] is False:
        out["reasons"] = [r[lang] for r in eu["reasons"]]
        return out
    out["roles"] = eu["roles"]
    out["reasons"] = [r[lang] for r in eu["reasons"]]
    out["obligations"] = [dict(o, title=o["title"][lang]) for o in eu["obligations"]]
    out["notes"] = timeline_notes(eu["timeline"], eu["as_of"], lang)
    if eu["what_if"]:
        out["what_if"] = True
    out["penalties"] = penalties(eu["tier"], eu["gpai"], eu.get("company_size"), lang)
    return out
