"""JUnit XML: one test suite per declaration, one test case per rule (CI dashboards list the checks).

``fail`` is a ``<failure>``; ``manual``, ``waived``, ``not_applicable`` and baselined failures are
``<skipped>`` with a message saying why (a manual finding that blocks readiness says so).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterable

from gaicheck.catalog.records import SEVERITY_ORDER
from gaicheck.report.model import Finding, Report

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


def _testcase(parent: ET.Element, f: Finding, report: Report) -> None:
    t = _T[report.lang]
    attrs = {"name": _x(f"{f.rule} {f.name}"), "classname": f"gaicheck.{f.framework}", "file": _x(f.location.file)}
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
    ET.SubElement(case, "skipped", {"message": _x(_skip_message(f, report))})


def _suite(parent: ET.Element, report: Report) -> dict[str, int]:
    counts = {
        "tests": len(report.findings),
        "failures": sum(1 for f in report.findings if f.status == "fail" and not f.baselined),
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
        _testcase(suite, f, report)
    if report.notes or report.baseline_fixed:
        out = list(report.notes) + [f"fixed since the baseline: {r}" for r in report.baseline_fixed]
        ET.SubElement(suite, "system-out").text = _x("\n".join(out))
    return counts


def render_many(reports: Iterable[Report], **_: object) -> str:
    """A ``<testsuites>`` document with one ``<testsuite>`` per report."""
    root = ET.Element("testsuites", {"name": "gaicheck"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        for k, v in _suite(root, report).items():
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(report: Report, **kw: object) -> str:
    """The JUnit XML of ``report``."""
    return render_many([report], **kw)
