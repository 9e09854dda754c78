"""Content files to immutable ``Site`` snapshots, through a cache keyed by each file's stat.

content/site.yml         -> SiteConfig (settings.py)
content/data/<name>.yml  -> Site.data[name]; data/members.yml also -> Site.members
content/**/*.md          -> Page (pages.py), at a URL from its path or its permalink
content/<other file>     -> an attachment, published at the same path
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import os
import stat
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from ..errors import ContentError, Problem
from ..markdown import addresses
from ..markdown.limits import MAX_BYTES, in_time_kept, overtime
from ..markdown.render import resolve_link
from .dates import instant, zone
from .events import Event
from .files import Kind, Verdict, classify, is_ignored, is_noise, is_opaque_folder
from .front_matter import Data, decode, load_yaml
from .jobs import Job
from .kinds import kind_of, read_page
from .members import MEMBERS_FILE, Member, parse_members
from .news import Post
from .pages import Page, name_of
from .settings import Settings, SiteConfig, parse_settings
from .urls import SECTIONS, calendar_url, folders_of, is_made_here, made_urls, output_file
from .watch import Watcher

P = TypeVar("P", bound=Page)

# A file changed twice within the file system's timestamp granularity can keep its stat key;
# entries read this soon after their mtime are compared by content until they are older
# (the "racy git" problem and its fix).
_RACY_NS = 2_000_000_000
MAX_NAME, MAX_PATH = 255, 1024  # bytes of a file name and of a path under the build folder


@dataclass(frozen=True)
class DataFile:
    """A YAML file of ``data/``: its value, the members if it is the members file, problems."""

    name: str
    data: Data | None
    members: tuple[Member, ...] = ()
    errors: tuple[Problem, ...] = ()


Parsed = Page | Settings | DataFile
Parser = Callable[[bytes, Path], Parsed]


@dataclass(frozen=True)
class Site:
    """Everything in ``content/`` at one moment."""

    root: Path
    config: SiteConfig
    pages: Mapping[str, Page]
    attachments: Mapping[str, Path]
    members: tuple[Member, ...]
    data: Mapping[str, Any]
    errors: tuple[Problem, ...]  # and warnings (``Problem.warning``)
    redirects: Mapping[str, str] = field(default_factory=dict)  # old URL -> the page's URL
    clashes: Mapping[str, list[Problem]] = field(default_factory=dict)  # URL -> other claims
    unplaced: tuple[Page, ...] = ()  # pages whose URL another file has: checked, not published
    feed_copies: tuple[str, ...] = ()  # old addresses the feed is served at too (site.yml's)
    sizes: Mapping[str, int] = field(default_factory=dict)  # every file's size, as scanned
    saved: float = 0.0  # when the file saved last was saved (its mtime), as scanned

    def path(self, name: str) -> Path:
        """Return the path of the content file ``name`` as editors see it."""
        return show(self.root, name)

    def errors_in(self, *sources: Path) -> tuple[Problem, ...]:
        """Return the errors (not warnings) in the given files and in ``site.yml``."""
        wanted = {*sources, self.path("site.yml")}
        return tuple(e for e in self.errors if e.path in wanted and not e.warning)

    def errors_of(self, page: Page, *more: Path) -> tuple[Problem, ...]:
        """Return what stops a page: its file's errors, site.yml's, those of the files in
        ``more`` (the data it shows), and another file that wants its URL."""
        return self.errors_in(page.source, *more) + tuple(self.clashes.get(page.url, ()))

    @functools.cached_property
    def tz(self) -> datetime.tzinfo:
        """Return the site's time zone."""
        return zone(self.config.timezone)

    @functools.cached_property
    def broken(self) -> frozenset[Path]:
        """Return the files whose errors stop their page: the lists leave it out (no made-up
        date, no link without words), and the preview says why (``views.left_out``)."""
        return frozenset(error.path for error in self.errors if not error.warning)

    def listed(self, kind: type[P]) -> list[P]:
        """Return the pages of ``kind`` (news, events, positions) that the lists show."""
        return [
            p for p in self.pages.values() if isinstance(p, kind) and p.source not in self.broken
        ]

    @functools.cached_property
    def posts(self) -> tuple[Post, ...]:
        """Return the news posts, newest first."""
        posts = self.listed(Post)
        newest_first = sorted(posts, key=lambda p: (instant(p.published, self.tz), p.url))[::-1]
        return tuple(newest_first)

    @functools.cached_property
    def memo(self) -> dict[Any, Any]:
        """Return a place for what is worked out from this snapshot and asked for again (the
        published part of it, on every request of the preview)."""
        return {}

    @functools.cached_property
    def post_numbers(self) -> Mapping[str, int]:
        """Map each post's URL to its place in ``posts`` (0: the newest)."""
        return {post.url: number for number, post in enumerate(self.posts)}

    @functools.cached_property
    def events(self) -> tuple[Event, ...]:
        """Return the events, soonest first."""
        events = self.listed(Event)
        return tuple(sorted(events, key=lambda event: (event.begins(), event.url)))

    @functools.cached_property
    def jobs(self) -> tuple[Job, ...]:
        """Return the open positions and the closed ones, the soonest deadline first."""
        jobs = self.listed(Job)
        return tuple(sorted(jobs, key=lambda job: (job.deadline or datetime.date.max, job.url)))

    @functools.cached_property
    def talks(self) -> Mapping[str, tuple[Event, ...]]:
        """Map the URL of each series to its talks (events that name it), soonest first."""
        found: dict[str, list[Event]] = {}
        for event in self.events:
            if event.series:
                found.setdefault(self.series_of(event), []).append(event)
        return {url: tuple(talks) for url, talks in found.items()}

    def series_of(self, event: Event) -> str:
        """Return the URL of the series a talk names (by its file or its address)."""
        return resolve_link(
            event.series, folder=event.folder(), prefix="", sources=self.urls_by_source
        )

    @functools.cached_property
    def calendars(self) -> Mapping[str, Event]:
        """Map the URL of each event's calendar file (``/events/2027/x.ics``) to the event."""
        return {calendar_url(event.url): event for event in self.events}

    @functools.cached_property
    def urls_by_source(self) -> Mapping[str, str]:
        """Map what a link may name a page by to the page's URL ``/about/``: its file's path
        in content/ (``/about.md``), and its URL without the last slash (``/about``, which
        GitHub Pages, as most hosts, sends on to ``/about/``) unless a file has that one;
        the lists' the same way (``/news``)."""
        found = {
            url[:-1]: url
            for url in [*made_urls(self.config.sections), *self.pages]
            if url.endswith("/") and url != "/" and url[:-1] not in self.attachments
        }
        return found | {"/" + name_of(page.source): url for url, page in self.pages.items()}


class ContentStore:
    """Reads ``content/`` into ``Site`` snapshots, re-parsing only files that changed.

    One lock makes it safe under the threaded development server.
    """

    def __init__(self, root: Path, watcher: Watcher | None = None) -> None:
        self.root = root
        self.watcher = watcher or Watcher([root])  # also what live reload listens to
        self._lock = threading.Lock()
        self._cache: dict[str, _Entry] = {}  # content file name -> what it parsed to
        self._last: tuple[dict[str, Any], list[Problem], Site] | None = None  # a sure snapshot
        self._site: Site | None = None  # the snapshot read last
        self._changes: int | None = None  # the watcher's number when it was read
        self._loads = 0

    def load(self) -> Site:
        """Return the content as it is on disk now: the last snapshot again if no file changed
        since it was read (the watcher says so, where it can tell; else every file's stat
        says so, and none was read too soon after it was written to be sure). A store asked
        more than once (the preview's) asks its watcher; one asked once starts none."""
        with self._lock:
            changes = self.watcher.changes() if self._loads else None
            if self._site and changes is not None and changes == self._changes:
                return self._site
            self._loads += 1
            self._changes = changes
            files, errors = scan(self.root)  # after asking: a change from now on moves it
            keys = {name: stat_key(result) for name, result in files.items()}
            if self._last and self._last[0] == keys and self._last[1] == errors:
                self._site = self._last[2]
                return self._site
            self._site = self._read(files, errors)
            settled = all(e.read_ns - e.key[0] > _RACY_NS for e in self._cache.values())
            self._last = (keys, errors, self._site) if settled else None
            return self._site

    def _read(self, files: dict[str, os.stat_result], scanned: list[Problem]) -> Site:
        """Return the snapshot of ``files``, parsing those that changed."""
        errors = list(scanned)
        self._cache = {name: self._cache[name] for name in files if name in self._cache}
        parsed: list[Parsed] = []
        attachments: dict[str, Path] = {}
        for name, result in files.items():
            verdict = classify(name)
            if verdict.kind is Kind.PAGE and is_plain_file(self.root, name):
                errors.append(Problem(show(self.root, name), 1, PLAIN_FILE, warning=True))
                verdict = Verdict(Kind.ATTACHMENT)
            if verdict.kind is Kind.ATTACHMENT:
                attachments["/" + name] = self.root / name
                continue
            if verdict.kind is Kind.UNPUBLISHED:
                errors.append(left_out(self.root, name, verdict))
                continue
            try:
                parsed.append(self._parsed(name, result, parser_for(name)))
            except FileNotFoundError:
                continue  # deleted since the scan: it is not part of this snapshot
            except OSError as error:
                message = f"cannot read it: {error.strerror}"
                errors.append(Problem(show(self.root, name), 0, message))
        site = build_site(self.root, parsed, attachments, errors)
        sizes = {name: result.st_size for name, result in files.items()}
        saved = max((result.st_mtime for result in files.values()), default=0.0)
        return replace(site, sizes=sizes, saved=saved)

    def _parsed(self, name: str, result: os.stat_result, parse: Parser) -> Parsed:
        """Return the parsed file, from the cache while the file is unchanged."""
        key = stat_key(result)
        entry = self._cache.get(name)
        if entry and entry.key == key and entry.read_ns - key[0] > _RACY_NS:
            return entry.value
        with (self.root / name).open("rb") as file:  # the check names one over MAX_BYTES
            key, raw = stat_key(os.fstat(file.fileno())), file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:  # not read further: an empty page, and the check's error
            return replace(parse(b"", show(self.root, name)), errors=())
        digest = hashlib.sha256(raw).digest()  # not the bytes: a big site's would stay in memory
        value = (
            entry.value
            if entry and entry.digest == digest
            else parse_in_time(parse, raw, show(self.root, name), digest)
        )
        self._cache[name] = _Entry(key, time.time_ns(), digest, value)
        return value


PLAIN_FILE = (
    "has no front matter, so it is published as a file, as it is (as Jekyll does) — to make "
    "it a page, start it with a line '---', a line 'title: …' and a line '---'"
)


def is_plain_file(root: Path, name: str) -> bool:
    """Tell a Markdown file of no kind's (not the home page) that has no front matter: as in
    Jekyll, it is published as a file, as it is (a README, a licence, a library's notes)."""
    if name == "index.md" or kind_of(name):
        return False
    try:
        with (root / name).open("rb") as file:
            first = file.readline(64).removeprefix(b"\xef\xbb\xbf")
    except OSError:  # said where it is read
        return False
    return not first.rstrip(b"\r\n \t").startswith(b"---")


def parse_in_time(parse: Parser, raw: bytes, path: Path, digest: bytes) -> Parsed:
    """Parse a file within the time budget; one that takes longer is an error, not a hang,
    and stays one for the next command (a freeze after the check), as a page's check does."""

    one_file = name_of(path) == MEMBERS_FILE  # it cannot be split
    fix = "shorten its long fields" if one_file else "split it into smaller files"

    def refused(earlier: bool) -> Parsed:
        message = overtime("reading", fix, earlier=earlier)
        return replace(parse(b"", path), errors=(Problem(path, 0, message),))

    return in_time_kept(str(path).encode() + b"\0" + digest, lambda: parse(raw, path), refused)


@dataclass(frozen=True)
class _Entry:
    key: tuple[int, int, int, int]
    read_ns: int
    digest: bytes  # SHA-256 of the file's bytes
    value: Parsed


def stat_key(result: os.stat_result) -> tuple[int, int, int, int]:
    """Return what tells one version of a file from another without reading it."""
    return (result.st_mtime_ns, result.st_ctime_ns, result.st_size, result.st_ino)


def show(root: Path, name: str) -> Path:
    """Return the path of a content file as editors see it: ``content/<name>``."""
    return Path(root.name, name)


def scan(root: Path) -> tuple[dict[str, os.stat_result], list[Problem]]:
    """List the files of ``content/`` (without editor temp files); refuse symlinks, and name
    the folders of Jekyll's that the site does not read."""
    if not root.is_dir():
        message = "there is no content folder — run the command from the repository root"
        return {}, [Problem(root, 0, message)]
    files: dict[str, os.stat_result] = {}
    errors: list[Problem] = []
    prefix = len(str(root)) + 1  # the paths of the entries are root, "/", their name
    for entry in _walk(root):
        name = entry.path[prefix:].replace(os.sep, "/")
        if not is_noise(entry.name):
            message = (
                "is not published: no file or folder whose name starts with '.' is — rename "
                "it without the '.', or delete it"
            )
            errors.append(Problem(show(root, name), 0, message, warning=True))
        elif entry.is_symlink():
            message = (
                "is a symbolic link, which could publish a file from outside the site"
                " — replace it with a copy of the file"
            )
            errors.append(Problem(show(root, name), 0, message))
        elif entry.is_dir():
            errors.append(left_out(root, name + "/", classify(name, folder=True)))
        else:
            with contextlib.suppress(FileNotFoundError):  # renamed since it was listed
                result = entry.stat()
                if stat.S_ISREG(result.st_mode):
                    files[name] = result
                else:  # reading it would wait for a writer that never comes
                    message = "is not a file but a pipe, socket or device — remove it"
                    errors.append(Problem(show(root, name), 0, message))
    return files, errors


def _walk(folder: str | Path) -> Iterator[os.DirEntry[str]]:
    """Yield the files under ``folder``, the folders the policy judges as a whole, and the
    hidden ones that are not noise (said as not published)."""
    for entry in walk_tree(folder, lambda entry: not is_ignored(entry.name) and enters(entry)):
        if (not is_ignored(entry.name) and not enters(entry)) or not is_noise(entry.name):
            yield entry


def walk_tree(
    folder: str | Path, enters: Callable[[os.DirEntry[str]], bool]
) -> Iterator[os.DirEntry[str]]:
    """Yield every entry under ``folder``, by name, each folder's entries after it, going
    into the folders ``enters`` takes: the order of ``sorted(Path.rglob("*"))``, without
    recursion (a pull request's thousand nested folders ran out of stack)."""
    stack = [_entries(folder)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        yield entry
        if enters(entry):
            stack.append(_entries(entry.path))


def _entries(folder: str | Path) -> Iterator[os.DirEntry[str]]:
    """Return the entries of ``folder`` by name (none if it went since it was listed)."""
    try:
        with os.scandir(folder) as scanned:
            return iter(sorted(scanned, key=lambda entry: entry.name))
    except (FileNotFoundError, NotADirectoryError):
        return iter(())  # deleted or replaced since its parent was listed: not in this snapshot


def enters(entry: os.DirEntry[str]) -> bool:
    """Tell a folder whose files the scan lists (not hidden, not one judged as a whole)."""
    return entry.is_dir(follow_symlinks=False) and not is_opaque_folder(entry.name)


def left_out(root: Path, name: str, verdict: Verdict) -> Problem:
    """Return what ``flask check`` says about a file or folder the site does not publish."""
    return Problem(show(root, name), 0, verdict.problem, warning=not verdict.error)


def parser_for(name: str) -> Parser:
    """Return the parser of a settings, data or Markdown file ``name`` (relative to content/)."""
    kind = classify(name).kind
    if kind is Kind.SETTINGS:
        return parse_settings
    if kind is Kind.DATA:
        return parse_data_file
    dated = kind_of(name)
    return dated.read if dated else read_page


def parse_data_file(raw: bytes, path: Path) -> DataFile:
    """Read a YAML file of ``data/``; the members file is also read as members."""
    name = PurePosixPath(name_of(path)).stem
    try:
        data = load_yaml(decode(raw, path), path)
    except ContentError as error:
        return DataFile(name, None, errors=(error.problem,))
    if name_of(path) != MEMBERS_FILE:
        return DataFile(name, data)
    members, errors = parse_members(data, path)
    return DataFile(name, data, members, errors)


def build_site(
    root: Path, parsed: list[Parsed], attachments: Mapping[str, Path], errors: list[Problem]
) -> Site:
    """Put parsed files together into a ``Site`` and check that their URLs are distinct."""
    config = SiteConfig()
    data: dict[str, Any] = {}
    members: tuple[Member, ...] = ()
    pages: list[Page] = []
    for item in parsed:
        errors += item.errors
        if isinstance(item, Settings):
            config = item.config
        elif isinstance(item, DataFile):
            data[item.name] = item.data.value if item.data else None
            members = item.members or members
        else:
            pages.append(item)
    pages = [
        replace(page, tz=zone(page.timezone or config.timezone))
        if isinstance(page, Event)
        else page
        for page in pages
    ]  # each event's times in its own zone, else the site's: resolved once, here
    feeds = (show(root, "site.yml"), config.lines.get("feed_also_at", 0), config.feed_also_at)
    urls = map_urls(root, pages, attachments, config.sections, feeds)
    errors += [error for clash in urls.clashes.values() for error in clash]
    return Site(
        root,
        config,
        urls.pages,
        urls.files,
        members,
        data,
        tuple(errors),
        urls.redirects,
        urls.clashes,
        urls.unplaced,
        urls.feeds,
    )


@dataclass(frozen=True)
class UrlMap:
    """Who has which URL: pages, attachments, redirects, and the claims that lost."""

    pages: dict[str, Page]
    files: dict[str, Path]
    redirects: dict[str, str]
    clashes: dict[str, list[Problem]]
    unplaced: tuple[Page, ...]
    feeds: tuple[str, ...] = ()  # the old addresses the feed is served at too


def too_long(file: str) -> bool:
    """Tell an output file whose name, or a folder's, is longer than file systems allow."""
    encoded = file.encode()
    return len(encoded) > MAX_PATH or any(len(part) > MAX_NAME for part in encoded.split(b"/"))


@functools.lru_cache(maxsize=65536)  # asked for every URL on every change in the preview
def refused_url(url: str, *, page: bool, sections: tuple[str, ...] = SECTIONS) -> str | None:
    """Say why no file of a site with ``sections`` may have ``url``, whoever else wants it, or
    return None."""
    if too_long(output_file(url)):
        return (
            f"the URL {url[:60]}… is too long to be published as a file (at most "
            f"{MAX_NAME} bytes a part, {MAX_PATH} in all)"
        )
    if is_made_here(url, page=page, sections=sections):
        return f"the URL {url} is made by the site itself"
    if any(part.startswith(".") and part != ".well-known" for part in url.split("/")):
        return f"the URL {url} has a part that starts with '.', which web servers hide"
    if address := addresses.in_name(url):
        return (
            f"the URL {url} holds the e-mail address {address}, which the sitemap and the "
            "feed would show as it is"
        )
    return None


def output_key(url: str) -> str:
    """Return what two URLs share if a freeze writes them into one file: ``/about/`` and
    ``/About/index.html`` (one file on macOS and Windows too)."""
    return unicodedata.normalize("NFC", output_file(url)).casefold()


def map_urls(
    root: Path,
    pages: list[Page],
    attachments: Mapping[str, Path],
    sections: tuple[str, ...] = SECTIONS,
    feeds: tuple[Path, int, tuple[str, ...]] | None = None,
) -> UrlMap:
    """Give each URL (and the file it is frozen into) to one source; a second one is an error
    (or an address the site with ``sections`` makes); ``feeds``: the settings' file, line and
    old addresses of the feed, which the pages' own come before."""
    owners: dict[str, tuple[Path, str]] = {}  # folded output file -> (source, URL)
    folders: dict[str, tuple[Path, str]] = {}  # folded folder of an output file -> its claim
    clashes: dict[str, list[Problem]] = {}

    def claim(
        url: str,
        source: Path,
        line: int = 0,
        fix: str = "change its name or permalink",
        *,
        page: bool = False,
    ) -> bool:
        key = output_key(url)
        if refusal := refused_url(url, page=page, sections=sections):
            message = f"{refusal} — {fix}"
        elif key in owners:
            other, other_url = owners[key]
            aside = f" (as {other_url}: one file once published)" if other_url != url else ""
            message = f"has the same URL {url} as {other}{aside} — {fix}"
        elif holder := next((owners[p] for p in folders_of(key) if p in owners), folders.get(key)):
            other, other_url = holder
            message = (
                f"the URL {url} and {other_url} (of {other}) would need the same name for a file "
                f"and a folder once published — {fix}"
            )
        else:
            owners[key] = (source, url)
            folders.update(dict.fromkeys(folders_of(key), (source, url)))
            return True
        clashes.setdefault(url, []).append(Problem(source, line, message))
        return False

    files = {url: path for url, path in attachments.items() if claim(url, show(root, url[1:]))}
    page_map = {
        p.url: p  # a page may introduce a list the site makes; a post, event or job not
        for p in pages
        if claim(p.url, p.source, p.line_of("permalink"), page=type(p) is Page)
    }
    for event in [page for page in page_map.values() if isinstance(page, Event)]:
        claim(calendar_url(event.url), event.source, 1)
    fix = "remove it from redirect_from"
    redirects = {
        old: page.url
        for page in page_map.values()
        for old in page.redirect_from
        if claim(old, page.source, page.line_of("redirect_from"), fix)
    }
    unplaced = tuple(page for page in pages if page_map.get(page.url) is not page)
    source, line, wanted = feeds or (Path(), 0, ())
    copies = tuple(url for url in wanted if claim(url, source, line, "remove it from feed_also_at"))
    return UrlMap(page_map, files, redirects, clashes, unplaced, copies)
