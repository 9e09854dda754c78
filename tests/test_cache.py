"""The cache on disk: used by the next freeze, never stale, never trusted blindly."""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from tag_site import ROOT, cache, create_app
from tag_site.content.urls import MANIFEST
from tag_site.markdown import render

from .helpers import BIN, Write, built, check, freeze


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

    def old_convert(text: str) -> render.Rendered | render.RenderError:
        made = convert(text)
        return made._replace(html=made.html + "<!-- old -->") if isinstance(made, tuple) else made

    monkeypatch.setattr(render, "_convert", old_convert)
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


# Entries of another shape than any kind keeps, each read by every kind's loader (html,
# findings, document): none may reach the site or stop the command.
WRONG_SHAPES = {
    "findings-strings": '["abcdefg", "abc", "abc", "abc"]',
    "findings-links-of-numbers": "[[[1, 2, 3, 4, 5, 6, 7]], [], [], []]",
    "findings-link-too-long": '[[["/x", 0, false, null, false, 1, 1, 9]], [], [], []]',
    "findings-finding-of-strings": '[[], [["m", "w", "o"]], [], []]',
    "findings-finding-of-lists": "[[], [], [[[1], [2], [3]]], []]",
    "findings-groups-of-objects": '[{"a": 1}, {"b": 2}, {"c": 3}, {"d": 4}]',
    "document-numbers": "[[1], [2], [3]]",
    "document-strings": '["ids", "links", "unsafe"]',
    "document-objects": "[[{}], [{}], [{}]]",
    "document-nested": '[[["a"]], [["b"]], [["c"]]]',
    "number": "12345678901234567890",
    "object": '{"ids": [], "links": [], "unsafe": []}',
    "html-time-not-a-number": '["<p>x</p>", NaN]',  # the time a rendering took, charged to
    "html-time-negative": '["<p>x</p>", -1e9]',  # its file's budget: NaN stopped the freeze,
    "html-time-infinite": '["<p>x</p>", Infinity]',  # a negative time lifted the budget
}


@pytest.mark.parametrize(
    "garbage",
    ["", "{", "[1, 2]", '["<script>x()</script>", 0.0]', "\udcff", *WRONG_SHAPES.values()],
    ids=["empty", "cut", "pair", "planted-html", "not-utf-8", *WRONG_SHAPES],
)
def test_a_damaged_entry_is_a_miss(
    site: Write, app: Flask, tmp_path: Path, cache_folder: Path, garbage: str,
    fresh_memory: Callable[[], None],
) -> None:  # fmt: skip
    """An entry that is cut short, of another shape than its kind's or not JSON is read as
    no entry, never a traceback: the site is the same as without a cache (the one rendering
    of the right shape is checked as any rendering is: a planted one alone is caught)."""
    assert freeze(app, "--dest", str(tmp_path / "one")).exit_code == 0
    with contextlib.closing(sqlite3.connect(cache_folder / "cache.sqlite")) as database:
        value = garbage.encode("utf-8", "surrogateescape")  # not always UTF-8
        assert database.execute("UPDATE entries SET value = ?", (value,)).rowcount > 0
        database.commit()
    fresh_memory()
    result = freeze(app, "--dest", str(tmp_path / "two"))
    if garbage.startswith('["<script>'):  # the check of the built pages sees it
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


def test_a_locked_cache_is_a_miss_after_a_moment(
    site: Write, app: Flask, tmp_path: Path, cache_folder: Path, fresh_memory: Callable[[], None]
) -> None:
    """Another process holding the database (here: an exclusive lock, read and write) costs
    a moment, not a minute per command: its entries are misses, what would be written is not,
    and the site is the same."""
    assert freeze(app, "--dest", str(tmp_path / "one")).exit_code == 0
    fresh_memory()
    again = create_app(dict(app.config))  # as the next command would: it opens the file anew
    holder = sqlite3.connect(cache_folder / "cache.sqlite", isolation_level=None)
    with contextlib.closing(holder):
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM entries")  # so a read waits for the lock, or is a miss
        started = time.monotonic()
        result = freeze(again, "--dest", str(tmp_path / "two"))
        seconds = time.monotonic() - started
        holder.execute("ROLLBACK")
    assert result.exit_code == 0, result.output
    assert seconds < 5, f"the freeze waited {seconds:.1f} s for the lock"
    assert built(tmp_path / "one") == built(tmp_path / "two")


def run_with_cache(content: Path, folder: Path, *command: str) -> None:
    """Run a flask command over ``content`` with the cache in ``folder``, in a process of its
    own (a test's alarm would end a wait in this one, hiding it), and see it succeed within a
    minute."""
    settings = {"TAG_SITE_CONTENT_DIR": str(content), "TAG_SITE_CACHE_DIR": str(folder)}
    done = subprocess.run(
        [str(BIN / "flask"), *command], cwd=ROOT, env=os.environ | settings, timeout=60,
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_pipe_for_a_database_is_no_cache(site: Write, content: Path, tmp_path: Path) -> None:
    """A pipe named cache.sqlite made check and freeze wait for ever (opening it to write
    waits for a reader): it is no cache, and both work as without one."""
    folder = tmp_path / "piped"
    folder.mkdir(mode=0o700)
    os.mkfifo(folder / "cache.sqlite", 0o600)
    run_with_cache(content, folder, "check")
    run_with_cache(content, folder, "freeze", "--dest", str(tmp_path / "build"))


@pytest.mark.parametrize("end", ["-journal", "-wal", "-shm"])
def test_a_pipe_beside_the_database_is_no_cache(
    site: Write, content: Path, tmp_path: Path, end: str
) -> None:
    """A pipe named cache.sqlite-journal beside a database that holds entries made check,
    freeze and every page of the preview wait for ever (SQLite reads a journal it finds
    before all else): what SQLite keeps beside the database must be a file of its own."""
    folder = tmp_path / "beside"
    run_with_cache(content, folder, "check")  # a database that holds entries
    os.mkfifo(folder / f"cache.sqlite{end}", 0o600)
    run_with_cache(content, folder, "check")
    run_with_cache(content, folder, "freeze", "--dest", str(tmp_path / "build"))


def test_a_database_whose_entries_are_no_table_is_no_cache(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """`entries` made a view that never ends (a recursive query) made check and freeze run
    for ever: a database without the table is no cache."""
    folder = tmp_path / "viewed"
    folder.mkdir(mode=0o700)
    database = sqlite3.connect(folder / "cache.sqlite")
    database.execute(
        "CREATE VIEW entries(key, value) AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
        "SELECT x + 1 FROM c) SELECT randomblob(8), 'v' FROM c"
    )
    database.close()
    (folder / "cache.sqlite").chmod(0o600)
    run_with_cache(content, folder, "check")


def test_a_database_with_a_trigger_is_no_cache(site: Write, content: Path, tmp_path: Path) -> None:
    """A trigger on `entries` ran inside every entry written (a join of 27 billion rows: check
    and freeze ran for ever): a database holding more than the table is no cache."""
    folder = tmp_path / "triggered"
    folder.mkdir(mode=0o700)
    database = sqlite3.connect(folder / "cache.sqlite", isolation_level=None)
    database.execute("CREATE TABLE entries (key BLOB PRIMARY KEY, value TEXT NOT NULL)")
    database.execute("CREATE TABLE t (x)")
    database.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(3_000)])
    database.execute(
        "CREATE TRIGGER slow BEFORE INSERT ON entries BEGIN SELECT count(*) FROM t a, t b, t c; END"
    )
    database.close()
    (folder / "cache.sqlite").chmod(0o600)
    run_with_cache(content, folder, "check")


def test_a_database_whose_schema_takes_long_to_read_is_no_cache(
    content: Path, tmp_path: Path
) -> None:
    """100,000 views planted in the database's schema made every process that opened the
    cache spend 10 s reading it (400,000: minutes), before it could see they were there: the
    reading has a budget, and a database that needs more is no cache."""
    folder = tmp_path / "viewed"
    folder.mkdir(mode=0o700)
    with contextlib.closing(sqlite3.connect(folder / "cache.sqlite")) as database:
        database.execute("CREATE TABLE entries (key BLOB PRIMARY KEY, value TEXT NOT NULL)")
        database.execute("PRAGMA writable_schema = ON")  # written as rows: in 0.2 s
        database.executemany(
            "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) "
            "VALUES ('view', ?1, ?1, 0, 'CREATE VIEW ' || ?1 || ' AS SELECT 1')",
            [(f"v{n}",) for n in range(100_000)],
        )
        database.commit()
    (folder / "cache.sqlite").chmod(0o600)
    cache.use(folder, content=content)
    began = time.process_time()
    try:
        cache.put("page", "text", "kept")
        assert cache.get("page", "text") is None  # no cache: nothing kept
    finally:
        cache.use(None, content=content)
    assert time.process_time() - began < 3 * cache.OPEN_SECONDS


def test_a_database_whose_table_checks_its_rows_is_no_cache(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A CHECK on `entries` that builds a 200 MB string ran at every entry written (a check
    of 40 pages took 43 s): a table defined otherwise than the engine defines it is no cache."""
    folder = tmp_path / "checked"
    folder.mkdir(mode=0o700)
    database = sqlite3.connect(folder / "cache.sqlite", isolation_level=None)
    database.execute(
        "CREATE TABLE entries (key BLOB PRIMARY KEY, value TEXT NOT NULL "
        "CHECK (length(printf('%.*c', 200000000, 'x')) > 0))"
    )
    database.close()
    (folder / "cache.sqlite").chmod(0o600)
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": str(folder)})
    assert check(app).exit_code == 0
    with contextlib.closing(sqlite3.connect(folder / "cache.sqlite")) as database:
        assert database.execute("SELECT count(*) FROM entries").fetchone() == (0,)


def test_a_database_that_is_another_files_second_name_is_no_cache(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """cache.sqlite made a hard link to an empty file elsewhere: the cache wrote into that
    file (drafts and all). A database with another name is no cache."""
    folder = tmp_path / "linked"
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.touch(mode=0o600)
    os.link(victim, folder / "cache.sqlite")
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": str(folder)})
    assert check(app).exit_code == 0
    assert victim.stat().st_size == 0


def test_no_cache_folder_keeps_nothing(
    site: Write, content: Path, tmp_path: Path, cache_folder: Path
) -> None:
    """An empty CACHE_DIR turns the cache off."""
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": ""})
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert not any(cache_folder.iterdir())


def test_the_database_is_the_users_own(site: Write, content: Path, tmp_path: Path) -> None:
    """The database is readable by its user only (drafts are in it); a folder anyone may
    write into is not used (anyone could plant entries there)."""
    own, shared, group, loose = (tmp_path / n for n in ("own", "shared", "group", "loose"))
    for folder, mode in ((shared, 0o777), (group, 0o770), (loose, 0o700)):
        folder.mkdir()
        folder.chmod(mode)
    (loose / "cache.sqlite").touch()
    (loose / "cache.sqlite").chmod(0o666)  # a database anyone may write into
    for folder in (own, shared, group, loose):
        app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": str(folder)})
        assert freeze(app, "--dest", str(tmp_path / f"build-{folder.name}")).exit_code == 0
    assert (own / "cache.sqlite").stat().st_mode & 0o777 == 0o600
    assert (own / "cache.sqlite").stat().st_size > 0
    assert not any(shared.iterdir()) and not any(group.iterdir())
    assert (loose / "cache.sqlite").stat().st_size == 0


def test_a_cache_folder_inside_the_content_is_not_used(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A cache in content/ would be published with it: it is not used, and the freeze says so."""
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": str(content / "cache")})
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 0
    assert f"{content / 'cache'}: warning: the cache is inside {content}," in result.output
    assert not (content / "cache").exists()
    assert not (tmp_path / "build/cache").exists()


@pytest.mark.parametrize(
    "where", ["in-destination", "is-destination", "link-into-content", "link-into-destination"]
)
def test_a_cache_folder_where_files_are_published_is_not_used_and_said(
    site: Write, content: Path, tmp_path: Path, where: str
) -> None:
    """A cache in the freeze's destination would be carried over into the next build, one
    reached through a link into the content published with it (the database, and a draft's
    words in its write-ahead log): neither is used, and the freeze says why."""
    site("images/logo.png", b"\x89PNG\r\n\x1a\n")
    dest = tmp_path / "build"
    folder = {
        "in-destination": dest / "cache",
        "is-destination": dest,
        "link-into-content": tmp_path / "link",
        "link-into-destination": tmp_path / "link",
    }[where]
    if where.startswith("link"):
        folder.symlink_to(content / "images" if where.endswith("content") else dest / "cache")
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": str(folder)})
    results = [freeze(app, "--dest", str(dest)) for _ in range(2)]  # the second carries over
    published = [*dest.rglob("*"), *content.rglob("*")]
    assert not [path for path in published if "sqlite" in path.name]
    for result in results:
        assert result.exit_code == 0, result.output
        assert f"{folder}: warning: the cache is inside " in result.output
        assert "so it is not used — set TAG_SITE_CACHE_DIR to a folder outside it" in result.output


def test_a_cache_folder_inside_an_earlier_build_is_not_used(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """The 36th attack pointed the cache at an earlier build and froze elsewhere: the cache's
    database (pages as rendered) was written into that published build, and the next freeze
    there refused. A folder that holds a build's manifest is never the cache's place."""
    first = tmp_path / "earlier"  # made by another process: its manifest tells it
    first.mkdir()
    (first / MANIFEST).write_text("{}", "utf-8")
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": str(first / "cache")})
    result = freeze(app, "--dest", str(tmp_path / "other"))
    assert result.exit_code == 0, result.output
    assert f"warning: the cache is inside {first}, a build of the site" in result.output
    assert not [path for path in first.rglob("*") if "sqlite" in path.name]


def test_a_cache_folder_among_the_engines_static_files_is_not_used(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """The engine's static/ folder is copied into every build: a cache reached there (here
    through a link) would publish the database and a draft's words with it."""
    static = ROOT / "static"
    before = set(static.iterdir())
    (tmp_path / "link").symlink_to(static, target_is_directory=True)
    app = create_app({"CONTENT_DIR": str(content), "CACHE_DIR": str(tmp_path / "link")})
    try:
        result = freeze(app, "--dest", str(tmp_path / "build"))
        assert result.exit_code == 0, result.output
        assert "warning: the cache is inside " in result.output
        assert set(static.iterdir()) == before
    finally:
        for made in set(static.iterdir()) - before:  # a failing run leaves the repo clean
            made.unlink()


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


def test_a_data_files_overtime_verdict_stands_for_the_freeze(
    site: Write, app: Flask, tmp_path: Path, fresh_memory: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A members.yml the check refused for its reading time was published by the freeze after
    it (which allows more): the verdict stays in the cache for the next command, as a page's."""
    from tag_site.markdown import limits

    site("data/members.yml", "".join(f"- name: Member {n}\n" for n in range(2_000)))
    monkeypatch.setattr(limits, "BUDGET", 0.01)
    gc.disable()  # a budget's end raised in the test runner's collector callback is an error
    try:
        result = check(app)
    finally:
        gc.enable()
    assert "content/data/members.yml: error: reading this file took more than" in result.output
    monkeypatch.setattr(limits, "BUDGET", 60.0)  # a faster moment of the machine
    fresh_memory()
    again = create_app(dict(app.config))  # as the next command would: it reads the file anew
    frozen = freeze(again, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 1 and "in an earlier command, so it is not published" in (
        frozen.output
    ), frozen.output
