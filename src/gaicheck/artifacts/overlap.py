"""Cross-file check: the same (normalised) question in the should-refuse and should-not-refuse banks.

A question cannot be both one the model must refuse and one it must answer; TC260-003 §8.3 banks
that share items make the §9.4 refusal rates meaningless. Reported as counts and line numbers.
"""

from __future__ import annotations

import os

from gaicheck.artifacts.analysis import MAX_LINES, ColumnNames, LineCollector, LineList, normalize_text
from gaicheck.artifacts.readers import iter_rows
from gaicheck.artifacts.source import Limits, inspect_file
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any


@record
class Overlap:
    """Items present in both banks: distinct shared items, and the lines on each side."""

    shared: int
    refuse: LineList
    not_refuse: LineList

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"shared": self.shared, "should_refuse": self.refuse.to_dict(),
                "should_not_refuse": self.not_refuse.to_dict()}


def _hashes(path: str | os.PathLike[str], display: str | None, sheet: str | None,
            columns: ColumnNames, limits: Limits) -> dict[int, list[int]]:
    source = inspect_file(path, display, limits=limits)
    table: dict[int, list[int]] = {}
    for number, values in iter_rows(source, {"text": columns.text}, ("text",), sheet=sheet, limits=limits):
        text = values[0]
        if text is not None:
            table.setdefault(hash(normalize_text(text)), []).append(number)
    return table


def find_overlap(refuse_path: str | os.PathLike[str], not_refuse_path: str | os.PathLike[str], *,
                 refuse_display: str | None = None, not_refuse_display: str | None = None,
                 refuse_sheet: str | None = None, not_refuse_sheet: str | None = None,
                 columns: ColumnNames | None = None, limits: Limits | None = None,
                 max_lines: int = MAX_LINES) -> Overlap:
    """Compare the two refusal banks on normalised text (NFKC, casefold, whitespace)."""
    cols = columns or ColumnNames()
    lim = limits or Limits()
    left = _hashes(refuse_path, refuse_display, refuse_sheet, cols, lim)
    right = _hashes(not_refuse_path, not_refuse_display, not_refuse_sheet, cols, lim)
    shared = set(left) & set(right)
    refuse, not_refuse = LineCollector(max_lines), LineCollector(max_lines)
    for line in sorted(line for key in shared for line in left[key]):
        refuse.add(line)
    for line in sorted(line for key in shared for line in right[key]):
        not_refuse.add(line)
    return Overlap(len(shared), refuse.freeze(), not_refuse.freeze())
