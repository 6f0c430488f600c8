"""``gaicheck rules --framework NIST`` and ``gaicheck explain GOVERN-1.1`` work like the other packs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from gaicheck.cli import main


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_rules_lists_the_nist_pack() -> None:
    code, out = _run("rules", "--framework", "NIST", "--lang", "en")
    assert code == 0
    lines = out.strip().splitlines()
    assert all(line.startswith("NIST-") for line in lines[:-1])
    assert lines[-1] == f"{len(lines) - 1} rules"
    assert any(line.startswith("NIST-GAI-01 ") for line in lines)


def test_explain_a_nist_rule() -> None:
    code, out = _run("explain", "NIST-GOV-01", "--lang", "en")
    assert code == 0 and "## What it checks" in out and "AI100-1 GOVERN 1.1" in out


@pytest.mark.parametrize("key", ["GOVERN-1.1", "govern 1.1", "GV-1.1"])
def test_explain_a_subcategory(key: str) -> None:
    code, out = _run("explain", key, "--lang", "en")
    assert code == 0, out
    assert out.startswith("GOVERN-1.1 — NIST AI RMF 1.0")
    assert "legal and regulatory requirements" in out
    assert "- gai.ip Intellectual property (GV-1.1-001)" in out
    assert "## Checked by\n- NIST-GOV-01  The laws and regulations" in out
    linked = out[out.index("## Also evidenced by (crosswalk)"):out.index("## References")]
    assert "- CN-FIL-02  " in linked
    assert "voluntary" in out


def test_explain_in_chinese() -> None:
    code, out = _run("explain", "MEASURE-2.7", "--lang", "zh")
    assert code == 0 and "评估并记录系统的安全性与韧性" in out and "## 检查规则\n- NIST-MEA-02  " in out


@pytest.mark.parametrize(("key", "head"), [
    ("gai.confabulation", "gai.confabulation Confabulation — AI 600-1 §2.2"),
    ("confabulation", "gai.confabulation Confabulation"),
    ("GOVERN-6", "GOVERN-6 — Category"),
    ("MANAGE", "MANAGE (MG) — Function"),
    ("tw.safe", "tw.safe — AI 100-1 §3.2"),
])
def test_explain_other_catalog_entries(key: str, head: str) -> None:
    code, out = _run("explain", key, "--lang", "en")
    assert code == 0 and out.startswith(head), out


def test_explain_unknown_id_is_a_usage_error() -> None:
    code, out = _run("explain", "GOVERN-9.9")
    assert code == 2
