"""Every file the tool reads gets the declaration's checks (issue 13 #5-#7): a baseline, a waivers
file and a results file must be regular files within a size limit (a FIFO would block, /dev/zero
never ends); a waivers file outside the declaration's folder needs --allow-outside; a filing
document over the size limit is not hashed."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.hostile.run import gaicheck as _run
from tests.hostile.run import one_error


def gaicheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run(*args, cwd=cwd, timeout=30)  # a FIFO or /dev/zero read would hang: fail fast


MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: internal\n"


@pytest.fixture()
def svc(tmp_path: Path) -> Path:
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo")
    with open(tmp_path / "huge", "wb") as fh:
        fh.truncate(64 * 1024 * 1024)  # sparse
    return tmp_path


@pytest.mark.parametrize(("target", "where", "words"), [
    ("fifo", "fifo", "not a regular file"),
    ("/dev/zero", "/dev/zero", "not a regular file"),
    ("huge", "huge", "baseline files are limited to 20,971,520 bytes"),
    ("missing.json", "missing.json", "baseline file not found"),
])
def test_baseline_must_be_a_regular_file_of_bounded_size(svc: Path, target: str, where: str, words: str) -> None:
    one_error(gaicheck("assess", "service.yaml", "--baseline", target, cwd=svc), where, words)


def test_baseline_folder_is_a_usage_error(svc: Path) -> None:
    (svc / "d").mkdir()
    out = gaicheck("assess", "service.yaml", "--baseline", "d", cwd=svc)
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1 and "is a directory" in out.stderr


@pytest.mark.parametrize(("target", "where", "words"), [
    ("fifo", "fifo", "not a regular file"),
    ("/dev/zero", "service.yaml:7:1", "is outside the declaration's folder"),
    ("d", "d", "not a regular file"),
    ("huge", "huge", "waivers files are limited to"),
    ("gone.yaml", "service.yaml:7:1", "not found"),
])
@pytest.mark.parametrize("command", ["assess", "validate", "checklist"])
def test_waivers_file_gets_the_declaration_checks(svc: Path, command: str, target: str, where: str, words: str) -> None:
    (svc / "d").mkdir()
    (svc / "service.yaml").write_text(MIN + f"waivers_file: {target}\n", encoding="utf-8")
    one_error(gaicheck(command, "service.yaml", cwd=svc), where, words)


def test_dev_zero_as_waivers_file_with_allow_outside(svc: Path) -> None:
    (svc / "service.yaml").write_text(MIN + "waivers_file: /dev/zero\n", encoding="utf-8")
    one_error(gaicheck("assess", "service.yaml", "--allow-outside", cwd=svc), "/dev/zero", "not a regular file")


@pytest.mark.parametrize("how", ["dotdot", "symlink"])
def test_waivers_file_outside_the_folder_needs_allow_outside(tmp_path: Path, how: str) -> None:
    (tmp_path / "w.yaml").write_text("waivers:\n  - {rule: CN-SVC-09, reason: ok, expires: 2027-01-01}\n",
                                     encoding="utf-8")
    (tmp_path / "svc").mkdir()
    name = "../w.yaml"
    if how == "symlink":
        (tmp_path / "svc" / "link.yaml").symlink_to(tmp_path / "w.yaml")
        name = "link.yaml"
    (tmp_path / "svc" / "service.yaml").write_text(MIN + f"waivers_file: {name}\n", encoding="utf-8")
    one_error(gaicheck("assess", "service.yaml", cwd=tmp_path / "svc"), "service.yaml:7:1",
              f"waivers file '{name}' is outside the declaration's folder (use --allow-outside to permit)")
    out = gaicheck("assess", "service.yaml", "--allow-outside", "--as-of", "2026-12-01", cwd=tmp_path / "svc")
    assert out.returncode in (0, 1), out.stderr


def test_results_file_that_is_a_fifo_is_not_opened(svc: Path) -> None:
    (svc / "service.yaml").write_text(MIN + "evaluation:\n  generated_manual_sample: fifo\n", encoding="utf-8")
    one_error(gaicheck("assess", "service.yaml", cwd=svc), "service.yaml:8:3",
              "evaluation.generated_manual_sample: fifo: not a regular file")


def test_a_huge_filing_document_is_not_hashed(svc: Path) -> None:
    with open(svc / "report.pdf", "wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(600 * 1024 * 1024)  # sparse, over the 512 MiB limit: reading it would take seconds
    (svc / "service.yaml").write_text(MIN + "documents:\n  security_assessment_report: report.pdf\n",
                                      encoding="utf-8")
    out = gaicheck("assess", "service.yaml", "--format", "json", cwd=svc)
    doc = next(d for d in json.loads(out.stdout)["documents"] if d["id"] == "security_assessment_report")
    assert doc["status"] == "invalid" and doc["sha256"] is None
    assert "over the 536,870,912-byte limit" in doc["note"]


@pytest.mark.parametrize(("target", "words"), [
    ("fifo", "not a regular file"),
    ("/dev/zero", "not a regular file"),
    ("deep.json", "not valid JSON: nested too deeply"),
    ("sparse.json", "previous reports are limited to 268,435,456 bytes"),
])
def test_compare_file_gets_the_declaration_checks(svc: Path, target: str, words: str) -> None:
    (svc / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    with open(svc / "sparse.json", "wb") as fh:
        fh.truncate(300 * 1024 * 1024)
    one_error(gaicheck("assess", "service.yaml", "--compare", target, cwd=svc), target, words)
