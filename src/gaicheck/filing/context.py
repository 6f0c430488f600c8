"""What the draft templates may print: plain dicts built from the declaration and the report.

Every key is present (values may be None), so a template under ``StrictUndefined`` fails only on
a real typo. Strings that come from the declaration pass through :func:`gaicheck.textsafe.clean`.
Facts the drafts derive themselves live here too: the route (and, on the registration route, the
upstream model that makes training clauses not applicable), the six function categories of the
filing form, the clause table, and the document date.

The document date (issue 17): a draft is dated ``max(as_of, newest declared material date)``
(``safeguards.content_filtering.keyword_list_updated`` / ``test_banks_updated``), so a report is
never dated before the keyword list or test banks it describes. File modification times are not
used: a git checkout sets them to the checkout time, which says nothing about the content.
"""

from __future__ import annotations

import datetime as dt

from gaicheck.declaration.load import LoadedDeclaration
from gaicheck.engine.derive import dig as _get
from gaicheck.filing.clauses import clause_table, plain, sections
from gaicheck.filing.measures import artifact_figures, sample_figures
from gaicheck.filing.vocabulary import ZH, function_categories, route_word, word
from gaicheck.report.model import Finding, Report
from gaicheck.textsafe import clean

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

# Artifacts are the team's own confidential data: never drafted, only counted (annexes 4 and 5).
ARTIFACT_DOCS: tuple[str, ...] = (
    "keyword_list", "test_bank_generated", "test_bank_should_refuse", "test_bank_should_not_refuse",
)

# LBL Art 4 and GB 45438-2025: where the explicit label goes, per output modality (own words).
LABEL_METHODS: dict[str, tuple[str, str]] = {
    "text": ("在生成文本的起始、末尾或中间适当位置添加文字提示，或在交互界面、文本周边持续显示提示；"
             "提示同时包含“人工智能”（或 AI）与“生成”或“合成”要素", "LBL Art 4(1); GB 45438-2025"),
    "audio": ("在音频起始、末尾或中间添加语音提示或“短长短短”节奏提示，或在交互界面显示提示；"
              "语音助手类服务在每轮对话的起止处提示", "LBL Art 4(2); GB 45438-2025 §5.3"),
    "image": ("在图片边缘或角落添加显著文字提示，文字高度不低于画面最短边的5%", "LBL Art 4(3); GB 45438-2025 §5.2"),
    "video": ("在视频起始画面添加不少于2秒的显著提示，文字高度不低于画面最短边的5%；可在结尾或中间补充",
              "LBL Art 4(4); GB 45438-2025 §5.4"),
    "virtual_scene": ("在虚拟场景的起始画面添加显著提示，可在服务过程中适当位置补充", "LBL Art 4(5)"),
    "3d": ("在内容展示的适当位置添加显著提示", "LBL Art 4(6)"),
    "code": ("在生成代码的注释或交互界面中添加提示", "LBL Art 4(6)"),
}
# GB 45438 Appendix E: the three fields every AIGC metadata entry carries at least.
METADATA_MINIMUM = ("Label", "ContentProducer", "ProduceID")
METADATA_ZH = {"Label": "生成合成标签", "ContentProducer": "生成合成服务提供者", "ProduceID": "内容制作编号",
               "ReservedCode1": "内容制作预留字段", "ContentPropagator": "内容传播服务提供者",
               "PropagateID": "内容传播编号", "ReservedCode2": "内容传播预留字段"}


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


def _dump(model: Any) -> dict[str, Any]:
    return _cleaned(model.model_dump(mode="python")) if model is not None else {}


def _labeling(svc: dict[str, Any], sg: dict[str, Any]) -> dict[str, Any]:
    lab = sg.get("labeling") or {}
    explicit = lab.get("explicit")
    methods = []
    for m in svc.get("output_modalities") or []:
        text, std = LABEL_METHODS.get(m, ("在适当位置添加显著提示", "LBL Art 4(6)"))
        methods.append({"modality": m, "zh": word("modality", m), "method": text, "basis": std,
                        "declared": None if explicit is None else m in explicit})
    declared_fields = lab.get("metadata_fields")
    fields = list(declared_fields) if declared_fields else list(METADATA_MINIMUM)
    return {
        "label_text": lab.get("label_text"), "kept_on_export": lab.get("kept_on_export"),
        "unlabeled_on_request": lab.get("unlabeled_on_request"), "explicit": explicit,
        "implicit_metadata": lab.get("implicit_metadata"), "audio_label": lab.get("audio_label"),
        "methods": methods,
        "metadata_fields": [{"name": f, "zh": METADATA_ZH.get(f, f)} for f in fields],
        "metadata_fields_declared": bool(declared_fields),
        "metadata_text": "、".join(f"{METADATA_ZH.get(f, f)}（{f}）" for f in fields),
        "unlabeled": [m["zh"] for m in methods if m["declared"] is False],
    }


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
            {"name": src.get("name"), "kind": src.get("kind"), "kind_zh": word("source_kind", src.get("kind")),
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


def _samples(report: Report, evaluation: Any, route: Optional[str]) -> list[dict[str, Any]]:
    rows = []
    for s in sample_figures(report, evaluation):
        spec = s.spec
        measure = "通过率" if spec.measure == "passed" else "拒答率"
        rows.append({
            "kind": spec.kind, "clause": spec.clause, "zh": spec.zh, "en": spec.en, "measure_zh": measure,
            "size": s.size, "count": s.count, "rate": s.rate, "ok": s.ok, "source": s.source, "path": s.path,
            "corpus_size": s.corpus_size,
            # §9.2 samples the training corpus: nothing to sample for a service that trains nothing.
            "applies": not (route == "registration" and spec.clause.endswith("§9.2")),
            "requirement": (
                (f"样本不少于{spec.min_size:,}条" if spec.min_size else f"样本不少于语料的{spec.min_fraction:.0%}")
                + f"，{measure}{'不低于' if spec.at_least else '不高于'}{spec.bound:.0%}"
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


def _finding(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity, "citation": f.citation, "title": f.title, "message": f.message,
            "missing_facts": list(f.missing_facts), "status": f.status, "remediation": f.remediation,
            "plain_remediation": plain(f.remediation), "documents": list(f.documents)}


def _upstream(mdl: dict[str, Any]) -> str:
    """Why training clauses do not apply on the registration route: the filed model it calls."""
    bases = mdl.get("base_models") or []
    names = []
    for b in bases:
        number = b.get("cn_filing_number")
        names.append(f"{b.get('name')}（" + (f"{b.get('provider')}，" if b.get("provider") else "")
                     + (f"备案编号{number}" if number else "备案编号【待补充】") + "）")
    model = "、".join(names) if names else "已备案的大模型【待补充：模型名称及备案编号】"
    return f"本服务调用{model}提供服务，不自行训练或微调模型，不使用训练语料"


def _dates(report: Report, flt: dict[str, Any], sa_date: Optional[dt.date]) -> dict[str, Any]:
    materials = [(d, what) for d, what in ((flt.get("keyword_list_updated"), "拦截关键词列表"),
                                           (flt.get("test_banks_updated"), "测试题库")) if isinstance(d, dt.date)]
    newest = max(materials, default=None, key=lambda m: m[0])
    doc_date = max([report.as_of] + [m[0] for m in materials])
    stale = sa_date is not None and newest is not None and sa_date < newest[0]
    future = sa_date is not None and sa_date > report.as_of
    return {"doc_date": doc_date, "doc_date_iso": doc_date.isoformat(),
            "doc_date_zh": f"{doc_date.year}年{doc_date.month}月{doc_date.day}日",
            "newest_material": None if newest is None else {"date": newest[0].isoformat(), "what": newest[1]},
            "sa_date_usable": sa_date is not None and not stale and not future,
            "sa_date_stale": stale, "sa_date_future": future}


def build_context(loaded: LoadedDeclaration, report: Report) -> dict[str, Any]:
    """Everything the templates may print, as plain dicts with every key present (values may be None)."""
    decl = loaded.declaration
    svc, mdl, ch, sg = _dump(decl.service), _dump(decl.model), _dump(decl.china), _dump(decl.safeguards)
    cnj = dict(report.jurisdictions.get("CN") or {})
    euj = dict(report.jurisdictions.get("EU") or {})
    users = svc.get("users") or {}
    sa = ch.get("security_assessment") or {}
    td = sg.get("training_data") or {}
    mp = sg.get("minors_protection") or {}
    route = cnj.get("path")
    by_rule = {f.rule: f for f in report.findings}
    cn_findings = [f for f in report.findings if f.framework == "CN"]
    upstream = _upstream(mdl)
    from gaicheck.filing.checklist import build_checklist
    from gaicheck.filing.eu_duties import EU_DUTIES

    eu_items = {it.id: it.required for it in build_checklist(report).items if it.section == "EU"}
    flt = sg.get("content_filtering") or {}
    return {
        "meta": {"as_of": report.as_of.isoformat(), "tool_version": report.tool_version,
                 "input_path": clean(report.input_path), "input_sha256": report.input_sha256,
                 **_dates(report, flt, sa.get("date"))},
        "service": {
            "name": svc.get("name"), "provider": svc.get("provider"), "description": svc.get("description"),
            "status": svc.get("status"), "launch_date": svc.get("launch_date"), "markets": svc.get("markets"),
            "audience": svc.get("audience"), "channels": svc.get("channels"), "languages": svc.get("languages"),
            "input_modalities": svc.get("input_modalities"), "output_modalities": svc.get("output_modalities"),
            "capabilities": svc.get("capabilities"), "opinion": svc.get("public_opinion_or_mobilization"),
            "user_publishing": svc.get("user_publishing"), "minors": users.get("minors"),
            "real_identity": users.get("real_identity_verification"),
            "registered_users": users.get("registered_users"), "mau": users.get("monthly_active_users"),
            "functions": function_categories(svc.get("capabilities"), svc.get("output_modalities")),
        },
        "model": {
            "name": mdl.get("name"), "version": mdl.get("version"), "origin": mdl.get("origin"),
            "base_models": [{"name": b.get("name"), "provider": b.get("provider"),
                             "cn_filing_number": b.get("cn_filing_number"), "open_weights": b.get("open_weights")}
                            for b in (mdl.get("base_models") or [])],
            "training_compute_flop": mdl.get("training_compute_flop"), "parameters": mdl.get("parameters"),
            "open_weights": mdl.get("open_weights"), "licence": mdl.get("licence"),
        },
        "china": {
            "path": route, "path_zh": route_word(route, "zh"), "path_en": route_word(route, "en"),
            "registration": route == "registration", "trains": route != "registration", "upstream": upstream,
            "applies": cnj.get("applies"), "reasons": list(cnj.get("reasons") or []),
            "security_assessment_required": cnj.get("security_assessment_required"),
            "algorithm_filing_required": cnj.get("algorithm_filing_required"),
            "role": ch.get("role"), "algorithm_filing_number": ch.get("algorithm_filing_number"),
            "genai_filing_number": ch.get("genai_filing_number"), "registration_number": ch.get("registration_number"),
            "filing_number_displayed": ch.get("filing_number_displayed"),
            "sa_completed": sa.get("completed"), "sa_date": sa.get("date"), "sa_filed": sa.get("filed_on_national_platform"),
            "sa_performed_by": sa.get("performed_by"), "sa_signatories": list(sa.get("signatories") or []),
            "ds_assessment_completed": ch.get("deep_synthesis_assessment_completed"),
            "major_changes": list(ch.get("major_changes") or []),
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
        "samples": _samples(report, decl.evaluation, route),
        "risk_groups": _risk_groups(),
        "clauses": sections(clause_table(report, upstream=upstream)),
        "findings": {
            "fail": [_finding(f) for f in cn_findings if f.status == "fail"],
            "manual": [_finding(f) for f in cn_findings if f.status == "manual"],
        },
        "rule_status": {f.rule: f.status for f in report.findings},
        "applies": lambda rule: rule in by_rule and by_rule[rule].status != "not_applicable",
        "documents": [
            {"id": d.id, "name_zh": d.name_zh, "name_en": d.name_en, "required": d.required, "status": d.status,
             "path": d.path, "sha256": d.sha256, "note": d.note, "framework": d.framework}
            for d in report.documents
        ],
        "eu": {
            "applies": euj.get("applies"), "tier": euj.get("tier"), "gpai": euj.get("gpai"),
            "timeline": euj.get("timeline"), "roles": list(euj.get("roles") or []),
            "reasons": [clean(str(r)) for r in (euj.get("reasons") or [])],
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
