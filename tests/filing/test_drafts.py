"""gaicheck draft: every document of the path, templates render strictly, no overwrite, no partial output."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import jinja2
import pytest

from gaicheck.api import assess
from gaicheck.declaration.load import load_declaration
from gaicheck.engine.documents import load_registry
from gaicheck.filing import drafts
from gaicheck.filing.drafts import (
    ARTIFACT_DOCS,
    CN_DRAFTS,
    EU_DRAFT,
    EXTRA_DRAFTS,
    INDEX,
    build_context,
    render_drafts,
)

from .helpers import AS_OF, EXAMPLES, FLAGSHIP, MINIMAL, cli, flagship_declaration, snapshot, write_declaration

DRAFT_MARK = "草稿 DRAFT"


def _report(path: Path):  # type: ignore[no-untyped-def]
    return assess(str(path), as_of=dt.date.fromisoformat(AS_OF), lang="zh")


def test_registry_ids_are_drafted_or_artifacts() -> None:
    """A new filing material in rules/documents.yaml needs a template or an explicit "not drafted"."""
    drafted = {s.doc_id for s in CN_DRAFTS}
    for spec in load_registry():
        if spec.framework == "CN":
            assert (spec.id in drafted) != (spec.id in ARTIFACT_DOCS), spec.id


def test_every_template_is_used() -> None:
    used = {s.template for s in CN_DRAFTS + EXTRA_DRAFTS} | {EU_DRAFT.template, INDEX.template}
    used |= {s.registration[0] for s in CN_DRAFTS if s.registration}
    names = drafts.environment().list_templates()
    assert {n for n in names if not n.rsplit("/", 1)[-1].startswith("_")} == used
    assert "_base.j2" in names


def test_flagship_produces_every_document_of_its_path(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    result = cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF, "--no-docx")
    assert result.exit_code == 0, result.output
    report = _report(FLAGSHIP)
    assert report.jurisdictions["CN"]["path"] == "filing"
    names = {p.name for p in out.iterdir()}
    stems = {s.doc_id: s.stem for s in CN_DRAFTS}
    for doc in report.documents:
        if doc.required and doc.id not in ARTIFACT_DOCS:
            assert f"{stems[doc.id]}.md" in names, doc.id
    assert f"{INDEX.stem}.md" in names
    assert not any(n.endswith(".docx") for n in names)
    for p in out.iterdir():
        text = p.read_text(encoding="utf-8")
        if p.name.startswith(INDEX.stem):
            assert "尚未具备的材料" in text
        else:
            assert DRAFT_MARK in text and "待补充事项 What the author must still supply" in text
        assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_only_documents_of_the_path(example: Path) -> None:
    report = _report(example)
    files = render_drafts(load_declaration(str(example)), report, docx=False)
    produced = {f.name for f in files}
    docs = {d.id: d for d in report.documents}
    for spec in CN_DRAFTS:
        doc = docs.get(spec.doc_id)  # absent when the China pack is not loaded (no CN market)
        stem = spec.for_route(report.jurisdictions["CN"].get("path"))[1]
        assert (f"{stem}.md" in produced) == (doc is not None and doc.required is not False), spec.doc_id
    assert (f"{EU_DRAFT.stem}.md" in produced) == (report.jurisdictions["EU"].get("applies") is True)
    if report.jurisdictions["CN"]["path"] == "registration":
        assert not any("语料标注规则" in n for n in produced)
        assert "00_登记表.md" in produced and "00_上线备案表.md" not in produced


def _full_declaration() -> dict:
    decl = flagship_declaration()
    decl["service"]["markets"] = ["CN", "EU"]
    decl["service"]["output_modalities"] = ["text", "image", "audio", "video", "virtual_scene", "3d", "code"]
    decl["service"]["minors"] = None
    decl["service"]["users"]["minors"] = "allowed"
    decl["service"]["user_publishing"] = True
    decl["service"].pop("minors")
    decl["model"]["origin"] = "fine_tuned"
    decl["model"]["base_models"] = [
        {"name": "BaseLM", "provider": "基座科技", "cn_filing_number": "Beijing-BaseLM-20240101", "open_weights": True},
        {"name": "Other|LM", "provider": None, "cn_filing_number": None},
    ]
    decl["china"]["genai_filing_number"] = "Beijing-ZhiDa-20261201"
    decl["safeguards"]["labeling"] = {"explicit": ["text", "image"], "implicit_metadata": False}
    decl["safeguards"]["training_data"] = {"personal_information": True, "sensitive_personal_information": True,
                                           "pi_lawful_basis": True, "separate_consent_sensitive": None,
                                           "uses_user_inputs": True}
    decl["safeguards"]["minors_protection"] = {"minors_mode": True, "guardian_controls": True,
                                               "guardian_consent_under_14": True, "anti_addiction": False}
    decl["safeguards"]["training_data"]["sources"] = [
        {"name": "开源百科|语料", "kind": "open_source", "languages": ["zh"], "modalities": ["text"],
         "illegal_pct_before_collection": 1.5, "illegal_pct_after_collection": 0.5, "provenance_recorded": True},
        {"name": "网页采集", "kind": "self_collected", "languages": ["zh", "en"], "modalities": ["text"],
         "illegal_pct_before_collection": 6.0, "illegal_pct_after_collection": None, "opt_outs_respected": True},
    ]
    decl["safeguards"]["annotation"] = {"rules_complete": True, "functional_and_safety_rules": True,
                                        "safety_risks_covered": 29, "annotators_trained": True, "roles_separated": False,
                                        "batch_spot_checks": True, "safety_label_reviewers": 1}
    decl["safeguards"]["ip"] = {"owner_named": True, "strategy": True, "infringement_screening": True,
                                "complaint_channel": True}
    decl["safeguards"]["content_monitoring"] = {"staff": 12, "repeat_offender_suspension": True}
    decl["safeguards"]["content_filtering"] = {"classifier_labels": ["A.1a", "A.1b"], "keyword_list_updated": "2026-11-20"}
    decl["safeguards"]["labeling"]["label_text"] = "本内容由人工智能生成"
    decl["china"]["security_assessment"].update(performed_by="self", signatories=["legal_representative"])
    decl["evaluation"]["generated_keyword_sample"] = "filing/结果.csv"
    return decl


@pytest.fixture(params=["minimal", "full", "flagship"])
def declared(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "minimal":
        return write_declaration(tmp_path, MINIMAL)
    if request.param == "flagship":
        return FLAGSHIP
    return _write_full(tmp_path)


def _write_full(tmp_path: Path) -> Path:
    import shutil

    import yaml

    folder = tmp_path / "full"
    shutil.copytree(FLAGSHIP.parent, folder)  # keep the example's artifact files next to the variant
    (folder / "filing" / "结果.csv").write_text("id,verdict\n" + "1,pass\n" * 9 + "2,fail\n", encoding="utf-8")
    path = folder / "service.yaml"
    path.write_text(yaml.safe_dump(_full_declaration(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("eu", [None, {"applies": True}, {"applies": True, "tier": "high", "gpai": "gpai_systemic"},
                                {"applies": True, "tier": "minimal", "gpai": "none"}])
def test_all_templates_render_strictly(declared: Path, eu: dict | None) -> None:
    """StrictUndefined: a variable a template names but the context lacks fails the render."""
    from gaicheck.record import replace

    report = _report(declared)
    if eu is not None:
        report = replace(report, jurisdictions=dict(report.jurisdictions, EU=eu))
    ctx = build_context(load_declaration(str(declared)), report)
    env = drafts.environment()
    doc = {"id": "x", "stem": "x", "title": "x", "name_zh": "x", "name_en": "x", "status": None, "path": None,
           "required": None, "basis": None}
    for name in env.list_templates():
        if name.rsplit("/", 1)[-1].startswith("_"):
            continue
        local = dict(ctx, doc=doc, drafts=[], artifact_ids=list(ARTIFACT_DOCS), conflicts=[])
        text, pending = drafts._render_one(env, name, local)
        assert DRAFT_MARK in text
        for item in pending:
            assert f"- [ ] {item}" in text
            # in a table cell the marker's pipes are escaped
            assert f"【待补充：{item}】" in text or f"【待补充：{item}】".replace("|", "\\|") in text
        # The clean copy renders too, and carries the same gaps without the working-draft list.
        clean, clean_pending = drafts.render_one(env, name, local, fmt="docx", clean=True)
        assert clean_pending == pending and "What the author must still supply" not in clean.finish()


def test_declared_facts_fill_suggested_verdicts(tmp_path: Path) -> None:
    declared = _write_full(tmp_path)
    report = _report(declared)
    text = next(f.data.decode("utf-8") for f in render_drafts(load_declaration(str(declared)), report, docx=False)
                if f.name.startswith("01_"))
    assert "6.0%（超过5%）" in text
    assert "开源百科\\|语料" in text                      # a pipe in a value cannot break the table
    rows = {line.split(" | ")[1]: line for line in text.splitlines() if line.startswith("| 5.") or line.startswith("| 6 ")}
    # Declared false or failing rules become 不符合 with the remediation, never a blank.
    assert "**不符合**" in rows["采集前对每一语料来源进行安全评估，违法不良信息超过5%的来源不采集"]
    assert "整改措施：" in rows["采集前对每一语料来源进行安全评估，违法不良信息超过5%的来源不采集"]
    assert "**不符合**" in rows["标注人员经培训考核上岗并定期复核；标注与审核职能分离"]   # roles not separated
    assert "**不符合**" in rows["标注规则写明目标、格式、方法和质量指标；功能性与安全性标注规则分开，安全性规则覆盖附录A全部31种风险"]
    assert "最近更新日期：2026-11-20" in text
    assert "分类模型标签数：2" in text and "自行评估" in text


def test_minimal_declaration_marks_gaps(tmp_path: Path) -> None:
    path = write_declaration(tmp_path, MINIMAL)
    files = {f.name: f.data.decode("utf-8") for f in render_drafts(load_declaration(str(path)), _report(path), docx=False)}
    sar = files["01_附件1_安全自评估报告.md"]
    assert "【待补充：拦截关键词列表：文件未提供" in sar
    assert "【待补充：生成内容人工抽检的样本量与结果" in sar
    assert "【待补充：服务简介" in files["00_上线备案表.md"]


def test_strict_undefined_is_enforced() -> None:
    env = drafts.environment()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nothing.here }}").render()
    assert env.undefined is jinja2.StrictUndefined and env.autoescape is False


def test_measured_figures_in_the_assessment_report() -> None:
    report = _report(FLAGSHIP)
    text = next(f.data.decode("utf-8") for f in render_drafts(load_declaration(str(FLAGSHIP)), report, docx=False)
                if f.name.startswith("01_"))
    kw = next(d for d in report.documents if d.id == "keyword_list")
    assert kw.stats is not None, "the artifact counter fills documents[].stats for the flagship"
    assert f"共{kw.stats['total']:,}条" in text
    assert "| A.1a | " in text
    for kind, measure, word in (("generated_manual_sample", "passed", "通过率"), ("should_refuse_sample", "refused", "拒答率")):
        size, count = _declared_sample(kind, measure)
        assert f"{word} {count / size * 100:.1f}%（{count:,}/{size:,}）" in text


def _declared_sample(kind: str, measure: str) -> tuple[int, int]:
    """The flagship's declared {size, passed|refused} for one sampling."""
    sample = flagship_declaration()["evaluation"][kind]
    return int(sample["size"]), int(sample[measure])


def test_results_file_not_counted_is_a_gap(tmp_path: Path) -> None:
    decl = dict(MINIMAL, evaluation={"should_refuse_sample": "results.csv"})
    path = write_declaration(tmp_path, decl, {"results.csv": "id,refused\n1,是\n"})
    report = _report(path)
    text = next(f.data.decode("utf-8") for f in render_drafts(load_declaration(str(path)), report, docx=False)
                if f.name.startswith("01_"))
    if getattr(report, "evaluation", None):  # once the Report carries counted results, they are used
        assert "拒答率 100.0%（1/1）" in text
    else:
        assert "【待补充：应拒答抽测（拒答率）的样本量与结果（TC260-003 §9.4），结果文件 results.csv 尚未统计】" in text


CANARY = "机密金丝雀词条ZX81"


def test_artifact_items_never_copied(tmp_path: Path) -> None:
    """Keywords and questions are confidential: drafts carry counts and hashes only."""
    decl = flagship_declaration()
    decl["documents"] = {"keyword_list": "kw.csv", "test_bank_should_refuse": "refuse.csv"}
    rows = "keyword,category\n" + "".join(f"{CANARY}{i},A.1a\n" for i in range(30))
    path = write_declaration(tmp_path, decl, {"kw.csv": rows, "refuse.csv": rows.replace("keyword", "question")})
    out = tmp_path / "out"
    docx_flag = "--docx" if drafts_docx_available() else "--no-docx"
    assert cli("draft", str(path), "--out", str(out), "--as-of", AS_OF, docx_flag).exit_code == 0
    for p in out.iterdir():
        data = p.read_bytes()
        if p.suffix == ".docx":
            with zipfile.ZipFile(p) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        assert CANARY.encode("utf-8") not in data, p.name
    checklist = cli("checklist", str(path), "--format", "json", "--as-of", AS_OF).stdout
    assert CANARY not in checklist


def drafts_docx_available() -> bool:
    from gaicheck.filing import word

    return word.available()


def test_docx_opens_and_contains_the_measured_figures(tmp_path: Path) -> None:
    pytest.importorskip("docxtpl", reason="docxtpl not installed (optional extra gaicheck[docx])")
    import docx
    out = tmp_path / "d"
    assert cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF, "--docx").exit_code == 0
    report = _report(FLAGSHIP)
    files = sorted(out.glob("*.docx"))
    assert len(files) == len(list(out.glob("*.md"))) - 1  # every draft but the overview
    document = docx.Document(str(out / "01_附件1_安全自评估报告.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    kw = next(d for d in report.documents if d.id == "keyword_list")
    assert kw.stats is not None
    assert f"{kw.stats['total']:,}" in text
    assert "草稿" in cells  # the title block says it is a draft
    for kind, measure in (("generated_manual_sample", "passed"), ("should_refuse_sample", "refused")):
        size, count = _declared_sample(kind, measure)
        assert f"{count / size * 100:.1f}%" in cells
    a1a = kw.stats["by_risk"]["A.1a"]
    assert any(row.cells[0].text == "A.1a" and row.cells[2].text == f"{a1a:,}"
               for t in document.tables for row in t.rows)


def test_docx_flag_without_python_docx(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from gaicheck.filing import word

    monkeypatch.setattr(word, "available", lambda: False)
    result = cli("draft", str(FLAGSHIP), "--out", str(tmp_path / "o"), "--docx")
    assert result.exit_code == 2 and "docxtpl" in result.output
    assert not (tmp_path / "o").exists()
    result = cli("draft", str(FLAGSHIP), "--out", str(tmp_path / "o"), "--as-of", AS_OF)
    assert result.exit_code == 0 and not list((tmp_path / "o").glob("*.docx"))


# --- overwrite and partial output ----------------------------------------------------------------

def test_no_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF).exit_code == 0
    target = next(out.glob("02_*.md"))
    target.write_text("edited by a human", encoding="utf-8")
    before = snapshot(out)
    result = cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 2 and "--force" in result.output
    assert snapshot(out) == before
    result = cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF, "--force")
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") != "edited by a human"
    assert not [p for p in out.iterdir() if p.name.startswith(".gaicheck-")]


def test_one_existing_file_blocks_all(tmp_path: Path) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "12_应急处置预案.md").write_text("mine", encoding="utf-8")
    result = cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert [p.name for p in out.iterdir()] == ["12_应急处置预案.md"]


def test_existing_symlink_is_not_followed(tmp_path: Path) -> None:
    out = tmp_path / "d"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (out / "12_应急处置预案.md").symlink_to(victim)
    assert cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF).exit_code == 2
    assert cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF, "--force").exit_code == 0
    assert victim.read_text(encoding="utf-8") == "keep"
    assert not (out / "12_应急处置预案.md").is_symlink()


def test_nothing_written_on_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("gaicheck: 1\nservice:\n  name: a\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("draft", str(bad), "--out", str(out))
    assert result.exit_code == 2 and "bad.yaml:" in result.output
    assert not out.exists()


def test_nothing_written_on_render_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template bug surfaces as an internal error (exit 3) before any file is written."""
    broken = drafts.DraftSpec("security_training_policy", "cn/no-such-template.j2", "16_安全培训制度")
    specs = tuple(broken if s.doc_id == broken.doc_id else s for s in CN_DRAFTS)
    monkeypatch.setattr(drafts, "CN_DRAFTS", specs)
    monkeypatch.delenv("GAICHECK_DEBUG", raising=False)
    out = tmp_path / "out"
    result = cli("draft", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 3
    assert not out.exists()
    with pytest.raises(drafts.DraftError, match="no-such-template"):
        render_drafts(load_declaration(str(FLAGSHIP)), _report(FLAGSHIP), docx=False)


def test_out_is_a_file(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x", encoding="utf-8")
    result = cli("draft", str(FLAGSHIP), "--out", str(f))
    assert result.exit_code == 2
    assert f.read_text(encoding="utf-8") == "x"


def test_drafts_are_deterministic(tmp_path: Path) -> None:
    report = _report(FLAGSHIP)
    loaded = load_declaration(str(FLAGSHIP))
    docx = drafts_docx_available()
    a = render_drafts(loaded, report, docx=docx)
    b = render_drafts(loaded, report, docx=docx)
    # Byte-identical, .docx included (fixed zip timestamps and core properties).
    assert [(f.name, f.data) for f in a] == [(f.name, f.data) for f in b]
