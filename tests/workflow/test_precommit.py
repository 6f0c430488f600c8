"""The pre-commit hook, run for real by pre-commit in a temporary git repository.

Offline by design: the hook in .pre-commit-hooks.yaml is ``language: python``, and pre-commit
installs such a hook by pip-installing this repository and its dependencies from the package
index into a fresh virtualenv (``pre-commit try-repo``). CI must pass without the network, so the
main test runs the *same hook definition* (id, name, entry, files pattern, …, read from
.pre-commit-hooks.yaml) as a ``repo: local`` hook with ``language: system``, pointing the entry at
the gaicheck of the running interpreter. What is tested is therefore everything but the pip install:
that pre-commit accepts the definition, selects declaration files by the ``files`` pattern, passes
them to ``gaicheck assess`` and turns the exit code into Passed/Failed, and that a failing
declaration blocks ``git commit``.

The real ``language: python`` install is covered by ``test_try_repo_installs_the_hook``, which
needs the package index and runs only with GAICHECK_NETWORK_TESTS=1.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).parents[2]

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None and shutil.which("pre-commit") is None,
    reason="pre-commit is not installed (pip install -e '.[test]')",
)

PASSING = """\
gaicheck: 1
service: {name: internal tool, provider: Example Ltd, markets: [US], audience: internal, status: planned}
"""
# A live, fine-tuned model offered to the public in China without a filing number: CN-FIL-02 (blocker).
FAILING = """\
gaicheck: 1
service:
  name: 公众助手
  provider: 示例科技有限公司
  status: live
  markets: [CN]
  audience: public
  public_opinion_or_mobilization: true
model: {origin: fine_tuned}
"""


def pre_commit() -> list[str]:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    return [str(shutil.which("pre-commit"))]


def hook_definition() -> dict[str, object]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "gaicheck"]
    return dict(hook)


def env(tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "LANG": "C.UTF-8", "NO_COLOR": "1",
    }


def sh(args: list[str], cwd: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env(tmp), capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the gaicheck hook configured as a local hook (see the module docstring)."""
    work = tmp_path / "repo"
    work.mkdir()
    sh(["git", "init", "-q"], work, tmp_path).check_returncode()
    hook = hook_definition()
    entry = str(hook["entry"])
    assert entry.split()[0] == "gaicheck", "the test maps the hook's gaicheck command to this interpreter"
    hook.update(
        language="system",
        entry=f"{shlex.quote(sys.executable)} -m gaicheck {entry.split(None, 1)[1]}",
        # CN-FIL-02 is a blocker; at --fail-on blocker the passing declaration stays ready however the
        # shipped packs grow. Also shows that `args` reach gaicheck.
        args=["--fail-on", "blocker"],
    )
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (work / "README.md").write_text("x\n", encoding="utf-8")
    # Not a declaration, and not valid as one: the files pattern must keep it away from gaicheck.
    (work / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    sh(["git", "add", "-A"], work, tmp_path).check_returncode()
    sh(["git", "commit", "-qm", "init", "--no-verify"], work, tmp_path).check_returncode()
    return work


def test_hook_passes_on_a_ready_declaration_and_fails_on_a_failing_one(repo: Path, tmp_path: Path) -> None:
    (repo / "service.yaml").write_text(PASSING, encoding="utf-8")
    (repo / "svc").mkdir()
    (repo / "svc" / "service-prod.yml").write_text(FAILING, encoding="utf-8")
    sh(["git", "add", "-A"], repo, tmp_path).check_returncode()

    ok = sh([*pre_commit(), "run", "--files", "service.yaml", "notes.yaml"], repo, tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "gaicheck" in ok.stdout and "Passed" in ok.stdout

    bad = sh([*pre_commit(), "run", "--files", "svc/service-prod.yml"], repo, tmp_path)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "exit code: 1" in bad.stdout
    assert "CN-FIL-02" in bad.stdout and "NOT READY" in bad.stdout

    every = sh([*pre_commit(), "run", "--all-files", "--verbose"], repo, tmp_path)
    assert every.returncode == 1
    assert "notes.yaml" not in every.stdout and "svc/service-prod.yml" in every.stdout


def test_installed_hook_blocks_the_commit(repo: Path, tmp_path: Path) -> None:
    sh([*pre_commit(), "install"], repo, tmp_path).check_returncode()
    (repo / "service.yaml").write_text(PASSING, encoding="utf-8")
    sh(["git", "add", "service.yaml"], repo, tmp_path).check_returncode()
    good = sh(["git", "commit", "-m", "declare the internal tool"], repo, tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr

    (repo / "service.yaml").write_text(FAILING, encoding="utf-8")
    sh(["git", "add", "service.yaml"], repo, tmp_path).check_returncode()
    blocked = sh(["git", "commit", "-m", "go live"], repo, tmp_path)
    assert blocked.returncode != 0
    assert "CN-FIL-02" in blocked.stdout + blocked.stderr
    log = sh(["git", "log", "--format=%s"], repo, tmp_path).stdout.split("\n")
    assert log[0] == "declare the internal tool"


def test_files_pattern_matches_declaration_names() -> None:
    import re

    pattern = re.compile(str(hook_definition()["files"]))
    for name in ("service.yaml", "service.yml", "a/b/service-prod.yaml", "gaicheck.yaml", "x/gaicheck-eu.yml"):
        assert pattern.search(name), name
    for name in ("notes.yaml", "myservice.yaml", "service.json", "service.yaml.bak", "gaicheck-baseline.json"):
        assert not pattern.search(name), name


@pytest.mark.skipif(not os.environ.get("GAICHECK_NETWORK_TESTS"),
                    reason="needs the package index (pre-commit pip-installs the hook); set GAICHECK_NETWORK_TESTS=1")
def test_try_repo_installs_the_hook(tmp_path: Path) -> None:  # pragma: no cover - network
    work = tmp_path / "repo"
    work.mkdir()
    sh(["git", "init", "-q"], work, tmp_path).check_returncode()
    (work / "service.yaml").write_text(PASSING, encoding="utf-8")
    (work / "bad").mkdir()
    (work / "bad" / "service.yaml").write_text(FAILING, encoding="utf-8")
    sh(["git", "add", "-A"], work, tmp_path).check_returncode()
    ok = sh([*pre_commit(), "try-repo", str(REPO), "gaicheck", "--files", "service.yaml"], work, tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = sh([*pre_commit(), "try-repo", str(REPO), "gaicheck", "--files", "bad/service.yaml"], work, tmp_path)
    assert bad.returncode == 1 and "CN-FIL-02" in bad.stdout


def test_a_clean_checkout_has_the_package_data() -> None:
    """pre-commit pip-installs the hook from a clean clone: the package data must be tracked files.

    (The data lives under src/gaicheck/_data as ordinary files; a symlink there would be dropped
    from the sdist, see tests/test_release.py.)
    """
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    staged = subprocess.run([git, "ls-files", "-s", "src"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    links = [line.split("\t", 1)[1] for line in staged.splitlines() if line.startswith("120000 ")]
    assert links == []
    tracked = [line.split("\t", 1)[1] for line in staged.splitlines()]
    for folder in ("src/gaicheck/_data/rules/cn/", "src/gaicheck/_data/rules/eu/", "src/gaicheck/_data/templates/cn/"):
        assert any(t.startswith(folder) for t in tracked), f"nothing tracked under {folder}"
