"""``safeguards:`` — labeling, complaints, logs, minors, training data."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from gaicheck.declaration.base import Strict
from gaicheck.declaration.filtering import ContentFiltering
from gaicheck.declaration.service import Modality


class Labeling(Strict):
    """Explicit (visible/audible) and implicit (metadata) labels on generated content."""

    explicit: Optional[list[Modality]] = Field(default=None, description="Output modalities that carry an explicit label.")
    implicit_metadata: Optional[bool] = Field(default=None, description="AIGC metadata entry written into files.")


class ComplaintChannel(Strict):
    """Where users complain or report, and the published answer deadline."""

    url: Optional[str] = None
    response_days: Optional[int] = Field(default=None, ge=0)


class MinorsProtection(Strict):
    """Measures when minors may use the service (GENAI-IM Art 10, MINORS-REG)."""

    minors_mode: Optional[bool] = None
    guardian_controls: Optional[bool] = None
    guardian_consent_under_14: Optional[bool] = None
    anti_addiction: Optional[bool] = None
    no_mismatched_paid_services: Optional[bool] = None


class TrainingData(Strict):
    """What the training data contains and on what basis."""

    personal_information: Optional[bool] = None
    sensitive_personal_information: Optional[bool] = None
    pi_lawful_basis: Optional[bool] = Field(default=None, description="Consent or another PIPL Art 13 basis recorded.")
    separate_consent_sensitive: Optional[bool] = Field(default=None, description="Separate consent for sensitive PI (PIPL Art 29).")
    uses_user_inputs: Optional[bool] = Field(default=None, description="User inputs are used as training data.")


class Safeguards(Strict):
    """Safeguards the service has in place."""

    labeling: Optional[Labeling] = None
    complaint_channel: Optional[ComplaintChannel] = None
    log_retention_months: Optional[int] = Field(default=None, ge=0)
    minors_protection: Optional[MinorsProtection] = None
    minors_exclusion_measures: Optional[bool] = Field(default=None, description="Measures that keep minors out where they are excluded.")
    training_data: Optional[TrainingData] = None
    user_input_training_opt_out: Optional[bool] = None
    usage_disclosure_published: Optional[bool] = Field(
        default=None, description="Intended users, occasions, uses and limits published (GENAI-IM Art 10)."
    )
    edited_person_consent: Optional[bool] = Field(
        default=None, description="Users are prompted to get the edited person's separate consent (DS Art 14)."
    )
    content_filtering: Optional[ContentFiltering] = None
