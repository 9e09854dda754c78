"""A cache on disk of work that depends on its input alone: Markdown rendered to HTML, built
pages read for the link check. A freeze or check after the first one finds them done.

    folder/<kind>/<sha256 of the engine, the kind and the input>.json

An entry cannot be stale: its name changes with its input, with every source file of the
engine and with the versions of the libraries that render, so an edit, an upgrade or a change
of the code asks for another entry. Entries are JSON (a planted one cannot run code) and are
checked when read; one that cannot be read or written is a miss, never an error. The folder
is safe to delete at any time. It lives outside the repository (``~/.cache/tag_site``), where a
pull request cannot put entries, and is never published.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

_ENGINE = Path(__file__).resolve().parent
_LIBRARIES = ("markdown", "pygments", "latex2mathml", "flask", "jinja2", "frozen-flask")

# The one cache of this process (module state, as the renderer's memory cache): set by ``use``.
_folder: Path | None = None


def default_folder() -> Path:
    """Return the user's cache folder for the site engine (``$XDG_CACHE_HOME/tag_site``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tag_site"


def use(folder: Path | None, *, content: Path) -> None:
    """Keep entries in ``folder`` from now on; None, or a folder inside ``content`` (whose
    files are published): keep nothing on disk."""
    global _folder
    inside = folder is not None and content.absolute() in [folder, *folder.absolute().parents]
    _folder = None if inside else folder


def get(kind: str, key: str | bytes) -> Any:
    """Return the value kept for ``key``, or None."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def put(kind: str, key: str | bytes, value: Any) -> None:
    """Keep ``value`` (JSON) for ``key``, written whole or not at all."""
    path = _path(kind, key)
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(json.dumps(value).encode())
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _path(kind: str, key: str | bytes) -> Path | None:
    if _folder is None:
        return None
    digest = hashlib.sha256(engine_id().encode() + kind.encode() + b"\0")
    digest.update(key.encode("utf-8", "surrogatepass") if isinstance(key, str) else key)
    return _folder / kind / f"{digest.hexdigest()}.json"


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
