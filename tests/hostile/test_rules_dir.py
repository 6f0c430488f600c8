"""`--rules-dir` (issue 13 #8): a folder with no rule pack is an error (exit 2), never a run that
silently loaded nothing; a pack folder itself or a folder of packs is loaded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.hostile.run import gaicheck

PACK = Path(__file__).parents[1] / "workflow" / "pack"
MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: internal\n"


@pytest.mark.parametrize("layout", ["empty", "rule-files-only", "packs-two-levels-down"])
@pytest.mark.parametrize("command", ["assess", "validate"])
def test_a_folder_without_packs_is_an_error(tmp_path: Path, layout: str, command: str) -> None:
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    if layout == "rule-files-only":
        shutil.copy(PACK / "cn" / "CN-TST-01.yaml", rules)
    elif layout == "packs-two-levels-down":
        shutil.copytree(PACK, rules / "deeper")
    out = gaicheck(command, "service.yaml", "--rules-dir", "rules", cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert out.stderr == ("gaicheck: error: rules: no rule pack here: --rules-dir takes a pack "
                          "(a folder with _pack.yaml) or a folder of packs\n")
    assert out.stdout == ""


@pytest.mark.parametrize("given", ["pack", "folder-of-packs"])
def test_a_pack_or_a_folder_of_packs_is_loaded(tmp_path: Path, given: str) -> None:
    (tmp_path / "service.yaml").write_text(MIN, encoding="utf-8")
    folder = PACK / "cn" if given == "pack" else PACK
    out = gaicheck("assess", "service.yaml", "--rules-dir", str(folder), "--format", "json", cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    assert any(f["rule"] == "CN-TST-01" for f in json.loads(out.stdout)["findings"])
