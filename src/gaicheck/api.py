"""The library entry point the CLI calls: load, evaluate, return a Report (no printing)."""

from __future__ import annotations

import datetime as dt

from gaicheck.report.model import Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Iterable, Optional

if TYPE_CHECKING:
    from pathlib import Path


def frameworks_for(markets: Optional[list[str]]) -> list[str]:
    """Rule packs a declaration needs: CN and EU by market (all when markets are unknown), NIST always."""
    if markets is None:
        return ["CN", "EU", "NIST"]
    wanted = []
    if "CN" in markets:
        wanted.append("CN")
    from gaicheck.markets import in_eu

    if in_eu(markets):
        wanted.append("EU")
    wanted.append("NIST")
    return wanted


def assess(
    path: str,
    *,
    display: Optional[str] = None,
    as_of: Optional[dt.date] = None,
    fail_on: str = "major",
    lang: str = "en",
    timeline: str = "omnibus_2026",
    rules_dirs: Iterable["Path"] = (),
    allow_outside: bool = False,
    frameworks: Optional[list[str]] = None,
) -> Report:
    """Assess the declaration at ``path``."""
    from gaicheck import __version__
    from gaicheck.catalog.load import load_catalog
    from gaicheck.declaration.load import load_declaration
    from gaicheck.engine.documents import load_registry
    from gaicheck.engine.evaluate import evaluate

    loaded = load_declaration(path, display)
    wanted = frameworks or frameworks_for(loaded.data["service"]["markets"])
    catalog = load_catalog(wanted, list(rules_dirs))
    return evaluate(
        loaded, catalog, load_registry(), as_of=as_of or dt.date.today(), fail_on=fail_on, lang=lang,
        timeline=timeline, allow_outside=allow_outside, tool_version=__version__, rules_version=rules_version(),
    )


def rules_version() -> str:
    """Version stamp of the rule data (the package version: rules ship inside it)."""
    from gaicheck import __version__

    return __version__
