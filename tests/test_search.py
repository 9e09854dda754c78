"""The search: the freeze builds Pagefind's index; the preview says how the last one stands.

The search itself, typed into Chromium, is in test_browser.py; the index holding no address
in test_pages.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from hashlib import sha256
from pathlib import Path

import pytest
from flask import Flask

from tag_site import create_app
from tag_site.build import remember_build

from .helpers import (
    BIN,
    ROOT,
    SAMPLE,
    SITE_YML,
    TODAY,
    Write,
    check,
    deadline,
    freeze,
    published_text,
    read_index,
    running,
)

LEFT_OUT = ("search/", "reports/", "news/page/")


def sample_app(tmp_path: Path) -> Flask:
    """Return the preview of a copy of the sample site whose freezes go to tmp_path/build."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    settings = {"CONTENT_DIR": str(content), "TODAY": TODAY, "BUILD_DIR": str(tmp_path / "build")}
    return create_app(settings)


def test_the_freeze_indexes_every_page_but_the_search_and_404(tmp_path: Path) -> None:
    """The index has one entry per page: none for /search/, 404.html, an old address, or the
    lists that repeat their pages (the reports, the news after its first page)."""
    app = sample_app(tmp_path)
    result = freeze(app)
    assert result.exit_code == 0, result.output
    build = tmp_path / "build"
    assert (build / "pagefind/pagefind-entry.json").is_file()
    assert (build / "pagefind/pagefind-ui.js").is_file()
    fragments = list((build / "pagefind/fragment").iterdir())
    pages = [
        page
        for page in build.rglob("index.html")
        if not page.relative_to(build).as_posix().startswith(LEFT_OUT)
        and 'http-equiv="refresh"' not in page.read_text("utf-8")
    ]
    assert len(pages) >= 12 and len(fragments) == len(pages)
    manifest = (build / ".tag-site-build.json").read_text("utf-8")
    assert '"pagefind/pagefind-entry.json"' in manifest


def test_preview_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    """No freeze yet: the search page says so, and loads no script."""
    page = sample_app(tmp_path).test_client().get("/search/").data.decode()
    assert "no search index yet" in page
    assert "<script src" not in page


def test_preview_searches_the_last_freeze_and_says_when_it_is_older(tmp_path: Path) -> None:
    """After a freeze the preview serves its index and offers the box; a file saved since
    makes the page say the index is older than the content."""
    app = sample_app(tmp_path)
    assert freeze(app).exit_code == 0
    client = app.test_client()
    page = client.get("/search/").data.decode()
    assert 'id="search"' in page and '<script src="/pagefind/pagefind-ui.js" defer>' in page
    assert "older than the content" not in page
    with client.get("/pagefind/pagefind-ui.js") as script:
        assert script.status_code == 200 and b"PagefindUI" in script.data
    with client.get("/pagefind/../site.yml") as outside:
        assert outside.status_code == 404
    secret = tmp_path / "secret.txt"  # a link planted in the index: served what it named
    secret.write_text("SECRET", "utf-8")
    index = Path(app.config["BUILD_DIR"]) / "pagefind"
    (index / "leak.js").symlink_to(secret)
    (index / "linked").symlink_to(tmp_path)
    (index / "loop").symlink_to("loop")  # answered 500, a traceback in the server's log
    for planted in ("/pagefind/leak.js", "/pagefind/linked/secret.txt", "/pagefind/loop"):
        with client.get(planted) as leak:
            assert leak.status_code == 404 and b"SECRET" not in leak.data, planted
    later = time.time() + 5
    os.utime(tmp_path / "content/news/2026-01-21-kickoff.md", (later, later))
    assert "older than the content" in client.get("/search/").data.decode()


@pytest.mark.parametrize("disguised", [False, True], ids=["plain", "as-a-repository"])
def test_the_preview_runs_no_search_index_that_git_tracks(tmp_path: Path, disguised: bool) -> None:
    """A pull request that commits build/pagefind/ (git add -f) had its pagefind-ui.js run
    in the editor's preview: an index git tracks is not served, and the page says why; nor
    one with a HEAD, objects/ and refs/ committed in it and in build/, which git read as
    empty repositories of their own."""
    app = sample_app(tmp_path)
    index = Path(app.config["BUILD_DIR"]) / "pagefind"
    index.mkdir(parents=True)
    (index / "pagefind-entry.json").write_text("{}", "utf-8")
    (index / "pagefind-ui.js").write_text('alert("a pull request\'s script")', "utf-8")
    for place in (index, index.parent) if disguised else ():
        (place / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
        for folder in ("objects", "refs"):
            (place / folder).mkdir()
            (place / folder / ".keep").write_text("", "utf-8")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=a", "-c", "user.email=a@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", "build/pagefind"], check=True)
    client = app.test_client()
    page = client.get("/search/").data.decode()
    assert "is in git" in page and "<script src" not in page
    with client.get("/pagefind/pagefind-ui.js") as script:
        assert script.status_code == 404 and b"alert" not in script.data


@pytest.mark.parametrize("how", ["downloaded", "changed"])
def test_the_preview_runs_only_the_index_a_freeze_here_wrote(tmp_path: Path, how: str) -> None:
    """A stranger's branch downloaded as a zip (no git to ask) brought build/pagefind/ with
    its own pagefind-ui.js, and the preview ran it on /search/: the preview serves only
    the files a freeze on this machine wrote, as the cache records them, as written."""
    app = sample_app(tmp_path)
    index = Path(app.config["BUILD_DIR"]) / "pagefind"
    if how == "changed":
        assert freeze(app, "--dest", str(index.parent)).exit_code == 0
        with app.test_client().get("/pagefind/pagefind-ui.js") as script:
            assert script.status_code == 200  # the freeze's own
    index.mkdir(parents=True, exist_ok=True)
    (index / "pagefind-entry.json").write_text("{}", "utf-8")
    (index / "pagefind-ui.js").write_text('document.title = "PWNED"', "utf-8")
    client = app.test_client()
    with client.get("/pagefind/pagefind-ui.js") as script:
        assert script.status_code == 404 and b"PWNED" not in script.data
    page = client.get("/search/").data.decode()
    assert "was not written by <code>flask freeze</code> on this machine" in page
    assert "pagefind-ui.js" not in page


def test_a_file_git_tracks_deep_in_the_index_is_not_served(tmp_path: Path) -> None:
    """The preview asked git once per state of the index's folder: a checkout that added
    build/pagefind/fragment/evil.js left that folder as it was, and the file was served
    (a page's script ran). Each file is asked by its own state."""
    app = sample_app(tmp_path)
    index = Path(app.config["BUILD_DIR"]) / "pagefind"
    (index / "fragment").mkdir(parents=True)
    (index / "pagefind-entry.json").write_text("{}", "utf-8")
    with app.app_context():  # as a freeze keeps it
        remember_build(index.parent, {"pagefind/pagefind-entry.json": sha256(b"{}").hexdigest()})
    git = ["git", "-C", str(tmp_path), "-c", "user.name=a", "-c", "user.email=a@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    client = app.test_client()
    with client.get("/pagefind/pagefind-entry.json") as entry:
        assert entry.status_code == 200  # asked, and not tracked
    (index / "fragment" / "evil.js").write_text('document.title = "PWNED"', "utf-8")
    subprocess.run([*git, "add", "-f", "build/pagefind/fragment/evil.js"], check=True)
    with client.get("/pagefind/fragment/evil.js") as script:
        assert script.status_code == 404 and b"PWNED" not in script.data


@pytest.mark.parametrize(
    "markup",
    [
        '<span data-pagefind-meta="url:https://evil.example/">x</span>',
        '<SPAN DATA-PAGEFIND-META="title:Free money">x</SPAN>',
        '<svg><a data-pagefind-weight="10">y</a></svg>',
        '<div data-pagefind-filter="kind:spam">z</div>',
    ],
)
def test_a_page_cannot_steer_the_search(tmp_path: Path, markup: str) -> None:
    """Pagefind's attributes in a page (a result's address, title, rank, filters) are an
    error at their line: a pull request cannot make a search result lead elsewhere."""
    app = sample_app(tmp_path)
    (tmp_path / "content/contact.md").write_text(
        f"---\ntitle: Contact\n---\n\nWrite to us. {markup}\n", "utf-8"
    )
    result = check(app)
    assert result.exit_code == 1
    assert "content/contact.md:5:" in result.output
    assert "steers the site's search" in result.output
    frozen = freeze(app)
    assert frozen.exit_code == 1 and "steers the site's search" in frozen.output, frozen.output
    assert not (tmp_path / "build").exists()


def test_an_attachment_is_not_indexed_whatever_it_says(tmp_path: Path) -> None:
    """An HTML file among the content's files that marks itself for the search, as the
    layouts do, is published as it is but is not in the index."""
    app = sample_app(tmp_path)
    (tmp_path / "content/files").mkdir()
    (tmp_path / "content/files/spam.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><main data-pagefind-body>'
        "<h1>Zanzibarquux prizes</h1></main></html>\n",
        "utf-8",
    )
    assert freeze(app).exit_code == 0
    assert (tmp_path / "build/files/spam.html").is_file()
    assert "zanzibarquux" not in read_index(tmp_path / "build").lower()


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Return what puts a shell script in Pagefind's place (``PAGEFIND_BINARY_PATH``, which
    the freeze and the commands it starts read); the script writes its PID into the file
    it returns, then runs ``body``."""

    def make(body: str) -> Path:
        started = tmp_path / "pagefind.pid"
        script = tmp_path / "pagefind"
        script.write_text(
            f"#!/bin/sh\necho $$ > {started}.new\nmv {started}.new {started}\n{body}\n"
        )
        script.chmod(0o755)
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(script))
        return started

    return make


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_pagefind_dies_with_a_killed_freeze(
    site: Write, content: Path, tmp_path: Path, stand_in: Callable[[str], Path]
) -> None:
    """kill -9 of a freeze while Pagefind indexes ends Pagefind too: it is not left running,
    re-parented, for as long as it takes (a stand-in that would take ten minutes)."""
    started = stand_in("exec sleep 600")
    environment = os.environ | {"TAG_SITE_CONTENT_DIR": str(content), "TAG_SITE_TODAY": TODAY}
    process = subprocess.Popen(
        [str(BIN / "flask"), "--app", "app", "freeze", "--dest", str(tmp_path / "build")],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    pagefind = 0
    try:
        with deadline(60):
            while not started.exists() and process.poll() is None:
                time.sleep(0.02)
        assert started.exists(), "the freeze ended before it ran Pagefind"
        pagefind = int(started.read_text())
        process.kill()
        process.wait(timeout=30)
        with deadline(10):
            while running(pagefind):
                time.sleep(0.05)
    finally:  # whatever failed, nothing of it outlives the test
        for pid in (process.pid, pagefind):
            with contextlib.suppress(OSError):
                if pid:
                    os.kill(pid, signal.SIGKILL)
        process.wait(timeout=30)


PANIC = """\
thread 'main' (4242) panicked at pagefind/src/index/mod.rs:530:32:
{message}
stack backtrace:
note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace."""


def test_a_pagefind_failure_names_the_page_its_words_name(
    site: Write, app: Flask, tmp_path: Path, stand_in: Callable[[str], Path]
) -> None:
    """Pagefind failing on one page (a stand-in that panics as Pagefind 1.5 does, naming a
    page it read): the freeze names the page's file, and what Pagefind said rather than
    Rust's notes."""
    words = PANIC.format(message="cannot parse $2/about/index.html: unexpected")
    stand_in(f"cat >&2 <<EOF\n{words}\nEOF\nexit 101")
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 1
    assert (
        "about.md: the search index could not be built from this page (Pagefind: cannot "
        "parse about/index.html: unexpected) — simplify the page" in result.output
    ), result.output
    assert "RUST_BACKTRACE" not in result.output and not (tmp_path / "build").exists()


def test_a_pagefind_failure_names_the_setting_it_read(
    site: Write, app: Flask, tmp_path: Path, stand_in: Callable[[str], Path]
) -> None:
    """Pagefind failing on no page it names: the freeze says what Pagefind said and the
    setting it was given, the language of site.yml."""
    stand_in(
        f"cat >&2 <<EOF\n{PANIC.format(message='byte index 370 is out of bounds')}\nEOF\nexit 101"
    )
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 1
    assert (
        "(Pagefind: byte index 370 is out of bounds) — Pagefind read the pages' text in the "
        "language 'en' of " in result.output
    )
    assert "site.yml ('language'): check that setting" in result.output
    assert "RUST_BACKTRACE" not in result.output


def test_a_language_tag_pagefind_cannot_take_is_refused_at_its_line(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A language tag of 32 characters or more makes Pagefind 1.5 panic: the check refuses
    it at its line in site.yml, and the freeze with it, before Pagefind runs."""
    tag = "en-abcdefgh-abcdefgh-abcdefgh-ab"
    site("site.yml", SITE_YML + f"language: {tag}\n")
    result = check(app)
    assert result.exit_code == 1
    assert f"site.yml:8: error: 'language' {tag!r} is not a language tag" in result.output
    frozen = freeze(app, "--dest", str(tmp_path / "build"))
    assert (
        frozen.exit_code == 1 and "'language'" in frozen.output and "Pagefind" not in frozen.output
    )


def test_each_page_is_found_once_by_its_own_words(tmp_path: Path) -> None:
    """Issue 22: the lists (the home page's, /events/, /news/) came up as hits beside the
    pages they list, their excerpts carrying the date badge's "24 May 2026". A list's cards
    are left out of the index: an event's or a post's title is found on its own page."""
    app = sample_app(tmp_path)
    assert freeze(app).exit_code == 0
    found: dict[str, str] = {}
    for fragment in (tmp_path / "build/pagefind/fragment").iterdir():
        entry = json.loads(published_text(fragment).removeprefix("pagefind_dcd"))
        found[entry["url"]] = entry["content"]
    titles = ["Summer School on Learned Solvers", "Autumn Workshop on Operator Learning",
              "Kick-off meeting", "Call for contributions"]  # fmt: skip
    for title in titles:
        assert [url for url, text in found.items() if title in text] == [
            next(url for url, text in found.items() if text.startswith(title))
        ], title
    assert not any(re.search(r"\b24 May 2026\b", found[url]) for url in ("/", "/events/"))
