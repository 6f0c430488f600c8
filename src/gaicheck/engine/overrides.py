"""``settings.thresholds``: which overrides are allowed, and the list the report shows (``overrides``).

A floor the law or the standard sets (10,000 keywords, 6 months of logs, a 95 % refusal rate) may
be raised by a team, never lowered: lowering it would turn a statutory "fail" into "pass" and print
"at least 10,000" beside a count of 3. Only figures the reference marks configurable (a rule's
``configurable`` list) may move both ways. Which way loosens is read from the rule itself: a
parameter compared with ``gte`` in the check is a floor, with ``lte`` a ceiling; in ``applies_when``
(a trigger such as "1 million users") the directions swap.
"""

from __future__ import annotations

from gaicheck.errors import InputError
from gaicheck.location import Location

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional

_FLOOR_OPS = {"gte": "min", "gt": "min", "lte": "max", "lt": "max"}
_SWAP = {"min": "max", "max": "min", "other": "other"}


def _uses(cond: Any, out: dict[str, set[str]], op: Optional[str] = None) -> None:
    if isinstance(cond, dict):
        for key, value in cond.items():
            if isinstance(value, dict) and set(value) == {"param"}:
                out.setdefault(str(value["param"]), set()).add(_FLOOR_OPS.get(key, "min" if op == "each_key_gte" and key == "min" else "other"))
            else:
                _uses(value, out, key)
    elif isinstance(cond, list):
        for item in cond:
            _uses(item, out, op)


def directions(rule: Any) -> dict[str, str]:
    """For each parameter of ``rule``: ``min`` (a floor), ``max`` (a ceiling) or ``other``."""
    found: dict[str, set[str]] = {}
    _uses(rule.check, found)
    trig: dict[str, set[str]] = {}
    _uses(rule.applies_when, trig)
    for name, kinds in trig.items():
        found.setdefault(name, set()).update(_SWAP[k] for k in kinds)
    out: dict[str, str] = {}
    for name in rule.params:
        kinds = found.get(name, {"other"})
        out[name] = next(iter(kinds)) if len(kinds) == 1 else "other"
    return out


def _loosens(direction: str, standard: Any, declared: Any) -> bool:
    if direction == "min":
        return bool(declared < standard)
    if direction == "max":
        return bool(declared > standard)
    return bool(declared != standard)


def check_overrides(
    thresholds: dict[str, dict[str, Any]], rules: dict[str, Any], loaded_frameworks: set[str],
    locate: Callable[[str], Location],
) -> list[dict[str, Any]]:
    """Validate the declaration's overrides; return ``[{rule, param, standard, declared}]``.

    Raises InputError at the override's line for an unknown rule or parameter, and for a value that
    loosens a figure the law or standard sets.
    """
    out: list[dict[str, Any]] = []
    for rule_id, params in thresholds.items():
        where = f"settings.thresholds.{rule_id}"
        rule = rules.get(rule_id)
        if rule is None:
            framework = rule_id.split("-", 1)[0]
            if framework not in loaded_frameworks:
                continue  # a pack this service does not run: the override changes nothing here
            import difflib

            near = difflib.get_close_matches(rule_id, list(rules), n=1)
            hint = f"; did you mean {near[0]}?" if near else ""
            raise InputError(f"settings.thresholds: no rule {rule_id!r} has thresholds to override{hint}", locate(where))
        dirs = directions(rule)
        configurable = set(getattr(rule, "configurable", ()) or ())
        for name, declared in params.items():
            if name not in rule.params:
                known = ", ".join(sorted(rule.params)) or "none"
                raise InputError(f"{rule_id} has no threshold {name!r} (its thresholds: {known})", locate(f"{where}.{name}"))
            standard = rule.params[name]
            if name not in configurable and _loosens(dirs[name], standard, declared):
                word = {"min": "lower", "max": "raise"}.get(dirs[name], "change")
                raise InputError(
                    f"{rule_id}.{name}: {declared} would {word} the figure the law or standard sets ({standard}); "
                    f"a team may only make it stricter ({rule.citation_text()})",
                    locate(f"{where}.{name}"),
                )
            out.append({"rule": rule_id, "param": name, "standard": standard, "declared": declared})
    return out
