"""Baselines: record today's failures, then fail only on new ones and report the fixed ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gaicheck import baseline
from gaicheck.errors import InputError
from tests.workflow.helpers import FAIL, MANUAL, assess, cli, write

pytestmark = pytest.mark.usefixtures("only_test_pack")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_write_baseline_records_failures_without_content(tmp_path: Path) -> None:
    write(tmp_path, FAIL["major"], MANUAL, {"service": {"name": "秘密项目 secret-name"}})
    result = cli("service.yaml", "--write-baseline", "gaicheck-baseline.json")
    assert result.exit_code == 0, result.output
    assert "baseline written" in result.stderr
    text = (tmp_path / "gaicheck-baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["gaicheck_baseline"] == 1
    assert [(e["rule"], e["declaration"], e["status"]) for e in data["findings"]] == [
        ("CN-TST-02", "service.yaml", "fail"), ("CN-TST-05", "service.yaml", "manual"),
    ]
    assert all(set(e) == {"rule", "declaration", "fingerprint", "status", "severity"} for e in data["findings"])
    assert "secret" not in text and "message" not in text  # rule ids and paths only, nothing from the inputs
    # Deterministic: writing again gives the same bytes (a baseline is committed and diffed).
    cli("service.yaml", "--write-baseline", "gaicheck-baseline.json")
    assert (tmp_path / "gaicheck-baseline.json").read_text(encoding="utf-8") == text


def test_baseline_accepts_known_and_fails_on_new(tmp_path: Path) -> None:
    write(tmp_path, FAIL["major"])
    assert cli("service.yaml").exit_code == 1
    cli("service.yaml", "--write-baseline", "b.json")
    ok = cli("service.yaml", "--baseline", "b.json", "--format", "json")
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    f = next(x for x in data["findings"] if x["rule"] == "CN-TST-02")
    assert f["status"] == "fail" and f["baselined"] is True  # still reported, no longer blocking
    assert data["ready"] is True and data["baseline"] == {"file": "b.json", "fixed": []}
    # A new failure fails the run; the known one still does not block.
    write(tmp_path, FAIL["major"], FAIL["blocker"])
    new = cli("service.yaml", "--baseline", "b.json", "--format", "json")
    assert new.exit_code == 1
    blocking = [x["rule"] for x in json.loads(new.stdout)["findings"] if x["status"] == "fail" and not x.get("baselined")]
    assert blocking == ["CN-TST-01"]


def test_fixed_findings_are_reported(tmp_path: Path) -> None:
    write(tmp_path, FAIL["major"], FAIL["minor"])
    cli("service.yaml", "--write-baseline", "b.json")
    write(tmp_path, FAIL["minor"])  # CN-TST-02 fixed
    result = cli("service.yaml", "--baseline", "b.json", "--fail-on", "minor", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["baseline"]["fixed"] == ["CN-TST-02"]
    terminal = cli("service.yaml", "--baseline", "b.json", "--fail-on", "minor")
    assert "fixed since the baseline: CN-TST-02" in terminal.stdout
    sarif = cli("service.yaml", "--baseline", "b.json", "--format", "sarif")
    states = {(r["ruleId"], r["baselineState"]) for r in json.loads(sarif.stdout)["runs"][0]["results"]}
    assert states == {("CN-TST-03", "unchanged"), ("CN-TST-02", "absent")}


def test_fingerprint_survives_edits_and_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = tmp_path / "svc"
    write(svc, FAIL["major"])
    assert cli("svc/service.yaml", "--write-baseline", "b.json").exit_code == 0
    # Lines move (a comment on top, keys reordered): the finding is still the known one.
    text = (svc / "service.yaml").read_text(encoding="utf-8")
    (svc / "service.yaml").write_text("# moved\n\n" + text, encoding="utf-8")
    monkeypatch.chdir(svc)
    result = cli("service.yaml", "--baseline", "../b.json")
    assert result.exit_code == 0, result.output
    # A different declaration path is a different finding.
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "service.yaml").write_text(text, encoding="utf-8")
    assert cli("../other/service.yaml", "--baseline", "../b.json").exit_code == 1


def test_waived_finding_is_not_fixed(tmp_path: Path) -> None:
    write(tmp_path, FAIL["major"])
    cli("service.yaml", "--write-baseline", "b.json")
    write(tmp_path, FAIL["major"], {"waivers": [{"rule": "CN-TST-02", "reason": "r", "expires": "2027-01-01"}]})
    data = json.loads(cli("service.yaml", "--baseline", "b.json", "--format", "json").stdout)
    assert data["baseline"]["fixed"] == []


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, "baseline file not found"), ("{", "invalid JSON"), ('{"findings": []}', "not a gaicheck baseline"),
     ('{"gaicheck_baseline": 1, "findings": [{"rule": 1}]}', "needs string 'rule'")],
)
def test_bad_baseline_is_an_input_error(tmp_path: Path, content: str | None, words: str) -> None:
    write(tmp_path, FAIL["major"])
    if content is not None:
        (tmp_path / "b.json").write_text(content, encoding="utf-8")
    result = cli("service.yaml", "--baseline", "b.json", "--format", "json", "--output", "r.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("gaicheck: error: b.json") and words in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_baseline_options_do_not_combine(tmp_path: Path) -> None:
    write(tmp_path)
    result = cli("service.yaml", "--baseline", "b.json", "--write-baseline", "b.json")
    assert result.exit_code == 2 and "do not combine" in result.stderr


def test_apply_is_pure(tmp_path: Path) -> None:
    report = assess(write(tmp_path, FAIL["major"]), display="service.yaml")
    (tmp_path / "b.json").write_text(baseline.build([report], "b.json"), encoding="utf-8")
    entries = baseline.load("b.json")
    applied = baseline.apply(report, entries, "b.json")
    assert applied.ready and not report.ready
    assert [f.rule for f in applied.findings if f.baselined] == ["CN-TST-02"]
    with pytest.raises(InputError):
        baseline.load("missing.json")
