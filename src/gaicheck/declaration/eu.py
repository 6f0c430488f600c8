"""``eu:`` — facts for the EU AI Act (Regulation (EU) 2024/1689).

Every fact is Optional: ``None`` means unknown, and a rule that needs it becomes ``manual`` naming
the field. Lists are "the complete answer": ``intended_purposes: []`` means no Annex III use case.
Ids follow shared/reference/eu-ai-act.md (``art5.f``, ``annex3.4a``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from gaicheck.declaration.base import Strict

Role = Literal["provider", "deployer", "importer", "distributor", "authorised_representative", "product_manufacturer"]
# Art 5(1)(a)-(h), plus the Digital Omnibus ban on non-consensual intimate content / CSAM (point number unverified).
Art5Point = Literal["art5.a", "art5.b", "art5.c", "art5.d", "art5.e", "art5.f", "art5.g", "art5.h", "art5.ncii"]
# Annex III: 25 sub-points in 8 areas.
Annex3Id = Literal[
    "annex3.1a", "annex3.1b", "annex3.1c", "annex3.2", "annex3.3a", "annex3.3b", "annex3.3c", "annex3.3d",
    "annex3.4a", "annex3.4b", "annex3.5a", "annex3.5b", "annex3.5c", "annex3.5d", "annex3.6a", "annex3.6b",
    "annex3.6c", "annex3.6d", "annex3.6e", "annex3.7a", "annex3.7b", "annex3.7c", "annex3.7d", "annex3.8a",
    "annex3.8b",
]
# Annex I: Section A (new legislative framework) and Section B (Art 2(2) limited regime).
Annex1Act = Literal[
    "machinery", "toys", "recreational_craft", "lifts", "atex", "radio_equipment", "pressure_equipment",
    "cableways", "personal_protective_equipment", "gas_appliances", "medical_devices", "in_vitro_diagnostics",
    "civil_aviation_security", "two_three_wheel_vehicles", "agricultural_vehicles", "marine_equipment", "rail",
    "motor_vehicles", "civil_aviation",
]
Exclusion = Literal[
    "military_defence_national_security",  # Art 2(3)
    "scientific_research_only",  # Art 2(6)
    "pre_market_research_testing",  # Art 2(8); real-world testing is not covered
    "personal_non_professional",  # Art 2(10): deployer duties only
]
UseContext = Literal[
    "workplace", "education", "publicly_accessible_space", "law_enforcement", "migration_border", "justice",
    "public_services", "elections",
]


class Gpai(Strict):
    """General-purpose AI model facts (Arts 51–55): this provider's own model placed on the EU market."""

    is_gpai_model: Optional[bool] = Field(default=None, description="The service's own model is a GPAI model (Art 3(63)).")
    model_only_release: Optional[bool] = Field(
        default=None,
        description="The model is released as a model only (weights or model API): no AI system is placed on the market or put "
        "into service by this provider, so Chapter V applies and Art 50 and the system tiers do not.",
    )
    systemic_designated: Optional[bool] = Field(default=None, description="Designated by the Commission (Art 51(1)(b)).")
    free_open_source: Optional[bool] = Field(
        default=None, description="Free and open-source licence with weights, architecture and usage info public (Art 53(2)).",
    )
    eu_business_users: Optional[int] = Field(default=None, ge=0, description="Registered EU business users (Annex XIII).")
    notified_commission: Optional[bool] = Field(default=None, description="Art 52(1) notification sent.")
    technical_documentation: Optional[bool] = Field(default=None, description="Annex XI documentation kept (Art 53(1)(a)).")
    downstream_information: Optional[bool] = Field(default=None, description="Annex XII information for downstream providers.")
    copyright_policy: Optional[bool] = Field(default=None, description="Policy honouring TDM opt-outs (Art 53(1)(c)).")
    training_content_summary: Optional[bool] = Field(default=None, description="Public summary on the AI Office template.")
    model_evaluation: Optional[bool] = Field(default=None, description="State-of-the-art evaluation incl. adversarial testing.")
    systemic_risk_mitigation: Optional[bool] = Field(default=None, description="EU-level systemic risks assessed and mitigated.")
    incident_reporting: Optional[bool] = Field(default=None, description="Serious incidents tracked and reported to the AI Office.")
    cybersecurity: Optional[bool] = Field(default=None, description="Model and infrastructure cybersecurity (Art 55(1)(d)).")
    code_of_practice_signatory: Optional[bool] = Field(default=None, description="Signed the GPAI Code of Practice (evidence).")


class Art63Derogation(Strict):
    """Art 6(3): an Annex III system that is not high-risk, and the Art 6(4) duty that comes with it."""

    condition: Optional[Literal["a", "b", "c", "d"]] = Field(
        default=None, description="a narrow procedural task, b refines completed human work, c detects decision patterns, d preparatory task.",
    )
    profiling: Optional[bool] = Field(default=None, description="Profiles natural persons (GDPR Art 4(4)): derogation unavailable.")
    no_significant_risk: Optional[bool] = Field(default=None, description="No significant risk of harm, does not materially influence decisions.")
    assessment_documented: Optional[bool] = Field(default=None, description="Assessment documented before placing (Art 6(4)).")
    registered: Optional[bool] = Field(default=None, description="Registered in the EU database (Art 49(2)).")


class Product(Strict):
    """Art 6(1) product route: Annex I legislation and third-party conformity assessment."""

    annex1: Optional[list[Annex1Act]] = Field(default=None, description="Annex I acts covering the product; [] = none.")
    safety_component_or_product: Optional[bool] = Field(default=None, description="The AI system is the product or a safety component of it under that act.")
    third_party_conformity: Optional[bool] = Field(default=None, description="The product needs a notified body under that act.")


class RbiLawEnforcement(Strict):
    """Art 5(1)(h), 5(2)-(7): the narrow law-enforcement exception for real-time remote biometric identification."""

    objective: Optional[Literal["victims_missing_persons", "imminent_threat", "serious_crime_suspect", "other"]] = Field(default=None, description="victims_missing_persons, imminent_threat, serious_crime_suspect or other (Art 5(1)(h)(i)-(iii)).")
    national_law: Optional[bool] = Field(default=None, description="National law allows it (Art 5(5)).")
    prior_authorisation: Optional[bool] = Field(default=None, description="Judicial/independent authorisation (urgent: within 24 h).")
    fria_and_registration: Optional[bool] = Field(default=None, description="FRIA done and the system registered (Art 5(2)).")
    authorities_notified: Optional[bool] = Field(default=None, description="Market surveillance and data protection authorities notified of each use (Art 5(4)).")


class Art5Exceptions(Strict):
    """The narrow exceptions to Art 5(1)(d), (f), (g)."""

    crime_risk_supports_human_assessment: Optional[bool] = Field(
        default=None, description="5(1)(d): supports a human assessment already based on objective, verifiable facts.",
    )
    emotion_recognition_medical_or_safety: Optional[bool] = Field(default=None, description="5(1)(f): medical or safety reasons.")
    biometric_dataset_labelling_or_law_enforcement: Optional[bool] = Field(
        default=None, description="5(1)(g): labelling/filtering lawfully acquired biometric datasets, or law enforcement.",
    )
    rbi_law_enforcement: Optional[RbiLawEnforcement] = Field(default=None, description="Art 5(1)(h): the narrow law-enforcement exception for real-time remote biometric identification.")


class ValueChain(Strict):
    """Art 25(1): what a distributor, importer, deployer or other third party did to the system."""

    own_name_or_trademark: Optional[bool] = Field(default=None, description="A high-risk system was put under your own name or trademark (Art 25(1)(a)).")
    substantial_modification: Optional[bool] = Field(default=None, description="You substantially modified a high-risk system (Art 25(1)(b)).")
    changed_intended_purpose: Optional[bool] = Field(default=None, description="You changed the intended purpose so that it became high-risk (Art 25(1)(c)).")


class HighRiskProvider(Strict):
    """Provider duties for a high-risk system (Arts 9–17, 22, 43, 47–49, 72–73)."""

    risk_management: Optional[bool] = Field(default=None, description="Risk management system (Art 9).")
    data_governance: Optional[bool] = Field(default=None, description="Data and data governance (Art 10).")
    technical_documentation: Optional[bool] = Field(default=None, description="Technical documentation, Annex IV (Art 11).")
    logging: Optional[bool] = Field(default=None, description="Automatic event logs (Art 12).")
    instructions_for_use: Optional[bool] = Field(default=None, description="Instructions for use for deployers (Art 13).")
    human_oversight: Optional[bool] = Field(default=None, description="Designed for effective human oversight (Art 14).")
    accuracy_robustness_cybersecurity: Optional[bool] = Field(default=None, description="Accuracy, robustness and cybersecurity (Art 15).")
    quality_management_system: Optional[bool] = Field(default=None, description="Quality management system (Art 17).")
    conformity_assessment: Optional[Literal["internal_control", "notified_body", "sectoral", "none"]] = Field(default=None, description="internal_control (Annex VI), notified_body (Annex VII), sectoral (under the Annex I act) or none (Art 43).")
    harmonised_standards_applied: Optional[bool] = Field(default=None, description="Harmonised standards/common specifications applied in full.")
    declaration_of_conformity: Optional[bool] = Field(default=None, description="EU declaration of conformity drawn up (Art 47).")
    ce_marking: Optional[bool] = Field(default=None, description="CE marking affixed (Art 48).")
    eu_database_registration: Optional[bool] = Field(default=None, description="Registered in the EU database (Art 49).")
    post_market_monitoring: Optional[bool] = Field(default=None, description="Post-market monitoring system (Art 72).")
    serious_incident_report_days: Optional[int] = Field(default=None, ge=0, description="Longest time to report to the MSA.")


class Deployer(Strict):
    """Deployer duties for a high-risk system (Arts 26–27)."""

    organisation: Optional[Literal["public_body", "private_public_service", "private"]] = Field(default=None, description="public_body, private_public_service (a private body providing public services) or private: decides the FRIA (Art 27).")
    follows_instructions: Optional[bool] = Field(default=None, description="The system is used according to the provider's instructions (Art 26(1)).")
    human_oversight_assigned: Optional[bool] = Field(default=None, description="Competent, trained people are assigned to oversee it (Art 26(2)).")
    monitoring: Optional[bool] = Field(default=None, description="Monitors use, suspends and informs on risk (Art 26(5)).")
    workers_informed: Optional[bool] = Field(default=None, description="Workers and their representatives are told before use at work (Art 26(7)).")
    use_registered: Optional[bool] = Field(default=None, description="Public-authority use registered (Art 26(8), 49(3)).")
    affected_persons_informed: Optional[bool] = Field(default=None, description="People subject to its decisions are told (Art 26(11)).")
    fria_completed: Optional[bool] = Field(default=None, description="Fundamental rights impact assessment done (Art 27).")
    fria_notified: Optional[bool] = Field(default=None, description="The market surveillance authority was notified of the FRIA results (Art 27(3)).")


class Transparency(Strict):
    """Art 50 facts and exceptions."""

    interacts_with_people: Optional[bool] = Field(default=None, description="Overrides the inference from capabilities.")
    ai_interaction_disclosed: Optional[bool] = Field(default=None, description="People are told they interact with an AI system (Art 50(1)).")
    obvious_ai_interaction: Optional[bool] = Field(default=None, description="Obvious to a reasonably well-informed person.")
    machine_readable_marking: Optional[bool] = Field(default=None, description="Outputs marked machine-readably (watermark, metadata, C2PA).")
    standard_editing_only: Optional[bool] = Field(default=None, description="Only assists standard editing, no substantial alteration.")
    emotion_or_biometric_notice: Optional[bool] = Field(default=None, description="People exposed to emotion recognition or biometric categorisation are told (Art 50(3)).")
    deep_fakes: Optional[bool] = Field(default=None, description="The deployer publishes image/audio/video deep fakes (Art 3(60)).")
    deep_fake_disclosed: Optional[bool] = Field(default=None, description="Deep fakes are disclosed as artificially generated (Art 50(4)).")
    artistic_or_satirical: Optional[bool] = Field(default=None, description="The deep fake is part of an evidently artistic, creative, satirical or fictional work (lighter disclosure).")
    public_interest_text: Optional[bool] = Field(default=None, description="Publishes AI text to inform the public on public-interest matters.")
    public_interest_text_disclosed: Optional[bool] = Field(default=None, description="AI-generated public-interest text is disclosed as such (Art 50(4)).")
    editorial_review: Optional[bool] = Field(default=None, description="Human review with a person holding editorial responsibility.")
    law_enforcement_authorised: Optional[bool] = Field(default=None, description="Authorised by law for crime detection/prosecution.")


class EU(Strict):
    """EU AI Act facts."""

    roles: Optional[list[Role]] = Field(default=None, description="Your AI Act roles: provider (develops it or has it developed and places it under its name), deployer (uses it professionally), importer, distributor, authorised_representative, product_manufacturer.")
    established_in_eu: Optional[bool] = Field(default=None, description="The provider is established in the EU; a non-EU provider needs an authorised representative for some duties (Art 22, 54).")
    authorised_representative: Optional[str] = Field(default=None, description="EU authorised representative (Art 22, 54).")
    company_size: Optional[Literal["micro", "small", "medium", "small_mid_cap", "large"]] = Field(default=None, description="micro, small, medium, small_mid_cap or large: SME penalty caps (Art 99(6)) and simplified duties.")
    exclusions: Optional[list[Exclusion]] = Field(default=None, description="Art 2 exclusions claimed; absent = none claimed.")
    free_open_source_system: Optional[bool] = Field(default=None, description="The AI system is released under a FOSS licence (Art 2(12)).")
    intended_purposes: Optional[list[Annex3Id]] = Field(default=None, description="Annex III ids, e.g. annex3.4a; [] = none.")
    use_contexts: Optional[list[UseContext]] = Field(default=None, description="Where it is used: workplace, education, publicly_accessible_space, law_enforcement, migration_border, justice, public_services, elections.")
    remote_biometric_identification: Optional[Literal["none", "verification_only", "post", "real_time"]] = Field(default=None, description="none, verification_only (1:1, not RBI), post (after the event) or real_time.")
    prohibited_practices: Optional[dict[Art5Point, bool]] = Field(default=None, description="Art 5 screen answers.")
    art5_exceptions: Optional[Art5Exceptions] = Field(default=None, description="The narrow exceptions to Art 5(1)(d), (f), (g) and (h).")
    ncii_safeguards: Optional[bool] = Field(default=None, description="Safeguards against intimate deepfakes and CSAM output.")
    art6_3_derogation: Optional[Art63Derogation] = Field(default=None, description="Art 6(3): an Annex III system claimed not high-risk, with the Art 6(4) documentation and registration.")
    product: Optional[Product] = Field(default=None, description="Art 6(1) product route: Annex I product law and third-party conformity assessment.")
    value_chain: Optional[ValueChain] = Field(default=None, description="Art 25(1): what a distributor, importer, deployer or other third party did to the system.")
    high_risk_provider: Optional[HighRiskProvider] = Field(default=None, description="Provider duties of a high-risk system (Arts 9-17, 22, 43, 47-49, 72-73).")
    deployer: Optional[Deployer] = Field(default=None, description="Deployer duties of a high-risk system (Arts 26-27).")
    transparency: Optional[Transparency] = Field(default=None, description="Art 50 facts and exceptions (interaction disclosure, marking, deep fakes, public-interest text).")
    ai_literacy_measures: Optional[bool] = Field(default=None, description="Staff AI-literacy measures (Art 4).")
    gpai: Optional[Gpai] = Field(default=None, description="General-purpose AI model facts (Arts 51-55), for this provider's own model.")
    placed_on_market: Optional[dt.date] = Field(default=None, description="Date first placed on the EU market or put into service, YYYY-MM-DD (Art 111 transition).")
