"""GitHub Actions annotations: file, line, column, title; escaped as the Actions toolkit does."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.report import github
from tests.workflow.helpers import FAIL, MANUAL, assess, write


def test_fail_is_an_error_with_file_line_col(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, FAIL["blocker"])
    report = assess("service.yaml")
    f = next(f for f in report.findings if f.rule == "CN-TST-01")
    lines = github.render(report).splitlines()
    assert lines[0] == (
        f"::error file=service.yaml,line={f.location.line},col={f.location.column},"
        "title=CN-TST-01 service-is-live (blocker)::message of CN-TST-01%0AFix: fix of CN-TST-01"
    )
    assert lines[-1].startswith("gaicheck: service.yaml: NOT READY (fail-on major)")


def test_error_when_it_blocks_warning_below_fail_on(tmp_path: Path) -> None:
    def kinds(fail_on: str) -> dict[str, str]:
        text = github.render(assess(write(tmp_path, MANUAL, FAIL["minor"]), fail_on=fail_on))
        return {line.split("title=")[1].split()[0]: line.split()[0] for line in text.splitlines() if line.startswith("::")}

    # a major manual finding blocks at fail-on major (the job fails, the annotation says why)
    assert kinds("major") == {"CN-TST-05": "::error", "CN-TST-03": "::warning"}
    assert kinds("blocker") == {"CN-TST-05": "::warning", "CN-TST-03": "::warning"}
    assert kinds("minor") == {"CN-TST-05": "::error", "CN-TST-03": "::error"}
    text = github.render(assess(write(tmp_path, MANUAL)))
    assert "(major) [to declare]::cannot be decided: declare service.user_publishing" in text


def test_waived_is_a_notice_with_reason(tmp_path: Path) -> None:
    waiver = {"rule": "CN-TST-02", "reason": "migration, 50% done", "expires": "2027-01-31", "approver": "王五"}
    text = github.render(assess(write(tmp_path, FAIL["major"], {"waivers": [waiver]})))
    (line,) = [x for x in text.splitlines() if x.startswith("::")]
    assert line.startswith("::notice ") and line.endswith("::waived: migration, 50%25 done (expires 2027-01-31, approver 王五)")


def test_escaping() -> None:
    assert github.escape_data("a%b\r\nc: d, e") == "a%25b%0D%0Ac: d, e"
    assert github.escape_property("a%b\r\nc: d, e") == "a%25b%0D%0Ac%3A d%2C e"


def test_properties_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a,b:c", FAIL["major"])
    line = github.render(assess("a,b:c/service.yaml")).splitlines()[0]
    assert line.startswith("::error file=a%2Cb%3Ac/service.yaml,line=")


def test_nothing_to_annotate_when_all_pass(tmp_path: Path) -> None:
    lines = github.render(assess(write(tmp_path))).splitlines()
    assert len(lines) == 1 and "READY" in lines[0]
