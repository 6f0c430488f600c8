"""SARIF 2.1.0 log (GitHub code scanning, Azure DevOps, IDE viewers).

One run for all assessed declarations (an artifact each). ``tool.driver.rules`` lists every rule of
the run (passing ones too), with the ``explain`` page as help (plain ``text`` and ``markdown``).
Results are the findings that are not ``pass`` or ``not_applicable``. A finding that blocks
readiness (``fail`` or ``manual`` at or above ``--fail-on``) is ``kind: fail, level: error``, so
GitHub shows it as an error and code scanning fails where gaicheck exits 1; a ``fail`` below the
threshold is a ``warning`` (``note`` for info); a ``manual`` one below it is ``kind: review``
(the spec, §3.27.10, requires level ``none`` when kind is not ``fail``); ``waived`` is a fail with
an accepted suppression carrying the reason. With ``--baseline`` each result gets a
``baselineState`` and findings fixed since the baseline appear as ``absent``.

Paths are relative to the repository root (``repo_root``; the CLI's ``--repo-root``, default the
git top level) with ``uriBaseId: SRCROOT`` and ``originalUriBaseIds`` giving the root's absolute
``file:`` URI; a file outside the root keeps an absolute ``file:`` URI. Each result has a
``partialFingerprints["gaicheck/v1"]`` of rule id, repository-relative declaration path and finding
key (one finding per rule and declaration, so the key is the rule's framework; no line number), so
code scanning tracks an alert across edits that move it.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from gaicheck.catalog.model import SEVERITY_ORDER
from gaicheck.location import Location
from gaicheck.report.model import Finding, Report, RuleInfo
from gaicheck.report.paths import finding_fingerprint, repo_relative

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Iterable, Optional, Sequence

# The OASIS address of the schema (SARIF 2.1.0 Errata 01, the standard's own "id").
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"blocker": "error", "major": "error", "minor": "warning", "info": "note"}
BASE = "SRCROOT"
FINGERPRINT = "gaicheck/v1"

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


def _artifact(path: str, root: Optional[str]) -> dict[str, Any]:
    """An artifactLocation: relative to SRCROOT when inside the repository, else as given."""
    rel = repo_relative(path, root)
    if rel is not None:
        return {"uri": quote(rel), "uriBaseId": BASE}
    return {"uri": _uri(path)}


def line_lengths(text: str) -> list[int]:
    """Code points on each line of ``text`` (line 1 first; the line break and a CR before it not
    counted), as the YAML parser numbers lines and columns."""
    return [len(line.rstrip("\r")) for line in text.split("\n")] if text else []


def _region(loc: Location, line_lengths: Sequence[int]) -> Optional[dict[str, Any]]:
    """startLine/startColumn, and the end of that line (endColumn: one past its last character)
    when the line's length is known."""
    if loc.line is None:
        return None
    region: dict[str, Any] = {"startLine": loc.line}
    if loc.column is not None:
        region["startColumn"] = loc.column
    if 0 < loc.line <= len(line_lengths):
        region["endLine"] = loc.line
        region["endColumn"] = max(line_lengths[loc.line - 1] + 1, loc.column or 1)
    return region


def _location(loc: Location, root: Optional[str], artifact_index: Optional[int] = None,
              line_lengths: Sequence[int] = ()) -> dict[str, Any]:
    artifact = _artifact(loc.file, root)
    if artifact_index is not None:
        artifact["index"] = artifact_index
    physical: dict[str, Any] = {"artifactLocation": artifact}
    region = _region(loc, line_lengths)
    if region is not None:
        physical["region"] = region
    return {"physicalLocation": physical}




def _rule(r: RuleInfo) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": r.why or r.title},
        "help": {"text": r.help, **({"markdown": r.help_markdown} if r.help_markdown else {})},
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


def _suppression(f: Finding, report: Report, root: Optional[str]) -> dict[str, Any]:
    w = f.waiver or {}
    where = w.get("location") or {}
    in_source = where.get("file") == report.input_path
    s: dict[str, Any] = {"kind": "inSource" if in_source else "external", "status": "accepted"}
    if w.get("reason"):
        s["justification"] = w["reason"]
    if where.get("file"):
        s["location"] = _location(Location(where["file"], where.get("line"), where.get("column")), root)
    props = {k: w[k] for k in ("expires", "approver") if w.get(k)}
    if props:
        s["properties"] = props
    return s


def _kind_level(f: Finding, report: Report) -> tuple[str, str]:
    """(kind, level): error when it blocks readiness, as the exit code does (issue 14)."""
    if f.status in ("fail", "manual") and not f.baselined and SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[report.fail_on]:
        return "fail", "error"
    if f.status == "manual":
        return "review", "none"
    if f.status == "waived":
        return "fail", LEVELS[f.severity]
    return "fail", "warning" if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER["minor"] else "note"


def _result(f: Finding, report: Report, index: dict[str, int], artifact: int, root: Optional[str],
            lengths: Sequence[int]) -> dict[str, Any]:
    res: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        res["ruleIndex"] = index[f.rule]
    res["kind"], res["level"] = _kind_level(f, report)
    res["message"] = {"text": _message(f, report.lang)}
    own = f.location.file == report.input_path
    res["locations"] = [_location(f.location, root, artifact if own else None, lengths if own else ())]
    declaration = repo_relative(report.input_path, root) or report.input_path.replace("\\", "/")
    res["partialFingerprints"] = {FINGERPRINT: finding_fingerprint(f.rule, f.framework, declaration)}
    if f.status == "waived":
        res["suppressions"] = [_suppression(f, report, root)]
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


def _absent(rule_id: str, report: Report, index: dict[str, int], artifact: int, root: Optional[str]) -> dict[str, Any]:
    res: dict[str, Any] = {"ruleId": rule_id}
    if rule_id in index:
        res["ruleIndex"] = index[rule_id]
    res.update({
        "kind": "pass", "level": "none", "message": {"text": _FIXED[report.lang]},
        "locations": [_location(Location(report.input_path), root, artifact)], "baselineState": "absent",
    })
    return res


def run(reports: Sequence[Report], repo_root: Optional[str] = None) -> dict[str, Any]:
    """One SARIF ``run`` for all ``reports`` (one artifact per declaration), paths relative to ``repo_root``.

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
        lengths = line_lengths(report.source_text)
        results += [
            _result(f, report, index, i, repo_root, lengths)
            for f in report.findings if f.status in ("fail", "manual", "waived")
        ]
        results += [_absent(rule_id, report, index, i, repo_root) for rule_id in report.baseline_fixed]
    first = reports[0]
    out: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "gaicheck",
                "version": first.tool_version,
                "rules": [_rule(r) for r in rules.values()],
                "properties": {"rules_version": first.rules_version},
            }
        },
        "artifacts": [
            {"location": _artifact(r.input_path, repo_root), "roles": ["analysisTarget"],
             "hashes": {"sha-256": r.input_sha256}}
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
    if repo_root:
        # the spec (§3.14.14) wants the base URI to end with a slash
        out["originalUriBaseIds"] = {BASE: {"uri": Path(repo_root).absolute().as_uri().rstrip("/") + "/"}}
    return out


def render_many(reports: Iterable[Report], *, repo_root: Optional[str] = None, **_: object) -> str:
    """One SARIF log with one run covering every report; paths relative to ``repo_root`` when given."""
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run(list(reports), repo_root)]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def render(report: Report, **kw: object) -> str:
    """The SARIF 2.1.0 log of ``report`` as JSON text."""
    return render_many([report], **kw)
