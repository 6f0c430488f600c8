"""Market codes are strict (contract additions of 2026-12): a typo must not switch a jurisdiction off."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.declaration.load import load_declaration_text
from gaicheck.errors import InputError
from gaicheck.markets import codes, eu_members, suggest
from tests.conftest import run, write_case


def _decl(markets: str) -> str:
    return f"gaicheck: 1\nservice:\n  name: x\n  provider: y\n  markets: {markets}\n"


@pytest.mark.parametrize(
    ("markets", "column", "expected"),
    [
        ("[cn, de]", 13, "'cn' is not a market code: did you mean CN?"),
        ("[CN, de]", 17, "'de' is not a market code: did you mean DE?"),
        ("[CN, UK]", 17, "'UK' is not a market code: did you mean GB? (GB is the ISO code for United Kingdom)"),
        ("[Germany]", 13, "'Germany' is not a market code: did you mean DE?"),
        ("[DEU]", 13, "'DEU' is not a market code: did you mean DE?"),
        ("[EL]", 13, "did you mean GR?"),
        ("[eu]", 13, "did you mean EU?"),
        ("[XX]", 13, "use upper-case ISO 3166-1 alpha-2 codes"),
        # YAML 1.1 reads an unquoted NO as false: the error says so and how to write Norway
        ("[CN, NO]", 17, 'read as the YAML boolean false: quote the code ("NO" for Norway)'),
    ],
)
def test_unknown_market_is_a_located_error_with_a_suggestion(markets: str, column: int, expected: str) -> None:
    with pytest.raises(InputError) as exc:
        load_declaration_text(_decl(markets), "service.yaml")
    text = str(exc.value)
    assert text.startswith(f"service.yaml:5:{column}: ")
    assert expected in text


def test_valid_codes() -> None:
    assert {"CN", "DE", "US", "GB", "EU", "NO"} <= codes()
    assert len(eu_members()) == 27 and "GB" not in eu_members() and "NO" not in eu_members()
    assert suggest("china") == "CN" and suggest("Zz") is None


def test_lower_case_china_no_longer_reads_as_not_in_china(tmp_path: Path) -> None:
    # On 0.1, markets: [cn, de] made China and the EU "not apply" and the verdict READY.
    path = write_case(tmp_path, {"service": {"markets": ["cn", "de"]}})
    with pytest.raises(InputError, match="did you mean CN"):
        run(path)


def test_schema_lists_the_codes() -> None:
    from gaicheck.declaration.model import json_schema

    prop = json_schema()["$defs"]["Service"]["properties"]["markets"]  # type: ignore[index]
    items = next(a for a in prop["anyOf"] if a.get("type") == "array")["items"]
    assert "CN" in items["enum"] and "EU" in items["enum"] and "cn" not in items["enum"]
