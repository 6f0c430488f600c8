"""Severity gating: ``--fail-on`` decides readiness and the exit code (contract: 0 ready, 1 not ready).

A ``fail`` or ``manual`` finding at or above the threshold blocks (an unconfirmed fact is not
"ready", docs/design.md); below it, or waived, it does not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gaicheck.catalog.records import SEVERITY_ORDER
from tests.workflow.helpers import FAIL, MANUAL, RULE_OF, assess, cli, write

SEVERITIES = ["blocker", "major", "minor", "info"]


@pytest.mark.parametrize("fail_on", SEVERITIES)
@pytest.mark.parametrize("failing", SEVERITIES)
def test_a_fail_blocks_at_or_above_fail_on(tmp_path: Path, fail_on: str, failing: str) -> None:
    report = assess(write(tmp_path, FAIL[failing]), fail_on=fail_on)
    assert [f.rule for f in report.findings if f.status == "fail"] == [RULE_OF[failing]]
    assert report.ready is (SEVERITY_ORDER[failing] < SEVERITY_ORDER[fail_on])


@pytest.mark.parametrize(("fail_on", "ready"), [("blocker", True), ("major", False), ("minor", False), ("info", False)])
def test_a_major_manual_finding_blocks_like_a_fail(tmp_path: Path, fail_on: str, ready: bool) -> None:
    report = assess(write(tmp_path, MANUAL), fail_on=fail_on)
    assert [f.status for f in report.findings if f.rule == "CN-TST-05"] == ["manual"]
    assert report.ready is ready


def test_all_passing_is_ready_at_every_level(tmp_path: Path) -> None:
    path = write(tmp_path)
    assert all(assess(path, fail_on=s).ready for s in SEVERITIES)


@pytest.mark.usefixtures("only_test_pack")
@pytest.mark.parametrize(
    ("patches", "fail_on", "code"),
    [
        ((), "info", 0),
        (("minor",), "major", 0),          # default threshold: a minor fail does not block
        (("minor",), "minor", 1),
        (("info",), "minor", 0),
        (("info",), "info", 1),
        (("blocker",), "blocker", 1),
        (("major", "minor"), "blocker", 0),
        (("manual",), "major", 1),
        (("manual",), "blocker", 0),
    ],
)
def test_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, patches: tuple[str, ...], fail_on: str, code: int) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, *(MANUAL if p == "manual" else FAIL[p] for p in patches))
    result = cli("service.yaml", "--fail-on", fail_on, "--format", "json")
    assert result.exit_code == code, result.output
    data = json.loads(result.stdout)
    assert data["ready"] is (code == 0) and data["fail_on"] == fail_on


@pytest.mark.usefixtures("only_test_pack")
def test_default_fail_on_is_major(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, FAIL["major"])
    assert cli("service.yaml").exit_code == 1
    write(tmp_path, FAIL["minor"])
    assert cli("service.yaml").exit_code == 0


@pytest.mark.usefixtures("only_test_pack")
def test_several_declarations_exit_1_if_any_is_not_ready(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a")
    write(tmp_path / "b", FAIL["major"])
    assert cli("a/service.yaml").exit_code == 0
    assert cli("a/service.yaml", "b/service.yaml").exit_code == 1


@pytest.mark.usefixtures("only_test_pack")
def test_bad_fail_on_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path)
    result = cli("service.yaml", "--fail-on", "critical")
    assert result.exit_code == 2 and "critical" in result.stderr
