"""Fast per-item language guess: decide by script, call langdetect only when that is ambiguous.

Han text is ``zh``, kana ``ja``, Hangul ``ko``. Latin-script text is ``en`` unless the service
declares another Latin-script language, in which case langdetect (seeded, so deterministic)
decides, within a call budget; items past the budget count as ``latin``. Text with no letters is
``und``; other scripts are ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Languages written in Latin script that langdetect knows; used only to decide whether
# "Latin letters" can be assumed to mean English.
LATIN_LANGUAGES = frozenset({
    "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt",
    "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi",
})
DETECT_BUDGET = 5_000

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
# Anything that would stop a Han-containing item from being plain Chinese (Latin, kana, Hangul):
# one scan decides the common case.
_NOT_PLAIN_ZH = re.compile(r"[A-Za-z\u00c0-\u024f\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")


def base_language(tag: str) -> str:
    """``zh-CN`` -> ``zh``; lower case."""
    return tag.replace("_", "-").split("-", 1)[0].strip().lower()


class LanguageGuesser:
    """Guess the language of short items; create one per file (it keeps the langdetect budget)."""

    def __init__(self, declared: Iterable[str] = (), budget: int = DETECT_BUDGET) -> None:
        langs = {base_language(t) for t in declared}
        self.detect_latin = bool(langs & (LATIN_LANGUAGES - {"en"}))
        self.budget = budget

    def guess(self, text: str) -> str:
        """Language code of ``text`` (``zh``, ``en``, ``ja``, ``ko``, …, ``latin``, ``other``, ``und``)."""
        if text.isascii():
            if _ASCII_LETTER.search(text) is None:
                return "und"
            return self._latin(text)
        if _NOT_PLAIN_ZH.search(text) is None:
            if _HAN.search(text) is not None:
                return "zh"
            return "other" if _LETTER.search(text) else "und"
        if _KANA.search(text):
            return "ja"
        if _HANGUL.search(text):
            return "ko"
        han = len(_HAN.findall(text))
        latin = len(_LATIN.findall(text))
        if han and han * 3 >= latin:  # one Han character carries about a word; Latin words ~5 letters
            return "zh"
        if latin:
            return self._latin(text)
        return "other" if _LETTER.search(text) else "und"

    def _latin(self, text: str) -> str:
        if not self.detect_latin:
            return "en"
        if self.budget <= 0:
            return "latin"
        self.budget -= 1
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0  # langdetect is random unless seeded
        try:
            return base_language(detect(text))
        except LangDetectException:
            return "und"
