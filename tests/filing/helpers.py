"""Helpers for the filing tests: run the CLI in-process, build declarations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from gaicheck.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*/service.yaml"))
FLAGSHIP = REPO / "examples" / "chatbot-filing" / "service.yaml"
AS_OF = "2026-11-27"

MINIMAL: dict[str, Any] = {"gaicheck": 1, "service": {"name": "最小服务", "provider": "最小科技有限公司"}}


def cli(*args: str) -> Result:
    """Run ``gaicheck`` in-process."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def cli_json(*args: str) -> Any:
    result = cli(*args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def write_declaration(folder: Path, decl: dict[str, Any], files: dict[str, str | bytes] | None = None) -> Path:
    """``folder/service.yaml`` plus any files it names."""
    for rel, content in (files or {}).items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    path = folder / "service.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def flagship_declaration() -> dict[str, Any]:
    return yaml.safe_load(FLAGSHIP.read_text(encoding="utf-8"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
