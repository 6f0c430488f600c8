"""``service:`` — what the service generates, for whom and where."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BeforeValidator, Field

from gaicheck.declaration import checks
from gaicheck.declaration.base import Strict

Modality = Literal["text", "image", "audio", "video", "3d", "code", "virtual_scene"]
Capability = Literal[
    "dialogue", "writing", "code", "search", "recommendation", "text_to_image", "image_editing",
    "face_generation", "face_swap", "face_manipulation", "voice_synthesis", "voice_cloning", "music",
    "video_generation", "virtual_scene", "digital_human", "companion", "emotion_recognition",
    "biometric_categorisation", "biometric_identification", "scoring_or_ranking_people", "agent",
]


# The validators live where the fast path (declaration/fast.py) can call them without pydantic.
_market = checks.market
_unquoted = checks.unquoted


def _market_schema(schema: dict[str, Any]) -> None:
    # Built only when the JSON Schema is generated (not at import): the editor sees the exact list.
    from gaicheck.markets import codes

    schema["enum"] = sorted(codes())


Market = Annotated[str, BeforeValidator(_unquoted), AfterValidator(_market), Field(json_schema_extra=_market_schema)]
Channel = Literal["web", "app", "mini_program", "api", "on_premise", "device", "plugin"]


class Users(Strict):
    """Who uses the service and how many."""

    minors: Optional[Literal["excluded", "allowed", "targeted"]] = Field(default=None, description="Minors: excluded (kept out, with measures), allowed (may use it: guardian controls, anti-addiction) or targeted (built for them). Decides CN-SVC-02, CN-PI-02/03, CN-MIN-01.")
    real_identity_verification: Optional[bool] = Field(default=None, description="Users verify their real identity (mobile number or ID) before publishing (CSL; DS Art 9).")
    registered_users: Optional[int] = Field(description="Number of registered users (context for reviewers; the EU counts business users separately).", default=None, ge=0)
    monthly_active_users: Optional[int] = Field(description="Users active in a month (a scale figure reviewers ask for).", default=None, ge=0)


class Service(Strict):
    """The service as offered."""

    name: str = Field(description="The service's name as users see it and as filed.", min_length=1)
    provider: str = Field(min_length=1, description="Legal entity offering the service.")
    description: Optional[str] = Field(default=None, description="One sentence on what the service does (shown in drafts).")
    status: Optional[Literal["planned", "live"]] = Field(default=None, description="planned (not yet offered: file before launch) or live (offered now: filing numbers expected).")
    launch_date: Optional[dt.date] = Field(examples=['2026-09-15'], default=None, description="Date the service went or goes live, YYYY-MM-DD (algorithm filing is due within 10 working days).")
    markets: Optional[list[Market]] = Field(
        default=None,
        description="Where the service is offered or its output is used: upper-case ISO 3166-1 alpha-2 codes "
        "(CN, DE, US …) plus EU. Decides which rule packs run (CN: China; EU or a Member State: EU AI Act); "
        "an unknown code is an error, never ignored.",
        examples=[["CN"], ["CN", "DE"], ["EU"]],
    )
    audience: Optional[Literal["public", "business", "internal", "research"]] = Field(default=None, description="public (anyone in the market), business (enterprises sign up), internal (own staff only) or research (not offered). Internal and research use are outside GENAI-IM Art 2.")
    channels: Optional[list[Channel]] = Field(default=None, description="How it is offered: web, app, mini_program, api, on_premise, device, plugin.")
    languages: Optional[list[str]] = Field(default=None, description="Languages the service answers in, e.g. [zh, en]; each test bank needs questions in each.")
    input_modalities: Optional[list[Modality]] = Field(default=None, description="What users give it: text, image, audio, video, 3d, code, virtual_scene.")
    output_modalities: Optional[list[Modality]] = Field(default=None, description="What it generates: text, image, audio, video, 3d, code, virtual_scene. Decides labeling (DS Art 16-18, LBL) and Art 50(2).")
    capabilities: Optional[list[Capability]] = Field(default=None, description="What it does, e.g. dialogue, writing, text_to_image, face_swap, voice_cloning, companion, agent. Decides deep-synthesis duties, EU transparency and NIST risks.")
    public_opinion_or_mobilization: Optional[bool] = Field(
        default=None, description="Forums, comments, sharing, live, groups … (SA2018 Art 2)."
    )
    user_publishing: Optional[bool] = Field(default=None, description="Users can publish generated content to others.")
    sensitive_objects_or_scenes: Optional[bool] = Field(
        default=None,
        description="Generates or edits non-biometric objects or scenes that may touch national security, the "
        "national image or the public interest (DS Art 15 (2)).",
    )
    named_customers_only: Optional[bool] = Field(
        default=None,
        description="Offered only to named business customers under contract (a closed tool), not to the general "
        "public or to any business that signs up. Where true, a declared 'no public-opinion attribute' is plausible.",
    )
    edits_biometric_features: Optional[bool] = Field(
        default=None,
        description="Edits the faces, bodies or voices of people in images, video or audio (beauty filters, "
        "retouching, face, pose, expression or voice changes). Decides DS Art 14 consent, the DS Art 15 assessment "
        "and labeling for image_editing and video_generation services.",
    )
    users: Optional[Users] = Field(default=None, description="Who uses it: minors, identity verification, user numbers.")
