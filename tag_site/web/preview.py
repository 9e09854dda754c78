"""What only the preview server serves: live reload, and the search index of the last freeze.

Live reload (``flask --debug run``): one thread watches ``content/``, ``templates/`` and
``static/`` with watchfiles (the kernel's file events) and counts the changes; each open page
listens on ``/__preview/events`` (server-sent events) and reloads when the count moves. The
freeze's app has none of this blueprint, so no published page can carry it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, send_from_directory
from flask.typing import ResponseReturnValue
from watchfiles import watch

from ..content.urls import SEARCH_FOLDER

bp = Blueprint("preview", __name__, static_folder="preview_static", static_url_path="/__preview")
KEEP_ALIVE = 15.0  # seconds between comments on a quiet connection (a closed tab shows then)


class Saves:
    """Saves under some folders, counted by a watcher thread that starts with the first
    listener; listeners wait for the count to move."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [folder for folder in folders if folder.is_dir()]
        self.count = 0
        self.server = secrets.token_hex(8)  # a new one after every restart
        self._moved = threading.Condition()
        self._started = False

    def start(self) -> None:
        """Start watching, once."""
        with self._moved:
            if not self._started:
                self._started = True
                threading.Thread(target=self._watch, name="live-reload", daemon=True).start()

    def _watch(self) -> None:
        for _ in watch(*self.folders, debounce=50, step=20, raise_interrupt=False):
            with self._moved:
                self.count += 1
                self._moved.notify_all()

    def wait(self, seen: int, seconds: float) -> int:
        """Return the count once it is not ``seen``, or after ``seconds`` at the latest."""
        with self._moved:
            self._moved.wait_for(lambda: self.count != seen, seconds)
            return self.count


def saves_of(app: Flask) -> Saves:
    """Return the saves of the site the preview ``app`` serves (one watcher per app)."""
    found: Saves | None = app.extensions.get("tag_site.saves")
    if found is None:
        templates = Path(app.root_path, app.template_folder or "templates")
        found = Saves(
            [app.extensions["tag_site"].root, templates, Path(app.static_folder or "static")]
        )
        app.extensions["tag_site.saves"] = found
    return found


@bp.route("/__preview/events")
def events() -> ResponseReturnValue:
    """Tell the open page when a file changes (server-sent events): ``hello`` with this
    server's id first, then ``reload`` after each save."""
    if not current_app.debug:  # pages reload themselves only in the debug preview
        abort(404)
    saves = saves_of(current_app._get_current_object())  # type: ignore[attr-defined]
    saves.start()

    def stream() -> Iterator[str]:
        seen = saves.count
        yield f"retry: 500\nevent: hello\ndata: {saves.server}\n\n"
        while True:
            count = saves.wait(seen, KEEP_ALIVE)
            yield f"event: reload\ndata: {count}\n\n" if count != seen else ": quiet\n\n"
            seen = count

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return Response(stream(), mimetype="text/event-stream", headers=headers)


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
