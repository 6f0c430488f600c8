"""Writing outputs (issue 13 #1): never over an input of the run, never replacing a device node or a
FIFO, one file named twice is refused, and an unwritable target is exit 2 with nothing written."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.hostile.privs import foreign, restore
from tests.hostile.run import gaicheck
from tests.hostile.run import one_error as refused

MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: internal\n"


@pytest.fixture()
def svc(tmp_path: Path) -> Path:
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    return tmp_path


def test_output_over_the_declaration_is_refused(svc: Path) -> None:
    out = gaicheck("assess", "service.yaml", "--format", "json", "--output", "service.yaml", cwd=svc)
    refused(out, "service.yaml", "an input of this run")
    assert (svc / "service.yaml").read_text(encoding="utf-8") == MIN


@pytest.mark.parametrize("how", ["symlink", "hardlink", "dotdot"])
def test_output_over_the_declaration_under_another_name(svc: Path, how: str) -> None:
    (svc / "sub").mkdir()
    name = {"symlink": "alias.yaml", "hardlink": "hard.yaml", "dotdot": "sub/../service.yaml"}[how]
    if how == "symlink":
        (svc / name).symlink_to("service.yaml")
    elif how == "hardlink":
        os.link(svc / "service.yaml", svc / name)
    out = gaicheck("assess", "service.yaml", "--format", "markdown", "--output", name, cwd=svc)
    refused(out, name, "an input of this run")
    assert (svc / "service.yaml").read_text(encoding="utf-8") == MIN


def test_output_over_a_document_waivers_file_or_baseline_is_refused(svc: Path) -> None:
    (svc / "kw.txt").write_text("一\n二\n", encoding="utf-8")
    (svc / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    (svc / "service.yaml").write_text(
        MIN + "documents:\n  keyword_list: kw.txt\nwaivers_file: waivers.yaml\n", encoding="utf-8")
    for target in ("kw.txt", "waivers.yaml"):
        before = (svc / target).read_bytes()
        out = gaicheck("assess", "service.yaml", "--format", "json", "--output", target, cwd=svc)
        refused(out, target, "an input of this run")
        assert (svc / target).read_bytes() == before
        out = gaicheck("checklist", "service.yaml", "--format", "csv", "--output", target, cwd=svc)
        refused(out, target, "an input of this run")
    assert gaicheck("assess", "service.yaml", "--write-baseline", "b.json", cwd=svc).returncode == 0
    before = (svc / "b.json").read_bytes()
    out = gaicheck("assess", "service.yaml", "--baseline", "b.json", "--format", "json", "--output", "b.json", cwd=svc)
    refused(out, "b.json", "an input of this run")
    assert (svc / "b.json").read_bytes() == before


def test_one_file_named_twice_through_a_symlink_is_refused(svc: Path) -> None:
    (svc / "a.json").write_text("{}", encoding="utf-8")
    (svc / "b.json").symlink_to("a.json")
    out = gaicheck("assess", "service.yaml", "--format", "json", "--output", "a.json",
                   "--format", "sarif", "--output", "b.json", cwd=svc)
    refused(out, "b.json", "two outputs name the same file")
    (svc / "d").mkdir()
    out = gaicheck("assess", "service.yaml", "--format", "json", "--output", "new.json",
                   "--format", "sarif", "--output", "d/../new.json", cwd=svc)
    refused(out, "d/../new.json", "two outputs name the same file")
    assert not (svc / "new.json").exists()


def test_output_through_a_symlink_replaces_the_file_and_keeps_the_link(svc: Path) -> None:
    (svc / "real.json").write_text("old", encoding="utf-8")
    (svc / "link.json").symlink_to("real.json")
    assert gaicheck("assess", "service.yaml", "--format", "json", "--output", "link.json", cwd=svc).returncode == 0
    assert (svc / "link.json").is_symlink()
    assert json.loads((svc / "real.json").read_text(encoding="utf-8"))["report_version"]


def _scratch_device(path: Path, minor: int) -> None:
    """A character device node of our own (1:7 behaves as /dev/full, 1:3 as /dev/null): the real
    /dev entries are never a target."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("creating a device node needs root (CAP_MKNOD)")


@pytest.mark.parametrize("command", [
    ("assess", "service.yaml", "--format", "json", "--output", "full"),
    ("assess", "service.yaml", "--write-baseline", "full"),
    ("checklist", "service.yaml", "--output", "full"),
    ("checklist", "service.yaml", "--format", "xlsx", "--output", "full"),
    ("bundle", "service.yaml", "--out", "full", "--force", "--no-docx"),
], ids=["assess", "write-baseline", "checklist", "checklist-xlsx", "bundle"])
def test_a_full_device_is_an_error_and_stays_a_device(svc: Path, command: tuple[str, ...]) -> None:
    _scratch_device(svc / "full", 7)
    out = gaicheck(*command, cwd=svc)
    refused(out, "full", "No space left on device")
    assert stat.S_ISCHR(os.lstat(svc / "full").st_mode)
    assert sorted(p.name for p in svc.iterdir()) == ["full", "service.yaml"]  # no temporary left


def test_a_null_device_is_written_through(svc: Path) -> None:
    _scratch_device(svc / "null", 3)
    out = gaicheck("assess", "service.yaml", "--format", "json", "--output", "null", cwd=svc)
    assert out.returncode == 0, out.stderr
    assert stat.S_ISCHR(os.lstat(svc / "null").st_mode)


def test_a_fifo_reaches_its_reader(svc: Path) -> None:
    os.mkfifo(svc / "pipe")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append((svc / "pipe").read_bytes()))
    reader.start()
    out = gaicheck("assess", "service.yaml", "--format", "json", "--output", "pipe", cwd=svc, timeout=30)
    reader.join(30)
    assert out.returncode == 0, out.stderr
    assert json.loads(got[0])["report_version"]
    assert stat.S_ISFIFO(os.lstat(svc / "pipe").st_mode)


def test_a_fifo_without_reader_is_an_error_not_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gaicheck import outputs
    from gaicheck.errors import InputError

    monkeypatch.setattr(outputs, "FIFO_WAIT_SECONDS", 0.1)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InputError, match="FIFO has no reader"):
        outputs.write_all([(str(tmp_path / "pipe"), b"x")])
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


def test_a_link_to_proc_self_stdout_reaches_stdout(svc: Path) -> None:
    (svc / "out").symlink_to("/proc/self/fd/1")
    proc = subprocess.run([sys.executable, "-m", "gaicheck", "assess", "service.yaml", "--format", "json",
                           "--output", "out"], cwd=svc, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["report_version"]
    assert (svc / "out").is_symlink()


@pytest.mark.parametrize("command", [
    ("assess", "service.yaml", "--format", "json", "--output", "{t}"),
    ("checklist", "service.yaml", "--output", "{t}"),
    ("checklist", "service.yaml", "--format", "xlsx", "--output", "{t}"),
], ids=["assess", "checklist", "checklist-xlsx"])
@pytest.mark.parametrize("target", ["folder", "missing/x.out", "ro/x.out"])
def test_unwritable_targets_are_input_errors(svc: Path, command: tuple[str, ...], target: str) -> None:
    (svc / "folder").mkdir()
    (svc / "ro").mkdir()
    foreign(svc / "ro", 0o555)
    try:
        out = gaicheck(*[a.format(t=target) for a in command], cwd=svc, wrap=True)
    finally:
        restore(svc / "ro")
    words = {"folder": "is a folder", "missing/x.out": "its folder does not exist", "ro/x.out": "Permission denied"}
    refused(out, target, words[target])
    assert sorted(p.name for p in svc.rglob("*")) == ["folder", "ro", "service.yaml"]


def test_draft_into_a_read_only_folder_is_an_input_error(svc: Path) -> None:
    (svc / "ro").mkdir()
    foreign(svc / "ro", 0o555)
    try:
        nested = gaicheck("draft", "service.yaml", "--out", "ro/drafts", cwd=svc, wrap=True)
        inside = gaicheck("draft", "service.yaml", "--out", "ro", cwd=svc, wrap=True)
    finally:
        restore(svc / "ro")
    refused(nested, "ro/drafts", "Permission denied")
    refused(inside, "ro/00_README", "Permission denied")
    assert list((svc / "ro").iterdir()) == []
