"""The NIST block of the report: JSON summary fields and the terminal lines."""

from __future__ import annotations

from pathlib import Path

from gaicheck.report import terminal
from tests.conftest import run, write_case


def test_json_block_has_relevance_coverage_and_gaps(tmp_path: Path) -> None:
    patch = {"nist": {"practices": {"MEASURE-2.5": {"status": "implemented", "evidence": "nist/missing.md"}}}}
    block = run(write_case(tmp_path, patch)).jurisdictions["NIST"]
    assert block["applies"] is True and block["voluntary"] is True and block["required"] is False
    assert [r["id"] for r in block["relevant_risks"]][0] == "gai.confabulation"
    first = block["relevant_risks"][0]
    assert first["level"] == "high" and first["reasons"] and first["covered"] is False and first["missing_in"] == ["MANAGE"]
    assert set(block["coverage"]) == {"overall", "functions", "categories"}
    assert len(block["coverage"]["categories"]) == 19
    assert len(block["gaps"]) == 71 and block["gaps"][0]["relevance"] >= block["gaps"][-1]["relevance"]
    assert block["evidence_problems"] == [{"subcategory": "MEASURE-2.5", "path": "nist/missing.md", "problem": "file not found"}]
    assert len(block["priority"]) == 10


def test_terminal_shows_risks_coverage_and_top_gaps(tmp_path: Path) -> None:
    patch = {"nist": {"practices": {"GOVERN-1.1": {"status": "implemented"}}}}
    text = terminal.render(run(write_case(tmp_path, patch), lang="en"))
    section = text[text.index("NIST AI RMF"):]
    assert "relevant GAI risks: Confabulation (high)" in section
    assert "coverage: GOVERN 5% · MAP 0% · MEASURE 0% · MANAGE 0%" in section
    assert "top gaps: " in section and "(missing)" in section
    assert "voluntary: findings do not affect readiness" in section


def test_terminal_without_practices_names_what_matters_most(tmp_path: Path) -> None:
    text = terminal.render(run(write_case(tmp_path, {}), lang="zh"), verbose=True)  # not opted in: only with --verbose
    section = text[text.index("NIST AI RMF"):]
    assert "覆盖率: 未声明做法（nist.practices）" in section
    assert "最需关注: " in section and "优先缺口" not in section


def test_undeclared_relevance_inputs_are_named(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, {"service": {"capabilities": None}, "model": {"origin": None}}))
    assert report.jurisdictions["NIST"]["undeclared_inputs"] == ["service.capabilities", "model.origin"]
    assert "declare for a better relevance estimate: service.capabilities, model.origin" in terminal.render(report, verbose=True)
    assert "undeclared_inputs" not in run(write_case(tmp_path, {})).jurisdictions["NIST"]
