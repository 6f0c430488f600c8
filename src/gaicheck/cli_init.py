"""``gaicheck init``: an interview (or the same answers as flags) that writes a commented starter
declaration, and with ``--with-templates`` the keyword-list and test-bank templates (issue 15 #1).

The route-deciding questions come first. An empty answer (or ``?``) is "unknown": the fact is
written as ``null`` with a comment saying what it decides. Nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
import typing

import click

from gaicheck.declaration.eu import Annex1Act, Annex3Id, Role
from gaicheck.declaration.service import Capability, Modality
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional, Sequence

_UNKNOWN = ("", "?", "unknown", "n/a", "不知道", "未知")
_YES = ("y", "yes", "true", "1", "是")
_NO = ("n", "no", "false", "0", "否", "none")


def _choices(literal: Any) -> tuple[str, ...]:
    return tuple(typing.get_args(literal))


def _one_of(choices: Sequence[str]) -> Callable[[str], Optional[str]]:
    def parse(text: str) -> Optional[str]:
        value = text.strip()
        if value.lower() in _UNKNOWN:
            return None
        if value not in choices:
            raise click.BadParameter(f"{value!r} is not one of {', '.join(choices)}")
        return value
    return parse


def _list_of(choices: Optional[Sequence[str]], *, empty_word: bool = False) -> Callable[[str], Optional[list[str]]]:
    def parse(text: str) -> Optional[list[str]]:
        value = text.strip()
        if value.lower() in _UNKNOWN:
            return None
        if empty_word and value.lower() in ("none", "[]", "无"):
            return []
        items = [x.strip() for x in value.replace("，", ",").split(",") if x.strip()]
        bad = [x for x in items if choices is not None and x not in choices]
        if bad:
            import difflib

            hints = [f"{b!r} (did you mean {m[0]!r}?)" if (m := difflib.get_close_matches(b, choices or [], 1)) else repr(b)
                     for b in bad]
            raise click.BadParameter(f"not recognised: {', '.join(hints)}; choose from {', '.join(choices or [])}")
        return items
    return parse


def _markets(text: str) -> Optional[list[str]]:
    from gaicheck.markets import problem

    items = _list_of(None)(text)
    for m in items or []:
        why = problem(m)
        if why is not None:
            raise click.BadParameter(why)
    return items


def _yes_no(text: str) -> Optional[bool]:
    value = text.strip().lower()
    if value in _UNKNOWN:
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise click.BadParameter("answer yes or no (or leave it empty if you do not know)")


def _text(text: str) -> Optional[str]:
    value = text.strip()
    return None if value in _UNKNOWN else value


@record
class Question:
    """One interview question, and the flag that answers it in a script."""

    key: str
    flag: str
    prompt: str
    parse: Callable[[str], Any]
    when: Callable[[dict[str, Any]], bool] = lambda answers: True


def _eu(a: dict[str, Any]) -> bool:
    from gaicheck.markets import in_eu

    return in_eu(a.get("markets")) is not False


def _upstream(a: dict[str, Any]) -> bool:
    return a.get("origin") != "self_trained"


ORIGINS = ("self_trained", "fine_tuned", "api_of_filed_model", "third_party_unfiled")
# Route-deciding questions first (China route, EU tier and GPAI status), then the rest.
QUESTIONS: tuple[Question, ...] = (
    Question("markets", "--markets", "Markets where the service is offered or its output used "
             "(ISO codes, comma-separated, e.g. CN, DE)", _markets),
    Question("audience", "--audience", "Audience (public | business | internal | research)",
             _one_of(("public", "business", "internal", "research"))),
    Question("outputs", "--outputs", f"What does it generate? ({', '.join(_choices(Modality))}; comma-separated)",
             _list_of(_choices(Modality))),
    Question("capabilities", "--capabilities", "Capabilities (e.g. writing, text_to_image, dialogue; comma-separated)",
             _list_of(_choices(Capability))),
    Question("origin", "--origin", f"Model origin ({' | '.join(ORIGINS)})", _one_of(ORIGINS)),
    Question("base_model", "--base-model", "Upstream model it builds on (name)", _text, _upstream),
    Question("base_model_filing", "--base-model-filing", "China filing number of that upstream model (empty if none or unknown)",
             _text, lambda a: _upstream(a) and bool(a.get("base_model"))),
    Question("base_model_open", "--base-model-open", "Are that model's weights open? (yes/no)", _yes_no,
             lambda a: _upstream(a) and bool(a.get("base_model"))),
    Question("public_opinion", "--public-opinion", "Forums, comments, sharing, live streams or groups? (yes/no)", _yes_no),
    Question("user_publishing", "--user-publishing", "Can users publish generated content to others? (yes/no)", _yes_no),
    Question("eu_roles", "--eu-roles", f"EU AI Act roles ({', '.join(_choices(Role))}; comma-separated)",
             _list_of(_choices(Role)), _eu),
    Question("intended_purposes", "--intended-purposes", "Annex III use cases (e.g. annex3.4a; 'none' if none)",
             _list_of(_choices(Annex3Id), empty_word=True), _eu),
    Question("annex1", "--annex1", "EU product law covering it as a product or safety component (e.g. machinery, "
             "toys, medical_devices; 'none' if none)", _list_of(_choices(Annex1Act), empty_word=True), _eu),
    Question("art5", "--prohibited-practices", "Does the service do any practice Art 5 prohibits (manipulation, "
             "exploiting vulnerabilities, social scoring, face scraping, emotion recognition at work …)? "
             "(no = none of them)", _yes_no, _eu),
    Question("gpai", "--gpai", "Is your own model a general-purpose AI model placed on the EU market? (yes/no)",
             _yes_no, _eu),
    Question("established_in_eu", "--established-in-eu", "Is the provider established in the EU? (yes/no)", _yes_no, _eu),
    Question("minors", "--minors", "Minors (excluded | allowed | targeted)", _one_of(("excluded", "allowed", "targeted"))),
    Question("status", "--status", "Status (planned | live)", _one_of(("planned", "live"))),
    Question("languages", "--languages", "Languages it serves (e.g. zh, en, de; comma-separated)", _list_of(None)),
    Question("name", "--name", "Service name", _text),
    Question("provider", "--provider", "Provider (legal entity)", _text),
)


def _options(f: Callable[..., Any]) -> Callable[..., Any]:
    for q in reversed(QUESTIONS):
        f = click.option(q.flag, q.key, default=None, metavar="TEXT",
                         help=f"{q.prompt}. Empty or '?' = unknown.")(f)
    return f


@click.command()
@click.argument("file", default="service.yaml", type=click.Path(dir_okay=False, path_type=str))
@click.option("--with-templates", is_flag=True,
              help="Also write the keyword-list and test-bank templates (headers and one guide row per risk or aspect).")
@click.option("--no-input", is_flag=True, help="Ask nothing: questions without a flag are written as unknown.")
@_options
def init(file: str, with_templates: bool, no_input: bool, **flags: Optional[str]) -> None:
    """Write a commented starter declaration (FILE, default service.yaml) from a short interview."""
    from gaicheck.errors import InputError
    from gaicheck.location import Location
    from gaicheck.outputs import write_atomic
    from gaicheck.starter import TEMPLATE_PATHS, Answers, declaration_text, template_files

    base = os.path.dirname(os.path.abspath(file))
    targets = [file] + ([os.path.join(os.path.dirname(file), p) for p in TEMPLATE_PATHS.values()] if with_templates else [])
    for target in targets:  # refuse before asking anything
        if os.path.lexists(target):
            raise InputError("exists; not overwritten (choose another file or move it away)", Location(target))
    if not os.path.isdir(base):
        raise InputError("its folder does not exist", Location(file))
    answers: dict[str, Any] = {}
    for q in QUESTIONS:
        if not q.when(answers):
            continue
        given = flags.get(q.key)
        if given is not None:
            try:
                answers[q.key] = q.parse(given)
            except click.BadParameter as exc:
                raise click.BadParameter(exc.message, param_hint=q.flag) from None
        elif not no_input:
            answers[q.key] = click.prompt(q.prompt, default="", show_default=False, value_proc=q.parse)
    from gaicheck.starter import ART5

    screen = answers.pop("art5", None)
    # "no" answers the whole Art 5 screen; "yes" leaves every point open for the user to say which
    answers["art5"] = {point: False for point in ART5} if screen is False else {}
    text = declaration_text(Answers(**answers), filename=os.path.basename(file),
                            today=dt.date.today(), with_templates=with_templates)
    files = {file: text}
    if with_templates:
        files.update({os.path.join(os.path.dirname(file), p): t for p, t in template_files().items()})
    for path, content in files.items():
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        write_atomic(path, content)
    unknown = text.count("# UNKNOWN")
    click.echo(f"gaicheck: wrote {', '.join(files)} ({unknown} facts left unknown, marked UNKNOWN)", err=True)
    click.echo(f"next: gaicheck assess {file}", err=True)
