"""Relevant GAI risks and subcategory priority follow the declared capabilities and facts."""

from __future__ import annotations

from typing import Any

import pytest

from gaicheck.engine.derive import nist as derive_nist
from gaicheck.nist.catalog import load_nist_catalog
from tests.conftest import base_declaration, deep_merge


def _derive(patch: dict[str, Any]) -> dict[str, Any]:
    decl = deep_merge(base_declaration(), patch)
    return derive_nist.derive(decl)


IMAGE_APP = {"service": {"output_modalities": [image := "image"], "capabilities": ["text_to_image", "image_editing"]}}


@pytest.mark.parametrize(
    ("patch", "present", "absent"),
    [
        ({}, ["gai.confabulation", "gai.info_integrity"], ["gai.obscene_content", "gai.info_security"]),
        (IMAGE_APP, ["gai.obscene_content", "gai.ip", "gai.info_integrity"], ["gai.confabulation"]),
        ({"model": {"open_weights": True}}, ["gai.value_chain", "gai.info_security"], []),
        ({"service": {"capabilities": ["code", "agent"], "output_modalities": ["text", "code"]}}, ["gai.info_security"], []),
        ({"service": {"capabilities": ["companion", "dialogue"], "users": {"minors": "allowed"}}}, ["gai.human_ai_config"], []),
        ({"service": {"capabilities": ["scoring_or_ranking_people"]}}, ["gai.harmful_bias"], []),
        ({"safeguards": {"training_data": {"personal_information": True}}}, ["gai.data_privacy"], []),
        ({"model": {"origin": "self_trained", "training_compute_flop": 3e25}}, ["gai.environmental", "gai.cbrn"], []),
        ({"service": {"audience": "internal"}, "model": {"origin": "self_trained", "base_models": []}}, [], ["gai.dangerous_content", "gai.value_chain"]),
    ],
)
def test_relevant_risks_follow_declared_facts(patch: dict[str, Any], present: list[str], absent: list[str]) -> None:
    relevant = _derive(patch)["relevant_risks"]
    for r in present:
        assert r in relevant, (r, relevant)
    for r in absent:
        assert r not in relevant, (r, relevant)


def test_public_chatbot_ranks_confabulation_first_and_an_image_app_obscene_content() -> None:
    assert _derive({})["relevant_risks"][0] == "gai.confabulation"
    image = _derive(IMAGE_APP)
    assert image["relevant_risks"][:2] == ["gai.info_integrity", "gai.obscene_content"]
    assert image["risk_scores"]["gai.obscene_content"]["level"] == "high"


def test_every_risk_has_reasons_in_both_languages() -> None:
    scores = _derive(IMAGE_APP)["risk_scores"]
    for entry in scores.values():
        assert (entry["score"] == 0) == (entry["reasons"] == [])
        for reason in entry["reasons"]:
            assert reason["en"] and reason["zh"]


def test_subcategory_relevance_comes_from_relevant_risks_and_context() -> None:
    d = _derive({})
    subs = d["subcategory_relevance"]
    # GOVERN-2.2 has no AI 600-1 action; MEASURE-3.3 gets the public-service boost
    assert subs["GOVERN-2.2"]["relevance"] == 0
    assert subs["MEASURE-3.3"]["reasons"]
    assert d["priority"] == d["gaps"][: len(d["priority"])]  # nothing implemented: gaps = ranking
    assert len(d["gaps"]) == 72


def test_gaps_skip_implemented_and_rank_missing_before_partial_on_ties() -> None:
    d = _derive({"nist": {"practices": {"MANAGE-2.2": {"status": "implemented"}, "MANAGE-3.2": {"status": "partial"}}}})
    assert "MANAGE-2.2" not in d["gaps"] and "MANAGE-3.2" in d["gaps"]
    rel = d["subcategory_relevance"]
    for a, b in zip(d["gaps"], d["gaps"][1:]):
        assert rel[a]["relevance"] >= rel[b]["relevance"]
    assert d["status"]["MANAGE-3.2"] == "partial" and d["addressed"] == ["MANAGE-2.2", "MANAGE-3.2"]


def test_coverage_per_function_and_category() -> None:
    d = _derive({"nist": {"practices": {"GOVERN-1.1": {"status": "implemented"}, "GOVERN-1.2": {"status": "partial"},
                                         "MAP-1.1": {"status": "planned"}}}})
    cov = d["coverage"]
    assert cov["functions"]["GOVERN"] == {"total": 19, "implemented": 1, "partial": 1, "planned": 0, "missing": 17, "percent": 8}
    assert cov["categories"]["GOVERN-1"]["percent"] == round(100 * 1.5 / 7)
    assert cov["categories"]["MAP-1"]["planned"] == 1
    assert set(cov["categories"]) == set(load_nist_catalog().categories)


def test_undeclared_practices_leave_rule_facts_unknown() -> None:
    d = _derive({})
    for key in ("implemented", "addressed", "risks_covered", "evidence_ok", "evidence_cited", "uncovered_risks"):
        assert d[key] is None, key
        if f"derived.nist.{key}" in derive_nist.SOURCES:
            assert derive_nist.SOURCES[f"derived.nist.{key}"] == ("nist.practices",)
    assert d["relevant_risks"]  # relevance needs no practices


def test_risk_is_covered_only_when_measured_and_managed() -> None:
    measured = _derive({"nist": {"practices": {"MEASURE-2.5": {"status": "implemented"}}}})
    rc = measured["risk_coverage"]["gai.confabulation"]
    assert rc["covered"] is False and rc["missing_in"] == ["MANAGE"]
    both = _derive({"nist": {"practices": {"MEASURE-2.5": {"status": "implemented"}, "MANAGE-4.1": {"status": "partial"}}}})
    assert both["risk_coverage"]["gai.confabulation"]["covered"] is True
    assert "gai.confabulation" not in both["uncovered_risks"]
