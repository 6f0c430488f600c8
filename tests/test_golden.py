"""Golden reports of the shipped examples (regenerate on purpose: pytest --update-golden).

The verdicts these files pin are explained in the README ("The examples and their verdicts").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.api import assess
from gaicheck.report import RENDERERS
from tests.conftest import AS_OF, REPO

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = sorted(p.parent.name for p in (REPO / "examples").glob("*/service.yaml"))
CASES = [(e, fmt, lang) for e in EXAMPLES for fmt, lang in (("json", "en"), ("terminal", "en"), ("terminal", "zh"))]


@pytest.mark.parametrize(("example", "fmt", "lang"), CASES, ids=[f"{e}-{f}-{lang}" for e, f, lang in CASES])
def test_golden(example: str, fmt: str, lang: str, request: pytest.FixtureRequest) -> None:
    path = REPO / "examples" / example / "service.yaml"
    report = assess(str(path), display=f"examples/{example}/service.yaml", as_of=AS_OF, lang=lang)
    text = RENDERERS[fmt](report)
    suffix = "json" if fmt == "json" else f"{lang}.txt"
    golden = GOLDEN / f"{example}.{suffix}"
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs: review, then pytest --update-golden"


def test_no_stale_golden_files() -> None:
    expected = {f"{e}.json" for e in EXAMPLES} | {f"{e}.{lang}.txt" for e in EXAMPLES for lang in ("en", "zh")}
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.name not in expected)
    assert not stale, f"golden files for examples that no longer exist: {stale}"
