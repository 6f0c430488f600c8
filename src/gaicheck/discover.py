"""Finding declarations under folders (issue 19 #1): ``gaicheck assess DIR...``.

A declaration is a ``*.yaml`` / ``*.yml`` file whose first key is ``gaicheck:``. Only the first
:data:`SNIFF_BYTES` of a candidate are read and never parsed as YAML, so a folder full of other YAML
(CI files, Kubernetes manifests, a 1 GB data dump) costs one short read per file.

Skipped: ``.git``, ``node_modules``, ``__pycache__``, virtual environments (``.venv``, ``venv``, and
any folder holding a ``pyvenv.cfg``), paths ignored by a ``.gitignore`` at the scanned root, and
paths matching an ``--exclude`` glob. Symlinked folders are not followed (no loops, no escaping the
tree). The order is sorted by path, so two runs over the same tree list the same files.

The ``.gitignore`` subset: blank lines and ``#`` comments; ``!pattern`` re-includes; a trailing
``/`` matches folders only; a pattern with a ``/`` other than a trailing one is anchored at the
root and matched against the whole relative path; any other pattern matches a name at any depth.
Globs are :mod:`fnmatch` globs (``*``, ``?``, ``[...]``; ``**`` works as ``*``, which here also
crosses ``/``). Not supported: nested ``.gitignore`` files, ``.git/info/exclude``, the global
excludes file, and escaped ``\\#`` / ``\\!`` / trailing spaces.
"""

from __future__ import annotations

import fnmatch
import os

from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Iterable, Optional, Sequence

SNIFF_BYTES = 4096
SKIP_DIRS = frozenset({".git", "node_modules", "__pycache__", ".venv", "venv"})
SUFFIXES = (".yaml", ".yml")


@record
class _Rule:
    pattern: str
    negate: bool
    dir_only: bool
    anchored: bool


def parse_gitignore(text: str) -> list[_Rule]:
    """The rules of a ``.gitignore`` (the subset in the module docstring)."""
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        line = line.lstrip("/")
        if line:
            rules.append(_Rule(line, negate, dir_only, anchored))
    return rules


def _ignored(rules: Sequence[_Rule], rel: str, is_dir: bool) -> bool:
    """gitignore semantics for ``rel`` (POSIX, relative to the root): the last matching rule wins."""
    name = rel.rsplit("/", 1)[-1]
    verdict = False
    for r in rules:
        if r.dir_only and not is_dir:
            continue
        target = rel if r.anchored else name
        if fnmatch.fnmatchcase(target, r.pattern):
            verdict = not r.negate
    return verdict


def _excluded(globs: Sequence[str], rel: str) -> bool:
    """``--exclude``: a glob matches the relative path or any one name in it."""
    parts = rel.split("/")
    for g in globs:
        g = g.strip("/")
        if fnmatch.fnmatchcase(rel, g) or any(fnmatch.fnmatchcase(p, g) for p in parts):
            return True
    return False


def is_declaration(path: str) -> bool:
    """True when the first key of the YAML file at ``path`` is ``gaicheck`` (a short read, no parse)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "---" or line.startswith("%"):
            continue
        # the first content line: a top-level key ``gaicheck`` (bare or quoted) followed by ':'
        for key in ("gaicheck", '"gaicheck"', "'gaicheck'"):
            if line.startswith(key) and line[len(key):].lstrip(" ").startswith(":"):
                return True
        return False
    return False


def _walk(root: str, excludes: Sequence[str]) -> list[str]:
    rules: list[_Rule] = []
    gi = os.path.join(root, ".gitignore")
    if os.path.isfile(gi):
        with open(gi, encoding="utf-8", errors="replace") as fh:
            rules = parse_gitignore(fh.read())
    found: list[str] = []
    for dirpath, dirs, files in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        keep = []
        for d in sorted(dirs):
            rel = rel_dir + d
            if d in SKIP_DIRS or os.path.isfile(os.path.join(dirpath, d, "pyvenv.cfg")):
                continue
            if _ignored(rules, rel, True) or _excluded(excludes, rel):
                continue
            keep.append(d)
        dirs[:] = keep
        for f in files:
            if not f.endswith(SUFFIXES):
                continue
            rel = rel_dir + f
            if _ignored(rules, rel, False) or _excluded(excludes, rel):
                continue
            full = os.path.join(dirpath, f)
            if os.path.isfile(full) and is_declaration(full):
                found.append(rel)
    found.sort(key=lambda r: r.split("/"))
    return [os.path.join(root, *r.split("/")) for r in found]


def expand(paths: Iterable[str], *, excludes: Optional[Sequence[str]] = None) -> list[str]:
    """Each file of ``paths`` as given; each folder replaced by the declarations found under it
    (a folder whose name ends in ``.yaml``/``.yml`` is passed on as a file).

    A folder with no declaration is an :class:`InputError` (a typo'd folder must not pass as "all
    ready"). A file found twice is listed once, where it first appears.
    """
    excludes = list(excludes or ())
    out: list[str] = []
    seen: set[str] = set()
    for p in paths:
        # a folder named like a declaration (``service.yaml/``) is a mistake, not a tree to search:
        # the loader says "not a regular file"
        if os.path.isdir(p) and not p.rstrip("/\\").endswith(SUFFIXES):
            items = _walk(p, excludes)
            if not items:
                extra = f" (after --exclude {', '.join(excludes)})" if excludes else ""
                raise InputError(f"no declarations found (YAML files whose first key is 'gaicheck'){extra}",
                                 Location(p))
        else:
            items = [p]
        for item in items:
            key = os.path.realpath(item)
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out
