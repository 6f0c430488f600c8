"""A rule as data (one YAML file per rule under ``rules/<pack>/``)."""

from __future__ import annotations

import datetime as dt
from typing import Union, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

Severity = Literal["blocker", "major", "minor", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "minor": 1, "major": 2, "blocker": 3}
RULE_ID = r"^[A-Z]{2,4}-[A-Z]{2,5}-\d{2}$"


class _Strict(BaseModel):
    # defer_build: installed from the prebuilt store on first use (gaicheck/prebuilt.py)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(_Strict):
    """A text in both languages the report speaks."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        """The text in ``lang`` (zh or en)."""
        return self.zh if lang == "zh" else self.en


class Citation(_Strict):
    """An instrument key (as in shared/reference) and the article or clause."""

    instrument: str = Field(min_length=1)
    ref: str = Field(min_length=1)
    # The article as numbered on a date: a renumbered law (CSL 2026) or a duty a later instrument
    # added (LBL from 2025-09-01 on top of DS Art 17) is cited only while it is the law.
    since: Optional[dt.date] = None
    until: Optional[dt.date] = None

    def __str__(self) -> str:
        return f"{self.instrument} {self.ref}"

    def in_force(self, on: Optional[dt.date]) -> bool:
        """Whether this citation is the law on ``on`` (always, when no date is given)."""
        if on is None:
            return True
        return (self.since is None or self.since <= on) and (self.until is None or on <= self.until)

    def dated(self) -> str:
        """The citation with its dates, for rule listings (``CSL Art 23 (from 2026-01-01)``)."""
        if self.since and self.until:
            return f"{self} ({self.since.isoformat()} – {self.until.isoformat()})"
        if self.since:
            return f"{self} (from {self.since.isoformat()})"
        if self.until:
            return f"{self} (until {self.until.isoformat()})"
        return str(self)


class Example(_Strict):
    """Declaration snippets that fail and pass the rule."""

    fail: str
    pass_: str = Field(alias="pass")


class Rule(_Strict):
    """One rule. Conditions are kept raw here and compiled by the engine's predicates."""

    id: str = Field(pattern=RULE_ID)
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    framework: Literal["CN", "EU", "NIST"]
    severity: Severity
    waivable: bool
    verified: bool
    unverified: Optional[Union[Text, str]] = None  # a plain string is English only
    updated: Optional[dt.date] = Field(
        default=None, description="When the rule's law, figures or reading last changed (gaicheck rules --changed-since).",
    )
    effective: Optional[dt.date] = None
    effective_by_timeline: Optional[dict[str, Optional[dt.date]]] = Field(
        default=None, description="EU: effective date per timeline variant (baseline, omnibus_2026)."
    )
    effective_fact: Optional[str] = Field(
        default=None,
        description="A derived date fact that, when the declaration sets it, replaces the effective date "
        "(EU: Annex I products, systems or models already on the market).",
    )
    citations: list[Citation] = Field(min_length=1)
    documents: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    params: dict[str, Any] = Field(default_factory=dict)
    configurable: list[str] = Field(
        default_factory=list,
        description="Params the reference marks configurable (cfg): a declaration may loosen these, not the others.",
    )
    applies_when: Optional[Any] = None
    check: Any
    location: str
    title: Text
    message: Text
    remediation: Text
    why: Text
    example: Example
    crosswalk: list[str] = Field(default_factory=list, description="NIST subcategories this rule also evidences.")

    @model_validator(mode="after")
    def _unverified_explained(self) -> "Rule":
        if not self.verified and not self.unverified:
            raise ValueError("a rule with verified: false must say what is unconfirmed in 'unverified'")
        return self

    def citation_text(self, on: Optional[dt.date] = None) -> str:
        """The citations in force on ``on`` joined, as the report shows them (all when ``on`` is None)."""
        cited = [c for c in self.citations if c.in_force(on)] or self.citations[:1]
        return "; ".join(str(c) for c in cited)


class Escalation(_Strict):
    """Raise the severity of a pack's findings while a condition holds (NIST: ``nist.required``)."""

    when: Any
    severity: Severity


class Pack(_Strict):
    """Header of a rule pack folder (``_pack.yaml``)."""

    framework: Literal["CN", "EU", "NIST"]
    title: Text
    gate: Optional[Any] = None
    gate_reason: Optional[Text] = None
    escalate: Optional[Escalation] = None
