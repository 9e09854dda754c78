"""Hostile and broken content: no hang, no script, no leak, no traceback.

One test (or a few) per way through that an attack on the engine found, grouped by what it
broke. Slow inputs are run against a generous deadline: they must take a fraction of a second
now, and took from seconds to forever before; a deadline missed means a hang came back.
"""

from __future__ import annotations

import contextlib
import gc
import html
import os
import re
import signal
import subprocess
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tag_site import ROOT, create_app
from tag_site.markdown import addresses

from .helpers import ADDRESS, BIN, Write, check, children_of, deadline, freeze, running, snapshot


@pytest.fixture(autouse=True)
def no_collector_callbacks() -> Iterator[None]:
    """Keep the garbage collector out of these tests: the callback Hypothesis installs in
    this process would run Python code where a budget's end cannot be raised, and pytest
    reports that as an error of the test (the budget's reminder ends the work all the same:
    test_a_budget_whose_end_was_swallowed_ends_the_work_anyway)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def alias_bomb(levels: int) -> str:
    """Return a list whose last item stands for 9**levels values through nested aliases."""
    lines = ["- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefghij", "bcdefghijk", strict=False):
        if len(lines) == levels:
            break
        lines.append(f"- &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


# --- Hang: YAML aliases -------------------------------------------------------------------


@pytest.mark.parametrize("where", ["data/members.yml", "data/talks.yml", "site.yml"])
def test_an_alias_bomb_is_refused_at_once(site: Write, app: Flask, where: str) -> None:
    """Nine levels of nested aliases (265 bytes, 387 million values) is one error, at once."""
    site(where, alias_bomb(9) if where != "site.yml" else "title: T\nx:\n" + alias_bomb(9))
    result = check(app)
    assert result.exit_code == 1
    assert f"content/{where}:" in result.output
    assert "repeat more than 10,000 values — write the values out" in result.output


@pytest.mark.parametrize("where", ["data/members.yml", "data/talks.yml", "site.yml"])
def test_aliases_of_a_long_text_are_refused_at_once(site: Write, app: Flask, where: str) -> None:
    """A thousand aliases of a 100 kB text (a thousand values, 100 MB of text) is one error,
    at the line of the aliases."""
    text = "x: &a " + "w" * 100_000 + "\ny: [" + ", ".join(["*a"] * 1000) + "]\n"
    site(where, text if where == "data/talks.yml" else f"title: T\n{text}")
    result = check(app)
    assert result.exit_code == 1
    assert f"content/{where}:{2 if where == 'data/talks.yml' else 3}:" in result.output
    assert "repeat more than 1,000,000 characters of text" in result.output


def test_aliases_within_reason_still_work(site: Write, app: Flask) -> None:
    """A defaults block reused with `<<: *defaults` is fine."""
    site(
        "data/members.yml",
        "- &base\n  name: A\n  country: Italy\n- <<: *base\n  name: B\n",
    )
    assert check(app).exit_code == 0


def test_an_alias_inside_itself_is_refused(site: Write, app: Flask) -> None:
    """`&a [*a]` would walk forever: an error."""
    site("data/talks.yml", "x: &a [*a]\n")
    assert "stands for a value it is part of" in check(app).output


# --- Broken feed: control characters ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("news/2026-01-21-x.md", '---\ntitle: "Bad \\x01 title"\n---\nText\n', ":2:8:"),
        ("news/2026-01-21-x.md", "---\ntitle: X\n---\nA raw \f form feed.\n", ":4:7:"),
        ("news/2026-01-21-x.md", "---\ntitle: X\n---\nA non-character \ufffe.\n", ":4:17:"),
        ("site.yml", 'title: "Bad \\e site title"\n', ":1:8:"),
        ("events/2027-01-01-e.md", '---\ntitle: "E\\eE"\nstart: 2027-01-01\n---\n', ":2:8:"),
    ],
    ids=["title-escape", "form-feed", "non-character", "site-title-esc", "event-esc"],
)
def test_a_control_character_is_an_error_at_its_line_and_column(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str, where: str
) -> None:
    """A control character no XML or HTML can hold is an error at its line and column."""
    site(name, text)
    result = check(app)
    assert result.exit_code == 1
    assert f"content/{name}{where} error: " in result.output
    assert "control character U+" in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and f"content/{name}{where} " in frozen.output, frozen.output
    assert "control character U+" in frozen.output


def run_for(seconds: float, action: Callable[[], object]) -> float:
    """Run ``action`` and return how long it took (for the slow-input cases)."""
    started = time.perf_counter()
    with deadline(seconds):
        action()
    return time.perf_counter() - started


# --- Slow input: linear scanners, stand-ins for what cannot close -------------------------

SLOW = {
    "address-scan": "x" * 200_000 + " ada@example.org",
    "mailto-addresses": "[x](mailto:" + "a@b." * 20_000 + ")",
    "autolink-addresses": "<a@b." * 20_000,
    "code-spans": " ".join("`" * i + "x" for i in range(1, 400)),
    "attribute-list": "{" + "=" * 20_000,
    "nested-brackets": "[" * 5_000 + "]" * 5_000,
    "open-brackets": "[" * 20_000,
    "open-images": "![" * 20_000,
    "open-link-addresses": "[x](" * 20_000,
    "open-tags": "<a" * 20_000,
    "open-autolinks": "<http://a" * 20_000,
    "open-comments": "<!--" * 20_000,
    "open-quoted-values": "<a b=\"<a c='" * 20_000,
    "quoted-angles": '<abbr title="<">x</abbr> ' * 20_000,
    "open-formulas": "\\(" * 20_000,
    "long-link-title": "[x](a" + " " * 20_000 + "b)",
}


@pytest.mark.parametrize("body", list(SLOW.values()), ids=list(SLOW))
def test_slow_input_is_checked_and_frozen_quickly(
    site: Write, app: Flask, tmp_path: Path, body: str
) -> None:
    """Each shape that took seconds to minutes (or forever) is checked and frozen in a
    fraction of the deadline, as a post (its first paragraph is its summary) and as a page."""
    site("news/2026-01-21-x.md", f"---\ntitle: X\n---\n{body}\n")
    site("page.md", f"---\ntitle: P\n---\n\n{body}\n")
    result = check(app)
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0


def test_a_file_that_outruns_the_time_budget_is_named(
    site: Write, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose check outruns the budget is named, and the rest of the site is checked."""
    from tag_site.markdown import limits as bounds

    monkeypatch.setattr(bounds, "BUDGET", 0.001)
    slow = "".join(f"[a](/about/#x{n}) " for n in range(20_000))
    site("page.md", f"---\ntitle: P\n---\n\n{slow}\n")
    result = check(app)
    assert re.search(
        r"content/page.md: error: (reading|checking) this file took more than", result.output
    )


def test_headings_taken_off_one_block_are_read_in_linear_time(site: Write, app: Flask) -> None:
    """12,000 headings with no blank line between them are one block, from whose top each
    heading is taken in turn: the test for a table read the whole rest each time (4 s, over
    the 2 s budget, so the page was refused); now the page is checked and published."""
    site("page.md", "---\ntitle: P\n---\n\n" + "# h\n" * 12_000)
    result = check(app)
    assert result.exit_code == 0, result.output


def test_a_body_rendered_before_counts_against_the_files_budget(
    site: Write, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The time a body took to render counts in its file's budget even when the rendering is
    taken from the cache (made by an earlier page, the feed, an earlier command): the check
    says the same of a file whatever the cache holds, and so does the freeze that runs it."""
    from tag_site.markdown import limits as bounds
    from tag_site.markdown.render import markdown_to_html

    body = "## Same\n\n" * 8_000
    site("news/2026-01-21-x.md", f"---\ntitle: X\n---\n\n{body}")
    (post,) = app.extensions["tag_site"].load().posts
    started = time.process_time()
    markdown_to_html(post.body)  # as a page of the site rendered it first
    took = time.process_time() - started
    monkeypatch.setattr(bounds, "BUDGET", took / 2)  # the render alone is over the budget
    result = check(app)
    assert "content/news/2026-01-21-x.md: error: checking this file took more than" in (
        result.output
    ), result.output


def test_a_feed_that_cannot_be_made_names_the_post(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A post too slow to render fails the freeze at its file, not as a 500 of /feed.xml."""
    from tag_site.markdown import limits as bounds

    monkeypatch.setattr(bounds, "BUDGET", 0.05)
    site("news/2026-01-21-x.md", "---\ntitle: X\n---\n\n" + "## Same\n\n" * 8_000)
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 1
    assert "content/news/2026-01-21-x.md:" in result.output, result.output
    assert "Unexpected status" not in result.output and "Traceback" not in result.output


# --- Crash: deep nesting ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "\n".join("    " * i + "- x" for i in range(300)),
        "> " * 300 + "x",
    ],
    ids=["list-300-deep", "quote-300-deep"],
)
def test_deep_nesting_is_an_error_not_a_crash(
    site: Write, app: Flask, tmp_path: Path, body: str
) -> None:
    """Nesting deeper than the renderer's stack is an error at its line; the preview shows it,
    the freeze refuses; no RecursionError anywhere."""
    site("page.md", f"---\ntitle: P\n---\n\n{body}\n")
    result = check(app)
    assert result.exit_code == 1
    assert "levels deep here, more than the site can show (100)" in result.output
    assert "Traceback" not in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and "levels deep here" in frozen.output, frozen.output
    response = app.test_client().get("/page/")
    assert "RecursionError" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("front_matter", "said"),
    [
        ("x: " + "[" * 600 + "]" * 600, "error: the YAML is nested too deeply"),
        ("x: " + "9" * 5_000, "error: a number in it is too long to read — put it in quotes"),
    ],
    ids=["yaml-600-deep", "number-5000-digits"],
)
def test_yaml_the_reader_cannot_build_is_an_error_not_a_crash(
    site: Write, app: Flask, front_matter: str, said: str
) -> None:
    """YAML nested a few hundred deep (past the values' builder, before the check of depth)
    and a number Python will not read were tracebacks; now errors of their file."""
    site("page.md", f"---\ntitle: P\n{front_matter}\n---\n\nText.\n")
    result = check(app)
    assert result.exit_code == 1 and "content/page.md:" in result.output
    assert said in result.output and "Traceback" not in result.output


def test_a_key_written_after_a_merge_gives_its_value(site: Write, app: Flask) -> None:
    """``<<: *base`` then the key again (YAML's merge: the key written wins) was a ValueError
    of the reader; the page now has the key's own value."""
    site("page.md", "---\nbase: &b {title: Old}\n<<: *b\ntitle: New\n---\n\nText.\n")
    page = app.test_client().get("/page/").get_data(as_text=True)
    assert "<h1>New</h1>" in page or ">New</h1>" in page, page[:300]


# --- Preview 500: files that vanish between listing and reading ---------------------------


def test_a_file_renamed_during_a_scan_is_no_error(
    site: Write, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file (or folder) listed, then gone before it is looked at, is simply not there."""
    import os

    from tag_site.content import store as content_module

    site("events/gone.pdf", b"%PDF")
    real_scandir = os.scandir

    def vanishing(folder: str | Path) -> object:
        entries = real_scandir(folder)
        if Path(folder).name == "events":
            (Path(folder) / "gone.pdf").unlink(missing_ok=True)
        return entries

    monkeypatch.setattr(content_module.os, "scandir", vanishing)
    files, errors = content_module.scan(content)
    assert "events/gone.pdf" not in files and errors == []
    (content / "news").mkdir()
    real_walk = content_module._walk

    def deleted_folder(folder: str | Path) -> object:
        if Path(folder).name == "news":
            Path(folder).rmdir()
        return real_walk(folder)

    monkeypatch.setattr(content_module, "_walk", deleted_folder)
    assert content_module.scan(content)[1] == []


def test_the_preview_survives_renames_racing_it(site: Write, content: Path, app: Flask) -> None:
    """300 requests while a file is renamed back and forth: every one answers 200."""
    import threading

    site("files/a.pdf", b"%PDF")
    stop = threading.Event()

    def rename() -> None:
        a, b = content / "files/a.pdf", content / "files/b.pdf"
        while not stop.is_set():
            a.rename(b)
            b.rename(a)

    worker = threading.Thread(target=rename)
    worker.start()
    try:
        client = app.test_client()
        statuses = {client.get("/about/").status_code for _ in range(300)}
    finally:
        stop.set()
        worker.join()
    assert statuses == {200}


# --- Scripts in attachments ---------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg">{}</svg>'


@pytest.mark.parametrize(
    ("name", "text", "gist"),
    [
        ("files/logo.svg", SVG.format("<script>alert(document.domain)</script>"), "<script>"),
        ("files/logo.svg", SVG.format('<rect onload="alert(1)"/>'), "onload= handler"),
        ("files/logo.svg", SVG.format("<svg:script>alert(1)</svg:script>"), "<script>"),
        ("files/logo.svg", SVG.format('<a xlink:href="javascript:alert(1)">x</a>'), "javascript:"),
        ("files/logo.svg", SVG.format("<foreignObject><p>x</p></foreignObject>"), "foreignobject"),
        ("files/logo.svg", SVG.format('<set attributeName="href" to="javascript:x"/>'), "<set>"),
        ("files/page.htm", "<html><body><script>alert(1)</script></body></html>", "<script>"),
        ("files/page.html", '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
         "refresh"),
        ("files/data.xml", '<?xml-stylesheet href="x.xsl" type="text/xsl"?><a/>', "style sheet"),
        ("join.html", "---\ntitle: Join\n---\n<p>{{ site.email }}</p>", "is a Jekyll page"),
    ],
    ids=["svg-script", "svg-handler", "svg-namespaced", "svg-javascript-link", "svg-html",
         "svg-animated-link", "htm-script", "html-refresh", "xml-stylesheet", "jekyll-html"],
)  # fmt: skip
def test_markup_attachments_that_run_code_are_refused(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str, gist: str
) -> None:
    """An SVG, HTML or XML file that would run code (or redirect) on the site's address is an
    error at its line; the freeze publishes nothing."""
    site(name, text)
    result = check(app)
    assert result.exit_code == 1
    assert f"content/{name}:" in result.output and gist in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and f"content/{name}:" in frozen.output, frozen.output
    assert gist in frozen.output


def test_plain_svg_and_html_attachments_are_published(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """An SVG with styles and a link, an HTML file of text: checked, and published."""
    site("files/logo.svg", SVG.format('<style>rect{fill:red}</style><a href="/about/"><rect/></a>'))
    site("files/old.html", "<!doctype html><title>Old</title><p>An old page.</p>")
    assert check(app).exit_code == 0
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert (tmp_path / "build/files/logo.svg").is_file()


def test_the_build_scan_judges_attachments_too(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even if the source check missed an SVG's script, the scan of the build stops it."""
    from tag_site.checks import site as checks

    monkeypatch.setattr(checks, "check_attachment", lambda shown, file, site=None: [])
    site("files/logo.svg", SVG.format("<script>alert(1)</script>"))
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 1
    assert "content/files/logo.svg: the built file holds markup the check missed" in result.output


# --- Redirects and what the policy blocks, in a page's text -------------------------------


@pytest.mark.parametrize(
    ("html", "gist"),
    [
        ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "<meta>"),
        ('<base href="https://evil.example/">', "<base> is not allowed"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link> is not allowed"),
        ('<form action="https://evil.example/"><input name="p"></form>', "<form> is not allowed"),
        ('<svg><a href="/"><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
         "<set> that changes a link"),
        ('<svg><animate attributeName="xlink:href" values="javascript:x"/></svg>', "<animate>"),
        ('<svg><a href="/"><set attributeName=" href" to="javascript:alert(1)"/></a></svg>',
         "<set> that changes a link"),
        ('<a href="/" ping="javascript:alert(1)">home</a>', "uses javascript:"),
        ("<plaintext>", "<plaintext> is not allowed in a page"),
        ('<svg><rect><set attributeName="onmouseover" to="alert(1)"/></rect></svg>',
         "<set> that changes a handler (onmouseover=)"),  # the 52nd attack
    ],
    ids=["meta-refresh", "base", "link-stylesheet", "form", "svg-set", "svg-animate",
         "svg-set-spaced", "ping", "plaintext", "svg-set-handler"],
)  # fmt: skip
def test_redirects_and_blocked_markup_in_a_page_are_errors(
    site: Write, app: Flask, html: str, gist: str
) -> None:
    """What Chromium would follow, or the CSP blocks, is named by the check first."""
    site("page.md", f"---\ntitle: P\n---\n\n{html}\n")
    result = check(app)
    assert result.exit_code == 1
    assert "content/page.md:5:" in result.output and gist in result.output


# --- Addresses in every output ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    ["Some text.\n\n[^b]: A note nobody points to.\n",
     "![alt[^1]](/images/favicon.png)\n\n[^1]: A note pointed to from an alt text.\n"],
    ids=["unused", "in-alt-text"],
)  # fmt: skip
def test_a_footnote_pointed_to_nowhere_is_published_as_the_check_said(
    site: Write, app: Flask, tmp_path: Path, body: str
) -> None:
    """The check warned of a footnote nothing points to, and the freeze then failed on its
    link back to an anchor that is not there: the note keeps no link back, and both agree."""
    site("images/favicon.png", b"\x89PNG\r\n\x1a\n")
    site("notes.md", f"---\ntitle: Notes\n---\n\n{body}")
    checked = check(app)
    assert checked.exit_code == 0 and "is pointed to nowhere in the text" in checked.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 0, frozen.output
    assert "#fnref" not in (tmp_path / "build/notes/index.html").read_text("utf-8")


def test_a_page_whose_name_is_decomposed_has_the_address_of_its_file(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """café.md saved decomposed (as macOS names files), linked as written and in the menu:
    the check passed, the freeze wrote the file composed (NFC) and then found no page at the
    decomposed address (10 problems, none at site.yml). The address is the file's, NFC."""
    decomposed = "cafe\u0301"
    site(f"{decomposed}.md", "---\ntitle: Cafe\n---\n\nCafe words.\n")
    site("about.md", f"---\ntitle: About\n---\n\nSee [the cafe](/{decomposed}/).\n")
    site("site.yml", f"title: G\nnav:\n  - title: Cafe\n    url: /{decomposed}/\n")
    assert check(app).exit_code == 0
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 0, frozen.output
    about = (tmp_path / "build/about/index.html").read_text("utf-8")
    assert 'href="/caf%C3%A9/"' in about and "%CC%81" not in about
    assert (tmp_path / "build/caf\u00e9/index.html").is_file()


def test_names_in_brackets_are_found_in_one_pass(site: Write, app: Flask) -> None:
    """An unused link definition makes the check look for the names the text's brackets hold:
    `[\\` × 200,000 (400 kB), read with escapes, rescanned up to 999 pairs from each '[' (about
    8 s, past the budget). One pass: in time, and only the definition is said."""
    site("p.md", "---\ntitle: P\n---\n\n[x]: /y\n\n" + "[\\" * 200_000 + "\n")
    result = check(app)
    assert "took too long" not in result.output and "more than 2 s" not in result.output
    assert "is read as the definition of a link that no link of the text names" in result.output


def test_a_file_of_thousands_of_mistakes_prints_fifty_and_a_count(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """17,000 unknown keys in an 84 kB file printed 17,000 warnings (4 MB; with a long path,
    210 times the file): the check and the freeze print the first 50 of a file and how many
    more; the counts stay whole."""
    keys = "".join(f"k{n}: 1\n" for n in range(5_000))
    site("many.md", f"---\ntitle: A\n{keys}---\nx\n")
    result = check(app)
    lines = [line for line in result.output.splitlines() if line.startswith("content/many.md")]
    assert len(lines) == 51, len(lines)
    assert (
        lines[-1] == "content/many.md: warning: 4,950 more warnings in this file — fix those "
        "above, then check again"
    )
    assert "0 errors, 5000 warnings" in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 0 and frozen.output.count("content/many.md") == 51


@pytest.mark.parametrize(
    "written", ["ada@example.org", "ada%40example.org", "ada\uff20example.org"]
)
def test_an_address_in_the_sites_description_is_named(
    site: Write, app: Flask, written: str
) -> None:
    """The site's description reaches the feed and calendars: an address in it is a warning
    at its line, however written (it was said only of one written with @)."""
    site("site.yml", f"title: G\ndescription: Write to {written}\n")
    output = check(app).output
    assert "content/site.yml:2: warning: the address" in output, output
    assert "in 'description' reaches the feed and calendars" in output


def test_an_address_in_the_footer_is_named(site: Write, app: Flask) -> None:
    """The footer writes its text on every page: an address in it passed `check --strict`,
    though one in a page's text is a warning."""
    site("site.yml", "title: G\nfooter: Write to ada@example.org\n")
    output = check(app).output
    assert "content/site.yml:2: warning: the address ada@example.org in 'footer'" in output


@pytest.mark.parametrize(
    ("written", "piece"),
    [
        ("Group of <b>EMS</b> and **us**", "'<b>'"),
        ("See [join](/join/) today", "'[join](/join/)'"),
        ("Numerics &amp; learning", "'&amp;'"),
        ("The **European** society", "'**European**'"),
    ],
)
def test_markup_in_the_footer_is_said_to_show_as_written(
    site: Write, app: Flask, written: str, piece: str
) -> None:
    """The 65th attack: ``footer: Group of <b>EMS</b> -- see [join](/join/) &amp; **us**``
    showed readers of every page the tags, the link's brackets and "&amp;" as written, and
    the check said nothing. The footer, the title and the description are plain text: their
    markup is a warning at its line. "&" alone and "[2026]" are words."""
    site("site.yml", f"title: G & H [2026]\nfooter: {written}\n")
    output = check(app).output
    said = [line for line in output.splitlines() if "is plain text" in line]
    assert said == [
        f"content/site.yml:2: warning: 'footer' is plain text: {piece} shows as written on every "
        "page — write it as words, and its links in footer_links"
    ], output


def test_no_plain_address_reaches_any_output(site: Write, app: Flask, tmp_path: Path) -> None:
    """Addresses in an author, a summary, a derived summary, an event's place, summary,
    organizers, speaker and online link: warned about (the calendar writes the link's
    'ada%40example.org' as 'ada (at) example.org'), and in no output file as name@host."""
    site(
        "news/2026-01-21-x.md",
        "---\ntitle: X\nauthor: Jane <jane.author@example.org>\n---\n"
        "First paragraph, by <first.para@example.org>.\n",
    )
    site(
        "news/2026-01-22-y.md",
        "---\ntitle: Y\nsummary: Write to summary@example.org\n---\nText.\n",
    )
    site(
        "events/2027-05-24-e.md",
        "---\ntitle: E mail e@example.org\nstart: 2027-05-24\nlocation: Room of r@example.org\n"
        "summary: Ask s@example.org\norganizers: [Ola <ola@example.org>]\n"
        "speaker: Sam <sam@example.org>\nonline: https://meet.example.org/room/ada%40example.org\n"
        "registration: https://example.org/r?to=reg@example.org&cc=c%40example.org\n---\n",
    )
    output = check(app).output
    for key in ("author", "summary", "location", "organizers", "title", "speaker", "online"):
        assert "warning: the address" in output and f"in '{key}' reaches the feed" in output
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    for path in (tmp_path / "build").rglob("*"):  # the manifest, a dot file, is published too
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".txt", ".json"):
            text = path.read_text("utf-8")
            assert not ADDRESS.search(text) and not ADDRESS.search(unquote(text)), path


def test_an_address_written_for_a_web_address_is_protected_too(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """``ada%40example.org`` in a link's query is an address as a harvester that decodes
    links reads it: published protected, as ``bob@example.org`` beside it is."""
    site(
        "q.md",
        "---\ntitle: Q\n---\n\n[x](https://example.org/?to=ada%40example.org) and "
        "[y](https://example.org/?to=bob@example.org)\n",
    )
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    page = (tmp_path / "build/q/index.html").read_text("utf-8")
    assert "ada%40example.org" not in page and "bob@example.org" not in page
    assert 'href="https://example.org/?to=ada&#37;40example&#46;org"' in page


# --- Calendars escaped by RFC 5545 --------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ['"School\\nBEGIN:VALARM"', '"School\\rBEGIN:VALARM"', '"A; B, C \\\\ D"'],
    ids=["newline", "carriage-return", "separators"],
)
def test_event_titles_cannot_break_the_calendar(
    site: Write, app: Flask, tmp_path: Path, title: str
) -> None:
    """Line breaks and separators in a title stay inside one escaped SUMMARY line."""
    import icalendar

    site("events/2027-05-24-e.md", f"---\ntitle: {title}\nstart: 2027-05-24\n---\n")
    site("site.yml", 'title: "Group; with, odd \\\\ name"\nurl: https://example.org/\n')
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    raw = (tmp_path / "build/events.ics").read_bytes()
    assert b"\r\nBEGIN:VALARM" not in raw and b"\rBEGIN" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    assert len(calendar.walk("VEVENT")) == 1
    assert b"X-WR-CALNAME:Group\\; with\\, odd \\\\ name" in raw


# --- Left behind: workers and temporary folders of a killed freeze ------------------------


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_a_killed_freeze_leaves_no_worker_and_no_folder(
    site: Write, content: Path, tmp_path: Path, how: signal.Signals
) -> None:
    """Kill `flask freeze` while its workers render: they die with it, and the next freeze
    removes the temporary folder it left (and publishes)."""
    import os
    import subprocess

    for n in range(150):
        body = f"## Part {n}\n\n" + f"Text {n}, *said* [here](/about/). " * 200
        site(f"news/2026-01-{n % 28 + 1:02d}-post-{n}.md", f"---\ntitle: P{n}\n---\n{body}")
    dest = tmp_path / "build"
    environment = os.environ | {
        "TAG_SITE_CONTENT_DIR": str(content),
        "TAG_SITE_TODAY": "2026-12-01",
    }
    process = subprocess.Popen(
        [str(BIN / "flask"), "--app", "app", "freeze", "--dest", str(dest)],
        cwd=ROOT, env=environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers: set[int] = set()
    try:
        with deadline(60):
            while len(workers) < 2 and process.poll() is None:
                workers = children_of(process.pid)
                time.sleep(0.01)
        assert workers, "the freeze ended before its workers could be seen"
        process.send_signal(how)
        process.wait(timeout=30)
        with deadline(20):
            while any(running(pid) for pid in workers):
                time.sleep(0.05)
    finally:  # whatever failed, nothing of it outlives the test
        for pid in [process.pid, *filter(running, workers)]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=30)
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".build.")]
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2026-12-01"})
    with deadline(60):  # 150 pages: on a machine shared with others, more than the usual 10 s
        again = app.test_cli_runner().invoke(args=["freeze", "--dest", str(dest)])
    assert again.exit_code == 0, again.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".build.")], left


def test_the_folders_of_a_running_freeze_are_left_alone(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A temporary folder whose freeze still runs (its PID is alive) is not touched."""
    import os

    busy = tmp_path / f".build.{os.getppid()}.abcd1234.tmp"
    busy.mkdir()
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert busy.is_dir()


# --- Low risks: the rest ------------------------------------------------------------------


def test_javascript_in_backticks_in_a_raw_html_block_is_found(site: Write, app: Flask) -> None:
    """Markdown leaves a raw HTML block alone: a backtick there hides nothing from the check."""
    site("page.md", "---\ntitle: P\n---\n\n<div>\n`<a href=javascript:alert(1)>x</a>`\n</div>\n")
    result = check(app)
    assert result.exit_code == 1 and "uses javascript:" in result.output


def test_upper_case_style_is_named_and_never_rendered(site: Write, app: Flask) -> None:
    """`{: STYLE=… ONCLICK=…}` is an error in check, and the renderer drops it in any case."""
    from tag_site.markdown.render import markdown_to_html

    text = 'A paragraph.\n{: STYLE="color: red" ONCLICK="x()"}\n'
    site("page.md", f"---\ntitle: P\n---\n\n{text}")
    output = check(app).output
    assert "style= is blocked" in output and "onclick= handler" in output
    assert markdown_to_html(text) == "<p>A paragraph.</p>"


def test_a_title_with_on_something_is_no_handler(site: Write, app: Flask, tmp_path: Path) -> None:
    """'Set online=true in the config file' is a title, not an online= handler."""
    site("page.md", "---\ntitle: Set online=true in the config file\n---\n\nText.\n")
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0


@pytest.mark.parametrize(
    "name", ["files/a?b.pdf", "files/a#b.pdf", 'files/a"b.pdf', "files/a\nb.pdf"]
)
def test_file_names_no_address_can_carry_are_refused_by_the_check(
    site: Write, app: Flask, name: str
) -> None:
    """A file name with ?, #, " or a line break is an error in check, not a failed freeze."""
    site(name, b"%PDF")
    result = check(app)
    assert result.exit_code == 1 and "which a web address cannot carry" in result.output


@pytest.mark.parametrize("where", ["templates/x", ".git/new", "tag_site/out"])
def test_destinations_inside_the_engine_or_git_are_refused(
    site: Write, app: Flask, where: str
) -> None:
    """--dest inside templates/, tag_site/ or .git/ of the repository is refused."""
    from tag_site import ROOT

    result = freeze(app, "--dest", str(ROOT / where))
    assert result.exit_code == 1 and "refusing to write the site" in result.output
    assert not (ROOT / where).exists()


def test_a_fifo_in_an_earlier_build_is_a_message(site: Write, app: Flask, tmp_path: Path) -> None:
    """A named pipe someone left in the build folder stops the freeze with a message."""
    import os

    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    os.mkfifo(dest / "pipe")
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1
    assert "is not a file, a folder or a link" in result.output and "Traceback" not in result.output


def test_a_data_file_too_slow_to_read_is_named(
    site: Write, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data file that takes longer than the budget to read is an error naming it."""
    from tag_site.markdown import limits as bounds

    monkeypatch.setattr(bounds, "BUDGET", 0.001)
    members = "".join(f"- name: M{n}\n  country: Italy\n" for n in range(20_000))
    site("data/members.yml", members)
    result = check(app)
    assert "content/data/members.yml: error: reading this file took more than" in result.output


# --- A second attack, on the fixes: what it found -----------------------------------------

XHTML = '<html xmlns="http://www.w3.org/1999/xhtml"><script>fetch("/x")</script></html>'
ENTITY_SVG = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;f()&#60;/script&#62;">]>'
    '\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
)


@pytest.mark.parametrize(
    ("name", "text", "gist"),
    [
        ("files/a.shtml", '<p>Hi</p><script>fetch("/x")</script>', "<script>"),
        ("files/j.xhtm", XHTML, "<script>"),
        ("files/i.xpdl", XHTML, "<script>"),
        ("files/notes.txt", XHTML, "<script>"),
        ("files/d.html", '<img title=">" src=nope onerror="fetch(1)">', "onerror= handler"),
        ("files/e.svg", SVG.format('<image title=">" href="a.png" onload="f()"/>'), "onload="),
        ("files/r.html", '<meta name=">" http-equiv="refresh" content="0;url=/x">', "refresh"),
        ("files/u.svg", SVG.format('<_:script xmlns:_="http://www.w3.org/2000/svg">f()</_:script>'),
         "<script>"),
        ("files/v.svg", SVG.format('<a.b:script xmlns:a.b="http://www.w3.org/2000/svg"/>'),
         "<script>"),
        ("files/k.svg", ENTITY_SVG, "a document type's own declarations"),
        ("files/c.html", "<!--><script>f()</script>", "<script>"),
        ("files/s.html", "<style><!--</style><script>f()</script>-->", "<script>"),
        ("files/w.svg", "\ufeff" + SVG.format("<script>f()</script>"), "<script>"),
        ("files/x.svg", SVG.format("<script>f()</script>").encode("utf-16"), "<script>"),
        ("files/x.rdf", b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<rdf xmlns:h='
         b'"http://www.w3.org/1999/xhtml"><h:script>f()</h:script><x>\xe9</x></rdf>\n',
         "<script>"),
        ("files/x.mml", b"<math><h:script xmlns:h='http://www.w3.org/1999/xhtml'>f()"
         b"</h:script>\0</math>", "<script>"),
    ],
    ids=["shtml", "xhtm", "xpdl", "any-text", "gt-in-quotes", "svg-gt-in-quotes",
         "refresh-gt-in-quotes", "underscore-prefix", "dotted-prefix", "dtd-entity",
         "abrupt-comment", "comment-in-style", "byte-order-mark", "utf-16",
         "xml-type-latin-1", "xml-type-with-nul"],
)  # fmt: skip
def test_every_way_an_attachment_can_run_code_is_refused(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str | bytes, gist: str
) -> None:
    """Attachments are read as a browser's tokenizer reads them, as HTML and as XML, whatever
    their suffix: a ">" in quotes, a name XML reads, an entity, a comment HTML ends early,
    UTF-16 hide nothing."""
    site(name, text)
    result = check(app)
    assert result.exit_code == 1 and f"content/{name}:" in result.output, result.output
    assert gist in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and f"content/{name}:" in frozen.output, frozen.output
    assert gist in frozen.output


def test_svg_inside_a_page_is_read_both_ways(site: Write, app: Flask) -> None:
    """In an SVG, <style> holds markup (XML's reading), so the <img> in it is judged."""
    site("page.md", "---\ntitle: P\n---\n\n<svg><style><img src=x onerror=f()></style></svg>\n")
    assert "the onerror= handler runs code" in check(app).output


def test_text_attachments_without_markup_are_published(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A text file with < and > in prose, and binary files, are no markup."""
    site("files/notes.txt", "If a < b and c > d, then <3.\n")
    site("files/paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n<</Type /Page>>\n")
    site("files/plot.png", b"\x89PNG\r\n\x1a\n<script>")
    assert check(app).exit_code == 0
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0


def test_addresses_in_text_attachments_are_errors(site: Write, app: Flask) -> None:
    """An address in an SVG or a text file would be published as it is."""
    site("files/x.svg", "<svg>jane@example.org </svg>")
    result = check(app)
    assert result.exit_code == 1
    assert "content/files/x.svg:1:6: error: the address jane@example.org would be published" in (
        result.output
    )


def test_no_library_can_swallow_the_time_budget(
    site: Write, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The budget ends a formula that latex2mathml takes long over, even though latex2mathml's
    errors are caught as formula errors: the file is named, not checked unwatched."""
    from tag_site.markdown import limits as bounds

    monkeypatch.setattr(bounds, "BUDGET", 0.2)
    site("math.md", "---\ntitle: Math\n---\n\n$$" + "x+" * 60_000 + "x$$\n")
    with deadline(5):
        result = check(app)
    assert "content/math.md: error: checking this file took more than" in result.output
    assert "formula '" not in result.output


@pytest.mark.parametrize(
    ("name", "text", "gist"),
    [
        ("events/2027-04-01-x.md", '---\ntitle: X\nstart: 2027-04-01 10:00\nend: "25:00"\n---\n',
         "content/events/2027-04-01-x.md:4: error: 'end' (25:00) is not a time of day"),
        ("events/2027-04-01-x.md", '---\ntitle: X\nstart: 2027-04-01 10:00\nend: "23:60"\n---\n',
         "'end' (23:60) is not a time of day"),
        ("events/2027-04-01-x.md", '---\ntitle: X\nstart: "2027-04-01 10:00 +99:99"\n---\n',
         "(the offset must be under 24 hours)"),
        ("news/2026-04-01-x.md", "---\ntitle: X\ndate: 2026-04-01 10:00:00 +2400\n---\n",
         "content/news/2026-04-01-x.md:3: error: 'date': '2026-04-01 10:00:00 +2400' is not a"),
        ("site.yml", "title: T\nnav: 1\n", "content/site.yml:2: error: 'nav' must be a list"),
        ("p.md", "---\ntitle: P\npermalink: /feed.xml/\n---\n", "is made by the site itself"),
        ("p.md", "---\ntitle: P\npermalink: /" + "a" * 300 + "/\n---\n", "is too long to be"),
    ],
    ids=["end-hour", "end-minute", "start-offset", "jekyll-offset", "nav-number",
         "inside-a-made-file", "long-name"],
)  # fmt: skip
def test_input_that_once_crashed_is_a_message_saying_what_to_fix(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str, gist: str
) -> None:
    """Each of these was a traceback in check or freeze; now a line that says what to fix."""
    site(name, text)
    result = check(app)
    assert result.exit_code == 1 and gist in result.output, result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and "Traceback" not in frozen.output
    assert gist.replace(" error:", "") in frozen.output, frozen.output


def test_a_file_and_a_folder_of_one_name_clash(site: Write, app: Flask, tmp_path: Path) -> None:
    """/x.html and /x.html/ would need x.html to be a file and a folder: a clash, not a crash."""
    site("a.md", "---\ntitle: A\npermalink: /x.html\n---\n")
    site("b.md", "---\ntitle: B\npermalink: /x.html/\n---\n")
    result = check(app)
    assert "content/b.md:3: error: the URL /x.html/ and /x.html (of content/a.md)" in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1, frozen.output
    assert "content/b.md:3: the URL /x.html/ and /x.html (of content/a.md)" in frozen.output


def test_formulas_in_odd_attribute_lists_render(site: Write, client: FlaskClient) -> None:
    """A formula that lands in an attribute list's bare name is no crash."""
    site("p.md", "---\ntitle: P\n---\n\n<p://>{\\[=\\]}\n")
    assert client.get("/p/").status_code == 200


@pytest.mark.parametrize(
    ("body", "gist"),
    [
        ("*a**a*<a>", "the Markdown renderer lost part of the text"),
        ("See [this](https://example.org/a&#12;b).", ""),
    ],
    ids=["lost-placeholder", "control-character-reference"],
)
def test_the_feed_stays_well_formed(
    site: Write, app: Flask, tmp_path: Path, body: str, gist: str
) -> None:
    """Python-Markdown's placeholders never reach a page (the text is an error instead), and
    a character reference to a control character becomes %0C in a link: the feed parses."""
    site("news/2026-01-21-x.md", f"---\ntitle: X\n---\n\n{body}\n")
    result = check(app)
    assert gist in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    if frozen.exit_code == 0:
        ET.fromstring((tmp_path / "build/feed.xml").read_bytes())
        assert "a%0Cb" in (tmp_path / "build/news/2026/x/index.html").read_text("utf-8")
    else:
        assert gist and "Traceback" not in frozen.output


def test_check_and_freeze_agree_on_the_years_of_past_events(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """#past-2027 exists only once an event of 2027 is over: the check says so, as the freeze
    would."""
    site("events/2027-05-24-e.md", "---\ntitle: E\nstart: 2027-05-24\n---\n")
    site("events/2020-05-24-old.md", "---\ntitle: Old\nstart: 2020-05-24\n---\n")
    site("page.md", "---\ntitle: P\n---\n\n[old](/events/#past-2020) [soon](/events/#past-2027)\n")
    output = check(app).output
    assert "/events/ has no heading or anchor 'past-2027'" in output
    assert "'past-2020'" not in output


def test_many_broken_links_in_the_build_are_placed_in_one_pass(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If broken links ever get past the check, the build's link check names each at its line
    without reading the page once per link."""
    from tag_site.checks import site as checks

    monkeypatch.setattr(checks, "link_problems", lambda build, page, link: iter(()))
    filler = "A line of text.\n\n" * 5_000
    links = "".join(f"[e](/nowhere/{n}/)\n\n" for n in range(4_000))
    site("page.md", f"---\ntitle: P\n---\n\n{filler}{links}")
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 1
    assert "content/page.md:10005: links to /nowhere/0/" in result.output
    assert "content/page.md:10103: links to /nowhere/49/" in result.output  # the first 50 shown
    assert "content/page.md: 3,950 more problems in this file" in result.output


def test_a_budget_whose_end_was_swallowed_ends_the_work_anyway() -> None:
    """Python drops an exception raised in a garbage-collector callback or a ``__del__``: the
    budget reminds until the work stops, so one swallowed end does not let it run unwatched."""
    from tag_site.markdown.limits import OvertimeError, time_budget

    swallowed = 0
    with pytest.raises(OvertimeError), deadline(5), time_budget(0.05):
        while True:
            try:
                sum(range(10_000))
            except OvertimeError:
                swallowed += 1
                if swallowed > 1:
                    raise
    assert swallowed == 2


def test_the_preview_s_threads_have_the_same_budget(
    site: Write, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview answers from its server's threads, where no signal arrives: a page too slow
    to make is the error page after the budget there too, not minutes of a held server."""
    import threading

    from tag_site.markdown import limits as bounds

    monkeypatch.setattr(bounds, "BUDGET", 0.05)
    site("page.md", "---\ntitle: P\n---\n\n" + "## Same\n\n" * 8_000)
    client = create_app({"CONTENT_DIR": str(content)}).test_client()
    answers: list[str] = []
    worker = threading.Thread(target=lambda: answers.append(client.get("/page/").text))
    with deadline(10):
        worker.start()
        worker.join()
    assert "the text took too long to turn into a page" in answers[0]


def test_a_deadline_around_a_budget_still_fires() -> None:
    """A budget inside a caller's deadline (a test's, CI's) leaves that deadline running."""
    from tag_site.markdown.limits import time_budget

    with pytest.raises(TimeoutError, match=r"still running after 0\.3 s"), deadline(0.3):
        with time_budget(5):
            pass
        time.sleep(2)


@pytest.mark.parametrize(
    ("name", "text", "gist"),
    [
        ("p.md", "---\ntitle: P\npermalink: /people/carol@example.com/\n---\n",
         "holds the e-mail address carol@example.com"),
        ("events/2027-01-01-e.md",
         "---\ntitle: E\nstart: 2027-01-01\npermalink: /events/dave@example.com/\n---\n",
         "holds the e-mail address dave@example.com"),
        ("p.md", "---\ntitle: P\nredirect_from: [/ivan@example.com/]\n---\n",
         "holds the e-mail address ivan@example.com"),
        ("images/hank@example.com.png", b"\x89PNG", "holds the e-mail address hank@example.com"),
        ("news/2026-01-21-x.md", '---\ntitle: X\nfeed_id: "mail:bob@example.net"\n---\n',
         "'feed_id' holds an e-mail address"),
        ("site.yml", "title: T\nurl: https://leo@example.org/sciml/\n",
         "'url' must not hold a name and '@'"),
    ],
    ids=["page-permalink", "event-permalink", "redirect", "file-name", "feed-id", "url-user"],
)  # fmt: skip
def test_an_address_in_a_url_is_an_error(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str | bytes, gist: str
) -> None:
    """An address in a URL would be in the sitemap, the feed, the calendars and the manifest:
    an error, so nothing is published."""
    site(name, text)
    result = check(app)
    assert result.exit_code == 1 and gist in result.output, result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and gist in frozen.output, frozen.output


def test_the_sites_title_hides_an_address_in_the_feed_and_calendars(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """An address in the site's title or description is a warning, and written name (at) host
    wherever the feed and calendars would show it; a picture for sharp screens is no address."""
    site("site.yml", "title: Write to sec@example.org\ndescription: Or to b@example.org\n")
    site("images/logo@2x.png", b"\x89PNG")
    site("events/2027-01-01-e.md", "---\ntitle: E\nstart: 2027-01-01\n---\n")
    result = check(app)
    assert "content/site.yml:1: warning: the address sec@example.org in 'title'" in result.output
    assert "content/site.yml:2: warning: the address b@example.org in 'description'" in (
        result.output
    )
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    for name in ("feed.xml", "events.ics", "events/2027/e.ics"):
        text = (tmp_path / "build" / name).read_text("utf-8")
        assert "@example.org" not in text and "sec (at) example.org" in text, name
    assert (tmp_path / "build/images/logo@2x.png").is_file()


# --- A third attack, on the tokenizer -----------------------------------------------------

ATTLIST_SVG = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ATTLIST svg onload CDATA "f()">\n]>\n'
    '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
)


@pytest.mark.parametrize(
    ("name", "text", "gist"),
    [
        ("files/vt.html", '<svg alt=\x0b"  onload=f()//"></svg>', "onload= handler"),
        ("files/nbsp.html", '<img src="a.png" alt=\xa0"  onload=f()//">', "onload= handler"),
        ("files/s.html", '<p\xa0title="><img src=x onerror=f()>">x</p>', "onerror= handler"),
        ("files/t.html", "<svg><title><!--><img src=x onerror=f()>--></title></svg>",
         "this comment ends where only some readers end it"),
        ("files/u.html", "<svg><title>a<img src=x onerror=f()></title></svg>", "onerror="),
        ("files/attlist.svg", ATTLIST_SVG, "a document type's own declarations"),
        ("files/jp.html", '<meta charset="ISO-2022-JP"><scr\x1b(Bipt>f()</scr\x1b(Bipt>',
         "declares an encoding other than UTF-8"),
        ("files/jp.svg", '<?xml version="1.0" encoding="ISO-2022-JP"?>\n<svg/>',
         "declares an encoding other than UTF-8"),
        ("files/esc.svg", "<svg><scr\x1b(Bipt>f()</scr\x1b(Bipt></svg>", "an escape character"),
        ("files/u16.html", b'<\0<img src=x onerror=f()> ', "onerror= handler"),
    ],
    ids=["vertical-tab", "no-break-space", "no-break-space-simple", "svg-title-comment",
         "svg-title-markup", "attlist", "iso-2022-meta", "iso-2022-xml", "escape",
         "utf-16-without-mark"],
)  # fmt: skip
def test_the_tokenizer_reads_as_chromium_does(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str | bytes, gist: str
) -> None:
    """Only HTML's five spaces separate attributes; what reads differently in HTML and SVG,
    a document type's declarations and other encodings are refused; UTF-16 without a byte
    order mark is read both ways."""
    site(name, text)
    result = check(app)
    assert result.exit_code == 1 and f"content/{name}:" in result.output, result.output
    assert gist in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and f"content/{name}:" in frozen.output, frozen.output
    assert gist in frozen.output


@pytest.mark.parametrize(
    ("body", "gist"),
    [
        ('<p title=\xa0"><script src=/evil.txt></script><p title=">x</p>',
         "content/page.md:7:13: error: <script> is not allowed"),
        ('<p title=\u3000"><meta http-equiv=refresh content="0;url=/x"><p title=">x</p>',
         "content/page.md:7:13: error: a <meta> refresh sends readers to another address"),
        ("<div><svg><title><!-- --!><script src=/evil.txt></script> --></title></svg></div>",
         "content/page.md:7:27: error: <script> is not allowed"),
    ],
    ids=["no-break-space", "ideographic-space", "odd-comment-end"],
)  # fmt: skip
def test_a_pages_raw_html_hides_nothing_from_the_check(
    site: Write, app: Flask, body: str, gist: str
) -> None:
    """The same tricks in a page's raw HTML are errors of the check, not only of the freeze."""
    site("evil.txt", "f()")
    site("page.md", f"---\ntitle: P\n---\n\nHello.\n\n{body}\n")
    result = check(app)
    assert result.exit_code == 1 and gist in result.output, result.output


@pytest.mark.parametrize(
    ("raw", "severity"),
    [
        (b"Caf\xe9 contacts: ada.lovelace@example.org\n", "error"),
        (b"ada.lovelace@example.org\0\n", "error"),  # named as text: text, NUL or not
    ],
    ids=["latin-1-text", "nul-byte"],
)
def test_an_address_in_a_file_that_is_not_utf_8_is_named(
    site: Write, app: Flask, raw: bytes, severity: str
) -> None:
    """An address in a text file of another encoding is an error; in a file that is not text
    (a PDF, an image) a plain ASCII one is a warning."""
    site("files/contacts.txt", raw)
    result = check(app, "--strict")
    assert f"{severity}: the address ada.lovelace@example.org would be published" in result.output
    assert result.exit_code == 1


def test_many_comments_are_read_in_one_pass(site: Write, app: Flask) -> None:
    """A file of 60,000 comments (an end HTML knows, another it does not find) is quick."""
    site("files/notes.html", "<!doctype html><title>n</title>" + "<!-- -->" * 60_000)
    with deadline(5):
        assert check(app).exit_code == 0


# --- A fourth attack: what the renderer makes, and time -----------------------------------

JSON_LD_TRICK = (
    '<b data-x=">" title=<script type="application/ld+json">x</script><script src=/x.txt></script>'
)


@pytest.mark.parametrize(
    "body",
    [
        "A <textarea><!--</textarea><script src=/x.txt></script>--> b",
        "<h2>\n`" + JSON_LD_TRICK + "`\n</h2>",
        "Hi \\`<script src=/x.txt></script>`",
    ],
    ids=["comment-made-text", "code-in-heading-block", "escaped-backtick"],
)  # fmt: skip
def test_the_check_judges_the_page_as_it_is_made(
    site: Write, app: Flask, tmp_path: Path, body: str
) -> None:
    """Markup that only the rendered page holds (from a code block's options, or text the
    check reads as code or a comment and the renderer does not) is an error of the check."""
    site("x.txt", 'alert("ran")')
    site("page.md", f"---\ntitle: P\n---\n\n{body}\n")
    result = check(app)
    assert result.exit_code == 1 and "content/page.md:" in result.output, result.output
    assert "<script> is not allowed" in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and "content/page.md:" in frozen.output, frozen.output
    assert "<script> is not allowed" in frozen.output


def test_json_ld_in_a_page_hides_nothing_from_the_build_scan(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even past the check, a JSON-LD script in a page's text does not blind the freeze's
    last scan to the script after it."""
    from tag_site.checks import site as checks

    monkeypatch.setattr(checks, "check_page", lambda build, page: [])
    site("x.txt", 'alert("ran")')
    site("page.md", f"---\ntitle: P\n---\n\n<div>{JSON_LD_TRICK}</div>\n")
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 1 and "markup the check missed: <script>" in result.output


def test_code_block_options_are_messages_not_tracebacks(site: Write, app: Flask) -> None:
    """An option Pygments refuses is a message naming the file."""
    site("page.md", '---\ntitle: P\n---\n\n``` { .python linenostart="x" }\nprint(1)\n```\n')
    result = check(app)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "content/page.md:3: error: the text cannot be turned into a page" in result.output


@pytest.mark.parametrize(
    "option",
    [
        "classprefix='\"><script src=/x.txt></script>'",
        'classprefix=\'"><b data-x=">" title=<script type="application/ld+json">x</script>'
        "<script src=/x.txt></script>'",
        'style="x"',
        'lang="x"',
        'pygments_style="nope"',
    ],
    ids=["markup", "markup-json-ld", "style", "lang", "pygments-style"],
)
def test_a_code_block_option_it_does_not_read_is_a_warning(
    site: Write, app: Flask, tmp_path: Path, option: str
) -> None:
    """A code block's classprefix wrote a <script> into the page (the check caught it in the
    page as made), and style= or lang= stopped the page: options other than a block's line
    highlights and numbers are not read, and each is a warning at the block."""
    site("page.md", f"---\ntitle: P\n---\n\n``` {{ .python {option} }}\n1\n```\n")
    result = check(app)
    name = option.split("=")[0]
    said = f"content/page.md:5:1: warning: the code block's option {name}= is not read"
    assert result.exit_code == 0 and said in result.output, result.output
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert "<script" not in (tmp_path / "build" / "page" / "index.html").read_text("utf-8")


def test_many_abbreviations_are_read_in_one_pass(site: Write, app: Flask) -> None:
    """6,000 abbreviations in one block (Python-Markdown reads one per pass over the rest of
    the block: the check ran out of its budget) are read and checked in a second or so."""
    body = "".join(f"*[A{i}]: x\n" for i in range(6000)) + "\n" + "A1 " * 20_000
    site("page.md", f"---\ntitle: P\n---\n\n{body}\n")
    result = check(app)
    assert result.exit_code == 0, result.output


# --- An attack on the new features: what they read ----------------------------------------


def test_a_series_with_tens_of_thousands_of_skipped_days_is_refused_in_seconds(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A weekly series from 1900 whose 'except' lists 60,000 days (it ran past the tests' 10 s
    deadline once; then took seconds in the calendars): refused at its line, at once."""
    import datetime

    first = datetime.date(1900, 1, 1)
    days = ", ".join(str(first + datetime.timedelta(days=n)) for n in range(1, 70_000) if n % 7)
    site("events/2026-01-05-series.md", "---\ntitle: S\nstart: 1900-01-01 10:00\nend: \"11:00\"\n"
         f"repeat: weekly\nexcept: [{days}]\n---\n")  # fmt: skip
    result = freeze(app, "--dest", str(tmp_path / "build"))  # within the tests' deadline
    assert result.exit_code == 1
    assert "content/events/2026-01-05-series.md:6: 'except' lists 60000 days" in result.output


# --- The search index: no value of the content steers where its files go ----------------


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("site.yml", "title: T\nurl: https://example.org/\nlanguage: ../../../escaped/q\n",
         "content/site.yml:3: error: 'language' '../../../escaped/q' is not a language tag"),
        ("page.md", '---\ntitle: X\npermalink: "/pagefind/pagefind-ui.js/"\n---\n\nx\n',
         "content/page.md:3: error: the URL /pagefind/pagefind-ui.js/ is made by the site"),
        ("pagefind/x.txt", "x", "content/pagefind/x.txt: error: the URL /pagefind/x.txt is made"),
        ("page.md", "---\ntitle: X\npermalink: /PageFind/x/\n---\n\nx\n",
         "content/page.md:3: error: the URL /PageFind/x/ is made by the site"),
        ("page.md", "---\ntitle: X\npermalink: /.nojekyll/\n---\n\nx\n",
         "content/page.md:3: error: the URL /.nojekyll/ is made by the site"),
        ("page.md", "---\ntitle: X\npermalink: /.tag-site-build.json/\n---\n\nx\n",
         "content/page.md:3: error: the URL /.tag-site-build.json/ is made by the site"),
        ("page.md", "---\ntitle: X\npermalink: /x/.html\n---\n\nx\n",
         "content/page.md:3: error: the URL /x/.html has a part that starts with '.'"),
        ("page.md", "---\ntitle: X\npermalink: /.git/\n---\n\nx\n",
         "content/page.md:3: error: the URL /.git/ has a part that starts with '.'"),
    ],
    ids=["language", "pagefind-page", "pagefind-file", "pagefind-in-capitals", "nojekyll",
         "manifest", "dot-html", "dot-git"],
)  # fmt: skip
def test_no_content_can_write_into_or_beside_the_search_index(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str, said: str
) -> None:
    """A language that is a path, a page or a file at /pagefind/: refused by the check at
    its line, and the freeze publishes nothing and writes nothing beside the build."""
    site(name, text)
    checked = check(app)
    assert checked.exit_code == 1 and said in checked.output, checked.output
    before = sorted(tmp_path.parent.iterdir())
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and "nothing was published" in frozen.output
    assert sorted(tmp_path.parent.iterdir()) == before
    assert not (tmp_path / "build").exists()


@pytest.mark.parametrize(
    "name", ["news/0001-01-01-a.md", "events/9999-01-01-b.md", "jobs/1899-12-31-c.md"]
)
def test_a_year_the_feeds_cannot_carry_is_refused_by_the_check(
    site: Write, app: Flask, tmp_path: Path, name: str
) -> None:
    """A dated file named for year 1, 1899 or 9999 passed the check and crashed the freeze
    (the feed's dates): the check refuses it as it refuses such a `date:`, and the freeze
    says so instead of a traceback."""
    text = "---\ntitle: A\nstart: 2026-06-01\ndeadline: 2026-06-01\n---\n\nText.\n"
    site(name, text)
    year = int(name.split("/")[1][:4])
    said = f"content/{name}: error: the year {year} in the file name is not one this site"
    checked = check(app)
    assert checked.exit_code == 1 and said in checked.output, checked.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and "nothing was published" in frozen.output, frozen.output


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("site.yml", "title: T\nurl: https://example.org/\ntimezone: Europe\n",
         "content/site.yml:3: error: unknown time zone 'Europe' — write one like Europe/Berlin"),
        ("events/2026-06-01-x.md", "---\ntitle: X\nstart: 2026-06-01 10:00\ntimezone: Europe\n"
         "---\n\nText.\n", "content/events/2026-06-01-x.md:4: error: unknown time zone 'Europe'"),
    ],
)  # fmt: skip
def test_a_time_zone_that_is_a_folder_of_zones_is_named_at_its_line(
    site: Write, app: Flask, name: str, text: str, said: str
) -> None:
    """`timezone: Europe` names a folder of the zone database, not a zone: an error at its
    line with the fix, not "cannot read it: Is a directory" for the whole file."""
    site(name, text)
    checked = check(app)
    assert checked.exit_code == 1 and said in checked.output, checked.output


def test_a_planted_manifest_nested_too_deep_is_no_earlier_build(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A build whose manifest was replaced by JSON nested 100,000 deep: the freeze says it
    is not an earlier build and leaves it as it is, instead of a RecursionError."""
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    manifest = dest / ".tag-site-build.json"
    manifest.write_text('{"files": {}, "keys": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    before = sorted(p.relative_to(dest) for p in dest.rglob("*"))
    frozen = freeze(app, "--dest", str(dest))
    assert frozen.exit_code == 1, frozen.output
    assert "it is not empty and not an earlier build" in frozen.output
    assert sorted(p.relative_to(dest) for p in dest.rglob("*")) == before


@pytest.mark.parametrize("name", ["notes.txt", "pipe.md", "data/x.yml"])
def test_a_pipe_in_content_is_named_not_waited_for(
    site: Write, app: Flask, content: Path, name: str
) -> None:
    """A FIFO in content/ blocked check and freeze for ever (reading it waits for a writer):
    it is an error at its name, and nothing waits."""
    os.mkfifo(content / name)
    with deadline(20):
        result = check(app)
    assert f"content/{name}: error: is not a file but a pipe" in result.output, result.output


@pytest.mark.parametrize("name", ["big.md", "data/big.yml"])
def test_a_huge_file_is_refused_without_being_read_whole(
    site: Write, app: Flask, content: Path, name: str
) -> None:
    """A sparse 100 MB page or data file took 4 GB of memory to refuse for its size (read
    whole, then decoded): it is read no further than the 5 MB a file may hold."""
    with (content / name).open("wb") as big:
        big.truncate(100_000_000)
    tracemalloc.start()
    try:
        result = check(app)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"content/{name}: error: is 100.0 MB: over 5 MB" in result.output, result.output
    assert peak < 40_000_000, f"{peak / 1e6:.0f} MB"


# --- Amplification: what one small file may make ----------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "gist"),
    [
        ("sections: [" + ", ".join(["members"] * 5_000) + "]",
         "'sections' lists 'members' twice — list each section once"),
        ("redirect_from: [" + ", ".join(f"/old/{n}/" for n in range(20_000)) + "]",
         "'redirect_from' lists 20000 old addresses, more than a page may keep (20: each is "
         "a page that writes its address again)"),
    ],
    ids=["sections-5000", "redirect-from-20000"],
)  # fmt: skip
def test_a_small_file_cannot_make_a_huge_build(
    site: Write, app: Flask, tmp_path: Path, front_matter: str, gist: str
) -> None:
    """48 kB of sections made a 25 MB home page (5,000 times the same ids); 20,000 old
    addresses made 20,010 files (160 MB): each is an error at its line, and nothing is built."""
    site("index.md", f"---\ntitle: Home\n{front_matter}\n---\n\nText.\n")
    result = check(app)
    assert f"content/index.md:3: error: {gist}" in result.output, result.output[-500:]
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and not (tmp_path / "build").exists()


def test_old_addresses_make_a_few_kilobytes_however_long_the_address(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """100 old addresses of a page with a 1,000-character address made 532 kB of redirect
    pages from 1.5 kB (each writes the address four times): a long address keeps fewer (an
    error at the line, with how many), and what the most a page may keep make stays small."""
    address = "/" + "/".join(["x" * 240] * 4) + "/"
    old = "redirect_from: [" + ", ".join(f"/{n}/" for n in range(5)) + "]"
    site("r.md", f"---\ntitle: R\npermalink: {address}\n{old}\n---\nx\n")
    result = check(app)
    assert (
        "content/r.md:4: error: 'redirect_from' lists 5 old addresses, more than a page may "
        "keep (4 with an address of 965 characters" in result.output
    ), result.output[-600:]
    address = "/" + "y" * 198 + "/"  # 200 characters: may keep 20
    old = "redirect_from: [" + ", ".join(f"/{n}/" for n in range(20)) + "]"
    site("r.md", f"---\ntitle: R\npermalink: {address}\n{old}\n---\nx\n")
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    made = [dest / str(n) / "index.html" for n in range(20)]
    assert all(address in page.read_text("utf-8") for page in made)
    assert sum(page.stat().st_size for page in made) < 25_000  # 532 kB before


def test_a_short_post_cannot_make_a_hundred_times_its_size(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """896 bytes (an abbreviation's 440-character title used 215 times) made a 103 kB page
    and a 103 kB feed (any text could make 100 kB): a text may make 20 times its size, or
    20 kB, and the check says so at its file."""
    text = "*[a]: " + "x" * 440 + "\n\n" + "a " * 215 + "\n"
    site("news/2026-11-01-amp.md", f"---\ntitle: A\n---\n\n{text}")
    result = check(app)
    assert "content/news/2026-11-01-amp.md:" in result.output, result.output
    assert "more than a page may be (20 times its text, or 20 kB" in result.output
    site("news/2026-11-01-amp.md", "---\ntitle: A\n---\n\n" + "*[a]: xx\n\n" + "a " * 215)
    assert check(app).exit_code == 0  # the same, with a short title


def test_an_abbreviation_cannot_make_a_page_a_thousand_times_its_size(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """30 kB of text (an abbreviation with a 20,000-character title, used 5,000 times) made
    a 100 MB page: the page may be 5 MB at most, an error at its file."""
    site("p.md", "---\ntitle: P\n---\n\n*[X]: " + "y" * 20_000 + "\n\n" + "X " * 5_000 + "\n")
    result = check(app)
    assert "content/p.md:" in result.output
    assert "more than a page may be (20 times its text, or 20 kB, at most 5 MB)" in result.output
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 1


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("events/2027-05-24-x.md", "---\ntitle: X\nstart: 2027-05-24\nlocation: {}\n---\n", 4),
        ("news/2026-01-21-x.md", "---\ntitle: {}\n---\n\nText.\n", 2),
        ("events/2027-05-24-y.md", "---\ntitle: Y\nstart: 2027-05-24\norganizers: {}\n---\n", 4),
    ],
    ids=["location", "title", "organizers"],
)
def test_a_field_written_again_wherever_it_is_shown_is_bounded(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str, line: int
) -> None:
    """A 1 MB title or place is written again in lists, feeds, calendars and the search
    index (an event of 4 MB made 35 MB, a page of 14 MB): at most 1,000 characters, an
    error at its line, and the freeze publishes nothing."""
    site(name, text.format("x" * 1_001))
    said = f"content/{name}:{line}: error: '"
    result = check(app)
    assert result.exit_code == 1 and said in result.output and "more than 1,000" in result.output
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 1


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ("title: " + "T" * 1_200 + "\nurl: https://example.org/\n",
         "content/site.yml:1: error: 'title' is 1,200 characters long, more than 1,000"),
        ("title: T\nurl: https://example.org/\nnav:\n"
         + "".join(f"  - title: N{n}\n    url: /members/\n" for n in range(3_000)),
         "content/site.yml:3: error: 'nav' has 3000 links, more than a menu can show (30)"),
        ("title: T\nurl: https://example.org/\nfavicon: ["
         + ", ".join(["/images/logo.svg"] * 5_000) + "]\n",
         "content/site.yml:1: error: site.yml writes 80,025 characters on every page"),
        ("title: T\nurl: https://example.org/\nnav:\n  - title: " + "x" * 300_000
         + "\n    url: /\n",
         "content/site.yml:1: error: site.yml writes 300,026 characters on every page"),
        ("title: '" + "&" * 1_000 + "'\ndescription: '" + "&" * 1_000 + "'\n"
         "url: https://example.org/\n",
         "content/site.yml:1: error: site.yml makes every page 52 kB before its own text"),
    ],
    ids=["title-1200", "nav-3000", "favicons-5000", "nav-title-300k", "title-escaped-1000"],
)  # fmt: skip
def test_what_site_yml_writes_on_every_page_is_bounded(
    site: Write, app: Flask, settings: str, said: str
) -> None:
    """A 900 kB title made a 150 MB build, 27,000 menu links a 13 s freeze: both grow with
    the number of pages, so site.yml's texts and menus are bounded, errors at their line; and
    so is what they make of every page, written several times and escaped (a title of 1,000
    '&' and as long a description made each empty page 52 kB). 3,000 links show the bound:
    27,000 (1 MB) take the check near its 2 s to read, a verdict of their own."""
    site("site.yml", settings)
    result = check(app)
    assert result.exit_code == 1 and said in result.output, result.output[-400:]


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("p.md", '---\ntitle: P\n---\n\n<fencedframe src="https://evil.example/f"></fencedframe>\n',
         "<fencedframe> is not allowed"),
        ("p.md", '---\ntitle: P\n---\n\n<portal src="https://evil.example/p"></portal>\n',
         "<portal> is not allowed"),
        ("events/2027-01-05-e.md",
         "---\ntitle: E\nstart: 2027-01-05 10:00\ntimezone: localtime\n---\n",
         "unknown time zone 'localtime'"),
        ("events/2027-01-05-e.md",
         "---\ntitle: E\nstart: 2027-01-05 10:00\ntimezone: Factory\n---\n",
         "unknown time zone 'Factory'"),  # the 57th attack: "local time unknown", shown as UTC
        ("events/2027-01-05-e.md", '---\ntitle: E\nstart: 2027-01-05\nurl: "https://example.org/a\n'
         '  ATTACH:https://evil.example/x"\n---\n', "'url' has a space or a line break in it"),
        ("p.md", '---\ntitle: P\nredirect_from: [/a"><b>/]\n---\n',
         "redirect_from '/a\"><b>/' must be a site path"),
        ("p.md", "---\ntitle: P\nredirect_from: /robots.txt\n---\n",
         "redirect_from '/robots.txt' is the address of a file, not of a page"),
        ("p.md", "---\ntitle: P\nredirect_from: [/old/, /files/paper.pdf]\n---\n",
         "redirect_from '/files/paper.pdf' is the address of a file"),
    ],
    ids=["fencedframe", "portal", "zone-localtime", "zone-factory", "url-line-break",
         "redirect-markup", "redirect-robots", "redirect-pdf"],
)  # fmt: skip
def test_what_a_fresh_attack_found_in_pages_is_refused(
    site: Write, app: Flask, name: str, text: str, said: str
) -> None:
    """Frames of new kinds, the build machine's own time zone, a link with a line break (its
    calendar line), a redirect folder named with markup: each an error of its file."""
    site(name, text)
    result = check(app)
    assert result.exit_code == 1 and f"content/{name}:" in result.output, result.output
    assert said in result.output


# --- A second fresh attack: what it found ------------------------------------------------


def test_twenty_posts_cannot_make_a_feed_of_tens_of_megabytes(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """20 posts of 10 kB, each an abbreviation's 1,000-character title used 4,400 times, made
    4.5 MB pages and a 73 MB feed (a 157 MB build): a text may make 20 times its size."""
    text = "*[Q]: " + "t" * 1_000 + "\n\n" + "Q " * 4_400 + "\n"
    site("news/2026-01-05-a.md", f"---\ntitle: A\n---\n\n{text}")
    result = check(app)
    assert "content/news/2026-01-05-a.md:" in result.output and "20 times its text" in result.output


def test_a_footnote_used_thousands_of_times_is_read_in_linear_time(site: Write, app: Flask) -> None:
    """Python-Markdown named each further use of a footnote by counting up from the first: 2,000
    uses of one footnote took 1.9 s (a dozen such files, 20 s); now the page is made in time
    (each use adds a link back to it in the note: it is refused for its size, not its time)."""
    site("p.md", "---\ntitle: P\n---\n\nw " + "[^n] " * 2_000 + "\n\n[^n]: note\n")
    result = check(app)
    assert "took too long" not in result.output and "more than a page may be" in result.output


def test_footnotes_are_numbered_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python-Markdown listed every note again to number each reference: four times the notes
    cost about ten times the time (10,000 notes went past the budget). Now about four: the
    best of three runs of each size, in processor time, compared (the budget set aside: a
    long test run's garbage collector takes 6,000 notes near it)."""
    from tag_site.markdown import limits as bounds
    from tag_site.markdown.render import markdown_to_html

    monkeypatch.setattr(bounds, "BUDGET", 60.0)

    def seconds(notes: int) -> float:
        uses = " ".join(f"a[^{n}]" for n in range(notes))
        text = uses + "\n\n" + "".join(f"[^{n}]: note\n" for n in range(notes))
        times = []
        for run in range(3):
            started = time.process_time()
            markdown_to_html(f"{text}\n<!-- {run} -->\n")  # not the cache's
            times.append(time.process_time() - started)
        return min(times)

    assert seconds(6_000) / seconds(1_500) < 6.5


@pytest.mark.parametrize(
    "text",
    [
        '<!DOCTYPE html>\n<textarea></textarea0><p title="</textarea><img src=x onerror=f()>">',
        '<noscript></noscriptx><p title="</noscript><img src=x onerror=f()>">',
        '<title></titlex><p title="</title><img src=x onerror=f()>">',
    ],
    ids=["textarea", "noscript", "title"],
)
def test_raw_text_ends_only_where_html_ends_it(
    site: Write, app: Flask, tmp_path: Path, text: str
) -> None:
    """A "</textarea0" does not end a textarea: the tag after it is in its text, and the one
    after the real end runs (Chromium ran it). The check read the first as the end."""
    site("files/x.html", text)
    result = check(app)
    assert result.exit_code == 1 and "content/files/x.html:" in result.output, result.output
    assert "onerror= handler" in result.output


def test_an_address_in_a_text_file_with_a_nul_byte_is_an_error(site: Write, app: Flask) -> None:
    """One NUL byte made a .txt "binary", and its address only a warning (CI passes those)."""
    site("files/notes.txt", b"Contact:\0 ada.lovelace@example.org\n")
    result = check(app)
    assert result.exit_code == 1 and "error: the address ada.lovelace@example.org" in result.output


def test_a_link_to_an_attachment_with_a_fragment_is_taken(site: Write, app: Flask) -> None:
    """`report.pdf#page=3` (or an SVG's #x) made the check ask for the attachment's ids as if
    it were a page: a RuntimeError traceback, in the check, the freeze and the preview."""
    site("images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    site("p.md", "---\ntitle: P\n---\n\nSee [the logo](/images/logo.svg#page=3).\n")
    result = check(app)
    assert result.exit_code == 0, result.output
    assert app.test_client().get("/p/").status_code == 200


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("data/members.yml", '- name: A\n  photo: "//evil.example/x.jpg"\n',
         "'photo' must be a picture of the site"),
        ("events/2027-01-05-e.md", "---\ntitle: E\nstart: 2027-01-05\nurl: //evil.example/\n---\n",
         "'url' must start with https://"),
        ("site.yml", 'title: T\nurl: "https://exa<b>mple.org/"\n',
         "'url' must be the full address"),
        ("site.yml", "title: T\nurl: https://example.org:99999/\n",
         "'url' has a port no browser can reach (1 to 65535)"),
    ],
    ids=["photo-elsewhere", "link-elsewhere", "host-with-markup", "port-out-of-range"],
)  # fmt: skip
def test_an_address_that_is_not_what_it_says_is_an_error(
    site: Write, app: Flask, name: str, text: str, said: str
) -> None:
    """A "site path" //host/x is another site; a host holding markup or spaces went as it is
    into robots.txt and the calendars; a port past 65535 was called no number."""
    site(name, text)
    result = check(app)
    assert result.exit_code == 1 and f"content/{name}:" in result.output and said in result.output


def test_the_checks_overtime_verdict_stands_for_the_freeze(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file near the budget landed either side of it from run to run: `flask check` passed
    what the freeze after it refused, or the reverse. A file found over the budget keeps that
    verdict in the cache, so the next command says the same (here the budget is even raised
    between them, as a faster moment of the machine would)."""
    from tag_site.markdown import limits as bounds

    site("p.md", "---\ntitle: P\n---\n\n" + "## Same\n\n" * 3_000)
    monkeypatch.setattr(bounds, "BUDGET", 0.01)
    said = "content/p.md: error: checking this file took more than 0.01 s — simplify it"
    checked = check(app).output
    assert said in checked and "(a freeze allows it 0.015 s" in checked, checked  # not "never"
    monkeypatch.setattr(bounds, "BUDGET", 60.0)
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    earlier = "content/p.md: checking this file took more than 60 s in an earlier command"
    assert frozen.exit_code == 1 and earlier in frozen.output, frozen.output


def test_a_pages_overtime_verdict_is_the_checks_of_the_same_members(
    site: Write, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 39th attack: a page refused as slow while members.yml hid an address (whose
    reading took the time) stayed refused "in an earlier command" once that member was gone.
    The verdict stands for the same page checked against the same hidden addresses only."""
    from tag_site.markdown import limits as bounds

    site("data/members.yml", "- name: A Hid\n  email: a.hid@lab.example\n  show_email: false\n")
    site("p.md", "---\ntitle: P\n---\n\n" + "## Same\n\n" * 3_000)
    monkeypatch.setattr(bounds, "BUDGET", 0.01)
    assert "content/p.md: error: checking this file took more than" in check(app).output
    monkeypatch.setattr(bounds, "BUDGET", 60.0)
    site("data/members.yml", "- name: A Hid\n")
    assert check(app).exit_code == 0, check(app).output


def test_the_freeze_gives_a_file_more_time_than_the_check() -> None:
    """Processor time varies from run to run and machine to machine: a file the check passed
    just under its budget must not be refused by the freeze for being as slow again, so in a
    freeze each piece of work may take half as long again (what runs past that still stops)."""
    from tag_site.markdown import limits as bounds

    def work(seconds: float) -> None:
        started = time.process_time()
        while time.process_time() - started < seconds:
            pass

    with pytest.raises(bounds.OvertimeError), bounds.time_budget(0.2):
        work(0.26)
    with bounds.slack(bounds.FREEZE_SLACK), bounds.time_budget(0.2):
        work(0.26)
    with pytest.raises(bounds.OvertimeError), bounds.slack(1.5), bounds.time_budget(0.2):
        work(0.4)


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("e.md", "---\ntitle: E\npermalink: /e/info@4x.de/\n---\n\nx\n",
         "content/e.md:3: error: the URL /e/info@4x.de/ holds the e-mail address info@4x.de"),
        ("news/2026-01-21-x.md", "---\ntitle: X\nfeed_id: info@4x.de\n---\n\nx\n",
         "content/news/2026-01-21-x.md:3: error: 'feed_id' holds an e-mail address"),
        ("files/h@5x.de", "x", "content/files/h@5x.de: error: the URL /files/h@5x.de holds"),
        ("f.md", "---\ntitle: F\npermalink: /f/zz\uff20victim.org/\n---\n\nx\n",
         "holds the e-mail address zz@victim.org"),
        ("news/2026-01-22-y.md", "---\ntitle: Y\nfeed_id: zz%40victim.org\n---\n\nx\n",
         "'feed_id' holds an e-mail address"),
        ("p.md", "---\ntitle: P\npermalink: /__preview/events/x/\n---\n\nx\n",
         "the URL /__preview/events/x/ is made by the site itself"),
    ],
    ids=["permalink", "feed-id", "file", "fullwidth-at", "percent-40", "preview-url"],
)  # fmt: skip
def test_an_address_at_a_host_like_2x_is_no_picture_name(
    site: Write, app: Flask, tmp_path: Path, name: str, text: str, said: str
) -> None:
    """logo@2x.png is a picture for sharp screens, not an address; info@4x.de is one (it was
    let through as a picture's name into the feed, the sitemap and a folder's name), and so
    are zz%40victim.org and zz＠victim.org, as a harvester decodes them. /__preview/ is the
    preview's own."""
    site("images/logo@2x.png", b"\x89PNG\r\n\x1a\n")
    site(name, text)
    result = check(app)
    assert result.exit_code == 1 and said in result.output, result.output
    assert "logo@2x.png" not in result.output


def test_letters_whose_case_grows_are_read_as_letters(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The 53rd attack: "İstanbul" (İ, whose lower case is two characters; so K, the Kelvin
    sign, and ſ, a long s, which match ASCII letters when case is ignored) was read as part
    of an ASCII run, and the address reader asked Unicode for the category of a whole word:
    the freeze's search index ended in a traceback, which the check never saw."""
    site("news/2026-12-01-t.md", "---\ntitle: T\n---\n\nWorkshop in İstanbul, at 20 K, ſo.\n")
    site("about.md", "---\ntitle: A\n---\n\nWrite to [us](mailto:İ@x.org).\n")
    assert check(app).exit_code == 0
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output


def test_the_feed_carries_a_long_text_by_its_link(site: Write, app: Flask, tmp_path: Path) -> None:
    """An abbreviation's title written at each use makes a 100 kB text into 5 MB of page (as
    much as a page may hold); the feed carries 20 such texts: 102 MB. A text longer than the
    feed carries whole is read on its page; the entry keeps its title, summary and link."""
    body = "*[a]: " + "T" * 15 + "\n\n" + "a " * 50_000  # 1.9 MB of page
    for day in range(1, 4):
        site(
            f"news/2026-01-{day:02d}-x{day}.md", f"---\ntitle: X{day}\nsummary: S\n---\n\n{body}\n"
        )
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    feed = (tmp_path / "build/feed.xml").read_text("utf-8")
    assert len(feed) < 100_000 and feed.count("<entry>") == 3 and "<content" not in feed
    assert feed.count("<summary") == 3


# --- A fourth fresh attack: what it found ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("events/2027-05-24-talk.md",
         '---\ntitle: "Talk"\nstart: 2027-05-24\nsummary: "Write to fred%40victim.org"\n---\n'),
        ("events/2027-05-24-talk.md",
         '---\ntitle: "Talk"\nstart: 2027-05-24\norganizers: "ada\uff20victim.org"\n---\n'),
        ("about.md", "---\ntitle: About\n---\n\nHello ada\uff20victim.org, bob\ufe6bvictim.org.\n"),
        ("site.yml", "title: Group\nfooter: Contact ada%40victim.org\n"),
        ("about.md", "---\ntitle: About\n---\n\nAsk taro\uff20victim\uff0ejp (or \u2024).\n"),
        ("about.md", "---\ntitle: About\n---\n\n[Mail](https://a.example/?to=taro%EF%BC%A0victim.jp)\n"),
        ("about.md", "---\ntitle: About\n---\n\nWrite `taro\uff20victim.jp`.\n"),
        ("about.md", "---\ntitle: taro\uff20victim.jp\n---\n\nHi.\n"),
    ],
    ids=["summary-percent-40", "organizers-fullwidth", "body-fullwidth-small", "site-footer",
         "wide-dot", "percent-encoded-wide-at", "code-span", "title"],
)  # fmt: skip
def test_an_address_written_with_another_sign_is_hidden_everywhere(
    site: Write, app: Flask, tmp_path: Path, content: Path, name: str, text: str
) -> None:
    """ada%40victim.org and ada＠victim.org (as a harvester decodes them) passed the check and
    failed the freeze, whose reading of the built pages found them: now every output hides an
    address whatever its sign, and the check warns as for ada@victim.org."""
    if name == "site.yml":
        text = (content / "site.yml").read_text("utf-8") + text.partition("\n")[2]
    site(name, text)
    checked = check(app)
    assert checked.exit_code == 0, checked.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 0, frozen.output
    for path in (tmp_path / "build").rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            assert not addresses.in_name(path.read_bytes().decode("utf-8", "replace")), path


@contextlib.contextmanager
def nested_folders(root: Path, depth: int) -> Iterator[Path]:
    """Make ``depth`` folders "a" inside each other under ``root`` and give the innermost;
    remove them after, from the innermost out (shutil.rmtree, which pytest cleans up with,
    recurses, and would leave them)."""
    folder = root
    for _ in range(depth):
        folder = folder / "a"
        folder.mkdir()  # one level: mkdir(parents=True) recurses
    try:
        yield folder
    finally:
        while folder != root:
            for child in folder.iterdir():
                if not child.is_dir() or child.is_symlink():
                    child.unlink()
            with contextlib.suppress(OSError):  # something left in it: pytest's to remove
                folder.rmdir()
            folder = folder.parent


@pytest.mark.parametrize("where", ["content", "destination", "import source"])
def test_a_thousand_nested_folders_are_named_not_a_traceback(
    site: Write, app: Flask, content: Path, tmp_path: Path, where: str
) -> None:
    """1,100 folders inside each other (a pull request can commit them) ran the folder walks
    out of stack: RecursionError in check, freeze and import. Each names what it refuses."""
    dest, source = tmp_path / "build", tmp_path / "jekyll"
    said = {
        "content": "is too long to be published as a file",
        "destination": "its name is longer than a file of the site's may be",
        "import source": "longer than file systems allow",
    }[where]
    if where == "destination":
        assert freeze(app, "--dest", str(dest)).exit_code == 0
    if where == "import source":
        source.mkdir()
        (source / "_config.yml").write_text("title: T\n", "utf-8")
    root = {"content": content, "destination": dest, "import source": source}[where]
    with nested_folders(root, 1_100) as deepest:
        (deepest / "x.md").write_text("---\ntitle: X\n---\nDeep\n", "utf-8")
        if where == "import source":
            result = app.test_cli_runner().invoke(
                args=["import-jekyll", str(source), "--dest", str(tmp_path / "out")]
            )
        else:
            result = freeze(app, "--dest", str(dest))
    assert "RecursionError" not in repr(result.exception), result.exception
    assert said in result.output, result.output[-300:]


@pytest.mark.parametrize("held", ["an empty folder", "a folder with a file"])
def test_a_folder_of_someones_where_the_build_writes_a_file_is_named(
    site: Write, app: Flask, tmp_path: Path, held: str
) -> None:
    """Someone's folder in the build at newp/index.html, and a new page newp.md: the freeze
    ended with FileExistsError. It names the folder, and the build stays."""
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    (dest / "newp/index.html").mkdir(parents=True)
    if held == "a folder with a file":
        (dest / "newp/index.html/a.txt").write_text("notes", "utf-8")
    before = snapshot(dest)
    site("newp.md", "---\ntitle: New\n---\n\nHi.\n")
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert "was not written by a freeze, and the new build has a file at newp/index.html" in (
        result.output
    )
    assert snapshot(dest) == before


@pytest.mark.parametrize("name", [b"\xff\xfe.txt", b"sub/\xff.css"])
def test_a_file_named_in_no_text_in_the_build_is_named_not_a_traceback(
    site: Write, app: Flask, tmp_path: Path, name: bytes
) -> None:
    """A file someone left in the build folder, its name bytes that are no UTF-8 text,
    ended the freeze with UnicodeEncodeError: it is named, and the build stays."""
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    placed = dest / os.fsdecode(name)  # b"\xff" as Python names it: written back as b"\xff"
    placed.parent.mkdir(exist_ok=True)
    placed.write_bytes(b"hello")
    before = snapshot(dest)
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert "its name is not UTF-8 text" in result.output and "\\xff" in result.output
    assert snapshot(dest) == before


@pytest.mark.parametrize("loop", ["cache folder", "cache database", "build folder", "--dest"])
def test_a_loop_of_links_is_named_or_no_cache(
    site: Write, content: Path, tmp_path: Path, loop: str
) -> None:
    """A link to itself as the cache folder, its database, the build folder (a pull request
    can commit `build` so) or --dest ended check, freeze and the preview with RuntimeError:
    a loop is no cache and no build, and a --dest that loops is named."""
    looped = tmp_path / "loop"
    looped.symlink_to(looped)
    settings = {"CONTENT_DIR": str(content), "CACHE_DIR": str(tmp_path / "cache")}
    if loop == "cache folder":
        settings["CACHE_DIR"] = str(looped)
    elif loop == "cache database":
        (tmp_path / "cache").mkdir(mode=0o700)
        (tmp_path / "cache" / "cache.sqlite").symlink_to("cache.sqlite")
    elif loop == "build folder":
        settings["BUILD_DIR"] = str(looped)
    app = create_app(settings)
    assert check(app).exit_code == 0
    if loop == "--dest":
        result = freeze(app, "--dest", str(looped))
        assert result.exit_code == 1 and f"{looped} is a loop of links" in result.output
    else:
        assert freeze(app, "--dest", str(tmp_path / "out")).exit_code == 0


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u2060", "\ufeff"])
def test_an_invisible_character_before_the_sign_hides_no_address(
    site: Write, app: Flask, tmp_path: Path, invisible: str
) -> None:
    """`bob\u200b@example.org` reads as an address to anyone who copies it, but the check
    missed it: a member's other field published it with show_email off, calendars wrote it
    with "@", pages without their &#64;. An invisible character reads as nothing."""
    address = f"bob{invisible}@example.org"
    site("data/members.yml", f'- name: Bob Roe\n  affiliation: "{address}"\n')
    result = check(app)
    assert result.exit_code == 1 and "'affiliation' holds an e-mail address" in result.output
    site("data/members.yml", "- name: Bob Roe\n  affiliation: Example University\n")
    site("events/2027-05-24-s.md", f'---\ntitle: E\nstart: 2027-05-24\nlocation: "Room {address}"\n'
         f"---\n\nWrite to {address}.\n")  # fmt: skip
    result = check(app)
    assert "in 'location' reaches the feed and calendars" in result.output, result.output
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    for path in (tmp_path / "build").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics"):
            assert f"bob{invisible}@" not in path.read_text("utf-8"), path


SPLIT_ADDRESSES = {  # as a page's text writes them: each shown whole to a reader
    "*ada*@example.org": "ada@example.org",
    "bo@*example.org*": "bo@example.org",
    "<em>cy</em>@example.org": "cy@example.org",
    "dee<span>@example.org</span>": "dee@example.org",
    "[eve](/join/)@example.org": "eve@example.org",
    "`fay`@example.org": "fay@example.org",
    "gus@`example.org`": "gus@example.org",
    "hal<!-- -->@example.org": "hal@example.org",
    "ivy&shy;@example.org": "ivy@example.org",
    "jo&#8203;@example.org": "jo@example.org",
    "kay@example&#46;org": "kay@example.org",  # a reference for a letter of its own
    "lu@ex&#97;mple.org": "lu@example.org",
}


@pytest.mark.parametrize("written", SPLIT_ADDRESSES)
def test_an_address_written_in_pieces_is_protected_and_warned(
    site: Write, app: Flask, tmp_path: Path, written: str
) -> None:
    """Markup inside an address (`*ada*@example.org`, `<span>`, a comment, `&shy;`) shows it
    whole on the page, but it was published with a plain "@" and the check said nothing:
    the page writes its "@" as &#64;, and the check warns at its line."""
    site("news/2026-05-01-split.md", f"---\ntitle: S\n---\n\nFirst line.\n\nWrite to {written}.\n")
    result = check(app)
    address = SPLIT_ADDRESSES[written]
    assert result.exit_code == 0
    assert "content/news/2026-05-01-split.md:7:" in result.output, result.output
    assert f"[Name](mailto:{address})" in result.output
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    page = tmp_path / "build" / "news" / "2026" / "split" / "index.html"
    shown = page.read_text("utf-8")
    assert "&#64;" in shown and "&#46;org" in shown
    assert "@ex" not in shown and "@<" not in shown


@pytest.mark.parametrize(
    ("setting", "value", "said"),
    [
        ("TAG_SITE_CACHE_DIR", "123", "0 errors"),  # a folder named 123, not the number
        ("TAG_SITE_BUILD_DIR", "true", "0 errors"),
        ("TAG_SITE_JOBS", "many", "Error: TAG_SITE_JOBS: 'many' is not a number"),
    ],
)
def test_a_setting_is_read_as_written(
    site: Write, content: Path, tmp_path: Path, setting: str, value: str, said: str
) -> None:
    """TAG_SITE_CACHE_DIR=123 (a folder's name that reads as a number) and TAG_SITE_JOBS=many
    stopped `flask check` with a traceback: a setting is the text written, and one the engine
    cannot take is a line saying which."""
    settings = {"FLASK_APP": str(ROOT / "app.py"), "TAG_SITE_CONTENT_DIR": str(content)}
    done = subprocess.run(
        [str(BIN / "flask"), "check"], cwd=tmp_path, env=os.environ | settings | {setting: value},
        timeout=120, capture_output=True, text=True,
    )  # fmt: skip
    assert said in done.stdout + done.stderr and "Traceback" not in done.stderr, done.stderr
    assert done.returncode == (1 if setting == "TAG_SITE_JOBS" else 0)


def test_a_name_with_control_characters_is_printed_escaped(
    site: Write, app: Flask, content: Path, tmp_path: Path
) -> None:
    """Files named a<LF>b.md and c<ESC>[2Jd.md reached the import's report, and the check's
    lines, as they are: a newline forged a line of its own, an ESC drove the terminal."""
    source = tmp_path / "jekyll"
    source.mkdir()
    (source / "_config.yml").write_text("title: T\n", "utf-8")
    for name in ("a\nb.md", "c\x1b[2Jd.md"):
        (source / name).write_text("---\ntitle: X\n---\nText\n", "utf-8")
        (content / name).write_text("---\ntitle: X\n---\nText\n", "utf-8")
    imported = (
        app.test_cli_runner()
        .invoke(args=["import-jekyll", str(source), "--dest", str(tmp_path / "out")])
        .output
    )
    checked = check(app).output
    for output in (imported, checked):
        assert "a\\nb.md" in output and "c\\x1b[2Jd.md" in output, output
        lines = output.split("\n")
        assert "\x1b" not in output and not any(line.startswith("b.md") for line in lines)


@pytest.mark.parametrize(
    ("file", "key"),
    [
        ("events/2027-03-01-school.md", "url"),
        ("events/2027-03-01-school.md", "registration"),
        ("events/2027-03-01-school.md", "online"),
        ("jobs/2027-03-01-postdoc.md", "url"),
    ],
)
def test_a_web_address_that_looks_like_another_is_an_error(
    site: Write, app: Flask, tmp_path: Path, file: str, key: str
) -> None:
    """An event's `url: https://exаmple.org/` (a Cyrillic а) passed the check and a proposal,
    and the page linked to another site than the one the editor read: as a member's web
    address, it is an error at its line."""
    start = "start: 2027-03-01\n" if file.startswith("events") else "deadline: 2027-04-01\n"
    site(file, f"---\ntitle: School\n{start}{key}: https://ex\u0430mple.org/\n---\n\nText.\n")
    result = check(app)
    said = f"content/{file}:4: error: '{key}' holds 'ex\u0430mple' (U+0430 CYRILLIC SMALL LETTER A)"
    assert result.exit_code == 1 and said in result.output, result.output
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 1


def test_a_formula_the_check_passes_is_published(site: Write, app: Flask, tmp_path: Path) -> None:
    """A formula nested just below the depth the check could read (320 levels of \\frac)
    passed the check and failed the freeze, which converts formulas further down Python's
    stack: both read formulas at one depth, so the deepest the check passes is published and
    one level more is refused by both."""
    from tag_site.markdown.formulas import FormulaError, to_mathml

    def readable(levels: int) -> bool:
        to_mathml.cache_clear()
        try:
            to_mathml("\\frac{1}{" * levels + "x" + "}" * levels, display=True)
        except FormulaError:
            return False
        return True

    low, high = 1, 2_000  # the deepest read, the shallowest refused
    while high - low > 1:
        low, high = (
            ((low + high) // 2, high) if readable((low + high) // 2) else (low, (low + high) // 2)
        )
    for levels, published in ((low, True), (high, False)):
        formula = "\\frac{1}{" * levels + "x" + "}" * levels
        site("deep.md", f"---\ntitle: Deep\n---\n\n$${formula}$$\n")
        to_mathml.cache_clear()
        assert (check(app).exit_code == 0) is published
        to_mathml.cache_clear()
        assert (freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0) is published


APPLE, PAYPAL = "\u0430\u0440\u0440\u04cf\u0435", "\u0440\u0430\u0443\u0440\u0430\u04cf"  # Cyrillic


@pytest.mark.parametrize(
    ("address", "word"),
    [(f"https://{APPLE}.com/", APPLE), (f"https://{PAYPAL}.com/login", PAYPAL)],
    ids=["apple", "paypal"],
)
def test_a_web_address_in_letters_that_all_look_latin_is_an_error(
    site: Write, app: Flask, address: str, word: str
) -> None:
    """https://аррӏе.com/, all in Cyrillic letters (one alphabet, no Latin letter among them),
    passed the event form and the check, and reads "apple.com": a part of an address whose
    letters all pass for Latin ones is an error (пример.рф is as written)."""
    site("events/2027-05-24-h.md", f"---\ntitle: H\nstart: 2027-05-24\nurl: {address}\n---\n")
    result = check(app)
    assert result.exit_code == 1 and f"'url' holds '{word}'" in result.output, result.output
    site(
        "events/2027-05-24-h.md", "---\ntitle: H\nstart: 2027-05-24\nurl: https://пример.рф/\n---\n"
    )
    assert check(app).exit_code == 0


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            "Get Report&#x202E;fdp.exe now.",
            "the file holds &#x202E;, a direction",
        ),
        ("[Report&#8238;fdp.exe](/)", "the file holds &#8238;, a direction override"),
        ('<a href="/"><bdo dir="rtl">fdp.tropeR</bdo></a>', "<bdo> draws the letters"),
        ('<math><mstyle scriptlevel="99"><mi>gone</mi></mstyle></math>', 'scriptlevel="99" draws'),
        ('<math><mstyle mathsize="1%"><mi>gone</mi></mstyle></math>', 'mathsize="1%" draws'),
        (
            '<math><mpadded width="0"><mi>A</mi></mpadded><mtext>B</mtext></math>',
            '<mpadded width="0"> draws what it holds over',
        ),
        (
            '<math dir="rtl"><mi>mpi-magdeburg.mpg.de</mi><mo>@</mo><mi>benner</mi></math>',
            '<math dir="rtl"> draws what it holds the other way round',
        ),
        ("$$\\unicode{x202E}fdp.exe$$", "the formula holds U+202E, which sets the direction"),
        (
            '<math><mstyle scriptlevel="+2"><mstyle scriptlevel="+2"><mi>a</mi></mstyle>'
            "</mstyle></math>",
            '<mstyle scriptlevel="+2"> in what is already smaller draws its words too small',
        ),
        ("$$\\tiny{\\tiny{x}}$$", "the formula draws its words too small to read"),
        (
            "<small><small><small><small>tiny</small></small></small></small>",
            "<small> in what is already smaller draws its words too small to read",
        ),
        ("$$x_{_{_{_{_{_{cut}}}}}}$$", "the formula draws its words too small to read"),
        ("$$\\frac{a}{\\frac{b}{\\frac{c}{\\frac{d}{e}}}}$$", "the formula draws its words"),
        ("$$\\sqrt[\\sqrt[\\sqrt[s]{a}]{b}]{c}$$", "the formula draws its words too small"),
        (
            "<math><msub><mi>x</mi><msub><mi>y</mi><msub><mi>z</mi><msub><mi>w</mi><mi>s</mi>"
            "</msub></msub></msub></msub></math>",
            "<mi> in what is already smaller draws its words too small to read",
        ),
        (
            "<ruby>a<rt><ruby>b<rt>secret</rt></ruby></rt></ruby>",
            "<rt> in what is already smaller draws its words too small to read",
        ),
        ("$$\\unicode{8238}fdp.exe$$", "the formula holds U+202E, which sets the direction"),
        ('<a href="https://example.org/" rel="opener">x</a>', 'rel="opener" lets the page'),
    ],
    ids=["override-reference", "override-in-link", "bdo", "scriptlevel", "mathsize", "mpadded",
         "math-rtl", "unicode-override", "nested-scriptlevel", "nested-tiny", "nested-small",
         "scripts-of-scripts", "fractions", "root-index", "nested-msub", "ruby", "decimal-unicode",
         "opener"],
)  # fmt: skip
def test_words_shown_reversed_or_too_small_to_read_are_errors(
    site: Write, app: Flask, tmp_path: Path, body: str, said: str
) -> None:
    """The 34th attack wrote the refused direction override as a character reference
    ("Report&#x202E;fdp.exe" reads "Report.exe.pdf") and as <bdo dir="rtl">, and hid words in
    MathML drawn at a script level of 99, at 1 % of the text's size, or in a box of no width
    over the next word; the 35th, MathML drawn right to left (a hidden address the right way
    round), an override from TeX's \\unicode, sizes each allowed alone but small in one
    another. All passed the check and were published. Each is an error at its line, in the
    check and the freeze."""
    site("r.md", f"---\ntitle: R\n---\n\n{body}\n")
    at = rf"content/r\.md:5:\d+: (error: )?(formula [^\n]*: )?{re.escape(said)}"
    result = check(app)
    assert result.exit_code == 1 and re.search(at, result.output), result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and re.search(at, frozen.output), frozen.output


def test_formulas_at_the_sizes_tex_has_pass(site: Write, app: Flask) -> None:
    """TeX's own sizes and styles (\\tiny is half the text's, a script of a script), \\not and
    a function's name (their MathML's marks), two <small> and a reference that only begins
    like the override's are no error."""
    site(
        "r.md",
        "---\ntitle: R\n---\n\n$$\\tiny x$$ $$\\scriptscriptstyle y$$ $$\\sin x \\not= 0$$ "
        "$$e^{x^{2^n}} \\frac{a}{\\frac{b}{c}} \\sqrt[3]{x}$$ <ruby>漢<rt>kan</rt></ruby> "
        "<small><small>a</small></small> &#x202E5; `&#x202E;`\n",
    )
    assert check(app).exit_code == 0, check(app).output


def test_a_body_of_an_abbreviations_definition_alone_is_a_warning(site: Write, app: Flask) -> None:
    """A post whose body was only ``*[HTML]: Hyper`` was published empty, the check silent (it
    warned of an unused abbreviation only where the page showed other words)."""
    site("news/2026-11-01-hello.md", "---\ntitle: Hello\n---\n\n*[HTML]: Hyper\n")
    said = check(app).output
    assert "content/news/2026-11-01-hello.md:5:1: warning: the abbreviation *[HTML] is" in said


def test_a_direction_override_in_an_html_attachment_is_an_error(site: Write, app: Flask) -> None:
    """The 35th attack: U+202E in an HTML or SVG file of content/files/, as itself or as a
    reference, was published as it is (a page refuses it)."""
    site("files/a.html", "<!doctype html><title>a</title><p>Report\u202efdp.exe</p>\n")
    site("files/b.svg", '<svg xmlns="http://www.w3.org/2000/svg"><text>R&#x202E;x</text></svg>')
    said = check(app).output
    assert "content/files/a.html:1:41: error: the file holds U+202E, a direction" in said, said
    assert "content/files/b.svg:1:48: error: the file holds &#x202E;, a direction" in said, said


@pytest.mark.parametrize("tag", ["</main>", "</div>", "</body>", "</article>"])
def test_an_end_tag_of_the_layouts_elements_is_an_error(site: Write, app: Flask, tag: str) -> None:
    """The 37th attack: "a </main> b" in a page ended the layout's <main>, which marks the
    page's text for the search: the words after it could not be found, the check silent.
    An end tag of an element the page never started is an error at its line; one in code is
    text, and one that ends the page's own element is its own."""
    site("t.md", f"---\ntitle: T\n---\n\na {tag} b\n\nWords after.\n\n`{tag}` <div>x</div>\n")
    said = check(app).output
    assert f"content/t.md:5:3: error: {tag} ends an element this page never started" in said
    assert said.count("never started") == 1, said


def test_an_end_tag_that_closes_nothing_is_a_warning(site: Write, app: Flask) -> None:
    """The 42nd attack: "The old </center> tag is gone." showed "The old  tag is gone.", the
    check silent: browsers drop an end tag that closes nothing (``</br>`` is a line break,
    ``</p>`` an empty paragraph). Each is a warning at its place, as written; one that
    closes the page's own element, or in code, is none."""
    site("t.md", (
        "---\ntitle: T\n---\n\nThe old </center> tag is gone.\n\n"
        "Then </ZQ> and </br> and </p>.\n\n<b>bold</b> `</i>` <span>x</span>\n"
    ))  # fmt: skip
    said = check(app).output
    shown = "closes no element here: browsers show"
    assert f"content/t.md:5:9: warning: </center> {shown} nothing of it — remove it, or " in said
    assert f"content/t.md:7:6: warning: </ZQ> {shown} nothing of it" in said, said
    assert f"content/t.md:7:16: warning: </br> {shown} a line break" in said, said
    assert f"content/t.md:7:26: warning: </p> {shown} an empty paragraph" in said, said
    assert said.count("closes no element") == 4, said


def test_an_element_started_only_in_a_links_title_is_no_start(site: Write, app: Flask) -> None:
    """The 38th attack: "<main>" in a link's title counted as the page starting one, and the
    "</main>" after it passed; "</main>" in a title or alt text was refused, though it is
    text there. The end tags are counted in the page as made."""
    site("t.md", '---\ntitle: T\n---\n\nSee [us](/ "<main>").\n\n</main>\n\nAfter.\n')
    assert "content/t.md:7:1: error: </main> ends an element" in check(app).output
    site("t.md", '---\ntitle: T\n---\n\nSee [us](/ "</main>") and ![a </div>](/x.png).\n')
    assert "never started" not in check(app).output


def test_a_script_level_of_thousands_of_digits_is_an_error_not_a_traceback(
    site: Write, app: Flask
) -> None:
    """Found reviewing the 34th round's size rule: scriptlevel="9…9" (5,000 digits) ran into
    Python's limit on reading long numbers (ValueError) in the check. It is an error."""
    site("x.md", f'---\ntitle: X\n---\n\n<math><mstyle scriptlevel="{"9" * 5000}"><mi>a</mi>'
                 "</mstyle></math>\n")  # fmt: skip
    result = check(app)
    assert (result.exit_code == 1 and result.exception is None) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert 'content/x.md:5:7: error: scriptlevel="99999999999999999999" draws' in result.output
    assert result.output.count("error:") == 1, result.output


def test_a_tag_whose_quoted_value_holds_an_angle_is_read_as_browsers_read_it(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The 38th attack: ``<abbr title="x < y">`` was shown as its markup, the check silent.
    It is an abbreviation; a <div> or <main> started so is started (its end tag is its own),
    and the page is published as written."""
    site("t.md", '---\ntitle: T\n---\n\nHi <abbr title="x < y">XY</abbr>.\n\n'
                 '<div title="a < b" markdown="1">\n*In* it.\n</div>\n')  # fmt: skip
    assert check(app).exit_code == 0, check(app).output
    assert freeze(app, "--dest", str(tmp_path / "b")).exit_code == 0
    made = (tmp_path / "b/t/index.html").read_text()
    assert '<abbr title="x < y">XY</abbr>' in made and "&lt;abbr" not in made
    assert '<div title="a &lt; b">\n<p><em>In</em> it.</p>\n</div>' in made


def test_a_tag_that_does_not_end_in_its_paragraph_is_shown_as_text_with_a_warning(
    site: Write, app: Flask
) -> None:
    """The 40th attack: ``<abbr title="x`` with ``> y">a</abbr>`` on the next line (a quote
    starts), or ``<span title="note`` never closed, was shown as its markup, the check
    and the freeze silent. A warning says so at its line ("if a <b then" is no tag)."""
    site(
        "t.md",
        '---\ntitle: T\n---\n\npara <abbr title="x\n> y">a</abbr> end\n\n'
        'See <span title="note\n\nIf a <b then c. In code: `<abbr title="x">`.\n',
    )
    said = check(app).output
    assert "content/t.md:5:6: warning: <abbr is shown as text, not read as a tag" in said, said
    assert "content/t.md:8:5: warning: <span is shown as text" in said, said
    assert said.count("is shown as text, not read as a tag") == 2, said
    site(
        "t.md",
        '---\ntitle: T\n---\n\nA <span class="x">real</span> one, and the text '
        '&lt;span class="x"&gt; and \\<abbr title="y">.\n',
    )  # the 41st: as written
    assert "shown as text" not in check(app).output


def test_invisible_characters_that_spell_words_are_refused(site: Write, app: Flask) -> None:
    """The 43rd attack wrote a hidden member's address in Unicode tag characters (each an
    ASCII letter, invisibly) in a page, its title, site.yml and two attachments; variation
    selectors carry bytes the same way. The check passed, the freeze published the address.
    Each such character is an error at its place, written as itself or as a reference; the
    flag of Wales (tags the Unicode way) and an emoji's selector are none."""
    tagged = "".join(chr(0xE0000 + ord(c)) for c in "ada@example.org")
    site("data/members.yml", "- name: Ada\n  email: ada@example.org\n  show_email: false\n")
    site("t.md", f"---\ntitle: T\n---\n\nWords{tagged} here.\n")
    site("s.md", "---\ntitle: S\n---\n\nA selector \ufe00 here, &#xE0061; there.\n")
    site("fine.md", "---\ntitle: F\n---\n\nWales \U0001f3f4\U000e0067\U000e0062\U000e0077"
         "\U000e006c\U000e0073\U000e007f and \u2764\ufe0f.\n")  # fmt: skip
    site("files/a.txt", f"y{tagged}\n")
    site("files/a.html", "<!doctype html><title>a</title><p>x&#917601;</p>\n")
    said = check(app).output
    invisible = "an invisible character that can spell words readers never see"
    assert f"content/t.md:5:6: error: the file holds U+E0061, {invisible}" in said, said
    assert f"content/s.md:5:12: error: the file holds U+FE00, {invisible}" in said, said
    assert f"content/files/a.txt:1:2: error: the file holds U+E0061, {invisible}" in said, said
    assert f"content/files/a.html:1:36: error: the file holds &#917601;, {invisible}" in said
    assert "fine.md" not in said, said
    site("s.md", "---\ntitle: S\n---\n\nA reference &#xE0061; there.\n")
    assert f"content/s.md:5:13: error: the file holds &#xE0061;, {invisible}" in check(app).output


def test_what_sets_a_direction_where_no_letter_is_right_to_left_is_said(
    site: Write, app: Flask
) -> None:
    """The 44th attack: "&#x2067;3 : 1" showed "1 : 3", <span dir="rtl">10 - 2</span> "2 - 10",
    and an SVG's unicode-bidi="bidi-override" "fdp.tropeR" as "Report.pdf", the check silent.
    A mark, embedding or isolate, or dir="rtl", in a paragraph of no right-to-left letter is
    a warning at its place (in the front matter too); in Hebrew or Arabic text, or in code,
    none. An override in an SVG, as an attribute or a style sheet's, is an error, as <bdo>."""
    site("t.md", (
        '---\ntitle: "Score \u2067x"\n---\n\nThe final score was &#x2067;3 : 1 for us.\n\n'
        '<span dir="rtl">10 - 2</span>\n\n\u05e9\u05dc\u05d5\u05dd &rlm;(1)\n\n`&rlm; code`\n'
    ))  # fmt: skip
    site("files/r.svg", (
        '<svg xmlns="http://www.w3.org/2000/svg"><text direction="rtl" '
        'unicode-bidi="bidi-override">fdp.tropeR</text></svg>\n'
    ))  # fmt: skip
    site("files/q.svg", (
        '<svg xmlns="http://www.w3.org/2000/svg"><style>text{unicode-bidi: bidi-override}'
        "</style><text>x</text></svg>\n"
    ))  # fmt: skip
    said = check(app).output
    order = "sets the direction of the words around it, which hold no right-to-left letter"
    assert f"content/t.md:2: warning: U+2067 {order}" in said, said
    assert f"content/t.md:5:21: warning: &#x2067; {order}" in said, said
    assert f'content/t.md:7:7: warning: dir="rtl" {order}' in said, said
    assert said.count(order) == 3, said
    assert 'content/files/r.svg:1:41: error: unicode-bidi="bidi-override" draws the letters' in said
    assert "content/files/q.svg:1:53: error: the file holds unicode-bidi: bidi-override, a " in said


@pytest.mark.parametrize(
    "value", ["!!timestamp x", "!!bool x", "!!set [1]", "!!map [1]", "!!int x"]
)
def test_a_yaml_tag_that_says_what_the_value_is_not_is_an_error(
    site: Write, app: Flask, value: str
) -> None:
    """The 45th attack: ``foo: !!timestamp x`` (and ``!!bool x``, ``!!set [1]``…) in a
    page's front matter, site.yml or members.yml was a traceback of check and freeze, and
    a 500 of the preview. Each is an error at its line, saying what the tag claims."""
    kind = value[2:].split()[0]
    said = f"the value is no {kind}, as its tag '!!{kind}' says"
    site("t.md", f"---\ntitle: T\nfoo: {value}\n---\nhi\n")
    result = check(app)
    assert f"content/t.md:3:6: error: invalid YAML: {said}" in result.output, result.output
    assert "Traceback" not in result.output
    shown = html.unescape(app.test_client().get("/t/").get_data(as_text=True))
    assert said in shown, shown  # the preview's problem page, not a traceback
    site("t.md", "---\ntitle: T\n---\nhi\n")
    site("data/members.yml", f"- name: Ada\n  city: {value}\n")
    assert f"content/data/members.yml:2:9: error: invalid YAML: {said}" in check(app).output


def test_a_tag_written_with_a_backslash_before_it_is_text(site: Write, app: Flask) -> None:
    """The 45th attack: "the tag \\<script> is old" is shown as text ("<script>"), and the
    check refused it as a script; "\\<b>" was warned about. Each is text; "\\\\<i>" (a shown
    backslash) is a tag; in an HTML block, where it is a script, it is refused."""
    site("t.md", "---\ntitle: T\n---\n\nThe tag \\<script> is old; \\<b>x\\</b>, \\\\<i>y</i>.\n")
    assert "0 errors, 0 warnings" in check(app).output
    site("u.md", "---\ntitle: U\n---\n\n<div>\n\\<script>alert(1)</script>\n</div>\n")
    assert "content/u.md:6:2: error: <script> is not allowed" in check(app).output


def test_a_refresh_in_a_page_sends_no_one_away_from_the_preview(site: Write, app: Flask) -> None:
    """The 46th attack: a pull request's page with <meta http-equiv="refresh"
    content="0;url=…"> was refused by the check but served by the preview, which sent the
    maintainer's browser to another site (no policy of a page stops a refresh). The page's
    text makes no <meta>: the preview shows it as text; the check still refuses it."""
    site(
        "t.md",
        '---\ntitle: T\n---\n\n<META http-equiv="refresh" content="0;url=https://evil.example/">\n',
    )
    shown = app.test_client().get("/t/").get_data(as_text=True)
    assert not re.search(r"<meta[^>]*refresh", shown, re.IGNORECASE), shown
    assert "content/t.md:5:1: error: a <meta> refresh sends readers" in check(app).output


def test_a_path_too_long_for_the_disk_is_said_not_a_traceback(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The 46th attack: a --dest, a cache folder or an import's destination whose name is
    over 255 bytes was a traceback ("File name too long"). Each is an error that names the
    path; a cache there is kept nowhere, and the check runs."""
    long = tmp_path / ("x" * 300)
    result = app.test_cli_runner().invoke(args=["freeze", "--dest", str(long)])
    assert result.exit_code == 1 and "File name too long — choose a shorter name" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    source = tmp_path / "old"
    source.mkdir()
    (source / "_config.yml").write_text("title: T\n")
    result = app.test_cli_runner().invoke(args=["import-jekyll", str(source), "--dest", str(long)])
    assert result.exit_code == 1 and "choose a shorter name" in result.output, result.output
    cached = create_app({"CONTENT_DIR": app.config["CONTENT_DIR"], "CACHE_DIR": str(long)})
    assert check(cached).exit_code == 0


def test_each_problem_is_one_line(site: Write, app: Flask) -> None:
    """The 56th attack: ``<a href="jav&#x0A;ascript:…">`` was refused with the link quoted
    as written, a line's end in it: the problem took two lines, the second not starting with
    ``content/FILE:LINE:`` (a CI annotation or grep read half of it). Messages are printed
    with their control characters escaped."""
    site("t.md", '---\ntitle: T\n---\n\n<a href="jav&#x0A;ascript:alert(1)">x</a>\n')
    output = check(app).output
    assert "content/t.md:5:1: error: 'jav\\nascript:alert(1)' uses javascript:" in output, output
    assert all(line.startswith("content/") for line in output.splitlines()[:-1]), output


PLACED = '<svg xmlns="http://www.w3.org/2000/svg" width="420" height="50">{}</svg>'


@pytest.mark.parametrize(
    ("drawing", "shown"),
    [
        ('<text y="30"><tspan x="94">lab.example</tspan><tspan x="10">a.hid@</tspan></text>', True),
        (
            '<text x="94" y="30">lab.example</text><text x="9" y="30">a.hid</text>'
            '<text x="60" y="30">@</text>',
            True,
        ),
        ('<text x="9 1 2 3 4 5" y="30">ha.id@</text><text x="94" y="30">lab.example</text>', True),
        ('<text x="9" y="30">A. Hid</text><text x="9" y="60">www.lab.example</text>', False),
        (
            '<text x="94" y="30"><![CDATA[lab.example]]></text><text x="9" y="30">a.hid@</text>',
            True,
        ),  # the review's attack: a piece written as CDATA was read as a tag
    ],
    ids=["tspans-reversed", "three-texts", "glyphs-placed", "a-name-and-a-site", "cdata"],
)
def test_an_address_an_svg_draws_from_pieces_placed_anywhere_is_found(
    site: Write, app: Flask, tmp_path: Path, drawing: str, shown: bool
) -> None:
    """The 57th attack: an SVG whose pieces of text, in another order in the file, are placed
    (``<tspan x="94">lab.example</tspan><tspan x="10">a.hid@</tspan>``) so that a reader sees
    a hidden address passed the check (which read them in the file's order), and the freeze
    published it. Read in any order, as attachment and in a page; a name beside a site's
    address is none."""
    site("data/members.yml", "- name: A Hid\n  email: a.hid@lab.example\n  show_email: false\n")
    site("files/logo.svg", PLACED.format(drawing))
    said = "content/files/logo.svg: error: this address is member 1's (A Hid)"
    assert (said in check(app).output) == shown, check(app).output
    site("files/logo.svg", PLACED.format(""))
    site("p.md", f"---\ntitle: P\n---\n\nOur logo:\n\n{PLACED.format(drawing)}\n")
    output = check(app).output
    assert ("content/p.md:7:" in output and "member 1's (A Hid)" in output) == shown, output
    assert (freeze(app, "--dest", str(tmp_path / "b")).exit_code == 1) == shown


def test_raw_mathml_moves_add_up(site: Write, app: Flask) -> None:
    """The 57th attack: three ``<mpadded voffset="8em">`` one in another drew words above the
    top of the page, each within 8em; moves side by side are no farther than each."""
    nested = '<mpadded voffset="8em">' * 3 + "<mtext>hidden words</mtext>" + "</mpadded>" * 3
    beside = '<mpadded voffset="2em"><mi>x</mi></mpadded>' * 5
    site("m.md", f"---\ntitle: M\n---\n\nText <math>{nested}</math> and <math>{beside}</math>\n")
    output = check(app).output
    assert "content/m.md:5:" in output and "<mtext> is drawn far from its place" in output, output
    assert output.count("drawn far from its place") == 1, output
    grouped = '<mrow><mspace width="-7em"/></mrow>' * 2 + "<mi>x</mi>"  # the 58th attack
    site("m.md", f"---\ntitle: M\n---\n\nText <math>{grouped}</math>\n")
    assert "<mi> is drawn far from its place" in check(app).output


def test_a_refused_name_in_the_destination_is_one_line(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The 57th attack: the freeze's refusal of a file added to an earlier build printed its
    name as it is: a line break split the message in two, an escape code reached the
    terminal. It is written as the check writes names (``\\n``, ``\\x1b``)."""
    dest = tmp_path / "b"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    (dest / "a\nb\x1b[2J.html").write_text("<p>x</p>", "utf-8")
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1 and "a\\nb\\x1b[2J.html" in result.output, result.output
    assert "\x1b" not in result.output and result.output.count("\n") == 1, result.output


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_in_front_matter_is_an_error_at_its_line(
    site: Write, app: Flask, tmp_path: Path, separator: str
) -> None:
    """The 68th attack: two front-matter values each holding U+2028 (which YAML reads as a
    line's end, the file as none) made check and freeze end in an IndexError traceback; one
    put every later line one off. It is an error at its line and column."""
    site("p.md", f"---\ntitle: A\nx: '{separator}'\ny: '{separator}'\n---\nWords.\n")
    for result in (check(app), freeze(app, "--dest", str(tmp_path / "out"))):
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
        assert "content/p.md:3:5: " in result.output, result.output
        assert f"the text holds U+{ord(separator):04X}" in result.output
