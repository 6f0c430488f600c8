"""``--format`` / ``--output``: several formats in one run, all rendered before anything is written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gaicheck.cli import FORMATS
from gaicheck.report import RENDERERS
from tests.workflow.helpers import FAIL, cli, write

pytestmark = pytest.mark.usefixtures("only_test_pack")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_format_choices_are_the_registry() -> None:
    assert FORMATS == tuple(sorted(RENDERERS))
    assert {"terminal", "json", "sarif", "junit", "markdown", "github"} <= set(FORMATS)


def test_one_run_writes_terminal_sarif_junit_markdown(tmp_path: Path) -> None:
    write(tmp_path, FAIL["major"])
    result = cli(
        "service.yaml", "--format", "terminal",
        "--format", "sarif", "--output", "gaicheck.sarif",
        "--format", "junit", "--output", "junit.xml",
        "--format", "markdown", "--output", "comment.md",
        "--format", "github", "--output", "annotations.txt",
    )
    assert result.exit_code == 1
    assert "NOT READY" in result.stdout and "CN-TST-02" in result.stdout  # terminal on stdout
    sarif = json.loads((tmp_path / "gaicheck.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"][0]["ruleId"] == "CN-TST-02"
    suite = ET.parse(tmp_path / "junit.xml").getroot()
    assert suite.get("failures") == "1"
    assert "NOT READY" in (tmp_path / "comment.md").read_text(encoding="utf-8")
    assert (tmp_path / "annotations.txt").read_text(encoding="utf-8").startswith("::error file=service.yaml,line=")


def test_formats_without_output_go_to_stdout_one_at_most(tmp_path: Path) -> None:
    write(tmp_path)
    result = cli("service.yaml", "--format", "sarif", "--format", "json")
    assert result.exit_code == 2 and "only one format can go to stdout" in result.stderr
    result = cli("service.yaml", "--format", "sarif", "--output", "-", "--format", "json", "--output", "r.json")
    assert result.exit_code == 0 and json.loads(result.stdout)["version"] == "2.1.0"


def test_more_outputs_than_formats_and_duplicates_are_usage_errors(tmp_path: Path) -> None:
    write(tmp_path)
    assert "more --output than --format" in cli("service.yaml", "--output", "a", "--output", "b").stderr
    dup = cli("service.yaml", "--format", "json", "--output", "r", "--format", "sarif", "--output", "./r")
    assert dup.exit_code == 2 and "same file" in dup.stderr
    assert not (tmp_path / "r").exists()


def test_nothing_is_written_when_an_input_fails(tmp_path: Path) -> None:
    write(tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "service.yaml").write_text("gaicheck: 1\nservice: {name: x}\n", encoding="utf-8")
    result = cli("a/service.yaml", "b/service.yaml", "--format", "sarif", "--output", "r.sarif",
                 "--format", "junit", "--output", "r.xml")
    assert result.exit_code == 2
    assert not (tmp_path / "r.sarif").exists() and not (tmp_path / "r.xml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]  # no temporary files left either


def test_existing_output_is_replaced_whole(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "r.xml").write_text("x" * 100_000, encoding="utf-8")
    assert cli("service.yaml", "--format", "junit", "--output", "r.xml").exit_code == 0
    ET.parse(tmp_path / "r.xml")


def test_several_declarations_make_one_document_per_format(tmp_path: Path) -> None:
    write(tmp_path / "a")
    write(tmp_path / "b", FAIL["minor"])
    result = cli("a/service.yaml", "b/service.yaml", "--format", "sarif", "--output", "r.sarif",
                 "--format", "junit", "--output", "r.xml", "--format", "json", "--output", "r.json",
                 "--format", "markdown", "--output", "r.md")
    assert result.exit_code == 0
    (run,) = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["a/service.yaml", "b/service.yaml"]
    root = ET.parse(tmp_path / "r.xml").getroot()
    assert root.tag == "testsuites" and len(root.findall("testsuite")) == 2 and root.get("failures") == "1"
    assert [r["input"]["path"] for r in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))] == [
        "a/service.yaml", "b/service.yaml",
    ]
    assert (tmp_path / "r.md").read_text(encoding="utf-8").count("\n## ") == 1  # two reports, two headings


def test_renderers_are_imported_lazily() -> None:
    code = (
        "import sys, gaicheck.cli, gaicheck.report; "
        "print(sorted(m for m in sys.modules if m.startswith('gaicheck.report.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert out.stdout.strip() == "[]"


def test_each_output_goes_with_the_format_before_it(tmp_path: Path) -> None:
    write(tmp_path, FAIL["major"])
    result = cli("service.yaml", "--format", "terminal", "--format", "sarif", "--output", "r.sarif",
                 "--format=junit", "--output=r.xml")
    assert result.exit_code == 1
    assert "NOT READY" in result.stdout
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    ET.parse(tmp_path / "r.xml")


def test_output_without_format_is_the_terminal_report(tmp_path: Path) -> None:
    write(tmp_path)
    assert cli("service.yaml", "--output", "report.txt").exit_code == 0
    assert "READY" in (tmp_path / "report.txt").read_text(encoding="utf-8")


def test_outputs_grouped_after_formats_are_ambiguous(tmp_path: Path) -> None:
    write(tmp_path)
    result = cli("service.yaml", "--format", "json", "--format", "sarif", "--output", "a", "--output", "b")
    assert result.exit_code == 2 and "right after the --format" in result.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_output_folder_must_exist(tmp_path: Path) -> None:
    write(tmp_path)
    result = cli("service.yaml", "--format", "json", "--output", "r.json", "--format", "sarif", "--output", "out/r.sarif")
    assert result.exit_code == 2 and "its folder does not exist" in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_unwritable_output_is_an_input_error(tmp_path: Path) -> None:
    # as root, in a user namespace where the folder's owner is not mapped (tests/hostile/privs.py)
    from tests.hostile.privs import foreign, restore, unprivileged

    write(tmp_path)
    (tmp_path / "ro").mkdir()
    foreign(tmp_path / "ro", 0o500)
    try:
        result = subprocess.run(
            unprivileged([sys.executable, "-m", "gaicheck", "assess", "service.yaml", "--format", "json",
                          "--output", "ro/r.json"]),
            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    finally:
        restore(tmp_path / "ro")
    assert result.returncode == 2 and result.stderr.startswith("gaicheck: error: ro/r.json: cannot write")
