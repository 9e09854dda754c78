"""One Jekyll post or page as a content file: the site's front matter, then the body.

The keys the site knows are carried over, made valid (an author mapping becomes its name,
``categories: news events`` a list, ``published: false`` a draft); the old address goes into
``redirect_from``, a post's jekyll-feed id into ``feed_id``; every other key of Jekyll's is
kept as a YAML comment, so nothing is lost and nothing trips ``flask check``. A key only the
``defaults:`` of ``_config.yml`` gave, and the site does not use, is not copied into each page
(it is in ``_config.yml``, and noted there).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..content.fields import MAX_TEXT, is_plain_path
from ..content.pages import LAYOUTS, jekyll_address, most_old_urls, not_a_page, url_of
from ..content.store import output_key, refused_url
from ..content.urls import SECTIONS
from ..markdown.markup import (
    PAGE,
    WORDS_UNSEEN,
    reader_text,
    scan,
    scheme_of,
    tags_of,
    unseen_words,
)
from . import urls
from .people import dump_yaml
from .placing import Place, post_moment
from .reading import Document, JekyllSite, Note, text_of
from .rewrite import Rewritten


@dataclass(frozen=True)
class Converted:
    """A document as a content file, and what converting it noted and kept."""

    text: str
    notes: tuple[Note, ...]
    redirects: int  # old addresses kept
    feed_id: bool  # a jekyll-feed id kept
    lean: bool = False  # what defaults: gave, and the keys the site does not use, left out


@dataclass(frozen=True)
class OldSite:
    """What converting needs of the old site as a whole."""

    site: JekyllSite
    tz: datetime.tzinfo
    url: str | None  # for feed ids: the old site's url and baseurl (None: a url not used)
    baseurl: str
    files: Collection[str]  # the files copied as they are (an image must be one of them)
    pages: Collection[str] = ()  # the new site's pages' addresses (no old address may be one)
    sections: tuple[str, ...] = SECTIONS  # the new site's sections (their addresses are taken)
    owned: Mapping[str, str] = field(default_factory=dict)  # output_key(old address) -> whose

    @functools.cached_property
    def page_files(self) -> frozenset[str]:
        """Return the files the new site's pages are written into (``output_key``)."""
        return frozenset(output_key(url) for url in self.pages)


def convert(
    old: OldSite,
    document: Document,
    place: Place,
    body: Rewritten,
    *,
    room: int | None = None,
    lean: bool = False,
    missing: str = "",
) -> Converted:
    """Return a post or page as the site reads it, its body already rewritten. ``lean``:
    without what ``defaults:`` gave it, nor the keys the site does not use; so too if its
    front matter would be more than ``room`` bytes longer than the document's own (judged
    before it is written out)."""
    if lean:
        own = {k: v for k, v in document.front.items() if k not in document.defaulted}
        document = dataclasses.replace(document, front=own, defaulted=frozenset())
    front = dict(document.front)
    notes: list[Note] = []
    ours: dict[str, Any] = {}
    written = front.get("title")
    if written not in (None, "") and not text_of(written):  # a list, a mapping, true: no words
        notes.append(Note(document.path, document.lines.get("title", 1),
                          f"its title {json.dumps(written, default=str)} is no text: it is "
                          f"'{place.title}' now"))  # fmt: skip
    if document.is_post:
        post_keys(old, document, place, front, ours, notes)
    else:
        page_keys(document, place, front, ours, notes, body)
    common_keys(old, document, front, ours, notes)
    if missing:  # what did not come in, said by flask check till an editor writes it
        ours["missing"] = missing
    if body.dead:  # links that lead nowhere: a warning of flask check's, not an error
        ours["dead_links"] = sorted(body.dead)
    redirects = 0
    if place.old and not ours.get("draft"):
        address, problem = old_address(place.old, place.url, old.sections)
        if problem:
            notes.append(Note(document.path, 0, problem))
        elif address and address not in ours.setdefault("redirect_from", []):
            ours["redirect_from"].insert(0, address)  # the first kept, if not all can be
            redirects = 1
    kept_old_urls(document, place.url, ours, notes)
    url = old.url  # None: a url the import did not use makes no ids
    feed_id = document.is_post and bool(place.old) and not document.is_draft and url is not None
    if feed_id and url is not None:
        post_id = urls.post_id(place.old, document.relative_path, document.front)
        ours["feed_id"] = urls.absolute_url(post_id, url=url, baseurl=old.baseurl)
    long_texts(document, ours, front, notes)
    target = front.get("redirect_to")  # jekyll-redirect-from takes a list's first too
    target = text_of(target[0] if isinstance(target, list) and target else target)
    if target:
        message = (
            f"its redirect_to {target} is not followed here (the site sends no reader to "
            "another address): the page shows its own text — link to it from the page"
        )
        notes.append(Note(document.path, document.lines.get("redirect_to", 0), message))
    kept = {} if lean else {k: v for k, v in front.items() if k not in document.defaulted}
    if room is not None and kept_size(ours, kept) - document.front_size > room and not lean:
        return convert(old, document, place, body, lean=True, missing=missing)
    line = old.site.config_lines.get("defaults", 0)
    notes += [
        Note("_config.yml", line, f"left out '{key}' of defaults: the site does not use it")
        for key in front.keys() & document.defaulted
    ]
    text = front_matter(ours, kept) + html_kept_raw(document, body.body.lstrip("\n"))
    return Converted(text, tuple([*body.notes, *notes]), redirects, feed_id, lean)


def long_texts(
    document: Document, ours: dict[str, Any], front: dict[str, Any], notes: list[Note]
) -> None:
    """Shorten a title longer than the check allows a text (``MAX_TEXT``); move any other
    such text of ``ours`` (or item of a list) back among Jekyll's keys; note each."""
    for key, value in list(ours.items()):
        items = value if isinstance(value, list) else [value]
        long = [item for item in items if isinstance(item, str) and len(item) > MAX_TEXT]
        if not long:
            continue
        line = document.lines.get(key, 0)
        what = f"its {key} is {len(long[0]):,} characters long, more than {MAX_TEXT:,}"
        if key == "title":
            ours[key] = value[:MAX_TEXT].rstrip()
            notes.append(Note(document.path, line, f"{what}: it is shortened"))
            continue
        short = [item for item in items if item not in long]
        if isinstance(value, list) and short:
            ours[key] = short
        else:
            del ours[key]
        notes.append(Note(document.path, line, f"{what}: it is left out — shorten it"))
        if key not in document.defaulted:
            front.setdefault(key, long if isinstance(value, list) else value)


def kept_size(*values: Mapping[str, Any]) -> int:
    """Return about how many bytes the front matter holding ``values`` takes, before YAML
    writes it (which takes much longer than this)."""
    return sum(len(key) + len(repr(value)) for mapping in values for key, value in mapping.items())


def post_keys(
    old: OldSite,
    document: Document,
    place: Place,
    front: dict[str, Any],
    ours: dict[str, Any],
    notes: list[Note],
) -> None:
    """Move a post's own keys: title, its date with its time, the excerpt as the summary."""
    front.pop("title", None)
    ours["title"] = place.title
    declared = front.pop("date", None)
    if declared is not None and has_time(declared):
        ours["date"] = post_moment(old.site, document, old.tz).strftime("%Y-%m-%d %H:%M:%S %z")
    if not text_of(front.get("summary")):  # else the excerpt stays among Jekyll's keys
        excerpt, problem = excerpt_words(text_of(front.pop("excerpt", None)))
        ours |= {"summary": excerpt} if excerpt else {}
        if problem:
            message = (
                f"its excerpt is left out ({problem}): the summary is the post's first "
                "paragraph now — write a summary: if it should differ"
            )
            notes.append(Note(document.path, document.lines.get("excerpt", 0), message))
    for key in ("layout", "permalink", "slug"):
        front.pop(key, None)  # a post's layout and address are the site's now
    if document.is_draft:
        ours["draft"] = True


def excerpt_words(excerpt: str) -> tuple[str, str]:
    """Return the words of a post's excerpt (HTML to Jekyll's layouts, text to a summary
    here: its words, not "<em>" or "&amp;"), or, if they are not what the old site showed
    (a script's or a style's text, hidden words, tags that taking the others out would join),
    no words and why."""
    if "<" not in excerpt and "&" not in excerpt:
        return excerpt, ""
    problems = [finding.message for finding in scan(excerpt, PAGE)]
    problems += [f"<{name}> {WORDS_UNSEEN[name]}" for name, _, _ in unseen_words(excerpt)]
    words = " ".join(reader_text(excerpt).split())
    if joined := tags_of(words):
        problems.append(
            f"taking its tags out would write {words[joined[0].start : joined[0].end]!r}"
        )
    return ("", problems[0]) if problems else (words, "")


def page_keys(
    document: Document,
    place: Place,
    front: dict[str, Any],
    ours: dict[str, Any],
    notes: list[Note],
    body: Rewritten,
) -> None:
    """Move a page's own keys: title, layout (and the home page's sections), permalink."""
    home = place.path == "index.md"
    if front.pop("title", None) in (None, "") and not home:  # one of no words is noted above
        notes.append(Note(document.path, 1, f"had no title: it is '{place.title}' now"))
    if place.title and not (home and "title" not in document.front):
        ours["title"] = place.title
    layout = text_of(front.pop("layout", None)) or ("home" if home else "page")
    if layout not in LAYOUTS:
        line = document.lines.get("layout", 1)
        notes.append(Note(document.path, line, f"its layout '{layout}' is now the site's 'page'"))
        layout = "home" if home else "page"
    if layout != ("home" if home else "page"):
        ours["layout"] = layout
    if home and layout == "home" and "members" in body.lists:
        ours["sections"] = ["members", "news"]
    written = front.pop("permalink", None) is not None  # or a collection's permalink: gave it
    if (written or document.collection) and place.url == place.old != url_of(
        Path("content", place.path)
    ):
        ours["permalink"] = place.url


def common_keys(
    old: OldSite, document: Document, front: dict[str, Any], ours: dict[str, Any],
    notes: list[Note],
) -> None:  # fmt: skip
    """Move the keys every page shares from Jekyll's front matter to ours, made valid."""
    for key in ("description", "summary"):
        value = text_of(front.pop(key, None))
        if value:
            ours[key] = value
    author = front.pop("author", None)
    author = author.get("name") if isinstance(author, dict) else author
    if text_of(author):
        ours["author"] = text_of(author)
    for key, single in (("tags", "tag"), ("categories", "category")):
        found = words(front.pop(key, None)) + words(front.pop(single, None))
        if found:
            ours[key] = list(dict.fromkeys(found))
    image = front.pop("image", None)
    image = image.get("path") if isinstance(image, dict) else image
    if isinstance(image, str) and (image.lstrip("/") in old.files or image.startswith("https://")):
        ours["image"] = image
    elif image:
        notes.append(Note(document.path, document.lines.get("image", 0),
                          f"its image {image!r} is left out: no such file"))  # fmt: skip
    redirects = front.pop("redirect_from", None)
    redirects = [redirects] if isinstance(redirects, str) else redirects
    for redirect in redirects if isinstance(redirects, list) else ():
        scheme = scheme_of(str(redirect))
        why = f"it is an address ({scheme}:), not a path of the old site" if scheme else ""
        why = why if isinstance(redirect, str) else "it is no path (a number, or nothing)"
        address = jekyll_address(str(redirect))
        owner = old.owned.get(output_key(address), document.path)
        if output_key(address) in old.page_files:
            why = why or f"{address} is a page's address on the new site"
        elif owner != document.path:
            why = why or f"it is the old address of {owner}, which keeps it"
        if not (why := why or unkept(str(redirect), old.sections)):
            ours.setdefault("redirect_from", []).append(jekyll_address(str(redirect)))
            continue
        line = document.lines.get("redirect_from", 0)
        message = f"its redirect_from {redirect!r} is left out: {why}"
        notes.append(Note(document.path, line, message))
    if front.pop("published", None) is False or front.pop("draft", None) is True:
        ours["draft"] = True


def kept_old_urls(document: Document, url: str, ours: dict[str, Any], notes: list[Note]) -> None:
    """Keep the first old addresses, as many as the page at ``url`` may (``most_old_urls``);
    name the rest as left out."""
    redirects = ours.pop("redirect_from", None) or []
    most = most_old_urls(url)
    if redirects[:most]:
        ours["redirect_from"] = redirects[:most]
    for redirect in redirects[most:]:
        line = document.lines.get("redirect_from", 0)
        message = f"its redirect_from {redirect!r} is left out: a page keeps at most {most}"
        notes.append(Note(document.path, line, message))


def old_address(old: str, new: str, sections: tuple[str, ...]) -> tuple[str, str]:
    """Return the old address to keep as a redirect ("" if none is needed) or why it can't be,
    in a site with ``sections``."""
    path = unquote(old)
    if old == new or jekyll_address(path) in (new, jekyll_address(new)):
        return "", ""
    if why := unkept(path, sections):
        return "", f"its old address {old[:60]}{'…' * (len(old) > 60)} is not kept: {why}"
    return jekyll_address(path), ""


def unkept(path: str, sections: tuple[str, ...]) -> str:
    """Say why the old address ``path`` cannot be kept as a redirect page ("" if it can) in
    a site with ``sections``: what the check refuses of a redirect."""
    address = jekyll_address(path)
    if not_a_page(path):
        return "it is a file's address, which a redirect page cannot keep"
    if not is_plain_path(address, spaces=True):
        return "it has odd characters"
    return refused_url(address, page=False, sections=sections) or ""


def has_time(value: object) -> bool:
    """Tell a date with a time of day (``2023-08-07 12:00``) from a plain date."""
    return isinstance(value, datetime.datetime) or (isinstance(value, str) and ":" in value)


def words(value: object) -> list[str]:
    """Return a list of words as Jekyll reads ``tags:`` and ``categories:``."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int)) and not isinstance(v, bool)]
    return []


def html_kept_raw(document: Document, body: str) -> str:
    """Return the body of an HTML page inside one HTML block, so that Markdown leaves it as
    Jekyll did: indented lines stay HTML, ``*stars*`` stay stars."""
    return wrapped(body) if document.is_html else body


def wrapped(body: str) -> str:
    """Return HTML inside one HTML block, which Markdown leaves as it is."""
    return f'<div class="imported-html">\n{body.rstrip()}\n</div>\n'


def front_matter(ours: Mapping[str, Any], kept: Mapping[str, Any]) -> str:
    """Return the front matter block: our keys, then Jekyll's others as comments."""
    text = dump_yaml(dict(ours)) if ours else ""
    if kept:
        comment = dump_yaml(dict(kept))
        text += "# From Jekyll, not used here:\n" + "".join(
            f"#   {line}\n" for line in comment.splitlines()
        )
    return f"---\n{text}---\n\n"
