"""Ordinary mistakes are input errors (exit 2, located, one line), never an internal error (issue 13 #4)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.hostile.run import gaicheck, one_error

MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: public\n"


@pytest.mark.parametrize(("extra", "where", "words"), [
    ("safeguards:\n  content_filtering:\n    keyword_list_updated: 2026-02-30\n", "service.yaml:9:27",
     "not a valid date"),
    ("waivers:\n  - {rule: CN-SVC-09, reason: r, expires: 2026-13-01}\n", "service.yaml:8:43", "not a valid date"),
    ("safeguards:\n  log_retention_months: " + "9" * 5000 + "\n", "service.yaml:8:25", "integer too large"),
    ("settings:\n  thresholds:\n    CN-EVAL-01:\n      min_pass_rate: .nan\n", "service.yaml:10:22",
     "must be a finite number"),
    ("settings:\n  thresholds:\n    CN-EVAL-01:\n      min_size: -.inf\n", "service.yaml:10:17",
     "must be a finite number"),
], ids=["feb-30", "month-13", "5000-digits", "nan-threshold", "minus-inf-threshold"])
def test_declaration_values(tmp_path: Path, extra: str, where: str, words: str) -> None:
    (tmp_path / "service.yaml").write_text(MIN + extra, encoding="utf-8")
    for command in ("assess", "validate"):
        one_error(gaicheck(command, "service.yaml", cwd=tmp_path), where, words)


def test_deeply_nested_jsonl_line(tmp_path: Path) -> None:
    (tmp_path / "kw.jsonl").write_text('{"text": "a"}\n' + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (tmp_path / "service.yaml").write_text(MIN + "documents:\n  keyword_list: kw.jsonl\n", encoding="utf-8")
    one_error(gaicheck("assess", "service.yaml", cwd=tmp_path), "kw.jsonl:2", "nested too deeply")


def test_nul_in_a_document_path_is_an_invalid_document(tmp_path: Path) -> None:
    (tmp_path / "service.yaml").write_text(
        MIN + 'documents:\n  security_assessment_report: "a\\0b.pdf"\n', encoding="utf-8")
    out = gaicheck("assess", "service.yaml", "--format", "json", cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    doc = next(d for d in json.loads(out.stdout)["documents"] if d["id"] == "security_assessment_report")
    assert doc["status"] == "invalid" and "NUL" in doc["note"]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-02-30"])
def test_as_of_out_of_range(tmp_path: Path, day: str) -> None:
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    out = gaicheck("assess", "service.yaml", "--as-of", day, cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "--as-of" in out.stderr


def test_a_document_removed_during_the_run_is_reported_not_a_crash(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from gaicheck.api import assess
    from gaicheck.engine import documents

    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 x")
    (tmp_path / "service.yaml").write_text(MIN + "documents:\n  security_assessment_report: report.pdf\n",
                                           encoding="utf-8")
    real = documents.check_path

    def then_removed(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        (tmp_path / "report.pdf").unlink(missing_ok=True)  # renamed away between the check and the hash
        return result

    monkeypatch.setattr(documents, "check_path", then_removed)
    report = assess(str(tmp_path / "service.yaml"))
    doc = next(d for d in report.documents if d.id == "security_assessment_report")
    assert doc.sha256 is None


def test_a_declaration_removed_between_stat_and_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gaicheck import yamlsafe
    from gaicheck.errors import InputError

    p = tmp_path / "service.yaml"
    p.write_text(MIN, encoding="utf-8")
    real_open = os.open

    def vanish(path, *a, **k):  # type: ignore[no-untyped-def]
        if str(path) == str(p):
            p.unlink()
        return real_open(path, *a, **k)

    monkeypatch.setattr(yamlsafe.os, "open", vanish)
    with pytest.raises(InputError, match="removed or renamed"):
        yamlsafe.read_regular(str(p))


def test_control_characters_reach_the_xlsx_checklist_shown_not_raw(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    (tmp_path / "service.yaml").write_text(MIN.replace("name: a", 'name: "a\\e]0;owned\\x07\\x01b"'),
                                           encoding="utf-8")
    out = gaicheck("checklist", "service.yaml", "--format", "xlsx", "--output", "c.xlsx", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
    text = "".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "<U+001B>]0;owned<U+0007><U+0001>b" in text
    assert "\x1b" not in text and "\x07" not in text


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", [("assess", "service.yaml", "--lang", "zh"), ("checklist", "service.yaml", "--lang", "zh")])
def test_stdout_that_is_not_utf8(tmp_path: Path, encoding: str, command: tuple[str, ...]) -> None:
    (tmp_path / "service.yaml").write_text(MIN.replace("name: a", "name: 智答"), encoding="utf-8")
    out = gaicheck(*command, cwd=tmp_path, env={"PYTHONIOENCODING": encoding})
    assert out.returncode in (0, 1), out.stderr
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    assert out.stdout
