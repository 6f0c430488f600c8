"""Records: the frozen dataclasses gaicheck needs, without what ``dataclasses`` costs at start-up.

gaicheck defines about 25 record classes on the path of every hook run (findings, reports, the NIST
catalogue, locations …). ``import dataclasses`` pulls in ``inspect`` (with ``ast``, ``dis`` and
``tokenize``), and each frozen dataclass compiles six methods and builds a signature: together
about 25 ms of a 150 ms run, measured by ``bench/run.py --only eu``. A record compiles one
``__init__``; equality, hashing, ``repr`` and immutability are methods shared by every record and
read the class's fields.

What is kept of ``@dataclass(frozen=True)`` (``tests/test_record.py`` holds each point against
``dataclasses`` itself): fields from the class annotations in order, with the fields of a record
base class first; defaults, and ``field(default=, default_factory=, repr=, compare=)``; a mutable
default or a field without default after one with a default is a TypeError; the same ``__init__``
signature and ``repr``; ``==`` only between instances of the same class, over the compared
fields, compared as tuples are (identity first, as dataclasses did up to Python 3.12); a hash over
them when frozen (none when not); assigning or deleting an attribute of a frozen record raises
:class:`FrozenError` (an AttributeError, as ``FrozenInstanceError`` is); ``replace``, ``fields``,
``is_record``; ``copy``, ``deepcopy`` and pickling. Methods a class defines itself (``__eq__``,
``__hash__``, ``__repr__``) are left alone. Not kept: ``order``, ``slots``, ``kw_only``,
``InitVar``, ``ClassVar`` and ``__post_init__``, which gaicheck does not use (a ``ClassVar``
annotation or a ``__post_init__`` is a TypeError, not silently ignored).
"""

from __future__ import annotations

_MISSING = object()
_MUTABLE = (list, dict, set)


class FrozenError(AttributeError):
    """An attribute of a frozen record was assigned or deleted."""


class Field:
    """One field of a record, as :func:`fields` returns it."""

    __slots__ = ("name", "default", "default_factory", "repr", "compare")

    def __init__(self, default: object = _MISSING, default_factory: object = _MISSING, repr: bool = True,
                 compare: bool = True) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    @property
    def has_default(self) -> bool:
        return self.default is not _MISSING or self.default_factory is not _MISSING

    def __repr__(self) -> str:
        return f"Field(name={self.name!r})"


def field(*, default: object = _MISSING, default_factory: object = _MISSING, repr: bool = True,
          compare: bool = True) -> object:
    """A field with options, as ``dataclasses.field`` (only these four)."""
    return Field(default, default_factory, repr, compare)


def record(cls: type | None = None, /, *, frozen: bool = True) -> object:
    """Class decorator: ``@record`` (frozen) or ``@record(frozen=False)``."""

    def wrap(klass: type) -> type:
        return _process(klass, frozen)

    return wrap if cls is None else wrap(cls)


def fields(obj: object) -> tuple[Field, ...]:
    """The fields of a record class or instance, in order."""
    try:
        return obj.__record_fields__  # type: ignore[attr-defined, no-any-return]
    except AttributeError:
        raise TypeError("must be called with a record type or instance") from None


def is_record(obj: object) -> bool:
    """True for a record instance (not for a record class)."""
    return not isinstance(obj, type) and hasattr(type(obj), "__record_fields__")


def replace(obj: object, /, **changes: object) -> object:
    """A new record like ``obj`` with ``changes`` (an unknown name is a TypeError)."""
    values = obj.__dict__
    for f in fields(obj):
        if f.name not in changes:
            changes[f.name] = values[f.name]
    return obj.__class__(**changes)


# ---------------------------------------------------------------- shared methods


def _repr(self: object) -> str:
    values = self.__dict__
    inner = ", ".join(f"{name}={values[name]!r}" for name in self.__record_repr__)  # type: ignore[attr-defined]
    return f"{type(self).__qualname__}({inner})"


def _eq(self: object, other: object) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    a, b, names = self.__dict__, other.__dict__, self.__record_compare__  # type: ignore[attr-defined]
    return tuple(a[n] for n in names) == tuple(b[n] for n in names)  # identity first, as tuples compare


def _hash(self: object) -> int:
    values = self.__dict__
    return hash(tuple(values[name] for name in self.__record_compare__))  # type: ignore[attr-defined]


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise FrozenError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenError(f"cannot delete field {name!r}")


# ---------------------------------------------------------------- building a class


def _own_fields(cls: type) -> list[Field]:
    out = []
    annotations = cls.__dict__.get("__annotations__")
    if annotations is None and "__annotate__" in cls.__dict__:  # Python 3.14+ without the __future__ import
        import annotationlib

        annotations = annotationlib.get_annotations(cls, format=annotationlib.Format.STRING)
    for name, annotation in (annotations or {}).items():
        if isinstance(annotation, str) and annotation.replace("typing.", "").startswith(("ClassVar", "InitVar")):
            raise TypeError(f"{cls.__qualname__}.{name}: ClassVar and InitVar are not supported by records")
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        if isinstance(f.default, _MUTABLE):
            raise TypeError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
        f.name = name
        if isinstance(value, Field):
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        out.append(f)
    return out


def _process(cls: type, frozen: bool) -> type:
    if "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__qualname__}: __post_init__ is not supported by records")
    inherited: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in base.__dict__.get("__record_fields__", ()):
            inherited[f.name] = f
    for f in _own_fields(cls):
        inherited.pop(f.name, None)
        inherited[f.name] = f
    all_fields = tuple(inherited.values())

    params, body, env = [], [], {"_MISSING": _MISSING}
    seen_default = False
    for f in all_fields:
        if f.default is not _MISSING:
            env[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
            body.append(f" _v[{f.name!r}] = {f.name}")
        elif f.default_factory is not _MISSING:
            env[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(f" _v[{f.name!r}] = _f_{f.name}() if {f.name} is _MISSING else {f.name}")
        else:
            if seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            params.append(f.name)
            body.append(f" _v[{f.name!r}] = {f.name}")
        seen_default = seen_default or f.has_default
    source = f"def __init__(self, {', '.join(params)}):\n _v = self.__dict__\n" + ("\n".join(body) or " pass") + "\n"
    exec(source, env)  # noqa: S102 - the source is built above from identifiers of a class body
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]

    cls.__record_fields__ = all_fields  # type: ignore[attr-defined]
    cls.__record_repr__ = tuple(f.name for f in all_fields if f.repr)  # type: ignore[attr-defined]
    cls.__record_compare__ = tuple(f.name for f in all_fields if f.compare)  # type: ignore[attr-defined]
    cls.__match_args__ = tuple(f.name for f in all_fields)  # type: ignore[attr-defined]
    own = cls.__dict__
    if "__repr__" not in own:
        cls.__repr__ = _repr  # type: ignore[assignment]
    if "__eq__" not in own:
        cls.__eq__ = _eq  # type: ignore[assignment]
        if "__hash__" not in own or own["__hash__"] is None:
            cls.__hash__ = _hash if frozen else None  # type: ignore[assignment]
    if frozen:
        if "__setattr__" in own or "__delattr__" in own:
            raise TypeError(f"{cls.__qualname__}: a frozen record cannot define __setattr__ or __delattr__")
        cls.__setattr__ = _frozen_setattr  # type: ignore[assignment]
        cls.__delattr__ = _frozen_delattr  # type: ignore[assignment]
    return cls
