"""settings.thresholds: a team may tighten a statutory figure, never loosen it (issue 12 #13)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from gaicheck.cli import main
from gaicheck.errors import InputError
from tests.conftest import run, write_case


def _with(tmp: Path, thresholds: dict[str, Any]) -> Path:
    return write_case(tmp, {"settings": {"thresholds": thresholds}})


def _line_of(path: Path, needle: str) -> int:
    # the last occurrence: settings come after the rest of the declaration
    return [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line][-1]


@pytest.mark.parametrize(
    ("thresholds", "needle", "words"),
    [
        ({"CN-KW-01": {"min_total": 1}}, "min_total", "would lower the figure the law or standard sets (10000)"),
        ({"CN-EVAL-04": {"min_refusal_rate": 0.5}}, "min_refusal_rate", "would lower"),
        ({"CN-SVC-09": {"min_months": 3}}, "min_months", "would lower"),
        ({"CN-FIL-05": {"filing_wd": 30}}, "filing_wd", "would raise"),
        # a trigger: raising "1 million users" would switch the re-assessment off for bigger services
        ({"CN-ANTH-06": {"registered_users": 5000000}}, "registered_users", "would raise"),
    ],
)
def test_loosening_a_statutory_figure_is_an_input_error_at_its_line(
    tmp_path: Path, thresholds: dict[str, Any], needle: str, words: str
) -> None:
    path = _with(tmp_path, thresholds)
    with pytest.raises(InputError) as exc:
        run(path)
    assert words in exc.value.message
    assert exc.value.location is not None and exc.value.location.line == _line_of(path, needle)


def test_tightening_is_allowed_and_listed(tmp_path: Path) -> None:
    report = run(_with(tmp_path, {"CN-KW-01": {"min_total": 12000}, "CN-SVC-09": {"min_months": 12}}))
    assert {(o["rule"], o["param"], o["standard"], o["declared"]) for o in report.overrides} == {
        ("CN-KW-01", "min_total", 10000, 12000), ("CN-SVC-09", "min_months", 6, 12)}
    assert json.loads(json.dumps(report.to_dict()))["overrides"][0]["rule"] in ("CN-KW-01", "CN-SVC-09")


def test_the_tightened_figure_is_the_one_applied(tmp_path: Path) -> None:
    from tests.conftest import finding

    report = run(_with(tmp_path, {"CN-SVC-09": {"min_months": 12}}))  # base keeps logs 6 months
    assert finding(report, "CN-SVC-09").status == "fail"


def test_configurable_figure_may_move_both_ways(tmp_path: Path) -> None:
    report = run(_with(tmp_path, {"CN-DATA-01": {"max_illegal_pct": 8}}))  # cn.md §9 marks it (cfg)
    assert report.overrides[0]["declared"] == 8


def test_no_overrides_is_an_empty_list(tmp_path: Path) -> None:
    assert run(write_case(tmp_path, {})).to_dict()["overrides"] == []


def test_unknown_rule_or_threshold_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no rule 'CN-KW-10'.*did you mean CN-KW-0"):
        run(_with(tmp_path, {"CN-KW-10": {"min_total": 20000}}))
    with pytest.raises(InputError, match="has no threshold 'min_count'.*min_total"):
        run(_with(tmp_path, {"CN-KW-01": {"min_count": 20000}}))


# validate runs every input check assess runs (issue 12 #14)
@pytest.mark.parametrize(
    "patch",
    [
        {"settings": {"thresholds": {"CN-KW-01": {"min_total": 1}}}},
        {"evaluation": {"generated_manual_sample": {"size": 100, "passed": 200}}},
        {"waivers": [{"rule": "CN-XX-01", "reason": "r", "expires": "2027-01-01", "approver": "张三"}]},
        {"waivers": [{"rule": "CN-SVC-09", "reason": "r", "expires": "2028-06-01", "approver": "张三"}]},
        {"evaluation": {"should_refuse_sample": "filing/missing.csv"}},
    ],
    ids=["lowered-floor", "passed-over-size", "unknown-waiver-rule", "waiver-over-a-year", "missing-results-file"],
)
def test_validate_refuses_what_assess_refuses(tmp_path: Path, patch: dict[str, Any]) -> None:
    path = write_case(tmp_path, patch)
    runner = CliRunner()
    assessed = runner.invoke(main, ["assess", str(path), "--as-of", "2026-11-27"])
    validated = runner.invoke(main, ["validate", str(path), "--as-of", "2026-11-27"])
    assert assessed.exit_code == 2, assessed.output
    assert validated.exit_code == 2, validated.output
    assert "gaicheck: error:" in validated.output
