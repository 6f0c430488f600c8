"""Waivers: collect them (declaration and ``waivers_file``), check them, apply them to findings.

Rules of the game (issue 7, shared/DECLARATION.md):
- each waiver names a rule of the catalog, gives a reason and an expiry at most one year after the
  assessment date; a rule marked ``waivable: false`` cannot be waived (an input error, located);
- a waiver turns a ``fail`` or ``manual`` finding into ``waived`` (the reason is kept);
- an expired waiver stops applying: the finding keeps its status and says the waiver expired.
"""

from __future__ import annotations

import datetime as dt
import os

from gaicheck.catalog.load import Catalog
from gaicheck.declaration.load import LoadedDeclaration
from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.plain import Record
from gaicheck.record import record, replace
from gaicheck.report.model import Finding
from gaicheck.yamlsafe import Positions

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional
    from gaicheck.declaration.waivers import WaiverFile


class Waiver(Record):
    """One validated waiver (``declaration/waivers.py``'s model as plain data): rule, reason, expires, approver."""


@record
class LocatedWaiver:
    """A waiver and where it was written (its ``rule`` and ``expires`` keys)."""

    waiver: Waiver
    at: Location
    expires_at: Location
    in_declaration: bool


def one_year_after(day: dt.date) -> dt.date:
    """The same date a year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _validate_file(raw: Any, positions: Positions) -> "WaiverFile":
    from pydantic import ValidationError

    from gaicheck.declaration.load import _describe, _strip_union_tags
    from gaicheck.declaration.waivers import WaiverFile

    if not isinstance(raw, dict):
        raise InputError("a waivers file must be a YAML mapping with a 'waivers:' list", Location(positions.file, 1, 1))
    try:
        return WaiverFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        err: dict[str, Any] = dict(first, loc=_strip_union_tags(first["loc"]))
        path = tuple(err["loc"])
        if err["type"] == "missing":
            where = positions.locate(path[:-1], prefer_value=False)
        else:
            where = positions.locate(path, prefer_value=err["type"] != "extra_forbidden")
        raise InputError(_describe(err), where) from None


def _from_file(loaded: LoadedDeclaration, rel: str, *, allow_outside: bool = False) -> list[LocatedWaiver]:
    from gaicheck.textsafe import clean
    from gaicheck.yamlsafe import load_bytes, read_regular

    key = loaded.locate("waivers_file")
    shown = clean(repr(rel), newlines=False)
    if "\x00" in rel:
        raise InputError(f"waivers file {shown}: not a valid path (NUL character)", key)
    base = os.path.dirname(os.path.abspath(loaded.path))
    path = os.path.join(base, rel)
    display = os.path.normpath(os.path.join(os.path.dirname(loaded.display), rel))
    root = os.path.realpath(base)
    if not allow_outside and os.path.commonpath([os.path.realpath(path), root]) != root:
        raise InputError(f"waivers file {shown} is outside the declaration's folder "
                         "(use --allow-outside to permit)", key)
    if not os.path.lexists(path):
        raise InputError(f"waivers file {shown} not found (paths are relative to the declaration)", key)
    # the declaration's checks: a regular file (never a FIFO, device or folder) within the size limit
    raw, positions = load_bytes(read_regular(path, display, what="waivers files"), display)
    parsed = _validate_file(raw, positions)
    return [
        LocatedWaiver(Waiver(**w.model_dump()), positions.locate(("waivers", i, "rule"), prefer_value=True),
                      positions.locate(("waivers", i, "expires"), prefer_value=True), False)
        for i, w in enumerate(parsed.waivers)
    ]


def collect(loaded: LoadedDeclaration, *, allow_outside: bool = False) -> list[LocatedWaiver]:
    """Waivers of the declaration, then those of its ``waivers_file`` (if any), with locations."""
    decl = loaded.data
    pos = loaded.positions
    out = [
        LocatedWaiver(Waiver(**w), pos.locate(("waivers", i, "rule"), prefer_value=True),
                      pos.locate(("waivers", i, "expires"), prefer_value=True), True)
        for i, w in enumerate(decl.get("waivers") or [])
    ]
    if decl.get("waivers_file"):
        out += _from_file(loaded, decl["waivers_file"], allow_outside=allow_outside)
    return out


def _rule_known_elsewhere(rule_id: str) -> Optional[bool]:
    """Whether a rule missing from this run's catalog exists in another shipped pack (its waivable flag)."""
    from gaicheck.catalog.load import load_catalog

    cr = load_catalog().get(rule_id)
    return None if cr is None else cr.rule.waivable


def check(waivers: list[LocatedWaiver], catalog: Catalog, as_of: dt.date, lang: str) -> tuple[dict[str, LocatedWaiver], list[str]]:
    """Validate waivers against the catalog; return them by rule id and notes on ones that do not apply."""
    by_rule: dict[str, LocatedWaiver] = {}
    notes: list[str] = []
    limit = one_year_after(as_of)
    for lw in waivers:
        w = lw.waiver
        cr = catalog.get(w.rule)
        if cr is not None:
            waivable: Optional[bool] = cr.rule.waivable
            rule_id = cr.rule.id
        else:
            # The rule may belong to a pack this service does not need (e.g. an EU rule, CN-only market).
            waivable = _rule_known_elsewhere(w.rule)
            rule_id = w.rule
            if waivable is None:
                raise InputError(f"waiver names unknown rule {w.rule} (see `gaicheck rules`)", lw.at)
        if not waivable:
            raise InputError(f"rule {rule_id} cannot be waived (waivable: false); fix the finding instead", lw.at)
        if rule_id in by_rule:
            raise InputError(f"more than one waiver for {rule_id} (the other is at {by_rule[rule_id].at})", lw.at)
        if w.expires > limit:
            raise InputError(
                f"waiver for {rule_id} expires {w.expires}: more than one year after {as_of} (at most {limit})",
                lw.expires_at,
            )
        by_rule[rule_id] = lw
        if cr is None:
            notes.append({
                "en": f"waiver for {rule_id} ({lw.at}) not used: the rule is not assessed for this service",
                "zh": f"{rule_id} 的豁免（{lw.at}）未使用：本服务不评估该规则",
            }[lang])
    return by_rule, notes


def apply(
    findings: list[Finding], waivers: list[LocatedWaiver], catalog: Catalog, *, as_of: dt.date, lang: str,
) -> tuple[list[Finding], list[str]]:
    """Apply checked waivers to findings; return the findings and report notes about the waivers."""
    by_rule, notes = check(waivers, catalog, as_of, lang)
    out: list[Finding] = []
    for f in findings:
        lw = by_rule.get(f.rule)
        if lw is None:
            out.append(f)
            continue
        w = lw.waiver
        info: dict[str, Any] = {
            "reason": w.reason, "expires": w.expires.isoformat(), "approver": w.approver, "location": lw.at.to_dict(),
        }
        if w.expires < as_of:
            expired = {"en": f"waiver expired on {w.expires} and no longer applies ({lw.at})",
                       "zh": f"豁免已于 {w.expires} 过期，不再适用（{lw.at}）"}[lang]
            notes.append(f"{f.rule}: {expired}")
            if f.status in ("fail", "manual"):
                # keep the finding's own note (evidence from the artifacts) after the expiry notice
                out.append(replace(f, waiver=dict(info, expired=True), note=f"{expired}; {f.note}" if f.note else expired))
            else:
                out.append(f)
        elif f.status in ("fail", "manual"):
            out.append(replace(f, status="waived", waiver=dict(info, was=f.status), note=w.reason))
        else:
            unused = {"en": f"waiver for {f.rule} ({lw.at}) not needed: the finding is {f.status}",
                      "zh": f"{f.rule} 的豁免（{lw.at}）无需使用：该项结果为 {f.status}"}[lang]
            notes.append(unused)
            out.append(f)
    return out, notes
