"""Every rule and law-data entry says when it last changed; `rules --changed-since` lists them."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from gaicheck.catalog.changes import changed_since
from gaicheck.catalog.load import load_catalog
from gaicheck.cli import main


def test_every_shipped_rule_has_updated() -> None:
    assert [cr.rule.id for cr in load_catalog().rules if cr.rule.updated is None] == []


def test_changed_since_lists_rules_and_data_on_or_after_the_date() -> None:
    catalog = load_catalog()
    newest = max(cr.rule.updated for cr in catalog.rules)
    changes = changed_since(catalog, newest)
    assert changes and all(c.updated >= newest for c in changes)
    everything = changed_since(catalog, dt.date(2000, 1, 1))
    assert {c.kind for c in everything} == {"rule", "data"}
    assert any(c.id == "cutoffs.legacy_high_risk" and c.where == "rules/eu/_law.yaml" for c in everything)
    assert changed_since(catalog, dt.date(2999, 1, 1)) == []


def test_cli_changed_since() -> None:
    result = CliRunner().invoke(main, ["rules", "--changed-since", "2000-01-01", "--framework", "EU"])
    assert result.exit_code == 0
    assert "EU-TR-02" in result.output and "rules/eu/_annex3.yaml" in result.output
    assert "rules/cn/_law.yaml" not in result.output
    bad = CliRunner().invoke(main, ["rules", "--changed-since", "yesterday"])
    assert bad.exit_code == 2
