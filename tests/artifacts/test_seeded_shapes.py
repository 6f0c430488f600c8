"""Fixture shapes a seeded-bug campaign showed were missing (issue 12): a duplicate that differs only
in full-width forms must not count twice (drop NFKC and this fails), and a header below four title
rows must still be found (shrink the header search and this fails)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.artifacts import analyze_artifact
from tests.artifacts.artifact_files import write_items, write_rows


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_fullwidth_duplicate_is_one_item(tmp_path: Path, fmt: str) -> None:
    items = [("Kw Sample 0001", "A.1a"), (_fullwidth("Kw Sample 0001"), "A.1a"), ("kw sample 0002", "A.1a")]
    assert _fullwidth("Kw Sample 0001") != "Kw Sample 0001"
    stats = analyze_artifact(write_items(tmp_path / f"kw.{fmt}", items), "keyword_list")
    assert stats.total == 3
    assert stats.unique == 2
    assert stats.by_risk is not None and stats.by_risk["A.1a"] == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_header_below_four_title_rows(tmp_path: Path, fmt: str) -> None:
    rows: list[list[object]] = [["示例公司拦截关键词列表（占位）"], ["版本 1"], ["内部资料"], ["2026-11"]]
    rows += [["关键词", "风险类别"]] + [[f"占位词{i:04d}", "A.1a"] for i in range(5)]
    stats = analyze_artifact(write_rows(tmp_path / f"kw.{fmt}", rows), "keyword_list")
    assert stats.total == 5  # the title rows and the header are not items
    assert stats.by_risk is not None and stats.by_risk["A.1a"] == 5
