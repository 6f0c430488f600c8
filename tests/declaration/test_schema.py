"""The committed JSON Schema is the one the pydantic model generates, and it validates examples."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from gaicheck.declaration.model import json_schema

REPO = Path(__file__).parents[2]
SCHEMA = REPO / "schema" / "declaration.schema.json"


def test_committed_schema_is_current() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json_schema(), "schema/ is stale: run `gaicheck schema > schema/declaration.schema.json`"


@pytest.mark.parametrize("example", sorted((REPO / "examples").glob("**/*.yaml")), ids=lambda p: p.parent.name + "/" + p.name)
def test_examples_validate_against_schema(example: Path) -> None:
    if example.name != "service.yaml":
        pytest.skip("not a declaration")
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    # JSON has no date type: dates are strings in the schema's view.
    jsonschema.validate(json.loads(json.dumps(data, default=str)), json_schema())
