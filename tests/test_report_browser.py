"""The report in a real browser: headless Chromium renders it, and axe-core checks WCAG 2.1 AA.

Chromium is required in CI (``.ci/run`` installs it); elsewhere the tests are skipped without it.
axe-core is installed from the npm registry into a temporary folder for the test session
(nothing is vendored); without npm or the registry the axe test is skipped, except in CI.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.plans import validate_plan
from innovationsresan.recommendation import recommend
from innovationsresan.report import render_report
from innovationsresan.scoring import score
from tests.test_report import HOSTILE_TEXT, make_catalog, make_plan, parse, team

IN_CI = bool(os.environ.get("CI"))

#: axe-core, pinned so a new release cannot change the verdict between runs.
AXE_PACKAGE = "axe-core@4.10.3"

#: The rule sets axe runs: WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}: the browser tests must run in CI")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    _unavailable("chromium is not installed")
    raise AssertionError("unreachable")  # pragma: no cover - _unavailable always leaves


class Browser:
    """Runs headless Chromium on a file, each run with a fresh profile."""

    def __init__(self, executable: str, workdir: Path) -> None:
        self.executable = executable
        self.workdir = workdir
        self.runs = 0

    def run(self, page: Path, *options: str, timeout: float = 120) -> str:
        """Load *page* with *options*; stdout (the DOM with ``--dump-dom``)."""
        self.runs += 1
        profile = self.workdir / f"profile-{self.runs}"
        done = subprocess.run(
            [
                self.executable,
                *BROWSER_FLAGS,
                f"--user-data-dir={profile}",
                *options,
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert 0 == done.returncode, done.stderr[-2000:]
        return done.stdout

    def dom(self, page: Path, *, wait_ms: int = 0) -> str:
        """The DOM after loading (and after *wait_ms* of virtual time for scripts)."""
        options = ["--dump-dom"]
        if wait_ms:
            options.insert(0, f"--virtual-time-budget={wait_ms}")
        return self.run(page, *options)


@pytest.fixture(scope="module")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Browser:
    """A browser with a scratch folder of its own."""
    return Browser(chromium, tmp_path_factory.mktemp("browser"))


def write_report(folder: Path, lang: str, text: str = "Enhet Norr") -> Path:
    """A full report (plan with problems, cards, stories) written to *folder*."""
    catalog = make_catalog()
    result = score(team(4), catalog)
    plan = make_plan(team=text, title=text)
    path = folder / f"report-{lang}.html"
    path.write_text(
        render_report(
            result,
            catalog,
            suggestions=recommend(result, catalog, k=3),
            plan=plan,
            plan_report=validate_plan(plan, catalog, today=dt.date(2026, 11, 26)),
            lang=lang,
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report in Swedish and English, one full of hostile text, and the demo's report."""
    folder = tmp_path_factory.mktemp("reports")
    demo = folder / "demo"
    assert 0 == main(["demo", "-o", str(demo)], context=Context(out=StringIO(), err=StringIO()))
    return {
        "sv": write_report(folder, "sv"),
        "en": write_report(folder, "en"),
        "hostile": write_report(folder, "sv", HOSTILE_TEXT),
        "demo": demo / "report.html",
    }


# -- PNG, read with zlib only -------------------------------------------------------------------


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, prev: bytes, bpp: int) -> bytearray:
    n = len(line)
    if kind == 1:
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:
        # bytewise addition modulo 256 of whole rows, carried out on two big integers
        low = int.from_bytes(b"\x7f" * n, "big")
        high = int.from_bytes(b"\x80" * n, "big")
        a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
        line = bytearray((((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(n, "big"))
    elif kind == 3:
        for i in range(n):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(n):
            a = line[i - bpp] if i >= bpp else 0
            c = prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + _paeth(a, prev[i], c)) & 0xFF
    return line


def read_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """Width, height, the unfiltered rows and bytes per pixel of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (8, 0) == (depth, interlace), "only 8-bit, non-interlaced images are read"
    bpp = {2: 3, 6: 4}[colour]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), prev, bpp)
        rows.append(bytes(line))
        prev = bytes(line)
    return width, height, rows, bpp


class TestPng:
    def test_reads_a_made_image(self) -> None:
        """The reader gets back the pixels of a small image written with every filter type."""
        width, bpp = 3, 3
        pixels = [
            bytes([10, 20, 30, 200, 100, 50, 0, 255, 128]),
            bytes([5, 5, 5, 250, 0, 9, 7, 8, 9]),
        ]
        filtered = b""
        prev = bytes(width * bpp)
        for kind, row in zip((0, 1, 2, 3, 4), pixels * 3, strict=False):
            filtered += bytes([kind]) + _filter(kind, row, prev, bpp)
            prev = row
        header = struct.pack(">IIBBBBB", width, 5, 8, 2, 0, 0, 0)
        png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
        png += _chunk(b"IDAT", zlib.compress(filtered)) + _chunk(b"IEND", b"")
        _, height, rows, _ = read_png(png)
        assert (5, (pixels * 3)[:5]) == (height, rows)


def _filter(kind: int, row: bytes, prev: bytes, bpp: int) -> bytes:
    out = bytearray(len(row))
    for i, value in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        predictor = [0, a, b, (a + b) >> 1, _paeth(a, b, c)][kind]
        out[i] = (value - predictor) & 0xFF
    return bytes(out)


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


# -- the report in the browser ------------------------------------------------------------------


class TestInBrowser:
    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_dom_has_the_ladder(
        self, browser: Browser, reports: dict[str, Path], lang: str
    ) -> None:
        """The browser builds the SVG ladder with nine rungs in ladder order and its markers."""
        dom = parse(browser.dom(reports[lang]))
        svg = dom.find("svg", role="img")
        rungs = [g.attrs["data-principle"] for g in svg.iter() if "rung" in g.classes()]
        markers = [g for g in svg.iter() if "marker" in g.classes()]
        assert (lang, list(PRINCIPLE_IDS)) == (dom.find("html").attrs["lang"], rungs)
        assert 18 + 2 == len(markers)

    def test_hostile_text_stays_text(self, browser: Browser, reports: dict[str, Path]) -> None:
        """In the browser's DOM the hostile strings are text: no script, image or handler."""
        dom = parse(browser.dom(reports["hostile"]))
        tags = {n.tag for n in dom.iter()}
        handlers = [name for n in dom.iter() for name in n.attrs if name.startswith("on")]
        assert (set(), []) == (tags & {"script", "img", "iframe"}, handlers)
        assert HOSTILE_TEXT == dom.find("p", **{"class": "plan-title"}).text()

    def test_screenshot(self, browser: Browser, reports: dict[str, Path], tmp_path: Path) -> None:
        """A screenshot is produced at the asked size and shows a drawn page, not a blank one."""
        shot = tmp_path / "report.png"
        browser.run(reports["sv"], f"--screenshot={shot}", "--window-size=1200,2000")
        width, height, rows, bpp = read_png(shot.read_bytes())
        pixels = [row[i : i + 3] for row in rows[::4] for i in range(0, len(row), bpp * 4)]
        colours = set(pixels)
        ink = sum(1 for p in pixels if sum(p) < 3 * 200) / len(pixels)
        assert (1200, 2000) == (width, height)
        assert len(colours) >= 50, f"only {len(colours)} colours"
        assert 0.02 <= ink <= 0.5, f"{ink:.1%} of the page is dark"

    def test_prints_on_a4(self, browser: Browser, reports: dict[str, Path], tmp_path: Path) -> None:
        """Printed, the report is a PDF of several A4 pages."""
        boxes, pages = print_pdf(browser, reports["sv"], tmp_path / "report.pdf")
        assert ({(0, 0, 595, 842)}, True) == (boxes, 3 <= pages <= 12)

    @pytest.mark.parametrize("which", ["sv", "en", "demo"])
    def test_main_part_on_three_pages(
        self, browser: Browser, reports: dict[str, Path], tmp_path: Path, which: str
    ) -> None:
        """Printed without its appendices the report takes at most three A4 pages; the
        appendices (the methods step by step, the statistics) follow on pages of their own."""
        page = reports[which]
        main_only = tmp_path / "main.html"
        main_only.write_text(
            page.read_text(encoding="utf-8").replace(
                "</head>", "<style>.appendix, .page-footer { display: none; }</style></head>"
            ),
            encoding="utf-8",
        )
        _, main_pages = print_pdf(browser, main_only, tmp_path / "main.pdf")
        _, all_pages = print_pdf(browser, page, tmp_path / "all.pdf")
        assert main_pages <= 3, f"the main part takes {main_pages} pages"
        assert all_pages > main_pages

    @pytest.mark.parametrize("which", ["sv", "demo"])
    def test_higher_position_drawn_higher(
        self, browser: Browser, reports: dict[str, Path], which: str
    ) -> None:
        """As laid out by the browser, every mark of a higher position is higher on the page,
        and the innovative level lies above the limited one."""
        measured = measure_ladder(browser, reports[which])
        marks = sorted(measured["marks"], key=lambda m: m["value"])
        assert len(marks) >= 18
        for lower, higher in itertools.pairwise(marks):
            if higher["value"] - lower["value"] > 1e-9:
                assert higher["y"] < lower["y"], (lower, higher)
        levels = measured["levels"]
        assert levels["innovative"] < levels["limited"]


def print_pdf(browser: Browser, page: Path, pdf: Path) -> tuple[set[tuple[int, ...]], int]:
    """Print *page* to *pdf*: the set of page boxes and the number of pages."""
    browser.run(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    boxes = {
        tuple(round(float(v)) for v in box.split())
        for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)
    }
    return boxes, len(re.findall(rb"/Type\s*/Page\b", data))


MEASURE_LADDER = """
<script>
var svg = document.querySelector("svg.ladder");
var centre = function (node) {
  var box = node.getBoundingClientRect();
  return box.top + box.height / 2;
};
var marks = Array.prototype.map.call(svg.querySelectorAll("g.marker"), function (g) {
  return {value: Number(g.getAttribute("data-value")), y: centre(g.firstElementChild),
          perspective: g.getAttribute("data-perspective"), kind: g.getAttribute("data-kind")};
});
var levels = {};
svg.querySelectorAll("[data-level]").forEach(function (g) {
  levels[g.getAttribute("data-level")] = centre(g.querySelector("rect"));
});
var out = document.createElement("pre");
out.id = "measured";
out.textContent = JSON.stringify({marks: marks, levels: levels});
document.body.appendChild(out);
</script>
"""


def measure_ladder(browser: Browser, page: Path) -> dict[str, Any]:
    """Where the browser lays out the ladder's marks and levels (y of their centres)."""
    measured = page.with_name(page.stem + "-measured.html")
    measured.write_text(
        page.read_text(encoding="utf-8").replace("</body>", MEASURE_LADDER + "</body>"),
        encoding="utf-8",
    )
    found = re.search(r'<pre id="measured">(.*?)</pre>', browser.dom(measured), re.DOTALL)
    assert found, "the measuring script did not report"
    result: dict[str, Any] = json.loads(found.group(1).replace("&amp;", "&"))
    return result


# -- axe-core -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The source of axe-core, installed from npm for this session."""
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("npm is not installed, so axe-core cannot be fetched")
        raise AssertionError("unreachable")  # pragma: no cover
    folder = tmp_path_factory.mktemp("axe")
    done = subprocess.run(
        [
            npm,
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(folder),
            AXE_PACKAGE,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if done.returncode != 0 or not script.exists():
        _unavailable(f"npm could not install {AXE_PACKAGE}: {done.stderr[-500:]}")
    return script.read_text(encoding="utf-8")


AXE_RUNNER = """
<script>{axe}</script>
<script>
axe.run(document, {{runOnly: {{type: "tag", values: {tags}}}, resultTypes: ["violations"]}})
  .then(function (result) {{ report({{violations: result.violations.map(function (v) {{
      return {{id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(function (n) {{ return n.target.join(" "); }})}}; }})}}); }})
  .catch(function (error) {{ report({{error: String(error)}}); }});
function report(data) {{
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify(data);
  document.body.appendChild(out);
}}
</script>
"""


def run_axe(browser: Browser, page: Path, axe: str) -> dict[str, object]:
    """axe-core's verdict on *page*, run inside the browser."""
    checked = page.with_name(page.stem + "-axe.html")
    runner = AXE_RUNNER.format(axe=axe, tags=json.dumps(AXE_TAGS))
    checked.write_text(
        page.read_text(encoding="utf-8").replace("</body>", runner + "</body>"), encoding="utf-8"
    )
    dom = browser.dom(checked, wait_ms=30000)
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.DOTALL)
    assert found, "axe-core did not report"
    text = found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    result: dict[str, object] = json.loads(text)
    return result


class TestAxe:
    @pytest.mark.parametrize("which", ["sv", "en", "hostile", "demo"])
    def test_no_violations(
        self, browser: Browser, reports: dict[str, Path], axe_source: str, which: str
    ) -> None:
        """axe-core finds no WCAG 2.1 A or AA violation in the report."""
        assert {"violations": []} == run_axe(browser, reports[which], axe_source)

    def test_axe_catches_a_bad_page(
        self, browser: Browser, axe_source: str, tmp_path: Path
    ) -> None:
        """The same run reports a page without a language and with faint text (it can fail)."""
        bad = tmp_path / "bad.html"
        bad.write_text(
            "<!DOCTYPE html><html><head><title>x</title></head><body>"
            '<p style="color:#bbbbbb;background:#ffffff">faint</p></body></html>',
            encoding="utf-8",
        )
        result = run_axe(browser, bad, axe_source)
        violations = result["violations"]
        assert isinstance(violations, list)
        assert {"html-has-lang", "color-contrast"} <= {v["id"] for v in violations}
