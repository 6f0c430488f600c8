"""Reading order shared by the terminal and Markdown reports: what to declare next, ranked."""

from __future__ import annotations

from pathlib import Path

from gaicheck.report.outline import field_groups, outline, to_declare
from tests.workflow.helpers import FAIL, MANUAL, assess, write


def test_to_declare_names_the_field_of_each_manual_finding(tmp_path: Path) -> None:
    report = assess(write(tmp_path, FAIL["blocker"], MANUAL))
    items = to_declare(report)
    manual = [f for f in report.findings if f.status == "manual"]
    assert manual and {f for i in items for f in i.settles} == {f.rule for f in manual}
    assert report.to_dict()["to_declare"] == [i.to_dict() for i in items]
    first = items[0]
    assert first.field == "service.user_publishing" and first.blocking == len(first.settles)


def test_ranked_by_blocking_findings(tmp_path: Path) -> None:
    report = assess(write(tmp_path, {"service": {"user_publishing": None, "status": None}}))
    items = to_declare(report)
    assert [i.blocking for i in items] == sorted((i.blocking for i in items), reverse=True)


def test_groups_list_each_field_once(tmp_path: Path) -> None:
    report = assess(write(tmp_path, MANUAL))
    fields = [i.field for g in field_groups(report) for i in g.fields]
    assert len(fields) == len(set(fields)) == len(to_declare(report))
    o = outline(report)
    assert not o.ready and o.blocking_manual >= 1


def test_ready_declaration_has_nothing_to_declare(tmp_path: Path) -> None:
    report = assess(write(tmp_path))
    assert report.ready and to_declare(report) == () and report.to_dict()["to_declare"] == []
