"""The layer contract of STYLE.md (recommendation 1), run by import-linter from pyproject.toml.

Engine, catalog, declaration and report code never import the CLI or click: a new import cycle or
a print-and-exit in the engine fails here instead of waiting for a review.
"""

from __future__ import annotations

import os

from tests.conftest import REPO

from importlinter import cli as importlinter_cli  # in the test extra: a missing linter fails, never skips


def test_engine_layers_do_not_import_the_cli_or_click() -> None:
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        code = importlinter_cli.lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True)
    finally:
        os.chdir(cwd)
    assert code == 0, "import-linter contract broken: run `lint-imports` for the import chain"
