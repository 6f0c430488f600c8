"""Waivers: reason and expiry required, at most a year ahead, never for non-waivable rules, waiver files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gaicheck.engine.waivers import one_year_after
from gaicheck.errors import InputError
from gaicheck.report import RENDERERS
from tests.workflow.helpers import AS_OF, FAIL, MANUAL, assess, cli, finding, write

WAIVER: dict[str, object] = {"rule": "CN-TST-02", "reason": "log pipeline migration, ticket SEC-12", "expires": "2027-03-31", "approver": "张三"}


def waived_decl(tmp_path: Path, *waivers: dict[str, object], extra: str = "") -> Path:
    """A declaration failing CN-TST-02 with ``waivers`` written as YAML (so line numbers are known)."""
    lines = [
        "gaicheck: 1",
        "service: {name: s, provider: p, status: live, audience: business, languages: [en], user_publishing: false}",
        "safeguards: {log_retention_months: 3}",
        "waivers:",
    ]
    for w in waivers:
        first = True
        for k, v in w.items():
            lines.append(f"  {'- ' if first else '  '}{k}: {v}")
            first = False
    return write(tmp_path, text="\n".join(lines) + "\n" + extra)


def test_waiver_turns_fail_into_waived_with_reason(tmp_path: Path) -> None:
    report = assess(waived_decl(tmp_path, WAIVER))
    f = finding(report, "CN-TST-02")
    assert f.status == "waived"
    assert f.waiver is not None and f.waiver["reason"] == WAIVER["reason"]
    assert f.waiver["approver"] == "张三" and f.waiver["expires"] == "2027-03-31" and f.waiver["was"] == "fail"
    assert f.waiver["location"]["line"] == 5
    assert report.ready and report.summary["waived"] == 1


# Code Quality lists issues to fix; an accepted risk is not one (tests/report/test_codequality.py).
@pytest.mark.parametrize("fmt", sorted(set(RENDERERS) - {"codequality"}))
def test_waived_shows_with_reason_in_every_format(tmp_path: Path, fmt: str) -> None:
    text = RENDERERS[fmt](assess(waived_decl(tmp_path, WAIVER)))
    assert WAIVER["reason"] in text
    assert ("waived" in text) or ("已豁免" in text)


def test_waiver_also_covers_a_manual_finding(tmp_path: Path) -> None:
    path = write(tmp_path, MANUAL, {"waivers": [dict(WAIVER, rule="CN-TST-05")]})
    f = finding(assess(path), "CN-TST-05")
    assert f.status == "waived" and f.waiver and f.waiver["was"] == "manual"


def test_expired_waiver_stops_applying_and_says_so(tmp_path: Path) -> None:
    report = assess(waived_decl(tmp_path, dict(WAIVER, expires="2026-11-26")))
    f = finding(report, "CN-TST-02")
    assert f.status == "fail"
    assert f.waiver is not None and f.waiver["expired"] is True
    assert f.note and "expired on 2026-11-26" in f.note
    assert any("CN-TST-02" in n and "expired" in n for n in report.notes)
    assert not report.ready
    for fmt in ("terminal", "markdown", "sarif", "junit", "github"):
        assert "expired" in RENDERERS[fmt](report), fmt


def test_waiver_expiring_today_still_applies(tmp_path: Path) -> None:
    assert finding(assess(waived_decl(tmp_path, dict(WAIVER, expires=AS_OF.isoformat()))), "CN-TST-02").status == "waived"


def test_exactly_one_year_ahead_is_allowed_one_day_more_is_not(tmp_path: Path) -> None:
    limit = one_year_after(AS_OF)
    assert finding(assess(waived_decl(tmp_path, dict(WAIVER, expires=limit.isoformat()))), "CN-TST-02").status == "waived"
    later = (limit + dt.timedelta(days=1)).isoformat()
    with pytest.raises(InputError) as err:
        assess(waived_decl(tmp_path, dict(WAIVER, expires=later)))
    assert "more than one year" in str(err.value)
    assert str(err.value.location) == f"{tmp_path / 'service.yaml'}:7:14"


def test_one_year_after_leap_day() -> None:
    assert one_year_after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


@pytest.mark.parametrize(
    ("waiver", "where", "words"),
    [
        ({k: v for k, v in WAIVER.items() if k != "reason"}, ":5:5", "'waivers.0.reason' is missing"),
        (dict(WAIVER, reason="'   '"), ":6:13", "needs a reason"),
        ({k: v for k, v in WAIVER.items() if k != "expires"}, ":5:5", "'waivers.0.expires' is missing"),
        (dict(WAIVER, expires="soon"), ":7:14", "valid date"),
        (dict(WAIVER, rule="cn-tst-02"), ":5:11", "did you mean 'CN-TST-02'?"),
    ],
    ids=["missing-reason", "blank-reason", "missing-expires", "bad-date", "bad-rule-id"],
)
def test_malformed_waiver_is_a_located_input_error(tmp_path: Path, waiver: dict[str, object], where: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        assess(waived_decl(tmp_path, waiver))
    assert str(err.value).startswith(str(tmp_path / "service.yaml") + where), str(err.value)
    assert words in str(err.value)


def test_non_waivable_rule_cannot_be_waived(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        assess(waived_decl(tmp_path, dict(WAIVER, rule="CN-TST-01")))
    assert "CN-TST-01 cannot be waived" in str(err.value)
    assert err.value.location is not None and (err.value.location.line, err.value.location.column) == (5, 11)


def test_non_waivable_attempt_exits_2_with_file_line_col(tmp_path: Path, only_test_pack: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    waived_decl(tmp_path, dict(WAIVER, rule="CN-TST-01"))
    result = cli("service.yaml", "--format", "sarif", "--output", "out.sarif")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "gaicheck: error: service.yaml:5:11: rule CN-TST-01 cannot be waived (waivable: false); fix the finding instead"
    )
    assert not (tmp_path / "out.sarif").exists()


def test_unknown_rule_and_duplicates_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown rule CN-ZZZ-99"):
        assess(waived_decl(tmp_path, dict(WAIVER, rule="CN-ZZZ-99")))
    with pytest.raises(InputError, match="more than one waiver for CN-TST-02") as err:
        assess(waived_decl(tmp_path, WAIVER, WAIVER))
    assert err.value.location is not None and err.value.location.line == 9


def test_waiver_for_a_passing_rule_is_noted_as_not_needed(tmp_path: Path) -> None:
    report = assess(write(tmp_path, {"waivers": [dict(WAIVER, rule="CN-TST-03")]}))
    assert finding(report, "CN-TST-03").status == "pass"
    assert any("not needed" in n and "CN-TST-03" in n for n in report.notes)


# --- waivers_file -----------------------------------------------------------------------------------


def test_waivers_file_relative_to_the_declaration(tmp_path: Path) -> None:
    (tmp_path / "svc" / "compliance").mkdir(parents=True)
    (tmp_path / "svc" / "compliance" / "waivers.yaml").write_text(
        "waivers:\n  - rule: CN-TST-02\n    reason: from the file\n    expires: 2027-01-31\n", encoding="utf-8"
    )
    decl = write(tmp_path / "svc", FAIL["major"], {"waivers_file": "compliance/waivers.yaml"})
    f = finding(assess(decl), "CN-TST-02")
    assert f.status == "waived" and f.waiver and f.waiver["reason"] == "from the file"
    assert f.waiver["location"]["file"].endswith("compliance/waivers.yaml")
    assert f.waiver["location"]["line"] == 2


def test_waivers_file_and_inline_waivers_combine_and_duplicates_across_them_fail(tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text(
        "waivers:\n  - {rule: CN-TST-03, reason: r, expires: 2027-01-31}\n", encoding="utf-8"
    )
    decl = write(tmp_path, FAIL["major"], FAIL["minor"], {"waivers_file": "w.yaml", "waivers": [WAIVER]})
    report = assess(decl)
    assert finding(report, "CN-TST-02").status == "waived" and finding(report, "CN-TST-03").status == "waived"
    (tmp_path / "w.yaml").write_text("waivers:\n  - {rule: CN-TST-02, reason: r, expires: 2027-01-31}\n", encoding="utf-8")
    with pytest.raises(InputError, match="more than one waiver") as err:
        assess(decl)
    assert err.value.location is not None and err.value.location.file.endswith("w.yaml")


@pytest.mark.parametrize(
    ("text", "line_col", "words"),
    [
        ("waivers:\n  - {rule: CN-TST-02, expires: 2027-01-31}\n", (2, 5), "'waivers.0.reason' is missing"),
        ("waivers:\n  - {rule: CN-TST-01, reason: r, expires: 2027-01-31}\n", (2, 12), "cannot be waived"),
        ("waivers:\n  - {rule: CN-TST-02, reason: r, expires: 2027-01-31, owner: x}\n", (2, 55), "unknown key 'owner'"),
        ("waiver:\n  - {rule: CN-TST-02}\n", (1, 1), "required key 'waivers' is missing"),
        ("- {rule: CN-TST-02}\n", (1, 1), "must be a YAML mapping"),
    ],
    ids=["missing-reason", "non-waivable", "unknown-key", "misspelt-top", "not-a-mapping"],
)
def test_waivers_file_errors_point_into_that_file(tmp_path: Path, text: str, line_col: tuple[int, int], words: str) -> None:
    (tmp_path / "w.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        assess(write(tmp_path, FAIL["major"], {"waivers_file": "w.yaml"}))
    loc = err.value.location
    assert loc is not None and loc.file.endswith("w.yaml") and (loc.line, loc.column) == line_col, str(err.value)
    assert words in str(err.value)


def test_missing_waivers_file_points_at_the_key(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="waivers file 'nope.yaml' not found") as err:
        assess(write(tmp_path, {"waivers_file": "nope.yaml"}))
    assert err.value.location is not None and err.value.location.file.endswith("service.yaml")


def test_waiver_in_json_report(tmp_path: Path) -> None:
    data = json.loads(RENDERERS["json"](assess(waived_decl(tmp_path, WAIVER))))
    f = next(x for x in data["findings"] if x["rule"] == "CN-TST-02")
    assert f["status"] == "waived" and f["waiver"]["reason"] == WAIVER["reason"]
    assert data["summary"]["waived"] == 1


def test_waiver_for_a_rule_of_a_pack_not_assessed(tmp_path: Path) -> None:
    # The test pack is the whole catalog here; CN-SVC-09 and CN-FIL-02 are shipped rules it lacks.
    report = assess(write(tmp_path, {"waivers": [dict(WAIVER, rule="CN-SVC-09")]}))
    assert any("CN-SVC-09" in n and "not assessed" in n for n in report.notes)
    with pytest.raises(InputError, match="CN-FIL-02 cannot be waived"):
        assess(write(tmp_path, {"waivers": [dict(WAIVER, rule="CN-FIL-02")]}))


def test_validate_reads_the_waivers_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gaicheck.cli import main

    (tmp_path / "w.yaml").write_text("waivers:\n  - {rule: CN-TST-02, expires: 2027-01-31}\n", encoding="utf-8")
    decl = write(tmp_path, {"waivers_file": "w.yaml"})
    result = CliRunner().invoke(main, ["validate", str(decl)])
    assert result.exit_code == 2 and "w.yaml:2:5: required key 'waivers.0.reason' is missing" in result.stderr
    (tmp_path / "w.yaml").write_text("waivers: []\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(decl)]).exit_code == 0



def test_expired_waiver_keeps_the_findings_own_note(tmp_path: Path) -> None:
    from gaicheck.catalog.load import load_catalog
    from gaicheck.declaration.load import load_declaration
    from gaicheck.engine import waivers
    from gaicheck.record import replace
    from tests.workflow.helpers import PACK

    path = waived_decl(tmp_path, dict(WAIVER, expires="2026-11-26"))
    failing = replace(finding(assess(path), "CN-TST-02"), waiver=None, note="evidence: 3 months in the log policy")
    out, _ = waivers.apply([failing], waivers.collect(load_declaration(str(path))), load_catalog([], [PACK]),
                           as_of=AS_OF, lang="en")
    assert out[0].note is not None and out[0].note.startswith("waiver expired on 2026-11-26")
    assert out[0].note.endswith("; evidence: 3 months in the log policy")
