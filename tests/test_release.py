"""The release as users get it: the sdist, and the wheel built *from the sdist* (what pip, pipx and
distro packagers do), carry every data file, the licence and no placeholder address (issue 14)."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
DATA = REPO / "src" / "gaicheck" / "_data"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: build with the hatchling of the test environment, so no network is needed.
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "-o", str(out), str(REPO)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0 and "No module named build" in proc.stderr:
        pytest.skip("the 'build' package is not installed (pip install '.[test]')")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return out


def _wheel(dist: Path) -> zipfile.ZipFile:
    (wheel,) = dist.glob("gaicheck-*.whl")
    return zipfile.ZipFile(wheel)


def _sdist(dist: Path) -> tarfile.TarFile:
    (sdist,) = dist.glob("gaicheck-*.tar.gz")
    return tarfile.open(sdist)


def _shipped_data() -> list[str]:
    return sorted(
        "gaicheck/_data/" + p.relative_to(DATA).as_posix()
        for p in DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )


def test_wheel_from_sdist_has_every_rule_and_template(dist: Path) -> None:
    names = set(_wheel(dist).namelist())
    expected = _shipped_data()
    assert len(expected) > 150  # rules, taxonomy, documents registry, templates
    missing = [n for n in expected if n not in names]
    assert missing == [], f"{len(missing)} data files are not in the wheel, e.g. {missing[:3]}"


def test_no_symlinks_in_the_package_data() -> None:
    # A symlinked data folder is dropped from the sdist: the 0.1 wheel built from it had no rules.
    links = [p for p in (REPO / "src").rglob("*") if p.is_symlink()]
    assert links == []


def test_licence_in_sdist_and_wheel(dist: Path) -> None:
    sdist_names = _sdist(dist).getnames()
    assert any(n.endswith("/LICENSE") for n in sdist_names)
    wheel = _wheel(dist)
    licences = [n for n in wheel.namelist() if n.endswith("LICENSE") and ".dist-info/" in n]
    assert licences, "the wheel carries no LICENSE"
    assert "Apache License" in wheel.read(licences[0]).decode()
    (meta,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    text = wheel.read(meta).decode()
    assert "License-Expression: Apache-2.0" in text
    assert "Classifier: Programming Language :: Python :: 3.11" in text


def test_no_placeholder_address_in_what_ships(dist: Path) -> None:
    wheel = _wheel(dist)
    hits = [n for n in wheel.namelist() if b"gaicheck.example" in wheel.read(n)]
    assert hits == []
    schema = (REPO / "schema" / "declaration.schema.json").read_text(encoding="utf-8")
    assert "gaicheck.example" not in schema
