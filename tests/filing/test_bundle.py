"""gaicheck bundle / verify: deterministic archive, offline re-hash naming each changed, missing or extra file."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from .helpers import AS_OF, FLAGSHIP, cli, flagship_declaration, write_declaration

CANARY = "机密金丝雀词条QX42"


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "pkg.zip"
    result = cli("bundle", str(FLAGSHIP), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _rezip(path: Path, members: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())


def test_bundle_holds_the_package_and_a_manifest(pkg: Path) -> None:
    members = _members(pkg)
    manifest = json.loads(members["manifest.json"])
    report = json.loads(members["report.json"])
    assert manifest["tool"] == {"name": "gaicheck", "version": report["tool"]["version"], "rules": report["tool"]["rules"]}
    assert manifest["as_of"] == AS_OF == report["as_of"]
    assert manifest["declaration"]["sha256"] == report["input"]["sha256"] == hashlib.sha256(FLAGSHIP.read_bytes()).hexdigest()
    listed = {e["path"]: e for e in manifest["files"]}
    assert set(listed) == set(members) - {"manifest.json"}
    for path, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(members[path]).hexdigest() and entry["size"] == len(members[path])
    # every material the report found, by its path, with the report's hash
    for doc in report["documents"]:
        if doc["path"] and doc["sha256"]:
            assert listed["materials/" + doc["path"]]["sha256"] == doc["sha256"]
            assert listed["materials/" + doc["path"]]["document"] == doc["id"]
    assert {"checklist.xlsx", "checklist.json", "declaration/service.yaml"} <= set(listed)
    assert any(p.startswith("drafts/01_附件1") and p.endswith(".md") for p in listed)


def test_same_inputs_give_the_same_bytes(pkg: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.zip"
    assert cli("bundle", str(FLAGSHIP), "--out", str(again), "--as-of", AS_OF).exit_code == 0
    assert again.read_bytes() == pkg.read_bytes()
    with zipfile.ZipFile(again) as z:
        infos = z.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}


def test_verify_passes_an_untouched_bundle(pkg: Path) -> None:
    result = cli("verify", str(pkg))
    assert result.exit_code == 0 and "ok" in result.output


def test_one_changed_byte_is_named(pkg: Path, tmp_path: Path) -> None:
    target = "materials/filing/拦截关键词.csv"
    members = _members(pkg)
    data = bytearray(members[target])
    data[100] ^= 0x01
    members[target] = bytes(data)
    tampered = tmp_path / "t.zip"
    _rezip(tampered, members)
    result = cli("verify", str(tampered))
    assert result.exit_code == 1
    assert f"changed: {target}" in result.output and result.output.count("changed:") == 1


def test_a_flipped_byte_in_the_archive_is_named(pkg: Path, tmp_path: Path) -> None:
    """Flip one byte of a member's stored data in the zip itself (CRC no longer matches)."""
    raw = bytearray(pkg.read_bytes())
    with zipfile.ZipFile(pkg) as z:
        info = z.getinfo("report.json")
    # local header: 30 bytes + name + extra, then the data
    name_len = int.from_bytes(raw[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    raw[start + info.compress_size // 2] ^= 0xFF
    tampered = tmp_path / "flip.zip"
    tampered.write_bytes(bytes(raw))
    result = cli("verify", str(tampered))
    assert result.exit_code == 1
    assert "changed: report.json" in result.output and result.output.count("changed:") == 1


def test_missing_and_extra_files_are_named(pkg: Path, tmp_path: Path) -> None:
    members = _members(pkg)
    del members["checklist.xlsx"]
    members["materials/filing/新增.txt"] = b"x"
    tampered = tmp_path / "t.zip"
    _rezip(tampered, members)
    result = cli("verify", str(tampered))
    assert result.exit_code == 1
    assert "missing: checklist.xlsx" in result.output and "extra: materials/filing/新增.txt" in result.output


@pytest.mark.parametrize("case", ["garbage", "traversal", "absolute", "no-manifest", "bad-manifest", "bomb"])
def test_malformed_archives_are_input_errors(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.zip"
    if case == "garbage":
        path.write_bytes(b"not a zip at all")
    elif case == "traversal":
        _rezip(path, {"manifest.json": b'{"files": []}', "../evil.txt": b"x"})
    elif case == "absolute":
        _rezip(path, {"manifest.json": b'{"files": []}', "/etc/evil": b"x"})
    elif case == "no-manifest":
        _rezip(path, {"a.txt": b"x"})
    elif case == "bad-manifest":
        _rezip(path, {"manifest.json": b"{not json"})
    else:
        # 64 MiB of zeros deflates over 1000:1: refused before anything is inflated
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            z.writestr("manifest.json", b'{"files": []}')
            with z.open("bomb.bin", "w") as member:
                for _ in range(64):
                    member.write(bytes(1024 * 1024))
        path.write_bytes(buf.getvalue())
    result = cli("verify", str(path))
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gaicheck: error: ") and "Traceback" not in result.output


def test_confidential_materials_stay_inside(tmp_path: Path) -> None:
    decl = flagship_declaration()
    decl["documents"] = {"keyword_list": "kw.csv"}
    rows = "keyword,category\n" + "".join(f"{CANARY}{i},A.1a\n" for i in range(30))
    path = write_declaration(tmp_path, decl, {"kw.csv": rows})
    out = tmp_path / "p.zip"
    built = cli("bundle", str(path), "--out", str(out), "--as-of", AS_OF)
    assert built.exit_code == 0, built.output
    checked = cli("verify", str(out))
    assert checked.exit_code == 0
    assert CANARY not in built.output + checked.output
    assert CANARY.encode() in _members(out)["materials/kw.csv"]


def test_bundle_does_not_overwrite_without_force(pkg: Path) -> None:
    before = pkg.read_bytes()
    result = cli("bundle", str(FLAGSHIP), "--out", str(pkg), "--as-of", AS_OF)
    assert result.exit_code == 2 and "--force" in result.output
    assert pkg.read_bytes() == before
