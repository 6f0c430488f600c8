"""GitLab Code Quality report (a Code Climate issue list): the findings a merge request shows.

GitLab reads a JSON array of issues, each with ``description``, ``check_name``, ``fingerprint``
(unique; GitLab compares the merge request's issues with the target branch's by it),
``severity`` (``info``, ``minor``, ``major``, ``critical``, ``blocker``) and
``location.path`` (relative to the repository root) with ``location.lines.begin``. One issue per
``fail`` or ``manual`` finding (baselined ones too: they are still there; GitLab's comparison
shows only what a merge request adds). Waived findings are left out: an accepted risk is not an
issue to fix. gaicheck's severities are GitLab's (``critical`` is unused). ``type: issue`` is Code
Climate's; no ``categories``, since Code Climate's fixed list has no compliance category.
"""

from __future__ import annotations

import json

from gaicheck.report.model import Finding, Report
from gaicheck.report.paths import finding_fingerprint, shown
from gaicheck.textsafe import clean

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Iterable, Optional

SEVERITY = {"blocker": "blocker", "major": "major", "minor": "minor", "info": "info"}
_MANUAL = {"en": "[to declare]", "zh": "[待补充]"}
_FIX = {"en": "Fix", "zh": "整改"}


def _issue(f: Finding, report: Report, root: Optional[str]) -> dict[str, Any]:
    head = f"{f.rule} {f.name}" + (f" {_MANUAL[report.lang]}" if f.status == "manual" else "")
    text = f"{head}: {f.message}"
    if f.status == "fail" and f.remediation:
        text += f" {_FIX[report.lang]}: {f.remediation}"
    declaration = shown(report.input_path, root)
    return {
        "type": "issue",
        "description": clean(text, newlines=False),
        "check_name": f.rule,
        "fingerprint": finding_fingerprint(f.rule, f.framework, declaration),
        "severity": SEVERITY[f.severity],
        "location": {"path": shown(f.location.file, root), "lines": {"begin": f.location.line or 1}},
    }


def render_many(reports: Iterable[Report], *, repo_root: Optional[str] = None, **_: object) -> str:
    """One JSON array of issues for every report (paths relative to ``repo_root``)."""
    issues = [_issue(f, r, repo_root) for r in reports for f in r.findings if f.status in ("fail", "manual")]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def render(report: Report, **kw: Any) -> str:
    """The Code Quality issues of ``report``."""
    return render_many([report], **kw)
