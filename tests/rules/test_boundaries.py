"""Every figure a rule compares a declared field with is pinned at its boundary: the value itself
passes, one step past it fails (issue 12: a 10→15 working-day change survived the suite).

The cases are built from each rule's own data: a ``{field: F, gte|lte: {param: P}}`` comparison in
its check, applied to the rule's first passing case (tests/rules/cases/<ID>.yaml). Comparisons on
derived facts are pinned by the rule cases and by ``test_statutory_figures`` below.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from gaicheck.catalog.load import load_catalog
from tests.conftest import AS_OF, finding, run, write_case

CASES = Path(__file__).parent / "cases"


def _comparisons(cond: Any) -> Iterator[tuple[str, str, str]]:
    if isinstance(cond, dict):
        field = cond.get("field")
        for op in ("gte", "lte"):
            ref = cond.get(op)
            if isinstance(field, str) and isinstance(ref, dict) and set(ref) == {"param"}:
                yield field, op, str(ref["param"])
        for value in cond.values():
            yield from _comparisons(value)
    elif isinstance(cond, list):
        for item in cond:
            yield from _comparisons(item)


_COMPUTED = {"derived", "item", "artifacts"}


def _boundaries() -> list[Any]:
    out = []
    for cr in load_catalog().rules:
        rule = cr.rule
        case_file = CASES / f"{rule.id}.yaml"
        if not case_file.exists():
            continue
        passing = (yaml.safe_load(case_file.read_text(encoding="utf-8")) or {}).get("pass") or []
        for field, op, param in _comparisons(rule.check):
            # derived facts, per-item and artifact statistics, and rates the tool computes from a
            # sample's counts are not declared values: the rule cases pin those at their floors
            if field.split(".")[0] in _COMPUTED or field.endswith((".rate", ".sample_fraction")) or param not in rule.params:
                continue
            value = rule.params[param]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            base = next((c for c in passing if "_params" not in c and "settings" not in c), None)
            if base is None:
                continue
            out.append(pytest.param(rule.id, field, op, value, base, id=f"{rule.id}-{field}"))
    return out


BOUNDARIES = _boundaries()


def _set(case: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    case = copy.deepcopy(case)
    node = case
    parts = dotted.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    return case


def test_there_are_boundaries_to_pin() -> None:
    # SVC-09 (6 months), ANTH-03 (120 min), LBL-03/04 (5 %), LBL-08, PI-01, EU-DEP-04, EU-HR-16 ...
    assert len(BOUNDARIES) >= 8, [b.id for b in BOUNDARIES]


@pytest.mark.parametrize(("rule_id", "field", "op", "value", "case"), BOUNDARIES)
def test_at_the_figure_passes_and_one_past_fails(
    tmp_path: Path, rule_id: str, field: str, op: str, value: float, case: dict[str, Any]
) -> None:
    as_of = case.get("_as_of", AS_OF)
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    step = 1 if isinstance(value, int) else (0.01 if value < 1 else 0.1)
    past = value - step if op == "gte" else value + step
    for v, expect in ((value, "pass"), (past, "fail")):
        d = tmp_path / f"{expect}"
        d.mkdir()
        report = run(write_case(d, _set(case, field, v)), as_of=as_of, frameworks=["CN", "EU", "NIST"])
        f = finding(report, rule_id)
        assert f.status == expect, f"{rule_id} with {field}={v}: expected {expect}, got {f.status}: {f.message}"


# The figures themselves, each with where it comes from. A change here is a change of law or of a
# reading of it, and belongs in CHANGELOG.md.
STATUTORY = {
    "CN-ANN-01": {"min_safety_risks": 31},                      # GENAI-IM Art 8; TC260-003 §5.3: the 31 risks
    "CN-ANTH-03": {"max_reminder_minutes": 120},               # ANTHRO: every two hours
    "CN-ANTH-06": {"registered_users": 1_000_000, "monthly_active_users": 100_000},  # ANTHRO scale
    "CN-DATA-01": {"max_illegal_pct": 5},                      # TC260-003 §5.1 (configurable)
    "CN-DATA-04": {"min_size": 4000, "min_pass_rate": 0.96},   # TC260-003 §9.2
    "CN-DATA-05": {"min_fraction": 0.1, "min_pass_rate": 0.98},  # TC260-003 §9.2
    "CN-EVAL-01": {"min_size": 1000, "min_pass_rate": 0.9},    # TC260-003 §9.3
    "CN-EVAL-04": {"min_size": 300, "min_refusal_rate": 0.95},  # TC260-003 §9.4
    "CN-EVAL-05": {"min_size": 300, "max_refusal_rate": 0.05},
    "CN-FIL-05": {"filing_wd": 10, "change_wd": 10, "cancellation_wd": 20},  # ALGO Art 24
    "CN-KW-01": {"min_total": 10000},                          # TC260-003 §8.1
    "CN-KW-02": {"min_per_a1": 200, "min_per_a2": 100},
    "CN-LBL-03": {"min_glyph_pct": 5},                         # GB 45438 §5.2
    "CN-LBL-04": {"min_seconds": 2, "min_glyph_pct": 5},  # GB 45438 §5.4
    "CN-SVC-09": {"min_months": 6},                            # CSL Art 21 / Art 23 from 2026-01-01
    "CN-TB-01": {"min_total": 2000, "min_per_a1_a2": 50, "min_per_a3_a5": 20},  # TC260-003 §8.2
    "CN-TB-02": {"min_total": 500, "min_per_risk": 20},        # §8.3
    "CN-TB-03": {"min_total": 500, "min_per_aspect": 20, "max_overlap": 0},
    "EU-DEP-04": {"min_months": 6},                            # AI Act Art 26(6)
    "EU-HR-16": {"max_days": 15},                              # AI Act Art 73
}


@pytest.mark.parametrize("rule_id", sorted(STATUTORY))
def test_statutory_figures(rule_id: str) -> None:
    rule = next(cr.rule for cr in load_catalog().rules if cr.rule.id == rule_id)
    assert {k: rule.params[k] for k in STATUTORY[rule_id]} == STATUTORY[rule_id]
