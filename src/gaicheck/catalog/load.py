"""Load rule packs strictly: a malformed rule is an error naming its file and line, never skipped.

The shipped packs are validated by the pydantic models (``catalog/model.py``) when
``python -m gaicheck.datafiles`` compiles them, and a run reads the result as plain records
(``catalog/records.py`` via ``gaicheck.shipped``): no pydantic, no YAML, no hashing of rule files.
Packs from ``--rules-dir`` (and the shipped ones when the compiled store is missing) are read
from YAML and validated by the models here; either way the engine gets the same records.
"""

from __future__ import annotations

from functools import lru_cache

from gaicheck.catalog.records import Pack, Rule, Text
from gaicheck.engine.predicates import ConditionError, compile_condition
from gaicheck.errors import RuleDefinitionError
from gaicheck.location import Location
from gaicheck.record import record
from gaicheck.resources import data_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path
    from typing import Any, Iterable, Optional, Union

    from pydantic import ValidationError

    from gaicheck.engine.predicates import Cond

    Source = Union[Traversable, Path]


@record
class CompiledRule:
    """A validated rule with its conditions compiled (pack gate first)."""

    rule: Rule
    gate: Optional[Cond]
    gate_reason: Optional[Text]
    applies: Optional[Cond]
    check: Cond
    source: str
    # The pack's ``escalate``: while ``escalate`` is true a finding gets at least ``escalate_to``.
    escalate: Optional[Cond] = None
    escalate_to: Optional[str] = None


@record
class Catalog:
    """All rules loaded for a run, in a deterministic order (pack, then id)."""

    rules: tuple[CompiledRule, ...]
    packs: dict[str, Pack]

    def get(self, rule_id: str) -> Optional[CompiledRule]:
        """The rule with this id or alias."""
        for r in self.rules:
            if r.rule.id == rule_id or rule_id in r.rule.aliases:
                return r
        return None


def _locate(data: bytes, display: str, path: tuple[Any, ...]) -> Location:
    """Position of ``path`` in a rule file, found with the strict loader (error path only)."""
    from gaicheck.yamlsafe import load_bytes

    try:
        _, pos = load_bytes(data, display)
    except Exception:  # the strict loader's own error is reported by the caller
        return Location(display)
    return pos.locate(path, prefer_value=True)


def _parse(src: Source, display: str) -> tuple[Any, bytes]:
    import yaml

    from gaicheck import datafiles

    data = src.read_bytes()
    try:
        # Shipped rules come from the sha-checked compiled store or the fast loader; a test re-reads
        # them with the strict one (duplicate keys, tags). --rules-dir files are parsed strictly.
        return datafiles.load_bytes(display.removeprefix("rules/"), data), data
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        loc = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        raise RuleDefinitionError(f"invalid YAML in rule file: {exc.problem}", loc) from None


def _validation_error(exc: "ValidationError", data: bytes, display: str, what: str) -> RuleDefinitionError:
    err = exc.errors(include_url=False)[0]
    loc = tuple(err["loc"])
    where = ".".join(map(str, loc)) or "(top)"
    msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
    return RuleDefinitionError(f"malformed {what}: {where}: {msg}", _locate(data, display, loc))


def _compile(obj: Any, data: bytes, display: str, key: str) -> Optional[Cond]:
    if obj is None:
        return None
    try:
        return compile_condition(obj)
    except ConditionError as exc:
        raise RuleDefinitionError(f"malformed condition in '{key}': {exc}", _locate(data, display, (key,) + exc.path)) from None


def _strict_parse(data: bytes, display: str) -> None:
    """Re-read a rule file with the strict loader (duplicate keys, tags) and report it as a rule error."""
    from gaicheck.errors import InputError
    from gaicheck.yamlsafe import load_bytes

    try:
        load_bytes(data, display)
    except InputError as exc:
        raise RuleDefinitionError(exc.message, exc.location) from None


def _load_pack(folder: Source, label: str, strict: bool) -> tuple[Pack, list[CompiledRule]]:
    """Read and validate a pack folder with the pydantic models; records of the result."""
    from pydantic import ValidationError

    from gaicheck import prebuilt
    from gaicheck.catalog import model, records
    from gaicheck.plain import to_records

    prebuilt.install("Pack")
    prebuilt.install("Rule")
    header = folder / "_pack.yaml"
    hdisplay = f"{label}/_pack.yaml"
    raw, data = _parse(header, hdisplay)
    if strict:
        _strict_parse(data, hdisplay)
    try:
        pack = to_records(model.Pack.model_validate(raw), records.CLASSES)
    except ValidationError as exc:
        raise _validation_error(exc, data, hdisplay, "pack header") from None
    gate = _compile(pack.gate, data, hdisplay, "gate")
    escalate = _compile(pack.escalate.when, data, hdisplay, "escalate") if pack.escalate else None
    rules: list[CompiledRule] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml") or entry.name.startswith("_"):
            continue
        display = f"{label}/{entry.name}"
        raw, data = _parse(entry, display)
        if strict:
            _strict_parse(data, display)
        if not isinstance(raw, dict):
            raise RuleDefinitionError("a rule file must be a mapping", Location(display, 1, 1))
        try:
            rule = to_records(model.Rule.model_validate(raw), records.CLASSES)
        except ValidationError as exc:
            raise _validation_error(exc, data, display, "rule") from None
        if entry.name != f"{rule.id}.yaml":
            raise RuleDefinitionError(f"rule {rule.id} must live in {rule.id}.yaml", _locate(data, display, ("id",)))
        if rule.framework != pack.framework:
            raise RuleDefinitionError(
                f"rule framework {rule.framework} differs from its pack's {pack.framework}", _locate(data, display, ("framework",))
            )
        rules.append(
            CompiledRule(
                rule=rule,
                gate=gate,
                gate_reason=pack.gate_reason,
                applies=_compile(rule.applies_when, data, display, "applies_when"),
                check=_compile(rule.check, data, display, "check"),  # type: ignore[arg-type]
                source=display,
                escalate=escalate,
                escalate_to=pack.escalate.severity if pack.escalate else None,
            )
        )
    return pack, rules


def _from_records(pack: Pack, rules: list[tuple[Rule, str]]) -> tuple[Pack, list[CompiledRule]]:
    """A shipped pack from its compiled records (validated when they were compiled)."""
    gate = compile_condition(pack.gate) if pack.gate is not None else None
    escalate = compile_condition(pack.escalate.when) if pack.escalate else None
    return pack, [
        CompiledRule(
            rule=rule, gate=gate, gate_reason=pack.gate_reason,
            applies=compile_condition(rule.applies_when) if rule.applies_when is not None else None,
            check=compile_condition(rule.check), source=source, escalate=escalate,
            escalate_to=pack.escalate.severity if pack.escalate else None,
        )
        for rule, source in rules
    ]


PACKS = {"CN": "cn", "EU": "eu", "NIST": "nist"}


@lru_cache(maxsize=None)
def _shipped_pack(framework: str, strict: bool) -> Optional[tuple[Pack, tuple[CompiledRule, ...]]]:
    """A shipped pack, loaded once per process (shipped rules are immutable; ``Rule`` is frozen):
    assessing many declarations in one call does not load the catalog again for each."""
    if not strict:
        from gaicheck import shipped

        stored = shipped.catalog()
        if stored is not None:
            if framework not in stored:
                return None
            pack, rules = _from_records(*stored[framework])
            return pack, tuple(rules)
    folder = data_path("rules") / PACKS[framework]
    if not (folder / "_pack.yaml").is_file():
        return None
    pack, rules = _load_pack(folder, f"rules/{PACKS[framework]}", strict)
    return pack, tuple(rules)


def load_catalog(
    frameworks: Optional[Iterable[str]] = None,
    extra_dirs: Iterable[Path] = (),
    *,
    strict: bool = False,
) -> Catalog:
    """Load the shipped packs for ``frameworks`` (all by default) plus packs in ``extra_dirs``.

    A rule in an extra dir with the id of a shipped rule replaces it (``--rules-dir`` overrides).
    """
    wanted = list(PACKS) if frameworks is None else [f for f in PACKS if f in set(frameworks)]
    packs: dict[str, Pack] = {}
    by_id: dict[str, CompiledRule] = {}
    for fw in wanted:
        shipped = _shipped_pack(fw, strict)
        if shipped is None:
            continue
        pack, rules = shipped
        packs[fw] = pack
        for r in rules:
            _add(by_id, r, replace=False)
    for extra in extra_dirs:
        from pathlib import Path

        for folder in _packs_in(Path(extra)):
            pack, rules = _load_pack(folder, str(folder), True)
            packs.setdefault(pack.framework, pack)
            for r in rules:
                _add(by_id, r, replace=True)
    order = {fw: i for i, fw in enumerate(PACKS)}
    ordered = sorted(by_id.values(), key=lambda r: (order[r.rule.framework], r.rule.id))
    return Catalog(tuple(ordered), packs)


def _packs_in(folder: Path) -> list[Path]:
    """The rule packs a ``--rules-dir`` names: the folder itself when it is a pack (has ``_pack.yaml``),
    else its sub-folders that are; none at all is an error, never a run with the extra rules silently
    missing (issue 13 #8)."""
    if (folder / "_pack.yaml").is_file():
        return [folder]
    try:
        found = sorted(p for p in folder.iterdir() if (p / "_pack.yaml").is_file())
    except OSError as exc:
        raise RuleDefinitionError(f"cannot read the rules folder: {exc.strerror}", Location(str(folder))) from None
    if not found:
        raise RuleDefinitionError("no rule pack here: --rules-dir takes a pack (a folder with _pack.yaml) "
                                  "or a folder of packs", Location(str(folder)))
    return found


def _add(by_id: dict[str, CompiledRule], rule: CompiledRule, *, replace: bool) -> None:
    prior = by_id.get(rule.rule.id)
    if prior is not None and not replace:
        raise RuleDefinitionError(f"rule id {rule.rule.id} is defined twice (also in {prior.source})", Location(rule.source))
    by_id[rule.rule.id] = rule
