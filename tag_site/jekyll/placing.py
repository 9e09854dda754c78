"""Where each Jekyll post and page goes: its new file, its new address, its old address.

Decided for all documents at once, before any is converted, so that a link to one of them
(``{% post_url %}``, an old address) can be pointed at its new file, and no new address takes
one that another document had, or that the site makes itself. A slug longer than
``MAX_SLUG`` is shortened (file systems hold names of 255 bytes); a document whose new file or
address would still be too long for them is left out, each with a note.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..content.fields import is_plain_path
from ..content.files import DATA_FOLDER, MARKDOWN_SUFFIXES, Kind, classify
from ..content.kinds import kind_of
from ..content.news import post_url
from ..content.pages import slugged, url_of
from ..content.settings import FEED_SUFFIXES
from ..content.store import MAX_NAME, refused_url, too_long
from ..content.urls import INTRO_URLS, is_made_here, made_urls, output_file
from ..markdown.markup import TAG_REST
from ..markdown.source_map import heading_words
from . import urls
from .people import Members
from .reading import DATED, Document, JekyllSite, Note, file_date, text_of
from .rewrite import assigned, listed

PAGE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".html", ".htm")
# A heading's text runs to the line's end, an <h1>'s to its </h1> but never past the next
# <h1: each search stops at the next one, so that a page of thousands takes one pass.
# Characters of a post's slug kept: its file name (date and -2 added) stays far below MAX_NAME.
MAX_SLUG = 100
_HEADING = re.compile(
    rf"^#{{1,6}}[ \t]+([^\n]+)|<h1\b{TAG_REST}((?:(?!<h1)[^\n])*?)</h1>", re.M | re.I
)


@dataclass(frozen=True)
class Place:
    """Where one document goes."""

    path: str  # its new file in content/: "news/2023-08-07-x.md", "join.md"
    url: str  # its address in the new site
    old: str  # its address on the old site ("" for a draft, or if unknown)
    title: str  # its title (made up from a heading or its name, if it had none)


@dataclass(frozen=True)
class Placement:
    """Where every document goes, and what could not be placed."""

    places: Mapping[str, Place]  # Jekyll path -> place
    notes: tuple[Note, ...]
    sections: tuple[str, ...]  # the sections of the new site (their addresses are taken)
    old_urls: Mapping[str, str]  # Jekyll path -> its address on the old site ("": unknown)


def place_all(
    site: JekyllSite, members: Members, tz: datetime.tzinfo, sections: tuple[str, ...]
) -> Placement:
    """Place every post and page of ``site`` in a site with ``sections``; ``members`` is the
    table of the members."""
    notes: list[Note] = []
    old_urls = {d.path: old_address(site, d, tz, notes) for d in site.documents}
    taken = {key_of(url) for url in old_urls.values() if url}
    taken |= {key_of(url) for url in made_urls(sections) if url not in INTRO_URLS}  # /search/-2
    places: dict[str, Place] = {}
    numbers: dict[str, int] = {}  # the number last added to each address (x-2, x-3…)
    owners: dict[str, tuple[str, str]] = {}  # key_of(old address) -> it, and its document
    # Pages that loop over a list the site makes go first: they become that list's intro.
    order = sorted(site.documents, key=lambda d: (not loops_over_a_list(d, members), d.path))
    for document in order:
        reason = leave_out_reason(document, sections)
        if reason:
            notes.append(Note(document.path, 0, f"left out: {reason}"))
            continue
        place = place_one(site, document, members, tz, notes, old_urls[document.path], sections)
        if place is None:
            continue
        own = key_of(place.old) if place.old else ""
        old, owner = owners.get(own, ("", ""))
        if owner and old == place.old:  # Jekyll published one of the two there
            message = (
                f"left out: it has the old address {place.old} of {owner}, which "
                "is imported — keep the one the old site showed, or give this one a permalink"
            )
            notes.append(Note(document.path, 0, message))
            continue
        if owner:  # a case twin: one file where the site is built or checked out
            message = (
                f"its old address {place.old} is not kept: on macOS and Windows it is one "
                f"file with the old address of {owner}"
            )
            notes.append(Note(document.path, 0, message))
            place, own = replace(place, old=""), ""
        place = unique(place, taken, numbers, own=own, sections=sections)
        if too_long(place.path) or too_long(output_file(place.url)):
            message = (
                f"left out: its new file or address would be longer than file systems allow "
                f"({MAX_NAME} bytes a part) — give it a shorter name or permalink"
            )
            notes.append(Note(document.path, document.lines.get("permalink", 0), message))
            continue
        taken.add(key_of(place.url))
        places[document.path] = place
        if place.old:
            owners[own] = (place.old, document.path)
    return Placement(places, tuple(notes), sections, old_urls)


def old_address(
    site: JekyllSite, document: Document, tz: datetime.tzinfo, notes: list[Note]
) -> str:
    """Return the address Jekyll published a document at ("" for a draft, or noted if unknown)."""
    style = site.config.get("permalink")
    style = str(style) if style else None
    try:
        if document.is_draft:
            return ""
        if document.is_post:
            return urls.post_url(document.relative_path, document.front, style=style, tz=tz)
        if document.collection:
            template = collection_template(site.config, document.collection)
            url = urls.collection_url(
                document.relative_path, document.front, template=template, style=style
            )
        else:
            url = urls.page_url(document.path, document.front, style=style)
    except ValueError as error:
        message = f"its old address cannot be worked out ({error}); it is not kept"
        notes.append(Note(document.path, document.lines.get("permalink", 0), message))
        return ""
    # "/events/index" (a collection's "/:path") or "/people/ada/index.html": Jekyll wrote
    # the folder's index.html, which the folder's address shows
    return re.sub(r"(?<=/)index(?:\.html)?$", "", url)


def collection_template(config: Mapping[str, Any], label: str) -> str | None:
    """Return the ``permalink:`` of a collection in ``_config.yml``, if it sets one."""
    collections = config.get("collections")
    settings = collections.get(label) if isinstance(collections, dict) else None
    value = settings.get("permalink") if isinstance(settings, dict) else None
    return str(value) if value else None


# Why an old feed's template is left out: the site's feed is served at its address too.
FEED_KEPT = (
    "a feed's template: the site makes its own feed, /feed.xml, served at this address too "
    "where site.yml's feed_also_at names it"
)
_FEED_ROOT = re.compile(r"<(?:feed|rss)\b")


def is_feed(document: Document) -> bool:
    """Tell an old site's own feed: a template of a feed's file (``atom.xml``: an Atom
    ``<feed>`` or an RSS ``<rss>``)."""
    return document.path.endswith(FEED_SUFFIXES) and bool(_FEED_ROOT.search(document.body))


def leave_out_reason(document: Document, sections: tuple[str, ...]) -> str:
    """Return why the site does not take a document ("" if it does): not Markdown or HTML,
    or never published (``404.html``, ``assets/main.scss``), or a file the site makes."""
    verdict = classify(document.path)
    suffix = PurePosixPath(document.path).suffix.lower()
    if PurePosixPath(document.path).name.startswith("_"):  # in a collection's folder too
        return "Jekyll did not publish it (its name starts with '_')"
    if verdict.kind is Kind.UNPUBLISHED and not (document.collection or document.is_post):
        return verdict.problem.split(" — ")[0]
    if is_generated("/" + document.path, sections):
        return "the site makes its own"
    if is_feed(document):
        return FEED_KEPT
    if suffix not in PAGE_SUFFIXES:
        kind = "post" if document.is_post else "page"
        return f"a {kind} that is not Markdown or HTML (Jekyll ran it as a template)"
    return ""


def place_one(
    site: JekyllSite,
    document: Document,
    members: Members,
    tz: datetime.tzinfo,
    notes: list[Note],
    old: str,
    sections: tuple[str, ...],
) -> Place | None:
    """Return where a post, page or collection document goes in a site with ``sections``
    (None for a post without a date)."""
    title = text_of(document.front.get("title")) or title_from(document)
    if document.is_post:
        title = text_of(document.front.get("title")) or titleized(document)
        try:
            day = post_moment(site, document, tz).date()
        except ValueError as error:
            notes.append(Note(document.path, document.lines.get("date", 0), f"left out: {error}"))
            return None
        slug = post_slug(document, notes)
        return Place(f"news/{day.isoformat()}-{slug}.md", post_url(day, slug), old, title)
    path = "index.md" if old == "/" else page_path(document, members)  # home.md, permalink /
    url = url_of(Path("content", path))
    permalink = document.front.get("permalink")
    kept = old and is_plain_path(old) and not refused_url(old, page=True, sections=sections)
    if (permalink or document.collection) and kept and old.endswith(("/", ".html")):
        url = old if url not in INTRO_URLS else url  # pages keep their permalinks
    return Place(path, url, old, title)


def post_slug(document: Document, notes: list[Note]) -> str:
    """Return the slug of a post's new file and address: its ``slug:``, else its file name's;
    one longer than ``MAX_SLUG`` shortened, with a note."""
    slug = slugged(str(document.front.get("slug") or DATED.sub("", Path(document.path).stem)))
    if len(slug) > MAX_SLUG:
        short = slug[:MAX_SLUG].rstrip("-")
        message = (
            f"its slug is {len(slug)} characters long, too long for a file name: it is "
            f"'{short}' now"
        )
        notes.append(Note(document.path, document.lines.get("slug", 0), message))
        slug = short
    return slug or "post"


def post_moment(site: JekyllSite, document: Document, tz: datetime.tzinfo) -> datetime.datetime:
    """Return when Jekyll dated a post (an undated draft: the day its file last changed)."""
    undated = not DATED.match(Path(document.path).name) and "date" not in document.front
    if document.is_draft and undated:
        day = file_date(site.root / document.path)
        return datetime.datetime.combine(day, datetime.time(), tz)
    return urls.post_date(document.path, document.front, tz=tz)


def page_path(document: Document, members: Members) -> str:
    """Return the new file of a page: Markdown at the same path; a page that loops over what
    the site lists becomes that list's introduction (``members.md``)."""
    path = PurePosixPath(document.relative_path.removeprefix("_"))  # _projects/x -> projects/x
    new = path.with_suffix(".md").as_posix()
    if new == "index.md":
        return new
    lists = lists_looped(document, members)
    if lists == {"members"}:
        return "members.md"
    if lists == {"news"}:
        return "news.md"
    if kind_of(new) or path.parts[0] == DATA_FOLDER:
        return "-".join(PurePosixPath(new).parts)  # news/x.md would be read as a post
    return new


def lists_looped(document: Document, members: Members) -> set[str]:
    """Return the lists the site makes ("members", "news") that a page's loops show."""
    aliases = assigned(document.blocks)
    return {listed(block, members, aliases) for block in document.blocks} - {""}


def loops_over_a_list(document: Document, members: Members) -> bool:
    """Tell a page that becomes the introduction of a list the site makes."""
    return not document.is_post and bool(lists_looped(document, members))


def unique(
    place: Place,
    taken: set[str],
    numbers: dict[str, int],
    own: str = "",
    *,
    sections: tuple[str, ...],
) -> Place:
    """Return ``place``, or with a number added (``x-2``) if its address is taken (by
    another than its ``own`` old address); ``numbers`` keeps the last number added to each
    address, so that many of one name are numbered in one pass. An address the site makes
    (``/search/``) is never a page's own."""
    own = "" if is_made_here(place.url, page=True, sections=sections) else own
    if key_of(place.url) not in taken or key_of(place.url) == own:
        return place
    stem, url_stem = place.path.removesuffix(".md"), place.url.rstrip("/")

    def numbered(number: int) -> str:  # a folder's index.md keeps its folder: x/index-2.md
        if PurePosixPath(stem).name == "index":
            return url_of(Path("content", f"{stem}-{number}.md"))
        return f"{url_stem}-{number}/"

    number = numbers.get(url_stem, 1) + 1
    while key_of(numbered(number)) in taken and key_of(numbered(number)) != own:
        number += 1
    numbers[url_stem] = number
    return Place(f"{stem}-{number}.md", numbered(number), place.old, place.title)


def key_of(url: str) -> str:
    """Return what two addresses must not share: their file, as macOS and Windows fold it."""
    return unicodedata.normalize("NFC", output_file(url)).casefold()


def is_generated(url: str, sections: tuple[str, ...]) -> bool:
    """Tell an address the site with ``sections`` makes itself (``/feed.xml``, ``/members/``,
    ``/static/…``)."""
    return is_made_here(url, sections=sections)


def titleized(document: Document) -> str:
    """Return the title Jekyll gives a post without one: its file name, made into words."""
    stem = DATED.sub("", PurePosixPath(document.path).stem)
    return " ".join(part.capitalize() for part in stem.split("-") if part) or "Post"


def title_from(document: Document) -> str:
    """Return a title for a file that has none: its first heading, else its name."""
    match = _HEADING.search(document.body)
    if match:
        text = match.group(2) if match.group(1) is None else heading_words(match.group(1))
        return re.sub(r"<[^<>]+>", "", text).strip()
    stem = DATED.sub("", PurePosixPath(document.path).stem)
    return " ".join(part.capitalize() for part in re.split(r"[-_\s]+", stem) if part) or "Page"
