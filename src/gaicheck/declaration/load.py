"""Load a declaration file: strict YAML, then the pydantic model, errors located to file:line:col.

A valid declaration is validated by the fast path (``declaration/fast.py``: a schema derived from
the models, no pydantic import) and the engine reads ``LoadedDeclaration.data``, the plain data
``model_dump()`` would give. Anything the fast path does not accept is validated by the pydantic
models, which report the located errors; ``LoadedDeclaration.declaration`` builds the model on
demand (the filing commands read it).
"""

from __future__ import annotations

import math
import re
from functools import cached_property

from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import field, record
from gaicheck.yamlsafe import Positions, load_bytes, read_regular

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any
    from gaicheck.declaration.model import Declaration


@record
class LoadedDeclaration:
    """A validated declaration (as plain data) with the positions of its nodes and the bytes' sha256."""

    data: dict[str, Any]
    positions: Positions
    path: str
    display: str
    sha256: str
    raw: Any = field(default=None, repr=False, compare=False)

    @cached_property
    def declaration(self) -> "Declaration":
        """The pydantic model of the declaration (built on first use; the engine reads ``data``)."""
        from gaicheck import prebuilt
        from gaicheck.declaration.model import Declaration

        prebuilt.install("Declaration")
        return Declaration.model_validate(self.raw if self.raw is not None else self.data)

    def locate(self, dotted: str) -> Location:
        """Location of a dotted path (``service.users.minors``), or its nearest ancestor."""
        parts: list[Any] = []
        for p in dotted.split("."):
            parts.append(int(p) if p.isdigit() else p)
        return self.positions.locate(tuple(parts))


def _model_at(loc: tuple[Any, ...]) -> Any:
    """The pydantic model class a (stripped) error path leads into, or None."""
    import typing

    from pydantic import BaseModel

    from gaicheck.declaration.model import Declaration

    def models(tp: Any) -> list[Any]:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return [tp]
        return [m for a in typing.get_args(tp) for m in models(a)]

    current: Any = Declaration
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        found = models(field.annotation) if field is not None else []
        current = found[0] if found else None
    return current


def _unknown_key(loc: tuple[Any, ...]) -> str:
    import difflib

    key = str(loc[-1])
    model = _model_at(loc[:-1])
    known = sorted(model.model_fields) if model is not None else []
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.6) or [k for k in known if k.startswith(key[:4])][:1]
    hint = f"; did you mean {near[0]!r}?" if near else (f"; known keys here: {', '.join(known)}" if known else "")
    return f"unknown key {key!r}{hint} (see `gaicheck schema`)"


def _describe(err: dict[str, Any]) -> str:
    kind = err["type"]
    loc = ".".join(str(p) for p in err["loc"])
    if kind == "extra_forbidden":
        return _unknown_key(err["loc"])
    if kind == "missing":
        return f"required key {loc!r} is missing"
    if kind == "string_pattern_mismatch" and err["loc"][-1] == "rule":
        given = str(err.get("input"))
        upper = given.strip().upper()
        hint = f"; did you mean {upper!r}?" if re.match(r"^[A-Z]{2,4}-[A-Z]{2,5}-\d{2}$", upper) else ""
        return (f"{loc}: {given!r} is not a rule id: a rule id is two to four capital letters, a dash, "
                f"a family code, a dash and two digits, like CN-KW-01 or EU-TR-02 (see `gaicheck rules`){hint}")
    msg = err["msg"]
    if kind == "value_error":  # our own validators: the message is the sentence, without pydantic's prefix
        msg = msg.removeprefix("Value error, ")
    if kind.startswith("literal_error") or kind == "enum":
        import difflib

        expected = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        near = difflib.get_close_matches(str(err.get("input")), expected, n=1, cutoff=0.5)
        return f"{loc}: {msg}" + (f"; did you mean {near[0]!r}?" if near else "")
    return f"{loc}: {msg}"


_CLASS_NAME = re.compile(r"^[A-Z][a-z][A-Za-z0-9]*$")
_TYPE_TAGS = {"str", "int", "float", "bool", "list", "dict"}


def _strip_union_tags(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop pydantic's union-member names (``str``, ``SampleCounts``) from an error path."""
    return tuple(p for p in loc if not (isinstance(p, str) and (p in _TYPE_TAGS or _CLASS_NAME.match(p))))


def _refuse_special(node: Any, path: tuple[Any, ...], positions: Positions) -> None:
    """No value of a declaration is ``.nan`` or ``.inf`` (a threshold of NaN compares false with
    everything), and the version is the integer 1, not ``1.0`` or ``true``."""
    if isinstance(node, dict):
        for k, v in node.items():
            _refuse_special(v, path + (k,), positions)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _refuse_special(v, path + (i,), positions)
    elif isinstance(node, float) and not math.isfinite(node):
        raise InputError(f"{'.'.join(map(str, path))}: must be a finite number, not {node}",
                         positions.locate(path, prefer_value=True))


def validate(raw: Any, positions: Positions) -> "Declaration":
    """Validate parsed YAML against the model; raise InputError at the first problem's position."""
    _precheck(raw, positions)
    return _validate_model(raw, positions)


def validate_data(raw: Any, positions: Positions) -> dict[str, Any]:
    """``validate(raw).model_dump()``: by the fast path when it accepts ``raw``, else by the models."""
    _precheck(raw, positions)
    from gaicheck.declaration import fast

    data = fast.validate(raw)
    if data is not None:
        return data
    return _validate_model(raw, positions).model_dump(mode="python")


def _precheck(raw: Any, positions: Positions) -> None:
    if not isinstance(raw, dict):
        kind = "empty" if raw is None else f"a {type(raw).__name__}"
        raise InputError(f"the declaration must be a YAML mapping, not {kind}", Location(positions.file, 1, 1))
    _refuse_special(raw, (), positions)
    version = raw.get("gaicheck")
    if "gaicheck" in raw and (type(version) is not int or version != 1):
        raise InputError("gaicheck: the format version is the integer 1 (write `gaicheck: 1`)",
                         positions.locate(("gaicheck",), prefer_value=True))


def _validate_model(raw: Any, positions: Positions) -> "Declaration":
    from pydantic import ValidationError

    from gaicheck import prebuilt
    from gaicheck.declaration.model import Declaration

    prebuilt.install("Declaration")
    try:
        declaration = Declaration.model_validate(raw)
    except ValidationError as exc:
        errors = [dict(e, loc=_strip_union_tags(e["loc"])) for e in exc.errors(include_url=False)]
        problems = [_problem(group, positions) for group in _groups(errors)]
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0) if p.location else (0, 0))
        first, *rest = problems
        raise InputError(first.message, first.location, more=tuple(rest)) from None
    strict_booleans(declaration, raw, (), positions)
    return declaration


def _groups(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One error per problem: a union reports one error per member, and the member that got furthest
    explains it best (issue 15 #3: every problem is listed, not the first and "and 4 more")."""
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(errors):
        head = errors[i]["loc"]
        j = i
        while j + 1 < len(errors) and errors[j + 1]["loc"][: len(head)] == head:
            j += 1
        out.append(max(errors[i:j + 1], key=lambda e: len(e["loc"])))
        i = j + 1
    return out


def _problem(first: dict[str, Any], positions: Positions) -> InputError:
    path = first["loc"]
    if path and path[-1] == "[key]":  # a bad mapping key (e.g. nist.practices): point at the key
        path = path[:-1]
        first = dict(first, loc=path)
        location = positions.locate(path)
    elif first["type"] == "missing":
        location = positions.locate(path[:-1], prefer_value=False)
    elif first["type"] == "extra_forbidden":
        location = positions.locate(path)
    else:
        location = positions.locate(path, prefer_value=True)
    return InputError(_describe(first), location)


def strict_booleans(value: Any, raw: Any, path: tuple[Any, ...], positions: Positions) -> None:
    """A yes/no field takes YAML ``true``/``false`` only: pydantic would also take the quoted
    strings "no", "off", "0" and the numbers 0 and 1, and a quoted "no" reads like text."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        if not isinstance(raw, dict):
            return
        for name, info in type(value).model_fields.items():
            key = info.alias or name
            if key in raw:
                strict_booleans(getattr(value, name), raw[key], path + (key,), positions)
    elif isinstance(value, bool):
        if not isinstance(raw, bool):
            shown = "quoted text" if isinstance(raw, str) else f"the number {raw!r}"
            raise InputError(f"{'.'.join(map(str, path))}: write true or false, not {shown}",
                             positions.locate(path, prefer_value=True))
    elif isinstance(value, (list, tuple)) and isinstance(raw, list):
        for i, (v, r) in enumerate(zip(value, raw)):
            strict_booleans(v, r, path + (i,), positions)
    elif isinstance(value, dict) and isinstance(raw, dict):
        for k, v in value.items():
            if k in raw:
                strict_booleans(v, raw[k], path + (k,), positions)


def load_declaration(path: str, display: str | None = None) -> LoadedDeclaration:
    """Read, parse and validate the declaration at ``path``."""
    import hashlib

    data = read_regular(path, display)  # read once: the hash is of the bytes that were parsed
    raw, positions = load_bytes(data, display or path)
    digest = hashlib.sha256(data).hexdigest()
    return LoadedDeclaration(validate_data(raw, positions), positions, path, display or path, digest, raw)


def load_declaration_text(text: str, display: str = "<string>") -> LoadedDeclaration:
    """Validate a declaration given as text (tests, API users)."""
    import hashlib

    data = text.encode("utf-8")
    raw, positions = load_bytes(data, display)
    return LoadedDeclaration(validate_data(raw, positions), positions, display, display, hashlib.sha256(data).hexdigest(), raw)
