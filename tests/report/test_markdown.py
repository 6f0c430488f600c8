"""Markdown PR comment: verdict, failing rules table, waived table, document table, escaping."""

from __future__ import annotations

from pathlib import Path

from gaicheck.report import markdown
from tests.workflow.helpers import FAIL, MANUAL, assess, write


def test_verdict_failing_table_and_documents(tmp_path: Path) -> None:
    report = assess(write(tmp_path, FAIL["blocker"], FAIL["minor"], MANUAL))
    text = markdown.render(report)
    assert text.startswith("## ❌ gaicheck: NOT READY — 测试服务\n")
    assert "fail-on **major**" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    failing = [r for r in rows if "CN-TST-" in r]
    assert [r.split(" | ")[2].split()[0] for r in failing] == ["CN-TST-01", "CN-TST-03"]
    assert failing[0].endswith("| yes |") and failing[1].endswith("| no |")  # minor below fail-on major
    assert "**Fix:** fix of CN-TST-01" in failing[0]
    # the unconfirmed rule is listed under the field that settles it, after the failures (issue 15 #2)
    todo = text[text.index("### To declare"):]
    assert text.index("### Failing rules") < text.index("### To declare")
    assert "CN-TST-05" in todo and "CN-TST-05" not in text[text.index("### Failing rules"):text.index("### To declare")]
    assert "### Filing materials" in text and "| Document | Required | Status | Path |" in text


def test_ready(tmp_path: Path) -> None:
    text = markdown.render(assess(write(tmp_path)))
    assert text.startswith("## ✅ gaicheck: READY") and "No failing or unconfirmed rules." in text


def test_waived_table_shows_reason(tmp_path: Path) -> None:
    waiver = {"rule": "CN-TST-02", "reason": "migration", "expires": "2027-01-31", "approver": "王五"}
    text = markdown.render(assess(write(tmp_path, FAIL["major"], {"waivers": [waiver]})))
    assert "### Waived rules" in text
    assert "| CN-TST-02 logs-six-months | major | migration | 2027-01-31 | 王五 |" in text


def test_declaration_text_is_escaped(tmp_path: Path) -> None:
    name = "x | y <img src=x onerror=alert(1)> **bold** [link](http://e)"
    text = markdown.render(assess(write(tmp_path, {"service": {"name": name}})))
    head = text.splitlines()[0]
    assert "<img" not in text and "&lt;img" in head
    assert "x \\| y" in head and "\\*\\*bold\\*\\*" in head and "\\[link\\]" in head


def test_notes_are_listed(tmp_path: Path) -> None:
    waiver = {"rule": "CN-TST-02", "reason": "old", "expires": "2026-01-01"}
    text = markdown.render(assess(write(tmp_path, FAIL["major"], {"waivers": [waiver]})))
    assert "### Notes" in text and "expired on 2026-01-01" in text


def test_zh(tmp_path: Path) -> None:
    text = markdown.render(assess(write(tmp_path, FAIL["major"]), lang="zh"))
    assert text.startswith("## ❌ gaicheck: 尚不可申报") and "### 备案材料" in text
