"""Shared base for declaration models: unknown keys are errors, never ignored."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Every declaration section forbids unknown keys (a typo must not silently change a verdict)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
