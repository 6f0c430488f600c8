"""Market codes (rules/markets.yaml): ISO 3166-1 alpha-2 plus EU, EU membership, and suggestions.

A market the tool does not recognise would switch a whole jurisdiction off (``markets: [cn]`` made
China "not apply"), so an unknown code is an input error that says what was probably meant.
"""

from __future__ import annotations

from functools import lru_cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    from gaicheck import datafiles

    data: dict[str, Any] = datafiles.load("markets.yaml")
    return data


def codes() -> frozenset[str]:
    """Every valid market code: the ISO 3166-1 alpha-2 codes and ``EU``."""
    d = _data()
    return frozenset(d["countries"]) | frozenset(d["union"])


@lru_cache(maxsize=1)
def eu_members() -> frozenset[str]:
    """The EU Member States' codes."""
    return frozenset(k for k, v in _data()["countries"].items() if v.get("eu"))


def in_eu(markets: Optional[list[str]]) -> Optional[bool]:
    """Whether ``markets`` names the EU or a Member State (None when markets are unknown)."""
    if markets is None:
        return None
    return "EU" in markets or bool(eu_members().intersection(markets))


def suggest(value: str) -> Optional[str]:
    """The code probably meant by ``value`` (``cn`` -> CN, ``Germany`` -> DE, ``UK`` -> GB), or None."""
    d = _data()
    text = value.strip()
    upper = text.upper()
    if upper in d["aliases"]:
        return str(d["aliases"][upper])
    valid = codes()
    if upper in valid:
        return upper
    folded = text.casefold()
    for code, entry in d["countries"].items():
        if upper == entry["alpha3"] or folded == str(entry["name"]).casefold():
            return str(code)
    for code, entry in d["union"].items():
        if folded == str(entry["name"]).casefold():
            return str(code)
    return None


def problem(value: str) -> Optional[str]:
    """Why ``value`` is not a market code, with a suggestion; None when it is one."""
    if value in codes():
        return None
    hint = suggest(value)
    d = _data()
    if hint is not None:
        alias_note = ""
        if value.strip().upper() in d["aliases"]:
            name = d["countries"].get(hint, {}).get("name", hint)
            alias_note = f" ({hint} is the ISO code for {name})"
        return f"{value!r} is not a market code: did you mean {hint}?{alias_note}"
    return f"{value!r} is not a market code: use upper-case ISO 3166-1 alpha-2 codes (CN, DE, US) or EU"
