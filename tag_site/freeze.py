"""Freeze the site's views into static files and publish them atomically.

The build goes into a temporary sibling of the destination; only when every page was written
and every internal link of the output resolves does it replace the previous build. Files in
the destination that an earlier freeze did not write (a ``CNAME``) are carried over.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from flask_frozen import Freezer, FrozenFlaskWarning

from .content import ContentStore, Site
from .errors import ContentError
from .linkcheck import broken_links

MANIFEST = ".tag-site-build.json"


class FreezeError(Exception):
    """The freeze cannot go on: a refused destination, or a page Frozen-Flask cannot write."""


@dataclass(frozen=True)
class FreezeResult:
    """What a freeze wrote."""

    dest: Path
    pages: int
    files: int
    seconds: float


def freeze_site(app: Flask, dest: Path, base_url: str | None = None) -> FreezeResult:
    """Write the site into ``dest`` for ``base_url`` (default: the ``url`` of site.yml).

    Raises ``ExceptionGroup`` of ``ContentError`` on content problems, ``FreezeError`` when
    ``dest`` is refused; either way the previous build is left as it was.
    """
    started = time.perf_counter()
    store: ContentStore = app.extensions["tag_site"]
    dest = dest.absolute()
    refuse_destination(dest, repo=Path(app.root_path), content=store.root)
    site = store.load()
    errors = list(site.errors)
    if "/" not in site.pages:
        message = "the site has no home page — add this file, with 'layout: home'"
        errors.append(ContentError(site.path("index.md"), 0, message))
    if errors:
        raise ExceptionGroup("the content has errors", errors)
    base_url = normalise_base_url(base_url or site.config.url)
    dest.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    build.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable
    try:
        freeze_views(app, build, base_url)
        (build / ".nojekyll").write_bytes(b"")
        problems = broken_links(build, urlsplit(base_url).path, site)
        if problems:
            raise ExceptionGroup("the built site has broken links", problems)
        written = write_manifest(build)
        carry_over(dest, build)
        swap(build, dest)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    pages = sum(name.endswith(".html") for name in written)
    return FreezeResult(dest, pages, len(written) - pages, time.perf_counter() - started)


def normalise_base_url(url: str) -> str:
    """Return ``url`` as an absolute http(s) address ending in ``/``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FreezeError(
            f"--base-url {url!r} must be a full address like https://example.org/sciml/"
        )
    return url if url.endswith("/") else url + "/"


def refuse_destination(dest: Path, *, repo: Path, content: Path) -> None:
    """Raise ``FreezeError`` unless ``dest`` is new, empty or a previous build."""
    reason = None
    if dest in (Path.cwd(), repo.absolute()):
        reason = "is the current folder or the repository itself"
    elif dest == content or content in dest.parents or dest in content.parents:
        reason = "is, holds or is inside the content folder"
    elif (dest / ".git").exists():
        reason = "holds a git repository"
    elif dest.exists() and not dest.is_dir():
        reason = "is a file"
    elif dest.is_dir() and any(dest.iterdir()) and not (dest / MANIFEST).is_file():
        reason = "is not empty and not an earlier build (it has no " + MANIFEST + ")"
    if reason:
        raise FreezeError(
            f"refusing to write the site into {dest}: it {reason} — choose a new folder"
        )


def freeze_views(app: Flask, build: Path, base_url: str) -> None:
    """Request every URL of the site through the app and write the responses into ``build``."""
    app.config.update(
        FREEZER_DESTINATION=str(build),
        FREEZER_BASE_URL=base_url,
        FREEZER_REMOVE_EXTRA_FILES=False,
        FREEZER_REDIRECT_POLICY="error",
        BASE_URL=base_url,
        FREEZING=True,
        PROPAGATE_EXCEPTIONS=True,
    )
    freezer = Freezer(app, with_static_files=True, with_no_argument_rules=True, log_url_for=True)
    freezer.register_generator(lambda: content_urls(app))
    try:
        with warnings.catch_warnings():
            # A page Frozen-Flask would skip or mislabel is a broken site, not a warning.
            warnings.simplefilter("error", FrozenFlaskWarning)
            freezer.freeze()
    except (FrozenFlaskWarning, ValueError) as error:  # ValueError: a status other than 200
        raise FreezeError(f"Frozen-Flask: {error}") from error
    finally:
        app.config.update(BASE_URL=None, FREEZING=False, PROPAGATE_EXCEPTIONS=None)


def content_urls(app: Flask) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield every page and attachment of ``content/`` for Frozen-Flask."""
    site: Site = app.extensions["tag_site"].load()
    for url in [*site.pages, *site.attachments]:
        yield "site.page", {"path": url[1:]}


def write_manifest(build: Path) -> list[str]:
    """Mark ``build`` as ours: list every file it holds with its SHA-256; return the names."""
    names = sorted(
        path.relative_to(build).as_posix() for path in build.rglob("*") if path.is_file()
    )
    digests = {name: hashlib.sha256((build / name).read_bytes()).hexdigest() for name in names}
    manifest = {"generator": "tag_site", "files": digests}
    (build / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    return names


def carry_over(dest: Path, build: Path) -> None:
    """Copy into ``build`` the files of ``dest`` that no freeze wrote there (a ``CNAME``)."""
    if not (dest / MANIFEST).is_file():
        return
    ours = set(json.loads((dest / MANIFEST).read_text("utf-8"))["files"]) | {MANIFEST}
    for path in sorted(dest.rglob("*")):
        name = path.relative_to(dest).as_posix()
        if path.is_dir() or path.is_symlink() or name in ours:
            continue
        target = build / name
        if target.exists():
            raise FreezeError(
                f"{path} was not written by a freeze and the new build has a "
                "file of the same name — move it out of the way"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def swap(build: Path, dest: Path) -> None:
    """Put ``build`` in the place of ``dest`` with two renames, then remove the old build."""
    if not dest.exists():
        build.rename(dest)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=dest.parent))
    dest.rename(old / dest.name)
    build.rename(dest)
    shutil.rmtree(old)
