"""One Build: one snapshot of the content, one "now", one base URL, and every output of the site.

    Build(site, public, shown, now, base_url, static, preview)
        -> outputs: URL, endpoint and values, sources, last change
        -> made(url): the page at a URL as the freeze makes it (what its ids are read from)

The preview makes a Build per request (cheap: the content store caches what it read); a
freeze makes one, checks it, and publishes exactly its outputs. The freeze, the sitemap and
the link check read the site's URLs here (their table is ``content/urls.py``).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import functools
import hashlib
import os
import stat
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from . import cache
from .content.dates import day_of, instant
from .content.news import Post, page_count
from .content.urls import INTRO_URLS, MADE, MANIFEST, SEARCH_FOLDER, item_url

if TYPE_CHECKING:
    from .content.events import Event
    from .content.pages import Page
    from .content.store import Site


@dataclass(frozen=True)
class Output:
    """One file of the published site."""

    url: str
    endpoint: str  # the view that makes it, and the values it takes (for url_for)
    values: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[Path, ...] = ()  # the content files it shows
    modified: datetime.date | None = None  # when its content last changed, if known
    listed: bool = False  # in the sitemap


# Template functions whose answer depends on the rest of the site; a freeze records them.
Asks = Mapping[str, Callable[[str], str]]


class Keeper(Protocol):
    """What a freeze keeps of the previous build (``publish/incremental.py``)."""

    def output(
        self,
        url: str,
        inputs: object,
        asks: Asks,
        make: Callable[[Asks], str | bytes],
    ) -> str | bytes:
        """Return the output at ``url``: the previous build's, if it was made from the same
        ``inputs`` and each of the ``asks`` it asked answers the same; else ``make`` it with
        ``asks`` that record what it asks."""
        ...


@dataclass(frozen=True)
class Build:
    """What one preview request or one freeze works on, made once and never changed."""

    site: Site  # everything in content/, drafts and scheduled news too
    public: Site  # what is published at ``now``: no drafts, no news dated later
    shown: Site  # what the pages show: ``site`` in the preview, ``public`` in a freeze
    now: datetime.datetime
    base_url: str  # the absolute address of the site's root, ending in "/"
    static: tuple[str, ...] = ()  # the layouts' own files, as paths under /static/
    preview: bool = False  # shown in the preview (drafts marked, problems listed), or frozen
    # The page at a URL as the freeze makes it (the web's views), for what only it can tell.
    maker: Callable[[Build, str], str] | None = field(default=None, compare=False, repr=False)
    # In a freeze, what keeps the outputs of the previous build made from the same inputs.
    keeper: Keeper | None = field(default=None, compare=False, repr=False)

    def made(self, url: str) -> str:
        """Return the HTML of the page at ``url`` as it is published ("" if it makes none),
        made once per Build."""
        if url not in self._made:
            self._made[url] = self.maker(self, url) if self.maker else ""
        return self._made[url]

    @functools.cached_property
    def _made(self) -> dict[str, str]:
        return {}

    @functools.cached_property
    def as_published(self) -> Build:
        """Return this Build as a freeze works on it: what is published, nothing of the
        preview's (itself, in a freeze)."""
        return dataclasses.replace(self, shown=self.public, preview=False) if self.preview else self

    @functools.cached_property
    def outputs(self) -> tuple[Output, ...]:
        """Return every file of the published site, once each."""
        return tuple(dict((o.url, o) for o in list_outputs(self)).values())

    @functools.cached_property
    def by_url(self) -> Mapping[str, Output]:
        """Return the outputs by their URL."""
        return {output.url: output for output in self.outputs}

    @functools.cached_property
    def unpublished(self) -> frozenset[str]:
        """Return the URLs of the drafts and of the news dated after ``now``."""
        return frozenset(self.site.pages) - set(self.public.pages)

    def absolute(self, path: str) -> str:
        """Return the absolute address of a site path."""
        return self.base_url.rstrip("/") + path


def make_build(
    site: Site,
    now: datetime.datetime,
    base_url: str,
    static: tuple[str, ...] = (),
    *,
    preview: bool,
    maker: Callable[[Build, str], str] | None = None,
) -> Build:
    """Return the Build of ``site`` at ``now``: all of it shown in the preview, the published
    part in a freeze."""
    public = published(site, now)
    shown = site if preview else public
    return Build(site, public, shown, now, base_url, static, preview, maker)


def published(site: Site, now: datetime.datetime) -> Site:
    """Return the site without drafts and without news dated after ``now``: worked out once
    per snapshot and per number of news out by ``now`` (the preview asks on each request)."""
    tz = now.tzinfo or datetime.UTC
    if ("releases", tz) not in site.memo:
        site.memo["releases", tz] = sorted(instant(post.published, tz) for post in site.posts)
    key = ("published", tz, bisect.bisect_right(site.memo["releases", tz], now))
    if key not in site.memo:
        site.memo[key] = without_unpublished(site, now)
    return site.memo[key]  # type: ignore[no-any-return]


def without_unpublished(site: Site, now: datetime.datetime) -> Site:
    """Return the site without drafts and without news dated after ``now``."""

    def is_out(page: Page) -> bool:
        return page.draft or (isinstance(page, Post) and page.is_scheduled(now))

    pages = {url: page for url, page in site.pages.items() if not is_out(page)}
    redirects = {old: new for old, new in site.redirects.items() if new in pages}
    return dataclasses.replace(site, pages=pages, redirects=redirects)


def list_outputs(build: Build) -> Iterator[Output]:
    """Yield every output of the published site, in the sitemap's order: the home page, the
    lists and files the site makes, the other pages by URL; then attachments, old addresses,
    calendars, the feed's old addresses, and the layouts' own files."""
    site = build.public
    if "/" in site.pages:
        yield page_output(site, site.pages["/"])
    yield from made_outputs(build)
    for url, page in sorted(site.pages.items()):
        if url != "/" and not is_intro(site, url):
            yield page_output(site, page)
    for url in site.attachments:
        yield Output(url, "site.page", {"path": url[1:]}, (site.path(url[1:]),))
    for old, new in site.redirects.items():
        yield Output(old, "site.page", {"path": old[1:]}, (site.pages[new].source,))
    for url, event in site.calendars.items():
        yield Output(url, "site.page", {"path": url[1:]}, (event.source,))
    for url in site.feed_copies:
        yield Output(url, "site.page", {"path": url[1:]})
    for name in build.static:
        yield Output(f"/static/{name}", "static", {"filename": name})


def page_output(site: Site, page: Page) -> Output:
    """Return the output of a page."""
    values = {"path": page.url[1:]}
    return Output(page.url, "site.page", values, (page.source,), changed(site, page), True)


def changed(site: Site, page: Page | None) -> datetime.date | None:
    """Return the day a page's content last changed, if it says."""
    return day_of(page.date, site.tz) if page and page.date else None


def made_outputs(build: Build) -> Iterator[Output]:
    """Yield what the site makes itself: lists, feeds, calendars, sitemap, robots, 404 page."""
    site = build.public
    newest = site.posts[0].day() if site.posts else None
    for url, (endpoint, listed, values, section) in MADE.items():
        if section and section not in site.config.sections:
            continue
        intro = site.pages.get(url)
        sources = (intro.source,) if intro else ()
        modified = changed(site, intro) if intro else (newest if url == "/news/" else None)
        yield Output(url, endpoint, dict(values), sources, modified, listed)
        if url == "/news/":
            for number in range(2, page_count(site.posts) + 1):
                yield item_output("site.news", number=number)
        if url == "/reports/":
            for year in active_years(site):
                yield item_output("site.report", year=year)


def is_intro(site: Site, url: str) -> bool:
    """Tell a page that introduces a list the site makes (``members.md`` on ``/members/``)."""
    return url in INTRO_URLS and MADE[url].section in site.config.sections


def item_output(endpoint: str, **values: int) -> Output:
    """Return the output of one item page (a page of older news, a year's report)."""
    return Output(item_url(endpoint, **values), endpoint, values, listed=True)


def active_years(site: Site) -> list[int]:
    """Return the years the group has something on record for (events by their first day,
    news, positions by the day they were posted), the latest first."""
    years = {event.first_day().year for event in site.events}
    years |= {post.day().year for post in site.posts}
    years |= {job.posted.year for job in site.jobs}
    return sorted(years, reverse=True)


def split_events(
    events: Sequence[Event], moment: datetime.datetime
) -> tuple[list[Event], list[Event]]:
    """Return the upcoming and ongoing ``events`` (soonest first: a series by its next
    meeting) and the past ones (latest first); ``events`` in the order of their start."""
    upcoming = [e for e in events if e.status(moment) != "past"]
    upcoming.sort(key=lambda event: event.next_begins(moment))  # stable: the URL orders ties
    past = [e for e in reversed(events) if e.status(moment) == "past"]
    return upcoming, past


def committed(path: Path) -> bool:
    """Tell a file, or a folder with a file, that git tracks (False where there is no git,
    or no repository; True where git cannot tell): an earlier build, or its search index,
    that a pull request brought, which neither the freeze nor the preview trusts as its own.
    A folder that a pull request made look like a repository of its own (a ``HEAD``, an
    ``objects/`` and a ``refs/`` in it: a bare one, holding nothing) is not taken for one."""
    if not path.parent.is_dir():
        return False
    try:
        found = subprocess.run(  # read only, so in a checkout of another owner too (CI's)
            ["git", "-c", "safe.directory=*", "-c", "safe.bareRepository=explicit",
             "-C", str(path.parent), "ls-files", "--error-unmatch", "--", path.name],
            capture_output=True, timeout=30, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return False
    if found.returncode in (0, 1):  # 1: git knows no such file
        return found.returncode == 0
    # 128: no repository there, or git could not tell (then the file is not trusted either)
    return b"not a git repository" not in found.stderr.lower()


def remember_build(dest: Path, digests: Mapping[str, str]) -> None:
    """Keep, in the cache (trusted: outside what a pull request, a download or whoever else
    can write ``dest`` brings), the SHA-256 of the manifest a freeze wrote into ``dest`` and
    of each file of its search index: the next freeze keeps pages only by that manifest
    (``manifest_is_ours``), and the preview serves those index files only
    (``index_is_ours``)."""
    ours = {name: digest for name, digest in digests.items() if name.startswith(SEARCH_FOLDER)}
    cache.put("build", str(dest.resolve()), {**ours, MANIFEST: _digest(dest / MANIFEST)})


def index_is_ours(dest: Path, name: str) -> bool:
    """Tell a file of the search index in ``dest`` (``name``: ``pagefind/…``) that a freeze
    on this machine wrote, as it wrote it; False where the cache keeps no record (none is
    used: whose index it is cannot be told)."""
    record = cache.get("build", str(dest.resolve()))
    written = record.get(name) if isinstance(record, dict) else None
    return isinstance(written, str) and _digest(dest / name) == written


def manifest_is_ours(dest: Path) -> bool:
    """Tell the manifest of ``dest`` that a freeze on this machine wrote, as it wrote it: one
    changed since (a page changed, and its SHA-256 in the manifest with it) keeps nothing."""
    return index_is_ours(dest, MANIFEST)


def file_bytes(path: Path) -> bytes | None:
    """Return the bytes of ``path`` if it is a file of its own, else None: not a link (to
    /dev/zero, or out of the build), a pipe (read for ever) or a device. A build's folder is
    anyone's to write (a pull request's, a download), so what is read there is read so."""
    try:
        opened = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(opened, "rb") as file:
        try:
            return file.read() if stat.S_ISREG(os.fstat(file.fileno()).st_mode) else None
        except OSError:
            return None


def _digest(path: Path) -> str:
    """Return the SHA-256 of a file, read once per state of it (the preview asks per request)."""
    try:
        found = path.lstat()
    except OSError:
        return ""
    return _digest_of(path, found.st_ino, found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=4096)
def _digest_of(path: Path, _inode: int, _changed: int, _size: int) -> str:
    found = file_bytes(path)
    return "" if found is None else hashlib.sha256(found).hexdigest()
