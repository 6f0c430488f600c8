"""Filing-material status: which documents are required on the service's path, and which exist.

Paths are relative to the declaration's folder. A path that leaves that folder (absolute, ``..``
or a symlink pointing outside) is refused unless ``allow_outside``; only regular files count.
Nothing here opens a document for reading: artifact counting is ``gaicheck.artifacts``.
"""

from __future__ import annotations

import os
import stat

from gaicheck import datafiles
from gaicheck.engine.predicates import Context, compile_condition
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Optional


# A filing document that is not an artifact is only hashed: 512 MiB is a few seconds of sha256.
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024


@record
class DocSpec:
    """A registry entry from ``rules/documents.yaml``."""

    id: str
    name_zh: str
    name_en: str
    framework: str
    required_when: Any
    rule: str
    citation: str
    verified: bool


def load_registry() -> list[DocSpec]:
    """The document registry, in file order."""
    raw = datafiles.load("documents.yaml")
    return [
        DocSpec(
            id=e["id"], name_zh=e["name"]["zh"], name_en=e["name"]["en"], framework=e["framework"],
            required_when=e["required_when"], rule=e["basis"]["rule"], citation=e["basis"]["citation"],
            verified=e.get("verified", True),
        )
        for e in raw
    ]


@record
class FileCheck:
    """What a document path points to."""

    exists: bool
    resolved: Optional[str]
    problem: Optional[str]


def check_path(base_dir: str, rel: str, *, allow_outside: bool) -> FileCheck:
    """Resolve ``rel`` against ``base_dir`` and say whether it is a usable regular file."""
    if "\x00" in rel:
        return FileCheck(False, None, "not a valid path (NUL character)")
    joined = os.path.join(base_dir, rel)
    real = os.path.realpath(joined)
    root = os.path.realpath(base_dir)
    if not allow_outside and os.path.commonpath([real, root]) != root:
        return FileCheck(False, None, "outside the declaration's folder (use --allow-outside to permit)")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return FileCheck(False, None, "file not found")
    except OSError as exc:
        return FileCheck(False, None, f"cannot access: {exc.strerror}")
    if stat.S_ISDIR(st.st_mode):
        return FileCheck(False, None, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        return FileCheck(False, None, "not a regular file")
    if not os.access(real, os.R_OK):
        return FileCheck(False, None, "not readable")
    # An empty or unreadable file is not a filed material (issue 12 #12): it is "invalid", and the
    # rules that need the material see it as absent. ``resolved`` is kept so counting can say "0".
    if st.st_size == 0:
        return FileCheck(False, real, "empty file (0 bytes)")
    if st.st_size > MAX_DOCUMENT_BYTES:
        return FileCheck(False, None, f"file is {st.st_size:,} bytes, over the {MAX_DOCUMENT_BYTES:,}-byte "
                                      "limit for a filing document (not read)")
    try:
        unreadable = _unreadable(real, st.st_size)
    except OSError as exc:  # removed, renamed or made unreadable since the stat
        return FileCheck(False, None, f"cannot read: {exc.strerror}")
    if unreadable:
        return FileCheck(False, real, unreadable)
    return FileCheck(True, real, None)


# First bytes every file of a container format starts with.
_MAGIC = {
    ".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",), ".ods": (b"PK\x03\x04",), ".zip": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",),
}
_TEXT = {".md", ".txt", ".csv", ".tsv", ".jsonl", ".json", ".yaml", ".yml", ".html"}


def _unreadable(path: str, size: int) -> Optional[str]:
    """Why the file cannot be the document its name says it is, or None (header bytes only)."""
    ext = os.path.splitext(path)[1].lower()
    magic = _MAGIC.get(ext)
    if magic is None and ext not in _TEXT:
        return None
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if magic is not None:
        if not head.startswith(magic):
            return f"not a readable {ext} file (its first bytes are not those of the format)"
        return None
    if size <= 4096 and not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        return "no content (only white space)"
    return None


def sha256_file(path: str, limit: int = MAX_DOCUMENT_BYTES) -> Optional[str]:
    """sha256 of a regular file of at most ``limit`` bytes, read in chunks; None when it is no longer
    one (swapped, removed or grown during the run) — a report hashes only what it could read whole."""
    import hashlib  # here, not at import: a declaration without documents never hashes

    h = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            size = 0
            while chunk := fh.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    return None
                h.update(chunk)
        except OSError:
            return None
    return h.hexdigest()


def document_facts(
    registry: list[DocSpec], facts: dict[str, Any], base_dir: str, as_of: Any, *, allow_outside: bool
) -> dict[str, dict[str, Any]]:
    """Per document id: given path, required (True/False/None), exists, resolved path, problem."""
    given = facts.get("documents") or {}
    out: dict[str, dict[str, Any]] = {}
    for spec in registry:
        ctx = Context(facts, {}, as_of)
        required = compile_condition(spec.required_when)(ctx)
        rel = given.get(spec.id)
        entry: dict[str, Any] = {"given": rel, "required": required, "exists": False, "resolved": None, "problem": None}
        if rel:
            fc = check_path(base_dir, rel, allow_outside=allow_outside)
            entry.update(exists=fc.exists, resolved=fc.resolved, problem=fc.problem)
        out[spec.id] = entry
    return out
