"""action.yml: a composite action whose steps are well formed, and whose assess script runs.

GitHub runs the steps; here the "Assess" step's script runs for real with bash and the installed
gaicheck (the step's inputs as environment variables, as the action passes them), so a quoting
mistake or a wrong option fails a test rather than a user's workflow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def step(name: str) -> dict[str, Any]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name or s.get("id") == name)


def test_composite_steps_are_well_formed() -> None:
    assert ACTION["runs"]["using"] == "composite"
    for s in ACTION["runs"]["steps"]:
        assert ("uses" in s) != ("run" in s)
        if "run" in s:
            assert s["shell"] == "bash"  # composite run steps must name their shell
            # inputs never pasted into a script (script injection): they come in through env
            assert "${{" not in s["run"], s.get("name")
    uses = [s["uses"] for s in ACTION["runs"]["steps"] if "uses" in s]
    assert uses == ["actions/setup-python@v5", "github/codeql-action/upload-sarif@v3"]
    used = set(re.findall(r"inputs\.([\w-]+)", json.dumps(ACTION)))
    assert used <= set(ACTION["inputs"]), used - set(ACTION["inputs"])
    upload = step("Upload SARIF")
    assert upload["if"].startswith("always()") and upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(("names", "fail_on", "code"), [
    (["face-swap", "chatbot-filing"], "", 1),
    (["chatbot-filing"], "", 0),
    (["chatbot-filing"], "minor", 1),  # its NIST findings are minor
])
def test_assess_step_runs(tmp_path: Path, names: list[str], fail_on: str, code: int) -> None:
    examples = REPO / "examples"
    out = tmp_path / "github_output"
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "DECLARATIONS": "\n".join(str(examples / n / "service.yaml") for n in names),
        "FAIL_ON": fail_on, "EXTRA_ARGS": "--as-of 2026-11-27 --lang en", "SARIF_FILE": "gaicheck.sarif",
        "GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(summary),
    }
    result = subprocess.run(["bash", "-c", step("assess")["run"]], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr  # the step itself passes: the Verdict step fails the job
    assert out.read_text(encoding="utf-8") == f"exit-code={code}\n"
    log = json.loads((tmp_path / "gaicheck.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["artifacts"]) == len(names)
    assert result.stdout.startswith("::error " if code else "::warning ")
    assert "## gaicheck" in summary.read_text(encoding="utf-8")
    verdict = subprocess.run(["bash", "-c", step("Verdict")["run"]], env={**env, "CODE": str(code)})
    assert verdict.returncode == code
