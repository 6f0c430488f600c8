"""The per-item language guess: scripts, mixed-script items, and the bounded detector sample."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaicheck.artifacts import analyze_artifact
from gaicheck.artifacts import language
from gaicheck.artifacts.language import MAX_DETECTIONS, LanguageGuesser

WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike".split()
FRENCH = ["Ceci est une phrase de remplissage en français pour le test",
          "Voici une autre phrase tout à fait neutre écrite en français"]
ENGLISH = ["This is a neutral placeholder sentence written in English",
           "Another harmless sentence that is plainly written in English"]


@pytest.mark.parametrize(("text", "expected"), [
    ("占位条目", ("zh",)),
    ("placeholder item", ("en",)),
    ("12345 !!", ("und",)),
    ("VPN翻墙", ("zh",)),                                  # Latin acronym in a Chinese keyword
    ("占位条目的示例文本 with words", ("zh",)),
    # one Han character among many Latin letters: Chinese too, not English only
    ("please translate the word 好 for me today", ("zh", "en")),
    ("placeholder 词", ("zh", "en")),
    ("テスト項目", ("ja",)),
    ("테스트 항목", ("ko",)),
    ("тестовый пункт", ("other",)),
])
def test_script_decides_without_a_detector(text: str, expected: tuple[str, ...]) -> None:
    guesser = LanguageGuesser(["zh", "en"])
    assert guesser.guess(text) == expected
    assert guesser.detections == 0


def _by_regex(text: str) -> tuple[str, ...]:
    """The rule as documented (module docstring), counted with the regexes, zh+en declared."""
    if language._KANA_HANGUL.search(text):
        return ("ja",) if language._KANA.search(text) else ("ko",)
    han, latin = len(language._HAN.findall(text)), len(language._LATIN.findall(text))
    if not han:
        return ("en",)
    return ("zh",) if han * 3 >= latin else ("zh", "en")


# Han (BMP, extension A, compatibility, supplementary), ASCII, accented Latin, kana, Hangul, punctuation
_MIXED = st.text(st.sampled_from("a Z 9 - 词 㐀 豈 \U00020001 é ā ﹐ ， あ 한 ß \u4dc0".split() + [" "]), min_size=1, max_size=40)


@settings(max_examples=400, deadline=None)
@given(_MIXED.filter(lambda t: not t.isascii() and language._NOT_PLAIN_ZH.search(t) is not None))
def test_mixed_items_follow_the_documented_weighing(text: str) -> None:
    # guess_mixed counts Han and Latin by lengths when only ASCII and Han occur; any item must
    # get what the regex definition gives (the cut-offs of the Han ranges included: U+4DC0 is not Han)
    assert LanguageGuesser(["zh", "en"]).guess_mixed(text) == _by_regex(text)


def test_mixed_item_with_another_latin_language_is_chinese_and_that_language(tmp_path: Path) -> None:
    guesser = LanguageGuesser(["zh", "fr"])
    assert guesser.guess(FRENCH[0] + " 好") == ("zh", "fr")


def test_a_one_han_item_covers_zh_in_a_latin_list(tmp_path: Path) -> None:
    path = tmp_path / "kw.txt"
    path.write_text("".join(f"{w} placeholder keyword\n" for w in WORDS) + "placeholder keyword 词\n",
                    encoding="utf-8")
    stats = analyze_artifact(path, "keyword_list", languages=["zh", "en"])
    assert stats.languages == {"en": len(WORDS) + 1, "zh": 1}


def _count_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = language._detector

    def counting(candidates):  # type: ignore[no-untyped-def]
        detect = real(candidates)

        def wrapped(text: str) -> str:
            calls.append(text)
            return detect(text)
        return wrapped

    monkeypatch.setattr(language, "_detector", counting)
    return calls


def test_third_latin_language_is_a_bounded_sample_not_a_cliff(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """20k Latin keywords with [zh, en, fr] (no French among them): a few hundred calls at most."""
    calls = _count_calls(monkeypatch)
    rnd = random.Random(16)
    path = tmp_path / "latin.txt"
    path.write_text("".join(" ".join(rnd.choice(WORDS) for _ in range(3)) + f" {i}\n" for i in range(20_000)),
                    encoding="utf-8")
    stats = analyze_artifact(path, "keyword_list", languages=["zh", "en", "fr"])
    assert 0 < len(calls) <= MAX_DETECTIONS
    assert stats.total == 20_000
    assert sum(stats.languages.values()) == stats.unique
    assert stats.languages.get("latin", 0) >= 20_000 - MAX_DETECTIONS


def test_sample_reaches_the_end_of_a_sorted_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """English first, French only in the last tenth: the spread sample still finds French."""
    calls = _count_calls(monkeypatch)
    lines = [f"{ENGLISH[i % 2]} number {i}" for i in range(9_000)]
    lines += [f"{FRENCH[i % 2]} numéro {i}" for i in range(1_000)]
    path = tmp_path / "sorted.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats = analyze_artifact(path, "keyword_list", languages=["zh", "en", "fr"])
    assert stats.languages.get("fr", 0) >= 1 and stats.languages.get("en", 0) >= 1
    assert len(calls) <= MAX_DETECTIONS


def test_detection_stops_once_every_declared_language_is_seen(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_calls(monkeypatch)
    lines = [f"{(FRENCH if i % 2 else ENGLISH)[i % 2]} {i}" for i in range(5_000)]
    path = tmp_path / "both.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats = analyze_artifact(path, "keyword_list", languages=["en", "fr"])
    assert stats.languages["en"] >= 1 and stats.languages["fr"] >= 1
    assert len(calls) <= 4


def test_only_english_declared_never_calls_the_detector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_calls(monkeypatch)
    path = tmp_path / "en.txt"
    path.write_text("".join(f"{ENGLISH[0]} {i}\n" for i in range(1_000)), encoding="utf-8")
    assert analyze_artifact(path, "keyword_list", languages=["zh-CN", "en"]).languages == {"en": 1_000}
    assert calls == []


@pytest.mark.parametrize("switch_at", [1 << 19, 100, 5_000])
def test_duplicate_counts_match_a_plain_set_across_table_growth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  switch_at: int) -> None:
    """The dict and the flat hash table (and the move from one to the other, forced early here) give
    the counts a set of texts would: exact vs normalised duplicates, with their first lines."""
    from gaicheck.artifacts import analysis
    from gaicheck.artifacts.analysis import normalize_text

    monkeypatch.setattr(analysis, "_SMALL_ITEMS", switch_at)
    analysis._CACHE.clear()

    rnd = random.Random(7)
    lines = []
    for _ in range(30_000):
        base = f"{rnd.choice(WORDS)} {rnd.randrange(9_000)}" if rnd.random() < 0.7 else f"占位 {rnd.randrange(3_000)}"
        lines.append(base.upper() if rnd.random() < 0.2 else base)
    path = tmp_path / "dups.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats = analyze_artifact(path, "keyword_list")
    raw_seen: set[str] = set()
    norm_seen: set[str] = set()
    exact: list[int] = []
    normalised: list[int] = []
    for number, text in enumerate(lines, start=1):
        if text in raw_seen:
            exact.append(number)
            continue
        raw_seen.add(text)
        if normalize_text(text) in norm_seen:
            normalised.append(number)
        norm_seen.add(normalize_text(text))
    assert (stats.total, stats.unique) == (len(lines), len(norm_seen))
    assert (stats.duplicates_exact.count, stats.duplicates_normalised.count) == (len(exact), len(normalised))
    assert list(stats.duplicates_exact.lines) == exact[:100]
    assert list(stats.duplicates_normalised.lines) == normalised[:100]
    found: set[int] = set()
    analysis._CACHE.clear()
    analyze_artifact(path, "test_bank_should_refuse", hashes=found)
    assert len(found) == len(norm_seen)


def test_same_content_is_counted_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several declarations sharing a bank: the second file with the same bytes is not read again."""
    from gaicheck.artifacts import analysis

    reads: list[str] = []
    real = analysis.iter_batches

    def counting(source, *a, **kw):  # type: ignore[no-untyped-def]
        reads.append(source.display)
        return real(source, *a, **kw)

    monkeypatch.setattr(analysis, "iter_batches", counting)
    text = "".join(f"placeholder {i}\n占位 {i}\n" for i in range(50))
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    found_a: set[int] = set()
    found_b: set[int] = set()
    a = analyze_artifact(tmp_path / "a.txt", "test_bank_should_refuse", display="a.txt", hashes=found_a)
    b = analyze_artifact(tmp_path / "b.txt", "test_bank_should_refuse", display="b.txt", hashes=found_b)
    assert reads == ["a.txt"]
    assert b.file == "b.txt" and a.to_dict() | {"file": "b.txt"} == b.to_dict()
    assert found_a == found_b and len(found_a) == 100
    (tmp_path / "b.txt").write_text(text + "one more\n", encoding="utf-8")
    assert analyze_artifact(tmp_path / "b.txt", "test_bank_should_refuse", display="b.txt").total == 101
    assert reads == ["a.txt", "b.txt"]


def test_bank_hashes_agree_whichever_table_holds_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The overlap check intersects two banks' hashes: a small and a large bank must agree."""
    from gaicheck.artifacts import analysis

    path = tmp_path / "bank.txt"
    path.write_text("".join(f"placeholder question {i}\n" for i in range(3_000)), encoding="utf-8")
    small: set[int] = set()
    large: set[int] = set()
    analysis._CACHE.clear()
    analyze_artifact(path, "test_bank_should_refuse", hashes=small)
    monkeypatch.setattr(analysis, "_SMALL_ITEMS", 10)
    analysis._CACHE.clear()
    analyze_artifact(path, "test_bank_should_refuse", hashes=large)
    assert small == large and len(small) == 3_000
