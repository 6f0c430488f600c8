"""GitHub Actions workflow commands: one annotation per finding that needs attention.

``::error`` for a finding that blocks readiness (``fail``, or ``manual``: an undecided fact, at or
above ``--fail-on``), so the annotations explain a failed job; ``::warning`` for one below the
threshold; ``::notice`` for a waived or baselined one (with the reason). Values are escaped as the
Actions toolkit does (``%``, CR, LF; in properties also ``:`` and ``,``).

The runner turns at most 10 commands of each kind per step into annotations and drops the rest
silently (issue 14: face-swap printed 23 ``::error`` lines in rule-id order, so three blockers
vanished). So the commands come most important first (blocking fails, blocking manual findings,
other fails, other manual findings, notices; higher severity first within each), at most
:data:`PER_KIND` of each kind; the rest are printed as plain ``file:line:col`` lines (still in the
log) and one notice says how many were not shown. :func:`summary` gives the full Markdown table
for ``$GITHUB_STEP_SUMMARY`` (the CLI appends it there).
"""

from __future__ import annotations

from typing import Iterable, NamedTuple, Sequence

from gaicheck.catalog.records import SEVERITY_ORDER
from gaicheck.report.model import Finding, Report
from gaicheck.textsafe import clean

PER_KIND = 10  # annotations GitHub shows per kind (error, warning, notice) and step
SUMMARY_BUDGET = 1024 * 1024 - 4096  # a step summary may take 1 MiB; leave room for other steps' lines

_T = {
    "en": {"fix": "Fix", "waived": "waived", "baseline": "known failure (baseline)", "expires": "expires",
           "approver": "approver", "ready": "READY", "not_ready": "NOT READY", "fixed": "fixed since the baseline",
           "manual": "[to declare]", "not_shown": "{n} more annotations not shown ({detail}): GitHub shows {cap} of "
           "each kind per step; they are listed in the log above{summary}", "in_summary": " and in the job summary",
           "kinds": {"error": "errors", "warning": "warnings", "notice": "notices"},
           "head": "gaicheck", "table": ["", "Rule", "Severity", "Status", "Where", "Message"],
           "truncated": "{n} more rows cut (the step summary is limited to 1 MiB); see the log or the SARIF report"},
    "zh": {"fix": "整改", "waived": "已豁免", "baseline": "已知问题（基线）", "expires": "到期",
           "approver": "批准人", "ready": "可以申报", "not_ready": "尚不可申报", "fixed": "自基线以来已修复",
           "manual": "[待补充]", "not_shown": "另有 {n} 条注释未显示（{detail}）：GitHub 每个步骤每类只显示 {cap} 条；"
           "完整列表见上方日志{summary}", "in_summary": "及作业摘要",
           "kinds": {"error": "错误", "warning": "警告", "notice": "提示"},
           "head": "gaicheck", "table": ["", "规则", "严重性", "状态", "位置", "说明"],
           "truncated": "另有 {n} 行未列出（步骤摘要限 1 MiB）；见日志或 SARIF 报告"},
}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value (``file=``, ``title=`` …)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Annotation(NamedTuple):
    """One workflow command before it is printed; ``rank`` orders them (0 = most important)."""

    rank: tuple[int, int]
    kind: str
    file: str
    line: int | None
    column: int | None
    title: str
    message: str
    rule: str
    severity: str
    status: str

    def command(self) -> str:
        """The ``::kind file=…,line=…,col=…,title=…::message`` line."""
        props = [f"file={escape_property(self.file)}"]
        if self.line is not None:
            props.append(f"line={self.line}")
            if self.column is not None:
                props.append(f"col={self.column}")
        props.append(f"title={escape_property(self.title)}")
        return f"::{self.kind} {','.join(props)}::{escape_data(self.message)}"

    def where(self) -> str:
        """``file:line:col`` (as much as is known)."""
        return ":".join(str(x) for x in (self.file, self.line, self.column) if x is not None)

    def plain(self) -> str:
        """The annotation as an ordinary log line (one line), for one over the per-step cap."""
        first = self.message.split("\n", 1)[0]
        return clean(f"{self.where()}: {self.kind} {self.title}: {first}", newlines=False)


# Ranks: what a reader of a failed job must see first (issue 14). Severity breaks ties, higher first.
_BLOCKING_FAIL, _BLOCKING_MANUAL, _FAIL, _MANUAL, _NOTICE = range(5)


def _item(f: Finding, report: Report, group: int, kind: str, title: str, message: str) -> Annotation:
    return Annotation((group, -SEVERITY_ORDER[f.severity]), kind, f.location.file, f.location.line,
                      f.location.column, title, message, f.rule, f.severity, f.status)


def _annotation(f: Finding, report: Report) -> Annotation | None:
    t = _T[report.lang]
    title = f"{f.rule} {f.name} ({f.severity})"
    if f.status == "waived":
        w = f.waiver or {}
        extra = ", ".join(x for x in (
            f"{t['expires']} {w['expires']}" if w.get("expires") else "",
            f"{t['approver']} {w['approver']}" if w.get("approver") else "",
        ) if x)
        message = f"{t['waived']}: {w.get('reason', '')}" + (f" ({extra})" if extra else "")
        return _item(f, report, _NOTICE, "notice", title, message)
    if f.status not in ("fail", "manual"):
        return None
    if f.baselined:
        return _item(f, report, _NOTICE, "notice", title, f"{t['baseline']}: {f.message}")
    blocks = SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[report.fail_on]
    kind = "error" if blocks else "warning"
    if f.status == "manual":
        return _item(f, report, _BLOCKING_MANUAL if blocks else _MANUAL, kind, f"{title} {t['manual']}",
                     f.message + (f"\n{f.note}" if f.note else ""))
    message = f"{f.message}\n{t['fix']}: {f.remediation}" + (f"\n{f.note}" if f.note else "")
    return _item(f, report, _BLOCKING_FAIL if blocks else _FAIL, kind, title, message)


def annotations(reports: Iterable[Report]) -> list[Annotation]:
    """Every annotation of ``reports``, most important first (stable: declaration, then rule order)."""
    items: list[Annotation] = []
    for report in reports:
        items += [a for a in (_annotation(f, report) for f in report.findings) if a]
        items += [Annotation((_NOTICE, 1), "notice", report.input_path, None, None, r, _T[report.lang]["fixed"], r,
                             "", "fixed") for r in report.baseline_fixed]
    return sorted(items, key=lambda a: a.rank)


def _verdict(report: Report, *, log: bool = True) -> str:
    """``gaicheck: PATH: VERDICT (fail-on …) · counts``; ``log``: the path escaped for a workflow log."""
    t = _T[report.lang]
    s = report.summary
    verdict = t["ready"] if report.ready else t["not_ready"]
    path = escape_data(report.input_path) if log else report.input_path
    return (f"gaicheck: {path}: {verdict} (fail-on {report.fail_on}) · fail {s['fail']} · "
            f"manual {s['manual']} · waived {s['waived']} · pass {s['pass']}")


def render_many(reports: Sequence[Report], *, step_summary: bool = False, **_: object) -> str:
    """Workflow commands for ``reports`` (at most :data:`PER_KIND` of each kind, most important
    first), the ones over the cap as plain log lines with one notice counting them, then a verdict
    line per declaration. ``step_summary``: the notice says the job summary has them all."""
    reports = list(reports)
    t = _T[reports[0].lang]
    items = annotations(reports)
    kinds = ("error", "warning", "notice")
    total = {k: sum(1 for a in items if a.kind == k) for k in kinds}
    over = any(n > PER_KIND for n in total.values())
    # the "not shown" notice is a notice itself: keep a place for it among the ten
    cap = {k: PER_KIND - (1 if over and k == "notice" else 0) for k in kinds}
    shown: list[Annotation] = []
    hidden: list[Annotation] = []
    for a in items:
        (shown if sum(1 for s in shown if s.kind == a.kind) < cap[a.kind] else hidden).append(a)
    lines = [a.command() for a in sorted(shown, key=lambda a: kinds.index(a.kind))]
    if hidden:
        lines += [a.plain() for a in hidden]
        counts = {k: sum(1 for a in hidden if a.kind == k) for k in kinds}
        detail = ", ".join(f"{n} {t['kinds'][k]}" for k, n in counts.items() if n)
        message = t["not_shown"].format(n=len(hidden), detail=detail, cap=PER_KIND,
                                        summary=t["in_summary"] if step_summary else "")
        lines.append(f"::notice title=gaicheck::{escape_data(message)}")
    lines += [_verdict(r) for r in reports]
    return "\n".join(lines) + "\n"


def render(report: Report, **kw: object) -> str:
    """Workflow commands for ``report``, then a plain verdict line."""
    return render_many([report], **kw)  # type: ignore[arg-type]


def _cell(text: object) -> str:
    from gaicheck.report.markdown import cell

    return cell(clean(str(text), newlines=False))


def summary(reports: Sequence[Report]) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: each declaration's verdict, then every annotation in
    one table (nothing capped, up to GitHub's 1 MiB per step)."""
    reports = list(reports)
    t = _T[reports[0].lang]
    out = [f"## {t['head']}", ""]
    out += [f"- {_cell(_verdict(r, log=False).removeprefix('gaicheck: '))}" for r in reports]
    items = annotations(reports)
    if items:
        icon = {"error": "❌", "warning": "⚠️", "notice": "ℹ️"}
        out += ["", "| " + " | ".join(t["table"]) + " |", "|" + "---|" * len(t["table"])]
        size = sum(len(x.encode("utf-8")) + 1 for x in out)
        for n, a in enumerate(items):
            message = " · ".join(x for x in a.message.split("\n") if x)
            row = "| " + " | ".join([icon[a.kind], _cell(a.rule), a.severity, a.status, _cell(a.where()),
                                     _cell(message)]) + " |"
            size += len(row.encode("utf-8")) + 1
            if size > SUMMARY_BUDGET:
                out += ["", t["truncated"].format(n=len(items) - n)]
                break
            out.append(row)
    return "\n".join(out) + "\n\n"
