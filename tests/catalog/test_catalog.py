"""The shipped catalog loads strictly, every rule is complete, and malformed rules are located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.catalog.explain import SECTIONS, explain_text
from gaicheck.catalog.load import load_catalog
from gaicheck.errors import RuleDefinitionError

GOOD_RULE = """id: XX-TST-01
name: test-rule
framework: CN
severity: minor
waivable: true
verified: true
citations: [{instrument: TEST, ref: Art 1}]
check: {field: service.audience, equals: public}
location: service.audience
title: {zh: 标题, en: title}
message: {zh: 消息, en: message}
remediation: {zh: 整改, en: fix}
why: {zh: 原因, en: why}
example: {fail: "a: 1", pass: "a: 2"}
"""


def test_shipped_rules_parse_strictly() -> None:
    # strict=True re-reads every file with the duplicate-key/tag-checking loader
    catalog = load_catalog(strict=True)
    assert catalog.rules
    ids = [cr.rule.id for cr in catalog.rules]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_rule_explains_every_section(lang: str) -> None:
    for cr in load_catalog().rules:
        text = explain_text(cr.rule, lang)
        for section in SECTIONS[lang]:
            assert f"## {section}" in text, (cr.rule.id, section)
        for c in cr.rule.citations:
            assert str(c) in text


def _pack(tmp_path: Path, rule_text: str, name: str = "XX-TST-01.yaml") -> Path:
    pack = tmp_path / "extra" / "p"
    pack.mkdir(parents=True)
    (pack / "_pack.yaml").write_text("framework: CN\ntitle: {zh: 测试, en: test}\n", encoding="utf-8")
    (pack / name).write_text(rule_text, encoding="utf-8")
    return tmp_path / "extra"


def test_extra_rule_dir_loads(tmp_path: Path) -> None:
    catalog = load_catalog(["CN"], [_pack(tmp_path, GOOD_RULE)])
    assert catalog.get("XX-TST-01") is not None


@pytest.mark.parametrize(
    ("mutate", "line", "words"),
    [
        (lambda t: t.replace("severity: minor", "severity: critical"), 4, "severity"),
        (lambda t: t + "colour: red\n", 15, "unknown key"),
        (lambda t: t.replace("equals: public", "equal: public"), 8, "unknown operator 'equal'"),
        (lambda t: t.replace("verified: true", "verified: false"), 1, "unverified"),
        (lambda t: t.replace("severity: minor\n", "severity: minor\nseverity: major\n"), 5, "duplicate key"),
    ],
)
def test_malformed_rule_is_located(tmp_path: Path, mutate, line: int, words: str) -> None:  # type: ignore[no-untyped-def]
    extra = _pack(tmp_path, mutate(GOOD_RULE))
    with pytest.raises(RuleDefinitionError) as err:
        load_catalog(["CN"], [extra])
    assert f"XX-TST-01.yaml:{line}" in str(err.value)
    assert words in str(err.value)


def test_file_name_must_match_id(tmp_path: Path) -> None:
    with pytest.raises(RuleDefinitionError, match="must live in XX-TST-01.yaml"):
        load_catalog(["CN"], [_pack(tmp_path, GOOD_RULE, name="other.yaml")])
