"""Words every report format shares, in English and Chinese (issue 15 #4: ``--lang zh`` throughout)."""

from __future__ import annotations

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


def yes_no(value: Optional[object], lang: str) -> str:
    """True/False/None as yes / no / undetermined."""
    yes, no, unknown = _YN.get(lang, _YN["en"])
    return unknown if value is None else (yes if value else no)
