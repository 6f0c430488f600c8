"""``settings:`` — per-team overrides of rule thresholds, and how to read the team's artifacts."""

from __future__ import annotations

from typing import Any, Optional, Union

from pydantic import Field

from gaicheck.declaration.base import Strict

Names = Union[str, list[str]]


def _list_codes(schema: dict[str, Any], *, aspects: bool) -> None:
    # Built only when the JSON Schema is generated: the editor shows the 31 risk codes / 13 aspects.
    from gaicheck.artifacts import load_taxonomy

    tax = load_taxonomy()
    if aspects:
        listed = "; ".join(f"{a.id} {a.zh} ({a.en})" for a in tax.aspects)
        schema["description"] += f" The {len(tax.aspects)} aspects (TC260-003 §8.3): {listed}."
    else:
        listed = "; ".join(f"{r.code} {r.zh}" for r in tax.risks)
        schema["description"] += f" The {len(tax.risks)} risk codes (TC260-003 Appendix A): {listed}."


def _risk_codes(schema: dict[str, Any]) -> None:
    _list_codes(schema, aspects=False)


def _aspects(schema: dict[str, Any]) -> None:
    _list_codes(schema, aspects=True)


class ArtifactColumns(Strict):
    """Header names of the team's columns; tried before the built-in names (English and Chinese)."""

    text: Optional[Names] = Field(default=None, description="Item text column, e.g. 关键词 or 题目.")
    category: Optional[Names] = Field(default=None, description="Risk-category column, e.g. 风险类别.")
    verdict: Optional[Names] = Field(default=None, description="Verdict column of results files, e.g. 结果.")


class ArtifactSettings(Strict):
    """How gaicheck reads keyword lists, test banks and results files."""

    columns: Optional[ArtifactColumns] = Field(default=None, description="Your own header names for the text, category and verdict columns, tried before the defaults.")
    category_map: Optional[dict[str, str]] = Field(
        default=None, description="The team's own risk labels -> TC260-003 code, id or name (e.g. 政治类: A.1a).",
        json_schema_extra=_risk_codes)
    aspect_map: Optional[dict[str, str]] = Field(
        default=None, description="Labels of the should-not-refuse bank -> aspect id or name (e.g. 史实: 历史).",
        json_schema_extra=_aspects)
    sheets: Optional[dict[str, str]] = Field(
        default=None, description="Worksheet to read per document id (default: the first sheet).")
    max_file_mb: Optional[int] = Field(default=None, ge=1, le=4096, description="Largest artifact file read (default 200).")
    max_line_kb: Optional[int] = Field(default=None, ge=1, le=65536, description="Longest line accepted (default 1024).")


class Settings(Strict):
    """Threshold overrides: ``thresholds: {CN-KW-01: {min_total: 12000}}``; artifact reading options."""

    thresholds: Optional[dict[str, dict[str, Union[int, float]]]] = Field(description="Per-rule parameter overrides, e.g. {CN-KW-01: {min_keywords: 12000}}; a statutory floor may only be tightened.", default=None)
    artifacts: Optional[ArtifactSettings] = Field(default=None, description="How keyword lists, test banks and results files are read: column names, label mappings, sheets, limits.")
