"""Markdown pages: front matter and body, layout, and the URL from the path or the permalink."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import mimetypes
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from anyascii import anyascii

from ..errors import ContentError, Problem
from .dates import YEARS, DateError, When, parse_when
from .fields import Fields, is_plain_path
from .front_matter import Source, decode, split_front_matter

LAYOUTS = ("home", "page", "post", "default")
MAX_OLD_URLS = 20  # old addresses a page may keep: each is a page of its own in the build,
REDIRECTED_CHARACTERS = 4_000  # that writes the page's address again: so at most this in all
# Front matter every page may have (with what Jekyll sites commonly carry, used or not).
PAGE_KEYS = frozenset(
    {
        "title", "description", "layout", "permalink", "draft", "published", "redirect_from",
        "date", "last_modified_at", "sections", "categories", "category", "tags", "excerpt",
        "author", "image", "sitemap", "missing", "dead_links",
    }
)  # fmt: skip
_P = TypeVar("_P", bound="Page")


@dataclasses.dataclass(frozen=True, repr=False)  # kinds of page: repr=False too (see __repr__)
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
    errors: tuple[Problem, ...] = ()
    draft: bool = False
    redirect_from: tuple[str, ...] = ()
    dead_links: tuple[str, ...] = ()  # links the import found leading nowhere: warnings
    tags: tuple[str, ...] = ()
    image: str = ""  # the picture a link to the page shows when shared (else the site's)
    date: When | None = None  # when the content last changed, if the page says (sitemap)
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict)  # front matter key -> line
    links: tuple[tuple[str, str], ...] = ()  # (front matter key, address) of each link field

    def __repr__(self) -> str:
        return self._text

    @functools.cached_property
    def _text(self) -> str:
        """The dataclass's own ``repr``, made once: a value never changes, and a freeze's key
        of a page holds the reprs of the page and of its neighbours (``publish/incremental.py``)."""
        fields = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self))
        return f"{type(self).__qualname__}({fields})"

    def line_of(self, key: str) -> int:
        """Return the line of a front matter key (1, the top of the file, if it has none)."""
        return self.lines.get(key, 1)

    def folder(self) -> str:
        """Return the page's folder inside content/ ("" at the top), for its relative links."""
        folder = PurePosixPath(name_of(self.source)).parent.as_posix()
        return "" if folder == "." else folder


def parse_page(raw: bytes, path: Path, known_sections: Sequence[str]) -> Page:
    """Read a Markdown page, whose home layout may show any of ``known_sections``; a page
    that cannot be read keeps its URL and carries the error."""
    url = url_of(path)
    try:
        source = read_source(raw, path)
    except ContentError as error:
        return Page(path, url, title=path.stem, errors=(error.problem,))
    fields = Fields(source.meta, path)
    url = permalink(fields) or url
    layout = fields.text("layout", "home" if url == "/" else "page")
    if layout not in LAYOUTS:
        fields.error("layout", f"unknown layout {layout!r} — use one of {', '.join(LAYOUTS)}")
        layout = "page"
    common = common_fields(fields, source, url, layout, title_required=url != "/")
    changed = when(fields, "last_modified_at") or when(fields, "date")
    page = Page(**common, sections=sections(fields, layout, known_sections), date=changed)
    fields.warn_unknown(PAGE_KEYS)
    return finish(page, fields)


def read_source(raw: bytes, path: Path) -> Source:
    """Decode a Markdown file and split off its front matter."""
    return split_front_matter(decode(raw, path), path)


def common_fields(
    fields: Fields, source: Source, url: str, layout: str, *, title_required: bool = True
) -> dict[str, Any]:
    """Return the values every kind of page has, for its constructor."""
    fields.words("categories")  # Jekyll's list: checked, not shown
    if missing := fields.text("missing"):  # what an import could not bring in
        message = (
            f"the old site showed more on this page: {missing} — write it here (or import "
            "again with --built _site), then remove 'missing'"
        )
        fields.error("missing", message, warning=True)
    return {
        "tags": fields.words("tags"),
        "source": fields.path,
        "url": url,
        "title": fields.shown("title", required=title_required),
        "layout": layout,
        "body": source.body,
        "body_line": source.body_line,
        "description": fields.shown("description"),
        "image": fields.web_address("image"),
        "draft": fields.flag("draft") or not fields.flag("published", True),
        "redirect_from": old_urls(fields, url),
        "dead_links": fields.texts("dead_links"),
        "lines": source.meta.lines,
    }


def finish(page: _P, fields: Fields) -> _P:
    """Return ``page`` with the problems ``fields`` found and the links it read."""
    errors = page.errors + tuple(fields.errors)
    return dataclasses.replace(page, errors=errors, links=tuple(fields.links))


def when(fields: Fields, key: str, tz: datetime.tzinfo | None = None) -> When | None:
    """Return the date or date-time at ``key``, if any."""
    value = fields.values.get(key)
    if value is None or value == "":
        return None
    try:
        return parse_when(value, tz)
    except DateError as error:
        fields.error(key, f"'{key}': {error}")
        return None


def old_urls(fields: Fields, url: str) -> tuple[str, ...]:
    """Return the old addresses of ``redirect_from`` (one text or a list) of the page at
    ``url``."""
    value = fields.values.get("redirect_from")
    urls = fields.texts("redirect_from") if not isinstance(value, str) else (value,)
    if len(urls) > (most := most_old_urls(url)):
        longer = f" with an address of {len(url):,} characters" if most < MAX_OLD_URLS else ""
        message = (
            f"'redirect_from' lists {len(urls)} old addresses, more than a page may keep "
            f"({most}{longer}: each is a page that writes its address again) — keep those that "
            "links out there still use"
        )
        fields.error("redirect_from", message)
        return ()
    for url in urls:
        if not is_plain_path(url if url.startswith("/") else "/" + url, spaces=True):
            message = f"redirect_from {url!r} must be a site path like /old/page/ or /2023/x.html"
            fields.error("redirect_from", message)
            return ()
        if not_a_page(url):
            message = (
                f"redirect_from {url!r} is the address of a file, not of a page: a redirect is "
                "a page, which a browser asking for that file never gets — remove it, or keep "
                "the old file in content/files/"
            )
            fields.error("redirect_from", message)
            return ()
    return tuple(jekyll_address(url) for url in urls)


def most_old_urls(url: str) -> int:
    """Return how many old addresses the page at ``url`` may keep: fewer when its address is
    long, so that what its redirect pages hold stays small beside a page."""
    return min(MAX_OLD_URLS, REDIRECTED_CHARACTERS // len(url))


def not_a_page(url: str) -> bool:
    """Tell an address whose name says it is a file of another kind (``/robots.txt``,
    ``/paper.pdf``): a redirect page there would never be asked for."""
    return not url.endswith("/") and mimetypes.guess_type(url)[0] not in (None, "text/html")


def jekyll_address(url: str) -> str:
    """Return the file GitHub Pages serves for an old address: ``/old`` is ``/old.html``."""
    url = url if url.startswith("/") else "/" + url
    return url if url.endswith(("/", ".html", ".htm")) else url + ".html"


def slug(fields: Fields, default: str) -> str:
    """Return the ``slug`` that front matter sets for a post or event, or ``default``."""
    value = fields.text("slug", default)
    if not _SLUG.match(value):
        fields.error("slug", f"slug {value!r} must be lower-case letters, digits and '-' only")
        return default
    return value


_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DATED_NAME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})-([a-z0-9][a-z0-9_-]*)\.(?:md|markdown|mkdn?)$", re.ASCII
)


def dated_name(path: Path) -> tuple[datetime.date, str]:
    """Split ``2026-01-21-kickoff.md`` into its date and slug; ``ContentError`` if it is not so."""
    match = _DATED_NAME.match(path.name)
    try:
        day = datetime.date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        day = None
    if match and day and day.year not in YEARS:
        message = (
            f"the year {day.year} in the file name is not one this site can use "
            f"({YEARS[0]}–{YEARS[-1]}) — rename the file with the real date"
        )
        raise ContentError(path, 0, message)
    if match and day:
        return day, match.group(2)
    message = (
        f"the file name must be YYYY-MM-DD-title.md with a real date and lower-case letters, "
        f"digits and '-' (e.g. 2026-01-21-{slugged(path.stem) or 'title'}.md) — rename it"
    )
    raise ContentError(path, 0, message)


def read_dated(raw: bytes, path: Path) -> tuple[datetime.date, str, Source]:
    """Return the date and slug of a news or event file's name, and its front matter and body."""
    day, name = dated_name(path)
    return day, name, read_source(raw, path)


def fallback_url(path: Path, section: str) -> str:
    """Return where a news or event file that cannot be read shows its error."""
    try:
        day, name = dated_name(path)
    except ContentError:
        return f"/{section}/{path.stem}/"
    return f"/{section}/{day.year}/{name}/"


def slugged(text: str) -> str:
    """Return ``text`` as a part of an address and of a file's name: lower-case ASCII letters,
    digits and '-', each letter spelled as a reader of the language spells it in ASCII
    ("Journées à Łódź" is "journees-a-lodz"; "Ελληνικά" is "ellinika"); "" if none is left.
    The one way the site names a file or an address from words (``flask new``, a proposal,
    the import)."""
    text = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}-?", "", anyascii(text).lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def name_of(source: Path) -> str:
    """Return the path inside content/ of a file shown as ``content/<name>``."""
    parts = source.as_posix().split("/", 1)
    return parts[1] if len(parts) > 1 else "."


def url_of(path: Path) -> str:
    """Return the URL of a page from its path: content/a/b.md -> /a/b/, a/index.md -> /a/;
    in Unicode's composed form (NFC), as its file is written (``café`` saved by a Mac is
    decomposed: a server would not find the file by that address)."""
    name = unicodedata.normalize("NFC", PurePosixPath(name_of(path)).with_suffix("").as_posix())
    if name == "index":
        return "/"
    return "/" + name.removesuffix("/index") + "/"


def permalink(fields: Fields) -> str:
    """Return the page's ``permalink``, if it sets a valid one."""
    url = unicodedata.normalize("NFC", fields.text("permalink"))
    if not url:
        return ""
    url = url if url.startswith("/") else "/" + url
    if not is_plain_path(url):
        message = (
            f"permalink {url!r} must be a plain site path like /about/"
            " (no '..', '//', '?', '#', '%' or spaces)"
        )
        fields.error("permalink", message)
        return ""
    if not url.endswith(("/", ".html")):
        message = f"permalink {url!r} must end with '/' or '.html' — write {url + '/'!r}"
        fields.error("permalink", message)
        return ""
    return url


def sections(fields: Fields, layout: str, known: Sequence[str]) -> tuple[str, ...]:
    """Return the data-driven sections the home layout shows under the body."""
    return fields.choices("sections", known, ("news",) if layout == "home" else ())
