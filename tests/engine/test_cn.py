"""China verdicts on declarations written the way users write them (issue 12, China classes).

Each test states the verdict the law gives (shared/reference/cn.md, §11 for the 2026-12 points)
and checks gaicheck reaches it; most of these came out READY or off-contract on 0.1.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.conftest import finding, run, write_case

CONFIRMED = {"confirmed_by": "浙江省互联网信息办公室", "confirmed_on": "2026-05-01", "reference": "浙网信函〔2026〕12号"}


def _unfiled_chatbot(**service: Any) -> dict[str, Any]:
    """A live, public, open-domain chatbot on its own model, with no filing or registration number."""
    return {
        "service": {"public_opinion_or_mobilization": False, "user_publishing": False, **service},
        "model": {"origin": "self_trained", "base_models": []},
        "china": {"genai_filing_number": None, "registration_number": None},
    }


def test_self_declared_no_opinion_attribute_does_not_switch_filing_off(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, _unfiled_chatbot()))
    cn = report.jurisdictions["CN"]
    assert cn["path"] == "filing"
    assert not report.ready
    assert any("provincial CAC" in r and "china.opinion_attribute_confirmation" in r for r in cn["reasons"])
    assert finding(report, "CN-FIL-11").status == "fail"
    assert finding(report, "CN-FIL-02").status == "fail"  # live without the filing number


def test_api_caller_declaring_no_attribute_registers(tmp_path: Path) -> None:
    patch = _unfiled_chatbot()
    patch["model"] = {"origin": "api_of_filed_model",
                      "base_models": [{"name": "BaseLM", "provider": "基座科技", "cn_filing_number": "Beijing-BaseLM-20240101"}]}
    report = run(write_case(tmp_path, patch))
    assert report.jurisdictions["CN"]["path"] == "registration"
    assert not report.ready


def test_cac_confirmation_makes_the_no_count(tmp_path: Path) -> None:
    patch = _unfiled_chatbot()
    patch["china"]["opinion_attribute_confirmation"] = CONFIRMED
    report = run(write_case(tmp_path, patch))
    cn = report.jurisdictions["CN"]
    assert cn["path"] == "none"
    assert any("confirmed by 浙江省互联网信息办公室" in r for r in cn["reasons"])
    assert finding(report, "CN-FIL-11").status == "pass"


def test_confirmation_dated_after_as_of_does_not_count_yet(tmp_path: Path) -> None:
    patch = _unfiled_chatbot()
    patch["china"]["opinion_attribute_confirmation"] = dict(CONFIRMED, confirmed_on="2027-02-01")
    report = run(write_case(tmp_path, patch))
    assert report.jurisdictions["CN"]["path"] == "filing"
    assert finding(report, "CN-FIL-11").status == "fail"


def test_closed_b2b_tool_no_is_accepted_and_says_why(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, _unfiled_chatbot(audience="business", named_customers_only=True)))
    cn = report.jurisdictions["CN"]
    assert cn["path"] == "none"
    assert any("accepted as plausible" in r and "named business customers" in r for r in cn["reasons"])


def test_non_generative_function_no_is_accepted(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, _unfiled_chatbot(capabilities=["search", "recommendation"])))
    cn = report.jurisdictions["CN"]
    assert cn["path"] == "none"
    assert any("no open-ended" in r for r in cn["reasons"])


def test_unanswered_attribute_of_a_public_generator_is_treated_as_yes(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, {"service": {"public_opinion_or_mobilization": None}}))
    assert report.jurisdictions["CN"]["path"] == "filing"


def test_undecidable_route_is_undetermined_with_settle(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, {"model": {"origin": None}}))
    cn = report.jurisdictions["CN"]
    assert cn["path"] == "undetermined"
    assert cn["settle"] == ["model.origin"]
    report = run(write_case(tmp_path, {"service": {"capabilities": None, "public_opinion_or_mobilization": None}}))
    cn = report.jurisdictions["CN"]
    assert cn["path"] == "undetermined"
    assert cn["settle"][0] == "service.capabilities" and "service.public_opinion_or_mobilization" in cn["settle"]
    assert report.to_dict()["jurisdictions"]["CN"]["path"] == "undetermined"


def test_known_route_has_no_settle(tmp_path: Path) -> None:
    cn = run(write_case(tmp_path, {})).jurisdictions["CN"]
    assert cn["path"] == "filing" and "settle" not in cn


def test_security_assessment_dated_after_as_of_is_a_plan(tmp_path: Path) -> None:
    patch = {"china": {"security_assessment": {"completed": True, "date": "2027-01-10"}}}
    report = run(write_case(tmp_path, patch), as_of=dt.date(2026, 11, 27))
    assert finding(report, "CN-FIL-01").status == "fail"
    assert any("a plan, not a result" in r for r in report.jurisdictions["CN"]["reasons"])
    assert not report.ready
    # the same declaration assessed after that date: done
    later = run(write_case(tmp_path, patch), as_of=dt.date(2027, 1, 10))
    assert finding(later, "CN-FIL-01").status == "pass"


def test_unlabeled_text_to_image_in_august_2025_is_not_ready(tmp_path: Path) -> None:
    patch = {
        "service": {"capabilities": ["text_to_image"], "output_modalities": ["image"]},
        "safeguards": {"labeling": {"explicit": [], "implicit_metadata": False, "watermark": False}},
    }
    report = run(write_case(tmp_path, patch), as_of=dt.date(2025, 8, 15))
    lbl01, lbl12 = finding(report, "CN-LBL-01"), finding(report, "CN-LBL-12")
    assert (lbl01.status, lbl12.status) == ("fail", "fail")
    # the duty as it stood then: deep-synthesis provisions, not yet the labeling measures
    assert lbl01.citation == "DS Art 17; GENAI-IM Art 12" and lbl12.citation == "DS Art 16"
    assert finding(report, "CN-LBL-03").status == "not_applicable"  # GB 45438 glyph size: from 2025-09-01
    assert not report.ready
    after = run(write_case(tmp_path, patch), as_of=dt.date(2025, 9, 1))
    assert "LBL Art 4" in finding(after, "CN-LBL-01").citation


def test_beauty_filter_is_asked_whether_it_edits_faces(tmp_path: Path) -> None:
    patch = {"service": {"capabilities": ["image_editing"], "output_modalities": ["image"]}}
    report = run(write_case(tmp_path, patch))
    for rule in ("CN-DS-01", "CN-DS-02"):
        f = finding(report, rule)
        assert f.status == "manual" and f.missing_facts == ("service.edits_biometric_features",)
    patch["service"]["edits_biometric_features"] = True
    patch["safeguards"] = {"edited_person_consent": False}
    report = run(write_case(tmp_path, patch))
    assert finding(report, "CN-DS-01").status == "fail"
    patch["service"]["edits_biometric_features"] = False
    report = run(write_case(tmp_path, patch))
    assert finding(report, "CN-DS-01").status == "not_applicable"


def test_code_only_service_meets_no_labeling_rule(tmp_path: Path) -> None:
    report = run(write_case(tmp_path, {"service": {"capabilities": ["code"], "output_modalities": ["code"]}}))
    labeling = [f for f in report.findings if f.rule.startswith("CN-LBL-")]
    assert labeling and all(f.status == "not_applicable" for f in labeling), [(f.rule, f.status) for f in labeling]


def test_cybersecurity_law_cited_by_its_numbering_on_the_as_of_date(tmp_path: Path) -> None:
    path = write_case(tmp_path, {"service": {"user_publishing": True}})
    before = run(path, as_of=dt.date(2025, 12, 31))
    after = run(path, as_of=dt.date(2026, 1, 1))
    assert "CSL Art 21" in finding(before, "CN-SVC-09").citation
    assert "CSL Art 23" in finding(after, "CN-SVC-09").citation and "Art 21" not in finding(after, "CN-SVC-09").citation
    assert "CSL Art 24" in finding(before, "CN-SVC-08").citation
    assert "CSL Art 26" in finding(after, "CN-SVC-08").citation
