"""Streaming rows of an .xlsx worksheet with openpyxl's read-only mode (memory stays flat).

The zip central directory has already been checked by :func:`gaicheck.artifacts.source.inspect_file`
(uncompressed size, ratio, member count), so openpyxl never inflates a zip bomb.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

from gaicheck.artifacts.source import Limits, Source, open_regular
from gaicheck.errors import InputError


def iter_sheet(source: Source, sheet: str | None, limits: Limits) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """``(row number, cell values)`` of the named sheet, or the first one."""
    import openpyxl  # deferred: only workbooks need it
    from openpyxl.utils.exceptions import InvalidFileException

    fh = open_regular(source.path, source.display, limits)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about unsupported extensions/styles; irrelevant to counting rows
            warnings.simplefilter("ignore")
            try:
                wb = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
            except (InvalidFileException, KeyError, ValueError, OSError, EOFError):
                raise InputError("not a readable .xlsx workbook", source.location()) from None
            except Exception:  # zipfile/XML parser errors of many kinds; never echo their text
                raise InputError("not a readable .xlsx workbook (corrupt or unsupported)",
                                 source.location()) from None
            try:
                if sheet is None:
                    ws = wb.worksheets[0] if wb.worksheets else None
                    if ws is None:
                        raise InputError("workbook has no worksheet", source.location())
                elif sheet in wb.sheetnames:
                    ws = wb[sheet]
                else:
                    raise InputError(f"workbook has no sheet named {sheet!r}", source.location())
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()  # exporters often write a wrong <dimension>; read every row
                try:
                    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                        yield number, values
                except InputError:
                    raise
                except Exception:
                    raise InputError("worksheet could not be read (corrupt XML?)", source.location()) from None
            finally:
                wb.close()
    finally:
        fh.close()
