"""File writers for artifact tests: neutral placeholder text, every format and encoding.

Nothing here is real filing content; items read "placeholder item 00042" / "占位条目 00042".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

Item = tuple[str, "str | None"]
TEXT_FORMATS = ("txt", "csv", "tsv", "jsonl")
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
# (format, encoding) pairs; xlsx has no text encoding
FORMAT_ENCODINGS = [(f, e) for f in TEXT_FORMATS for e in ENCODINGS] + [("xlsx", None)]


def placeholder(i: int, zh: bool = False) -> str:
    """A neutral, unique placeholder item."""
    return f"占位条目 {i:05d}" if zh else f"placeholder item {i:05d}"


def write_items(path: Path, items: Sequence[Item], *, fmt: str | None = None, encoding: str | None = "utf-8",
                header: Sequence[str] = ("关键词", "风险类别"), sheet: str = "Sheet1") -> Path:
    """Write ``(text, category)`` items in ``fmt`` (default: from the suffix)."""
    fmt = fmt or path.suffix.lstrip(".")
    enc = encoding or "utf-8"
    if fmt == "txt":
        path.write_bytes("".join(f"{t}\n" for t, _ in items).encode(enc))
    elif fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
        if header:
            w.writerow(header)
        w.writerows([t, c or ""] for t, c in items)
        path.write_bytes(buf.getvalue().encode(enc))
    elif fmt == "jsonl":
        key_t, key_c = (header or ("text", "category"))[:2]
        lines = [json.dumps({key_t: t, key_c: c}, ensure_ascii=False) for t, c in items]
        path.write_bytes("".join(f"{line}\n" for line in lines).encode(enc))
    elif fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sheet
        if header:
            ws.append(list(header))
        for t, c in items:
            ws.append([t, c])
        wb.save(path)
    else:
        raise ValueError(fmt)
    return path


def write_rows(path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8") -> Path:
    """Write raw rows (header included) as CSV/TSV/JSONL(objects from header)/XLSX."""
    fmt = path.suffix.lstrip(".")
    if fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(list(r))
        wb.save(path)
    elif fmt == "jsonl":
        head, *body = rows
        text = "".join(json.dumps(dict(zip(head, r)), ensure_ascii=False) + "\n" for r in body)
        path.write_bytes(text.encode(encoding))
    else:
        buf = io.StringIO()
        csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n").writerows(rows)
        path.write_bytes(buf.getvalue().encode(encoding))
    return path
