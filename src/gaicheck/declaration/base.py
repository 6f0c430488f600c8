"""Shared base for declaration models: unknown keys are errors, never ignored."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Every declaration section forbids unknown keys (a typo must not silently change a verdict)."""

    # defer_build: the schema is built on first use, or installed from the prebuilt store
    # (gaicheck/prebuilt.py), not at import
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
