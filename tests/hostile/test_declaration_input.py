"""Hostile and broken declarations: exact exit code, file (and line) in the message, no traceback,
bounded time, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: internal\n"


def gaicheck(*args: str, cwd: Path, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gaicheck", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


def tree(root: Path) -> dict[str, tuple[int, float]]:
    return {str(p.relative_to(root)): (p.lstat().st_size, p.lstat().st_mtime) for p in root.rglob("*")}


def assert_input_error(out: subprocess.CompletedProcess[str], where: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith(f"gaicheck: error: {where}"), out.stderr
    assert out.stdout == ""


def billion_laughs() -> bytes:
    lines = ["gaicheck: 1", "service: {name: a, provider: b}", 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i-1}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


CASES = {
    "alias-bomb": (billion_laughs(), "service.yaml:"),
    "deep-nesting": (b"gaicheck: 1\nx: " + b"[" * 5000 + b"]" * 5000 + b"\n", "service.yaml:2:"),
    "deep-mapping": (b"gaicheck: 1\nx:\n" + b"".join(b" " * i + b"k:\n" for i in range(1, 200)), "service.yaml:"),
    "python-tag": (b"gaicheck: 1\nservice: !!python/object/apply:os.system [echo hi]\n", "service.yaml:2:10"),
    "custom-tag": (b"gaicheck: 1\nservice: !include other.yaml\n", "service.yaml:2:10"),
    "scalar-document": (b"just a string\n", "service.yaml:1:1"),
    "list-document": (b"- a\n- b\n", "service.yaml:1:1"),
    "two-documents": (MIN.encode() + b"---\n" + MIN.encode(), "service.yaml:7:1"),
    "empty-file": (b"", "service.yaml:1:1"),
    "only-comment": (b"# nothing here\n", "service.yaml:1:1"),
    "invalid-utf8": (MIN.encode() + b"  description: \xc3\x28\n", "service.yaml:7:16"),
    "utf16": ("gaicheck: 1\n".encode("utf-16"), "service.yaml:1:1"),
    "wrong-version": (MIN.replace("gaicheck: 1", "gaicheck: 2").encode(), "service.yaml:1:11"),
    "null-key": (b"gaicheck: 1\n~: 1\n", "service.yaml:2:1"),
    "tabs": (b"gaicheck: 1\nservice:\n\tname: a\n", "service.yaml:3:1"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_declaration(tmp_path: Path, name: str) -> None:
    data, where = CASES[name]
    (tmp_path / "service.yaml").write_bytes(data)
    before = tree(tmp_path)
    t0 = time.monotonic()
    out = gaicheck("assess", "service.yaml", cwd=tmp_path)
    assert time.monotonic() - t0 < 30, "must fail fast"
    assert_input_error(out, where)
    assert tree(tmp_path) == before


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf" + MIN.encode(), MIN.replace("\n", "\r\n").encode()], ids=["bom", "crlf"])
def test_bom_and_crlf_are_fine(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "service.yaml").write_bytes(data)
    out = gaicheck("assess", "service.yaml", cwd=tmp_path)
    assert out.returncode == 0, out.stderr


def test_huge_declaration_is_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "service.yaml"
    with open(p, "wb") as fh:
        fh.write(MIN.encode())
        fh.truncate(100 * 1024 * 1024)  # sparse 100 MB file
    t0 = time.monotonic()
    out = gaicheck("assess", "service.yaml", cwd=tmp_path)
    assert time.monotonic() - t0 < 10
    assert_input_error(out, "service.yaml: file is 104,857,600 bytes")


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "service.yaml")
    out = gaicheck("assess", "service.yaml", cwd=tmp_path, timeout=20)  # a read would hang
    assert_input_error(out, "service.yaml: not a regular file")


def test_device_is_refused(tmp_path: Path) -> None:
    out = gaicheck("assess", "/dev/zero", cwd=tmp_path, timeout=20)
    assert_input_error(out, "/dev/zero: not a regular file")


def test_directory_is_refused(tmp_path: Path) -> None:
    # a folder is searched for declarations (issue 19); one without any is an input error, and a
    # folder named like a declaration is still "not a regular file"
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "ci.yaml").write_text("on: push\n", encoding="utf-8")
    out = gaicheck("validate", "d", cwd=tmp_path)
    assert_input_error(out, "d: no declarations found")
    (tmp_path / "e.yaml").mkdir()
    out = gaicheck("validate", "e.yaml", cwd=tmp_path)
    assert_input_error(out, "e.yaml: not a regular file")


def test_second_file_error_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MIN, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MIN + "  typo: 1\n", encoding="utf-8")
    out = gaicheck("assess", "a.yaml", "b.yaml", "--format", "json", "--output", "out.json", cwd=tmp_path)
    assert_input_error(out, "b.yaml:7:3")
    assert not (tmp_path / "out.json").exists()


def test_assess_and_validate_write_nothing_without_output(tmp_path: Path) -> None:
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    before = tree(tmp_path)
    for cmd in ("assess", "validate"):
        out = gaicheck(cmd, "service.yaml", cwd=tmp_path)
        assert out.returncode == 0, out.stderr
    assert tree(tmp_path) == before


def test_output_is_written_atomically(tmp_path: Path) -> None:
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    out = gaicheck("assess", "service.yaml", "--format", "json", "--output", "r.json", cwd=tmp_path)
    assert out.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "service.yaml"]  # no temp left behind
