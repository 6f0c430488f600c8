"""CLI commands for the filing package: ``gaicheck checklist`` and ``gaicheck draft`` (issue 8).

Registered on the main group in ``cli.py``. Like ``cli.py`` this module only parses options,
calls the pure functions of :mod:`gaicheck.filing` and writes their output through
:mod:`gaicheck.outputs`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from gaicheck.cli_options import default_lang as _default_lang
from gaicheck.cli_options import parse_date as _date
from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.outputs import check_targets, folder_inputs, run_inputs, write_all

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional, Sequence

CHECKLIST_FORMATS = ("md", "csv", "xlsx", "json")




def _assess_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options that decide the Report, shared with ``gaicheck assess``."""
    options = [
        click.option("--as-of", callback=_date, help="Assess as on this date (YYYY-MM-DD); default today."),
        click.option("--eu-timeline", type=click.Choice(["baseline", "omnibus_2026"]), default="omnibus_2026",
                     show_default=True),
        click.option("--rules-dir", "rules_dirs", multiple=True,
                     type=click.Path(file_okay=False, exists=True, path_type=Path),
                     help="Extra rule packs (folders with _pack.yaml)."),
        click.option("--allow-outside", is_flag=True, help="Allow document paths outside the declaration's folder."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _assess(file: str, *, as_of: Optional[dt.date], lang: str, eu_timeline: str, rules_dirs: Sequence[Path],
            allow_outside: bool) -> Any:
    from gaicheck.api import assess

    return assess(file, as_of=as_of, lang=lang, timeline=eu_timeline, rules_dirs=rules_dirs,
                  allow_outside=allow_outside)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(CHECKLIST_FORMATS), default="md", show_default=True)
@click.option("--output", default="-", show_default=True, help="File to write; '-' is stdout (not for xlsx).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of rule messages; default from the locale.")
@_assess_options
def checklist(
    file: str, fmt: str, output: str, lang: Optional[str], as_of: Optional[dt.date], eu_timeline: str,
    rules_dirs: Sequence[Path], allow_outside: bool,
) -> None:
    """List every filing material for the service's path, with its status (same report as assess)."""
    from gaicheck.filing.checklist import RENDERERS, build_checklist

    if fmt == "xlsx" and output == "-":
        raise click.UsageError("xlsx is a binary format: give --output FILE")
    if output != "-":
        check_targets([output])  # fail before the assessment: a folder, a missing folder, a socket
    report = _assess(file, as_of=as_of, lang=lang or _default_lang(), eu_timeline=eu_timeline,
                     rules_dirs=rules_dirs, allow_outside=allow_outside)
    rendered = RENDERERS[fmt](build_checklist(report))
    if output == "-":
        click.echo(rendered, nl=False)
    else:
        write_all([(output, rendered)], inputs=run_inputs([file], extra=folder_inputs(rules_dirs)))


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder for the drafts (created if missing).")
@click.option("--force", is_flag=True, help="Overwrite drafts that already exist in the folder.")
@click.option("--docx/--no-docx", default=None,
              help="Also write the .docx submission copies (default: when docxtpl is installed).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the rule messages quoted in the drafts.")
@_assess_options
def draft(
    file: str, out_dir: str, force: bool, docx: Optional[bool], lang: str, as_of: Optional[dt.date],
    eu_timeline: str, rules_dirs: Sequence[Path], allow_outside: bool,
) -> None:
    """Write pre-filled drafts of the filing documents for the service's path into --out."""
    from gaicheck.declaration.load import load_declaration
    from gaicheck.filing import word as docx_mod
    from gaicheck.filing.drafts import render_drafts

    if docx and not docx_mod.available():
        raise click.UsageError("--docx needs docxtpl: pip install 'gaicheck[docx]'")
    report = _assess(file, as_of=as_of, lang=lang, eu_timeline=eu_timeline, rules_dirs=rules_dirs,
                     allow_outside=allow_outside)
    loaded = load_declaration(file)
    # Render everything first: an error leaves the folder untouched.
    files = render_drafts(loaded, report, docx=docx)
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise InputError(f"--out {out_dir}: exists and is not a folder")
    targets = [(os.path.join(out_dir, f.name), f.data) for f in files]
    existing = [t for t, _ in targets if os.path.lexists(t)]
    if existing and not force:
        shown = ", ".join(os.path.basename(t) for t in existing[:5]) + (" …" if len(existing) > 5 else "")
        raise InputError(f"{len(existing)} draft(s) already exist in {out_dir} ({shown}); use --force to overwrite")
    inputs = run_inputs([file], extra=folder_inputs(rules_dirs))
    if os.path.isdir(out_dir):
        check_targets([t for t, _ in targets], inputs=inputs, follow=False)  # before anything is created
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the --out folder: {exc.strerror or exc}", Location(out_dir)) from None
    write_all(targets, inputs=inputs, follow=False)
    from gaicheck.textsafe import clean

    click.echo(f"wrote {len(targets)} file(s) to {clean(str(out_dir), newlines=False)}")
    for target, _ in targets:
        click.echo(f"  {clean(os.path.basename(target), newlines=False)}")
    if docx is None and not docx_mod.available():
        click.echo("(.docx skipped: install docxtpl — pip install 'gaicheck[docx]')", err=True)
