"""``assess --compare previous.json`` (issue 19 #3): new failures, resolved ones, readiness flips."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gaicheck.api import assess
from gaicheck.errors import InputError
from gaicheck.report import render_reports
from gaicheck.report.compare import compare, load_previous, text_lines
from tests.conftest import AS_OF, REPO
from tests.report.test_html import parse

EX = ["chatbot-filing", "face-swap", "eu-gpai-provider"]


@pytest.fixture(scope="module")
def reports() -> list:
    return [assess(str(REPO / "examples" / e / "service.yaml"), display=f"examples/{e}/service.yaml", as_of=AS_OF)
            for e in EX]


def previous_json(reports: list, tmp: Path) -> Path:
    """The same run, edited: chatbot-filing failed CN-ANN-01 (not ready), face-swap passed one rule it
    fails now, eu-gpai-provider is gone, a service that is gone now was there."""
    data = json.loads(render_reports("json", reports[:2]))
    chat, face = data
    chat["ready"] = False
    for f in chat["findings"]:
        if f["rule"] == "CN-ANN-01":
            f["status"] = "fail"
    fails = sorted(f["rule"] for f in face["findings"] if f["status"] == "fail")
    for f in face["findings"]:
        if f["rule"] == fails[0]:
            f["status"] = "pass"
    old = json.loads(json.dumps(chat))
    old["input"]["path"] = "examples/retired/service.yaml"
    data.append(old)
    p = tmp / "prev.json"
    p.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return p


def test_changes_per_service_and_total(reports: list, tmp_path: Path) -> None:
    prev = previous_json(reports, tmp_path)
    c = compare(reports, load_previous(str(prev)), str(prev))
    by = {s.path: s for s in c.services}
    chat = by["examples/chatbot-filing/service.yaml"]
    assert (chat.state, chat.flipped, chat.new_failures, chat.resolved) == ("both", True, (), ("CN-ANN-01",))
    face = by["examples/face-swap/service.yaml"]
    first_fail = sorted(f.rule for f in reports[1].findings if f.status == "fail")[0]
    assert (face.flipped, face.new_failures, face.resolved) == (False, (first_fail,), ())
    assert by["examples/eu-gpai-provider/service.yaml"].state == "added"
    assert by["examples/retired/service.yaml"].state == "gone"
    eu_fails = sum(1 for f in reports[2].findings if f.status == "fail")
    assert c.totals == {"new": 1 + eu_fails, "resolved": 1, "flips": 1, "added": 1, "gone": 1}


def test_single_report_object_and_path_normalisation(reports: list, tmp_path: Path) -> None:
    one = json.loads(render_reports("json", reports[:1]))
    one["input"]["path"] = "./examples//chatbot-filing/service.yaml"
    p = tmp_path / "one.json"
    p.write_text(json.dumps(one), encoding="utf-8")
    c = compare(reports[:1], load_previous(str(p)), str(p))
    assert [(s.state, s.flipped, s.new_failures, s.resolved) for s in c.services] == [("both", False, (), ())]


def test_html_shows_the_comparison(reports: list, tmp_path: Path) -> None:
    prev = previous_json(reports, tmp_path)
    c = compare(reports, load_previous(str(prev)), str(prev))
    root = parse(render_reports("html", reports, previous=c))
    total = root.by_id("compare-total")
    assert (total.attrs["data-new"], total.attrs["data-resolved"], total.attrs["data-flips"]) == (
        str(c.totals["new"]), "1", "1")
    assert "examples/retired/service.yaml" in root.by_id("compare").all_text()
    resolved = [n.all_text() for n in root.find("span", **{"class": "resolved"})]
    assert resolved == ["CN-ANN-01"]


def test_text_lines(reports: list, tmp_path: Path) -> None:
    prev = previous_json(reports, tmp_path)
    c = compare(reports, load_previous(str(prev)), str(prev))
    lines = text_lines(c, "en")
    assert "  examples/chatbot-filing/service.yaml: NOT READY → READY · resolved: CN-ANN-01" in lines
    assert "  examples/retired/service.yaml: not in this run" in lines
    assert lines[-1].startswith(f"  total: {c.totals['new']} new failures · 1 resolved · 1 readiness flips")
    assert any("结论变化" in line for line in text_lines(c, "zh"))


@pytest.mark.parametrize(("text", "where", "words"), [
    ('{"a": 1}', "1:1", "not a gaicheck JSON report"),
    ('[\n  {"report_version": 1, "findings": [], "input": {"path": "x"}, "ready": true},\n  3\n]', "3:3",
     "not a gaicheck JSON report"),
    ('{"report_version": 1, "findings": [], "input": {}, "ready": true}', "1:1", "without input.path"),
    ('{"report_version": 1, "findings": [{"rule": 1}], "input": {"path": "x"}, "ready": true}', "1:1",
     "finding that has no rule"),
    ('{"report_version": 1,\n "findings": [}', "2:15", "not valid JSON"),
    ('<html></html>', "1:1", "not valid JSON"),
    ('[{"report_version": 1, "findings": [], "input": {"path": "x"}, "ready": true}] x', "1:80", "not valid JSON"),
])
def test_bad_previous_is_located(tmp_path: Path, text: str, where: str, words: str) -> None:
    p = tmp_path / "prev.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=words) as exc:
        load_previous(str(p))
    assert str(exc.value).startswith(f"{p}:{where}: ")


def test_cli_bad_compare_file_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "prev.json").write_text('{"tool": "other"}', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "gaicheck", "assess", str(REPO / "examples" / "eu-chatbot"), "--compare", "prev.json",
         "--format", "html", "--output", "d.html"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "LANG": "C.UTF-8"})
    assert out.returncode == 2
    assert out.stderr.startswith("gaicheck: error: prev.json:1:1: not a gaicheck JSON report")
    assert len(out.stderr.splitlines()) == 1 and not (tmp_path / "d.html").exists()


def test_cli_terminal_appends_the_comparison(reports: list, tmp_path: Path) -> None:
    prev = previous_json(reports, tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "gaicheck", "assess", *(f"examples/{e}/service.yaml" for e in EX[:2]),
         "--as-of", AS_OF.isoformat(), "--compare", str(prev), "-q"], cwd=REPO, capture_output=True, text=True,
        timeout=120, env={**os.environ, "LANG": "C.UTF-8"})
    assert out.returncode == 1, out.stderr
    assert f"Since {prev}:" in out.stdout
    assert "  examples/chatbot-filing/service.yaml: NOT READY → READY · resolved: CN-ANN-01" in out.stdout


def test_markdown_lines_escape_the_path(reports: list, tmp_path: Path) -> None:
    prev = previous_json(reports, tmp_path)
    c = compare(reports, load_previous(str(prev)), str(prev))
    lines = text_lines(c, "en", markdown=True)
    assert lines[1] == "### Since " + str(prev).replace("_", "\\_")
    assert "- examples/chatbot-filing/service.yaml: NOT READY → READY · resolved: CN-ANN-01" in lines
    evil = compare(reports[:1], [], "<b>x</b>|*y*.json")
    assert text_lines(evil, "en", markdown=True)[1] == "### Since &lt;b&gt;x&lt;/b&gt;\\|\\*y\\*.json"
