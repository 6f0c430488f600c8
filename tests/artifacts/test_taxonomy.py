"""Taxonomy data and label resolution."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gaicheck.artifacts.taxonomy import TAXONOMY_PARTS, Resolver, load_taxonomy, normalize_label, parse_taxonomy
from gaicheck.errors import InputError, RuleDefinitionError
from gaicheck.resources import data_path

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "cn.md"


def test_31_risks_in_five_groups() -> None:
    tax = load_taxonomy()
    assert len(tax.codes) == 31
    assert len(tax.codes_in("A.1", "A.2")) == 17
    assert [len(tax.codes_in(g)) for g in ("A.1", "A.2", "A.3", "A.4", "A.5")] == [8, 9, 5, 7, 2]
    assert len({r.id for r in tax.risks}) == 31
    assert len(tax.aspects) == 13


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference not present")
def test_stable_ids_match_reference() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    section = text[text.index("### 4.7"):text.index("## 5.")]
    ids = re.findall(r"`([a-z]+\.[a-z_]+)`", section)
    assert [r.id for r in load_taxonomy().risks] == ids


@pytest.mark.parametrize("label", [
    "A.1a", "A1a", "a1a", "A-1-a", "A.1.a", "A1-a", "A.1(a)", "Ａ．１ａ", " A.1a ", "A.1.1",
    "csv.subversion", "CSV.Subversion", "煽动颠覆国家政权、推翻社会主义制度", "颠覆国家政权",
    "A.1a 煽动颠覆国家政权", "A1a：颠覆", "subversion",
])
def test_resolves_a1a_spellings(label: str) -> None:
    assert Resolver(load_taxonomy()).resolve(label) == "A.1a"


@pytest.mark.parametrize(("label", "code"), [
    ("民族歧视", "A.2a"), ("民族仇恨", "A.1e"), ("A.2.9", "A.2i"), ("A2-i", "A.2i"),
    ("privacy", "A.4e"), ("肖像权", "A.4b"), ("A.5b", "A.5b"), ("svc.unreliable", "A.5b"),
    ("知识产权", "A.3a"), ("垄断", "A.3d"),
])
def test_resolves_aliases(label: str, code: str) -> None:
    assert Resolver(load_taxonomy()).resolve(label) == code


@pytest.mark.parametrize("label", ["A.1", "A.6a", "A.1i", "A.1.9", "A.2.10", "", "健康x", "unrelated"])
def test_unknown_labels(label: str) -> None:
    assert Resolver(load_taxonomy()).resolve(label) is None


def test_aspects_resolver() -> None:
    res = Resolver(load_taxonomy(), aspects=True)
    assert res.resolve("英烈") == "nr.heroes"
    assert res.resolve("History") == "nr.history"
    assert res.resolve("A.1a") is None


def test_user_mapping_wins_and_is_validated() -> None:
    tax = load_taxonomy()
    res = Resolver(tax, mapping={"政治类": "A.1a", "隐私": "A.4f", "团队自定义": "民族歧视"})
    assert res.resolve("政治类") == "A.1a"
    assert res.resolve("隐私") == "A.4f"  # overrides the built-in alias (A.4e)
    assert res.resolve("团队自定义") == "A.2a"
    with pytest.raises(InputError, match="not a known risk"):
        Resolver(tax, mapping={"x": "A.9z"})


def test_normalize_label() -> None:
    assert normalize_label("Ａ．１ａ") == "a1a"
    assert normalize_label("民族 歧视、") == "民族歧视"


def test_shared_alias_is_rejected() -> None:
    data = yaml.safe_load(data_path(*TAXONOMY_PARTS).read_text(encoding="utf-8"))
    data["risks"][1]["aliases"].append("颠覆国家政权")  # A.1a's alias, given to A.1b
    with pytest.raises(RuleDefinitionError, match="names both"):
        parse_taxonomy(data, "t.yaml")
    data["risks"] = data["risks"][:30]
    with pytest.raises(RuleDefinitionError):
        parse_taxonomy(data, "t.yaml")
