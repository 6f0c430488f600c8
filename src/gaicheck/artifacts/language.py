"""Fast per-item language guess: decide by script, ask a detector only for a bounded sample.

Han text is ``zh``, kana ``ja``, Hangul ``ko``. An item mixing Han and Latin letters is ``zh``, and
also counts for its Latin-script language when the Latin letters outweigh the Han characters
(one Han character carries about a word, a Latin word about five letters): "VPN翻墙" is Chinese,
"please translate 你好 for me" is Chinese and English. Text with no letters is ``und``; other
scripts are ``other``.

Latin-script text is ``en`` unless the service declares another Latin-script language. Then a
seeded (deterministic) langdetect tells the declared Latin-script languages and English apart —
only those profiles are loaded — on a bounded, spread sample of the Latin items: the first
:data:`SAMPLE_STEP` items, then every 2nd, 4th, 8th … (the stride doubles every
:data:`SAMPLE_STEP` calls, so the sample reaches the end of any file), at most
:data:`MAX_DETECTIONS` calls, and no more once every declared Latin-script language has been
seen. Latin items outside the sample count as ``latin``. A file therefore never costs more than a
few hundred detector calls, whatever its length and however many languages are declared.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import compress, repeat
from operator import ge, mul, not_, sub

# Languages written in Latin script that langdetect knows; used only to decide whether
# "Latin letters" can be assumed to mean English.
LATIN_LANGUAGES = frozenset({
    "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt",
    "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi",
})
SAMPLE_STEP = 16        # detector calls per stride; the stride then doubles
MAX_DETECTIONS = 256    # detector calls per file, at most


class _Lazy:
    """A regex compiled on first use: a class of wide Unicode ranges takes milliseconds to compile,
    and a list of plain Chinese or ASCII items never needs the mixed-script ones."""

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern

    def __getattr__(self, name: str) -> object:
        compiled = re.compile(self._pattern)
        self.search, self.findall, self.fullmatch = compiled.search, compiled.findall, compiled.fullmatch  # later calls skip __getattr__
        return getattr(compiled, name)


_HAN = _Lazy(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_KANA = _Lazy(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = _Lazy(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN = _Lazy(r"[A-Za-z\u00c0-\u024f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LETTER = _Lazy(r"[^\W\d_]")
_KANA_HANGUL = _Lazy(r"[\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
# Anything that would stop a Han-containing item from being plain Chinese (Latin, kana, Hangul):
# one scan decides the common case.
_NOT_PLAIN_ZH = _Lazy(r"[A-Za-z\u00c0-\u024f\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")

# Anything but ASCII and Han: when absent, a mixed item's Han and Latin counts follow from lengths.
_NOT_ASCII_OR_HAN = _Lazy(r"[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
# The same test over a whole batch: a run of ASCII and Han only (fullmatch runs the class in one
# tight loop, about twice as fast as searching for its complement)
_ASCII_OR_HAN_RUN = _Lazy(r"[\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]*")
# ASCII bytes that are not letters (deleted to count the letters of an ASCII run)
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_ASCII_NON_LETTERS_KEEP_NL = _ASCII_NON_LETTERS.replace(b"\n", b"")

# Results are shared tuples: the counting loop adds one per language.
ZH, EN, JA, KO, LATIN, OTHER, UND = ("zh",), ("en",), ("ja",), ("ko",), ("latin",), ("other",), ("und",)
ZH_EN = ("zh", "en")
_CACHE: dict[tuple[str, ...], tuple[str, ...]] = {}


def base_language(tag: str) -> str:
    """``zh-CN`` -> ``zh``; lower case."""
    return tag.replace("_", "-").split("-", 1)[0].strip().lower()


def _langs(*codes: str) -> tuple[str, ...]:
    return _CACHE.setdefault(codes, codes)


def _detector(candidates: Iterable[str]) -> Callable[[str], str]:
    """A seeded langdetect restricted to ``candidates`` (profiles loaded once per call of this)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    profiles = []
    for code in sorted(candidates):
        with open(os.path.join(PROFILES_DIRECTORY, code), encoding="utf-8") as fh:
            profiles.append(fh.read())
    factory.load_json_profile(profiles)
    factory.set_seed(0)  # langdetect is random unless seeded

    def detect(text: str) -> str:
        detector = factory.create()
        detector.append(text)
        try:
            return base_language(detector.detect())
        except LangDetectException:
            return "und"

    return detect


class LanguageGuesser:
    """Guess the language(s) of short items; create one per file (it keeps the detector sample)."""

    def __init__(self, declared: Iterable[str] = (), max_detections: int = MAX_DETECTIONS,
                 step: int = SAMPLE_STEP) -> None:
        langs = {base_language(t) for t in declared}
        latin = langs & LATIN_LANGUAGES
        self.detect_latin = bool(latin - {"en"})
        self.wanted = frozenset(latin | {"en"}) if self.detect_latin else frozenset()
        self.seen: set[str] = set()
        self.max_detections = max_detections
        self.step = max(1, step)
        self.detections = 0      # detector calls so far (tests assert the bound)
        self._latin_items = 0    # Latin items met so far
        self._next = 0           # index of the next Latin item to sample
        self._stride = 1
        self._detect: Callable[[str], str] | None = None

    def guess(self, text: str) -> tuple[str, ...]:
        """Language codes of ``text`` (usually one: ``zh``, ``en``, ``ja``, ``ko``, …, ``latin``,
        ``other``, ``und``; a Han item that is mostly Latin letters gives two)."""
        if text.isascii():
            if _ASCII_LETTER.search(text) is None:
                return UND
            return self._latin(text)
        if _NOT_PLAIN_ZH.search(text) is None:
            if _HAN.search(text) is not None:
                return ZH
            return OTHER if _LETTER.search(text) else UND
        return self.guess_mixed(text)

    def guess_mixed(self, text: str) -> tuple[str, ...]:
        """:meth:`guess` for non-ASCII text with Latin letters, kana or Hangul (the caller checked)."""
        if _NOT_ASCII_OR_HAN.search(text) is None:
            # Only ASCII and Han (the common mixed item, "VPN翻墙"): the non-ASCII characters are
            # the Han ones and the Latin letters are the ASCII letters, counted without a regex.
            ascii_part = text.encode("ascii", "ignore")
            han = len(text) - len(ascii_part)
            latin = len(ascii_part.translate(None, _ASCII_NON_LETTERS))
        else:
            if _KANA_HANGUL.search(text) is not None:
                return JA if _KANA.search(text) else KO
            han = len(_HAN.findall(text))
            if not han:
                return self._latin(text)
            latin = len(_LATIN.findall(text))
        if han * 3 >= latin:  # one Han character carries about a word; Latin words ~5 letters
            return ZH
        if not self.detect_latin:
            return ZH_EN
        return _langs("zh", *self._latin(text))

    def _latin(self, text: str) -> tuple[str, ...]:
        if not self.detect_latin:
            return EN
        index = self._latin_items
        self._latin_items += 1
        if index != self._next or self.detections >= self.max_detections or self.wanted <= self.seen:
            return LATIN
        self.detections += 1
        if self.detections % self.step == 0:
            self._stride *= 2
        self._next = index + self._stride
        if self._detect is None:
            self._detect = _detector(self.wanted)
        lang = self._detect(text)
        self.seen.add(lang)
        return _langs(lang)


def guess_batch(texts: list[str], guesser: LanguageGuesser) -> tuple[int, int, int, dict[str, int]]:
    """:meth:`LanguageGuesser.guess` over ``texts``, counted: ``(en, zh, und, {other: n})``.

    Only for a guesser that needs no detector (``detect_latin`` false): each guess then depends on
    its item alone, so the items are sorted by script at C speed and only mixed-script items are
    looked at one by one.
    """
    if guesser.detect_latin:  # pragma: no cover - the caller checks
        raise ValueError("guess_batch needs a guesser without a detector sample")
    flags = list(map(str.isascii, texts))
    ascii_items = list(compress(texts, flags))
    # an ASCII item is English when it has a letter: the letters of the whole batch, kept with the
    # line breaks at C speed, split back into items (an item holding a line break: one by one)
    letters = "\n".join(ascii_items).encode("ascii").translate(None, _ASCII_NON_LETTERS_KEEP_NL).split(b"\n")
    if len(letters) == len(ascii_items):
        n_und = letters.count(b"") if ascii_items else 0
        n_en = len(ascii_items) - n_und
    else:
        n_en = sum(map(bool, map(_ASCII_LETTER.search, ascii_items)))
        n_und = len(ascii_items) - n_en
    n_zh = 0
    rest: dict[str, int] = {}
    if len(ascii_items) < len(texts):
        others = list(compress(texts, map(not_, flags)))
        joined = "\n".join(others)
        if _ASCII_OR_HAN_RUN.fullmatch(joined) is not None:  # one scan: every item is ASCII and Han only
            odd: list[object] = [None] * len(others)
            simple = others
        else:
            odd = list(map(_NOT_ASCII_OR_HAN.search, others))
            simple = list(compress(others, map(not_, odd)))
            joined = "\n".join(simple)
        # ASCII and Han only (the common non-ASCII item): Chinese, and English too when the ASCII
        # letters outweigh the Han characters (guess_mixed's rule), from lengths over the batch
        ascii_parts = joined.encode("ascii", "ignore")
        letters = ascii_parts.translate(None, _ASCII_NON_LETTERS_KEEP_NL).split(b"\n")
        if len(letters) == len(simple):
            han = map(sub, map(len, simple), map(len, ascii_parts.split(b"\n")))
            zh_only = sum(map(ge, map(mul, han, repeat(3)), map(len, letters)))
            n_zh += len(simple)
            n_en += len(simple) - zh_only
            guesses = Counter(map(guesser.guess, compress(others, odd)))
        else:  # an item holds a newline (a quoted CSV cell): one by one
            guesses = Counter(map(guesser.guess, others))
        for codes, n in guesses.items():
            for code in codes:
                rest[code] = rest.get(code, 0) + n
    return n_en, n_zh, n_und, rest
