"""The worksheet fast path (xlsx_fast) gives exactly the slow path's rows and errors.

Every workbook here is read twice through ``iter_sheet``: as shipped (fast path first, slow from
where it is unsure) and with the fast path switched off (expat callbacks only). Rows, values and
every InputError (message and location) must be the same. The worksheets are generated in the
shapes writers use and in the ones the fast path must hand over: comments, CDATA, namespace
prefixes, rich text, phonetics, carriage returns, odd attribute orders, cells outside rows,
entities, limits reached part-way, XML cut short.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaicheck.artifacts import inspect_file, xlsx, xlsx_fast
from gaicheck.artifacts.source import Limits
from gaicheck.errors import InputError
from tests.conftest import REPO

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(path: Path, sheet: str, shared: str | None = None) -> Path:
    rels = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
            + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                   '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
    return path


def read(path: Path, limits: Limits, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Any]:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(xlsx_fast, "well_formed", lambda member, clock: False)
        try:
            src = inspect_file(path, "bank.xlsx", limits=limits)
            return "rows", [(n, list(row)) for n, row in xlsx.iter_sheet(src, None, limits)]
        except InputError as e:
            return "error", (str(e), str(e.location) if getattr(e, "location", None) else None)


def same(path: Path, limits: Limits, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Any]:
    fast, slow = read(path, limits, True, monkeypatch), read(path, limits, False, monkeypatch)
    assert fast == slow
    return fast


# ---------------------------------------------------------------- generated worksheets

def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# XML character data: characters (escaped) and references as written ("]]>" is not allowed there)
PLAIN_TEXT = st.lists(st.one_of(st.sampled_from(list("ab 中文&<>\"'\t\n")).map(_escape),
                                st.sampled_from(["&amp;", "&lt;", "&#x4E2D;", "&#65;", "&#13;"])),
                      max_size=6).map("".join)
ODD_TEXT = st.sampled_from(["]]>", "a\r\nb", "<![CDATA[x]]>", "<!-- n -->"])
PLAIN_BODIES = ["/>", "></c>", "><v>{t}</v></c>", "><v></v></c>", "><f>A1&amp;B1</f><v>{t}</v></c>",
                "><is><t>{t}</t></is></c>", '><is><t xml:space="preserve">{t}</t></is></c>']
ODD_BODIES = ["><is><r><t>{t}</t></r><r><t>b</t></r></is></c>", "><is><t>{t}</t><rPh><t>ph</t></rPh></is></c>",
              "> <v>{t}</v></c>", "><v>{t}</v><!-- note --></c>", "><v><![CDATA[{t}]]></v></c>", "><v>{t}\r\n</v></c>",
              "><v>{t}</v><extLst/></c>", "><is><t/></is></c>"]


@st.composite
def cell_xml(draw: st.DrawFn, col: int, odd: bool) -> str:
    """One cell; ``odd`` lets it take the shapes the fast path hands over (one cell in eight)."""
    odd = odd and draw(st.integers(0, 7)) == 0
    refs = [f' r="{chr(65 + col)}1"', "", ' r=""', f' r="{chr(97 + col)}9"']
    ref = draw(st.sampled_from(refs + ([' r="XFE1"', ' r="1"', ' r="A&amp;1"'] if odd else [])))
    style = draw(st.sampled_from(["", ' s="1"']))
    typ = draw(st.sampled_from(["", ' t="s"', ' t="inlineStr"', ' t="str"', ' t="n"', ' t="b"', ' t="e"', ' t=""']))
    order = draw(st.sampled_from(["rst", "rts", "str"] if odd else ["rst", "rts"]))
    attrs = {"r": ref, "s": style, "t": typ}
    head = "<c" + "".join(attrs[k] for k in order)
    text = draw(st.one_of(PLAIN_TEXT, st.sampled_from(["0", "1", "2", "7", "-1", " 1 ", "x", "1_0", "٣"])))
    if odd and draw(st.booleans()):
        text += draw(ODD_TEXT)
    return head + draw(st.sampled_from(PLAIN_BODIES + (ODD_BODIES if odd else []))).format(t=text)


@st.composite
def sheet_xml(draw: st.DrawFn) -> str:
    odd = draw(st.integers(0, 3)) == 0  # a quarter of the sheets may hold what the fast path hands over
    rows = []
    number = 0
    for _ in range(draw(st.integers(0, 7))):
        number += draw(st.integers(0, 2))
        refs = [f' r="{number}"', "", f' r="0{number}"']
        r = draw(st.sampled_from(refs + ([' r=""', ' r="x"', ' r="123456789"', ' r="٣"'] if odd else [])))
        extra = draw(st.sampled_from(["", ' spans="1:3"', ' ht="15" customHeight="1"', ' x14ac:dyDescent="0.25"']
                                     + ([' spans="1:3" r="9"'] if odd else [])))
        cells = "".join(draw(cell_xml(i, odd)) for i in range(draw(st.integers(0, 4))))
        sep = draw(st.sampled_from(["", "", "\n  "]))
        if not cells and draw(st.booleans()):
            rows.append(f"<row{r}{extra}/>")
        else:
            rows.append(f"<row{r}{extra}>{sep}{cells}</row>{sep}")
    prefix = odd and draw(st.booleans())
    decl = draw(st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
                                 "\ufeff<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0"?>']
                                + (['<?xml version="1.0" encoding="ISO-8859-1"?>'] if odd else [])))
    stray = draw(st.sampled_from(["", "<c><v>9</v></c>", "<!-- c -->", "<?pi x?>", "<t>x</t>"])) if odd else ""
    body = "".join(rows)
    ns = ""
    if prefix:
        body = body.replace("<row", "<x:row").replace("</row>", "</x:row>").replace("<c", "<x:c").replace("</c>", "</x:c>")
        ns = f' xmlns:x="{MAIN}"'
    xml = (f'{decl}<worksheet xmlns="{MAIN}"{ns}><dimension ref="A1"/><cols><col min="1" max="2"/></cols>'
           f"<sheetData>{body}</sheetData>{stray}<pageMargins left=\"0.7\"/></worksheet>")
    if odd and draw(st.integers(0, 4)) == 0:  # cut short: malformed
        xml = xml[: draw(st.integers(0, len(xml)))]
    return xml


SHARED = st.lists(st.sampled_from([
    "<si><t>alpha</t></si>", "<si><t>中文 &amp; x</t></si>", '<si><t xml:space="preserve"> b </t></si>', "<si><t/></si>",
    "<si><r><t>ri</t></r><r><t>ch</t></r></si>", "<si><t>base</t><rPh><t>ph</t></rPh></si>", "<si></si>"]), max_size=5)

LIMITS = [Limits(), Limits(max_xlsx_rows=4, max_xlsx_columns=3, max_xlsx_cells=6, max_xlsx_row_bytes=12,
                           max_xlsx_string_bytes=6)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheet=sheet_xml(), shared=st.one_of(st.none(), SHARED), small=st.booleans())
def test_fast_and_slow_paths_agree(sheet: str, shared: list[str] | None, small: bool, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    sst = None if shared is None else f'<sst xmlns="{MAIN}">{"".join(shared)}</sst>'
    path = workbook(tmp_path / "b.xlsx", sheet, sst)
    same(path, LIMITS[small], monkeypatch)


def test_the_fast_path_reads_the_shipped_banks_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = xlsx._stream
    monkeypatch.setattr(xlsx, "_stream", lambda *a: calls.append(1) or real(*a))
    banks = sorted((REPO / "examples").glob("*/filing/*.xlsx"))
    # a bank written with a character reference for every Chinese character (openpyxl's write-only
    # mode) goes the slow way on purpose: expat decodes references in C
    with_refs = [b for b in banks if zipfile.ZipFile(b).read("xl/worksheets/sheet1.xml").count(b"&#") > 1000]
    assert banks and len(with_refs) < len(banks)
    for bank in banks:
        kind, rows = same(bank, Limits(), monkeypatch)
        assert kind == "rows" and len(rows) > 100
    assert len(calls) == len(banks) + len(with_refs)  # the switched-off reads and the banks with references


def test_the_slow_path_takes_over_after_the_rows_already_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>item {i}</t></is></c></row>' for i in range(1, 6))
    odd = '<row r="6"><c r="A6" t="inlineStr"><is><r><t>rich</t></r></is></c></row>'
    later = rows.replace('r="', 'r="1')
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}{odd}{later}</sheetData></worksheet>'
    kind, got = same(workbook(tmp_path / "b.xlsx", sheet), Limits(), monkeypatch)
    assert kind == "rows" and [n for n, _ in got] == [1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15]
    assert got[5] == (6, ["rich"])


def test_a_limit_reached_is_the_slow_paths_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 9))
    kind, (message, where) = same(workbook(tmp_path / "b.xlsx", f'<worksheet xmlns="{MAIN}"><sheetData>{rows}'
                                           "</sheetData></worksheet>"), Limits(max_xlsx_rows=5), monkeypatch)
    assert kind == "error" and "past row 5" in message


def _sheet(rows: str) -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


CASES = {  # name: (sheet, shared strings or None, small limits?, expected kind, a word of the result)
    "row text past the limit": (_sheet('<row r="1"><c r="A1"><v>abcdefghijklmnop</v></c></row>'), None, True,
                                "error", "more than 12 bytes"),
    "entities past the limit": (_sheet('<row r="1"><c r="A1"><v>' + "&amp;" * 13 + "</v></c></row>"), None, True,
                                "error", "more than 12 bytes"),
    "shared string past the limit": (_sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                                     ["<si><t>abcde</t></si>", "<si><t>xy</t></si>"], False, "rows", "abcde"),
    "shared string counted in the row": (_sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c>'
                                                '<c r="C1" t="s"><v>0</v></c></row>'), ["<si><t>abcde</t></si>"], True,
                                         "error", "more than 12 bytes"),
    "more shared strings than cells": (_sheet(""), ["<si><t>s</t></si>"] * 7, True, "error", "more than 6"),
    "row number not a number": (_sheet('<row r="x"><c r="A1"><v>1</v></c></row>'), None, False, "error", "row number"),
    "row number too long": (_sheet('<row r="123456789"><c r="A1"><v>1</v></c></row>'), None, False, "error", "row"),
    "row number in other digits": (_sheet('<row r="٣"><c r="A1"><v>1</v></c></row>'), None, False, "rows", "3"),
    "carriage return in a value": (_sheet('<row r="1"><c r="A1"><v>a\r\nb\rc</v></c></row>'), None, False, "rows", "a\nb\nc"),
    "carriage return by reference": (_sheet('<row r="1"><c r="A1"><v>a&#13;b</v></c></row>'), None, False, "rows", "a\rb"),
    "formula and value": (_sheet('<row r="1"><c r="A1" t="str"><f>A2&amp;"x"</f><v>yx</v></c></row>'), None, False,
                          "rows", "yx"),
    "empty value": (_sheet('<row r="1"><c r="A1"><v></v></c><c r="B1" t="b"><v>1</v></c></row>'), None, False,
                    "rows", "TRUE"),
    "past the last column": (_sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'), None, False, "error", "XFD"),
    "past the last row": (_sheet('<row r="5"><c r="A5"><v>1</v></c></row>'), None, True, "error", "past row 4"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hand_over_gives_the_slow_paths_answer(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet, shared, small, kind, word = CASES[name]
    sst = None if shared is None else f'<sst xmlns="{MAIN}">{"".join(shared)}</sst>'
    got_kind, got = same(workbook(tmp_path / "b.xlsx", sheet, sst), LIMITS[small], monkeypatch)
    assert got_kind == kind
    assert word in (got[0] if kind == "error" else repr(got).replace("\\n", "\n").replace("\\r", "\r"))
