"""Shared fixtures and helpers: build declarations from a base plus a patch, assess them."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from gaicheck.api import assess
from gaicheck.report.model import Finding, Report

TESTS = Path(__file__).parent
REPO = TESTS.parent
AS_OF = dt.date(2026, 11, 27)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden from the current output")


def deep_merge(base: Any, patch: Any) -> Any:
    """Dicts merge key by key; anything else (lists included) is replaced by the patch."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = deep_merge(base.get(k), v) if k in base else copy.deepcopy(v)
        return out
    return copy.deepcopy(patch)


def base_declaration() -> dict[str, Any]:
    """The base every rule case patches (tests/rules/base.yaml)."""
    return yaml.safe_load((TESTS / "rules" / "base.yaml").read_text(encoding="utf-8"))


def write_case(tmp: Path, patch: dict[str, Any], *, base: dict[str, Any] | None = None) -> Path:
    """Write base+patch as service.yaml in ``tmp`` with the files listed under ``_files``."""
    patch = dict(patch)
    files = patch.pop("_files", {}) or {}
    patch.pop("_as_of", None)
    patch.pop("_name", None)
    patch.pop("_missing", None)
    decl = deep_merge(base if base is not None else base_declaration(), patch)
    for rel, content in files.items():
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(str(content), encoding="utf-8")
    path = tmp / "service.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(path: Path, *, rule_params: dict[str, dict[str, Any]] | None = None, **kw: Any) -> Report:
    """Assess with the test date unless told otherwise.

    ``rule_params`` replaces rule parameters in the catalog for this run only — a test device that
    keeps artifact fixtures small (a 50-item sample instead of 4,000). Declarations cannot do this:
    ``settings.thresholds`` may only tighten a statutory figure (engine/overrides.py).
    """
    kw.setdefault("as_of", AS_OF)
    if not rule_params:
        return assess(str(path), **kw)
    from unittest import mock

    import gaicheck.catalog.load as catalog_load
    from gaicheck.record import replace

    real = catalog_load.load_catalog

    def patched(*args: Any, **kwargs: Any) -> Any:
        cat = real(*args, **kwargs)
        rules = tuple(
            replace(cr, rule=cr.rule.model_copy(update={"params": {**cr.rule.params, **rule_params[cr.rule.id]}}))
            if cr.rule.id in rule_params else cr
            for cr in cat.rules
        )
        return replace(cat, rules=rules)

    with mock.patch.object(catalog_load, "load_catalog", patched):
        return assess(str(path), **kw)


def finding(report: Report, rule_id: str) -> Finding:
    """The finding of ``rule_id`` in ``report`` (fails the test if absent)."""
    for f in report.findings:
        if f.rule == rule_id:
            return f
    raise AssertionError(f"{rule_id} not in report (rules: {[f.rule for f in report.findings]})")
