"""Helpers for the workflow and report tests: a fixed test rule pack and declarations to flip it.

The pack (tests/workflow/pack/cn) has one rule per severity, plus one that is ``manual`` when its
fact is not declared and one that cannot be waived:

    CN-TST-01 blocker, not waivable   service.status == live
    CN-TST-02 major                   safeguards.log_retention_months >= 6
    CN-TST-03 minor                   service.audience == business
    CN-TST-04 info                    "en" in service.languages
    CN-TST-05 major                   service.user_publishing == false (manual when undeclared)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest
import yaml
from click.testing import CliRunner, Result

from gaicheck.report.model import Finding, Report
from tests.conftest import deep_merge

PACK = Path(__file__).parent / "pack"
AS_OF = dt.date(2026, 11, 27)

GOOD: dict[str, Any] = {
    "gaicheck": 1,
    "service": {
        "name": "测试服务", "provider": "测试公司", "status": "live", "audience": "business",
        "languages": ["zh", "en"], "user_publishing": False,
    },
    "safeguards": {"log_retention_months": 6},
}

# Patches that make exactly one test rule fail (or be manual), by severity.
FAIL: dict[str, dict[str, Any]] = {
    "blocker": {"service": {"status": "planned"}},
    "major": {"safeguards": {"log_retention_months": 3}},
    "minor": {"service": {"audience": "public"}},
    "info": {"service": {"languages": ["zh"]}},
}
RULE_OF = {"blocker": "CN-TST-01", "major": "CN-TST-02", "minor": "CN-TST-03", "info": "CN-TST-04"}
MANUAL: dict[str, Any] = {"service": {"user_publishing": None}}


def declaration(*patches: dict[str, Any]) -> dict[str, Any]:
    """GOOD with ``patches`` merged in; a ``None`` value removes the key."""
    out: Any = GOOD
    for p in patches:
        out = deep_merge(out, p)
    return _drop_none(out)


def _drop_none(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _drop_none(v) for k, v in d.items() if v is not None}
    return d


def write(folder: Path, *patches: dict[str, Any], name: str = "service.yaml", text: Optional[str] = None) -> Path:
    """Write a declaration (GOOD + patches, or ``text`` verbatim) to ``folder/name``."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        text = yaml.safe_dump(declaration(*patches), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def assess(path: Path | str, *, as_of: dt.date = AS_OF, fail_on: str = "major", lang: str = "en",
           display: Optional[str] = None) -> Report:
    """Assess ``path`` with the test pack only (no shipped rules)."""
    from gaicheck.catalog.load import load_catalog
    from gaicheck.declaration.load import load_declaration
    from gaicheck.engine.documents import load_registry
    from gaicheck.engine.evaluate import evaluate

    loaded = load_declaration(str(path), display)
    return evaluate(loaded, load_catalog([], [PACK]), load_registry(), as_of=as_of, fail_on=fail_on, lang=lang,
                    tool_version="0.0.test", rules_version="0.0.test")


def finding(report: Report, rule: str) -> Finding:
    """The finding of ``rule``."""
    return next(f for f in report.findings if f.rule == rule)


@pytest.fixture
def only_test_pack(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``gaicheck assess`` load no shipped pack, so ``--rules-dir PACK`` is the whole catalog."""
    import gaicheck.api

    monkeypatch.setattr(gaicheck.api, "frameworks_for", lambda markets: ["(none)"])
    yield


def cli(*args: str) -> Result:
    """Run ``gaicheck assess ARGS --rules-dir PACK --as-of AS_OF`` in-process (use with only_test_pack)."""
    from gaicheck.cli import main

    return CliRunner().invoke(
        main, ["assess", *args, "--rules-dir", str(PACK), "--as-of", AS_OF.isoformat(), "--lang", "en"],
        catch_exceptions=False,
    )
