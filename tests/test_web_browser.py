"""The workshop in real Chromium: one facilitator and eight phones at once, axe-core's verdict.

The server is the real ``innovationsresan serve`` in a process of its own, on 127.0.0.1.
Playwright drives the system's Chromium (never a downloaded one). axe-core is installed from
npm for the session, as for the report's browser test. Chromium is required in CI; elsewhere
these tests are skipped without it.

With ``INNOVATIONSRESAN_SCREENSHOTS=DIR`` set, the test also saves the screenshots the
facilitator's guide shows (``docs/images``; see docs/workshop.md for the command).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.files.responses import read_responses
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.packs.loader import load_catalog
from innovationsresan.recommendation import recommend
from innovationsresan.scoring import score
from tests.test_report_browser import AXE_PACKAGE, AXE_TAGS, IN_CI, _unavailable
from tests.test_web_facilitator import close_to

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 320, "height": 640}
PROJECTOR = {"width": 1280, "height": 800}
PHONES = 8
SHOTS = os.environ.get("INNOVATIONSRESAN_SCREENSHOTS")

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not IN_CI, reason="chromium is not installed"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running ``serve`` on a free port; its admin address."""
    folder = tmp_path_factory.mktemp("server")
    command = [
        sys.executable,
        "-m",
        "innovationsresan",
        "serve",
        "--port",
        "0",
        "--db",
        str(folder / "workshops.sqlite3"),
    ]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        try:
            assert process.stdout is not None
            for line in process.stdout:
                found = re.search(r"(http://127\.0\.0\.1:\d+/admin\?key=\S+)", line)
                if found:
                    yield found.group(1)
                    break
            else:
                pytest.fail("serve printed no admin address")
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless system Chromium under Playwright."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def axe(tmp_path_factory: pytest.TempPathFactory) -> str:
    """axe-core's source, installed from npm as tests/test_report_browser.py does."""
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("npm is not installed, so axe-core cannot be fetched")
    folder = tmp_path_factory.mktemp("axe")
    command = ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(folder)]
    done = subprocess.run(
        [str(npm), *command, AXE_PACKAGE],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if done.returncode != 0 or not script.exists():
        _unavailable(f"npm could not install {AXE_PACKAGE}: {done.stderr[-500:]}")
    return script.read_text(encoding="utf-8")


def create(browser: Any, admin: str, lang: str, name: str) -> tuple[Any, str, str]:
    """A facilitator's page with a new workshop; the page, the workshop's address and code."""
    context = browser.new_context(viewport=PROJECTOR, locale="sv-SE")
    page = context.new_page()
    page.goto(admin)
    page.fill("#name", name)
    page.check(f'input[name="lang"][value="{lang}"]')
    page.click("form.create button[type=submit]")
    page.wait_for_selector("#live")
    return page, page.url, page.inner_text(".code")


def shot(page: Any, name: str) -> None:
    """Save a screenshot for the guide when asked to (``INNOVATIONSRESAN_SCREENSHOTS``)."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def answer_screen(page: Any, values: list[int]) -> None:
    """Answer one screen with the keyboard only: arrows in each question, Enter on next."""
    for question, value in enumerate(values):
        first = page.locator("fieldset.rating").nth(question).locator("input").first
        first.focus()
        page.keyboard.press("Space")
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")
    page.locator('button[value="next"]').focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def value_of(phone: int, step: int, question: int) -> int:
    """A spread of answers: every phone, screen and question a little different."""
    return (phone * 3 + step * 2 + question) % 5 + 1


class TestWorkshop:
    def test_eight_phones_and_the_facilitators_screen(
        self, browser: Any, server: str, tmp_path: Path
    ) -> None:
        """Eight phones answer at once; the facilitator's view reaches 8 without a reload and
        shows the figures of score and recommend on the export."""
        facilitator, address, code = create(browser, server, "sv", "Enhet Norr")
        facilitator.evaluate("window.notReloaded = true")
        base = server.split("/admin", maxsplit=1)[0]
        phones = []
        for _ in range(PHONES):
            context = browser.new_context(viewport=PHONE, locale="sv-SE")
            phone = context.new_page()
            phone.goto(f"{base}/j/{code}")
            phone.click("button.primary")
            phones.append(phone)
        # the phones answer screen by screen, side by side
        for step in range(len(PRINCIPLE_IDS)):
            for k, phone in enumerate(phones):
                assert f"Princip {step + 1} av 9" in phone.inner_text(".progress")
                answer_screen(phone, [value_of(k, step, q) for q in range(4)])
                if k == 0 and step == 2:
                    phone.go_back()
                    shot(phone, "sv-phone")
                    phone.go_forward()
        for phone in phones:
            assert "36 av 36" in phone.inner_text("main")
        facilitator.wait_for_selector(f'#live[data-respondents="{PHONES}"]', timeout=30_000)
        assert facilitator.evaluate("window.notReloaded === true")
        assert 'data-principle="curiosity"' in facilitator.inner_html("#live-content")
        shot(facilitator, "sv-live")

        facilitator.click("form[action$='/close'] button")
        facilitator.wait_for_url(re.compile(r"/result$"))
        shot(facilitator, "sv-result")
        shown = facilitator.request.get(address + "/result.json").json()
        archive = facilitator.request.get(address + "/export.zip").body()
        with zipfile.ZipFile(io.BytesIO(archive)) as opened:
            opened.extractall(tmp_path)
        catalog = load_catalog()
        result = score(read_responses(tmp_path / "responses.jsonl"), catalog)
        cards = recommend(result, catalog, k=3)
        assert PHONES == shown["respondents"]
        assert close_to(to_jsonable(result), shown["score"])
        assert [s.id for s in cards] == [c["id"] for c in shown["recommend"]["cards"]]
        assert [s.id for s in cards] == facilitator.eval_on_selector_all(
            "[data-card]", "nodes => nodes.map(n => n.dataset.card)"
        )
        for principle in result.principles:
            row = facilitator.inner_text(f'tr[data-principle="{principle.id}"]')
            mean = principle.organisation.mean
            assert mean is not None
            assert f"{mean:.2f}".replace(".", ",") in row

    def test_the_plan_is_checked_while_typing(self, browser: Any, server: str) -> None:
        """Typing in the plan shows the check's findings without saving or reloading."""
        facilitator, address, _ = create(browser, server, "en", "Team Syd")
        facilitator.goto(address + "/plan")
        facilitator.fill("#a0-what", "Try a pre-mortem")
        facilitator.wait_for_selector('#plan-problems li[data-code="missing-how"]')
        facilitator.fill("#a0-how", "At the next meeting")
        facilitator.locator('#plan-problems li[data-code="missing-how"]').wait_for(state="detached")
        assert facilitator.is_visible('#plan-problems li[data-code="missing-follow-up"]')
        shot(facilitator, "en-plan")

    def test_support_is_written_with_the_keyboard_at_320_px(
        self, browser: Any, server: str
    ) -> None:
        """On a 320 px screen, with the keyboard only, an action's support is chosen and
        typed; the check names the missing person to ask, the form fits the width, and the
        saved plan holds the support."""
        facilitator, address, _ = create(browser, server, "sv", "Team Stöd")
        page = facilitator.context.browser.new_context(viewport=PHONE).new_page()
        page.context.add_cookies(facilitator.context.cookies())  # the facilitator's key
        page.goto(address + "/plan")
        page.focus("#a0-s0-function")
        page.keyboard.press("ArrowDown")  # the first function of the list, by name
        page.wait_for_selector('#plan-problems li[data-code="support-without-owner"]')
        page.keyboard.press("Tab")
        page.keyboard.type("Testmiljö för appen")
        page.keyboard.press("Tab")
        page.keyboard.type("Kajsa på IT")
        page.locator('#plan-problems li[data-code="support-without-owner"]').wait_for(
            state="detached"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.locator('button[value="save"]').focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Planen är sparad." in page.inner_text(".saved-state")
        chosen = page.eval_on_selector("#a0-s0-function", "s => s.value")
        assert chosen.startswith("kiruna:")
        assert "Kajsa på IT" == page.input_value("#a0-s0-ask")
        assert page.is_visible("#a0-s1-need")  # one more entry, empty
        page.context.close()
        facilitator.context.close()


# -- accessibility --------------------------------------------------------------------------------


def run_axe(page: Any, source: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is shown."""
    page.evaluate(source)
    found = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                      resultTypes: ["violations"]})
            .then(r => r.violations.map(v => ({id: v.id, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(" "))})))""",
        AXE_TAGS,
    )
    assert isinstance(found, list)
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
class TestAccessibility:
    def test_participant_pages(
        self, browser: Any, server: str, axe: str, lang: str, viewport: dict[str, int]
    ) -> None:
        """The join, question and thank-you pages pass axe-core (WCAG 2.1 A/AA)."""
        facilitator, _, code = create(browser, server, lang, f"Axe {lang}")
        base = server.split("/admin", maxsplit=1)[0]
        page = browser.new_context(viewport=viewport).new_page()
        found: dict[str, Any] = {}
        page.goto(f"{base}/?lang={lang}")
        found["home"] = run_axe(page, axe)
        page.goto(f"{base}/j/{code}")
        found["join"] = run_axe(page, axe)
        page.click("button.primary")
        found["question"] = run_axe(page, axe)
        page.goto(f"{base}/j/{code}/done")
        found["done"] = run_axe(page, axe)
        page.goto(f"{base}/j/NOCODE")
        found["error"] = run_axe(page, axe)
        assert {name: [] for name in found} == found
        assert lang == page.get_attribute("html", "lang")
        facilitator.context.close()

    def test_facilitator_pages(
        self, browser: Any, server: str, axe: str, lang: str, viewport: dict[str, int]
    ) -> None:
        """The admin, live, join screen, result and plan pages pass axe-core."""
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(server + f"&lang={lang}")
        found: dict[str, Any] = {"admin": run_axe(page, axe)}
        page.fill("#name", f"Axe {lang}")
        page.check(f'input[name="lang"][value="{lang}"]')
        page.click("form.create button[type=submit]")
        page.wait_for_selector("#live")
        address = page.url
        base = server.split("/admin", maxsplit=1)[0]
        code = page.inner_text(".code")
        for k in range(3):  # three answer the first screen: enough for the group's figures
            phone = browser.new_context(viewport=PHONE).new_page()
            phone.goto(f"{base}/j/{code}")
            phone.click("button.primary")
            answer_screen(phone, [value_of(k, 0, q) for q in range(4)])
            phone.context.close()
        page.goto(address)
        page.wait_for_selector('#live[data-respondents="3"]')
        found["live"] = run_axe(page, axe)
        page.goto(address + "/join")
        found["join screen"] = run_axe(page, axe)
        page.goto(address)
        page.click("form[action$='/close'] button")
        page.wait_for_url(re.compile(r"/result$"))
        found["result"] = run_axe(page, axe)
        page.goto(address + "/plan")
        page.fill("#a0-what", "x")
        page.click('button[value="save"]')
        found["plan"] = run_axe(page, axe)
        assert {name: [] for name in found} == found
        context.close()


def test_axe_finds_a_known_violation(browser: Any, axe: str) -> None:
    """The check can fail: an image without a text alternative is found."""
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><title>t</title><body><main><img src="data:,"></main></body></html>'
    )
    assert ["image-alt"] == [v["id"] for v in run_axe(page, axe)]
