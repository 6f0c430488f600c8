"""Streaming rows of an .xlsx worksheet with the standard library (zipfile + expat).

The workbook part, its sheets, their parts and the shared-string table are resolved from the
package relationships (``_rels/.rels``, ``xl/_rels/workbook.xml.rels``); the rows are streamed with
expat straight from the worksheet part. openpyxl is not imported on this path: its import and
workbook load cost more than counting a 10,000-row bank (see bench/bench_artifacts.py), and this
runs in a pre-commit hook. Cell values are returned as text (numbers as written in the file,
booleans as ``TRUE``/``FALSE``); only the text and category columns are used anyway.

The zip central directory has already been checked by :func:`gaicheck.artifacts.source.inspect_file`
(uncompressed size, ratio, member count), so nothing here inflates a zip bomb. What a small file can
still ask for is bounded here, while streaming and before anything is allocated for it (issue 13
#2): a part read whole (workbook, relationships) by its inflated size, the worksheet and shared
strings by theirs, rows, columns (a cell reference past XFD is refused before a row is built),
cells, the text of a row and of a shared string, and the CPU and wall-clock time of the read.
Each is an InputError naming the file (and the row when there is one).
"""

from __future__ import annotations

import posixpath
import time
import xml.parsers.expat
import zipfile
import zlib
from collections.abc import Iterator, Sequence

from gaicheck.artifacts import xlsx_fast
from gaicheck.artifacts.source import Limits, Source, open_regular
from gaicheck.artifacts.xlsx_fast import build_row, cell_value
from gaicheck.artifacts.xlsx_fast import column as _column
from gaicheck.errors import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import IO, Any

_CHUNK = 1 << 16
# What zipfile raises for a damaged or unsupported archive: RuntimeError for an encrypted member,
# NotImplementedError (a RuntimeError) for strong encryption or an unknown compression method,
# zlib.error for a corrupt deflate stream.
_ZIP_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, zlib.error)
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class _Clock:
    """The time budget of one read: CPU and wall-clock seconds since it started."""

    def __init__(self, limits: Limits, source: Source) -> None:
        self.limit = limits.max_xlsx_seconds
        self.source = source
        self.wall = time.monotonic()
        self.cpu = time.process_time()

    def check(self, row: int | None = None) -> None:
        if (time.monotonic() - self.wall > self.limit or time.process_time() - self.cpu > self.limit):
            raise InputError(f"workbook takes more than {self.limit:g} s to read (limit per artifact); "
                             "save it as .csv", self.source.location(row or None))


def iter_sheet(source: Source, sheet: str | None, limits: Limits) -> Iterator[tuple[int, Sequence[Any]]]:
    """``(row number, cell values)`` of the named sheet, or the first one."""
    clock = _Clock(limits, source)
    fh = open_regular(source.path, source.display, limits)
    try:
        try:
            zf = zipfile.ZipFile(fh)
        except _ZIP_ERRORS:
            raise InputError("not a readable .xlsx workbook", source.location()) from None
        with zf:
            try:
                part, shared_part = _resolve(zf, sheet, source, limits)
                shared = _strings(zf, shared_part, source, limits, clock) if shared_part else []
                member = _open_streamed(zf, part, "worksheet", source, limits)
            except InputError:
                raise
            except (KeyError, xml.parsers.expat.ExpatError, *_ZIP_ERRORS):
                # never echo the parser's or zipfile's text: it may quote content
                raise InputError("not a readable .xlsx workbook (corrupt or unsupported)", source.location()) from None
            yield from _rows(zf, part, member, shared, source, limits, clock)
    finally:
        fh.close()


def _rows(zf: zipfile.ZipFile, part: str, member: IO[bytes], shared: Sequence[Any], source: Source, limits: Limits,
          clock: _Clock) -> Iterator[tuple[int, Sequence[Any]]]:
    """The worksheet's rows: by the fast path (``xlsx_fast``) while it is sure, then by the slow
    path (expat with callbacks) from the first row it is not sure of, which it reads again from
    the start and skips up to there."""
    given = 0
    try:
        with member:
            sure = xlsx_fast.well_formed(member, clock.check)
        if sure:
            with zf.open(part) as again:
                for row in xlsx_fast.rows(again, shared, limits, clock.check):
                    yield row
                    given += 1
            return
    except xlsx_fast.Unsure:
        pass
    except _ZIP_ERRORS:
        pass  # the slow path reads it again and names what is wrong
    try:
        slow = zf.open(part)
    except _ZIP_ERRORS:
        raise InputError("worksheet could not be read (corrupt archive?)", source.location()) from None
    for i, row in enumerate(_stream(slow, shared, source, limits, clock)):
        if i >= given:
            yield row


def _strings(zf: zipfile.ZipFile, part: str, source: Source, limits: Limits, clock: _Clock) -> list[str]:
    """The shared-string table: by the fast path when every string is one plain ``<t>``, else slow."""
    try:
        with _open_streamed(zf, part, "shared-string table", source, limits) as member:
            sure = xlsx_fast.well_formed(member, clock.check)
        if sure:
            with zf.open(part) as again:
                return xlsx_fast.shared_strings(again, limits, clock.check)
    except (xlsx_fast.Unsure, *_ZIP_ERRORS):
        pass
    return _shared_strings(zf, part, source, limits, clock)


def _read_small(zf: zipfile.ZipFile, name: str, source: Source, limits: Limits) -> bytes:
    """A part read whole (workbook, relationships), refused by its inflated size before inflating."""
    size = zf.getinfo(name).file_size
    if size > limits.max_xlsx_part_bytes:
        raise InputError(f"workbook part {_shown(name)} inflates to {size:,} bytes, over the "
                         f"{limits.max_xlsx_part_bytes:,}-byte limit", source.location())
    return zf.read(name)


def _open_streamed(zf: zipfile.ZipFile, name: str, what: str, source: Source, limits: Limits) -> IO[bytes]:
    """A streamed part (the worksheet, the shared strings), refused by its inflated size first; the
    zip reader never inflates more than the size the central directory gives."""
    size = zf.getinfo(name).file_size
    if size > limits.max_xlsx_streamed_bytes:
        raise InputError(f"{what} inflates to {size:,} bytes, over the {limits.max_xlsx_streamed_bytes:,}-byte "
                         "limit; save it as .csv", source.location())
    return zf.open(name)


def _shown(name: str) -> str:
    """A part name for a message: short, control characters shown."""
    from gaicheck.textsafe import clean

    return repr(clean(name[:80], newlines=False))


def _parse_small(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """(namespaced tag, attributes) of every element of a small XML part."""
    out: list[tuple[str, dict[str, str]]] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda name, attrs: out.append((name.rpartition(" ")[2], attrs))
    parser.Parse(data, True)
    return out


def _rels(zf: zipfile.ZipFile, part: str, source: Source, limits: Limits) -> dict[str, tuple[str, str]]:
    """Relationships of ``part``: id -> (type suffix, target part name)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.NameToInfo:
        return {}
    out = {}
    for tag, attrs in _parse_small(_read_small(zf, rels_name, source, limits)):
        if tag == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[attrs.get("Id", "")] = (attrs.get("Type", "").rpartition("/")[2], target)
    return out


def _resolve(zf: zipfile.ZipFile, sheet: str | None, source: Source, limits: Limits) -> tuple[str, str | None]:
    """(worksheet part, shared-strings part or None) for ``sheet`` (default: the first)."""
    workbook = next((t for kind, t in _rels(zf, "", source, limits).values() if kind == "officeDocument"),
                    "xl/workbook.xml")
    rels = _rels(zf, workbook, source, limits)
    sheets = [(a.get("name", ""), a.get(f"{_REL_NS} id", ""))
              for tag, a in _parse_small(_read_small(zf, workbook, source, limits)) if tag == "sheet"]
    if not sheets:
        raise InputError("workbook has no worksheet", source.location())
    if sheet is None:
        rid = sheets[0][1]
    else:
        match = [rid for name, rid in sheets if name == sheet]
        if not match:
            raise InputError(f"workbook has no sheet named {sheet!r}", source.location())
        rid = match[0]
    if rid not in rels:
        raise InputError("not a readable .xlsx workbook (sheet part missing)", source.location())
    shared = next((t for kind, t in rels.values() if kind == "sharedStrings"), None)
    return rels[rid][1], shared if shared in zf.NameToInfo else None


def _shared_strings(zf: zipfile.ZipFile, part: str, source: Source, limits: Limits, clock: _Clock) -> list[str]:
    """The shared-string table: the text of each ``<si>`` (rich-text runs joined, phonetics skipped)."""
    strings: list[str] = []
    parts: list[str] = []
    state = {"collect": False, "skip": 0, "bytes": 0}
    max_bytes, max_count = limits.max_xlsx_string_bytes, limits.max_xlsx_cells

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        if tag == "si":
            parts.clear()
            state["bytes"] = 0
            if len(strings) >= max_count:
                raise InputError(f"shared-string table has more than {max_count:,} strings", source.location())
        elif tag == "t" and not state["skip"]:
            state["collect"] = True
        elif tag == "rPh":
            state["skip"] += 1

    def end(name: str) -> None:
        tag = name.rpartition(":")[2]
        if tag == "t":
            state["collect"] = False
        elif tag == "rPh":
            state["skip"] -= 1
        elif tag == "si":
            strings.append("".join(parts))

    def text(data: str) -> None:
        if state["collect"]:
            state["bytes"] += len(data) if data.isascii() else len(data.encode("utf-8"))
            if state["bytes"] > max_bytes:
                raise InputError(f"shared string {len(strings) + 1} is longer than {max_bytes:,} bytes",
                                 source.location())
            parts.append(data)

    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    with _open_streamed(zf, part, "shared-string table", source, limits) as member:
        while chunk := member.read(_CHUNK):
            parser.Parse(chunk, False)
            clock.check()
        parser.Parse(b"", True)
    return strings


class _SheetHandler:
    """expat callbacks collecting finished rows into ``ready``, within the workbook limits."""

    def __init__(self, shared: Sequence[Any], source: Source, limits: Limits) -> None:
        self.shared = shared
        self.source = source
        self.max_rows = limits.max_xlsx_rows
        self.max_cols = limits.max_xlsx_columns
        self.max_cells = limits.max_xlsx_cells
        self.max_row_bytes = limits.max_xlsx_row_bytes
        self.ready: list[tuple[int, list[Any]]] = []
        self.row_number = 0
        self.cells: dict[int, Any] = {}
        self.cell_count = 0
        self.row_bytes = 0
        self.col = -1
        self.ctype = "n"
        self.parts: list[str] = []
        self.collect = False
        self.skip = 0  # inside <rPh> (phonetic hints) or other ignored text

    def _error(self, message: str) -> InputError:
        return InputError(message, self.source.location(self.row_number or None))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(":")[2] if ":" in name else name
        if tag == "c":
            ref = attrs.get("r")
            self.col = _column(ref, self.max_cols) if ref else self.col + 1
            if self.col >= self.max_cols:
                raise self._error(f"a cell is past column {self.max_cols:,} (XFD), the last an .xlsx can have")
            self.ctype = attrs.get("t", "n")
            self.parts = []
            self.cell_count += 1
            if self.cell_count > self.max_cells:
                raise self._error(f"worksheet has more than {self.max_cells:,} cells")
        elif tag == "v" or (tag == "t" and not self.skip):
            self.collect = True
        elif tag == "rPh":
            self.skip += 1
        elif tag == "row":
            ref = attrs.get("r")
            if ref and ref.isdigit() and len(ref) <= 8:
                self.row_number = int(ref)
            elif ref:
                raise self._error(f"a row number is not a number from 1 to {self.max_rows:,}")
            else:
                self.row_number += 1
            if self.row_number > self.max_rows:
                self.row_number = 0  # the error names no row past the limit
                raise self._error(f"worksheet has a row past row {self.max_rows:,}, the last an .xlsx can have")
            self.cells = {}
            self.row_bytes = 0
            self.col = -1

    def end(self, name: str) -> None:
        tag = name.rpartition(":")[2] if ":" in name else name
        if tag in ("v", "t"):
            self.collect = False
        elif tag == "rPh":
            self.skip -= 1
        elif tag == "c":
            value = cell_value(self.ctype, "".join(self.parts), self.shared)
            if isinstance(value, str) and self.ctype == "s":
                self._count(value)
            self.cells[self.col] = value
        elif tag == "row":
            if self.cells:
                self.ready.append((self.row_number, build_row(self.cells)))

    def text(self, data: str) -> None:
        if self.collect:
            self._count(data)
            self.parts.append(data)

    def _count(self, data: str) -> None:
        self.row_bytes += len(data) if data.isascii() else len(data.encode("utf-8"))
        if self.row_bytes > self.max_row_bytes:
            raise self._error(f"row holds more than {self.max_row_bytes:,} bytes of text")


def _stream(member: IO[bytes], shared: Sequence[Any], source: Source, limits: Limits,
            clock: _Clock) -> Iterator[tuple[int, Sequence[Any]]]:
    handler = _SheetHandler(shared, source, limits)
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.text
    with member:
        while True:
            try:
                chunk = member.read(_CHUNK)
                parser.Parse(chunk, not chunk)
            except xml.parsers.expat.ExpatError:
                # the expat message gives a code and an offset, never content; still, keep it out
                raise InputError("worksheet XML is malformed", source.location(handler.row_number or None)) from None
            except _ZIP_ERRORS:
                raise InputError("worksheet could not be read (corrupt archive?)", source.location()) from None
            clock.check(handler.row_number)
            if handler.ready:
                yield from handler.ready
                handler.ready = []
            if not chunk:
                break
