"""The content store: URLs, members, settings, ignored files, and the stat-keyed cache."""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path

import pytest

from tag_site.content import store as content_module
from tag_site.content.store import ContentStore, Site

from .helpers import Write


def load(folder: Path) -> Site:
    """Load a content folder once."""
    return ContentStore(folder).load()


def messages(site: Site) -> list[str]:
    """Return the site's errors as printed."""
    return [str(error) for error in site.errors]


@pytest.mark.parametrize(
    ("name", "front_matter", "url"),
    [
        ("index.md", "", "/"),
        ("about.md", "title: About\n", "/about/"),
        ("research/topics.md", "title: Topics\n", "/research/topics/"),
        ("research/index.md", "title: Research\n", "/research/"),
        ("old.md", "title: Old\npermalink: /x/y/\n", "/x/y/"),
        ("older.md", "title: Old\npermalink: /about.html\n", "/about.html"),
        ("noslash.md", "title: N\npermalink: x/\n", "/x/"),
    ],
)
def test_a_pages_url_comes_from_its_path_or_its_permalink(
    content: Path, write: Write, name: str, front_matter: str, url: str
) -> None:
    """A page's URL comes from its path, or from its permalink."""
    write(name, f"---\n{front_matter}---\nText\n")
    site = load(content)
    assert list(site.pages) == [url]
    assert site.errors == ()


def test_attachments_are_published_at_their_path(content: Path, write: Write) -> None:
    """A PDF or image in content/ is an attachment at the same path."""
    write("files/report.pdf", b"%PDF-1.4")
    assert load(content).attachments == {"/files/report.pdf": content / "files/report.pdf"}


@pytest.mark.parametrize(
    "name",
    [
        ".about.md.swp",
        "about.md~",
        "#about.md#",
        ".#about.md",
        "4913",
        ".git/config",
        ".DS_Store",
    ],
)
def test_editor_temp_and_hidden_files_are_ignored(content: Path, write: Write, name: str) -> None:
    """Files an editor leaves behind are neither pages nor attachments, and no problem."""
    write(name, "junk")
    site = load(content)
    assert (site.pages, site.attachments, site.errors) == ({}, {}, ())


@pytest.mark.parametrize(
    ("name", "shown", "severity", "gist"),
    [
        ("_config.yml", "_config.yml", "error", "put them in site.yml, or run flask import-jekyll"),
        ("_posts/2023-08-07-x.md", "_posts", "error", "move them into news/, or run flask import"),
        ("_drafts/x.md", "_drafts", "error", "move them into news/ with 'draft: true'"),
        ("_data/people.csv", "_data", "error", "move its files into data/ as YAML"),
        ("_layouts/default.html", "_layouts", "warning", "the site has its own — delete it"),
        ("_includes/head.html", "_includes", "warning", "the site has its own — delete it"),
        ("_sass/minima.scss", "_sass", "warning", "the site has its own — delete it"),
        ("Gemfile", "Gemfile", "warning", "not used here and not published — delete it"),
        ("Gemfile.lock", "Gemfile.lock", "warning", "not used here and not published"),
        ("assets/main.scss", "assets/main.scss", "warning", "not used here and not published"),
        (
            "files/tool.js",
            "files/tool.js",
            "warning",
            "is a script, which the site never publishes",
        ),
        ("files/run.sh", "files/run.sh", "warning", "is a script"),
        ("x.es", "x.es", "warning", "is a script"),  # served as JavaScript, as .js is
        ("files/people.csv", "files/people.csv", "warning", "is a data file, which the site never"),
        ("notes.yml", "notes.yml", "warning", "is a data file, which the site never publishes"),
        *[
            (f"files/x.{suffix}", f"files/x.{suffix}", "warning", "is a data file")
            for suffix in ("xlsx", "ini", "ndjson", "sqlite", "env")
        ],
        ("files/members", "files/members", "warning", "has no extension, so what it holds"),
        ("site.yaml", "site.yaml", "error", "read only as site.yml — rename it"),
        ("data/people.csv", "data/people.csv", "warning", "data files are YAML (.yml) — convert"),
        ("data/sub/x.yml", "data/sub/x.yml", "warning", "data files go directly in data/"),
        ("404.html", "404.html", "error", "the site makes its own 404 page — delete this file"),
    ],
)
def test_jekyll_leftovers_and_private_files_are_named_and_never_published(
    content: Path, write: Write, name: str, shown: str, severity: str, gist: str
) -> None:
    """What Jekyll needed, data and scripts: never an attachment, always named with a fix."""
    write(name, "a,b\nada@example.org,1\n")
    site = load(content)
    assert (site.pages, site.attachments) == ({}, {})
    assert [(str(e.path), e.severity) for e in site.errors] == [(f"content/{shown}", severity)]
    assert gist in site.errors[0].message


def test_a_file_served_as_javascript_is_a_script_whatever_its_suffix(
    content: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A suffix the machine's types serve as JavaScript (here one added) is never published."""
    monkeypatch.setattr(mimetypes, "guess_type", lambda name, strict=True: (
        ("application/javascript", None) if name.endswith(".jscript") else (None, None)
    ))  # fmt: skip
    write("files/x.jscript", "fetch('/x?' + document.cookie)\n")
    site = load(content)
    assert site.attachments == {}
    assert [str(e.path) for e in site.errors] == ["content/files/x.jscript"]
    assert "is a script" in site.errors[0].message


@pytest.mark.parametrize("name", ["x.markdown", "x.mkd", "x.mkdn", "x.MD"])
def test_jekyll_markdown_suffixes_are_pages(content: Path, write: Write, name: str) -> None:
    """Jekyll reads .markdown, .mkd and .mkdn as Markdown: so does the site."""
    write(name, "---\ntitle: X\n---\nText\n")
    assert list(load(content).pages) == ["/x/"]


def test_symlink_is_refused(content: Path, write: Write, tmp_path: Path) -> None:
    """A symlink could publish a file from outside the repository: it is an error."""
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (content / "leak.txt").symlink_to(secret)
    site = load(content)
    assert site.attachments == {}
    assert messages(site) == [
        "content/leak.txt: is a symbolic link, which could publish a file from outside the "
        "site — replace it with a copy of the file"
    ]


@pytest.mark.parametrize(
    ("front_matter", "line", "gist"),
    [
        ("layout: page\n", 2, "'title' is missing"),
        ("title: X\nlayout: fancy\n", 3, "unknown layout 'fancy'"),
        ("title: X\npermalink: /a/../b/\n", 3, "must be a plain site path"),
        ("title: X\npermalink: /a?b/\n", 3, "must be a plain site path"),
        ("title: X\npermalink: /about\n", 3, "must end with '/' or '.html'"),
        ("title: [a, b]\n", 2, "'title' must be text"),
        ("title: X\nsections: members\n", 3, "'sections' must be a list"),
    ],
)
def test_bad_page_front_matter_is_an_error_at_its_line(
    content: Path, write: Write, front_matter: str, line: int, gist: str
) -> None:
    """Bad values in a page's front matter are errors at their line."""
    write("page.md", f"---\n{front_matter}---\nText\n")
    (error,) = load(content).errors
    assert (str(error.path), error.line) == ("content/page.md", line)
    assert gist in error.message


def test_the_home_page_cannot_ask_for_an_unknown_section(content: Path, write: Write) -> None:
    """The home page can only ask for sections that exist."""
    write("index.md", "---\nlayout: home\nsections: [members, gallery]\n---\n")
    site = load(content)
    assert messages(site) == [
        "content/index.md:3: unknown section 'gallery' — use any of members, events, news, jobs"
    ]
    assert site.pages["/"].sections == ("members",)


def test_a_second_file_claiming_a_url_is_an_error_naming_the_first(
    content: Path, write: Write
) -> None:
    """Two sources claiming a URL: the second is an error naming the first."""
    write("about.md", "---\ntitle: A\n---\n")
    write("zz.md", "---\ntitle: Z\npermalink: /about/\n---\n")
    site = load(content)
    assert site.pages["/about/"].title == "A"
    assert messages(site) == [
        "content/zz.md:3: has the same URL /about/ as content/about.md — change its name or "
        "permalink"
    ]


@pytest.mark.parametrize("name", ["members.md", "events.md", "news.md", "news/index.md"])
def test_page_at_a_generated_list_is_its_introduction(
    content: Path, write: Write, name: str
) -> None:
    """members.md (or events.md, news.md) is the text above the list the site makes."""
    write(name, "---\ntitle: M\n---\n")
    site = load(content)
    assert site.errors == ()
    assert site.pages["/" + name.removesuffix(".md").removesuffix("/index") + "/"].title == "M"


def test_page_cannot_take_a_generated_file(content: Path, write: Write) -> None:
    """/feed.xml is made by the site; a page there is an error, not a silent shadow."""
    write("feed.md", "---\ntitle: M\npermalink: /members/index.html\n---\n")
    assert "is made by the site itself" in messages(load(content))[0]


def test_members_keep_their_order_and_bad_entries_are_errors_at_their_line(
    content: Path, write: Write
) -> None:
    """Members keep their order; bad entries are errors at their own line."""
    write(
        "data/members.yml",
        "- name: A\n  email: a@example.org\n- name: B\n  email: 'email: b@example.org'\n"
        "- name: C\n  ems_member: maybe\n- email: d@example.org\n",
    )
    site = load(content)
    assert [m.name for m in site.members] == ["A", "B", "C", ""]
    assert messages(site) == [
        "content/data/members.yml:4: member 2 (B): 'email' must be a plain address like "
        "'b@example.org' — without 'mailto:' or spaces",
        "content/data/members.yml:6: member 3 (C): 'ems_member' must be true or false, not 'maybe'",
        "content/data/members.yml:7: member 4: 'name' is missing — add a line 'name: …'",
    ]


@pytest.mark.parametrize(
    ("settings", "line", "gist"),
    [
        ("title: T\ntimezone: Europe/Berlln\n", 2, "unknown time zone 'Europe/Berlln'"),
        ("title: T\nurl: example.org\n", 2, "'url' must be the full address"),
        ("title: T\nurl: https:///x\n", 2, "'url' must be the full address"),  # no host
        (
            "title: T\nurl: https://a.org:x/\n",
            2,
            "'url' has a port no browser can reach (1 to 65535)",
        ),
        ("title: T\nurl: https://[/\n", 2, "'url' has a '[' or ']' in its host, outside an"),
        ("title: T\nurl: https://x..org/\n", 2, "'url' must be the full address"),
        ("title: T\nurl: https://a.org/s p/\n", 2, "'url' must have a path of letters"),
        ("title: T\nurl: https://a.org/../../\n", 2, "'url' must have a path of letters"),
        ("title: T\nurl: https://a.org//evil.example/\n", 2, "'url' must not have '//'"),
        ("description: no title\n", 1, "'title' is missing"),
        ("title: T\nnav: [Home]\n", 2, "'nav' must be a list"),
    ],
)
def test_bad_site_settings_are_errors_at_their_line(
    content: Path, write: Write, settings: str, line: int, gist: str
) -> None:
    """Bad settings are errors at their line in site.yml."""
    write("site.yml", settings)
    (error,) = load(content).errors
    assert (str(error.path), error.line) == ("content/site.yml", line)
    assert gist in error.message


def test_unchanged_files_are_not_parsed_again(
    content: Path, site: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keyed by stat re-parses only the file that changed."""
    store = ContentStore(content)
    store.load()
    parsed: list[Path] = []
    original = content_module.read_page
    monkeypatch.setattr(
        content_module, "read_page", lambda raw, path: parsed.append(path) or original(raw, path)
    )
    old = (content / "about.md").stat().st_mtime_ns - 10_000_000_000
    for name in ("index.md", "about.md"):
        os.utime(content / name, ns=(old, old))  # old enough not to be checked by content
    store.load()
    store.load()
    assert parsed == []  # a touched file with the same bytes is not parsed again
    site("about.md", "---\ntitle: About them\n---\n")
    assert store.load().pages["/about/"].title == "About them"
    assert parsed == [Path("content/about.md")]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"x.md": "---\ntitle: X\npermalink: /members/index.html\n---\n"},
            "content/x.md:3: the URL /members/index.html is made by the site itself",
        ),
        (
            {"x.md": "---\ntitle: X\npermalink: /index.html\n---\n", "index.md": "Home\n"},
            "content/x.md:3: has the same URL /index.html as content/index.md",
        ),
        (
            {"index.html": "<p>old</p>", "index.md": "Home\n"},
            "content/index.md:1: has the same URL / as content/index.html",
        ),
        (
            {"about.md": "---\ntitle: A\n---\n", "about/index.html": "<p>x</p>"},
            "content/about.md:1: has the same URL /about/ as content/about/index.html",
        ),
        (
            {"static/site.css": "body{}"},
            "content/static/site.css: the URL /static/site.css is made",
        ),
        ({"404.html": "<p>gone</p>"}, "content/404.html: the site makes its own 404 page"),
        (
            {"x.md": "---\ntitle: X\npermalink: /a%20b/\n---\n"},
            "content/x.md:3: permalink '/a%20b/'",
        ),
    ],
    ids=["generated", "home-file", "home-attachment", "folder-index", "static", "404", "percent"],
)
def test_no_two_sources_silently_overwrite_one_output_file(
    content: Path, write: Write, files: dict[str, str], expected: str
) -> None:
    """Pages, attachments and the site's own files never silently overwrite one another."""
    for name, text in files.items():
        write(name, text)
    assert any(message.startswith(expected) for message in messages(load(content))), messages(
        load(content)
    )


def test_member_web_page_must_be_an_address(content: Path, write: Write) -> None:
    """A member's url is an http(s) address or a site path, never javascript:."""
    write("data/members.yml", "- name: A\n  url: javascript:alert(1)\n")
    site = load(content)
    assert site.members[0].url == ""
    assert messages(site) == [
        "content/data/members.yml:2: member 1 (A): 'url' must start with https:// "
        "(or / for a page of this site)"
    ]
