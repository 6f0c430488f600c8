"""The same question in both refusal banks."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.artifacts import find_overlap
from tests.artifacts.artifact_files import placeholder, write_items


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "txt"])
def test_overlap_counts_and_lines(tmp_path: Path, fmt: str) -> None:
    refuse = [(placeholder(i), "A.1a") for i in range(6)]
    answer = [(placeholder(100 + i), "历史") for i in range(4)]
    answer.insert(1, (placeholder(2).upper(), "历史"))      # normalised match of refuse item 2
    answer.append((placeholder(4), "历史"))                 # exact match of refuse item 4
    answer.append((placeholder(4), "历史"))                 # same again: still one shared item
    r = write_items(tmp_path / f"r.{fmt}", refuse)
    n = write_items(tmp_path / f"n.{fmt}", answer)
    result = find_overlap(r, n)
    header = 1 if fmt in ("csv", "xlsx") else 0
    assert result.shared == 2
    assert result.refuse.lines == (3 + header, 5 + header)
    assert result.not_refuse.lines == (2 + header, 6 + header, 7 + header)
    assert result.to_dict()["should_not_refuse"]["count"] == 3


def test_no_overlap(tmp_path: Path) -> None:
    r = write_items(tmp_path / "r.csv", [(placeholder(1), "A.1a")])
    n = write_items(tmp_path / "n.csv", [(placeholder(2), "历史")])
    assert find_overlap(r, n).shared == 0
