"""Paths as CI consumers want them: relative to the repository root, with forward slashes."""

from __future__ import annotations

import hashlib
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Optional


def repo_relative(path: str, root: Optional[str]) -> Optional[str]:
    """``path`` (as given on the command line, relative to the working folder or absolute) relative
    to ``root`` with ``/`` separators; None when there is no root or the file lies outside it."""
    if not root:
        return None
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        return None
    return rel.replace(os.sep, "/")


def shown(path: str, root: Optional[str]) -> str:
    """The repository-relative path when there is one, else ``path`` as given."""
    return repo_relative(path, root) or path.replace("\\", "/")


def finding_fingerprint(rule: str, framework: str, declaration: str) -> str:
    """The stable identity of a finding (SARIF partialFingerprints, Code Quality fingerprint): rule
    id, declaration path (repository-relative) and finding key (one finding per rule and
    declaration: the rule's framework); no line or column, so moving the key keeps the alert."""
    return hashlib.sha256("\0".join((rule, declaration, framework)).encode("utf-8")).hexdigest()
