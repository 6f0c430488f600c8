"""EU verdicts a compliance officer can trust (issue 12, items 6-10): each test failed on main.

The declarations are written the way users write them (the EU chatbot example, patched), and the
expected verdict comes from the AI Act (shared/reference/eu-ai-act.md §12), not from the tool.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from gaicheck.report.markdown import render as render_markdown
from gaicheck.report.terminal_eu import tier_text
from tests.conftest import REPO, deep_merge, run

TODAY = dt.date(2026, 11, 27)
LATER = dt.date(2028, 9, 1)  # every high-risk duty in force under both timelines
CHATBOT = yaml.safe_load((REPO / "examples" / "eu-chatbot" / "service.yaml").read_text(encoding="utf-8"))


def assess(tmp: Path, patch: dict[str, Any], *, as_of: dt.date = TODAY, **kw: Any) -> Any:
    path = tmp / "service.yaml"
    path.write_text(yaml.safe_dump(deep_merge(CHATBOT, patch), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return run(path, as_of=as_of, frameworks=["EU"], **kw)


def eu_findings(report: Any) -> dict[str, Any]:
    return {f.rule: f for f in report.findings if f.framework == "EU"}


RBI = {"service": {"capabilities": ["biometric_identification"], "output_modalities": []},
       "eu": {"remote_biometric_identification": "real_time", "use_contexts": ["publicly_accessible_space", "law_enforcement"]}}


# --- 6: the Art 5(1)(h) ban binds the user --------------------------------------------------


def test_vendor_of_real_time_rbi_is_annex3_high_risk_not_prohibited(tmp_path: Path) -> None:
    r = assess(tmp_path, deep_merge(RBI, {"eu": {"roles": ["provider"]}}), as_of=LATER)
    eu = r.jurisdictions["EU"]
    assert eu["tier"] == "high"
    assert any("Annex III 1(a)" in x and "binds the deployer" in x for x in eu["reasons"])
    assert eu_findings(r)["EU-PRO-08"].status == "pass"
    assert eu_findings(r)["EU-HR-03"].status == "manual"  # the high-risk provider duties are its own


def test_police_using_real_time_rbi_without_the_exception_is_prohibited(tmp_path: Path) -> None:
    r = assess(tmp_path, deep_merge(RBI, {"eu": {"roles": ["deployer"]}}))
    assert r.jurisdictions["EU"]["tier"] == "prohibited"
    assert eu_findings(r)["EU-PRO-08"].status == "fail"


# --- 7: exceptions the tier must honour ------------------------------------------------------


def test_standard_editing_only_is_not_caught_by_art50_2(tmp_path: Path) -> None:
    r = assess(tmp_path, {"service": {"capabilities": ["writing"]},
                          "eu": {"roles": ["provider"], "transparency": {"standard_editing_only": True,
                                                                         "machine_readable_marking": None}}})
    eu = r.jurisdictions["EU"]
    assert eu["tier"] == "minimal"
    assert any("standard editing" in x for x in eu["reasons"])
    assert eu_findings(r)["EU-TR-02"].status == "not_applicable"


def test_personal_non_professional_user_is_outside_the_act(tmp_path: Path) -> None:
    r = assess(tmp_path, {"eu": {"roles": ["deployer"], "exclusions": ["personal_non_professional"]}})
    eu = r.jurisdictions["EU"]
    assert eu["applies"] is False and eu["tier"] == "out_of_scope"
    assert any("Art 2(10)" in x for x in eu["reasons"])
    assert all(f.status == "not_applicable" for f in eu_findings(r).values())


def test_model_only_gpai_release_has_chapter_v_not_art50(tmp_path: Path) -> None:
    r = assess(tmp_path, {"model": {"training_compute_flop": 3e24},
                          "eu": {"roles": ["provider"], "gpai": {"is_gpai_model": True, "model_only_release": True},
                                 "transparency": {"ai_interaction_disclosed": None, "machine_readable_marking": None}}})
    eu = r.jurisdictions["EU"]
    assert eu["gpai"] == "gpai" and eu["tier"] == "minimal"
    ids = {o["id"] for o in eu["obligations"]}
    assert "gpai_art53" in ids and not ids & {"art50_1", "art50_2", "art50_2_legacy"}
    f = eu_findings(r)
    assert f["EU-TR-01"].status == f["EU-TR-02"].status == "not_applicable"
    assert f["EU-GPAI-04"].status == "manual"  # the copyright policy is still the model provider's duty


def test_art6_3_claim_naming_no_condition_is_high_risk(tmp_path: Path) -> None:
    r = assess(tmp_path, {"eu": {"intended_purposes": ["annex3.4a"],
                                 "art6_3_derogation": {"profiling": False, "no_significant_risk": True}}}, as_of=LATER)
    assert r.jurisdictions["EU"]["tier"] == "high"
    assert eu_findings(r)["EU-HR-01"].status == "fail"


# --- 8: an explicit "no" breaks the duty ------------------------------------------------------


def test_declared_no_marking_fails_art50_2_without_asking_china_fields(tmp_path: Path) -> None:
    r = assess(tmp_path, {"eu": {"transparency": {"machine_readable_marking": False}},
                          "safeguards": {"labeling": {"implicit_metadata": None}}})
    f = eu_findings(r)["EU-TR-02"]
    assert f.status == "fail" and not r.ready
    assert not [m for m in f.missing_facts if not m.startswith("eu.")]


def test_declared_no_marking_beats_china_metadata(tmp_path: Path) -> None:
    r = assess(tmp_path, {"eu": {"transparency": {"machine_readable_marking": False}},
                          "safeguards": {"labeling": {"implicit_metadata": True}}})
    assert eu_findings(r)["EU-TR-02"].status == "fail"


# --- 9: a manual finding names a field that could change it ------------------------------------


def test_art50_4_does_not_ask_a_service_without_generated_media(tmp_path: Path) -> None:
    r = assess(tmp_path, {"service": {"output_modalities": ["3d"], "capabilities": ["search"]},
                          "eu": {"transparency": {"deep_fakes": None, "public_interest_text": None}}})
    f = eu_findings(r)
    assert f["EU-TR-04"].status == f["EU-TR-05"].status == "not_applicable"


def test_customer_facing_credit_scorer_has_no_worker_information_duty(tmp_path: Path) -> None:
    r = assess(tmp_path, {"service": {"capabilities": ["scoring_or_ranking_people"], "output_modalities": []},
                          "eu": {"intended_purposes": ["annex3.5b"], "deployer": {"organisation": "private"}}}, as_of=LATER)
    f = eu_findings(r)
    assert r.jurisdictions["EU"]["tier"] == "high"
    assert f["EU-DEP-05"].status == "not_applicable"
    assert f["EU-ROLE-01"].status == "not_applicable"  # declared provider and deployer: Art 25 changes nothing


def test_hiring_tool_used_at_work_still_informs_workers(tmp_path: Path) -> None:
    r = assess(tmp_path, {"service": {"capabilities": ["scoring_or_ranking_people"]},
                          "eu": {"intended_purposes": ["annex3.4a"], "deployer": {"organisation": "private"}}}, as_of=LATER)
    assert eu_findings(r)["EU-DEP-05"].status == "manual"


SWEEP = [
    {},
    {"eu": {"intended_purposes": None}},
    {"eu": {"roles": None}},
    {"eu": {"gpai": None}, "model": {"training_compute_flop": None}},
    RBI,
    {"service": {"capabilities": ["scoring_or_ranking_people"]}, "eu": {"intended_purposes": ["annex3.5b"]}},
    {"service": {"capabilities": ["emotion_recognition"], "output_modalities": ["video"]},
     "eu": {"use_contexts": None, "transparency": None}},
]


@pytest.mark.parametrize("patch", SWEEP, ids=range(len(SWEEP)))
def test_every_manual_names_declaration_fields_that_exist(tmp_path: Path, patch: dict[str, Any]) -> None:
    from gaicheck.declaration.model import Declaration

    schema = json.dumps(Declaration.model_json_schema())
    for as_of in (TODAY, LATER):
        r = assess(tmp_path, patch, as_of=as_of)
        for f in eu_findings(r).values():
            if f.status == "manual" or (f.upcoming and f.would == "manual"):
                assert f.missing_facts, f"{f.rule} is manual but names no field"
                for m in f.missing_facts:
                    assert not m.startswith("derived."), (f.rule, m)
                    leaf = m.split(".art5.")[0].split(".")[-1]  # art5.x are keys of a mapping
                    assert f'"{leaf}"' in schema, (f.rule, m)


# --- 10: undetermined is never harsher than high -------------------------------------------------


def test_undetermined_tier_has_settle_and_tier_at_least(tmp_path: Path) -> None:
    r = assess(tmp_path, {"eu": {"intended_purposes": None}})
    eu = r.jurisdictions["EU"]
    assert eu["tier"] == "undetermined"
    assert eu["tier_at_least"] == "limited"  # a public chatbot talks to people and generates text
    assert eu["settle"]["tier"][0] == "eu.intended_purposes"
    assert "undetermined (at least limited)" in tier_text(eu, "en")


def test_undetermined_tier_is_as_ready_as_high_before_the_high_risk_date(tmp_path: Path) -> None:
    open_tier = assess(tmp_path, {"eu": {"intended_purposes": None}})
    high = assess(tmp_path, {"eu": {"intended_purposes": ["annex3.4a"]}})
    assert high.jurisdictions["EU"]["tier"] == "high"
    hr = [f for f in eu_findings(open_tier).values() if f.rule.startswith(("EU-HR-", "EU-DEP-"))]
    assert hr and all(f.status in ("not_applicable", "pass") for f in hr)
    assert all(f.upcoming for f in hr if f.would in ("manual", "fail"))
    assert open_tier.ready == high.ready


def test_after_the_date_undetermined_tier_is_manual_naming_the_classification(tmp_path: Path) -> None:
    r = assess(tmp_path, {"eu": {"intended_purposes": None}}, as_of=LATER)
    f = eu_findings(r)["EU-HR-03"]
    assert f.status == "manual" and f.missing_facts[0] == "eu.intended_purposes"
    assert not r.ready


def test_undetermined_gpai_status_has_settle(tmp_path: Path) -> None:
    r = assess(tmp_path, {"eu": {"gpai": None}, "model": {"training_compute_flop": None}})
    eu = r.jurisdictions["EU"]
    assert eu["gpai"] == "undetermined"
    assert eu["settle"]["gpai"] == ["eu.gpai.is_gpai_model", "model.training_compute_flop"]


def test_tier_resting_on_an_open_art5_point_says_so(tmp_path: Path) -> None:
    r = assess(tmp_path, {"eu": {"prohibited_practices": None}})
    eu = r.jurisdictions["EU"]
    assert eu["tier"] == "limited" and "art5.a" in eu["art5_open"]
    assert tier_text(eu, "en").startswith("limited; Art 5(1)(a)")
    assert "**limited**; Art 5(1)(a)" in render_markdown(r)
