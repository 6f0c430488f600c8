"""The filing-material checklist: every material for the service's path, built from the Report.

The checklist never re-evaluates anything: China rows are ``Report.documents`` (so statuses match
``gaicheck assess`` by construction), EU rows are read from ``jurisdictions.EU`` and the EU
findings, and the NIST block summarises ``jurisdictions.NIST`` and the NIST findings. Renderers
are pure: ``render_md``/``render_csv``/``render_json`` return text, ``render_xlsx`` bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from gaicheck.filing.eu_duties import EU_DUTIES, eu_items
from gaicheck.filing.items import Checklist, ChecklistItem, escape_cell
from gaicheck.filing.measures import artifact_figures
from gaicheck.filing.vocabulary import (
    CN_PATH_NAMES,
    REQUIRED_WORDS,
    required_word,
    route_word,
    section_word,
    status_word,
)
from gaicheck.report.model import DocumentStatus, Finding, Report
from gaicheck.textsafe import clean

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable

__all__ = ["EU_DUTIES", "Checklist", "ChecklistItem", "build_checklist", "escape_cell", "RENDERERS"]

# --- China: the report's documents ------------------------------------------------------------

def _path_fields() -> tuple[str, ...]:
    from gaicheck.engine.evaluate import DERIVED_SOURCES

    return DERIVED_SOURCES.get("derived.cn.path", ())


def _doc_findings(report: Report, doc: DocumentStatus) -> list[Finding]:
    """Open findings about this document. A package-wide rule (one naming several documents, such as
    "every material is present") is shown only on the documents that are missing or invalid."""
    return [
        f for f in report.findings
        if doc.id in f.documents and f.status in ("fail", "manual")
        and (len(f.documents) == 1 or doc.status in ("missing", "invalid"))
    ]


def _missing(report: Report, doc: DocumentStatus) -> list[str]:
    out: list[str] = []
    if doc.required is None:
        fields = ", ".join(_path_fields()) or "?"
        out.append(f"申报路径未确定 / route undetermined: declare {fields}")
    if doc.status == "missing" and doc.required is not False:
        if doc.path:
            out.append(f"{doc.path}: {doc.note or 'file not found'}")
        else:
            out.append(f"未提供 / not given: documents.{doc.id}")
    elif doc.status == "invalid" and doc.note:
        out.append(f"{doc.path}: {doc.note}")
    for f in _doc_findings(report, doc):
        if f.status == "fail":
            out.append(f"{f.rule} ({f.citation}): {f.message}")
        else:
            manual = "待补充" if report.lang == "zh" else "manual"
            out.append(f"{f.rule} ({f.citation}): {manual} — {', '.join(f.missing_facts) or f.message}")
    return out


def _cn_items(report: Report) -> list[ChecklistItem]:
    route = (report.jurisdictions.get("CN") or {}).get("path")
    route_zh, route_en = CN_PATH_NAMES.get(route, (str(route), str(route)))
    items = []
    for doc in report.documents:
        why = doc.basis or ""
        if doc.framework == "CN":
            why = f"{why}; 路径 route: {route_zh} / {route_en}" if why else f"路径 route: {route_zh} / {route_en}"
        if not doc.verified:
            why += " [unverified]"
        figures = artifact_figures(doc)
        shortfalls = tuple(figures.shortfalls) if figures and figures.floors_from != "none" else ()
        items.append(ChecklistItem(
            section=doc.framework, id=doc.id, name_zh=doc.name_zh, name_en=doc.name_en, required=doc.required,
            status=doc.status, why=why, path=doc.path, sha256=doc.sha256, missing=tuple(_missing(report, doc)),
            shortfalls=shortfalls, verified=doc.verified,
        ))
    return items


# --- NIST: a profile summary -------------------------------------------------------------------

def _nist(report: Report) -> dict[str, Any]:
    n: Mapping[str, Any] = report.jurisdictions.get("NIST") or {}
    findings = [f for f in report.findings if f.framework == "NIST"]
    counts = {s: 0 for s in ("pass", "fail", "manual", "waived", "not_applicable")}
    for f in findings:
        counts[f.status] = counts.get(f.status, 0) + 1
    coverage = n.get("coverage") if isinstance(n.get("coverage"), Mapping) else {}
    return {
        "facts": {k: v for k, v in n.items() if isinstance(v, (str, int, float, bool, type(None)))},
        "findings": counts,
        "open": [{"rule": f.rule, "status": f.status, "title": f.title} for f in findings
                 if f.status in ("fail", "manual")],
        "coverage": {k: dict(v) for k, v in (coverage.get("functions") or {}).items() if isinstance(v, Mapping)},
        "coverage_overall": dict(coverage.get("overall") or {}),
        "gaps": [dict(g) for g in (n.get("gaps") or []) if isinstance(g, Mapping)],
        "risks": [{k: r.get(k) for k in ("id", "name", "level", "covered")} for r in (n.get("relevant_risks") or [])
                  if isinstance(r, Mapping)],
        "note": "NIST AI RMF is voluntary: this is alignment, not compliance.",
    }


def build_checklist(report: Report) -> Checklist:
    """The checklist of ``report`` (one assessed declaration), in the report's language."""
    cn = dict(report.jurisdictions.get("CN") or {})
    eu = dict(report.jurisdictions.get("EU") or {})
    notes = []
    if cn.get("path") is None and cn.get("applies") is not False:
        notes.append("China route undetermined: materials are listed with required = unknown.")
    return Checklist(
        service_name=clean(report.service_name), input_path=clean(report.input_path),
        input_sha256=report.input_sha256, as_of=report.as_of.isoformat(), tool_version=report.tool_version,
        cn=cn, eu=eu, nist=_nist(report), items=tuple(_cn_items(report) + eu_items(report)), notes=tuple(notes),
        lang=report.lang if report.lang in ("zh", "en") else "en", rules_version=report.rules_version,
    )


# --- renderers -----------------------------------------------------------------------------------

COLUMNS = ("section", "id", "name_zh", "name_en", "required", "status", "why", "path", "sha256",
           "missing", "shortfalls", "verified")


def row_values(it: ChecklistItem, lang: str) -> list[str]:
    """The cells of one item; ``lang`` words for section, required, status and verified."""
    return [
        section_word(it.section, lang), it.id, it.name_zh, it.name_en, required_word(it.required, lang),
        status_word(it.status, lang), it.why, it.path or "", it.sha256 or "", "; ".join(it.missing),
        "; ".join(it.shortfalls), required_word(it.verified, lang),
    ]


def _nist_rows(cl: Checklist) -> list[list[str]]:
    rows = [["NIST", f"fact:{k}", "", "", "", "", json.dumps(v, ensure_ascii=False), "", "", "", "", ""]
            for k, v in cl.nist["facts"].items()]
    rows += [["NIST", f"findings:{k}", "", "", "", str(v), "", "", "", "", "", ""]
             for k, v in cl.nist["findings"].items()]
    return rows


def render_json(cl: Checklist) -> str:
    """The checklist as JSON (codes, never translated: a machine format)."""
    return json.dumps(cl.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(cl: Checklist) -> str:
    """One row per item plus the NIST summary rows, codes as in JSON; every cell escaped against formulas."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for it in cl.items:
        w.writerow([escape_cell(c) for c in [
            it.section, it.id, it.name_zh, it.name_en, REQUIRED_WORDS[it.required][1], it.status, it.why,
            it.path or "", it.sha256 or "", "; ".join(it.missing), "; ".join(it.shortfalls),
            "yes" if it.verified else "no"]])
    for row in _nist_rows(cl):
        w.writerow([escape_cell(c) for c in row])
    return buf.getvalue()


def render_xlsx(cl: Checklist) -> bytes:
    """The checklist as a printable workbook (see :mod:`gaicheck.filing.workbook`)."""
    from gaicheck.filing.workbook import render_workbook

    return render_workbook(cl)


def _md(value: Any) -> str:
    """A table-cell-safe string."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def render_md(cl: Checklist) -> str:
    """The checklist as Markdown (zh first, English alongside; statuses in the checklist's language)."""
    lang = cl.lang
    route = cl.cn.get("path")
    rz, re_ = CN_PATH_NAMES.get(route, (str(route), str(route)))
    out = [
        f"# 备案材料清单 Filing materials checklist — {_md(cl.service_name)}",
        "",
        f"- 声明 Declaration: `{cl.input_path}` (sha256 `{cl.input_sha256}`)",
        f"- 评估日期 As of: {cl.as_of} · gaicheck {cl.tool_version}",
        f"- 中国路径 China route: **{rz}** ({re_})",
    ]
    for reason in cl.cn.get("reasons") or []:
        out.append(f"  - {_md(reason)}")
    for note in cl.notes:
        out.append(f"- 注意 Note: {_md(note)}")
    sections = (("CN", "中国 China"), ("EU", "欧盟 EU AI Act"))
    for key, title in sections:
        rows = [it for it in cl.items if it.section == key]
        out += ["", f"## {title}", ""]
        if key == "EU":
            applies = cl.eu.get("applies")
            out.append(f"- 适用 Applies: {REQUIRED_WORDS.get(applies, (str(applies),) * 2)[1]} · tier: "
                       f"{cl.eu.get('tier') or 'unknown'} · GPAI: {cl.eu.get('gpai') or 'unknown'}")
            if applies is False:
                continue
            out.append("")
        if not rows:
            out.append("（无 none）")
            continue
        out += [
            "| # | 材料 Material | 必需 Required | 状态 Status | 文件 File | 依据 Why | 缺少 What is missing |",
            "|---|---|---|---|---|---|---|",
        ]
        for i, it in enumerate(rows, 1):
            req = "/".join(REQUIRED_WORDS[it.required])
            file = f"`{_md(it.path)}`<br>sha256 `{it.sha256}`" if it.path and it.sha256 else _md(it.path or "—")
            missing = "<br>".join(_md(m) for m in it.missing + tuple(f"不足 short: {s}" for s in it.shortfalls))
            out.append(f"| {i} | {_md(it.name_zh)}<br>{_md(it.name_en)}<br>`{it.id}` | {req} | "
                       f"**{status_word(it.status, lang)}** | {file} | {_md(it.why)} | {missing or '—'} |")
    out += ["", "## NIST AI RMF 概况 profile summary", "", f"_{cl.nist['note']}_", ""]
    for k, v in cl.nist["facts"].items():
        out.append(f"- {k}: {_md(json.dumps(v, ensure_ascii=False))}")
    out.append("- findings: " + ", ".join(f"{k} {v}" for k, v in cl.nist["findings"].items()))
    for o in cl.nist["open"]:
        out.append(f"  - {o['rule']} ({o['status']}): {_md(o['title'])}")
    return "\n".join(out) + "\n"


RENDERERS: dict[str, Callable[[Checklist], Any]] = {
    "md": render_md, "csv": render_csv, "json": render_json, "xlsx": render_xlsx,
}
