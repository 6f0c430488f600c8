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


# --- the runner's cap: 10 annotations of each kind per step (issue 14) ---------------------------

EXAMPLES = Path(__file__).parents[2] / "examples"


def runner_view(text: str) -> dict[str, list[str]]:
    """What the GitHub runner makes of ``text``: the first 10 commands of each kind become annotations."""
    shown: dict[str, list[str]] = {"error": [], "warning": [], "notice": []}
    for line in text.splitlines():
        if line.startswith("::"):
            kind = line[2:].split(" ", 1)[0]
            if len(shown[kind]) < github.PER_KIND:
                shown[kind].append(line)
    return shown


def title_rule(line: str) -> str:
    return line.split("title=", 1)[1].split(" ", 1)[0].split("::", 1)[0]


@pytest.fixture(scope="module")
def many() -> list:
    from tests.conftest import run

    return [run(EXAMPLES / name / "service.yaml") for name in ("face-swap", "chatbot-filing", "api-registration")]


def test_blockers_survive_the_cap_across_declarations(many: list) -> None:
    text = github.render_many(many)
    commands = [x for x in text.splitlines() if x.startswith("::")]
    for kind in ("error", "warning", "notice"):
        assert sum(1 for x in commands if x.startswith(f"::{kind} ")) <= github.PER_KIND  # nothing dropped by the runner
    seen = runner_view(text)
    shown = [title_rule(x) for x in seen["error"]]
    # face-swap's blocking fails (the three the issue names among them) are all shown, before any major
    blocking_fails = [f.rule for r in many for f in r.blocking() if f.status == "fail" and f.severity == "blocker"]
    assert {"CN-FIL-01", "CN-FIL-06", "CN-LBL-01"} <= set(blocking_fails) <= set(shown)
    assert shown[: len(blocking_fails)] == [r for r in shown if r in blocking_fails]
    # every finding that needs attention is somewhere: an annotation or a plain log line
    needed = sum(1 for r in many for f in r.findings if f.status in ("fail", "manual", "waived"))
    hidden = [x for x in text.splitlines() if not x.startswith(("::", "gaicheck: "))]
    assert len(commands) - 1 + len(hidden) == needed  # minus the "not shown" notice
    note = [x for x in seen["notice"] if "not shown" in x]
    errors = sum(1 for r in many for f in r.blocking())
    assert note and note[0].endswith(f"::{len(hidden)} more annotations not shown ({errors - 10} errors, "
                                     f"{len(hidden) - (errors - 10)} warnings): GitHub shows 10 of each kind per step; "
                                     "they are listed in the log above")
    assert "examples/face-swap/service.yaml:5:1: error CN-" in hidden[0]
    assert [x for x in text.splitlines() if x.startswith("gaicheck: ")] == [
        f"gaicheck: {r.input_path}: {'READY' if r.ready else 'NOT READY'} (fail-on major) · fail {r.summary['fail']} · "
        f"manual {r.summary['manual']} · waived 0 · pass {r.summary['pass']}" for r in many]


def test_blocking_manual_before_non_blocking_fail(tmp_path: Path) -> None:
    text = github.render(assess(write(tmp_path, FAIL["minor"], FAIL["blocker"], MANUAL)))
    assert [title_rule(x) for x in text.splitlines() if x.startswith("::")] == ["CN-TST-01", "CN-TST-05", "CN-TST-03"]


def test_the_not_shown_notice_keeps_its_place_among_ten_notices(tmp_path: Path) -> None:
    from gaicheck.report.model import Finding

    report = assess(write(tmp_path, FAIL["major"], {"waivers": [{"rule": "CN-TST-02", "reason": "r", "expires": "2027-01-31"}]}))
    waived = next(f for f in report.findings if f.status == "waived")
    from gaicheck.record import replace

    many_waived: tuple[Finding, ...] = tuple(replace(waived, rule=f"CN-TST-{i:02d}") for i in range(12))
    text = github.render(replace(report, findings=many_waived))
    seen = runner_view(text)
    assert len(seen["notice"]) == 10 and "3 more annotations not shown (3 notices)" in seen["notice"][-1]


def test_step_summary_is_appended_with_every_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from gaicheck.cli import main

    summary = tmp_path / "step_summary.md"
    summary.write_text("## an earlier step\n\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    decls = [str(EXAMPLES / n / "service.yaml") for n in ("face-swap", "chatbot-filing")]
    result = CliRunner().invoke(main, ["assess", *decls, "--as-of", "2026-11-27", "--lang", "en", "--format", "github"])
    assert result.exit_code == 1, result.output
    assert "and in the job summary" in result.output
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## an earlier step\n\n## gaicheck\n")  # appended, as GitHub expects
    rows = [x for x in text.splitlines() if x.startswith("| ") and not x.startswith("|  | Rule")]
    commands = sum(1 for x in result.output.splitlines() if x.startswith("::") and "not shown" not in x)
    hidden = sum(1 for x in result.output.splitlines() if not x.startswith(("::", "gaicheck: ")))
    assert len(rows) == commands + hidden > 30  # the table has all of them, not ten of each
    assert rows[0].startswith("| ❌ | CN-") and "| blocker | fail |" in rows[0]
    assert "- examples/face-swap/service.yaml: NOT READY" in text.replace(str(EXAMPLES.parent) + "/", "")


def test_no_step_summary_without_the_github_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from gaicheck.cli import main

    summary = tmp_path / "step_summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(main, ["assess", str(EXAMPLES / "chatbot-filing" / "service.yaml"),
                                       "--as-of", "2026-11-27", "--format", "json"])
    assert result.exit_code == 0 and not summary.exists()
