"""The fast declaration path (no pydantic) gives exactly what the pydantic models give.

For every declaration we have (examples, the rule-case base and every rule case, the golden
inputs) the fast path's data equals ``model_dump()`` of the model and the reports are identical;
over mutated declarations the fast path and the models agree on valid / invalid.
"""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaicheck.declaration import fast
from gaicheck.declaration import load as dload
from gaicheck.errors import InputError
from gaicheck.yamlsafe import Positions, load_bytes
from tests.conftest import AS_OF, REPO, TESTS, base_declaration, deep_merge

EXAMPLES = sorted((REPO / "examples").glob("*/service.yaml"))
NOWHERE = Positions("<mutated>", {}, {})


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = [(p.parent.name, load_bytes(p.read_bytes(), str(p))[0]) for p in EXAMPLES]
    base = base_declaration()
    out.append(("rules/base.yaml", base))
    for f in sorted((TESTS / "rules" / "cases").glob("*.yaml")):
        for expect, cases in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).items():
            for i, case in enumerate(cases or []):
                patch = {k: v for k, v in case.items() if not k.startswith("_")}
                out.append((f"{f.stem}-{expect}-{case.get('_name', i)}", deep_merge(base, patch)))
    return out


CASES = _cases()


def _model_path(raw: Any) -> Any:
    """The pydantic path: model_dump() of the validated model, or the InputError it raises."""
    try:
        decl = dload.validate(copy.deepcopy(raw), NOWHERE)  # with strict_booleans, as a run does
    except InputError as exc:
        return exc
    return decl.model_dump(mode="python")


def _fast_path(raw: Any) -> Any:
    """What a run takes from the fast path: None when it leaves the declaration to the models."""
    try:
        dload._precheck(raw, NOWHERE)  # the checks both paths share (mapping, version, NaN)
    except InputError:
        return None
    return fast.validate(copy.deepcopy(raw))


def test_fast_schema_is_current() -> None:
    assert fast.is_current(), "src/gaicheck/_declaration.pickle is stale: run python -m gaicheck.datafiles"


def test_the_fast_validator_is_in_use() -> None:
    assert fast._validator() is not None


@pytest.mark.parametrize(("name", "raw"), CASES, ids=[c[0] for c in CASES])
def test_fast_path_equals_model_dump(name: str, raw: dict[str, Any]) -> None:
    expected = _model_path(raw)
    got = _fast_path(raw)
    if isinstance(expected, InputError):
        assert got is None, f"{name}: the fast path accepted what the models reject ({expected})"
    else:
        assert got is not None, f"{name}: valid, but the fast path did not accept it"
        assert got == expected
        assert type(got["service"]) is dict


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reports_are_identical_without_the_fast_path(example: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from gaicheck.api import assess
    from gaicheck.report import RENDERERS

    quick = assess(str(example), as_of=AS_OF, lang=lang)
    monkeypatch.setattr(fast, "validate", lambda raw: None)
    slow = assess(str(example), as_of=AS_OF, lang=lang)
    assert RENDERERS["json"](quick) == RENDERERS["json"](slow)
    assert RENDERERS["terminal"](quick) == RENDERERS["terminal"](slow)


def test_errors_are_the_models_errors(tmp_path: Path) -> None:
    text = EXAMPLES[0].read_text(encoding="utf-8").replace("service:\n", "service:\n  proivder_typo: x\n", 1)
    path = tmp_path / "service.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        dload.load_declaration(str(path))
    line = text.splitlines().index("  proivder_typo: x") + 1
    assert "unknown key 'proivder_typo'; did you mean 'provider'?" in str(exc.value)
    assert (exc.value.location.line, exc.value.location.column) == (line, 3)


def test_a_quoted_no_is_refused_by_both() -> None:
    raw = copy.deepcopy(CASES[0][1])
    raw["service"]["user_publishing"] = "no"
    assert fast.validate(raw) is None
    assert "write true or false, not quoted text" in str(_model_path(raw))


def test_a_stale_schema_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast, "fingerprint", lambda version: "edited models")
    fast._validator.cache_clear()
    try:
        assert fast.validate(CASES[0][1]) is None
    finally:
        monkeypatch.undo()
        fast._validator.cache_clear()
    assert fast.validate(CASES[0][1]) is not None


def test_assess_imports_neither_pydantic_nor_its_python_package() -> None:
    code = ("import sys\nfrom gaicheck.api import assess\n"
            f"assess({str(EXAMPLES[0])!r})\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['pydantic_core._pydantic_core']"


# ---------------------------------------------------------------- mutations

def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, path + (i,))
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        node = node[p]
    return node


ODD = [None, True, False, 0, 1, -1, 7, 2.5, 1e30, "", " ", "no", "yes", "true", "off", "0", "NO", "CN", "EU", "DE",
       "XX", "public", "implemented", "GOVERN-1.1", "GOVERN-9.9", "2026-01-01", dt.date(2026, 1, 1), [], {}, ["CN"],
       ["text"], {"x": 1}, {"size": 10, "passed": 9}, "CN-SVC-01", "text"]


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    name, raw = draw(st.sampled_from(CASES))
    raw = copy.deepcopy(raw)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(raw)[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _get(raw, path[:-1]), path[-1]
        op = draw(st.sampled_from(["odd", "elsewhere", "delete", "unknown"]))
        if op == "odd":
            parent[key] = copy.deepcopy(draw(st.sampled_from(ODD)))
        elif op == "elsewhere":  # a value that is valid somewhere else in some declaration
            other = draw(st.sampled_from(CASES))[1]
            parent[key] = copy.deepcopy(_get(other, draw(st.sampled_from(_paths(other)))))
        elif op == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["bogus", "enabled", "name", "status", "required"]))] = draw(st.sampled_from(ODD))
    return raw


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_path_and_models_agree_on_mutated_declarations(raw: dict[str, Any]) -> None:
    expected = _model_path(raw)
    got = _fast_path(raw)
    if isinstance(expected, InputError):
        assert got is None, f"fast path accepted what the models reject: {expected}"
    else:
        assert got == expected


def test_pydantic_imported_after_the_fast_path_shares_its_extension_module(tmp_path: Path) -> None:
    # the fast path loads pydantic-core's extension without its package; a later pydantic import
    # (the error path, filing commands) must find and reuse that one module, not load it twice
    bad = EXAMPLES[0].read_text(encoding="utf-8").replace("service:\n", "service:\n  bogus: 1\n", 1)
    code = (
        "import sys\nfrom gaicheck.declaration.load import load_declaration_text\n"
        f"ok = load_declaration_text(open({str(EXAMPLES[0])!r}, encoding='utf-8').read())\n"
        "assert 'pydantic' not in sys.modules and 'pydantic_core' not in sys.modules\n"
        "core = sys.modules['pydantic_core._pydantic_core']\n"
        "from gaicheck.errors import InputError\n"
        f"try:\n    load_declaration_text({bad!r})\nexcept InputError as exc:\n    print(exc)\n"
        "import pydantic, pydantic_core, pydantic.version\n"
        "assert pydantic_core.SchemaValidator is core.SchemaValidator\n"
        "print('pydantic-core' in pydantic.version.version_info())\n"
        "print(ok.declaration.service.name == ok.data['service']['name'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert "unknown key 'bogus'" in out[0] and out[1:] == ["True", "True"]
