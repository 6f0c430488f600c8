"""Terminal report: the answer first, quiet for hooks, passes folded unless verbose."""

from __future__ import annotations

from pathlib import Path

import yaml

from gaicheck.report import render_reports, terminal
from tests.workflow.helpers import FAIL, MANUAL, assess, write

REPO = Path(__file__).resolve().parents[2]


def test_verdict_and_next_action_lead(tmp_path: Path) -> None:
    lines = terminal.render(assess(write(tmp_path, FAIL["blocker"], MANUAL))).splitlines()
    assert lines[1].startswith("NOT READY (fail-on major)")
    assert any(line.strip().startswith("declare service.user_publishing → settles") for line in lines[:10])
    assert lines[-1].startswith("NOT READY")


def test_quiet_shows_only_what_blocks(tmp_path: Path) -> None:
    report = assess(write(tmp_path, FAIL["blocker"], FAIL["minor"]))
    text = terminal.render(report, quiet=True)
    assert "CN-TST-01" in text and "CN-TST-03" not in text  # the minor failure does not block
    assert "PASS" not in text and text.splitlines()[-1].startswith("NOT READY")
    assert len(text.splitlines()) <= 4
    ready = terminal.render(assess(write(tmp_path)), quiet=True)
    assert ready.splitlines() == [ready.splitlines()[-1]] and ready.startswith("READY")


def test_passes_are_counted_unless_verbose(tmp_path: Path) -> None:
    report = assess(write(tmp_path))
    assert "PASS " not in terminal.render(report) and "--verbose" in terminal.render(report)
    assert "PASS " in terminal.render(report, verbose=True)


def test_several_declarations_end_with_one_summary_line(tmp_path: Path) -> None:
    a = assess(write(tmp_path / "a" if (tmp_path / "a").mkdir() is None else tmp_path))
    b = assess(write(tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path, FAIL["blocker"]))
    text = render_reports("terminal", [a, b])
    assert text.splitlines()[-1] == "NOT READY: 1 of 2 declarations ready"


def test_zh_status_words_and_headings(tmp_path: Path) -> None:
    text = terminal.render(assess(write(tmp_path, FAIL["blocker"]), lang="zh"), verbose=True)
    assert "未通过" in text and "通过 " in text and "评估日期" in text and "FAIL" not in text and "PASS" not in text


def test_pre_commit_hook_runs_quiet() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["entry"] == "gaicheck assess --quiet"


def test_explain_unverified_note_in_chinese() -> None:
    from click.testing import CliRunner

    from gaicheck.cli import main

    out = CliRunner().invoke(main, ["explain", "CN-FIL-11", "--lang", "zh"]).output
    note = next(line for line in out.splitlines() if line.startswith("未核实："))
    assert "备案实践" in note and "Filing practice" not in note
