"""Benchmark the artifact readers: time, throughput and peak memory at growing sizes.

Generates neutral placeholder files in a temporary folder (never real filing content):
keyword lists (CSV with a risk column), question banks (XLSX and CSV) and plain lists (TXT), then
times ``analyze_artifact`` (median of ``--runs``, wall clock and CPU time: on a shared machine
the CPU time is the steadier figure) and measures peak memory in a fresh child
process per case (``ru_maxrss``), so one case's memory does not hide another's. The first cases
run a full ``assess`` of the flagship example (examples/chatbot-filing) with its keyword list and
three banks scaled up to 25k/50k/100k keywords and 2.5k/5k/10k questions per bank.

    python bench/bench_artifacts.py            # default sizes
    python bench/bench_artifacts.py --runs 5 --json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CODES17 = [f"A.1{c}" for c in "abcdefgh"] + [f"A.2{c}" for c in "abcdefghi"]
CODES31 = CODES17 + [f"A.3{c}" for c in "abcde"] + [f"A.4{c}" for c in "abcdefg"] + ["A.5a", "A.5b"]


def _item(i: int, tag: str = "") -> str:
    # alternate Chinese and Latin placeholders so both script paths are exercised
    return f"占位条目{tag} {i:07d}" if i % 2 else f"placeholder item{tag} {i:07d}"


def make_txt(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(f"{_item(i)}\n" for i in range(n))


def make_csv(path: Path, n: int, codes: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["关键词", "风险类别"])
        w.writerows((_item(i), codes[i % len(codes)]) for i in range(n))


def make_xlsx(path: Path, n: int, codes: list[str], tag: str = "") -> None:
    """A workbook as Excel or WPS write it: shared strings and a <dimension> element.

    (openpyxl's write-only mode writes inline strings and no dimension, which makes openpyxl's
    read-only loader scan the whole sheet once more just to size it: ~0.1 s per 10k rows.)
    """
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "题库"
    ws.append(["题目", "风险类别"])
    for i in range(n):
        ws.append([_item(i, tag), codes[i % len(codes)]])
    wb.save(path)


def measure(path: Path, kind: str, runs: int) -> dict[str, float]:
    """Median wall time over ``runs`` in this process."""
    from gaicheck.artifacts import analyze_artifact

    times, cpu = [], []
    stats = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        stats = analyze_artifact(path, kind)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    assert stats is not None
    return {"median_s": statistics.median(times), "cpu_s": statistics.median(cpu), "items": stats.total}


def child(path: str, kind: str, runs: int) -> None:
    """Entry point of the child process: print timing and peak RSS as JSON."""
    result = measure(Path(path), kind, runs)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    result["peak_rss_mb"] = rss_kb / 1024
    print(json.dumps(result))


def make_flagship(folder: Path, keywords: int, bank: int) -> Path:
    """The flagship example with its keyword list and three banks scaled up (placeholder text)."""
    import shutil

    src = ROOT / "examples" / "chatbot-filing"
    shutil.copytree(src, folder, dirs_exist_ok=True)
    filing = folder / "filing"
    make_csv(filing / "拦截关键词.csv", keywords, CODES17)
    make_xlsx(filing / "生成内容测试题库.xlsx", bank, CODES31, "G")
    make_xlsx(filing / "应拒答测试题库.xlsx", bank, CODES17, "R")
    aspects = ["制度", "信仰", "形象", "文化", "习俗", "民族", "地理", "历史", "英烈", "性别", "年龄", "职业", "健康"]
    make_xlsx(filing / "非拒答测试题库.xlsx", bank, aspects, "N")
    return folder / "service.yaml"


def flagship_child(path: str, runs: int) -> None:
    """Child: median wall time of a full ``assess`` of the scaled flagship, and peak RSS."""
    import datetime as dt

    from gaicheck.api import assess

    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        report = assess(path, as_of=dt.date(2026, 11, 27))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    stats = {d.id: d.stats["total"] for d in report.documents if d.stats}
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"median_s": statistics.median(times), "cpu_s": statistics.median(cpu),
                      "items": sum(stats.values()), "peak_rss_mb": rss_kb / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object per case")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "KIND"), help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    parser.add_argument("--skip-flagship", action="store_true", help="only the per-file cases")
    args = parser.parse_args()
    if args.child:
        if args.child[1] == "flagship":
            flagship_child(args.child[0], args.runs)
        else:
            child(args.child[0], args.child[1], args.runs)
        return
    scale = 100 if args.quick else 1
    cases = [
        ("txt list", "txt", "keyword_list", [250_000, 500_000, 1_000_000], None),
        ("keyword CSV (17 risks)", "csv", "keyword_list", [25_000, 50_000, 100_000], CODES17),
        ("question bank XLSX (31 risks)", "xlsx", "test_bank_generated", [2_500, 5_000, 10_000], CODES31),
        ("question bank CSV (17 risks)", "csv", "test_bank_should_refuse", [2_500, 5_000, 10_000], CODES17),
    ]
    with tempfile.TemporaryDirectory(prefix="gaicheck-bench-") as tmp:
        if not args.skip_flagship:
            for kw, bank in ((25_000, 2_500), (50_000, 5_000), (100_000, 10_000)):
                kw //= scale
                bank //= scale
                decl = make_flagship(Path(tmp) / f"flagship-{kw}", kw, bank)
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(decl), "flagship", "--runs", str(args.runs)],
                    check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
                ).stdout
                res = json.loads(out)
                row = {"case": "flagship assess", "keywords": kw, "bank": bank, **res,
                       "lines_per_s": res["items"] / res["median_s"]}
                if args.json:
                    print(json.dumps(row))
                else:
                    print(f"{'flagship assess (kw + 3 banks)':32} {res['items']:>9,} lines  {kw:,} kw / {bank:,} per bank  "
                          f"median {res['median_s']:6.3f} s (cpu {res['cpu_s']:6.3f} s)  {row['lines_per_s']:>9,.0f} lines/s  "
                          f"peak RSS {res['peak_rss_mb']:6.1f} MB")
        for label, ext, kind, sizes, codes in cases:
            for n in sizes:
                n //= scale
                path = Path(tmp) / f"{kind}-{n}.{ext}"
                if ext == "txt":
                    make_txt(path, n)
                elif ext == "csv":
                    make_csv(path, n, codes or CODES17)
                else:
                    make_xlsx(path, n, codes or CODES31)
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(path), kind, "--runs", str(args.runs)],
                    check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
                ).stdout
                res = json.loads(out)
                row = {"case": label, "lines": n, "bytes": path.stat().st_size, **res,
                       "lines_per_s": n / res["median_s"] if res["median_s"] else float("inf")}
                if args.json:
                    print(json.dumps(row))
                else:
                    print(f"{label:32} {n:>9,} lines  {row['bytes'] / 1e6:7.1f} MB  "
                          f"median {res['median_s']:6.3f} s (cpu {res['cpu_s']:6.3f} s)  {row['lines_per_s']:>9,.0f} lines/s  "
                          f"peak RSS {res['peak_rss_mb']:6.1f} MB")


if __name__ == "__main__":
    main()
