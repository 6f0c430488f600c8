"""The TC260-003 Appendix A risk taxonomy and the label resolver built on it.

Filing teams label their keyword lists and test banks in many ways ("A.1a", "A1-a", "颠覆国家政权",
"csv.subversion", their own internal names). :class:`Resolver` maps any of those to the stable
code (``A.1a``), or to a should-not-refuse aspect id (``nr.history``) for that bank.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from gaicheck import datafiles
from gaicheck.errors import InputError, RuleDefinitionError
from gaicheck.location import Location
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

TAXONOMY_PARTS = ("rules", "taxonomy", "tc260-risks.yaml")
_GROUP_RE = re.compile(r"^A\.[1-5]$")
_CODE_RE = re.compile(r"^A\.([1-5])([a-i])$")
# A label that starts with a code and goes on with a name: "A.1a 煽动颠覆…", "A1-a：…", "A.1.1 …".
_LEADING_CODE_RE = re.compile(r"^a\W*([1-5])\W*([a-i]|[1-9])(?![0-9a-z])")


def normalize_label(label: str) -> str:
    """Fold a category label for matching: NFKC, casefold, keep letters and digits only."""
    folded = unicodedata.normalize("NFKC", label).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


@record
class Risk:
    """One Appendix A risk."""

    code: str
    id: str
    group: str
    zh: str
    en: str
    aliases: tuple[str, ...]


@record
class Aspect:
    """One aspect the should-not-refuse bank must cover (TC260-003 §8.3)."""

    id: str
    zh: str
    en: str
    aliases: tuple[str, ...]


@record
class Taxonomy:
    """The 31 risks, their groups and the should-not-refuse aspects."""

    risks: tuple[Risk, ...]
    groups: Mapping[str, Mapping[str, str]]
    aspects: tuple[Aspect, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """All 31 codes in Appendix A order."""
        return tuple(r.code for r in self.risks)

    def codes_in(self, *groups: str) -> tuple[str, ...]:
        """Codes of the given groups (``codes_in("A.1", "A.2")`` = the 17 keyword risks)."""
        return tuple(r.code for r in self.risks if r.group in groups)

    @property
    def aspect_ids(self) -> tuple[str, ...]:
        """Ids of the should-not-refuse aspects."""
        return tuple(a.id for a in self.aspects)


def _str_list(value: Any, where: str, file: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleDefinitionError(f"{where}: aliases must be a list of strings", Location(file))
    return tuple(value)


def parse_taxonomy(data: Any, file: str) -> Taxonomy:
    """Validate the taxonomy YAML data; malformed data is a :class:`RuleDefinitionError`."""
    if not isinstance(data, dict) or not isinstance(data.get("risks"), list):
        raise RuleDefinitionError("taxonomy must be a mapping with a 'risks' list", Location(file))
    groups = data.get("groups") or {}
    risks: list[Risk] = []
    for i, raw in enumerate(data["risks"]):
        where = f"risks[{i}]"
        if not isinstance(raw, dict):
            raise RuleDefinitionError(f"{where}: must be a mapping", Location(file))
        try:
            risk = Risk(str(raw["code"]), str(raw["id"]), str(raw["group"]), str(raw["zh"]),
                        str(raw["en"]), _str_list(raw.get("aliases"), where, file))
        except KeyError as exc:
            raise RuleDefinitionError(f"{where}: missing key {exc.args[0]!r}", Location(file)) from None
        match = _CODE_RE.match(risk.code)
        if not match or risk.group != f"A.{match.group(1)}" or risk.group not in groups:
            raise RuleDefinitionError(f"{where}: bad code/group {risk.code!r}/{risk.group!r}", Location(file))
        risks.append(risk)
    aspects = []
    for i, raw in enumerate(data.get("refusal_aspects") or []):
        where = f"refusal_aspects[{i}]"
        try:
            aspects.append(Aspect(str(raw["id"]), str(raw["zh"]), str(raw["en"]),
                                  _str_list(raw.get("aliases"), where, file)))
        except (KeyError, TypeError):
            raise RuleDefinitionError(f"{where}: needs id, zh and en", Location(file)) from None
    tax = Taxonomy(tuple(risks), groups, tuple(aspects))
    if len(tax.codes) != 31 or len(set(tax.codes)) != 31:
        raise RuleDefinitionError("taxonomy must list the 31 distinct Appendix A risks", Location(file))
    # Building both tables checks that no alias is shared between two entries.
    _risk_table(tax, file)
    _aspect_table(tax, file)
    return tax


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy (cached; it is immutable)."""
    return parse_taxonomy(datafiles.load("taxonomy/tc260-risks.yaml"), "/".join(TAXONOMY_PARTS))


def _add(table: dict[str, str], label: str, target: str, file: str) -> None:
    key = normalize_label(label)
    if not key:
        return
    old = table.get(key)
    if old is not None and old != target:
        raise RuleDefinitionError(f"label {label!r} names both {old} and {target}", Location(file))
    table[key] = target


def _risk_table(tax: Taxonomy, file: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for r in tax.risks:
        numeric = f"{r.group}.{ord(r.code[-1]) - ord('a') + 1}"  # "A.1.1" for A.1a
        for label in (r.code, r.id, r.zh, r.en, numeric, *r.aliases):
            _add(table, label, r.code, file)
    return table


def _aspect_table(tax: Taxonomy, file: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for a in tax.aspects:
        for label in (a.id, a.zh, a.en, *a.aliases):
            _add(table, label, a.id, file)
    return table


# Built-in label tables by (taxonomy, aspects): every artifact's resolver starts from the same one.
_TABLES: dict[tuple[int, bool], tuple[Taxonomy, dict[str, str]]] = {}


def _base_table(taxonomy: Taxonomy, aspects: bool) -> dict[str, str]:
    hit = _TABLES.get((id(taxonomy), aspects))
    if hit is not None and hit[0] is taxonomy:
        return hit[1]
    table = _aspect_table(taxonomy, "taxonomy") if aspects else _risk_table(taxonomy, "taxonomy")
    _TABLES[(id(taxonomy), aspects)] = (taxonomy, table)  # the taxonomy is kept: its id stays its own
    return table


class Resolver:
    """Resolve category labels to risk codes (or aspect ids); results are cached per label.

    ``mapping`` is the team's own ``{label: code-or-id-or-alias}`` table (declaration settings);
    its targets must themselves resolve, otherwise :class:`InputError` names the bad entry.
    """

    def __init__(self, taxonomy: Taxonomy, *, aspects: bool = False,
                 mapping: Mapping[str, str] | None = None, source: str = "settings") -> None:
        self.aspects = aspects
        self._table = dict(_base_table(taxonomy, aspects))
        self._valid = set(taxonomy.aspect_ids if aspects else taxonomy.codes)
        self._cache: dict[str, str | None] = {}
        for label, target in (mapping or {}).items():
            resolved = self._lookup(str(target))
            if resolved is None:
                kind = "aspect" if aspects else "risk"
                raise InputError(
                    f"category mapping {label!r} -> {target!r}: target is not a known {kind}",
                    Location(source))
            key = normalize_label(str(label))
            if key:
                self._table[key] = resolved  # the team's own label wins over a built-in alias

    def _lookup(self, label: str) -> str | None:
        key = normalize_label(label)
        hit = self._table.get(key)
        if hit is not None or self.aspects:
            return hit
        match = _LEADING_CODE_RE.match(unicodedata.normalize("NFKC", label).strip().casefold())
        if match:
            group, sub = match.groups()
            letter = sub if sub.isalpha() else chr(ord("a") + int(sub) - 1)
            code = f"A.{group}{letter}"
            return code if code in self._valid else None
        return None

    def resolve(self, label: str) -> str | None:
        """Code (or aspect id) for ``label``; ``None`` when it matches nothing."""
        try:
            return self._cache[label]
        except KeyError:
            pass
        result = self._lookup(label)
        if len(self._cache) < 10_000:  # labels repeat; a column of unique junk must not grow memory
            self._cache[label] = result
        return result
