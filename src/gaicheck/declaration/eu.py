"""``eu:`` — facts for the EU AI Act (Regulation (EU) 2024/1689)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from gaicheck.declaration.base import Strict

Role = Literal["provider", "deployer", "importer", "distributor", "authorised_representative", "product_manufacturer"]


class Gpai(Strict):
    """General-purpose AI model facts (Arts 51–55)."""

    is_gpai_model: Optional[bool] = None
    systemic_designated: Optional[bool] = None
    free_open_source: Optional[bool] = None


class EU(Strict):
    """EU AI Act facts."""

    roles: Optional[list[Role]] = None
    established_in_eu: Optional[bool] = None
    intended_purposes: Optional[list[str]] = Field(default=None, description="Annex III ids, e.g. annex3.4a.")
    prohibited_practices: Optional[dict[str, bool]] = Field(default=None, description="Art 5 screen answers.")
    art6_3_derogation: Optional[dict[str, object]] = None
    gpai: Optional[Gpai] = None
    placed_on_market: Optional[dt.date] = None
