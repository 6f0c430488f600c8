"""JUnit XML: parses with the standard library, one test case per rule, failure/skipped by status."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gaicheck.report import junit
from tests.conftest import run as run_shipped
from tests.conftest import write_case
from tests.workflow.helpers import FAIL, MANUAL, assess, write

WAIVER = {"rule": "CN-TST-03", "reason": "audience review & <sign-off>", "expires": "2027-01-31", "approver": "李四"}


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {c.get("name", "").split()[0]: c for c in root.iter("testcase")}


@pytest.fixture
def root(tmp_path: Path) -> ET.Element:
    # blocker fail, major manual, minor waived, info pass, major pass
    report = assess(write(tmp_path, FAIL["blocker"], FAIL["minor"], MANUAL, {"waivers": [WAIVER]}))
    return ET.fromstring(junit.render(report).encode("utf-8"))


def test_one_testcase_per_rule(root: ET.Element) -> None:
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert sorted(cases(root)) == [f"CN-TST-0{i}" for i in range(1, 6)]
    # failures: the blocker fail and the blocking (major) manual finding; skipped: the waived one
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped"), suite.get("errors")) == ("5", "2", "1", "0")
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("5", "2", "1")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["ready"] == "false" and props["fail_on"] == "major" and props["as_of"] == "2026-11-27"


def test_fail_is_a_failure_with_message_fix_and_location(root: ET.Element) -> None:
    case = cases(root)["CN-TST-01"]
    path = case.get("file", "")
    assert path.endswith("service.yaml")
    assert case.get("classname") == "gaicheck." + path.replace(".", "_") + ".CN"
    assert case.get("line", "").isdigit()
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "blocker"
    assert failure.get("message") == "message of CN-TST-01"
    assert "fix of CN-TST-01" in (failure.text or "") and "TEST §CN-TST-01" in (failure.text or "")


def test_waived_manual_pass_and_not_applicable(root: ET.Element, tmp_path: Path) -> None:
    c = cases(root)
    waived = c["CN-TST-03"].find("skipped")
    assert waived is not None
    reason = "waived: audience review & <sign-off> (expires 2027-01-31, approver 李四)"
    assert waived.get("message") == reason and waived.text == reason  # GitLab shows the text
    # a manual finding that blocks readiness is a failure, not a grey "skipped" in a red job
    assert c["CN-TST-05"].find("skipped") is None
    manual = c["CN-TST-05"].find("failure")
    assert manual is not None and manual.get("message", "").startswith("manual, blocks readiness at fail-on major:")
    assert manual.get("type") == "major" and "declare service.user_publishing" in (manual.text or "")
    assert list(c["CN-TST-04"]) == [] and list(c["CN-TST-02"]) == []  # passes: empty test cases


def test_not_applicable_is_skipped(tmp_path: Path) -> None:
    report = run_shipped(write_case(tmp_path, {"service": {"markets": ["CN"], "audience": "internal"}}))
    root = ET.fromstring(junit.render(report).encode("utf-8"))
    na = {f.rule for f in report.findings if f.status == "not_applicable" and not f.baselined}
    assert na
    for rule, case in cases(root).items():
        skipped = case.find("skipped")
        if rule in na:
            assert skipped is not None and skipped.get("message", "").startswith("not applicable:")


def test_control_characters_do_not_break_the_xml(tmp_path: Path) -> None:
    text = "gaicheck: 1\nservice: {name: \"bad\\x01name\\x1b[31m\", provider: p, status: planned}\n"
    report = assess(write(tmp_path, text=text))
    root = ET.fromstring(junit.render(report).encode("utf-8"))
    assert root.find(".//property[@name='service']") is not None


def test_zh(tmp_path: Path) -> None:
    report = assess(write(tmp_path, FAIL["major"], {"waivers": [dict(WAIVER, rule="CN-TST-02")]}), lang="zh")
    root = ET.fromstring(junit.render(report).encode("utf-8"))
    skipped = cases(root)["CN-TST-02"].find("skipped")
    assert skipped is not None and skipped.get("message", "").startswith("已豁免: ")


def test_manual_below_fail_on_is_skipped(tmp_path: Path) -> None:
    root = ET.fromstring(junit.render(assess(write(tmp_path, MANUAL), fail_on="blocker")).encode("utf-8"))
    case = cases(root)["CN-TST-05"]
    assert case.find("failure") is None
    skipped = case.find("skipped")
    assert skipped is not None and (skipped.text or "").startswith("manual: cannot be decided")


def gitlab_keys(xml: str) -> dict[tuple[str, str], dict[str, str]]:
    """Parse as GitLab does (lib/gitlab/ci/parsers/test/junit.rb): every <testcase> under any
    <testsuite>, keyed by (classname, name), the first kept; the details shown are the element text
    of <failure>/<error>/<skipped> (attributes are not shown)."""
    kept: dict[tuple[str, str], dict[str, str]] = {}
    for case in ET.fromstring(xml.encode("utf-8")).iter("testcase"):
        status, details = "success", ""
        for tag, st in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")):
            el = case.find(tag)
            if el is not None:
                status, details = st, (el.text or "")
                break
        kept.setdefault((case.get("classname", ""), case.get("name", "")), {"status": status, "details": details})
    return kept


def test_gitlab_keeps_every_test_of_several_declarations(tmp_path: Path) -> None:
    from tests.conftest import REPO

    reports = [run_shipped(REPO / "examples" / n / "service.yaml") for n in ("face-swap", "chatbot-filing", "api-registration")]
    reports.append(assess(write(tmp_path, FAIL["blocker"], MANUAL)))
    xml = junit.render_many(reports)
    kept = gitlab_keys(xml)
    assert len(kept) == sum(len(r.findings) for r in reports) > 200  # none dropped
    for r in reports:
        blocking = {f.rule for f in r.blocking()} | {f.rule for f in r.findings if f.status == "fail" and not f.baselined}
        failed = {name.split()[0] for (cls, name), v in kept.items() if cls.startswith(junit.classname(r, "")[:-1] + ".")
                  and v["status"] == "failed"}
        assert failed == blocking  # every fail, and every manual finding that blocks
        # every test that is not a pass says why, in the text GitLab shows
        assert all(v["details"] for (cls, _), v in kept.items()
                   if cls.startswith(junit.classname(r, "")[:-1] + ".") and v["status"] != "success")


def test_the_same_declaration_twice_keeps_both(tmp_path: Path) -> None:
    report = assess(write(tmp_path, FAIL["blocker"]))
    assert len(gitlab_keys(junit.render_many([report, report]))) == 2 * len(report.findings)


def test_paths_relative_to_the_repo_root(tmp_path: Path) -> None:
    report = assess(write(tmp_path / "compliance", FAIL["blocker"]))
    root = ET.fromstring(junit.render(report, repo_root=str(tmp_path)).encode("utf-8"))
    case = cases(root)["CN-TST-01"]
    assert case.get("file") == "compliance/service.yaml"  # GitLab links it into the repository
    assert case.get("classname") == "gaicheck.compliance/service_yaml.CN"
