"""Neutralise control and bidi characters in text that came from a declaration (issue 13).

Declarations are committed by anyone. A service name holding ``ESC ] 0 ;`` retitles the terminal,
``ESC [ 2 J`` clears it, and U+202E (RIGHT-TO-LEFT OVERRIDE) makes a reviewer read a different
string than the one stored. Every human-readable output (terminal, Markdown, GitHub annotations,
JUnit/SARIF messages, checklists, drafts, HTML) passes declaration strings through :func:`clean`.
Machine formats (JSON) keep the exact value: JSON escapes C0 controls itself.
"""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, C1 controls (0x80-0x9F, includes the 8-bit CSI 0x9B),
# bidi embeddings/overrides/isolates and marks, line/paragraph separators, and the BOM/ZWNBSP.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ufeff]"
)


def _visible(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def clean(text: str, *, newlines: bool = True) -> str:
    """``text`` with every unsafe character shown as ``<U+XXXX>`` (TAB kept; LF kept unless
    ``newlines`` is false, then shown as well)."""
    out = _UNSAFE.sub(_visible, text)
    if not newlines:
        out = out.replace("\n", "<U+000A>")
    return out


def is_clean(text: str) -> bool:
    """True when :func:`clean` would not change ``text`` (LF allowed)."""
    return _UNSAFE.search(text) is None
