"""Start-up benchmark: `gaicheck assess` on the flagship example vs `python -c "import yaml"`.

Run: python bench/bench_startup.py [--runs 21] [--example examples/chatbot-filing/service.yaml]
Prints the median wall time of each command and their ratio. gaicheck runs as a pre-commit
hook, so the target is a median under 300 ms on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _time(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        out.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--example", default=str(REPO / "examples" / "chatbot-filing" / "service.yaml"))
    args = ap.parse_args()
    baseline = [sys.executable, "-c", "import yaml"]
    gaicheck = [sys.executable, "-m", "gaicheck", "assess", args.example, "--format", "json"]
    # interleave warm-up, then measure both in the same run
    _time(baseline, 2)
    _time(gaicheck, 2)
    b = statistics.median(_time(baseline, args.runs))
    g = statistics.median(_time(gaicheck, args.runs))
    print(f"runs: {args.runs}")
    print(f"python -c 'import yaml'   median {b * 1000:7.1f} ms")
    print(f"gaicheck assess (json)    median {g * 1000:7.1f} ms")
    print(f"ratio gaicheck / import yaml: {g / b:.2f}x")
    print(f"target < 300 ms: {'met' if g < 0.300 else 'NOT met'}")


if __name__ == "__main__":
    main()
