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
from typing import Any

from gaicheck.artifacts.source import Limits, Source, open_regular
from gaicheck.artifacts.taxonomy import normalize_label
from gaicheck.errors import InputError

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
    before: list[tuple[int, Sequence[Any]]] = []
    picks: tuple[int | None, ...] | None = None
    for number, row in rows:
        filled = _filled(row)
        if not filled:
            continue  # blank lines before the header
        if not before or filled >= 2:
            picks = resolve_columns(source, row, roles, required, number)
            if picks is not None:
                break
        before.append((number, row))
        if len(before) >= HEADER_SEARCH_ROWS:
            break
    if picks is None:
        if not before:
            return
        if "text" not in roles or any(_filled(r) > 1 for _, r in before):
            missing = [r for r in roles if r in required]
            if missing:
                raise _missing(source, missing[0], roles[missing[0]], before[0][0])
            return
        first_row = before[0][1]
        column = next(i for i, v in enumerate(first_row) if _cell(v))
        picks = (column,) + (None,) * (len(roles) - 1)
        pad: tuple[str | None, ...] = (None,) * (len(roles) - 1)
        for number, row in before:  # a headerless plain list: these rows are items
            value = _cell(row[column]) if column < len(row) else None
            if value is not None:
                yield number, (value,) + pad
    if strings and len(picks) == 2:
        yield from _two_strings(rows, picks)
    else:
        yield from _generic(rows, picks)


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
