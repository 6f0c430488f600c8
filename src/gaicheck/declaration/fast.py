"""Validate a declaration without importing pydantic; the models stay the source of truth.

Importing pydantic and defining the ~45 declaration models costs several times a hook run's real
work. ``python -m gaicheck.datafiles`` therefore derives from the ``Declaration`` model's core
schema one that needs no model class (``derive``): every ``model`` becomes a ``typed-dict`` with
the same fields, constraints, defaults and ``extra="forbid"``, validator functions are replaced by
their twins in ``declaration/checks.py``, and yes/no fields take only ``true``/``false``. It is
stored in ``_declaration.pickle``. Validating with it gives exactly ``model_dump()`` of the model
(``tests/declaration/test_fast.py`` checks every declaration we have and mutated ones).

At run time only pydantic-core's compiled validator is loaded (``_core``: not even the
``pydantic_core`` package, whose typing-heavy ``__init__`` costs more than the validation). When
the fast schema rejects a declaration, or is stale (a model edited, another pydantic), nothing is
decided here: ``load.validate`` runs the pydantic models, which give the located errors and
suggestions users know. The fast path is stricter than the models, never looser.

The pickle is package data written by this project, never user input.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

# strings, not Paths: importing pathlib costs a hook run ~10 ms
_HERE = os.path.dirname(os.path.realpath(__file__))
FILE = os.path.join(os.path.dirname(_HERE), "_declaration.pickle")
# modules whose text decides the schema (the loader and this module do not)
_NOT_SCHEMA = {"load.py", "fast.py", "__init__.py"}


def _core() -> Any:
    """pydantic-core's extension module, without running the ``pydantic_core`` package's ``__init__``."""
    name = "pydantic_core._pydantic_core"
    if name in sys.modules:
        return sys.modules[name]
    if "pydantic_core" not in sys.modules:
        try:
            from importlib.machinery import ExtensionFileLoader, PathFinder
            from importlib.util import module_from_spec

            pkg = PathFinder.find_spec("pydantic_core")
            spec = PathFinder.find_spec(name, pkg.submodule_search_locations) if pkg else None
            if spec is not None and isinstance(spec.loader, ExtensionFileLoader):
                module = module_from_spec(spec)
                # registered under its own name: a later ``import pydantic_core`` reuses it (an
                # extension module is initialised once per process)
                sys.modules[name] = module
                spec.loader.exec_module(module)
                return module
        except Exception:  # noqa: BLE001 - any surprise: the ordinary import below
            sys.modules.pop(name, None)
    import pydantic_core._pydantic_core as core

    return core


def fingerprint(core_version: str) -> str:
    """sha256 of the schema-deciding model sources and the pydantic and pydantic-core versions."""
    import hashlib
    from importlib.machinery import PathFinder

    h = hashlib.sha256(f"pydantic-core {core_version}\n".encode())
    spec = PathFinder.find_spec("pydantic")
    if spec is not None and spec.submodule_search_locations:
        version = os.path.join(list(spec.submodule_search_locations)[0], "version.py")
        h.update(_read(version) if os.path.isfile(version) else b"?")
    for name in sorted(os.listdir(_HERE)):
        if name.endswith(".py") and name not in _NOT_SCHEMA:
            h.update(name.encode() + b"\0" + _read(os.path.join(_HERE, name)) + b"\0")
    return h.hexdigest()


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


@lru_cache(maxsize=1)
def _validator() -> Any:
    """The fast validator, or None when the stored schema is missing or stale."""
    import _pickle as pickle  # the C unpickler alone: the pickle module's Python half is not needed

    try:
        stored = pickle.loads(_read(FILE))  # noqa: S301 - our own package data (see module doc)
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError, EOFError, ValueError, TypeError):
        return None
    core = _core()
    if not isinstance(stored, dict) or stored.get("fingerprint") != fingerprint(core.__version__):
        return None
    return core.SchemaValidator(stored["schema"], stored["config"])


def validate(raw: Any) -> Optional[dict[str, Any]]:
    """``Declaration.model_validate(raw).model_dump()`` when the fast schema accepts ``raw``, else None."""
    validator = _validator()
    if validator is None:
        return None
    try:
        out: dict[str, Any] = validator.validate_python(raw)
    except Exception:  # noqa: BLE001 - ValidationError (or a surprise): the models decide
        return None
    return out


# ---------------------------------------------------------------- build time (imports pydantic)


def _twins() -> dict[str, Any]:
    from gaicheck.declaration import checks

    return {
        "gaicheck.declaration.nist._known_subcategory": checks.known_subcategory,
        "gaicheck.declaration.waivers.Waiver._reason_says_something": checks.reason_says_something,
    }


def _twin(function: Any) -> Any:
    f = getattr(function, "__func__", function)
    if f.__module__ == "gaicheck.declaration.checks":
        return f
    key = f"{f.__module__}.{f.__qualname__}"
    twins = _twins()
    if key not in twins:
        raise TypeError(f"validator {key} has no pydantic-free twin: add one to declaration/checks.py and fast._twins")
    return twins[key]


def _ref(ref: str) -> str:
    return ref.split(":", 1)[0]  # pydantic appends the class's id(): keep the stored schema stable


_CONFIG_KEYS = {"extra_fields_behavior", "title"}
_FIELD_KEYS = {"type", "schema", "metadata", "validation_alias", "serialization_alias"}


def derive(schema: Any) -> Any:
    """The model-free twin of a model core schema (see the module doc); refuses what it cannot mirror."""
    if isinstance(schema, list):
        return [derive(s) for s in schema]
    if not isinstance(schema, dict):
        if callable(schema):
            raise TypeError(f"unexpected callable in a core schema: {schema!r}")
        return schema
    kind = schema.get("type")
    if kind == "model":
        if schema.get("custom_init") or schema.get("root_model") or schema.get("post_init"):
            raise TypeError(f"model {schema['cls'].__name__}: custom init, root or post-init models are not mirrored")
        config = dict(schema.get("config") or {})
        if set(config) - _CONFIG_KEYS:
            raise TypeError(f"model {schema['cls'].__name__}: config {sorted(set(config) - _CONFIG_KEYS)} not mirrored")
        inner = schema["schema"]
        if inner.get("type") != "model-fields" or inner.get("computed_fields") or set(inner) - {
                "type", "fields", "model_name", "computed_fields"}:
            raise TypeError(f"model {schema['cls'].__name__}: only plain fields are mirrored")
        fields = {}
        for name, field in inner["fields"].items():
            if set(field) - _FIELD_KEYS or field.get("serialization_alias"):
                raise TypeError(f"field {name}: {sorted(set(field) - _FIELD_KEYS)} not mirrored")
            out = {"type": "typed-dict-field", "schema": derive(field["schema"]),
                   "required": field["schema"].get("type") != "default"}
            if "validation_alias" in field:
                out["validation_alias"] = field["validation_alias"]
            fields[name] = out
        td: dict[str, Any] = {"type": "typed-dict", "fields": fields, "config": config}
        if "extra_fields_behavior" in config:
            td["extra_behavior"] = config["extra_fields_behavior"]
        if "ref" in schema:
            td["ref"] = _ref(schema["ref"])
        return td
    if kind in ("model-fields", "model-field", "dataclass", "dataclass-args", "call", "custom-error"):
        raise TypeError(f"core schema type {kind!r} is not mirrored")
    if "serialization" in schema:
        raise TypeError(f"{kind}: a custom serializer would change model_dump(); not mirrored")
    out = {}
    for key, value in schema.items():
        if key == "metadata":
            continue
        if key == "function" and isinstance(value, dict):
            if value.get("type") != "no-info":
                raise TypeError(f"{kind}: only no-info validator functions are mirrored")
            out[key] = {"type": "no-info", "function": _twin(value["function"])}
        elif key in ("ref", "schema_ref") and isinstance(value, str):
            out[key] = _ref(value)
        else:
            out[key] = derive(value)
    if kind == "bool":
        out["strict"] = True  # "no", 0, "off": the models and strict_booleans explain them
    return out


def generate() -> dict[str, Any]:
    """What ``_declaration.pickle`` holds: the derived schema, its core config and the fingerprint."""
    import pydantic_core
    from pydantic._internal._config import ConfigWrapper

    from gaicheck.declaration.model import Declaration

    Declaration.model_rebuild(force=True)
    config = ConfigWrapper(Declaration.model_config, check=False).core_config(title=Declaration.__name__)
    return {"fingerprint": fingerprint(pydantic_core.__version__), "schema": derive(Declaration.__pydantic_core_schema__),
            "config": dict(config)}


def stored() -> Optional[dict[str, Any]]:
    """The stored file's content (None when unreadable)."""
    import pickle

    try:
        data = pickle.loads(_read(FILE))  # noqa: S301
    except Exception:  # noqa: BLE001 - an unreadable file is simply not current
        return None
    return data if isinstance(data, dict) else None


def is_current() -> bool:
    """Whether the stored schema is what the models derive now."""
    return stored() == generate()


def write() -> bool:
    """Write ``_declaration.pickle`` when it is not current; whether it was written."""
    import pickle

    fresh = generate()
    if stored() == fresh:
        return False
    with open(FILE, "wb") as fh:
        fh.write(pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
    _validator.cache_clear()
    return True
