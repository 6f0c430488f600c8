"""The China walk: examples/cn-complete passes every China rule decided from the declaration, and
taking away any one safeguard makes exactly the rules that depend on it fail.

Only the rules tagged ``declared`` are considered: the artifact-count rules (CN-KW/TB/EVAL/CLS,
CN-DATA-04/05) read files and evaluation results and have their own tests.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from gaicheck.catalog.load import load_catalog
from tests.conftest import REPO, run

EXAMPLE = REPO / "examples" / "cn-complete"
# Rules that do not apply to the example by construction (it is a provider, not a technical supporter).
NOT_APPLICABLE = {"CN-DS-03", "CN-FIL-11"}

# (dotted path in the declaration, value that removes or weakens the safeguard, rules that must fail)
ONE_SOURCE = [{"name": "授权图文语料", "kind": "commercial", "languages": ["zh", "en"], "modalities": ["text", "image"],
               "illegal_pct_before_collection": 1.5, "illegal_pct_after_collection": 0.3, "provenance_recorded": True}]

WALK: list[tuple[str, Any, set[str]]] = [
    ("service.public_opinion_or_mobilization", False, {"CN-SCOPE-01"}),
    ("china.security_assessment.completed", False, {"CN-FIL-01"}),
    ("china.algorithm_filing_number", None, {"CN-FIL-01", "CN-ANTH-05"}),
    ("china.genai_filing_number", None, {"CN-FIL-02"}),
    ("model.base_models.0.cn_filing_number", None, {"CN-FIL-03"}),
    ("china.filing_number_displayed", False, {"CN-FIL-04"}),
    ("china.model_name_displayed", False, {"CN-FIL-04"}),
    ("china.filing_link_displayed", False, {"CN-FIL-04"}),
    ("china.algorithm_filing_submitted_on", "2026-04-20", {"CN-FIL-05"}),
    ("china.algorithm_filing_changes.0.filed_on", "2026-07-20", {"CN-FIL-05"}),
    ("documents.filing_form", None, {"CN-FIL-06"}),
    ("documents.algorithm_self_assessment_report", None, {"CN-FIL-06"}),
    ("documents.security_training_policy", None, {"CN-FIL-10"}),
    ("documents.security_officer_appointment", None, {"CN-FIL-10"}),
    ("china.security_assessment.clause_results_complete", False, {"CN-FIL-07"}),
    ("china.security_assessment.non_compliance_explained", False, {"CN-FIL-07"}),
    ("china.security_assessment.signatories", ["legal_representative"], {"CN-FIL-08"}),
    ("china.security_assessment.date", "2026-05-20", {"CN-FIL-09"}),
    ("china.security_assessment.filed_on_national_platform", False, {"CN-SA-01"}),
    ("safeguards.training_data.sources.0.illegal_pct_after_collection", 7.5, {"CN-DATA-01"}),
    ("safeguards.training_data.sources.2.illegal_pct_before_collection", 12, {"CN-DATA-01"}),
    ("safeguards.training_data.sources", ONE_SOURCE, {"CN-DATA-02"}),
    ("safeguards.training_data.sources.2.opt_outs_respected", False, {"CN-DATA-03"}),
    ("safeguards.training_data.sources.1.provenance_recorded", False, {"CN-DATA-03"}),
    ("safeguards.training_data.pi_lawful_basis", False, {"CN-DATA-06"}),
    ("safeguards.training_data.separate_consent_sensitive", False, {"CN-DATA-06"}),
    ("safeguards.ip.owner_named", False, {"CN-DATA-07"}),
    ("safeguards.ip.strategy", False, {"CN-DATA-07"}),
    ("safeguards.ip.infringement_screening", False, {"CN-DATA-07"}),
    ("safeguards.ip.complaint_channel", False, {"CN-DATA-07"}),
    ("safeguards.annotation.rules_complete", False, {"CN-ANN-01"}),
    ("safeguards.annotation.functional_and_safety_rules", False, {"CN-ANN-01"}),
    ("safeguards.annotation.safety_risks_covered", 17, {"CN-ANN-01"}),
    ("safeguards.annotation.annotators_trained", False, {"CN-ANN-02"}),
    ("safeguards.annotation.roles_separated", False, {"CN-ANN-02"}),
    ("safeguards.annotation.batch_spot_checks", False, {"CN-ANN-03"}),
    ("safeguards.annotation.safety_label_reviewers", 0, {"CN-ANN-03"}),
    ("safeguards.usage_disclosure_published", False, {"CN-SVC-01"}),
    ("safeguards.base_model_use_disclosed", False, {"CN-SVC-01"}),
    ("safeguards.minors_protection.guardian_controls", False, {"CN-SVC-02"}),
    ("safeguards.minors_protection.anti_addiction", False, {"CN-SVC-02"}),
    ("safeguards.minors_protection.no_mismatched_paid_services", False, {"CN-SVC-02"}),
    ("safeguards.minors_protection.minors_mode", False, {"CN-SVC-11", "CN-ANTH-01"}),
    ("safeguards.minors_protection.annual_anti_addiction_report", False, {"CN-SVC-11"}),
    ("safeguards.minors_protection.annual_pi_audit", False, {"CN-PI-03"}),
    ("safeguards.minors_protection.guardian_consent_under_14", False, {"CN-PI-02", "CN-ANTH-01"}),
    ("safeguards.user_input_authorisation", False, {"CN-SVC-03"}),
    ("safeguards.user_input_training_opt_out", False, {"CN-SVC-03"}),
    ("safeguards.opt_out_clicks", 6, {"CN-SVC-12"}),
    ("safeguards.service_agreement.with_registered_users", False, {"CN-SVC-04"}),
    ("safeguards.service_agreement.ip_terms", False, {"CN-SVC-04"}),
    ("safeguards.service_agreement.labeling_methods", False, {"CN-LBL-11"}),
    ("safeguards.complaint_channel.process_published", False, {"CN-SVC-05"}),
    ("safeguards.illegal_content_handling.stop_and_remove", False, {"CN-SVC-06"}),
    ("safeguards.illegal_content_handling.model_fix", False, {"CN-SVC-06"}),
    ("safeguards.illegal_content_handling.report", False, {"CN-SVC-06"}),
    ("safeguards.illegal_content_handling.user_sanctions", False, {"CN-SVC-06"}),
    ("safeguards.illegal_content_handling.records", False, {"CN-SVC-06"}),
    ("safeguards.user_data.minimisation", False, {"CN-SVC-07"}),
    ("safeguards.user_data.no_unlawful_retention", False, {"CN-SVC-07"}),
    ("safeguards.user_data.no_unlawful_sharing", False, {"CN-SVC-07"}),
    ("safeguards.user_data.rights_requests", False, {"CN-SVC-07"}),
    ("service.users.real_identity_verification", False, {"CN-SVC-08"}),
    ("safeguards.log_retention_months", 3, {"CN-SVC-09"}),
    ("safeguards.content_monitoring.staff", 0, {"CN-SVC-10"}),
    ("safeguards.content_monitoring.repeat_offender_suspension", False, {"CN-SVC-10"}),
    ("safeguards.labeling.explicit", ["text", "image", "audio"], {"CN-LBL-01"}),
    ("safeguards.labeling.label_text", "AI", {"CN-LBL-02"}),
    ("safeguards.labeling.image_glyph_height_pct", 3, {"CN-LBL-03"}),
    ("safeguards.labeling.video_opening_seconds", 1, {"CN-LBL-04"}),
    ("safeguards.labeling.video_glyph_height_pct", 4, {"CN-LBL-04"}),
    ("safeguards.labeling.audio_label", "none", {"CN-LBL-05"}),
    ("safeguards.labeling.kept_on_export", False, {"CN-LBL-06"}),
    ("safeguards.labeling.implicit_metadata", False, {"CN-LBL-07", "CN-LBL-12"}),
    ("safeguards.labeling.metadata_fields", ["Label"], {"CN-LBL-07"}),
    ("safeguards.labeling.unlabeled_agreement_terms", False, {"CN-LBL-08"}),
    ("safeguards.labeling.unlabeled_recipient_log_months", 3, {"CN-LBL-08"}),
    ("safeguards.labeling.platform.metadata_check", False, {"CN-LBL-09"}),
    ("safeguards.labeling.platform.tiered_notices", False, {"CN-LBL-09"}),
    ("safeguards.labeling.platform.declaration_tool", False, {"CN-LBL-09"}),
    ("safeguards.labeling.platform.propagation_metadata", False, {"CN-LBL-09"}),
    ("safeguards.labeling.removal_tools", True, {"CN-LBL-10"}),
    ("safeguards.labeling.watermark", None, set()),
    ("safeguards.minors_protection.harmful_info_prevented", False, {"CN-MIN-01"}),
    ("safeguards.companion.elderly_emergency_contact", False, {"CN-ANTH-07"}),
    ("china.labeling_materials_filed", False, {"CN-LBL-13"}),
    ("safeguards.edited_person_consent", False, {"CN-DS-01"}),
    ("china.deep_synthesis_assessment_completed", False, {"CN-DS-02"}),
    ("safeguards.feature_library", False, {"CN-DS-04"}),
    ("safeguards.rumour_refutation", False, {"CN-DS-04"}),
    ("safeguards.personal_information.impact_assessment", False, {"CN-PI-01"}),
    ("safeguards.personal_information.impact_assessment_retention_years", 1, {"CN-PI-01"}),
    ("safeguards.ethics_review", False, {"CN-ETH-01"}),
    ("safeguards.companion.minor_virtual_partner_blocked", False, {"CN-ANTH-01"}),
    ("safeguards.companion.ai_disclosure", False, {"CN-ANTH-02"}),
    ("safeguards.companion.dependence_reminder", False, {"CN-ANTH-03"}),
    ("safeguards.companion.reminder_interval_minutes", 240, {"CN-ANTH-03"}),
    ("safeguards.companion.exit_honoured", False, {"CN-ANTH-04"}),
    ("safeguards.companion.crisis_intervention", False, {"CN-ANTH-04"}),
    ("safeguards.companion.provincial_assessment", False, {"CN-ANTH-05"}),
    ("safeguards.companion.scale_assessment", False, {"CN-ANTH-06"}),
]


def _owned() -> set[str]:
    return {cr.rule.id for cr in load_catalog(["CN"]).rules if "declared" in cr.rule.tags}


def _set(decl: dict[str, Any], dotted: str, value: Any) -> None:
    node: Any = decl
    parts = dotted.split(".")
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        assert last in node, f"{dotted} is not in the example"
        node[last] = value


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example folder (documents resolve relative to the declaration)."""
    root = tmp_path_factory.mktemp("cn-complete")
    shutil.copytree(EXAMPLE / "filing", root / "filing")
    return root


def _statuses(path: Path) -> dict[str, str]:
    owned = _owned()
    report = run(path, frameworks=["CN"])
    return {f.rule: f.status for f in report.findings if f.rule in owned}


def test_example_passes_every_declared_rule() -> None:
    statuses = _statuses(EXAMPLE / "service.yaml")
    assert set(statuses) == _owned()
    bad = {r: s for r, s in statuses.items() if s != "pass" and r not in NOT_APPLICABLE}
    assert not bad, bad
    assert all(statuses[r] == "not_applicable" for r in NOT_APPLICABLE)


def test_walk_covers_every_rule() -> None:
    covered = set().union(*(rules for _, _, rules in WALK)) | NOT_APPLICABLE
    assert covered == _owned(), sorted(_owned() ^ covered)


@pytest.mark.parametrize(("dotted", "value", "expected"), WALK, ids=[w[0] for w in WALK])
def test_removing_one_safeguard_fails_exactly_its_rules(
    workdir: Path, dotted: str, value: Any, expected: set[str]
) -> None:
    decl = yaml.safe_load((EXAMPLE / "service.yaml").read_text(encoding="utf-8"))
    decl = copy.deepcopy(decl)
    _set(decl, dotted, value)
    path = workdir / (dotted.replace(".", "_") + ".yaml")
    path.write_text(yaml.safe_dump(decl, allow_unicode=True, sort_keys=False), encoding="utf-8")
    statuses = _statuses(path)
    failing = {r for r, s in statuses.items() if s == "fail"}
    assert failing == expected
    others = {r: s for r, s in statuses.items() if r not in expected and s not in ("pass", "not_applicable")}
    assert not others, others
