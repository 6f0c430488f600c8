"""SARIF 2.1.0: validated offline against the official OASIS schema, plus spec rules it cannot say.

tests/report/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 Errata 01 schema, unmodified, from
github.com/oasis-tcs/sarif-spec, sarif-2.1/schema/sarif-schema-2.1.0.json (commit e0583813964e, the
file last changed in a560296ca8c9); its "id" is the docs.oasis-open.org address. JSON Schema
draft-04, validated with jsonschema, no network.
"""

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

SCHEMA_FILE = Path(__file__).parent / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"  # as published
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)
WAIVER = {"rule": "CN-TST-03", "reason": "audience review pending | <b>legal</b>", "expires": "2027-01-31", "approver": "李四"}


def spec_problems(log: dict[str, Any]) -> list[str]:
    """What the SARIF 2.1.0 text requires and the schema cannot say (section numbers of the spec)."""
    problems = []
    for run in log["runs"]:
        bases = run.get("originalUriBaseIds", {})
        for name, base in bases.items():
            if not (base["uri"].startswith("file:///") and base["uri"].endswith("/")):
                problems.append(f"3.14.14: base {name} must be an absolute URI ending with '/'")
        rules = run["tool"]["driver"].get("rules", [])
        ids = [r["id"] for r in rules]
        if len(ids) != len(set(ids)):
            problems.append("3.49.3: rule ids are unique")
        artifacts = [run["artifacts"][i]["location"] for i in range(len(run.get("artifacts", [])))]
        for res in run.get("results", []):
            if res.get("kind", "fail") != "fail" and res.get("level", "none") != "none":
                problems.append(f"3.27.10: {res['ruleId']}: kind {res['kind']} needs level none")
            if "ruleIndex" in res and rules[res["ruleIndex"]]["id"] != res["ruleId"]:
                problems.append("3.27.6: ruleIndex names another rule")
            for loc in res.get("locations", []):
                art = loc["physicalLocation"]["artifactLocation"]
                if "uriBaseId" in art and art["uriBaseId"] not in bases:
                    problems.append(f"3.4.4: uriBaseId {art['uriBaseId']} is not defined")
                if "index" in art and artifacts[art["index"]]["uri"] != art["uri"]:
                    problems.append("3.4.5: artifact index names another file")
                if " " in art["uri"] or "\\" in art["uri"]:
                    problems.append(f"3.10: {art['uri']!r} is not a URI reference")
                region = loc["physicalLocation"].get("region", {})
                if "endLine" in region and (region["endLine"], region.get("endColumn", 10**9)) < (
                        region["startLine"], region.get("startColumn", 1)):
                    problems.append("3.30: region ends before it starts")
    if "gaicheck.example" in json.dumps(log):
        problems.append("a placeholder address")
    return problems


def check(report_or_reports: Report | list[Report], **kw: Any) -> dict[str, Any]:
    """Render, validate against the official schema and the spec rules it cannot express; return the log."""
    reports = report_or_reports if isinstance(report_or_reports, list) else [report_or_reports]
    log = json.loads(sarif.render_many(reports, **kw))
    VALIDATOR.validate(log)
    assert spec_problems(log) == []
    for run in log["runs"]:
        for r in run["tool"]["driver"]["rules"]:
            assert "helpUri" not in r and r["help"]["text"] and r["help"]["markdown"]
        for res in run["results"]:
            assert set(res["partialFingerprints"]) == {"gaicheck/v1"}
    return log


def test_the_vendored_schema_is_the_official_one() -> None:
    import hashlib

    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert len(SCHEMA["definitions"]) > 50


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """One of each: blocker fail, major manual, minor waived, info and major pass."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, FAIL["blocker"], FAIL["minor"], MANUAL, {"waivers": [WAIVER]})
    return assess("service.yaml")


def test_mixed_report_validates(mixed: Report) -> None:
    log = check(mixed)
    assert log["version"] == "2.1.0" and log["$schema"] == SCHEMA["id"]
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
    markdown = desc["help"]["markdown"]
    assert markdown.startswith("**CN-TST-01** `service-is-live`") and "```yaml\n# fails\n" in markdown
    assert "**" not in desc["help"]["text"] and "```" not in desc["help"]["text"]  # the text stays plain
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
    lines = Path("service.yaml").read_text(encoding="utf-8").splitlines()
    assert phys["region"] == {"startLine": f.location.line, "startColumn": f.location.column,
                              "endLine": f.location.line, "endColumn": len(lines[f.location.line - 1]) + 1}
    assert lines[f.location.line - 1][f.location.column - 1:].startswith("status: planned")  # the key of the fact
    msg = res["CN-TST-01"]["message"]["text"]
    assert msg.startswith("message of CN-TST-01") and "fix of CN-TST-01" in msg


def test_blocking_manual_is_a_fail_with_level_error(mixed: Report) -> None:
    res = next(r for r in check(mixed)["runs"][0]["results"] if r["ruleId"] == "CN-TST-05")
    assert (res["kind"], res["level"]) == ("fail", "error")
    assert res["properties"]["status"] == "manual"
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


def test_schema_and_spec_checks_reject_what_the_spec_forbids() -> None:
    """The schema and the spec checks are not a rubber stamp: they catch the mistakes that matter."""
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"ruleId": "A", "kind": "review", "level": "none", "message": {"text": "m"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.yaml", "uriBaseId": "SRCROOT"},
                                             "region": {"startLine": 2, "startColumn": 3}}}]}],
        "originalUriBaseIds": {"SRCROOT": {"uri": "file:///repo/"}}}]}
    VALIDATOR.validate(good)
    assert spec_problems(good) == []
    schema_breaks = (
        (("runs", 0, "results", 0, "kind"), "failed"),              # not an enum value
        (("runs", 0, "results", 0, "message"), {"txt": "m"}),       # unknown property
        (("runs", 0, "tool", "driver"), {"version": "1"}),          # driver needs a name
        (("runs", 0, "results", 0, "partialFingerprints"), {"k": 1}),  # fingerprints are strings
        (("version",), "2.1"),
    )
    spec_breaks = (
        (("runs", 0, "results", 0, "level"), "warning"),            # kind review needs level none
        (("runs", 0, "originalUriBaseIds", "SRCROOT", "uri"), "file:///repo"),  # no trailing slash
        (("runs", 0, "originalUriBaseIds"), {"ROOT": {"uri": "file:///repo/"}}),  # SRCROOT undefined
        (("runs", 0, "results", 0, "locations", 0, "physicalLocation", "region", "endLine"), 1),
    )
    for breaks, schema in ((schema_breaks, True), (spec_breaks, False)):
        for path, value in breaks:
            bad = json.loads(json.dumps(good))
            node: Any = bad
            for p in path[:-1]:
                node = node[p]
            node[path[-1]] = value
            if schema:
                with pytest.raises(jsonschema.ValidationError):
                    VALIDATOR.validate(bad)
            else:
                assert spec_problems(bad), path


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("markets", [["CN"], ["CN", "EU", "US"]])
def test_shipped_catalog_report_validates(tmp_path: Path, markets: list[str], lang: str) -> None:
    """Whatever the shipped packs hold today, their SARIF validates (titles, help text, locations)."""
    report = run_shipped(write_case(tmp_path, {"service": {"markets": markets}}), as_of=BASE_AS_OF, lang=lang)
    log = check(report)
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(report.rules) > 0


# --- paths relative to the repository root, fingerprints, levels of blocking findings (issue 14) ---


def test_paths_relative_to_the_repo_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "my repo"
    write(repo / "compliance", FAIL["major"])
    monkeypatch.chdir(repo / "compliance")  # run from a subfolder: paths are still from the root
    log = check(assess("service.yaml"), repo_root=str(repo))
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": repo.as_uri() + "/"}}
    assert "%20" in run["originalUriBaseIds"]["SRCROOT"]["uri"]
    art = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "compliance/service.yaml", "uriBaseId": "SRCROOT", "index": 0}
    assert run["artifacts"][0]["location"] == {"uri": "compliance/service.yaml", "uriBaseId": "SRCROOT"}
    # a declaration outside the root keeps an absolute URI
    outside = tmp_path / "elsewhere"
    write(outside, FAIL["major"])
    art = check(assess(outside / "service.yaml"), repo_root=str(repo))["runs"][0]["artifacts"][0]["location"]
    assert art["uri"].startswith("file:///") and "uriBaseId" not in art


def test_fingerprints_survive_line_moves_and_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    path = write(repo / "svc", FAIL["major"], FAIL["blocker"])

    def prints(where: Path, target: str) -> dict[str, str]:
        monkeypatch.chdir(where)
        results = check(assess(target), repo_root=str(repo))["runs"][0]["results"]
        return {r["ruleId"]: r["partialFingerprints"]["gaicheck/v1"] for r in results}

    before = prints(repo, "svc/service.yaml")
    path.write_text("# a comment that moves every line\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert prints(repo / "svc", "service.yaml") == before  # other lines, other working folder: same alerts
    assert len(set(before.values())) == 2
    write(repo / "other", FAIL["major"], FAIL["blocker"])
    assert set(prints(repo, "other/service.yaml").values()).isdisjoint(before.values())  # another declaration


def test_blocking_manual_is_an_error(tmp_path: Path) -> None:
    def kind_level(fail_on: str) -> tuple[str, str]:
        (res,) = check(assess(write(tmp_path, MANUAL), fail_on=fail_on))["runs"][0]["results"]
        return res["kind"], res["level"]

    assert kind_level("major") == ("fail", "error")  # GitHub shows it as an error, not level none
    assert kind_level("blocker") == ("review", "none")  # below the threshold: a review item


def test_level_follows_blocking_at_another_threshold(tmp_path: Path) -> None:
    (res,) = check(assess(write(tmp_path, FAIL["minor"]), fail_on="minor"))["runs"][0]["results"]
    assert res["level"] == "error"
    (res,) = check(assess(write(tmp_path, FAIL["major"]), fail_on="blocker"))["runs"][0]["results"]
    assert res["level"] == "warning"


def test_several_shipped_declarations_validate(tmp_path: Path) -> None:
    from tests.conftest import REPO

    reports = [run_shipped(REPO / "examples" / n / "service.yaml") for n in ("face-swap", "chatbot-filing", "eu-chatbot")]
    log = check(reports, repo_root=str(REPO))
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    expected = {r.input_path.removeprefix(str(REPO) + "/") for r in reports
                if any(f.status in ("fail", "manual", "waived") for f in r.findings)}
    assert uris == expected and "examples/face-swap/service.yaml" in uris and len(uris) >= 2
    prints = [r["partialFingerprints"]["gaicheck/v1"] for r in results]
    assert len(prints) == len(set(prints))
    errors = sum(1 for r in results if r["level"] == "error")
    assert errors == sum(len(r.blocking()) for r in reports)  # code scanning errors = what blocks


def test_cli_default_root_is_the_git_top_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from gaicheck.cli import main
    from tests.workflow.helpers import AS_OF, PACK

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write(tmp_path / "repo" / "svc", FAIL["major"])
    monkeypatch.chdir(tmp_path / "repo" / "svc")
    import gaicheck.api

    monkeypatch.setattr(gaicheck.api, "frameworks_for", lambda markets: ["(none)"])

    def uri(*extra: str) -> tuple[dict[str, Any], dict[str, Any]]:
        result = CliRunner().invoke(main, ["assess", "service.yaml", "--rules-dir", str(PACK), "--as-of",
                                           AS_OF.isoformat(), "--format", "sarif", *extra])
        assert result.exit_code == 1, result.output
        run = json.loads(result.output)["runs"][0]
        return run["artifacts"][0]["location"], run["originalUriBaseIds"]

    assert uri() == ({"uri": "svc/service.yaml", "uriBaseId": "SRCROOT"},
                     {"SRCROOT": {"uri": (tmp_path / "repo").as_uri() + "/"}})
    assert uri("--repo-root", ".")[0] == {"uri": "service.yaml", "uriBaseId": "SRCROOT"}
