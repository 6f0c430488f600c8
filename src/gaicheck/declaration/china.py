"""``china:`` — filing numbers and China-specific facts."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from gaicheck.declaration.base import Strict

Signatory = Literal["legal_representative", "assessment_lead", "legality_lead"]


class SecurityAssessment(Strict):
    """The security (self-)assessment under GENAI-IM Art 17 / SA2018 / TC260-003 §9."""

    completed: Optional[bool] = Field(
        default=None, description="The assessment is finished (a report exists), not only planned or under way."
    )
    date: Optional[dt.date] = Field(
        default=None,
        description="Completion date of the latest assessment. A date after the as-of date is a plan, not a result: "
        "the assessment then counts as not done.",
    )
    performed_by: Optional[Literal["self", "third_party"]] = Field(
        default=None, description="Run by the provider itself or by a third-party body (TC260-003 §9.1)."
    )
    clause_results_complete: Optional[bool] = Field(
        default=None,
        description="Every TC260-003 §5–§8 clause has a result (compliant / non-compliant / not applicable) with evidence.",
    )
    non_compliance_explained: Optional[bool] = Field(
        default=None,
        description="Each non-compliant clause is explained: an equivalent measure with proof, or a remediation plan.",
    )
    signatories: Optional[list[Signatory]] = Field(
        default=None, description="Roles that signed a self-run report (TC260-003 §9.1)."
    )
    filed_on_national_platform: Optional[bool] = Field(
        default=None, description="Report submitted via the national platform to the local CAC and police (SA2018 Art 7)."
    )


class FilingChange(Strict):
    """A change to (or the end of) an algorithm-filed service, and when the filing was updated."""

    kind: Literal["change", "cancellation"] = Field(
        description="change: filed items changed; cancellation: the service ended (ALGO Art 24)."
    )
    occurred_on: dt.date = Field(description="Date of the change, or the date the service ended.")
    filed_on: Optional[dt.date] = Field(default=None, description="Date the change or cancellation was filed; empty if not yet.")
    description: Optional[str] = Field(default=None, description="What changed, in a few words.")


class MajorChange(Strict):
    """An event after which the security assessment must be redone (TC260-003 §7; SA2018 Art 3)."""

    kind: Literal[
        "model_update", "new_function", "technical_change", "user_growth", "illegal_content_spread", "authority_notice"
    ] = Field(description="model_update (new model version), new_function, technical_change (architecture or "
              "deployment), user_growth (a marked rise in users), illegal_content_spread (illegal content spread "
              "through it) or authority_notice (an authority asked for it): each calls for a new assessment.")
    date: dt.date = Field(description="Date of the change, YYYY-MM-DD.")
    description: Optional[str] = Field(default=None, description="What changed, in a few words.")


class OpinionAttributeConfirmation(Strict):
    """The provincial CAC's confirmation that the service has no public-opinion attribute (cn.md §11).

    A provider's own "no" for a public generative service is a self-assessment; only this
    confirmation makes it count.
    """

    confirmed_by: str = Field(min_length=1, description="The authority that confirmed it, e.g. 浙江省互联网信息办公室.")
    confirmed_on: dt.date = Field(description="Date of the confirmation; a later date than the as-of date does not count yet.")
    reference: str = Field(min_length=1, description="Letter, notice or case number of the confirmation.")


class China(Strict):
    """China filing status."""

    role: Optional[Literal["provider", "technical_supporter"]] = Field(
        default=None, description="Deep-synthesis role (DS Art 23)."
    )
    algorithm_filing_number: Optional[str] = Field(examples=['网信算备330100000000000000001号'], default=None, description="Algorithm filing number once granted, e.g. 网信算备110000000000000000001号.")
    algorithm_filing_submitted_on: Optional[dt.date] = Field(
        default=None, description="Date the algorithm filing was submitted (ALGO Art 24: within 10 working days of launch)."
    )
    algorithm_filing_changes: Optional[list[FilingChange]] = Field(
        default=None, description="Changes and cancellations of the algorithm filing; [] when there were none."
    )
    genai_filing_number: Optional[str] = Field(examples=['Zhejiang-ShopCopy-20260115'], default=None, description="Large-model (generative AI) filing number once granted, e.g. Beijing-XXX-20240101.")
    registration_number: Optional[str] = Field(examples=['Zhejiang-ShopCopy-202601150001'], default=None, description="Registration (登记) number once granted, for services on a filed model's API.")
    filing_number_displayed: Optional[bool] = Field(default=None, description="The filing or registration number is shown on the service (GENAI-IM; ALGO Art 26).")
    model_name_displayed: Optional[bool] = Field(
        default=None, description="The filed model's name is shown next to the filing or launch number."
    )
    filing_link_displayed: Optional[bool] = Field(
        default=None, description="A link to the public filing record is shown with the algorithm filing number (ALGO Art 26)."
    )
    security_assessment: Optional[SecurityAssessment] = Field(default=None, description="The security (self-)assessment behind the filing (GENAI-IM Art 17, SA2018, TC260-003 §9).")
    opinion_attribute_confirmation: Optional[OpinionAttributeConfirmation] = Field(
        default=None,
        description="Only with service.public_opinion_or_mobilization: false for a public generative service: who "
        "confirmed that it has no public-opinion attribute, when, and the reference (cn.md §11). Without it the "
        "self-assessed 'no' does not switch the filing duty off.",
    )
    major_changes: Optional[list[MajorChange]] = Field(
        default=None, description="Major updates, new functions and user surges since launch; [] when there were none."
    )
    deep_synthesis_assessment_completed: Optional[bool] = Field(
        default=None,
        description="Security assessment of face/voice or sensitive-scene generation models, templates and tools (DS Art 15).",
    )
    labeling_materials_filed: Optional[bool] = Field(
        default=None, description="Labeling materials submitted with the algorithm filing or security assessment (LBL Art 12)."
    )
