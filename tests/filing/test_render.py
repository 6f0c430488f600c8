"""Render checks: LibreOffice turns the drafts and the checklist into PDF as a reader would see them.

Runs where ``soffice`` (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui), poppler-utils
(pdfinfo, pdftotext) and a CJK font (fonts-wqy-zenhei or fonts-noto-cjk) are installed; .ci/run
installs them when it can. Asserts the page size (A4 portrait for documents, landscape for the
checklist), a sane page count and that the Chinese text survives the round trip.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gaicheck.api import assess
from gaicheck.declaration.load import load_declaration
from gaicheck.filing.checklist import build_checklist, render_xlsx
from gaicheck.filing.drafts import render_drafts

from .helpers import AS_OF, REPO

pytest.importorskip("docxtpl", reason="docxtpl not installed (optional extra gaicheck[docx])")
TOOLS = ("soffice", "pdfinfo", "pdftotext")
pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                                reason="LibreOffice and poppler-utils not installed (apt-get install "
                                       "libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-wqy-zenhei)")

FACE_SWAP = REPO / "examples" / "face-swap" / "service.yaml"
REGISTRATION = REPO / "examples" / "api-registration" / "service.yaml"
A4 = (595, 842)


def _page_sizes(pdf: Path) -> list[tuple[int, int]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    return [(round(float(w)), round(float(h)))
            for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out.stdout)]


def _text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("render")
    wanted = {}
    for example, prefixes in ((FACE_SWAP, ("00_上线备案表", "01_附件1", "02_附件2", "15_", "20_")),
                              (REGISTRATION, ("00_登记表",))):
        report = assess(str(example), as_of=dt.date.fromisoformat(AS_OF), lang="zh")
        for f in render_drafts(load_declaration(str(example)), report, docx=True):
            if f.name.endswith(".docx") and f.name.startswith(prefixes):
                (folder / f.name).write_bytes(f.data)
                wanted[f.name[:-5]] = folder / (f.name[:-5] + ".pdf")
        if example == FACE_SWAP:
            (folder / "checklist.xlsx").write_bytes(render_xlsx(build_checklist(report)))
            wanted["checklist"] = folder / "checklist.pdf"
    profile = folder / "lo-profile"
    inputs = sorted(str(p) for p in folder.iterdir() if p.suffix in (".docx", ".xlsx"))
    env = dict(os.environ, HOME=str(folder))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder), *inputs],
                   capture_output=True, timeout=300, env=env, check=False)
    missing = [k for k, p in wanted.items() if not p.exists()]
    assert not missing, f"LibreOffice produced no PDF for {missing}"
    return wanted


def test_documents_render_on_a4_with_their_chinese_text(pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        if name == "checklist":
            continue
        sizes = _page_sizes(pdf)
        assert sizes and set(sizes) == {A4}, (name, set(sizes))
        text = _text(pdf)
        service = "简历润色小助手" if name.startswith("00_登记表") else "换脸秀"
        assert service in text and "【待补充" in text, name
        assert re.search(r"—\s*1\s*—", text), f"{name}: no page number in the footer"


def test_page_counts_are_those_of_documents(pdfs: dict[str, Path]) -> None:
    counts = {name: len(_page_sizes(p)) for name, p in pdfs.items()}
    assert 3 <= counts["01_附件1_安全自评估报告"] <= 40, counts
    assert 2 <= counts["00_上线备案表"] <= 15, counts
    assert 1 <= counts["00_登记表"] <= counts["00_上线备案表"], counts
    text = _text(pdfs["01_附件1_安全自评估报告"])
    assert "一、评估概况" in re.sub(r"\s+", "", text)     # the heading numbers render (GB/T 9704 一、)
    assert "不符合" in text and "不适用" in text or "符合" in text


def test_checklist_prints_landscape_one_page_wide(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["checklist"]
    sizes = _page_sizes(pdf)
    pages = [i + 1 for i in range(len(sizes)) if "材料名称" in _text(pdf, i + 1)]
    assert pages, "the checklist sheet did not print"
    for page in pages:
        assert sizes[page - 1] == (A4[1], A4[0]), (page, sizes[page - 1])
        assert "材料名称" in _text(pdf, page)  # the header row repeats on every page of the sheet
    assert len(sizes) <= 12, f"{len(sizes)} pages for one checklist"
    text = _text(pdf)
    assert "缺失" in text and "换脸秀" in text and "sha256" in text
