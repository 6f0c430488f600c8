"""Report records and one renderer module per output format."""

from __future__ import annotations

from typing import Callable

from gaicheck.report.model import Report


def _terminal(report: Report, **kw: object) -> str:
    from gaicheck.report import terminal

    return terminal.render(report, **kw)  # type: ignore[arg-type]


def _json(report: Report, **kw: object) -> str:
    from gaicheck.report import json as json_format

    return json_format.render(report, **kw)  # type: ignore[arg-type]


# Renderers are imported lazily so that a run pays only for the formats it asks for.
RENDERERS: dict[str, Callable[..., str]] = {
    "terminal": _terminal,
    "json": _json,
}
