"""The one memo of work that depends on its input alone: Markdown rendered to HTML, what the
check found in each text, built pages read for the link check. The next freeze or check, and
the preview, find them done.

    remembered(kind, key, make, dump, load) -> the value this process has, else the disk's,
                                               else make()
    forget()                                -> this process forgets (the disk keeps)
    use(folder, content=…), keep_out(dest)  -> where the entries are on disk: not where
                                               they would be published
    folder/cache.sqlite: entries (SHA-256 of the engine, the kind and the input -> JSON)

A value is kept in this process's memory (each kind emptied whole past ``MEMORY_SIZE``
entries, so edits in the preview cannot make it grow forever) and on disk as JSON.

An entry cannot be stale: its name changes with its input, with every source file of the
engine and with the versions of the libraries that render, so an edit, an upgrade or a change
of the code asks for another entry. Values are JSON (a planted one cannot run code), and the
callers check their shape (``is_row``); an entry, or a whole cache, that cannot be read or
written, or is locked by another process for more than a moment, is a miss, never an error
or a wait. One SQLite file rather than a file per entry: thousands of small files cost more
to create than to render on some disks. The folder is safe to delete at any time; it lives
outside the repository (``~/.cache/tag_site``), where a pull request cannot put entries, and
is never published: a folder inside the content or the freeze's destination (links
followed) is not used.

What a cache trusts: whoever can write its folder can write the site. An entry planted with
the right name (the engine's id and the input are no secret) is taken as the engine's own
work, and the engine cannot tell it from one: a signature would need a key the builds that
write the cache cannot read, and a build that cannot read it cannot write entries either.
So a folder it makes is private to its user, and a cache is never shared between builds
of different trust (a pull request's and the publishing one's).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import stat
import sys
import threading
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from .errors import Problem

T = TypeVar("T")
MEMORY_SIZE = 1024  # entries of one kind kept in this process's memory
LOCK_SECONDS = 0.2  # how long to wait for a database another process holds, then miss
OPEN_SECONDS = 0.5  # processor time a database may take to be opened (its schema read), then miss
_DATABASE = "cache.sqlite"
_ENGINE = Path(__file__).resolve().parent
_LIBRARIES = ("markdown", "pygments", "latex2mathml", "flask", "jinja2", "frozen-flask")

# The folder of this process's cache on disk (module state, as the memory is): set by
# ``use``; its connection is opened once per process (a forked worker opens its own).
_wanted: Path | None = None  # the folder asked for
_folder: Path | None = None  # the one used: None when none was asked for, or it is refused
_content: Path | None = None
_build_mark = ""  # the name of the file that marks a build (its manifest)
_published: list[Path] = []  # the destinations of this process's freezes
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


def use(folder: Path | None, *, content: Path, build_mark: str = "") -> None:
    """Keep entries in ``folder`` from now on; None, or a folder inside ``content``, a
    freeze's destination (see ``keep_out``) or any build (a folder that holds a file named
    ``build_mark``, the manifest a freeze writes): keep nothing on disk."""
    global _wanted, _content, _build_mark
    _wanted, _content, _build_mark = folder, content, build_mark
    _place()


def keep_out(*published: Path) -> Problem | None:
    """Keep nothing on disk, from now on in this process, if the cache's folder or database
    is in one of the folders ``published`` (a freeze's destination, the engine's static
    files) or the content, links followed, where its files would be published with the site;
    return the warning that says so (None: the cache is used)."""
    for folder in published:
        if (found := resolved(folder)) and found not in _published:  # a loop holds nothing
            _published.append(found)
    return _place()


def _place() -> Problem | None:
    global _folder, _opened
    if _opened is not None and _opened[0] == os.getpid() and _opened[2] is not None:
        _opened[2].close()  # never a connection a forked worker inherited
    _folder, _opened = _wanted, None
    if _wanted is None:
        return None
    places = [resolved(_wanted), resolved(_wanted / _DATABASE)]
    if None in places:  # a loop of links: no database can be opened there
        _folder = None
        return None
    for folder in [*([_content] if _content else []), *_published]:
        root = resolved(folder)
        if root and any(place == root or root in place.parents for place in places if place):
            _folder = None
            return Problem(
                _wanted,
                0,
                f"the cache is inside {root}, whose files are published, so it is not used "
                "— set TAG_SITE_CACHE_DIR to a folder outside it",
                warning=True,
            )
    marked = [f for p in places if p and _build_mark for f in (p, *p.parents)]
    try:
        build = next((f for f in marked if (f / _build_mark).is_file()), None)
    except OSError:  # a name too long for the disk: no database can be opened there
        _folder = None
        return None
    if build:
        _folder = None  # an earlier build, published as it is: never the cache's place
        return Problem(
            _wanted,
            0,
            f"the cache is inside {build}, a build of the site (it holds {_build_mark}), whose "
            "files are published, so it is not used — set TAG_SITE_CACHE_DIR to a folder "
            "outside it",
            warning=True,
        )
    return None


def resolved(path: Path) -> Path | None:
    """Return ``path`` with its links followed, or None where they loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 says a loop of links with RuntimeError
        return None


def is_row(value: Any, *types: type | tuple[type, ...]) -> bool:
    """Tell whether a JSON value read back is a list of ``len(types)`` items, each of its
    type: how a ``load`` makes sure of an entry's shape before it believes it."""
    return (
        isinstance(value, list)
        and len(value) == len(types)
        and all(isinstance(item, kind) for item, kind in zip(value, types, strict=True))
    )


def get(kind: str, key: str | bytes) -> Any:
    """Return the value kept for ``key``, or None."""
    with _lock:
        database = _database()
        if database is None:
            return None
        try:
            row = database.execute("SELECT value FROM entries WHERE key = ?", (_name(kind, key),))
            found = row.fetchone()
        except sqlite3.Error as error:
            _give_up(error)
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
            try:
                entry = (_name(kind, key), json.dumps(value))
                database.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", entry)
            except sqlite3.Error as error:
                _give_up(error)


def _give_up(error: sqlite3.Error) -> None:
    """Use no database in this process after it was locked (or failed) once: each wait for
    it would cost every later entry ``LOCK_SECONDS`` again."""
    global _opened
    if isinstance(error, sqlite3.OperationalError) and _opened is not None:
        _opened = (_opened[0], _opened[1], None)


def _database() -> sqlite3.Connection | None:
    """Return this process's connection to the cache (None: no cache, or none usable)."""
    global _opened
    if _folder is None:
        return None
    if _opened is None or _opened[:2] != (os.getpid(), _folder):
        _opened = (os.getpid(), _folder, _connect(_folder))
    return _opened[2]


_TABLE = "CREATE TABLE entries (key BLOB PRIMARY KEY, value TEXT NOT NULL)"
_SCHEMA = {("table", "entries", _TABLE), ("index", "sqlite_autoindex_entries_1", None)}  # all


def _connect(folder: Path) -> sqlite3.Connection | None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # others cannot plant entries
        if not _own(folder):  # nor in a folder another can write
            return None
        # Created private (none other reads it); a pipe there would make opening it wait.
        flags = os.O_CREAT | os.O_WRONLY | os.O_NONBLOCK | os.O_NOFOLLOW
        made = os.open(folder / _DATABASE, flags, 0o600)
        try:  # a file of its own: no pipe, no other name of another file (a hard link)
            found = os.fstat(made)
            a_file = stat.S_ISREG(found.st_mode) and found.st_nlink == 1
        finally:
            os.close(made)
        if not a_file or not _own(folder / _DATABASE):  # nor one another can write
            return None
        if not all(map(_none_or_own_file, _companions(folder / _DATABASE))):
            return None  # SQLite reads a journal before all else: a pipe there never ends
        database = sqlite3.connect(
            folder / _DATABASE,
            timeout=LOCK_SECONDS,
            isolation_level=None,
            check_same_thread=False,
        )
    except (OSError, sqlite3.Error):
        return None
    if not _usable(database):
        database.close()
        return None
    return database


def _usable(database: sqlite3.Connection) -> bool:
    """Make ``database`` ready for entries; tell whether it holds nothing but their table.
    SQLite reads the whole schema at the first statement: 100,000 views planted there take
    10 s (400,000: minutes), so that reading is given ``OPEN_SECONDS``."""
    began = time.thread_time()
    database.set_progress_handler(lambda: time.thread_time() - began > OPEN_SECONDS, 1000)
    try:
        database.execute("PRAGMA journal_mode = WAL")  # workers read while others write
        database.execute("PRAGMA synchronous = OFF")  # an entry lost in a crash is a miss
        database.execute(_TABLE.replace("TABLE", "TABLE IF NOT EXISTS", 1))
        schema = set(database.execute("SELECT type, name, sql FROM sqlite_master"))
    except sqlite3.Error:
        return False
    database.set_progress_handler(None, 0)
    return schema == _SCHEMA  # a view, a trigger, a CHECK could run for ever at each look-up


def _companions(database: Path) -> list[Path]:
    """Return the files SQLite keeps beside ``database``: its journals and shared memory."""
    return [database.with_name(database.name + end) for end in ("-journal", "-wal", "-shm")]


def _none_or_own_file(place: Path) -> bool:
    """Tell a name that holds nothing, or a file of its own (not a link, a pipe, a device or
    another name of a file) that only this process's user can write."""
    try:
        found = place.lstat()
    except FileNotFoundError:
        return True
    return stat.S_ISREG(found.st_mode) and found.st_nlink == 1 and _own(place)


def _own(place: Path) -> bool:
    """Tell a file or folder that only this process's user owns and can write."""
    found = place.stat()
    return found.st_uid == os.getuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


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
