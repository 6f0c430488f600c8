"""First pass over a file: limits, file types, sha256 and encoding detection."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest

from gaicheck.artifacts import Limits, analyze_artifact, inspect_file
from gaicheck.errors import InputError


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_bytes("占位条目 1\nplaceholder 2\n".encode())
    bom = tmp_path / "b.txt"
    bom.write_bytes("占位条目 1\nplaceholder 2\n".encode("utf-8-sig"))
    assert inspect_file(plain).encoding == "utf-8"
    assert inspect_file(bom).encoding == "utf-8-sig"
    assert inspect_file(plain).sha256 == hashlib.sha256(plain.read_bytes()).hexdigest()


def test_gb18030_detected(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes("占位条目 一\n占位条目 二\n示例文本\n".encode("gbk"))
    assert inspect_file(p).encoding == "gb18030"
    stats = analyze_artifact(p, "keyword_list")
    assert stats.total == 3 and stats.languages == {"zh": 3}


def test_ascii_is_utf8(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_bytes(b"text\nplaceholder\n")
    assert inspect_file(p).encoding == "utf-8"


def test_bad_encoding_names_file_and_line(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    # line 3 has a Latin-1 byte that is neither UTF-8 nor a GB18030 sequence (0xE9 before \n)
    p.write_bytes(b"placeholder one\nplaceholder two\nplaceholder caf\xe9\nplaceholder four\n")
    with pytest.raises(InputError) as err:
        inspect_file(p, "filing/latin.txt")
    assert err.value.location is not None
    assert str(err.value.location) == "filing/latin.txt:3"
    assert "UTF-8" in err.value.message


def test_latin1_that_decodes_as_gb18030_is_refused(tmp_path: Path) -> None:
    # "Müller Straße" in Latin-1 decodes under GB18030 as rare extension characters
    p = tmp_path / "latin.txt"
    p.write_bytes("Müller Straße\nÄrger über Öl\n".encode("latin-1"))
    with pytest.raises(InputError, match="neither UTF-8 nor GB18030"):
        inspect_file(p)


def test_utf16_refused(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes("placeholder\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        inspect_file(p)


def test_nul_byte_line(tmp_path: Path) -> None:
    p = tmp_path / "nul.txt"
    p.write_bytes(b"a\nb\nc\x00d\n")
    with pytest.raises(InputError) as err:
        inspect_file(p)
    assert err.value.location is not None and err.value.location.line == 3


@pytest.mark.parametrize("long_line", [1, 4, 7])
def test_line_too_long_names_line(tmp_path: Path, long_line: int) -> None:
    lines = [b"short"] * 8
    lines[long_line - 1] = b"x" * 300
    p = tmp_path / "long.txt"
    p.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(InputError) as err:
        inspect_file(p, limits=Limits(max_line_bytes=100))
    assert err.value.location is not None and err.value.location.line == long_line
    assert "longer than 100 bytes" in err.value.message


def test_line_at_limit_is_fine(tmp_path: Path) -> None:
    p = tmp_path / "ok.txt"
    p.write_bytes(b"x" * 100 + b"\n" + b"y" * 100)
    assert inspect_file(p, limits=Limits(max_line_bytes=100)).size == 201


def test_file_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"x\n" * 600)
    with pytest.raises(InputError, match="over the 1000-byte limit"):
        inspect_file(p, limits=Limits(max_file_bytes=1000))


def test_directory_missing_and_fifo(tmp_path: Path) -> None:
    d = tmp_path / "dir.txt"
    d.mkdir()
    with pytest.raises(InputError, match="not a regular file"):
        inspect_file(d)
    with pytest.raises(InputError, match="not found"):
        inspect_file(tmp_path / "missing.csv")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):  # must not block opening it
        inspect_file(fifo)


def test_device_refused() -> None:
    with pytest.raises(InputError, match="unsupported artifact file type"):
        inspect_file("/dev/null")
    with pytest.raises(InputError, match="not a regular file"):
        inspect_file("/dev/null", fmt="txt")


def test_unsupported_types(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf")
    with pytest.raises(InputError, match=r"\.xls workbooks"):
        inspect_file(tmp_path / "old.xls")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported"):
        inspect_file(tmp_path / "a.pdf")


def test_xlsx_zip_bomb_guard(tmp_path: Path) -> None:
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * 200_000)
    with pytest.raises(InputError, match="expands to"):
        inspect_file(p, limits=Limits(max_xlsx_uncompressed_bytes=100_000))


def test_xlsx_ratio_guard(tmp_path: Path) -> None:
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (11 * 1024 * 1024))
    with pytest.raises(InputError, match="zip bomb"):
        inspect_file(p)


def test_not_a_zip(tmp_path: Path) -> None:
    p = tmp_path / "fake.xlsx"
    p.write_bytes(b"placeholder, not a workbook")
    with pytest.raises(InputError, match="not a valid .xlsx"):
        inspect_file(p)


def test_zip_without_workbook(tmp_path: Path) -> None:
    p = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "placeholder")
    with pytest.raises(InputError, match="not a readable .xlsx"):
        analyze_artifact(p, "keyword_list")
