"""The one memo of work that depends on its input alone: Markdown rendered to HTML, what the
check found in each text, built pages read for the link check. The next freeze or check, and
the preview, find them done.

    remembered(kind, key, make, dump, load) -> the value this process has, else the disk's,
                                               else make()
    forget()                                -> this process forgets (the disk keeps)
    folder/cache.sqlite: entries (SHA-256 of the engine, the kind and the input -> JSON)

A value is kept in this process's memory (each kind emptied whole past ``MEMORY_SIZE``
entries, so edits in the preview cannot make it grow forever) and on disk as JSON.

An entry cannot be stale: its name changes with its input, with every source file of the
engine and with the versions of the libraries that render, so an edit, an upgrade or a change
of the code asks for another entry. Values are JSON (a planted one cannot run code), and the
callers check their shape; an entry, or a whole cache, that cannot be read or written is a
miss, never an error. One SQLite file rather than a file per entry: thousands of small files
cost more to create than to render on some disks. The folder is safe to delete at any time;
it lives outside the repository (``~/.cache/tag_site``), where a pull request cannot put
entries, and is never published.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
MEMORY_SIZE = 1024  # entries of one kind kept in this process's memory
_ENGINE = Path(__file__).resolve().parent
_LIBRARIES = ("markdown", "pygments", "latex2mathml", "flask", "jinja2", "frozen-flask")

# The folder of this process's cache on disk (module state, as the memory is): set by
# ``use``; its connection is opened once per process (a forked worker opens its own).
_folder: Path | None = None
_opened: tuple[int, Path, sqlite3.Connection | None] | None = None  # PID, folder, connection
_lock = threading.Lock()  # the preview server's threads share the connection
# kind -> key -> value: shared by the preview's threads (one dict operation is atomic)
_memory: dict[str, dict[str | bytes, Any]] = {}


def remembered(
    kind: str,
    key: str | bytes,
    make: Callable[[], T],
    dump: Callable[[T], Any] = lambda value: value,
    load: Callable[[Any], T | None] = lambda value: value,
) -> T:
    """Return the value of ``kind`` for ``key``: the one this process made or read, else the one
    on disk (``load`` turns its JSON into a value, None if it cannot), else ``make()``, kept on
    disk as ``dump`` turns it into JSON (None: kept in memory only)."""
    memory = _memory.setdefault(kind, {})
    if key in memory:
        return memory[key]  # type: ignore[no-any-return]
    kept = get(kind, key)
    value = load(kept) if kept is not None else None
    if value is None:
        value = make()
        json_value = dump(value)
        if json_value is not None:
            put(kind, key, json_value)
    if len(memory) >= MEMORY_SIZE:
        memory.clear()
    memory[key] = value
    return value


def forget() -> None:
    """Forget what this process remembers (the cache on disk keeps it)."""
    _memory.clear()


def default_folder() -> Path:
    """Return the user's cache folder for the site engine (``$XDG_CACHE_HOME/tag_site``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tag_site"


def use(folder: Path | None, *, content: Path) -> None:
    """Keep entries in ``folder`` from now on; None, or a folder inside ``content`` (whose
    files are published): keep nothing on disk."""
    global _folder, _opened
    place = folder.absolute() if folder else None
    inside = place is not None and content.absolute() in [place, *place.parents]
    _folder, _opened = (None if inside else place), None


def get(kind: str, key: str | bytes) -> Any:
    """Return the value kept for ``key``, or None."""
    with _lock:
        database = _database()
        if database is None:
            return None
        try:
            row = database.execute("SELECT value FROM entries WHERE key = ?", (_name(kind, key),))
            found = row.fetchone()
        except sqlite3.Error:
            return None
    try:
        return json.loads(found[0]) if found else None
    except (ValueError, TypeError, RecursionError):  # a planted entry nested too deep
        return None


def put(kind: str, key: str | bytes, value: Any) -> None:
    """Keep ``value`` (JSON) for ``key``."""
    with _lock:
        database = _database()
        if database is not None:
            with contextlib.suppress(sqlite3.Error):
                entry = (_name(kind, key), json.dumps(value))
                database.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", entry)


def _database() -> sqlite3.Connection | None:
    """Return this process's connection to the cache (None: no cache, or none usable)."""
    global _opened
    if _folder is None:
        return None
    if _opened is None or _opened[:2] != (os.getpid(), _folder):
        _opened = (os.getpid(), _folder, _connect(_folder))
    return _opened[2]


def _connect(folder: Path) -> sqlite3.Connection | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        database = sqlite3.connect(
            folder / "cache.sqlite", timeout=60, isolation_level=None, check_same_thread=False
        )
        database.execute("PRAGMA journal_mode = WAL")  # workers read while others write
        database.execute("PRAGMA synchronous = OFF")  # an entry lost in a crash is a miss
        database.execute(
            "CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value TEXT NOT NULL)"
        )
    except (OSError, sqlite3.Error):
        return None
    return database


def _name(kind: str, key: str | bytes) -> bytes:
    digest = hashlib.sha256(engine_id().encode() + kind.encode() + b"\0")
    digest.update(key.encode("utf-8", "surrogatepass") if isinstance(key, str) else key)
    return digest.digest()


@functools.cache
def engine_id() -> str:
    """Return what names this engine: its source files and the libraries that render."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name} {metadata.version(name)}\n".encode())
    for path in sorted(_ENGINE.rglob("*.py")):
        digest.update(path.relative_to(_ENGINE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
