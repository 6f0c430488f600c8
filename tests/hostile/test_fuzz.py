"""Bounded fuzz over declarations and artifacts (issue 13, done means): ~120 generated cases run in a
worker subprocess limited to 500 MB of address space. Every case ends with exit 0, 1 or 2, never an
exception (the worker runs with GAICHECK_DEBUG=1, so an internal error escapes instead of being exit
3), a bad input is reported in the one-line error format, assess, validate and checklist agree on
whether the input is usable, nothing is written, and no case takes over 10 s of CPU.

GAICHECK_FUZZ_SEED=N and GAICHECK_FUZZ_CASES=M run other seeds (e.g. a longer run by hand).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

WORKER = Path(__file__).with_name("fuzz_worker.py")
MEMORY = 500 * 1024 * 1024
CASE_CPU_SECONDS = 10.0


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (300, 300))  # a runaway worker is killed, not waited on forever


def test_fuzz_declarations_and_artifacts(tmp_path: Path) -> None:
    first = int(os.environ.get("GAICHECK_FUZZ_SEED", "0"))
    count = int(os.environ.get("GAICHECK_FUZZ_CASES", "120"))
    proc = subprocess.run([sys.executable, str(WORKER), str(tmp_path), str(first), str(count)],
                          capture_output=True, text=True, timeout=600, preexec_fn=_limits,
                          env={**os.environ, "LANG": "C.UTF-8"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    cases = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(cases) == count
    kinds = {c["kind"].split("-")[0] for c in cases}
    assert kinds == {"declaration", "artifact"}
    bad = []
    for c in cases:
        exits = c["exits"]
        problems = [
            c["error"] and f"raised {c['error']}",
            any(e not in (0, 1, 2) for e in exits) and f"exit {exits}",
            len(exits) == 3 and len({e == 2 for e in exits}) > 1 and f"assess/validate/checklist disagree {exits}",
            not c["format"] and "error not in the one-line format",
            c["written"] and "wrote a file",
            c["cpu"] > CASE_CPU_SECONDS and f"{c['cpu']} s CPU",
        ]
        if any(problems):
            bad.append((c["seed"], c["kind"], [p for p in problems if p]))
    assert not bad, bad
    # the cases reach both sides: input errors and complete reports
    assert any(c["exits"][:1] == [2] for c in cases) and any(c["exits"][:1] in ([0], [1]) for c in cases)
