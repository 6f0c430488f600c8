"""Messages that say what to do (issue 15 #3): every input problem, suggestions, named items."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from gaicheck.cli import main
from tests.conftest import finding, run, write_case

BAD = """gaicheck: 1
service:
  name: x
  provider: p
  markets: [CN]
  audiance: public
  output_modalities: [txt]
model:
  orgin: fine_tuned
waivers:
  - {rule: KW-1, reason: r, expires: 2026-12-31}
"""


def _errors(tmp_path: Path) -> list[str]:
    (tmp_path / "service.yaml").write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(main, ["assess", str(tmp_path / "service.yaml")])
    assert result.exit_code == 2 and not result.stdout
    return result.stderr.splitlines()


def test_every_problem_is_listed_in_file_order(tmp_path: Path) -> None:
    lines = _errors(tmp_path)
    assert len(lines) == 4 and all(line.startswith("gaicheck: error: ") for line in lines)
    assert [line.split(":")[3] for line in lines] == ["6", "7", "9", "11"]
    assert not any("more problem" in line for line in lines)


def test_unknown_keys_and_values_get_a_suggestion(tmp_path: Path) -> None:
    lines = _errors(tmp_path)
    assert "unknown key 'audiance'; did you mean 'audience'?" in lines[0]
    assert "did you mean 'text'?" in lines[1]
    assert "unknown key 'orgin'; did you mean 'origin'?" in lines[2]


def test_bad_waiver_rule_id_is_a_sentence(tmp_path: Path) -> None:
    line = _errors(tmp_path)[3]
    assert "'KW-1' is not a rule id" in line and "like CN-KW-01" in line and "^[A-Z]" not in line


def test_keyword_list_without_category_column_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "filing"
    folder.mkdir()
    with open(folder / "kw.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["关键词"])
        w.writerows([f"kw{i}"] for i in range(10_050))
    path = write_case(tmp_path, {"documents": {"keyword_list": "filing/kw.csv"}})
    f = finding(run(path), "CN-KW-02")
    assert f.status == "manual" and "no category column" in f.message and "风险类别" in f.message
    assert "declare documents.keyword_list" not in f.message
    assert f.missing_facts == ("settings.artifacts.columns.category",)


def test_single_source_language_is_named(tmp_path: Path) -> None:
    sources = [{"name": "a", "kind": "open_source", "languages": ["zh", "en"], "modalities": ["text"]},
               {"name": "b", "kind": "open_source", "languages": ["zh"], "modalities": ["text"]}]
    path = write_case(tmp_path, {"model": {"origin": "fine_tuned"}, "safeguards": {"training_data": {"sources": sources}}})
    f = finding(run(path), "CN-DATA-02")
    assert f.status == "fail" and f.note is not None and "language en (1)" in f.note and "zh" not in f.note
