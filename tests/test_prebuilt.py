"""The prebuilt core schemas are current, and validate exactly as the pydantic models built afresh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gaicheck import prebuilt

REPO = Path(__file__).parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*/service.yaml"))

# Run in a fresh interpreter: one with the stored validator, one where pydantic builds the models.
_PROBE = r"""
import json, sys
from gaicheck import prebuilt
if sys.argv[1] == "fresh":
    prebuilt._stored.cache_clear()
    prebuilt.FILE = prebuilt.FILE.with_name("does-not-exist.pickle")
from gaicheck.declaration.load import load_declaration_text
from gaicheck.errors import InputError
from gaicheck.catalog.load import load_catalog
out = []
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    for variant in (text, text.replace("service:", "service:\n  bogus_key: 1", 1),
                    text.replace("gaicheck: 1", "gaicheck: 2", 1),
                    text + "\nwaivers:\n  - {rule: CN-SVC-01, reason: ' ', expires: 2027-01-01}\n"):
        try:
            d = load_declaration_text(variant, path).declaration
            out.append(repr(sorted(d.model_dump(mode="json").items())))
        except InputError as exc:
            out.append("error: " + str(exc))
cat = load_catalog()
out.append(repr([(r.rule.id, r.rule.model_dump(mode="json")) for r in cat.rules]))
out.append(repr(sorted(p.model_dump(mode="json").__repr__() for p in cat.packs.values())))
from gaicheck.declaration.model import Declaration
from gaicheck.catalog.model import Rule
# the shipped catalog is read as compiled records (gaicheck.shipped): the rule model is never used
out.append(repr((Declaration.__pydantic_complete__, Rule.__pydantic_complete__)))
print(json.dumps(out))
"""


def test_prebuilt_store_is_current() -> None:
    assert prebuilt.is_current(), "src/gaicheck/_prebuilt.pickle is stale: run python -m gaicheck.datafiles"


def _probe(mode: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, mode, *map(str, EXAMPLES)],
                          capture_output=True, text=True, check=True)
    import json

    return json.loads(proc.stdout)


@pytest.mark.skipif(not prebuilt.is_current(), reason="stale store (the test above fails)")
def test_stored_validators_behave_like_freshly_built_models() -> None:
    stored, fresh = _probe("stored"), _probe("fresh")
    assert stored[:-1] == fresh[:-1]          # same dumps, same errors, same rules
    assert any(s.startswith("error: ") and "bogus_key" in s for s in stored)
    assert any("a waiver needs a reason" in s for s in stored)
    assert stored[-1] == repr((True, False))  # Declaration from the store, not built
