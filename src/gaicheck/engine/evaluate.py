"""Evaluate a catalog against a declaration: pure, no printing, no exiting."""

from __future__ import annotations

import datetime as dt
import os

from gaicheck.catalog.load import Catalog, CompiledRule
from gaicheck.declaration.load import LoadedDeclaration
from gaicheck.engine import waivers
from gaicheck.engine.artifacts import build_artifact_facts, finding_notes, needs_artifacts
from gaicheck.engine.artifacts import source_fields as artifact_source_fields
from gaicheck.engine.derive import cn as derive_cn
from gaicheck.engine.derive import eu as derive_eu
from gaicheck.engine.derive import nist as derive_nist
from gaicheck.engine.documents import DocSpec, document_facts, sha256_file
from gaicheck.engine.predicates import Context
from gaicheck.errors import InputError
from gaicheck.report.model import DocumentStatus, Finding, Report, RuleInfo

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

# Declaration fields that settle each derived fact: a manual finding names these, never
# ``derived.*``, because the user can only change the declaration.
DERIVED_SOURCES: dict[str, tuple[str, ...]] = {
    "derived.cn.in_market": ("service.markets",),
    "derived.cn.public_facing": ("service.markets", "service.audience"),
    "derived.cn.opinion_mobilization": ("service.public_opinion_or_mobilization", "service.user_publishing",
                                        "service.capabilities", "china.opinion_attribute_confirmation"),
    "derived.cn.opinion_scope": (
        "service.markets", "service.audience", "service.public_opinion_or_mobilization", "service.user_publishing",
    ),
    "derived.cn.path": (
        "service.markets", "service.audience", "service.public_opinion_or_mobilization",
        "service.user_publishing", "model.origin",
    ),
    "derived.cn.ds_art17": ("service.capabilities", "service.output_modalities"),
    "derived.cn.biometric_generation": ("service.capabilities", "service.edits_biometric_features"),
    "derived.cn.biometric_editing": ("service.capabilities", "service.edits_biometric_features"),
    "derived.cn.opinion_self_assessed_no": ("service.capabilities", "service.named_customers_only"),
    "derived.cn.security_assessment_done": ("china.security_assessment.completed",),
    "derived.cn.security_assessment_required": (
        "service.markets", "service.audience", "service.public_opinion_or_mobilization", "service.capabilities",
    ),
    "derived.cn.algorithm_filing_required": (
        "service.markets", "service.audience", "service.public_opinion_or_mobilization", "service.user_publishing",
    ),
    "derived.cn.algorithm_filing_delay_wd": ("service.launch_date", "china.algorithm_filing_submitted_on"),
    "derived.cn.filing_change_delay_wd": ("china.algorithm_filing_changes",),
    "derived.cn.filing_cancellation_delay_wd": ("china.algorithm_filing_changes",),
    "derived.cn.training_source_diversity": ("safeguards.training_data.sources",),
    "derived.cn.labelable_outputs": ("service.output_modalities",),
}
DERIVED_SOURCES.update(getattr(derive_eu, "SOURCES", {}))
DERIVED_SOURCES.update(getattr(derive_nist, "SOURCES", {}))

_MANUAL = {
    "en": "cannot be decided: declare {fields}",
    "zh": "无法判定：请在声明中填写 {fields}",
}
_NOT_APPLICABLE = {"en": "does not apply to this service", "zh": "不适用于本服务"}


_NO_FILE = frozenset({"file not found", "is a directory, not a file", "not a regular file"})


def _missing_fields(unknown: list[str], facts: dict[str, Any]) -> tuple[str, ...]:
    """Turn the unknown paths met during evaluation into declaration fields, de-duplicated."""
    probe = Context(facts, {}, dt.date.min)
    out: list[str] = []
    for u in unknown:
        path = u.split(" ")[0]
        names = [path]
        if path.startswith(("artifacts.", "evaluation.")):
            names = list(artifact_source_fields(path)) or names
        elif path.startswith("docs.") and path.endswith(".required"):
            # whether a document is required follows the China route: name what settles the route
            cn = (facts.get("derived") or {}).get("cn") or {}
            names = list((cn.get("settle") or {}).get("path") or ()) or names
        elif path.startswith("derived."):
            # The derivation knows best which answers would settle its own open facts.
            _, framework, fact = (path.split(".", 2) + ["", ""])[:3]
            named = ((facts.get("derived") or {}).get(framework) or {}).get("settle", {}).get(fact)
            unset = list(named) if named else [
                s for s in DERIVED_SOURCES.get(path, ()) if probe.get(tuple(s.split("."))) is None]
            names = unset or names
        for n in names:
            if n not in out:
                out.append(n)
    return tuple(out)


def _effective(rule: Any, timeline: str) -> Optional[dt.date]:
    if rule.effective_by_timeline is not None and timeline in rule.effective_by_timeline:
        return rule.effective_by_timeline[timeline]  # type: ignore[no-any-return]
    return rule.effective  # type: ignore[no-any-return]


def _severity(cr: CompiledRule, facts: dict[str, Any], params: dict[str, Any], as_of: dt.date) -> str:
    """The rule's severity, raised by its pack's ``escalate`` while that condition is true."""
    from gaicheck.catalog.records import SEVERITY_ORDER

    severity: str = cr.rule.severity
    if cr.escalate is not None and cr.escalate_to is not None and cr.escalate(Context(facts, params, as_of)) is True:
        if SEVERITY_ORDER[cr.escalate_to] > SEVERITY_ORDER[severity]:
            severity = cr.escalate_to
    return severity


def evaluate_rule(
    cr: CompiledRule,
    facts: dict[str, Any],
    loaded: LoadedDeclaration,
    *,
    as_of: dt.date,
    lang: str,
    timeline: str,
    overrides: dict[str, dict[str, Any]],
) -> Finding:
    """One rule's finding (before waivers)."""
    rule = cr.rule
    params = {**rule.params, **overrides.get(rule.id, {})}
    ctx = Context(facts, params, as_of)
    severity = _severity(cr, facts, params, as_of)
    effective = _effective(rule, timeline)
    if rule.effective_fact:
        # Some dates depend on the declaration (EU: Annex I route, Art 111 legacy systems).
        override = ctx.get(tuple(rule.effective_fact.split(".")))
        if isinstance(override, dt.date):
            effective = override

    # Cite the law as numbered on the as-of date (or on the start date of a duty not yet in force).
    cite_on = effective if effective is not None and effective > as_of else as_of

    def make(status: str, message: str, missing: tuple[str, ...] = (), **kw: Any) -> Finding:
        return Finding(
            rule=rule.id, name=rule.name, framework=rule.framework, status=status, severity=severity,
            citation=rule.citation_text(cite_on), title=rule.title.get(lang), message=message,
            remediation=rule.remediation.get(lang), location=loaded.locate(rule.location), verified=rule.verified,
            missing_facts=missing, documents=tuple(rule.documents), effective=effective, **kw,
        )

    def manual() -> Finding:
        missing = _missing_fields(ctx.unknown, facts)
        return make("manual", _MANUAL[lang].format(fields=", ".join(missing) or "?"), missing)

    outcome: Optional[Finding] = None
    for cond, reason in ((cr.gate, cr.gate_reason), (cr.applies, None)):
        if cond is None:
            continue
        g = cond(ctx)
        if g is None:
            outcome = manual()
            break
        if g is False:
            return make("not_applicable", reason.get(lang) if reason else _NOT_APPLICABLE[lang])
    if outcome is None:
        result = cr.check(ctx)
        if result is None:
            outcome = manual()
        elif result:
            outcome = make("pass", rule.title.get(lang))
        else:
            outcome = make("fail", rule.message.get(lang))
    # A duty not yet in force is "upcoming" whatever the declaration leaves open: an unknown scope
    # (e.g. an undetermined EU tier) must not be harsher than a known one (issue 12 #10).
    if effective is not None and effective > as_of:
        note = {"en": f"applies from {effective.isoformat()}", "zh": f"自 {effective.isoformat()} 起适用"}[lang]
        return make("not_applicable", note, outcome.missing_facts, upcoming=True, would=outcome.status)
    return outcome


def _rule_infos(catalog: Catalog, lang: str) -> tuple[RuleInfo, ...]:
    """Catalog metadata of the run's rules, for formats that list rules (SARIF ``driver.rules``)."""
    from gaicheck.catalog.explain import explain_markdown, explain_text

    return tuple(
        RuleInfo(id=r.id, name=r.name, framework=r.framework, severity=r.severity, waivable=r.waivable,
                 title=r.title.get(lang), help=explain_text(r, lang), why=r.why.get(lang), tags=tuple(r.tags),
                 help_markdown=explain_markdown(r, lang))
        for r in (cr.rule for cr in catalog.rules)
    )


def plain_copy(value: Any) -> Any:
    """A deep copy of ``model_dump()`` data: dicts, lists and tuples rebuilt, str/int/float/bool/None
    and dates shared (immutable); anything else by ``copy.deepcopy``. The copy module costs ~6 ms of
    CPU to import (weakref, its Jython probe), more than this takes on a whole declaration."""
    kind = type(value)
    if kind is dict:
        return {k: plain_copy(v) for k, v in value.items()}
    if kind is list:
        return [plain_copy(v) for v in value]
    if value is None or kind in _IMMUTABLE:
        return value
    if kind is tuple:
        return tuple(plain_copy(v) for v in value)
    import copy

    return copy.deepcopy(value)


_IMMUTABLE = frozenset({str, int, float, bool, dt.date, dt.datetime})


def _replace(f: Finding, **kw: Any) -> Finding:
    from gaicheck.record import replace

    return replace(f, **kw)


def _document_statuses(
    registry: list[DocSpec], docs: dict[str, dict[str, Any]], findings: list[Finding], catalog: Catalog,
    stats: dict[str, dict[str, Any]], frameworks: set[str],
) -> tuple[DocumentStatus, ...]:
    failing_docs: set[str] = set()
    validating = {r.rule.id for r in catalog.rules if "validates-document" in r.rule.tags}
    for f in findings:
        if f.status == "fail" and f.rule in validating:
            failing_docs.update(f.documents)
    out: list[DocumentStatus] = []
    for spec in registry:
        if spec.framework not in frameworks:
            continue
        d = docs[spec.id]
        required = d["required"]
        # How deeply it was checked: opened and counted, its content looked for, or only present and non-empty.
        checked: Optional[str] = None
        digest: Optional[str] = None
        if d["exists"]:
            status = "invalid" if spec.id in failing_docs else "valid"
            digest = sha256_file(d["resolved"])
            checked = "counted" if (stats.get(spec.id) or {}).get("total") is not None else "exists"
        elif d["given"]:
            # an empty, unreadable or out-of-folder file is invalid; a path to nothing (or to a folder,
            # a pipe, a device) is missing: there is no file there to file
            status = "missing" if d["problem"] in _NO_FILE else "invalid"
            if d["resolved"]:
                digest = sha256_file(d["resolved"])
                checked = "exists"
        else:
            status = "not_required" if required is False else "missing"
        out.append(DocumentStatus(
            id=spec.id, name_zh=spec.name_zh, name_en=spec.name_en, framework=spec.framework,
            required=required, status=status, path=d["given"], sha256=digest,
            basis=f"{spec.rule} ({spec.citation})", note=d["problem"], verified=spec.verified,
            stats=stats.get(spec.id), checked=checked,
        ))
    return tuple(out)


def evaluate(
    loaded: LoadedDeclaration,
    catalog: Catalog,
    registry: list[DocSpec],
    *,
    as_of: dt.date,
    fail_on: str = "major",
    lang: str = "en",
    timeline: str = "omnibus_2026",
    allow_outside: bool = False,
    tool_version: str = "0",
    rules_version: str = "0",
) -> Report:
    """Assess one loaded declaration with ``catalog``; return the report."""
    facts: dict[str, Any] = plain_copy(loaded.data)  # model_dump() of the declaration; ours to extend
    facts["as_of"] = as_of
    facts["derived"] = {
        "cn": derive_cn.derive(facts),
        "eu": derive_eu.derive(facts, as_of=as_of, timeline=timeline),
    }
    base_dir = os.path.dirname(os.path.abspath(loaded.path))
    facts["derived"]["nist"] = derive_nist.derive(facts, base_dir=base_dir, allow_outside=allow_outside)
    facts["docs"] = document_facts(registry, facts, base_dir, as_of, allow_outside=allow_outside)
    # Artifact counts (keyword lists, test banks, evaluation results) are added by
    # gaicheck.artifacts under facts["artifacts"][<document id>]; see docs/design.md.
    facts["artifacts"] = {}
    stats: dict[str, dict[str, Any]] = {}
    overrides = ((facts.get("settings") or {}).get("thresholds")) or {}
    from gaicheck.engine.overrides import check_overrides

    frameworks_loaded = {cr.rule.framework for cr in catalog.rules}
    override_list = check_overrides(overrides, {cr.rule.id: cr.rule for cr in catalog.rules}, frameworks_loaded,
                                    loaded.locate)
    if needs_artifacts(facts):
        by_id = {cr.rule.id: cr.rule for cr in catalog.rules}

        def params_of(rule_id: str) -> Optional[dict[str, Any]]:
            rule = by_id.get(rule_id)
            return None if rule is None else {**rule.params, **overrides.get(rule_id, {})}

        facts["artifacts"], facts["evaluation"], stats = build_artifact_facts(
            facts, facts["docs"], base_dir, allow_outside=allow_outside, locate=loaded.locate, params_of=params_of,
        )
    findings = [
        evaluate_rule(cr, facts, loaded, as_of=as_of, lang=lang, timeline=timeline, overrides=overrides)
        for cr in catalog.rules
    ]
    if stats or facts.get("evaluation"):
        findings = finding_notes(findings, facts, stats, lang)
    from gaicheck.engine.item_notes import name_items

    rule_params = {cr.rule.id: {**cr.rule.params, **overrides.get(cr.rule.id, {})} for cr in catalog.rules}
    findings = name_items(findings, facts, lambda r: rule_params.get(r, {}), lang)
    located = waivers.collect(loaded, allow_outside=allow_outside)
    findings, waiver_notes = waivers.apply(findings, located, catalog, as_of=as_of, lang=lang)
    frameworks = {r.rule.framework for r in catalog.rules}
    jurisdictions = _jurisdictions(facts, lang, findings)
    _service = loaded.data["service"]
    return Report(
        input_path=loaded.display, input_sha256=loaded.sha256, as_of=as_of, fail_on=fail_on, lang=lang,
        tool_version=tool_version, rules_version=rules_version, service_name=loaded.data["service"]["name"],
        jurisdictions=jurisdictions,
        documents=_document_statuses(registry, facts["docs"], findings, catalog, stats, frameworks),
        findings=tuple(findings), notes=tuple(waiver_notes), rules=_rule_infos(catalog, lang),
        overrides=tuple(override_list), provider=_service.get("provider") or "",
        markets=None if _service.get("markets") is None else tuple(_service["markets"]),
        source_text=loaded.positions.source,
    )


def _jurisdictions(facts: dict[str, Any], lang: str, findings: list[Finding]) -> dict[str, dict[str, Any]]:
    cn = facts["derived"]["cn"]
    out: dict[str, dict[str, Any]] = {}
    # Jurisdiction summaries are cheap and always shown, even where no pack was loaded.
    out["CN"] = {
        "applies": cn["public_facing"],
        "path": cn["path"] if cn["path"] is not None else "undetermined",
        "security_assessment_required": cn["security_assessment_required"],
        "algorithm_filing_required": cn["algorithm_filing_required"],
        "reasons": [r[lang] for r in cn["reasons"]],
    }
    if cn["path"] is None:
        out["CN"]["settle"] = list(cn["settle"]["path"])
    out["EU"] = derive_eu.summary(facts["derived"]["eu"], lang)
    out["NIST"] = derive_nist.summary(facts["derived"]["nist"], lang, findings)
    return out
