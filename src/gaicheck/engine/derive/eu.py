"""EU AI Act: scope, roles after Art 25, risk tier, GPAI status and dated obligations.

The facts come from rules/eu/_*.yaml (eu_law); the fields that settle open facts live in eu_sources,
the report block and penalties in eu_summary.

Facts are three-valued (True/False/None = the declaration does not settle it). Ids and dates follow
shared/reference/eu-ai-act.md; ``reasons`` say which facts and articles decided the tier.
"""

from __future__ import annotations

import datetime as dt

from gaicheck.engine.derive import dig as _get
from gaicheck.engine.derive import eu_law
from gaicheck.engine.derive.eu_sources import SOURCES, _settle, _unset
from gaicheck.engine.derive.eu_summary import penalties, summary, timeline_notes
from gaicheck.markets import in_eu as _in_eu

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Iterable, Optional
    Tri = Optional[bool]

D = dt.date

TIMELINES = eu_law.TIMELINES


def L() -> eu_law.EuLaw:
    """The EU law data (rules/eu/_*.yaml): every list, date and threshold the logic below reads."""
    return eu_law.law()


def _or(*vals: Tri) -> Tri:
    if any(v is True for v in vals):
        return True
    return None if any(v is None for v in vals) else False


def _and(*vals: Tri) -> Tri:
    if any(v is False for v in vals):
        return False
    return None if any(v is None for v in vals) else True


def _not(v: Tri) -> Tri:
    return None if v is None else not v


def _has(items: Optional[Iterable[str]], wanted: Iterable[str]) -> Tri:
    return None if items is None else bool(set(items).intersection(wanted))


def _r(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


def _scope(decl: dict[str, Any], eu: dict[str, Any], reasons: list[dict[str, str]]) -> tuple[Tri, Tri, list[str]]:
    markets = _get(decl, "service", "markets")
    in_market: Tri = _in_eu(markets)
    exclusions = list(eu.get("exclusions") or [])
    if in_market is False:
        reasons.append(_r("no EU market and no output used in the EU (Art 2(1))", "未在欧盟市场提供且输出不在欧盟使用（第2条第1款）"))
        return in_market, False, exclusions
    excl = L().exclusions
    whole = [x for x in exclusions if excl[x].whole_act]
    if whole:
        arts = {x: excl[x].article for x in whole}
        reasons.append(_r(
            "excluded from the Act: " + ", ".join(f"{x} (Art {arts[x]})" for x in whole),
            "不受本法规约束：" + "，".join(f"{x}（第{arts[x]}条）" for x in whole),
        ))
        return in_market, False, exclusions
    roles = eu.get("roles")
    if "personal_non_professional" in exclusions and roles is not None and set(roles) <= {"deployer"}:
        reasons.append(_r(
            "a natural person using the system in a purely personal, non-professional activity: the deployer duties do not apply (Art 2(10))",
            "自然人在纯个人、非职业活动中使用该系统：不适用部署者义务（第2条第10款）",
        ))
        return in_market, False, exclusions
    if "personal_non_professional" in exclusions and roles:
        reasons.append(_r(
            "Art 2(10) covers only a natural person's personal, non-professional use: the declared " + "/".join(
                r for r in roles if r != "deployer") + " duties remain",
            "第2条第10款仅涵盖自然人的个人非职业使用：所声明的 " + "/".join(r for r in roles if r != "deployer") + " 义务仍然适用",
        ))
    if in_market:
        est = eu.get("established_in_eu")
        if est is False:
            reasons.append(_r(
                "offered in the EU or its output used there by a non-EU operator (Art 2(1)(a), (c))",
                "非欧盟经营者在欧盟提供服务或其输出在欧盟使用（第2条第1款(a)(c)项）",
            ))
        else:
            reasons.append(_r("placed on the EU market or used in the EU (Art 2(1))", "在欧盟投放市场或使用（第2条第1款）"))
    return in_market, in_market, exclusions


def _practice(eu: dict[str, Any], caps: Optional[list[str]], key: str) -> Tri:
    """Art 5 practice before its exception: the screen answer, or what the capabilities settle."""
    answers = eu.get("prohibited_practices") or {}
    answer: Tri = answers.get(f"art5.{key}")
    ctx = eu.get("use_contexts")
    point = L().art5[key]
    inferred: Tri = None
    # A point tied to a capability is not practised without it; its contexts (if any) decide the rest.
    lacks = caps is not None and point.capability is not None and point.capability not in caps
    if key == "h":
        rbi = eu.get("remote_biometric_identification")
        if lacks or rbi in L().sets["rbi_not_remote"]:
            inferred = False
        elif rbi == "real_time" and ctx is not None:
            inferred = point.contexts.issubset(ctx)
    elif lacks:
        inferred = False
    elif point.contexts and caps is not None and ctx is not None:
        inferred = bool(point.contexts.intersection(ctx))
    practice = answer if answer is not None else inferred
    if answer is False and inferred is True:
        practice = True  # the declared facts contradict a "no" in the screen; the facts win
    if key == "h" and practice is True and _declared_deployer(eu) is False:
        practice = False  # Art 5(1)(h) bans the use: a provider that only supplies the system is Annex III 1(a)
    return practice


def _declared_deployer(eu: dict[str, Any]) -> Tri:
    roles = eu.get("roles")
    return None if roles is None else "deployer" in roles


def _prohibited(eu: dict[str, Any], key: str, practice: Tri) -> Tri:
    """Art 5 practice after its narrow exception (the rules spell the same test out in YAML)."""
    if practice is not True:
        return practice
    # An exception counts only when declared true: it is the operator's to claim.
    exc = eu.get("art5_exceptions") or {}
    if key == "d":
        return exc.get("crime_risk_supports_human_assessment") is not True
    if key == "f":
        return exc.get("emotion_recognition_medical_or_safety") is not True
    if key == "g":
        return exc.get("biometric_dataset_labelling_or_law_enforcement") is not True
    if key == "h":
        le = exc.get("rbi_law_enforcement") or {}
        ok = le.get("objective") in L().rbi_objectives and all(
            le.get(k) is True for k in ("national_law", "prior_authorisation", "fria_and_registration", "authorities_notified"))
        return not ok
    return True


def _annex3(eu: dict[str, Any], caps: Optional[list[str]], reasons: list[dict[str, str]]) -> Optional[list[str]]:
    declared = eu.get("intended_purposes")
    inferred: list[str] = []
    if caps is not None:
        not_rbi = eu.get("remote_biometric_identification") in L().sets["rbi_not_identification"]
        for pid, point in L().annex3.items():
            if point.capability in caps and not (point.remote_identification and not_rbi):
                inferred.append(pid)
    if declared is None and not inferred:
        return None
    ids = list(declared or [])
    for i in inferred:
        if i not in ids:
            ids.append(i)
            reasons.append(_r(f"capability implies {i} ({L().annex3[i].en})", f"服务能力对应{i}（{L().annex3[i].zh}）"))
    return sorted(ids, key=lambda x: list(L().annex3).index(x))


def derive(decl: dict[str, Any], *, as_of: dt.date, timeline: str) -> dict[str, Any]:
    """Compute ``derived.eu`` from the declaration dict, stage by stage (each stage adds facts to ``f``)."""
    eu: dict[str, Any] = decl.get("eu") or {}
    caps = _get(decl, "service", "capabilities")
    reasons: list[dict[str, str]] = []
    in_market, in_scope, exclusions = _scope(decl, eu, reasons)
    omni_from = L().timelines["omnibus_2026"].law_from
    f: dict[str, Any] = {"timeline": timeline, "in_market": in_market, "in_scope": in_scope, "as_of": as_of,
                         "what_if": timeline == "baseline" and omni_from is not None and as_of >= omni_from,
                         "non_eu": _not(eu.get("established_in_eu")), "company_size": eu.get("company_size")}
    _art5_stage(f, eu, caps, reasons)
    _high_risk_stage(f, eu, caps, reasons)
    _roles_stage(f, eu, exclusions, reasons)
    _placement_stage(f, decl, eu, reasons)
    _duties_stage(f, eu)
    _art50_stage(f, decl, eu, caps, reasons)
    _gpai_stage(f, decl, eu, reasons)
    _tier_stage(f, decl, eu, reasons)
    f["settle"] = _settle(f, decl, eu)
    f["reasons"] = reasons
    f["obligations"] = _obligations(_obligation_flags(f), timeline, as_of, f.pop("_gpai_legacy_date"))
    for k in [k for k in f if k.startswith("_")]:
        del f[k]
    return f


def _art5_stage(f: dict[str, Any], eu: dict[str, Any], caps: Optional[list[str]], reasons: list[dict[str, str]]) -> None:
    """Art 5: each point before (``practice``) and after (``prohibited``) its narrow exception."""
    points = L().art5
    practice = {k: _practice(eu, caps, k) for k in points}
    prohibited = {k: _prohibited(eu, k, practice[k]) for k in points}
    confirmed = [k for k, v in prohibited.items() if v is True and f["timeline"] in points[k].timelines]
    for k in confirmed:
        reasons.append(_r(f"prohibited practice: {points[k].en}", f"禁止的实践：{points[k].zh}"))
    if _declared_deployer(eu) is False and eu.get("remote_biometric_identification") == "real_time" and \
            caps is not None and "biometric_identification" in caps:
        reasons.append(_r(
            "supplies real-time remote biometric identification without using it: the Art 5(1)(h) ban binds the deployer that uses it; the provider's system is high-risk under Annex III 1(a)",
            "仅提供而不使用实时远程生物特征识别：第5条第1款(h)项的禁令约束使用它的部署者；提供者的系统依附件三第1(a)点属高风险",
        ))
    f.update(practice=practice, prohibited=prohibited, _confirmed=confirmed,
             _unscreened=[k for k in points if points[k].screened and prohibited[k] is None])


def _high_risk_stage(f: dict[str, Any], eu: dict[str, Any], caps: Optional[list[str]], reasons: list[dict[str, str]]) -> None:
    """Art 6(2) + Annex III with the Art 6(3) derogation, and Art 6(1) + Annex I."""
    if _model_only(eu):
        reasons.append(_r(
            "GPAI model released as a model only, no AI system placed on the market or put into service: no system tier duties (Chapter III, Art 50); Chapter V applies to the model",
            "仅作为模型发布的通用模型，未投放或投入使用任何人工智能系统：不承担系统层面义务（第三章、第50条）；模型适用第五章",
        ))
        f.update(annex3=[], derogation_claimed=False, derogation_valid=False, profiling=None, annex3_high=False,
                 annex1_high=False, _annex1_section_a=None, high_risk=False)
        return
    annex3 = _annex3(eu, caps, reasons)
    derog = eu.get("art6_3_derogation")
    profiling: Tri = None
    derogation_claimed: Tri = None if annex3 is None else bool(annex3) and derog is not None
    derogation_valid: Tri = False
    if derogation_claimed:
        profiling = derog.get("profiling")
        if profiling is None and caps is not None and "scoring_or_ranking_people" in caps:
            profiling = True  # scoring or ranking people is profiling (GDPR Art 4(4))
        # A claim that names none of conditions (a)-(d) is no derogation: the system stays high-risk.
        cond = derog.get("condition")
        derogation_valid = _and(cond is not None, _not(profiling), derog.get("no_significant_risk"))
    annex3_high: Tri = None if annex3 is None else (bool(annex3) and derogation_valid is not True)
    if annex3 and derogation_valid is None:
        annex3_high = None
    if annex3:
        _annex3_reasons(annex3, derog, derogation_claimed, derogation_valid, profiling, annex3_high, caps, reasons)
    annex1_high, annex1_section_a = _annex1(eu.get("product"), reasons)
    f.update(annex3=annex3, derogation_claimed=derogation_claimed, derogation_valid=derogation_valid, profiling=profiling,
             annex3_high=annex3_high, annex1_high=annex1_high, _annex1_section_a=annex1_section_a,
             high_risk=_or(annex3_high, annex1_high))


def _annex3_reasons(annex3: list[str], derog: Any, claimed: Tri, valid: Tri, profiling: Tri, high: Tri,
                    caps: Optional[list[str]], reasons: list[dict[str, str]]) -> None:
    listed = ", ".join(f"{i} ({L().annex3[i].en})" for i in annex3)
    listed_zh = "，".join(f"{i}（{L().annex3[i].zh}）" for i in annex3)
    if claimed and profiling:
        reasons.append(_r(
            f"Annex III use case {listed}; it profiles natural persons, so the Art 6(3) derogation is unavailable (Art 6(3) last subparagraph) -> high-risk (Art 6(2))",
            f"附件三用途 {listed_zh}；涉及对自然人画像，不得适用第6条第3款豁免 → 高风险（第6条第2款）",
        ))
    elif valid:
        reasons.append(_r(
            f"Annex III use case {listed}, but the Art 6(3)({derog.get('condition')}) derogation applies (no profiling, no significant risk) -> not high-risk; Art 6(4) documentation and registration still required",
            f"附件三用途 {listed_zh}，但适用第6条第3款({derog.get('condition')})项豁免（无画像、无重大风险）→ 非高风险；仍须履行第6条第4款记录和登记义务",
        ))
    elif high:
        reasons.append(_r(f"Annex III use case {listed} -> high-risk (Art 6(2))", f"附件三用途 {listed_zh} → 高风险（第6条第2款）"))
        if not claimed and caps is not None and "scoring_or_ranking_people" in caps:
            reasons.append(_r(
                "it scores or ranks natural persons (profiling, GDPR Art 4(4)): the Art 6(3) derogation is unavailable (Art 6(3) last subparagraph)",
                "系统对自然人评分或排序（画像，GDPR 第4条第4项）：不得适用第6条第3款豁免（第6条第3款最后一项）",
            ))


def _annex1(product: Any, reasons: list[dict[str, str]]) -> tuple[Tri, Tri]:
    """Art 6(1): (high-risk through an Annex I product, is one of the acts in Section A)."""
    acts = _get(product, "annex1")
    if product is None or acts is None:
        return None, None
    if not acts:
        return False, None
    high = _and(product.get("safety_component_or_product"), product.get("third_party_conformity"))
    section_a = any(a not in L().sets["annex1_section_b"] for a in acts)
    if high:
        sec = "A" if section_a else "B"
        extra_en = "" if section_a else "; Section B: AI Act duties arrive through the sectoral acts (Art 2(2))"
        extra_zh = "" if section_a else "；B 部分：义务通过行业立法适用（第2条第2款）"
        reasons.append(_r(
            f"safety component of (or itself) a product under Annex I Section {sec} ({', '.join(acts)}) needing third-party conformity assessment -> high-risk (Art 6(1)){extra_en}",
            f"属于附件一 {sec} 部分产品（{', '.join(acts)}）的安全组件或产品本身，且须第三方合格评定 → 高风险（第6条第1款）{extra_zh}",
        ))
    return high, section_a


def _roles_stage(f: dict[str, Any], eu: dict[str, Any], exclusions: list[str], reasons: list[dict[str, str]]) -> None:
    """Declared roles plus provider through Art 25(1) (high-risk systems) or Art 25(3) (Annex I-A products)."""
    declared = eu.get("roles")
    roles: Optional[list[str]] = None if declared is None else list(declared)
    vc = eu.get("value_chain") or {}
    switch = _or(vc.get("own_name_or_trademark"), vc.get("substantial_modification"), vc.get("changed_intended_purpose"))
    art25: Tri = False
    if roles is not None and set(roles) & {"deployer", "importer", "distributor", "product_manufacturer"}:
        art25 = _and(f["high_risk"], switch)
        if "provider" in roles and art25 is None:
            art25 = False  # already the provider: an open Art 25 question changes no duty
        if art25:
            if "provider" not in roles:
                roles.append("provider")
            why = [n for n, k in (("Art 25(1)(a) own name or trademark", "own_name_or_trademark"),
                                  ("Art 25(1)(b) substantial modification", "substantial_modification"),
                                  ("Art 25(1)(c) changed intended purpose", "changed_intended_purpose")) if vc.get(k)]
            reasons.append(_r(
                f"{'/'.join(declared)} becomes the provider of a high-risk system: {'; '.join(why)} (Art 16 duties)",
                f"{'/'.join(declared)} 成为高风险系统的提供者：{'；'.join(why)}（承担第16条义务）",
            ))
    if roles is not None and "provider" not in roles and "product_manufacturer" in roles and f["annex1_high"] and f["_annex1_section_a"]:
        roles.append("provider")
        reasons.append(_r("product manufacturer is the provider of the Annex I safety component (Art 25(3))",
                          "产品制造商即附件一安全组件的提供者（第25条第3款）"))
    personal = "personal_non_professional" in exclusions  # Art 2(10)
    f.update(roles=roles, art25_provider=art25,
             provider=None if roles is None else "provider" in roles,
             deployer=None if roles is None else ("deployer" in roles and not personal),
             operator=None if roles is None else bool(roles))


def _placement_stage(f: dict[str, Any], decl: dict[str, Any], eu: dict[str, Any], reasons: list[dict[str, str]]) -> None:
    """When the system was placed on the market, and the Art 111(2) legacy rule for high-risk systems."""
    placed = eu.get("placed_on_market")
    status = _get(decl, "service", "status")
    cutoff = L().cutoffs["legacy_high_risk"]
    annex3_omnibus = L().obligations["hr_provider_annex3"].omnibus_2026
    placed_new: Tri
    if placed is None and status == "planned":
        placed_new = True
    else:
        placed = placed or (_get(decl, "service", "launch_date") if status == "live" else None)
        placed_new = None if placed is None else placed >= cutoff
    changed = (eu.get("value_chain") or {}).get("substantial_modification") is True
    # Art 111(2): an old system stays outside until a significant design change (declared as such).
    legacy_exempt = _and(_not(placed_new), not changed)
    if legacy_exempt and f["high_risk"]:
        reasons.append(_r(
            f"placed on the market before {cutoff} and not significantly changed: high-risk duties apply only after a significant design change (Art 111(2); Omnibus effect on this cut-off unverified)",
            f"{cutoff} 前已投放且未作重大修改：仅在设计发生重大变化后适用高风险义务（第111条第2款；综合修订对此的影响未核实）",
        ))
    if f["high_risk"] and placed_new and f["timeline"] == "omnibus_2026" and placed is not None and annex3_omnibus is not None and placed < annex3_omnibus:
        reasons.append(_r(
            f"placed on the market {placed} — after {cutoff} but before the Omnibus Annex III date {annex3_omnibus}: whether the Omnibus moves the Art 111(2) cut-off is unverified; gaicheck applies the adopted text's {cutoff}",
            f"投放日期 {placed}——晚于 {cutoff} 但早于综合修订的附件三适用日 {annex3_omnibus}：综合修订是否推迟第111条第2款的截止日未核实；gaicheck 采用原文的 {cutoff}",
        ))
    f.update(_placed=placed, _placed_new=placed_new, _legacy_exempt=legacy_exempt)


def _duties_stage(f: dict[str, Any], eu: dict[str, Any]) -> None:
    """Which high-risk duty sets apply: provider/deployer, Annex III/Annex I route, FRIA, workers, public bodies."""
    annex3, in_scope, provider, deployer = f["annex3"], f["in_scope"], f["provider"], f["deployer"]
    annex3_route = _and(f["annex3_high"], in_scope)
    annex1_route = _and(f["annex1_high"], f["_annex1_section_a"], in_scope)
    not_legacy = _not(f["_legacy_exempt"])
    f.update(
        hr_annex3_provider=_and(annex3_route, provider, not_legacy), _hr_annex1_provider=_and(annex1_route, provider, not_legacy),
        hr_annex3_deployer=_and(annex3_route, deployer), _hr_annex1_deployer=_and(annex1_route, deployer),
        annex1_route=annex1_route,
    )
    f["hr_provider"] = _or(f["hr_annex3_provider"], f["_hr_annex1_provider"])
    f["hr_deployer"] = _or(f["hr_annex3_deployer"], f["_hr_annex1_deployer"])
    # Rules carry the Annex III dates; a system caught only by Annex I waits for the later Art 113(c) date.
    annex1_only = bool(annex1_route and not annex3_route)
    f["hr_effective"] = L().obligations["hr_provider_annex1"].on(f["timeline"]) if annex1_only else None
    points = L().annex3
    pt1 = None if annex3 is None else any(points[i].biometric for i in annex3)
    f["annex3_pt1"] = _and(annex3_route, pt1)
    f["annex3_other"] = _and(annex3_route, _not(pt1))
    org = (eu.get("deployer") or {}).get("organisation")
    f["public_authority_deployer"] = _and(deployer, None if org is None else org == "public_body")
    # Art 27(1): public bodies and private public-service providers (not for Annex III point 2), and
    # every deployer of Annex III 5(b) credit scoring or 5(c) life/health insurance pricing.
    fria_points = None if annex3 is None else any(points[i].fria_every_deployer for i in annex3)
    non_pt2 = None if annex3 is None else any(points[i].fria_public_bodies for i in annex3)
    public = None if org is None else org in L().sets["fria_public"]
    f["fria_required"] = _and(annex3_route, deployer, non_pt2, _or(public, fria_points))
    ctx = eu.get("use_contexts")
    # Art 26(7): workers subject to the system. Employment uses (4a, 4b) always; other uses when the system is
    # used at the workplace; uses whose subjects are never the deployer's workers (students, customers,
    # applicants, suspects) need no workplace answer.
    employment = None if annex3 is None else any(points[i].subjects == "workers" for i in annex3)
    at_work: Tri = None if ctx is None else "workplace" in ctx
    if at_work is None and annex3 and all(points[i].subjects == "not_workers" for i in annex3):
        at_work = False
    f["workers_affected"] = _or(employment, at_work)


def _model_only(eu: dict[str, Any]) -> bool:
    """A GPAI model released as a model only: the provider places no AI system on the market."""
    return (eu.get("gpai") or {}).get("model_only_release") is True


def _art50_stage(f: dict[str, Any], decl: dict[str, Any], eu: dict[str, Any], caps: Optional[list[str]],
                 reasons: list[dict[str, str]]) -> None:
    """Art 50 features of the system (each rule decides whose duty it is) and the Omnibus Art 5 addition."""
    tr = eu.get("transparency") or {}
    interaction = tr.get("interacts_with_people")
    if interaction is None:
        interaction = _has(caps, L().sets["interactive"])
    deployer = f["deployer"]
    outputs = _get(decl, "service", "output_modalities")
    synthetic = _has(outputs, L().sets["generated"])
    if synthetic and tr.get("standard_editing_only") is True:
        synthetic = False  # Art 50(2) second sentence: assistive standard editing, input not substantially altered
        reasons.append(_r("assists standard editing only, without substantially altering the input: Art 50(2) does not apply",
                                "仅辅助标准编辑，未实质改变输入内容：不适用第50条第2款"))
    # Art 50(4) concerns what a deployer publishes: irrelevant when the operator is no deployer, and
    # deep fakes need image, audio or video output, public-interest text needs text output.
    fake = False if deployer is False or _has(outputs, L().sets["deep_fake_media"]) is False else tr.get("deep_fakes")
    text = False if deployer is False or _has(outputs, L().sets["public_interest_text"]) is False else tr.get("public_interest_text")
    f["art50"] = {
        "interaction": interaction,
        "synthetic": synthetic,
        "emotion_biometric": _has(caps, L().sets["emotion_biometric"]),
        "deep_fake": fake,
        "public_interest_text": text,
    }
    if _model_only(eu):
        f["art50"] = {k: False for k in f["art50"]}  # Art 50 binds providers and deployers of AI systems
    f["limited"] = _or(*f["art50"].values())
    # Omnibus: Art 50(2) for systems placed before the cut-off applies from the legacy group's later date.
    legacy_marking = L().obligations["art50_2_legacy"]
    f["marking_effective"] = (legacy_marking.omnibus_2026 if f["timeline"] == "omnibus_2026" and f["_placed_new"] is False
                              else None)
    # Omnibus Art 5 addition: image/video/person generators, or anyone whose screen says yes.
    f["ncii_risk"] = True if f["practice"]["ncii"] is True else _has(caps, L().sets["intimate_risk"])


def _gpai_stage(f: dict[str, Any], decl: dict[str, Any], eu: dict[str, Any], reasons: list[dict[str, str]]) -> None:
    """Arts 51-55: GPAI model, systemic risk, the open-source exemption and the Art 111(3) legacy date."""
    g = eu.get("gpai") or {}
    flop = _get(decl, "model", "training_compute_flop")
    origin = _get(decl, "model", "origin")
    is_gpai: Tri = g.get("is_gpai_model")
    if is_gpai is None:
        if origin == "api_of_filed_model":
            is_gpai = False
        elif flop is not None and flop <= L().thresholds["gpai_indicative_flop"]:
            is_gpai = False
    systemic: Tri = False
    if is_gpai:
        over = None if flop is None else flop > L().thresholds["systemic_flop"]
        # A designation is a Commission decision notified to the provider (Art 52(4)): undeclared = none.
        systemic = _or(over, g.get("systemic_designated") is True)
    gpai_provider = _and(is_gpai, f["provider"], f["in_scope"])
    oss_exempt = _and(gpai_provider, g.get("free_open_source"), _not(systemic))
    label: Optional[str] = None
    if is_gpai is False:
        label = "none"
    elif is_gpai and systemic is not None:
        label = "gpai_systemic" if systemic else "gpai"
    if is_gpai:
        _gpai_reasons(g, flop, systemic, oss_exempt, reasons)
    elif is_gpai is False and origin == "api_of_filed_model":
        reasons.append(_r("uses a third-party model through its API: a downstream provider, not a GPAI model provider (Art 3(68))",
                          "通过 API 调用第三方模型：属下游提供者，而非通用模型提供者（第3条第68项）"))
    placed = f["_placed"]
    cut, until = L().cutoffs["legacy_gpai"], L().cutoffs["legacy_gpai_until"]
    legacy = None if placed is None else placed < cut
    effective = until if legacy else None
    if is_gpai and legacy:
        reasons.append(_r(f"GPAI model placed on the market before {cut}: Chapter V duties apply from {until} (Art 111(3))",
                          f"通用模型于 {cut} 前投放：第五章义务自 {until} 起适用（第111条第3款）"))
    gpai_settle: list[str] = []
    if label is None and f["in_scope"] is False:
        label = "none"  # outside the Act: no EU GPAI status to settle
    if label is None:
        if is_gpai is None:
            gpai_settle += ["eu.gpai.is_gpai_model", "model.training_compute_flop"]
        else:
            gpai_settle += ["model.training_compute_flop", "eu.gpai.systemic_designated"]
    f.update(gpai=label, _gpai_settle=[x for x in gpai_settle if _unset(decl, x)] or gpai_settle, gpai_provider=gpai_provider, gpai_systemic=_and(gpai_provider, systemic),
             gpai_open_source_exempt=oss_exempt, gpai_effective=effective if legacy else None,
             _gpai_legacy_date=effective if legacy else None)


def _gpai_reasons(g: dict[str, Any], flop: Optional[float], systemic: Tri, oss_exempt: Tri, reasons: list[dict[str, str]]) -> None:
    limit = L().thresholds["systemic_flop"]
    if flop is not None and flop > limit:
        reasons.append(_r(f"GPAI model trained with {flop:.2g} FLOP > {limit:.0e}: presumed high-impact capabilities -> systemic risk (Art 51(2))",
                          f"通用模型训练算力 {flop:.2g} FLOP > {limit:.0e}：推定具有高影响能力 → 系统性风险（第51条第2款）"))
    elif g.get("systemic_designated"):
        reasons.append(_r("GPAI model designated by the Commission as having systemic risk (Art 51(1)(b), Annex XIII)",
                          "通用模型经欧盟委员会指定为具有系统性风险（第51条第1款(b)项、附件十三）"))
    elif systemic is False:
        reasons.append(_r(f"GPAI model (Art 3(63)); training compute {flop:.2g} FLOP, not above {limit:.0e} and not designated -> no systemic risk (Art 51)",
                          f"通用模型（第3条第63项）；训练算力 {flop:.2g} FLOP，未超过 {limit:.0e} 且未被指定 → 无系统性风险（第51条）"))
    users = g.get("eu_business_users")
    if systemic is False and users is not None and users >= L().thresholds["annex13_business_users"]:
        reasons.append(_r(f"{users} registered EU business users: Annex XIII presumes high EU reach, a designation criterion",
                          f"欧盟注册企业用户 {users} 个：附件十三推定其在欧盟影响广泛，可作为指定依据"))
    if g.get("free_open_source") and systemic:
        reasons.append(_r("open-source release does not exempt a systemic-risk model from Art 53(1)(a)-(b) or Art 54 (Art 53(2), 54(6))",
                          "开源发布不能使具有系统性风险的模型免于第53条第1款(a)(b)项及第54条义务（第53条第2款、第54条第6款）"))
    elif oss_exempt:
        reasons.append(_r("free and open-source GPAI model without systemic risk: exempt from Art 53(1)(a)-(b) and Art 54, not from (c)-(d) (Art 53(2), 54(6))",
                          "免费开源且无系统性风险的通用模型：免于第53条第1款(a)(b)项及第54条，但不免于(c)(d)项（第53条第2款、第54条第6款）"))


_ART50_FEATURES = (
    ("interaction", "interacts with people (Art 50(1))", "与人互动（第50条第1款）"),
    ("synthetic", "generates synthetic content (Art 50(2))", "生成合成内容（第50条第2款）"),
    ("emotion_biometric", "emotion recognition / biometric categorisation (Art 50(3))", "情绪识别/生物特征分类（第50条第3款）"),
    ("deep_fake", "deep fakes (Art 50(4))", "深度伪造（第50条第4款）"),
    ("public_interest_text", "public-interest text (Art 50(4))", "公共利益类文本（第50条第4款）"),
)


def _tier_stage(f: dict[str, Any], decl: dict[str, Any], eu: dict[str, Any], reasons: list[dict[str, str]]) -> None:
    """prohibited > high > limited > minimal; out_of_scope; None when the declaration does not settle it."""
    confirmed, unscreened, high_risk = f["_confirmed"], f["_unscreened"], f["high_risk"]
    # Art 2(12): FOSS systems are out unless high-risk, prohibited or caught by Art 50; claimed like an exclusion.
    foss = eu.get("free_open_source_system") is True
    f["foss_carve_out"] = _and(foss, _not(high_risk), None if unscreened and not confirmed else not confirmed) if foss else False
    tier: Optional[str]
    if f["in_scope"] is False:
        tier = "out_of_scope"
    elif f["in_scope"] is None:
        tier = None
    elif confirmed:
        tier = "prohibited"
    elif high_risk:
        tier = "high"
    elif high_risk is None:
        tier = None
    elif f["limited"]:
        tier = "limited"
        feats = [(en, zh) for key, en, zh in _ART50_FEATURES if f["art50"][key]]
        reasons.append(_r("not high-risk; transparency duties: " + "; ".join(e for e, _ in feats),
                          "非高风险；透明度义务：" + "；".join(z for _, z in feats)))
    elif f["limited"] is None:
        tier = None
    elif f["foss_carve_out"]:
        tier = "out_of_scope"
        reasons.append(_r("free and open-source AI system that is not high-risk, prohibited or under Art 50 (Art 2(12))",
                          "免费开源且非高风险、非禁止、不涉第50条的人工智能系统（第2条第12款）"))
    else:
        tier = "minimal"
        reasons.append(_r("no Art 5 practice, not high-risk, no Art 50 trigger: minimal risk (Art 4 AI literacy and voluntary codes, Art 95)",
                          "无第5条实践、非高风险、无第50条情形：最低风险（第4条人工智能素养及第95条自愿行为守则）"))
    minors = _get(decl, "service", "users", "minors")
    if "b" in unscreened and minors in ("allowed", "targeted"):
        reasons.append(_r(f"minors are {minors}: screen Art 5(1)(b) (exploiting vulnerabilities due to age) with particular care",
                          f"未成年人{'可使用' if minors == 'allowed' else '为目标用户'}：须特别审慎地筛查第5条第1款(b)项（利用年龄弱势）"))
    if unscreened and f["in_scope"] is not False and not confirmed:
        reasons.append(_r("Art 5 screen incomplete for point(s) " + ", ".join(unscreened) + ": answer eu.prohibited_practices",
                          "第5条筛查未完成：" + "，".join(unscreened) + " 项，请填写 eu.prohibited_practices"))
    f["tier"] = tier
    # The lowest tier the declared facts already establish while the tier itself is open.
    f["tier_at_least"] = None
    if tier is None and f["in_scope"] is True:
        f["tier_at_least"] = "limited" if f["limited"] else "minimal"
    # A tier resting on an unanswered Art 5 point is "at least" that tier: the report names the points.
    f["art5_open"] = [f"art5.{k}" for k in unscreened] if f["in_scope"] is not False and not confirmed else []


def _obligation_flags(f: dict[str, Any]) -> dict[str, Tri]:
    """Whether each obligation group of ``_OBLIGATIONS`` applies (None: the declaration does not say)."""
    in_scope, provider, deployer, a50 = f["in_scope"], f["provider"], f["deployer"], f["art50"]
    placed_new = f["_placed_new"]
    return {
        "in_scope": in_scope, "ncii_risk": _and(in_scope, f["ncii_risk"]),
        "literacy": _and(in_scope, f["operator"], _not(f["foss_carve_out"])),
        "derogation_provider": _and(in_scope, f["derogation_valid"], provider),
        "hr_annex3_provider": f["hr_annex3_provider"], "hr_annex1_provider": f["_hr_annex1_provider"],
        "hr_annex3_deployer": f["hr_annex3_deployer"], "hr_annex1_deployer": f["_hr_annex1_deployer"],
        "fria_required": f["fria_required"],
        "art50_1": _and(in_scope, provider, a50["interaction"]),
        "art50_2_new": _and(in_scope, provider, a50["synthetic"], placed_new if placed_new is not None else True),
        "art50_2_legacy": _and(in_scope, provider, a50["synthetic"], _not(placed_new)),
        "art50_3": _and(in_scope, deployer, a50["emotion_biometric"]),
        "art50_4": _and(in_scope, deployer, _or(a50["deep_fake"], a50["public_interest_text"])),
        "gpai_provider": f["gpai_provider"], "gpai_docs": _and(f["gpai_provider"], _not(f["gpai_open_source_exempt"])),
        "gpai_rep": _and(f["gpai_provider"], _not(f["gpai_open_source_exempt"]), f["non_eu"]), "gpai_systemic": f["gpai_systemic"],
    }


def _obligations(flags: dict[str, Tri], timeline: str, as_of: dt.date, gpai_legacy: Optional[D]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for key, ob in L().obligations.items():
        arts, en, zh, base, omni = ob.articles, ob.en, ob.zh, ob.baseline, ob.omnibus_2026
        applies = flags.get(ob.applies)
        if applies is False:
            continue
        dates = {"baseline": base, "omnibus_2026": omni}
        if gpai_legacy and key.startswith("gpai"):
            dates = {t: gpai_legacy for t in TIMELINES}
        chosen = dates[timeline]
        if chosen is None:
            continue  # does not exist under this timeline (e.g. the Omnibus Art 5 addition under baseline)
        out.append({
            "id": key, "articles": arts, "title": {"en": en, "zh": zh},
            "dates": {t: (d.isoformat() if d else None) for t, d in dates.items()},
            "applies_from": chosen.isoformat(), "in_force": chosen <= as_of,
            "confirmed": applies is True,
        })
    return out


__all__ = ["SOURCES", "TIMELINES", "derive", "penalties", "summary", "timeline_notes"]
