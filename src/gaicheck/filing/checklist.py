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
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

from gaicheck.filing.measures import artifact_figures
from gaicheck.report.model import DocumentStatus, Finding, Report

# Cells a spreadsheet would read as a formula (or that some readers strip to one): OWASP CSV
# injection guidance. Tab and CR are included because Excel drops them before a leading "=".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CN_PATH_NAMES = {
    "filing": ("大模型备案", "large-model filing"),
    "registration": ("登记", "registration"),
    "none": ("无需备案或登记", "neither filing nor registration"),
    None: ("未确定", "undetermined"),
}
REQUIRED_WORDS = {True: ("是", "yes"), False: ("否", "no"), None: ("待定", "unknown")}


def escape_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: a string starting with = + - @ TAB or CR gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class ChecklistItem:
    """One row: a filing material (CN, or EU where registered) or an EU documentation duty."""

    section: str                    # CN | EU | NIST
    id: str
    name_zh: str
    name_en: str
    required: Optional[bool]
    status: str                     # documents: valid|invalid|missing|not_required; EU duties: to_prepare|to_confirm|not_required
    why: str
    path: Optional[str] = None
    sha256: Optional[str] = None
    missing: tuple[str, ...] = ()
    shortfalls: tuple[str, ...] = ()
    verified: bool = True
    kind: str = "document"          # document | eu_duty

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "section": self.section, "id": self.id, "name": {"zh": self.name_zh, "en": self.name_en},
            "kind": self.kind, "required": self.required, "status": self.status, "why": self.why,
            "path": self.path, "sha256": self.sha256, "missing": list(self.missing),
            "shortfalls": list(self.shortfalls), "verified": self.verified,
        }


@dataclass(frozen=True)
class Checklist:
    """Everything the checklist shows, in display order."""

    service_name: str
    input_path: str
    input_sha256: str
    as_of: str
    tool_version: str
    cn: Mapping[str, Any]
    eu: Mapping[str, Any]
    nist: Mapping[str, Any]
    items: tuple[ChecklistItem, ...]
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``checklist_version`` 1)."""
        counts: dict[str, int] = {}
        for it in self.items:
            counts[it.status] = counts.get(it.status, 0) + 1
        return {
            "checklist_version": 1,
            "tool": {"name": "gaicheck", "version": self.tool_version},
            "service": self.service_name,
            "input": {"path": self.input_path, "sha256": self.input_sha256},
            "as_of": self.as_of,
            "jurisdictions": {"CN": dict(self.cn), "EU": dict(self.eu)},
            "items": [it.to_dict() for it in self.items],
            "nist": dict(self.nist),
            "summary": dict(sorted(counts.items())),
            "notes": list(self.notes),
        }


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
            out.append(f"{f.rule} ({f.citation}): manual — {', '.join(f.missing_facts) or f.message}")
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


# --- EU: documentation duties read from jurisdictions.EU (fields may be absent) -----------------

@dataclass(frozen=True)
class _EuDuty:
    id: str
    zh: str
    en: str
    basis: str
    cite: tuple[str, ...]                       # patterns matched against EU finding citations
    decide: Callable[[Mapping[str, Any]], Optional[bool]]
    obligations: tuple[str, ...] = ()           # ids in jurisdictions.EU.obligations that carry this duty


def _tier_high(e: Mapping[str, Any]) -> Optional[bool]:
    tier = e.get("tier")
    if tier is None:
        return None
    roles = e.get("roles")
    if isinstance(roles, list) and "provider" not in roles:
        return False
    return tier == "high"


def _fria(e: Mapping[str, Any]) -> Optional[bool]:
    for key in ("fria_required", "fria"):
        if isinstance(e.get(key), bool):
            return bool(e[key])
    roles = e.get("roles")
    if isinstance(roles, list) and "deployer" not in roles:
        return False  # Art 27 binds deployers only
    tier = e.get("tier")
    # High-risk: it depends on the deployer (public body, public service, Annex III 5(b)/(c)).
    return None if tier is None or tier == "high" else False


def _gpai(systemic: bool = False, exemptable: bool = False) -> Callable[[Mapping[str, Any]], Optional[bool]]:
    def decide(e: Mapping[str, Any]) -> Optional[bool]:
        gpai = e.get("gpai")
        if gpai is None:
            return None
        if systemic:
            return gpai == "gpai_systemic"
        if gpai not in ("gpai", "gpai_systemic"):
            return False
        # Art 53(2): the open-source exemption covers (a) and (b) only, never systemic-risk models.
        if exemptable and gpai == "gpai" and e.get("open_source_exempt") is True:
            return False
        return True
    return decide


def _transparency(key: str) -> Callable[[Mapping[str, Any]], Optional[bool]]:
    def decide(e: Mapping[str, Any]) -> Optional[bool]:
        block = e.get("art50") or e.get("transparency")
        if isinstance(block, Mapping) and isinstance(block.get(key), bool):
            return bool(block[key])
        if isinstance(block, list):
            return key in block or f"art{key}" in block
        if e.get("tier") in ("out_of_scope", "prohibited"):
            return False
        return None
    return decide


EU_DUTIES: tuple[_EuDuty, ...] = (
    _EuDuty("eu_technical_documentation", "技术文件（附件IV）", "Technical documentation (Annex IV)",
            "EU AI Act Art 11, Annex IV (high-risk provider)", (r"Art\.? ?11\b", r"Annex IV\b", r"hr\.art11"), _tier_high,
            ("hr_provider_annex3", "hr_provider_annex1")),
    _EuDuty("eu_fria", "基本权利影响评估", "Fundamental rights impact assessment (FRIA)",
            "EU AI Act Art 27 (certain deployers of Annex III systems)", (r"Art\.? ?27\b", r"fria"), _fria, ("fria",)),
    _EuDuty("eu_art50_1_notice", "AI 交互告知", "Notice that people are interacting with AI",
            "EU AI Act Art 50(1)", (r"Art\.? ?50\(1\)", r"art50\.1"), _transparency("50.1"), ("art50_1",)),
    _EuDuty("eu_art50_2_marking", "合成内容机器可读标记说明", "Machine-readable marking of synthetic output",
            "EU AI Act Art 50(2)", (r"Art\.? ?50\(2\)", r"art50\.2"), _transparency("50.2"),
            ("art50_2", "art50_2_legacy")),
    _EuDuty("eu_art50_deployer_notices", "部署者告知（情绪识别、深度伪造、公共利益文本）",
            "Deployer notices (emotion recognition, deep fakes, public-interest text)",
            "EU AI Act Art 50(3)–(4)", (r"Art\.? ?50\([34]\)", r"art50\.[34]"), _transparency("50.4"),
            ("art50_3", "art50_4")),
    _EuDuty("eu_gpai_technical_documentation", "通用模型技术文件（附件XI）", "GPAI model technical documentation (Annex XI)",
            "EU AI Act Art 53(1)(a), Annex XI", (r"Art\.? ?53\(1\)\(a\)", r"Annex XI\b", r"gpai\.art53\.1a"),
            _gpai(exemptable=True), ("gpai_art53_docs",)),
    _EuDuty("eu_gpai_downstream_information", "下游提供者信息（附件XII）", "Downstream-provider information (Annex XII)",
            "EU AI Act Art 53(1)(b), Annex XII", (r"Art\.? ?53\(1\)\(b\)", r"Annex XII\b", r"gpai\.art53\.1b"),
            _gpai(exemptable=True), ("gpai_art53_docs",)),
    _EuDuty("eu_copyright_policy", "版权政策", "Copyright policy (TDM opt-outs)",
            "EU AI Act Art 53(1)(c)", (r"Art\.? ?53\(1\)\(c\)", r"gpai\.art53\.1c"), _gpai(), ("gpai_art53",)),
    _EuDuty("eu_training_content_summary", "训练内容摘要（AI 办公室模板）", "Public summary of training content",
            "EU AI Act Art 53(1)(d)", (r"Art\.? ?53\(1\)\(d\)", r"gpai\.art53\.1d"), _gpai(), ("gpai_art53",)),
    _EuDuty("eu_systemic_risk_evaluation", "系统性风险评估与对抗测试记录",
            "Systemic-risk evaluation and adversarial testing records",
            "EU AI Act Arts 52, 55(1)", (r"Art\.? ?55\b", r"gpai\.art55"), _gpai(systemic=True), ("gpai_art52_55",)),
    _EuDuty("eu_authorised_representative_mandate", "欧盟授权代表书面委托", "Written mandate of the EU authorised representative",
            "EU AI Act Art 54 (non-EU GPAI provider)", (r"Art\.? ?54\b", r"gpai\.art54"), lambda e: None,
            ("gpai_art54",)),
)
_EU_STATUS = {True: "to_prepare", None: "to_confirm", False: "not_required"}


def _eu_findings(report: Report, patterns: tuple[str, ...]) -> list[Finding]:
    rx = re.compile("|".join(patterns), re.IGNORECASE)
    return [f for f in report.findings if f.framework == "EU" and (rx.search(f.citation) or rx.search(f.rule))]


def _eu_items(report: Report) -> list[ChecklistItem]:
    e: Mapping[str, Any] = report.jurisdictions.get("EU") or {}
    applies = e.get("applies")
    if applies is False:
        return []
    registered = {d.id for d in report.documents if d.framework == "EU"}
    items = []
    for duty in EU_DUTIES:
        if duty.id in registered:
            continue  # the EU pack registered it as a document: that row comes from the report
        obligations = e.get("obligations")
        matched: list[Mapping[str, Any]] = []
        if applies is None:
            required = None
        elif isinstance(obligations, list):
            # The EU pack lists every obligation that applies or may apply (confirmed: false); one it
            # leaves out does not apply.
            matched = [o for o in obligations if isinstance(o, Mapping) and o.get("id") in duty.obligations]
            if not matched:
                required = False
            else:
                required = True if any(o.get("confirmed") is True for o in matched) else None
        else:
            required = duty.decide(e)
        related = _eu_findings(report, duty.cite)
        if related and required is None:
            # A finding that applies settles the duty; all not-applicable settles it the other way.
            required = any(f.status != "not_applicable" for f in related)
        missing: list[str] = []
        if applies is None:
            missing.append("EU scope undetermined: declare service.markets")
        elif required is None:
            missing.append("not settled by the declared facts (jurisdictions.EU): confirm by hand")
        for f in related:
            if f.status in ("fail", "manual"):
                missing.append(f"{f.rule} ({f.citation}): {f.status} — {f.message}")
        why = duty.basis
        dates = sorted({str(o["applies_from"]) for o in matched if o.get("applies_from")})
        if dates:
            why += f"; applies from {', '.join(dates)}"
        items.append(ChecklistItem(
            section="EU", id=duty.id, name_zh=duty.zh, name_en=duty.en, required=required,
            status=_EU_STATUS[required], why=why, missing=tuple(missing), kind="eu_duty",
        ))
    return items


# --- NIST: a profile summary -------------------------------------------------------------------

def _nist(report: Report) -> dict[str, Any]:
    n: Mapping[str, Any] = report.jurisdictions.get("NIST") or {}
    findings = [f for f in report.findings if f.framework == "NIST"]
    counts = {s: 0 for s in ("pass", "fail", "manual", "waived", "not_applicable")}
    for f in findings:
        counts[f.status] = counts.get(f.status, 0) + 1
    return {
        "facts": {k: v for k, v in n.items() if isinstance(v, (str, int, float, bool, type(None)))},
        "findings": counts,
        "open": [{"rule": f.rule, "status": f.status, "title": f.title} for f in findings
                 if f.status in ("fail", "manual")],
        "note": "NIST AI RMF is voluntary: this is alignment, not compliance.",
    }


def build_checklist(report: Report) -> Checklist:
    """The checklist of ``report`` (one assessed declaration)."""
    cn = dict(report.jurisdictions.get("CN") or {})
    eu = dict(report.jurisdictions.get("EU") or {})
    notes = []
    if cn.get("path") is None and cn.get("applies") is not False:
        notes.append("China route undetermined: materials are listed with required = unknown.")
    return Checklist(
        service_name=report.service_name, input_path=report.input_path, input_sha256=report.input_sha256,
        as_of=report.as_of.isoformat(), tool_version=report.tool_version, cn=cn, eu=eu, nist=_nist(report),
        items=tuple(_cn_items(report) + _eu_items(report)), notes=tuple(notes),
    )


# --- renderers -----------------------------------------------------------------------------------

COLUMNS = ("section", "id", "name_zh", "name_en", "required", "status", "why", "path", "sha256",
           "missing", "shortfalls", "verified")
HEADERS = ("区域 Section", "编号 Id", "材料 Name (zh)", "Name (en)", "是否必需 Required", "状态 Status",
           "依据 Why (rule, clause)", "文件 Path", "sha256", "缺少 What is missing", "计数不足 Shortfalls",
           "已核实 Verified")


def _row(it: ChecklistItem) -> list[str]:
    return [
        it.section, it.id, it.name_zh, it.name_en, REQUIRED_WORDS[it.required][1], it.status, it.why,
        it.path or "", it.sha256 or "", "; ".join(it.missing), "; ".join(it.shortfalls),
        "yes" if it.verified else "no",
    ]


def _nist_rows(cl: Checklist) -> list[list[str]]:
    rows = [["NIST", f"fact:{k}", "", "", "", "", json.dumps(v, ensure_ascii=False), "", "", "", "", ""]
            for k, v in cl.nist["facts"].items()]
    rows += [["NIST", f"findings:{k}", "", "", "", str(v), "", "", "", "", "", ""]
             for k, v in cl.nist["findings"].items()]
    return rows


def render_json(cl: Checklist) -> str:
    """The checklist as JSON."""
    return json.dumps(cl.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(cl: Checklist) -> str:
    """One row per item plus the NIST summary rows; every cell escaped against formulas."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for row in [_row(it) for it in cl.items] + _nist_rows(cl):
        w.writerow([escape_cell(c) for c in row])
    return buf.getvalue()


def render_xlsx(cl: Checklist) -> bytes:
    """An .xlsx workbook (sheets: checklist, NIST); every string cell escaped against formulas."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "checklist"
    ws.append([escape_cell(h) for h in HEADERS])
    for it in cl.items:
        ws.append([escape_cell(c) for c in _row(it)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFGHIJKL", (8, 30, 28, 36, 10, 12, 48, 30, 20, 60, 40, 8)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ns = wb.create_sheet("NIST")
    ns.append(["key", "value"])
    for k, v in cl.nist["facts"].items():
        ns.append([escape_cell(f"fact:{k}"), escape_cell(json.dumps(v, ensure_ascii=False))])
    for k, v in cl.nist["findings"].items():
        ns.append([escape_cell(f"findings:{k}"), v])
    for o in cl.nist["open"]:
        ns.append([escape_cell(o["rule"]), escape_cell(f"{o['status']}: {o['title']}")])
    info = wb.create_sheet("about")
    for k, v in (("service", cl.service_name), ("input", cl.input_path), ("sha256", cl.input_sha256),
                 ("as_of", cl.as_of), ("gaicheck", cl.tool_version), ("cn_path", str(cl.cn.get("path")))):
        info.append([k, escape_cell(v)])
    # Fixed document dates keep the bytes reproducible for the same report.
    stamp = dt.datetime.fromisoformat(cl.as_of)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _md(value: Any) -> str:
    """A table-cell-safe string."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def render_md(cl: Checklist) -> str:
    """The checklist as Markdown (zh first, English alongside)."""
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
            out.append(f"| {i} | {_md(it.name_zh)}<br>{_md(it.name_en)}<br>`{it.id}` | {req} | **{it.status}** | "
                       f"{file} | {_md(it.why)} | {missing or '—'} |")
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
