"""What changed in the law or figures since a date: rules and law-data entries by their ``updated:``.

``gaicheck rules --changed-since DATE`` lists them, so a team sees before upgrading which rules and
data entries a new gaicheck version changes.
"""

from __future__ import annotations

import datetime as dt

from gaicheck.catalog.load import Catalog
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional


@record
class Change:
    """One rule or law-data entry updated on or after the asked date."""

    kind: str  # "rule" | "data"
    id: str
    updated: dt.date
    verified: bool
    where: str


def changed_since(catalog: Catalog, since: dt.date, frameworks: Optional[set[str]] = None) -> list[Change]:
    """Rules of ``catalog`` and law-data entries (CN, EU) whose ``updated`` is on or after ``since``."""
    out = [Change("rule", cr.rule.id, cr.rule.updated, cr.rule.verified, cr.source)
           for cr in catalog.rules if cr.rule.updated is not None and cr.rule.updated >= since]
    for framework, rel, name, entry in _data_entries():
        if frameworks and framework not in frameworks:
            continue
        if entry.updated >= since:
            out.append(Change("data", name, entry.updated, entry.verified, f"rules/{rel}"))
    return sorted(out, key=lambda c: (c.kind != "rule", c.id))


def _data_entries() -> list[tuple[str, str, str, Any]]:
    from gaicheck.engine.derive import cn_law, eu_law

    out: list[tuple[str, str, str, Any]] = [("EU", rel, name, e) for rel, name, e in eu_law.law().entries()]
    out += [("CN", cn_law.LAW_FILE, name, e) for name, e in cn_law.law().items()]
    return out
