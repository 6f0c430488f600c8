"""``nist:`` — NIST AI RMF practices and their evidence (voluntary; ``required`` opts in)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from gaicheck.declaration.base import Strict
from gaicheck.nist.catalog import SUBCATEGORY_RE, canonical_id, load_nist_catalog


def _known_subcategory(key: str) -> str:
    """A practice key must be an AI RMF subcategory id of the catalog (``GOVERN-1.1``)."""
    catalog = load_nist_catalog()
    if key in catalog.subcategories:
        return key
    fixed = canonical_id(key)
    if fixed in catalog.subcategories and fixed != key:
        hint = f" (write it as {fixed})"
    else:
        m = SUBCATEGORY_RE.match(key)
        category = f"{m.group(1)}-{m.group(2)}" if m else None
        ids = catalog.in_category(category) if category else ()
        hint = f" ({category} has {ids[0]} … {ids[-1]})" if ids else " (ids look like GOVERN-1.1; see `gaicheck explain GOVERN-1.1`)"
    raise PydanticCustomError("nist_subcategory", "{message}", {"message": f"unknown NIST AI RMF subcategory {key!r}{hint}"})


# The schema gives editors the id pattern; the validator checks the id exists (with a hint).
SubcategoryId = Annotated[
    str, AfterValidator(_known_subcategory),
    WithJsonSchema({"type": "string", "pattern": r"^(GOVERN|MAP|MEASURE|MANAGE)-[1-9]\d?\.[1-9]\d?$"}),
]


class Practice(Strict):
    """Status of one AI RMF subcategory practice."""

    status: Literal["implemented", "partial", "planned"] = Field(description="implemented, partial (in place for part of the scope) or planned (not yet: counts as a gap).")
    evidence: Optional[str] = Field(default=None, description="File documenting the practice, relative to this declaration.")


def _practice_ids(schema: dict[str, Any]) -> None:
    """List the 72 subcategory ids in the JSON Schema, so editors complete and check the keys."""
    for branch in schema["properties"]["practices"].get("anyOf", []):
        if branch.get("type") == "object":
            branch["propertyNames"] = {"enum": list(load_nist_catalog().subcategories)}
            branch["additionalProperties"] = False


class Nist(Strict):
    """NIST AI RMF alignment (voluntary)."""

    model_config = ConfigDict(**Strict.model_config, json_schema_extra=_practice_ids)

    required: Optional[bool] = Field(
        default=None, description="Opt in: NIST findings then count for readiness (raised to major)."
    )
    practices: Optional[dict[SubcategoryId, Practice]] = Field(
        default=None, description="Per AI RMF subcategory (GOVERN-1.1 …): status and evidence path."
    )
