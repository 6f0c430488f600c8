"""``model:`` — the model behind the service and where it comes from."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from gaicheck.declaration.base import Strict


class BaseModelRef(Strict):
    """An upstream (foundation) model the service builds on or calls."""

    name: str = Field(min_length=1)
    provider: Optional[str] = None
    cn_filing_number: Optional[str] = Field(default=None, description="Filing no. of the upstream model, if any.")
    open_weights: Optional[bool] = None


class ModelFacts(Strict):
    """Origin, size and licence of the service's model."""

    name: Optional[str] = Field(
        default=None, min_length=1,
        description="Name of the service's model as filed and shown to users (the filing form's 模型名称).")
    version: Optional[str] = Field(
        default=None, min_length=1, description="Version of that model (the filing form's 模型版本), e.g. v2.1.")
    origin: Optional[Literal["self_trained", "fine_tuned", "api_of_filed_model", "third_party_unfiled"]] = None
    base_models: Optional[list[BaseModelRef]] = None
    training_compute_flop: Optional[float] = Field(default=None, ge=0)
    parameters: Optional[int] = Field(default=None, ge=0)
    open_weights: Optional[bool] = Field(default=None, description="Are this service's own weights published?")
    licence: Optional[str] = None
