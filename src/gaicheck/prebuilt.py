"""Prebuilt pydantic core schemas: the models stay the source of truth, their build cost leaves the hook.

Building a pydantic model's core schema (walking every field of every nested model) costs more
than a whole ``gaicheck assess`` of a small declaration does in real work. The declaration and rule
models are therefore declared with ``defer_build=True`` and, on first use, get their validator and
serializer from ``_prebuilt.pickle``: the core schemas pydantic generated from those very models,
stored by ``python -m gaicheck.datafiles`` (next to the compiled rule data). pydantic-core builds a
validator from a stored schema in about a millisecond, and validates exactly as the model would
(same schema, same error messages).

The stored schemas are keyed by a fingerprint of the model sources and of the pydantic versions:
when they do not match (a model edited, not regenerated; another pydantic), nothing is installed
and pydantic builds the model itself on first use as usual — a stale file is slower, never wrong.
A test fails while it is stale.

The pickle is package data written by this project (like the rule data), never user input.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import lru_cache
from importlib import import_module
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

FILE = Path(__file__).resolve().parent / "_prebuilt.pickle"
# model name -> (module, class); sources: the modules whose text the fingerprint covers
MODELS = {
    "Declaration": ("gaicheck.declaration.model", "Declaration"),
    "Rule": ("gaicheck.catalog.model", "Rule"),
    "Pack": ("gaicheck.catalog.model", "Pack"),
}
_SOURCES = ("declaration", "catalog/model.py")


def fingerprint() -> str:
    """sha256 of the model sources and the pydantic versions."""
    import pydantic
    import pydantic_core

    h = hashlib.sha256(f"{pydantic.VERSION} {pydantic_core.__version__}\n".encode())
    root = Path(__file__).resolve().parent
    files: list[Path] = []
    for rel in _SOURCES:
        p = root / rel
        # the loader and the fast path do not shape a model: editing them leaves the store current
        files += sorted(f for f in p.glob("*.py") if f.name not in ("load.py", "fast.py")) if p.is_dir() else [p]
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def _stored() -> dict[str, Any] | None:
    try:
        data = pickle.loads(FILE.read_bytes())  # noqa: S301 - our own package data (see module doc)
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError, EOFError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint():
        return None
    models: dict[str, Any] = data["models"]
    return models


def install(name: str) -> bool:
    """Give the model ``name`` its stored validator and serializer (once); False when stale or done."""
    module, attr = MODELS[name]
    cls = getattr(import_module(module), attr)
    if cls.__pydantic_complete__:
        return False
    entry = (_stored() or {}).get(name)
    if entry is None:
        return False  # pydantic builds it on first use
    from pydantic_core import SchemaSerializer, SchemaValidator

    schema, config = entry
    cls.__pydantic_core_schema__ = schema
    cls.__pydantic_validator__ = SchemaValidator(schema, config)
    cls.__pydantic_serializer__ = SchemaSerializer(schema, config)
    cls.__pydantic_complete__ = True
    return True


def generate() -> bytes:
    """The pickle of every model's core schema and core config, as pydantic builds them now."""
    from pydantic._internal._config import ConfigWrapper

    models = {}
    for name, (module, attr) in MODELS.items():
        cls = getattr(import_module(module), attr)
        cls.model_rebuild(force=True)
        config = ConfigWrapper(cls.model_config, check=False).core_config(title=cls.__name__)
        models[name] = (cls.__pydantic_core_schema__, config)
    return pickle.dumps({"fingerprint": fingerprint(), "models": models}, protocol=4)


def is_current() -> bool:
    """Whether the stored file matches the models (fingerprint, and every model present)."""
    try:
        data = pickle.loads(FILE.read_bytes())  # noqa: S301
    except Exception:  # noqa: BLE001 - any unreadable file is simply not current
        return False
    return data.get("fingerprint") == fingerprint() and set(data.get("models", {})) == set(MODELS)


def main(argv: list[str]) -> int:
    """Write ``_prebuilt.pickle`` (``--check``: only report whether it is current)."""
    if "--check" in argv:
        ok = is_current()
        print("current" if ok else "stale")
        return 0 if ok else 1
    FILE.write_bytes(generate())
    print(f"{FILE}: {len(MODELS)} models")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
