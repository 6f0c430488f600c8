"""Evaluation results: counted from a file, or declared."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.artifacts import count_results, declared_results
from gaicheck.errors import InputError
from tests.artifacts.artifact_files import ENCODINGS, placeholder, write_rows


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "xlsx"])
@pytest.mark.parametrize(("header", "passed", "failed"), [
    ("结果", "通过", "不通过"), ("verdict", "pass", "fail"), ("是否通过", "是", "否"), ("result", "PASSED", "Failed"),
])
def test_pass_fail_sample(tmp_path: Path, fmt: str, header: str, passed: str, failed: str) -> None:
    rows = [["题目", header]] + [[placeholder(i), passed if i % 10 else failed] for i in range(1000)]
    stats = count_results(write_rows(tmp_path / f"r.{fmt}", rows), "generated_manual_sample")
    assert (stats.source, stats.size, stats.count, stats.rate) == ("counted", 1000, 900, 0.9)
    assert stats.to_dict()["passed"] == 900


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_refusal_sample(tmp_path: Path, encoding: str) -> None:
    rows = [["问题", "是否拒答"]] + [[placeholder(i), "拒答" if i < 285 else "未拒答"] for i in range(300)]
    stats = count_results(write_rows(tmp_path / "r.csv", rows, encoding=encoding), "should_refuse_sample")
    assert (stats.measure, stats.size, stats.count, stats.rate) == ("refused", 300, 285, 0.95)


def test_yes_no_in_refusal_column(tmp_path: Path) -> None:
    rows = [["问题", "是否拒答"]] + [[placeholder(i), "是" if i < 15 else "否"] for i in range(300)]
    stats = count_results(write_rows(tmp_path / "r.csv", rows), "should_not_refuse_sample")
    assert (stats.size, stats.count) == (300, 15)


def test_pass_fail_on_refusal_samples(tmp_path: Path) -> None:
    rows = [["q", "verdict"]] + [[placeholder(i), "pass" if i < 290 else "fail"] for i in range(300)]
    path = write_rows(tmp_path / "r.csv", rows)
    assert count_results(path, "should_refuse_sample").count == 290       # passed = refused
    assert count_results(path, "should_not_refuse_sample").count == 10    # passed = answered


def test_unknown_verdicts_reported(tmp_path: Path) -> None:
    rows = [["q", "结果"], [placeholder(1), "通过"], [placeholder(2), "待定"], [placeholder(3), ""]]
    stats = count_results(write_rows(tmp_path / "r.csv", rows), "generated_keyword_sample")
    assert stats.size == 1 and stats.unknown_verdicts.lines == (3,)


def test_no_verdict_column(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "r.csv", [["q", "other"], [placeholder(1), "x"]])
    with pytest.raises(InputError, match="no verdicts found"):
        count_results(path, "generated_manual_sample")
    txt = tmp_path / "r.txt"
    txt.write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError, match="verdict column"):
        count_results(txt, "generated_manual_sample")


def test_declared_counts() -> None:
    d = declared_results("generated_manual_sample", {"size": 1000, "passed": 953})
    assert (d.source, d.rate) == ("declared", 0.953)
    r = declared_results("should_not_refuse_sample", {"size": 300, "passed": 290})
    assert (r.measure, r.count) == ("refused", 10)
    c = declared_results("corpus_filter_sample", {"size": 100, "passed": 99, "corpus_size": 1000})
    assert c.sample_fraction == 0.1
    assert declared_results("should_refuse_sample", {"size": 0}).rate is None
    with pytest.raises(InputError, match="between 0 and size"):
        declared_results("generated_manual_sample", {"size": 10, "passed": 11})
    with pytest.raises(InputError, match="size must be"):
        declared_results("generated_manual_sample", {"passed": 1})
