"""What only the preview server serves: live reload, and the search index of the last freeze.

Live reload (``flask --debug run``): the content store's watcher (``content/watch.py``, the
kernel's file events in ``content/``, ``templates/`` and ``static/``) counts the changes; each
open page listens on ``/__preview/events`` (server-sent events) and reloads when the count
moves. The freeze's app has none of this blueprint, so no published page can carry it.

What it serves runs no one's script but the engine's: no response is read as another type
than it says (``nosniff``: an attachment served as text/plain is never a script), a page
runs only the scripts of the layouts (``static/``), of live reload and of the search index,
and an attachment a browser reads as a document runs none (``sandboxed``). The check refuses
the rest before a freeze publishes it; the preview shows it to an editor first, who may be
reading a stranger's pull request.
"""

from __future__ import annotations

import functools
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, request, send_from_directory
from flask.typing import ResponseReturnValue

from .. import cache
from ..build import committed, index_is_ours
from ..content.store import ContentStore
from ..content.urls import SEARCH_FOLDER
from ..content.watch import Watcher

bp = Blueprint("preview", __name__, static_folder="preview_static", static_url_path="/__preview")
KEEP_ALIVE = 15.0  # seconds between comments on a quiet connection (a closed tab shows then)
LISTENERS = 64  # open pages that reload themselves at once: each holds a thread of the server
_listening = threading.BoundedSemaphore(LISTENERS)
SERVER = secrets.token_hex(8)  # a new one after every restart
# What an attachment read as a document may do: show itself, its images and its styles.
ATTACHMENT_POLICY = (
    "sandbox; default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
)


def watched() -> Watcher:
    """Return the watcher of the content this preview shows."""
    store: ContentStore = current_app.extensions["tag_site"]
    return store.watcher


def mark(count: int) -> str:
    """Return what a page of the preview is made at: this server's id and the ``count`` of
    changes. The page reloads when the ``hello`` of its first connection says otherwise (the
    server restarted, or a file changed, between the page and its connection)."""
    return f"{SERVER}.{count}"


def page_mark() -> str:
    """Return the mark of a page made now (``mark``)."""
    return mark(watched().number())


@bp.route("/__preview/events")
def events() -> ResponseReturnValue:
    """Tell the open page when a file changes (server-sent events): ``hello`` with this
    server's mark first (``page_mark``), then ``reload`` after each save."""
    if not current_app.debug:  # pages reload themselves only in the debug preview
        abort(404)
    if not _listening.acquire(blocking=False):  # the page asks again after ``Retry-After``
        headers = {"Retry-After": "10", "Cache-Control": "no-store"}
        return Response(f"more than {LISTENERS} pages listen already\n", 503, headers)
    watcher = watched()

    def stream() -> Iterator[str]:
        seen = watcher.number()
        yield f"retry: 500\nevent: hello\ndata: {mark(seen)}\n\n"
        while True:
            count = watcher.wait(seen, KEEP_ALIVE)
            yield f"event: reload\ndata: {count}\n\n" if count != seen else ": quiet\n\n"
            seen = count

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    response = Response(stream(), mimetype="text/event-stream", headers=headers)
    holding = [True]  # the place is given back once, however often the response is closed

    def leave() -> None:  # the page closed, or the connection broke
        if holding and holding.pop():
            _listening.release()

    response.call_on_close(leave)
    return response


def build_folder() -> Path:
    """Return the folder ``flask freeze`` writes into by default (``BUILD_DIR``)."""
    return Path(current_app.config["BUILD_DIR"]).absolute()


@bp.route(f"/{SEARCH_FOLDER}/<path:name>")
def index_file(name: str) -> ResponseReturnValue:
    """Serve a file of the search index the last freeze built: a file the freeze wrote
    (``index_is_ours``: not a link to one elsewhere, ``/etc/passwd``, nor one a checkout of a
    pull request or a download of a branch brought, tracked by git or not)."""
    index = build_folder() / SEARCH_FOLDER
    path, inside = cache.resolved(index / name), cache.resolved(index)
    if not path or not inside or not path.is_relative_to(inside):
        abort(404)  # a loop of links leads nowhere too
    if not index_is_ours(index.parent, f"{SEARCH_FOLDER}/{name}"):
        abort(404)
    return send_from_directory(index, name, max_age=0)


def index_state(build: Path, saved: float) -> str:
    """Tell the preview how the index of the last freeze into ``build`` stands against the
    content, whose last file was ``saved`` then: "missing", "older", "current",
    "committed" (git tracks a file of it: a pull request's script, never run), or "foreign"
    (no freeze here wrote it, as the cache records: a download's, never run)."""
    try:
        built = (build / SEARCH_FOLDER / "pagefind-entry.json").stat().st_mtime
    except OSError:
        return "missing"
    if committed_index(build / SEARCH_FOLDER):
        return "committed"
    if not index_is_ours(build, f"{SEARCH_FOLDER}/pagefind-ui.js"):
        return "foreign"
    return "older" if saved > built else "current"


def committed_index(index: Path) -> bool:
    """Tell a search index of which git tracks a file (``build.committed``), asked once per
    state of its folder: the search page says how to remove it from git."""
    try:
        found = index.stat()
    except OSError:
        return False
    return _committed(index, found.st_ino, found.st_mtime_ns)


@functools.lru_cache(maxsize=64)  # a state of the folder
def _committed(index: Path, _inode: int, _changed: int) -> bool:
    return committed(index)


@bp.after_app_request
def guard(response: Response) -> Response:
    """Let no response of the preview be read as another type than it says, and no page run
    a script but the engine's own (``script_policy``)."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    if response.mimetype == "text/html" and "Content-Security-Policy" not in response.headers:
        response.headers["Content-Security-Policy"] = script_policy()
    return response


def script_policy() -> str:
    """Return the Content-Security-Policy of a page of the preview: besides its own (the
    layout's ``<meta>``, as published), scripts only from the layouts' folder, live reload's
    and the search index's. A page whose body loads another (``flask check`` refuses it)
    runs nothing here either."""
    root = request.root_url.rstrip("/")
    folders = (current_app.static_url_path, bp.static_url_path, f"/{SEARCH_FOLDER}")
    return "script-src " + " ".join(f"{root}{folder}/" for folder in folders)


def sandboxed(response: Response) -> Response:
    """Return an attachment's response, with a policy that lets it run no script if a
    browser reads it as a document (HTML, SVG or other XML)."""
    kind = response.mimetype or ""
    if kind == "text/html" or kind.endswith("xml"):
        response.headers["Content-Security-Policy"] = ATTACHMENT_POLICY
    return response
