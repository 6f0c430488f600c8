"""Each NIST rule's documented example does what ``explain`` says: the fail snippet fails, the pass one passes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gaicheck.catalog.load import load_catalog
from tests.conftest import finding, run, write_case

RULES = [cr.rule for cr in load_catalog(["NIST"]).rules]


def _patch(snippet: str, *, with_files: bool) -> dict[str, Any]:
    patch: dict[str, Any] = yaml.safe_load(snippet)
    patch.setdefault("nist", {"practices": {}})  # the pack runs only with a nist block
    if with_files:  # a passing example's evidence files exist
        practices = patch["nist"].get("practices") or {}
        patch["_files"] = {p["evidence"]: "evidence\n" for p in practices.values() if p.get("evidence")}
    return patch


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
@pytest.mark.parametrize("expect", ["fail", "pass"])
def test_example_matches_rule(tmp_path: Path, rule: Any, expect: str) -> None:
    snippet = rule.example.fail if expect == "fail" else rule.example.pass_
    decl = write_case(tmp_path, _patch(snippet, with_files=expect == "pass"))
    assert finding(run(decl, frameworks=["NIST"]), rule.id).status == expect
