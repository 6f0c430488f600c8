"""An empty or unreadable file is not a filed material: it is ``invalid``, the rules that need it
fail, and the report says how deeply each document was checked (issue 12, DECLARATION.md
``documents[].checked``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import run

DECL = {
    "gaicheck": 1,
    "service": {
        "name": "a", "provider": "b", "markets": ["CN"], "audience": "public",
        "public_opinion_or_mobilization": True, "capabilities": ["dialogue"], "status": "planned",
    },
    "model": {"origin": "self_trained"},
}


def _doc(tmp_path: Path, name: str, content: bytes):  # type: ignore[no-untyped-def]
    (tmp_path / name).write_bytes(content)
    path = tmp_path / "service.yaml"
    path.write_text(yaml.safe_dump(dict(DECL, documents={"service_agreement": name})), encoding="utf-8")
    report = run(path, frameworks=["CN"])
    return report, next(d for d in report.documents if d.id == "service_agreement")


@pytest.mark.parametrize("name,content,why", [
    ("agreement.md", b"", "empty file (0 bytes)"),
    ("agreement.md", b"  \n\t\r\n", "no content (only white space)"),
    ("agreement.pdf", b"hello, not a pdf", "not a readable .pdf file"),
    ("agreement.docx", b"%PDF-1.7 renamed", "not a readable .docx file"),
])
def test_unusable_file_is_invalid_and_never_valid(tmp_path: Path, name: str, content: bytes, why: str) -> None:
    report, doc = _doc(tmp_path, name, content)
    assert doc.status == "invalid"
    assert doc.note and doc.note.startswith(why)
    assert not report.ready
    assert any(f.status == "fail" and "service_agreement" in f.documents for f in report.findings)


def test_readable_file_is_valid_and_says_only_existence_was_checked(tmp_path: Path) -> None:
    _, doc = _doc(tmp_path, "agreement.md", "# 服务协议\n".encode())
    assert doc.status == "valid" and doc.checked == "exists" and doc.sha256


def test_real_pdf_header_passes(tmp_path: Path) -> None:
    _, doc = _doc(tmp_path, "agreement.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert doc.status == "valid"
