"""The China law data (rules/cn/_law.yaml), loaded strictly: named sets of values with their source."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from gaicheck.errors import RuleDefinitionError
from gaicheck.location import Location
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

LAW_FILE = "cn/_law.yaml"
_ENTRY_KEYS = {"cite", "verified", "unverified", "updated", "note", "values"}
_GROUPS = {"capability_sets", "modalities", "origins"}


@record
class LawSet:
    """One named list from the law, e.g. the DS Art 17 labeling categories."""

    name: str
    cite: str
    verified: bool
    updated: dt.date
    values: frozenset[str]
    note: str = ""
    unverified: str = ""


def _entry(group: str, name: str, raw: Any) -> LawSet:
    where = Location(f"rules/{LAW_FILE}")
    if not isinstance(raw, dict):
        raise RuleDefinitionError(f"{group}.{name}: must be a mapping", where)
    unknown = set(raw) - _ENTRY_KEYS
    missing = {"cite", "verified", "updated", "values"} - set(raw)
    if unknown or missing:
        raise RuleDefinitionError(
            f"{group}.{name}: " + "; ".join(filter(None, [
                f"unknown keys {sorted(unknown)}" if unknown else "", f"missing keys {sorted(missing)}" if missing else "",
            ])), where)
    if not isinstance(raw["updated"], dt.date) or not isinstance(raw["verified"], bool):
        raise RuleDefinitionError(f"{group}.{name}: 'updated' must be a date and 'verified' true or false", where)
    if not raw["verified"] and not raw.get("unverified"):
        raise RuleDefinitionError(f"{group}.{name}: verified: false needs an 'unverified' text", where)
    values = raw["values"]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RuleDefinitionError(f"{group}.{name}: 'values' must be a list of strings", where)
    return LawSet(name=f"{group}.{name}", cite=str(raw["cite"]), verified=raw["verified"], updated=raw["updated"],
                  values=frozenset(values), note=str(raw.get("note", "")), unverified=str(raw.get("unverified", "")))


@lru_cache(maxsize=1)
def law() -> dict[str, LawSet]:
    """Every set in rules/cn/_law.yaml by dotted name (``capability_sets.ds_art17``)."""
    from gaicheck import datafiles

    raw = datafiles.load(LAW_FILE)
    where = Location(f"rules/{LAW_FILE}")
    if not isinstance(raw, dict) or set(raw) - (_GROUPS | {"updated"}):
        raise RuleDefinitionError(f"top-level keys must be among {sorted(_GROUPS | {'updated'})}", where)
    out: dict[str, LawSet] = {}
    for group in sorted(_GROUPS):
        for name, entry in (raw.get(group) or {}).items():
            ls = _entry(group, name, entry)
            out[ls.name] = ls
    return out


def values(name: str) -> frozenset[str]:
    """The values of one set (``capability_sets.ds_art17``)."""
    return law()[name].values
