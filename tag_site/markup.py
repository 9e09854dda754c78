"""HTML, SVG and XML that can run code, send readers elsewhere or load from elsewhere.

One judgement for the three places markup reaches the site: raw HTML in a page's Markdown
(``PAGE``: the site's Content-Security-Policy applies, the head is the site's), an attachment
opened on its own (``FILE``: an ``.svg``, ``.html`` or ``.xml`` runs on the site's address,
with no policy to stop it), and the built pages the freeze scans once more (``BUILT``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

PAGE, FILE, BUILT = "page", "file", "built"
UNSAFE_SCHEMES = frozenset({"javascript", "data", "vbscript"})
MARKUP_SUFFIXES = (".svg", ".html", ".htm", ".xhtml", ".xht", ".xml", ".xsl", ".xslt")
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:[\s/][^<>]*)?)>")  # also <svg/onload=…>
STYLESHEET = re.compile(r"<\?xml-stylesheet\b", re.IGNORECASE)  # XSLT, which can run code
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
)
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform"})
# Elements that run code or bring another page in, wherever they are.
RUNS_CODE = {
    "script": "scripts in pages are blocked by the site's Content-Security-Policy",
    "iframe": "embedded frames are blocked by the site's Content-Security-Policy — link instead",
    "frame": "frames show another page inside this one — link instead",
    "frameset": "frames show other pages inside this one — link instead",
    "object": "plugins are blocked by the site's Content-Security-Policy — link instead",
    "embed": "plugins are blocked by the site's Content-Security-Policy — link instead",
    "applet": "plugins are blocked by the site's Content-Security-Policy — link instead",
    "foreignobject": "it puts HTML, which can run code, inside an SVG — remove it",
    "base": "it sends every link of the page to another address — remove it",
    "form": "a form sends what readers type to another address — link to the form instead",
}
# Elements that belong to the site's own head: not in a page's text (an attachment may have them).
HEAD_ONLY = {
    "style": "<style> is blocked by the site's Content-Security-Policy — use the site's classes",
    "link": "it loads files into the page, which the Content-Security-Policy blocks — write an "
    "<a> link instead",
    "meta": "it belongs in the page's head, which the site writes — remove it",
}
OBSOLETE_TAGS = frozenset({"center", "font", "big", "strike", "tt", "marquee", "blink", "basefont"})


def attributes_of(text: str) -> Iterator[tuple[str, str | None]]:
    """Yield the (lower-case name, value) pairs of a tag's attributes; None for a bare name."""
    for match in _ATTRIBUTE.finditer(text):
        values = [v for v in match.groups()[1:] if v is not None]
        yield match.group(1).lower(), html.unescape(values[0]) if values else None


def scheme_of(url: str) -> str:
    """Return the scheme of a URL as a browser reads it (spaces and controls dropped)."""
    match = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\s\x00-\x1f]", "", url).lower())
    return match.group(1) if match else ""


def tag_problems(name: str, attributes: str, where: str = PAGE) -> Iterator[tuple[str, bool]]:
    """Yield (message, is it a warning) for one tag, judged for ``where`` it is."""
    name = name.lower().rsplit(":", 1)[-1]  # <svg:script> is a script too
    pairs = dict(attributes_of(attributes))
    if name in RUNS_CODE:
        yield f"<{name}> is not allowed: {RUNS_CODE[name]}", False
    elif name in HEAD_ONLY and where == PAGE:
        yield f"<{name}> is not allowed in a page: {HEAD_ONLY[name]}", False
    elif name in OBSOLETE_TAGS and where == PAGE:
        yield f"<{name}> is obsolete HTML — remove it (the site's CSS does its job)", True
    refresh = (pairs.get("http-equiv") or "").lower() == "refresh"
    if name == "meta" and refresh and where != BUILT:  # the site's own redirect pages have one
        yield "a <meta> refresh sends readers to another address — link to it instead", False
    if name in _ANIMATIONS and (pairs.get("attributename") or "").lower() in ("href", "xlink:href"):
        yield f"an SVG <{name}> that changes a link can run code — remove it", False
    yield from attribute_problems(pairs, where)


def attribute_problems(pairs: dict[str, str | None], where: str) -> Iterator[tuple[str, bool]]:
    """Yield the problems of a tag's attributes: handlers, styles, unsafe addresses."""
    for attribute, value in pairs.items():
        if attribute.startswith("on"):
            message = f"the {attribute}= handler runs code, which the site's CSP blocks — remove it"
            yield message, False
        elif attribute == "style" and where == PAGE:
            yield "style= is blocked by the site's Content-Security-Policy — use a class", False
        elif attribute in _URL_ATTRIBUTES and value and scheme_of(value) in UNSAFE_SCHEMES:
            scheme = scheme_of(value)
            yield f"'{value}' uses {scheme}:, which can run code — link to a page or file", False


def scan(text: str, where: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (offset, message, is it a warning) for each problem of the markup in ``text``."""
    if where == FILE:
        for found in STYLESHEET.finditer(text):
            message = "an XML style sheet can run code when the file is opened — remove it"
            yield found.start(), message, False
    for tag in TAG.finditer(text):
        for message, warning in tag_problems(tag.group(1), tag.group(2), where):
            yield tag.start(), message, warning
