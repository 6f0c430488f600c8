"""Streaming rows of an .xlsx worksheet with the standard library (zipfile + expat).

The workbook part, its sheets, their parts and the shared-string table are resolved from the
package relationships (``_rels/.rels``, ``xl/_rels/workbook.xml.rels``); the rows are streamed with
expat straight from the worksheet part. openpyxl is not imported on this path: its import and
workbook load cost more than counting a 10,000-row bank (see bench/bench_artifacts.py), and this
runs in a pre-commit hook. Cell values are returned as text (numbers as written in the file,
booleans as ``TRUE``/``FALSE``); only the text and category columns are used anyway.

The zip central directory has already been checked by :func:`gaicheck.artifacts.source.inspect_file`
(uncompressed size, ratio, member count), so nothing here inflates a zip bomb.
"""

from __future__ import annotations

import posixpath
import xml.parsers.expat
import zipfile
from collections.abc import Iterator, Sequence
from typing import IO, Any

from gaicheck.artifacts.source import Limits, Source, open_regular
from gaicheck.errors import InputError

_CHUNK = 1 << 16
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def iter_sheet(source: Source, sheet: str | None, limits: Limits) -> Iterator[tuple[int, Sequence[Any]]]:
    """``(row number, cell values)`` of the named sheet, or the first one."""
    fh = open_regular(source.path, source.display, limits)
    try:
        try:
            zf = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise InputError("not a readable .xlsx workbook", source.location()) from None
        with zf:
            try:
                part, shared_part = _resolve(zf, sheet, source)
                shared = _shared_strings(zf, shared_part, source) if shared_part else []
                member = zf.open(part)
            except InputError:
                raise
            except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, xml.parsers.expat.ExpatError):
                # never echo the parser's or zipfile's text: it may quote content
                raise InputError("not a readable .xlsx workbook (corrupt or unsupported)", source.location()) from None
            yield from _stream(member, shared, source)
    finally:
        fh.close()


def _parse_small(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """(namespaced tag, attributes) of every element of a small XML part."""
    out: list[tuple[str, dict[str, str]]] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda name, attrs: out.append((name.rpartition(" ")[2], attrs))
    parser.Parse(data, True)
    return out


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationships of ``part``: id -> (type suffix, target part name)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.NameToInfo:
        return {}
    out = {}
    for tag, attrs in _parse_small(zf.read(rels_name)):
        if tag == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[attrs.get("Id", "")] = (attrs.get("Type", "").rpartition("/")[2], target)
    return out


def _resolve(zf: zipfile.ZipFile, sheet: str | None, source: Source) -> tuple[str, str | None]:
    """(worksheet part, shared-strings part or None) for ``sheet`` (default: the first)."""
    workbook = next((t for kind, t in _rels(zf, "").values() if kind == "officeDocument"), "xl/workbook.xml")
    rels = _rels(zf, workbook)
    sheets = [(a.get("name", ""), a.get(f"{_REL_NS} id", "")) for tag, a in _parse_small(zf.read(workbook)) if tag == "sheet"]
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


def _shared_strings(zf: zipfile.ZipFile, part: str, source: Source) -> list[str]:
    """The shared-string table: the text of each ``<si>`` (rich-text runs joined, phonetics skipped)."""
    strings: list[str] = []
    parts: list[str] = []
    state = {"collect": False, "skip": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        if tag == "si":
            parts.clear()
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
            parts.append(data)

    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    with zf.open(part) as member:
        while chunk := member.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    return strings


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
