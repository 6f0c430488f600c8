"""SARIF 2.1.0 log (GitHub code scanning, Azure DevOps, IDE viewers).

One run for all assessed declarations (an artifact each). ``tool.driver.rules`` lists every rule of
the run (passing ones too), with the ``explain`` text as help. Results are the findings that are not ``pass`` or
``not_applicable``: ``fail`` (level from severity), ``waived`` (a fail with an accepted
suppression carrying the reason), ``manual`` (kind ``review``: the spec, §3.27.10, requires level
``none`` when kind is not ``fail``). With ``--baseline`` each result gets a ``baselineState`` and
findings fixed since the baseline appear as ``absent``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, Iterable, Optional, Sequence
from urllib.parse import quote

from gaicheck.location import Location
from gaicheck.report.model import Finding, Report, RuleInfo

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"blocker": "error", "major": "error", "minor": "warning", "info": "note"}

_FIX = {"en": "Fix", "zh": "整改"}
_FIXED = {"en": "fixed since the baseline", "zh": "自基线以来已修复"}


def _uri(path: str) -> str:
    """A URI reference for a file path: relative paths stay relative (GitHub resolves them from the repo root)."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    if PureWindowsPath(path).is_absolute():
        return "file:///" + quote(posix)
    return quote(posix[2:] if posix.startswith("./") else posix)


def _location(loc: Location, artifact_index: Optional[int] = None) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": _uri(loc.file)}
    if artifact_index is not None:
        artifact["index"] = artifact_index
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if loc.line is not None:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.column is not None:
            region["startColumn"] = loc.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _rule(r: RuleInfo) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": r.why or r.title},
        "help": {"text": r.help},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {
            "tags": list(dict.fromkeys([r.framework, *r.tags])),
            "severity": r.severity,
            "waivable": r.waivable,
        },
    }


def _message(f: Finding, lang: str) -> str:
    parts = [f.message]
    if f.status == "fail" and f.remediation:
        parts.append(f"{_FIX[lang]}: {f.remediation}")
    if f.note and f.status != "waived":
        parts.append(f"({f.note})")
    return " ".join(parts)


def _suppression(f: Finding, report: Report) -> dict[str, Any]:
    w = f.waiver or {}
    where = w.get("location") or {}
    in_source = where.get("file") == report.input_path
    s: dict[str, Any] = {"kind": "inSource" if in_source else "external", "status": "accepted"}
    if w.get("reason"):
        s["justification"] = w["reason"]
    if where.get("file"):
        s["location"] = _location(Location(where["file"], where.get("line"), where.get("column")))
    props = {k: w[k] for k in ("expires", "approver") if w.get(k)}
    if props:
        s["properties"] = props
    return s


def _result(f: Finding, report: Report, index: dict[str, int], artifact: int) -> dict[str, Any]:
    res: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        res["ruleIndex"] = index[f.rule]
    if f.status == "manual":
        res["kind"], res["level"] = "review", "none"
    else:
        res["kind"], res["level"] = "fail", LEVELS[f.severity]
    res["message"] = {"text": _message(f, report.lang)}
    res["locations"] = [_location(f.location, artifact if f.location.file == report.input_path else None)]
    if f.status == "waived":
        res["suppressions"] = [_suppression(f, report)]
    if report.baseline_file is not None:
        res["baselineState"] = "unchanged" if f.baselined else "new"
    props: dict[str, Any] = {"status": f.status, "severity": f.severity, "framework": f.framework, "citation": f.citation}
    if f.missing_facts:
        props["missing_facts"] = list(f.missing_facts)
    if not f.verified:
        props["verified"] = False
    if f.waiver and f.waiver.get("expired"):
        props["waiver_expired"] = f.waiver["expires"]
    res["properties"] = props
    return res


def _absent(rule_id: str, report: Report, index: dict[str, int], artifact: int) -> dict[str, Any]:
    res: dict[str, Any] = {"ruleId": rule_id}
    if rule_id in index:
        res["ruleIndex"] = index[rule_id]
    res.update({
        "kind": "pass", "level": "none", "message": {"text": _FIXED[report.lang]},
        "locations": [_location(Location(report.input_path), artifact)], "baselineState": "absent",
    })
    return res


def run(reports: Sequence[Report]) -> dict[str, Any]:
    """One SARIF ``run`` for all ``reports`` (one artifact per declaration).

    A single run, because GitHub code scanning rejects an upload with several runs of one tool and
    category (since June 2025); rules are the union of the reports' rules.
    """
    rules: dict[str, RuleInfo] = {}
    for report in reports:
        for r in report.rules:
            rules.setdefault(r.id, r)
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for i, report in enumerate(reports):
        results += [
            _result(f, report, index, i) for f in report.findings if f.status in ("fail", "manual", "waived")
        ]
        results += [_absent(rule_id, report, index, i) for rule_id in report.baseline_fixed]
    first = reports[0]
    return {
        "tool": {
            "driver": {
                "name": "gaicheck",
                "version": first.tool_version,
                "rules": [_rule(r) for r in rules.values()],
                "properties": {"rules_version": first.rules_version},
            }
        },
        "artifacts": [
            {"location": {"uri": _uri(r.input_path)}, "roles": ["analysisTarget"], "hashes": {"sha-256": r.input_sha256}}
            for r in reports
        ],
        "language": first.lang,
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "as_of": first.as_of.isoformat(),
            "fail_on": first.fail_on,
            "ready": all(r.ready for r in reports),
            "declarations": [
                {"path": r.input_path, "service": r.service_name, "ready": r.ready, "summary": r.summary,
                 "notes": list(r.notes)}
                for r in reports
            ],
        },
    }


def render_many(reports: Iterable[Report], **_: object) -> str:
    """One SARIF log with one run covering every report."""
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run(list(reports))]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def render(report: Report, **kw: object) -> str:
    """The SARIF 2.1.0 log of ``report`` as JSON text."""
    return render_many([report], **kw)
