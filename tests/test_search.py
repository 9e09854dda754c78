"""The search: the freeze builds Pagefind's index; the preview says how the last one stands.

The search itself, typed into Chromium, is in test_browser.py; the index holding no address
in test_pages.py.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from flask import Flask

from tag_site import create_app

from .helpers import SAMPLE, TODAY, check, freeze, read_index

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
    later = time.time() + 5
    os.utime(tmp_path / "content/news/2026-01-21-kickoff.md", (later, later))
    assert "older than the content" in client.get("/search/").data.decode()


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
