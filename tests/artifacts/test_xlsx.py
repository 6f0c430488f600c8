"""The streaming worksheet reader agrees with openpyxl's own reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from gaicheck.artifacts import inspect_file
from gaicheck.artifacts.source import Limits
from gaicheck.artifacts.xlsx import _column, iter_sheet
from gaicheck.errors import InputError


def _norm(v: Any) -> str | None:
    if v is None:
        return None
    if v is True or v is False:
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


@pytest.mark.parametrize("write_only", [False, True])
def test_matches_openpyxl(tmp_path: Path, write_only: bool) -> None:
    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("题库") if write_only else wb.active
    rows: list[list[Any]] = [
        ["题目", "风险类别", "备注"],
        ["placeholder item 1", "A.1a", None],
        [None, None, None],                      # blank row
        [42, "A.1b", 3.5],
        ["占位条目 二", True, False],
        ["  padded  ", "A.2i", "x"],
        [None, "A.3a"],
        ["=\"formula-looking text\"", "A.4a"],
    ]
    for r in rows:
        ws.append(r)
    if not write_only:
        ws["D9"] = "far cell"
        ws["A9"] = CellRichText([TextBlock(InlineFont(b=True), "rich "), "text"])
    path = tmp_path / "b.xlsx"
    wb.save(path)
    src = inspect_file(path)
    mine = {n: [_norm(v) for v in row] for n, row in iter_sheet(src, None, Limits())}
    ref_wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ref = {}
    for n, row in enumerate(ref_wb.worksheets[0].iter_rows(values_only=True), start=1):
        vals = [_norm(v) for v in row]
        while vals and vals[-1] is None:
            vals.pop()
        if vals:
            ref[n] = vals
    ref_wb.close()
    mine = {n: v for n, v in mine.items() if any(x is not None for x in v)}
    for n in mine:
        while mine[n] and mine[n][-1] is None:
            mine[n].pop()
    assert mine == ref


def test_column_letters() -> None:
    assert [_column(r) for r in ("A1", "B7", "Z3", "AA10", "AB2", "XFD1")] == [0, 1, 25, 26, 27, 16383]


def test_malformed_sheet_xml(tmp_path: Path) -> None:
    import zipfile

    good = tmp_path / "g.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["题目"])
    wb.active.append(["placeholder"])
    wb.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row><c></sheetData>")
            zout.writestr(info, data)
    with pytest.raises(InputError, match="malformed|not a readable"):
        list(iter_sheet(inspect_file(bad), None, Limits()))
