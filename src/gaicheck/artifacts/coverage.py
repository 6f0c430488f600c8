"""Coverage of an artifact against floors: one row per risk (or aspect) with count, floor and verdict.

The floors are not defined here: they are the ``params`` of the rules (CN-KW-02, CN-TB-01 …),
possibly overridden in the declaration's ``settings.thresholds``; the caller passes them in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gaicheck.artifacts.analysis import ArtifactStats
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any


@record
class CoverageRow:
    """One category: its count and floor; ``ok`` is None when the file has no categories."""

    category: str
    count: int | None
    floor: int

    @property
    def ok(self) -> bool | None:
        """count >= floor, or None when unknown."""
        return None if self.count is None else self.count >= self.floor

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"category": self.category, "count": self.count, "floor": self.floor, "ok": self.ok}


def group_floors(codes_by_group: Mapping[str, Sequence[str]], floors: Mapping[str, int]) -> dict[str, int]:
    """Expand ``{"A.1": 200, "A.2": 100}`` to a floor per code."""
    out: dict[str, int] = {}
    for group, floor in floors.items():
        for code in codes_by_group.get(group, ()):
            out[code] = int(floor)
    return out


def coverage(stats: ArtifactStats, floors: Mapping[str, int]) -> list[CoverageRow]:
    """Rows in the order of ``floors`` (a code/aspect -> minimum mapping)."""
    counts = stats.by_aspect if stats.by_aspect is not None else stats.by_risk
    rows = []
    for category, floor in floors.items():
        count = None if counts is None else counts.get(category, 0)
        rows.append(CoverageRow(category, count, int(floor)))
    return rows


def shortfalls(rows: Sequence[CoverageRow]) -> list[str]:
    """Categories below their floor."""
    return [r.category for r in rows if r.ok is False]
