"""The order every human-facing report follows: verdict, what to declare next, failures, the rest.

One place decides it, so that the terminal, Markdown (and later HTML) reports agree (issue 15 #2).
Plain functions that take a :class:`Report` and return records; no rendering here.

``to_declare`` is the contract's "what to declare next" (DECLARATION.md, additions of 2026-12): every
declaration field that a ``manual`` finding names among the facts that would decide it, with the
rules it would settle, ranked by how many *blocking* findings name it.
"""

from __future__ import annotations

from gaicheck.catalog.records import SEVERITY_ORDER
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from gaicheck.report.model import Finding, Report


@record
class ToDeclare:
    """One missing fact and the manual findings that name it (``blocking`` of them block)."""

    field: str
    settles: tuple[str, ...]
    blocking: int

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``{"field", "settles", "blocking"}``."""
        return {"field": self.field, "settles": list(self.settles), "blocking": self.blocking}


@record
class FieldGroup:
    """Missing fields under one parent (``safeguards.labeling``), each listed once, with their rules."""

    parent: str
    fields: tuple[ToDeclare, ...]
    rules: tuple[str, ...]
    blocking_rules: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The fields' last path segments (``explicit``, ``label_text`` …)."""
        return tuple(f.field[len(self.parent) + 1:] if self.parent else f.field for f in self.fields)


@record
class Outline:
    """A report in reading order."""

    ready: bool
    to_declare: tuple[ToDeclare, ...]
    failures: tuple[Finding, ...]        # fail, blocking ones first, then by severity
    manual_groups: tuple[FieldGroup, ...]
    manual_unnamed: tuple[Finding, ...]  # manual findings that name no field
    waived: tuple[Finding, ...]
    passed: tuple[Finding, ...]
    not_applicable: tuple[Finding, ...]
    upcoming: tuple[Finding, ...]
    blocking_fail: int
    blocking_manual: int


def _blocks(report: Report, f: Finding) -> bool:
    return (f.status in ("fail", "manual") and not f.baselined
            and SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[report.fail_on])


def to_declare(report: Report) -> tuple[ToDeclare, ...]:
    """Missing fields ranked by blocking findings named, then by all findings named, then first seen."""
    settles: dict[str, list[str]] = {}
    blocking: dict[str, int] = {}
    for f in report.findings:
        if f.status != "manual" or f.baselined:
            continue
        for name in f.missing_facts:
            rules = settles.setdefault(name, [])
            if f.rule not in rules:
                rules.append(f.rule)
                blocking[name] = blocking.get(name, 0) + _blocks(report, f)
    order = {name: i for i, name in enumerate(settles)}
    ranked = sorted(settles, key=lambda n: (-blocking[n], -len(settles[n]), order[n]))
    return tuple(ToDeclare(field=n, settles=tuple(settles[n]), blocking=blocking[n]) for n in ranked)


def _parent(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else ""


def field_groups(report: Report, items: tuple[ToDeclare, ...] | None = None) -> tuple[FieldGroup, ...]:
    """``to_declare`` grouped by parent path, groups ranked by the blocking rules they settle."""
    items = to_declare(report) if items is None else items
    blocking_ids = {f.rule for f in report.findings if _blocks(report, f)}
    groups: dict[str, list[ToDeclare]] = {}
    for item in items:
        groups.setdefault(_parent(item.field), []).append(item)
    out = []
    for parent, fields in groups.items():
        rules: list[str] = []
        for item in fields:
            rules.extend(r for r in item.settles if r not in rules)
        out.append(FieldGroup(parent=parent, fields=tuple(fields), rules=tuple(rules),
                              blocking_rules=tuple(r for r in rules if r in blocking_ids)))
    first = {g.parent: i for i, g in enumerate(out)}
    out.sort(key=lambda g: (-len(g.blocking_rules), -len(g.rules), first[g.parent]))
    return tuple(out)


def outline(report: Report) -> Outline:
    """The report in reading order (see the module docstring)."""
    items = report.to_declare
    failures = sorted(
        (f for f in report.findings if f.status == "fail"),
        key=lambda f: (not _blocks(report, f), -SEVERITY_ORDER[f.severity], f.framework, f.rule),
    )
    blocking = [f for f in report.findings if _blocks(report, f)]
    return Outline(
        ready=report.ready,
        to_declare=items,
        failures=tuple(failures),
        manual_groups=field_groups(report, items),
        manual_unnamed=tuple(f for f in report.findings if f.status == "manual" and not f.missing_facts),
        waived=tuple(f for f in report.findings if f.status == "waived"),
        passed=tuple(f for f in report.findings if f.status == "pass"),
        not_applicable=tuple(f for f in report.findings if f.status == "not_applicable" and not f.upcoming),
        upcoming=tuple(f for f in report.findings if f.upcoming),
        blocking_fail=sum(1 for f in blocking if f.status == "fail"),
        blocking_manual=sum(1 for f in blocking if f.status == "manual"),
    )
