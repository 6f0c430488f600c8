"""Config files: .gaicheck.yaml or [tool.gaicheck] in pyproject.toml, found upward; flags win; located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gaicheck.cli import main
from tests.workflow.helpers import AS_OF, FAIL, PACK, only_test_pack, write  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("only_test_pack")


def gaicheck(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["assess", *args, "--as-of", AS_OF.isoformat()], env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a declaration two folders down that fails one major rule (CN-TST-02)."""
    (tmp_path / ".git").mkdir()
    write(tmp_path / "compliance" / "svc", FAIL["major"])
    monkeypatch.chdir(tmp_path)
    return tmp_path


DECL = "compliance/svc/service.yaml"


def yaml_config(folder: Path, text: str) -> None:
    (folder / ".gaicheck.yaml").write_text(f"rules-dir: {PACK}\n" + text, encoding="utf-8")


def toml_config(folder: Path, text: str) -> None:
    (folder / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.gaicheck]\nrules-dir = "{PACK}"\n' + text,
                                          encoding="utf-8")


def test_yaml_config_above_the_declaration_sets_fail_on(repo: Path) -> None:
    yaml_config(repo / "compliance", "fail-on: blocker\nlang: en\n")
    assert gaicheck(DECL).exit_code == 0  # the major failure no longer blocks
    assert gaicheck(DECL, "--fail-on", "major").exit_code == 1  # the command line wins


def test_pyproject_table_sets_format_and_lang(repo: Path) -> None:
    toml_config(repo, 'format = "json"\nlang = "zh"\neu_timeline = "baseline"\n')
    result = gaicheck(DECL)
    assert result.exit_code == 1
    assert json.loads(result.output)["fail_on"] == "major"
    terminal = gaicheck(DECL, "--format", "terminal").output
    assert "尚不可申报" in terminal and "NOT READY" not in terminal  # lang from the config
    assert "NOT READY" in gaicheck(DECL, "--format", "terminal", "--lang", "en").output


def test_config_formats_with_files(repo: Path) -> None:
    yaml_config(repo, "format: [terminal, {sarif: out/gaicheck.sarif}, {junit: out/gaicheck.xml}]\n")
    (repo / "out").mkdir()
    result = gaicheck(DECL)
    assert result.exit_code == 1 and not result.output.lstrip().startswith("{")
    assert json.loads((repo / "out" / "gaicheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (repo / "out" / "gaicheck.xml").read_text(encoding="utf-8").startswith("<?xml")
    # --format on the command line replaces the configured list
    (repo / "out" / "gaicheck.sarif").unlink()
    assert gaicheck(DECL, "--format", "json").exit_code == 1
    assert not (repo / "out" / "gaicheck.sarif").exists()


def test_yaml_wins_over_pyproject_in_one_folder_and_a_bare_pyproject_is_passed_over(repo: Path) -> None:
    yaml_config(repo / "compliance", "fail-on: blocker\n")
    toml_config(repo / "compliance", 'fail-on = "info"\n')
    assert gaicheck(DECL).exit_code == 0
    (repo / "compliance" / ".gaicheck.yaml").unlink()
    (repo / "compliance" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    yaml_config(repo, "fail-on: blocker\n")
    assert gaicheck(DECL).exit_code == 0  # found one folder further up


def test_search_stops_at_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    yaml_config(tmp_path, "fail-on: blocker\n")  # above the repository: another project's
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write(tmp_path / "repo", FAIL["major"])
    monkeypatch.chdir(tmp_path / "repo")
    result = gaicheck("service.yaml", "--rules-dir", str(PACK))
    assert result.exit_code == 1


@pytest.mark.parametrize(("text", "where", "message"), [
    ("fial-on: blocker\n", ":2:1:", "unknown setting 'fial-on'"),
    ("fail-on: high\n", ":2:1:", "fail-on: 'high' is not one of blocker, major, minor, info"),
    ("format: [pdf]\n", ":2:1:", "format: 'pdf' is not one of"),
    ("format: [json, sarif]\n", ":2:1:", "only one format can go to standard output"),
    ("lang: fr\n", ":2:1:", "lang: 'fr' is not one of zh, en"),
    ("eu-timeline: 2024\n", ":2:1:", "eu-timeline: 2024 is not one of baseline, omnibus_2026"),
    ("fail-on: major\nfail_on: minor\n", ":3:1:", "are the same setting"),
])
def test_yaml_errors_are_located(repo: Path, text: str, where: str, message: str) -> None:
    yaml_config(repo / "compliance", text)
    result = gaicheck(DECL)
    assert result.exit_code == 2 and result.stdout == ""
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("gaicheck: error: compliance/.gaicheck.yaml" + where), err
    assert message in err[0]


def test_rules_dir_must_exist(repo: Path) -> None:
    (repo / ".gaicheck.yaml").write_text("rules-dir: [no-such-folder]\n", encoding="utf-8")
    result = gaicheck(DECL)
    assert result.exit_code == 2
    assert "gaicheck: error: .gaicheck.yaml:1:1: rules-dir: 'no-such-folder' is not a folder" in result.output


def test_toml_errors_are_located(repo: Path) -> None:
    toml_config(repo, '\nfail-on = "sometimes"\n')
    result = gaicheck(DECL)
    assert result.exit_code == 2
    assert "gaicheck: error: pyproject.toml:7:1: fail-on: 'sometimes' is not one of" in result.output
    (repo / "pyproject.toml").write_text("[tool.gaicheck]\nfail-on = \n", encoding="utf-8")
    result = gaicheck(DECL)
    assert result.exit_code == 2 and "gaicheck: error: pyproject.toml:2:" in result.output
    assert "invalid TOML" in result.output and "Traceback" not in result.output


def test_nothing_written_on_a_config_error(repo: Path) -> None:
    yaml_config(repo, "format: [{sarif: out.sarif}]\nbogus: 1\n")
    assert gaicheck(DECL).exit_code == 2
    assert not (repo / "out.sarif").exists()


ESC = "\x1b["


@pytest.mark.parametrize(("args", "env", "colored"), [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True),
    ([], {"NO_COLOR": "1"}, False),
    ([], {}, False),  # not a terminal
    (["--color", "always", "--format", "json"], {}, False),  # colour is for the terminal report only
])
def test_color(repo: Path, args: list[str], env: dict[str, str], colored: bool) -> None:
    base = {"FORCE_COLOR": "", "NO_COLOR": ""}
    result = gaicheck(DECL, "--rules-dir", str(PACK), *args, env={**base, **env})
    assert result.exit_code == 1
    assert (ESC in result.output) is colored


def test_validate_reads_the_same_config(repo: Path) -> None:
    # a waiver of a rule that only the configured pack has: without the pack it is an input error
    write(repo / "compliance" / "svc", FAIL["major"], {"waivers": [{"rule": "CN-TST-02", "reason": "r", "expires": "2027-01-31"}]})
    yaml_config(repo, "fail-on: blocker\n")
    result = CliRunner().invoke(main, ["validate", DECL, "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert gaicheck(DECL).exit_code == 0  # assess agrees: the failure is waived
    (repo / ".gaicheck.yaml").write_text("fail-on: sometimes\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", DECL, "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 2 and "gaicheck: error: .gaicheck.yaml:1:1: fail-on:" in result.output
