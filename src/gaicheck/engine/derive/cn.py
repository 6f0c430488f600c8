"""China: scope gate (GENAI-IM Art 2), opinion attribute (SA2018 Art 2), filing path (§6 of cn.md).

Each fact is True/False/None (None = the declaration does not settle it). ``reasons`` explains the
path in both languages; the terminal and JSON reports show it.
"""

from __future__ import annotations

import datetime as dt

from gaicheck.engine.derive import dig as _get
from gaicheck.engine.derive.cn_law import values as _law

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional
    Tri = Optional[bool]

Reason = dict[str, str]


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




def _r(en: str, zh: str) -> Reason:
    return {"en": en, "zh": zh}


def _has(items: Optional[list[str]], law_set: str) -> Tri:
    return None if items is None else bool(_law(law_set).intersection(items))


def _scope(svc: dict[str, Any], reasons: list[Reason]) -> tuple[Tri, Tri]:
    """GENAI-IM Art 2: (in the China market, offered to the public there)."""
    markets, audience = svc.get("markets"), svc.get("audience")
    in_market: Tri = None if markets is None else "CN" in markets
    if in_market is False:
        reasons.append(_r("CN is not among service.markets", "service.markets 不含 CN"))
        return in_market, False
    if audience in ("internal", "research"):
        reasons.append(_r(
            f"audience is {audience}: not offered to the public in mainland China (GENAI-IM Art 2 exclusion)",
            f"受众为 {audience}：未向境内公众提供服务（《暂行办法》第二条除外情形）",
        ))
        return in_market, False
    if audience in ("public", "business") and in_market:
        reasons.append(_r(f"offered to the {audience} in mainland China (GENAI-IM Art 2)",
                          "向境内公众提供生成式人工智能服务（《暂行办法》第二条）"))
        return in_market, True
    return in_market, None


def _confirmed(china: dict[str, Any], as_of: Optional[dt.date]) -> Tri:
    """The provincial CAC's confirmation of "no opinion attribute", counted only once its date is reached."""
    conf = china.get("opinion_attribute_confirmation")
    if not conf:
        return False
    return as_of is None or conf["confirmed_on"] <= as_of


def _opinion(decl: dict[str, Any], public_facing: Tri, reasons: list[Reason]) -> tuple[Tri, Optional[str], list[str]]:
    """SA2018 Art 2 and filing practice (cn.md §11): (attribute, basis, fields that would settle it).

    A declared "yes" (or users publishing to others) settles it. A declared or missing answer for an
    open-ended generative service offered to the PRC public is treated as "yes" — that is how the CACs
    read it — unless the provincial CAC confirmed otherwise. A "no" is accepted as plausible for a
    closed tool for named business customers and for a service that generates nothing open-ended.
    """
    svc = decl.get("service") or {}
    china = decl.get("china") or {}
    declared, publishing = svc.get("public_opinion_or_mobilization"), svc.get("user_publishing")
    open_gen = _has(svc.get("capabilities"), "capability_sets.open_generation")
    closed = svc.get("named_customers_only")
    if declared is True or publishing is True:
        reasons.append(_r(
            "has public-opinion attributes or social-mobilisation capacity (SA2018 Art 2)"
            + ("" if declared else ": users can publish generated content to others"),
            "具有舆论属性或者社会动员能力（安全评估规定第二条）" + ("" if declared else "：用户可向他人发布生成内容"),
        ))
        return True, "declared" if declared else "user_publishing", []
    conf = china.get("opinion_attribute_confirmation")
    if declared is False and conf and _confirmed(china, decl.get("as_of")):
        reasons.append(_r(
            f"no public-opinion attribute: the self-assessment was confirmed by {conf['confirmed_by']} on "
            f"{conf['confirmed_on'].isoformat()} ({conf['reference']})",
            f"不具有舆论属性：自评估结论已经{conf['confirmed_by']}于 {conf['confirmed_on'].isoformat()} 确认（{conf['reference']}）",
        ))
        return False, "cac_confirmed", []
    if closed is True and declared is False:
        reasons.append(_r(
            "declared without public-opinion attribute; accepted as plausible: a closed tool offered only to named "
            "business customers (cn.md §11) — the provincial CAC's confirmation (china.opinion_attribute_confirmation) "
            "puts it beyond doubt",
            "声明不具有舆论属性；作为仅向特定企业客户提供的封闭工具，该结论可以成立（cn.md §11）——经省级网信部门确认"
            "（china.opinion_attribute_confirmation）后更为稳妥",
        ))
        return False, "closed_b2b", []
    if open_gen is False and declared is False:
        reasons.append(_r(
            "declared without public-opinion attribute; accepted as plausible: the service offers no open-ended "
            "dialogue or content generation (cn.md §11)",
            "声明不具有舆论属性；服务不提供开放式对话或内容生成，该结论可以成立（cn.md §11）",
        ))
        return False, "non_generative", []
    if open_gen and public_facing and closed is not True:
        pending = conf is not None  # a confirmation dated after the as-of date does not count yet
        if declared is False:
            reasons.append(_r(
                "declared without public-opinion attribute, but an open-ended generative service offered to the PRC "
                "public is treated as having it in filing practice (cn.md §11; practice point unverified): the "
                "self-assessment needs the provincial CAC's confirmation — record it in "
                "china.opinion_attribute_confirmation" + (" (the recorded confirmation is dated after the as-of date)" if pending else "")
                + "; a closed tool for named business customers declares service.named_customers_only: true",
                "声明不具有舆论属性，但向境内公众提供开放式生成服务的，备案实践中视为具有舆论属性（cn.md §11；实践要点未核实）："
                "该自评估结论须经省级网信部门确认，并记录于 china.opinion_attribute_confirmation"
                + ("（所记录的确认日期晚于评估日）" if pending else "") + "；仅向特定企业客户提供的封闭工具请声明 service.named_customers_only: true",
            ))
            return True, "practice_override", []
        reasons.append(_r(
            "open-ended generative service offered to the PRC public: treated as having public-opinion attributes "
            "in filing practice (cn.md §11; practice point unverified)",
            "向境内公众提供开放式生成服务：备案实践中视为具有舆论属性（cn.md §11；实践要点未核实）",
        ))
        return True, "practice", []
    if declared is False and public_facing is False:
        return False, "declared", []
    settle: list[str] = []
    if svc.get("capabilities") is None:
        settle.append("service.capabilities")
    if declared is None:
        settle.append("service.public_opinion_or_mobilization")
        if publishing is None:
            settle.append("service.user_publishing")
    else:
        settle.append("china.opinion_attribute_confirmation")
    return None, None, settle


def _route(public_facing: Tri, opinion: Tri, origin: Optional[str], reasons: list[Reason]) -> Optional[str]:
    if public_facing is False:
        return "none"
    if public_facing is None or opinion is None:
        return None
    if opinion is False:
        reasons.append(_r("no public-opinion attribute or mobilisation capacity: no filing under GENAI-IM Art 17",
                          "不具有舆论属性或社会动员能力：不适用《暂行办法》第十七条备案"))
        return "none"
    if origin in _law("origins.filing"):
        reasons.append(_r(f"model origin {origin}: own or modified model -> large-model filing (大模型备案)",
                          f"模型来源 {origin}：自研或经微调的模型 → 大模型备案"))
        return "filing"
    if origin in _law("origins.registration"):
        reasons.append(_r("only calls an already-filed model through its API, no training -> registration (登记)",
                          "仅通过 API 调用已备案大模型、未训练或修改 → 登记"))
        return "registration"
    return None


def _biometric(svc: dict[str, Any]) -> tuple[Tri, Tri]:
    """DS Arts 14-15: (edits a real person's face, body or voice; generates or edits biometric features)."""
    caps = svc.get("capabilities")
    if caps is None:
        return None, None
    edits_people = svc.get("edits_biometric_features")
    editing: Tri
    if _law("capability_sets.biometric_editing").intersection(caps):
        editing = True
    elif _law("capability_sets.may_edit_people").intersection(caps):
        editing = edits_people  # a beauty filter or retouching tool: the declaration must say
    else:
        editing = False if edits_people is not True else True
    generation: Tri = True if (_law("capability_sets.biometric_generation").intersection(caps) or editing) else (
        None if editing is None else False)
    return editing, generation


def _assessment_done(china: dict[str, Any], as_of: Optional[dt.date], reasons: list[Reason]) -> Tri:
    """GENAI-IM Art 17 assessment done on the as-of date: completed, and not dated after it (cn.md §11)."""
    sa = china.get("security_assessment") or {}
    completed, date = sa.get("completed"), sa.get("date")
    if completed is not True:
        return completed
    if date is not None and as_of is not None and date > as_of:
        reasons.append(_r(f"the security assessment is dated {date.isoformat()}, after the as-of date: a plan, not a result",
                          f"安全评估日期为 {date.isoformat()}，晚于评估日：属于计划而非结果"))
        return False
    return True


def derive(decl: dict[str, Any]) -> dict[str, Any]:
    """Compute ``derived.cn`` from the declaration dict (``decl["as_of"]`` is the assessment date)."""
    svc = decl.get("service") or {}
    china = decl.get("china") or {}
    caps, outputs = svc.get("capabilities"), svc.get("output_modalities")
    origin = _get(decl, "model", "origin")
    as_of = decl.get("as_of")
    reasons: list[Reason] = []
    in_market, public_facing = _scope(svc, reasons)
    opinion, opinion_basis, opinion_settle = _opinion(decl, public_facing, reasons)
    path = _route(public_facing, opinion, origin, reasons)
    labelable = None if outputs is None else [m for m in outputs if m not in _law("modalities.not_labelable")]
    ds_art17 = _has(caps, "capability_sets.ds_art17")
    if ds_art17 and labelable == []:
        ds_art17 = False  # nothing it outputs carries a label (code only: LBL Art 3)
    biometric_editing, biometric_generation = _biometric(svc)

    # GENAI-IM Art 17 / ALGO Art 24 apply to public-facing services with the opinion attribute.
    opinion_scope: Tri
    if public_facing is False or opinion is False:
        opinion_scope = False
    elif public_facing is None or opinion is None:
        opinion_scope = None
    else:
        opinion_scope = True
    sa_required: Tri
    if opinion_scope is True or (public_facing and biometric_generation):
        sa_required = True
    elif opinion_scope is False and (public_facing is False or biometric_generation is False):
        sa_required = False
    else:
        sa_required = None
    settle = _path_settle(svc, public_facing, opinion, opinion_settle, origin, path)
    return {
        "in_market": in_market,
        "public_facing": public_facing,
        "opinion_mobilization": opinion,
        "opinion_basis": opinion_basis,
        # A declared "no" for a public open-ended generative service: needs the provincial CAC's word.
        "opinion_self_assessed_no": (opinion_basis in ("practice_override", "cac_confirmed")) if opinion is not None
        else (None if svc.get("public_opinion_or_mobilization") is False else False),
        "opinion_confirmed": bool(china.get("opinion_attribute_confirmation")) and _confirmed(china, as_of),
        "opinion_scope": opinion_scope,
        "ds_art17": ds_art17,
        "biometric_generation": biometric_generation,
        "biometric_editing": biometric_editing,
        "path": path,
        "security_assessment_required": sa_required,
        "security_assessment_done": _assessment_done(china, as_of, reasons),
        "algorithm_filing_required": opinion_scope,
        "labelable_outputs": labelable,
        **_filing_delays(decl, as_of),
        "training_source_diversity": _source_diversity(decl),
        "reasons": reasons,
        # Declaration fields that would settle each undetermined fact, most decisive first: manual
        # findings and the report's `settle` name these (never derived.*).
        "settle": {"path": settle, "opinion_mobilization": opinion_settle, "opinion_scope": opinion_settle},
    }


def _path_settle(svc: dict[str, Any], public_facing: Tri, opinion: Tri, opinion_settle: list[str],
                 origin: Optional[str], path: Optional[str]) -> list[str]:
    if path is not None:
        return []
    out: list[str] = []
    if public_facing is None:
        out += [f for f in ("service.markets", "service.audience") if svc.get(f.split(".")[1]) is None]
    if opinion is None:
        out += opinion_settle
    if opinion is not False and origin is None:
        out.append("model.origin")
    return [f for i, f in enumerate(out) if f not in out[:i]]
