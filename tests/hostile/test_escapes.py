"""Terminal escapes and bidi overrides from a declaration never reach a human-readable output raw
(issue 13 #3): they are shown as <U+XXXX>. JSON keeps the exact value (it escapes controls itself)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

# ESC (CSI/OSC start), BEL, the 8-bit CSI, bidi overrides and isolates
RAW = re.compile("[\x1b\x07\x9b\u202a-\u202e\u2066-\u2069]")
DECL = r'''gaicheck: 1
service:
  name: "n\e]0;owned\x07\u202eb"
  provider: "p\e[2J\x9b"
  markets: [CN]
  audience: public
documents:
  security_assessment_report: "doc\e[2J.pdf"
waivers:
  - {rule: CN-SVC-09, reason: "r\e[8m\u2066hidden", expires: 2027-01-01, approver: "a\e]8;;http://x\e\\"}
'''


def gaicheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gaicheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "LANG": "C.UTF-8"})


@pytest.fixture()
def svc(tmp_path: Path) -> Path:
    (tmp_path / "doc\x1b[2J.pdf").write_bytes(b"%PDF-1.4 x")
    (tmp_path / "service.yaml").write_text(DECL, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "github", "junit", "sarif", "html"])
def test_report_formats_show_escapes_not_run_them(svc: Path, fmt: str) -> None:
    out = gaicheck("assess", "service.yaml", "--verbose", "--format", fmt, "--as-of", "2026-12-01", cwd=svc)
    assert out.returncode in (0, 1), out.stderr
    assert not RAW.search(out.stdout), RAW.findall(out.stdout)
    shown = out.stdout.replace("&lt;", "<").replace("&gt;", ">").replace("&#43;", "+").replace("\\", "")  # Markdown, XML, HTML escapes
    assert "<U+001B>" in shown  # the value is shown, not dropped
    if fmt in ("terminal", "markdown"):
        assert "n<U+001B>]0;owned<U+0007><U+202E>b" in shown  # service name
        assert "r<U+001B>[8m<U+2066>hidden" in shown           # waiver reason
        assert "doc<U+001B>[2J.pdf" in shown                   # document path


def test_json_keeps_the_exact_value(svc: Path) -> None:
    out = gaicheck("assess", "service.yaml", "--format", "json", "--as-of", "2026-12-01", cwd=svc)
    doc = next(d for d in json.loads(out.stdout)["documents"] if d["id"] == "security_assessment_report")
    assert doc["path"] == "doc\x1b[2J.pdf"


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_checklists_show_escapes_not_run_them(svc: Path, fmt: str) -> None:
    out = gaicheck("checklist", "service.yaml", "--format", fmt, "--as-of", "2026-12-01", cwd=svc)
    assert out.returncode in (0, 1), out.stderr
    assert not RAW.search(out.stdout), RAW.findall(out.stdout)
    assert "<U+001B>" in out.stdout


def test_draft_texts_show_escapes_not_run_them(svc: Path) -> None:
    out = gaicheck("draft", "service.yaml", "--out", "drafts", "--as-of", "2026-12-01", cwd=svc)
    assert out.returncode == 0, out.stderr
    texts = [p.read_text(encoding="utf-8") for p in (svc / "drafts").rglob("*.md")]
    assert texts and not any(RAW.search(t) for t in texts)
    assert not RAW.search(out.stdout + out.stderr)


def test_an_error_message_shows_escapes_not_runs_them(tmp_path: Path) -> None:
    (tmp_path / "service.yaml").write_text(DECL.replace("audience: public", 'audience: "x\\e]0;t\\x07"'),
                                           encoding="utf-8")
    out = gaicheck("assess", "service.yaml", cwd=tmp_path)
    assert out.returncode == 2 and not RAW.search(out.stderr), out.stderr
    assert len(out.stderr.splitlines()) == 1
