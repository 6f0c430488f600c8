"""The dashboard in a real browser (issue 19 #4): headless Chromium builds the DOM and takes a screenshot.

Skips with a reason where /usr/bin/chromium is absent (.ci/run installs the Debian package). The page is
opened from file:// with the network off, as a user opens a saved report.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from gaicheck.api import assess
from gaicheck.report import render_reports
from tests.conftest import AS_OF, REPO
from tests.report.test_html import EXAMPLES, parse, portfolio

CHROMIUM = os.environ.get("GAICHECK_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)),
                                reason=f"no headless browser at {CHROMIUM} (apt-get install chromium)")
WIDTH, HEIGHT = 1200, 900


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
           "--hide-scrollbars", f"--user-data-dir={tmp / 'profile'}", "--proxy-server=127.0.0.1:9",
           "--proxy-bypass-list=<-loopback>", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=tmp)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    tmp = tmp_path_factory.mktemp("browser")
    reports = [assess(str(REPO / "examples" / e / "service.yaml"), display=f"examples/{e}/service.yaml", as_of=AS_OF)
               for e in EXAMPLES]
    (tmp / "dashboard.html").write_text(render_reports("html", reports), encoding="utf-8")
    return tmp, json.loads(render_reports("json", reports))


def test_dom_built_by_the_browser(page: tuple[Path, list[dict]]) -> None:
    tmp, reports = page
    out = chromium(tmp, "--dump-dom", (tmp / "dashboard.html").as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    root = parse(out.stdout)
    rows = portfolio(root)
    assert len(rows) == len(EXAMPLES)
    assert [(r["path"], r["ready"] == "1") for r in rows] == [(j["input"]["path"], j["ready"]) for j in reports]
    words = {"1": "READY", "0": "NOT READY"}
    assert [r["cells"][6].split(" (")[0] for r in rows] == [words[r["ready"]] for r in rows]
    # the inline script ran under the page's CSP from file:// (it shows the filter bar)
    assert "hidden" not in root.by_id("tools").attrs


def test_sort_and_filter_run_in_the_browser(page: tuple[Path, list[dict]]) -> None:
    tmp, reports = page
    # the address carries the state: not-ready services only, most blockers first (column 7)
    url = (tmp / "dashboard.html").as_uri() + "#verdict=0&sort=7&desc"
    out = chromium(tmp, "--dump-dom", url)
    assert out.returncode == 0, out.stderr[-2000:]
    root = parse(out.stdout)
    rows = portfolio(root)
    shown = [r for r in rows if "hidden" not in _row_attrs(root, r["path"])]
    blockers = [int(r["cells"][7]) for r in shown]
    assert [r["path"] for r in shown] and all(r["ready"] == "0" for r in shown)
    assert len(shown) == sum(1 for j in reports if not j["ready"])
    assert blockers == sorted(blockers, reverse=True) and blockers[0] > blockers[-1]
    out = chromium(tmp, "--dump-dom", (tmp / "dashboard.html").as_uri() + "#q=aurora")
    root = parse(out.stdout)
    visible = [r["path"] for r in portfolio(root) if "hidden" not in _row_attrs(root, r["path"])]
    assert visible == ["examples/eu-gpai-provider/service.yaml"]


def _row_attrs(root, path: str) -> dict:  # type: ignore[no-untyped-def]
    (tr,) = [tr for tr in root.by_id("portfolio").find("tr") if tr.attrs.get("data-path") == path]
    return tr.attrs


def _png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered rows of an 8-bit RGB/RGBA PNG (enough for a Chromium screenshot)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6) and body[12] == 0, "not 8-bit RGB(A), non-interlaced"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [r[i:i + 3] for r in rows[::9] for i in range(0, len(r), bpp * 9)]  # a 1/81 sample


def test_screenshot_has_the_size_and_is_not_blank(page: tuple[Path, list[dict]]) -> None:
    tmp, _ = page
    shot = tmp / "shot.png"
    out = chromium(tmp, f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}", (tmp / "dashboard.html").as_uri())
    assert out.returncode == 0 and shot.is_file(), out.stderr[-2000:]
    width, height, pixels = _png(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    non_white = sum(1 for p in pixels if p != b"\xff\xff\xff") / len(pixels)
    colours = set(pixels)
    # text, table rules and the green/red verdicts: many colours, a fair share of ink, not a full page of it
    assert len(colours) > 20 and 0.03 < non_white < 0.8, (len(colours), non_white)
    assert any(g > 100 and r < 80 and b < 80 for r, g, b in colours), "no READY green on the first screen"


def test_png_decoder_sees_a_blank_page(tmp_path: Path) -> None:
    # the check above can fail: a blank page gives one colour
    (tmp_path / "blank.html").write_text("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
                                         encoding="utf-8")
    shot = tmp_path / "blank.png"
    out = chromium(tmp_path, "--window-size=300,200", f"--screenshot={shot}", (tmp_path / "blank.html").as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    width, height, pixels = _png(shot)
    assert (width, height) == (300, 200) and set(pixels) == {b"\xff\xff\xff"}

