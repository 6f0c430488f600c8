"""A pack's ``escalate`` raises its findings' severity while its condition holds (generic mechanism)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.catalog.load import load_catalog
from gaicheck.errors import RuleDefinitionError
from tests.catalog.test_catalog import GOOD_RULE
from tests.conftest import run, write_case

PACK = """framework: CN
title: {zh: 测试, en: test}
escalate:
  when: {field: service.status, equals: live}
  severity: %s
"""


def _extra(tmp_path: Path, severity: str = "blocker", rule: str = GOOD_RULE) -> Path:
    pack = tmp_path / "extra" / "p"
    pack.mkdir(parents=True)
    (pack / "_pack.yaml").write_text(PACK % severity, encoding="utf-8")
    # fails for the base declaration (audience public): check wants business
    (pack / "XX-TST-01.yaml").write_text(rule.replace("equals: public", "equals: business"), encoding="utf-8")
    return tmp_path / "extra"


@pytest.mark.parametrize(("status", "severity"), [("live", "blocker"), ("planned", "minor")])
def test_escalation_follows_the_condition(tmp_path: Path, status: str, severity: str) -> None:
    extra = _extra(tmp_path)
    decl = write_case(tmp_path, {"service": {"status": status}})
    report = run(decl, frameworks=["CN"], rules_dirs=[extra])
    f = next(f for f in report.findings if f.rule == "XX-TST-01")
    assert (f.status, f.severity) == ("fail", severity)


def test_escalation_never_lowers(tmp_path: Path) -> None:
    extra = _extra(tmp_path, "info", GOOD_RULE.replace("severity: minor", "severity: major"))
    report = run(write_case(tmp_path, {}), frameworks=["CN"], rules_dirs=[extra])
    assert next(f for f in report.findings if f.rule == "XX-TST-01").severity == "major"


def test_malformed_escalation_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleDefinitionError, match="_pack.yaml"):
        load_catalog(["CN"], [_extra(tmp_path, "critical")])
