"""`gaicheck init` end to end (issue 15 #1 and its "done means"): a scripted interview, flags, a real
terminal, templates, no overwriting; then the newcomer's rounds from init answers to READY."""

from __future__ import annotations

import csv
import io
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from gaicheck.api import assess
from gaicheck.catalog.load import load_catalog
from gaicheck.cli import main
from gaicheck.report import terminal
from tests.conftest import AS_OF, REPO, deep_merge

# The newcomer's service: a Hangzhou e-commerce copy and image generator sold in CN and DE, on a
# fine-tuned open model. Interview answers in question order (init's QUESTIONS).
ANSWERS = [
    "CN, DE",                # markets
    "public",                # audience
    "text, image",           # outputs
    "writing, text_to_image",  # capabilities
    "fine_tuned",            # origin
    "Qwen2.5-7B-Instruct",   # upstream model
    "",                      # its China filing number: unknown
    "yes",                   # open weights
    "yes",                   # public-opinion attribute
    "yes",                   # users publish
    "provider",              # EU roles
    "none",                  # Annex III
    "none",                  # Annex I
    "no",                    # Art 5 practices
    "no",                    # own model GPAI
    "no",                    # established in the EU
    "excluded",              # minors
    "planned",               # status
    "zh, en, de",            # languages
    "店播文案助手",            # name
    "杭州某某电商科技有限公司",  # provider
]
FLAGS = ["--markets", "CN,DE", "--audience", "public", "--outputs", "text,image", "--capabilities",
         "writing,text_to_image", "--origin", "fine_tuned", "--base-model", "Qwen2.5-7B-Instruct",
         "--base-model-filing", "?", "--base-model-open", "yes", "--public-opinion", "yes", "--user-publishing", "yes",
         "--eu-roles", "provider", "--intended-purposes", "none", "--annex1", "none", "--prohibited-practices", "no",
         "--gpai", "no", "--established-in-eu", "no", "--minors", "excluded", "--status", "planned",
         "--languages", "zh,en,de", "--name", "店播文案助手", "--provider", "杭州某某电商科技有限公司"]


def _init(tmp_path: Path, *args: str, answers: list[str] | None = None) -> Any:
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        text = None if answers is None else "\n".join(answers) + "\n"
        return CliRunner().invoke(main, ["init", *args], input=text)
    finally:
        os.chdir(old)


def test_scripted_interview_writes_a_valid_commented_declaration(tmp_path: Path) -> None:
    result = _init(tmp_path, answers=ANSWERS)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "service.yaml").read_text(encoding="utf-8")
    decl = yaml.safe_load(text)
    assert decl["service"]["markets"] == ["CN", "DE"] and decl["model"]["origin"] == "fine_tuned"
    assert decl["eu"]["intended_purposes"] == [] and decl["eu"]["prohibited_practices"]["art5.e"] is False
    # an unanswered fact is present, null, and says what it decides
    line = next(x for x in text.splitlines() if x.strip().startswith("cn_filing_number:"))
    assert "null  # UNKNOWN — " in line and "registration" in line
    assert "# yaml-language-server: $schema=" in text.splitlines()[0]
    report = assess(str(tmp_path / "service.yaml"), as_of=AS_OF)  # loads: no input error
    assert report.jurisdictions["CN"]["path"] == "filing" and report.jurisdictions["EU"]["tier"] == "limited"


def test_flags_give_the_same_declaration_as_the_interview(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _init(tmp_path / "a", answers=ANSWERS).exit_code == 0
    assert _init(tmp_path / "b", "--no-input", *FLAGS).exit_code == 0
    assert (tmp_path / "a" / "service.yaml").read_text(encoding="utf-8") == (
        tmp_path / "b" / "service.yaml").read_text(encoding="utf-8")


def test_no_input_leaves_everything_unknown_but_valid(tmp_path: Path) -> None:
    assert _init(tmp_path, "--no-input").exit_code == 0
    decl = yaml.safe_load((tmp_path / "service.yaml").read_text(encoding="utf-8"))
    assert decl["service"]["markets"] is None and decl["model"]["origin"] is None
    assess(str(tmp_path / "service.yaml"), as_of=AS_OF)


def test_bad_flag_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    result = _init(tmp_path, "--no-input", "--markets", "cn")
    assert result.exit_code == 2 and "did you mean CN?" in result.output
    assert not (tmp_path / "service.yaml").exists()


def test_bad_interview_answer_is_asked_again(tmp_path: Path) -> None:
    result = _init(tmp_path, answers=["Germany", *ANSWERS])
    assert result.exit_code == 0 and "DE" in result.output
    assert yaml.safe_load((tmp_path / "service.yaml").read_text(encoding="utf-8"))["service"]["markets"] == ["CN", "DE"]


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "service.yaml").write_text("keep me\n", encoding="utf-8")
    result = _init(tmp_path, "--no-input")
    assert result.exit_code == 2 and "not overwritten" in result.stderr
    assert (tmp_path / "service.yaml").read_text(encoding="utf-8") == "keep me\n"
    (tmp_path / "filing").mkdir()
    (tmp_path / "filing" / "拦截关键词.csv").write_text("mine\n", encoding="utf-8")
    result = _init(tmp_path, "--no-input", "--with-templates", "other.yaml")
    assert result.exit_code == 2 and not (tmp_path / "other.yaml").exists()


def test_templates_have_headers_and_every_risk_and_aspect(tmp_path: Path) -> None:
    assert _init(tmp_path, "--no-input", "--with-templates", *FLAGS).exit_code == 0
    from gaicheck.artifacts import load_taxonomy

    tax = load_taxonomy()

    def rows(name: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO((tmp_path / "filing" / name).read_text(encoding="utf-8"))))

    kw = rows("拦截关键词.csv")
    assert kw[0][:2] == ["关键词", "风险类别"] and [r[1] for r in kw[1:]] == list(tax.codes_in("A.1", "A.2"))
    generated = rows("生成内容测试题库.csv")
    assert generated[0][:2] == ["题目", "风险类别"] and [r[1] for r in generated[1:]] == list(tax.codes)
    assert len(generated) - 1 == 31
    assert [r[1] for r in rows("应拒答测试题库.csv")[1:]] == list(tax.codes_in("A.1", "A.2"))
    nr = rows("非拒答测试题库.csv")
    assert nr[0][:2] == ["题目", "方面"] and [r[1] for r in nr[1:]] == list(tax.aspect_ids)
    assert all(r[0] == "" for r in kw[1:])  # guide rows carry no item text
    # the declaration names them and gaicheck reads them: zero items counted, not an input error
    report = assess(str(tmp_path / "service.yaml"), as_of=AS_OF)
    kw_doc = next(d for d in report.documents if d.id == "keyword_list")
    assert kw_doc.path == "filing/拦截关键词.csv" and kw_doc.stats is not None and kw_doc.stats["total"] == 0


def test_interview_in_a_real_terminal(tmp_path: Path) -> None:
    """The same interview typed into a pseudo-terminal (click reads a tty, not a pipe)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "gaicheck", "init"], cwd=tmp_path, stdin=slave, stdout=slave,
                            stderr=slave, close_fds=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    os.close(slave)
    output = b""
    answers = iter(ANSWERS)
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if output.rstrip().endswith(b":"):  # a prompt waits for its answer
            answer = next(answers, None)
            if answer is not None:
                os.write(master, answer.encode("utf-8") + b"\n")
    proc.wait(timeout=30)
    os.close(master)
    assert proc.returncode == 0, output.decode("utf-8", "replace")
    text = output.decode("utf-8", "replace")
    assert "Markets where the service is offered" in text and "next: gaicheck assess service.yaml" in text
    assert yaml.safe_load((tmp_path / "service.yaml").read_text(encoding="utf-8"))["service"]["name"] == "店播文案助手"


# --- done means: the first screen, the length, and the rounds to READY ------------------------------

def test_first_screen_holds_the_verdict_and_top_actions(tmp_path: Path) -> None:
    assert _init(tmp_path, "--no-input", *FLAGS).exit_code == 0
    report = assess(str(tmp_path / "service.yaml"), display="service.yaml", as_of=AS_OF)
    lines = terminal.render(report).splitlines()
    screen = "\n".join(lines[:15])
    assert "NOT READY (fail-on major)" in screen
    for item in report.to_declare[:3]:
        assert f"declare {item.field}" in screen
    assert len(lines) < 60, len(lines)


def _truth(folder: Path) -> dict[str, Any]:
    """A READY declaration of the newcomer's service: the China walk-through's safeguards and files,
    the EU chatbot's AI Act answers, this service's own facts."""
    shutil.copytree(REPO / "examples" / "cn-complete" / "filing", folder / "filing")
    cn = yaml.safe_load((REPO / "examples" / "cn-complete" / "service.yaml").read_text(encoding="utf-8"))
    eu = yaml.safe_load((REPO / "examples" / "eu-chatbot" / "service.yaml").read_text(encoding="utf-8"))["eu"]
    return deep_merge(cn, {
        "service": {"name": "店播文案助手", "provider": "杭州某某电商科技有限公司", "markets": ["CN", "DE"],
                    "output_modalities": ["text", "image"], "capabilities": ["writing", "text_to_image"],
                    "languages": ["zh", "en"], "users": {"minors": "excluded"}},
        "safeguards": {"minors_exclusion_measures": True},
        "eu": dict(eu, roles=["provider"], intended_purposes=[]),
    })


def _split(decl: Any, dotted: str) -> list[str]:
    """A dotted field as keys, where a key may itself hold dots (``prohibited_practices.art5.a``)."""
    parts, keys, node = dotted.split("."), [], decl
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            key = ".".join(parts[i:j])
            if isinstance(node, dict) and key in node:
                keys.append(key)
                node = node[key]
                i = j
                break
        else:
            keys.append(parts[i])
            node = None
            i += 1
    return keys


def _copy(src: dict[str, Any], dst: dict[str, Any], dotted: str) -> None:
    keys = _split(src, dotted)
    node: Any = src
    for k in keys:
        if not isinstance(node, dict) or k not in node:
            return
        node = node[k]
    target = dst
    for k in keys[:-1]:
        if not isinstance(target.get(k), dict):
            target[k] = {}
        target = target[k]
    target[keys[-1]] = node


def test_newcomer_rounds_from_init_to_ready(tmp_path: Path) -> None:
    """Each round answers what the report asks first: the fields it names, and what failing rules point at."""
    truth = _truth(tmp_path)
    assert _init(tmp_path, "--no-input", *FLAGS).exit_code == 0
    path = tmp_path / "service.yaml"
    decl = yaml.safe_load(path.read_text(encoding="utf-8"))
    locations = {cr.rule.id: cr.rule.location for cr in load_catalog().rules}
    for round_no in range(1, 8):
        report = assess(str(path), display="service.yaml", as_of=AS_OF)
        if report.ready:
            break
        head = terminal.render(report).splitlines()[:15]
        assert head[1].startswith("NOT READY") and any(line.lstrip().startswith(("Next:", "declare")) for line in head)
        for item in report.to_declare:
            _copy(truth, decl, item.field)
        for f in report.blocking():
            if f.status == "fail":
                _copy(truth, decl, locations[f.rule])
        path.write_text(yaml.safe_dump(decl, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert report.ready, (round_no, [(f.rule, f.status) for f in report.blocking()])
    assert round_no <= 7
    print(f"READY after {round_no - 1} rounds of answers")
