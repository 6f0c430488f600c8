"""gaicheck in the hook: CPU time of each case against its floor, alternated in one run (stdlib only).

Every case runs ``gaicheck`` in a fresh child process, alternated with its *floor* (the cheapest
thing the same job could possibly do: ``python -c "import yaml"`` for start-up, one Python read of
the file for artifacts), ``N`` times. The figure is the child's CPU time (user + sys, from
``os.wait4``): wall time on a shared machine is noise. Peak memory is the child's ``ru_maxrss``.
Medians are printed with the ratio to the floor, the target from issue 16 and the exact commands.

    python bench/run.py                 # quick: small sizes, 3 runs (about a minute)
    python bench/run.py --full          # the sizes of issue 16, 15 runs (5 for the big files)
    python bench/run.py --full --before /tmp/main-src   # add a "before" column: the same cases
                                        # with PYTHONPATH=/tmp/main-src (e.g. `git archive main src`)
    python bench/run.py --only kw1m,csv1m --runs 5 --json

Inputs are neutral placeholders built in a temporary folder (never real filing content).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
FLOOR_IMPORT = [PY, "-c", "import yaml"]
# One read of a text file as Python does it (decode + split into lines): the artifact floor.
READ = "import sys\nfor _ in open(sys.argv[1], encoding='utf-8'): pass"
AS_OF = "2026-12-01"
CODES = [f"A.1{c}" for c in "abcdefgh"] + [f"A.2{c}" for c in "abcdefghi"]
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()


@dataclass
class Case:
    key: str
    label: str
    cmd: list[str]
    floor: list[str] | None
    floor_label: str
    target: str
    runs: int
    metric: str = "cpu"          # "cpu" (ratio to floor) or "rss" (peak MB)
    note: str = ""
    env: dict[str, str] = field(default_factory=dict)


def gaicheck(*args: str) -> list[str]:
    return [PY, "-m", "gaicheck", "assess", *args, "--format", "json", "--as-of", AS_OF]


def run_once(cmd: list[str], pythonpath: str | None) -> tuple[float, float]:
    """(CPU seconds user+sys, peak RSS MB) of one child run; exits on an unexpected status."""
    env = dict(os.environ)
    # as installed: bytecode cached (a run with PYTHONDONTWRITEBYTECODE recompiles every module)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    # read stderr (small) before reaping, so a chatty child cannot block
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in (0, 1):
        sys.exit(f"command failed ({proc.returncode}): {shlex.join(cmd)}\n{err.decode(errors='replace')[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


# ---------------------------------------------------------------- inputs


def _declaration(tmp: Path, name: str, documents: dict[str, str], languages: str = "[zh, en]") -> Path:
    """The flagship declaration with its ``documents`` replaced and its languages set."""
    text = (ROOT / "examples" / "chatbot-filing" / "service.yaml").read_text(encoding="utf-8")
    head, rest = text.split("\ndocuments:\n", 1)
    tail = rest[rest.index("\nevaluation:\n"):]
    head = head.replace("  languages: [zh, en]\n", f"  languages: {languages}\n", 1)
    docs = "".join(f"  {k}: {v}\n" for k, v in documents.items())
    path = tmp / name
    path.write_text(head + "\ndocuments:\n" + docs.rstrip("\n") + tail, encoding="utf-8")
    return path


def _mixed_item(i: int) -> str:
    # Latin, Han and mixed-script items (a Han word among Latin letters, Latin among Han)
    r = i % 4
    if r == 0:
        return f"占位条目 {i:07d}"
    if r == 1:
        return f"placeholder item {i:07d}"
    if r == 2:
        return f"{WORDS[i % 26]}词{i:07d}"
    return f"测试 {WORDS[i % 26]} {WORDS[(i // 26) % 26]} {i:07d}"


def make_list(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(f"{_mixed_item(i)}\n" for i in range(n))


def make_csv(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("关键词,风险类别\n")
        fh.writelines(f"{_mixed_item(i)},{CODES[i % len(CODES)]}\n" for i in range(n))


def make_latin(path: Path, n: int) -> None:
    rnd = random.Random(16)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(" ".join(rnd.choice(WORDS) for _ in range(3)) + f" {i}\n")


def build_cases(tmp: Path, full: bool, runs: int | None) -> list[Case]:
    n_small = runs or (15 if full else 3)
    n_big = runs or (5 if full else 3)
    lines = 1_000_000 if full else 100_000
    latin = 20_000 if full else 2_000
    rss_lines = 3_000_000 if full else 300_000
    many = 100 if full else 10
    cases: list[Case] = []

    eu = ROOT / "examples" / "eu-chatbot" / "service.yaml"
    cases.append(Case("eu", "`assess` a plain EU declaration", gaicheck(str(eu)), FLOOR_IMPORT,
                      "`python -c \"import yaml\"`", "≤ 3.5×", n_small))
    flag = ROOT / "examples" / "chatbot-filing" / "service.yaml"
    cases.append(Case("flagship", "`assess` the flagship (13.5k artifact rows)", gaicheck(str(flag)), FLOOR_IMPORT,
                      "`python -c \"import yaml\"`", "≤ 6×", n_small))

    kw = tmp / "kw.txt"
    make_list(kw, lines)
    d = _declaration(tmp, "kw.yaml", {"keyword_list": kw.name})
    cases.append(Case("kw1m", f"{lines:,}-line keyword list (mixed Latin + Han)", gaicheck(str(d)),
                      [PY, "-c", READ, str(kw)], "one read of the file", "≤ 15×", n_big))

    csvf = tmp / "kw.csv"
    make_csv(csvf, lines)
    d = _declaration(tmp, "csv.yaml", {"keyword_list": csvf.name})
    cases.append(Case("csv1m", f"{lines:,}-line two-column CSV", gaicheck(str(d)),
                      [PY, "-c", READ, str(csvf)], "one read of the file", "≤ 15×", n_big))

    lat = tmp / "latin.txt"
    make_latin(lat, latin)
    d3 = _declaration(tmp, "latin3.yaml", {"keyword_list": lat.name}, "[zh, en, fr]")
    d2 = _declaration(tmp, "latin2.yaml", {"keyword_list": lat.name}, "[zh, en]")
    cases.append(Case("cliff", f"{latin:,} Latin keywords, `languages: [zh, en, fr]`", gaicheck(str(d3)),
                      gaicheck(str(d2)), "same file, `[zh, en]`", "≤ 1.5×", n_big))

    big = tmp / "big.txt"
    make_list(big, rss_lines)
    d = _declaration(tmp, "big.yaml", {"keyword_list": big.name})
    cases.append(Case("rss3m", f"{rss_lines:,}-line list, peak memory", gaicheck(str(d)),
                      [PY, "-c", READ, str(big)], "one read of the file", "≤ 200 MB", n_big, metric="rss"))

    # many declarations sharing one filing folder (the flagship's artifacts), in one call
    multi = tmp / "multi"
    shutil.copytree(ROOT / "examples" / "chatbot-filing", multi)
    src = (multi / "service.yaml").read_text(encoding="utf-8")
    names = []
    for i in range(many):
        p = multi / f"service-{i:03d}.yaml"
        p.write_text(src.replace("name: 智答助手", f"name: 智答助手{i:03d}", 1), encoding="utf-8")
        names.append(str(p))
    cases.append(Case("multi", f"{many} declarations in one call (shared artifacts)", gaicheck(*names),
                      gaicheck(names[0]), "one declaration", f"catalog once; ≪ {many}×", n_big,
                      note=f"ratio to one declaration; {many}× would be no sharing"))
    # the dashboard (issue 19): the same call as HTML instead of JSON; what the HTML adds
    # (floor: the cheapest format, terminal; JSON of 100 reports with their stats costs more than the HTML)
    def same_call(fmt: str) -> list[str]:
        return [PY, "-m", "gaicheck", "assess", *names, "--format", fmt, "--as-of", AS_OF]

    cases.append(Case("html", f"{many} declarations as one HTML dashboard", same_call("html"), same_call("terminal"),
                      "the same call, `--format terminal`", "≤ 1.2×", n_big))
    return cases


# ---------------------------------------------------------------- measuring


def measure(case: Case, before: str | None) -> dict[str, object]:
    cpu: list[float] = []
    rss: list[float] = []
    floor_cpu: list[float] = []
    floor_rss: list[float] = []
    old_cpu: list[float] = []
    old_rss: list[float] = []
    relative = bool(case.floor) and case.floor[:3] == case.cmd[:3]  # the floor is gaicheck itself
    old_floor: list[float] = []
    for cmd, path in ((case.floor, None), (case.cmd, before), (case.cmd, None)):
        if cmd and (path or cmd is not case.cmd or not before):
            run_once(cmd, path)  # warm-up (bytecode caches, page cache); not counted
    for _ in range(case.runs):  # alternate: floor, (before), after
        if case.floor:
            c, r = run_once(case.floor, None)
            floor_cpu.append(c)
            floor_rss.append(r)
        if before:
            if relative:
                old_floor.append(run_once(case.floor, before)[0])  # type: ignore[arg-type]
            c, r = run_once(case.cmd, before)
            old_cpu.append(c)
            old_rss.append(r)
        c, r = run_once(case.cmd, None)
        cpu.append(c)
        rss.append(r)
        print(".", end="", file=sys.stderr, flush=True)
    med = statistics.median
    row: dict[str, object] = {
        "case": case.key, "label": case.label, "runs": case.runs, "target": case.target,
        "cpu_s": med(cpu), "peak_rss_mb": max(rss),
        "command": shlex.join(case.cmd), "floor_command": shlex.join(case.floor) if case.floor else None,
        "floor_label": case.floor_label,
    }
    if floor_cpu:
        row["floor_cpu_s"] = med(floor_cpu)
        row["floor_peak_rss_mb"] = max(floor_rss)
        row["ratio"] = med(cpu) / med(floor_cpu)
    if before:
        row["before_cpu_s"] = med(old_cpu)
        row["before_peak_rss_mb"] = max(old_rss)
        if floor_cpu:
            row["before_ratio"] = med(old_cpu) / med(old_floor if relative else floor_cpu)
            if relative:
                row["before_floor_cpu_s"] = med(old_floor)
    return row


def _fmt(row: dict[str, object], before: bool) -> str:
    def cell(prefix: str) -> str:
        if row["case"] == "rss3m":
            return f"{row[prefix + 'peak_rss_mb']:.0f} MB ({row[prefix + 'cpu_s']:.2f} s)"
        ratio = row.get(prefix + "ratio")
        return f"{row[prefix + 'cpu_s']:.3f} s" + (f" = {ratio:.1f}×" if ratio is not None else "")

    floor = f"{row['floor_label']} {row['floor_cpu_s']:.3f} s" if "floor_cpu_s" in row else "—"
    cols = [str(row["label"])]
    if before:
        cols.append(cell("before_"))
    cols += [cell(""), floor, str(row["target"])]
    return "| " + " | ".join(cols) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="issue 16's sizes and run counts")
    ap.add_argument("--runs", type=int, default=None, help="runs per case (default 3 quick; 15/5 full)")
    ap.add_argument("--only", default="", help="comma-separated case keys: eu,flagship,kw1m,csv1m,cliff,rss3m,multi,html")
    ap.add_argument("--before", metavar="SRC", help="also run each case with PYTHONPATH=SRC (the old code)")
    ap.add_argument("--json", action="store_true", help="one JSON object per case instead of the table")
    args = ap.parse_args()
    only = {s for s in args.only.split(",") if s}
    with tempfile.TemporaryDirectory(prefix="gaicheck-bench-") as t:
        cases = [c for c in build_cases(Path(t), args.full, args.runs) if not only or c.key in only]
        rows = []
        for case in cases:
            print(f"{case.key} ", end="", file=sys.stderr, flush=True)
            rows.append(measure(case, args.before))
            print(file=sys.stderr)
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    mode = "full" if args.full else "quick"
    print(f"gaicheck bench ({mode}; CPU user+sys of the child, median; peak RSS = max ru_maxrss; "
          f"python {sys.version.split()[0]}, {os.cpu_count()} cpus)\n")
    head = ["case"] + (["before"] if args.before else []) + ["now", "floor", "target"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print(_fmt(row, bool(args.before)))
    print("\nruns per case: " + ", ".join(f"{r['case']} {r['runs']}" for r in rows))
    print("commands (temp paths shown as built):")
    for row in rows:
        print(f"  {row['case']}: {row['command'][:300]}{' …' if len(str(row['command'])) > 300 else ''}")
        if row["floor_command"]:
            print(f"  {row['case']} floor: {str(row['floor_command'])[:300]}")


if __name__ == "__main__":
    main()
