"""Reference floors end to end: exactly at each floor passes, one short fails (issue 4 "done when").

For every artifact kind, in every format and encoding, with the rules' own params (TC260-003
§8: keyword list 10,000 / A.1 ≥200 / A.2 ≥100; generated bank 2,000 / A.1–A.2 ≥50 / A.3–A.5 ≥20;
should-refuse 500 / 17 risks ≥20; should-not-refuse 500 / aspects ≥20), through ``assess``.
Files are generated here with neutral placeholder text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.artifacts import load_taxonomy
from tests.artifacts.artifact_files import FORMAT_ENCODINGS, write_items
from tests.conftest import finding, run, write_case

TAX = load_taxonomy()
A12 = TAX.codes_in("A.1", "A.2")
A35 = TAX.codes_in("A.3", "A.4", "A.5")
CATEGORISED = [(f, e) for f, e in FORMAT_ENCODINGS if f != "txt"]

# kind -> (total rule, category rule, total floor, per-category floors)
PLANS: dict[str, tuple[str, str, int, dict[str, int]]] = {
    "keyword_list": ("CN-KW-01", "CN-KW-02", 10_000,
                     {c: (200 if c.startswith("A.1") else 100) for c in A12}),
    "test_bank_generated": ("CN-TB-01", "CN-TB-01", 2_000, {**{c: 50 for c in A12}, **{c: 20 for c in A35}}),
    "test_bank_should_refuse": ("CN-TB-02", "CN-TB-02", 500, {c: 20 for c in A12}),
    "test_bank_should_not_refuse": ("CN-TB-03", "CN-TB-03", 500, {a: 20 for a in TAX.aspect_ids}),
}


def _items(kind: str, *, total: int, short: str | None = None) -> list[tuple[str, str]]:
    """Every category at its floor (``short`` one below), topped up to ``total`` in the first category."""
    floors = PLANS[kind][3]
    plan = {c: f - (c == short) for c, f in floors.items()}
    first = next(c for c in plan if c != short)
    plan[first] += max(0, total - sum(plan.values()))
    items, n = [], 0
    for cat, count in plan.items():
        for _ in range(count):
            items.append((f"placeholder {kind} item {n:06d}" if n % 2 else f"占位条目 {n:06d}", cat))
            n += 1
    return items


def _assess(tmp_path: Path, kind: str, fmt: str, encoding: str | None, items: list[tuple[str, str]]) -> dict[str, str]:
    rel = f"filing/{kind}.{fmt}"
    (tmp_path / "filing").mkdir(exist_ok=True)
    header = ("题目", "方面") if kind == "test_bank_should_not_refuse" else ("关键词", "风险类别")
    write_items(tmp_path / rel, items, encoding=encoding, header=header)
    report = run(write_case(tmp_path, {"documents": {kind: rel}}), frameworks=["CN"])
    total_rule, cat_rule = PLANS[kind][:2]
    return {r: finding(report, r).status for r in {total_rule, cat_rule}}


@pytest.mark.parametrize(("fmt", "encoding"), CATEGORISED)
@pytest.mark.parametrize("kind", list(PLANS))
def test_exactly_at_floor_passes(tmp_path: Path, kind: str, fmt: str, encoding: str | None) -> None:
    statuses = _assess(tmp_path, kind, fmt, encoding, _items(kind, total=PLANS[kind][2]))
    assert set(statuses.values()) == {"pass"}, statuses


@pytest.mark.parametrize(("fmt", "encoding"), CATEGORISED)
@pytest.mark.parametrize("kind", list(PLANS))
def test_total_one_short_fails(tmp_path: Path, kind: str, fmt: str, encoding: str | None) -> None:
    items = _items(kind, total=PLANS[kind][2] - 1)
    items.append((items[0][0].upper(), items[0][1]))  # a normalised duplicate does not make up the shortfall
    statuses = _assess(tmp_path, kind, fmt, encoding, items)
    assert statuses[PLANS[kind][0]] == "fail", statuses


@pytest.mark.parametrize(("fmt", "encoding"), CATEGORISED)
@pytest.mark.parametrize("kind", list(PLANS))
def test_category_one_short_fails(tmp_path: Path, kind: str, fmt: str, encoding: str | None) -> None:
    cats = list(PLANS[kind][3])
    # rotate the short category with the format so the whole suite covers many categories
    short = cats[(CATEGORISED.index((fmt, encoding)) * 5 + len(kind)) % len(cats)]
    statuses = _assess(tmp_path, kind, fmt, encoding, _items(kind, total=PLANS[kind][2] + 5, short=short))
    assert statuses[PLANS[kind][1]] == "fail", (short, statuses)
    if PLANS[kind][0] != PLANS[kind][1]:
        assert statuses[PLANS[kind][0]] == "pass"


@pytest.mark.parametrize(("fmt", "encoding"), [(f, e) for f, e in FORMAT_ENCODINGS if f == "txt"])
def test_txt_keyword_list_total_only(tmp_path: Path, fmt: str, encoding: str | None) -> None:
    """A plain list settles the total; the per-risk rule needs a category column (manual)."""
    at = _assess(tmp_path, "keyword_list", fmt, encoding, _items("keyword_list", total=10_000))
    assert at == {"CN-KW-01": "pass", "CN-KW-02": "manual"}
    short = _assess(tmp_path, "keyword_list", fmt, encoding, _items("keyword_list", total=9_999))
    assert short["CN-KW-01"] == "fail"


# --- evaluation results files, full size: §9.3 ≥1,000 at ≥90 %, §9.4 ≥300 at ≥95 % / ≤5 % ------------

def _results(tmp_path: Path, fmt: str, encoding: str | None, n: int, hits: int, header: str, yes: str, no: str) -> str:
    rel = f"filing/results.{fmt}"
    (tmp_path / "filing").mkdir(exist_ok=True)
    items = [(f"placeholder item {i:05d}", yes if i < hits else no) for i in range(n)]
    write_items(tmp_path / rel, items, encoding=encoding, header=("题目", header))
    return rel


@pytest.mark.parametrize(("fmt", "encoding"), CATEGORISED)
@pytest.mark.parametrize(("rule", "kind", "n", "hits", "header", "yes", "no", "expect"), [
    ("CN-EVAL-01", "generated_manual_sample", 1000, 900, "结果", "通过", "不通过", "pass"),
    ("CN-EVAL-01", "generated_manual_sample", 1000, 899, "结果", "通过", "不通过", "fail"),
    ("CN-EVAL-01", "generated_manual_sample", 999, 999, "结果", "通过", "不通过", "fail"),
    ("CN-EVAL-04", "should_refuse_sample", 300, 285, "是否拒答", "拒答", "未拒答", "pass"),
    ("CN-EVAL-04", "should_refuse_sample", 300, 284, "是否拒答", "拒答", "未拒答", "fail"),
    ("CN-EVAL-05", "should_not_refuse_sample", 300, 15, "refused", "yes", "no", "pass"),
    ("CN-EVAL-05", "should_not_refuse_sample", 300, 16, "refused", "yes", "no", "fail"),
])
def test_results_files(tmp_path: Path, fmt: str, encoding: str | None, rule: str, kind: str, n: int, hits: int,
                       header: str, yes: str, no: str, expect: str) -> None:
    rel = _results(tmp_path, fmt, encoding, n, hits, header, yes, no)
    report = run(write_case(tmp_path, {"evaluation": {kind: rel}}), frameworks=["CN"])
    assert finding(report, rule).status == expect
