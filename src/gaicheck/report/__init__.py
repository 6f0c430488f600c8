"""Report records and one renderer module per output format."""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Callable, Sequence

if TYPE_CHECKING:  # the CLI imports this module for the format names; keep that import cheap
    from gaicheck.report.model import Report


def _lazy(module: str) -> Callable[..., str]:
    """A renderer that imports ``gaicheck.report.<module>`` on first use."""

    def render(report: Report, **kw: object) -> str:
        if module not in _EXACT:
            report = _cleaned(report)
        return import_module(f"gaicheck.report.{module}").render(report, **kw)  # type: ignore[no-any-return]

    render.__name__ = f"render_{module}"
    return render


# Renderers are imported lazily so that a run pays only for the formats it asks for (the CLI runs
# as a pre-commit hook, where start-up time is most of the time).
_MODULES = {"terminal": "terminal", "json": "json", "sarif": "sarif", "junit": "junit", "markdown": "markdown",
            "github": "github", "html": "html", "codequality": "codequality"}
# Formats that keep declaration strings exactly; every other one shows control and bidi characters
# as <U+XXXX> (report.safe).
_EXACT = frozenset({"json"})
RENDERERS: dict[str, Callable[..., str]] = {fmt: _lazy(module) for fmt, module in _MODULES.items()}


def _cleaned(report: Report) -> Report:
    from gaicheck.report.safe import cleaned

    return cleaned(report)


def render_reports(fmt: str, reports: Sequence[Report], **kw: object) -> str:
    """Several reports in one output: document formats (SARIF, JUnit) merge them, line formats concatenate."""
    if len(reports) == 1 and fmt != "html":
        return RENDERERS[fmt](reports[0], **kw)
    if fmt == "json":  # a JSON list of report objects
        return "[\n" + ",\n".join(RENDERERS[fmt](r, **kw).rstrip("\n") for r in reports) + "\n]\n"
    many = getattr(import_module(f"gaicheck.report.{_MODULES[fmt]}"), "render_many", None)
    if many is not None:
        return many([_cleaned(r) for r in reports], **kw)  # type: ignore[no-any-return]
    return "".join(RENDERERS[fmt](r, **kw) for r in reports)
