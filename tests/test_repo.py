"""The repository root: the nearest folder above with a .git folder or file, no git needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.repo import default_root, find_root


def test_git_folder_or_file_marks_the_top(tmp_path: Path) -> None:
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    (tmp_path / "clone" / "a" / "b").mkdir(parents=True)
    assert find_root(tmp_path / "clone" / "a" / "b") == tmp_path / "clone"
    (tmp_path / "wt" / "sub").mkdir(parents=True)
    (tmp_path / "wt" / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")  # a worktree
    assert find_root(tmp_path / "wt" / "sub" / "service.yaml") == tmp_path / "wt"


def test_default_root_prefers_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "here" / ".git").mkdir(parents=True)
    (tmp_path / "there" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "here")
    assert default_root([str(tmp_path / "there" / "service.yaml")]) == tmp_path / "here"
