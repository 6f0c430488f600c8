"""The shipped rule packs and EU law data, validated once when compiled, read as plain records.

``python -m gaicheck.datafiles`` validates every shipped rule pack and the EU law files with their
pydantic models (the source of truth) and stores the result in ``_shipped.pickle``: records of
``catalog/records.py`` and ``engine/derive/eu_law.py``, which carry the same field names and
values and need no pydantic. A run unpickles that file: it neither imports pydantic nor parses,
hashes or validates a rule file. ``tests/test_shipped.py`` fails while the file is stale (a rule
edited and not recompiled), and without the file the packs are validated from the YAML as before.

The other data files (documents, markets, taxonomies, law data) are stored parsed with their
sha256, as in ``rules/_compiled.json``, so a run does not parse that whole file: ``datafiles.load``
still checks each file's bytes against its entry, and a changed file is parsed from its YAML.

The pickle is package data written by this project (like ``_prebuilt.pickle``), never user input.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

FILE = os.path.join(os.path.dirname(os.path.realpath(__file__)), "_shipped.pickle")
FORMAT = 2


@lru_cache(maxsize=1)
def _stored() -> Optional[dict[str, Any]]:
    import _pickle as pickle  # the C unpickler alone: the pickle module's Python half is not needed

    try:
        with open(FILE, "rb") as fh:
            data = pickle.loads(fh.read())  # noqa: S301 - our own package data (see module doc)
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def catalog() -> Optional[dict[str, Any]]:
    """Shipped packs by framework: ``(pack record, [(rule record, source), ...])``; None without a store."""
    data = _stored()
    return None if data is None else data["catalog"]


def eu_law() -> Optional[tuple[Any, Any, Any, Any]]:
    """The four EU law files as records (``eu_law.parts``); None without a store."""
    data = _stored()
    return None if data is None else data["eu_law"]


def data_files() -> dict[str, Any]:
    """The parsed data files other than rules (``documents.yaml``, ``markets.yaml``, taxonomies,
    law data) as ``datafiles`` stores them: ``{rel: {"sha256", "data"}}`` (empty without a store)."""
    data = _stored()
    return {} if data is None else data["data"]


def _is_rule_file(rel: str) -> bool:
    from gaicheck.catalog.load import PACKS

    folder, _, name = rel.rpartition("/")
    return folder in PACKS.values() and not name.startswith("_")


def generate() -> dict[str, Any]:
    """Validate the shipped packs and EU law files with the models; the records to store."""
    from gaicheck import datafiles
    from gaicheck.catalog.load import PACKS, _load_pack
    from gaicheck.engine.derive import eu_law as law
    from gaicheck.resources import data_path

    packs: dict[str, Any] = {}
    for framework, folder in PACKS.items():
        node = data_path("rules") / folder
        if (node / "_pack.yaml").is_file():
            pack, rules = _load_pack(node, f"rules/{folder}", True)
            packs[framework] = (pack, [(cr.rule, cr.source) for cr in rules])
    from pathlib import Path

    files = datafiles.build(Path(str(data_path("rules"))))["files"]
    data = {rel: entry for rel, entry in files.items() if not _is_rule_file(rel)}
    return {"format": FORMAT, "catalog": packs, "eu_law": law.parts(law.shipped_raws()), "data": data}


def is_current() -> bool:
    """Whether the stored records equal what the YAML and the models give now."""
    _stored.cache_clear()
    stored = _stored()
    return stored is not None and stored == generate()


def write() -> bool:
    """Write ``_shipped.pickle`` when it differs from what it should hold; whether it was written."""
    import pickle
    _stored.cache_clear()
    fresh = generate()
    if _stored() == fresh:
        return False
    with open(FILE, "wb") as fh:
        fh.write(pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
    _stored.cache_clear()
    return True


def main(argv: list[str]) -> int:
    """Write the store (``--check``: only say whether it is current)."""
    if "--check" in argv:
        ok = is_current()
        print("current" if ok else "stale")
        return 0 if ok else 1
    print(f"{FILE}: {'written' if write() else 'current'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
