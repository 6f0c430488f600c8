"""Fuzz: any bytes, in any artifact format, give stats or a clean InputError — never another
exception, never the file's text in the message."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaicheck.artifacts import analyze_artifact
from gaicheck.errors import InputError

CANARY = "CANARY-7f3a"
FORMATS = ["txt", "csv", "tsv", "jsonl", "xlsx"]
text_lines = st.lists(
    st.one_of(st.text(max_size=30), st.just(CANARY), st.sampled_from(['"unclosed', 'a,"b""', "=1+1", "@SUM(A1)", "\x00"])),
    max_size=20,
)


def _bytes_for(fmt: str, lines: list[str], raw: bytes, encoding: str) -> bytes:
    if fmt == "xlsx":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:  # a workbook-shaped zip with arbitrary parts
            zf.writestr("xl/workbook.xml", raw or b"<workbook/>")
            zf.writestr("xl/worksheets/sheet1.xml", ("".join(lines)).encode("utf-8", "replace"))
        return buf.getvalue()
    body = "\n".join(lines).encode(encoding, "replace")
    return body + raw


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(FORMATS), lines=text_lines, raw=st.binary(max_size=64),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1"]),
       kind=st.sampled_from(["keyword_list", "test_bank_generated", "test_bank_should_not_refuse"]))
def test_any_bytes_any_format(tmp_path: Path, fmt: str, lines: list[str], raw: bytes, encoding: str, kind: str) -> None:
    path = tmp_path / f"artifact.{fmt}"
    path.write_bytes(_bytes_for(fmt, lines, raw, encoding))
    try:
        stats = analyze_artifact(path, kind, display=f"filing/artifact.{fmt}")
    except InputError as exc:
        assert str(exc).startswith(f"filing/artifact.{fmt}")
        assert CANARY not in str(exc)
        return
    assert CANARY not in repr(stats.to_dict())
    assert stats.to_dict()["total"] >= 0
