"""One error format and strict values (issue 13 #8), end to end: the format version is the integer 1,
a quoted "no" is not a boolean, a NUL in YAML is one located line, and a checklist CSV cell that a
spreadsheet would read as a formula (also after a space or a tab) is escaped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.hostile.run import gaicheck, one_error

MIN = "gaicheck: 1\nservice:\n  name: a\n  provider: b\n  markets: [CN]\n  audience: public\n"


@pytest.mark.parametrize("version", ["1.0", "true", '"1"', "01.0", "1e0"])
def test_the_format_version_is_the_integer_1(tmp_path: Path, version: str) -> None:
    (tmp_path / "service.yaml").write_text(MIN.replace("gaicheck: 1", f"gaicheck: {version}"), encoding="utf-8")
    one_error(gaicheck("validate", "service.yaml", cwd=tmp_path), "service.yaml:1:11", "the integer 1")


@pytest.mark.parametrize("value", ['"no"', '"false"', "'yes'", '"true"'])
def test_a_quoted_word_is_not_a_boolean(tmp_path: Path, value: str) -> None:
    (tmp_path / "service.yaml").write_text(MIN + f"  user_publishing: {value}\n", encoding="utf-8")
    one_error(gaicheck("assess", "service.yaml", cwd=tmp_path), "service.yaml:7:20", "write true or false")


def test_a_nul_byte_in_yaml_is_one_located_line(tmp_path: Path) -> None:
    (tmp_path / "service.yaml").write_bytes(MIN.replace("name: a", "name: a\x00b").encode())
    one_error(gaicheck("assess", "service.yaml", cwd=tmp_path), "service.yaml:3:10", "U+0000")


@pytest.mark.parametrize("name", ["=1+2", " =1+2", "\t=HYPERLINK(1)", " +1", "\t@SUM(A1)", "-1"])
def test_checklist_csv_escapes_formulas_after_white_space(tmp_path: Path, name: str) -> None:
    quoted = name.replace("\t", "\\t")
    (tmp_path / "service.yaml").write_text(MIN + f'documents:\n  security_assessment_report: "{quoted}.pdf"\n',
                                           encoding="utf-8")
    out = gaicheck("checklist", "service.yaml", "--format", "csv", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    cells = [c for row in csv.reader(io.StringIO(out.stdout)) for c in row]
    assert "'" + name + ".pdf" in cells  # the path column, escaped
    starts = [c for c in cells if c.lstrip(" \t").startswith(("=", "+", "-", "@"))]
    assert not starts, starts
