"""The compiled data store mirrors the YAML sources, and a stale entry falls back to the YAML."""

from __future__ import annotations

from pathlib import Path

from gaicheck import datafiles

REPO = Path(__file__).parents[1]


def test_compiled_store_is_current() -> None:
    current = (REPO / "src" / "gaicheck" / "_data" / "rules" / datafiles.COMPILED).read_text(encoding="utf-8")
    assert current == datafiles.render(REPO / "src" / "gaicheck" / "_data" / "rules"), "rules/_compiled.json is stale: run python -m gaicheck.datafiles"


def test_stale_entry_is_ignored() -> None:
    data = (REPO / "src" / "gaicheck" / "_data" / "rules" / "documents.yaml").read_bytes()
    fresh = datafiles.load_bytes("documents.yaml", data)
    edited = data + b"\n- id: extra_doc\n  name: {zh: x, en: x}\n"
    reparsed = datafiles.load_bytes("documents.yaml", edited)
    assert reparsed[-1]["id"] == "extra_doc"
    assert len(reparsed) == len(fresh) + 1


def test_dates_round_trip() -> None:
    rule = datafiles.load("cn/CN-SVC-09.yaml")
    assert rule == datafiles.parse_yaml((REPO / "src" / "gaicheck" / "_data" / "rules" / "cn" / "CN-SVC-09.yaml").read_bytes())
