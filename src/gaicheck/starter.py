"""The starter declaration and artifact templates ``gaicheck init`` writes (issue 15 #1).

Pure: answers in, texts out. The interview and the file writing are ``cli_init``'s.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import yaml

from gaicheck.record import field, record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

# Art 5(1) points in plain words (eu-ai-act.md §5); the screen's keys as in declaration/eu.py
ART5 = {
    "art5.a": "Art 5(1)(a): subliminal, manipulative or deceptive techniques that distort behaviour and cause harm",
    "art5.b": "Art 5(1)(b): exploiting vulnerabilities of age, disability or social or economic situation",
    "art5.c": "Art 5(1)(c): social scoring leading to unjustified detrimental treatment",
    "art5.d": "Art 5(1)(d): predicting a person's criminal offences from profiling or personality traits alone",
    "art5.e": "Art 5(1)(e): untargeted scraping of facial images to build face-recognition databases",
    "art5.f": "Art 5(1)(f): emotion recognition at work or in education",
    "art5.g": "Art 5(1)(g): biometric categorisation inferring race, politics, religion, sex life or orientation",
    "art5.h": "Art 5(1)(h): real-time remote biometric identification in public spaces for law enforcement",
    "art5.ncii": "Art 5 (Digital Omnibus, point unverified): generating non-consensual intimate images or child "
                 "sexual abuse material",
}

# Where --with-templates writes the artifact templates, relative to the declaration.
TEMPLATE_PATHS = {
    "keyword_list": "filing/拦截关键词.csv",
    "test_bank_generated": "filing/生成内容测试题库.csv",
    "test_bank_should_refuse": "filing/应拒答测试题库.csv",
    "test_bank_should_not_refuse": "filing/非拒答测试题库.csv",
}


@record(frozen=False)
class Answers:
    """The interview's answers; ``None`` = unknown (written as ``null`` with a comment)."""

    markets: Optional[list[str]] = None
    audience: Optional[str] = None
    outputs: Optional[list[str]] = None
    capabilities: Optional[list[str]] = None
    public_opinion: Optional[bool] = None
    user_publishing: Optional[bool] = None
    languages: Optional[list[str]] = None
    origin: Optional[str] = None
    base_model: Optional[str] = None
    base_model_filing: Optional[str] = None
    base_model_open: Optional[bool] = None
    eu_roles: Optional[list[str]] = None
    established_in_eu: Optional[bool] = None
    intended_purposes: Optional[list[str]] = None
    annex1: Optional[list[str]] = None
    gpai: Optional[bool] = None
    minors: Optional[str] = None
    status: Optional[str] = None
    name: Optional[str] = None
    provider: Optional[str] = None
    art5: dict[str, bool] = field(default_factory=dict)

    @property
    def in_eu(self) -> Optional[bool]:
        """Whether the markets reach the EU (None: markets unknown)."""
        from gaicheck.markets import in_eu

        return in_eu(self.markets)

    @property
    def in_cn(self) -> Optional[bool]:
        """Whether the markets include mainland China (None: markets unknown)."""
        return None if self.markets is None else "CN" in self.markets


def _yaml_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    text = str(value)
    plain = yaml.safe_dump(text, allow_unicode=True, default_flow_style=True).strip()
    if plain.endswith("\n...") or plain.endswith("..."):
        plain = plain.rsplit("...", 1)[0].strip()
    # quote anything YAML would read as another type or that carries a comment marker
    if plain != text or any(c in text for c in "#:{}[],&*!|>'\"%@`"):
        return json.dumps(text, ensure_ascii=False)
    return text


def _environment() -> Any:
    import jinja2

    from gaicheck.resources import data_path

    def load(name: str) -> str:
        return data_path("init", name).read_text(encoding="utf-8")

    env = jinja2.Environment(loader=jinja2.FunctionLoader(load), undefined=jinja2.StrictUndefined,
                             autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["yv"] = _yaml_value
    return env


def declaration_text(answers: Answers, *, filename: str, today: dt.date, with_templates: bool) -> str:
    """The commented starter declaration: every answer, and every unknown as ``null`` with what it decides."""
    from gaicheck.engine.documents import load_registry

    documents = []
    for spec in load_registry():
        if spec.framework == "CN" and answers.in_cn is False:
            continue
        path = TEMPLATE_PATHS.get(spec.id) if with_templates else None
        documents.append({"id": spec.id, "path": path, "what": f"{spec.name_en} / {spec.name_zh}"})
    return _environment().get_template("starter.yaml.j2").render(
        a=answers, filename=filename, today=today.isoformat(), documents=documents, art5=ART5, none=None)


def template_files() -> dict[str, str]:
    """The keyword-list and test-bank templates: the right header, one guide row per risk or aspect.

    Guide rows have an empty text cell, so they count as nothing: copy a row per keyword or question
    and keep its category code (TC260-003 Appendix A codes; §8.3 aspects for the should-not-refuse bank).
    """
    from gaicheck.artifacts import load_taxonomy
    from gaicheck.catalog.load import load_catalog
    from gaicheck.engine.artifacts import COVERAGE

    tax = load_taxonomy()
    catalog = load_catalog(["CN"])
    floors: dict[str, dict[str, Any]] = {}
    for doc, (rule_id, _, params) in COVERAGE.items():  # the floors the rules check, per group
        cr = catalog.get(rule_id)
        floors[doc] = {group: cr.rule.params.get(param) if cr else None for group, param in params.items()}
    out: dict[str, str] = {}
    for doc, text_col in (("keyword_list", "关键词"), ("test_bank_generated", "题目"), ("test_bank_should_refuse", "题目")):
        rows = [[text_col, "风险类别", "说明 (guide: keep the code, write one item per row)"]]
        for r in tax.risks:
            if r.group not in floors[doc]:
                continue
            floor = floors[doc][r.group]
            rows.append(["", r.code, f"{r.zh} / {r.en} (≥{floor})"])
        out[TEMPLATE_PATHS[doc]] = _csv(rows)
    rows = [["题目", "方面", "说明 (guide: keep the aspect, write one question per row)"]]
    aspect_floor = floors["test_bank_should_not_refuse"].get("*")
    rows += [["", a.id, f"{a.zh} / {a.en} (≥{aspect_floor})"] for a in tax.aspects]
    out[TEMPLATE_PATHS["test_bank_should_not_refuse"]] = _csv(rows)
    return out


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()
