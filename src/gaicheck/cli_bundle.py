"""CLI commands ``gaicheck bundle`` and ``gaicheck verify``: the filing package as one verifiable archive.

Registered on the main group in ``cli.py``. Parsing and printing only: building and checking the
archive is :mod:`gaicheck.filing.bundle`; the zip is written through :mod:`gaicheck.outputs`.
Counts, paths and hashes are printed, never a material's content.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from gaicheck.cli_filing import _assess, _assess_options
from gaicheck.errors import InputError
from gaicheck.outputs import folder_inputs, run_inputs, write_all
from gaicheck.textsafe import clean
from gaicheck.yamlsafe import read_regular

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Optional, Sequence

MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="The archive to write (e.g. pkg.zip).")
@click.option("--force", is_flag=True, help="Overwrite the archive if it exists.")
@click.option("--docx/--no-docx", default=None,
              help="Include the .docx submission copies (default: when docxtpl is installed).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the report's messages and of the checklist.")
@_assess_options
def bundle(
    file: str, out: str, force: bool, docx: Optional[bool], lang: str, as_of: Optional[dt.date],
    eu_timeline: str, rules_dirs: Sequence[Path], allow_outside: bool,
) -> None:
    """Pack the filing package into one archive: materials, declaration, report, checklist, drafts, manifest."""
    from gaicheck.declaration.load import load_declaration
    from gaicheck.filing import word
    from gaicheck.filing.bundle import build_bundle
    from gaicheck.filing.checklist import build_checklist, render_json, render_xlsx
    from gaicheck.filing.drafts import render_drafts
    from gaicheck.report.json import render as render_report

    if docx and not word.available():
        raise click.UsageError("--docx needs docxtpl: pip install 'gaicheck[docx]'")
    if os.path.lexists(out) and not force:
        raise InputError(f"{out} exists; use --force to overwrite")
    if os.path.isdir(out):
        raise InputError(f"--out {out}: is a folder")
    report = _assess(file, as_of=as_of, lang=lang, eu_timeline=eu_timeline, rules_dirs=rules_dirs,
                     allow_outside=allow_outside)
    loaded = load_declaration(file)
    declaration = read_regular(file)
    cl = build_checklist(report)
    drafts = render_drafts(loaded, report, docx=docx)
    built = build_bundle(
        report, declaration_path=file, declaration_bytes=declaration, report_json=render_report(report),
        checklist_xlsx=render_xlsx(cl), checklist_json=render_json(cl), drafts=[(f.name, f.data) for f in drafts],
        evaluation=loaded.declaration.evaluation,
    )
    write_all([(out, built.data)], inputs=run_inputs([file], extra=folder_inputs(rules_dirs)))
    kinds: dict[str, int] = {}
    for f in built.files:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    click.echo(f"wrote {clean(out)}: {len(built.files)} file(s) + manifest.json, {len(built.data)} bytes")
    click.echo("  " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    click.echo(f"  sha256 {built.sha256}")
    click.echo(f"  manifest sha256 {built.manifest_sha256} (keep it with the submission record)")


@click.command()
@click.argument("archive", type=click.Path(dir_okay=False, path_type=str))
def verify(archive: str) -> None:
    """Re-hash a bundle offline: exit 0 when every file matches its manifest, 1 naming each one that does not."""
    from gaicheck.filing.bundle import verify_bundle

    data = read_regular(archive, limit=MAX_ARCHIVE_BYTES, what="bundles")  # never a FIFO or /dev/zero
    result = verify_bundle(data, archive)
    shown = clean(archive)
    for c in result.changed:
        note = f" — {c['note']}" if c.get("note") else ""
        click.echo(f"{shown}: changed: {clean(c['path'])} (sha256 {c['expected']} in the manifest, "
                   f"{c['actual']} in the archive){note}")
    for path in result.missing:
        click.echo(f"{shown}: missing: {clean(path)} (listed in the manifest, not in the archive)")
    for path in result.extra:
        click.echo(f"{shown}: extra: {clean(path)} (in the archive, not in the manifest)")
    tool = result.manifest.get("tool") or {}
    if result.ok:
        click.echo(f"{shown}: ok — {result.checked} file(s) match the manifest "
                   f"(gaicheck {tool.get('version')}, as of {result.manifest.get('as_of')}; "
                   f"manifest sha256 {result.manifest_sha256})")
        return
    problems = len(result.changed) + len(result.missing) + len(result.extra)
    click.echo(f"{shown}: FAILED — {problems} problem(s); manifest sha256 {result.manifest_sha256}")
    raise SystemExit(1)
