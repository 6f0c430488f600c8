"""Pre-filled drafts of the filing documents, rendered from ``templates/`` (Jinja2, StrictUndefined).

:func:`render_drafts` returns every file as bytes (Markdown, plus .docx when python-docx is
installed) without writing anything: the CLI checks for existing files and writes them all only
after everything rendered. Drafts carry counts and hashes of the keyword list and test banks,
never their items (those are confidential).

Every value the declaration or the report does not give is written as a gap marker
(``【待补充：…】``) and collected; each draft lists its gaps at the top. Rendering runs twice: the
first pass collects the gaps, the second prints the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

import jinja2

from gaicheck.declaration.load import LoadedDeclaration
from gaicheck.filing.checklist import CN_PATH_NAMES
from gaicheck.filing.measures import artifact_figures, sample_figures
from gaicheck.report.model import Report
from gaicheck.resources import data_path
from gaicheck.engine.derive import dig as _get

GAP = "【待补充：{}】"


@dataclass(frozen=True)
class DraftSpec:
    """A document the drafts cover: its id (rules/documents.yaml), template and file stem."""

    doc_id: str
    template: str
    stem: str


# The documents drafted for the China path, in the order of the filing package (cn.md §6).
CN_DRAFTS: tuple[DraftSpec, ...] = (
    DraftSpec("filing_form", "cn/filing_form.md.j2", "00_上线备案表"),
    DraftSpec("security_assessment_report", "cn/security_assessment_report.md.j2", "01_附件1_安全自评估报告"),
    DraftSpec("service_agreement", "cn/service_agreement.md.j2", "02_附件2_模型服务协议"),
    DraftSpec("annotation_rules", "cn/annotation_rules.md.j2", "03_附件3_语料标注规则"),
    DraftSpec("algorithm_self_assessment_report", "cn/algorithm_self_assessment_report.md.j2", "10_算法安全自评估报告"),
    DraftSpec("security_management_policy", "cn/security_management_policy.md.j2", "11_网络安全管理制度"),
    DraftSpec("emergency_response_plan", "cn/emergency_response_plan.md.j2", "12_应急处置预案"),
    DraftSpec("complaint_handling_policy", "cn/complaint_handling_policy.md.j2", "13_用户投诉举报处理制度"),
    DraftSpec("user_management_policy", "cn/user_management_policy.md.j2", "14_用户管理制度"),
    DraftSpec("personal_information_policy", "cn/personal_information_policy.md.j2", "15_个人信息保护制度"),
    DraftSpec("security_training_policy", "cn/security_training_policy.md.j2", "16_安全培训制度"),
    DraftSpec("security_officer_appointment", "cn/security_officer_appointment.md.j2", "17_网络安全负责人任命书"),
)
# Artifacts are the team's own confidential data: never drafted, only counted (annexes 4 and 5).
ARTIFACT_DOCS: tuple[str, ...] = (
    "keyword_list", "test_bank_generated", "test_bank_should_refuse", "test_bank_should_not_refuse",
)
EU_DRAFT = DraftSpec("eu_technical_documentation", "eu/technical_documentation.md.j2", "90_EU_technical_documentation")
INDEX = DraftSpec("index", "index.md.j2", "00_README_草稿说明")

ZH = {
    "audience": {"public": "社会公众", "business": "企业用户", "internal": "内部使用", "research": "科研用途"},
    "status": {"planned": "拟上线", "live": "已上线"},
    "origin": {
        "self_trained": "自主训练", "fine_tuned": "基于基座模型微调",
        "api_of_filed_model": "调用已备案模型 API", "third_party_unfiled": "第三方未备案模型",
    },
    "channel": {"web": "网页", "app": "App", "mini_program": "小程序", "api": "API", "on_premise": "本地部署",
                "device": "终端设备", "plugin": "插件"},
    "modality": {"text": "文本", "image": "图片", "audio": "音频", "video": "视频", "3d": "三维",
                 "code": "代码", "virtual_scene": "虚拟场景"},
    "minors": {"excluded": "不面向未成年人", "allowed": "允许未成年人使用", "targeted": "面向未成年人"},
    "capability": {
        "dialogue": "智能对话", "writing": "智能写作", "code": "代码生成", "search": "搜索问答", "recommendation": "推荐",
        "text_to_image": "文生图", "image_editing": "图像编辑", "face_generation": "人脸生成", "face_swap": "人脸替换",
        "face_manipulation": "人脸操控", "voice_synthesis": "语音合成", "voice_cloning": "声音克隆", "music": "音乐生成",
        "video_generation": "视频生成", "virtual_scene": "虚拟场景", "digital_human": "数字人", "companion": "陪伴",
        "emotion_recognition": "情绪识别", "biometric_categorisation": "生物特征分类",
        "biometric_identification": "生物特征识别", "scoring_or_ranking_people": "对人评分或排序", "agent": "智能体",
    },
}

# LBL Art 4 and GB 45438-2025: where the explicit label goes, per output modality (own words).
LABEL_METHODS: dict[str, tuple[str, str]] = {
    "text": ("在生成文本的起始、末尾或中间适当位置添加文字提示，或在交互界面、文本周边持续显示提示；"
             "提示同时包含“人工智能”（或 AI）与“生成”/“合成”要素",
             "LBL Art 4(1); GB 45438-2025"),
    "audio": ("在音频起始、末尾或中间添加语音提示或“短长短短”节奏提示，或在交互界面显示提示；"
              "语音助手类服务在每轮对话的起止处提示",
              "LBL Art 4(2); GB 45438-2025 §5.3"),
    "image": ("在图片边缘或角落添加显著文字提示，文字高度不低于画面最短边的 5%",
              "LBL Art 4(3); GB 45438-2025 §5.2"),
    "video": ("在视频起始画面添加不少于 2 秒的显著提示，文字高度不低于画面最短边的 5%；可在结尾或中间补充",
              "LBL Art 4(4); GB 45438-2025 §5.4"),
    "virtual_scene": ("在虚拟场景的起始画面添加显著提示，可在服务过程中适当位置补充", "LBL Art 4(5)"),
    "3d": ("在内容展示的适当位置添加显著提示", "LBL Art 4(6)"),
    "code": ("在生成代码的注释或交互界面中添加提示", "LBL Art 4(6)"),
}
IMPLICIT_METHOD = (
    "在文件元数据中写入隐式标识（AIGC 字段：Label、ContentProducer、ProduceID、ReservedCode1、"
    "ContentPropagator、PropagateID、ReservedCode2），包含内容属性、服务提供者名称或编码、内容编号",
    "LBL Art 5; GB 45438-2025 §6.1, Appendix E",
)


@dataclass(frozen=True)
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
    """The Jinja2 environment: undefined variables are errors; no autoescape (Markdown, not HTML)."""
    env = jinja2.Environment(
        loader=_ResourceLoader(), undefined=jinja2.StrictUndefined, autoescape=False,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["cell"] = _cell
    env.filters["pct"] = _pct
    env.filters["num"] = _num
    return env


def _cell(value: Any) -> str:
    """Safe inside a Markdown table cell: no pipes or line breaks."""
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


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

    def val(self, value: Any, what: str, *, zh: Optional[dict[str, str]] = None) -> str:
        """``value`` for print (lists joined with 、, codes translated by ``zh``), or a gap."""
        if value is None or value == "" or value == [] or value == {}:
            return self.gap(what)
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, (list, tuple)):
            return "、".join(zh.get(str(v), str(v)) if zh else str(v) for v in value)
        if zh is not None:
            return zh.get(str(value), str(value))
        return _num(value) if isinstance(value, (int, float)) else str(value)


# --- context ------------------------------------------------------------------------------------

def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="python") if model is not None else {}




def _labeling(svc: dict[str, Any], sg: dict[str, Any]) -> dict[str, Any]:
    explicit = _get(sg, "labeling", "explicit")
    outputs = svc.get("output_modalities") or []
    methods = []
    for m in outputs:
        text, std = LABEL_METHODS.get(m, ("在适当位置添加显著提示", "LBL Art 4(6)"))
        methods.append({
            "modality": m, "zh": ZH["modality"].get(m, m), "method": text, "basis": std,
            "declared": None if explicit is None else m in explicit,
        })
    lab = sg.get("labeling") or {}
    return {
        "label_text": lab.get("label_text"), "kept_on_export": lab.get("kept_on_export"),
        "unlabeled_on_request": lab.get("unlabeled_on_request"),
        "explicit": explicit,
        "implicit_metadata": _get(sg, "labeling", "implicit_metadata"),
        "methods": methods,
        "implicit_method": IMPLICIT_METHOD[0],
        "implicit_basis": IMPLICIT_METHOD[1],
        "unlabeled": [m["zh"] for m in methods if m["declared"] is False],
    }


SOURCE_KINDS = {"open_source": "开源数据", "self_collected": "自采数据", "commercial": "商业采购", "user_inputs": "用户输入"}


def _facts(sg: dict[str, Any]) -> dict[str, Any]:
    """Corpus sources, annotation, IP, monitoring and filtering facts (every key present)."""
    td = sg.get("training_data") or {}
    ann = sg.get("annotation") or {}
    ip = sg.get("ip") or {}
    mon = sg.get("content_monitoring") or {}
    flt = sg.get("content_filtering") or {}
    labels = flt.get("classifier_labels")
    return {
        "sources": [
            {"name": src.get("name"), "kind": src.get("kind"), "kind_zh": SOURCE_KINDS.get(str(src.get("kind")), src.get("kind")),
             "languages": src.get("languages") or [], "modalities": src.get("modalities") or [],
             "before": src.get("illegal_pct_before_collection"), "after": src.get("illegal_pct_after_collection"),
             "provenance": src.get("provenance_recorded"), "opt_outs": src.get("opt_outs_respected")}
            for src in (td.get("sources") or [])
        ],
        "annotation": {k: ann.get(k) for k in (
            "rules_complete", "functional_and_safety_rules", "safety_risks_covered", "annotators_trained",
            "roles_separated", "batch_spot_checks", "safety_label_reviewers")},
        "ip": {k: ip.get(k) for k in ("owner_named", "strategy", "infringement_screening", "complaint_channel")},
        "monitoring": {"staff": mon.get("staff"), "repeat_offender_suspension": mon.get("repeat_offender_suspension")},
        "filtering": {"classifier_labels": None if labels is None else len(labels),
                      "keyword_list_updated": flt.get("keyword_list_updated"),
                      "test_banks_updated": flt.get("test_banks_updated")},
    }


def _artifacts(report: Report) -> dict[str, Any]:
    out: dict[str, Any] = {}
    docs = {d.id: d for d in report.documents}
    for doc_id in ARTIFACT_DOCS:
        doc = docs.get(doc_id)
        if doc is None:
            out[doc_id] = {"id": doc_id, "name_zh": doc_id, "status": "not_assessed", "path": None, "sha256": None,
                           "measured": False, "total": None, "unique": None, "min_total": None, "clause": "",
                           "rows": [], "shortfalls": [], "floors_from": "none", "required": None}
            continue
        fig = artifact_figures(doc)
        assert fig is not None
        measured = fig.total is not None
        out[doc_id] = {
            "id": doc_id, "name_zh": doc.name_zh, "status": doc.status, "path": doc.path, "sha256": doc.sha256,
            "required": doc.required, "measured": measured, "total": fig.total, "unique": fig.unique,
            "min_total": fig.min_total, "clause": fig.clause, "floors_from": fig.floors_from,
            "rows": [{"code": r.code, "zh": r.zh, "en": r.en, "count": r.count, "floor": r.floor, "ok": r.ok}
                     for r in fig.rows],
            "shortfalls": fig.shortfalls if measured else [],
        }
    return out


def _samples(report: Report, evaluation: Any) -> list[dict[str, Any]]:
    rows = []
    for s in sample_figures(report, evaluation):
        spec = s.spec
        rows.append({
            "kind": spec.kind, "clause": spec.clause, "zh": spec.zh, "en": spec.en,
            "measure_zh": "通过率" if spec.measure == "passed" else "拒答率", "size": s.size, "count": s.count,
            "rate": s.rate, "ok": s.ok, "source": s.source, "path": s.path, "corpus_size": s.corpus_size,
            "requirement": (
                (f"样本≥{spec.min_size:,}" if spec.min_size else f"样本≥语料的 {spec.min_fraction:.0%}")
                + f"，{'通过率' if spec.measure == 'passed' else '拒答率'}{'≥' if spec.at_least else '≤'}{spec.bound:.0%}"
            ),
        })
    return rows


def _risk_groups() -> list[dict[str, Any]]:
    from gaicheck.artifacts.taxonomy import load_taxonomy

    tax = load_taxonomy()
    return [
        {"group": g, "zh": str(names.get("zh", g)), "en": str(names.get("en", g)),
         "risks": [{"code": r.code, "zh": r.zh, "en": r.en} for r in tax.risks if r.group == g]}
        for g, names in tax.groups.items()
    ]


def build_context(loaded: LoadedDeclaration, report: Report) -> dict[str, Any]:
    """Everything the templates may print, as plain dicts with every key present (values may be None)."""
    decl = loaded.declaration
    svc = _dump(decl.service)
    mdl = _dump(decl.model)
    ch = _dump(decl.china)
    sg = _dump(decl.safeguards)
    cnj = dict(report.jurisdictions.get("CN") or {})
    euj = dict(report.jurisdictions.get("EU") or {})
    users = svc.get("users") or {}
    sa = ch.get("security_assessment") or {}
    td = sg.get("training_data") or {}
    mp = sg.get("minors_protection") or {}
    route = cnj.get("path")
    findings = [f for f in report.findings if f.framework == "CN"]
    from gaicheck.filing.checklist import EU_DUTIES, build_checklist

    eu_items = {it.id: it.required for it in build_checklist(report).items if it.section == "EU"}
    return {
        "meta": {
            "as_of": report.as_of.isoformat(), "tool_version": report.tool_version, "input_path": report.input_path,
            "input_sha256": report.input_sha256,
        },
        "service": {
            "name": svc.get("name"), "provider": svc.get("provider"), "description": svc.get("description"),
            "status": svc.get("status"), "launch_date": svc.get("launch_date"), "markets": svc.get("markets"),
            "audience": svc.get("audience"), "channels": svc.get("channels"), "languages": svc.get("languages"),
            "input_modalities": svc.get("input_modalities"), "output_modalities": svc.get("output_modalities"),
            "capabilities": svc.get("capabilities"), "opinion": svc.get("public_opinion_or_mobilization"),
            "user_publishing": svc.get("user_publishing"), "minors": users.get("minors"),
            "real_identity": users.get("real_identity_verification"),
            "registered_users": users.get("registered_users"), "mau": users.get("monthly_active_users"),
        },
        "model": {
            "origin": mdl.get("origin"), "base_models": [
                {"name": b.get("name"), "provider": b.get("provider"), "cn_filing_number": b.get("cn_filing_number"),
                 "open_weights": b.get("open_weights")} for b in (mdl.get("base_models") or [])
            ],
            "training_compute_flop": mdl.get("training_compute_flop"), "parameters": mdl.get("parameters"),
            "open_weights": mdl.get("open_weights"), "licence": mdl.get("licence"),
        },
        "china": {
            "path": route, "path_zh": CN_PATH_NAMES.get(route, (str(route),))[0],
            "path_en": CN_PATH_NAMES.get(route, ("", str(route)))[1],
            "applies": cnj.get("applies"), "reasons": list(cnj.get("reasons") or []),
            "security_assessment_required": cnj.get("security_assessment_required"),
            "algorithm_filing_required": cnj.get("algorithm_filing_required"),
            "role": ch.get("role"), "algorithm_filing_number": ch.get("algorithm_filing_number"),
            "genai_filing_number": ch.get("genai_filing_number"), "registration_number": ch.get("registration_number"),
            "filing_number_displayed": ch.get("filing_number_displayed"),
            "sa_completed": sa.get("completed"), "sa_date": sa.get("date"), "sa_filed": sa.get("filed_on_national_platform"),
            "sa_performed_by": sa.get("performed_by"), "sa_signatories": list(sa.get("signatories") or []),
        },
        **_facts(sg),
        "safeguards": {
            "complaint_url": _get(sg, "complaint_channel", "url"),
            "complaint_days": _get(sg, "complaint_channel", "response_days"),
            "log_retention_months": sg.get("log_retention_months"),
            "minors_exclusion_measures": sg.get("minors_exclusion_measures"),
            "minors_mode": mp.get("minors_mode"), "guardian_controls": mp.get("guardian_controls"),
            "guardian_consent_under_14": mp.get("guardian_consent_under_14"), "anti_addiction": mp.get("anti_addiction"),
            "personal_information": td.get("personal_information"),
            "sensitive_personal_information": td.get("sensitive_personal_information"),
            "pi_lawful_basis": td.get("pi_lawful_basis"), "separate_consent_sensitive": td.get("separate_consent_sensitive"),
            "uses_user_inputs": td.get("uses_user_inputs"), "opt_out": sg.get("user_input_training_opt_out"),
            "usage_disclosure": sg.get("usage_disclosure_published"),
            "edited_person_consent": sg.get("edited_person_consent"),
        },
        "labeling": _labeling(svc, sg),
        "artifacts": _artifacts(report),
        "samples": _samples(report, decl.evaluation),
        "risk_groups": _risk_groups(),
        "findings": {
            "fail": [_finding(f) for f in findings if f.status == "fail"],
            "manual": [_finding(f) for f in findings if f.status == "manual"],
        },
        "documents": [
            {"id": d.id, "name_zh": d.name_zh, "name_en": d.name_en, "required": d.required, "status": d.status,
             "path": d.path, "sha256": d.sha256}
            for d in report.documents
        ],
        "eu": {
            "applies": euj.get("applies"), "tier": euj.get("tier"), "gpai": euj.get("gpai"),
            "timeline": euj.get("timeline"), "roles": list(euj.get("roles") or []),
            "reasons": [str(r) for r in (euj.get("reasons") or [])],
            "duties": [{"id": d.id, "zh": d.zh, "en": d.en, "basis": d.basis, "required": eu_items.get(d.id)}
                       for d in EU_DUTIES],
            "annex_iv": eu_items.get("eu_technical_documentation"),
            "annex_xi": eu_items.get("eu_gpai_technical_documentation"),
            "systemic": eu_items.get("eu_systemic_risk_evaluation"),
            "fria": eu_items.get("eu_fria"),
            "art54": eu_items.get("eu_authorised_representative_mandate"),
        },
        "zh": ZH,
    }


def _finding(f: Any) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity, "citation": f.citation, "title": f.title, "message": f.message,
            "missing_facts": list(f.missing_facts)}


# --- selection and rendering --------------------------------------------------------------------

def select_drafts(report: Report) -> list[DraftSpec]:
    """The drafts for the service's path: CN documents required (or undetermined), EU where it applies."""
    wanted = {d.id for d in report.documents if d.framework == "CN" and d.required is not False}
    out = [spec for spec in CN_DRAFTS if spec.doc_id in wanted]
    if (report.jurisdictions.get("EU") or {}).get("applies") is True:
        out.append(EU_DRAFT)
    return out


def _render_one(env: jinja2.Environment, template: str, ctx: dict[str, Any]) -> tuple[str, list[str]]:
    try:
        tpl = env.get_template(template)
        first = _Gaps()
        tpl.render(ctx, gap=first.gap, val=first.val, pending=[])
        second = _Gaps()
        text = tpl.render(ctx, gap=second.gap, val=second.val, pending=first.items)
    except jinja2.TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}" if isinstance(exc, jinja2.TemplateSyntaxError) else template
        raise DraftError(f"template {where} failed to render: {exc}") from None
    return text, second.items


def render_drafts(
    loaded: LoadedDeclaration, report: Report, *, docx: Optional[bool] = None,
) -> list[RenderedFile]:
    """All drafts of the service's path as files (Markdown, and .docx when ``docx`` and available).

    ``docx=None`` means "when python-docx is installed"; ``True`` requires it.
    """
    from gaicheck.filing import docx as docx_mod

    if docx is None:
        docx = docx_mod.available()
    elif docx and not docx_mod.available():
        raise ImportError("python-docx is not installed: pip install 'gaicheck[docx]'")
    env = environment()
    ctx = build_context(loaded, report)
    docs = {d.id: d for d in report.documents}
    files: list[RenderedFile] = []
    produced: list[dict[str, Any]] = []
    for spec in select_drafts(report):
        doc = docs.get(spec.doc_id)
        current = {
            "id": spec.doc_id, "stem": spec.stem,
            "name_zh": doc.name_zh if doc else "欧盟技术文件大纲",
            "name_en": doc.name_en if doc else "EU technical documentation outline",
            "status": doc.status if doc else None, "path": doc.path if doc else None,
            "required": doc.required if doc else None, "basis": doc.basis if doc else None,
        }
        text, pending = _render_one(env, spec.template, dict(ctx, doc=current))
        files.append(RenderedFile(spec.stem + ".md", text.encode("utf-8")))
        if docx:
            files.append(RenderedFile(spec.stem + ".docx", docx_mod.markdown_to_docx(text, as_of=report.as_of)))
        produced.append(dict(current, pending=pending, files=[spec.stem + ".md"] + ([spec.stem + ".docx"] if docx else [])))
    index, _ = _render_one(env, INDEX.template, dict(ctx, drafts=produced, artifact_ids=list(ARTIFACT_DOCS)))
    files.insert(0, RenderedFile(INDEX.stem + ".md", index.encode("utf-8")))
    return files
