"""Pydantic models of the EU law data files: they validate the data when it is compiled.

A run never imports this module: ``eu_law`` reads the compiled records (``gaicheck.shipped``), built
from these models by ``python -m gaicheck.datafiles``; edited data is validated here again.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, model_validator

from gaicheck.engine.derive.eu_law import ObligationOps


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    verified: bool
    unverified: Optional[str] = None
    updated: dt.date
    note: str = ""

    @model_validator(mode="after")
    def _explained(self) -> "_Entry":
        if not self.verified and not self.unverified:
            raise ValueError("verified: false needs an 'unverified' text")
        return self


class Cited(_Entry):
    cite: str


class Timeline(Cited):
    en: str
    zh: str
    law_from: Optional[dt.date] = None
    law_until: Optional[dt.date] = None


class Cutoff(Cited):
    date: dt.date


class Threshold(Cited):
    value: float


class ValueSet(Cited):
    values: frozenset[str]


class Exclusion(Cited):
    article: str
    whole_act: bool


class Penalty(Cited):
    en: str
    zh: str


class Annex3Point(Cited):
    en: str
    zh: str
    subjects: Literal["workers", "not_workers", "any"]
    fria_every_deployer: bool
    fria_public_bodies: bool
    biometric: bool
    capability: Optional[str] = None
    remote_identification: bool = False


class Art5Point(Cited):
    en: str
    zh: str
    timelines: tuple[Literal["baseline", "omnibus_2026"], ...]
    screened: bool
    capability: Optional[str] = None
    contexts: frozenset[str] = frozenset()


class Obligation(ObligationOps, _Entry):
    articles: str
    applies: str
    baseline: Optional[dt.date]
    omnibus_2026: Optional[dt.date]
    en: str
    zh: str


class _Law(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    updated: dt.date
    timelines: dict[Literal["baseline", "omnibus_2026"], Timeline]
    cutoffs: dict[Literal["legacy_high_risk", "legacy_gpai", "legacy_gpai_until", "marking_new_systems", "gpai_fines_from"], Cutoff]
    thresholds: dict[Literal["systemic_flop", "gpai_indicative_flop", "annex13_business_users"], Threshold]
    sets: dict[str, ValueSet]
    exclusions: dict[str, Exclusion]
    penalties: dict[Literal["prohibited", "high", "limited", "information", "gpai"], tuple[Penalty, ...]]


class _Annex3(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    updated: dt.date
    points: dict[str, Annex3Point]


class _Art5(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    updated: dt.date
    points: dict[str, Art5Point]
    rbi_objectives: ValueSet


class _Obligations(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    updated: dt.date
    obligations: dict[str, Obligation]
