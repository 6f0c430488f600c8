"""gaicheck.record behaves as ``@dataclass(frozen=True)`` wherever gaicheck relies on it.

Each test builds the same class body twice, once with ``dataclasses`` and once with ``record``, and
holds the record to what the dataclass does.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import subprocess
import sys

import pytest

from gaicheck import record as rec

KINDS = ("dataclass", "record")


def make(kind: str, frozen: bool = True) -> type:
    deco = dataclasses.dataclass(frozen=frozen) if kind == "dataclass" else rec.record(frozen=frozen)
    fld = dataclasses.field if kind == "dataclass" else rec.field

    class Item:
        """An item."""

        name: str
        size: int
        tags: tuple[str, ...] = ()
        notes: list = fld(default_factory=list)  # type: ignore[assignment]
        source: str = fld(default="", repr=False, compare=False)  # type: ignore[assignment]

        def label(self) -> str:
            return f"{self.name}:{self.size}"

    Item.__qualname__ = "Item"
    return deco(Item)


# pickling needs classes importable by name
Pickled = rec.record(type("Pickled", (), {"__annotations__": {"a": "int", "b": "str"}, "b": "x", "__module__": __name__}))


@pytest.mark.parametrize("frozen", [True, False])
def test_signature_defaults_and_factories_match_dataclasses(frozen: bool) -> None:
    dc, rc = make("dataclass", frozen), make("record", frozen)
    def params(cls: type) -> list[tuple[str, object, bool]]:  # name, kind, has a default
        return [(p.name, p.kind, p.default is not p.empty) for p in inspect.signature(cls).parameters.values()]

    assert params(rc) == params(dc)
    assert inspect.signature(rc).parameters["tags"].default == ()
    a, b = dc("x", 1), rc("x", 1)
    assert (b.name, b.size, b.tags, b.notes, b.source) == (a.name, a.size, a.tags, a.notes, a.source)
    assert rc("x", 1).notes is not rc("x", 1).notes  # a fresh list each time
    assert rc("x", 1, notes=[1]).notes == [1]
    assert b.label() == "x:1"
    with pytest.raises(TypeError):
        rc("x")
    with pytest.raises(TypeError):
        rc("x", 1, colour="red")


def test_repr_equality_and_hash_match_dataclasses() -> None:
    dc, rc = make("dataclass"), make("record")
    for args in [("x", 1), ("x", 1, ("a",)), ("y", 2, (), [3], "hidden")]:
        assert repr(rc(*args)) == repr(dc(*args))
        assert (rc(*args) == rc(*args)) is (dc(*args) == dc(*args)) is True
    assert rc("x", 1, source="one") == rc("x", 1, source="two")  # compare=False
    assert hash(rc("x", 1, notes=(), source="one")) == hash(rc("x", 1, notes=(), source="two"))
    with pytest.raises(TypeError):  # a list field is unhashable, as with dataclasses
        hash(rc("x", 1))
    with pytest.raises(TypeError):
        hash(dc("x", 1))
    assert rc("x", 1) != rc("x", 2)
    assert rc("x", 1) != dc("x", 1)  # never equal across classes, as dataclasses
    nan = float("nan")
    # fields compare as tuples do, identity first (dataclasses did so up to Python 3.12; 3.13
    # compares field by field, so the same NaN object no longer equals itself there)
    assert rc(nan, 1) == rc(nan, 1)
    assert {rc("x", 1, notes=()): "v"}[rc("x", 1, notes=())] == "v"
    assert make("record", frozen=False).__hash__ is None is make("dataclass", frozen=False).__hash__


def test_frozen_records_refuse_assignment_as_dataclasses_do() -> None:
    b = make("record")("x", 1)
    with pytest.raises(AttributeError) as err:
        b.name = "y"  # type: ignore[misc]
    assert isinstance(err.value, rec.FrozenError)
    with pytest.raises(AttributeError):
        del b.size  # type: ignore[misc]
    m = make("record", frozen=False)("x", 1)
    m.name = "y"
    assert m.name == "y"


def test_replace_fields_is_record() -> None:
    rc = make("record")
    b = rc("x", 1, ("t",), [1], "src")
    c = rec.replace(b, size=2)
    assert (c.name, c.size, c.tags, c.notes, c.source) == ("x", 2, ("t",), [1], "src")
    assert b.size == 1
    with pytest.raises(TypeError):
        rec.replace(b, colour="red")
    assert [f.name for f in rec.fields(b)] == [f.name for f in dataclasses.fields(make("dataclass"))]
    assert rec.is_record(b) and not rec.is_record(rc) and not rec.is_record("x")
    with pytest.raises(TypeError):
        rec.fields(object())


def test_copy_deepcopy_and_pickle() -> None:
    b = make("record")("x", 1, ("t",), [1])
    assert copy.copy(b) == b and copy.deepcopy(b) == b and copy.deepcopy(b).notes is not b.notes
    p = Pickled(1)
    assert pickle.loads(pickle.dumps(p)) == p
    assert pickle.loads(pickle.dumps(p)).b == "x"


def test_inherited_fields_come_first() -> None:
    @rec.record
    class Base:
        a: int
        b: int = 0

    @rec.record
    class Child(Base):
        c: int = 1

    assert [f.name for f in rec.fields(Child)] == ["a", "b", "c"]
    assert Child(5, c=3) == Child(a=5, b=0, c=3)


def test_what_dataclasses_refuse_records_refuse() -> None:
    with pytest.raises(TypeError):
        rec.record(type("Bad", (), {"__annotations__": {"a": "list"}, "a": []}))
    with pytest.raises(TypeError):
        rec.record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 0}))
    with pytest.raises(TypeError):  # not silently ignored
        rec.record(type("Bad", (), {"__annotations__": {"a": "ClassVar[int]"}}))
    with pytest.raises(TypeError):
        rec.record(type("Bad", (), {"__annotations__": {"a": "int"}, "__post_init__": lambda self: None}))


def test_own_methods_are_kept() -> None:
    @rec.record
    class Short:
        a: int

        def __repr__(self) -> str:
            return "short"

    assert repr(Short(1)) == "short"


@pytest.mark.parametrize("fmt", ["json", "terminal"])
@pytest.mark.parametrize("example", ["chatbot-filing", "eu-chatbot"])
def test_a_plain_assess_imports_none_of_the_costly_modules(example: str, fmt: str) -> None:
    """dataclasses (with inspect), typing and copy cost ~30 ms of CPU together at start-up."""
    from tests.conftest import REPO

    code = ("import runpy, sys\nsys.argv = ['gaicheck', 'assess', sys.argv[1], '--format', sys.argv[2]]\n"
            "try:\n    runpy.run_module('gaicheck', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('dataclasses', 'inspect', 'typing', 'copy') if m in sys.modules), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(REPO / "examples" / example / "service.yaml"), fmt],
                          capture_output=True, text=True, check=False)
    assert proc.stderr.strip().splitlines()[-1] == "[]"
