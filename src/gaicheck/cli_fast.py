"""``gaicheck assess`` without click, for the command lines a hook writes.

Importing click (with inspect, uuid, gettext …) costs as much as the rest of a small assessment.
The ``gaicheck`` script and ``python -m gaicheck`` therefore come here first: a command line of
``assess`` with files and only the plain options below (``--format``, ``--output``, ``--as-of``,
``--fail-on``, ``--lang``, ``--eu-timeline``, ``--allow-outside``, ``--quiet``/``-q``,
``--verbose``/``-v``; each value valid, each single-valued option once) runs ``run_assess`` — the
very function the click command calls — with the same error handling as the click group. Anything
else (help, any other command or option, a bad value, ``--``, a usage error) goes to click, which
parses it and reports as always. So this module decides nothing a user sees; it only skips click
when click would do nothing but pass the values on.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, NoReturn, Optional, Sequence

SEVERITIES = ("blocker", "major", "minor", "info")
LANGS = ("zh", "en")
TIMELINES = ("baseline", "omnibus_2026")


class AssessUsage(Exception):
    """A usage error of ``assess`` (the click command reports it as ``click.UsageError``)."""


def option_order(args: Sequence[str]) -> str:
    """The sequence of ``--format`` (F) and ``--output`` (O) options as written, e.g. ``"FFO"``."""
    order, skip = [], False
    for tok in args:
        if skip:
            skip = False
            continue
        if tok == "--":
            break
        for name, mark in (("--format", "F"), ("--output", "O")):
            if tok == name or tok.startswith(name + "="):
                order.append(mark)
                skip = tok == name
    return "".join(order)


def targets_for(order: str, formats: Sequence[str], outputs: Sequence[str]) -> list[str]:
    """Where each format goes: the --output written right after its --format, else stdout ("-")."""
    if "F" not in order:  # no --format given: the default format, with its --output if any
        order = "FO" * len(outputs) + "F" * (len(formats) - len(outputs))
    targets: list[str] = []
    out = iter(outputs)
    for i, mark in enumerate(order):
        if mark == "F":
            targets.append("-")
        elif i == 0 or order[i - 1] != "F":
            raise AssessUsage("put each --output right after the --format it is for")
        else:
            targets[-1] = next(out)
    return targets


def safe_streams() -> None:
    """A stdout or stderr that cannot encode Chinese (LANG=C on an old system, PYTHONIOENCODING=ascii)
    gets ``\\uXXXX`` escapes instead of a UnicodeEncodeError (exit 3)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot be reconfigured
                pass


def _echo(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(text)
    stream.flush()


def use_color(choice: str) -> bool:
    """``--color``: always / never; auto = FORCE_COLOR (non-empty) forces it, else NO_COLOR
    (non-empty) turns it off, else colour when standard output is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def run_assess(
    files: Sequence[str], formats: Sequence[str], outputs: Sequence[str], order: str, as_of: Any,
    fail_on: Optional[str], lang: Optional[str], eu_timeline: Optional[str], rules_dirs: Sequence[Any],
    allow_outside: bool, baseline_file: Optional[str], write_baseline: Optional[str], quiet: bool, verbose: bool,
    *, repo_root: Any = None, color: str = "auto", excludes: Sequence[str] = (), compare_file: Optional[str] = None,
    echo: Any = _echo,
) -> NoReturn:
    """The ``assess`` command once its options are parsed (raises AssessUsage; exits 0, 1 or 2).

    Settings may also come from .gaicheck.yaml or [tool.gaicheck] in pyproject.toml, found from the
    first declaration's folder upward to the repository root; options given win.
    """
    from gaicheck import config as config_file
    from gaicheck.api import assess as run
    from gaicheck.cli_options import default_lang
    from gaicheck.report import RENDERERS, render_reports

    found = config_file.find(files[0])
    cfg = config_file.load(found, tuple(sorted(RENDERERS))) if found else config_file.Config()
    fail_on = fail_on or cfg.fail_on or "major"
    lang = lang or cfg.lang
    eu_timeline = eu_timeline or cfg.eu_timeline or "omnibus_2026"
    rules_dirs = list(rules_dirs) or list(cfg.rules_dirs)
    if not formats and not outputs and cfg.formats:  # the config's formats, unless the command line names any
        formats, targets = [f for f, _ in cfg.formats], [t for _, t in cfg.formats]
    else:
        formats = list(formats) or ["terminal"]
        if len(outputs) > len(formats):
            raise AssessUsage("more --output than --format options")
        targets = targets_for(order, formats, outputs)
    if targets.count("-") > 1:
        raise AssessUsage("only one format can go to stdout; give the others an --output file")
    if baseline_file and write_baseline:
        raise AssessUsage("--baseline and --write-baseline do not combine (--write-baseline alone refreshes it)")
    from gaicheck import outputs as out_files

    files_out = [t for t in targets if t != "-"] + ([write_baseline] if write_baseline else [])
    out_files.check_targets(files_out, stdout="-" in targets)  # fail fast; checked again with the inputs
    from gaicheck.discover import expand

    previous = None
    if compare_file:
        from gaicheck.report.compare import load_previous

        previous = load_previous(compare_file)  # before the run: a bad file fails fast
    files = expand(files, excludes=excludes)
    reports = [
        run(f, as_of=as_of, fail_on=fail_on, lang=lang or default_lang(), timeline=eu_timeline,
            rules_dirs=rules_dirs, allow_outside=allow_outside)
        for f in files
    ]
    if baseline_file:
        from gaicheck import baseline

        entries = baseline.load(baseline_file)
        reports = [baseline.apply(r, entries, baseline_file) for r in reports]
    comparison = None
    if previous is not None:
        from gaicheck.report.compare import compare, text_lines

        comparison = compare(reports, previous, compare_file or "")
    # Render everything before writing anything, so an error leaves no partial output.
    # GitHub Actions: the github format appends the full table to the job summary (the annotations
    # are capped at ten of each kind per step).
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY") if "github" in formats else None
    root = None
    if any(f in formats for f in ("sarif", "junit", "codequality")):
        from gaicheck.repo import default_root

        root = str(repo_root or default_root(list(files)))
    rendered = []
    for fmt, target in zip(formats, targets):
        colored = target == "-" and fmt == "terminal" and use_color(color)
        if fmt == "html":
            text = render_reports(fmt, reports, previous=comparison)
        else:
            text = render_reports(fmt, reports, color=colored, quiet=quiet, verbose=verbose,
                                  step_summary=bool(step_summary), repo_root=root)
            if comparison is not None and fmt in ("terminal", "markdown"):
                text += "\n".join(text_lines(comparison, reports[0].lang, markdown=fmt == "markdown")) + "\n"
        rendered.append((target, text))
    if write_baseline:
        from gaicheck import baseline

        rendered.append((write_baseline, baseline.build(reports, write_baseline)))
    # Files first, standard output last: a file that cannot be written is an error (exit 2) before
    # anything was printed. No output may replace an input of the run.
    to_write = [r for r in rendered if r[0] != "-"]
    # what the run read (each declaration parsed again for the files it names): only to protect
    # them from being written over, so not worked out when everything goes to standard output
    inputs = out_files.run_inputs(files, extra=[baseline_file, compare_file, *out_files.folder_inputs(rules_dirs)]) \
        if to_write or step_summary else []
    if step_summary:
        out_files.check_targets([step_summary], inputs=inputs)
    out_files.write_all(to_write, inputs=inputs, stdout="-" in targets)
    if step_summary:
        from gaicheck.report.github import summary

        out_files.append(step_summary, summary(reports))
    for target, text in rendered:
        if target == "-":
            echo(text)
    if write_baseline:
        from gaicheck.textsafe import clean

        echo(f"gaicheck: baseline written to {clean(write_baseline)}\n", err=True)
        sys.exit(0)
    sys.exit(0 if all(r.ready for r in reports) else 1)


# ---------------------------------------------------------------- the command line without click

_VALUED = {"--format", "--output", "--as-of", "--fail-on", "--lang", "--eu-timeline"}
_FLAGS = {"--allow-outside": "allow_outside", "--quiet": "quiet", "-q": "quiet", "--verbose": "verbose",
          "-v": "verbose"}


def parse(argv: Sequence[str]) -> Optional[dict[str, Any]]:
    """The options of a plain ``assess`` command line, or None when click should handle it."""
    if not argv or argv[0] != "assess" or os.environ.get("_GAICHECK_COMPLETE"):
        return None
    from gaicheck.report import RENDERERS

    # fail-on and eu-timeline stay unset unless given: run_assess takes them from a config file
    opts: dict[str, Any] = {"files": [], "formats": [], "outputs": [], "as_of": None, "fail_on": None,
                            "lang": None, "eu_timeline": None, "allow_outside": False, "quiet": False,
                            "verbose": False}
    seen: set[str] = set()
    args = list(argv[1:])
    i = 0
    while i < len(args):
        tok = args[i]
        i += 1
        if tok in _FLAGS:
            opts[_FLAGS[tok]] = True
            continue
        name, eq, value = tok.partition("=")
        if name in _VALUED and tok.startswith("--"):
            if not eq:
                if i >= len(args):
                    return None
                value = args[i]
                i += 1
            if name == "--format":
                if value not in RENDERERS:
                    return None
                opts["formats"].append(value)
            elif name == "--output":
                opts["outputs"].append(value)
            else:
                if name in seen:
                    return None
                seen.add(name)
                if not _single(opts, name, value):
                    return None
            continue
        if tok.startswith("-") or not tok:
            return None  # help, another option, "--", "-": click's business
        opts["files"].append(tok)
    if not opts["files"]:
        return None
    opts["order"] = option_order(argv[1:])
    return opts


def _single(opts: dict[str, Any], name: str, value: str) -> bool:
    if name == "--as-of":
        import datetime as dt

        from gaicheck.cli_options import AS_OF_RANGE

        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return False
        if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
            return False
        opts["as_of"] = day
        return True
    choices = {"--fail-on": ("fail_on", SEVERITIES), "--lang": ("lang", LANGS), "--eu-timeline": ("eu_timeline", TIMELINES)}
    key, allowed = choices[name]
    if value not in allowed:
        return False
    opts[key] = value
    return True


def fail(exc: Any) -> NoReturn:
    """A gaicheck error: every problem found, one line each, exit 2."""
    from gaicheck.textsafe import clean

    for problem in (exc, *getattr(exc, "more", ())):  # control and bidi characters shown
        _echo(f"gaicheck: error: {clean(str(problem), newlines=False)}\n", err=True)
    sys.exit(2)


def guarded(run: Callable[[], Any], passthrough: tuple[type[BaseException], ...] = ()) -> Any:
    """``run()`` with the exit codes of the CLI: a gaicheck error is exit 2 (one line per problem),
    Ctrl-C exit 130, a closed pipe exit 0, anything unexpected exit 3 with a hint and no traceback
    (unless GAICHECK_DEBUG is set). ``passthrough`` exceptions (click's own) go on unchanged."""
    from gaicheck.errors import GaicheckError

    try:
        return run()
    except GaicheckError as exc:
        fail(exc)
    except (SystemExit, *passthrough):
        raise
    except KeyboardInterrupt:
        _echo("gaicheck: interrupted\n", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # the reader went away (`gaicheck assess … | head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("GAICHECK_DEBUG"):
            raise
        _echo(f"gaicheck: internal error: {type(exc).__name__}. This is a bug; "
              "rerun with GAICHECK_DEBUG=1 for a traceback and report it.\n", err=True)
        sys.exit(3)


def main() -> None:
    """The ``gaicheck`` command: plain ``assess`` lines here, everything else through click."""
    opts = parse(sys.argv[1:])
    if opts is None:
        from gaicheck.cli import main as click_main

        click_main()
        return
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the click group does
    safe_streams()

    def run() -> None:
        try:
            run_assess(opts["files"], opts["formats"], opts["outputs"], opts["order"], opts["as_of"],
                       opts["fail_on"], opts["lang"], opts["eu_timeline"], (), opts["allow_outside"], None, None,
                       opts["quiet"], opts["verbose"])
        except AssessUsage:
            from gaicheck.cli import main as click_main  # click says it, with the usage line

            click_main()

    guarded(run)
