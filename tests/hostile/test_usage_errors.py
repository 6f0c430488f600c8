"""One error format (issue 13 #8): a usage mistake is one line `gaicheck: error: ...`, exit 2, never
click's three-line Usage:/Try/Error: block; Ctrl-C is `gaicheck: interrupted`, exit 130, with
nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gaicheck.cli import main

MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: internal\n"


def gaicheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gaicheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "LANG": "C.UTF-8"})


@pytest.mark.parametrize(("args", "words"), [
    (("asess", "service.yaml"), "No such command 'asess'. Did you mean 'assess'?"),
    (("--hlep",), "No such option '--hlep'. Did you mean '--help'?"),
    (("assess", "--hepl", "service.yaml"), "No such option '--hepl'. Did you mean '--help'?"),
    (("assess", "--bogus", "service.yaml"), "No such option '--bogus'"),
    (("assess",), "Missing argument 'FILES...'"),
    (("explain",), "Missing argument 'RULE_ID'"),
    (("assess", "service.yaml", "--format", "xx"), "'xx' is not one of"),
    (("assess", "service.yaml", "--fail-on", "fatal"), "'fatal' is not one of"),
    (("assess", "service.yaml", "--rules-dir", "nope"), "Directory 'nope' does not exist"),
    (("assess", "service.yaml", "--baseline", "folder"), "'folder' is a directory"),
    (("assess", "service.yaml", "--as-of", "2026-99-01"), "not a date"),
    (("assess", "service.yaml", "--output", "a", "--output", "b"), "more --output than --format"),
    (("rules", "--framework", "XX"), "'XX' is not one of"),
], ids=lambda v: v if isinstance(v, str) else "-".join(v)[:40])
def test_usage_error_is_one_line(tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    out = gaicheck(*args, cwd=tmp_path)
    assert out.returncode == 2, (out.returncode, out.stderr)
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gaicheck: error: "), out.stderr
    assert words in lines[0] and "--help" in lines[0], lines[0]
    assert out.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "service.yaml"]


def test_help_and_version_still_work(tmp_path: Path) -> None:
    for args in (("--help",), ("assess", "--help"), ("--version",)):
        out = gaicheck(*args, cwd=tmp_path)
        assert out.returncode == 0 and out.stdout and out.stderr == "", out.stderr


def test_ctrl_c_is_interrupted_exit_130_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gaicheck import outputs

    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    (tmp_path / "old.json").write_text("old", encoding="utf-8")
    real_replace = os.replace

    def interrupted(src, dst):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # Ctrl-C while the outputs are being put in place

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(outputs.os, "replace", interrupted)
    r = CliRunner().invoke(main, ["assess", "service.yaml", "--format", "json", "--output", "old.json",
                                  "--format", "sarif", "--output", "new.sarif"])
    monkeypatch.setattr(outputs.os, "replace", real_replace)
    assert r.exit_code == 130, r.output
    assert r.stderr.strip() == "gaicheck: interrupted"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json", "service.yaml"]  # no temporary left
    assert (tmp_path / "old.json").read_text(encoding="utf-8") == "old"


def test_ctrl_c_before_a_command_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import gaicheck.cli as cli

    def interrupted(self, ctx, args):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # while click parses the command line, outside any command

    monkeypatch.setattr(cli._PairsOutputs, "parse_args", interrupted)
    r = CliRunner().invoke(main, ["assess", "service.yaml"])
    assert r.exit_code == 130 and r.stderr.strip() == "gaicheck: interrupted", r.output
