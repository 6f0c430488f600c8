"""``service:`` — what the service generates, for whom and where."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, Field

from gaicheck.declaration.base import Strict

Modality = Literal["text", "image", "audio", "video", "3d", "code", "virtual_scene"]
Capability = Literal[
    "dialogue", "writing", "code", "search", "recommendation", "text_to_image", "image_editing",
    "face_generation", "face_swap", "face_manipulation", "voice_synthesis", "voice_cloning", "music",
    "video_generation", "virtual_scene", "digital_human", "companion", "emotion_recognition",
    "biometric_categorisation", "biometric_identification", "scoring_or_ranking_people", "agent",
]


def _market(value: str) -> str:
    # A market not recognised would switch a whole jurisdiction off: refuse it, say what was meant.
    from gaicheck.markets import problem

    why = problem(value)
    if why is not None:
        raise ValueError(why)
    return value


def _market_schema(schema: dict[str, Any]) -> None:
    # Built only when the JSON Schema is generated (not at import): the editor sees the exact list.
    from gaicheck.markets import codes

    schema["enum"] = sorted(codes())


Market = Annotated[str, AfterValidator(_market), Field(json_schema_extra=_market_schema)]
Channel = Literal["web", "app", "mini_program", "api", "on_premise", "device", "plugin"]


class Users(Strict):
    """Who uses the service and how many."""

    minors: Optional[Literal["excluded", "allowed", "targeted"]] = None
    real_identity_verification: Optional[bool] = None
    registered_users: Optional[int] = Field(default=None, ge=0)
    monthly_active_users: Optional[int] = Field(default=None, ge=0)


class Service(Strict):
    """The service as offered."""

    name: str = Field(min_length=1)
    provider: str = Field(min_length=1, description="Legal entity offering the service.")
    description: Optional[str] = None
    status: Optional[Literal["planned", "live"]] = None
    launch_date: Optional[dt.date] = None
    markets: Optional[list[Market]] = Field(
        default=None,
        description="Where the service is offered or its output is used: upper-case ISO 3166-1 alpha-2 codes "
        "(CN, DE, US …) plus EU. Decides which rule packs run (CN: China; EU or a Member State: EU AI Act); "
        "an unknown code is an error, never ignored.",
        examples=[["CN"], ["CN", "DE"], ["EU"]],
    )
    audience: Optional[Literal["public", "business", "internal", "research"]] = None
    channels: Optional[list[Channel]] = None
    languages: Optional[list[str]] = None
    input_modalities: Optional[list[Modality]] = None
    output_modalities: Optional[list[Modality]] = None
    capabilities: Optional[list[Capability]] = None
    public_opinion_or_mobilization: Optional[bool] = Field(
        default=None, description="Forums, comments, sharing, live, groups … (SA2018 Art 2)."
    )
    user_publishing: Optional[bool] = Field(default=None, description="Users can publish generated content to others.")
    sensitive_objects_or_scenes: Optional[bool] = Field(
        default=None,
        description="Generates or edits non-biometric objects or scenes that may touch national security, the "
        "national image or the public interest (DS Art 15 (2)).",
    )
    users: Optional[Users] = None
