"""What only the preview server serves: live reload, and the search index of the last freeze.

Live reload (``flask --debug run``): the content store's watcher (``content/watch.py``, the
kernel's file events in ``content/``, ``templates/`` and ``static/``) counts the changes; each
open page listens on ``/__preview/events`` (server-sent events) and reloads when the count
moves. The freeze's app has none of this blueprint, so no published page can carry it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, send_from_directory
from flask.typing import ResponseReturnValue

from ..content.store import ContentStore
from ..content.urls import SEARCH_FOLDER
from ..content.watch import Watcher

bp = Blueprint("preview", __name__, static_folder="preview_static", static_url_path="/__preview")
KEEP_ALIVE = 15.0  # seconds between comments on a quiet connection (a closed tab shows then)
LISTENERS = 64  # open pages that reload themselves at once: each holds a thread of the server
_listening = threading.BoundedSemaphore(LISTENERS)
SERVER = secrets.token_hex(8)  # a new one after every restart


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
    """Serve a file of the search index the last freeze built."""
    return send_from_directory(build_folder() / SEARCH_FOLDER, name, max_age=0)


def index_state(build: Path, saved: float) -> str:
    """Tell the preview how the index of the last freeze into ``build`` stands against the
    content, whose last file was ``saved`` then: "missing", "older" or "current"."""
    try:
        built = (build / SEARCH_FOLDER / "pagefind-entry.json").stat().st_mtime
    except OSError:
        return "missing"
    return "older" if saved > built else "current"
