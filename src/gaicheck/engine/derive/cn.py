"""China: scope gate (GENAI-IM Art 2), opinion attribute (SA2018 Art 2), filing path (§6 of cn.md).

Each fact is True/False/None (None = the declaration does not settle it). ``reasons`` explains the
path in both languages; the terminal and JSON reports show it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from gaicheck.engine.derive import dig as _get

# DS Art 17 para 1 categories (the LBL Art 4 trigger): dialogue/writing, voice, face/person
# image-video, immersive scenes, and other services that generate or markedly alter content.
DS_ART17 = {
    "dialogue", "writing", "voice_synthesis", "voice_cloning", "face_generation", "face_swap",
    "face_manipulation", "digital_human", "virtual_scene", "text_to_image", "image_editing",
    "video_generation", "music", "companion",
}
# DS Art 15 (1): tools that generate or edit faces, voices or other biometric features.
BIOMETRIC_GENERATION = {"face_generation", "face_swap", "face_manipulation", "voice_synthesis", "voice_cloning", "digital_human"}
# DS Art 14: editing a real person's face or voice needs that person's separate consent.
BIOMETRIC_EDITING = {"face_swap", "face_manipulation", "voice_cloning"}




def working_days(start: dt.date, end: dt.date) -> int:
    """Monday–Friday days after ``start`` up to and including ``end`` (0 if ``end`` is not later).

    Public holidays are not known here, so they count as working days: the result can only be
    larger than the official count, which errs on the side of flagging a late filing.
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(1, rest + 1):
        if (start + dt.timedelta(days=weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


def _filing_delays(decl: dict[str, Any], as_of: Optional[dt.date]) -> dict[str, Optional[int]]:
    """ALGO Art 24: working days taken (or, if still open, elapsed) for filing, changes, cancellation."""
    svc = decl.get("service") or {}
    china = decl.get("china") or {}
    launch = svc.get("launch_date")
    submitted = china.get("algorithm_filing_submitted_on")
    initial: Optional[int] = None
    if launch is not None:
        if submitted is not None:
            initial = working_days(launch, submitted)
        elif not china.get("algorithm_filing_number") and svc.get("status") == "live" and as_of is not None:
            initial = working_days(launch, as_of)  # not filed yet: the clock is still running
    changes = china.get("algorithm_filing_changes")
    delay: dict[str, Optional[int]] = {"change": None, "cancellation": None}
    if changes is not None and as_of is not None:
        delay = {"change": 0, "cancellation": 0}
        for c in changes:
            took = working_days(c["occurred_on"], c.get("filed_on") or as_of)
            delay[c["kind"]] = max(delay[c["kind"]] or 0, took)
    return {
        "algorithm_filing_delay_wd": initial,
        "filing_change_delay_wd": delay["change"],
        "filing_cancellation_delay_wd": delay["cancellation"],
    }


def _source_diversity(decl: dict[str, Any]) -> Optional[int]:
    """TC260-003 §5.1: the fewest training sources behind any one corpus language or modality."""
    sources = _get(decl, "safeguards", "training_data", "sources")
    if sources is None:
        return None
    counts: dict[tuple[str, str], int] = {}
    for src in sources:
        langs, mods = src.get("languages") or [], src.get("modalities") or []
        for key in [("lang", x) for x in set(langs)] + [("mod", x) for x in set(mods)]:
            counts[key] = counts.get(key, 0) + 1
    return min(counts.values()) if counts else 0


def derive(decl: dict[str, Any]) -> dict[str, Any]:
    """Compute ``derived.cn`` from the declaration dict."""
    svc = decl.get("service") or {}
    markets = svc.get("markets")
    audience = svc.get("audience")
    caps = svc.get("capabilities")
    outputs = svc.get("output_modalities")
    origin = _get(decl, "model", "origin")
    reasons: list[dict[str, str]] = []

    in_market = None if markets is None else "CN" in markets
    if in_market is False:
        public_facing: Optional[bool] = False
        reasons.append({"en": "CN is not among service.markets", "zh": "service.markets 不含 CN"})
    elif audience in ("internal", "research"):
        public_facing = False
        reasons.append({
            "en": f"audience is {audience}: not offered to the public in mainland China (GENAI-IM Art 2 exclusion)",
            "zh": f"受众为 {audience}：未向境内公众提供服务（《暂行办法》第二条除外情形）",
        })
    elif audience in ("public", "business") and in_market:
        public_facing = True
        reasons.append({
            "en": f"offered to the {audience} in mainland China (GENAI-IM Art 2)",
            "zh": "向境内公众提供生成式人工智能服务（《暂行办法》第二条）",
        })
    else:
        public_facing = None

    declared = svc.get("public_opinion_or_mobilization")
    publishing = svc.get("user_publishing")
    if declared is True or publishing is True:
        opinion: Optional[bool] = True
        reasons.append({
            "en": "has public-opinion attributes or social-mobilisation capacity (SA2018 Art 2)"
            + ("" if declared else ": users can publish generated content to others"),
            "zh": "具有舆论属性或者社会动员能力（安全评估规定第二条）" + ("" if declared else "：用户可向他人发布生成内容"),
        })
    elif declared is False:
        opinion = False
    else:
        opinion = None

    ds_art17 = None if caps is None else bool(DS_ART17.intersection(caps))
    biometric_generation = None if caps is None else bool(BIOMETRIC_GENERATION.intersection(caps))
    biometric_editing = None if caps is None else bool(BIOMETRIC_EDITING.intersection(caps))

    path: Optional[str]
    if public_facing is False:
        path = "none"
    elif public_facing is None or opinion is None:
        path = None
    elif opinion is False:
        path = "none"
        reasons.append({
            "en": "declared without public-opinion or mobilisation capacity: no filing under GENAI-IM Art 17",
            "zh": "声明不具有舆论属性或社会动员能力：不适用《暂行办法》第十七条备案",
        })
    elif origin in ("self_trained", "fine_tuned", "third_party_unfiled"):
        path = "filing"
        reasons.append({
            "en": f"model origin {origin}: own or modified model -> large-model filing (大模型备案)",
            "zh": f"模型来源 {origin}：自研或经微调的模型 → 大模型备案",
        })
    elif origin == "api_of_filed_model":
        path = "registration"
        reasons.append({
            "en": "only calls an already-filed model through its API, no training -> registration (登记)",
            "zh": "仅通过 API 调用已备案大模型、未训练或修改 → 登记",
        })
    else:
        path = None

    # GENAI-IM Art 17 / ALGO Art 24 apply to public-facing services with the opinion attribute.
    opinion_scope: Optional[bool]
    if public_facing is False or opinion is False:
        opinion_scope = False
    elif public_facing is None or opinion is None:
        opinion_scope = None
    else:
        opinion_scope = True
    sa_required: Optional[bool]
    if opinion_scope is True or (public_facing and biometric_generation):
        sa_required = True
    elif opinion_scope is False and (public_facing is False or biometric_generation is False):
        sa_required = False
    else:
        sa_required = None
    return {
        "in_market": in_market,
        "public_facing": public_facing,
        "opinion_mobilization": opinion,
        "opinion_scope": opinion_scope,
        "ds_art17": ds_art17,
        "biometric_generation": biometric_generation,
        "biometric_editing": biometric_editing,
        "path": path,
        "security_assessment_required": sa_required,
        "algorithm_filing_required": opinion_scope,
        # LBL Art 3 covers text, images, audio, video and virtual scenes; code output is not labeled.
        "labelable_outputs": None if outputs is None else [m for m in outputs if m != "code"],
        **_filing_delays(decl, decl.get("as_of")),
        "training_source_diversity": _source_diversity(decl),
        "reasons": reasons,
    }
