"""Option callbacks shared by the CLI modules (cli.py, cli_filing.py)."""

from __future__ import annotations

import datetime as dt
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Optional

if TYPE_CHECKING:  # cli_fast reads default_lang and AS_OF_RANGE without importing click
    import click


def parse_date(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[dt.date]:
    """``--as-of`` and friends: an ISO date, or a usage error (exit 2)."""
    import click

    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
    if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
        # date arithmetic (a waiver's one-year limit, ages in days) must stay inside datetime's range
        raise click.BadParameter(f"{value} is out of range ({AS_OF_RANGE[0]} to {AS_OF_RANGE[1]})")
    return day


AS_OF_RANGE = (dt.date(1970, 1, 1), dt.date(2999, 12, 31))


def default_lang() -> str:
    """Report language from the locale (LC_ALL, LC_MESSAGES, LANG): zh for a Chinese locale, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
