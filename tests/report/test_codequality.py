"""GitLab Code Quality: the fields GitLab requires, unique fingerprints across declarations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gaicheck.report import codequality, render_reports
from tests.conftest import REPO
from tests.conftest import run as run_shipped
from tests.workflow.helpers import FAIL, MANUAL, assess, write

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def gitlab_accepts(issues: Any) -> None:
    """The checks GitLab applies to a Code Quality artifact (doc: ci/testing/code_quality, "Code
    Quality report format"): a JSON array; each issue has a string description, check_name and
    fingerprint, a known severity, location.path (relative) and an integer location.lines.begin."""
    assert isinstance(issues, list)
    for issue in issues:
        for key in ("description", "check_name", "fingerprint"):
            assert isinstance(issue[key], str) and issue[key], key
        assert issue["severity"] in SEVERITIES
        path = issue["location"]["path"]
        assert isinstance(path, str) and not path.startswith(("/", "./")) and "\\" not in path
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints)), "GitLab keys issues by fingerprint"


def test_one_issue_per_fail_and_manual(tmp_path: Path) -> None:
    waiver = {"rule": "CN-TST-03", "reason": "r", "expires": "2027-01-31"}
    report = assess(write(tmp_path / "svc", FAIL["blocker"], FAIL["minor"], MANUAL, {"waivers": [waiver]}))
    issues = json.loads(codequality.render(report, repo_root=str(tmp_path)))
    gitlab_accepts(issues)
    by_rule = {i["check_name"]: i for i in issues}
    assert sorted(by_rule) == ["CN-TST-01", "CN-TST-05"]  # the waived one is not an issue
    blocker = by_rule["CN-TST-01"]
    f = next(f for f in report.findings if f.rule == "CN-TST-01")
    assert blocker["severity"] == "blocker" and blocker["location"] == {"path": "svc/service.yaml",
                                                                        "lines": {"begin": f.location.line}}
    assert blocker["description"] == "CN-TST-01 service-is-live: message of CN-TST-01 Fix: fix of CN-TST-01"
    assert by_rule["CN-TST-05"]["description"].startswith("CN-TST-05 no-user-publishing [to declare]: ")
    assert by_rule["CN-TST-05"]["severity"] == "major"


def test_several_declarations_in_one_array(tmp_path: Path) -> None:
    reports = [run_shipped(REPO / "examples" / n / "service.yaml") for n in ("face-swap", "chatbot-filing", "api-registration")]
    issues = json.loads(render_reports("codequality", reports, repo_root=str(REPO)))
    gitlab_accepts(issues)
    assert len(issues) == sum(1 for r in reports for f in r.findings if f.status in ("fail", "manual"))
    assert {i["location"]["path"] for i in issues} >= {"examples/face-swap/service.yaml", "examples/chatbot-filing/service.yaml"}
    # the same rule in two declarations: two issues, two fingerprints
    rules = [i["check_name"] for i in issues]
    assert any(rules.count(r) > 1 for r in rules)


def test_fingerprint_stays_when_lines_move(tmp_path: Path) -> None:
    path = write(tmp_path / "svc", FAIL["major"])
    before = json.loads(codequality.render(assess(path), repo_root=str(tmp_path)))
    path.write_text("# moved\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(codequality.render(assess(path), repo_root=str(tmp_path)))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert after[0]["location"]["lines"]["begin"] == before[0]["location"]["lines"]["begin"] + 1


def test_control_characters_are_neutralised(tmp_path: Path) -> None:
    from gaicheck.record import replace

    report = assess(write(tmp_path, FAIL["major"]))
    bad = tuple(replace(f, message="bad\x1b]0;title\x07 \u202eevil") for f in report.findings)
    (issue,) = json.loads(codequality.render(replace(report, findings=bad), repo_root=str(tmp_path)))
    assert issue["description"] == "CN-TST-02 logs-six-months: bad<U+001B>]0;title<U+0007> <U+202E>evil Fix: fix of CN-TST-02"


def test_nothing_to_report_is_an_empty_array(tmp_path: Path) -> None:
    assert json.loads(codequality.render(assess(write(tmp_path)))) == []
