"""``china:`` — filing numbers and China-specific facts."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from gaicheck.declaration.base import Strict


class SecurityAssessment(Strict):
    """The security (self-)assessment under GENAI-IM Art 17 / SA2018 / TC260-003 §9."""

    completed: Optional[bool] = None
    date: Optional[dt.date] = None
    filed_on_national_platform: Optional[bool] = Field(
        default=None, description="Report submitted via the national platform to the local CAC and police (SA2018 Art 7)."
    )


class China(Strict):
    """China filing status."""

    role: Optional[Literal["provider", "technical_supporter"]] = Field(
        default=None, description="Deep-synthesis role (DS Art 23)."
    )
    algorithm_filing_number: Optional[str] = None
    genai_filing_number: Optional[str] = None
    registration_number: Optional[str] = None
    filing_number_displayed: Optional[bool] = None
    security_assessment: Optional[SecurityAssessment] = None
