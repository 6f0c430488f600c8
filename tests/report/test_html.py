"""The HTML dashboard (issue 19 #2): well-formed, self-contained, escaped, and true to the reports.

The structural parser below runs everywhere (Python's html.parser: nesting, one doctype, unique ids,
anchors that resolve, no external reference). The real-browser checks are in test_html_browser.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional

import pytest

from gaicheck.api import assess
from gaicheck.report import render_reports
from gaicheck.report.html import _cell
from tests.conftest import AS_OF, REPO, write_case

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
EXAMPLES = sorted(p.parent.name for p in (REPO / "examples").glob("*/service.yaml"))


@dataclass
class Node:
    tag: str
    attrs: dict[str, Optional[str]]
    children: list["Node"] = field(default_factory=list)
    content: list["str | Node"] = field(default_factory=list)  # text and children in document order

    def all_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.content)

    def find(self, tag: str, **attrs: str) -> list["Node"]:
        out = [self] if self.tag == tag and all(self.attrs.get(k) == v for k, v in attrs.items()) else []
        for c in self.children:
            out += c.find(tag, **attrs)
        return out

    def by_id(self, id_: str) -> "Node":
        (node,) = [n for n in self.walk() if n.attrs.get("id") == id_]
        return node

    def walk(self) -> list["Node"]:
        out = [self]
        for c in self.children:
            out += c.walk()
        return out


class Strict(HTMLParser):
    """A tree builder that records every structural error instead of repairing it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.errors: list[str] = []
        self.doctypes: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctypes.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        names = [a for a, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append(f"duplicate attribute in <{tag}>")
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        self.stack[-1].content.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag not in VOID:
            self.errors.append(f"self-closed <{tag}/>")
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        self.stack[-1].content.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag of void <{tag}>")
            return
        if self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            while len(self.stack) > 1 and self.stack[-1].tag != tag:
                self.stack.pop()
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)


def parse(html: str) -> Node:
    p = Strict()
    p.feed(html)
    p.close()
    assert p.errors == [], p.errors
    assert [s.lower() for s in p.doctypes] == ["doctype html"]
    assert len(p.stack) == 1, f"unclosed: {[n.tag for n in p.stack[1:]]}"
    (html_el,) = p.root.find("html")
    assert [c.tag for c in html_el.children] == ["head", "body"]
    ids = [n.attrs["id"] for n in p.root.walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for a in p.root.find("a"):
        href = a.attrs.get("href") or ""
        assert href.startswith("#") and href[1:] in ids, f"link {href!r} does not resolve in the page"
    return p.root


def self_contained(root: Node) -> None:
    """No network, no external file: nothing to fetch from file:// either."""
    for n in root.walk():
        assert n.tag not in ("link", "iframe", "object", "embed", "img", "base"), n.tag
        for k in ("src", "srcset", "action", "formaction", "poster", "data"):
            assert k not in n.attrs, f"<{n.tag} {k}>"
        for k in n.attrs:
            assert not k.startswith("on"), f"inline handler <{n.tag} {k}>"
    assert len(root.find("script")) == 1 and len(root.find("style")) == 1
    css = root.find("style")[0].all_text()
    assert "@import" not in css and "url(" not in css and "@media print" in css


def portfolio(root: Node) -> list[dict[str, str]]:
    table = root.by_id("portfolio")
    (tbody,) = table.find("tbody")
    return [{"path": tr.attrs["data-path"] or "", "ready": tr.attrs["data-ready"] or "",
             "verdict": tr.find("td", **{"class": "verdict ready"}) and "ready" or "not_ready",
             "cells": [td.all_text().strip() for td in tr.find("td")]} for tr in tbody.find("tr")]


@pytest.fixture(scope="module")
def examples() -> list:
    return [assess(str(REPO / "examples" / e / "service.yaml"), display=f"examples/{e}/service.yaml", as_of=AS_OF)
            for e in EXAMPLES]


def test_portfolio_lists_every_example_with_its_json_verdict(examples: list) -> None:
    root = parse(render_reports("html", examples))
    self_contained(root)
    rows = portfolio(root)
    golden = {e: json.loads((REPO / "tests" / "golden" / f"{e}.json").read_text(encoding="utf-8")) for e in EXAMPLES}
    assert [r["path"] for r in rows] == [f"examples/{e}/service.yaml" for e in EXAMPLES]
    assert [r["ready"] == "1" for r in rows] == [golden[e]["ready"] for e in EXAMPLES]
    assert [r["verdict"] == "ready" for r in rows] == [golden[e]["ready"] for e in EXAMPLES]
    # one section per service, each reached from its row
    assert len(root.find("section", **{"class": "service"})) == len(EXAMPLES)
    summary = root.by_id("summary")
    assert summary.attrs["data-total"] == str(len(EXAMPLES))
    assert summary.attrs["data-ready"] == str(sum(g["ready"] for g in golden.values()))


def test_columns_come_from_the_report(examples: list) -> None:
    rows = {r["path"]: r["cells"] for r in portfolio(parse(render_reports("html", examples)))}
    eu = rows["examples/eu-gpai-provider/service.yaml"]
    # service, provider, markets, China route, EU tier, GPAI, verdict, blockers, top action, as of
    assert eu[1] == "Aurora Labs Pte. Ltd." and eu[2] == "EU" and eu[3] == "n/a"
    assert eu[4] == "limited (transparency duties)" and eu[5] == "yes, with systemic risk" and eu[6].startswith("NOT READY")
    r = next(x for x in examples if x.input_path.endswith("eu-gpai-provider/service.yaml"))
    assert eu[7] == str(len(r.blocking())) and eu[9] == AS_OF.isoformat()
    und = rows["examples/undetermined-route/service.yaml"]
    assert und[3] == "undetermined" and und[8] == "declare model.origin"


def test_findings_grouped_like_the_terminal(examples: list) -> None:
    r = next(x for x in examples if x.input_path.endswith("face-swap/service.yaml"))
    root = parse(render_reports("html", [r]))
    (section,) = root.find("section")
    heads = [h.all_text() for h in section.find("h3")]
    blocking = {f.rule for f in r.blocking() if f.status == "fail"}
    assert heads[0] == f"Failing ({len(blocking)})"
    (first,) = section.find("table", **{"class": "findings"})[:1]
    assert {tr.attrs["data-rule"] for tr in first.find("tr") if "data-rule" in tr.attrs} == blocking
    manual = [f for f in r.findings if f.status == "manual"]
    if manual:
        assert any(h.startswith(f"To declare: {len(manual)} rules") for h in heads)


def test_heat_map_counts_and_floors(examples: list) -> None:
    r = next(x for x in examples if x.input_path.endswith("chatbot-filing/service.yaml"))
    root = parse(render_reports("html", [r]))
    (heat,) = root.find("table", **{"class": "heat"})
    rows = heat.find("tbody")[0].find("tr")
    assert len(rows) == 1 + 31  # total + the 31 TC260 risks
    cells = {tr.find("td")[0].all_text().split()[0]: [(td.attrs["class"], td.all_text()) for td in tr.find("td")[1:]]
             for tr in rows}
    kw = next(d for d in r.documents if d.id == "keyword_list").stats
    floor = next(c["floor"] for c in kw["coverage"] if c["category"] == "A.1a")
    assert cells["A.1a"][0] == ("ok", f"{kw['by_risk']['A.1a']} / {floor}")
    assert cells["A.3a"][0] == ("nofloor", "0")  # the keyword list has no floor for A.3-A.5
    assert [c for c, _ in cells["total"]] == ["thin", "thin", "thin"]  # 10,180/10,000 · 2,200/2,000 · 544/500
    aspects = root.find("div", **{"class": "heat aspects"})[0].children
    assert len(aspects) == 13


@pytest.mark.parametrize(("count", "floor", "cls"), [
    (None, None, "none"), (5, None, "nofloor"), (5, 0, "nofloor"), (99, 100, "short"), (0, 100, "short"),
    (100, 100, "thin"), (124, 100, "thin"), (125, 100, "ok")])
def test_heat_cell_colour_by_margin(count: Optional[int], floor: Optional[int], cls: str) -> None:
    from gaicheck.report.html import _T

    assert _cell(count, floor, _T["en"])["cls"] == cls


def test_timeline_marks_the_as_of_date(examples: list) -> None:
    r = next(x for x in examples if x.input_path.endswith("eu-gpai-provider/service.yaml"))
    root = parse(render_reports("html", [r]))
    (ul,) = root.find("ul", **{"class": "timeline"})
    items = [(li.attrs["class"], li.all_text()) for li in ul.find("li")]
    mark = [i for i, (cls, _) in enumerate(items) if cls == "mark"]
    assert len(mark) == 1 and items[mark[0]][1] == f"as of {AS_OF}"
    assert all(cls == "past" for cls, _ in items[:mark[0]]) and mark[0] > 0
    assert all(cls == "future" for cls, _ in items[mark[0] + 1:])
    upcoming = [f for f in r.findings if f.upcoming]
    for f in upcoming:
        assert any(f.rule in text and str(f.effective) in text for cls, text in items if cls == "future")


def test_chinese(examples: list) -> None:
    r = assess(str(REPO / "examples" / "chatbot-filing" / "service.yaml"), as_of=AS_OF, lang="zh")
    root = parse(render_reports("html", [r]))
    assert root.find("html")[0].attrs["lang"] == "zh-CN"
    heads = [th.all_text() for th in root.by_id("portfolio").find("th")]
    assert heads[:3] == ["服务", "提供者", "市场"]
    assert "可以申报" in root.by_id("portfolio").all_text()
    assert "TC260 风险覆盖（数量 / 下限）" in [h.all_text() for h in root.find("h3")]


def test_no_artifact_item_text(examples: list) -> None:
    r = next(x for x in examples if x.input_path.endswith("chatbot-filing/service.yaml"))
    html = render_reports("html", [r])
    lines = (REPO / "examples" / "chatbot-filing" / "filing" / "拦截关键词.csv").read_text(encoding="utf-8").splitlines()
    items = [ln.split(",")[0] for ln in lines[1:]]
    assert items and not [i for i in items[:: max(1, len(items) // 200)] if len(i) >= 3 and i in html]


PAYLOAD = '<script>alert(1)</script>"onmouseover="alert(2)\' x=\u202etxt.exe\u2066'


def test_injection_is_escaped(tmp_path: Path) -> None:
    doc = 'x"><img src=1 onerror=alert(3)>.md'
    path = write_case(tmp_path, {
        "service": {"name": PAYLOAD, "provider": PAYLOAD},
        "documents": {"filing_form": doc},
        "_files": {doc: "# form\n"},
    })
    r = assess(str(path), display=f"{PAYLOAD}/service.yaml", as_of=AS_OF)
    html = render_reports("html", [r])
    root = parse(html)
    self_contained(root)  # no second <script>, no <img>, no on* attribute anywhere
    assert "\u202e" not in html and "\u2066" not in html
    row = portfolio(root)[0]
    shown = "<script>alert(1)</script>\"onmouseover=\"alert(2)' x=<U+202E>txt.exe<U+2066>"
    assert row["cells"][0].startswith(shown)
    assert row["cells"][1] == shown
    assert row["path"] == f"{shown}/service.yaml"
    docs = [tr for tr in root.find("tr") if tr.attrs.get("data-doc") == "filing_form"]
    assert docs and doc in docs[0].all_text()


def test_cli_writes_html_and_json_from_one_run(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gaicheck", "assess", "examples", "--as-of", AS_OF.isoformat(),
         "--format", "html", "--output", str(tmp_path / "d.html"), "--format", "json", "--output", str(tmp_path / "r.json")],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 1, out.stderr  # some examples are not ready
    reports = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    rows = portfolio(parse((tmp_path / "d.html").read_text(encoding="utf-8")))
    assert [(r["path"], r["ready"] == "1") for r in rows] == [(j["input"]["path"], j["ready"]) for j in reports]
    assert len(rows) == len(EXAMPLES)


@pytest.mark.parametrize(("lang", "counted", "present"), [
    ("en", "counted", "present (content not reviewed)"),
    ("zh", "已逐条计数", "仅确认存在（未审内容）"),
])
def test_documents_say_in_words_how_deeply_they_were_checked(lang: str, counted: str, present: str) -> None:
    """documents[].checked in the reader's language: a counted keyword list is not shown like a
    policy file that was only found to exist."""
    report = assess(str(REPO / "examples" / "chatbot-filing" / "service.yaml"), as_of=AS_OF, lang=lang)
    page = render_reports("html", [report])
    by_id = {d.id: d.checked for d in report.documents}
    assert by_id["keyword_list"] == "counted" and by_id["security_assessment_report"] == "exists"
    assert f"<td>{counted}</td>" in page and f"<td>{present}</td>" in page
    assert "<td>exists</td>" not in page or lang == "en" and present == "exists"
