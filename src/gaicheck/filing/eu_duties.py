"""EU AI Act documentation duties for the checklist, read from ``jurisdictions.EU`` (fields may be absent).

Each duty is decided from ``jurisdictions.EU.obligations`` when the EU pack lists them (confirmed →
``to_prepare``, unconfirmed → ``to_confirm``, not listed → ``not_required``), otherwise from the tier
and GPAI status, and stays ``to_confirm`` when the report does not settle it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from gaicheck.filing.items import ChecklistItem
from gaicheck.record import record
from gaicheck.report.model import Finding, Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional


@record
class _EuDuty:
    id: str
    zh: str
    en: str
    basis: str
    cite: tuple[str, ...]                       # patterns matched against EU finding citations
    decide: Callable[[Mapping[str, Any]], Optional[bool]]
    obligations: tuple[str, ...] = ()           # ids in jurisdictions.EU.obligations that carry this duty


def _tier(e: Mapping[str, Any]) -> Optional[str]:
    tier = e.get("tier")
    return None if tier in (None, "undetermined") else str(tier)


def _tier_high(e: Mapping[str, Any]) -> Optional[bool]:
    tier = _tier(e)
    if tier is None:
        return None
    roles = e.get("roles")
    if isinstance(roles, list) and "provider" not in roles:
        return False
    return tier == "high"


def _fria(e: Mapping[str, Any]) -> Optional[bool]:
    for key in ("fria_required", "fria"):
        if isinstance(e.get(key), bool):
            return bool(e[key])
    roles = e.get("roles")
    if isinstance(roles, list) and "deployer" not in roles:
        return False  # Art 27 binds deployers only
    tier = _tier(e)
    # High-risk: it depends on the deployer (public body, public service, Annex III 5(b)/(c)).
    return None if tier is None or tier == "high" else False


def _gpai(systemic: bool = False, exemptable: bool = False) -> Callable[[Mapping[str, Any]], Optional[bool]]:
    def decide(e: Mapping[str, Any]) -> Optional[bool]:
        gpai = e.get("gpai")
        if gpai in (None, "undetermined"):
            return None
        if systemic:
            return gpai == "gpai_systemic"
        if gpai not in ("gpai", "gpai_systemic"):
            return False
        # Art 53(2): the open-source exemption covers (a) and (b) only, never systemic-risk models.
        if exemptable and gpai == "gpai" and e.get("open_source_exempt") is True:
            return False
        return True
    return decide


def _transparency(key: str) -> Callable[[Mapping[str, Any]], Optional[bool]]:
    def decide(e: Mapping[str, Any]) -> Optional[bool]:
        block = e.get("art50") or e.get("transparency")
        if isinstance(block, Mapping) and isinstance(block.get(key), bool):
            return bool(block[key])
        if isinstance(block, list):
            return key in block or f"art{key}" in block
        if e.get("tier") in ("out_of_scope", "prohibited"):
            return False
        return None
    return decide


EU_DUTIES: tuple[_EuDuty, ...] = (
    _EuDuty("eu_technical_documentation", "技术文件（附件IV）", "Technical documentation (Annex IV)",
            "EU AI Act Art 11, Annex IV (high-risk provider)", (r"Art\.? ?11\b", r"Annex IV\b", r"hr\.art11"), _tier_high,
            ("hr_provider_annex3", "hr_provider_annex1")),
    _EuDuty("eu_fria", "基本权利影响评估", "Fundamental rights impact assessment (FRIA)",
            "EU AI Act Art 27 (certain deployers of Annex III systems)", (r"Art\.? ?27\b", r"fria"), _fria, ("fria",)),
    _EuDuty("eu_art50_1_notice", "AI 交互告知", "Notice that people are interacting with AI",
            "EU AI Act Art 50(1)", (r"Art\.? ?50\(1\)", r"art50\.1"), _transparency("50.1"), ("art50_1",)),
    _EuDuty("eu_art50_2_marking", "合成内容机器可读标记说明", "Machine-readable marking of synthetic output",
            "EU AI Act Art 50(2)", (r"Art\.? ?50\(2\)", r"art50\.2"), _transparency("50.2"),
            ("art50_2", "art50_2_legacy")),
    _EuDuty("eu_art50_deployer_notices", "部署者告知（情绪识别、深度伪造、公共利益文本）",
            "Deployer notices (emotion recognition, deep fakes, public-interest text)",
            "EU AI Act Art 50(3)–(4)", (r"Art\.? ?50\([34]\)", r"art50\.[34]"), _transparency("50.4"),
            ("art50_3", "art50_4")),
    _EuDuty("eu_gpai_technical_documentation", "通用模型技术文件（附件XI）", "GPAI model technical documentation (Annex XI)",
            "EU AI Act Art 53(1)(a), Annex XI", (r"Art\.? ?53\(1\)\(a\)", r"Annex XI\b", r"gpai\.art53\.1a"),
            _gpai(exemptable=True), ("gpai_art53_docs",)),
    _EuDuty("eu_gpai_downstream_information", "下游提供者信息（附件XII）", "Downstream-provider information (Annex XII)",
            "EU AI Act Art 53(1)(b), Annex XII", (r"Art\.? ?53\(1\)\(b\)", r"Annex XII\b", r"gpai\.art53\.1b"),
            _gpai(exemptable=True), ("gpai_art53_docs",)),
    _EuDuty("eu_copyright_policy", "版权政策", "Copyright policy (TDM opt-outs)",
            "EU AI Act Art 53(1)(c)", (r"Art\.? ?53\(1\)\(c\)", r"gpai\.art53\.1c"), _gpai(), ("gpai_art53",)),
    _EuDuty("eu_training_content_summary", "训练内容摘要（AI 办公室模板）", "Public summary of training content",
            "EU AI Act Art 53(1)(d)", (r"Art\.? ?53\(1\)\(d\)", r"gpai\.art53\.1d"), _gpai(), ("gpai_art53",)),
    _EuDuty("eu_systemic_risk_evaluation", "系统性风险评估与对抗测试记录",
            "Systemic-risk evaluation and adversarial testing records",
            "EU AI Act Arts 52, 55(1)", (r"Art\.? ?55\b", r"gpai\.art55"), _gpai(systemic=True), ("gpai_art52_55",)),
    _EuDuty("eu_authorised_representative_mandate", "欧盟授权代表书面委托", "Written mandate of the EU authorised representative",
            "EU AI Act Art 54 (non-EU GPAI provider)", (r"Art\.? ?54\b", r"gpai\.art54"), lambda e: None,
            ("gpai_art54",)),
)
_EU_STATUS = {True: "to_prepare", None: "to_confirm", False: "not_required"}


def _eu_findings(report: Report, patterns: tuple[str, ...]) -> list[Finding]:
    rx = re.compile("|".join(patterns), re.IGNORECASE)
    return [f for f in report.findings if f.framework == "EU" and (rx.search(f.citation) or rx.search(f.rule))]


def eu_items(report: Report) -> list[ChecklistItem]:
    """The EU documentation duties of ``report`` (none when the EU does not apply)."""
    e: Mapping[str, Any] = report.jurisdictions.get("EU") or {}
    applies = e.get("applies")
    if applies is False:
        return []
    registered = {d.id for d in report.documents if d.framework == "EU"}
    items = []
    for duty in EU_DUTIES:
        if duty.id in registered:
            continue  # the EU pack registered it as a document: that row comes from the report
        obligations = e.get("obligations")
        matched: list[Mapping[str, Any]] = []
        if applies is None:
            required = None
        elif isinstance(obligations, list):
            # The EU pack lists every obligation that applies or may apply (confirmed: false); one it
            # leaves out does not apply.
            matched = [o for o in obligations if isinstance(o, Mapping) and o.get("id") in duty.obligations]
            if not matched:
                required = False
            else:
                required = True if any(o.get("confirmed") is True for o in matched) else None
        else:
            required = duty.decide(e)
        related = _eu_findings(report, duty.cite)
        if related and required is None:
            # A finding that applies settles the duty; all not-applicable settles it the other way.
            required = any(f.status != "not_applicable" for f in related)
        missing: list[str] = []
        if applies is None:
            missing.append("EU scope undetermined: declare service.markets")
        elif required is None:
            missing.append("not settled by the declared facts (jurisdictions.EU): confirm by hand")
        for f in related:
            if f.status in ("fail", "manual"):
                missing.append(f"{f.rule} ({f.citation}): {f.status} — {f.message}")
        why = duty.basis
        dates = sorted({str(o["applies_from"]) for o in matched if o.get("applies_from")})
        if dates:
            why += f"; applies from {', '.join(dates)}"
        items.append(ChecklistItem(
            section="EU", id=duty.id, name_zh=duty.zh, name_en=duty.en, required=required,
            status=_EU_STATUS[required], why=why, missing=tuple(missing), kind="eu_duty",
        ))
    return items
