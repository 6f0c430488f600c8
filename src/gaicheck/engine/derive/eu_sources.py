"""Which declaration fields settle each derived EU fact (manual findings and ``settle`` name these)."""

from __future__ import annotations

from gaicheck.engine.derive import dig as _get

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any


def _unset(decl: dict[str, Any], field: str) -> bool:
    return _get(decl, *field.split(".")) is None


# Declaration fields that settle each derived EU fact (see engine/evaluate.py DERIVED_SOURCES).
_SCOPE = ("service.markets", "eu.exclusions")
_ROLES = ("eu.roles", "eu.value_chain.own_name_or_trademark", "eu.value_chain.substantial_modification",
          "eu.value_chain.changed_intended_purpose")
_HIGH = ("eu.intended_purposes", "service.capabilities", "eu.art6_3_derogation.condition", "eu.art6_3_derogation.profiling",
         "eu.art6_3_derogation.no_significant_risk", "eu.product.annex1", "eu.product.safety_component_or_product",
         "eu.product.third_party_conformity")
_GPAI = ("eu.gpai.is_gpai_model", "model.training_compute_flop", "eu.gpai.systemic_designated", "model.origin")
_PROHIBITED_SOURCES = {
    "a": ("eu.prohibited_practices.art5.a",),
    "b": ("eu.prohibited_practices.art5.b",),
    "c": ("eu.prohibited_practices.art5.c", "service.capabilities"),
    "d": ("eu.prohibited_practices.art5.d", "service.capabilities", "eu.art5_exceptions.crime_risk_supports_human_assessment"),
    "e": ("eu.prohibited_practices.art5.e",),
    "f": ("eu.prohibited_practices.art5.f", "service.capabilities", "eu.use_contexts",
          "eu.art5_exceptions.emotion_recognition_medical_or_safety"),
    "g": ("eu.prohibited_practices.art5.g", "service.capabilities",
          "eu.art5_exceptions.biometric_dataset_labelling_or_law_enforcement"),
    "h": ("eu.prohibited_practices.art5.h", "service.capabilities", "eu.remote_biometric_identification", "eu.use_contexts"),
    "ncii": ("eu.prohibited_practices.art5.ncii",),
}
SOURCES: dict[str, tuple[str, ...]] = {
    "derived.eu.in_market": ("service.markets",),
    "derived.eu.in_scope": _SCOPE,
    "derived.eu.provider": _ROLES,
    "derived.eu.deployer": ("eu.roles", "eu.exclusions"),
    "derived.eu.art25_provider": _ROLES + _HIGH,
    "derived.eu.high_risk": _HIGH,
    "derived.eu.derogation_claimed": ("eu.intended_purposes", "eu.art6_3_derogation"),
    "derived.eu.hr_provider": _ROLES + _HIGH + ("eu.placed_on_market",),
    "derived.eu.hr_deployer": ("eu.roles",) + _HIGH,
    "derived.eu.hr_annex3_provider": _ROLES + _HIGH + ("eu.placed_on_market",),
    "derived.eu.hr_annex3_deployer": ("eu.roles",) + _HIGH,
    "derived.eu.non_eu": ("eu.established_in_eu",),
    "derived.eu.fria_required": ("eu.roles", "eu.deployer.organisation") + _HIGH,
    "derived.eu.workers_affected": ("eu.intended_purposes", "eu.use_contexts"),
    "derived.eu.public_authority_deployer": ("eu.roles", "eu.deployer.organisation"),
    "derived.eu.art50.interaction": ("eu.transparency.interacts_with_people", "service.capabilities"),
    "derived.eu.art50.synthetic": ("service.output_modalities",),
    "derived.eu.art50.emotion_biometric": ("service.capabilities",),
    "derived.eu.art50.deep_fake": ("eu.transparency.deep_fakes",),
    "derived.eu.art50.public_interest_text": ("eu.transparency.public_interest_text",),
    "derived.eu.ncii_risk": ("service.capabilities",),
    "derived.eu.gpai_provider": _GPAI + ("eu.roles",),
    "derived.eu.gpai_systemic": _GPAI,
    "derived.eu.gpai_open_source_exempt": _GPAI + ("eu.gpai.free_open_source",),
    "derived.eu.gpai_in_force": ("eu.placed_on_market",),
    "derived.eu.foss_carve_out": ("eu.free_open_source_system",) + _HIGH,
    "derived.eu.operator": ("eu.roles",),
    "derived.eu.derogation_valid": ("eu.intended_purposes", "eu.art6_3_derogation.condition",
                                    "eu.art6_3_derogation.profiling", "eu.art6_3_derogation.no_significant_risk"),
    "derived.eu.profiling": ("eu.art6_3_derogation.profiling", "service.capabilities"),
    "derived.eu.annex3_pt1": _HIGH,
    "derived.eu.annex3_other": _HIGH,
    "derived.eu.annex1_route": _HIGH,
}
SOURCES.update({f"derived.eu.prohibited.{k}": v for k, v in _PROHIBITED_SOURCES.items()})
SOURCES.update({f"derived.eu.practice.{k}": tuple(x for x in v if not x.startswith("eu.art5_exceptions"))
                for k, v in _PROHIBITED_SOURCES.items()})

# Obligation groups for the report with the date each timeline gives them: rules/eu/_obligations.yaml.


_HR_FACTS = ("high_risk", "hr_provider", "hr_deployer", "hr_annex3_provider", "hr_annex3_deployer", "fria_required",
             "art25_provider", "annex3_pt1", "annex3_other", "annex1_route")


def _high_settle(f: dict[str, Any], decl: dict[str, Any], eu: dict[str, Any]) -> list[str]:
    """The answers that would decide an open high-risk classification, most decisive first."""
    out: list[str] = []
    if f["annex3"] is None:
        out.append("eu.intended_purposes")
    derog = eu.get("art6_3_derogation") or {}
    if f["derogation_claimed"] and f["derogation_valid"] is None:
        out += [f"eu.art6_3_derogation.{k}" for k in ("profiling", "no_significant_risk") if derog.get(k) is None]
    product = eu.get("product")
    if f["annex1_high"] is None:
        if _get(product, "annex1") is None:
            out.append("eu.product.annex1")
        else:
            out += [f"eu.product.{k}" for k in ("safety_component_or_product", "third_party_conformity") if product.get(k) is None]
    return out


def _settle(f: dict[str, Any], decl: dict[str, Any], eu: dict[str, Any]) -> dict[str, list[str]]:
    """Declaration fields that would settle each open fact (manual findings and the report's ``settle``)."""
    out: dict[str, list[str]] = {}
    high = _high_settle(f, decl, eu) if f["high_risk"] is None else []
    if high:
        for fact in _HR_FACTS:
            if f.get(fact) is None:
                own = [s for s in SOURCES.get(f"derived.eu.{fact}", ()) if s not in _HIGH and _unset(decl, s)
                       and not (s.startswith("eu.value_chain.") and f["art25_provider"] is not None)]
                out[fact] = high + own
    if f["tier"] is None:
        tier: list[str] = []
        if f["in_scope"] is None:
            tier += [x for x in _SCOPE if _unset(decl, x)] or ["service.markets"]
        else:
            tier += high
            if f["limited"] is None:
                a50 = f["art50"]
                for key, field in (("interaction", "eu.transparency.interacts_with_people"), ("synthetic", "service.output_modalities"),
                                   ("emotion_biometric", "service.capabilities"), ("deep_fake", "eu.transparency.deep_fakes"),
                                   ("public_interest_text", "eu.transparency.public_interest_text")):
                    if a50[key] is None and field not in tier:
                        tier.append(field)
            if f["deployer"] is None and "eu.roles" not in tier:
                tier.append("eu.roles")
        out["tier"] = tier
    if f["gpai"] is None:
        out["gpai"] = f["_gpai_settle"]
    return out
