"""The README stays true: its commands name real files, and its rule tables list every rule."""

from __future__ import annotations

import re
from pathlib import Path

from gaicheck.catalog.load import load_catalog

REPO = Path(__file__).parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert "gaicheck assess examples/" in blocks[0]
    example = re.search(r"gaicheck assess (\S+)", blocks[0]).group(1)  # type: ignore[union-attr]
    assert (REPO / example).is_file()
    assert "pytest" in blocks[1] and "'.[test]'" in blocks[1]


def test_rule_tables_list_every_rule() -> None:
    missing = [cr.rule.id for cr in load_catalog().rules if cr.rule.id not in README]
    assert not missing, f"README lacks {missing}: run python scripts/readme_tables.py"


def test_every_example_is_explained() -> None:
    for example in sorted(p.parent.name for p in (REPO / "examples").glob("*/service.yaml")):
        assert f"`{example}`" in README, example
