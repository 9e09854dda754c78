"""Content files to immutable ``Site`` snapshots, through a cache keyed by each file's stat.

content/site.yml         -> SiteConfig
content/data/<name>.yml  -> Site.data[name]  (data/members.yml also -> Site.members)
content/**/*.md          -> Page, at a URL from its path or its permalink
content/<other file>     -> an attachment, published at the same path
"""

from __future__ import annotations

import functools
import os
import threading
import time
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .parsing import Data, decode, load_yaml, split_front_matter

LAYOUTS = ("home", "page", "post", "default")
SECTIONS = ("members", "events", "news")
GENERATED_URLS = frozenset({"/members/", "/events/", "/news/", "/404.html"})
RESERVED_PREFIXES = ("/static/",)
MARKDOWN_SUFFIXES = (".md", ".markdown")

# A file changed twice within the file system's timestamp granularity can keep its stat key;
# entries read this soon after their mtime are compared by content until they are older
# (the "racy git" problem and its fix).
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class NavItem:
    """One link in the site's navigation."""

    title: str
    url: str


@dataclass(frozen=True)
class SiteConfig:
    """The settings in ``content/site.yml``."""

    title: str = "EMS TAG Scientific Machine Learning"
    description: str = ""
    url: str = "http://127.0.0.1:5000/"
    timezone: str = "Europe/Berlin"
    language: str = "en"
    nav: tuple[NavItem, ...] = ()
    footer: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Page:
    """A Markdown page; ``errors`` is non-empty when the file could not be read."""

    source: Path
    url: str
    title: str = ""
    layout: str = "page"
    body: str = ""
    body_line: int = 1
    description: str = ""
    sections: tuple[str, ...] = ()
    errors: tuple[ContentError, ...] = ()


@dataclass(frozen=True)
class Member:
    """One member of the group, from ``data/members.yml``."""

    name: str
    title: str = ""
    role: str = ""
    ems_member: bool = False
    position: str = ""
    affiliation: str = ""
    city: str = ""
    country: str = ""
    email: str = ""
    url: str = ""

    def full_name(self) -> str:
        """Return the name with its academic title: "Prof. Dr. Peter Benner"."""
        return f"{self.title} {self.name}".strip()

    def details(self) -> str:
        """Return position, affiliation, city and country, joined by commas."""
        parts = (self.position, self.affiliation, self.city, self.country)
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class Site:
    """Everything in ``content/`` at one moment."""

    root: Path
    config: SiteConfig
    pages: Mapping[str, Page]
    attachments: Mapping[str, Path]
    members: tuple[Member, ...]
    data: Mapping[str, Any]
    errors: tuple[ContentError, ...]

    def path(self, name: str) -> Path:
        """Return the path of the content file ``name`` as editors see it."""
        return show(self.root, name)

    def errors_in(self, *sources: Path) -> tuple[ContentError, ...]:
        """Return the errors found in the given files and in ``site.yml``."""
        wanted = {*sources, self.path("site.yml")}
        return tuple(error for error in self.errors if error.path in wanted)

    @functools.cached_property
    def urls_by_source(self) -> Mapping[str, str]:
        """Map ``/about.md`` (a file's path in content/) to its page's URL ``/about/``."""
        return {"/" + name_of(page.source): url for url, page in self.pages.items()}


class ContentStore:
    """Reads ``content/`` into ``Site`` snapshots, re-parsing only files that changed.

    One lock makes it safe under the threaded development server.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._cache: dict[str, _Entry] = {}

    def load(self) -> Site:
        """Return the content as it is on disk now."""
        with self._lock:
            files, errors = scan(self.root)
            self._cache = {name: self._cache[name] for name in files if name in self._cache}
            parsed: dict[str, Any] = {}
            for name, result in files.items():
                kind = kind_of(name)
                if kind is None:
                    continue
                try:
                    parsed[name] = self._parsed(name, result, PARSERS[kind])
                except FileNotFoundError:
                    continue  # deleted since the scan: it is not part of this snapshot
                except ContentError as error:
                    errors.append(error)
        attachments = {"/" + n: self.root / n for n in files if not is_source_file(n)}
        return build_site(self.root, parsed, attachments, errors)

    def _parsed(
        self, name: str, result: os.stat_result, parse: Callable[[bytes, Path], Any]
    ) -> Any:
        """Return the parsed file, from the cache while the file is unchanged."""
        key = stat_key(result)
        entry = self._cache.get(name)
        if entry and entry.key == key and entry.read_ns - key[0] > _RACY_NS:
            return entry.value
        try:
            with (self.root / name).open("rb") as file:
                key, raw = stat_key(os.fstat(file.fileno())), file.read()
        except (PermissionError, IsADirectoryError) as error:
            raise ContentError(
                show(self.root, name), 0, f"cannot read it: {error.strerror}"
            ) from None
        value = entry.value if entry and entry.raw == raw else parse(raw, show(self.root, name))
        self._cache[name] = _Entry(key, time.time_ns(), raw, value)
        return value


@dataclass(frozen=True)
class _Entry:
    key: tuple[int, int, int, int]
    read_ns: int
    raw: bytes
    value: Any


def stat_key(result: os.stat_result) -> tuple[int, int, int, int]:
    """Return what tells one version of a file from another without reading it."""
    return (result.st_mtime_ns, result.st_ctime_ns, result.st_size, result.st_ino)


def show(root: Path, name: str) -> Path:
    """Return the path of a content file as editors see it: ``content/<name>``."""
    return Path(root.name, name)


def name_of(source: Path) -> str:
    """Return the path inside content/ of a file shown as ``content/<name>``."""
    return Path(*source.parts[1:]).as_posix()


def scan(root: Path) -> tuple[dict[str, os.stat_result], list[ContentError]]:
    """List the files of ``content/`` (without editor temp files) and refuse symlinks."""
    if not root.is_dir():
        message = "there is no content folder — run the command from the repository root"
        return {}, [ContentError(root, 0, message)]
    files: dict[str, os.stat_result] = {}
    errors: list[ContentError] = []
    for entry in _walk(root):
        name = Path(entry.path).relative_to(root).as_posix()
        if entry.is_symlink():
            message = (
                "is a symbolic link, which could publish a file from outside the site"
                " — replace it with a copy of the file"
            )
            errors.append(ContentError(show(root, name), 0, message))
        else:
            files[name] = entry.stat()
    return files, errors


def _walk(folder: str | Path) -> Iterator[os.DirEntry[str]]:
    with os.scandir(folder) as scanned:
        entries = sorted(scanned, key=lambda entry: entry.name)
    for entry in entries:
        if is_ignored(entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        else:
            yield entry


def is_ignored(name: str) -> bool:
    """Tell editor temp files, hidden files and Jekyll's ``_`` folders from content."""
    temporary = name.endswith(("~", ".swp", ".swo", ".tmp")) or name == "4913"
    return name.startswith((".", "_", "#")) or temporary


def kind_of(name: str) -> str | None:
    """Return which parser reads the file ``name`` (relative to content/), if any."""
    if name == "site.yml":
        return "site"
    if name.startswith("data/") and name.count("/") == 1 and name.endswith((".yml", ".yaml")):
        return "data"
    if name.endswith(MARKDOWN_SUFFIXES):
        return "page"
    return None


def is_source_file(name: str) -> bool:
    """Tell files the site reads (pages, data, settings) from attachments."""
    return kind_of(name) is not None


class Fields:
    """Typed values out of a YAML mapping, with an error (at the key's line) for each bad one."""

    def __init__(self, data: Data, path: Path) -> None:
        self.values: Mapping[str, Any] = data.value if isinstance(data.value, dict) else {}
        self.data = data
        self.path = path
        self.errors: list[ContentError] = []

    def error(self, key: str, message: str) -> None:
        """Record a problem with the value of ``key``."""
        self.errors.append(ContentError(self.path, self.data.line_of(key), message))

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        """Return the text at ``key``; numbers are taken as text."""
        value = self.values.get(key)
        if value is None or value == "":
            if required:
                self.error(key, f"'{key}' is missing — add a line '{key}: …'")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(key, f"'{key}' must be text — put the value in quotes")
            return default
        return str(value).strip()

    def flag(self, key: str, default: bool = False) -> bool:
        """Return the true/false value at ``key``."""
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            self.error(key, f"'{key}' must be true or false, not {value!r}")
            return default
        return value

    def texts(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Return the list of texts at ``key``."""
        value = self.values.get(key)
        if value is None:
            return default
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(key, f"'{key}' must be a list, like '{key}: [first, second]'")
            return default
        return tuple(value)


def parse_data(raw: bytes, path: Path) -> Data:
    """Read a YAML data file."""
    return load_yaml(decode(raw, path), path)


def parse_site_config(raw: bytes, path: Path) -> tuple[SiteConfig, tuple[ContentError, ...]]:
    """Read ``site.yml`` into settings, with an error for each bad one."""
    data = parse_data(raw, path)
    if data.value is not None and not isinstance(data.value, dict):
        return SiteConfig(), (ContentError(path, data.line, "must be 'key: value' lines"),)
    fields = Fields(data, path)
    config = SiteConfig(
        title=fields.text("title", required=True),
        description=fields.text("description"),
        url=site_url(fields),
        timezone=timezone(fields),
        language=fields.text("language", "en"),
        nav=nav_items(fields),
        footer=fields.text("footer"),
        contact=fields.text("contact"),
    )
    return config, tuple(fields.errors)


def site_url(fields: Fields) -> str:
    """Return the public address of the site, ending in ``/``."""
    url = fields.text("url", SiteConfig.url)
    if not url.startswith(("https://", "http://")):
        fields.error("url", "'url' must be the full address, like https://example.org/sciml/")
        return SiteConfig.url
    return url if url.endswith("/") else url + "/"


def timezone(fields: Fields) -> str:
    """Return a valid IANA time zone name."""
    name = fields.text("timezone", SiteConfig.timezone)
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        fields.error("timezone", f"unknown time zone {name!r} — write one like Europe/Berlin")
        return SiteConfig.timezone
    return name


def nav_items(fields: Fields) -> tuple[NavItem, ...]:
    """Return the navigation links of ``site.yml``."""
    value = fields.values.get("nav") or []
    items = [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
    if len(items) != len(value) or not all(
        isinstance(i.get("title"), str) and isinstance(i.get("url"), str) for i in items
    ):
        fields.error("nav", "'nav' must be a list of '- title: …' / '  url: /…/' entries")
        return ()
    return tuple(NavItem(item["title"], item["url"]) for item in items)


def parse_members(data: Data, path: Path) -> tuple[tuple[Member, ...], tuple[ContentError, ...]]:
    """Read ``data/members.yml``: a list of members, in the order shown on the site."""
    if data.value is None:
        return (), ()
    if not isinstance(data.value, list):
        message = "must be a list of members, each starting with '- name: …'"
        return (), (ContentError(path, data.line, message),)
    members: list[Member] = []
    errors: list[ContentError] = []
    for index, item in enumerate(data.value):
        lines = {key: line for (i, key), line in _pairs(data.lines) if i == index}
        fields = Fields(Data(item, data.line_of(index), lines), path)
        if not isinstance(item, dict):
            fields.error(
                "", f"member {index + 1} must be 'key: value' lines, starting with '- name: …'"
            )
        member = Member(
            name=fields.text("name", required=True),
            title=fields.text("title"),
            role=fields.text("role"),
            ems_member=fields.flag("ems_member"),
            position=fields.text("position"),
            affiliation=fields.text("affiliation"),
            city=fields.text("city"),
            country=fields.text("country"),
            email=email_address(fields),
            url=fields.text("url"),
        )
        errors += fields.errors
        members.append(member)
    return tuple(members), tuple(errors)


def _pairs(lines: Mapping[Any, int]) -> Iterator[tuple[tuple[int, str], int]]:
    return ((key, line) for key, line in lines.items() if isinstance(key, tuple))


def email_address(fields: Fields) -> str:
    """Return a plain e-mail address, telling the editor how to fix a link-style one."""
    address = fields.text("email")
    if not address:
        return ""
    bare = address.split(":", 1)[1].strip() if ":" in address else address
    if bare != address or not _looks_like_address(bare):
        fields.error(
            "email",
            f"'email' must be a plain address like {bare or 'name@example.org'!r} — "
            "without 'mailto:' or spaces",
        )
    return bare


def _looks_like_address(text: str) -> bool:
    local, _, host = text.partition("@")
    return bool(local) and "." in host and not any(c.isspace() or c in "<>,;" for c in text)


def parse_page(raw: bytes, path: Path) -> Page:
    """Read a Markdown page; a page that cannot be read keeps its URL and carries the error."""
    url = url_of(path)
    try:
        source = split_front_matter(decode(raw, path), path)
    except ContentError as error:
        return Page(path, url, title=path.stem, errors=(error,))
    fields = Fields(source.meta, path)
    url = permalink(fields) or url
    layout = fields.text("layout", "home" if url == "/" else "page")
    if layout not in LAYOUTS:
        fields.error("layout", f"unknown layout {layout!r} — use one of {', '.join(LAYOUTS)}")
        layout = "page"
    return Page(
        source=path,
        url=url,
        title=fields.text("title", required=url != "/"),
        layout=layout,
        body=source.body,
        body_line=source.body_line,
        description=fields.text("description"),
        sections=sections(fields, layout),
        errors=tuple(fields.errors),
    )


def url_of(path: Path) -> str:
    """Return the URL of a page from its path: content/a/b.md -> /a/b/, a/index.md -> /a/."""
    name = Path(name_of(path)).with_suffix("").as_posix()
    if name == "index":
        return "/"
    return "/" + name.removesuffix("/index") + "/"


def permalink(fields: Fields) -> str:
    """Return the page's ``permalink``, if it sets a valid one."""
    url = fields.text("permalink")
    if not url:
        return ""
    url = url if url.startswith("/") else "/" + url
    if not is_plain_path(url):
        fields.error(
            "permalink",
            f"permalink {url!r} must be a plain site path like /about/ (no '..', '//', '?' or '#')",
        )
        return ""
    if not url.endswith(("/", ".html")):
        fields.error(
            "permalink", f"permalink {url!r} must end with '/' or '.html' — write {url + '/'!r}"
        )
        return ""
    return url


def is_plain_path(url: str) -> bool:
    """Tell a site path like ``/a/b/`` from one with ``..``, ``//``, ``?``, ``#`` or spaces."""
    segments = url.split("/")[1:-1]
    odd = any(c in url for c in "?#\\") or any(c.isspace() for c in url)
    return url.startswith("/") and not odd and all(s not in ("", ".", "..") for s in segments)


def sections(fields: Fields, layout: str) -> tuple[str, ...]:
    """Return the data-driven sections the home layout shows under the body."""
    names = fields.texts("sections", ("news",) if layout == "home" else ())
    unknown = [name for name in names if name not in SECTIONS]
    if unknown:
        fields.error(
            "sections", f"unknown section {unknown[0]!r} — use any of {', '.join(SECTIONS)}"
        )
    return tuple(name for name in names if name in SECTIONS)


def build_site(
    root: Path,
    parsed: Mapping[str, Any],
    attachments: Mapping[str, Path],
    errors: list[ContentError],
) -> Site:
    """Put parsed files together into a ``Site`` and check that their URLs are distinct."""
    config = SiteConfig()
    if "site.yml" in parsed:
        config, config_errors = parsed["site.yml"]
        errors += config_errors
    data = {Path(n).stem: v.value for n, v in parsed.items() if kind_of(n) == "data"}
    members: tuple[Member, ...] = ()
    if "data/members.yml" in parsed:
        members, member_errors = parse_members(
            parsed["data/members.yml"], show(root, "data/members.yml")
        )
        errors += member_errors
    pages = [page for name, page in sorted(parsed.items()) if kind_of(name) == "page"]
    errors += [error for page in pages for error in page.errors]
    page_map, url_errors = map_urls(root, pages, attachments)
    return Site(root, config, page_map, attachments, members, data, tuple(errors + url_errors))


def map_urls(
    root: Path, pages: list[Page], attachments: Mapping[str, Path]
) -> tuple[dict[str, Page], list[ContentError]]:
    """Map each URL to its page; a URL claimed twice is an error on the second file."""
    owners: dict[str, Path] = {}
    for url, file in attachments.items():
        owners[url] = show(root, file.relative_to(root).as_posix())
    page_map: dict[str, Page] = {}
    errors: list[ContentError] = []
    for page in pages:
        if page.url in GENERATED_URLS or page.url.startswith(RESERVED_PREFIXES):
            errors.append(
                ContentError(
                    page.source,
                    1,
                    f"the URL {page.url} is made by the site "
                    "itself — choose another file name or permalink",
                )
            )
        elif page.url in owners:
            errors.append(
                ContentError(
                    page.source,
                    1,
                    f"has the same URL {page.url} as "
                    f"{owners[page.url]} — change its file name or permalink",
                )
            )
        else:
            owners[page.url] = page.source
            page_map[page.url] = page
    return page_map, errors


PARSERS: Mapping[str, Callable[[bytes, Path], Any]] = {
    "site": parse_site_config,
    "data": parse_data,
    "page": parse_page,
}
