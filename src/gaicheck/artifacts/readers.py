"""Streaming readers: every format yields ``(line, values)`` rows, one value per requested role.

A *role* is what a column means to gaicheck (``text``, ``category``, ``verdict``); each role has a
list of accepted header names (English and Chinese defaults, overridable in the declaration's
settings). ``.txt`` has a single ``text`` role. Rows are numbered by the physical line (text
formats; the first line of a multi-line CSV record) or the sheet row (xlsx), 1-based.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate, chain, compress, islice
from operator import itemgetter, methodcaller

from gaicheck.artifacts.source import Limits, Source, open_regular
from gaicheck.artifacts.taxonomy import normalize_label
from gaicheck.errors import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

Row = tuple[int, tuple[str | None, ...]]
HEADER_SEARCH_ROWS = 5

TEXT_COLUMNS: tuple[str, ...] = (
    "text", "keyword", "keywords", "question", "questions", "prompt", "query", "item", "content",
    "关键词", "拦截关键词", "敏感词", "题目", "问题", "试题", "测试题", "测试题目", "内容", "文本", "提示词",
)
CATEGORY_COLUMNS: tuple[str, ...] = (
    "category", "risk", "risk_category", "risk_code", "label", "type", "class",
    "风险类别", "风险类型", "风险分类", "类别", "分类", "类型", "风险", "标签", "所属类别", "方面",
)
VERDICT_COLUMNS: tuple[str, ...] = (
    "verdict", "result", "outcome", "judgement", "judgment", "passed", "refused", "status",
    "结果", "判定", "判定结果", "结论", "评估结果", "测试结果", "是否通过", "是否拒答", "是否合格",
)


def _index(header: Sequence[Any]) -> dict[str, int]:
    """Normalised header name -> first column index."""
    table: dict[str, int] = {}
    for i, name in enumerate(header):
        if name is None:
            continue
        key = normalize_label(str(name))
        if key and key not in table:
            table[key] = i
    return table


def _pick(table: Mapping[str, int], names: Sequence[str]) -> int | None:
    for name in names:
        hit = table.get(normalize_label(name))
        if hit is not None:
            return hit
    return None


def _missing(source: Source, role: str, names: Sequence[str], line: int) -> InputError:
    shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
    return InputError(f"no {role} column: expected a header named one of {shown} "
                      f"(configure settings.artifacts.columns.{role})", source.location(line))


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    return text or None


def resolve_columns(source: Source, header: Sequence[Any], roles: Mapping[str, Sequence[str]],
                    required: Sequence[str], line: int) -> tuple[int | None, ...] | None:
    """Column index per role, or ``None`` when the row names no role at all (not a header).

    A header that lacks a required role is an :class:`InputError` at the header line.
    """
    table = _index(header)
    picks = tuple(_pick(table, names) for names in roles.values())
    if all(p is None for p in picks):
        return None
    for (role, names), pick in zip(roles.items(), picks):
        if pick is None and role in required:
            raise _missing(source, role, names, line)
    return picks


def iter_rows(source: Source, roles: Mapping[str, Sequence[str]], required: Sequence[str] = ("text",),
              *, sheet: str | None = None, limits: Limits | None = None) -> Iterator[Row]:
    """Rows of ``source`` projected on ``roles`` (values stripped; empty cells are ``None``).

    When ``roles`` has a ``text`` role it must come first: a ``.txt`` line or a headerless
    one-column file fills that first value.
    """
    lim = limits or Limits()
    if source.format == "xlsx":
        from gaicheck.artifacts.xlsx import iter_sheet  # zipfile/expat, imported only for workbooks

        yield from _project(source, iter_sheet(source, sheet, lim), roles, required, strings=True)
    elif source.format == "txt":
        if set(required) - {"text"}:
            raise InputError(f"a .txt file has no {', '.join(sorted(set(required) - {'text'}))} column",
                             source.location())
        pad = (None,) * (len(roles) - 1)
        for number, line in _text_lines(source, lim):
            text = line.strip()
            if text:
                yield number, (text,) + pad
    elif source.format in ("csv", "tsv"):
        yield from _project(source, _csv_rows(source, lim), roles, required, strings=True)
    elif source.format == "jsonl":
        yield from _jsonl_rows(source, roles, required, lim)
    else:  # pragma: no cover - detect_format admits nothing else
        raise InputError(f"unsupported format {source.format!r}", source.location())


Batch = tuple[Sequence[int], list[str], Sequence[str | None] | None]
BATCH_ROWS = 1 << 14
_TEXT_CHUNK = 1 << 18  # characters read at once by the plain-text batch reader


def iter_batches(source: Source, roles: Mapping[str, Sequence[str]], required: Sequence[str] = ("text",),
                 *, sheet: str | None = None, limits: Limits | None = None) -> Iterator[Batch]:
    """The rows of :func:`iter_rows` that have a text, in batches: ``(line numbers, texts, categories)``.

    ``categories`` is ``None`` when the format has no category column (a ``.txt`` list). Texts are
    stripped and never empty. A ``.txt`` file is read in large chunks and split at C speed (the
    same physical lines, numbered the same way, as :func:`iter_rows`); other formats group the rows.
    """
    lim = limits or Limits()
    if source.format == "txt" and not set(required) - {"text"}:
        yield from _text_batches(source, lim)
        return
    if source.format in ("csv", "tsv") and len(roles) == 2 and next(iter(roles)) == "text":
        yield from _csv_batches(source, roles, required, lim)
        return
    numbers: list[int] = []
    texts: list[str] = []
    labels: list[str | None] = []
    for number, values in iter_rows(source, roles, required, sheet=sheet, limits=lim):
        text = values[0]
        if text is None:
            continue
        numbers.append(number)
        texts.append(text)
        labels.append(values[1] if len(values) > 1 else None)
        if len(texts) >= BATCH_ROWS:
            yield numbers, texts, labels
            numbers, texts, labels = [], [], []
    if texts:
        yield numbers, texts, labels


def _text_batches(source: Source, limits: Limits) -> Iterator[Batch]:
    fh = open_regular(source.path, source.display, limits)
    # newline="\n": lines end at "\n" only, as in _text_lines (a stray \r is stripped with the rest)
    with io.TextIOWrapper(fh, encoding=source.encoding, errors="strict", newline="\n") as text:
        base, rest = 1, ""
        try:
            while True:
                chunk = text.read(_TEXT_CHUNK)
                if not chunk:
                    break
                if rest:
                    chunk = rest + chunk
                cut = chunk.rfind("\n")
                if cut < 0:
                    rest = chunk
                    continue
                rest = chunk[cut + 1:]
                lines = chunk[:cut].split("\n")
                yield _line_batch(base, lines)
                base += len(lines)
        except UnicodeDecodeError:  # the file changed since it was scanned
            raise InputError("file changed while being read (encoding error)", source.location()) from None
        if rest:
            yield _line_batch(base, [rest])


def _line_batch(base: int, lines: list[str]) -> Batch:
    stripped = list(map(str.strip, lines))
    if "" not in stripped:
        return range(base, base + len(stripped)), stripped, None
    numbers = [base + i for i, t in enumerate(stripped) if t]
    return numbers, [t for t in stripped if t], None


class _Grid:
    """Rows of equal width kept as one flat list of cells (``cells[r * width + c]``), so that a
    column is a slice: a batch of plain CSV lines costs no list per row."""

    __slots__ = ("cells", "width", "start", "n")

    def __init__(self, cells: list[str], width: int, start: int, n: int) -> None:
        self.cells, self.width, self.start, self.n = cells, width, start, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):  # only rows[i:] (the rest of a batch after the header)
            first = min(k.start or 0, self.n)
            return _Grid(self.cells, self.width, self.start + first, self.n - first)
        if not 0 <= k < self.n:
            raise IndexError(k)
        b = (self.start + k) * self.width
        return self.cells[b:b + self.width]

    def __iter__(self) -> Iterator[list[str]]:
        w = self.width
        return (self.cells[b:b + w] for b in range(self.start * w, (self.start + self.n) * w, w))

    def column(self, c: int) -> list[str]:
        return self.cells[self.start * self.width + c::self.width]


class _Pairs:
    """``(number, row)`` pairs over row batches, for the header search, which can then hand the
    rest of the current batch and the later batches back in bulk (:meth:`rest`)."""

    def __init__(self, batches: Iterator[tuple[Sequence[int], list[list[str]]]]) -> None:
        self.batches = batches
        self.numbers: Sequence[int] = ()
        self.rows: list[list[str]] = []
        self.i = 0

    def __iter__(self) -> _Pairs:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        while self.i >= len(self.rows):
            self.numbers, self.rows = next(self.batches)
            self.i = 0
        k = self.i
        self.i += 1
        return self.numbers[k], self.rows[k]

    def rest(self) -> Iterator[tuple[Sequence[int], list[list[str]]]]:
        if self.i < len(self.rows):
            yield self.numbers[self.i:], self.rows[self.i:]
        yield from self.batches


def _csv_batches(source: Source, roles: Mapping[str, Sequence[str]], required: Sequence[str],
                 limits: Limits) -> Iterator[Batch]:
    """:func:`iter_batches` for CSV/TSV (text and category roles): the same rows as
    :func:`iter_rows`, the header found the same way, the rest projected batch by batch."""
    pairs = _Pairs(_csv_row_batches(source, limits))
    items, picks = _find_header(source, pairs, roles, required)
    if items:
        yield [n for n, _ in items], [v[0] for _, v in items], [None] * len(items)  # a headerless list
    if picks is None:
        return
    i, j = picks
    need = max(i if i is not None else -1, j if j is not None else -1) + 1
    for numbers, rows in pairs.rest():
        if isinstance(rows, _Grid) and rows.width >= need and i is not None:
            texts = list(map(str.strip, rows.column(i)))
            labels = list(map(str.strip, rows.column(j))) if j is not None else [None] * len(rows)
        elif not isinstance(rows, _Grid) and rows and min(map(len, rows)) >= need and i is not None:
            texts = list(map(str.strip, map(itemgetter(i), rows)))
            labels: list[str | None] = (list(map(str.strip, map(itemgetter(j), rows))) if j is not None
                                        else [None] * len(rows))
        else:  # short rows (a blank line, a missing cell): cell by cell
            texts, labels = [], []
            for row in rows:
                width = len(row)
                x = row[i] if i is not None and i < width else ""
                y = row[j] if j is not None and j < width else ""
                texts.append(x.strip())
                labels.append(y.strip())
        if "" in texts:  # a row without text: not an item
            keep = list(map(bool, texts))
            numbers = list(compress(numbers, keep))
            texts = list(compress(texts, keep))
            labels = list(compress(labels, keep))
        if "" in labels:
            labels = [b or None for b in labels]
        if texts:
            yield numbers, texts, labels


class _Recount(Exception):
    """The physical lines of a batch's records could not be told apart (never expected)."""


def _lines_in(row: list[str]) -> int:
    """Physical lines a record spans: 1 plus the line breaks inside its quoted fields."""
    n = 1
    for field in row:
        if "\n" in field or "\r" in field:
            n += field.count("\n") + field.count("\r") - field.count("\r\n")
    return n


def _equal_width(flat: str, delimiter: str, n_lines: int) -> int:
    """The number of cells of every line of ``flat`` (lines split at "\\n", cells at the
    delimiter) when all lines have the same, else 0. The delimiters and line breaks, kept in order
    at C speed, must repeat one pattern: ``k`` delimiters, a line break, ``k`` delimiters …"""
    n_delims = flat.count(delimiter)
    k, extra = divmod(n_delims, n_lines)
    if extra:
        return 0
    if k == 0:
        return 1
    seps = flat.encode("utf-8", "surrogatepass").translate(None, _KEEP_ONLY[delimiter])
    line = delimiter.encode() * k
    return k + 1 if seps == (line + b"\n") * (n_lines - 1) + line else 0


_KEEP_ONLY = {d: bytes(b for b in range(256) if b not in (ord(d), 10)) for d in (",", "\t")}


def _csv_row_batches(source: Source, limits: Limits) -> Iterator[tuple[Sequence[int], list[list[str]]]]:
    """The records of :func:`_csv_rows` in batches, with the same start lines.

    While the text holds no quote character (and no lone carriage return), every physical line is
    one record and the delimiter splits it: chunks are split at C speed. From the first chunk with
    a quote on, the C reader takes over in bulk: a batch whose records span one line each is
    numbered by a range, one holding a multi-line record from the line breaks inside its fields.
    """
    csv.field_size_limit(max(limits.max_line_bytes, 131072))
    delimiter = "\t" if source.format == "tsv" else ","
    split = methodcaller("split", delimiter)
    fh = open_regular(source.path, source.display, limits)
    done = 0  # records yielded
    with io.TextIOWrapper(fh, encoding=source.encoding, errors="strict", newline="") as text:
        try:
            base, rest, stream = 0, "", None
            while stream is None:
                data = text.read(_TEXT_CHUNK)
                chunk = rest + data if rest else data
                if not chunk:
                    return
                if data:
                    cut = chunk.rfind("\n")
                    if cut < 0:  # no complete line yet: read on
                        rest = chunk
                        continue
                    body, rest = chunk[:cut], chunk[cut + 1:]
                else:  # end of file: a last line without a newline
                    body, rest = chunk, ""
                flat = body.replace("\r\n", "\n") if "\r" in body else body
                if '"' in flat or "\r" in flat:
                    if rest:  # end the buffered text at a line end, where the file's lines resume
                        chunk += text.readline()
                    stream = chain(io.StringIO(chunk, newline=""), text)  # the C reader from here on
                    break
                n_lines = flat.count("\n") + 1
                width = _equal_width(flat, delimiter, n_lines)
                if width:  # every line has as many cells: one flat list, no list per row
                    cells = flat.replace(delimiter, "\n").split("\n") if width > 1 else flat.split("\n")
                    yield range(base + 1, base + 1 + n_lines), _Grid(cells, width, 0, n_lines)
                else:
                    yield range(base + 1, base + 1 + n_lines), list(map(split, flat.split("\n")))
                base += n_lines
                done += n_lines
                if not data:
                    return
            reader = csv.reader(stream, delimiter=delimiter)
            while True:
                before = reader.line_num
                rows = list(islice(reader, BATCH_ROWS))
                if not rows:
                    return
                after = reader.line_num
                if after - before == len(rows):
                    numbers: Sequence[int] = range(base + before + 1, base + after + 1)
                else:
                    spans = list(map(_lines_in, rows))
                    if sum(spans) != after - before:
                        raise _Recount
                    numbers = list(accumulate(spans[:-1], initial=base + before + 1))
                yield numbers, rows
                done += len(rows)
        except (csv.Error, UnicodeDecodeError, _Recount):
            pass  # read again one record at a time: the located error, or the exact numbers
    rest_rows = _csv_rows(source, limits)
    for _ in islice(rest_rows, done):
        pass
    for number, row in rest_rows:
        yield [number], [row]


def _text_lines(source: Source, limits: Limits) -> Iterator[tuple[int, str]]:
    fh = open_regular(source.path, source.display, limits)
    # newline="\n": number lines the way the first pass counted them (a stray \r stays in the line
    # and is stripped with the other whitespace).
    with io.TextIOWrapper(fh, encoding=source.encoding, errors="strict", newline="\n") as text:
        try:
            yield from enumerate(text, start=1)
        except UnicodeDecodeError:  # the file changed since it was scanned
            raise InputError("file changed while being read (encoding error)", source.location()) from None


def _csv_rows(source: Source, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    csv.field_size_limit(max(limits.max_line_bytes, 131072))
    delimiter = "\t" if source.format == "tsv" else ","
    fh = open_regular(source.path, source.display, limits)
    with io.TextIOWrapper(fh, encoding=source.encoding, errors="strict", newline="") as text:
        reader = csv.reader(text, delimiter=delimiter)
        start = 1
        try:
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        except csv.Error as exc:
            # csv messages describe the syntax problem only, never the field content
            raise InputError(f"malformed {source.format.upper()} ({exc})", source.location(start)) from None
        except UnicodeDecodeError:
            raise InputError("file changed while being read (encoding error)", source.location()) from None


def _filled(row: Sequence[Any]) -> int:
    return sum(1 for v in row if _cell(v))


def _project(source: Source, rows: Iterator[tuple[int, Sequence[Any]]],
             roles: Mapping[str, Sequence[str]], required: Sequence[str], *, strings: bool = False) -> Iterator[Row]:
    """Find the header (or decide the file has none), then project every row on the roles.

    The header is the first non-blank row, or — after title rows such as "XX公司拦截关键词列表" —
    a later row among the first :data:`HEADER_SEARCH_ROWS` that names a role and has at least two
    cells. Title rows are not items. Without a header, a one-column file is a plain list; anything
    else lacks its required column (:class:`InputError`).

    ``strings``: cells are ``str`` or ``None`` (CSV/TSV, streamed xlsx), which allows a faster loop.
    """
    items, picks = _find_header(source, rows, roles, required)
    yield from items
    if picks is None:
        return
    if strings and len(picks) == 2:
        yield from _two_strings(rows, picks)
    else:
        yield from _generic(rows, picks)


def _find_header(source: Source, rows: Iterator[tuple[int, Sequence[Any]]], roles: Mapping[str, Sequence[str]],
                 required: Sequence[str]) -> tuple[list[Row], tuple[int | None, ...] | None]:
    """Read ``rows`` up to the header: the items read on the way (a headerless list's first rows)
    and the column per role, or ``None`` when nothing is left to read."""
    before: list[tuple[int, Sequence[Any]]] = []
    picks: tuple[int | None, ...] | None = None
    for number, row in rows:
        filled = _filled(row)
        if not filled:
            continue  # blank lines before the header
        if not before or filled >= 2:
            picks = resolve_columns(source, row, roles, required, number)
            if picks is not None:
                return [], picks
        before.append((number, row))
        if len(before) >= HEADER_SEARCH_ROWS:
            break
    if not before:
        return [], None
    if "text" not in roles or any(_filled(r) > 1 for _, r in before):
        missing = [r for r in roles if r in required]
        if missing:
            raise _missing(source, missing[0], roles[missing[0]], before[0][0])
        return [], None
    first_row = before[0][1]
    column = next(i for i, v in enumerate(first_row) if _cell(v))
    pad: tuple[str | None, ...] = (None,) * (len(roles) - 1)
    items = []
    for number, row in before:  # a headerless plain list: these rows are items
        value = _cell(row[column]) if column < len(row) else None
        if value is not None:
            items.append((number, (value,) + pad))
    return items, (column,) + pad


def _generic(rows: Iterator[tuple[int, Sequence[Any]]], picks: tuple[int | None, ...]) -> Iterator[Row]:
    for number, row in rows:
        width = len(row)
        values = tuple(_cell(row[i]) if i is not None and i < width else None for i in picks)
        if any(v is not None for v in values):
            yield number, values


def _two_strings(rows: Iterator[tuple[int, Sequence[Any]]], picks: tuple[int | None, ...]) -> Iterator[Row]:
    """The hot loop for two-role rows (text, category) of str/None cells: no per-cell calls."""
    i, j = picks
    for number, row in rows:
        width = len(row)
        x = row[i] if i is not None and i < width else None
        y = row[j] if j is not None and j < width else None
        a = x.strip() if type(x) is str else (_cell(x) or "")
        b = y.strip() if type(y) is str else (_cell(y) or "")
        if a or b:
            yield number, (a or None, b or None)


def _jsonl_rows(source: Source, roles: Mapping[str, Sequence[str]], required: Sequence[str],
                limits: Limits) -> Iterator[Row]:
    names = list(roles.values())
    key_cache: dict[tuple[str, ...], tuple[str | None, ...]] = {}
    for number, line in _text_lines(source, limits):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise InputError("invalid JSON on this line", source.location(number)) from None
        except RecursionError:  # nested thousands deep
            raise InputError("JSON nested too deeply on this line", source.location(number)) from None
        if isinstance(obj, str):
            if set(required) - {"text"}:
                raise _missing(source, next(r for r in required if r != "text"),
                               roles[next(r for r in required if r != "text")], number)
            yield number, (_cell(obj),) + (None,) * (len(roles) - 1)
            continue
        if not isinstance(obj, dict):
            raise InputError("each JSONL line must be an object or a string", source.location(number))
        keys = tuple(obj)
        chosen = key_cache.get(keys)
        if chosen is None:
            table = _index(keys)
            idx = [_pick(table, n) for n in names]
            chosen = tuple(keys[i] if i is not None else None for i in idx)
            for (role, accepted), key in zip(roles.items(), chosen):
                if key is None and role in required:
                    raise _missing(source, role, accepted, number)
            if len(key_cache) < 256:
                key_cache[keys] = chosen
        values = tuple(_cell(_scalar(obj[k])) if k is not None else None for k in chosen)
        if any(v is not None for v in values):
            yield number, values


def _scalar(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
