"""Baselines: accept today's failures so that only new ones fail a run (``--baseline``).

A baseline file records, for each failing or unconfirmed finding, the rule id, the declaration's path
(relative to the baseline file, so the working directory does not matter) and a fingerprint of the
two. It never stores messages, values or anything read from filing artifacts: it is safe to commit.

    {"gaicheck_baseline": 1,
     "findings": [{"rule": "CN-SVC-09", "declaration": "svc/service.yaml",
                   "fingerprint": "…", "status": "fail", "severity": "major"}]}
"""

from __future__ import annotations

import hashlib
import json
import os

from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import record, replace
from gaicheck.report.model import Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Iterable

VERSION = 1
RECORDED = ("fail", "manual")
MAX_BYTES = 20 * 1024 * 1024  # about 80,000 recorded findings


@record
class Entry:
    """One accepted finding."""

    rule: str
    declaration: str
    fingerprint: str
    status: str
    severity: str


def declaration_key(input_path: str, baseline_path: str) -> str:
    """The declaration's path relative to the baseline file's folder, with ``/`` separators."""
    base = os.path.dirname(os.path.abspath(baseline_path))
    rel = os.path.relpath(os.path.abspath(input_path), base)
    return rel.replace(os.sep, "/")


def fingerprint(rule: str, declaration: str) -> str:
    """Stable id of "rule X fails for declaration Y": unchanged by edits that move lines around."""
    return hashlib.sha256(f"gaicheck-baseline-1\0{rule}\0{declaration}".encode("utf-8")).hexdigest()[:32]


def build(reports: Iterable[Report], baseline_path: str) -> str:
    """The baseline file (JSON text) recording every fail or manual finding of ``reports``."""
    entries = []
    for report in reports:
        decl = declaration_key(report.input_path, baseline_path)
        for f in report.findings:
            if f.status in RECORDED:
                entries.append({
                    "rule": f.rule, "declaration": decl, "fingerprint": fingerprint(f.rule, decl),
                    "status": f.status, "severity": f.severity,
                })
    entries.sort(key=lambda e: (e["declaration"], e["rule"]))
    return json.dumps({"gaicheck_baseline": VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n"


def load(path: str) -> list[Entry]:
    """Read a baseline file written by :func:`build`."""
    from gaicheck.yamlsafe import read_regular

    if not os.path.lexists(path):
        raise InputError("baseline file not found (write one with --write-baseline)", Location(path))
    # the declaration's checks: a regular file (never a FIFO, /dev/zero or a folder), size-limited
    raw = read_regular(path, limit=MAX_BYTES, what="baseline files")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise InputError("not a gaicheck baseline (nested too deeply)", Location(path)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line, col = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (None, None)
        raise InputError("not a gaicheck baseline (invalid JSON)", Location(path, line, col)) from None
    if not isinstance(data, dict) or data.get("gaicheck_baseline") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"not a gaicheck baseline (expected {{\"gaicheck_baseline\": {VERSION}, \"findings\": [...]}})", Location(path))
    out = []
    for i, e in enumerate(data["findings"]):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("rule", "declaration", "fingerprint")):
            raise InputError(f"baseline entry {i} needs string 'rule', 'declaration' and 'fingerprint'", Location(path))
        out.append(Entry(e["rule"], e["declaration"], e["fingerprint"], str(e.get("status", "")), str(e.get("severity", ""))))
    return out


def apply(report: Report, entries: list[Entry], baseline_path: str) -> Report:
    """Mark findings recorded in the baseline (they no longer block) and list the recorded ones now fixed.

    A finding matches an entry by fingerprint (rule id + declaration path), so it survives line moves.
    A recorded finding counts as fixed when its rule now passes or does not apply, or is gone.
    """
    decl = declaration_key(report.input_path, baseline_path)
    known = {e.fingerprint for e in entries if e.declaration == decl}
    findings = tuple(
        replace(f, baselined=True) if f.status in RECORDED and fingerprint(f.rule, decl) in known else f
        for f in report.findings
    )
    still = {fingerprint(f.rule, decl) for f in report.findings if f.status in RECORDED + ("waived",)}
    fixed = tuple(sorted({e.rule for e in entries if e.declaration == decl and e.fingerprint not in still}))
    return replace(report, findings=findings, baseline_file=baseline_path, baseline_fixed=fixed)

