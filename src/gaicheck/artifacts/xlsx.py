"""Streaming rows of an .xlsx worksheet; openpyxl (read-only mode) opens the workbook.

openpyxl resolves the sheet by name, its part inside the zip and the shared-string table. The
rows themselves are streamed with expat straight from the worksheet part: openpyxl's own cell
parser builds an object per cell and is about three times slower, which matters for 10,000-row
banks (see bench/bench_artifacts.py). Should openpyxl's internals change, rows come from
``iter_rows(values_only=True)`` instead. Cell values are returned as text (numbers as written in
the file, booleans as ``TRUE``/``FALSE``); only the text and category columns are used anyway.

The zip central directory has already been checked by :func:`gaicheck.artifacts.source.inspect_file`
(uncompressed size, ratio, member count), so nothing here inflates a zip bomb.
"""

from __future__ import annotations

import warnings
import xml.parsers.expat
from collections.abc import Iterator, Sequence
from typing import IO, Any

from gaicheck.artifacts.source import Limits, Source, open_regular
from gaicheck.errors import InputError

_CHUNK = 1 << 16


def iter_sheet(source: Source, sheet: str | None, limits: Limits) -> Iterator[tuple[int, Sequence[Any]]]:
    """``(row number, cell values)`` of the named sheet, or the first one."""
    import openpyxl  # deferred: only workbooks need it
    from openpyxl.utils.exceptions import InvalidFileException

    fh = open_regular(source.path, source.display, limits)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about unsupported extensions/styles; irrelevant to counting rows
            warnings.simplefilter("ignore")
            try:
                wb = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
            except (InvalidFileException, KeyError, ValueError, OSError, EOFError):
                raise InputError("not a readable .xlsx workbook", source.location()) from None
            except Exception:  # zipfile/XML parser errors of many kinds; never echo their text
                raise InputError("not a readable .xlsx workbook (corrupt or unsupported)",
                                 source.location()) from None
            try:
                ws = _pick_sheet(wb, sheet, source)
                part = getattr(ws, "_worksheet_path", None)
                archive = getattr(wb, "_archive", None)
                shared = getattr(wb, "shared_strings", None)
                if isinstance(part, str) and archive is not None and shared is not None:
                    yield from _stream(archive.open(part), shared, source)
                else:  # pragma: no cover - only if openpyxl's internals change
                    yield from _openpyxl_rows(ws, source)
            finally:
                wb.close()
    finally:
        fh.close()


def _pick_sheet(wb: Any, sheet: str | None, source: Source) -> Any:
    if sheet is None:
        if not wb.worksheets:
            raise InputError("workbook has no worksheet", source.location())
        return wb.worksheets[0]
    if sheet not in wb.sheetnames:
        raise InputError(f"workbook has no sheet named {sheet!r}", source.location())
    return wb[sheet]


def _openpyxl_rows(ws: Any, source: Source) -> Iterator[tuple[int, Sequence[Any]]]:  # pragma: no cover
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # exporters often write a wrong <dimension>; read every row
    try:
        yield from enumerate(ws.iter_rows(values_only=True), start=1)
    except Exception:
        raise InputError("worksheet could not be read (corrupt XML?)", source.location()) from None


def _column(ref: str) -> int:
    """0-based column of a cell reference such as ``AB12``."""
    col = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            col = col * 26 + (ord(ch) - 64)
        elif "a" <= ch <= "z":
            col = col * 26 + (ord(ch) - 96)
        else:
            break
    return col - 1


class _SheetHandler:
    """expat callbacks collecting finished rows into ``ready``."""

    def __init__(self, shared: Sequence[Any]) -> None:
        self.shared = shared
        self.ready: list[tuple[int, list[Any]]] = []
        self.row_number = 0
        self.cells: dict[int, Any] = {}
        self.col = -1
        self.ctype = "n"
        self.parts: list[str] = []
        self.collect = False
        self.skip = 0  # inside <rPh> (phonetic hints) or other ignored text

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(":")[2] if ":" in name else name
        if tag == "c":
            ref = attrs.get("r")
            self.col = _column(ref) if ref else self.col + 1
            self.ctype = attrs.get("t", "n")
            self.parts = []
        elif tag == "v" or (tag == "t" and not self.skip):
            self.collect = True
        elif tag == "rPh":
            self.skip += 1
        elif tag == "row":
            ref = attrs.get("r")
            self.row_number = int(ref) if ref and ref.isdigit() else self.row_number + 1
            self.cells = {}
            self.col = -1

    def end(self, name: str) -> None:
        tag = name.rpartition(":")[2] if ":" in name else name
        if tag in ("v", "t"):
            self.collect = False
        elif tag == "rPh":
            self.skip -= 1
        elif tag == "c":
            self.cells[self.col] = self._value()
        elif tag == "row":
            if self.cells:
                width = max(self.cells) + 1
                row: list[Any] = [None] * width
                for i, v in self.cells.items():
                    if i >= 0:
                        row[i] = v
                self.ready.append((self.row_number, row))

    def text(self, data: str) -> None:
        if self.collect:
            self.parts.append(data)

    def _value(self) -> Any:
        raw = "".join(self.parts)
        if self.ctype == "s":
            try:
                value = self.shared[int(raw)]
            except (ValueError, IndexError):
                return None
            return value if isinstance(value, str) or value is None else str(value)
        if self.ctype == "b":
            return "TRUE" if raw.strip() == "1" else "FALSE"
        return raw if raw != "" else None


def _stream(member: IO[bytes], shared: Sequence[Any], source: Source) -> Iterator[tuple[int, Sequence[Any]]]:
    handler = _SheetHandler(shared)
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
            except (OSError, EOFError, ValueError):
                raise InputError("worksheet could not be read (corrupt archive?)", source.location()) from None
            if handler.ready:
                yield from handler.ready
                handler.ready = []
            if not chunk:
                break
