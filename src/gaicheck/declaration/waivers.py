"""``waivers:`` — accepted exceptions, each with a reason, an expiry and an approver.

Waivers live in the declaration or in a file it names (``waivers_file:``, a YAML mapping with one
``waivers:`` list). The engine (``gaicheck.engine.waivers``) checks and applies them.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import Field, field_validator

from gaicheck.declaration.base import Strict
from gaicheck.declaration.checks import reason_says_something


class Waiver(Strict):
    """One waiver of one rule."""

    rule: str = Field(description="The waived rule's id, e.g. CN-SVC-09 (see `gaicheck rules`).", pattern=r"^[A-Z]{2,4}-[A-Z]{2,5}-\d{2}$")
    reason: str = Field(min_length=1, description="Why the failing rule is accepted (required).")
    expires: dt.date = Field(description="Last day the waiver applies; at most one year after the assessment date.")
    approver: Optional[str] = Field(default=None, description="Who accepted the risk.")

    @field_validator("reason")
    @classmethod
    def _reason_says_something(cls, value: str) -> str:
        return reason_says_something(value)


class WaiverFile(Strict):
    """A separate waivers file (``waivers_file:`` in the declaration)."""

    waivers: list[Waiver]
