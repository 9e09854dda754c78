"""The frozen site in a real browser: Debian's Chromium, driven by Playwright.

The sample site (plus a page with math and code) is frozen for a sub-path and served on
127.0.0.1. Every page is opened at 360×740 and 1280×800, in light and dark mode, and checked:
no horizontal scrolling, no console errors, no failed requests or requests elsewhere, the CSP
in place and never violated, no serious or critical axe-core findings. Screenshots go to the
folder printed at the end of the test run.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tag_site import ROOT, create_app

from .helpers import MATH_PAGE, SAMPLE, TODAY, free_port, freeze, preview_server

CHROMIUM = next(
    filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
)
if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("CI must run the browser tests: install Debian's chromium", pytrace=False)
    pytest.skip("no Chromium here: install Debian's 'chromium' to run the browser tests",
                allow_module_level=True)  # fmt: skip

playwright = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

SCREENSHOTS = ROOT / "test-screenshots"
SIZES = {"phone": (360, 740), "desktop": (1280, 800)}
SCHEMES = ("light", "dark")
PAGES = {
    "home": "",
    "members": "members/",
    "join": "join/",
    "jobs": "jobs/",
    "events": "events/",
    "event": "events/2026/summer-school/",
    "news": "news/",
    "post": "news/2026/kickoff/",
    "math": "math/",
    "search": "search/",
    "404": "no/such/page/",
}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip
WATCH_CSP = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective));"
)


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a build under /sciml/ as GitHub Pages would, 404.html for what is missing."""

    def translate_path(self, path: str) -> str:
        inside = urlsplit(path).path.removeprefix("/sciml")
        return super().translate_path(inside if inside.startswith("/") else "/" + inside)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served(content: Path) -> Iterator[str]:
    """Freeze ``content`` for http://127.0.0.1:PORT/sciml/ and serve it there."""
    build = content.parent / "build"
    build.mkdir()
    handler = functools.partial(_SubPathHandler, directory=str(build))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_port}/sciml/"
    app = create_app({"CONTENT_DIR": str(content), "TODAY": TODAY})
    result = freeze(app, "--dest", str(build), "--base-url", base)
    assert result.exit_code == 0, result.output
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Freeze the sample site for http://127.0.0.1:PORT/sciml/ and serve it there."""
    content = tmp_path_factory.mktemp("site") / "content"
    shutil.copytree(SAMPLE, content)
    (content / "math.md").write_text(MATH_PAGE, "utf-8")
    (content / "escapes.md").write_text(ESCAPES_PAGE, "utf-8")
    with served(content) as base:
        yield base


# A page that shows character references as text: "&#64;" is no "@" to its reader.
ESCAPES_PAGE = """---
title: Escapes
---

The quokka note shows AT&amp;T and x&amp;#64;example.org as they are written.
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Start Debian's Chromium once for the module."""
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(
    browser: Any, url: str, size: str, scheme: str
) -> tuple[Any, Any, dict[str, list[str]]]:
    """Open ``url`` in a fresh context; return the context, the page and what went wrong."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    origin = urlsplit(url).netloc
    trouble: dict[str, list[str]] = {"console": [], "failed": [], "elsewhere": []}

    def only_here(route: Any) -> None:
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            trouble["elsewhere"].append(route.request.url)
            route.abort()

    context.route("**/*", only_here)
    page = context.new_page()
    page.add_init_script(WATCH_CSP)
    page.on("console", lambda m: trouble["console"].append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: trouble["failed"].append(r.url))
    return context, page, trouble


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_every_kind_of_page_loads_cleanly_fits_and_passes_axe(
    browser: Any, site_url: str, name: str, size: str, scheme: str
) -> None:
    """The page loads cleanly, fits the screen, keeps its CSP, and passes axe."""
    context, page, trouble = open_page(browser, site_url, size, scheme)
    try:
        response = page.goto(site_url + PAGES[name], wait_until="load")
        assert response is not None and response.status == (404 if name == "404" else 200)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}-{scheme}.png"), full_page=True)
        assert (
            page.evaluate("document.head.firstElementChild.httpEquiv") == "Content-Security-Policy"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        if name == "404":  # the 404 response itself is logged by Chromium as a console error
            trouble["console"] = [t for t in trouble["console"] if "404" not in t]
        assert trouble == {"console": [], "failed": [], "elsewhere": []}
        assert page.evaluate("window.__csp") == []
        results = axe_module.Axe().run(page)
        serious = [
            v["id"]
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], results.generate_report()
    finally:
        context.close()


def test_math_is_mathml_with_a_size(browser: Any, site_url: str) -> None:
    """Formulas are MathML elements that the browser lays out (no JavaScript involved)."""
    context, page, _ = open_page(browser, site_url, "desktop", "light")
    try:
        page.goto(site_url + PAGES["math"])
        boxes = [m.bounding_box() for m in page.locator("math").all()]
        assert len(boxes) == 3
        assert all(box and box["width"] > 50 and box["height"] > 10 for box in boxes)
    finally:
        context.close()


def ink_height(png: bytes) -> int:
    """Return how many rows of a screenshot hold ink: pixels darker than the background."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    return sum(1 for y in range(height) if any(pixels[x, y] < 128 for x in range(width)))


def test_a_formulas_letters_are_as_tall_as_the_texts(browser: Any, site_url: str) -> None:
    """Issue 22: formulas were drawn smaller than the text around them: the math font's x is
    0.43 of its size, the text's sans-serif 0.5 to 0.55. A formula's x is drawn as tall as
    the text's x, within a pixel (at twice the screen's resolution)."""
    context = browser.new_context(device_scale_factor=2, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site_url + PAGES["math"])
        page.evaluate(
            """() => document.querySelector("main").insertAdjacentHTML("afterbegin",
            '<p><span id="text">x</span> and <math><mi id="formula">x</mi></math></p>')"""
        )
        text = ink_height(page.locator("#text").screenshot())
        formula = ink_height(page.locator("#formula").screenshot())
        assert abs(text - formula) <= 1, (text, formula)
    finally:
        context.close()


def test_menu_on_a_phone_with_mouse_and_keyboard(browser: Any, site_url: str) -> None:
    """At 360 px the menu is collapsed; it opens by click or by keyboard, and links work."""
    context, page, _ = open_page(browser, site_url, "phone", "light")
    try:
        page.goto(site_url)
        members = page.get_by_role("link", name="Members", exact=True)
        assert not members.is_visible()
        menu = page.get_by_text("Menu", exact=True)
        menu.click()
        assert members.is_visible()
        menu.click()
        assert not members.is_visible()  # and closes again
        menu.click()
        members.click()
        page.wait_for_url("**/members/")
        assert page.locator("h1").inner_text() == "Group Members"
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        box = skip.bounding_box()
        assert box is not None and box["y"] >= 0  # the skip link shows when focused
        page.keyboard.press("Tab")  # the site title
        page.keyboard.press("Tab")  # the menu toggle
        assert page.evaluate("document.activeElement.id") == "nav-toggle"
        outline = page.evaluate(
            "getComputedStyle(document.querySelector('.nav-toggle-label')).outlineStyle"
        )
        assert outline != "none"  # focus is visible on the Menu button
        page.keyboard.press("Space")
        events = page.get_by_role("link", name="Events", exact=True)
        assert events.is_visible()
        page.keyboard.press("Space")  # and closes again
        assert not events.is_visible()
    finally:
        context.close()


def test_skip_link_moves_focus_to_the_content(browser: Any, site_url: str) -> None:
    """The first Tab reaches 'Skip to content'; Enter puts the reader in the main content."""
    context, page, _ = open_page(browser, site_url, "desktop", "dark")
    try:
        page.goto(site_url + "events/")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "content"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_finds_the_page_a_word_is_on(browser: Any, site_url: str, scheme: str) -> None:
    """A word only the kick-off post has, typed into /search/: that post is the first result,
    its link under the sub-path; Pagefind runs in its worker, nothing breaks the page's
    strict CSP, and the results pass axe."""
    context, page, trouble = open_page(browser, site_url, "desktop", scheme)
    warned: list[str] = []
    page.on("console", lambda m: warned.append(m.text) if m.type == "warning" else None)
    try:
        page.goto(site_url + "search/", wait_until="load")
        page.get_by_role("textbox", name="Search").fill("discussed")
        first = page.locator(".pagefind-ui__result-link").first
        first.wait_for(timeout=10_000)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"search-results-{scheme}.png"), full_page=True)
        assert first.get_attribute("href") == urlsplit(site_url).path + "news/2026/kickoff/"
        assert first.inner_text() == "Kick-off meeting"
        assert "usual search engine" not in page.locator("main").inner_text()  # the box's place
        assert trouble == {"console": [], "failed": [], "elsewhere": []}
        assert page.evaluate("window.__csp") == []
        assert not [text for text in warned if "falling back to main thread" in text]
        results = axe_module.Axe().run(page)
        found = [v["id"] for v in results.response["violations"] if v["impact"] != "minor"]
        assert found == [], results.generate_report()
    finally:
        context.close()


def test_search_results_show_the_text_the_page_shows(browser: Any, site_url: str) -> None:
    """A page showing the text "x&#64;example.org" (written x&amp;#64;…): the search's result
    showed "x@example.org", as Pagefind's results box reads what it indexed as HTML."""
    context, page, trouble = open_page(browser, site_url, "desktop", "light")
    try:
        page.goto(site_url + "search/", wait_until="load")
        page.get_by_role("textbox", name="Search").fill("quokka")
        # the result's link is drawn once its text is loaded (dots stand in for it till then)
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
        shown = page.locator(".pagefind-ui__result").first.inner_text()
        assert "AT&T" in shown and "x&#64;example.org" in shown, shown
        assert "@" not in shown, shown
        assert trouble == {"console": [], "failed": [], "elsewhere": []}
    finally:
        context.close()


def test_search_without_javascript_says_how_to_search(browser: Any, site_url: str) -> None:
    """With JavaScript off, the search page tells the visitor another way to search."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "search/", wait_until="load")
        assert "usual search engine" in page.locator("main").inner_text()
    finally:
        context.close()


def typical_year(content: Path) -> None:
    """Write a busy year of the group: 10 events, 12 news posts, 4 positions, 30 members."""
    kinds = ["workshop", "school", "conference", "minisymposium", "seminar"]
    for month in range(1, 11):
        (content / "events").mkdir(exist_ok=True)
        (content / f"events/2026-{month:02d}-10-event-{month}.md").write_text(
            f"---\ntitle: Workshop on operator learning and reduced models, part {month}\n"
            f"kind: {kinds[month % 5]}\nstart: 2026-{month:02d}-10\nend: 2026-{month:02d}-12\n"
            f"location: University of Example, City {month}, Country\n---\n\nTalks.\n",
            "utf-8",
        )
    for month in range(1, 13):
        (content / "news").mkdir(exist_ok=True)
        (content / f"news/2026-{month:02d}-03-news-{month}.md").write_text(
            f"---\ntitle: A benchmark suite for learned solvers, release {month}\n---\n\nText.\n",
            "utf-8",
        )
    for number in range(1, 5):
        (content / "jobs").mkdir(exist_ok=True)
        (content / f"jobs/2026-0{number}-15-position-{number}.md").write_text(
            f"---\ntitle: Postdoc in scientific machine learning {number}\nkind: postdoc\n"
            f"employer: University of Example\ndeadline: 2026-0{number + 1}-15\n---\n\nApply.\n",
            "utf-8",
        )
    members = "".join(f"- name: Member {n}\n  country: Country {n % 9}\n" for n in range(30))
    (content / "data/members.yml").write_text(members, "utf-8")


def test_the_reports_table_cells_are_padded(browser: Any, site_url: str) -> None:
    """Issue 22: the report's table cells had no padding at their left: each cell's words
    touched the column before. Every cell is padded on both sides."""
    context, page, _ = open_page(browser, site_url, "desktop", "light")
    try:
        page.goto(site_url + "reports/2026/", wait_until="load")
        paddings = page.evaluate(
            """() => [...document.querySelectorAll('.report-table td, .report-table th')]
            .map(c => [parseFloat(getComputedStyle(c).paddingLeft),
                       parseFloat(getComputedStyle(c).paddingRight)])"""
        )
        assert paddings and all(left >= 8 and right >= 8 for left, right in paddings), paddings
    finally:
        context.close()


def test_a_typical_years_report_prints_on_two_a4_pages(browser: Any, tmp_path: Path) -> None:
    """/reports/2026/ of a busy year, printed to PDF on A4 by Chromium: two pages at most."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    typical_year(content)
    with served(content) as base:
        context, page, _ = open_page(browser, base, "desktop", "light")
        try:
            page.goto(base + "reports/2026/", wait_until="load")
            SCREENSHOTS.mkdir(exist_ok=True)
            page.emulate_media(media="print")
            page.screenshot(path=str(SCREENSHOTS / "report-2026-print.png"), full_page=True)
            pdf = page.pdf(format="A4", print_background=False)
        finally:
            context.close()
    (SCREENSHOTS / "report-2026.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages


def test_a_printed_page_keeps_the_editors_words(browser: Any, tmp_path: Path) -> None:
    """The 55th attack: a paragraph an editor gave a class of the site's own ("banner",
    "subscribe") was left out of the printed page. Printed by Chromium, it stays; what is
    marked ``no-print`` (the site's feed links, an editor's note) is left out."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    (content / "about.md").write_text(
        "---\ntitle: About\n---\n\nThe budget was cut by half.\n{: .banner}\n\nKept too.\n"
        "{: .subscribe}\n\nNot on paper.\n{: .no-print}\n",
        "utf-8",
    )
    with served(content) as base:
        context, page, _ = open_page(browser, base, "desktop", "light")
        try:
            page.goto(base + "about/", wait_until="load")
            page.emulate_media(media="print")
            printed = page.locator("body").inner_text()
            page.goto(base + "events/", wait_until="load")
            events = page.locator("main").inner_text()
        finally:
            context.close()
    assert "The budget was cut by half." in printed and "Kept too." in printed, printed
    assert "Not on paper." not in printed and "news feed (Atom)" not in printed, printed
    assert "events calendar (iCal)" not in events, events


def test_the_preview_reloads_itself_on_save_and_after_a_restart(
    browser: Any, tmp_path: Path
) -> None:
    """Chromium shows a saved change with no key pressed, within half a second here; when the
    server restarts, the page connects again and shows what was saved meanwhile."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    about = content / "about.md"
    about.write_text("---\ntitle: First\n---\n\nText.\n", "utf-8")
    port = free_port()
    context = browser.new_context()  # no routing of requests: it would hold the reconnection
    page = context.new_page()
    page.add_init_script(WATCH_CSP)
    try:
        with preview_server(content, port) as url:
            page.goto(url + "about/", wait_until="load")  # saved before it connects: seen
            saved = time.perf_counter()
            about.write_text("---\ntitle: Second\n---\n\nText.\n", "utf-8")
            page.get_by_role("heading", level=1, name="Second").wait_for()
            seconds = time.perf_counter() - saved
            print(f"save to reloaded page in Chromium: {seconds * 1000:.0f} ms")
            assert seconds < 2
            page.wait_for_load_state("load")  # its live reload: the heading shows before it runs
        about.write_text("---\ntitle: Third\n---\n\nText.\n", "utf-8")
        with preview_server(content, port):
            page.get_by_role("heading", level=1, name="Third").wait_for(timeout=10_000)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


RAN = "document.documentElement.setAttribute('data-ran', 'yes')"


def test_the_preview_runs_no_script_of_a_page_or_an_attachment(
    browser: Any, tmp_path: Path
) -> None:
    """In Chromium, the preview runs neither a page's script taken from an attachment
    (``<script src="/p/evil.txt">``) nor an SVG's own script, opened on its own: ``flask
    check`` refuses both, and an editor may be previewing a stranger's pull request."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    (content / "p").mkdir()
    (content / "p/evil.txt").write_text(f"{RAN};\n", "utf-8")
    (content / "p/page.md").write_text(
        '---\ntitle: Evil\n---\n\nText.\n\n<script src="/p/evil.txt"></script>\n', "utf-8"
    )
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><script>{RAN}</script></svg>\n'
    (content / "a.svg").write_text(svg, "utf-8")
    context = browser.new_context()
    page = context.new_page()
    try:
        with preview_server(content, free_port()) as url:
            for address in ("p/page/", "a.svg"):
                page.goto(url + address, wait_until="load")
                page.wait_for_timeout(200)
                ran = page.evaluate("document.documentElement.getAttribute('data-ran')")
                assert ran is None, address
    finally:
        context.close()
