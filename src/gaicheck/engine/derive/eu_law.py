"""The EU law data (rules/eu/_law.yaml, _annex3.yaml, _art5.yaml, _obligations.yaml), loaded strictly.

Every entry carries its citation, ``verified`` (with an ``unverified`` text when false) and the date
it was last checked (``updated``). Unknown keys, missing keys and values of the wrong type (a date
that is not a date) are rule-definition errors naming the file: a typo never silently changes a
verdict.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from gaicheck.errors import RuleDefinitionError
from gaicheck.location import Location

TIMELINES = ("baseline", "omnibus_2026")
FILES = ("eu/_law.yaml", "eu/_annex3.yaml", "eu/_art5.yaml", "eu/_obligations.yaml")


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


class Obligation(_Entry):
    articles: str
    applies: str
    baseline: Optional[dt.date]
    omnibus_2026: Optional[dt.date]
    en: str
    zh: str

    def on(self, timeline: str) -> Optional[dt.date]:
        """The date this group applies from under ``timeline`` (None: it does not exist there)."""
        return self.baseline if timeline == "baseline" else self.omnibus_2026


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


class EuLaw:
    """All EU law data, validated."""

    def __init__(self, law: _Law, annex3: _Annex3, art5: _Art5, obligations: _Obligations) -> None:
        self.timelines = law.timelines
        self.cutoffs = {k: v.date for k, v in law.cutoffs.items()}
        self.thresholds = {k: v.value for k, v in law.thresholds.items()}
        self.sets = {k: v.values for k, v in law.sets.items()}
        self.exclusions = law.exclusions
        self.penalties = law.penalties
        self.annex3 = annex3.points
        self.art5 = art5.points
        self.rbi_objectives = art5.rbi_objectives.values
        self.obligations = obligations.obligations
        self._files = {"eu/_law.yaml": law, "eu/_annex3.yaml": annex3, "eu/_art5.yaml": art5,
                       "eu/_obligations.yaml": obligations}

    def entries(self) -> list[tuple[str, str, Any]]:
        """(file, dotted name, entry) for every entry that carries ``updated`` (``rules --changed-since``)."""
        out: list[tuple[str, str, Any]] = []
        for rel, model in self._files.items():
            for group, value in model:
                if isinstance(value, _Entry):
                    out.append((rel, group, value))
                elif isinstance(value, dict):
                    out += [(rel, f"{group}.{k}", v) for k, v in value.items() if isinstance(v, _Entry)]
                    for k, v in value.items():
                        if isinstance(v, tuple):
                            out += [(rel, f"{group}.{k}.{i}", e) for i, e in enumerate(v)]
        return out


def _parse(rel: str, model: type[BaseModel], raw: Any) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(map(str, err["loc"])) or "(top)"
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise RuleDefinitionError(f"malformed law data: {where}: {msg}", Location(f"rules/{rel}")) from None


def build(raws: dict[str, Any]) -> EuLaw:
    """Validate the parsed files (by their path under ``rules/``) and cross-check them."""
    law = _parse("eu/_law.yaml", _Law, raws["eu/_law.yaml"])
    annex3 = _parse("eu/_annex3.yaml", _Annex3, raws["eu/_annex3.yaml"])
    art5 = _parse("eu/_art5.yaml", _Art5, raws["eu/_art5.yaml"])
    obligations = _parse("eu/_obligations.yaml", _Obligations, raws["eu/_obligations.yaml"])
    return EuLaw(law, annex3, art5, obligations)


@lru_cache(maxsize=1)
def law() -> EuLaw:
    """The packaged EU law data."""
    from gaicheck import datafiles

    return build({rel: datafiles.load(rel) for rel in FILES})


def values(name: str) -> frozenset[str]:
    """One named set of ``_law.yaml`` (``interactive``)."""
    return law().sets[name]
