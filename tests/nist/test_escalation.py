"""NIST findings are info/minor and never block by default; ``nist.required: true`` makes them count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gaicheck.catalog.load import load_catalog
from tests.conftest import run, write_case

GAPS = {"nist": {"practices": {"GOVERN-1.1": {"status": "planned"}}}}


def _nist(report: Any) -> list[Any]:
    return [f for f in report.findings if f.framework == "NIST"]


def test_shipped_nist_rules_are_info_or_minor() -> None:
    rules = [cr.rule for cr in load_catalog(["NIST"]).rules]
    assert len(rules) >= 10
    assert {r.severity for r in rules} <= {"info", "minor"}


def test_voluntary_by_default(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, GAPS), frameworks=["NIST"])
    assert any(f.status == "fail" for f in _nist(report))
    assert report.ready
    assert {f.severity for f in _nist(report)} <= {"info", "minor"}


def test_required_raises_every_nist_finding_to_major(tmp_path: Path) -> None:
    patch = {"nist": {"required": True, "practices": {"GOVERN-1.1": {"status": "planned"}}}}
    report = run(write_case(tmp_path, patch), frameworks=["NIST"])
    assert {f.severity for f in _nist(report)} == {"major"}
    assert not report.ready
    assert "NIST-GOV-01" in {f.rule for f in report.blocking()}
    assert report.jurisdictions["NIST"]["required"] is True


def test_required_without_practices_is_manual_and_blocks(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, {"nist": {"required": True}}), frameworks=["NIST"])
    gov = next(f for f in _nist(report) if f.rule == "NIST-GOV-01")
    assert gov.status == "manual" and gov.missing_facts == ("nist.practices",)
    assert not report.ready


def test_no_nist_block_means_not_assessed(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, {}), frameworks=["NIST"])
    assert {f.status for f in _nist(report)} == {"not_applicable"}
    block = report.jurisdictions["NIST"]
    assert block["applies"] is True and block["practices_declared"] is False
    assert block["relevant_risks"]  # relevance is shown even without practices
