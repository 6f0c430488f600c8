"""The two output formats of a draft: Markdown text and WordprocessingML for the .docx template.

A draft template (``templates/cn/*.j2``) never writes Markdown or XML itself: it calls the block
functions of a writer — ``t.h()``, ``t.p()``, ``t.table()``/``t.row()``/``t.end()``,
``t.check()`` … — and the writer of the format being rendered collects the blocks. The same
template therefore gives the Markdown working draft and the body of the .docx submission copy,
and neither is converted from the other. Every block function returns ``""``; text a template
leaves outside a block call is an error (see :func:`gaicheck.filing.drafts.render_one`).

Headings are numbered in the GB/T 9704-2012 hierarchy (一、 （一） 1. （1）) and articles as
第一条; in Word the numbers come from the template's numbering bound to the heading styles.
``clean=True`` (the submission copy) drops the working-draft notes and the English glosses.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional, Sequence

BOLD_OPEN, BOLD_CLOSE = "\ue000", "\ue001"
_BOLD = re.compile(f"{BOLD_OPEN}(.*?){BOLD_CLOSE}", re.S)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DIGITS = "零一二三四五六七八九"
CHECKED, UNCHECKED = "☑", "☐"
TEXT_WIDTH = 8845  # twips: A4 width minus the GB/T 9704 margins (scripts/build_docx_template.py)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (1–99; larger numbers in digits)."""
    if n < 1 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 ordinal of the n-th heading at ``level`` (1–4)."""
    return {1: f"{chinese_number(n)}、", 2: f"（{chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def _joined(text: str) -> str:
    """The lines of a call block as one paragraph: Chinese lines join without a space."""
    out = ""
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if out and (out[-1].isascii() and out[-1].isalnum()) and (line[0].isascii() and line[0].isalnum()):
            out += " "
        out += line
    return out


def _text(text: Any, caller: Optional[Callable[[], str]]) -> str:
    if caller is not None:
        return _joined(caller())
    return "" if text is None else str(text)


class Writer:
    """Collects the blocks of one draft; subclasses render them."""

    def __init__(self, *, clean: bool) -> None:
        self.clean = clean
        self.blocks: list[str] = []
        self.title_text = ""
        self._counters = [0, 0, 0, 0]
        self._articles = 0
        self._items = 0
        self._table: Optional[dict[str, Any]] = None
        self.headings: list[str] = []   # numbered heading texts, for tests and the index

    # --- inline -----------------------------------------------------------------------------
    @staticmethod
    def b(text: Any) -> str:
        """``text`` in bold (inside a paragraph or a table cell)."""
        return f"{BOLD_OPEN}{text}{BOLD_CLOSE}"

    # --- blocks -----------------------------------------------------------------------------
    def title(self, text: Any) -> str:
        """The document title (the .docx shows it in the title block)."""
        self.title_text = _joined(str(text))
        self._title(self.title_text)
        return ""

    def h(self, level: int, zh: str, en: Optional[str] = None, numbered: bool = True) -> str:
        """A heading at ``level`` 1–4, numbered 一、 （一） 1. （1） unless ``numbered`` is false."""
        self._items = 0
        number = ""
        if numbered:
            self._counters[level - 1] += 1
            for deeper in range(level, 4):
                self._counters[deeper] = 0
            number = heading_number(level, self._counters[level - 1])
            self.headings.append(number + zh)
        text = zh if self.clean or not en else f"{zh} {en}"
        self._heading(level, number, text, numbered)
        return ""

    def article(self, zh: str, en: Optional[str] = None) -> str:
        """An article heading of an agreement: 第一条 …"""
        self._items = 0
        self._articles += 1
        number = f"第{chinese_number(self._articles)}条　"
        self.headings.append(number + zh)
        self._article(number, zh if self.clean or not en else f"{zh} {en}")
        return ""

    def p(self, text: Any = None, caller: Optional[Callable[[], str]] = None) -> str:
        """A paragraph (``{{ t.p("…") }}`` or ``{% call t.p() %}…{% endcall %}``)."""
        self._items = 0
        body = _text(text, caller)
        if body:
            self._para(body)
        return ""

    def note(self, text: Any = None, caller: Optional[Callable[[], str]] = None) -> str:
        """A working-draft note (sources, tool provenance, English): dropped from the clean copy."""
        if not self.clean:
            body = _text(text, caller)
            if body:
                self._note(body)
        return ""

    def item(self, text: Any = None, caller: Optional[Callable[[], str]] = None) -> str:
        """A numbered list item (1. 2. …; the numbering restarts after any other block)."""
        body = _text(text, caller)
        if body:
            self._items += 1
            self._item(self._items, body)
        return ""

    def check(self, checked: Any, text: Any = None, caller: Optional[Callable[[], str]] = None) -> str:
        """A checkbox item: ☑ when ``checked`` is true, else ☐."""
        self._items = 0
        self._check(bool(checked), _text(text, caller))
        return ""

    def checks(self, options: Sequence[Sequence[Any]], label: str = "") -> str:
        """One line of checkboxes: ``[(checked, text), …]`` after an optional label."""
        self._items = 0
        self._checks(label, [(bool(c), str(t)) for c, t in options])
        return ""

    def table(self, header: Sequence[Any], widths: Optional[Sequence[float]] = None) -> str:
        """Start a table; ``widths`` are relative column widths. Close it with :meth:`end`."""
        self._items = 0
        if self._table is not None:
            raise ValueError("table() inside an open table")
        n = len(header)
        w = list(widths) if widths else [1.0] * n
        if len(w) != n:
            raise ValueError("widths and header differ in length")
        self._table = {"header": [str(h) for h in header], "widths": w, "rows": []}
        return ""

    def row(self, *cells: Any) -> str:
        """A table row; a cell may hold several lines (``\\n``)."""
        if self._table is None:
            raise ValueError("row() outside a table")
        if len(cells) != len(self._table["header"]):
            raise ValueError(f"row of {len(cells)} cells in a table of {len(self._table['header'])} columns")
        self._table["rows"].append(["" if c is None else str(c) for c in cells])
        return ""

    def end(self) -> str:
        """Close the open table."""
        if self._table is None:
            raise ValueError("end() without a table")
        table, self._table = self._table, None
        self._render_table(table["header"], table["widths"], table["rows"])
        return ""

    def fields(self, rows: Sequence[Sequence[Any]], header: Sequence[str] = ("项目", "内容")) -> str:
        """A two-column label/value table."""
        self.table(header, (1, 2.4))
        for label, value in rows:
            self.row(label, value)
        return self.end()

    def sign(self, text: Any = None, caller: Optional[Callable[[], str]] = None) -> str:
        """A signature or date line, right-aligned in Word."""
        self._items = 0
        self._sign(_text(text, caller))
        return ""

    def finish(self) -> str:
        """The rendered body."""
        if self._table is not None:
            raise ValueError("a table was not closed with end()")
        return self._join()

    # --- format hooks -----------------------------------------------------------------------
    def _title(self, text: str) -> None: ...
    def _heading(self, level: int, number: str, text: str, numbered: bool) -> None: ...
    def _article(self, number: str, text: str) -> None: ...
    def _para(self, text: str) -> None: ...
    def _note(self, text: str) -> None: ...
    def _item(self, n: int, text: str) -> None: ...
    def _check(self, checked: bool, text: str) -> None: ...
    def _checks(self, label: str, options: list[tuple[bool, str]]) -> None: ...
    def _render_table(self, header: list[str], widths: list[float], rows: list[list[str]]) -> None: ...
    def _sign(self, text: str) -> None: ...
    def _join(self) -> str:
        return ""


# --- Markdown -----------------------------------------------------------------------------------

def _md(text: str) -> str:
    return _BOLD.sub(lambda m: f"**{m.group(1)}**", text)


def _md_cell(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "")
    return _md(text).replace("\n", "<br>")


class MarkdownWriter(Writer):
    """Markdown: the working draft (or a clean Markdown copy)."""

    def _title(self, text: str) -> None:
        self.blocks.insert(0, f"# {_md(text)}")

    def _heading(self, level: int, number: str, text: str, numbered: bool) -> None:
        self.blocks.append("#" * (level + 1) + f" {number}{_md(text)}")

    def _article(self, number: str, text: str) -> None:
        self.blocks.append(f"## {number}{_md(text)}")

    def _para(self, text: str) -> None:
        self.blocks.append(_md(text).replace("\n", "  \n"))

    def _note(self, text: str) -> None:
        self.blocks.append("> " + _md(text).replace("\n", "\n> "))

    def _item(self, n: int, text: str) -> None:
        line = f"{n}. {_md(text)}"
        if n > 1 and self.blocks:
            self.blocks[-1] += "\n" + line
        else:
            self.blocks.append(line)

    def _check(self, checked: bool, text: str) -> None:
        line = f"- [{'x' if checked else ' '}] {_md(text)}"
        if self.blocks and self.blocks[-1].startswith("- ["):
            self.blocks[-1] += "\n" + line
        else:
            self.blocks.append(line)

    def _checks(self, label: str, options: list[tuple[bool, str]]) -> None:
        boxes = "　".join(f"{CHECKED if c else UNCHECKED} {_md(t)}" for c, t in options)
        self.blocks.append(f"{_md(label)}{boxes}")

    def _render_table(self, header: list[str], widths: list[float], rows: list[list[str]]) -> None:
        lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
        self.blocks.append("\n".join(lines))

    def _sign(self, text: str) -> None:
        self.blocks.append(_md(text))

    def _join(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


# --- WordprocessingML ---------------------------------------------------------------------------

class WordWriter(Writer):
    """WordprocessingML paragraphs and tables for the body of ``templates/docx/draft.docx``.

    Every run carries ``w:lang`` (zh-CN, or ``lang`` for an English draft) so no reader picks a
    Japanese or Korean CJK font; styles (fonts, sizes, numbering) come from the template.
    """

    def __init__(self, *, clean: bool, lang: str = "zh-CN") -> None:
        super().__init__(clean=clean)
        self.lang = lang

    def _runs(self, text: str, *, bold: bool = False) -> str:
        out = []
        pos = 0
        for m in _BOLD.finditer(text):
            out.append(self._run(text[pos:m.start()], bold))
            out.append(self._run(m.group(1), True))
            pos = m.end()
        out.append(self._run(text[pos:], bold))
        return "".join(out)

    def _rpr(self, bold: bool = False, font: Optional[str] = None) -> str:
        f = (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}" w:hint="eastAsia"/>'
             if font else "")
        b = "<w:b/><w:bCs/>" if bold else ""
        return f'<w:rPr>{f}{b}<w:lang w:val="{self.lang}" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'

    def _run(self, text: str, bold: bool = False) -> str:
        if not text:
            return ""
        parts = _XML_BAD.sub("", text).split("\n")
        inner = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in parts)
        return f"<w:r>{self._rpr(bold)}{inner}</w:r>"

    def _p(self, style: Optional[str], content: str, extra_ppr: str = "") -> str:
        ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + extra_ppr
        return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>" if ppr else f"<w:p>{content}</w:p>"

    def _box(self, checked: bool) -> str:
        # A Word 2010 checkbox content control (clickable in Word); the glyph is what other readers show.
        glyph = CHECKED if checked else UNCHECKED
        return ("<w:sdt><w:sdtPr>" + self._rpr(font="宋体") +
                f'<w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
                '<w14:checkedState w14:val="2611" w14:font="宋体"/><w14:uncheckedState w14:val="2610" w14:font="宋体"/>'
                f"</w14:checkbox></w:sdtPr><w:sdtContent><w:r>{self._rpr(font='宋体')}<w:t>{glyph}</w:t></w:r>"
                "</w:sdtContent></w:sdt>")

    def _heading(self, level: int, number: str, text: str, numbered: bool) -> None:
        # The number comes from the style's numbering; an unnumbered heading switches it off.
        off = "" if numbered else '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
        self.blocks.append(self._p(f"Heading{level}", self._runs(text), off))

    def _article(self, number: str, text: str) -> None:
        self.blocks.append(self._p("Article", self._runs(text)))

    def _para(self, text: str) -> None:
        self.blocks.append(self._p(None, self._runs(text)))

    def _note(self, text: str) -> None:
        self.blocks.append(self._p("Note", self._runs(text)))

    def _item(self, n: int, text: str) -> None:
        self.blocks.append(self._p("ListItem", self._run(f"{n}. ") + self._runs(text)))

    def _check(self, checked: bool, text: str) -> None:
        self.blocks.append(self._p("CheckItem", self._box(checked) + self._run(" ") + self._runs(text)))

    def _checks(self, label: str, options: list[tuple[bool, str]]) -> None:
        content = self._runs(label)
        for i, (checked, text) in enumerate(options):
            content += (self._run("　") if i else "") + self._box(checked) + self._run(text)
        self.blocks.append(self._p(None, content))

    def _cell(self, text: str, width: int, header: bool) -> str:
        style = "TableHeader" if header else "TableText"
        paras = "".join(self._p(style, self._runs(line)) for line in (text.split("\n") if text else [""]))
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paras}</w:tc>'

    def _render_table(self, header: list[str], widths: list[float], rows: list[list[str]]) -> None:
        total = sum(widths)
        cols = [int(TEXT_WIDTH * w / total) for w in widths]
        cols[-1] += TEXT_WIDTH - sum(cols)
        grid = "".join(f'<w:gridCol w:w="{c}"/>' for c in cols)
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="DraftTable"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
               f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
               f'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
        # The header row repeats on every page the table spans (w:tblHeader).
        out.append('<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>'
                   + "".join(self._cell(h, c, True) for h, c in zip(header, cols)) + "</w:tr>")
        for r in rows:
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                       + "".join(self._cell(v, c, False) for v, c in zip(r, cols)) + "</w:tr>")
        out.append("</w:tbl>")
        # Word needs a paragraph between two tables, and one looks better after every table anyway.
        self.blocks.append("".join(out) + self._p(None, "", '<w:spacing w:line="240" w:lineRule="auto"/>'))

    def _sign(self, text: str) -> None:
        self.blocks.append(self._p("Signature", self._runs(text)))

    def _join(self) -> str:
        return "".join(self.blocks)


WRITERS: dict[str, type[Writer]] = {"md": MarkdownWriter, "docx": WordWriter}
