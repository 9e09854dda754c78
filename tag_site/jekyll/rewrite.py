"""Liquid in a Jekyll page, rewritten to what the site reads, or left out and reported.

What has a plain equivalent is rewritten: links (``{% link %}``, ``{% post_url %}``,
``{{ '/x' | relative_url }}``, ``{{ site.baseurl }}``), code (``{% highlight %}``), values of
``_config.yml`` and the page's own front matter, ``{% raw %}``, includes without Liquid. A loop
over what the site lists by itself (the news, the members) is replaced by that list. The rest
is left out, each block reported once with its line. What could run code (scripts, handlers,
frames, ``javascript:`` links: what ``flask check`` refuses) is left out too, each at its line
(see ``unsafe``), whether the page or an include wrote it.

Each step is one pass over the page, whatever it holds, and what Liquid pastes in (an include,
a setting) may not take the page past the size the check allows a content file, nor the whole
import past ``GROWTH`` times the size of the pages and includes it read: thousands of includes
of a long one do not write hundreds of megabytes. What an include or a setting stands for is
worked out once, with its size, and judged by that size before it is pasted: thousands of uses
of a long one left out cost no more than one.
"""

from __future__ import annotations

import bisect
import functools
import html
import math
import mimetypes
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin

from ..content.files import MARKDOWN_SUFFIXES
from ..content.urls import SECTIONS, is_made_here
from ..markdown import addresses, liquid
from ..markdown.limits import MAX_BYTES
from ..markdown.markup import ATTRIBUTES, TAG_REST, scheme_of, tags
from ..markdown.source_map import masked, positions
from .people import Members, prints_addresses, unkept_columns
from .reading import Document, Note
from .unsafe import Cut, spliced, without_code

_QUOTED = re.compile(r"""^(?:'([^']*)'|"([^"]*)")$""")
_LANGUAGE = re.compile(r"[\w#.+-]+")  # what the renderer reads as a fence's language
_NO_OP_FILTERS = {"relative_url", "absolute_url", "escape", "xml_escape", "strip", "uri_escape"}
_ASSIGN = re.compile(r"^\s*(\w+)\s*=\s*([\w.\[\]'\"]+)")
# A link's target that is a site path, from the root or relative (no scheme, no Liquid):
# Markdown (inline or reference: not a footnote's [^1]: text) or an HTML attribute.
_LINK_TARGET = re.compile(
    r"""(\]\(\s*<?|\b(?:href|src)=(["'])|^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?)"""
    r"""((?![a-zA-Z][a-zA-Z0-9+.-]*:|\{|\s)"""
    r"""(?:(?(2)&\#\w+;|(?!))|(?(2)(?!\2)[^<>#?\n]|(?:\([^()"'<>#?\n]*\)|[^()"'<>#?\n])))+)""",
    re.M,
)  # in a quoted attribute anything but its quote ("/Ada's (PhD)/", "&#39;"), in Markdown
# spaces and parentheses in pairs, as Python-Markdown reads them: a title after a space
# What a link's target may not hold as it is, in Markdown or an attribute (written as %xx).
_UNSAFE_IN_LINK = re.compile(r"[\s()'\"<>]")
# What the report says of the links and images made whole (``n`` of them; ``s``: plural).
_LEFT_EMPTY = (
    'left out {n} link{s} or image{s} of no address (<a href="">, <img src="">, [words]()): a '
    "link led back to the page, an image showed nothing; a link's words stay"
)
_UNDESCRIBED = (
    '{n} image{s} came in without a description, as the old site showed them (alt="": screen '
    "readers pass them by) — describe each: ![What it shows](…)"
)
# An image of Markdown without alt text (kramdown wrote alt=""): its address, its title.
_BARE_IMAGE = re.compile(
    r"""!\[[ \t]*\]\([ \t]*<?([^\s()<>]+)>?(?:[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'))?[ \t]*\)"""
)
_EMPTY_MARKDOWN_LINK = re.compile(r"(!?)\[([^\[\]\n]*)\]\([ \t]*(?:<>)?[ \t]*\)")  # [words]()
_HTML_IMAGE = re.compile(rf"<img\b({ATTRIBUTES})>", re.IGNORECASE)
_ALT = re.compile(r"(?:^|\s)alt\s*=", re.IGNORECASE)
# A link to a page's file (read from the file's folder, on the old site and here).
_PAGE_FILE = re.compile(r"\.(?:md|markdown)$", re.I)
# A Markdown link's target, maybe "email: …" (the address it may be is judged by
# addresses), or a mailto: link with spaces after its colon (mail programs skip them).
_MAIL_TARGET = re.compile(
    r"(?P<bare>\]\()\s*(?:e-?mail:\s*)?(?P<address>[^\s()]+)\s*\)"
    r"""|(?P<spaced>(?:\]\(\s*<?|\bhref=["'])mailto:)[ \t]+(?=[^\s"'<>()]+@)""",
    re.I,
)
# A link that names a user before its host, or a DOI by its scheme: written as it led.
# The types of files Python knows by their names (its own table, not this machine's, which
# calls .org a Lotus Organizer's): a link to "notes.pdf" is to a file, "d3js.org" to a site.
_FILE_TYPES = mimetypes.MimeTypes()
_ODD_LINK = re.compile(
    r"""(?P<user>(?:\]\(\s*<?|\bhref=["']?)https?://)[^/\s"'<>@]+@(?=(?P<host>[\w.-]+))"""
    r"""|(?P<doi>\]\(\s*<?|\bhref=["']?)doi:\s*(?=10\.)"""
    r"""|(?P<bare>\]\(\s*<?|\bhref=["']?)(?=(?P<named>(?:[a-z0-9-]+\.)+[a-z]{2,12})"""
    r"""(?P<path>[/?#][^\s"'<>)]*)?(?=[\s"'<>)]))""",
    re.IGNORECASE,
)
# What a loop leaves empty once it is gone: an element with nothing in it, a table of HTML
# or Markdown with nothing but its header (its line of |---| under it, then a blank line).
_EMPTY_ELEMENT = re.compile(
    rf"<(ul|ol|dl|div|table|tbody|section)\b{TAG_REST}\s*</\1>\n?"
    rf"|<table\b{TAG_REST}\s*(?:<thead\b{TAG_REST}\s*)?<tr\b{TAG_REST}(?:\s*<th\b{TAG_REST}[^<]*</th>)*"
    rf"\s*</tr>\s*(?:</thead>\s*)?(?:<tbody\b{TAG_REST}\s*</tbody>\s*)?</table>\n?"
    r"|(?m:^[^\n|]*\|[^\n]*\n[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*(?:\n|\Z)"
    r"(?=[ \t]*(?:\n|\Z)))"
)
# kramdown's \\( and \\[ (MathJax's delimiters, once kramdown has read the escapes): a formula
# cannot hold its own opening, so one never closed is given up at the next (one pass).
_MATHJAX = re.compile(r"\\\\\(((?:(?!\\\\\().)+?)\\\\\)|\\\\\[((?:(?!\\\\\[).)+?)\\\\\]", re.DOTALL)
# kramdown's extensions: {::comment}…{:/comment}, {::nomarkdown}…{:/}, {::options … /}.
_EXTENSION = re.compile(r"\{::(\w+)([^{}\n]*?)(/?)\}|\{:/(\w*)\}")
# What Liquid may paste into a whole import: this many times what the pages and includes it
# read hold (a site's own includes, used on each page, stay far below), and 5 MB at least.
GROWTH = 10


@dataclass(frozen=True)
class Context:
    """What rewriting Liquid needs to know of the whole site."""

    config: Mapping[str, Any]  # _config.yml
    sources: Mapping[str, str]  # Jekyll path ("_posts/2023-08-07-x.md") -> new ("/news/….md")
    members: Members = field(
        default_factory=Members
    )  # the table that became data/members.yml ("supporters")
    includes: Mapping[str, str] = field(default_factory=dict)  # _includes/<name> -> its text
    old_urls: Mapping[str, str] = field(default_factory=dict)  # Jekyll path -> its old URL
    baseurl: str = ""  # the old site's base path ("/group"), which links may still carry
    paste_limit: int = MAX_BYTES  # what Liquid may paste into the whole import, in bytes
    math: bool = (
        False  # the old site loaded MathJax or KaTeX: its \\( \\) and \\[ \\] were formulas
    )
    files: Collection[str] = ()  # the files copied as they are, by new path ("/a/b.pdf")
    sections: tuple[str, ...] = SECTIONS  # the new site's (their addresses are its own)
    # A cache: (tag, arguments, page or "") -> what an include or an output stands for, and
    # its size in bytes, worked out at its first use.
    pastes: dict[tuple[str, str, str], tuple[str | None, int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @functools.cached_property
    def moved(self) -> dict[str, str]:
        """Return each old URL with the new path of its file ("/join.html": "/join.md")."""
        return {old: self.sources[path] for path, old in self.old_urls.items()}

    def new_path(self, written: str) -> str:
        """Return the new path of the page an old link (``written``) led to (``led_to``),
        or the path as ``written`` if it led to no page."""
        new = led_to(self.moved, written)
        return written if new is None else _UNSAFE_IN_LINK.sub(_escaped, new)

    def leads_nowhere(self, path: str) -> bool:
        """Tell an old link's path (as served) that led to no page, nor to anything the new
        site answers."""
        return led_to(self.moved, path) is None and not self.serves(path)

    def serves(self, path: str) -> bool:
        """Tell a path the new site answers, as far as the import knows: a file copied, an
        address the site makes, or a page's file (``x.md``, resolved when it is made)."""
        path = as_served(path)
        return (
            path in self.files
            or is_made_here(path, page=False, sections=self.sections)
            or PurePosixPath(path).suffix.lower() in MARKDOWN_SUFFIXES
        )

    def post(self, name: str) -> str:
        """Return the new path of the post that ``{% post_url name %}`` names, or ""."""
        return self.posts.get(PurePosixPath(name).name, "")

    @functools.cached_property
    def posts(self) -> dict[str, str]:
        """Return each post's new path by its file's name without suffix, the first of a
        name: made once (looking through every post at each post_url was quadratic)."""
        found: dict[str, str] = {}
        for old, new in self.sources.items():
            if "_posts/" in old:
                found.setdefault(PurePosixPath(old).stem, new)
        return found


# The note on a loop over the members that the site's list cannot stand in for (the import
# says so where it takes the page's words from the old site)
UNLISTED = "left out: Liquid: "


@dataclass(frozen=True)
class Rewritten:
    """A body with its Liquid rewritten, and what that changed."""

    body: str
    lists: frozenset[str] = frozenset()  # the lists ("news", "members") that replaced loops
    shows_email: bool = False  # a replaced members loop printed the address
    notes: tuple[Note, ...] = ()
    grown: int = 0  # the bytes Liquid pasted in
    dead: frozenset[str] = frozenset()  # its links to no page or file of the new site


def rewrite(document: Document, context: Context, *, left: int | None = None) -> Rewritten:
    """Return the body of ``document`` with its Liquid rewritten or left out; ``left``: what
    Liquid may still paste into the whole import (``context.paste_limit`` if not said)."""
    # the links first: each keeps every line where it is, so the lines of the Liquid stay exact
    body, fixed = mail_links(document.body)
    notes = [Note(document.path, document.line_of(at), message) for at, message in fixed]
    old = context.old_urls.get(document.path, "/")

    def led_nowhere(path: str) -> bool:  # a relative path of the old page, to nothing
        return context.leads_nowhere(as_served(urljoin(old, path).split("#")[0].split("?")[0]))

    body, fixed = readable_links(body, led_nowhere)
    where = positions(body, document.body_line)
    notes += [Note(document.path, where(at)[0], message) for at, message in fixed]
    found = document.blocks if body == document.body else tuple(liquid.blocks(body))
    aliases = assigned(found)
    parts: list[str] = []
    origins: list[tuple[int, int, bool]] = []  # see origin_of
    size = 0
    lists: set[str] = set()
    shows_email = False
    last = 0
    page_room = MAX_BYTES - len(body.encode("utf-8"))  # what Liquid may add to the page
    import_room = context.paste_limit if left is None else left
    grown = 0
    for block in found:
        origins.append((size, last, True))
        parts.append(body[last : block.start])
        size += block.start - last
        last = block.end
        replaced, grows = replacement(block, body, document, context)
        if replaced is not None and grows <= max(min(page_room, import_room - grown), 0):
            if block.tag == "{{" and replaced:  # an address: a few bytes more, if any
                placed = address_in_place(replaced, body, block.start)
                grows += len(placed) - len(replaced)
                replaced = placed
            origins.append((size, block.start, False))
            parts.append(replaced)
            size += len(replaced)
            page_room -= grows
            grown += max(grows, 0)
            continue
        shown = listed(block, context.members, aliases)
        if replaced is not None:
            message = too_much(block, context, page=grows > page_room)
        elif shown:
            lists.add(shown)
            shows_email |= shown == "members" and prints_addresses(block, aliases)
            message = f"the loop over {block.loops_over()} is replaced by the site's own list"
        elif unkept := unlisted_members(block, context.members, aliases):
            named = ", ".join(repr(column) for column in unkept)
            message = (
                f"{UNLISTED}the loop over {block.loops_over()} shows each member's "
                f"{named}, which the site's list of members does not (members.yml has no "
                "such field)"
            )
        else:
            message = f"left out: {liquid.message(block)}"
        notes.append(Note(document.path, document.line_of(block.start), message))
    origins.append((size, last, True))
    parts.append(body[last:])
    joined, back = without_empty_elements("".join(parts)) if lists else ("".join(parts), int)
    extensions = kramdown_extensions(joined)
    if context.math:
        extensions += mathjax_formulas(joined, extensions)
        extensions.sort(key=lambda cut: cut.start)
    joined, after = spliced(joined, extensions)  # before the filter: what they held is judged
    text, cuts = without_code(joined, markdown=not document.is_html)
    notes += [
        Note(document.path, document.line_of(origin_of(origins, back(at))), cut.message)
        for cut, at in [
            *((cut, cut.start) for cut in extensions),
            *((cut, after(cut.start)) for cut in cuts),
        ]
        if cut.message
    ]
    text, dead = retarget(text, context, document.path)
    for tidied, told in ((without_empty_targets, _LEFT_EMPTY), (undescribed_images, _UNDESCRIBED)):
        text, count = tidied(text)
        if count:
            notes.append(Note(document.path, 0, told.format(n=count, s="s" * (count > 1))))
    return Rewritten(escaped_liquid(text), frozenset(lists), shows_email, tuple(notes), grown, dead)


def without_empty_targets(text: str) -> tuple[str, int]:
    """Return ``text`` without the links and images of no address (``<a href="">`` and
    ``[words]()`` keep their words), which the check refuses, and how many; those in code
    stay."""
    code, lowered = masked(text, comments=False), text.lower()
    cuts: list[tuple[int, int, str]] = []  # start, end, what stands there instead
    count = 0
    for tag in tags(text):
        target = {"img": "src", "a": "href"}.get(tag.name, "")
        value = tag.pairs().get(target, "-") if target else "-"
        if (value or "").strip() or code[tag.start] != text[tag.start]:
            continue
        count += 1
        cuts.append((tag.start, tag.end, ""))
        if tag.name == "a" and (end := lowered.find("</a", tag.end)) >= 0:
            cuts.append((end, text.find(">", end) + 1 or len(text), ""))  # its words stay
    for found in _EMPTY_MARKDOWN_LINK.finditer(text):
        if code[found.start()] == text[found.start()]:
            count += 1
            cuts.append((found.start(), found.end(), "" if found[1] else found[2]))
    kept, last = [], 0
    for start, end, instead in sorted(cuts):
        if start >= last:
            kept += [text[last:start], instead]
            last = end
    return "".join([*kept, text[last:]]), count


def undescribed_images(text: str) -> tuple[str, int]:
    """Return ``text`` with each image that has no alt text (``![](a.png)``, ``<img
    src="a.png">``) given ``alt=""``, as kramdown wrote the first (and the check takes for
    a picture that says nothing), and how many there were; those in code stay."""

    def markdown_image(found: re.Match[str]) -> str:
        title = found[2] if found[2] is not None else found[3]
        titled = f' title="{html.escape(title)}"' if title else ""
        return f'<img src="{html.escape(found[1])}" alt=""{titled}>'

    def html_image(found: re.Match[str]) -> str | None:
        return None if _ALT.search(found[1]) else f'<img alt=""{found[1]}>'

    text, bare = outside_code(_BARE_IMAGE, markdown_image, text)
    text, tagged = outside_code(_HTML_IMAGE, html_image, text)
    return text, bare + tagged


def outside_code(
    pattern: re.Pattern[str], made: Callable[[re.Match[str]], str | None], text: str
) -> tuple[str, int]:
    """Return ``text`` with each match of ``pattern`` outside code replaced by ``made`` of
    it (None: kept as it is), and how many were."""
    code, count = masked(text, comments=False), 0

    def replaced(found: re.Match[str]) -> str:
        nonlocal count
        if code[found.start()] != text[found.start()] or (new := made(found)) is None:
            return found[0]
        count += 1
        return new

    return pattern.sub(replaced, text), count


def kramdown_extensions(text: str) -> list[Cut]:
    """Return kramdown's extensions in ``text`` as what the site reads the same way, in one
    pass: ``{::comment}`` an HTML comment, ``{::nomarkdown}`` what it holds, as written;
    ``{::options … /}`` nothing. One never closed stays (the check names it)."""
    found: list[Cut] = []
    opened: re.Match[str] | None = None
    for match in _EXTENSION.finditer(text):
        if opened is None and match[1] and match[3]:  # {::options key="value" /}
            message = f"kramdown's {{::{match[1]}}} is left out: it sets how kramdown reads"
            found.append(Cut(match.start(), match.end(), "", message))
        elif opened is None and match[1] in ("comment", "nomarkdown"):
            opened = match
        elif opened is not None and match[4] in ("", opened[1]):
            held = text[opened.end() : match.start()]
            if opened[1] == "comment":
                shown, said = "<!--" + held.replace("--", "- -") + "-->", "an HTML comment"
            else:
                shown, said = held, "what it held, as written"
            message = f"kramdown's {{::{opened[1]}}} is {said} now"
            found.append(Cut(opened.start(), match.end(), shown, message))
            opened = None
    return found


def mathjax_formulas(text: str, taken: list[Cut]) -> list[Cut]:
    """Return the formulas of ``text`` written for MathJax through kramdown (``\\\\(…\\\\)``,
    ``\\\\[…\\\\]``: kramdown writes ``\\(…\\)``, which MathJax reads) as the site's ``$$…$$``,
    displayed alone in its paragraph as MathJax displayed it; none in code, or in a cut
    ``taken`` (in order). The first says so."""
    found, index = [], 0
    for match in _MATHJAX.finditer(masked(text)):
        while index < len(taken) and taken[index].end <= match.start():
            index += 1
        if index < len(taken) and taken[index].start < match.end():
            continue
        group = 1 if match[1] is not None else 2
        tex = text[match.start(group) : match.end(group)]
        found.append(Cut(match.start(), match.end(), f"$${tex}$$", ""))
    if found:
        message = "its formulas for MathJax (\\\\( \\\\) and \\\\[ \\\\]) are written $$…$$ now"
        found[0] = found[0]._replace(message=message)
    return found


def without_empty_elements(text: str) -> tuple[str, Callable[[int], int]]:
    """Return ``text`` without the elements a loop left empty (the ``<ul>`` that held it),
    and what tells where an offset of the new text was in ``text``. Before the filter of
    what runs code, which must read what they leave: ``<scr<div></div>ipt>`` is ``<script>``."""
    return spliced(text, (Cut(m.start(), m.end(), "", "") for m in _EMPTY_ELEMENT.finditer(text)))


def origin_of(origins: list[tuple[int, int, bool]], offset: int) -> int:
    """Return where ``offset`` of a rewritten body was in the body as written; ``origins``:
    each piece's (start in the rewritten body, start in the body as written, copied from it),
    in order. All of a piece Liquid pasted in is at the place of its block."""
    index = bisect.bisect_right(origins, (offset, math.inf, True)) - 1
    start, origin, copied = origins[max(index, 0)]
    return origin + offset - start if copied else origin


def too_much(block: liquid.Block, context: Context, *, page: bool) -> str:
    """Return the note on a block whose text would make the page, or the import, too big."""
    if page:
        whole = f"the page more than {MAX_BYTES // 1_000_000} MB"
    else:
        whole = (
            f"the import paste more than {context.paste_limit / 1e6:.3g} MB ({GROWTH} times "
            "what the Jekyll site's pages and includes hold)"
        )
    return (
        f"left out: '{liquid.excerpt(block)}' would make {whole} — paste what it stands for "
        "once, or link to it"
    )


def assigned(blocks: Iterable[liquid.Block]) -> dict[str, str]:
    """Return each ``{% assign name = site.data.x | sort: … %}`` among ``blocks`` by its name
    (what follows ``assign``)."""
    return {
        match.group(1): block.args
        for block in blocks
        if block.tag == "assign" and (match := _ASSIGN.match(block.args))
    }


def listed(block: liquid.Block, members: Members, aliases: Mapping[str, str] | None = None) -> str:
    """Return the list ("news", "members") a loop shows that the site shows by itself, or "":
    not a loop over the members that shows what members.yml does not keep (``shown_by``);
    ``aliases``: the page's assigns."""
    shown = shown_by(block, members, aliases)
    return "" if shown == "own" else shown


def shown_by(
    block: liquid.Block, members: Members, aliases: Mapping[str, str] | None = None
) -> str:
    """Return what a loop shows of what the site lists: "news", "members", "own" (the members,
    as the site's list cannot show them: ``unkept_columns``), or ""."""
    over = looped_over(block, aliases)
    if over in liquid.LISTS:
        return liquid.LISTS[over][0]
    if members.name and data_named(over) == members.name:
        return "own" if unkept_columns(block, members) else "members"
    return ""


def unlisted_members(
    block: liquid.Block, members: Members, aliases: Mapping[str, str] | None = None
) -> list[str]:
    """Return the columns that a loop over the members shows and members.yml does not keep
    (none for another loop): why the site's own list cannot stand in for it."""
    over = looped_over(block, aliases)
    if not members.name or data_named(over) != members.name:
        return []
    return unkept_columns(block, members)


def looped_over(block: liquid.Block, aliases: Mapping[str, str] | None = None) -> str:
    """Return what a loop goes over, through the page's ``aliases`` (its assigns)."""
    over = block.loops_over()
    if (assign := (aliases or {}).get(over)) and (match := _ASSIGN.match(assign)):
        over = match.group(2)
    return over


def data_named(expression: str) -> str:
    """Return the data file a Liquid expression names: ``site.data.team.people`` ->
    ``team-people`` (as the import names ``_data/team/people.csv``), or ""."""
    if not expression.startswith("site.data."):
        return ""
    return expression.removeprefix("site.data.").replace(".", "-")


def replacement(
    block: liquid.Block, body: str, document: Document, context: Context
) -> tuple[str | None, int]:
    """Return the plain text for a block of Liquid in ``body`` (None if it has none), and by
    how many bytes it is longer than the block."""
    if block.tag in ("include", "{{"):
        text, size = pasted(block, document, context)
        return text, size - len(block.text.encode("utf-8"))
    text = own_replacement(block, body, context, with_outputs(block.args, document, context))
    return text, len(text.encode("utf-8")) - len(block.text.encode("utf-8")) if text else 0


def pasted(block: liquid.Block, document: Document, context: Context) -> tuple[str | None, int]:
    """Return what an include or ``{{ value }}`` stands for (None: nothing plain) and its
    size in bytes, worked out once for the import (for the page, if it names a value of
    ``page.``): each further use costs nothing, however long it is."""
    of_page = block.tag == "{{" and block.args.split("|")[0].strip().startswith("page.")
    key = (block.tag, block.args, document.path if of_page or "{{" in block.args else "")
    if key not in context.pastes:
        if block.tag == "include":
            args = with_outputs(block.args, document, context)
            text = included(args, context) if args is not None else None
        else:
            text = output(block.args, document, context)
        context.pastes[key] = (text, len(text.encode("utf-8")) if text else 0)
    return context.pastes[key]


def own_replacement(
    block: liquid.Block, body: str, context: Context, args: str | None
) -> str | None:
    """Return the plain text for a block that pastes nothing in (a link, code, a comment),
    or None if it has none; ``args``: its arguments with their outputs' values (None: one
    has no plain value)."""
    if block.tag == "raw":
        return block.inner()
    if block.tag in ("comment", "assign"):
        return ""
    if block.tag == "highlight":
        return fenced(body, block)
    if block.tag == "link" and args:
        path = args.strip().strip("'\"")
        return context.sources.get(path, "/" + path)
    if block.tag == "post_url" and args:
        return context.post(args.strip().strip("'\"")) or None
    return None


def address_in_place(value: str, body: str, start: int) -> str:
    """Return a value printed at ``start`` of ``body``; an address (``{{ site.email }}``) as
    what its place wants: a ``mailto:`` target after ``](``, a Markdown link in running text,
    plain elsewhere."""
    if list(addresses.find(value)) != [(0, len(value))]:
        return value
    written = start  # the end of what is written before it, spaces left aside
    while written and body[written - 1].isspace():
        written -= 1
    if body[max(written - 2, 0) : written] == "](":
        return f"mailto:{value}"
    if not start or body[start - 1] in " \t\n(":
        return f"<{value}>"
    return value  # after mailto:, in a link's text, in an HTML element or attribute


def included(args: str, context: Context) -> str | None:
    """Return the text of an include (of ``args``: its name, and no parameters) that holds
    no Liquid itself (None otherwise)."""
    words = args.split()
    text = context.includes.get(words[0]) if len(words) == 1 else None
    if text is None or "{{" in text or "{%" in text:
        return None
    return text.strip("\n")


def with_outputs(args: str, document: Document, context: Context) -> str | None:
    """Return a tag's arguments with each output in them as its plain value (``{% include
    {{ page.inc }} %}``: the page's ``inc``), or None if one has none: Jekyll reads them so."""
    parts, last = [], 0
    for found in liquid.OUTPUT.finditer(args):
        value = output(found[1], document, context)
        if not value or "{&#" in value:  # none, or one of Liquid's own: no name of a file
            return None
        parts += [args[last : found.start()], value]
        last = found.end()
    return "".join(parts) + args[last:]


def output(expression: str, document: Document, context: Context) -> str | None:
    """Return the value of ``{{ expression }}`` when it is plain (a path, a setting), or None."""
    value, *filters = [part.strip() for part in expression.split("|")]
    for name in filters:
        head = name.split(":", 1)[0].strip()
        argument = name.split(":", 1)[1].strip() if ":" in name else ""
        if head in _NO_OP_FILTERS or (head == "prepend" and argument.startswith("site.")):
            continue
        return None
    quoted = _QUOTED.match(value)
    if quoted:
        return quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
    if value in ("site.baseurl", "site.url"):
        return ""
    scope, _, key = value.partition(".")
    source = {"site": context.config, "page": document.front}.get(scope, {})
    found = source.get(key)
    if isinstance(found, (str, int, float)) and not isinstance(found, bool) and "." not in key:
        text = " ".join(str(found).split())  # Liquid writes it as it is, tags and all
        return text.replace("{%", "{&#37;").replace("{{", "{&#123;")
    return None


def fenced(body: str, block: liquid.Block) -> str:
    """Return ``{% highlight lang %}…{% endhighlight %}`` as a fenced code block."""
    language = block.args.split()[0] if block.args else ""
    language = language if _LANGUAGE.fullmatch(language) else ""  # else no fence at all
    code = block.inner().strip("\n")
    fence = unclosable_fence(code)
    before = "" if block.start == 0 or body[block.start - 1] == "\n" else "\n"
    after = "" if body[block.end : block.end + 1] in ("\n", "") else "\n"
    return f"{before}{fence}{language}\n{code}\n{fence}{after}"


def unclosable_fence(code: str) -> str:
    """Return a fence for ``code`` that no line of it closes: longer than any run of its
    character at the start of a line there (up to three spaces before: CommonMark's reading
    too), backticks unless tildes are shorter."""
    fences = []
    for mark in "`~":
        runs = re.findall(rf"^ {{0,3}}({re.escape(mark)}+)", code, re.M)
        fences.append(mark * max([3, *(len(run) + 1 for run in runs)]))
    return min(fences, key=len)


def readable_links(
    body: str, dead: Callable[[str], bool] = lambda _: False
) -> tuple[str, list[tuple[int, str]]]:
    """Return ``body`` with the links browsers read in a way the check refuses written as
    they led: ``http://room@host.org`` without its user (browsers went to host.org), and
    ``doi:10.1/x`` at doi.org (browsers went nowhere); a link to a site's name written as
    a path (``d3js.org``, ``www.x.org/a``: a path of the old site, which was ``dead``, not
    a file's name such as ``notes.md``) at that site; and where each was, with what was done."""
    fixed: list[tuple[int, str]] = []

    def readable(match: re.Match[str]) -> str:
        if match["user"]:
            host = match["host"]
            message = f"the user name in a link to {host} is taken out: it hid where it led"
            fixed.append((match.start(), message))
            return match["user"]
        if match["bare"] is not None:
            named, path = match["named"], match["path"] or ""
            file = _FILE_TYPES.guess_type(named)[0] or named.lower().endswith(MARKDOWN_SUFFIXES)
            if file or not dead(named + path):
                return match[0]
            message = (
                f"the link to '{named}{path}' led nowhere on the old site (a path of its own): "
                f"it leads to https://{named}{path} now"
            )
            fixed.append((match.start(), message))
            return match["bare"] + "https://"
        fixed.append((match.start(), "the doi: link leads to https://doi.org/ now"))
        return match["doi"] + "https://doi.org/"

    return _ODD_LINK.sub(readable, body), fixed


def led_to(moved: Mapping[str, str], written: str) -> str | None:
    """Return where the page an old link (``written``) led to is now (``moved``: each old
    URL with it), as GitHub Pages read the link (``/a//`` is ``/a/``; ``/a/index``,
    ``/a/index.html`` and ``/a.html`` are ``/a/``'s file, or ``/a``'s); None if none."""
    path = as_served(written)
    stem = re.sub(r"(?:/index)?(?:\.html)?$", "", path.rstrip("/"))
    tried = (path, f"{stem}/", f"{stem}.html", stem) if stem else (path, "/")
    return next((moved[old] for old in tried if old in moved), None)


def as_served(path: str) -> str:
    """Return a link's path as GitHub Pages read it, unquoted, each ``//`` one ``/``: the
    form the old URLs are kept in."""
    return re.sub(r"//+", "/", unquote(path))


def _escaped(character: re.Match[str]) -> str:
    return f"%{ord(character[0]):02X}"


def mail_links(body: str) -> tuple[str, list[tuple[int, str]]]:
    """Return ``body`` with links to bare addresses (``](ada@example.org)``, ``](email: …)``)
    made ``mailto:`` links — on the old site they went nowhere — and ``mailto: ada@…``
    without its spaces; and where each was, with what was done."""
    fixed: list[tuple[int, str]] = []

    def mailto(match: re.Match[str]) -> str:
        if match["spaced"]:
            fixed.append((match.start(), "the spaces after mailto: in a link are taken out"))
            return match["spaced"]
        if not addresses.is_address(match["address"]):
            return match.group(0)
        fixed.append((match.start(), f"the link to {match['address']} is a mailto: link now"))
        return f"{match['bare']}mailto:{match['address']})"

    return _MAIL_TARGET.sub(mailto, body), fixed


def retarget(body: str, context: Context, source: str = "") -> tuple[str, frozenset[str]]:
    """Point links at old addresses, or at paths under the old base path, to the new files.
    A relative link of the document at ``source`` that the old page's address read from
    another folder than the new file's (a post: /2020/01/01/ then, news/ now) is made the
    path it led to (``img.png``: /2020/01/01/img.png); a link to a page's file (``x.md``)
    was read from the file's folder, and stays. Return the text, and the paths it links to
    that are no page or file of the new site (nor one the site makes): none on the old site
    either, or a file the import left out."""
    old = context.old_urls.get(source, "")
    new_file = context.sources.get(source, "")
    moved_folder = bool(old and new_file) and (
        old[: old.rfind("/") + 1] != posixpath.dirname(new_file).rstrip("/") + "/"
    )
    code = masked(body, comments=False)  # code shows links as text

    def swap(match: re.Match[str]) -> str:
        written = match.group(3)
        target = written.rstrip()  # ](/a b.pdf "Its title"): the title's space after it
        path = html.unescape(target) if match.group(2) else target  # an attribute's: read
        changed = False
        if path.startswith("//"):  # another site's, from the page's scheme
            return match.group(0)
        if not path.startswith("/"):
            in_code = code[match.start(3)] != body[match.start(3)]
            if in_code or _PAGE_FILE.search(path) or path.startswith("#") or scheme_of(path):
                return match.group(0)
            if not moved_folder:  # read from the same folder now: dead if it was then
                bare = path.split("#")[0].split("?")[0]
                if context.leads_nowhere(as_served(urljoin(old or "/", bare))):
                    read = posixpath.join("/", posixpath.dirname(new_file), bare)  # as the check
                    dead.add(as_served(posixpath.normpath(read)))  # reads it, from the file's
                return match.group(0)  # folder
            path, changed = urljoin(old, path), True
        base = context.baseurl
        if base and (path == base or path.startswith(base + "/")):
            path = "/" + path[len(base) :].lstrip("/")  # /group//x: /x, not //x (another host)
            changed = True
        new = context.new_path(path)
        if new == path:
            if not context.serves(path):
                dead.add(as_served(path))
            if not changed:
                return match.group(0)
            new = _UNSAFE_IN_LINK.sub(_escaped, path)
        return match.group(1) + new + written[len(target) :]

    dead: set[str] = set()
    return _LINK_TARGET.sub(swap, body), frozenset(dead)


def escaped_liquid(body: str) -> str:
    """Return ``body`` with what still looks like Liquid outside code (the text of a
    ``{% raw %}`` block) escaped, so that it shows as written: ``\\{{ x }}``."""
    hidden = masked(body)
    parts: list[str] = []
    last = 0
    for block in liquid.blocks(body):
        if hidden[block.start] == body[block.start]:
            parts += [body[last : block.start], "\\"]
            last = block.start
    return "".join([*parts, body[last:]])
