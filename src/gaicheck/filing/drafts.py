"""Pre-filled drafts of the filing documents, rendered from ``templates/`` (Jinja2, StrictUndefined).

Each document has one template (``templates/cn/<id>.j2``) that calls the block functions of a
writer (:mod:`gaicheck.filing.markup`). It is rendered twice over:

- ``<stem>.md`` — the **working draft**: annotated with sources, English glosses, the gap list,
  the commitments the declaration contradicts, and provenance;
- ``<stem>.docx`` — the **submission copy**: clean Chinese, in the shipped Word template
  (:mod:`gaicheck.filing.word`), with 【待补充：…】 wherever a fact is missing.

:func:`render_drafts` returns every file as bytes without writing anything. Drafts carry counts and
hashes of the keyword list and test banks, never their items (those are confidential). Drafts are
route-aware: a registration (登记) service gets the registration form and never a training,
corpus or annotation question; a clause that does not apply says why.
"""

from __future__ import annotations

import re

import jinja2

from gaicheck.declaration.load import LoadedDeclaration
from gaicheck.filing.context import ARTIFACT_DOCS, build_context
from gaicheck.filing.markup import WRITERS, Writer
from gaicheck.filing.vocabulary import word, words
from gaicheck.record import field, record
from gaicheck.report.model import Report
from gaicheck.resources import data_path
from gaicheck.textsafe import clean as _clean_text

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional

__all__ = ["ARTIFACT_DOCS", "CN_DRAFTS", "EU_DRAFT", "EXTRA_DRAFTS", "INDEX", "DraftError", "DraftSpec",
           "RenderedFile", "build_context", "environment", "render_drafts", "select_drafts"]

GAP = "【待补充：{}】"


@record
class DraftSpec:
    """A document the drafts cover: its id, template and file stem.

    ``registration`` replaces template and stem on the registration route; ``when`` decides
    drafts that are not filing materials of ``rules/documents.yaml`` (the DS Art 15 and SA2018
    assessments); ``rules`` are the rules whose failure means the declaration contradicts a
    commitment of this document (listed in the working draft, never written into the document).
    """

    doc_id: str
    template: str
    stem: str
    title: str = ""
    rules: tuple[str, ...] = ()
    registration: Optional[tuple[str, str]] = None
    when: Optional[Callable[[Report], bool]] = field(default=None, compare=False)
    lang: str = "zh"

    def for_route(self, route: Optional[str]) -> tuple[str, str]:
        """(template, stem) on ``route``."""
        if route == "registration" and self.registration:
            return self.registration
        return self.template, self.stem


def _applies(rule: str) -> Callable[[Report], bool]:
    def decide(report: Report) -> bool:
        return any(f.rule == rule and f.status != "not_applicable" for f in report.findings)
    return decide


# The documents drafted for the China path, in the order of the filing package (cn.md §6).
CN_DRAFTS: tuple[DraftSpec, ...] = (
    DraftSpec("filing_form", "cn/filing_form.j2", "00_上线备案表", "生成式人工智能服务上线备案表",
              ("CN-FIL-01", "CN-FIL-02", "CN-FIL-03", "CN-FIL-04"), registration=("cn/registration_form.j2", "00_登记表")),
    DraftSpec("security_assessment_report", "cn/security_assessment_report.j2", "01_附件1_安全自评估报告",
              "生成式人工智能服务安全自评估报告", ("CN-FIL-07", "CN-FIL-08")),
    DraftSpec("service_agreement", "cn/service_agreement.j2", "02_附件2_模型服务协议", "服务协议",
              ("CN-SVC-04", "CN-LBL-11", "CN-DS-01", "CN-LBL-01", "CN-LBL-05", "CN-LBL-06", "CN-LBL-08")),
    DraftSpec("annotation_rules", "cn/annotation_rules.j2", "03_附件3_语料标注规则", "语料标注规则",
              ("CN-ANN-01", "CN-ANN-02", "CN-ANN-03")),
    DraftSpec("algorithm_self_assessment_report", "cn/algorithm_self_assessment_report.j2", "10_算法安全自评估报告",
              "算法安全自评估报告", ("CN-FIL-01",)),
    DraftSpec("security_management_policy", "cn/security_management_policy.j2", "11_网络安全管理制度",
              "网络安全管理制度", ("CN-SVC-09", "CN-ETH-01", "CN-DS-04")),
    DraftSpec("emergency_response_plan", "cn/emergency_response_plan.j2", "12_应急处置预案", "应急处置预案",
              ("CN-SVC-06",)),
    DraftSpec("complaint_handling_policy", "cn/complaint_handling_policy.j2", "13_用户投诉举报处理制度",
              "用户投诉举报处理制度", ("CN-SVC-05",)),
    DraftSpec("user_management_policy", "cn/user_management_policy.j2", "14_用户管理制度", "用户管理制度",
              ("CN-SVC-08", "CN-SVC-02", "CN-SVC-10", "CN-SVC-11")),
    DraftSpec("personal_information_policy", "cn/personal_information_policy.j2", "15_个人信息保护制度",
              "个人信息保护制度", ("CN-DATA-06", "CN-DS-01", "CN-PI-01", "CN-PI-02", "CN-SVC-07")),
    DraftSpec("security_training_policy", "cn/security_training_policy.j2", "16_安全培训制度", "安全培训制度"),
    DraftSpec("security_officer_appointment", "cn/security_officer_appointment.j2", "17_网络安全负责人任命书",
              "网络安全（算法安全）负责人任命书"),
)
# Assessments the law requires that are not annexes of the filing form: drafted when their rule applies.
EXTRA_DRAFTS: tuple[DraftSpec, ...] = (
    DraftSpec("deep_synthesis_assessment", "cn/deep_synthesis_assessment.j2", "20_深度合成安全评估报告",
              "深度合成服务安全评估报告", ("CN-DS-02", "CN-DS-01"), when=_applies("CN-DS-02")),
    DraftSpec("sa2018_assessment", "cn/sa2018_assessment.j2", "21_互联网信息服务安全评估报告",
              "具有舆论属性或社会动员能力的互联网信息服务安全评估报告", ("CN-SA-01",), when=_applies("CN-SA-01")),
)
EU_DRAFT = DraftSpec("eu_technical_documentation", "eu/technical_documentation.j2", "90_EU_technical_documentation",
                     "EU AI Act documentation outline", lang="en")
INDEX = DraftSpec("index", "index.j2", "00_README_草稿说明", "备案材料草稿说明")


@record
class RenderedFile:
    """One output file: its name inside the output folder, and its bytes."""

    name: str
    data: bytes


class DraftError(RuntimeError):
    """A template failed to render (a missing variable, a syntax error): a bug (exit 3), never partial output."""


class _ResourceLoader(jinja2.BaseLoader):
    """Loads templates from package data (importlib.resources), never from the working directory."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        parts = template.split("/")
        if any(p in ("", ".", "..") for p in parts):
            raise jinja2.TemplateNotFound(template)
        node = data_path("templates", *parts)
        if not node.is_file():
            raise jinja2.TemplateNotFound(template)
        return node.read_text(encoding="utf-8"), f"templates/{template}", lambda: True

    def list_templates(self) -> list[str]:
        out: list[str] = []

        def walk(node: Any, prefix: str) -> None:
            for child in sorted(node.iterdir(), key=lambda c: c.name):
                if child.is_dir():
                    walk(child, f"{prefix}{child.name}/")
                elif child.name.endswith(".j2"):
                    out.append(prefix + child.name)

        walk(data_path("templates"), "")
        return out


def environment() -> jinja2.Environment:
    """The Jinja2 environment: undefined variables are errors; no autoescape (writers escape)."""
    env = jinja2.Environment(
        loader=_ResourceLoader(), undefined=jinja2.StrictUndefined, autoescape=False,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, finalize=_shown,
    )
    env.filters["pct"] = _pct
    env.filters["num"] = _num
    return env


def _shown(value: Any) -> Any:
    """Every printed value: control and bidi characters as <U+XXXX> (issue 13 #3)."""
    return _clean_text(value) if isinstance(value, str) else value


def _pct(rate: Optional[float]) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _num(n: Any) -> str:
    if isinstance(n, bool) or n is None:
        return str(n)
    if isinstance(n, int):
        return f"{n:,}"
    if isinstance(n, float):
        return f"{n:.3g}"
    return str(n)


class _Gaps:
    """Collects the gap markers one render prints, in order, without repeats."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def gap(self, what: str) -> str:
        if what not in self.items:
            self.items.append(what)
        return GAP.format(what)

    def val(self, value: Any, what: str, *, kind: Optional[str] = None) -> str:
        """``value`` for print (lists joined with 、, codes as words of ``kind``), or a gap."""
        if value is None or value == "" or value == [] or value == {}:
            return self.gap(what)
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, (list, tuple)):
            return words(kind, value) if kind else "、".join(str(v) for v in value)
        if kind:
            return word(kind, value)
        return _num(value) if isinstance(value, (int, float)) else str(value)

    def yn(self, value: Any, what: str) -> str:
        """是 / 否, or a gap."""
        return self.val(value, what) if value is None else ("是" if value else "否")


def render_one(env: jinja2.Environment, template: str, ctx: dict[str, Any], *, fmt: str = "md",
               clean: bool = False, lang: str = "zh-CN") -> tuple[Writer, list[str]]:
    """Render ``template`` with a ``fmt`` writer; returns the writer (blocks collected) and the gaps.

    Two passes: the first collects the gaps so the second can list them at the top.
    """
    try:
        tpl = env.get_template(template)
        first, second = _Gaps(), _Gaps()
        for gaps, pending in ((first, []), (second, first.items)):
            writer = WRITERS[fmt](clean=clean, **({"lang": lang} if fmt == "docx" else {}))
            stray = tpl.render(ctx, t=writer, clean=clean, gap=gaps.gap, val=gaps.val, yn=gaps.yn, w=word,
                               ws=words, pending=pending)
    except (jinja2.TemplateError, ValueError) as exc:
        where = f"{exc.filename}:{exc.lineno}" if isinstance(exc, jinja2.TemplateSyntaxError) else template
        raise DraftError(f"template {where} failed to render: {exc}") from None
    if stray.strip():
        # Every word of a draft goes through a writer call; loose text would reach one format only.
        snippet = re.sub(r"\s+", " ", stray.strip())[:60]
        raise DraftError(f"template {template} has text outside a block call: {snippet!r}")
    return writer, second.items


def _render_one(env: jinja2.Environment, template: str, ctx: dict[str, Any]) -> tuple[str, list[str]]:
    """The Markdown working draft of ``template`` and its gaps (tests and the index)."""
    writer, pending = render_one(env, template, ctx)
    return writer.finish(), pending


def select_drafts(report: Report) -> list[DraftSpec]:
    """The drafts for the service's path: CN documents required (or undetermined), the assessments
    whose rule applies, and the EU outline where the EU applies."""
    wanted = {d.id for d in report.documents if d.framework == "CN" and d.required is not False}
    out = [spec for spec in CN_DRAFTS if spec.doc_id in wanted]
    out += [spec for spec in EXTRA_DRAFTS if spec.when is not None and spec.when(report)]
    if (report.jurisdictions.get("EU") or {}).get("applies") is True:
        out.append(EU_DRAFT)
    return out


def _docx_available() -> bool:
    from gaicheck.filing import word as word_mod

    return word_mod.available()


def render_drafts(
    loaded: LoadedDeclaration, report: Report, *, docx: Optional[bool] = None,
) -> list[RenderedFile]:
    """All drafts of the service's path as files: the Markdown working draft of each, and its clean
    .docx submission copy when ``docx`` (``None``: when docxtpl is installed; ``True`` requires it)."""
    if docx is None:
        docx = _docx_available()
    elif docx and not _docx_available():
        raise ImportError("docxtpl is not installed: pip install 'gaicheck[docx]'")
    from gaicheck.report.safe import cleaned

    report = cleaned(report)  # paths, messages and names as shown (issue 13 #3)
    env = environment()
    ctx = build_context(loaded, report)
    route = ctx["china"]["path"]
    docs = {d.id: d for d in report.documents}
    failing = {f.rule: f for f in report.findings if f.status == "fail"}
    files: list[RenderedFile] = []
    produced: list[dict[str, Any]] = []
    for spec in select_drafts(report):
        template, stem = spec.for_route(route)
        doc = docs.get(spec.doc_id)
        current = {
            "id": spec.doc_id, "stem": stem, "title": spec.title,
            "name_zh": doc.name_zh if doc else spec.title, "name_en": doc.name_en if doc else spec.title,
            "status": doc.status if doc else None, "path": doc.path if doc else None,
            "required": doc.required if doc else True, "basis": doc.basis if doc else None,
        }
        conflicts = [{"rule": r, "title": failing[r].title, "message": failing[r].message,
                      "remediation": failing[r].remediation} for r in spec.rules if r in failing]
        local = dict(ctx, doc=current, conflicts=conflicts)
        writer, pending = render_one(env, template, local)
        names = [stem + ".md"]
        files.append(RenderedFile(stem + ".md", writer.finish().encode("utf-8")))
        if docx:
            files.append(RenderedFile(stem + ".docx", _docx(env, template, local, spec, ctx)))
            names.append(stem + ".docx")
        produced.append(dict(current, pending=pending, conflicts=conflicts, files=names))
    index_ctx = dict(ctx, drafts=produced, artifact_ids=list(ARTIFACT_DOCS), conflicts=[],
                     doc={"id": "index", "stem": INDEX.stem, "title": INDEX.title, "name_zh": INDEX.title,
                          "name_en": "Drafts overview", "status": None, "path": None, "required": None,
                          "basis": None})
    writer, _ = render_one(env, INDEX.template, index_ctx)
    files.insert(0, RenderedFile(INDEX.stem + ".md", writer.finish().encode("utf-8")))
    return files


def _docx(env: jinja2.Environment, template: str, ctx: dict[str, Any], spec: DraftSpec,
          base: dict[str, Any]) -> bytes:
    from gaicheck.filing.word import TitleBlock, render_docx

    lang = "en-GB" if spec.lang == "en" else "zh-CN"
    writer, _ = render_one(env, template, ctx, fmt="docx", clean=True, lang=lang)
    svc, mdl, meta = base["service"], base["model"], base["meta"]
    gap = "【待补充】" if spec.lang == "zh" else "[to be supplied]"
    model = " ".join(str(v) for v in (mdl["name"], mdl["version"]) if v) or (
        "【待补充：模型名称及版本】" if spec.lang == "zh" else "[to be supplied: model name and version]")
    block = TitleBlock(
        title=writer.title_text or spec.title, service=svc["name"] or gap, provider=svc["provider"] or gap,
        model=model, date=meta["doc_date"], lang=spec.lang,
        classification="内部" if spec.lang == "zh" else "Internal",
        status="草稿（待补充、待审核）" if spec.lang == "zh" else "Draft (to complete and review)",
    )
    return render_docx(writer.finish(), block)


