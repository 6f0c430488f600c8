"""EU AI Act derivation: tier, roles, GPAI status and dated obligations (issue 5).

Most tests call ``derive`` on a declaration dict (fast); the timeline tests run whole assessments.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from gaicheck.engine.derive import eu
from tests.conftest import REPO, deep_merge, finding, run, write_case

TODAY = dt.date(2026, 11, 27)
LATER = dt.date(2028, 9, 1)
SCREENED = {f"art5.{k}": False for k in "abcde"}
BASE: dict[str, Any] = {
    "service": {
        "markets": ["EU"], "status": "planned", "capabilities": ["writing"], "output_modalities": ["text"],
    },
    "model": {"origin": "fine_tuned", "training_compute_flop": 1e20},
    "eu": {
        "roles": ["provider"], "established_in_eu": True, "intended_purposes": [], "product": {"annex1": []},
        "prohibited_practices": SCREENED,
    },
}


def derive(patch: dict[str, Any] | None = None, *, as_of: dt.date = TODAY, timeline: str = "omnibus_2026") -> dict[str, Any]:
    return eu.derive(deep_merge(BASE, patch or {}), as_of=as_of, timeline=timeline)


def obligations(d: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["id"]: o for o in d["obligations"]}


def reasons(d: dict[str, Any]) -> str:
    return " | ".join(r["en"] for r in d["reasons"])


# --- scope -----------------------------------------------------------------------------------


def test_minimal_text_tool_is_limited_by_art50_2() -> None:
    d = derive()
    assert d["in_scope"] is True and d["tier"] == "limited" and d["gpai"] == "none"
    assert set(obligations(d)) == {"prohibitions", "literacy", "art50_2"}


def test_minimal_risk_without_art50_trigger() -> None:
    d = derive({"service": {"output_modalities": ["3d"]}})
    assert d["tier"] == "minimal"
    assert "minimal risk" in reasons(d)


@pytest.mark.parametrize("markets", [["CN"], ["US", "CN"]])
def test_no_eu_nexus_is_out_of_scope(markets: list[str]) -> None:
    d = derive({"service": {"markets": markets}})
    assert d["in_scope"] is False and d["tier"] == "out_of_scope" and d["obligations"] == []


def test_member_state_market_is_eu() -> None:
    assert derive({"service": {"markets": ["DE"]}})["in_scope"] is True


@pytest.mark.parametrize("exclusion", ["military_defence_national_security", "scientific_research_only", "pre_market_research_testing"])
def test_art2_exclusions(exclusion: str) -> None:
    d = derive({"eu": {"exclusions": [exclusion]}})
    assert d["tier"] == "out_of_scope" and "excluded from the Act" in reasons(d)


def test_personal_use_drops_only_deployer_duties() -> None:
    d = derive({"eu": {"roles": ["provider", "deployer"], "exclusions": ["personal_non_professional"]}})
    assert d["in_scope"] is True and d["deployer"] is False and d["provider"] is True
    assert "provider duties remain" in reasons(d)


def test_foss_system_carve_out_but_not_from_art50() -> None:
    assert derive({"service": {"output_modalities": ["3d"]}, "eu": {"free_open_source_system": True}})["tier"] == "out_of_scope"
    assert derive({"eu": {"free_open_source_system": True}})["tier"] == "limited"  # Art 50 still applies (Art 2(12))


# --- Art 5 -----------------------------------------------------------------------------------

ART5_CASES = {
    "a": {"eu": {"prohibited_practices": {"art5.a": True}}},
    "b": {"eu": {"prohibited_practices": {"art5.b": True}}, "service": {"users": {"minors": "targeted"}}},
    "c": {"eu": {"prohibited_practices": {"art5.c": True}}, "service": {"capabilities": ["scoring_or_ranking_people"]}},
    "d": {"eu": {"prohibited_practices": {"art5.d": True}}, "service": {"capabilities": ["scoring_or_ranking_people"]}},
    "e": {"eu": {"prohibited_practices": {"art5.e": True}}},
    "f": {"service": {"capabilities": ["emotion_recognition"]}, "eu": {"use_contexts": ["education"]}},
    "g": {"service": {"capabilities": ["biometric_categorisation"]}, "eu": {"prohibited_practices": {"art5.g": True}}},
    "h": {"service": {"capabilities": ["biometric_identification"]},
          "eu": {"roles": ["provider", "deployer"], "remote_biometric_identification": "real_time", "use_contexts": ["publicly_accessible_space", "law_enforcement"]}},
}


@pytest.mark.parametrize("point", sorted(ART5_CASES))
def test_each_art5_point_is_prohibited(point: str) -> None:
    d = derive(ART5_CASES[point])
    assert d["prohibited"][point] is True
    assert d["tier"] == "prohibited"
    assert f"Art 5(1)({point})" in reasons(d)
    assert obligations(d)["prohibitions"]["dates"] == {"baseline": "2025-02-02", "omnibus_2026": "2025-02-02"}


@pytest.mark.parametrize(("point", "exception"), [
    ("d", {"crime_risk_supports_human_assessment": True}),
    ("f", {"emotion_recognition_medical_or_safety": True}),
    ("g", {"biometric_dataset_labelling_or_law_enforcement": True}),
    ("h", {"rbi_law_enforcement": {"objective": "imminent_threat", "national_law": True, "prior_authorisation": True,
                                   "fria_and_registration": True, "authorities_notified": True}}),
])
def test_narrow_exceptions_lift_the_ban_but_leave_high_risk(point: str, exception: dict[str, Any]) -> None:
    d = derive(deep_merge(ART5_CASES[point], {"eu": {"art5_exceptions": exception}}))
    assert d["prohibited"][point] is False
    assert d["tier"] != "prohibited"
    if point in "fgh":  # the biometric uses stay Annex III point 1
        assert d["tier"] == "high" and any(i.startswith("annex3.1") for i in d["annex3"])


def test_rbi_exception_needs_every_condition() -> None:
    le = {"objective": "serious_crime_suspect", "national_law": True, "prior_authorisation": False,
          "fria_and_registration": True, "authorities_notified": True}
    assert derive(deep_merge(ART5_CASES["h"], {"eu": {"art5_exceptions": {"rbi_law_enforcement": le}}}))["tier"] == "prohibited"


def test_emotion_recognition_outside_work_and_school_is_high_risk_not_banned() -> None:
    d = derive({"service": {"capabilities": ["emotion_recognition"]}, "eu": {"use_contexts": ["publicly_accessible_space"]}})
    assert d["prohibited"]["f"] is False and d["tier"] == "high" and d["annex3"] == ["annex3.1c"]
    assert d["art50"]["emotion_biometric"] is True


def test_unanswered_screen_is_reported_not_guessed() -> None:
    d = derive({"eu": {"prohibited_practices": None}})
    assert d["prohibited"]["a"] is None and d["tier"] == "limited"
    assert "Art 5 screen incomplete for point(s) a, b, e" in reasons(d)


def test_ncii_ban_exists_only_under_the_omnibus() -> None:
    patch = {"service": {"capabilities": ["text_to_image"], "output_modalities": ["image"]}, "eu": {"prohibited_practices": {"art5.ncii": True}}}
    assert derive(patch)["tier"] == "prohibited"
    assert derive(patch, timeline="baseline")["tier"] == "limited"
    ob = obligations(derive({"service": {"capabilities": ["text_to_image"], "output_modalities": ["image"]}}))["ncii"]
    assert ob["dates"] == {"baseline": None, "omnibus_2026": "2026-12-02"} and ob["in_force"] is False
    assert "ncii" not in obligations(derive({"service": {"capabilities": ["text_to_image"]}}, timeline="baseline"))


# --- high-risk ---------------------------------------------------------------------------------

AREAS = {
    "annex3.1a": "remote biometric identification", "annex3.2": "critical infrastructure",
    "annex3.3b": "learning outcomes", "annex3.4a": "recruitment", "annex3.5b": "credit",
    "annex3.6d": "risk of offending", "annex3.7c": "asylum", "annex3.8b": "elections",
}


@pytest.mark.parametrize("purpose", sorted(AREAS))
def test_each_annex3_area_is_high_risk_with_dated_duties(purpose: str) -> None:
    d = derive({"eu": {"intended_purposes": [purpose]}})
    assert d["tier"] == "high" and d["annex3"] == [purpose]
    assert f"Annex III use case {purpose} (" in reasons(d) and AREAS[purpose] in reasons(d)
    ob = obligations(d)["hr_provider_annex3"]
    assert ob["dates"] == {"baseline": "2026-08-02", "omnibus_2026": "2027-12-02"}
    assert ob["applies_from"] == "2027-12-02" and ob["in_force"] is False
    base = obligations(derive({"eu": {"intended_purposes": [purpose]}}, timeline="baseline"))["hr_provider_annex3"]
    assert base["applies_from"] == "2026-08-02" and base["in_force"] is True


def test_all_25_annex3_points_are_known() -> None:
    assert len(eu.L().annex3) == 25
    assert {k.split(".")[1][0] for k in eu.L().annex3} == set("12345678")


def test_art6_3_derogation_without_profiling() -> None:
    d = derive({"service": {"capabilities": ["search"]}, "eu": {
        "intended_purposes": ["annex3.4a"], "art6_3_derogation": {"condition": "a", "profiling": False, "no_significant_risk": True}}})
    assert d["derogation_valid"] is True and d["high_risk"] is False and d["tier"] == "limited"
    assert "Art 6(3)(a) derogation applies" in reasons(d)
    assert set(obligations(d)) >= {"art6_4"} and "hr_provider_annex3" not in obligations(d)
    assert obligations(d)["art6_4"]["dates"] == {"baseline": "2026-08-02", "omnibus_2026": "2027-12-02"}


def test_art6_3_derogation_with_profiling_is_unavailable() -> None:
    d = derive({"eu": {"intended_purposes": ["annex3.4a"],
                       "art6_3_derogation": {"condition": "d", "profiling": True, "no_significant_risk": True}}})
    assert d["derogation_valid"] is False and d["tier"] == "high"
    assert "profiles natural persons" in reasons(d)
    assert "hr_provider_annex3" in obligations(d) and "art6_4" not in obligations(d)


def test_ranking_people_counts_as_profiling() -> None:
    d = derive({"service": {"capabilities": ["scoring_or_ranking_people"]},
                "eu": {"intended_purposes": ["annex3.4a"], "art6_3_derogation": {"condition": "a", "no_significant_risk": True}}})
    assert d["profiling"] is True and d["tier"] == "high"


def test_annex1_product_route_has_later_dates() -> None:
    d = derive({"eu": {"product": {"annex1": ["medical_devices"], "safety_component_or_product": True, "third_party_conformity": True}}},
               as_of=LATER)
    assert d["tier"] == "high" and "Annex I Section A" in reasons(d)
    ob = obligations(d)["hr_provider_annex1"]
    assert ob["dates"] == {"baseline": "2027-08-02", "omnibus_2026": "2028-08-02"} and ob["in_force"] is True
    early = derive({"eu": {"product": {"annex1": ["medical_devices"], "safety_component_or_product": True, "third_party_conformity": True}}})
    assert early["hr_effective"] == dt.date(2028, 8, 2)
    assert derive({"eu": {"product": {"annex1": ["medical_devices"], "safety_component_or_product": True, "third_party_conformity": True}}},
                  timeline="baseline")["hr_effective"] == dt.date(2027, 8, 2)


def test_annex1_without_third_party_assessment_is_not_high_risk() -> None:
    d = derive({"eu": {"product": {"annex1": ["toys"], "safety_component_or_product": True, "third_party_conformity": False}}})
    assert d["high_risk"] is False


def test_unknown_classification_leaves_tier_undetermined() -> None:
    d = derive({"eu": {"intended_purposes": None, "product": None}})
    assert d["tier"] is None and d["high_risk"] is None


def test_legacy_high_risk_system_needs_a_significant_change() -> None:
    patch = {"service": {"status": "live"}, "eu": {"intended_purposes": ["annex3.5b"], "placed_on_market": dt.date(2025, 5, 1)}}
    d = derive(patch)
    assert d["tier"] == "high" and d["hr_provider"] is False and "Art 111(2)" in reasons(d)
    changed = derive(deep_merge(patch, {"eu": {"value_chain": {"substantial_modification": True}}}))
    assert changed["hr_provider"] is True


def test_fria_who() -> None:
    dep = {"eu": {"roles": ["deployer"], "intended_purposes": ["annex3.4a"], "deployer": {"organisation": "private"}}}
    assert derive(dep)["fria_required"] is False
    assert derive(deep_merge(dep, {"eu": {"deployer": {"organisation": "public_body"}}}))["fria_required"] is True
    assert derive(deep_merge(dep, {"eu": {"intended_purposes": ["annex3.5c"]}}))["fria_required"] is True
    assert derive(deep_merge(dep, {"eu": {"intended_purposes": ["annex3.2"], "deployer": {"organisation": "public_body"}}}))["fria_required"] is False


# --- Art 25 ------------------------------------------------------------------------------------


def test_deployer_rebranding_a_high_risk_system_becomes_provider() -> None:
    patch = {"eu": {"roles": ["deployer"], "intended_purposes": ["annex3.4a"], "value_chain": {"own_name_or_trademark": True}}}
    d = derive(patch)
    assert d["art25_provider"] is True and d["roles"] == ["deployer", "provider"]
    assert "Art 25(1)(a)" in reasons(d)
    assert {"hr_provider_annex3", "hr_deployer_annex3"} <= set(obligations(d))
    plain = derive(deep_merge(patch, {"eu": {"value_chain": {"own_name_or_trademark": False}}}))
    assert plain["roles"] == ["deployer"] and "hr_provider_annex3" not in obligations(plain)


def test_chatbot_repurposed_for_hiring_switches_role() -> None:
    d = derive({"service": {"capabilities": ["dialogue", "scoring_or_ranking_people"]},
                "eu": {"roles": ["deployer"], "intended_purposes": ["annex3.4a"], "value_chain": {"changed_intended_purpose": True}}})
    assert d["provider"] is True and "Art 25(1)(c)" in reasons(d)


def test_rebranding_a_non_high_risk_system_does_not_switch_role() -> None:
    d = derive({"eu": {"roles": ["distributor"], "value_chain": {"own_name_or_trademark": True}}})
    assert d["art25_provider"] is False and d["provider"] is False


# --- GPAI --------------------------------------------------------------------------------------

GPAI = {"eu": {"gpai": {"is_gpai_model": True, "free_open_source": False}}}


def test_gpai_just_below_the_threshold() -> None:
    d = derive(deep_merge(GPAI, {"model": {"training_compute_flop": 1e25}}))
    assert d["gpai"] == "gpai" and d["gpai_systemic"] is False
    assert {"gpai_art53", "gpai_art53_docs"} <= set(obligations(d)) and "gpai_art52_55" not in obligations(d)
    assert obligations(d)["gpai_art53"]["dates"] == {"baseline": "2025-08-02", "omnibus_2026": "2025-08-02"}


def test_gpai_just_above_the_threshold() -> None:
    d = derive(deep_merge(GPAI, {"model": {"training_compute_flop": 1.01e25}}))
    assert d["gpai"] == "gpai_systemic" and "Art 51(2)" in reasons(d)
    assert "gpai_art52_55" in obligations(d)


def test_designation_makes_a_small_model_systemic() -> None:
    d = derive(deep_merge(GPAI, {"model": {"training_compute_flop": 1e24}, "eu": {"gpai": {"systemic_designated": True}}}))
    assert d["gpai"] == "gpai_systemic" and "Art 51(1)(b)" in reasons(d)


def test_open_source_exemption_without_systemic_risk() -> None:
    d = derive(deep_merge(GPAI, {"model": {"training_compute_flop": 5e24}, "eu": {"established_in_eu": False, "gpai": {"free_open_source": True}}}))
    assert d["gpai_open_source_exempt"] is True
    ids = set(obligations(d))
    assert "gpai_art53" in ids and "gpai_art53_docs" not in ids and "gpai_art54" not in ids


def test_open_source_never_exempts_a_systemic_model() -> None:
    d = derive(deep_merge(GPAI, {"model": {"training_compute_flop": 3e25}, "eu": {"established_in_eu": False, "gpai": {"free_open_source": True}}}))
    assert d["gpai_open_source_exempt"] is False
    assert {"gpai_art53", "gpai_art53_docs", "gpai_art54", "gpai_art52_55"} <= set(obligations(d))
    assert "does not exempt a systemic-risk model" in reasons(d)


def test_api_user_is_a_downstream_provider_not_gpai() -> None:
    d = derive({"model": {"origin": "api_of_filed_model", "training_compute_flop": None}})
    assert d["gpai"] == "none" and "downstream provider" in reasons(d)


def test_legacy_gpai_model_has_until_2027() -> None:
    d = derive(deep_merge(GPAI, {"eu": {"placed_on_market": dt.date(2025, 6, 1)}}))
    assert d["gpai_effective"] == dt.date(2027, 8, 2) and "Art 111(3)" in reasons(d)
    assert obligations(d)["gpai_art53"]["applies_from"] == "2027-08-02"


# --- summary, penalties ------------------------------------------------------------------------


def test_summary_follows_the_contract() -> None:
    s = eu.summary(derive({"eu": {"intended_purposes": ["annex3.4a"], "company_size": "small"}}), "en")
    assert {"applies", "tier", "gpai", "timeline"} <= set(s)
    assert s["tier"] == "high" and s["timeline"] == "omnibus_2026"
    assert any("2026/1744" in n for n in s["notes"])
    assert s["penalties"][0].startswith("Art 99(4)") and any("LOWER" in p for p in s["penalties"])
    zh = eu.summary(derive({"eu": {"intended_purposes": ["annex3.4a"]}}), "zh")
    assert any("第99条" in p for p in zh["penalties"]) and all(isinstance(r, str) for r in zh["reasons"])


def test_penalties_per_tier() -> None:
    assert eu.penalties("prohibited", "none", "large", "en")[0].startswith("Art 99(3): EUR 35 000 000 or 7 %")
    assert any("HIGHER" in p for p in eu.penalties("limited", "none", "large", "en"))
    gpai = eu.penalties("minimal", "gpai_systemic", "small", "en")
    assert gpai[0].startswith("Art 101") and "no SME rule" in gpai[1]
    assert eu.penalties("minimal", "none", None, "en") == []


# --- whole assessments: --as-of and --eu-timeline ----------------------------------------------

CV = REPO / "examples" / "eu-cv-screening" / "service.yaml"
CHAT = REPO / "examples" / "eu-chatbot" / "service.yaml"
GPAI_EXAMPLE = REPO / "examples" / "eu-gpai-provider" / "service.yaml"


def test_cv_screening_upcoming_under_omnibus_in_force_under_baseline() -> None:
    omni = run(CV, as_of=TODAY)
    assert omni.jurisdictions["EU"]["tier"] == "high"
    qms = finding(omni, "EU-HR-10")
    assert qms.status == "not_applicable" and qms.upcoming and qms.would == "fail"
    assert qms.effective == dt.date(2027, 12, 2)
    base = run(CV, as_of=TODAY, timeline="baseline")
    assert finding(base, "EU-HR-10").status == "fail" and finding(base, "EU-HR-03").status == "pass"
    assert base.jurisdictions["EU"]["timeline"] == "baseline"
    later = run(CV, as_of=dt.date(2028, 1, 10))
    assert finding(later, "EU-HR-10").status == "fail" and not later.ready


def test_art50_2_grace_for_legacy_systems_only_under_omnibus(tmp_path: Path) -> None:
    decl = {"service": {"markets": ["EU"], "status": "live", "launch_date": "2026-03-01", "output_modalities": ["image"]},
            "eu": {"roles": ["provider"], "placed_on_market": "2026-03-01"},
            "safeguards": {"labeling": {"implicit_metadata": False}}}
    decl["eu"]["transparency"] = {"machine_readable_marking": False}
    path = write_case(tmp_path, decl)
    grace = finding(run(path, as_of=TODAY), "EU-TR-02")
    assert grace.status == "not_applicable" and grace.upcoming and grace.effective == dt.date(2026, 12, 2) and grace.would == "fail"
    assert finding(run(path, as_of=TODAY, timeline="baseline"), "EU-TR-02").status == "fail"
    assert finding(run(path, as_of=dt.date(2026, 12, 2)), "EU-TR-02").status == "fail"


def test_as_of_before_prohibitions_applied(tmp_path: Path) -> None:
    path = write_case(tmp_path, {"service": {"markets": ["EU"]}, "eu": {"roles": ["provider"], "prohibited_practices": {"art5.a": True}}})
    early = finding(run(path, as_of=dt.date(2025, 1, 15)), "EU-PRO-01")
    assert early.status == "not_applicable" and early.upcoming and early.would == "fail"
    assert finding(run(path, as_of=dt.date(2025, 2, 2)), "EU-PRO-01").status == "fail"


def test_chatbot_example_is_limited_and_ready() -> None:
    report = run(CHAT, as_of=TODAY)
    eu_block = report.jurisdictions["EU"]
    assert eu_block["tier"] == "limited" and eu_block["gpai"] == "none"
    assert finding(report, "EU-TR-01").status == "pass" and finding(report, "EU-TR-02").status == "pass"
    assert all(f.status in ("pass", "not_applicable") for f in report.findings if f.framework == "EU")


def test_gpai_example_is_systemic_and_fails_incident_reporting() -> None:
    report = run(GPAI_EXAMPLE, as_of=TODAY)
    assert report.jurisdictions["EU"]["gpai"] == "gpai_systemic"
    fails = {f.rule for f in report.findings if f.framework == "EU" and f.status == "fail"}
    assert fails == {"EU-GPAI-09"}
    assert finding(report, "EU-GPAI-06").status == "pass"  # representative appointed: no open-source relief


def test_rule_dates_match_the_reference_timeline() -> None:
    from gaicheck.catalog.load import load_catalog

    allowed = {
        (dt.date(2025, 2, 2), dt.date(2025, 2, 2)), (dt.date(2025, 8, 2), dt.date(2025, 8, 2)),
        (dt.date(2026, 8, 2), dt.date(2026, 8, 2)), (dt.date(2026, 8, 2), dt.date(2027, 12, 2)), (None, dt.date(2026, 12, 2)),
    }
    for cr in load_catalog(["EU"]).rules:
        r = cr.rule
        assert r.effective_by_timeline is not None, r.id
        pair = (r.effective_by_timeline["baseline"], r.effective_by_timeline["omnibus_2026"])
        assert pair in allowed, (r.id, pair)
        if pair[0] != pair[1] or "omnibus" in r.tags:
            assert r.verified is False or r.id.startswith(("EU-HR", "EU-DEP", "EU-ROLE")), r.id
        if r.severity == "blocker" and r.id.startswith("EU-PRO"):
            assert r.waivable is False


def test_annex1_only_system_is_upcoming_until_the_product_date(tmp_path: Path) -> None:
    decl = {"service": {"markets": ["EU"], "status": "planned"},
            "eu": {"roles": ["provider"], "intended_purposes": [], "high_risk_provider": {"risk_management": False},
                   "product": {"annex1": ["machinery"], "safety_component_or_product": True, "third_party_conformity": True}}}
    path = write_case(tmp_path, decl)
    for timeline, date in (("omnibus_2026", dt.date(2028, 8, 2)), ("baseline", dt.date(2027, 8, 2))):
        early = finding(run(path, as_of=dt.date(2027, 1, 1), timeline=timeline), "EU-HR-03")
        assert early.upcoming and early.effective == date and early.would == "fail"
        assert finding(run(path, as_of=date, timeline=timeline), "EU-HR-03").status == "fail"


def test_legacy_gpai_model_findings_are_upcoming(tmp_path: Path) -> None:
    decl = {"service": {"markets": ["EU"], "status": "live", "launch_date": "2025-03-01"}, "model": {"training_compute_flop": 3e24},
            "eu": {"roles": ["provider"], "placed_on_market": "2025-03-01", "gpai": {"is_gpai_model": True, "copyright_policy": False}}}
    f = finding(run(write_case(tmp_path, decl), as_of=TODAY), "EU-GPAI-04")
    assert f.upcoming and f.effective == dt.date(2027, 8, 2) and f.would == "fail"


def test_minors_sharpen_the_art5_b_screen() -> None:
    d = derive({"service": {"users": {"minors": "targeted"}}, "eu": {"prohibited_practices": None}})
    assert "minors are targeted: screen Art 5(1)(b)" in reasons(d)
    assert "minors are" not in reasons(derive({"service": {"users": {"minors": "targeted"}}, "eu": {"prohibited_practices": {"art5.b": False}}}))


def test_manual_findings_name_declaration_fields(tmp_path: Path) -> None:
    path = write_case(tmp_path, {"service": {"markets": ["EU"], "capabilities": ["emotion_recognition"]}, "eu": {"roles": ["provider"]}})
    report = run(path, as_of=TODAY)
    assert finding(report, "EU-PRO-01").missing_facts == ("eu.prohibited_practices.art5.a",)
    assert finding(report, "EU-PRO-06").missing_facts == ("eu.prohibited_practices.art5.f", "eu.use_contexts")
    assert report.jurisdictions["EU"]["tier"] == "high"  # emotion recognition is Annex III 1(c) whatever the context
