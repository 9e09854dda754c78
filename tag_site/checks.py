"""Whole-site validation: every problem in content/, each at its file, line and column.

What loading already found (YAML, dates, fields, URLs) comes first; then what only a look at
the whole site can tell: links and images that point nowhere, unsafe or mistyped link
targets, raw HTML the site's Content-Security-Policy blocks, Liquid left from Jekyll, and
files that are too big or differ only in case. Nothing here prints, exits or fetches.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .content import GENERATED_FILES, Site, name_of
from .errors import ContentError
from .members import MEMBERS_FILE
from .news import page_count
from .pages import Page
from .render import markdown_to_html, resolve_link

MAX_BYTES = 5 * 1024 * 1024
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
UNSAFE_SCHEMES = frozenset({"javascript", "data", "vbscript"})
BLOCKED_TAGS = {
    "script": "scripts in pages are blocked by the site's Content-Security-Policy",
    "iframe": "embedded frames are blocked by the site's Content-Security-Policy — link instead",
    "style": "<style> is blocked by the site's Content-Security-Policy — use the site's classes",
    "object": "plugins are blocked by the site's Content-Security-Policy — link instead",
    "embed": "plugins are blocked by the site's Content-Security-Policy — link instead",
}
OBSOLETE_TAGS = frozenset({"center", "font", "big", "strike", "tt", "marquee", "blink", "basefont"})
# Ids the layouts put on every page, and on the home page's sections.
LAYOUT_IDS = frozenset({"content"})
HOME_IDS = frozenset({"group-members", "events", "news"})

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)"
)
_REFERENCE = re.compile(r"^ {0,3}\[([^\]^\n][^\]\n]*)\]:[ \t]*(\S+)", re.M)  # not footnotes: [^1]:
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)/?>")
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_TITLE = re.compile(r"""^(\S+)\s+("[^"]*"|'[^']*'|\([^)]*\))$""")
_HEADING_ID = re.compile(r"""<h[1-6][^>]*\sid="([^"]+)\"""")


@dataclass(frozen=True)
class Link:
    """A link or image written in a page: where it is, what it points to, how it was written."""

    target: str
    offset: int
    image: bool = False
    alt: str | None = None  # the alt text of an image (None: an HTML image without alt)
    in_html: bool = False  # written as an HTML tag, not in Markdown


def check_site(site: Site, static_urls: Iterable[str] = ()) -> list[ContentError]:
    """Return every problem of the site, errors and warnings, in file and line order."""
    known = known_urls(site, static_urls)
    problems = [*site.errors, *check_files(site)]
    for page in site.pages.values():
        problems += check_page(site, page, known)
    problems += check_site_links(site, known)
    return sorted(dict.fromkeys(problems), key=lambda p: (str(p.path), p.line, p.column, p.message))


def known_urls(site: Site, static_urls: Iterable[str] = ()) -> frozenset[str]:
    """Return every site path a link may point to."""
    news_pages = {f"/news/page/{n}/" for n in range(2, page_count(site.posts) + 1)}
    generated = {file.removesuffix("index.html") for file in GENERATED_FILES} | {"/"}
    return frozenset(
        {*site.pages, *site.attachments, *site.redirects, *site.calendars, *news_pages}
        | generated
        | set(static_urls)
    )


def check_files(site: Site) -> list[ContentError]:
    """Return files over 5 MB and files whose names differ from another's only by case."""
    problems = []
    seen: dict[str, Path] = {}
    for path in sorted(p for p in site.root.rglob("*") if p.is_file() and not p.is_symlink()):
        shown = site.path(path.relative_to(site.root).as_posix())
        if any(part.startswith((".", "_")) for part in shown.parts[1:]):
            continue
        size = path.stat().st_size
        if size > MAX_BYTES:
            megabytes = f"{size / 1e6:.1f} MB"
            message = f"is {megabytes}: over 5 MB makes the site slow — shrink it or link elsewhere"
            problems.append(ContentError(shown, 0, message))
        folded = unicodedata.normalize("NFC", str(shown)).casefold()
        if folded in seen:
            message = f"differs from {seen[folded]} only in upper/lower case — rename one of them"
            problems.append(ContentError(shown, 0, message))
        seen.setdefault(folded, shown)
    return problems


def check_page(site: Site, page: Page, known: frozenset[str]) -> list[ContentError]:
    """Return the problems in a page's body: links, images, raw HTML and Liquid."""
    text = masked(page.body)
    problems = []
    for offset, message, warning in body_problems(site, page, text, known):
        line, column = position(page, offset)
        problems.append(ContentError(page.source, line, message, column=column, warning=warning))
    return problems


def body_problems(
    site: Site, page: Page, text: str, known: frozenset[str]
) -> Iterator[tuple[int, str, bool]]:
    """Yield (offset in the body, message, is it a warning) for each problem of a body."""
    for link in links(text):
        if "{{" in link.target or "{%" in link.target:
            continue  # the Liquid in it is reported on its own
        for message, warning in link_problems(site, page, link, known):
            yield link.offset, message, warning
    for tag in _TAG.finditer(text):
        for message, warning in tag_problems(tag.group(1).lower(), tag.group(2)):
            yield tag.start(), message, warning
    for liquid in _LIQUID.finditer(text):
        yield liquid.start(), liquid_message(liquid.group(0)), False


def position(page: Page, offset: int) -> tuple[int, int]:
    """Return the file line and the column (both from 1) of an offset in the page's body."""
    start = page.body.rfind("\n", 0, offset) + 1
    return page.body_line + page.body.count("\n", 0, offset), offset - start + 1


def masked(text: str) -> str:
    """Return ``text`` with code blocks, code spans and comments blanked, lines kept in place."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    for pattern in (_FENCE, _COMMENT, _CODE_SPAN):
        text = pattern.sub(blank, text)
    return text


def links(text: str) -> Iterator[Link]:
    """Yield the links and images of a (masked) Markdown body, Markdown and HTML alike."""
    for match in _INLINE_LINK.finditer(text):
        target = match.group(3).strip()
        title = _TITLE.match(target)
        target = (title.group(1) if title else target).removeprefix("<").removesuffix(">")
        image = match.group(1) == "!"
        yield Link(target, match.start(), image, match.group(2) if image else None)
    for match in _REFERENCE.finditer(text):
        yield Link(match.group(2).removeprefix("<").removesuffix(">"), match.start(2))
    for match in _AUTOLINK.finditer(text):
        target = match.group(1)
        yield Link(target if ":" in target else f"mailto:{target}", match.start())
    for tag in _TAG.finditer(text):
        name, attributes = tag.group(1).lower(), dict(attributes_of(tag.group(2)))
        for key in ("href", "src"):
            if key in attributes:
                image, alt = name == "img", attributes.get("alt")
                yield Link(attributes[key] or "", tag.start(), image, alt, in_html=True)


def attributes_of(text: str) -> Iterator[tuple[str, str | None]]:
    """Yield the (lower-case name, value) pairs of a tag's attributes; None for a bare name."""
    for match in _ATTRIBUTE.finditer(text):
        values = [v for v in match.groups()[1:] if v is not None]
        yield match.group(1).lower(), html.unescape(values[0]) if values else None


def link_problems(
    site: Site, page: Page, link: Link, known: frozenset[str]
) -> Iterator[tuple[str, bool]]:
    """Yield (message, is it a warning) for what is wrong with one link or image."""
    what = "image" if link.image else "link target"
    if link.image and (link.alt is None if link.in_html else not (link.alt or "").strip()):
        example = 'alt="What it shows"' if link.in_html else f"![What it shows]({link.target})"
        yield f"image '{link.target}' has no alt text — describe it: {example}", False
    target = link.target.strip()
    if not target:
        yield f"empty {what} — write where it should go", False
        return
    decoded = html.unescape(target)
    compact = re.sub(r"[\s\x00-\x1f]", "", decoded).lower()
    scheme_match = _SCHEME.match(compact)
    scheme = scheme_match.group(1) if scheme_match else ""
    address = _EMAIL.search(decoded)
    if scheme in UNSAFE_SCHEMES:
        yield (
            f"{what} '{target}' uses {scheme}:, which can run code — link to a page or file",
            False,
        )
    elif address and scheme not in ("mailto", "http", "https") and "/" not in decoded.split("@")[0]:
        yield (
            f"{what} '{target}' looks like an e-mail address — write mailto:{address.group(0)}",
            False,
        )
    elif scheme and scheme not in SAFE_SCHEMES:
        yield (
            f"{what} '{target}' has an unknown scheme '{scheme}:' — "
            "use https://, mailto: or a site path",
            False,
        )
    elif scheme == "http":
        yield f"{what} '{target}' is not encrypted — use https:// if that site offers it", True
    elif scheme == "mailto" and not _EMAIL.fullmatch(decoded[7:].split("?")[0].strip()):
        yield f"{what} '{target}' is not an e-mail address — write mailto:name@example.org", False
    elif not scheme and not target.startswith("//"):
        yield from internal_problems(site, page, target, what, known)


def internal_problems(
    site: Site, page: Page, target: str, what: str, known: frozenset[str]
) -> Iterator[tuple[str, bool]]:
    """Yield what is wrong with a link to a page or file of the site (no scheme)."""
    resolved = resolve_link(target, folder=page.folder(), prefix="", sources=site.urls_by_source)
    path, _, fragment = resolved.partition("#")
    path = unquote(html.unescape(re.sub(r"\?.*", "", path))) if path else page.url
    if path not in known:
        hint = f" (did you mean {path}/?)" if path + "/" in known else ""
        yield (
            f"{what} '{target}' points to {path}, which is not a page or file of the site"
            f"{hint} — fix the link or add it",
            False,
        )
        return
    target_page = site.pages.get(path)
    if fragment and target_page and fragment not in heading_ids(target_page):
        yield (
            f"{what} '{target}': {path} has no heading or anchor '{fragment}' — "
            "check the heading's id",
            False,
        )


def heading_ids(page: Page) -> frozenset[str]:
    """Return the ids a page has: its headings', its own anchors, and those of its layout."""
    ids = _ids_in(markdown_to_html(page.body))
    return ids | LAYOUT_IDS | (HOME_IDS if page.layout == "home" else frozenset())


@functools.lru_cache(maxsize=1024)
def _ids_in(body_html: str) -> frozenset[str]:
    found = {value for name, value in _all_attributes(body_html) if name in ("id", "name")}
    return frozenset(found)


def _all_attributes(text: str) -> Iterator[tuple[str, str]]:
    for tag in _TAG.finditer(text):
        for name, value in attributes_of(tag.group(2)):
            if value is not None:
                yield name, value


def tag_problems(name: str, attributes: str) -> Iterator[tuple[str, bool]]:
    """Yield (message, is it a warning) for raw HTML the site cannot or should not publish."""
    if name in BLOCKED_TAGS:
        yield f"<{name}> is not allowed: {BLOCKED_TAGS[name]}", False
    elif name in OBSOLETE_TAGS:
        yield f"<{name}> is obsolete HTML — remove it (the site's CSS does its job)", True
    for attribute, _ in attributes_of(attributes):
        if attribute.startswith("on"):
            yield (
                f"the {attribute}= handler runs code, which the site's "
                "Content-Security-Policy blocks — remove it",
                False,
            )
        elif attribute == "style":
            yield (
                "style= is blocked by the site's Content-Security-Policy — use a class instead",
                True,
            )


def liquid_message(code: str) -> str:
    """Return what to write instead of a piece of Jekyll's Liquid."""
    compact = " ".join(code.split())
    if "site.baseurl" in compact or "site.url" in compact or "relative_url" in compact:
        advice = "remove it: a link that starts with / gets the site's address by itself"
    elif re.match(r"\{%-? ?(link|post_url)\b", compact):
        advice = "write a Markdown link to the file, like [text](../news/2026-01-21-kickoff.md)"
    elif re.match(r"\{%-? ?include\b", compact):
        advice = "paste the text it included here"
    elif compact.startswith("{{"):
        advice = "write the text itself"
    else:
        advice = "remove it: Liquid tags are not run here"
    return f"Liquid is not supported: '{compact[:60]}' — {advice}"


def check_site_links(site: Site, known: frozenset[str]) -> list[ContentError]:
    """Return the navigation and member links (site.yml, members.yml) that point nowhere."""
    problems = []
    listed = [(site.path("site.yml"), item.url) for item in site.config.nav]
    listed += [(site.path(MEMBERS_FILE), m.url) for m in site.members if m.url.startswith("/")]
    for source, url in listed:
        if url.startswith("/") and not url.startswith("//") and url.split("#")[0] not in known:
            line = line_of(site.root / name_of(source), url)
            message = f"link '{url}' points to a page that does not exist — fix it or add the page"
            problems.append(ContentError(source, line, message))
    return problems


def line_of(file: Path, text: str) -> int:
    """Return the first line of ``file`` that holds ``text`` (0 if none)."""
    lines = file.read_text("utf-8", errors="replace").splitlines() if file.is_file() else []
    return next((n for n, line in enumerate(lines, 1) if text in line), 0)
