"""A rule as data (one YAML file per rule under ``rules/<pack>/``)."""

from __future__ import annotations

import datetime as dt
from typing import Union, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gaicheck.catalog.records import RULE_ID, SEVERITY_ORDER, CitationOps, RuleOps, TextOps

__all__ = ["RULE_ID", "SEVERITY_ORDER", "Citation", "Escalation", "Example", "Pack", "Rule", "Text"]

Severity = Literal["blocker", "major", "minor", "info"]


class _Strict(BaseModel):
    # defer_build: installed from the prebuilt store on first use (gaicheck/prebuilt.py)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(TextOps, _Strict):
    """A text in both languages the report speaks."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Citation(CitationOps, _Strict):
    """An instrument key (as in shared/reference) and the article or clause."""

    instrument: str = Field(min_length=1)
    ref: str = Field(min_length=1)
    # The article as numbered on a date: a renumbered law (CSL 2026) or a duty a later instrument
    # added (LBL from 2025-09-01 on top of DS Art 17) is cited only while it is the law.
    since: Optional[dt.date] = None
    until: Optional[dt.date] = None


class Example(_Strict):
    """Declaration snippets that fail and pass the rule."""

    fail: str
    pass_: str = Field(alias="pass")


class Rule(RuleOps, _Strict):
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
