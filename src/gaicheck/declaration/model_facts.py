"""``model:`` — the model behind the service and where it comes from."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from gaicheck.declaration.base import Strict


class BaseModelRef(Strict):
    """An upstream (foundation) model the service builds on or calls."""

    name: str = Field(description="Name of the upstream model, e.g. Qwen2.5-7B-Instruct.", min_length=1)
    provider: Optional[str] = Field(default=None, description="Who provides the upstream model.")
    cn_filing_number: Optional[str] = Field(examples=['Beijing-Qwen-20230831'], default=None, description="Filing no. of the upstream model, if any.")
    open_weights: Optional[bool] = Field(default=None, description="The upstream model's weights are published.")


class ModelFacts(Strict):
    """Origin, size and licence of the service's model."""

    name: Optional[str] = Field(
        default=None, min_length=1,
        description="Name of the service's model as filed and shown to users (the filing form's 模型名称).")
    version: Optional[str] = Field(
        default=None, min_length=1, description="Version of that model (the filing form's 模型版本), e.g. v2.1.")
    origin: Optional[Literal["self_trained", "fine_tuned", "api_of_filed_model", "third_party_unfiled"]] = Field(default=None, description="self_trained (own model: large-model filing), fine_tuned (a modified model: large-model filing), api_of_filed_model (calls a model filed in China: registration), third_party_unfiled (calls a model not filed in China: not allowed for a public service).")
    base_models: Optional[list[BaseModelRef]] = Field(default=None, description="Upstream models the service builds on or calls, each with its China filing number if any.")
    training_compute_flop: Optional[float] = Field(examples=[3.1e+24], description="Cumulative training compute in FLOP, e.g. 3.1e+24; above 1e+25 a GPAI model is presumed to have systemic risk (Art 51(2)).", default=None, ge=0)
    parameters: Optional[int] = Field(description="Number of parameters, e.g. 7000000000.", default=None, ge=0)
    open_weights: Optional[bool] = Field(default=None, description="Are this service's own weights published?")
    licence: Optional[str] = Field(default=None, description="Licence the model is released under, e.g. apache-2.0 or proprietary.")
