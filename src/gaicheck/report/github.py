"""GitHub Actions workflow commands: one annotation per finding that needs attention.

``::error`` for a finding that blocks readiness (``fail``, or ``manual``: an undecided fact, at or
above ``--fail-on``), so the annotations explain a failed job; ``::warning`` for one below the
threshold; ``::notice`` for a waived or baselined one (with the reason). Values are escaped as the
Actions toolkit does (``%``, CR, LF; in properties also ``:`` and ``,``).
"""

from __future__ import annotations

from gaicheck.catalog.records import SEVERITY_ORDER
from gaicheck.report.model import Finding, Report

_T = {
    "en": {"fix": "Fix", "waived": "waived", "baseline": "known failure (baseline)", "expires": "expires",
           "approver": "approver", "ready": "READY", "not_ready": "NOT READY", "fixed": "fixed since the baseline",
           "manual": "[to declare]"},
    "zh": {"fix": "整改", "waived": "已豁免", "baseline": "已知问题（基线）", "expires": "到期",
           "approver": "批准人", "ready": "可以申报", "not_ready": "尚不可申报", "fixed": "自基线以来已修复",
           "manual": "[待补充]"},
}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value (``file=``, ``title=`` …)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, f: Finding, title: str, message: str) -> str:
    props = [f"file={escape_property(f.location.file)}"]
    if f.location.line is not None:
        props.append(f"line={f.location.line}")
        if f.location.column is not None:
            props.append(f"col={f.location.column}")
    props.append(f"title={escape_property(title)}")
    return f"::{kind} {','.join(props)}::{escape_data(message)}"


def _annotation(f: Finding, report: Report) -> str | None:
    t = _T[report.lang]
    title = f"{f.rule} {f.name} ({f.severity})"
    if f.status == "waived":
        w = f.waiver or {}
        extra = ", ".join(x for x in (
            f"{t['expires']} {w['expires']}" if w.get("expires") else "",
            f"{t['approver']} {w['approver']}" if w.get("approver") else "",
        ) if x)
        return _command("notice", f, title, f"{t['waived']}: {w.get('reason', '')}" + (f" ({extra})" if extra else ""))
    if f.status not in ("fail", "manual"):
        return None
    if f.baselined:
        return _command("notice", f, title, f"{t['baseline']}: {f.message}")
    kind = "error" if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[report.fail_on] else "warning"
    if f.status == "manual":
        return _command(kind, f, f"{title} {t['manual']}", f.message + (f"\n{f.note}" if f.note else ""))
    message = f"{f.message}\n{t['fix']}: {f.remediation}" + (f"\n{f.note}" if f.note else "")
    return _command(kind, f, title, message)


def render(report: Report, **_: object) -> str:
    """Workflow commands for ``report``, then a plain verdict line."""
    t = _T[report.lang]
    lines = [a for a in (_annotation(f, report) for f in report.findings) if a]
    lines += [f"::notice file={escape_property(report.input_path)},title={escape_property(r)}::{escape_data(t['fixed'])}"
              for r in report.baseline_fixed]
    s = report.summary
    verdict = t["ready"] if report.ready else t["not_ready"]
    lines.append(
        f"gaicheck: {escape_data(report.input_path)}: {verdict} (fail-on {report.fail_on}) · fail {s['fail']} · "
        f"manual {s['manual']} · waived {s['waived']} · pass {s['pass']}"
    )
    return "\n".join(lines) + "\n"
