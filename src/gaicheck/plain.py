"""Plain records: validated data without pydantic at run time.

The rule catalog and the EU law data are validated by their pydantic models when
``python -m gaicheck.datafiles`` compiles them; what ships is the result as plain records, one
``Record`` subclass per model, with the same field names and values (``to_records``). A run reads
them with ``pickle`` and never imports pydantic (its import and the model classes cost more than a
whole ``gaicheck assess`` does in real work).

A record is read like the model it mirrors (``rule.title.get("en")``, ``rule.params``): methods the
engine calls live in mixins that the model and the record share, so there is one implementation.
Records cannot be assigned to (like the frozen models) and compare by type and fields.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Iterator


def _frozen(value: Any) -> Any:
    """A hashable stand-in for ``value`` (lists and dicts as tuples), for ``Record.__hash__``."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return frozenset(_frozen(v) for v in value)
    return value


class Record:
    """Fields as attributes, read-only; built by ``to_records`` (or ``Record(**fields)``)."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self).__name__, _frozen(self.__dict__)))

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """(name, value) pairs, as iterating a pydantic model gives."""
        return iter(self.__dict__.items())

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        """The fields as plain data, as the pydantic model's ``model_dump`` gives them."""
        return {k: _dump(v, mode) for k, v in self.__dict__.items()}

    def model_copy(self, *, update: dict[str, Any] | None = None) -> "Record":
        """A copy with some fields replaced (same call as the pydantic model's)."""
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__, **(update or {}))
        return new


def _dump(value: Any, mode: str) -> Any:
    if isinstance(value, Record):
        return value.model_dump(mode)
    if isinstance(value, list):
        return [_dump(v, mode) for v in value]
    if isinstance(value, tuple):
        return [_dump(v, mode) for v in value] if mode == "json" else tuple(_dump(v, mode) for v in value)
    if isinstance(value, dict):
        return {k: _dump(v, mode) for k, v in value.items()}
    if mode == "json":
        if isinstance(value, frozenset):
            return [_dump(v, mode) for v in value]
        if hasattr(value, "isoformat"):
            return value.isoformat()
    return value


def to_records(value: Any, classes: dict[str, type[Record]]) -> Any:
    """``value`` with every pydantic model replaced by the record class of the same name.

    Build time only (it imports pydantic). A model without a record class is an error: a new
    model needs its record next to the others.
    """
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        name = type(value).__name__
        if name not in classes:
            raise TypeError(f"no plain record class for the model {name}")
        return classes[name](**{f: to_records(getattr(value, f), classes) for f in type(value).model_fields})
    if isinstance(value, list):
        return [to_records(v, classes) for v in value]
    if isinstance(value, tuple):
        return tuple(to_records(v, classes) for v in value)
    if isinstance(value, dict):
        return {k: to_records(v, classes) for k, v in value.items()}
    if isinstance(value, frozenset):
        return frozenset(to_records(v, classes) for v in value)
    return value
