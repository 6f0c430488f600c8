"""The strict YAML loader: positions, duplicate keys, tags, aliases, depth, encodings."""

from __future__ import annotations

import datetime as dt

import pytest

from gaicheck.errors import InputError
from gaicheck.yamlsafe import load_bytes


def test_values_and_positions() -> None:
    value, pos = load_bytes(b"a: 1\nb:\n  c: [x, y]\n  d: 2026-01-02\n", "f.yaml")
    assert value == {"a": 1, "b": {"c": ["x", "y"], "d": dt.date(2026, 1, 2)}}
    assert str(pos.locate(("b", "d"))) == "f.yaml:4:3"
    assert str(pos.locate(("b", "c", 1), prefer_value=True)) == "f.yaml:3:10"
    assert str(pos.locate(("b", "zz"))) == "f.yaml:2:1"  # falls back to the nearest ancestor


@pytest.mark.parametrize(
    ("data", "where", "words"),
    [
        (b"a: 1\nb: 2\na: 3\n", "f.yaml:3:1", "duplicate key 'a' (first at line 1)"),
        (b"a: !!python/object:os.system x\n", "f.yaml:1:4", "not allowed"),
        (b"a: !custom x\n", "f.yaml:1:4", "not allowed"),
        (b"a: [\n", "f.yaml:2:1", "invalid YAML"),
        (b"a: 1\n---\nb: 2\n", "f.yaml:2:1", "more than one YAML document"),
        (b"a: 1\nb: \xff\xfe\n", "f.yaml:2:4", "not valid UTF-8"),
        (b"a: " + b"[" * 100 + b"]" * 100, "f.yaml:1:", "nesting deeper"),
    ],
)
def test_rejections_name_file_line_column(data: bytes, where: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        load_bytes(data, "f.yaml")
    assert str(err.value).startswith(where)
    assert words in str(err.value)


def test_billion_laughs_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i-1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(InputError, match="alias bomb"):
        load_bytes("\n".join(lines).encode(), "bomb.yaml")


def test_bom_and_crlf_are_accepted() -> None:
    value, pos = load_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "f.yaml")
    assert value == {"a": 1, "b": 2}
    assert str(pos.locate(("b",))) == "f.yaml:2:1"


def test_empty_document_is_none() -> None:
    assert load_bytes(b"", "f.yaml")[0] is None
