"""The filing package as one archive anyone can verify offline (``gaicheck bundle`` / ``gaicheck verify``).

A bundle holds every material the report counted or found (``documents[]`` with a file, and the
results files of ``evaluation``), the declaration, the JSON report, the checklist, the drafts and a
``manifest.json`` naming the tool and rules version, the as-of date, the declaration's sha256 and
each file's sha256 and size. The archive is deterministic: members sorted, fixed timestamps and
permissions, so the same inputs give byte-identical bytes.

:func:`verify_bundle` re-hashes every member against the manifest and names each file that
changed, is missing or is extra. It refuses archives that are not safe to open — zip bombs (the
checks of :func:`gaicheck.artifacts.source.check_zip`), absolute paths, ``..``, backslashes and
duplicate names — as input errors. Nothing here prints a material's content.

The manifest proves the members are the ones it lists; it does not prove who wrote it. Keep the
manifest's sha256 (printed by both commands) with the submission record to detect a swapped one.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from gaicheck.errors import InputError
from gaicheck.filing.archive import write_zip
from gaicheck.location import Location
from gaicheck.record import field, record
from gaicheck.report.model import Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, BinaryIO, Optional

MANIFEST = "manifest.json"
BUNDLE_VERSION = 1
MAX_MATERIAL_BYTES = 512 * 1024 * 1024
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


@record
class BundleFile:
    """One member of the bundle."""

    path: str
    data: bytes
    kind: str                       # declaration | report | checklist | draft | material
    document: Optional[str] = None  # the material's document id (or evaluation.<sampling>)
    source: Optional[str] = None    # where a material or the declaration came from, as the report names it

    def entry(self) -> dict[str, Any]:
        """Its manifest entry."""
        e: dict[str, Any] = {"path": self.path, "kind": self.kind, "sha256": hashlib.sha256(self.data).hexdigest(),
                             "size": len(self.data)}
        if self.document:
            e["document"] = self.document
        if self.source:
            e["source"] = self.source
        return e


@record
class Bundle:
    """A built bundle: the zip's bytes and its manifest."""

    data: bytes
    manifest: dict[str, Any]
    files: tuple[BundleFile, ...]

    @property
    def sha256(self) -> str:
        """sha256 of the zip."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def manifest_sha256(self) -> str:
        """sha256 of manifest.json as stored in the zip."""
        return hashlib.sha256(manifest_bytes(self.manifest)).hexdigest()


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as stored: sorted keys, two-space indent, UTF-8."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _read_material(base: Path, rel: str, display: str) -> bytes:
    """A material's bytes: a regular file (symlinks are followed once, as assess did), bounded."""
    path = Path(rel) if os.path.isabs(rel) else base / rel
    try:
        st = os.stat(path)
    except OSError:
        raise InputError(f"{rel}: cannot read the material for the bundle", Location(display)) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{rel}: not a regular file", Location(display))
    if st.st_size > MAX_MATERIAL_BYTES:
        raise InputError(f"{rel}: {st.st_size} bytes, over the {MAX_MATERIAL_BYTES}-byte bundle limit",
                         Location(display))
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_MATERIAL_BYTES + 1)
    except OSError:  # removed or renamed since the stat
        raise InputError(f"{rel}: cannot read the material for the bundle", Location(display)) from None


def _member_name(rel: str) -> str:
    """``materials/<path relative to the declaration>``; a path leaving that folder goes under
    ``materials/_outside/`` by name (the manifest keeps the original path as ``source``)."""
    parts = PurePosixPath(rel.replace("\\", "/")).parts
    if os.path.isabs(rel) or ".." in parts or not parts:
        return "materials/_outside/" + hashlib.sha256(rel.encode()).hexdigest()[:8] + "-" + PurePosixPath(rel).name
    return "materials/" + "/".join(p for p in parts if p not in ("", "."))


def collect_materials(report: Report, declaration_path: str, evaluation: Any = None) -> list[BundleFile]:
    """Every material the report found (documents with a hashed file) and each results file of
    ``evaluation``; a document's bytes must still hash to what the report measured."""
    base = Path(declaration_path).parent
    out: dict[str, BundleFile] = {}
    for doc in report.documents:
        if not doc.path or not doc.sha256:
            continue
        data = _read_material(base, doc.path, declaration_path)
        if hashlib.sha256(data).hexdigest() != doc.sha256:
            raise InputError(f"{doc.path}: changed while the bundle was being built; run it again",
                             Location(declaration_path))
        name = _member_name(doc.path)
        out.setdefault(name, BundleFile(name, data, "material", doc.id, doc.path))
    dumped = evaluation.model_dump() if hasattr(evaluation, "model_dump") else (evaluation or {})
    for kind, value in sorted(dumped.items()):
        if isinstance(value, str) and (base / value).is_file():
            name = _member_name(value)
            out.setdefault(name, BundleFile(name, _read_material(base, value, declaration_path), "material",
                                            f"evaluation.{kind}", value))
    return list(out.values())


def build_bundle(
    report: Report, *, declaration_path: str, declaration_bytes: bytes, report_json: str,
    checklist_xlsx: bytes, checklist_json: str, drafts: list[tuple[str, bytes]], evaluation: Any = None,
) -> Bundle:
    """The bundle's bytes and manifest from already rendered parts (pure apart from reading materials)."""
    files = [
        BundleFile("declaration/" + Path(declaration_path).name, declaration_bytes, "declaration",
                   source=report.input_path),
        BundleFile("report.json", report_json.encode("utf-8"), "report"),
        BundleFile("checklist.xlsx", checklist_xlsx, "checklist"),
        BundleFile("checklist.json", checklist_json.encode("utf-8"), "checklist"),
        *(BundleFile("drafts/" + name, data, "draft") for name, data in drafts),
        *collect_materials(report, declaration_path, evaluation),
    ]
    files.sort(key=lambda f: f.path)
    names = [f.path for f in files]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise InputError(f"two materials would be stored as {dup}", Location(declaration_path))
    manifest = {
        "bundle_version": BUNDLE_VERSION,
        "tool": {"name": "gaicheck", "version": report.tool_version, "rules": report.rules_version},
        "as_of": report.as_of.isoformat(),
        "service": report.service_name,
        "declaration": {"path": files[[f.kind for f in files].index("declaration")].path,
                        "source": report.input_path, "sha256": report.input_sha256},
        "files": [f.entry() for f in files],
    }
    data = write_zip([(MANIFEST, manifest_bytes(manifest))] + [(f.path, f.data) for f in files])
    return Bundle(data=data, manifest=manifest, files=tuple(files))


# --- verify ---------------------------------------------------------------------------------------

@record(frozen=False)
class Verification:
    """What verify found: each problem names one file."""

    manifest: dict[str, Any]
    manifest_sha256: str
    checked: int = 0
    changed: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every listed file is present, unchanged, and nothing else is in the zip."""
        return not (self.changed or self.missing or self.extra)


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return bool(name) and "\\" not in name and not p.is_absolute() and ".." not in p.parts and ":" not in p.parts[0]


def _open(fh: BinaryIO, display: str) -> zipfile.ZipFile:
    from gaicheck.artifacts.source import Limits, check_zip

    check_zip(fh, display, Limits(), kind="bundle")
    fh.seek(0)
    zf = zipfile.ZipFile(fh)
    names = [i.filename for i in zf.infolist()]
    for name in names:
        if not _safe_name(name):
            raise InputError(f"unsafe member name {name!r} (absolute path, '..' or backslash)", Location(display))
    if len(set(names)) != len(names):
        raise InputError("the archive holds two members of the same name", Location(display))
    return zf


def _hash_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, display: str) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(1024 * 1024):
                h.update(chunk)
                size += len(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        # a CRC error is tampering: report it as changed, never the zipfile message (it may quote data)
        return "unreadable", -1
    return h.hexdigest(), size


def verify_bundle(data: bytes, display: str = "bundle.zip") -> Verification:
    """Re-hash every member of the bundle ``data`` against its manifest."""
    fh = io.BytesIO(data)
    zf = _open(fh, display)
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise InputError(f"no {MANIFEST}: not a gaicheck bundle", Location(display)) from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise InputError(f"{MANIFEST} is {info.file_size} bytes, over {MAX_MANIFEST_BYTES}", Location(display))
    try:
        raw = zf.read(info)
        manifest = json.loads(raw.decode("utf-8"))
        entries = manifest["files"]
        listed = {str(e["path"]): e for e in entries}
        assert isinstance(entries, list) and len(listed) == len(entries)
        for e in entries:
            assert isinstance(e["sha256"], str) and isinstance(e["size"], int)
    except (zipfile.BadZipFile, UnicodeDecodeError, ValueError, KeyError, TypeError, AssertionError, RuntimeError):
        raise InputError(f"{MANIFEST} is not a valid bundle manifest", Location(display)) from None
    result = Verification(manifest=manifest, manifest_sha256=hashlib.sha256(raw).hexdigest())
    present = {i.filename: i for i in zf.infolist() if not i.is_dir() and i.filename != MANIFEST}
    for path, entry in sorted(listed.items()):
        member = present.get(path)
        if member is None:
            result.missing.append(path)
            continue
        digest, size = _hash_member(zf, member, display)
        result.checked += 1
        if digest != entry["sha256"] or size != entry["size"]:
            result.changed.append({"path": path, "expected": entry["sha256"], "actual": digest,
                                   "expected_size": entry["size"], "size": size})
    result.extra = sorted(set(present) - set(listed))
    decl = manifest.get("declaration") or {}
    if isinstance(decl, dict) and decl.get("path") in listed and listed[decl["path"]]["sha256"] != decl.get("sha256"):
        result.changed.append({"path": str(decl["path"]), "expected": decl.get("sha256"),
                               "actual": listed[decl["path"]]["sha256"], "expected_size": None, "size": None,
                               "note": "manifest's declaration sha256 differs from its file entry"})
    return result
