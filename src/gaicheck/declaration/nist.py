"""``nist:`` — NIST AI RMF practices and their evidence."""

from __future__ import annotations

from typing import Literal, Optional

from gaicheck.declaration.base import Strict


class Practice(Strict):
    """Status of one AI RMF subcategory practice."""

    status: Literal["implemented", "partial", "planned"]
    evidence: Optional[str] = None


class Nist(Strict):
    """NIST AI RMF alignment."""

    required: Optional[bool] = None
    practices: Optional[dict[str, Practice]] = None
