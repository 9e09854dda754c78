"""The cache on disk: used by the next freeze, never stale, never trusted blindly."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from tag_site import cache, create_app
from tag_site.markdown import render

from .helpers import Write, built, check, freeze


@pytest.fixture(autouse=True)
def fresh_memory() -> Callable[[], None]:
    """Forget what this process rendered before the test, as a new ``flask`` process would;
    return what forgets it again."""

    cache.forget()
    return cache.forget


def test_a_second_freeze_renders_nothing_again(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    fresh_memory: Callable[[], None],
) -> None:  # fmt: skip
    """The rendered texts of the first freeze serve the second: Markdown is not run again."""
    assert freeze(app, "--dest", str(tmp_path / "one")).exit_code == 0
    fresh_memory()

    def no_rendering(text: str) -> str:
        raise AssertionError(f"rendered again: {text[:40]!r}")

    monkeypatch.setattr(render, "_convert", no_rendering)
    result = freeze(app, "--dest", str(tmp_path / "two"))
    assert result.exit_code == 0, result.output
    assert built(tmp_path / "one") == built(tmp_path / "two")


def test_an_edited_page_is_rendered_anew(site: Write, app: Flask, tmp_path: Path) -> None:
    """A changed text asks for another entry: the new words are published."""
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    site("about.md", "---\ntitle: About us\n---\n\n## Who we are\n\nA new sentence.\n")
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert "A new sentence." in (tmp_path / "build/about/index.html").read_text("utf-8")


def test_an_upgraded_renderer_renders_again(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    fresh_memory: Callable[[], None],
) -> None:  # fmt: skip
    """Entries are named by the engine and its libraries' versions: after an upgrade (another
    engine id) the texts are rendered by the new renderer, not taken from the old one."""
    convert = render._convert
    monkeypatch.setattr(render, "_convert", lambda text: str(convert(text)) + "<!-- old -->")
    assert freeze(app, "--dest", str(tmp_path / "old")).exit_code == 0
    assert "<!-- old -->" in (tmp_path / "old/about/index.html").read_text("utf-8")
    monkeypatch.setattr(render, "_convert", convert)
    fresh_memory()
    assert freeze(app, "--dest", str(tmp_path / "same")).exit_code == 0
    assert "<!-- old -->" in (tmp_path / "same/about/index.html").read_text("utf-8")  # kept
    fresh_memory()
    monkeypatch.setattr(cache, "engine_id", lambda: "an upgraded engine")
    assert freeze(app, "--dest", str(tmp_path / "new")).exit_code == 0
    assert "<!-- old -->" not in (tmp_path / "new/about/index.html").read_text("utf-8")


@pytest.mark.parametrize("garbage", ["", "{", "[1, 2]", '"<script>x()</script>"', "\udcff"])
def test_a_damaged_entry_is_a_miss(
    site: Write, app: Flask, tmp_path: Path, cache_folder: Path, garbage: str,
    fresh_memory: Callable[[], None],
) -> None:  # fmt: skip
    """An entry that is cut short, of another shape or not JSON is read as no entry: the
    site is the same as without a cache (the one string that is valid is checked as any
    rendering is)."""
    assert freeze(app, "--dest", str(tmp_path / "one")).exit_code == 0
    with contextlib.closing(sqlite3.connect(cache_folder / "cache.sqlite")) as database:
        value = garbage.encode("utf-8", "surrogateescape")  # not always UTF-8
        assert database.execute("UPDATE entries SET value = ?", (value,)).rowcount > 0
        database.commit()
    fresh_memory()
    result = freeze(app, "--dest", str(tmp_path / "two"))
    if garbage.startswith('"'):  # a planted rendering: the check of the built pages sees it
        assert result.exit_code == 1 and "<script>" in result.output
        return
    assert result.exit_code == 0, result.output
    assert built(tmp_path / "one") == built(tmp_path / "two")


def test_a_damaged_cache_is_no_cache(
    site: Write, app: Flask, tmp_path: Path, cache_folder: Path, fresh_memory: Callable[[], None]
) -> None:
    """A cache file that is not a database at all: the freeze works as without one."""
    assert freeze(app, "--dest", str(tmp_path / "one")).exit_code == 0
    for file in cache_folder.iterdir():
        file.write_bytes(b"not a database " * 100)
    fresh_memory()
    again = create_app(dict(app.config))  # as the next command would: it opens the file anew
    result = freeze(again, "--dest", str(tmp_path / "two"))
    assert result.exit_code == 0, result.output
    assert built(tmp_path / "one") == built(tmp_path / "two")


def test_no_cache_folder_keeps_nothing(
    site: Write, content: Path, tmp_path: Path, cache_folder: Path
) -> None:
    """An empty CACHE_DIR turns the cache off."""
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": ""})
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert not any(cache_folder.iterdir())


def test_a_cache_folder_inside_the_content_is_not_used(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A cache in content/ would be published with it: it is not used."""
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": str(content / "cache")})
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert not (content / "cache").exists()
    assert not (tmp_path / "build/cache").exists()


def test_the_default_folder_is_the_users_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """By default the cache is the user's, outside any repository a pull request can fill."""
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert cache.default_folder() == Path("/somewhere/cache/tag_site")


def test_what_the_check_found_is_read_back_at_its_places(
    site: Write, app: Flask, monkeypatch: pytest.MonkeyPatch, fresh_memory: Callable[[], None]
) -> None:
    """What the check found in a page's text, kept on disk, is said again as it was: each
    problem with its message, severity, line and column."""
    from tag_site.checks import site as checks

    site("page.md", "---\ntitle: P\n---\n\nWrite to ada@example.org.\n\n"
         "<script>x()</script>\n\n[x](javascript:alert(1)) and [y](/nowhere/)\n")  # fmt: skip
    first = check(app).output
    fresh_memory()

    def no_judging(page: object) -> None:
        raise AssertionError("judged again")

    monkeypatch.setattr(checks, "judge_text", no_judging)
    assert check(app).output == first
    assert "content/page.md:5:10: warning: the address ada@example.org is plain text" in first
    assert "content/page.md:7:1: error: <script> is not allowed" in first
    assert "content/page.md:9:1: error: 'javascript:alert(1)' uses javascript:" in first
    assert "content/page.md:9:30: error: link target '/nowhere/' points to /nowhere/" in first
