"""Command line: the only module that prints or exits. Exit codes: 0 ok, 1 failing findings,
2 usage or input error, 3 internal error."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from gaicheck import __version__, cli_fast
from gaicheck.cli_options import default_lang as _default_lang
from gaicheck.cli_options import parse_date as _parse_date
from gaicheck.report import RENDERERS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence

FORMATS = tuple(sorted(RENDERERS))
SEVERITIES = cli_fast.SEVERITIES


def _shown(text: str) -> str:
    from gaicheck.textsafe import clean

    return clean(text, newlines=False)


# shared with the click-free path (cli_fast.py)
_option_order = cli_fast.option_order
_safe_streams = cli_fast.safe_streams


class _PairsOutputs(click.Command):
    """Remembers the order of --format and --output, so each --output goes with the --format before it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["gaicheck.option_order"] = _option_order(args)
        return super().parse_args(ctx, args)


def _usage_line(exc: click.ClickException) -> str:
    """A click usage error as one line, with where to find help (control characters shown)."""
    from gaicheck.textsafe import clean

    message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        message += f" (see `{ctx.command_path} --help`)"
    return clean(message, newlines=False)


class _Group(click.Group):
    """Maps gaicheck errors to exit 2 and unexpected ones to exit 3 (with a hint, no traceback)."""

    def main(self, args: Optional[Sequence[str]] = None, prog_name: Optional[str] = None,
             complete_var: Optional[str] = None, standalone_mode: bool = True, **extra: Any) -> Any:
        # The CLI uses no pydantic plugins: skip pydantic's scan of every installed package's entry
        # points (documented switch; set it yourself to override).
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        # Standalone: click's own error blocks (Usage:/Try/Error:, "Aborted!") become the one line
        # every other error has (issue 13 #8).
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # bare `gaicheck` or `gaicheck assess`: the help
            exc.show()
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"gaicheck: error: {_usage_line(exc)}", err=True)
            sys.exit(2)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("gaicheck: interrupted", err=True)
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name in _LAZY_COMMANDS and cmd_name not in self.commands:
            from importlib import import_module

            self.add_command(getattr(import_module(_LAZY_COMMANDS[cmd_name]), cmd_name))
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        # the same exit codes and messages as the click-free path (cli_fast.guarded)
        return cli_fast.guarded(lambda: super(_Group, self).invoke(ctx),
                                (click.exceptions.Exit, click.exceptions.Abort, click.ClickException))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="gaicheck")
def main() -> None:
    """gaicheck: filing readiness for generative-AI services (China, EU AI Act, NIST AI RMF)."""
    _safe_streams()


@main.command(cls=_PairsOutputs)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS), help="Output format; repeatable.")
@click.option("--output", "outputs", multiple=True, help="File for the --format just before it ('-' is stdout); a format without one goes to stdout.")
@click.option("--as-of", callback=_parse_date, help="Assess as on this date (YYYY-MM-DD); default today.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the service not ready (exit 1).  [default: major]")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Report language; default from the locale.")
@click.option("--eu-timeline", type=click.Choice(["baseline", "omnibus_2026"]), default=None,
              help="EU AI Act dates: 'baseline' as published in 2024, or 'omnibus_2026' with the Digital Omnibus delays "
              "(its Official Journal dates are unverified).  [default: omnibus_2026]")
@click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Extra rule packs (folders with _pack.yaml); a rule with a shipped id replaces it.")
@click.option("--allow-outside", is_flag=True, help="Allow document paths outside the declaration's folder.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Fail only on findings not recorded in this baseline; report recorded ones that got fixed.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Record the current fail and manual findings in this file, then exit 0.")
@click.option("--repo-root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="SARIF, JUnit and Code Quality paths are relative to this folder; default: the git top level "
              "(the nearest folder above with .git).")
@click.option("--quiet", "-q", is_flag=True, help="Terminal and Markdown: only what blocks, and the verdict (the pre-commit hook).")
@click.option("--verbose", "-v", is_flag=True, help="Terminal and Markdown: list every pass, document and obligation.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour in the terminal report: auto = on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it).")
@click.option("--exclude", "excludes", multiple=True, metavar="GLOB",
              help="Folders given: skip paths (relative to the folder) or names matching GLOB; repeatable.")
@click.option("--compare", "compare_file", type=click.Path(dir_okay=True, path_type=str), default=None,
              help="A JSON report of an earlier run: show new failures, resolved ones and readiness flips "
              "(html, terminal, markdown).")
def assess(
    files: Sequence[str], formats: Sequence[str], outputs: Sequence[str], as_of: Optional[dt.date],
    fail_on: Optional[str], lang: Optional[str], eu_timeline: Optional[str], rules_dirs: Sequence[Path],
    allow_outside: bool, baseline_file: Optional[str], write_baseline: Optional[str], repo_root: Optional[Path] = None,
    quiet: bool = False, verbose: bool = False, color: str = "auto",
    excludes: Sequence[str] = (), compare_file: Optional[str] = None,
) -> None:
    """Assess service declarations (files, or folders searched for them) and report filing readiness.

    Settings may also come from .gaicheck.yaml or [tool.gaicheck] in pyproject.toml, found from the
    first declaration's folder upward to the repository root; options given here win.
    """
    # The same function runs plain command lines without click (cli_fast.py, the hook's path).
    order = click.get_current_context().meta.get("gaicheck.option_order", "")
    try:
        cli_fast.run_assess(files, formats, outputs, order, as_of, fail_on, lang, eu_timeline, rules_dirs,
                            allow_outside, baseline_file, write_baseline, quiet, verbose,
                            repo_root=repo_root, color=color, excludes=excludes, compare_file=compare_file,
                            echo=lambda text, err=False: click.echo(text, nl=False, err=err, color=True))
    except cli_fast.AssessUsage as exc:
        raise click.UsageError(str(exc)) from None


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--as-of", callback=_parse_date, help="Check as on this date (YYYY-MM-DD); default today.")
@click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Extra rule packs, as for assess.")
@click.option("--allow-outside", is_flag=True, help="Allow document paths outside the declaration's folder.")
def validate(files: Sequence[str], as_of: Optional[dt.date], rules_dirs: Sequence[Path], allow_outside: bool) -> None:
    """Check declarations with every input check assess runs (files, samples, waivers, thresholds); print no findings."""
    from gaicheck import config as config_file
    from gaicheck.api import assess as run
    from gaicheck.discover import expand

    files = expand(files)

    # The same path as assess, so that "ok" here can never be an input error there (issue 12 #14):
    # the same config file (checked, and its rules-dir used unless --rules-dir is given).
    found = config_file.find(files[0])
    cfg = config_file.load(found, FORMATS) if found else config_file.Config()
    rules_dirs = list(rules_dirs) or list(cfg.rules_dirs)
    for f in files:
        run(f, as_of=as_of, rules_dirs=rules_dirs, allow_outside=allow_outside)
        click.echo(f"{_shown(f)}: ok")


@main.command("rules")
@click.option("--framework", type=click.Choice(["CN", "EU", "NIST"], case_sensitive=False), default=None,
              help="Only this framework's rules (any case).")
@click.option("--catalog", "catalog_name", type=click.Choice(["nist"], case_sensitive=False), default=None,
              help="List a reference catalog instead of the rules: 'nist' = the 72 NIST AI RMF subcategories.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
@click.option("--changed-since", "changed_since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only rules and law-data entries whose law or figures changed on or after DATE (their updated:).")
def rules_cmd(framework: Optional[str], catalog_name: Optional[str], lang: Optional[str],
              changed_since: Optional[Any] = None) -> None:
    """List the rule catalog."""
    from gaicheck.catalog.load import load_catalog

    lang = lang or _default_lang()
    framework = framework.upper() if framework else None
    if catalog_name:
        from gaicheck.nist.catalog import load_nist_catalog

        subs = load_nist_catalog().subcategories
        for sid, sub in subs.items():
            click.echo(f"{sid:<12} {sub.text(lang)}")
        click.echo(f"{len(subs)} subcategories (`gaicheck explain GOVERN-1.1` for one)")
        return
    catalog = load_catalog([framework] if framework else None)
    if changed_since is not None:
        from gaicheck.catalog.changes import changed_since as _changes

        changes = _changes(catalog, changed_since.date(), {framework} if framework else None)
        for c in changes:
            flag = "" if c.verified else " [unverified]"
            click.echo(f"{c.kind:<5} {c.id:<40} {c.updated.isoformat()}  {c.where}{flag}")
        click.echo(f"{len(changes)} changed since {changed_since.date().isoformat()}")
        return
    for cr in catalog.rules:
        r = cr.rule
        flag = "" if r.verified else " [unverified]"
        click.echo(f"{r.id:<12} {r.severity:<8} {r.citation_text():<40} {r.title.get(lang)}{flag}")
    click.echo(f"{len(catalog.rules)} rules")


@main.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
def explain(rule_id: str, lang: Optional[str]) -> None:
    """Explain one rule (what it checks, why, an example, how to fix it, references) or a NIST AI RMF id."""
    from gaicheck.catalog.explain import explain_text
    from gaicheck.catalog.load import load_catalog
    from gaicheck.errors import InputError

    catalog = load_catalog()
    cr = catalog.get(rule_id.upper())
    if cr is None:
        # Not a rule: a NIST AI RMF id (GOVERN-1.1, gai.confabulation …) explains its catalog entry.
        from gaicheck.nist.explain import explain_nist

        page = explain_nist(rule_id, lang or _default_lang(), [r.rule for r in catalog.rules])
        if page is None:
            raise InputError(f"unknown rule or NIST AI RMF id {rule_id!r} (see `gaicheck rules`)")
        click.echo(page, nl=False)
        return
    click.echo(explain_text(cr.rule, lang or _default_lang()), nl=False)


@main.command()
def schema() -> None:
    """Print the declaration's JSON Schema."""
    import json

    from gaicheck.declaration.model import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


# Commands kept in their own modules, registered here in one explicit list and imported only when
# used (the hook runs `assess`; the filing commands pull in docx/openpyxl/tempfile).
_LAZY_COMMANDS = {"checklist": "gaicheck.cli_filing", "draft": "gaicheck.cli_filing",
                  "bundle": "gaicheck.cli_bundle", "verify": "gaicheck.cli_bundle",
                  "init": "gaicheck.cli_init"}
