"""Load a declaration file: strict YAML, then the pydantic model, errors located to file:line:col."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from gaicheck.declaration.model import Declaration
from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.yamlsafe import Positions, load_bytes, read_regular


@dataclass(frozen=True)
class LoadedDeclaration:
    """A validated declaration with the positions of its nodes and the bytes' sha256."""

    declaration: Declaration
    positions: Positions
    path: str
    display: str
    sha256: str

    def locate(self, dotted: str) -> Location:
        """Location of a dotted path (``service.users.minors``), or its nearest ancestor."""
        parts: list[Any] = []
        for p in dotted.split("."):
            parts.append(int(p) if p.isdigit() else p)
        return self.positions.locate(tuple(parts))


def _describe(err: dict[str, Any]) -> str:
    kind = err["type"]
    loc = ".".join(str(p) for p in err["loc"])
    if kind == "extra_forbidden":
        return f"unknown key {err['loc'][-1]!r} (check the spelling; see `gaicheck schema`)"
    if kind == "missing":
        return f"required key {loc!r} is missing"
    msg = err["msg"]
    if kind == "value_error":  # our own validators: the message is the sentence, without pydantic's prefix
        msg = msg.removeprefix("Value error, ")
    if kind.startswith("literal_error") or kind == "enum":
        return f"{loc}: {msg}"
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


def validate(raw: Any, positions: Positions) -> Declaration:
    """Validate parsed YAML against the model; raise InputError at the first problem's position."""
    if not isinstance(raw, dict):
        kind = "empty" if raw is None else f"a {type(raw).__name__}"
        raise InputError(f"the declaration must be a YAML mapping, not {kind}", Location(positions.file, 1, 1))
    _refuse_special(raw, (), positions)
    version = raw.get("gaicheck")
    if "gaicheck" in raw and (type(version) is not int or version != 1):
        raise InputError("gaicheck: the format version is the integer 1 (write `gaicheck: 1`)",
                         positions.locate(("gaicheck",), prefer_value=True))
    try:
        declaration = Declaration.model_validate(raw)
    except ValidationError as exc:
        errors = [dict(e, loc=_strip_union_tags(e["loc"])) for e in exc.errors(include_url=False)]
        # A union reports one error per member; the member that got furthest explains it best.
        head = errors[0]["loc"]
        first = max((e for e in errors if e["loc"][: len(head)] == head), key=lambda e: len(e["loc"]))
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
        more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        raise InputError(_describe(first) + more, location) from None
    strict_booleans(declaration, raw, (), positions)
    return declaration


def strict_booleans(value: Any, raw: Any, path: tuple[Any, ...], positions: Positions) -> None:
    """A yes/no field takes YAML ``true``/``false`` only: pydantic would also take the quoted
    strings "no", "off", "0" and the numbers 0 and 1, and a quoted "no" reads like text."""
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
    return LoadedDeclaration(validate(raw, positions), positions, path, display or path, digest)


def load_declaration_text(text: str, display: str = "<string>") -> LoadedDeclaration:
    """Validate a declaration given as text (tests, API users)."""
    import hashlib

    data = text.encode("utf-8")
    raw, positions = load_bytes(data, display)
    return LoadedDeclaration(validate(raw, positions), positions, display, display, hashlib.sha256(data).hexdigest())
