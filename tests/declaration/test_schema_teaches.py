"""A schema that teaches (issue 15 #5): every property described, not by its own title; codes listed."""

from __future__ import annotations

from typing import Any

from gaicheck.declaration.model import json_schema


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = [(f"Declaration.{k}", v) for k, v in schema["properties"].items()]
    for name, d in schema.get("$defs", {}).items():
        out += [(f"{name}.{k}", v) for k, v in (d.get("properties") or {}).items()]
    return out


def test_every_property_has_a_description_that_is_not_its_title() -> None:
    props = _properties(json_schema())
    assert len(props) > 300
    bare = [n for n, v in props if not v.get("description")]
    assert not bare, bare
    echo = [n for n, v in props if v["description"].strip(". ").lower() == str(v.get("title", "")).lower()]
    assert not echo, echo


def test_documents_and_codes_are_explained() -> None:
    schema = json_schema()
    docs = schema["$defs"]["Documents"]["properties"]
    assert "风险类别" in docs["keyword_list"]["description"]
    cat = schema["$defs"]["ArtifactSettings"]["properties"]["category_map"]["description"]
    assert "The 31 risk codes" in cat and "A.5b" in cat
    assert "nr.health" in schema["$defs"]["ArtifactSettings"]["properties"]["aspect_map"]["description"]
    origin = schema["$defs"]["ModelFacts"]["properties"]["origin"]["description"]
    assert "registration" in origin and "api_of_filed_model" in origin  # enum values with their meaning
    assert schema["$defs"]["China"]["properties"]["genai_filing_number"]["examples"]
