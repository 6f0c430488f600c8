"""Declarations found under folders (issue 19 #1): what counts, what is skipped, the order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gaicheck.discover import expand, is_declaration, parse_gitignore
from gaicheck.errors import InputError
from tests.conftest import REPO

DECL = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n"


def put(root: Path, rel: str, text: str = DECL) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def rels(root: Path, **kw: object) -> list[str]:
    return [os.path.relpath(p, root).replace(os.sep, "/") for p in expand([str(root)], **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    (DECL, True),
    ("# a comment\n\n---\ngaicheck: 1\n", True),
    ("\ufeffgaicheck: 1\n", True),
    ('"gaicheck" : 1\n', True),
    ("%YAML 1.2\n---\ngaicheck: 1\n", True),
    ("service:\n  name: a\ngaicheck: 1\n", False),   # not the first key
    ("  gaicheck: 1\n", False),                      # not top level
    ("gaicheck_version: 1\n", False),
    ("on: push\njobs: {}\n", False),
    ("", False),
])
def test_first_key_decides(tmp_path: Path, text: str, expected: bool) -> None:
    assert is_declaration(str(put(tmp_path, "x.yaml", text))) is expected


def test_reads_only_the_head(tmp_path: Path) -> None:
    # a huge non-declaration is judged on its first bytes: the key after 4 KB of comments is not seen
    p = put(tmp_path, "big.yaml", "#" * 5000 + "\ngaicheck: 1\n")
    assert not is_declaration(str(p))


def test_recursive_sorted_and_skips(tmp_path: Path) -> None:
    for rel in ["b/service.yaml", "a/z.yml", "a/b/service.yaml", "a10/s.yaml", "a2/s.yaml",
                ".git/x.yaml", "node_modules/p/s.yaml", "__pycache__/s.yaml", ".venv/s.yaml", "venv/s.yaml",
                "env1/lib/s.yaml"]:
        put(tmp_path, rel)
    put(tmp_path, "env1/pyvenv.cfg", "home = /usr\n")
    put(tmp_path, "a/ci.yaml", "on: push\n")
    put(tmp_path, "a/notes.txt")  # right content, wrong suffix
    assert rels(tmp_path) == ["a/b/service.yaml", "a/z.yml", "a10/s.yaml", "a2/s.yaml", "b/service.yaml"]


def test_gitignore_at_the_root(tmp_path: Path) -> None:
    for rel in ["keep/s.yaml", "build/s.yaml", "deep/build/s.yaml", "out/s.yaml", "x/out/s.yaml",
                "tmp-1.yaml", "tmp-keep.yaml", "f/build"]:
        put(tmp_path, rel)
    (tmp_path / ".gitignore").write_text("# comment\nbuild/\n/out/\ntmp-*.yaml\n!tmp-keep.yaml\n", encoding="utf-8")
    # build/ (dirs only, any depth) · /out/ (anchored: x/out stays) · tmp-* except the negated one
    assert rels(tmp_path) == ["keep/s.yaml", "tmp-keep.yaml", "x/out/s.yaml"]


def test_exclude_globs(tmp_path: Path) -> None:
    for rel in ["a/s.yaml", "b/s.yaml", "b/c/s.yaml", "draft.yaml"]:
        put(tmp_path, rel)
    assert rels(tmp_path, excludes=["b"]) == ["a/s.yaml", "draft.yaml"]
    assert rels(tmp_path, excludes=["b/c", "draft*"]) == ["a/s.yaml", "b/s.yaml"]


def test_files_kept_and_deduplicated(tmp_path: Path) -> None:
    a = put(tmp_path, "d/a.yaml")
    other = put(tmp_path, "other.txt", "not yaml at all")  # a file given by name is the user's choice
    out = expand([str(a), str(tmp_path / "d"), str(other)])
    assert out == [str(a), str(other)]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    put(tmp_path, "ci.yaml", "on: push\n")
    with pytest.raises(InputError, match="no declarations found") as exc:
        expand([str(tmp_path)])
    assert str(exc.value).startswith(str(tmp_path) + ": ")


def test_gitignore_parse_subset() -> None:
    rules = parse_gitignore("\n# c\n!keep\nlogs/\n/a/b\n")
    assert [(r.pattern, r.negate, r.dir_only, r.anchored) for r in rules] == [
        ("keep", True, False, False), ("logs", False, True, False), ("a/b", False, False, True)]


def test_cli_assesses_a_folder(tmp_path: Path) -> None:
    put(tmp_path, "ci.yaml", "on: push\n")
    proc = subprocess.run([sys.executable, "-m", "gaicheck", "assess", str(tmp_path), "--as-of", "2026-11-27"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"gaicheck: error: {tmp_path}: no declarations found (YAML files whose first key is 'gaicheck')"
    assert proc.stdout == ""


def test_cli_examples_folder_in_order() -> None:
    proc = subprocess.run([sys.executable, "-m", "gaicheck", "validate", "examples"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    expected = [f"examples/{p.parent.name}/service.yaml: ok" for p in sorted((REPO / "examples").glob("*/service.yaml"))]
    assert proc.stdout.splitlines() == expected
