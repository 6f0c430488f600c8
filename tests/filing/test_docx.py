"""The .docx submission copies: page, fonts and language in the XML; clean Chinese; route-aware content."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest

from gaicheck.api import assess
from gaicheck.declaration.load import load_declaration
from gaicheck.filing.drafts import render_drafts
from gaicheck.resources import data_path

from .helpers import AS_OF, REPO

pytest.importorskip("docxtpl", reason="docxtpl not installed (optional extra gaicheck[docx])")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
FACE_SWAP = REPO / "examples" / "face-swap" / "service.yaml"
REGISTRATION = REPO / "examples" / "api-registration" / "service.yaml"
FLAGSHIP = REPO / "examples" / "chatbot-filing" / "service.yaml"
# Tool internals that must never reach a submission copy.
INTERNAL = re.compile(r"CN-[A-Z]+-\d\d|gaicheck|cn\.md|\[U\]|\b[a-z]+_[a-z_]+\b|zh、en|safeguards\.|documents\.|"
                      r"model\.|service\.|china\.|legal_representative|fine_tuned|proprietary|api_of_filed_model")


@lru_cache(maxsize=None)
def _files(path: Path, as_of: str = AS_OF) -> dict[str, bytes]:
    report = assess(str(path), as_of=dt.date.fromisoformat(as_of), lang="zh")
    return {f.name: f.data for f in render_drafts(load_declaration(str(path)), report, docx=True)}


def _xml(data: bytes, part: str = "word/document.xml") -> "ET.Element":  # noqa: F821
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        return ET.fromstring(z.read(part))


def _text(data: bytes) -> str:
    root = _xml(data)
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def _docx(path: Path, prefix: str) -> bytes:
    files = _files(path)
    return next(v for k, v in files.items() if k.startswith(prefix) and k.endswith(".docx"))


def test_shipped_template_is_current() -> None:
    spec = importlib.util.spec_from_file_location("build_docx_template", REPO / "scripts" / "build_docx_template.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert data_path("templates", "docx", "draft.docx").read_bytes() == mod.build(), \
        "run python scripts/build_docx_template.py"


@pytest.mark.parametrize("example", [FACE_SWAP, REGISTRATION], ids=["face-swap", "registration"])
def test_page_fonts_and_language_of_every_docx(example: Path) -> None:
    docs = {k: v for k, v in _files(example).items() if k.endswith(".docx")}
    assert len(docs) >= 10
    for name, data in docs.items():
        root = _xml(data)
        sect = root.find(f"{W}body/{W}sectPr")
        size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
        # A4 and the GB/T 9704 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
        assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838"), name
        assert [margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]
        lang_en = name.startswith("90_")
        for run in root.iter(f"{W}r"):
            lang = run.find(f"{W}rPr/{W}lang")
            assert lang is not None and lang.get(f"{W}eastAsia") == "zh-CN", name
            assert lang.get(f"{W}val") == ("en-GB" if lang_en else "zh-CN"), name
        with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
            everything = b"".join(z.read(n) for n in z.namelist())
            footer = z.read("word/footer1.xml").decode()
        assert b"ja-JP" not in everything and b"Calibri" not in everything, name
        assert "PAGE" in footer and 'fldCharType="begin"' in footer, name  # page numbers
        styles = _xml(data, "word/styles.xml")
        defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
        assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋"
        by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
        assert by_id["Heading1"].find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "黑体"
        assert by_id["Heading1"].find(f"{W}pPr/{W}numPr/{W}numId") is not None  # numbered headings
        assert by_id["TableText"].find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "宋体"
        for style in by_id.values():
            lang = style.find(f"{W}rPr/{W}lang")
            assert lang is None or lang.get(f"{W}eastAsia") == "zh-CN"


def test_title_block_tables_checkboxes_and_gaps() -> None:
    form = _docx(FLAGSHIP, "00_上线备案表")
    text = _text(form)
    for expected in ("密级：内部", "生成式人工智能服务上线备案表", "智答助手", "服务提供者", "模型名称及版本", "文稿状态",
                     "【待补充"):
        assert expected in text, expected
    root = _xml(form)
    boxes = list(root.iter(f"{W14}checkbox"))
    assert len(boxes) == 6  # 人机对话、文字生成、图片生成、声音合成、视频合成、代码生成
    assert {b.find(f"{W14}checked").get(f"{W14}val") for b in boxes} == {"0", "1"}
    assert "☑" in text and "☐" in text
    report = _docx(FLAGSHIP, "01_附件1")
    kw = next(d for d in assess(str(FLAGSHIP), as_of=dt.date.fromisoformat(AS_OF)).documents if d.id == "keyword_list")
    tables = list(_xml(report).iter(f"{W}tbl"))
    assert len(tables) >= 8
    cells = [["".join(t.text or "" for t in c.iter(f"{W}t")) for c in row.iter(f"{W}tc")]
             for tbl in tables for row in tbl.iter(f"{W}tr")]
    a1a = next(r for r in cells if r and r[0] == "A.1a")
    assert a1a[2:] == [f"{kw.stats['by_risk']['A.1a']:,}", "200", "达到"]  # count per risk against its floor
    assert any(r[0] == "生成内容人工抽检" for r in cells if r)  # §9 sample rates as a table


@pytest.mark.parametrize("example", [FACE_SWAP, REGISTRATION, FLAGSHIP], ids=["face-swap", "registration", "flagship"])
def test_submission_copies_are_clean_chinese(example: Path) -> None:
    for name, data in _files(example).items():
        if name.endswith(".docx") and not name.startswith("90_"):
            text = _text(data)
            found = INTERNAL.findall(text)
            assert not found, (name, found[:5])


def test_registration_drafts_ask_no_training_questions() -> None:
    files = _files(REGISTRATION)
    assert "00_登记表.docx" in files and "00_上线备案表.docx" not in files
    form = _text(files["00_登记表.docx"])
    assert "生成式人工智能服务登记表" in form and "备案表" not in form
    everything = "\n".join(_text(v) for k, v in files.items() if k.endswith(".docx"))
    for question in ("参数量", "参数规模", "训练算力", "语料规模", "标注数量", "语料人工抽检结果", "标注人员数量"):
        assert question not in everything, question
    report = _text(files["01_附件1_安全自评估报告.docx"])
    # Not applicable, and why: the filed model it calls, with its filing number.
    assert "不适用" in report and "Beijing-ExampleLMPro-20240315" in report
    assert "不训练" in report or "不自行训练" in report


def test_face_swap_clause_table_and_consent() -> None:
    report = _text(_docx(FACE_SWAP, "01_附件1"))
    assert report.count("不符合") >= 4  # PI consent, unfiled base model, unlabeled audio, …
    assert "改用已备案的基础模型" in report
    assert "已被拦截的违法不良信息不作为训练语料" in report  # the §5.1 clause the issue named
    assert "关键信息基础设施" in report                      # the §7 higher-risk fields clause
    agreement = _text(_docx(FACE_SWAP, "02_"))
    assert "取得其单独同意" in agreement and "人脸、人声等生物识别信息的编辑" in agreement
    assert "ContentProducer" in agreement and "ReservedCode1" not in agreement  # only the declared fields
    policy = _text(_docx(FACE_SWAP, "15_"))
    assert "生物识别信息" in policy
    assert not re.search(r"单独同意[：:]\s*否|：否", policy)  # a policy never admits a breach
    files = _files(FACE_SWAP)
    assert any(k.startswith("20_深度合成安全评估报告") for k in files)
    assert any(k.startswith("21_") for k in files)


def test_a_report_is_never_dated_before_the_materials_it_describes() -> None:
    # api-registration declares its assessment on 2026-05-01 and a keyword list updated 2026-11-24.
    files = _files(REGISTRATION, "2026-11-20")
    report = _text(files["01_附件1_安全自评估报告.docx"])
    assert "2026年11月24日" in report                 # the title block date: the newest material
    assert "2026-05-01" not in report and "2026年5月1日" not in report
    assert "不早于2026-11-24" in report                # the assessment date is a gap with its floor


def test_index_lists_missing_materials_never_no_gaps() -> None:
    index = _files(FACE_SWAP)["00_README_草稿说明.md"].decode()
    assert "未发现待补充" not in index and "No gaps" not in index
    assert "- [ ] 安全评估报告（附件1）（缺失）" in index
