"""China and EU rules linked to the NIST AI RMF subcategories they also evidence.

``rules/taxonomy/crosswalk.yaml`` maps rule id -> subcategory ids; a rule's own ``crosswalk:`` field
adds to it. One piece of evidence (a keyword library, a risk-management file) then counts for all
three frameworks: ``explain`` shows the links and the report lists, for each NIST gap, the passing
rules that evidence it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gaicheck import datafiles
from gaicheck.catalog.records import RULE_ID
from gaicheck.errors import RuleDefinitionError
from gaicheck.location import Location
from gaicheck.nist.catalog import load_nist_catalog

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Iterable, Optional

CROSSWALK_PARTS = ("rules", "taxonomy", "crosswalk.yaml")
_FILE = "/".join(CROSSWALK_PARTS)


def parse_crosswalk(data: Any) -> dict[str, tuple[str, ...]]:
    """Validate the crosswalk data: rule ids well-formed, every subcategory in the NIST catalog."""
    table = (data or {}).get("crosswalk") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise RuleDefinitionError("crosswalk: expected a mapping under 'crosswalk'", Location(_FILE))
    known = load_nist_catalog().subcategories
    out: dict[str, tuple[str, ...]] = {}
    for rule_id, subs in table.items():
        if not re.match(RULE_ID, str(rule_id)) or str(rule_id).startswith("NIST-"):
            raise RuleDefinitionError(f"crosswalk: {rule_id!r} is not a CN or EU rule id", Location(_FILE))
        if isinstance(subs, dict):
            # {subcategory: one-line reason}: the reason is for the reviewer of the mapping
            if not all(isinstance(w, str) and w.strip() for w in subs.values()):
                raise RuleDefinitionError(f"crosswalk: {rule_id} needs a one-line reason for each subcategory", Location(_FILE))
            subs = list(subs)
        if not isinstance(subs, list) or not subs:
            raise RuleDefinitionError(f"crosswalk: {rule_id} needs a non-empty list of subcategories", Location(_FILE))
        unknown = [s for s in subs if s not in known]
        if unknown:
            raise RuleDefinitionError(f"crosswalk: {rule_id} names unknown NIST subcategories {unknown}", Location(_FILE))
        out[str(rule_id)] = tuple(subs)
    return out


@lru_cache(maxsize=1)
def load_crosswalk() -> dict[str, tuple[str, ...]]:
    """The shipped crosswalk (cached)."""
    return parse_crosswalk(datafiles.load("taxonomy/crosswalk.yaml"))


def subcategories_for(rule_id: str, own: Iterable[str] = ()) -> tuple[str, ...]:
    """NIST subcategories a rule evidences: its own ``crosswalk:`` field, then the crosswalk file."""
    out = list(own)
    for s in load_crosswalk().get(rule_id, ()):
        if s not in out:
            out.append(s)
    return tuple(out)


def rules_for(subcategory: str, rules: Optional[Iterable[Any]] = None) -> list[str]:
    """Rule ids that crosswalk to ``subcategory`` (from the file and from ``rules``' own fields)."""
    hits = [r for r, subs in load_crosswalk().items() if subcategory in subs]
    for rule in rules or ():
        if subcategory in rule.crosswalk and rule.id not in hits:
            hits.append(rule.id)
    return sorted(hits)
