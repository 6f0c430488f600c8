"""What changed since an earlier run (issue 19 #3): ``assess --compare previous.json``.

The previous run is a JSON report of gaicheck (``--format json``: one report object, or a list of
them). Services are matched by ``input.path`` (the path as given on the command line, normalised:
run both from the same folder, naming the same folders). Per service: *new failures* (rules whose status is ``fail`` now and was not
before), *resolved* (``fail`` before, not now), and a *readiness flip* (``ready`` changed). A
service in only one of the two runs is listed as new or gone.

A file that is not JSON, or JSON that is not a gaicheck report, is an :class:`InputError` located
at the line and column where it goes wrong.
"""

from __future__ import annotations

import json
import os

from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import record
from gaicheck.textsafe import clean

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence

if TYPE_CHECKING:
    from gaicheck.report.model import Report


@record
class Previous:
    """One report of the earlier run, reduced to what a comparison needs."""

    path: str
    ready: bool
    failing: frozenset[str]


@record
class ServiceChange:
    """One service's change; ``state`` is ``both``, ``added`` (only now) or ``gone`` (only before)."""

    path: str
    name: str
    state: str
    ready_before: Optional[bool]
    ready_now: Optional[bool]
    new_failures: tuple[str, ...]
    resolved: tuple[str, ...]

    @property
    def flipped(self) -> bool:
        """True when both runs have the service and its readiness differs."""
        return self.state == "both" and self.ready_before != self.ready_now

    def view(self, lang: str, t: dict[str, str]) -> dict[str, Any]:
        """Display values for the HTML report (``t``: its words)."""
        verdict = {True: t["ready"], False: t["not_ready"], None: ""}
        return {"state": self.state, "new": list(self.new_failures), "resolved": list(self.resolved),
                "flipped": self.flipped, "was": t["was"].format(verdict=verdict[self.ready_before]),
                "now": verdict[self.ready_now], "name": clean(self.name, newlines=False),
                "path": clean(self.path, newlines=False),
                "unchanged": self.state == "both" and not (self.flipped or self.new_failures or self.resolved)}


@record
class Comparison:
    """The whole comparison: one change per service (this run's order, then gone ones) and totals."""

    file: str
    services: tuple[ServiceChange, ...]

    @property
    def totals(self) -> dict[str, int]:
        """Counts over all services: new failures, resolved, readiness flips, added, gone."""
        return {"new": sum(len(s.new_failures) for s in self.services),
                "resolved": sum(len(s.resolved) for s in self.services),
                "flips": sum(1 for s in self.services if s.flipped),
                "added": sum(1 for s in self.services if s.state == "added"),
                "gone": sum(1 for s in self.services if s.state == "gone")}

    def summary_view(self, lang: str, t: dict[str, str]) -> dict[str, Any]:
        """Display values of the totals and the gone services for the HTML report."""
        return {"file": clean(self.file, newlines=False), "totals": self.totals,
                "line": t["total_line"].format(**self.totals),
                "gone": [clean(s.path, newlines=False) for s in self.services if s.state == "gone"]}


def _where(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _report(obj: Any, file: str, text: str, pos: int) -> Previous:
    line, col = _where(text, pos)
    where = Location(file, line, col)
    if not isinstance(obj, dict) or obj.get("report_version") != 1 or not isinstance(obj.get("findings"), list):
        raise InputError("not a gaicheck JSON report (expected an object with report_version 1 and findings, "
                         "as written by `gaicheck assess --format json`)", where)
    inp = obj.get("input")
    if not isinstance(inp, dict) or not isinstance(inp.get("path"), str) or not isinstance(obj.get("ready"), bool):
        raise InputError("gaicheck JSON report without input.path or ready", where)
    failing = set()
    for f in obj["findings"]:
        if not isinstance(f, dict) or not isinstance(f.get("rule"), str) or not isinstance(f.get("status"), str):
            raise InputError("gaicheck JSON report with a finding that has no rule or status", where)
        if f["status"] == "fail":
            failing.add(f["rule"])
    return Previous(path=inp["path"], ready=obj["ready"], failing=frozenset(failing))


MAX_BYTES = 256 * 1024 * 1024  # a JSON report is ~100 KB per declaration


def load_previous(file: str) -> list[Previous]:
    """The reports in the JSON file ``file`` (one object or a list of them)."""
    from gaicheck.yamlsafe import read_regular

    if not os.path.lexists(file):
        raise InputError("no such file", Location(file))
    if os.path.isdir(file):
        raise InputError("is a folder, not a JSON report", Location(file))
    # the declaration's checks (issue 13 #5): a regular file, never a FIFO (a hang) or /dev/zero
    raw = read_regular(file, limit=MAX_BYTES, what="previous reports")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", Location(file)) from None
    decoder = json.JSONDecoder()
    try:
        start = len(text) - len(text.lstrip())
        if text.startswith("[", start):
            out: list[Previous] = []
            pos = start + 1
            while True:
                while pos < len(text) and text[pos] in " \t\r\n,":
                    pos += 1
                if pos < len(text) and text[pos] == "]":
                    break
                obj, end = decoder.raw_decode(text, pos)
                out.append(_report(obj, file, text, pos))
                pos = end
            json.loads(text)  # the whole file must be valid JSON (commas, nothing after the list)
            return out
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", Location(file, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", Location(file)) from None
    return [_report(obj, file, text, start)]


def _key(path: str) -> str:
    """Paths match as written, up to ``./`` and doubled slashes (``assess .`` vs ``assess examples``
    do not match: run both from the same place)."""
    return os.path.normpath(path)


def compare(reports: Sequence[Report], previous: Sequence[Previous], file: str) -> Comparison:
    """This run's ``reports`` against the earlier run's ``previous`` (read from ``file``)."""
    before = {}
    for p in previous:
        before.setdefault(_key(p.path), p)
    changes = []
    for r in reports:
        now = frozenset(f.rule for f in r.findings if f.status == "fail")
        p = before.pop(_key(r.input_path), None)
        if p is None:
            changes.append(ServiceChange(r.input_path, r.service_name, "added", None, r.ready, tuple(sorted(now)), ()))
            continue
        changes.append(ServiceChange(r.input_path, r.service_name, "both", p.ready, r.ready,
                                     tuple(sorted(now - p.failing)), tuple(sorted(p.failing - now))))
    for p in before.values():
        changes.append(ServiceChange(p.path, "", "gone", p.ready, None, (), ()))
    return Comparison(file=file, services=tuple(changes))


_TEXT = {
    "en": {"head": "Since {file}", "new": "new failures", "resolved": "resolved", "flip": "{was} → {now}",
           "added": "new service", "gone": "not in this run", "none": "no change", "ready": "READY",
           "not_ready": "NOT READY",
           "total": "total: {new} new failures · {resolved} resolved · {flips} readiness flips"},
    "zh": {"head": "与 {file} 相比", "new": "新增未通过", "resolved": "已解决", "flip": "{was} → {now}",
           "added": "新增服务", "gone": "本次未评估", "none": "无变化", "ready": "可以申报",
           "not_ready": "尚不可申报",
           "total": "合计：新增未通过 {new} 条 · 已解决 {resolved} 条 · 结论变化 {flips} 项"},
}


def text_lines(c: Comparison, lang: str, *, markdown: bool = False) -> list[str]:
    """The comparison as plain lines (terminal) or a Markdown list (``markdown``)."""
    t = _TEXT.get(lang, _TEXT["en"])
    word = {True: t["ready"], False: t["not_ready"], None: ""}
    bullet = "- " if markdown else "  "
    from gaicheck.report.markdown import cell

    def shown(path: str) -> str:
        return cell(clean(path, newlines=False)) if markdown else clean(path, newlines=False)

    head = t["head"].format(file=shown(c.file))
    out = ["", f"### {head}" if markdown else head + ":", *([""] if markdown else [])]
    for s in c.services:
        parts = []
        if s.state in ("added", "gone"):
            parts.append(t[s.state])
        if s.flipped:
            parts.append(t["flip"].format(was=word[s.ready_before], now=word[s.ready_now]))
        if s.new_failures:
            parts.append(f"{t['new']}: {' '.join(s.new_failures)}")
        if s.resolved:
            parts.append(f"{t['resolved']}: {' '.join(s.resolved)}")
        out.append(f"{bullet}{shown(s.path)}: {' · '.join(parts) or t['none']}")
    out.append(("" if markdown else "  ") + t["total"].format(**c.totals))
    return out
