"""The shipped packs and EU law data are read as compiled records that equal what the models give."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from gaicheck import shipped
from gaicheck.catalog import load as catalog_load
from gaicheck.catalog import model, records
from gaicheck.datafiles import load as load_data


def test_shipped_store_is_current() -> None:
    assert shipped.is_current(), "src/gaicheck/_shipped.pickle is stale: run python -m gaicheck.datafiles"


def _fields(cls: type) -> set[str]:
    return set(cls.model_fields)  # type: ignore[attr-defined]


@pytest.mark.parametrize("framework", sorted(catalog_load.PACKS))
def test_rule_records_read_like_the_models(framework: str) -> None:
    pack, rules = shipped.catalog()[framework]  # type: ignore[index]
    assert rules, framework
    days = [None, dt.date(2025, 1, 1), dt.date(2026, 1, 1), dt.date(2027, 6, 1)]
    for rule, source in rules:
        validated = model.Rule.model_validate(load_data(source.removeprefix("rules/")))
        assert type(rule) is records.Rule
        assert rule.model_dump() == validated.model_dump(), rule.id
        assert rule.model_dump(mode="json") == validated.model_dump(mode="json"), rule.id
        assert set(rule.__dict__) == _fields(model.Rule)
        for on in days:
            assert rule.citation_text(on) == validated.citation_text(on)
        assert [c.dated() for c in rule.citations] == [c.dated() for c in validated.citations]
        for lang in ("en", "zh"):
            assert rule.title.get(lang) == validated.title.get(lang)
    assert pack.model_dump() == model.Pack.model_validate(load_data(f"{catalog_load.PACKS[framework]}/_pack.yaml")).model_dump()


def test_records_are_read_only() -> None:
    rule = shipped.catalog()["CN"][1][0][0]  # type: ignore[index]
    with pytest.raises(AttributeError):
        rule.severity = "info"
    assert rule.model_copy(update={"severity": "info"}).severity == "info"
    assert rule.severity != "info" or rule.model_copy(update={"severity": "major"}).severity == "major"


def test_without_the_store_the_yaml_gives_the_same_catalog(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    stored = catalog_load.load_catalog()
    monkeypatch.setattr(shipped, "FILE", tmp_path / "missing.pickle")
    shipped._stored.cache_clear()
    catalog_load._shipped_pack.cache_clear()
    try:
        assert shipped.catalog() is None
        fresh = catalog_load.load_catalog()
    finally:
        shipped._stored.cache_clear()
        catalog_load._shipped_pack.cache_clear()
    assert [(cr.rule, cr.source) for cr in fresh.rules] == [(cr.rule, cr.source) for cr in stored.rules]
    assert fresh.packs == stored.packs


def test_eu_law_records_equal_the_validated_files() -> None:
    from gaicheck.engine.derive import eu_law

    law = eu_law.law()
    built = eu_law.build(eu_law.shipped_raws())
    assert law.timelines == built.timelines and law.obligations == built.obligations
    assert law.entries() == built.entries() and len(law.entries()) > 50
    assert all(o.on("baseline") == o.baseline for o in law.obligations.values())


def test_a_run_reads_the_catalog_and_law_without_pydantic() -> None:
    code = ("import sys\nfrom gaicheck.catalog.load import load_catalog\nfrom gaicheck.engine.derive import eu_law\n"
            "c = load_catalog(); eu_law.law().entries()\n"
            "print(len(c.rules), sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) > 80
    assert out[1].strip() == "[]"
