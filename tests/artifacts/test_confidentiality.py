"""An item's text must never reach an exception, a repr, the stats or a log (canary test)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from gaicheck.artifacts import Limits, analyze_artifact, count_results, find_overlap
from gaicheck.errors import GaicheckError
from tests.artifacts.artifact_files import placeholder, write_items, write_rows

CANARY = "CANARY-7f3a9c-占位金丝雀"


def _assert_clean(*objects: object) -> None:
    for obj in objects:
        for text in (str(obj), repr(obj)):
            assert CANARY not in text
            assert "CANARY-7f3a9c" not in text


def _assert_error_clean(err: pytest.ExceptionInfo[GaicheckError]) -> None:
    exc = err.value
    _assert_clean(exc, exc.args, exc.message, exc.location)
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    if cause is not None:
        _assert_clean(cause, cause.args)


@pytest.mark.parametrize("fmt", ["txt", "csv", "tsv", "jsonl", "xlsx"])
def test_stats_never_hold_text(tmp_path: Path, fmt: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    items = [(CANARY, "A.1a"), (CANARY, "A.1a"), (CANARY.lower(), CANARY), (placeholder(1), CANARY)]
    path = write_items(tmp_path / f"c.{fmt}", items)
    stats = analyze_artifact(path, "keyword_list")
    _assert_clean(stats, json.dumps(stats.to_dict(), ensure_ascii=False), stats.to_dict())
    other = write_items(tmp_path / f"d.{fmt}", [(CANARY, "历史")])
    overlap = find_overlap(path, other)
    assert overlap.shared == 1
    _assert_clean(overlap, overlap.to_dict())
    assert CANARY not in caplog.text


def test_results_never_hold_text(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "r.csv", [["q", "结果"], [CANARY, "通过"], [placeholder(2), CANARY]])
    stats = count_results(path, "generated_manual_sample")
    _assert_clean(stats, stats.to_dict())


def _errors(tmp_path: Path) -> list[tuple[Path, dict[str, object]]]:
    c = CANARY.encode()
    cases: list[tuple[Path, dict[str, object]]] = []

    def add(name: str, data: bytes, **kw: object) -> None:
        p = tmp_path / name
        p.write_bytes(data)
        cases.append((p, kw))

    add("enc.txt", c + b"\n" + c + b" caf\xe9\n")                      # bad encoding on a canary line
    add("long.txt", c * 50 + b"\n", limits=Limits(max_line_bytes=64))   # line too long
    add("nul.txt", c + b"\x00\n")                                       # NUL byte
    add("json.jsonl", b'{"text": "' + c + b'"\n')                       # invalid JSON
    add("arr.jsonl", b'["' + c + b'"]\n')                                # not an object
    add("nocol.csv", b"id," + c + b"\n1," + c + b"\n")                  # no text column (canary header)
    add("quote.csv", b'text\n"' + c + b'"x' + b"\n", )                  # csv after-quote junk is tolerated
    add("bad.xlsx", b"PK\x03\x04" + c)                                  # corrupt workbook
    add("nojson.jsonl", b'{"' + c + b'": "x"}\n')                       # unknown key named by canary
    return cases


def test_errors_never_hold_text(tmp_path: Path) -> None:
    raised = 0
    for path, kw in _errors(tmp_path):
        try:
            analyze_artifact(path, "keyword_list", **kw)  # type: ignore[arg-type]
        except GaicheckError as exc:
            raised += 1
            _assert_clean(exc, exc.args, exc.message, exc.location)
            ctx = exc.__cause__ if exc.__cause__ is not None else (
                None if exc.__suppress_context__ else exc.__context__)
            if ctx is not None:
                _assert_clean(ctx, ctx.args)
    assert raised >= 8


def test_strict_csv_error_is_clean(tmp_path: Path) -> None:
    p = tmp_path / "big.csv"
    p.write_bytes(b"text\n" + CANARY.encode() * 20 + b"\n")
    try:
        analyze_artifact(p, "keyword_list", limits=Limits(max_line_bytes=100))
    except GaicheckError as exc:
        _assert_clean(exc, exc.args)
    else:
        pytest.fail("expected a line-length error")


def test_unknown_label_mapping_error_is_about_settings_not_items(tmp_path: Path) -> None:
    p = write_items(tmp_path / "a.csv", [(placeholder(1), "A.1a")])
    with pytest.raises(GaicheckError) as err:
        analyze_artifact(p, "keyword_list", category_map={"x": "nonsense-target"})
    assert "settings" in str(err.value.location)


def test_reports_never_hold_text(tmp_path: Path) -> None:
    """End to end: every renderer's output of an assessment over canary-filled artifacts."""
    from gaicheck.report import RENDERERS
    from tests.conftest import run, write_case

    (tmp_path / "filing").mkdir()
    write_items(tmp_path / "filing/kw.csv", [(CANARY, "A.1a"), (CANARY.upper(), CANARY), (placeholder(1), CANARY)])
    write_items(tmp_path / "filing/r.xlsx", [(CANARY, "A.1a")], header=("题目", "风险类别"))
    write_items(tmp_path / "filing/n.jsonl", [(CANARY, "历史")], header=("question", "aspect"))
    write_rows(tmp_path / "filing/res.csv", [["题目", "结果"], [CANARY, "通过"], [placeholder(2), CANARY]])
    decl = write_case(tmp_path, {
        "documents": {"keyword_list": "filing/kw.csv", "test_bank_should_refuse": "filing/r.xlsx",
                      "test_bank_should_not_refuse": "filing/n.jsonl"},
        "evaluation": {"generated_manual_sample": "filing/res.csv"},
    })
    report = run(decl, frameworks=["CN"])
    stats = {d.id: d.stats for d in report.documents if d.stats}
    assert set(stats) == {"keyword_list", "test_bank_should_refuse", "test_bank_should_not_refuse"}
    assert stats["keyword_list"]["unknown_categories"]["count"] == 1
    assert stats["test_bank_should_refuse"]["overlap"]["shared"] == 1
    report_zh = run(decl, frameworks=["CN"], lang="zh")
    rendered = set()
    for fmt, render in RENDERERS.items():
        for rep in (report, report_zh):
            text = render(rep)
            assert "CANARY-7f3a9c" not in text, fmt
            rendered.add(fmt)
    assert {"json", "terminal"} <= rendered
