"""The EU law data (rules/eu/_law.yaml, _annex3.yaml, _art5.yaml, _obligations.yaml), loaded strictly.

Every entry carries its citation, ``verified`` (with an ``unverified`` text when false) and the date
it was last checked (``updated``). Unknown keys, missing keys and values of the wrong type (a date
that is not a date) are rule-definition errors naming the file: a typo never silently changes a
verdict.

The pydantic models that validate the files live in ``eu_law_model``; a run reads the validated
data as the plain records below (compiled by ``python -m gaicheck.datafiles``, see
``gaicheck.shipped``), so it imports no pydantic.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from gaicheck.errors import RuleDefinitionError
from gaicheck.location import Location
from gaicheck.plain import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

TIMELINES = ("baseline", "omnibus_2026")
FILES = ("eu/_law.yaml", "eu/_annex3.yaml", "eu/_art5.yaml", "eu/_obligations.yaml")


class ObligationOps:
    """Shared by the ``Obligation`` model and record."""

    if TYPE_CHECKING:
        baseline: Optional[dt.date]
        omnibus_2026: Optional[dt.date]

    def on(self, timeline: str) -> Optional[dt.date]:
        """The date this group applies from under ``timeline`` (None: it does not exist there)."""
        return self.baseline if timeline == "baseline" else self.omnibus_2026


class _Entry(Record):
    """An entry with ``verified``, ``unverified``, ``updated`` and ``note`` (record of the model)."""


class Cited(_Entry):
    pass


class Timeline(Cited):
    pass


class Cutoff(Cited):
    pass


class Threshold(Cited):
    pass


class ValueSet(Cited):
    pass


class Exclusion(Cited):
    pass


class Penalty(Cited):
    pass


class Annex3Point(Cited):
    pass


class Art5Point(Cited):
    pass


class Obligation(ObligationOps, _Entry):
    pass


class _Law(Record):
    pass


class _Annex3(Record):
    pass


class _Art5(Record):
    pass


class _Obligations(Record):
    pass


CLASSES: dict[str, type[Record]] = {c.__name__: c for c in (
    _Entry, Cited, Timeline, Cutoff, Threshold, ValueSet, Exclusion, Penalty, Annex3Point, Art5Point, Obligation,
    _Law, _Annex3, _Art5, _Obligations)}


class EuLaw:
    """All EU law data, validated."""

    def __init__(self, law: Any, annex3: Any, art5: Any, obligations: Any) -> None:
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


def _parse(rel: str, model: Any, raw: Any) -> Any:
    from pydantic import ValidationError

    from gaicheck.plain import to_records

    try:
        return to_records(model.model_validate(raw), CLASSES)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(map(str, err["loc"])) or "(top)"
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise RuleDefinitionError(f"malformed law data: {where}: {msg}", Location(f"rules/{rel}")) from None


def build(raws: dict[str, Any]) -> EuLaw:
    """Validate the parsed files (by their path under ``rules/``) with the models; records of them."""
    return EuLaw(*parts(raws))


def parts(raws: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
    """The four files validated by the models, as records (what ``gaicheck.shipped`` stores)."""
    from gaicheck.engine.derive import eu_law_model as m

    return (_parse("eu/_law.yaml", m._Law, raws["eu/_law.yaml"]),
            _parse("eu/_annex3.yaml", m._Annex3, raws["eu/_annex3.yaml"]),
            _parse("eu/_art5.yaml", m._Art5, raws["eu/_art5.yaml"]),
            _parse("eu/_obligations.yaml", m._Obligations, raws["eu/_obligations.yaml"]))


@lru_cache(maxsize=1)
def law() -> EuLaw:
    """The packaged EU law data (compiled records; validated from the YAML when there are none)."""
    from gaicheck import shipped

    stored = shipped.eu_law()
    if stored is not None:
        return EuLaw(*stored)
    return build(shipped_raws())


def shipped_raws() -> dict[str, Any]:
    """The parsed shipped files, by their path under ``rules/``."""
    from gaicheck import datafiles

    return {rel: datafiles.load(rel) for rel in FILES}


def values(name: str) -> frozenset[str]:
    """One named set of ``_law.yaml`` (``interactive``)."""
    return law().sets[name]
