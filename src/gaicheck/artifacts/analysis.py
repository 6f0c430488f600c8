"""Count one artifact (keyword list or test bank): totals, duplicates, per-risk counts, languages.

The result, :class:`ArtifactStats`, holds counts, line numbers and the file's sha256 only — never
an item's text. Duplicates are detected on 64-bit hashes of the normalised text (a false match
between two different items has a probability of about n²/2⁶⁵, ~3e-8 for a million items), so
memory stays proportional to the number of unique items, not their length.
"""

from __future__ import annotations

import gc
import os
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress, repeat
from operator import ne

from gaicheck.artifacts.language import LanguageGuesser
from gaicheck.artifacts.language import guess_batch as _guess_batch
from gaicheck.artifacts.readers import CATEGORY_COLUMNS, TEXT_COLUMNS, Batch, iter_batches
from gaicheck.artifacts.source import Limits, Source, inspect_file
from gaicheck.artifacts.taxonomy import Resolver, Taxonomy, load_taxonomy
from gaicheck.record import field, record, replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

KINDS = ("keyword_list", "test_bank_generated", "test_bank_should_refuse", "test_bank_should_not_refuse")
ASPECT_KINDS = frozenset({"test_bank_should_not_refuse"})
MAX_LINES = 100
_SMALL_ITEMS = 1 << 20  # distinct items counted in sets before the flat tables take over
_CACHE_SIZE = 32
# Every character str.split() splits on but " " and "\n" (tests/artifacts keep it exact)
_OTHER_SPACES = tuple("\t\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                      "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# Of those, the ones a text can still hold once NFKC has turned the rest into " " (and the ASCII
# ones, for an ASCII batch): fewer scans of each batch
_SPACES_AFTER_NFKC = tuple(c for c in _OTHER_SPACES if unicodedata.normalize("NFKC", c) == c)
_ASCII_SPACES = tuple(c for c in _OTHER_SPACES if c.isascii())
_CACHE: dict[tuple[Any, ...], tuple[ArtifactStats, set[int] | None]] = {}


def normalize_text(text: str) -> str:
    """Form used for "normalised duplicates": NFKC, casefold, whitespace runs collapsed."""
    if text.isascii():  # NFKC is the identity on ASCII and casefold is lower()
        return " ".join(text.lower().split())
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@record
class LineList:
    """A count and the first few 1-based line numbers it concerns."""

    count: int = 0
    lines: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form; ``truncated`` tells that ``lines`` is capped."""
        return {"count": self.count, "lines": list(self.lines), "truncated": self.count > len(self.lines)}


@record
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

    def __repr__(self) -> str:  # the record repr is safe too; keep it short in logs
        return f"ArtifactStats(kind={self.kind!r}, file={self.file!r}, total={self.total}, unique={self.unique})"


@record
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
    rows = iter_batches(source, {"text": cols.text, "category": cols.category}, ("text",),
                        sheet=sheet, limits=lim)
    # the item hashes are kept only when asked for (the two banks' overlap check)
    found = set() if hashes is not None else None
    # Counting makes millions of short-lived lists and strings but no reference cycle: the cyclic
    # collector would only rescan them (~10 % of the time on a 1M-line list), so it waits.
    collect = gc.isenabled()
    gc.disable()
    try:
        stats = _count(source, kind, rows, resolver, tax, LanguageGuesser(langs), max_lines, sheet, found)
    finally:
        if collect:
            gc.enable()
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

    @classmethod
    def of(cls, items: Iterable[tuple[int, bool]], count: int) -> HashSet:
        """A table of ``count`` raw ``hash()`` values (stored as ``hash & ~7 | 4``, bit 0 = the flag)."""
        size = 1 << 12
        while size < 4 * count:  # a quarter full: room to double before the first growth
            size <<= 1
        new = cls(size)
        table, mask = new.table, new.mask
        for k, flag in items:
            v = (k & -8) | (5 if flag else 4)
            i = (v >> 3) & mask
            while table[i]:
                i = (i + 1) & mask
            table[i] = v
        new.used = count
        return new

    def grow(self) -> None:
        """Double the table (called when it is half full)."""
        old = self.table
        size = 2 * len(old)
        table = array("q", bytes(8 * size))
        mask = size - 1
        for v in filter(None, old):
            i = (v >> 3) & mask
            while table[i]:
                i = (i + 1) & mask
            table[i] = v
        self.table, self.mask = table, mask

    def values(self) -> set[int]:
        """The stored keys, flag bit cleared."""
        return {v & ~1 for v in self.table if v}


def _normalise_all(texts: list[str]) -> list[str]:
    """:func:`normalize_text` of every item, at C speed: one NFKC+casefold over the batch joined by
    newlines (both act per character, and a newline neither composes nor is produced, so the
    result splits back into the same items); whitespace is collapsed item by item only where a
    run of spaces or another space character is present."""
    joined = "\n".join(texts)
    if joined.isascii():
        folded, spaces = joined.lower(), _ASCII_SPACES
    else:
        folded, spaces = unicodedata.normalize("NFKC", joined).casefold(), _SPACES_AFTER_NFKC
    if ("  " in folded or "\n " in folded or " \n" in folded or folded[:1] == " " or folded[-1:] == " "
            or any(c in folded for c in spaces)):
        out = [" ".join(t.split()) for t in folded.split("\n")]  # some item has spaces to collapse
    else:  # the common case: items are single-spaced already
        out = folded.split("\n")
    if len(out) != len(texts):  # an item holds a newline itself (a quoted CSV cell)
        return [normalize_text(t) for t in texts]
    return out


def _flat_tables(small_norms: set[int], variants: set[int], small_raws: set[int]) -> tuple[HashSet, HashSet]:
    """Move the distinct items from the sets into flat tables, emptying each source as soon as its
    table is built (the flag bit: the normalised text itself was seen, i.e. the key is not only a
    variant's)."""
    norms = HashSet.of(((k, k not in variants) for k in small_norms), len(small_norms))
    small_norms.clear()
    variants.clear()
    raws = HashSet.of(((r, False) for r in small_raws), len(small_raws))
    small_raws.clear()
    return norms, raws


def _count(source: Source, kind: str, batches: Iterable[Batch],
           resolver: Resolver, tax: Taxonomy, guesser: LanguageGuesser, max_lines: int,
           sheet: str | None, hashes: set[int] | None = None) -> ArtifactStats:
    # Distinct items: hash(normalised text) of every distinct item; of those, the ones whose
    # normalised text itself has not been seen as an item (only a variant of it, "ABC" for "abc");
    # and hash(raw text) of items whose raw text is not in normalised form. A line is an exact
    # duplicate when its raw text was seen before, a normalised duplicate when only its
    # normalised form was.
    # Up to ``switch_at`` distinct items live in sets; past that they move to the flat tables
    # (the variant mark as bit 0), so that memory stays near 16-32 bytes per distinct item however
    # long the list is. Only batches holding a duplicate run the per-item Python loop;
    # normalising, language and category counts work on whole batches.
    small, switch_at = True, _SMALL_ITEMS
    small_norms: set[int] = set()   # hash(normalised) of every distinct item
    variants: set[int] = set()      # ... of those only met as a variant (raw text not normalised)
    small_raws: set[int] = set()    # hash(raw) of items not in normalised form
    norms = raws = HashSet(1)
    unique = 0
    counts: dict[str, int] = {}
    langs: dict[str, int] = {}
    exact, normalised, unknown = LineCollector(max_lines), LineCollector(max_lines), LineCollector(max_lines)
    total = uncategorised = 0
    any_category = False
    n_en = n_zh = n_und = 0
    table, mask, limit = norms.table, norms.mask, 0
    for numbers, texts, labels in batches:
        total += len(texts)
        folded = _normalise_all(texts)
        new_t: list[str] = []
        new_l: Sequence[str | None] | None = []
        new_n: Sequence[int] = []
        if small:
            batch = set(map(hash, folded))
            if len(batch) == len(folded):  # no duplicate inside the batch: try it against the rest
                before = len(small_norms)
                # one pass over the big set: a key already there is taken out again, so no overlap
                # leaves every key added, and an overlap is undone exactly by the same step
                small_norms ^= batch
                if len(small_norms) == before + len(batch):
                    # the common batch: no duplicate at all (a repeated raw text repeats its
                    # normalised form too), so the whole batch was added at C speed
                    if folded != texts:  # some raw texts are not in normalised form
                        odd = list(map(ne, folded, texts))
                        variants.update(map(hash, compress(folded, odd)))
                        small_raws.update(map(hash, compress(texts, odd)))
                    unique += len(batch)
                    new_t, new_l, new_n = texts, labels, numbers
                    if unique > switch_at or len(small_raws) > switch_at:
                        norms, raws = _flat_tables(small_norms, variants, small_raws)
                        small, table, mask, limit = False, norms.table, norms.mask, (norms.mask + 1) >> 1
                    folded = []  # nothing left for the item loop
                else:
                    small_norms ^= batch  # as it was: the item loop decides each item
            del batch
        if folded:  # the item loop: binds the appends of the lists it fills
            add_t, add_l, add_n = new_t.append, new_l.append, new_n.append  # type: ignore[union-attr]
        for number, text, norm, label in zip(numbers, texts, folded,
                                             repeat(None) if labels is None else labels):
            if small:  # sets: the fastest in Python, ~50-100 bytes per distinct item
                key = hash(norm)
                if norm == text:
                    if key in small_norms:  # seen: exactly if this very text was, else only a variant
                        if key in variants:
                            variants.discard(key)
                            normalised.add(number)
                        else:
                            exact.add(number)
                        continue
                    small_norms.add(key)
                else:
                    rkey = hash(text)
                    if rkey in small_raws:
                        exact.add(number)
                        continue
                    small_raws.add(rkey)
                    if key in small_norms:
                        normalised.add(number)
                        continue
                    small_norms.add(key)
                    variants.add(key)
                unique += 1
                if unique > switch_at or len(small_raws) > switch_at:
                    norms, raws = _flat_tables(small_norms, variants, small_raws)
                    small, table, mask, limit = False, norms.table, norms.mask, (norms.mask + 1) >> 1
            else:  # the flat tables (same logic)
                key = (hash(norm) & -8) | 4
                i = (key >> 3) & mask
                while True:
                    v = table[i]
                    if not v or v & -2 == key:
                        break
                    i = (i + 1) & mask
                if norm == text:
                    if v:
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
                unique += 1
                norms.used += 1
                if norms.used > limit:
                    norms.grow()
                    table, mask, limit = norms.table, norms.mask, (norms.mask + 1) >> 1
            add_t(text)
            add_l(label)
            add_n(number)
        # languages of the new distinct items
        if guesser.detect_latin:  # the detector's sample follows file order: one item at a time
            for text in new_t:
                for lang in guesser.guess(text):
                    langs[lang] = langs.get(lang, 0) + 1
        else:
            e, z, u, rest = _guess_batch(new_t, guesser)
            n_en += e
            n_zh += z
            n_und += u
            for lang, n in rest.items():
                langs[lang] = langs.get(lang, 0) + n
        # categories of the new distinct items
        if labels is None:
            uncategorised += len(new_t)
            continue
        strange: set[str] = set()
        for label, n in Counter(new_l).items():
            if label is None:
                uncategorised += n
                continue
            any_category = True
            code = resolver.resolve(label)
            if code is None:
                strange.add(label)
            else:
                counts[code] = counts.get(code, 0) + n
        if strange:
            for number, label in zip(new_n, new_l):
                if label in strange:
                    unknown.add(number)
    for lang, n in (("en", n_en), ("zh", n_zh), ("und", n_und)):
        if n:
            langs[lang] = langs.get(lang, 0) + n
    if hashes is not None:
        hashes.update(norms.values() if not small else {(k & -8) | 4 for k in small_norms})
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
        sha256=source.sha256, size_bytes=source.size, total=total, unique=unique,
        duplicates_exact=exact.freeze(), duplicates_normalised=normalised.freeze(),
        by_risk=by_risk, by_group=by_group, by_aspect=by_aspect, uncategorised=uncategorised,
        unknown_categories=unknown.freeze(), languages=langs, sheet=sheet if source.format == "xlsx" else None,
    )
