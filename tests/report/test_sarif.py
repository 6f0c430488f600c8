"""SARIF 2.1.0: validated offline against a trimmed copy of the official schema, plus spec rules it cannot say."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jsonschema
import pytest

from gaicheck.report import sarif
from gaicheck.report.model import Report
from tests.conftest import AS_OF as BASE_AS_OF
from tests.conftest import run as run_shipped
from tests.conftest import write_case
from tests.workflow.helpers import FAIL, MANUAL, assess, write

SCHEMA = json.loads((Path(__file__).parent / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
WAIVER = {"rule": "CN-TST-03", "reason": "audience review pending | <b>legal</b>", "expires": "2027-01-31", "approver": "李四"}


def check(report_or_reports: Report | list[Report]) -> dict[str, Any]:
    """Render, validate against the schema and the spec rules the schema cannot express; return the log."""
    reports = report_or_reports if isinstance(report_or_reports, list) else [report_or_reports]
    log = json.loads(sarif.render_many(reports))
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    for run in log["runs"]:
        rules = run["tool"]["driver"]["rules"]
        ids = [r["id"] for r in rules]
        assert len(ids) == len(set(ids)), "rule ids are unique"
        for r in rules:
            assert "helpUri" not in r and r["help"]["text"]
        for res in run["results"]:
            if "ruleIndex" in res:
                assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
            for loc in res["locations"]:
                uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                assert " " not in uri and "\\" not in uri
    return log


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """One of each: blocker fail, major manual, minor waived, info and major pass."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, FAIL["blocker"], FAIL["minor"], MANUAL, {"waivers": [WAIVER]})
    return assess("service.yaml")


def test_mixed_report_validates(mixed: Report) -> None:
    log = check(mixed)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "gaicheck"
    # every rule of the run is described, passing ones included; results only for what needs attention
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [f"CN-TST-0{i}" for i in range(1, 6)]
    assert sorted(r["ruleId"] for r in run["results"]) == ["CN-TST-01", "CN-TST-03", "CN-TST-05"]


def test_rule_descriptors_come_from_the_catalog(mixed: Report) -> None:
    from gaicheck.catalog.explain import explain_text
    from gaicheck.catalog.load import load_catalog
    from tests.workflow.helpers import PACK

    rule = load_catalog([], [PACK]).get("CN-TST-01")
    assert rule is not None
    desc = check(mixed)["runs"][0]["tool"]["driver"]["rules"][0]
    assert desc["id"] == "CN-TST-01" and desc["name"] == "service-is-live"
    assert desc["shortDescription"]["text"] == "title of CN-TST-01"
    assert desc["fullDescription"]["text"] == "why CN-TST-01 matters"
    assert desc["help"]["text"] == explain_text(rule.rule, "en")
    assert "helpUri" not in desc  # no placeholder address: the help text travels in the log itself
    assert desc["defaultConfiguration"]["level"] == "error"
    assert desc["properties"] == {"tags": ["CN", "test"], "severity": "blocker", "waivable": False}


@pytest.mark.parametrize(("severity", "level"), [("blocker", "error"), ("major", "error"), ("minor", "warning"), ("info", "note")])
def test_level_from_severity(tmp_path: Path, severity: str, level: str) -> None:
    result = check(assess(write(tmp_path, FAIL[severity])))["runs"][0]["results"]
    assert [(r["kind"], r["level"]) for r in result] == [("fail", level)]


def test_result_location_is_the_declaration_line_and_column(mixed: Report) -> None:
    res = {r["ruleId"]: r for r in check(mixed)["runs"][0]["results"]}
    phys = res["CN-TST-01"]["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": "service.yaml", "index": 0}
    f = next(f for f in mixed.findings if f.rule == "CN-TST-01")
    assert phys["region"] == {"startLine": f.location.line, "startColumn": f.location.column}
    lines = Path("service.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[f.location.line - 1][f.location.column - 1:].startswith("status: planned")  # the key of the fact
    msg = res["CN-TST-01"]["message"]["text"]
    assert msg.startswith("message of CN-TST-01") and "fix of CN-TST-01" in msg


def test_manual_is_review_with_level_none(mixed: Report) -> None:
    res = next(r for r in check(mixed)["runs"][0]["results"] if r["ruleId"] == "CN-TST-05")
    assert (res["kind"], res["level"]) == ("review", "none")
    assert res["properties"]["missing_facts"] == ["service.user_publishing"]


def test_waived_is_an_accepted_suppression_with_the_reason(mixed: Report) -> None:
    res = next(r for r in check(mixed)["runs"][0]["results"] if r["ruleId"] == "CN-TST-03")
    assert (res["kind"], res["level"]) == ("fail", "warning")
    (sup,) = res["suppressions"]
    assert sup["kind"] == "inSource" and sup["status"] == "accepted"
    assert sup["justification"] == WAIVER["reason"]
    assert sup["properties"] == {"expires": "2027-01-31", "approver": "李四"}
    assert sup["location"]["physicalLocation"]["region"]["startLine"] > 1


def test_waiver_from_a_file_is_external(tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text("waivers:\n  - {rule: CN-TST-03, reason: r, expires: 2027-01-31}\n", encoding="utf-8")
    report = assess(write(tmp_path, FAIL["minor"], {"waivers_file": "w.yaml"}))
    (res,) = check(report)["runs"][0]["results"]
    assert res["suppressions"][0]["kind"] == "external"


def test_no_results_when_everything_passes(tmp_path: Path) -> None:
    run = check(assess(write(tmp_path)))["runs"][0]
    assert run["results"] == [] and len(run["tool"]["driver"]["rules"]) == 5
    assert run["properties"]["ready"] is True and run["properties"]["declarations"][0]["ready"] is True


def test_uris_are_relative_and_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "服务 一", FAIL["major"])
    log = check(assess("服务 一/service.yaml"))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E6%9C%8D%E5%8A%A1%20%E4%B8%80/service.yaml"
    absolute = check(assess(tmp_path / "服务 一" / "service.yaml"))
    assert absolute["runs"][0]["artifacts"][0]["location"]["uri"].startswith("file:///")


def test_zh_report_validates(tmp_path: Path) -> None:
    log = check(assess(write(tmp_path, FAIL["blocker"]), lang="zh"))
    assert log["runs"][0]["language"] == "zh"
    assert "整改" in log["runs"][0]["results"][0]["message"]["text"]


def test_several_declarations_make_one_run(tmp_path: Path) -> None:
    # GitHub code scanning rejects several runs of one tool and category in one upload.
    a = assess(write(tmp_path / "a", FAIL["major"]))
    b = assess(write(tmp_path / "b", FAIL["info"]))
    (run,) = check([a, b])["runs"]
    assert len(run["artifacts"]) == 2 and len(run["tool"]["driver"]["rules"]) == 5
    located = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]) for r in run["results"]]
    assert [(rule, loc["index"], loc["uri"].split("/")[-2]) for rule, loc in located] == [
        ("CN-TST-02", 0, "a"), ("CN-TST-04", 1, "b"),
    ]
    assert run["properties"]["ready"] is False
    assert [d["ready"] for d in run["properties"]["declarations"]] == [False, True]


def test_schema_rejects_what_the_spec_forbids() -> None:
    """The trimmed schema is not a rubber stamp: it catches the mistakes that matter."""
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"ruleId": "A", "kind": "review", "level": "none", "message": {"text": "m"}}]}]}
    jsonschema.Draft7Validator(SCHEMA).validate(good)
    for path, value in (
        (("runs", 0, "results", 0, "level"), "warning"),            # kind review needs level none
        (("runs", 0, "results", 0, "kind"), "failed"),              # not an enum value
        (("runs", 0, "results", 0, "message"), {"txt": "m"}),       # unknown property
        (("runs", 0, "tool", "driver"), {"version": "1"}),          # driver needs a name
        (("version",), "2.1"),
    ):
        bad = json.loads(json.dumps(good))
        node: Any = bad
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.Draft7Validator(SCHEMA).validate(bad)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("markets", [["CN"], ["CN", "EU", "US"]])
def test_shipped_catalog_report_validates(tmp_path: Path, markets: list[str], lang: str) -> None:
    """Whatever the shipped packs hold today, their SARIF validates (titles, help text, locations)."""
    report = run_shipped(write_case(tmp_path, {"service": {"markets": markets}}), as_of=BASE_AS_OF, lang=lang)
    log = check(report)
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(report.rules) > 0
