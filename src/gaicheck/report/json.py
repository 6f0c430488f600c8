"""JSON report (the contract in shared/DECLARATION.md)."""

from __future__ import annotations

import json

from gaicheck.report.model import Report


def render(report: Report, **_: object) -> str:
    """The report as indented JSON, keys in contract order, non-ASCII kept readable."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
