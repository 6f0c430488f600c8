"""The three-valued condition engine, tested directly (issue 12: `not` of unknown once turned True).

T = true, F = false, U = unknown (a field the declaration does not give). Kleene logic:
all: F if any F, else U if any U, else T; any mirrors it; not keeps U.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any, Optional

import pytest

from gaicheck.engine.predicates import ConditionError, Context, compile_condition

FACTS: dict[str, Any] = {"t": True, "f": False, "items": [{"x": True}, {"x": None}], "n": 5, "s": "abc"}
LEAF = {True: {"field": "t", "truthy": True}, False: {"field": "f", "truthy": True}, None: {"field": "u", "truthy": True}}
VALUES = (True, False, None)


def ev(cond: dict[str, Any], facts: Optional[dict[str, Any]] = None, params: Optional[dict[str, Any]] = None) -> tuple[Optional[bool], list[str]]:
    ctx = Context(FACTS if facts is None else facts, params or {}, dt.date(2026, 12, 1))
    return compile_condition(cond)(ctx), ctx.unknown


def kleene_all(vals: tuple[Optional[bool], ...]) -> Optional[bool]:
    if False in vals:
        return False
    return None if None in vals else True


def kleene_any(vals: tuple[Optional[bool], ...]) -> Optional[bool]:
    if True in vals:
        return True
    return None if None in vals else False


@pytest.mark.parametrize("vals", list(itertools.product(VALUES, repeat=3)))
def test_all_and_any_truth_table(vals: tuple[Optional[bool], ...]) -> None:
    parts = [LEAF[v] for v in vals]
    assert ev({"all": parts})[0] is kleene_all(vals)
    assert ev({"any": parts})[0] is kleene_any(vals)


@pytest.mark.parametrize("v", VALUES)
def test_not_keeps_unknown(v: Optional[bool]) -> None:
    assert ev({"not": LEAF[v]})[0] is (None if v is None else not v)
    # and nested: not(all(U, T)) is U, not(any(U, T)) is F, not(all(U, F)) is T
    assert ev({"not": {"all": [LEAF[None], LEAF[v]]}})[0] is (None if v is not False else True)


def test_unknown_names_the_field() -> None:
    result, unknown = ev({"all": [LEAF[True], {"field": "a.b", "equals": 1}]})
    assert result is None and unknown == ["a.b"]


def test_all_items_with_unknown_item_names_that_item() -> None:
    result, unknown = ev({"field": "items", "all_items": {"field": "item.x", "truthy": True}})
    assert result is None and unknown == ["items.1.x"]
    result, _ = ev({"field": "items", "all_items": {"field": "item.x", "truthy": True}},
                   {"items": [{"x": None}, {"x": False}]})
    assert result is False  # one known false item decides it, whatever the unknown one is
    assert ev({"field": "items", "all_items": {"field": "item.x", "truthy": True}}, {"items": []})[0] is True
    assert ev({"field": "items", "all_items": {"field": "item.x", "truthy": True}}, {})[0] is None


@pytest.mark.parametrize(
    ("cond", "expected"),
    [
        ({"field": "n", "gte": 5}, True), ({"field": "n", "gte": 6}, False), ({"field": "n", "gt": 5}, False),
        ({"field": "n", "lte": 5}, True), ({"field": "n", "lt": 5}, False), ({"field": "u", "gte": 1}, None),
        ({"field": "t", "gte": 0}, False),  # a boolean is never a number
        ({"field": "s", "matches": "^a"}, True), ({"field": "s", "in": ["x"]}, False),
        ({"field": "u", "present": True}, False),  # present is never unknown
        ({"field": "s", "present": True}, True), ({"field": "n", "gte": {"param": "floor"}}, True),
        ({"field": "n", "gte": {"param": "missing"}}, None),
    ],
)
def test_leaves(cond: dict[str, Any], expected: Optional[bool]) -> None:
    assert ev(cond, params={"floor": 5})[0] is expected


def test_malformed_conditions_are_refused() -> None:
    for bad in ({}, {"all": []}, {"field": "x"}, {"field": "x", "equals": 1, "gte": 2}, {"field": "x", "nope": 1}):
        with pytest.raises(ConditionError):
            compile_condition(bad)
