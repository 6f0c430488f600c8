"""``nist.practices`` keys are catalog ids, reported at the key's file:line:col when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.declaration.load import load_declaration
from gaicheck.errors import InputError

DECL = """gaicheck: 1
service: {name: a, provider: b}
nist:
  practices:
    GOVERN-1.1: {status: implemented}
    {key}: {status: planned}
"""


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("GOVERN-1.9", "unknown NIST AI RMF subcategory 'GOVERN-1.9' (GOVERN-1 has GOVERN-1.1 … GOVERN-1.7)"),
        ("GOVERN 1.2", "(write it as GOVERN-1.2)"),
        ("MS-2.7", "(write it as MEASURE-2.7)"),
        ("GOVERN-1", "ids look like GOVERN-1.1"),
        ("gai.confabulation", "ids look like GOVERN-1.1"),
    ],
)
def test_unknown_subcategory_is_located(tmp_path: Path, key: str, words: str) -> None:
    p = tmp_path / "service.yaml"
    p.write_text(DECL.replace("{key}", key), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_declaration(str(p))
    assert str(err.value).startswith(f"{p}:6:5: nist.practices.{key}: ")
    assert words in str(err.value)


def test_known_subcategories_and_statuses_load(tmp_path: Path) -> None:
    p = tmp_path / "service.yaml"
    p.write_text(DECL.replace("{key}", "MEASURE-2.10"), encoding="utf-8")
    practices = load_declaration(str(p)).declaration.nist.practices  # type: ignore[union-attr]
    assert set(practices) == {"GOVERN-1.1", "MEASURE-2.10"}


def test_bad_status_is_located(tmp_path: Path) -> None:
    p = tmp_path / "service.yaml"
    p.write_text(DECL.replace("{key}", "MAP-1.1").replace("status: planned", "status: done"), encoding="utf-8")
    with pytest.raises(InputError, match=r":6:\d+: nist\.practices\.MAP-1\.1\.status"):
        load_declaration(str(p))


def test_json_schema_lists_the_subcategory_ids() -> None:
    import jsonschema

    from gaicheck.declaration.model import json_schema

    schema = json_schema()
    decl = {"gaicheck": 1, "service": {"name": "a", "provider": "b"}}
    jsonschema.validate({**decl, "nist": {"practices": {"MEASURE-2.10": {"status": "partial"}}}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**decl, "nist": {"practices": {"GOVERN-1.9": {"status": "partial"}}}}, schema)
