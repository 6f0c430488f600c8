"""Unreadable inputs are located input errors (or an invalid document), never a crash, and these
tests run as root too (CI containers): the command runs in a user namespace where the files belong
to an unmapped user, so their mode bits bind it (tests/hostile/privs.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.hostile.privs import foreign, restore
from tests.hostile.run import gaicheck as _run

MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: public\n"


def gaicheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run(*args, cwd=cwd, wrap=True)  # as a user the modes bind (tests/hostile/privs.py)


def one_error(out: subprocess.CompletedProcess[str], where: str, words: str) -> None:
    """One error line naming ``where``: as FILE: message, or click's check of a path option."""
    assert out.returncode == 2, (out.returncode, out.stderr)
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gaicheck: error: "), out.stderr
    assert lines[0].startswith(f"gaicheck: error: {where}") or f"'{where}' is not readable" in lines[0], out.stderr
    assert words in lines[0] and out.stdout == "", out.stderr


@pytest.fixture()
def locked(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Make a file or folder unreadable to the command (mode 0, foreign owner) for one test."""
    done: list[Path] = []

    def lock(path: Path, mode: int = 0) -> None:
        foreign(path, mode)
        done.append(path)

    yield lock
    for path in done:
        restore(path)


def test_unreadable_declaration(tmp_path: Path, locked) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    locked(tmp_path / "service.yaml")
    one_error(gaicheck("validate", "service.yaml", cwd=tmp_path), "service.yaml", "not readable")


def test_unreadable_filing_document_is_invalid(tmp_path: Path, locked) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 x")
    (tmp_path / "service.yaml").write_text(MIN + "documents:\n  security_assessment_report: report.pdf\n",
                                           encoding="utf-8")
    locked(tmp_path / "report.pdf")
    out = gaicheck("assess", "service.yaml", "--format", "json", cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    doc = next(d for d in json.loads(out.stdout)["documents"] if d["id"] == "security_assessment_report")
    assert doc["status"] == "invalid" and doc["note"] == "not readable"


def test_unreadable_artifact(tmp_path: Path, locked) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "kw.txt").write_text("一\n二\n", encoding="utf-8")
    (tmp_path / "service.yaml").write_text(MIN + "documents:\n  keyword_list: kw.txt\n", encoding="utf-8")
    locked(tmp_path / "kw.txt")
    out = gaicheck("assess", "service.yaml", "--format", "json", cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    doc = next(d for d in json.loads(out.stdout)["documents"] if d["id"] == "keyword_list")
    assert (doc["status"], doc["note"], doc["sha256"]) == ("invalid", "not readable", None)


def test_unreadable_baseline(tmp_path: Path, locked) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    (tmp_path / "b.json").write_text('{"gaicheck_baseline": 1, "findings": []}', encoding="utf-8")
    locked(tmp_path / "b.json")
    one_error(gaicheck("assess", "service.yaml", "--baseline", "b.json", cwd=tmp_path), "b.json", "not readable")


def test_unreadable_waivers_file(tmp_path: Path, locked) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "w.yaml").write_text("waivers: []\n", encoding="utf-8")
    (tmp_path / "service.yaml").write_text(MIN + "waivers_file: w.yaml\n", encoding="utf-8")
    locked(tmp_path / "w.yaml")
    one_error(gaicheck("assess", "service.yaml", cwd=tmp_path), "w.yaml", "Permission denied")


def test_unreadable_rules_dir(tmp_path: Path, locked) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    locked(tmp_path / "rules")
    one_error(gaicheck("assess", "service.yaml", "--rules-dir", "rules", cwd=tmp_path), "rules", "not readable")


def test_write_baseline_into_a_read_only_folder(tmp_path: Path, locked) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    (tmp_path / "ro").mkdir()
    locked(tmp_path / "ro", 0o555)
    one_error(gaicheck("assess", "service.yaml", "--write-baseline", "ro/b.json", cwd=tmp_path), "ro/b.json",
              "Permission denied")
    assert list((tmp_path / "ro").iterdir()) == []
