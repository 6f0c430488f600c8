"""``safeguards:`` — labeling, complaints, logs, minors, training data."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from gaicheck.declaration.base import Strict
from gaicheck.declaration.filtering import ContentFiltering
from gaicheck.declaration.service import Modality


MetadataField = Literal[
    "Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID", "ReservedCode2"
]


class PlatformLabeling(Strict):
    """Duties of a platform that spreads content users publish (LBL Art 6)."""

    metadata_check: Optional[bool] = Field(default=None, description="Published files are checked for AIGC metadata.")
    tiered_notices: Optional[bool] = Field(
        default=None, description="Notices for confirmed, user-declared and suspected AI-generated content."
    )
    declaration_tool: Optional[bool] = Field(default=None, description="Users can declare content as AI-generated.")
    propagation_metadata: Optional[bool] = Field(
        default=None, description="Propagation elements (attribute, platform name or code, content ID) added to metadata."
    )


class Labeling(Strict):
    """Explicit (visible/audible) and implicit (metadata) labels on generated content."""

    explicit: Optional[list[Modality]] = Field(default=None, description="Output modalities that carry an explicit label.")
    implicit_metadata: Optional[bool] = Field(default=None, description="AIGC metadata entry written into files.")
    watermark: Optional[bool] = Field(
        default=None, description="A technical mark (digital watermark) embedded in generated content (DS Art 16)."
    )
    label_text: Optional[str] = Field(
        default=None, description="Wording of the explicit text or voice label, e.g. 由人工智能生成 (GB 45438)."
    )
    image_glyph_height_pct: Optional[float] = Field(
        default=None, ge=0, description="Image label glyph height, in % of the image's shortest side (GB 45438 §5.2)."
    )
    video_opening_seconds: Optional[float] = Field(
        default=None, ge=0, description="How long the label shows on the opening frames of a video, in seconds (GB 45438 §5.4)."
    )
    video_glyph_height_pct: Optional[float] = Field(
        default=None, ge=0, description="Video label glyph height, in % of the frame's shortest side (GB 45438 §5.4)."
    )
    audio_label: Optional[Literal["spoken", "rhythm", "interface", "none"]] = Field(
        default=None,
        description="Audio label: spoken prompt, short-long-short-short rhythm, persistent interface label, or none "
        "(GB 45438 §5.3).",
    )
    kept_on_export: Optional[bool] = Field(
        default=None, description="Downloads, copies and exports keep the explicit label (LBL Art 4)."
    )
    metadata_fields: Optional[list[MetadataField]] = Field(
        default=None, description="Fields of the AIGC metadata entry written (GB 45438 Appendix E)."
    )
    unlabeled_on_request: Optional[bool] = Field(
        default=None, description="Users may obtain output without explicit labels on request (LBL Art 9)."
    )
    unlabeled_agreement_terms: Optional[bool] = Field(
        default=None, description="The user agreement sets the user's labeling duties before unlabeled output is given."
    )
    unlabeled_recipient_log_months: Optional[int] = Field(
        default=None, ge=0, description="Months the logs of who received unlabeled output are kept."
    )
    removal_tools: Optional[bool] = Field(
        default=None, description="The service offers a feature that removes, alters or hides labels (must be false)."
    )
    platform: Optional[PlatformLabeling] = Field(default=None, description="Duties of a platform that distributes others' generated content (LBL Art 6).")


class ComplaintChannel(Strict):
    """Where users complain or report, and the published answer deadline."""

    url: Optional[str] = Field(default=None, description="Where users complain or report, e.g. https://example.com/report (GENAI-IM Art 15).")
    response_days: Optional[int] = Field(description="Longest time to answer a complaint, in days.", default=None, ge=0)
    process_published: Optional[bool] = Field(
        default=None, description="The handling process and the answer deadline are published (GENAI-IM Art 15; DS Art 12)."
    )


class MinorsProtection(Strict):
    """Measures when minors may use the service (GENAI-IM Art 10, MINORS-REG)."""

    minors_mode: Optional[bool] = Field(default=None, description="A minors' mode restricts content, time and spending.")
    guardian_controls: Optional[bool] = Field(default=None, description="Guardians can see and limit the minor's use (GENAI-IM Art 10).")
    guardian_consent_under_14: Optional[bool] = Field(default=None, description="A guardian's consent before processing the data of a child under 14 (PIPL Art 31).")
    anti_addiction: Optional[bool] = Field(default=None, description="Anti-addiction measures (time limits, reminders) (GENAI-IM Art 10).")
    no_mismatched_paid_services: Optional[bool] = Field(default=None, description="No paid services unsuited to minors' age.")
    annual_anti_addiction_report: Optional[bool] = Field(
        default=None, description="Anti-addiction work is reported publicly each year (MINORS-REG Art 42)."
    )
    annual_pi_audit: Optional[bool] = Field(
        default=None, description="Processing of minors' personal information is audited each year (MINORS-REG Art 37)."
    )
    harmful_info_prevented: Optional[bool] = Field(
        default=None,
        description="Information that may harm minors' physical or mental health (the four types of the 2026 "
        "classification measures) is not generated for or pushed to minors, and is kept out of what minors use "
        "(MINORS-CLS, in force 2026-03-01).",
    )


class TrainingSource(Strict):
    """One training-data source (TC260-003 §5.1)."""

    name: str = Field(description="Name of the training source, e.g. a dataset or crawl.", min_length=1)
    kind: Literal["open_source", "self_collected", "commercial", "user_inputs"] = Field(description="open_source (public datasets: licence), self_collected (own collection: records, opt-outs), commercial (bought: contract, commitments) or user_inputs (users' inputs: authorisation).")
    languages: list[str] = Field(min_length=1, description="Languages of the source's content.")
    modalities: list[Modality] = Field(min_length=1, description="Modalities of the source's content.")
    illegal_pct_before_collection: Optional[float] = Field(
        default=None, ge=0, le=100, description="Illegal or harmful share found when assessing the source before collection, in %."
    )
    illegal_pct_after_collection: Optional[float] = Field(
        default=None, ge=0, le=100, description="Illegal or harmful share found when verifying the collected data, in %."
    )
    provenance_recorded: Optional[bool] = Field(
        default=None,
        description="The record its kind needs: licence (open source), collection records (self-collected), contract and "
        "supplier commitments (commercial), user authorisation (user inputs).",
    )
    opt_outs_respected: Optional[bool] = Field(
        default=None, description="Self-collected: do-not-collect declarations (robots.txt etc.) were respected."
    )


class Annotation(Strict):
    """Annotation rules and their quality control (GENAI-IM Art 8; TC260-003 §5.3)."""

    rules_complete: Optional[bool] = Field(
        default=None, description="Rules state objective, data format, method and quality metrics."
    )
    functional_and_safety_rules: Optional[bool] = Field(
        default=None, description="Separate functional and safety annotation rules exist."
    )
    safety_risks_covered: Optional[int] = Field(
        default=None, ge=0, le=31, description="How many of the 31 TC260-003 Appendix A risks the safety rules cover."
    )
    annotators_trained: Optional[bool] = Field(
        default=None, description="Annotators are trained, tested and (re-)qualified."
    )
    roles_separated: Optional[bool] = Field(default=None, description="Annotating and reviewing are done by different people.")
    batch_spot_checks: Optional[bool] = Field(
        default=None, description="Functional batches are spot-checked; failing batches are redone or discarded."
    )
    safety_label_reviewers: Optional[int] = Field(
        default=None, ge=0, description="Reviewers who check every safety label."
    )


class IntellectualProperty(Strict):
    """IP management of training data and output (GENAI-IM Art 7; TC260-003 §5.2)."""

    owner_named: Optional[bool] = Field(default=None, description="A person responsible for IP is named.")
    strategy: Optional[bool] = Field(default=None, description="An IP management strategy exists.")
    infringement_screening: Optional[bool] = Field(
        default=None, description="Training data is screened for infringement before training."
    )
    complaint_channel: Optional[bool] = Field(default=None, description="A channel for IP complaints exists.")


class TrainingData(Strict):
    """What the training data contains and on what basis."""

    personal_information: Optional[bool] = Field(default=None, description="The training data contains personal information (PIPL).")
    sensitive_personal_information: Optional[bool] = Field(default=None, description="It contains sensitive personal information, including biometrics (PIPL Art 28): separate consent needed.")
    pi_lawful_basis: Optional[bool] = Field(default=None, description="Consent or another PIPL Art 13 basis recorded.")
    separate_consent_sensitive: Optional[bool] = Field(default=None, description="Separate consent for sensitive PI (PIPL Art 29).")
    uses_user_inputs: Optional[bool] = Field(default=None, description="User inputs are used as training data.")
    sources: Optional[list[TrainingSource]] = Field(default=None, description="Training-data sources (TC260-003 §5.1).")


class ServiceAgreement(Strict):
    """The agreement with registered users (GENAI-IM Art 9; LBL Art 8)."""

    with_registered_users: Optional[bool] = Field(default=None, description="Registered users conclude a service agreement.")
    ip_terms: Optional[bool] = Field(default=None, description="It states IP rights and IP-risk duties.")
    labeling_methods: Optional[bool] = Field(
        default=None, description="It states the methods, styles and other terms of content labeling (LBL Art 8)."
    )


class IllegalContentHandling(Strict):
    """The playbook for illegal content and illegal use (GENAI-IM Art 14)."""

    stop_and_remove: Optional[bool] = Field(default=None, description="Stop generation and transmission, remove content.")
    model_fix: Optional[bool] = Field(default=None, description="Fix the cause by model optimisation or training.")
    report: Optional[bool] = Field(default=None, description="Report to the competent authorities.")
    user_sanctions: Optional[bool] = Field(default=None, description="Warn, restrict, suspend or terminate offending users.")
    records: Optional[bool] = Field(default=None, description="Keep records of what was found and done.")


class UserData(Strict):
    """Protection of user inputs and usage records (GENAI-IM Art 11)."""

    minimisation: Optional[bool] = Field(default=None, description="No personal information is collected beyond need.")
    no_unlawful_retention: Optional[bool] = Field(
        default=None, description="Inputs and usage records that identify users are not kept unlawfully."
    )
    no_unlawful_sharing: Optional[bool] = Field(
        default=None, description="Such inputs and records are not given to others unlawfully."
    )
    rights_requests: Optional[bool] = Field(
        default=None, description="Requests to access, copy, correct, supplement or delete are handled in time."
    )


class ContentMonitoring(Strict):
    """Monitoring staff and the rule for repeat offenders (TC260-003 §7)."""

    staff: Optional[int] = Field(default=None, ge=0, description="People monitoring content and use.")
    repeat_offender_suspension: Optional[bool] = Field(
        default=None, description="A defined rule suspends users who repeatedly try to obtain illegal content."
    )


class PersonalInformation(Strict):
    """Processing that triggers a PI impact assessment (PIPL Art 55) and the assessment itself."""

    sensitive: Optional[bool] = Field(default=None, description="Sensitive PI (biometrics, under-14s …) is processed.")
    automated_decisions: Optional[bool] = Field(default=None, description="PI is used for automated decision-making.")
    third_party_sharing: Optional[bool] = Field(
        default=None, description="PI is given to, entrusted to or published for others."
    )
    cross_border: Optional[bool] = Field(default=None, description="PI is transferred outside mainland China.")
    impact_assessment: Optional[bool] = Field(default=None, description="A PI impact assessment was done beforehand.")
    impact_assessment_retention_years: Optional[int] = Field(
        default=None, ge=0, description="Years the assessment report and processing records are kept (PIPL Art 56)."
    )


class Companion(Strict):
    """Anthropomorphic emotional-companion services (ANTHRO, in force 2026-07-15)."""

    minor_virtual_partner_blocked: Optional[bool] = Field(
        default=None, description="Minors cannot get a virtual partner or virtual relative."
    )
    ai_disclosure: Optional[bool] = Field(default=None, description="Users are told they interact with AI, not a human.")
    dependence_reminder: Optional[bool] = Field(
        default=None, description="Dynamic reminders when use suggests over-reliance."
    )
    reminder_interval_minutes: Optional[int] = Field(
        default=None, ge=1, description="Continuous use after which a reminder is shown, in minutes."
    )
    exit_honoured: Optional[bool] = Field(default=None, description="A user's request to leave is honoured at once.")
    crisis_intervention: Optional[bool] = Field(
        default=None, description="Crisis intervention, incl. contacting a guardian or emergency contact."
    )
    provincial_assessment: Optional[bool] = Field(
        default=None, description="Security assessment submitted to the provincial CAC at launch or major change."
    )
    scale_assessment: Optional[bool] = Field(
        default=None, description="Assessment redone after reaching 1 M registered or 100 k monthly active users."
    )
    elderly_emergency_contact: Optional[bool] = Field(
        default=None, description="Elderly users are guided to set an emergency contact (ANTHRO)."
    )


class Safeguards(Strict):
    """Safeguards the service has in place."""

    labeling: Optional[Labeling] = Field(default=None, description="Explicit labels and implicit marks on generated content (DS Arts 16-18; LBL; GB 45438-2025).")
    complaint_channel: Optional[ComplaintChannel] = Field(default=None, description="The complaint and report channel, its process and answer deadline.")
    log_retention_months: Optional[int] = Field(description="How long network and generation logs are kept, in months (≥6, CSL).", default=None, ge=0)
    minors_protection: Optional[MinorsProtection] = Field(default=None, description="Measures when minors may use the service.")
    minors_exclusion_measures: Optional[bool] = Field(default=None, description="Measures that keep minors out where they are excluded.")
    training_data: Optional[TrainingData] = Field(default=None, description="Training data: sources, illegal-content checks, personal information.")
    user_input_training_opt_out: Optional[bool] = Field(default=None, description="Users can opt out of their inputs being used for training (TC260-003 §7).")
    usage_disclosure_published: Optional[bool] = Field(
        default=None, description="Intended users, occasions, uses and limits published (GENAI-IM Art 10)."
    )
    edited_person_consent: Optional[bool] = Field(
        default=None, description="Users are prompted to get the edited person's separate consent (DS Art 14)."
    )
    user_input_authorisation: Optional[bool] = Field(
        default=None, description="Users authorise the use of their inputs for training (TC260-003 §7)."
    )
    opt_out_clicks: Optional[int] = Field(
        default=None, ge=0, description="Clicks from the main screen to the training opt-out (TC260-003 §7)."
    )
    base_model_use_disclosed: Optional[bool] = Field(
        default=None, description="Use of a third-party foundation model is disclosed (TC260-003 §7)."
    )
    ip: Optional[IntellectualProperty] = Field(default=None, description="Intellectual-property management of training data and output.")
    annotation: Optional[Annotation] = Field(default=None, description="Corpus annotation: rules, annotators, checks (GENAI-IM Art 8; TC260-003 §5.3).")
    service_agreement: Optional[ServiceAgreement] = Field(default=None, description="What the user agreement states (IP, labeling).")
    illegal_content_handling: Optional[IllegalContentHandling] = Field(default=None, description="The playbook for illegal content (GENAI-IM Art 14).")
    user_data: Optional[UserData] = Field(default=None, description="Protection of user inputs and usage records (GENAI-IM Art 11).")
    content_monitoring: Optional[ContentMonitoring] = Field(default=None, description="Monitoring staff and the rule that suspends repeat offenders.")
    feature_library: Optional[bool] = Field(
        default=None, description="A feature library of illegal and harmful information is kept (DS Art 10)."
    )
    rumour_refutation: Optional[bool] = Field(
        default=None, description="False information made with the service is refuted, recorded and reported (DS Art 11)."
    )
    personal_information: Optional[PersonalInformation] = Field(default=None, description="Personal-information processing of the service (PIPL).")
    ethics_review: Optional[bool] = Field(
        default=None, description="A science-and-technology ethics review system or committee exists (DS Art 7; ETHICS)."
    )
    companion: Optional[Companion] = Field(default=None, description="Duties of anthropomorphic / companion services (ANTHRO).")
    content_filtering: Optional[ContentFiltering] = Field(default=None, description="Keyword list and classifier: labels covered and update dates.")
