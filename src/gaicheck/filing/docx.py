"""Markdown drafts as .docx (optional extra: ``pip install 'gaicheck[docx]'``).

A deliberately small converter for the Markdown the templates produce: ``#`` headings, paragraphs,
``-`` and ``1.`` lists, ``>`` notes, pipe tables and ``**bold**``/`` `code` `` spans.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

_INLINE = re.compile(r"(\*\*[^*]+\*\*|`[^`]+`)")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def available() -> bool:
    """True when python-docx can be imported."""
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return True


def _runs(paragraph: Any, text: str) -> None:
    text = text.replace("<br>", "\n").replace("\\|", "|")
    for part in _INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("`") and part.endswith("`") and len(part) > 2:
            paragraph.add_run(part[1:-1]).font.name = "Consolas"
        else:
            paragraph.add_run(part)


def _cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def _style(document: Any, name: str, fallback: str = "Normal") -> str:
    return name if name in [s.name for s in document.styles] else fallback


def markdown_to_docx(markdown: str, *, as_of: dt.date) -> bytes:
    """The Markdown ``markdown`` as a .docx file's bytes (core dates fixed to ``as_of``)."""
    from docx import Document

    document = Document()
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
    props = document.core_properties
    props.created = props.modified = stamp
    props.author = props.last_modified_by = "gaicheck"
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            level = min(len(heading.group(1)), 4)
            _runs(document.add_heading("", level=level), heading.group(2))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            block = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                if not _TABLE_RULE.match(lines[i].strip()):
                    block.append(_cells(lines[i]))
                i += 1
            width = max(len(r) for r in block)
            table = document.add_table(rows=len(block), cols=width)
            table.style = _style(document, "Table Grid")
            for r, row in enumerate(block):
                for c in range(width):
                    cell = table.cell(r, c)
                    _runs(cell.paragraphs[0], row[c] if c < len(row) else "")
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            continue
        bullet = re.match(r"^(\s*)[-*]\s+(.*)$", line)
        numbered = re.match(r"^(\s*)\d+[.)]\s+(.*)$", line)
        if bullet or numbered:
            m = bullet or numbered
            assert m is not None
            nested = len(m.group(1)) >= 2
            base = "List Bullet" if bullet else "List Number"
            style = _style(document, base + (" 2" if nested else ""), _style(document, base))
            _runs(document.add_paragraph(style=style), m.group(2))
            i += 1
            continue
        if line.startswith(">"):
            _runs(document.add_paragraph(style=_style(document, "Intense Quote", "Quote")), line.lstrip("> "))
            i += 1
            continue
        if re.match(r"^-{3,}$", line.strip()):
            i += 1
            continue
        # A paragraph: consecutive non-empty, non-special lines.
        para = [line.strip()]
        i += 1
        while i < len(lines) and lines[i].strip() and not re.match(r"^(#|\||>|\s*[-*]\s|\s*\d+[.)]\s)", lines[i]):
            para.append(lines[i].strip())
            i += 1
        _runs(document.add_paragraph(), " ".join(para))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
