"""A freeze keeps the pages of the previous build that would be made the same: never stale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import jinja2.meta
from flask import Flask

from tag_site import ROOT, create_app

from .conftest import Write, freeze

EVENT = (
    "---\ntitle: Spring school\nstart: 2026-06-01\nend: 2026-06-03\nlocation: Delft\n---\n\n"
    "Talks.\n"
)
TODAY = "2026-05-26"


def built(folder: Path) -> dict[str, bytes]:
    """Return every file of a build, the manifest too, by name."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def news(site: Write) -> None:
    """Write five posts, one after the other, and an event."""
    for day in range(1, 6):
        site(f"news/2026-03-0{day}-post-{day}.md", f"---\ntitle: Post {day}\n---\n\nText {day}.\n")
    site("events/2026-06-01-school.md", EVENT)


def app_on(content: Path, today: str = TODAY, **settings: str) -> Flask:
    """Return the app over ``content`` on the day ``today``."""
    return create_app({"CONTENT_DIR": str(content), "TODAY": today, **settings})


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
    assert inode(1) == before[1] and inode(2) == before[2] and inode(4) == before[4]  # kept
    assert inode(3) != before[3] and inode(5) != before[5]  # its text; its newer neighbour
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


def test_an_event_page_follows_the_clock(site: Write, content: Path, tmp_path: Path) -> None:
    """The same files on another day: an event that began is made again ("happening now")."""
    news(site)
    dest = tmp_path / "build"
    for today in [TODAY, "2026-06-02"]:
        assert freeze(app_on(content, today), "--dest", str(dest)).exit_code == 0
        page = (dest / "events/2026/school/index.html").read_bytes()
        assert (b"Happening now" in page) == (today == "2026-06-02")
        assert built(dest) == cold(content, tmp_path, f"cold-{today}", today)


def test_only_the_event_page_reads_the_clock() -> None:
    """What a kept page shows must not change with "now" unless its key says where "now"
    falls: of the layouts of pages, only the event's reads it (its status and deadline; a
    position is told whether it is open)."""
    environment = jinja2.Environment()
    folder = ROOT / "templates"
    for name in ["base.html", "_csp.html", "page.html", "post.html", "default.html",
                 "redirect.html", "job.html"]:  # fmt: skip
        source = (folder / name).read_text("utf-8")
        assert "now" not in jinja2.meta.find_undeclared_variables(environment.parse(source)), name


def test_a_template_change_makes_every_page_again(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A copy of the engine whose page layout changes between two freezes: every page shows
    the new layout (the templates are part of every page's key)."""
    news(site)
    engine = tmp_path / "engine"
    for part in ("tag_site", "templates", "static"):
        shutil.copytree(ROOT / part, engine / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "app.py", engine)
    dest = tmp_path / "build"
    environment = os.environ | {
        "TAG_SITE_CONTENT_DIR": str(content),
        "TAG_SITE_TODAY": "2026-05-26",
        "PYTHONPATH": str(engine),
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "freeze", "--dest", str(dest)]
    run = {"cwd": engine, "env": environment, "capture_output": True, "timeout": 120}
    assert subprocess.run(command, check=False, **run).returncode == 0  # type: ignore[call-overload]
    layout = engine / "templates" / "post.html"
    layout.write_text(layout.read_text("utf-8").replace("<article", "<article data-v2"), "utf-8")
    assert subprocess.run(command, check=False, **run).returncode == 0  # type: ignore[call-overload]
    for day in range(1, 6):
        assert b"data-v2" in (dest / f"news/2026/post-{day}/index.html").read_bytes()
