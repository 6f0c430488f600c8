"""Every rule's pass/fail cases (tests/rules/cases/<ID>.yaml), one test id per case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from gaicheck.catalog.load import load_catalog
from tests.conftest import AS_OF, finding, run, write_case

CASES = Path(__file__).parent / "cases"
EXPECTABLE = ("pass", "fail", "manual", "not_applicable", "waived")


def _load_cases() -> list[Any]:
    params = []
    for f in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        rule_id = f.stem
        for expect in EXPECTABLE:
            for i, case in enumerate(data.get(expect) or []):
                label = case.get("_name", str(i))
                params.append(pytest.param(rule_id, expect, case, id=f"{rule_id}-{expect}-{label}"))
    return params


@pytest.mark.parametrize(("rule_id", "expect", "case"), _load_cases())
def test_rule_case(tmp_path: Path, rule_id: str, expect: str, case: dict[str, Any]) -> None:
    as_of = case.get("_as_of", AS_OF)
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    case = dict(case)
    # Small fixtures: these cases lower floors through the test device, not the declaration.
    rule_params = case.pop("_params", None)
    path = write_case(tmp_path, case)
    report = run(path, as_of=as_of, frameworks=["CN", "EU", "NIST"], rule_params=rule_params)
    f = finding(report, rule_id)
    assert f.status == expect, f"{rule_id}: expected {expect}, got {f.status}: {f.message}"
    if expect == "fail":
        assert f.location.line is not None
    if expect == "manual":
        assert f.missing_facts, "a manual finding must name the fields that settle it"
        for field in case.get("_missing", []):
            assert field in f.missing_facts, f"{rule_id}: expected {field} among {f.missing_facts}"


def test_every_rule_has_a_pass_and_a_fail_case() -> None:
    catalog = load_catalog()
    missing = []
    for cr in catalog.rules:
        f = CASES / f"{cr.rule.id}.yaml"
        data = yaml.safe_load(f.read_text(encoding="utf-8")) if f.exists() else {}
        if not data.get("pass") or not data.get("fail"):
            missing.append(cr.rule.id)
    assert not missing, f"rules without both a pass and a fail case: {missing}"


def test_case_files_name_real_rules() -> None:
    ids = {cr.rule.id for cr in load_catalog().rules}
    orphans = sorted(f.stem for f in CASES.glob("*.yaml") if f.stem not in ids)
    assert not orphans, f"case files for unknown rules: {orphans}"
