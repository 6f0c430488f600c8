"""The per-item language guess: scripts, mixed-script items, and the bounded detector sample."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

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


def test_duplicate_counts_match_a_plain_set_across_table_growth(tmp_path: Path) -> None:
    """The flat hash table gives the counts a set of texts would (exact vs normalised duplicates)."""
    from gaicheck.artifacts.analysis import normalize_text

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
    exact = normalised = 0
    for text in lines:
        if text in raw_seen:
            exact += 1
            continue
        raw_seen.add(text)
        if normalize_text(text) in norm_seen:
            normalised += 1
        norm_seen.add(normalize_text(text))
    assert (stats.total, stats.unique) == (len(lines), len(norm_seen))
    assert (stats.duplicates_exact.count, stats.duplicates_normalised.count) == (exact, normalised)


def test_same_content_is_counted_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several declarations sharing a bank: the second file with the same bytes is not read again."""
    from gaicheck.artifacts import analysis

    reads: list[str] = []
    real = analysis.iter_rows

    def counting(source, *a, **kw):  # type: ignore[no-untyped-def]
        reads.append(source.display)
        return real(source, *a, **kw)

    monkeypatch.setattr(analysis, "iter_rows", counting)
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
