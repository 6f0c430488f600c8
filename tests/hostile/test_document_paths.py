"""Document paths that leave the declaration's folder, or are not regular files, are reported,
never opened (a FIFO would hang a reader) and never followed outside unless --allow-outside."""

from __future__ import annotations

import os
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


def _assess(tmp_path: Path, rel: str, **kw):  # type: ignore[no-untyped-def]
    decl = dict(DECL, documents={"service_agreement": rel})
    (tmp_path / "svc").mkdir(exist_ok=True)
    path = tmp_path / "svc" / "service.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True), encoding="utf-8")
    report = run(path, frameworks=["CN"], **kw)
    return next(d for d in report.documents if d.id == "service_agreement")


def test_regular_file_inside_is_valid(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "a.md").write_text("x", encoding="utf-8")
    doc = _assess(tmp_path, "a.md")
    assert doc.status == "valid" and doc.sha256


@pytest.mark.parametrize("rel", ["../outside.md", "ABSOLUTE"])
def test_outside_paths_are_refused(tmp_path: Path, rel: str) -> None:
    (tmp_path / "outside.md").write_text("secret", encoding="utf-8")
    if rel == "ABSOLUTE":
        rel = str(tmp_path / "outside.md")
    doc = _assess(tmp_path, rel)
    assert doc.status == "invalid"
    assert doc.note and "outside" in doc.note
    assert doc.sha256 is None


def test_outside_allowed_with_flag(tmp_path: Path) -> None:
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    assert _assess(tmp_path, "../outside.md", allow_outside=True).status == "valid"


def test_symlink_pointing_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "outside.md", tmp_path / "svc" / "link.md")
    doc = _assess(tmp_path, "link.md")
    assert doc.status == "invalid" and "outside" in (doc.note or "")


@pytest.mark.parametrize("kind", ["dir", "fifo", "missing"])
def test_non_files(tmp_path: Path, kind: str) -> None:
    (tmp_path / "svc").mkdir()
    target = tmp_path / "svc" / "thing"
    if kind == "dir":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    doc = _assess(tmp_path, "thing")
    assert doc.status == "missing"
    assert doc.note in {"dir": "is a directory, not a file", "fifo": "not a regular file", "missing": "file not found"}[kind]


def test_device_inside_tree_via_allow_outside(tmp_path: Path) -> None:
    doc = _assess(tmp_path, "/dev/zero", allow_outside=True)
    assert doc.status == "missing" and doc.note == "not a regular file"
