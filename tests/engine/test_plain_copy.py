"""evaluate.plain_copy is a deep copy of declaration data, as copy.deepcopy gives it."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from gaicheck.declaration.load import load_declaration
from gaicheck.engine.evaluate import plain_copy
from tests.conftest import REPO

EXAMPLES = sorted((REPO / "examples").glob("*/service.yaml"))


def _containers(value: object, out: list[int]) -> list[int]:
    if isinstance(value, (dict, list, set)):
        out.append(id(value))
    if isinstance(value, dict):
        for v in value.values():
            _containers(v, out)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            _containers(v, out)
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_copy_of_each_example_equals_deepcopy_and_shares_no_container(path) -> None:  # type: ignore[no-untyped-def]
    data = load_declaration(str(path)).data
    got = plain_copy(data)
    assert got == copy.deepcopy(data)
    assert not set(_containers(got, [])) & set(_containers(data, []))


def test_nested_tuples_and_unknown_types_are_copied_too() -> None:
    inner = [1]
    data = {"a": ({"b": inner},), "s": {1, 2}, "d": dt.date(2026, 12, 1), "n": None}
    got = plain_copy(data)
    assert got == data
    got["a"][0]["b"].append(2)
    got["s"].add(3)
    assert inner == [1] and data["s"] == {1, 2}
