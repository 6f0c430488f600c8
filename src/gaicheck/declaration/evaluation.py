"""``evaluation:`` — TC260-003 §9 sampling results, as a results file or declared counts."""

from __future__ import annotations

from typing import Optional, Union

from pydantic import Field

from gaicheck.declaration.base import Strict


class SampleCounts(Strict):
    """Declared counts of one sampling: size and how many passed (or were refused)."""

    size: int = Field(ge=0)
    passed: Optional[int] = Field(default=None, ge=0)
    refused: Optional[int] = Field(default=None, ge=0)
    corpus_size: Optional[int] = Field(default=None, ge=0, description="Corpus size, for the ≥10 % sample rule.")


Sample = Union[str, SampleCounts]


class Evaluation(Strict):
    """One entry per TC260-003 §9 sampling."""

    generated_manual_sample: Optional[Sample] = None
    generated_keyword_sample: Optional[Sample] = None
    generated_classifier_sample: Optional[Sample] = None
    should_refuse_sample: Optional[Sample] = None
    should_not_refuse_sample: Optional[Sample] = None
    corpus_manual_sample: Optional[Sample] = None
    corpus_filter_sample: Optional[Sample] = None
