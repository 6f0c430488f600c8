"""The NIST AI RMF catalog (``rules/taxonomy/nist-ai-rmf.yaml``), loaded and checked.

Functions, categories and subcategories of AI 100-1, the trustworthiness characteristics, the 12
GAI risks of AI 600-1 and its suggested actions keyed to subcategories and risks. Malformed data is
a :class:`RuleDefinitionError` (it ships with the rules), never silently skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gaicheck import datafiles
from gaicheck.errors import RuleDefinitionError
from gaicheck.location import Location
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional

CATALOG_PARTS = ("rules", "taxonomy", "nist-ai-rmf.yaml")
FUNCTIONS = ("GOVERN", "MAP", "MEASURE", "MANAGE")
ABBR = {"GV": "GOVERN", "MP": "MAP", "MS": "MEASURE", "MG": "MANAGE"}
SUBCATEGORY_RE = re.compile(r"^(GOVERN|MAP|MEASURE|MANAGE)-([1-9]\d?)\.([1-9]\d?)$")
CATEGORY_RE = re.compile(r"^(GOVERN|MAP|MEASURE|MANAGE)-([1-9]\d?)$")
ACTION_RE = re.compile(r"^(GV|MP|MS|MG)-([1-9]\d?)\.([1-9]\d?)-(\d{3})$")
# Loose spellings users and other documents use: "GOVERN 1.1", "gv-1.1", "GV1.1", "nist.GV-1.1".
_LOOSE_RE = re.compile(r"^(?:nist\.)?(GOVERN|MAP|MEASURE|MANAGE|GV|MP|MS|MG)\W*([1-9]\d?)(?:\W*\.\W*|\.)([1-9]\d?)$", re.I)
_FILE = "/".join(CATALOG_PARTS)


@record
class Entry:
    """A function or category: id and a paraphrase in both report languages."""

    id: str
    en: str
    zh: str

    def text(self, lang: str) -> str:
        """The paraphrase in ``lang``."""
        return self.zh if lang == "zh" else self.en


@record
class Subcategory(Entry):
    """One of the 72 subcategories, with the AI 600-1 actions and GAI risks keyed to it."""

    function: str = ""
    category: str = ""
    actions: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    characteristic: Optional[str] = None


@record
class GaiRisk:
    """One of the 12 GAI risks of AI 600-1 §2."""

    id: str
    section: str
    name_en: str
    name_zh: str
    en: str
    zh: str
    subcategories: tuple[str, ...]

    def name(self, lang: str) -> str:
        """Short name in ``lang``."""
        return self.name_zh if lang == "zh" else self.name_en

    def text(self, lang: str) -> str:
        """Paraphrase in ``lang``."""
        return self.zh if lang == "zh" else self.en


@record
class Characteristic:
    """A trustworthiness characteristic (AI 100-1 §3) and the MEASURE subcategory evaluating it."""

    id: str
    section: str
    measured_by: str
    en: str
    zh: str


@record
class NistCatalog:
    """The whole catalog in NIST order."""

    functions: dict[str, Entry]
    abbr: dict[str, str]
    categories: dict[str, Entry]
    subcategories: dict[str, Subcategory]
    characteristics: dict[str, Characteristic]
    risks: dict[str, GaiRisk]
    actions: dict[str, tuple[str, ...]]

    def in_function(self, function: str) -> tuple[str, ...]:
        """Subcategory ids of one function."""
        return tuple(s.id for s in self.subcategories.values() if s.function == function)

    def in_category(self, category: str) -> tuple[str, ...]:
        """Subcategory ids of one category."""
        return tuple(s.id for s in self.subcategories.values() if s.category == category)

    def actions_for(self, subcategory: str, risk: Optional[str] = None) -> tuple[str, ...]:
        """AI 600-1 action ids of ``subcategory`` (only those tagged ``risk`` when given)."""
        sub = self.subcategories[subcategory]
        return tuple(a for a in sub.actions if risk is None or risk in self.actions[a])


def canonical_id(text: str) -> Optional[str]:
    """``GOVERN-1.1`` for loose spellings (``GOVERN 1.1``, ``GV-1.1``, ``gv1.1``); None otherwise."""
    m = _LOOSE_RE.match(text.strip())
    if not m:
        return None
    fn = m.group(1).upper()
    return f"{ABBR.get(fn, fn)}-{int(m.group(2))}.{int(m.group(3))}"


def _fail(msg: str) -> RuleDefinitionError:
    return RuleDefinitionError(f"NIST catalog: {msg}", Location(_FILE))


def _text(raw: Any, where: str) -> tuple[str, str]:
    if not isinstance(raw, dict) or not isinstance(raw.get("en"), str) or not isinstance(raw.get("zh"), str):
        raise _fail(f"{where}: needs en and zh texts")
    return raw["en"], raw["zh"]


def parse_catalog(data: Any) -> NistCatalog:
    """Build and cross-check the catalog from its parsed YAML."""
    if not isinstance(data, dict):
        raise _fail("must be a mapping")
    functions: dict[str, Entry] = {}
    abbr: dict[str, str] = {}
    for fid, raw in (data.get("functions") or {}).items():
        if fid not in FUNCTIONS:
            raise _fail(f"unknown function {fid!r}")
        functions[fid] = Entry(fid, *_text(raw, fid))
        abbr[fid] = raw.get("abbr")
    if tuple(functions) != FUNCTIONS or {v: k for k, v in abbr.items()} != ABBR:
        raise _fail(f"functions must be {', '.join(FUNCTIONS)} in that order, abbreviated {', '.join(ABBR)}")
    categories: dict[str, Entry] = {}
    for cid, raw in (data.get("categories") or {}).items():
        if not CATEGORY_RE.match(str(cid)):
            raise _fail(f"bad category id {cid!r}")
        categories[cid] = Entry(cid, *_text(raw, cid))
    risks_raw = data.get("gai_risks") or {}
    actions: dict[str, tuple[str, ...]] = {}
    by_sub: dict[str, list[str]] = {}
    for aid, tags in (data.get("actions") or {}).items():
        m = ACTION_RE.match(str(aid))
        if not m or not isinstance(tags, list) or not tags:
            raise _fail(f"bad action {aid!r}: id <FN>-<c>.<s>-<NNN> with a non-empty risk list")
        unknown = [t for t in tags if t not in risks_raw]
        if unknown:
            raise _fail(f"action {aid} names unknown GAI risks {unknown}")
        actions[aid] = tuple(tags)
        by_sub.setdefault(f"{ABBR[m.group(1)]}-{m.group(2)}.{m.group(3)}", []).append(aid)
    characteristics: dict[str, Characteristic] = {}
    measured: dict[str, str] = {}
    for tid, raw in (data.get("characteristics") or {}).items():
        en, zh = _text(raw, tid)
        characteristics[tid] = Characteristic(tid, str(raw.get("section")), str(raw.get("measured_by")), en, zh)
        measured[str(raw.get("measured_by"))] = tid
    subcategories: dict[str, Subcategory] = {}
    for sid, raw in (data.get("subcategories") or {}).items():
        m = SUBCATEGORY_RE.match(str(sid))
        if not m:
            raise _fail(f"bad subcategory id {sid!r}")
        category = f"{m.group(1)}-{m.group(2)}"
        if category not in categories:
            raise _fail(f"{sid}: category {category} is not listed")
        acts = tuple(by_sub.pop(sid, ()))
        keyed = {t for a in acts for t in actions[a]}
        subcategories[sid] = Subcategory(
            sid, *_text(raw, sid), function=m.group(1), category=category, actions=acts,
            risks=tuple(r for r in risks_raw if r in keyed), characteristic=measured.pop(sid, None),
        )
    if by_sub:
        raise _fail(f"actions keyed to unknown subcategories {sorted(by_sub)}")
    if measured:
        raise _fail(f"characteristics measured by unknown subcategories {sorted(measured)}")
    risks: dict[str, GaiRisk] = {}
    for rid, raw in risks_raw.items():
        en, zh = _text(raw, rid)
        name_en, name_zh = _text(raw.get("name"), f"{rid}.name")
        subs = tuple(s.id for s in subcategories.values() if rid in s.risks)
        risks[rid] = GaiRisk(rid, str(raw.get("section")), name_en, name_zh, en, zh, subs)
    empty = [c for c in categories if not any(s.category == c for s in subcategories.values())]
    if empty:
        raise _fail(f"categories without subcategories: {empty}")
    return NistCatalog(functions, abbr, categories, subcategories, characteristics, risks, actions)


@lru_cache(maxsize=1)
def load_nist_catalog() -> NistCatalog:
    """The shipped catalog (cached; it is immutable)."""
    return parse_catalog(datafiles.load("taxonomy/nist-ai-rmf.yaml"))
