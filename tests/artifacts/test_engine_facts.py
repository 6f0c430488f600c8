"""The artifact facts as the engine and the report see them (engine/artifacts.py)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from gaicheck.errors import InputError
from gaicheck.report import RENDERERS
from tests.artifacts.artifact_files import placeholder, write_items, write_rows
from tests.conftest import finding, run, write_case


@pytest.fixture(autouse=True)
def _filing(tmp_path: Path) -> None:
    (tmp_path / "filing").mkdir()


def _decl(tmp_path: Path, patch: dict) -> Path:
    return write_case(tmp_path, patch)


def test_json_report_carries_stats_and_coverage(tmp_path: Path) -> None:
    write_items(tmp_path / "filing/kw.csv", [(placeholder(i), "A.1a") for i in range(3)] + [(placeholder(1), "A.1a")])
    report = run(_decl(tmp_path, {"documents": {"keyword_list": "filing/kw.csv"}}), frameworks=["CN"])
    doc = next(d for d in json.loads(RENDERERS["json"](report))["documents"] if d["id"] == "keyword_list")
    stats = doc["stats"]
    assert (stats["total"], stats["unique"]) == (4, 3)
    assert stats["duplicates"]["exact"] == {"count": 1, "lines": [5], "truncated": False}
    assert stats["by_risk"]["A.1a"] == 3 and len(stats["by_risk"]) == 31
    assert stats["coverage"][0] == {"category": "total", "count": 3, "floor": 10000, "ok": False}
    assert {"category": "A.2a", "count": 0, "floor": 100, "ok": False} in stats["coverage"]
    assert doc["status"] == "invalid" and doc["sha256"] == stats["sha256"]
    assert finding(report, "CN-KW-01").note == "below floor: total 3/10,000"


def test_overrides_change_floors_in_coverage(tmp_path: Path) -> None:
    # A team may raise a floor (the coverage shows the raised one); lowering it is an input error
    # (tests/engine/test_overrides.py): 0.1 printed "PASS ... at least 10,000" beside 3 keywords.
    write_items(tmp_path / "filing/kw.csv", [(placeholder(i), "A.1a") for i in range(3)])
    report = run(_decl(tmp_path, {"documents": {"keyword_list": "filing/kw.csv"},
                                  "settings": {"thresholds": {"CN-KW-01": {"min_total": 12000}}}}), frameworks=["CN"])
    stats = next(d.stats for d in report.documents if d.id == "keyword_list")
    assert stats is not None and stats["coverage"][0]["floor"] == 12000
    assert finding(report, "CN-KW-01").status == "fail"


def test_manual_names_the_declaration_field(tmp_path: Path) -> None:
    report = run(_decl(tmp_path, {}), frameworks=["CN"])
    assert finding(report, "CN-KW-01").missing_facts == ("documents.keyword_list",)
    assert finding(report, "CN-EVAL-04").missing_facts == ("evaluation.should_refuse_sample",)
    assert finding(report, "CN-CLS-01").missing_facts == ("safeguards.content_filtering.classifier_labels",)


def test_settings_columns_maps_and_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    ws = wb.create_sheet("词库")
    ws.append(["序号", "词条", "我司分类"])
    for i in range(4):
        ws.append([i, placeholder(i), "政治-1" if i < 2 else "歧视-民族"])
    wb.save(tmp_path / "filing" / "kw.xlsx")
    decl = _decl(tmp_path, {
        "documents": {"keyword_list": "filing/kw.xlsx"},
        "settings": {"artifacts": {"columns": {"text": "词条", "category": ["我司分类"]},
                                   "category_map": {"政治-1": "A.1a", "歧视-民族": "民族歧视"},
                                   "sheets": {"keyword_list": "词库"}}},
    })
    stats = next(d.stats for d in run(decl, frameworks=["CN"]).documents if d.id == "keyword_list")
    assert stats is not None and stats["by_risk"]["A.1a"] == 2 and stats["by_risk"]["A.2a"] == 2


def test_line_limit_setting_and_error_location(tmp_path: Path) -> None:
    (tmp_path / "filing/kw.txt").write_text("short\n" + "x" * 3000 + "\n", encoding="utf-8")
    decl = _decl(tmp_path, {"documents": {"keyword_list": "filing/kw.txt"},
                            "settings": {"artifacts": {"max_line_kb": 2}}})
    with pytest.raises(InputError) as err:
        run(decl, frameworks=["CN"])
    assert str(err.value.location) == "filing/kw.txt:2"


def test_overlap_and_language_notes(tmp_path: Path) -> None:
    write_items(tmp_path / "filing/r.csv", [(placeholder(i, zh=True), "A.1a") for i in range(3)])
    write_items(tmp_path / "filing/n.csv", [(f"可回答问题 {i}", "历史") for i in range(3)] + [(placeholder(2, zh=True), "历史")],
                header=("题目", "方面"))
    decl = _decl(tmp_path, {"service": {"languages": ["zh", "en"]},
                            "documents": {"test_bank_should_refuse": "filing/r.csv", "test_bank_should_not_refuse": "filing/n.csv"}})
    report = run(decl, frameworks=["CN"])
    tb3 = finding(report, "CN-TB-03")
    assert tb3.status == "fail" and tb3.note is not None and "also in the should-refuse bank: 1 (lines 5)" in tb3.note
    tb5 = finding(report, "CN-TB-05")
    assert tb5.status == "fail" and tb5.note is not None and "no items in en" in tb5.note


def test_evaluation_counted_and_declared_notes(tmp_path: Path) -> None:
    write_rows(tmp_path / "filing/res.csv",
               [["题目", "结果"]] + [[placeholder(i), "通过"] for i in range(5)] + [[placeholder(9), "?"]])
    decl = _decl(tmp_path, {"evaluation": {"generated_manual_sample": "filing/res.csv",
                                           "generated_keyword_sample": {"size": 1000, "passed": 950}}})
    report = run(decl, frameworks=["CN"])
    e1, e2 = finding(report, "CN-EVAL-01"), finding(report, "CN-EVAL-02")
    assert e1.status == "fail" and e1.note is not None
    assert e1.note.startswith("counted from filing/res.csv (sha256 ") and "passed 5/5 = 100.0%" in e1.note
    assert "unrecognised verdict: 1" in e1.note
    assert (e2.status, e2.note) == ("pass", "declared: passed 950/1000 = 95.0%")


def test_evaluation_file_outside_folder_is_refused(tmp_path: Path) -> None:
    decl = _decl(tmp_path, {"evaluation": {"generated_manual_sample": "../elsewhere.csv"}})
    with pytest.raises(InputError, match="outside"):
        run(decl, frameworks=["CN"])


def test_kinds_match_the_declaration_model() -> None:
    from gaicheck.artifacts.results import KINDS
    from gaicheck.declaration.documents import Documents
    from gaicheck.declaration.evaluation import Evaluation
    from gaicheck.engine.artifacts import ARTIFACT_DOCS, EVALUATION_KINDS

    assert set(EVALUATION_KINDS) == set(Evaluation.model_fields) == set(KINDS)
    assert set(ARTIFACT_DOCS) <= set(Documents.model_fields)
