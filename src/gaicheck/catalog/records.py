"""The rule catalog as plain records (no pydantic): what a run reads.

``catalog/model.py`` (pydantic) validates every rule when ``python -m gaicheck.datafiles`` compiles
the shipped packs; the records here carry the validated values under the same names. The methods
the engine and the reports call are defined once, in the ``*Ops`` mixins, and shared by model and
record.
"""

from __future__ import annotations

import datetime as dt

from gaicheck.plain import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

SEVERITY_ORDER: dict[str, int] = {"info": 0, "minor": 1, "major": 2, "blocker": 3}
RULE_ID = r"^[A-Z]{2,4}-[A-Z]{2,5}-\d{2}$"


class TextOps:
    """A text in both languages the report speaks."""

    if TYPE_CHECKING:
        zh: str
        en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (zh or en)."""
        return self.zh if lang == "zh" else self.en


class CitationOps:
    """An instrument key and the article, cited only while it is the law."""

    if TYPE_CHECKING:
        instrument: str
        ref: str
        since: Optional[dt.date]
        until: Optional[dt.date]

    def __str__(self) -> str:
        return f"{self.instrument} {self.ref}"

    def in_force(self, on: Optional[dt.date]) -> bool:
        """Whether this citation is the law on ``on`` (always, when no date is given)."""
        if on is None:
            return True
        return (self.since is None or self.since <= on) and (self.until is None or on <= self.until)

    def dated(self) -> str:
        """The citation with its dates, for rule listings (``CSL Art 23 (from 2026-01-01)``)."""
        if self.since and self.until:
            return f"{self} ({self.since.isoformat()} – {self.until.isoformat()})"
        if self.since:
            return f"{self} (from {self.since.isoformat()})"
        if self.until:
            return f"{self} (until {self.until.isoformat()})"
        return str(self)


class RuleOps:
    """What the engine asks of a rule besides its fields."""

    if TYPE_CHECKING:
        citations: Any

    def citation_text(self, on: Optional[dt.date] = None) -> str:
        """The citations in force on ``on`` joined, as the report shows them (all when ``on`` is None)."""
        cited = [c for c in self.citations if c.in_force(on)] or self.citations[:1]
        return "; ".join(str(c) for c in cited)


class Text(TextOps, Record):
    """Record of ``catalog.model.Text``."""


class Citation(CitationOps, Record):
    """Record of ``catalog.model.Citation``."""


class Example(Record):
    """Record of ``catalog.model.Example`` (``pass_`` holds the ``pass`` snippet)."""


class Rule(RuleOps, Record):
    """Record of ``catalog.model.Rule``."""


class Escalation(Record):
    """Record of ``catalog.model.Escalation``."""


class Pack(Record):
    """Record of ``catalog.model.Pack``."""


CLASSES: dict[str, type[Record]] = {c.__name__: c for c in (Text, Citation, Example, Rule, Escalation, Pack)}
