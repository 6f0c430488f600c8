"""``gaicheck assess`` without click (cli_fast.py) behaves exactly as the click command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gaicheck import cli_fast
from tests.conftest import REPO

EU = str(REPO / "examples" / "eu-chatbot" / "service.yaml")
FLAG = str(REPO / "examples" / "chatbot-filing" / "service.yaml")
CLICK = "import sys; from gaicheck.cli import main; sys.argv[0] = 'gaicheck'; main()"
FAST = "import sys; from gaicheck.cli_fast import main; sys.argv[0] = 'gaicheck'; main()"


def _run(code: str, args: list[str], cwd: Path) -> tuple[int, str, str, dict[str, bytes]]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "GAICHECK_DEBUG")}
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, env=env)
    files = {p.name: p.read_bytes() for p in sorted(cwd.iterdir()) if p.is_file()}
    return proc.returncode, proc.stdout, proc.stderr, files


CASES = [
    ["assess", EU, "--format", "json", "--as-of", "2026-12-01"],
    ["assess", EU, "--as-of=2026-12-01", "--lang", "zh"],
    ["assess", FLAG, "--format=sarif", "--as-of", "2026-12-01", "--fail-on", "minor"],
    ["assess", EU, FLAG, "--format", "json", "--output", "r.json", "--format", "terminal", "-q", "--as-of", "2026-12-01"],
    ["assess", "--eu-timeline", "baseline", EU, "--format", "markdown", "-v", "--allow-outside", "--as-of", "2026-12-01"],
    ["assess", EU, "--format", "json", "--format", "terminal"],            # usage error: two to stdout
    ["assess", EU, "--output", "a.txt", "--output", "b.txt"],               # usage error: more outputs
    ["assess", EU, "--as-of", "2026-13-01"],                                # bad date: click says it
    ["assess", EU, "--lang", "fr"],
    ["assess", EU, "--format", "yaml"],
    ["assess", EU, "--bogus"],
    ["assess", "--help"],
    ["assess"],
    ["assess", "does-not-exist.yaml", "--format", "json"],                  # input error, exit 2
    ["assess", EU, "--output", "r.json", "--format", "json"],               # output before its format
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(a[1:]).replace(str(REPO), "")[:60] for a in CASES])
def test_same_exit_output_and_files_as_click(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "click").mkdir()
    (tmp_path / "fast").mkdir()
    via_click = _run(CLICK, args, tmp_path / "click")
    via_fast = _run(FAST, args, tmp_path / "fast")
    assert via_fast == via_click


def test_a_bad_declaration_is_one_located_line(tmp_path: Path) -> None:
    bad = tmp_path / "service.yaml"
    bad.write_text(Path(EU).read_text(encoding="utf-8").replace("service:\n", "service:\n  nmae: x\n", 1), encoding="utf-8")
    code, out, err, _ = _run(FAST, ["assess", str(bad), "--format", "json"], tmp_path)
    assert (code, out) == (2, "")
    assert err.startswith(f"gaicheck: error: {bad}:") and "unknown key 'nmae'" in err and err.count("\n") == 1


@pytest.mark.parametrize("args", [
    ["assess", EU], ["assess", EU, "--format", "json", "--output", "-"], ["assess", "-q", "--format=terminal", EU],
])
def test_plain_lines_are_parsed_here(args: list[str]) -> None:
    assert cli_fast.parse(args) is not None


@pytest.mark.parametrize("args", [
    [], ["rules"], ["--version"], ["assess"], ["assess", "--help"], ["assess", EU, "--rules-dir", "x"],
    ["assess", EU, "--baseline", "b"], ["assess", EU, "--as-of", "2026-02-30"], ["assess", EU, "--as-of", "1900-01-01"],
    ["assess", EU, "--lang", "de"], ["assess", EU, "-qv"], ["assess", EU, "--", "x"], ["assess", "-", "--format"],
    ["assess", EU, "--as-of", "2026-01-01", "--as-of", "2026-01-02"], ["assess", EU, "--format", "JSON"],
])
def test_everything_else_goes_to_click(args: list[str]) -> None:
    assert cli_fast.parse(args) is None


def test_the_hook_line_imports_no_click(tmp_path: Path) -> None:
    code = ("import sys\nfrom gaicheck import cli_fast\nsys.argv = ['gaicheck', 'assess', %r, '--format', 'json', "
            "'--output', %r]\ntry:\n    cli_fast.main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'pydantic')))") % (EU, str(tmp_path / "r.json"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert (tmp_path / "r.json").read_text(encoding="utf-8").startswith("{")
