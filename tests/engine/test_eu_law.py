"""EU law as data (issue 18): rules/eu/_*.yaml hold the facts, derive/*.py only the logic."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any, get_args

import pytest

from gaicheck import datafiles
from gaicheck.declaration.eu import Annex3Id, Art5Point
from gaicheck.engine.derive import eu, eu_law
from gaicheck.errors import RuleDefinitionError
from tests.conftest import REPO, deep_merge

DERIVE = REPO / "src" / "gaicheck" / "engine" / "derive"
ISO_DATE = re.compile(r"(19|20)\d\d-\d\d-\d\d")


@pytest.mark.parametrize("path", sorted(DERIVE.glob("*.py")), ids=lambda p: p.name)
def test_derive_holds_no_dates_or_thresholds(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert not ISO_DATE.search(node.value), f"{path.name}:{node.lineno}: date literal {node.value!r}"
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            assert abs(node.value) < 100, f"{path.name}:{node.lineno}: threshold literal {node.value!r}"
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("date", "D"):
            pytest.fail(f"{path.name}:{node.lineno}: date constructed in code")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert not re.fullmatch(r"annex3\.\d\w?", node.value), f"{path.name}:{node.lineno}: Annex III id in code"


def test_data_ids_match_the_declaration_contract() -> None:
    law = eu_law.law()
    assert set(law.annex3) == set(get_args(Annex3Id))
    assert {f"art5.{k}" for k in law.art5} == set(get_args(Art5Point))


def _raws() -> dict[str, Any]:
    return {rel: copy.deepcopy(datafiles.load(rel)) for rel in eu_law.FILES}


@pytest.mark.parametrize(("rel", "path", "value", "what"), [
    ("eu/_law.yaml", ("cutoffs", "legacy_high_risk", "date"), "2026-02-30", "date"),
    ("eu/_law.yaml", ("cutoffs", "legacy_high_risk", "dat"), dt.date(2026, 8, 2), "unknown key"),
    ("eu/_annex3.yaml", ("points", "annex3.4a", "subjects"), "employees", "subjects"),
    ("eu/_obligations.yaml", ("obligations", "fria", "verified"), False, "unverified"),
])
def test_data_files_load_strictly(rel: str, path: tuple[str, ...], value: Any, what: str) -> None:
    raws = _raws()
    node = raws[rel]
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    with pytest.raises(RuleDefinitionError) as exc:
        eu_law.build(raws)
    assert rel in str(exc.value.location) and what in str(exc.value)


def test_packaged_data_is_what_runs() -> None:
    compiled = datafiles._compiled()
    for rel in eu_law.FILES:
        assert rel in compiled, f"{rel} missing from _compiled.json (run python -m gaicheck.datafiles)"


def test_a_changed_date_in_the_data_changes_the_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    decl = {"service": {"markets": ["EU"], "status": "live", "launch_date": dt.date(2026, 5, 1), "capabilities": ["writing"],
                        "output_modalities": ["text"]},
            "model": {"origin": "fine_tuned", "training_compute_flop": 1e20},
            "eu": {"roles": ["provider"], "intended_purposes": ["annex3.4a"], "product": {"annex1": []},
                   "prohibited_practices": {f"art5.{k}": False for k in "abcde"}}}
    as_of = dt.date(2028, 9, 1)
    before = eu.derive(copy.deepcopy(decl), as_of=as_of, timeline="omnibus_2026")
    assert before["hr_annex3_provider"] is False  # placed before the Art 111(2) cut-off: legacy system
    raws = _raws()
    raws["eu/_law.yaml"]["cutoffs"]["legacy_high_risk"]["date"] = dt.date(2026, 4, 1)
    monkeypatch.setattr(eu_law, "law", lambda: eu_law.build(raws))
    after = eu.derive(copy.deepcopy(decl), as_of=as_of, timeline="omnibus_2026")
    assert after["hr_annex3_provider"] is True


def test_systemic_threshold_comes_from_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    decl = {"service": {"markets": ["EU"]}, "model": {"training_compute_flop": 5e24},
            "eu": {"roles": ["provider"], "gpai": {"is_gpai_model": True}}}
    assert eu.derive(copy.deepcopy(decl), as_of=dt.date(2026, 11, 27), timeline="omnibus_2026")["gpai"] == "gpai"
    raws = _raws()
    raws["eu/_law.yaml"]["thresholds"]["systemic_flop"]["value"] = 1e24
    monkeypatch.setattr(eu_law, "law", lambda: eu_law.build(raws))
    assert eu.derive(copy.deepcopy(decl), as_of=dt.date(2026, 11, 27), timeline="omnibus_2026")["gpai"] == "gpai_systemic"


def test_baseline_after_the_omnibus_is_a_what_if() -> None:
    decl = deep_merge({"service": {"markets": ["EU"]}, "eu": {"roles": ["provider"]}}, {})
    later = eu.summary(eu.derive(copy.deepcopy(decl), as_of=dt.date(2026, 11, 27), timeline="baseline"), "en")
    assert later.get("what_if") is True and any("What-if" in n and "2026-07-27" in n for n in later["notes"])
    earlier = eu.summary(eu.derive(copy.deepcopy(decl), as_of=dt.date(2026, 7, 1), timeline="baseline"), "en")
    assert "what_if" not in earlier


def test_every_obligation_date_matches_some_rule() -> None:
    from gaicheck.catalog.load import load_catalog

    rule_dates = {(cr.rule.effective_by_timeline or {}).get("omnibus_2026") for cr in load_catalog(["EU"]).rules}
    for key, ob in eu_law.law().obligations.items():
        if ob.omnibus_2026 is not None and not key.startswith("hr_provider_annex1") and not key.startswith("hr_deployer_annex1"):
            assert ob.omnibus_2026 in rule_dates, key


def test_docs_law_data_section_is_current() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(REPO / "scripts" / "rules_eu_data.py"), "--check"], capture_output=True)
    assert done.returncode == 0, "docs/rules-eu.md is stale: python scripts/rules_eu_data.py --write"
