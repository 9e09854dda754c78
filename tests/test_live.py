"""The preview server never serves old content: edits, renames, same-second saves, threads."""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import BaseWSGIServer, make_server

from tag_site.content import store as content_module
from tag_site.content.store import ContentStore
from tag_site.content.watch import Watcher

from .helpers import Write, check, freeze


def title_of(client: FlaskClient, url: str = "/about/") -> str:
    """Return the <h1> of a page."""
    page = client.get(url).data.decode()
    return page.split("<h1>", 1)[1].split("</h1>", 1)[0]


def page_text(title: str) -> str:
    """Return a page source whose size does not depend on a 5-letter title."""
    return f"---\ntitle: {title}\n---\n\nText.\n"


def test_edit_shows_on_next_request(site: Write, client: FlaskClient) -> None:
    """Save a file, reload: the new text is there."""
    assert title_of(client) == "About us"
    site("about.md", page_text("Hello"))
    assert title_of(client) == "Hello"


def test_same_size_edit_with_same_mtime_shows(
    site: Write, content: Path, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two saves of equal size with an identical mtime: the change in ctime gives it away."""
    monkeypatch.setattr(content_module, "_RACY_NS", -1)  # trust the stat key alone
    path = site("about.md", page_text("First"))
    assert title_of(client) == "First"
    before = path.stat()
    site("about.md", page_text("Other"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert title_of(client) == "Other"


def test_same_second_edits_show_on_a_coarse_file_system(
    site: Write, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system with 1-second times and no ctime, same-size edits still show."""

    def coarse_key(result: os.stat_result) -> tuple[int, int, int, int]:
        return (int(result.st_mtime) * 1_000_000_000, 0, result.st_size, result.st_ino)

    monkeypatch.setattr(content_module, "stat_key", coarse_key)
    path = site("about.md", page_text("One.."))
    mtime = path.stat().st_mtime_ns
    assert title_of(client) == "One.."
    for title in ("Two..", "Three"):
        site("about.md", page_text(title))
        os.utime(path, ns=(mtime, mtime))
        assert title_of(client) == title


def test_rename_on_save_shows(site: Write, content: Path, client: FlaskClient) -> None:
    """Editors that write a temp file and rename it over the original are seen at once."""
    assert title_of(client) == "About us"
    temp = content / ".about.md.tmp"
    temp.write_text(page_text("Saved"), "utf-8")
    temp.replace(content / "about.md")
    assert title_of(client) == "Saved"


def test_new_and_deleted_files_show(site: Write, content: Path, client: FlaskClient) -> None:
    """A new page appears and a deleted one is gone on the next request."""
    assert client.get("/new/").status_code == 404
    site("new.md", page_text("Fresh"))
    assert title_of(client, "/new/") == "Fresh"
    (content / "new.md").unlink()
    assert client.get("/new/").status_code == 404


def test_unchanged_content_is_not_looked_at_again(
    site: Write, content: Path, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the preview watches the folders, a request while nothing changed reads no file's
    stat; a save, a new folder and a file in it are seen on the next request all the same."""
    if Watcher([content]).changes() is None:
        pytest.skip("the watcher cannot tell here (no inotify): every request looks")
    scans: list[Path] = []
    scan = content_module.scan
    monkeypatch.setattr(content_module, "scan", lambda root: scans.append(root) or scan(root))
    for _ in range(5):
        assert title_of(client) == "About us"
    assert len(scans) == 2  # the first request, and the one that began to watch
    site("about.md", page_text("Saved"))
    assert title_of(client) == "Saved" and len(scans) == 3
    site("people/jane.md", page_text("Jane."))
    assert title_of(client, "/people/jane/") == "Jane."
    site("people/jane.md", page_text("Jane!"))
    assert title_of(client, "/people/jane/") == "Jane!"
    (content / "people" / "jane.md").unlink()
    assert client.get("/people/jane/").status_code == 404


def test_one_watcher_shows_a_save_and_reloads_the_open_page(
    site: Write, content: Path, app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One watcher serves the preview: the next request shows a save without looking at every
    file before it, the open page is told to reload for that same save, and one inotify
    instance is open for it (the one before the save closed)."""
    before = inotify_descriptors()
    store: ContentStore = app.extensions["tag_site"]
    if store.watcher.changes() is None:
        pytest.skip("the watcher cannot tell here (no inotify): every request looks")
    app.debug = True  # `flask --debug run`, where pages listen for saves
    scans: list[Path] = []
    scan = content_module.scan
    monkeypatch.setattr(content_module, "scan", lambda root: scans.append(root) or scan(root))
    events = client.get("/__preview/events")
    stream = iter(events.response)
    try:
        assert b"event: hello" in next(stream)
        for _ in range(4):
            assert title_of(client) == "About us"
        assert len(scans) == 2  # the first request, and the first that asked the watcher
        site("about.md", page_text("Saved"))
        assert title_of(client) == "Saved" and len(scans) == 3
        assert next(stream).startswith(b"event: reload")
    finally:
        events.close()
    assert inotify_descriptors() - before == 1


def test_the_pages_that_listen_at_once_are_bounded(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each open page that reloads itself holds a thread of the preview: past the bound, the
    next page is told to come back later (503), and a closed page frees its place."""
    from tag_site.web import preview

    monkeypatch.setattr(preview, "_listening", threading.BoundedSemaphore(2))
    app.debug = True
    first, second = client.get("/__preview/events"), client.get("/__preview/events")
    try:
        assert first.status_code == second.status_code == 200
        refused = client.get("/__preview/events")
        assert refused.status_code == 503 and refused.headers["Retry-After"]
        first.close()
        third = client.get("/__preview/events")
        assert third.status_code == 200
        third.close()
    finally:
        first.close()
        second.close()


def inotify_descriptors() -> int:
    """Return how many inotify instances this process holds open (those no one holds are
    closed first)."""
    gc.collect()
    count = 0
    for fd in list(Path("/proc/self/fd").iterdir()):
        with contextlib.suppress(OSError):  # the listing's own descriptor is gone by now
            count += str(fd.readlink()) == "anon_inode:inotify"
    return count


@pytest.mark.parametrize("command", ["check", "freeze"])
def test_a_command_starts_no_watcher(
    site: Write, content: Path, app: Flask, tmp_path: Path, command: str
) -> None:
    """`flask check` and `flask freeze` read the content once: they watch nothing."""
    before = inotify_descriptors()
    result = check(app) if command == "check" else freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert inotify_descriptors() == before


@pytest.fixture
def server(app: Flask) -> Iterator[str]:
    """Serve the app with the threaded development server on a free port of 127.0.0.1."""
    httpd: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)
    httpd.server_close()


def test_readers_never_see_an_error_or_a_mix_while_a_file_is_replaced(
    site: Write, content: Path, server: str
) -> None:
    """Readers in 4 threads never see an error or a mix of versions while a file is replaced."""
    versions = [page_text(f"Ver{n:02d}") for n in range(20)]
    titles = {f"Ver{n:02d}" for n in range(20)} | {"About us"}
    seen: list[str] = []
    failures: list[str] = []
    stop = threading.Event()

    def read(urls: tuple[str, ...]) -> None:
        while not stop.is_set():
            for url in urls:
                try:
                    with urllib.request.urlopen(server + url, timeout=10) as response:
                        page = response.read().decode()
                except urllib.error.HTTPError as error:
                    failures.append(f"{url}: {error.code}")
                    continue
                if url == "/about/":
                    seen.append(page.split("<h1>", 1)[1].split("</h1>", 1)[0])

    readers = [threading.Thread(target=read, args=(("/about/",),)) for _ in range(2)]
    readers += [threading.Thread(target=read, args=(("/", "/members/"),)) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for version in versions:
            temp = content / ".about.md.tmp"
            temp.write_text(version, "utf-8")
            temp.replace(content / "about.md")
            time.sleep(0.02)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
    assert failures == []
    assert set(seen) <= titles
    assert len(set(seen)) > 2
    with urllib.request.urlopen(server + "/about/", timeout=10) as response:
        assert "<h1>Ver19</h1>" in response.read().decode()
