"""gaicheck checklist: built from the same Report as assess; formats; formula escaping; EU/NIST blocks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gaicheck.api import assess
from gaicheck.filing.checklist import (
    EU_DUTIES,
    build_checklist,
    escape_cell,
    render_csv,
    render_json,
    render_md,
    render_xlsx,
)
from gaicheck.filing.measures import artifact_figures
from gaicheck.filing.vocabulary import status_word
from gaicheck.record import replace
from gaicheck.report.model import DocumentStatus

from .helpers import AS_OF, EXAMPLES, FLAGSHIP, MINIMAL, cli, cli_json, write_declaration

DOC_STATUSES = {"valid", "invalid", "missing", "not_required"}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_checklist_matches_assess_report(example: Path) -> None:
    """Same statuses and required flags as `gaicheck assess --format json`, for every example."""
    report = cli_json("assess", str(example), "--format", "json", "--as-of", AS_OF, "--lang", "en")
    checklist = cli_json("checklist", str(example), "--format", "json", "--as-of", AS_OF, "--lang", "en")
    from_report = {d["id"]: (d["status"], d["required"], d["path"], d["sha256"]) for d in report["documents"]}
    from_checklist = {
        it["id"]: (it["status"], it["required"], it["path"], it["sha256"])
        for it in checklist["items"] if it["kind"] == "document"
    }
    assert from_checklist == from_report
    assert checklist["jurisdictions"]["CN"]["path"] == report["jurisdictions"]["CN"]["path"]
    assert checklist["input"]["sha256"] == report["input"]["sha256"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_every_document_listed_in_each_format(example: Path, fmt: str) -> None:
    report = assess(str(example), as_of=dt.date.fromisoformat(AS_OF))
    result = cli("checklist", str(example), "--format", fmt, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    for doc in report.documents:
        assert doc.id in result.stdout
        assert doc.status in DOC_STATUSES


def test_xlsx_written_atomically_and_readable(tmp_path: Path) -> None:
    out = tmp_path / "checklist.xlsx"
    result = cli("checklist", str(FLAGSHIP), "--format", "xlsx", "--output", str(out), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["checklist.xlsx"]  # no temporary left behind
    wb = load_workbook(out)
    assert wb.sheetnames == ["cover", "checklist", "NIST"]
    rows = list(wb["checklist"].iter_rows(min_row=2, values_only=True))
    report = assess(str(FLAGSHIP), as_of=dt.date.fromisoformat(AS_OF))
    by_id = {r[1]: r for r in rows}
    for doc in report.documents:
        assert by_id[doc.id][5] == status_word(doc.status, "en")


def test_xlsx_prints_and_speaks_chinese(tmp_path: Path) -> None:
    """Landscape A4, one page wide, header row on every page, autofilter, colours, validation, zh values."""
    out = tmp_path / "c.xlsx"
    args = ("checklist", str(FLAGSHIP), "--format", "xlsx", "--output", str(out), "--as-of", AS_OF, "--lang", "zh")
    assert cli(*args).exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["封面", "材料清单", "NIST"]
    ws = wb["材料清单"]
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows in ("1:1", "$1:$1")
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header[:6] == ["区域", "编号", "材料名称", "英文名称", "是否必需", "状态"]
    statuses = {r[5] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert statuses <= {"有效", "无效", "缺失", "无需提交", "待准备", "待确认"} and "有效" in statuses
    assert {r[0] for r in ws.iter_rows(min_row=2, values_only=True)} <= {"中国", "欧盟"}
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert any('"有效"' in f for r in rules for f in r.formula) and any('"缺失"' in f for r in rules for f in r.formula)
    dvs = ws.data_validations.dataValidation
    assert len(dvs) == 1 and dvs[0].type == "list" and "有效" in dvs[0].formula1 and "F2" in str(dvs[0].sqref)
    cover = {r[0]: r[1] for r in wb["封面"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert cover["服务名称"] == "智答助手" and cover["中国申报路径"] == "大模型备案" and cover["评估日期"] == AS_OF
    assert cover["工具版本"].startswith("gaicheck ")
    nist = [r for r in wb["NIST"].iter_rows(values_only=True)]
    assert ("职能", "小计", "已实施", "部分实施", "计划中", "缺失", "覆盖率%") in nist
    assert not any(isinstance(c, str) and c.startswith("fact:") for r in nist for c in r)
    # Same report, same bytes (fixed zip timestamps).
    first = out.read_bytes()
    assert cli(*args).exit_code == 0 and out.read_bytes() == first


def test_xlsx_needs_an_output_file() -> None:
    result = cli("checklist", str(FLAGSHIP), "--format", "xlsx")
    assert result.exit_code == 2
    assert "--output" in result.output


def test_checklist_output_file(tmp_path: Path) -> None:
    out = tmp_path / "c.md"
    assert cli("checklist", str(FLAGSHIP), "--output", str(out), "--as-of", AS_OF).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# 备案材料清单")


# --- formula injection ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", " =1", "  \t+1", "\u3000=1",
                                  "=HYPERLINK(\"http://x\")"])
def test_escape_cell_formula_starts(text: str) -> None:
    assert escape_cell(text) == "'" + text


def test_escape_cell_shows_control_characters() -> None:
    # a CR (and any C0 control, which openpyxl refuses) is shown as text; the cell starts with "<"
    assert escape_cell("\r=1") == "<U+000D>=1"
    assert escape_cell("a\x1b]0;t\x07") == "a<U+001B>]0;t<U+0007>"


@pytest.mark.parametrize("value", ["plain", "A=1", "中文", "", 5, None, "'=already"])
def test_escape_cell_leaves_other_values(value: object) -> None:
    assert escape_cell(value) == value


HOSTILE = {
    "filing_form": "=cmd.md",
    "service_agreement": "+agreement.md",
    "annotation_rules": "-rules.md",
    "security_assessment_report": "@report.md",
}


def _hostile(tmp_path: Path) -> Path:
    decl = dict(MINIMAL, service=dict(MINIMAL["service"], markets=["CN"], audience="public",
                                      public_opinion_or_mobilization=True),
                model={"origin": "fine_tuned"}, documents=HOSTILE)
    return write_declaration(tmp_path, decl, {p: "x" for p in HOSTILE.values()})


def test_csv_cells_escaped(tmp_path: Path) -> None:
    path = _hostile(tmp_path)
    text = cli("checklist", str(path), "--format", "csv", "--as-of", AS_OF).stdout
    rows = {r[1]: r for r in csv.reader(io.StringIO(text))}
    for doc_id, rel in HOSTILE.items():
        assert rows[doc_id][7] == "'" + rel
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_xlsx_cells_escaped_and_no_formulas(tmp_path: Path) -> None:
    path = _hostile(tmp_path)
    out = tmp_path / "c.xlsx"
    assert cli("checklist", str(path), "--format", "xlsx", "--output", str(out), "--as-of", AS_OF).exit_code == 0
    wb = load_workbook(out)
    paths = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    for row in wb["checklist"].iter_rows(min_row=2, values_only=True):
        paths[row[1]] = row[7]
    for doc_id, rel in HOSTILE.items():
        assert paths[doc_id] == "'" + rel


# --- shortfalls ----------------------------------------------------------------------------------

def _doc(doc_id: str, stats: dict | None) -> DocumentStatus:
    return DocumentStatus(id=doc_id, name_zh="x", name_en="x", framework="CN", required=True, status="valid",
                          path="k.csv", sha256="0" * 64, stats=stats)


def test_shortfalls_from_the_counters_coverage_rows() -> None:
    stats = {"total": 9000, "unique": 8000, "by_risk": {"A.1a": 150}, "coverage": [
        {"category": "total", "count": 8000, "floor": 10000, "ok": False},
        {"category": "A.1a", "count": 150, "floor": 200, "ok": False},
        {"category": "A.1b", "count": 300, "floor": 200, "ok": True},
    ]}
    fig = artifact_figures(_doc("keyword_list", stats))
    assert fig is not None and fig.floors_from == "stats"
    assert fig.shortfalls == ["total 8000/10000", "A.1a 150/200"]


def test_shortfalls_against_reference_floors_without_coverage() -> None:
    by_risk = {f"A.1{c}": 200 for c in "abcdefgh"} | {f"A.2{c}": 100 for c in "abcdefghi"}
    by_risk["A.2c"] = 99
    fig = artifact_figures(_doc("keyword_list", {"total": 12000, "unique": 12000, "by_risk": by_risk}))
    assert fig is not None and fig.floors_from == "reference"
    assert fig.shortfalls == ["A.2c 99/100"]
    assert len(fig.rows) == 17


def test_no_stats_no_shortfalls() -> None:
    fig = artifact_figures(_doc("test_bank_generated", None))
    assert fig is not None and fig.shortfalls == [] and fig.total is None and len(fig.rows) == 31
    assert artifact_figures(_doc("service_agreement", None)) is None


def test_shortfalls_reach_the_checklist() -> None:
    report = assess(str(FLAGSHIP), as_of=dt.date.fromisoformat(AS_OF))
    stats = {"total": 10, "unique": 10, "by_risk": {}}
    docs = tuple(replace(d, stats=stats) if d.id == "keyword_list" else d for d in report.documents)
    cl = build_checklist(replace(report, documents=docs))
    kw = next(it for it in cl.items if it.id == "keyword_list")
    assert "total 10/10000" in kw.shortfalls and "A.1a 0/200" in kw.shortfalls
    assert "A.1a 0/200" in render_md(cl) and "A.1a 0/200" in render_csv(cl)


# --- EU and NIST, degrading when jurisdictions.EU has no tier yet --------------------------------

def _flagship_with_eu(eu: dict) -> object:
    report = assess(str(FLAGSHIP), as_of=dt.date.fromisoformat(AS_OF))
    return replace(report, jurisdictions=dict(report.jurisdictions, EU=eu))


def test_eu_not_applicable_lists_no_eu_duties() -> None:
    cl = build_checklist(_flagship_with_eu({"applies": False}))
    assert not [it for it in cl.items if it.kind == "eu_duty"]


def test_eu_fields_absent_degrade_to_to_confirm() -> None:
    cl = build_checklist(_flagship_with_eu({"applies": True}))
    duties = [it for it in cl.items if it.kind == "eu_duty"]
    assert {d.id for d in duties} == {d.id for d in EU_DUTIES}
    assert {d.status for d in duties} == {"to_confirm"}
    assert all(d.missing for d in duties)


def test_eu_high_risk_gpai_systemic() -> None:
    cl = build_checklist(_flagship_with_eu({"applies": True, "tier": "high", "gpai": "gpai_systemic",
                                            "art50": {"50.1": True, "50.2": True, "50.4": False}}))
    status = {it.id: it.status for it in cl.items if it.kind == "eu_duty"}
    assert status["eu_technical_documentation"] == "to_prepare"
    assert status["eu_gpai_technical_documentation"] == "to_prepare"
    assert status["eu_systemic_risk_evaluation"] == "to_prepare"
    assert status["eu_art50_1_notice"] == "to_prepare"
    assert status["eu_art50_deployer_notices"] == "not_required"
    assert status["eu_fria"] == "to_confirm"  # depends on the deployer


def test_eu_obligations_list_decides() -> None:
    """jurisdictions.EU.obligations (the EU pack): listed and confirmed -> to prepare; listed but
    unconfirmed -> to confirm; not listed -> not required."""
    obligations = [
        {"id": "art50_1", "articles": "Art 50(1)", "applies_from": "2026-08-02", "confirmed": True},
        {"id": "gpai_art53_docs", "articles": "Art 53(1)(a)-(b)", "applies_from": "2025-08-02", "confirmed": None},
    ]
    cl = build_checklist(_flagship_with_eu({"applies": True, "tier": "limited", "gpai": "gpai",
                                            "obligations": obligations}))
    items = {it.id: it for it in cl.items if it.kind == "eu_duty"}
    assert items["eu_art50_1_notice"].status == "to_prepare"
    assert "applies from 2026-08-02" in items["eu_art50_1_notice"].why
    assert items["eu_gpai_technical_documentation"].status == "to_confirm"
    assert items["eu_art50_2_marking"].status == "not_required"
    assert items["eu_copyright_policy"].status == "not_required"


def test_eu_limited_no_gpai() -> None:
    cl = build_checklist(_flagship_with_eu({"applies": True, "tier": "limited", "gpai": "none"}))
    status = {it.id: it.status for it in cl.items if it.kind == "eu_duty"}
    assert status["eu_technical_documentation"] == "not_required"
    assert status["eu_fria"] == "not_required"
    assert status["eu_gpai_technical_documentation"] == "not_required"
    assert status["eu_art50_1_notice"] == "to_confirm"


def test_eu_market_in_declaration(tmp_path: Path) -> None:
    import yaml

    decl = yaml.safe_load(FLAGSHIP.read_text(encoding="utf-8"))
    decl["service"]["markets"] = ["CN", "EU"]
    path = write_declaration(tmp_path, decl)
    data = cli_json("checklist", str(path), "--format", "json", "--as-of", AS_OF)
    duties = [it for it in data["items"] if it["kind"] == "eu_duty"]
    assert duties and {d["status"] for d in duties} <= {"to_prepare", "to_confirm", "not_required"}


def test_nist_summary_block() -> None:
    cl = build_checklist(assess(str(FLAGSHIP), as_of=dt.date.fromisoformat(AS_OF)))
    data = json.loads(render_json(cl))
    assert "facts" in data["nist"] and "findings" in data["nist"]
    assert "NIST AI RMF" in render_md(cl)
    assert render_xlsx(cl)[:2] == b"PK"


def test_minimal_declaration_route_unknown(tmp_path: Path) -> None:
    path = write_declaration(tmp_path, MINIMAL)
    data = cli_json("checklist", str(path), "--format", "json", "--as-of", AS_OF)
    docs = [it for it in data["items"] if it["kind"] == "document"]
    assert docs and all(it["required"] is None for it in docs)
    assert all(any("route undetermined" in m for m in it["missing"]) for it in docs)


def test_bad_declaration_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("gaicheck: 1\nservice:\n  name: a\n  audiance: public\n", encoding="utf-8")
    out = tmp_path / "c.csv"
    result = cli("checklist", str(bad), "--format", "csv", "--output", str(out))
    assert result.exit_code == 2 and "bad.yaml:2:1" in result.output
    assert not out.exists()
