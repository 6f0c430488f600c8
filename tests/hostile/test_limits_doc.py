"""The README's Limits section states the limits the code applies (issue 13, done means)."""

from __future__ import annotations

from pathlib import Path

from gaicheck import baseline, yamlsafe
from gaicheck.artifacts.source import Limits
from gaicheck.engine.documents import MAX_DOCUMENT_BYTES
from gaicheck.report import compare

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Limits"):README.index("## In a team's workflow")]


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def test_the_limits_section_states_the_code_limits() -> None:
    lim = Limits()
    stated = {
        "rows": f"{lim.max_xlsx_rows:,} rows", "columns": f"{lim.max_xlsx_columns:,} columns",
        "cells": f"{lim.max_xlsx_cells:,} cells", "row text": f"{_mb(lim.max_xlsx_row_bytes)} of text per row",
        "part": f"{_mb(lim.max_xlsx_part_bytes)} inflated for a part read whole",
        "streamed": f"{_mb(lim.max_xlsx_streamed_bytes)} for the worksheet",
        "time": f"{lim.max_xlsx_seconds:g} s of CPU or wall-clock time",
        "artifact": f"| artifact file | {_mb(lim.max_file_bytes)}", "line": f"a line of {_mb(lim.max_line_bytes)}",
        "declaration": f"| declaration file | {_mb(yamlsafe.MAX_BYTES)}",
        "baseline": f"{_mb(baseline.MAX_BYTES)} (baseline)", "compare": f"{_mb(compare.MAX_BYTES)} (`--compare`)",
        "document": f"{MAX_DOCUMENT_BYTES // 2**20} MB",
    }
    assert lim.max_xlsx_string_bytes == lim.max_xlsx_row_bytes  # "per row and per shared string"
    missing = {k: v for k, v in stated.items() if v not in SECTION}
    assert not missing, missing
