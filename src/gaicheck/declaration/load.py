"""Load a declaration file: strict YAML, then the pydantic model, errors located to file:line:col."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from gaicheck.declaration.model import Declaration
from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.yamlsafe import Positions, load_bytes, load_file


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


def validate(raw: Any, positions: Positions) -> Declaration:
    """Validate parsed YAML against the model; raise InputError at the first problem's position."""
    if not isinstance(raw, dict):
        kind = "empty" if raw is None else f"a {type(raw).__name__}"
        raise InputError(f"the declaration must be a YAML mapping, not {kind}", Location(positions.file, 1, 1))
    from gaicheck import prebuilt

    prebuilt.install("Declaration")
    try:
        return Declaration.model_validate(raw)
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


def load_declaration(path: str, display: str | None = None) -> LoadedDeclaration:
    """Read, parse and validate the declaration at ``path``."""
    import hashlib

    raw, positions = load_file(path, display)
    with open(path, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    return LoadedDeclaration(validate(raw, positions), positions, path, display or path, digest)


def load_declaration_text(text: str, display: str = "<string>") -> LoadedDeclaration:
    """Validate a declaration given as text (tests, API users)."""
    import hashlib

    data = text.encode("utf-8")
    raw, positions = load_bytes(data, display)
    return LoadedDeclaration(validate(raw, positions), positions, display, display, hashlib.sha256(data).hexdigest())
