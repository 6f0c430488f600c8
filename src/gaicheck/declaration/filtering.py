"""``safeguards.content_filtering:`` — the classification model's labels and bank update dates.

TC260-003 §8.1–§8.4: the keyword list is updated weekly [U], the test banks monthly, and the
classification model covers all 31 Appendix A risks. The label list may use any spelling the
taxonomy resolves (``A.1a``, ``csv.subversion``, ``颠覆国家政权`` …) or the team's own labels
mapped in ``settings.artifacts.category_map``.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import Field

from gaicheck.declaration.base import Strict


class ContentFiltering(Strict):
    """Keyword list, test banks and classifier: facts that are not in the files themselves."""

    classifier_labels: Optional[list[str]] = Field(
        default=None, description="Risk categories the classification model detects (codes, ids or names).")
    keyword_list_updated: Optional[dt.date] = Field(default=None, description="Date of the last keyword-list update.")
    test_banks_updated: Optional[dt.date] = Field(default=None, description="Date of the last test-bank update.")
