"""Fuzz worker (run by tests/hostile/test_fuzz.py in a subprocess under resource limits).

    python fuzz_worker.py SCRATCH_DIR FIRST_SEED COUNT

For each seed it builds one case in its own folder under SCRATCH_DIR: a mutated declaration (even
seeds) or a valid declaration naming a mutated artifact (odd seeds), runs ``gaicheck assess``,
``validate`` and ``checklist`` in-process with GAICHECK_DEBUG=1 (so an internal error raises instead of becoming exit
3), and prints one JSON line per case: seed, kind, exit codes, CPU and wall seconds, the exception
type if one escaped, whether anything in the folder changed, and whether stderr broke the one-line
error format. The test asserts on those lines; this script asserts nothing.
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
import sys
import time
import zipfile
from pathlib import Path

os.environ["GAICHECK_DEBUG"] = "1"
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from click.testing import CliRunner  # noqa: E402

from gaicheck.cli import main  # noqa: E402

CASE_SECONDS = 20  # wall-clock guard against a hang; the test's bound is on CPU time
BASE = """gaicheck: 1
service:
  name: 智答
  provider: 示例科技
  status: planned
  launch_date: 2027-01-15
  markets: [CN, EU]
  audience: public
  output_modalities: [text, image]
  capabilities: [dialogue, writing]
  public_opinion_or_mobilization: true
  user_publishing: false
  users: {minors: excluded, registered_users: 10}
model:
  origin: self_trained
  training_compute_flop: 3.0e+23
safeguards:
  log_retention_months: 6
  labeling: {explicit: [text], implicit_metadata: true}
  content_filtering: {keyword_list_updated: 2026-11-01}
settings:
  thresholds:
    CN-EVAL-01: {min_pass_rate: 0.9}
evaluation:
  generated_manual_sample: {size: 1000, passed: 953}
documents:
  keyword_list: kw.{ext}
waivers:
  - {rule: CN-SVC-09, reason: r, expires: 2027-01-01, approver: a}
"""
HOSTILE = [
    "2026-02-30", "2026-13-01", "9999-12-31", ".nan", "-.inf", "9" * 5000, "[" * 300, "{" * 300,
    "&a [1, *a]", "*nope", "!!python/object:os.system", "!include x", "\x00", "\x1b]0;t\x07", "\u202e",
    '"\\x9b"', "~", "null", "NO", '"no"', "1.0", "true", "- - -", "? a", ": :", "'", '"', "\t", "<<: *x",
    "0x1F", "1_000", "0o17", "+.inf", "&a a", "!!binary AAAA", "!!set {a}", "---", "...", "%YAML 1.1",
    "../../etc/passwd", "/dev/zero", "kw.xlsx", "\\u0000", "a" * 3000,
]


def mutate_text(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        i = rng.randrange(len(lines))
        if op < 0.45:  # replace a value with a hostile token
            key, sep, _ = lines[i].partition(": ")
            lines[i] = (key + sep if sep else lines[i] + ": ") + rng.choice(HOSTILE)
        elif op < 0.6:
            del lines[i]
            if not lines:
                lines = [""]
        elif op < 0.75:
            lines.insert(i, lines[rng.randrange(len(lines))])  # duplicate keys, odd indentation
        elif op < 0.9:
            lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip()
        else:
            raw = bytearray(lines[i].encode("utf-8"))
            if raw:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            lines[i] = raw.decode("utf-8", "replace")
    return "\n".join(lines)


def artifact(rng: random.Random, ext: str) -> bytes:
    items = [rng.choice(["词一", "term two", "=1+1", "@SUM(A1)", "\x1b[2J", "\u202e", '"open', "a,b", "", " "])
             for _ in range(rng.randint(0, 30))]
    if ext == "txt":
        data = "\n".join(items).encode(rng.choice(["utf-8", "gb18030", "utf-16", "latin-1"]), "replace")
    elif ext == "csv":
        data = ("text,category\n" + "\n".join(f"{t},{rng.choice(['A.1a', 'Z.9', ''])}" for t in items)).encode()
    elif ext == "jsonl":
        data = "\n".join(rng.choice([json.dumps({"text": t}), "{", "[" * 2000, "null", json.dumps(t)])
                         for t in items).encode()
    else:
        ref = rng.choice(["A2", "B2", "ZZZZZZ2", "XFE2", "A" * 50 + "2", "", "2A", "a2"])
        row = rng.choice(["2", "0", "-1", "1048577", "9" * 30, "x", ""])
        sheet = (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                 f'<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row>'
                 f'<row r="{row}"><c r="{ref}" t="{rng.choice(["inlineStr", "s", "n", "b", "e"])}">'
                 f'<is><t>x</t></is><v>{rng.choice(["0", "1", "-1", "99999999999999999999", "x"])}</v></c></row>'
                 f'</sheetData></worksheet>')
        if rng.random() < 0.3:
            cut = rng.randrange(len(sheet))
            sheet = sheet[:cut]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            zf.writestr("xl/workbook.xml", f'<workbook xmlns:r="{rels}"><sheets><sheet name="s" r:id="r1"/></sheets></workbook>')
            zf.writestr("xl/_rels/workbook.xml.rels", f'<Relationships><Relationship Id="r1" Type="{rels}/worksheet" '
                        'Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="x/sharedStrings" '
                        'Target="sharedStrings.xml"/></Relationships>')
            zf.writestr("xl/sharedStrings.xml", rng.choice(["<sst><si><t>词</t></si></sst>", "<sst><si>", ""]))
            zf.writestr("xl/worksheets/sheet1.xml", sheet)
        data = buf.getvalue()
    if rng.random() < 0.2 and data:
        raw = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
    return data


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError("case took too long")


def run_case(scratch: Path, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    folder = scratch / f"case{seed}"
    folder.mkdir()
    ext = rng.choice(["txt", "csv", "jsonl", "xlsx"])
    decl = BASE.replace("{ext}", ext)
    if seed % 2 == 0:
        kind = "declaration"
        decl = mutate_text(rng, decl)
        (folder / f"kw.{ext}").write_bytes("词一\n词二\n".encode() if ext != "xlsx" else artifact(rng, ext))
    else:
        kind = f"artifact-{ext}"
        (folder / f"kw.{ext}").write_bytes(artifact(rng, ext))
    (folder / "service.yaml").write_bytes(decl.encode("utf-8", "surrogateescape"))
    before = snapshot(folder)
    result: dict[str, object] = {"seed": seed, "kind": kind, "exits": [], "error": None, "format": True}
    cpu0, wall0 = time.process_time(), time.monotonic()
    cwd = os.getcwd()
    os.chdir(folder)
    signal.alarm(CASE_SECONDS)
    try:
        for args in (["assess", "service.yaml", "--as-of", "2026-12-01", "--format", "json"],
                     ["validate", "service.yaml"],
                     ["checklist", "service.yaml", "--as-of", "2026-12-01", "--format", rng.choice(["md", "csv"])]):
            r = CliRunner().invoke(main, args)
            if r.exception is not None and not isinstance(r.exception, SystemExit):
                result["error"] = type(r.exception).__name__
                break
            result["exits"].append(r.exit_code)  # type: ignore[union-attr]
            if r.exit_code == 2:
                lines = r.stderr.splitlines()
                result["format"] = bool(lines) and all(ln.startswith("gaicheck: error: ") for ln in lines)
    except TimeoutError:
        result["error"] = "timeout"
    finally:
        signal.alarm(0)
        os.chdir(cwd)
    result["cpu"] = round(time.process_time() - cpu0, 3)
    result["wall"] = round(time.monotonic() - wall0, 3)
    result["written"] = snapshot(folder) != before
    return result


def main_(argv: list[str]) -> None:
    scratch, first, count = Path(argv[0]), int(argv[1]), int(argv[2])
    signal.signal(signal.SIGALRM, _alarm)
    for seed in range(first, first + count):
        try:
            line = run_case(scratch, seed)
        except MemoryError:
            line = {"seed": seed, "error": "MemoryError"}
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main_(sys.argv[1:])
