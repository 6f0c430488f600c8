"""Words every report format shares, in English and Chinese (issue 15 #4: ``--lang zh`` throughout)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Optional


_STATUS = {
    "en": {"pass": "PASS", "fail": "FAIL", "manual": "MANUAL", "waived": "WAIVED", "not_applicable": "N/A"},
    "zh": {"pass": "通过", "fail": "未通过", "manual": "待补充", "waived": "已豁免", "not_applicable": "不适用"},
}
_DOC = {
    "en": {"valid": "valid", "invalid": "invalid", "missing": "missing", "not_required": "not required"},
    "zh": {"valid": "齐全", "invalid": "不合格", "missing": "缺失", "not_required": "无需提交"},
}
_YN = {"en": ("yes", "no", "undetermined"), "zh": ("是", "否", "待定")}


def status_word(status: str, lang: str) -> str:
    """``fail`` → ``FAIL`` / ``未通过``."""
    return _STATUS.get(lang, _STATUS["en"]).get(status, status.upper())


def doc_status(status: str, lang: str) -> str:
    """A document status (``missing`` → ``缺失``)."""
    return _DOC.get(lang, _DOC["en"]).get(status, status)


_CHECKED = {
    "en": {"counted": "counted", "structure": "content checked", "exists": "present (content not reviewed)"},
    "zh": {"counted": "已逐条计数", "structure": "已核对内容", "exists": "仅确认存在（未审内容）"},
}


def checked_word(checked: Optional[str], lang: str) -> str:
    """How deeply a document was checked (``documents[].checked``), in words; ``—`` when not at all."""
    if not checked:
        return "—"
    return _CHECKED.get(lang, _CHECKED["en"]).get(checked, checked)


def yes_no(value: Optional[object], lang: str) -> str:
    """True/False/None as yes / no / undetermined."""
    yes, no, unknown = _YN.get(lang, _YN["en"])
    return unknown if value is None else (yes if value else no)


_SEVERITY = {"zh": {"blocker": "阻断", "major": "严重", "minor": "一般", "info": "提示"}}
_VALUE = {
    "en": {  # the codes read as words; timeline names stay the --eu-timeline values
        "high": "high-risk", "limited": "limited (transparency duties)", "out_of_scope": "out of scope",
        "none": "no", "gpai": "yes", "gpai_systemic": "yes, with systemic risk",
        "authorised_representative": "authorised representative", "product_manufacturer": "product manufacturer",
    },
    "zh": {
        # EU tier, GPAI status and roles (jurisdictions.EU), as the AI Act's Chinese version names them
        "prohibited": "禁止", "high": "高风险", "limited": "有限风险（透明度义务）", "minimal": "最低风险",
        "out_of_scope": "不在范围内", "undetermined": "待定", "none": "否", "gpai": "通用模型",
        "gpai_systemic": "具有系统性风险的通用模型", "provider": "提供者", "deployer": "部署者", "importer": "进口者",
        "distributor": "分销者", "authorised_representative": "授权代表", "product_manufacturer": "产品制造商",
        "baseline": "原定时间线 (baseline)", "omnibus_2026": "数字综合修订时间线 (omnibus_2026)",
    },
}


def severity_word(severity: str, lang: str) -> str:
    """``major`` → ``严重`` in Chinese; the code itself in English."""
    return _SEVERITY.get(lang, {}).get(severity, severity)


def value_word(value: Optional[str], lang: str) -> str:
    """A code value of the report (EU tier, GPAI status, role, timeline) in ``lang``."""
    if value is None:
        return yes_no(None, lang)
    return _VALUE.get(lang, {}).get(value, value)
