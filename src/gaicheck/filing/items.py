"""The checklist's records: one :class:`ChecklistItem` per material or duty, in a :class:`Checklist`."""

from __future__ import annotations

from gaicheck.record import field, record
from gaicheck.textsafe import clean

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Mapping, Optional

# Cells a spreadsheet would read as a formula (or that some readers strip to one): OWASP CSV
# injection guidance. Leading white space is looked through: spreadsheets drop a space, a tab or a
# CR before a leading "=" (issue 13 #8).
_FORMULA_START = ("=", "+", "-", "@")
_LEADING_SPACE = " \t\r\n\u00a0\u3000"


def escape_cell(value: Any) -> Any:
    """A spreadsheet cell that is safe to open: control and bidi characters shown as ``<U+XXXX>``
    (openpyxl refuses C0 controls anyway), and a string that starts, after any white space, with
    = + - @ gets a leading '."""
    if not isinstance(value, str):
        return value
    value = clean(value)
    if value.lstrip(_LEADING_SPACE).startswith(_FORMULA_START) or value.startswith(("\t", "\r")):
        return "'" + value
    return value


@record
class ChecklistItem:
    """One row: a filing material (CN, or EU where registered) or an EU documentation duty."""

    section: str                    # CN | EU | NIST
    id: str
    name_zh: str
    name_en: str
    required: Optional[bool]
    status: str                     # documents: valid|invalid|missing|not_required; EU duties: to_prepare|to_confirm|not_required
    why: str
    path: Optional[str] = None
    sha256: Optional[str] = None
    missing: tuple[str, ...] = ()
    shortfalls: tuple[str, ...] = ()
    verified: bool = True
    kind: str = "document"          # document | eu_duty

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "section": self.section, "id": self.id, "name": {"zh": self.name_zh, "en": self.name_en},
            "kind": self.kind, "required": self.required, "status": self.status, "why": self.why,
            "path": self.path, "sha256": self.sha256, "missing": list(self.missing),
            "shortfalls": list(self.shortfalls), "verified": self.verified,
        }


@record
class Checklist:
    """Everything the checklist shows, in display order."""

    service_name: str
    input_path: str
    input_sha256: str
    as_of: str
    tool_version: str
    cn: Mapping[str, Any]
    eu: Mapping[str, Any]
    nist: Mapping[str, Any]
    items: tuple[ChecklistItem, ...]
    notes: tuple[str, ...] = field(default=())
    lang: str = "en"
    rules_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``checklist_version`` 1)."""
        counts: dict[str, int] = {}
        for it in self.items:
            counts[it.status] = counts.get(it.status, 0) + 1
        return {
            "checklist_version": 1,
            "tool": {"name": "gaicheck", "version": self.tool_version, "rules": self.rules_version},
            "service": self.service_name,
            "input": {"path": self.input_path, "sha256": self.input_sha256},
            "as_of": self.as_of,
            "jurisdictions": {"CN": dict(self.cn), "EU": dict(self.eu)},
            "items": [it.to_dict() for it in self.items],
            "nist": dict(self.nist),
            "summary": dict(sorted(counts.items())),
            "notes": list(self.notes),
        }
