"""``settings:`` — per-team overrides of rule thresholds."""

from __future__ import annotations

from typing import Optional, Union

from pydantic import Field

from gaicheck.declaration.base import Strict


class Settings(Strict):
    """Threshold overrides: ``thresholds: {CN-KW-01: {min_total: 12000}}``."""

    thresholds: Optional[dict[str, dict[str, Union[int, float]]]] = Field(default=None)
