"""The checklist as an .xlsx workbook that prints (issue 17).

Sheets: a cover (service, route, as-of, tool and rules version, counts per status), the checklist
(landscape A4, fit to one page wide, header row repeated on every page, autofilter, frozen header,
status colours by conditional formatting, a drop-down of the allowed statuses on the status column)
and NIST as readable tables. Values are in the checklist's language (``--lang``); every string
cell is escaped against formulas; the zip is written with fixed timestamps, so the same report
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from gaicheck.filing.items import Checklist, escape_cell
from gaicheck.filing.vocabulary import FINDING_WORDS, STATUS_WORDS, route_word, status_word

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Iterable, Sequence

HEADERS = {
    "zh": ("区域", "编号", "材料名称", "英文名称", "是否必需", "状态", "依据（规则、条款）", "文件", "sha256",
           "缺少的内容", "计数不足", "依据已核实"),
    "en": ("Section", "Id", "Name (zh)", "Name (en)", "Required", "Status", "Why (rule, clause)", "Path", "sha256",
           "What is missing", "Shortfalls", "Verified"),
}
WIDTHS = (7, 22, 24, 28, 8, 10, 36, 26, 18, 54, 30, 8)
# Status colours (fill, font): green valid, red invalid/missing, amber to prepare/confirm, grey not required.
COLOURS = {
    "valid": ("C6EFCE", "006100"), "invalid": ("FFC7CE", "9C0006"), "missing": ("FFC7CE", "9C0006"),
    "to_prepare": ("FFEB9C", "9C5700"), "to_confirm": ("FFEB9C", "9C5700"), "not_required": ("EDEDED", "595959"),
}
TEXT = {
    "zh": {"cover": "封面", "checklist": "材料清单", "title": "备案材料清单", "service": "服务名称",
           "provider_route": "中国申报路径", "as_of": "评估日期", "tool": "工具版本", "rules": "规则版本",
           "input": "声明文件", "sha": "声明 sha256", "counts": "各状态数量", "note": "说明",
           "disclaimer": "本清单依据服务声明和自动评估结果生成，须经负责人核对；不构成法律意见。",
           "nist_note": "NIST AI RMF 为自愿框架：本表反映对齐情况，不代表合规结论。",
           "summary": "概况", "item": "项目", "value": "数值", "function": "职能", "total": "小计",
           "implemented": "已实施", "partial": "部分实施", "planned": "计划中", "missing": "缺失", "percent": "覆盖率%",
           "gaps": "优先差距", "subcategory": "子类", "status": "状态", "relevance": "相关度", "risks": "相关风险",
           "evidenced": "佐证规则", "risk_table": "相关风险", "risk": "风险", "name": "名称", "level": "等级",
           "covered": "已覆盖", "open": "未通过或待确认的 NIST 规则", "rule": "规则", "title_col": "内容",
           "findings": "NIST 规则结果"},
    "en": {"cover": "cover", "checklist": "checklist", "title": "Filing materials checklist", "service": "Service",
           "provider_route": "China route", "as_of": "As of", "tool": "gaicheck version", "rules": "Rules version",
           "input": "Declaration", "sha": "Declaration sha256", "counts": "Items per status", "note": "Note",
           "disclaimer": "Generated from the declaration and the automatic assessment; to be checked by a "
                         "responsible person. Not legal advice.",
           "nist_note": "NIST AI RMF is voluntary: this is alignment, not compliance.",
           "summary": "Summary", "item": "Item", "value": "Value", "function": "Function", "total": "Total",
           "implemented": "Implemented", "partial": "Partial", "planned": "Planned", "missing": "Missing",
           "percent": "Coverage %", "gaps": "Priority gaps", "subcategory": "Subcategory", "status": "Status",
           "relevance": "Relevance", "risks": "Risks", "evidenced": "Evidenced by", "risk_table": "Relevant risks",
           "risk": "Risk", "name": "Name", "level": "Level", "covered": "Covered",
           "open": "Open NIST findings", "rule": "Rule", "title_col": "Title", "findings": "NIST findings"},
}


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    if isinstance(value, bool):
        value = "是" if value else "否"
    return escape_cell(value)


def _append(ws: Any, values: Iterable[Any]) -> None:
    ws.append([_cell(v) for v in values])


def _table(ws: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    from openpyxl.styles import Font, PatternFill

    if ws.max_row > 1 or ws.cell(1, 1).value is not None:
        ws.append([])
    _append(ws, [title])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
    _append(ws, header)
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="D9E1F2")
    count = 0
    for r in rows:
        _append(ws, r)
        count += 1
    if not count:
        _append(ws, ["—"])


def _display_width(text: str) -> int:
    """Width in Excel character units: CJK and full-width characters count double."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def fit_rows(ws: Any, widths: Sequence[float], *, first: int = 1) -> None:
    """Set each row's height to its wrapped text: LibreOffice (and Excel on print) keep the stored
    height, so wrapped cells would print over each other."""
    for row in ws.iter_rows(min_row=first):
        lines = 1
        for cell, width in zip(row, widths):
            if cell.value is None:
                continue
            for part in str(cell.value).split("\n"):
                lines = max(lines, 1 + _display_width(part) // max(int(width * 1.1) - 1, 1))
        ws.row_dimensions[row[0].row].height = min(15 * lines, 409)


def _print_setup(ws: Any, *, landscape: bool, title_rows: str | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "&P / &N"
    if title_rows:
        ws.print_title_rows = title_rows


def _cover(wb: Any, cl: Checklist, t: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = t["cover"]
    _append(ws, [t["title"]])
    ws["A1"].font = Font(bold=True, size=16)
    counts: dict[str, int] = {}
    for it in cl.items:
        counts[it.status] = counts.get(it.status, 0) + 1
    rows = [
        (t["service"], cl.service_name), (t["provider_route"], route_word(cl.cn.get("path"), cl.lang)),
        (t["as_of"], cl.as_of), (t["tool"], f"gaicheck {cl.tool_version}"), (t["rules"], cl.rules_version),
        (t["input"], cl.input_path), (t["sha"], cl.input_sha256),
        (t["counts"], "；".join(f"{status_word(s, cl.lang)} {n}" for s, n in sorted(counts.items()))),
        (t["note"], t["disclaimer"]),
    ]
    ws.append([])
    for label, value in rows:
        _append(ws, [label, value])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 90
    for row in ws.iter_rows(min_row=3):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    _print_setup(ws, landscape=False)


def _checklist_sheet(wb: Any, cl: Checklist, t: dict[str, str]) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from gaicheck.filing.checklist import row_values

    ws = wb.create_sheet(t["checklist"])
    _append(ws, HEADERS[cl.lang])
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="D9E1F2")
        c.alignment = Alignment(wrap_text=True, vertical="center")
    for it in cl.items:
        _append(ws, row_values(it, cl.lang))
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    fit_rows(ws, WIDTHS)
    last = max(ws.max_row, 2)
    ref = f"A1:{get_column_letter(len(WIDTHS))}{last}"
    ws.auto_filter.ref = ref
    ws.freeze_panes = "A2"
    # Status colours as conditional formatting: they follow the cell when someone edits the status.
    status_range = f"F2:F{last}"
    for code, (fill, font) in COLOURS.items():
        word = status_word(code, cl.lang).replace('"', '""')
        ws.conditional_formatting.add(status_range, FormulaRule(
            formula=[f'$F2="{word}"'], fill=PatternFill("solid", fgColor=fill, bgColor=fill),
            font=Font(color=font, bold=True)))
    allowed = ",".join(status_word(s, cl.lang) for s in STATUS_WORDS)
    dv = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=False, showErrorMessage=True)
    dv.error = allowed
    dv.add(status_range)
    ws.add_data_validation(dv)
    _print_setup(ws, landscape=True, title_rows="1:1")


def _nist_sheet(wb: Any, cl: Checklist, t: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font

    n = cl.nist
    ws = wb.create_sheet("NIST")
    _append(ws, [t["nist_note"]])
    ws["A1"].font = Font(italic=True)
    facts = [(k, v) for k, v in n["facts"].items()]
    overall = n.get("coverage_overall") or {}
    facts += [(f"coverage.{k}", v) for k, v in overall.items()]
    _table(ws, t["summary"], (t["item"], t["value"]), facts)
    _table(ws, t["findings"], (t["status"], t["value"]),
           [((FINDING_WORDS.get(s, (s, s))[0 if cl.lang == "zh" else 1]), v) for s, v in n["findings"].items()])
    _table(ws, t["function"], (t["function"], t["total"], t["implemented"], t["partial"], t["planned"],
                               t["missing"], t["percent"]),
           [(f, c.get("total"), c.get("implemented"), c.get("partial"), c.get("planned"), c.get("missing"),
             c.get("percent")) for f, c in (n.get("coverage") or {}).items()])
    _table(ws, t["gaps"], (t["subcategory"], t["status"], t["relevance"], t["risks"], t["evidenced"]),
           [(g.get("id"), g.get("status"), g.get("relevance"), g.get("risks") or [], g.get("evidenced_by") or [])
            for g in n.get("gaps") or []])
    _table(ws, t["risk_table"], (t["risk"], t["name"], t["level"], t["covered"]),
           [(r.get("id"), r.get("name"), r.get("level"), r.get("covered")) for r in n.get("risks") or []])
    _table(ws, t["open"], (t["rule"], t["status"], t["title_col"]),
           [(o["rule"], FINDING_WORDS.get(o["status"], (o["status"],) * 2)[0 if cl.lang == "zh" else 1], o["title"])
            for o in n["open"]])
    nist_widths = (24, 16, 14, 40, 36, 12, 12)
    for col, width in zip("ABCDEFG", nist_widths):
        ws.column_dimensions[col].width = width
    fit_rows(ws, nist_widths, first=2)
    for row in ws.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    _print_setup(ws, landscape=True)


def render_workbook(cl: Checklist) -> bytes:
    """The workbook's bytes: cover, checklist and NIST sheets, print-ready."""
    from openpyxl import Workbook

    from gaicheck.filing.archive import normalise_zip

    t = TEXT[cl.lang]
    wb = Workbook()
    _cover(wb, cl, t)
    _checklist_sheet(wb, cl, t)
    _nist_sheet(wb, cl, t)
    wb.active = 1  # open on the checklist
    # Fixed document dates and zip timestamps keep the bytes reproducible for the same report.
    stamp = dt.datetime.fromisoformat(cl.as_of)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "gaicheck"
    wb.properties.language = "zh-CN" if cl.lang == "zh" else "en"
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue(), modified=stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
