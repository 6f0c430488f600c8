"""`gaicheck rules`: the framework in any case, the NIST catalog, and help for --eu-timeline."""

from __future__ import annotations

from click.testing import CliRunner

from gaicheck.cli import main


def test_framework_in_any_case() -> None:
    upper = CliRunner().invoke(main, ["rules", "--framework", "EU", "--lang", "en"])
    lower = CliRunner().invoke(main, ["rules", "--framework", "eu", "--lang", "en"])
    assert lower.exit_code == 0 and lower.output == upper.output and "EU-" in lower.output


def test_catalog_nist_lists_the_72_subcategories() -> None:
    result = CliRunner().invoke(main, ["rules", "--catalog", "nist", "--lang", "en"])
    lines = result.output.splitlines()
    assert result.exit_code == 0 and lines[-1].startswith("72 subcategories")
    assert len(lines) == 73 and lines[0].startswith("GOVERN-1.1")


def test_eu_timeline_has_help() -> None:
    text = CliRunner().invoke(main, ["assess", "--help"]).output
    assert "--eu-timeline" in text and "omnibus" in text.split("--eu-timeline", 1)[1][:400].lower()
    assert "Digital" in text
