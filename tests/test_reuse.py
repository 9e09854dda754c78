"""A freeze keeps the pages of the previous build that would be made the same: never stale."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import jinja2.meta
import pytest
from flask import Flask

from tag_site import ROOT, create_app
from tag_site.content.urls import MANIFEST

from .helpers import TODAY, Write, app_on, built, freeze

EVENT = (
    "---\ntitle: Spring school\nstart: 2026-06-01\nend: 2026-06-03\nlocation: Delft\n---\n\n"
    "Talks.\n"
)


def news(site: Write) -> None:
    """Write five posts, one after the other, and an event."""
    for day in range(1, 6):
        site(f"news/2026-03-0{day}-post-{day}.md", f"---\ntitle: Post {day}\n---\n\nText {day}.\n")
    site("events/2026-06-01-school.md", EVENT)


def cold(content: Path, tmp_path: Path, name: str, today: str = TODAY) -> dict[str, bytes]:
    """Return the site frozen from nothing: no earlier build, no cache."""
    assert (
        freeze(app_on(content, today, CACHE_DIR=""), "--dest", str(tmp_path / name)).exit_code == 0
    )
    return built(tmp_path / name)


def test_a_freeze_after_edits_publishes_what_a_freeze_from_nothing_does(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """Edit a post, add one, retitle another, add an event, change the settings: the pages
    kept and the pages made again are together the site a first freeze makes."""
    news(site)
    app, dest = app_on(content), tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0

    def inode(number: int) -> int:
        return (dest / f"news/2026/post-{number}/index.html").stat().st_ino

    before = {number: inode(number) for number in range(1, 6)}
    site("news/2026-03-03-post-3.md", "---\ntitle: Post 3\n---\n\nNew text 3.\n")
    site("news/2026-03-09-post-9.md", "---\ntitle: Post 9\n---\n\nText 9.\n")
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    assert built(dest) == cold(content, tmp_path, "one")
    assert inode(1) == before[1]  # kept: nothing it shows changed
    # Made again: its text; the posts it names as older and newer; the one before the new post.
    assert all(inode(number) != before[number] for number in (2, 3, 4, 5))
    site("news/2026-03-04-post-4.md", "---\ntitle: Post four\n---\n\nText 4.\n")
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    assert built(dest) == cold(content, tmp_path, "two")
    assert "Post four" in (dest / "news/2026/post-5/index.html").read_text("utf-8")
    site("events/2026-09-01-autumn.md", EVENT.replace("2026-06", "2026-09"))
    site("site.yml", "title: Renamed Site\nurl: https://example.org/\n")
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    assert built(dest) == cold(content, tmp_path, "three")
    assert "Renamed Site" in (dest / "news/2026/post-1/index.html").read_text("utf-8")


def test_a_link_to_a_page_follows_the_page(site: Write, content: Path, tmp_path: Path) -> None:
    """A page that links to another's file is made again when that page moves."""
    news(site)
    site("guide.md", "---\ntitle: Guide\n---\n\nSee [the school](events/2026-06-01-school.md).\n")
    app, dest = app_on(content), tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    site("events/2026-06-01-school.md", EVENT.replace("---\n\n", "permalink: /school/\n---\n\n"))
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    assert 'href="/school/"' in (dest / "guide/index.html").read_text("utf-8")
    assert built(dest) == cold(content, tmp_path, "cold")


def test_a_page_changed_in_the_build_is_made_again(site: Write, app: Flask, tmp_path: Path) -> None:
    """A kept page must be the file the manifest names: one changed by hand is made anew."""
    news(site)
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    page = dest / "news/2026/post-2/index.html"
    made = page.read_bytes()
    page.write_bytes(made.replace(b"Text 2.", b"Tampered."))
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    assert page.read_bytes() == made


@pytest.mark.parametrize(
    ("before", "planted"),
    [
        ("</head>", '<meta http-equiv="refresh" content="0; url=https://evil.example/">'),
        ("</body>", '<div onmouseover="alert(1)">x</div>'),
        ("Text 2.", "Send your bank details to evil@example.org."),
    ],
)
def test_a_kept_page_planted_with_its_manifest_mended_is_made_anew(
    site: Write, app: Flask, tmp_path: Path, before: str, planted: str
) -> None:
    """Someone who can write the previous build (a shared runner's folder, a restored
    artifact) changed a kept page and wrote its new SHA-256 into the manifest: the freeze
    kept it, and a <meta> refresh to another site, or words no one checked, were published.
    Pages are kept only by a manifest whose SHA-256 the cache recorded when a freeze here
    wrote it: each page is made anew, as the content says."""
    news(site)
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    page = dest / "news/2026/post-2/index.html"
    made = page.read_bytes()
    page.write_text(made.decode().replace(before, planted + before, 1), "utf-8")
    manifest = dest / MANIFEST
    record = json.loads(manifest.read_text("utf-8"))
    record["files"]["news/2026/post-2/index.html"] = hashlib.sha256(page.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(record), "utf-8")
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 0, result.output
    assert "as the last build had them" not in result.output
    assert page.read_bytes() == made
    again = freeze(app, "--dest", str(dest))  # the manifest this freeze wrote: ours again
    assert "as the last build had them" in again.output, again.output


def test_a_built_page_may_refresh_only_to_a_page_of_the_site() -> None:
    """The built-file check let any <meta> refresh through outside a page's text, as the
    engine's redirect pages have one: only one to a path of the site passes, read as
    browsers read it."""
    from tag_site.checks.built import read_markup

    def refreshing(content: str) -> tuple[str, ...]:
        head = f'<meta http-equiv="refresh" content="{content}">'
        return read_markup(f"<html><head>{head}</head><body><main></main></body></html>").unsafe

    assert refreshing("0; url=/sciml/about/") == ()
    for elsewhere in ("0; url=https://evil.example/", "0;URL=/\\evil.example/", "0; url=//x.org"):
        assert "a <meta> refresh sends readers to another address" in refreshing(elsewhere)[0]


def test_the_engines_own_redirect_page_passes(site: Write, app: Flask, tmp_path: Path) -> None:
    """A redirect page (redirect_from) sends readers on with a <meta> refresh to the page:
    the one refresh a built page may have."""
    site("about.md", "---\ntitle: About\nredirect_from: /old-about/\n---\n\nText.\n")
    dest = tmp_path / "build"
    result = freeze(app, "--dest", str(dest), "--base-url", "https://example.org/sciml/")
    assert result.exit_code == 0, result.output
    assert 'http-equiv="refresh" content="0; url=/sciml/about/"' in (
        dest / "old-about/index.html"
    ).read_text("utf-8")


def test_an_event_page_follows_the_clock(site: Write, content: Path, tmp_path: Path) -> None:
    """The same files on another day: an event that began is made again ("happening now")."""
    news(site)
    dest = tmp_path / "build"
    for today in [TODAY, "2026-06-02"]:
        assert freeze(app_on(content, today), "--dest", str(dest)).exit_code == 0
        page = (dest / "events/2026/school/index.html").read_bytes()
        assert (b"Happening now" in page) == (today == "2026-06-02")
        assert built(dest) == cold(content, tmp_path, f"cold-{today}", today)


def test_no_template_reads_around_what_its_key_holds(tmp_path: Path) -> None:
    """A kept page's key holds what its view hands the template and the template values; a
    template that read the request, the app's config, ``g`` or the session would read past it."""
    environment = jinja2.Environment()
    environment.filters.update(create_app({"CONTENT_DIR": str(tmp_path)}).jinja_env.filters)
    for template in sorted((ROOT / "templates").rglob("*.html")):
        source = template.read_text("utf-8")
        read = jinja2.meta.find_undeclared_variables(environment.parse(source))
        assert not read & {"request", "config", "g", "session"}, template.name


def engine_copy(tmp_path: Path) -> Path:
    """Return a copy of the engine (its code, templates and files) to change a layout in."""
    engine = tmp_path / "engine"
    for part in ("tag_site", "templates", "static"):
        shutil.copytree(ROOT / part, engine / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "app.py", engine)
    return engine


def freeze_with(engine: Path, content: Path, dest: Path) -> None:
    """Freeze ``content`` into ``dest`` with the engine copied to ``engine``."""
    environment = os.environ | {
        "TAG_SITE_CONTENT_DIR": str(content),
        "TAG_SITE_TODAY": TODAY,
        "PYTHONPATH": str(engine),
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "freeze", "--dest", str(dest)]
    done = subprocess.run(
        command, cwd=engine, env=environment, capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr


def test_a_template_change_makes_every_page_again(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A copy of the engine whose page layout changes between two freezes: every page shows
    the new layout (the templates are part of every page's key)."""
    news(site)
    engine, dest = engine_copy(tmp_path), tmp_path / "build"
    freeze_with(engine, content, dest)
    layout = engine / "templates" / "post.html"
    layout.write_text(layout.read_text("utf-8").replace("<article", "<article data-v2"), "utf-8")
    freeze_with(engine, content, dest)
    for day in range(1, 6):
        assert b"data-v2" in (dest / f"news/2026/post-{day}/index.html").read_bytes()


def test_a_layout_that_shows_more_of_a_neighbour_follows_it(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A post's layout changed to show the older post's summary, not only its title: editing
    that post's text makes the newer post again, though no one told the freeze what the
    layout reads (its key holds all that the view hands the layout)."""
    news(site)
    engine, dest = engine_copy(tmp_path), tmp_path / "build"
    layout = engine / "templates" / "post.html"
    shown = "{% if older %}<p class=older-summary>{{ older.summary }}</p>{% endif %}</article>"
    layout.write_text(layout.read_text("utf-8").replace("</article>", shown, 1), "utf-8")
    freeze_with(engine, content, dest)
    assert "Text 2." in (dest / "news/2026/post-3/index.html").read_text("utf-8")
    site("news/2026-03-02-post-2.md", "---\ntitle: Post 2\n---\n\nRewritten 2.\n")
    freeze_with(engine, content, dest)
    assert "Rewritten 2." in (dest / "news/2026/post-3/index.html").read_text("utf-8")
    freeze_with(engine, content, tmp_path / "cold")
    assert built(dest) == built(tmp_path / "cold")
