"""Safe first look at an artifact file: type, limits, sha256 and text encoding, in one binary pass.

Nothing here ever puts file content into a message: errors name the file, the line and what is
wrong (encoding, length, size), because filing material is confidential and may be offensive.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import zipfile
from pathlib import Path

from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import BinaryIO

FORMATS = {
    ".txt": "txt", ".text": "txt", ".lst": "txt",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
}
TEXT_FORMATS = frozenset({"txt", "csv", "tsv", "jsonl"})
_CHUNK = 1 << 20
# Plausibility of a GB18030 decoding: real Chinese text is mostly GB2312 characters; Latin-1 or
# other single-byte text that happens to decode as GB18030 turns into rare extension characters.
_GB_SAMPLE_CHARS = 20_000
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


@record
class Limits:
    """Resource limits for reading one artifact (all configurable)."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_line_bytes: int = 1024 * 1024
    max_xlsx_uncompressed_bytes: int = 1024 * 1024 * 1024
    max_xlsx_ratio: int = 1000          # uncompressed/compressed, for members over 10 MB
    max_xlsx_members: int = 10_000
    # Workbook structure (issue 13 #2), checked while streaming, before anything is allocated for it:
    max_xlsx_rows: int = 1_048_576           # Excel's own limits
    max_xlsx_columns: int = 16_384           # column XFD
    max_xlsx_cells: int = 4_000_000          # cells with a value, in the sheet read
    max_xlsx_row_bytes: int = 1024 * 1024    # text in one row (UTF-8)
    max_xlsx_string_bytes: int = 1024 * 1024  # one shared string
    max_xlsx_part_bytes: int = 16 * 1024 * 1024  # a part read whole: workbook.xml, relationships
    max_xlsx_streamed_bytes: int = 256 * 1024 * 1024  # the worksheet or the shared strings, inflated
    max_xlsx_seconds: float = 60.0           # CPU and wall-clock time for one read of a workbook


@record
class Source:
    """What the first pass learned about a file; ``encoding`` is None for xlsx."""

    path: Path
    display: str
    format: str
    size: int
    sha256: str
    encoding: str | None

    def location(self, line: int | None = None) -> Location:
        """A location in this file (1-based line)."""
        return Location(self.display, line)


def detect_format(path: Path, display: str, explicit: str | None = None) -> str:
    """The reader to use, from ``explicit`` or the file extension."""
    if explicit:
        if explicit not in TEXT_FORMATS | {"xlsx"}:
            raise InputError(f"unknown artifact format {explicit!r}", Location(display))
        return explicit
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError("legacy .xls workbooks are not supported; save as .xlsx or .csv", Location(display))
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"unsupported artifact file type {suffix or '(none)'!r}; use one of {known}",
                         Location(display))
    return FORMATS[suffix]


def open_regular(path: Path, display: str, limits: Limits) -> BinaryIO:
    """Open ``path`` for binary reading after checking it is a regular file within the size limit.

    Stat first so that a directory, FIFO or device is never opened (opening a FIFO blocks);
    fstat again after opening in case the path was swapped in between.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("file not found", Location(display)) from None
    except OSError as exc:
        raise InputError(f"cannot stat file ({exc.strerror})", Location(display)) from None
    _check_stat(st, display, limits)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    except OSError as exc:
        raise InputError(f"cannot open file ({exc.strerror})", Location(display)) from None
    try:
        _check_stat(os.fstat(fh.fileno()), display, limits)
    except BaseException:
        fh.close()
        raise
    return fh


def _check_stat(st: os.stat_result, display: str, limits: Limits) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (directory, FIFO or device?)", Location(display))
    if st.st_size > limits.max_file_bytes:
        raise InputError(f"file is {st.st_size} bytes, over the {limits.max_file_bytes}-byte limit",
                         Location(display))


def inspect_file(path: str | os.PathLike[str], display: str | None = None, *,
                 fmt: str | None = None, limits: Limits | None = None) -> Source:
    """Check, hash and (for text formats) detect the encoding of an artifact file."""
    p = Path(path)
    shown = display if display is not None else str(path)
    lim = limits or Limits()
    kind = detect_format(p, shown, fmt)
    with open_regular(p, shown, lim) as fh:
        if kind == "xlsx":
            digest, size = _hash_only(fh)
            _check_zip(fh, shown, lim)
            return Source(p, shown, kind, size, digest, None)
        digest, size, encoding = _scan_text(fh, shown, lim)
    if encoding is None:
        encoding = _try_gb18030(p, shown, lim)
    return Source(p, shown, kind, size, digest, encoding)


def _hash_only(fh: BinaryIO) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    while chunk := fh.read(_CHUNK):
        h.update(chunk)
        size += len(chunk)
    return h.hexdigest(), size


def _scan_text(fh: BinaryIO, display: str, limits: Limits) -> tuple[str, int, str | None]:
    """sha256, size and encoding (``None`` = not UTF-8, try GB18030); checks line lengths and NULs.

    Chunks are never longer than the line limit, so only the line spanning a chunk boundary can
    exceed it: the check is O(1) per chunk.
    """
    h = hashlib.sha256()
    chunk_size = max(1, min(_CHUNK, limits.max_line_bytes))
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8_ok = True
    size = 0
    newlines = 0          # newlines before the current chunk
    run = 0               # bytes since the last newline
    first = True
    bom = False
    while chunk := fh.read(chunk_size):
        h.update(chunk)
        if first:
            first = False
            if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise InputError("UTF-16/UTF-32 text is not supported; save the file as UTF-8",
                                 Location(display, 1))
            bom = chunk.startswith(codecs.BOM_UTF8)
        nul = chunk.find(b"\x00")
        if nul >= 0:
            line = newlines + chunk.count(b"\n", 0, nul) + 1
            raise InputError("NUL byte in a text file (binary or UTF-16 file?)", Location(display, line))
        nl_first = chunk.find(b"\n")
        if nl_first < 0:
            run += len(chunk)
        else:
            run += nl_first
        if run > limits.max_line_bytes:
            raise InputError(f"line longer than {limits.max_line_bytes} bytes", Location(display, newlines + 1))
        count = chunk.count(b"\n")
        if nl_first >= 0:
            run = len(chunk) - chunk.rfind(b"\n") - 1
            if run > limits.max_line_bytes:
                raise InputError(f"line longer than {limits.max_line_bytes} bytes",
                                 Location(display, newlines + count + 1))
        if utf8_ok and not (chunk.isascii() and not decoder.getstate()[0]):  # ASCII is UTF-8
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
        newlines += count
        size += len(chunk)
    if utf8_ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    encoding = ("utf-8-sig" if bom else "utf-8") if utf8_ok else None
    return h.hexdigest(), size, encoding


def _first_bad_line(path: Path, encoding: str) -> int:
    """1-based line of the first byte that does not decode (lines are split on b"\\n")."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return 1


def _try_gb18030(path: Path, display: str, limits: Limits) -> str:
    """GB18030 (a superset of GBK) if the whole file decodes under it and looks like Chinese."""
    decoder = codecs.getincrementaldecoder("gb18030")("strict")
    sample: list[str] = []
    sampled = 0
    decodes = True
    with open_regular(path, display, limits) as fh:
        try:
            while chunk := fh.read(_CHUNK):
                text = decoder.decode(chunk)
                if sampled < _GB_SAMPLE_CHARS:
                    found = _NON_ASCII_RE.findall(text, 0, 4 * _GB_SAMPLE_CHARS)
                    sample.extend(found[: _GB_SAMPLE_CHARS - sampled])
                    sampled += len(found)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            decodes = False  # raise outside the handler: the decode error holds the file's bytes
    if not decodes:
        return _encoding_error(path, display)
    if sample and sum(_in_gb2312(c) for c in sample) * 2 < len(sample):
        return _encoding_error(path, display)
    return "gb18030"


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _encoding_error(path: Path, display: str) -> str:
    line = _first_bad_line(path, "utf-8")
    raise InputError("text is neither UTF-8 nor GB18030/GBK; save the file as UTF-8",
                     Location(display, line))


def check_zip(fh: BinaryIO, display: str, limits: Limits, *, kind: str = "workbook") -> None:
    """Refuse a zip (an .xlsx ``workbook``, a filing ``bundle``) whose central directory announces
    a zip bomb, before any part is inflated."""
    fh.seek(0)
    label = ".xlsx workbook" if kind == "workbook" else kind
    try:
        with zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        raise InputError(f"not a valid {label} (not a zip archive)",
                         Location(display)) from None
    if len(infos) > limits.max_xlsx_members:
        raise InputError(f"{kind} has {len(infos)} zip members, over {limits.max_xlsx_members}",
                         Location(display))
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > 10 * 1024 * 1024
        if big and info.file_size > limits.max_xlsx_ratio * max(info.compress_size, 1):
            raise InputError(f"{kind} member expands more than "
                             f"{limits.max_xlsx_ratio}x (zip bomb?)", Location(display))
    if total > limits.max_xlsx_uncompressed_bytes:
        raise InputError(f"{kind} expands to {total} bytes, over the "
                         f"{limits.max_xlsx_uncompressed_bytes}-byte limit", Location(display))


_check_zip = check_zip
