"""Count one artifact (keyword list or test bank): totals, duplicates, per-risk counts, languages.

The result, :class:`ArtifactStats`, holds counts, line numbers and the file's sha256 only — never
an item's text. Duplicates are detected on 64-bit hashes of the normalised text (a false match
between two different items has a probability of about n²/2⁶⁵, ~3e-8 for a million items), so
memory stays proportional to the number of unique items, not their length.
"""

from __future__ import annotations

import os
import unicodedata
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from gaicheck.artifacts.language import LanguageGuesser
from gaicheck.artifacts.readers import CATEGORY_COLUMNS, TEXT_COLUMNS, iter_rows
from gaicheck.artifacts.source import Limits, Source, inspect_file
from gaicheck.artifacts.taxonomy import Resolver, Taxonomy, load_taxonomy

KINDS = ("keyword_list", "test_bank_generated", "test_bank_should_refuse", "test_bank_should_not_refuse")
ASPECT_KINDS = frozenset({"test_bank_should_not_refuse"})
MAX_LINES = 100
_CACHE_SIZE = 32
_CACHE: dict[tuple[Any, ...], tuple[ArtifactStats, set[int] | None]] = {}


def normalize_text(text: str) -> str:
    """Form used for "normalised duplicates": NFKC, casefold, whitespace runs collapsed."""
    if text.isascii():  # NFKC is the identity on ASCII and casefold is lower()
        return " ".join(text.lower().split())
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class LineList:
    """A count and the first few 1-based line numbers it concerns."""

    count: int = 0
    lines: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form; ``truncated`` tells that ``lines`` is capped."""
        return {"count": self.count, "lines": list(self.lines), "truncated": self.count > len(self.lines)}


@dataclass(frozen=True)
class ArtifactStats:
    """Counts for one artifact file. ``by_risk``/``by_aspect`` are None when it has no categories."""

    kind: str
    file: str
    format: str
    encoding: str | None
    sha256: str
    size_bytes: int
    total: int
    unique: int
    duplicates_exact: LineList
    duplicates_normalised: LineList
    by_risk: dict[str, int] | None
    by_group: dict[str, int] | None
    by_aspect: dict[str, int] | None
    uncategorised: int
    unknown_categories: LineList
    languages: dict[str, int] = field(default_factory=dict)
    sheet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the ``documents[].stats`` object and the ``artifacts.<id>`` facts)."""
        return {
            "kind": self.kind, "file": self.file, "format": self.format, "encoding": self.encoding,
            "sheet": self.sheet, "sha256": self.sha256, "size_bytes": self.size_bytes,
            "total": self.total, "unique": self.unique,
            "duplicates": {"exact": self.duplicates_exact.to_dict(),
                           "normalised": self.duplicates_normalised.to_dict()},
            "by_risk": dict(self.by_risk) if self.by_risk is not None else None,
            "by_group": dict(self.by_group) if self.by_group is not None else None,
            "by_aspect": dict(self.by_aspect) if self.by_aspect is not None else None,
            "categories_found": sorted(k for k, v in (self.by_risk or self.by_aspect or {}).items() if v),
            "uncategorised": self.uncategorised,
            "unknown_categories": self.unknown_categories.to_dict(),
            "languages": dict(sorted(self.languages.items())),
        }

    def __repr__(self) -> str:  # the dataclass repr is safe too; keep it short in logs
        return f"ArtifactStats(kind={self.kind!r}, file={self.file!r}, total={self.total}, unique={self.unique})"


@dataclass(frozen=True)
class ColumnNames:
    """Accepted header names for the text and category columns (defaults include Chinese)."""

    text: tuple[str, ...] = TEXT_COLUMNS
    category: tuple[str, ...] = CATEGORY_COLUMNS

    @classmethod
    def with_overrides(cls, text: Sequence[str] | str | None = None,
                       category: Sequence[str] | str | None = None) -> ColumnNames:
        """User-given names are tried first, then the defaults."""
        def merge(given: Sequence[str] | str | None, default: tuple[str, ...]) -> tuple[str, ...]:
            if not given:
                return default
            first = (given,) if isinstance(given, str) else tuple(given)
            return first + tuple(d for d in default if d not in first)
        return cls(merge(text, TEXT_COLUMNS), merge(category, CATEGORY_COLUMNS))


class LineCollector:
    """Accumulates a count and the first ``cap`` line numbers."""

    __slots__ = ("count", "lines", "cap")

    def __init__(self, cap: int) -> None:
        self.count = 0
        self.lines: list[int] = []
        self.cap = cap

    def add(self, line: int) -> None:
        self.count += 1
        if len(self.lines) < self.cap:
            self.lines.append(line)

    def freeze(self) -> LineList:
        return LineList(self.count, tuple(self.lines))


def analyze_artifact(path: str | os.PathLike[str], kind: str, *, display: str | None = None,
                     fmt: str | None = None, sheet: str | None = None,
                     columns: ColumnNames | None = None, category_map: Mapping[str, str] | None = None,
                     languages: Iterable[str] = (), limits: Limits | None = None,
                     taxonomy: Taxonomy | None = None, max_lines: int = MAX_LINES,
                     hashes: set[int] | None = None) -> ArtifactStats:
    """Read ``path`` once (after a binary pass for sha256 and encoding) and count it.

    Args:
        path: the artifact file.
        kind: one of :data:`KINDS`; the should-not-refuse bank's categories are aspects, not risks.
        display: how the file is named in errors and stats (default: ``path`` as given).
        fmt: force a reader (``txt``, ``csv``, ``tsv``, ``jsonl``, ``xlsx``) instead of the extension.
        sheet: xlsx sheet name (default: the first sheet).
        columns: accepted header names for the text and category columns.
        category_map: the team's own ``{label: code}`` table, applied before the built-in aliases.
        languages: the service's declared languages (decides when langdetect is needed).
        limits: size and length limits.
        taxonomy: the risk taxonomy (default: the shipped one).
        max_lines: how many line numbers to keep per reported list.
        hashes: if given, receives the in-process hashes of the normalised unique items (never
            reported; lets the caller test two banks for shared items without reading them again).

    Raises:
        InputError: unreadable, oversized or badly encoded file, or a missing text column.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown artifact kind {kind!r}")
    lim = limits or Limits()
    source = inspect_file(path, display, fmt=fmt, limits=lim)
    tax = taxonomy or load_taxonomy()
    aspects = kind in ASPECT_KINDS
    resolver = Resolver(tax, aspects=aspects, mapping=category_map, source="settings.artifacts.category_map")
    cols = columns or ColumnNames()
    langs = tuple(languages)
    # The same file (by content) counted with the same options is not read again: several
    # declarations sharing one filing folder cost one count per artifact in a process.
    key = (source.sha256, source.size, source.format, source.encoding, kind, sheet, cols,
           tuple(sorted(category_map.items())) if category_map else None, langs, lim,
           None if taxonomy is None else id(taxonomy), max_lines)
    hit = _CACHE.get(key)
    if hit is not None and (hashes is None or hit[1] is not None):
        stats, found = hit
        if hashes is not None and found:
            hashes.update(found)
        return replace(stats, file=source.display)
    rows = iter_rows(source, {"text": cols.text, "category": cols.category}, ("text",),
                     sheet=sheet, limits=lim)
    # the item hashes are kept only when asked for (the two banks' overlap check)
    found = set() if hashes is not None else None
    stats = _count(source, kind, rows, resolver, tax, LanguageGuesser(langs), max_lines, sheet, found)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (stats, found)
    if hashes is not None and found:
        hashes.update(found)
    return stats


class HashSet:
    """A set of 64-bit hashes in one flat ``array('q')`` (open addressing, linear probing).

    About 16-32 bytes per distinct item, against ~100 for a ``dict`` of ``int`` objects: a
    3M-item list fits in well under 200 MB. Stored values are ``hash & ~7 | 4`` (never 0, the
    empty slot), so bit 0 is free for a per-item flag. :func:`_count` inlines the probe loop.
    """

    __slots__ = ("table", "mask", "used")

    def __init__(self, capacity: int = 1 << 12) -> None:
        self.table = array("q", bytes(8 * capacity))
        self.mask = capacity - 1
        self.used = 0

    def grow(self) -> None:
        """Double the table (called when it is half full)."""
        old = self.table
        size = 2 * len(old)
        table = array("q", bytes(8 * size))
        mask = size - 1
        for v in old:
            if v:
                i = (v >> 3) & mask
                while table[i]:
                    i = (i + 1) & mask
                table[i] = v
        self.table, self.mask = table, mask

    def values(self) -> set[int]:
        """The stored keys, flag bit cleared."""
        return {v & ~1 for v in self.table if v}


def _count(source: Source, kind: str, rows: Iterable[tuple[int, tuple[str | None, ...]]],
           resolver: Resolver, tax: Taxonomy, guesser: LanguageGuesser, max_lines: int,
           sheet: str | None, hashes: set[int] | None = None) -> ArtifactStats:
    # Distinct items: ``norms`` holds hash(normalised text), its bit 0 set once the normalised
    # text itself has been seen as an item; ``raws`` holds hash(raw text) of items whose raw text
    # is not in normalised form. A line is an exact duplicate when its raw text was seen before,
    # a normalised duplicate when only its normalised form was.
    norms, raws = HashSet(), HashSet()
    counts: dict[str, int] = {}
    langs: dict[str, int] = {}
    exact, normalised, unknown = LineCollector(max_lines), LineCollector(max_lines), LineCollector(max_lines)
    total = uncategorised = 0
    any_category = False
    resolve, guess, nfkc = resolver.resolve, guesser.guess, unicodedata.normalize
    table, mask, limit = norms.table, norms.mask, (norms.mask + 1) >> 1
    for number, (text, label) in rows:
        if text is None:
            continue
        total += 1
        if text.isascii():  # inlined normalize_text: this loop runs once per line
            norm = " ".join(text.lower().split())
        else:
            norm = " ".join(nfkc("NFKC", text).casefold().split())
        key = (hash(norm) & -8) | 4
        i = (key >> 3) & mask
        while True:
            v = table[i]
            if not v or v & -2 == key:
                break
            i = (i + 1) & mask
        if norm == text:
            if v:  # seen: exactly if this very text was, else only a variant of it
                if v & 1:
                    exact.add(number)
                else:
                    table[i] = key | 1
                    normalised.add(number)
                continue
            table[i] = key | 1
        else:
            rkey = (hash(text) & -8) | 4
            rt, rm = raws.table, raws.mask
            j = (rkey >> 3) & rm
            while True:
                w = rt[j]
                if not w or w == rkey:
                    break
                j = (j + 1) & rm
            if w:
                exact.add(number)
                continue
            rt[j] = rkey
            raws.used += 1
            if raws.used > (rm + 1) >> 1:
                raws.grow()
            if v:
                normalised.add(number)
                continue
            table[i] = key
        norms.used += 1
        if norms.used > limit:
            norms.grow()
            table, mask, limit = norms.table, norms.mask, (norms.mask + 1) >> 1
        for lang in guess(text):
            langs[lang] = langs.get(lang, 0) + 1
        if label is None:
            uncategorised += 1
            continue
        any_category = True
        code = resolve(label)
        if code is None:
            unknown.add(number)
        else:
            counts[code] = counts.get(code, 0) + 1
    if hashes is not None:
        hashes.update(norms.values())
    aspects = kind in ASPECT_KINDS
    by_risk = by_group = by_aspect = None
    if any_category:
        if aspects:
            by_aspect = {a: counts.get(a, 0) for a in tax.aspect_ids}
        else:
            by_risk = {c: counts.get(c, 0) for c in tax.codes}
            by_group = {g: 0 for g in tax.groups}
            for risk in tax.risks:
                by_group[risk.group] += by_risk[risk.code]
    return ArtifactStats(
        kind=kind, file=source.display, format=source.format, encoding=source.encoding,
        sha256=source.sha256, size_bytes=source.size, total=total, unique=norms.used,
        duplicates_exact=exact.freeze(), duplicates_normalised=normalised.freeze(),
        by_risk=by_risk, by_group=by_group, by_aspect=by_aspect, uncategorised=uncategorised,
        unknown_categories=unknown.freeze(), languages=langs, sheet=sheet if source.format == "xlsx" else None,
    )
