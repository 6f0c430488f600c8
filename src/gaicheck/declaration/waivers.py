"""``waivers:`` — accepted exceptions, each with a reason, an expiry and an approver."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import Field

from gaicheck.declaration.base import Strict


class Waiver(Strict):
    """One waiver of one rule."""

    rule: str = Field(pattern=r"^[A-Z]{2,4}-[A-Z]{2,5}-\d{2}$")
    reason: str = Field(min_length=1)
    expires: dt.date
    approver: Optional[str] = None
