"""The rows of a plain worksheet without a Python call per XML element (the slow path's twin).

``xlsx._stream`` runs expat with Python callbacks: three to four calls per cell, 28 ms for a
2,200-row bank (two thirds of reading the flagship's workbooks). Most worksheets are written the
same few ways (openpyxl, Excel, LibreOffice): ``<row r="N">`` holding ``<c r="A1" s=".." t="..">``
cells with a ``<v>`` value or one inline ``<is><t>`` string. Here such a part is cut into tokens by
one regular expression at C speed, once expat (with no handlers, also at C speed) has found the
whole part well-formed UTF-8 XML with no comment, CDATA, DTD, processing instruction or carriage
return.

This path decides nothing of its own. It gives rows only for what it fully understands, by the
slow path's very rules (``xlsx._cell_value``, ``xlsx._column``, the same row numbering and the same
counts); anything else (a namespace prefix, rich text, an attribute order it does not expect,
white space inside a cell, a cell outside a row, a limit reached) raises :class:`Unsure` with the
number of rows given so far, and ``xlsx.iter_sheet`` goes on with the slow path from there, which
also raises any error with its own message and row. ``tests/artifacts/test_xlsx_fast.py`` holds
both paths to the same rows and errors.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from functools import lru_cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from typing import IO, Any

_CHUNK = 1 << 20
_MAX_BUFFER = 8 << 20  # 8 MB of XML without an end tag to cut at: left to the slow path

_ANY_ATTR = rb'(?:\s+[\w:.-]+="[^"<&]*")'
_ROW_ATTR = rb'(?:\s+(?!r=)[\w:.-]+="[^"<&]*")'  # any attribute but r, which has its own group
_VALUE = rb'[^"<&\s]*'
_SHEET = re.compile(
    # 1 a cell, 2 its r, 3 its t, 4 its <v> text, 5 its inline <t> text
    rb'(<c)(?: r="(' + _VALUE + rb')")?(?: s="[^"<&]*")?(?: t="(' + _VALUE + rb')")?(?: s="[^"<&]*")?'
    rb'(?: (?:cm|vm|ph)="[^"<&]*")*\s*'
    rb'(?:/>|>(?:<f' + _ANY_ATTR + rb'*\s*(?:/>|>[^<]*</f>))?(?:<v>([^<]*)</v>)?</c>'
    rb'|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>)'
    # 6 a row start, 7 the end of the row before it, 8 its r, 9 "/" when empty
    rb'|(<row|(</row>\s*)<row)(?: r="(' + _VALUE + rb')")?' + _ROW_ATTR + rb'*\s*(/?)>'
    # 10 a row end
    rb'|(</row>)'
    # text between elements, and elements the rows do not read (start, end or empty)
    rb'|[^<]+'
    rb'|</?(?!(?:[\w.-]+:)?(?:row|c|v|t|is|r|rPh|f|sheetData)[\s/>])[\w:.-]+' + _ANY_ATTR + rb'*\s*/?>'
    rb'|</?sheetData\s*/?>'
    rb'|<\?xml[^>]*\?>'
    # 11 anything else: the slow path's business
    rb'|(<)'
)
_SST_PATTERN = (
    # 1 a string (2 its text), or an empty one (3)
    rb'(<si><t(?: xml:space="preserve")?>([^<]*)</t></si>)|(<si><t(?: xml:space="preserve")?/></si>)'
    rb'|[^<]+'
    rb'|</?(?!(?:[\w.-]+:)?(?:si|t|r|rPh)[\s/>])[\w:.-]+' + _ANY_ATTR + rb'*\s*/?>'
    rb'|<\?xml[^>]*\?>'
    rb'|(<)'  # 4
)  # compiled on first use: most workbooks written by tools hold inline strings
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


class Unsure(Exception):
    """The fast path leaves the rest to the slow path; ``rows`` rows were given before."""

    def __init__(self, rows: int = 0) -> None:
        super().__init__(rows)
        self.rows = rows


def _entity(m: re.Match[str]) -> str:
    ref = m.group(1)
    if ref[0] == "#":
        return chr(int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:]))
    return _NAMED[ref]


def _text(raw: bytes) -> str:
    """Character data as expat gives it (references replaced; the part has no carriage return)."""
    text = raw.decode("utf-8")
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _utf8_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def well_formed(member: IO[bytes], check_clock: Callable[[], None]) -> bool:
    """True when the whole part is well-formed UTF-8 XML (expat) with none of ``<!`` (comment,
    CDATA, DTD), ``<?`` past the XML declaration, or ``\\r``, which the tokens do not model, and
    its first megabyte holds fewer character references than cells (else the slow path is faster)."""
    parser = xml.parsers.expat.ParserCreate()
    first = first_body = True
    while True:
        chunk = member.read(_CHUNK)
        body = chunk
        if first:
            first = False
            if body.startswith(b"\xef\xbb\xbf"):
                body = body[3:]
            if body.startswith(b"<?xml"):
                end = body.find(b"?>")
                decl = body[:end]
                if end < 0 or (b"encoding" in decl and not re.search(rb'encoding=["\'](?i:utf-8)["\']', decl)):
                    return False
                body = body[end + 2:]
        if b"<!" in body or b"<?" in body or b"\r" in body:
            return False  # one split across two chunks meets the tokens' last alternative instead
        if first_body and body.count(b"&#") > body.count(b"<c"):
            # more character references than cells (openpyxl's write-only mode writes every
            # non-ASCII character as one): expat decodes them in C, the tokens would call Python
            # for each; the slow path is the faster one here
            return False
        first_body = False
        try:
            parser.Parse(chunk, not chunk)
        except xml.parsers.expat.ExpatError:
            return False
        check_clock()
        if not chunk:
            return True


def _pieces(member: IO[bytes], end_tag: bytes) -> Iterator[bytes]:
    """The part in pieces of about a megabyte, each cut just after an ``end_tag``."""
    buffer = b""
    while True:
        chunk = member.read(_CHUNK)
        if not chunk:
            if buffer:
                yield buffer
            return
        buffer += chunk
        cut = buffer.rfind(end_tag)
        if cut < 0:
            if len(buffer) > _MAX_BUFFER:
                raise Unsure()
            continue
        cut += len(end_tag)
        yield buffer[:cut]
        buffer = buffer[cut:]


def rows(member: IO[bytes], shared: Sequence[Any], limits: Any,
         check_clock: Callable[[int], None]) -> Iterator[tuple[int, list[Any]]]:
    """``(row number, cells)`` exactly as ``xlsx._stream`` gives them; :class:`Unsure` hands over."""
    max_rows, max_cols, max_cells = limits.max_xlsx_rows, limits.max_xlsx_columns, limits.max_xlsx_cells
    max_row_bytes = limits.max_xlsx_row_bytes
    given = row_number = cell_count = row_bytes = 0
    cells: dict[int, Any] = {}
    col = -1
    in_row = False
    try:
        for piece in _pieces(member, b"</row>"):
            for cell, c_ref, c_type, v_text, t_text, row_start, end_before, r, empty, row_end, other in \
                    _SHEET.findall(piece):
                if cell:
                    if not in_row:
                        raise Unsure(given)
                    col = column(c_ref.decode("utf-8"), max_cols) if c_ref else col + 1
                    cell_count += 1
                    if col >= max_cols or cell_count > max_cells:
                        raise Unsure(given)
                    raw_bytes = v_text or t_text
                    if raw_bytes:
                        raw = raw_bytes.decode("utf-8")
                        if b"&" in raw_bytes:
                            raw = _ENTITY.sub(_entity, raw)
                            row_bytes += _utf8_len(raw)
                        else:
                            row_bytes += len(raw_bytes)
                    else:
                        raw = ""
                    if c_type == b"s":
                        value = cell_value("s", raw, shared)
                        if isinstance(value, str):
                            row_bytes += _utf8_len(value)
                    elif c_type and c_type != b"str" and c_type != b"inlineStr" and c_type != b"n":
                        value = cell_value(c_type.decode("utf-8"), raw, shared)
                    else:  # as cell_value for a type other than s and b: the text, None when empty
                        value = raw if raw else None
                    if row_bytes > max_row_bytes:
                        raise Unsure(given)
                    cells[col] = value
                    continue
                if end_before or row_end:
                    if not in_row:
                        raise Unsure(given)
                    in_row = False
                    if cells:
                        given += 1
                        yield row_number, build_row(cells)
                if row_start:
                    if in_row:
                        raise Unsure(given)
                    if r:
                        if not (r.isdigit() and len(r) <= 8):
                            raise Unsure(given)
                        row_number = int(r)
                    else:
                        row_number += 1
                    if row_number > max_rows:
                        raise Unsure(given)
                    cells = {}
                    row_bytes = 0
                    col = -1
                    in_row = not empty
                elif other:
                    raise Unsure(given)
            check_clock(row_number)
    except Unsure as e:
        raise Unsure(given) from e
    if in_row:
        raise Unsure(given)  # expat saw the part whole; a row still open means the tokens lost track


# ---------------------------------------------------------------- the rules both paths follow


def column(ref: str, limit: int = 16_384) -> int:
    """0-based column of a cell reference such as ``AB12``; ``limit`` (or more) once it is past the
    ``limit``-th column, without reading further letters (``ZZZZZZ…`` costs nothing)."""
    col = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            col = col * 26 + (ord(ch) - 64)
        elif "a" <= ch <= "z":
            col = col * 26 + (ord(ch) - 96)
        else:
            break
        if col > limit:
            return limit
    return col - 1


def cell_value(ctype: str, raw: str, shared: Sequence[Any]) -> Any:
    """A cell's value from its type and collected text: a shared string by index, TRUE/FALSE, or
    the text as written (None when empty)."""
    if ctype == "s":
        try:
            value = shared[int(raw)]
        except (ValueError, IndexError):
            return None
        return value if isinstance(value, str) or value is None else str(value)
    if ctype == "b":
        return "TRUE" if raw.strip() == "1" else "FALSE"
    return raw if raw != "" else None


def build_row(cells: dict[int, Any]) -> list[Any]:
    """The cells of a finished row (column -> value) as a list, None where a cell is missing."""
    width = max(cells) + 1  # <= max_cols: every column was checked at its <c>
    row: list[Any] = [None] * width
    for i, v in cells.items():
        if i >= 0:
            row[i] = v
    return row


@lru_cache(maxsize=1)
def _sst() -> re.Pattern[bytes]:
    return re.compile(_SST_PATTERN)


def shared_strings(member: IO[bytes], limits: Any, check_clock: Callable[[], None]) -> list[str]:
    """The shared-string table as ``xlsx._shared_strings`` gives it, when every ``<si>`` is one plain
    ``<t>``; :class:`Unsure` otherwise (rich text, phonetics, a limit reached)."""
    strings: list[str] = []
    max_bytes, max_count = limits.max_xlsx_string_bytes, limits.max_xlsx_cells
    for piece in _pieces(member, b"</si>"):
        for si, raw, empty, other in _sst().findall(piece):
            if si or empty:
                if len(strings) >= max_count:
                    raise Unsure()
                text = _text(raw) if raw else ""
                if _utf8_len(text) > max_bytes:
                    raise Unsure()
                strings.append(text)
            elif other:
                raise Unsure()
        check_clock()
    return strings
