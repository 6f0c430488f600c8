"""The crosswalk links CN/EU rules to NIST subcategories that exist, and shows in explain and the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.catalog.explain import explain_text
from gaicheck.catalog.load import load_catalog
from gaicheck.errors import RuleDefinitionError
from gaicheck.nist.catalog import load_nist_catalog
from gaicheck.nist.crosswalk import load_crosswalk, parse_crosswalk, rules_for, subcategories_for
from tests.conftest import run, write_case


def test_every_crosswalk_subcategory_is_in_the_catalog() -> None:
    known = load_nist_catalog().subcategories
    table = load_crosswalk()
    assert table
    for rule_id, subs in table.items():
        assert set(subs) <= set(known), rule_id


def test_every_crosswalk_rule_is_in_the_shipped_catalog() -> None:
    rules = load_catalog().rules
    ids = {cr.rule.id for cr in rules}
    packs = {cr.rule.framework for cr in rules}
    # A pack that is not shipped yet cannot be checked; a shipped one must have every linked id.
    orphans = [r for r in load_crosswalk() if r.split("-")[0] in packs and r not in ids]
    assert not orphans, f"crosswalk names rules that do not exist: {orphans}"


def test_rules_own_crosswalk_fields_name_real_subcategories() -> None:
    known = load_nist_catalog().subcategories
    for cr in load_catalog().rules:
        assert set(cr.rule.crosswalk) <= set(known), cr.rule.id


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"crosswalk": {"CN-FIL-02": ["GOVERN-9.9"]}}, "unknown NIST subcategories"),
        ({"crosswalk": {"NIST-GOV-01": ["GOVERN-1.1"]}}, "not a CN or EU rule"),
        ({"crosswalk": {"CN-FIL-02": []}}, "non-empty list"),
        ({"links": {}}, "expected a mapping"),
    ],
)
def test_malformed_crosswalk_is_an_error(data: object, words: str) -> None:
    with pytest.raises(RuleDefinitionError, match=words):
        parse_crosswalk(data)


def test_lookups_both_ways() -> None:
    rule_id, subs = next(iter(load_crosswalk().items()))
    assert subcategories_for(rule_id) == subs
    assert subcategories_for(rule_id, ["MAP-1.1"])[0] == "MAP-1.1"
    assert rule_id in rules_for(subs[0])


def test_explain_of_a_crosswalked_rule_names_its_subcategories() -> None:
    catalog = load_catalog()
    rule_id, subs = next((r, s) for r, s in load_crosswalk().items() if catalog.get(r))
    text = explain_text(catalog.get(rule_id).rule, "en")  # type: ignore[union-attr]
    assert "Also evidences NIST AI RMF: " + ", ".join(subs) in text


def test_report_lists_passing_crosswalked_rules_next_to_gaps(tmp_path: Path) -> None:
    # CN-SVC-09 (log retention) passes for the base declaration and evidences MANAGE-4.1.
    report = run(write_case(tmp_path, {"nist": {"practices": {}}}))
    block = report.jurisdictions["NIST"]
    assert "CN-SVC-09" in block["crosswalk"]["MANAGE-4.1"]
    gap = next(g for g in block["gaps"] if g["id"] == "MANAGE-4.1")
    assert "CN-SVC-09" in gap["evidenced_by"]


@pytest.mark.parametrize("name", ["crosswalk.yaml", "nist-ai-rmf.yaml"])
def test_data_files_parse_strictly(name: str) -> None:
    # the strict loader rejects duplicate keys, which the fast loader would silently merge
    from gaicheck.resources import data_path
    from gaicheck.yamlsafe import load_bytes

    data, _ = load_bytes(data_path("rules", "taxonomy", name).read_bytes(), name)
    assert data


def test_every_cn_and_eu_rule_maps_to_at_least_one_subcategory() -> None:
    unmapped = [cr.rule.id for cr in load_catalog(["CN", "EU"]).rules if not subcategories_for(cr.rule.id, cr.rule.crosswalk)]
    assert not unmapped


@pytest.mark.parametrize(("rule_id", "wrong"), [
    ("CN-SVC-08", "MANAGE-2.2"), ("CN-DS-03", "GOVERN-6.1"), ("CN-ANTH-02", "MAP-5.1"), ("EU-DEP-07", "MAP-5.1"),
])
def test_reviewed_wrong_mappings_are_gone(rule_id: str, wrong: str) -> None:
    assert wrong not in load_crosswalk()[rule_id]


def test_manage_3_2_is_only_for_pre_trained_models() -> None:
    # MANAGE-3.2 monitors pre-trained models; none of the reviewed misuses (data legality, refusal
    # classifier, illegal-content handling) may claim it.
    for rule_id in ("CN-DATA-03", "CN-CLS-01", "CN-SVC-10"):
        assert "MANAGE-3.2" not in load_crosswalk()[rule_id]


def test_a_reasoned_mapping_needs_its_reason() -> None:
    with pytest.raises(RuleDefinitionError, match="one-line reason"):
        parse_crosswalk({"crosswalk": {"CN-FIL-02": {"GOVERN-1.1": ""}}})
    assert parse_crosswalk({"crosswalk": {"CN-FIL-02": {"GOVERN-1.1": "a legal requirement met"}}}) == {"CN-FIL-02": ("GOVERN-1.1",)}
