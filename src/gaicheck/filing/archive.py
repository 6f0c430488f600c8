"""Zip archives with reproducible bytes: fixed timestamps, permissions and member order.

Office files (.docx, .xlsx) are zips whose writers stamp each member with the current time, so
the same document saved twice differs. :func:`normalise_zip` rewrites one with fixed stamps;
:func:`write_zip` builds a new archive (the filing bundle) from sorted members.
"""

from __future__ import annotations

import io
import re
import zipfile

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Iterable, Optional

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _info(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


def normalise_zip(data: bytes, *, stamp: tuple[int, int, int, int, int, int] = FIXED_ZIP_TIME,
                  modified: Optional[str] = None) -> bytes:
    """``data`` (a zip: .docx or .xlsx) rewritten with fixed timestamps and permissions, members in
    their original order ([Content_Types].xml stays first), so equal content gives equal bytes.
    ``modified`` (W3CDTF) replaces docProps/core.xml's modification time, which some writers
    (openpyxl) set to the time of saving whatever the document says."""
    src = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for info in src.infolist():
        body = src.read(info)
        if modified and info.filename == "docProps/core.xml":
            body = _MODIFIED.sub(lambda m: m.group(1) + modified.encode() + m.group(2), body)
        members.append((info.filename, body))
    return write_zip(members, sort=False, stamp=stamp)


def write_zip(members: Iterable[tuple[str, bytes]], *, sort: bool = True,
              stamp: tuple[int, int, int, int, int, int] = FIXED_ZIP_TIME) -> bytes:
    """A zip of ``members`` (name, bytes): sorted by name unless ``sort`` is false, fixed stamps,
    mode 0644, deflated at level 9."""
    items = sorted(members) if sort else list(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for name, data in items:
            dst.writestr(_info(name, stamp), data)
    return out.getvalue()
