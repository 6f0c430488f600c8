"""Option callbacks shared by the CLI modules (cli.py, cli_filing.py)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Optional

import click


def parse_date(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[dt.date]:
    """``--as-of`` and friends: an ISO date, or a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def default_lang() -> str:
    """Report language from the locale (LC_ALL, LC_MESSAGES, LANG): zh for a Chinese locale, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
