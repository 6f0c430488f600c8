"""The batched counter gives what the item-by-item definitions give.

Normalising, language and category counts run on whole batches at C speed (the 1M-line bench);
each shortcut is held here against the plain per-item definition it replaces.
"""

from __future__ import annotations

import random
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaicheck.artifacts import analysis, analyze_artifact, language, readers
from gaicheck.artifacts.analysis import _normalise_all, normalize_text
from gaicheck.artifacts.language import LanguageGuesser, guess_batch
from gaicheck.artifacts.source import Limits, inspect_file

# ASCII, Han, accented and full-width Latin, kana, Hangul, Cyrillic, compatibility characters whose
# NFKC starts with a space (U+00A8), combining marks, special casefolds (ß, İ, Σ), every kind of space
_ALPHABET = list("aZ9-词㐀豈\U00020001éāＡ，あ한жßİΣς¨\u0301\u0338<=") + [
    " ", " ", "\t", "\u3000", "\xa0", "\u2028", "\x1c", "\x85", "\r"]
_ITEM = st.text(st.sampled_from(_ALPHABET), min_size=1, max_size=12).map(str.strip).filter(bool)
# the common mixed item: ASCII letters, digits, spaces and Han only (the length shortcut)
_ASCII_HAN = st.text(st.sampled_from(list("abZ9 -词㐀豈\U00020001")), min_size=1, max_size=12).map(str.strip).filter(bool)
# items holding a newline (a quoted CSV cell): the batch shortcuts must step aside
_WITH_NEWLINE = st.lists(_ITEM, min_size=1, max_size=5).map("\n".join)
_ITEMS = st.lists(st.one_of(_ITEM, _ASCII_HAN), min_size=1, max_size=20)


def test_other_spaces_are_exactly_what_split_splits_on() -> None:
    spaces = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert set(analysis._OTHER_SPACES) == spaces - {" ", "\n"}
    for c in set(analysis._OTHER_SPACES) - set(analysis._SPACES_AFTER_NFKC):  # NFKC leaves only " " of them
        assert set(unicodedata.normalize("NFKC", c)) == {" "}


@settings(max_examples=300, deadline=None)
@given(_ITEMS, st.lists(_WITH_NEWLINE, max_size=1))
def test_batch_normalising_is_normalize_text_of_each_item(texts: list[str], odd: list[str]) -> None:
    texts = texts + odd
    assert _normalise_all(texts) == [normalize_text(t) for t in texts]


@pytest.mark.parametrize(("texts", "expected"), [
    (["a", "¨b"], ["a", "\u0308b"]),          # NFKC puts a space in front: stripped
    (["¨b", "a"], ["\u0308b", "a"]),          # ... also in the first item
    (["a  b", "c"], ["a b", "c"]),
    (["x\u3000y"], ["x y"]),
    (["a\nb", "c"], ["a\nb".replace("\n", " "), "c"]),  # a cell holding a newline
])
def test_batch_normalising_edges(texts: list[str], expected: list[str]) -> None:
    assert _normalise_all(texts) == expected == [normalize_text(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(_ITEMS, st.lists(_WITH_NEWLINE, max_size=1))
def test_batch_language_counts_are_the_per_item_guesses(texts: list[str], odd: list[str]) -> None:
    texts = texts + odd
    expected: dict[str, int] = {}
    one = LanguageGuesser(["zh", "en"])
    for text in texts:
        for code in one.guess(text):
            expected[code] = expected.get(code, 0) + 1
    n_en, n_zh, n_und, rest = guess_batch(texts, LanguageGuesser(["zh", "en"]))
    got = dict(rest)
    for code, n in (("en", n_en), ("zh", n_zh), ("und", n_und)):
        if n:
            got[code] = got.get(code, 0) + n
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("词abc", {"zh": 1}), ("词abcd", {"zh": 1, "en": 1}),  # one Han character weighs three letters
    ("词 a1b2c3", {"zh": 1}), ("词 a-b-c-d", {"zh": 1, "en": 1}),
])
def test_batch_weighing_at_the_boundary(text: str, expected: dict[str, int]) -> None:
    n_en, n_zh, n_und, rest = guess_batch(["placeholder", text, "占位"], LanguageGuesser(["zh", "en"]))
    assert (n_en - 1, n_zh - 1, n_und, rest) == (expected.get("en", 0), expected["zh"], 0, {})


_LINE = st.text(st.sampled_from(list("ab词 \t\r\u3000")), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=30), st.booleans(), st.integers(1, 9))
def test_text_batches_are_the_rows_of_iter_rows(tmp_path_factory: pytest.TempPathFactory, lines: list[str],
                                                final_newline: bool, chunk: int) -> None:
    path = tmp_path_factory.mktemp("b") / "list.txt"
    path.write_bytes(("\n".join(lines) + ("\n" if final_newline else "")).encode("utf-8"))
    source = inspect_file(path, "list.txt", limits=Limits())
    roles = {"text": ("text",), "category": ("category",)}
    expected = [(n, v[0]) for n, v in readers.iter_rows(source, roles) if v[0] is not None]
    old = readers._TEXT_CHUNK
    readers._TEXT_CHUNK = chunk  # tiny reads: lines cross chunk boundaries
    try:
        got = [(n, t) for numbers, texts, labels in readers.iter_batches(source, roles)
               for n, t in zip(numbers, texts)]
    finally:
        readers._TEXT_CHUNK = old
    assert got == expected


def _reference(rows: list[tuple[int, str, str | None]], tax) -> dict:  # type: ignore[no-untyped-def]
    """The counting rules, one item at a time, with plain sets (no hashes, no batches)."""
    raw_seen: set[str] = set()
    norm_seen: set[str] = set()
    exact: list[int] = []
    normalised: list[int] = []
    langs: dict[str, int] = {}
    by_risk = {c: 0 for c in tax.codes}
    unknown: list[int] = []
    uncategorised = 0
    guesser = LanguageGuesser(["zh", "en"])
    resolver = analysis.Resolver(tax, aspects=False, mapping=None, source="settings.artifacts.category_map")
    for number, text, label in rows:
        if text in raw_seen:
            exact.append(number)
            continue
        raw_seen.add(text)
        norm = normalize_text(text)
        if norm in norm_seen:
            normalised.append(number)
            continue
        norm_seen.add(norm)
        for code in guesser.guess(text):
            langs[code] = langs.get(code, 0) + 1
        if label is None:
            uncategorised += 1
        elif (code := resolver.resolve(label)) is None:
            unknown.append(number)
        else:
            by_risk[code] += 1
    return {"total": len(rows), "unique": len(norm_seen), "exact": (len(exact), exact[:100]),
            "normalised": (len(normalised), normalised[:100]), "languages": langs, "by_risk": by_risk,
            "unknown": (len(unknown), unknown[:100]), "uncategorised": uncategorised}


@pytest.mark.parametrize("switch_at", [1 << 19, 50])
def test_whole_count_matches_the_item_by_item_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   switch_at: int) -> None:
    """A CSV spanning several batches: duplicates of both kinds, mixed scripts, known, unknown and
    missing categories — every figure equals the one-item-at-a-time reference."""
    monkeypatch.setattr(analysis, "_SMALL_ITEMS", switch_at)
    monkeypatch.setattr(readers, "BATCH_ROWS", 700)
    analysis._CACHE.clear()
    rnd = random.Random(16)
    labels = ["A.1a", "A.2c", "A.5b", "淫秽色情", "not-a-risk", None]
    shapes = ["placeholder {}", "PLACEHOLDER {}", "占位 {}", "word词{}", "测试 alpha beta gamma {}",
              "Ａｌｐｈａ {}", "テスト {}", "тест {}", "{}", "please  translate 好 {}"]
    rows = []
    for number in range(2, 5_002):
        text = rnd.choice(shapes).format(rnd.randrange(1_500))
        rows.append((number, text, rnd.choice(labels)))
    with open(tmp_path / "bank.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("text,category\n")
        for _, text, label in rows:
            fh.write(f'"{text}",{label or ""}\n')
    stats = analyze_artifact(tmp_path / "bank.csv", "keyword_list", languages=["zh", "en"])
    ref = _reference(rows, analysis.load_taxonomy())
    assert (stats.total, stats.unique) == (ref["total"], ref["unique"])
    assert (stats.duplicates_exact.count, list(stats.duplicates_exact.lines)) == (ref["exact"][0], ref["exact"][1])
    assert (stats.duplicates_normalised.count, list(stats.duplicates_normalised.lines)) == ref["normalised"]
    assert stats.languages == ref["languages"]
    assert stats.by_risk == ref["by_risk"]
    assert (stats.unknown_categories.count, list(stats.unknown_categories.lines)) == ref["unknown"]
    assert stats.uncategorised == ref["uncategorised"]
    assert ref["exact"][0] and ref["normalised"][0] and ref["unknown"][0]  # every branch was met
    assert set(ref["languages"]) >= {"zh", "en", "ja", "other", "und"}
    assert language.LanguageGuesser(["zh", "en"]).detect_latin is False


@pytest.mark.parametrize("switch_at", [1 << 19, 1_000])
def test_duplicate_free_batches_then_repeats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch_at: int) -> None:
    """Batches without any duplicate take the C-level step; later batches repeat earlier items
    exactly or only in normalised form (upper case, full width): counts and first lines as the
    reference gives them, whether the sets or the flat table hold the earlier items."""
    monkeypatch.setattr(analysis, "_SMALL_ITEMS", switch_at)
    monkeypatch.setattr(readers, "BATCH_ROWS", 500)
    monkeypatch.setattr(readers, "_TEXT_CHUNK", 4_000)
    analysis._CACHE.clear()
    first = [f"Placeholder {i}" if i % 3 else f"占位 {i}" for i in range(3_000)]  # raw not normalised, and normalised
    rnd = random.Random(5)
    later = []
    for _ in range(2_000):
        item = rnd.choice(first)
        later.append(rnd.choice([item, item.upper(), item.lower(), f"new {rnd.randrange(10**6)}"]))
    lines = first + later
    path = tmp_path / "list.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls: list[int] = []
    real = analysis.HashSet.of
    monkeypatch.setattr(analysis.HashSet, "of", classmethod(lambda cls, items, n: calls.append(n) or real(items, n)))
    stats = analyze_artifact(path, "keyword_list", languages=["zh", "en"])
    ref = _reference([(n, t, None) for n, t in enumerate(lines, start=1)], analysis.load_taxonomy())
    assert (stats.total, stats.unique) == (ref["total"], ref["unique"])
    assert (stats.duplicates_exact.count, list(stats.duplicates_exact.lines)) == ref["exact"]
    assert (stats.duplicates_normalised.count, list(stats.duplicates_normalised.lines)) == ref["normalised"]
    assert stats.languages == ref["languages"]
    assert ref["exact"][0] and ref["normalised"][0]
    assert bool(calls) == (switch_at < 3_000)  # the move to the flat tables happened where forced


_CELL = st.lists(st.sampled_from(list('ab词 ,"\t') + ["\r\n", "\n", "\r"]), max_size=5).map("".join)
_CSV_ROW = st.lists(_CELL, min_size=0, max_size=3)


def _csv_text(header: bool, rows: list[list[str]], ending: str) -> str:
    import csv as _csv
    import io as _io

    buf = _io.StringIO(newline="")
    writer = _csv.writer(buf, lineterminator=ending)
    if header:
        writer.writerow(["text", "category"])
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


@settings(max_examples=250, deadline=None)
@given(st.booleans(), st.lists(_CSV_ROW, max_size=25), st.sampled_from(["\n", "\r\n"]),
       st.integers(3, 40), st.integers(1, 6), st.booleans())
def test_csv_batches_are_the_rows_of_iter_rows(tmp_path_factory: pytest.TempPathFactory, header: bool,
                                               rows: list[list[str]], ending: str, chunk: int, batch: int,
                                               raw_tail: bool) -> None:
    """Quoted cells with line breaks, lone carriage returns, blank and short rows, title rows, tiny
    chunks and batches: the batched reader gives iter_rows' rows with the same line numbers."""
    text = _csv_text(header, rows, ending) + ("tail,A.1a" if raw_tail else "")
    path = tmp_path_factory.mktemp("c") / "bank.csv"
    path.write_bytes(text.encode("utf-8"))
    source = inspect_file(path, "bank.csv", limits=Limits())
    roles = {"text": ("text",), "category": ("category",)}
    try:
        expected = [(n, v[0], v[1]) for n, v in readers.iter_rows(source, roles) if v[0] is not None]
    except Exception as exc:  # noqa: BLE001 - the same error must come out of the batches
        with pytest.raises(type(exc)) as info:
            list(readers.iter_batches(source, roles))
        assert str(info.value) == str(exc)
        return
    old = readers._TEXT_CHUNK, readers.BATCH_ROWS
    readers._TEXT_CHUNK, readers.BATCH_ROWS = chunk, batch
    try:
        got = [(n, t, c) for numbers, texts, labels in readers.iter_batches(source, roles)
               for n, t, c in zip(numbers, texts, labels)]
    finally:
        readers._TEXT_CHUNK, readers.BATCH_ROWS = old
    assert got == expected


def test_csv_error_after_quoted_rows_is_located_as_before(tmp_path: Path) -> None:
    """A quoted cell over the field limit, after quote-free and quoted rows: the batches give the
    one located error iter_rows gives."""
    big = "x\n" * 70_000  # 140,000 characters in one quoted cell, each line short
    text = "text,category\nplain,A.1a\n\"quoted\",A.1b\n" + f'"{big}",A.1c\nafter,A.1a\n'
    path = tmp_path / "bank.csv"
    path.write_text(text, encoding="utf-8")
    limits = Limits(max_line_bytes=1_000)  # fields up to 131,072 characters
    source = inspect_file(path, "bank.csv", limits=limits)
    roles = {"text": ("text",), "category": ("category",)}
    with pytest.raises(Exception) as first:
        list(readers.iter_rows(source, roles, limits=limits))
    with pytest.raises(type(first.value)) as second:
        list(readers.iter_batches(source, roles, limits=limits))
    assert str(second.value) == str(first.value) and ":4" in str(first.value)


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("a,\t词 \n") + ["\U00020000"]), max_size=40), st.sampled_from([",", "\t"]))
def test_equal_width_is_one_count_for_every_line(flat: str, delimiter: str) -> None:
    """The C-speed width check gives what counting each line's delimiters gives."""
    lines = flat.split("\n")
    widths = {line.count(delimiter) for line in lines}
    expected = widths.pop() + 1 if len(widths) == 1 else 0
    assert readers._equal_width(flat, delimiter, len(lines)) == expected
