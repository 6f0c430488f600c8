"""The NIST AI RMF catalog: counts of AI 100-1 and AI 600-1, keying, id spellings, strict loading."""

from __future__ import annotations

import copy
from collections import Counter

import pytest
import yaml

from gaicheck.errors import RuleDefinitionError
from gaicheck.nist.catalog import CATALOG_PARTS, canonical_id, load_nist_catalog, parse_catalog
from gaicheck.resources import data_path

# AI 600-1 §3: suggested actions per covered subcategory (reference digest §3.2).
ACTIONS_PER_SUBCATEGORY = {
    "GOVERN-1.1": 1, "GOVERN-1.2": 2, "GOVERN-1.3": 7, "GOVERN-1.4": 2, "GOVERN-1.5": 3, "GOVERN-1.6": 3,
    "GOVERN-1.7": 2, "GOVERN-2.1": 5, "GOVERN-3.2": 5, "GOVERN-4.1": 3, "GOVERN-4.2": 3, "GOVERN-4.3": 3,
    "GOVERN-5.1": 2, "GOVERN-6.1": 10, "GOVERN-6.2": 7,
    "MAP-1.1": 4, "MAP-1.2": 2, "MAP-2.1": 2, "MAP-2.2": 2, "MAP-2.3": 5, "MAP-3.4": 6, "MAP-4.1": 10,
    "MAP-5.1": 6, "MAP-5.2": 2,
    "MEASURE-1.1": 9, "MEASURE-1.3": 3, "MEASURE-2.2": 4, "MEASURE-2.3": 4, "MEASURE-2.5": 6, "MEASURE-2.6": 7,
    "MEASURE-2.7": 9, "MEASURE-2.8": 4, "MEASURE-2.9": 2, "MEASURE-2.10": 3, "MEASURE-2.11": 5,
    "MEASURE-2.12": 4, "MEASURE-2.13": 1, "MEASURE-3.2": 1, "MEASURE-3.3": 5, "MEASURE-4.2": 5,
    "MANAGE-1.3": 2, "MANAGE-2.2": 9, "MANAGE-2.3": 1, "MANAGE-2.4": 4, "MANAGE-3.1": 5, "MANAGE-3.2": 9,
    "MANAGE-4.1": 7, "MANAGE-4.2": 3, "MANAGE-4.3": 3,
}


def _raw() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(data_path(*CATALOG_PARTS).read_text(encoding="utf-8"))


def test_core_counts() -> None:
    cat = load_nist_catalog()
    assert list(cat.functions) == ["GOVERN", "MAP", "MEASURE", "MANAGE"]
    assert len(cat.categories) == 19
    assert len(cat.subcategories) == 72
    assert Counter(c.split("-")[0] for c in cat.categories) == {"GOVERN": 6, "MAP": 5, "MEASURE": 4, "MANAGE": 4}
    assert Counter(s.function for s in cat.subcategories.values()) == {"GOVERN": 19, "MAP": 18, "MEASURE": 22, "MANAGE": 13}
    assert len(cat.characteristics) == 7
    assert {c.measured_by for c in cat.characteristics.values()} == {f"MEASURE-2.{i}" for i in range(5, 12)}


def test_gai_profile_counts_and_keying() -> None:
    cat = load_nist_catalog()
    assert len(cat.risks) == 12
    assert [r.section for r in cat.risks.values()] == [f"2.{i}" for i in range(1, 13)]
    assert len(cat.actions) == 212
    assert Counter(a[:2] for a in cat.actions) == {"GV": 58, "MP": 39, "MS": 72, "MG": 43}
    covered = {s.id: len(s.actions) for s in cat.subcategories.values() if s.actions}
    assert covered == ACTIONS_PER_SUBCATEGORY
    assert len(covered) == 49
    # every risk is addressed somewhere, and a subcategory's risks are exactly its actions' tags
    assert all(r.subcategories for r in cat.risks.values())
    for s in cat.subcategories.values():
        assert set(s.risks) == {t for a in s.actions for t in cat.actions[a]}


def test_every_entry_has_both_languages() -> None:
    cat = load_nist_catalog()
    for e in [*cat.functions.values(), *cat.categories.values(), *cat.subcategories.values()]:
        assert e.en.strip() and e.zh.strip(), e.id
    for r in cat.risks.values():
        assert r.name_en and r.name_zh and r.en and r.zh


@pytest.mark.parametrize(
    ("text", "want"),
    [("GOVERN-1.1", "GOVERN-1.1"), ("GOVERN 1.1", "GOVERN-1.1"), ("gv-1.1", "GOVERN-1.1"), ("MS2.10", "MEASURE-2.10"),
     ("nist.MG-4.3", "MANAGE-4.3"), ("GOVERN-1", None), ("CN-FIL-02", None), ("MEASURE-2.1x", None)],
)
def test_canonical_id(text: str, want: str | None) -> None:
    assert canonical_id(text) == want


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda d: d["actions"].update({"GV-1.1-009": ["gai.unknown"]}), "unknown GAI risks"),
        (lambda d: d["actions"].update({"GV-9.9-001": ["gai.cbrn"]}), "unknown subcategories"),
        (lambda d: d["actions"].update({"GV1.1-001": ["gai.cbrn"]}), "bad action"),
        (lambda d: d["subcategories"].update({"GOVERN-7.1": {"en": "x", "zh": "x"}}), "category GOVERN-7"),
        (lambda d: d["subcategories"]["MAP-1.1"].pop("zh"), "needs en and zh"),
        (lambda d: d["functions"].pop("MAP"), "functions must be"),
    ],
)
def test_malformed_catalog_is_an_error(mutate, words: str) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(_raw())
    mutate(data)
    with pytest.raises(RuleDefinitionError, match=words):
        parse_catalog(data)
