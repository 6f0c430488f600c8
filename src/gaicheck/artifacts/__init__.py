"""Reading and counting filing artifacts: keyword lists, test banks and evaluation results.

Public entry points (the engine imports this package lazily, only when a declaration names
artifact documents):

- :func:`analyze_artifact` — counts for one keyword list or test bank (:class:`ArtifactStats`);
- :func:`find_overlap` — the same question in the should-refuse and should-not-refuse banks;
- :func:`count_results` / :func:`declared_results` — TC260-003 §9 sampling results;
- :func:`load_taxonomy` / :class:`Resolver` — the 31 Appendix A risks and label resolution.

Nothing in this package ever puts an item's text in an exception, a log, a repr or the stats.
"""

from __future__ import annotations

from gaicheck.artifacts.analysis import KINDS, ArtifactStats, ColumnNames, LineList, analyze_artifact
from gaicheck.artifacts.overlap import Overlap, find_overlap
from gaicheck.artifacts.results import EvaluationStats, count_results, declared_results
from gaicheck.artifacts.source import Limits, inspect_file
from gaicheck.artifacts.taxonomy import Resolver, Taxonomy, load_taxonomy

__all__ = [
    "KINDS", "ArtifactStats", "ColumnNames", "EvaluationStats", "LineList", "Limits", "Overlap",
    "Resolver", "Taxonomy", "analyze_artifact", "count_results", "declared_results", "find_overlap",
    "inspect_file", "load_taxonomy",
]
