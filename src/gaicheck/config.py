"""Project settings for ``gaicheck assess``: ``.gaicheck.yaml`` or ``[tool.gaicheck]`` in pyproject.toml.

The file is looked for from the (first) declaration's folder upward, up to the repository root
(the folder with ``.git``) or the filesystem root; the nearest folder with one wins, and in one
folder ``.gaicheck.yaml`` wins over pyproject.toml (a pyproject.toml without ``[tool.gaicheck]``
is passed over). Keys::

    fail-on: major                  # blocker | major | minor | info
    format: [terminal, {sarif: gaicheck.sarif}]   # or one name; {FORMAT: FILE} writes a file
    lang: zh                        # zh | en
    eu-timeline: omnibus_2026       # baseline | omnibus_2026
    rules-dir: [compliance/rules]   # or one folder

``formats`` is accepted for ``format``, and ``_`` for ``-``. Paths (output files, rule folders)
are relative to the config file's folder. Command-line options win: a ``--format`` on the command
line replaces the configured formats, a ``--rules-dir`` the configured folders. An unknown key or
a bad value is an input error with the file, line and column (exit 2).
"""

from __future__ import annotations

import os
import re

from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import field, record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional

if TYPE_CHECKING:
    from pathlib import Path

YAML_NAME = ".gaicheck.yaml"
SEVERITIES = ("blocker", "major", "minor", "info")
LANGS = ("zh", "en")
TIMELINES = ("baseline", "omnibus_2026")


@record
class Config:
    """Settings from a config file (None / empty: not set there)."""

    file: Optional[str] = None
    fail_on: Optional[str] = None
    formats: tuple[tuple[str, str], ...] = ()  # (format, target): target "-" is standard output
    lang: Optional[str] = None
    eu_timeline: Optional[str] = None
    rules_dirs: tuple[Path, ...] = field(default=())


def find(start: str | Path) -> Optional[Path]:
    """The config file that applies to a declaration at ``start`` (a file or folder), or None.

    Walks with os.path (the hook's path imports no pathlib when there is no config file)."""
    here = os.path.abspath(start)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        candidate = os.path.join(here, YAML_NAME)
        if os.path.isfile(candidate):
            return _path(candidate)
        pyproject = os.path.join(here, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_table(pyproject):
            return _path(pyproject)
        if os.path.exists(os.path.join(here, ".git")):  # the repository root: a config above it is another project's
            return None
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _path(name: str) -> Path:
    from pathlib import Path

    return Path(name)


def _has_table(pyproject: str | Path) -> bool:
    try:
        with open(pyproject, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*gaicheck\s*[\].]", text, re.M) is not None


def load(path: Path, formats: tuple[str, ...]) -> Config:
    """Read and check the config file at ``path``; ``formats`` are the valid format names."""
    shown = str(path)
    try:
        rel = os.path.relpath(path)
        if not rel.startswith(os.pardir):
            shown = rel  # errors name the file as a user in this folder would
    except ValueError:  # another drive (Windows)
        pass
    if path.name == "pyproject.toml":
        raw, where = _load_toml(path, shown)
    else:
        raw, where = _load_yaml(path, shown)
    return _check(raw, where, path.parent, shown, formats)


def _load_yaml(path: Path, shown: str) -> tuple[dict[str, Any], Callable[[tuple[Any, ...]], Location]]:
    from gaicheck.yamlsafe import load_file

    raw, positions = load_file(str(path), shown)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError("the config file must be a mapping of settings", Location(shown, 1, 1))
    return raw, lambda key: positions.locate(key)


def _load_toml(path: Path, shown: str) -> tuple[dict[str, Any], Callable[[tuple[Any, ...]], Location]]:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", Location(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", Location(shown)) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        loc = Location(shown, int(m.group(1)), int(m.group(2))) if m else Location(shown)
        raise InputError(f"invalid TOML: {re.sub(r' [(]at line.*', '', str(exc))}", loc) from None
    raw = data.get("tool", {}).get("gaicheck", {})
    if not isinstance(raw, dict):
        raise InputError("[tool.gaicheck] must be a table", Location(shown, 1, 1))
    lines = text.splitlines()

    def where(key: tuple[Any, ...]) -> Location:
        # tomllib keeps no positions: find the key's line inside the [tool.gaicheck] table
        start = next((i for i, ln in enumerate(lines) if re.match(r"\s*\[\s*tool\s*\.\s*gaicheck\s*\]", ln)), None)
        if start is None:
            return Location(shown)
        name = str(key[0]) if key else ""
        for i in range(start + 1, len(lines)):
            if re.match(r"\s*\[", lines[i]):
                break
            m = re.match(rf"(\s*)[\"']?{re.escape(name)}[\"']?\s*=", lines[i])
            if m:
                return Location(shown, i + 1, len(m.group(1)) + 1)
        return Location(shown, start + 1, 1)

    return raw, where


def _check(raw: dict[str, Any], where: Callable[[tuple[Any, ...]], Location], base: Path, shown: str,
           formats: tuple[str, ...]) -> Config:
    values: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for key, value in raw.items():
        name = str(key).replace("_", "-")
        name = "format" if name == "formats" else name
        if name in seen:
            raise InputError(f"{key!r} and {seen[name]!r} are the same setting", where((key,)))
        seen[name] = str(key)
        loc = where((key,))
        if name == "fail-on":
            values["fail_on"] = _choice(value, SEVERITIES, key, loc)
        elif name == "lang":
            values["lang"] = _choice(value, LANGS, key, loc)
        elif name == "eu-timeline":
            values["eu_timeline"] = _choice(value, TIMELINES, key, loc)
        elif name == "format":
            values["formats"] = _formats(value, formats, key, loc, base)
        elif name == "rules-dir":
            values["rules_dirs"] = _folders(value, key, loc, base)
        else:
            raise InputError(f"unknown setting {key!r} (known: eu-timeline, fail-on, format, lang, rules-dir)", loc)
    return Config(file=shown, **values)


def _choice(value: Any, choices: tuple[str, ...], key: str, loc: Location) -> str:
    if not isinstance(value, str) or value not in choices:
        raise InputError(f"{key}: {value!r} is not one of {', '.join(choices)}", loc)
    return value


def _formats(value: Any, names: tuple[str, ...], key: str, loc: Location, base: Path) -> tuple[tuple[str, str], ...]:
    items = value if isinstance(value, list) else [value]
    out: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, str):
            fmt, target = item, "-"
        elif isinstance(item, dict) and len(item) == 1 and all(isinstance(x, str) for x in (*item, *item.values())):
            ((fmt, target),) = item.items()
            target = target if target == "-" else str(base / target)
        else:
            raise InputError(f"{key}: each entry is a format name or {{FORMAT: FILE}}, not {item!r}", loc)
        if fmt not in names:
            raise InputError(f"{key}: {fmt!r} is not one of {', '.join(names)}", loc)
        out.append((fmt, target))
    if not out:
        raise InputError(f"{key}: give at least one format", loc)
    if sum(1 for _, t in out if t == "-") > 1:
        raise InputError(f"{key}: only one format can go to standard output; give the others a file", loc)
    return tuple(out)


def _folders(value: Any, key: str, loc: Location, base: Path) -> tuple[Path, ...]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if not isinstance(item, str) or not item:
            raise InputError(f"{key}: each entry is a folder path, not {item!r}", loc)
        folder = base / item
        if not folder.is_dir():
            raise InputError(f"{key}: {item!r} is not a folder (paths are relative to the config file)", loc)
        out.append(folder)
    return tuple(out)
