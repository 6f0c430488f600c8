"""JUnit XML: one test suite per declaration, one test case per rule (CI dashboards list the checks).

``fail`` is a ``<failure>``, and so is a ``manual`` finding that blocks readiness (a grey "skipped"
in a red job misleads); other ``manual``, ``waived``, ``not_applicable`` and baselined findings are
``<skipped>``. The reason is the element's text as well as its ``message``: GitLab shows only the
text. The ``classname`` is ``gaicheck.<declaration path>.<framework>``: GitLab keys test cases by
(classname, name) within a job, so with one classname per framework the second and later
declarations of a run would be dropped (issue 14). Dots in the path become ``_`` so that viewers
which split the classname at dots (Jenkins: package.class) keep the path whole.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from gaicheck.catalog.records import SEVERITY_ORDER
from gaicheck.report.model import Finding, Report
from gaicheck.report.paths import shown

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Iterable

# XML 1.0 cannot carry most control characters, even escaped; a declaration value could hold one.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_T = {
    "en": {"fix": "fix", "at": "at", "manual": "manual", "blocks": "blocks readiness at fail-on {sev}",
           "waived": "waived", "expires": "expires", "approver": "approver", "na": "not applicable",
           "baselined": "known failure (baseline)", "note": "note"},
    "zh": {"fix": "整改", "at": "位置", "manual": "待补充", "blocks": "在 fail-on {sev} 下阻止申报",
           "waived": "已豁免", "expires": "到期", "approver": "批准人", "na": "不适用",
           "baselined": "已知问题（基线）", "note": "注"},
}


def _x(text: object) -> str:
    return _INVALID_XML.sub("\ufffd", str(text))


def _skip_message(f: Finding, report: Report) -> str:
    t = _T[report.lang]
    if f.status == "waived":
        w = f.waiver or {}
        extra = [f"{t['expires']} {w['expires']}"] if w.get("expires") else []
        if w.get("approver"):
            extra.append(f"{t['approver']} {w['approver']}")
        return f"{t['waived']}: {w.get('reason', f.note or '')}" + (f" ({', '.join(extra)})" if extra else "")
    if f.status == "manual":
        blocks = SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[report.fail_on] and not f.baselined
        head = t["manual"] + (f", {t['blocks'].format(sev=report.fail_on)}" if blocks else "")
        return f"{head}: {f.message}" + (f" ({f.note})" if f.note else "")
    if f.baselined:
        return f"{t['baselined']}: {f.message}"
    return f"{t['na']}: {f.message}"


def classname(report: Report, framework: str, *, suffix: str = "", root: str | None = None) -> str:
    """``gaicheck.<declaration path>.<framework>``, unique per declaration of the run (the path
    relative to ``root``, the repository, when it is inside)."""
    path = shown(report.input_path, root).removeprefix("./").replace(".", "_")
    return _x(f"gaicheck.{path}{suffix}.{framework}")


def _is_failure(f: Finding, report: Report) -> bool:
    """A failed test: a fail, or a manual finding that blocks readiness (not baselined either way)."""
    if f.baselined:
        return False
    return f.status == "fail" or (f.status == "manual" and SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[report.fail_on])


def _testcase(parent: ET.Element, f: Finding, report: Report, suffix: str, root: str | None) -> None:
    t = _T[report.lang]
    # GitLab links ``file`` into the repository: a path relative to its root
    attrs = {"name": _x(f"{f.rule} {f.name}"), "classname": classname(report, f.framework, suffix=suffix, root=root),
             "file": _x(shown(f.location.file, root))}
    if f.location.line is not None:
        attrs["line"] = str(f.location.line)
    case = ET.SubElement(parent, "testcase", attrs)
    if f.status == "pass":
        return
    if f.status == "fail" and not f.baselined:
        failure = ET.SubElement(case, "failure", {"message": _x(f.message), "type": f.severity})
        lines = [f.title, f.message, f"{t['fix']}: {f.remediation}", f"{t['at']}: {f.location} · {f.citation}"]
        if f.note:
            lines.append(f"{t['note']}: {f.note}")
        failure.text = _x("\n".join(lines))
        return
    reason = _skip_message(f, report)
    if _is_failure(f, report):  # a blocking manual finding
        failure = ET.SubElement(case, "failure", {"message": _x(reason), "type": f.severity})
        failure.text = _x("\n".join([f.title, reason, f"{t['at']}: {f.location} · {f.citation}"]))
        return
    ET.SubElement(case, "skipped", {"message": _x(reason)}).text = _x(reason)


def _suite(parent: ET.Element, report: Report, suffix: str = "", root: str | None = None) -> dict[str, int]:
    counts = {
        "tests": len(report.findings),
        "failures": sum(1 for f in report.findings if _is_failure(f, report)),
        "errors": 0,
    }
    counts["skipped"] = sum(1 for f in report.findings if f.status != "pass") - counts["failures"]
    suite = ET.SubElement(parent, "testsuite", {"name": _x(f"gaicheck {report.input_path}"), **{k: str(v) for k, v in counts.items()}})
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("service", report.service_name), ("as_of", report.as_of.isoformat()), ("fail_on", report.fail_on),
        ("ready", str(report.ready).lower()), ("tool_version", report.tool_version),
    ):
        ET.SubElement(props, "property", {"name": name, "value": _x(value)})
    for f in report.findings:
        _testcase(suite, f, report, suffix, root)
    if report.notes or report.baseline_fixed:
        out = list(report.notes) + [f"fixed since the baseline: {r}" for r in report.baseline_fixed]
        ET.SubElement(suite, "system-out").text = _x("\n".join(out))
    return counts


def render_many(reports: Iterable[Report], *, repo_root: str | None = None, **_: object) -> str:
    """A ``<testsuites>`` document with one ``<testsuite>`` per report (paths relative to ``repo_root``)."""
    root = ET.Element("testsuites", {"name": "gaicheck"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    seen: dict[str, int] = {}
    for report in reports:
        # the same declaration twice in one run: keep the classnames apart all the same
        n = seen[report.input_path] = seen.get(report.input_path, 0) + 1
        for k, v in _suite(root, report, f"#{n}" if n > 1 else "", repo_root).items():
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(report: Report, **kw: object) -> str:
    """The JUnit XML of ``report``."""
    return render_many([report], **kw)
