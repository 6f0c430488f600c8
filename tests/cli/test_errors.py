"""Bad input: one clear message with file:line:column, exit 2, no traceback, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n"


def gaicheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gaicheck", *args], cwd=cwd, capture_output=True, text=True, timeout=60,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


def snapshot(root: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in root.rglob("*")}


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("gaicheck: 1\nservice: [\n", "service.yaml:3:1", "invalid YAML"),
        (GOOD + "  audiance: public\n", "service.yaml:6:3", "unknown key 'audiance'"),
        (GOOD + "  registered: 1\n", "service.yaml:6:3", "unknown key"),
        (GOOD + "safeguards:\n  log_retention_months: six\n", "service.yaml:7:25", "valid integer"),
        (GOOD + "  audience: everyone\n", "service.yaml:6:13", "'public', 'business'"),
        (GOOD + "  name: c\n", "service.yaml:6:3", "duplicate key 'name'"),
        ("gaicheck: 1\nservice:\n  name: a\n", "service.yaml:2:1", "'service.provider' is missing"),
        ("- a\n- b\n", "service.yaml:1:1", "must be a YAML mapping"),
    ],
)
@pytest.mark.parametrize("command", ["assess", "validate"])
def test_bad_declaration(tmp_path: Path, command: str, text: str, where: str, words: str) -> None:
    (tmp_path / "service.yaml").write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    out = gaicheck(command, "service.yaml", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith(f"gaicheck: error: {where}")
    assert words in lines[0]
    assert "Traceback" not in out.stderr
    assert snapshot(tmp_path) == before


def test_missing_file(tmp_path: Path) -> None:
    out = gaicheck("assess", "nope.yaml", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip() == "gaicheck: error: nope.yaml: file not found"


def test_unreadable_file(tmp_path: Path) -> None:
    # as root, in a user namespace where the file's owner is not mapped (tests/hostile/privs.py)
    from tests.hostile.privs import foreign, unprivileged

    p = tmp_path / "service.yaml"
    p.write_text(GOOD, encoding="utf-8")
    foreign(p, 0)
    out = subprocess.run(unprivileged([sys.executable, "-m", "gaicheck", "assess", "service.yaml"]), cwd=tmp_path,
                         capture_output=True, text=True, timeout=60, env={**os.environ, "LANG": "C.UTF-8"})
    assert out.returncode == 2
    assert "service.yaml" in out.stderr and "Traceback" not in out.stderr


def test_unreadable_file_as_root_via_directory(tmp_path: Path) -> None:
    # Root can read a chmod-0 file, so prove the "cannot read" path with a directory instead.
    (tmp_path / "service.yaml").mkdir()
    out = gaicheck("assess", "service.yaml", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip() == "gaicheck: error: service.yaml: not a regular file"


def test_output_written_only_on_success(tmp_path: Path) -> None:
    (tmp_path / "service.yaml").write_text(GOOD + "  audiance: x\n", encoding="utf-8")
    out = gaicheck("assess", "service.yaml", "--format", "json", "--output", "r.json", cwd=tmp_path)
    assert out.returncode == 2
    assert not (tmp_path / "r.json").exists()


def test_bad_option_is_usage_error(tmp_path: Path) -> None:
    out = gaicheck("assess", "x.yaml", "--as-of", "yesterday", cwd=tmp_path)
    assert out.returncode == 2
    assert "not a date" in out.stderr
