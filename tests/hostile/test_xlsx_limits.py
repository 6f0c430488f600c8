"""xlsx resource bombs (issue 13 #2): a small workbook cannot ask for unbounded memory or time. Rows,
columns, cells, text per row and per shared string, inflated part sizes and the time per artifact
are bounded; each is a located input error (exit 2), found while streaming."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gaicheck.artifacts import analyze_artifact
from gaicheck.artifacts.source import Limits
from gaicheck.errors import InputError

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: public\n"


def workbook(path: Path, sheet_rows: str | bytes, shared: list[str] | None = None, *,
             workbook_pad: int = 0) -> Path:
    """A minimal .xlsx whose first sheet's <sheetData> is ``sheet_rows`` (a header row comes first)."""
    head = '<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row>'
    body = sheet_rows.encode() if isinstance(sheet_rows, str) else sheet_rows
    sheet = f'<worksheet {NS}><sheetData>{head}'.encode() + body + b"</sheetData></worksheet>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="r1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", f'<workbook {NS} xmlns:r="{REL}"><sheets><sheet name="s" sheetId="1" r:id="r1"/>'
                    f'</sheets>{" " * workbook_pad}</workbook>')
        rels = f'<Relationship Id="r1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            rels += f'<Relationship Id="r2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            zf.writestr("xl/sharedStrings.xml", f"<sst {NS}>" + "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>")
        zf.writestr("xl/_rels/workbook.xml.rels",
                    f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def error_of(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as info:
        analyze_artifact(path, "keyword_list", display="kw.xlsx", limits=limits)
    return str(info.value)


def test_a_cell_past_column_xfd_is_refused_before_a_row_is_built(tmp_path: Path) -> None:
    for ref in ("ZZZZZZ2", "XFE2", "Z" * 5000 + "2"):
        p = workbook(tmp_path / "b.xlsx", f'<row r="2"><c r="{ref}"><v>1</v></c></row>')
        assert error_of(p) == "kw.xlsx:2: a cell is past column 16,384 (XFD), the last an .xlsx can have"
    p = workbook(tmp_path / "b.xlsx", '<row r="2"><c r="A2" t="inlineStr"><is><t>an item</t></is></c>'
                                      '<c r="XFD2"><v>1</v></c></row>')
    assert analyze_artifact(p, "keyword_list").total == 1


def test_too_many_cells_in_a_row_without_references(tmp_path: Path) -> None:
    p = workbook(tmp_path / "b.xlsx", '<row r="2">' + "<c><v>1</v></c>" * 16_385 + "</row>")
    assert "kw.xlsx:2: a cell is past column 16,384" in error_of(p)


@pytest.mark.parametrize("row", ["1048577", "99999999999", "9" * 5000, "-1"])
def test_a_row_past_the_last_row_is_refused(tmp_path: Path, row: str) -> None:
    p = workbook(tmp_path / "b.xlsx", f'<row r="{row}"><c r="A5"><v>1</v></c></row>')
    msg = error_of(p)
    assert msg.startswith("kw.xlsx") and ("row past row 1,048,576" in msg or "not a number from 1 to 1,048,576" in msg)
    assert row not in msg or len(row) < 8


def test_rows_without_numbers_count_up_to_the_limit(tmp_path: Path) -> None:
    p = workbook(tmp_path / "b.xlsx", "<row><c><v>1</v></c></row>" * 20)
    assert "row past row 10" in error_of(p, Limits(max_xlsx_rows=10))


def test_cells_are_bounded(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c><c r="B{i}"><v>x</v></c></row>' for i in range(2, 40))
    p = workbook(tmp_path / "b.xlsx", rows)
    assert error_of(p, Limits(max_xlsx_cells=50)).endswith("worksheet has more than 50 cells")
    assert analyze_artifact(p, "keyword_list", limits=Limits(max_xlsx_cells=100)).total == 38


def test_text_in_one_row_is_bounded(tmp_path: Path) -> None:
    big = "x" * (600 * 1024)
    p = workbook(tmp_path / "b.xlsx", f'<row r="2"><c r="A2" t="inlineStr"><is><t>{big}</t></is></c>'
                                      f'<c r="B2" t="inlineStr"><is><t>{big}</t></is></c></row>')
    assert error_of(p) == "kw.xlsx:2: row holds more than 1,048,576 bytes of text"


def test_a_shared_string_is_bounded(tmp_path: Path) -> None:
    p = workbook(tmp_path / "b.xlsx", '<row r="2"><c r="A2" t="s"><v>1</v></c></row>', ["ok", "字" * 400_000])
    assert error_of(p) == "kw.xlsx: shared string 2 is longer than 1,048,576 bytes"


def test_one_shared_string_in_many_cells_is_bounded_per_row(tmp_path: Path) -> None:
    cells = "".join(f'<c r="{c}2" t="s"><v>0</v></c>' for c in ("A", "B", "C"))
    p = workbook(tmp_path / "b.xlsx", f'<row r="2">{cells}</row>', ["y" * 500_000])
    assert error_of(p) == "kw.xlsx:2: row holds more than 1,048,576 bytes of text"


def test_a_part_read_whole_is_bounded_by_its_inflated_size(tmp_path: Path) -> None:
    p = workbook(tmp_path / "b.xlsx", "", workbook_pad=5000)
    assert error_of(p, Limits(max_xlsx_part_bytes=4096)).startswith(
        "kw.xlsx: workbook part 'xl/workbook.xml' inflates to 5,")


def test_a_streamed_part_is_bounded_by_its_inflated_size(tmp_path: Path) -> None:
    p = workbook(tmp_path / "b.xlsx", "<row><c><v>1</v></c></row>" * 2000)
    assert "worksheet inflates to" in error_of(p, Limits(max_xlsx_streamed_bytes=10_000))
    p = workbook(tmp_path / "c.xlsx", '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', ["z" * 20] * 1000)
    assert "shared-string table inflates to" in error_of(p, Limits(max_xlsx_streamed_bytes=10_000))


def test_the_time_per_artifact_is_bounded(tmp_path: Path) -> None:
    p = workbook(tmp_path / "b.xlsx", "<row><c><v>1</v></c></row>" * 10)
    assert error_of(p, Limits(max_xlsx_seconds=0)).startswith("kw.xlsx:")
    assert "takes more than 0 s to read" in error_of(p, Limits(max_xlsx_seconds=0))


def _run_limited(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    def limit() -> None:  # 500 MB of address space: the 2.5 GB `[None] * width` of the issue cannot happen
        resource.setrlimit(resource.RLIMIT_AS, (500 * 1024 * 1024,) * 2)

    return subprocess.run([sys.executable, "-m", "gaicheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, preexec_fn=limit, env={**os.environ, "LANG": "C.UTF-8"})


@pytest.mark.parametrize("case", ["column-bomb", "long-reference", "inflates-past-256MB"])
def test_the_issue_workbooks_end_to_end(tmp_path: Path, case: str) -> None:
    if case == "inflates-past-256MB":  # ~300 MB of XML in a ~1 MB file: refused before inflating
        workbook(tmp_path / "kw.xlsx", b"<row><c><v>1</v></c></row>" * (12 * 1024 * 1024))
        words = "worksheet inflates to"
    else:
        ref = "ZZZZZZ2" if case == "column-bomb" else "Z" * 100_000 + "2"
        workbook(tmp_path / "kw.xlsx", f'<row r="2"><c r="{ref}"><v>1</v></c></row>')
        words = "a cell is past column 16,384"
    (tmp_path / "service.yaml").write_text(MIN + "documents:\n  keyword_list: kw.xlsx\n", encoding="utf-8")
    out = _run_limited(["assess", "service.yaml"], tmp_path)
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert out.stderr.startswith("gaicheck: error: kw.xlsx") and words in out.stderr, out.stderr
    assert len(out.stderr.splitlines()) == 1
