"""HTML, SVG and XML that can run code, send readers elsewhere or load from elsewhere.

One judgement for the three places markup reaches the site: raw HTML in a page's Markdown
(``PAGE``: the site's Content-Security-Policy applies, the head is the site's), an attachment
opened on its own (``FILE``: an ``.svg``, ``.html`` or ``.xml`` runs on the site's address,
with no policy to stop it), and the built pages the freeze scans once more (``BUILT``).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple
from unicodedata import bidirectional
from urllib.parse import SplitResult, urlsplit

from ..errors import Finding

PAGE, FILE, BUILT = "page", "file", "built"
# Characters XML 1.0 cannot hold and HTML calls errors: controls (but tab and line ends),
# lone surrogates and the two non-characters U+FFFE, U+FFFF.
INVALID_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Invisible characters that can spell a message nobody sees ("ASCII smuggling"): tag
# characters (ASCII, invisibly), variation selectors other than an emoji's (VS15, VS16: text
# or emoji style), Mongolian ones, interlinear annotations, deprecated format characters.
CARRIERS = re.compile(
    "[\U000e0000-\U000e007f\ufe00-\ufe0d\U000e0100-\U000e01ef\u180b-\u180d\u180f"
    "\ufff9-\ufffb\u206a-\u206f]"
)
# The only tag characters that show: the flags of England, Scotland and Wales (Unicode's
# recommended tag sequences), kept as emoji are.
FLAGS = re.compile(
    "\U0001f3f4\U000e0067\U000e0062"
    "(?:\U000e0065\U000e006e\U000e0067|\U000e0073\U000e0063\U000e0074|\U000e0077\U000e006c\U000e0073)"
    "\U000e007f"
)
_INDEXED = ("main", "data-pagefind-body")  # the layouts' mark of a page's text for the search
_STEERS_SEARCH = (
    "steers the site's search (where a result leads, what it is called, how it ranks), which "
    "the site sets up itself — remove it"
)
# The schemes of addresses: those that run code wherever they are, those a link may have.
UNSAFE_SCHEMES = frozenset({"javascript", "data", "vbscript"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# What servers send as HTML or XML documents (mime-db's text/html, application/xhtml+xml,
# image/svg+xml, application/xml, text/xml, application/xslt+xml; Python's .xhtm, .xpdl);
# any other file that holds text is judged too, since servers differ.
MARKUP_SUFFIXES = (
    ".html", ".htm", ".shtml", ".xhtml", ".xht", ".xhtm", ".svg", ".xml", ".xsl", ".xslt",
    ".xsd", ".rng", ".xpdl", ".dtd",
)  # fmt: skip
# What makes browsers read a file otherwise than its text says: a document type's own
# declarations (entities, default attributes), another encoding (ISO-2022's escapes switch
# character sets silently); and, in any markup, comment ends that only HTML knows.
MISREAD = {
    re.compile(r"<\?xml-stylesheet\b", re.I): "an XML style sheet can run code when the file is "
    "opened — remove it",
    re.compile(r"<!(?:ENTITY|ATTLIST|ELEMENT|NOTATION)\b|<!DOCTYPE[^>\[]*\[", re.I): "a document "
    "type's own declarations can add markup this check cannot see — remove them",
    re.compile(r"""\bencoding\s*=\s*["']?(?!utf-?8\b|us-ascii\b)[\w-]+|\bcharset\s*=\s*["']?"""
               r"""(?!utf-?8\b|us-ascii\b)[\w-]+""", re.I):
    "the file declares an encoding other than UTF-8 — save it as UTF-8 and declare that",
    re.compile("\x1b"): "an escape character switches encodings in some readers — remove it",
}  # fmt: skip
# Attributes whose value is an address, by their name without a namespace (``xlink:href`` is
# ``href``): those that link or load are checked, rewritten under the base URL and followed by
# the link check; the others are only judged for schemes that run code.
_LINKS = frozenset({"href", "src", "action", "formaction", "poster"})
_URL_ATTRIBUTES = _LINKS | {"data", "background"}
_URL_LISTS = frozenset({"srcset", "imagesrcset", "ping"})  # addresses (with a width or density)
_LINK_LISTS = frozenset({"srcset", "imagesrcset"})  # pictures a page loads, so links too
_CANDIDATE = re.compile(r"(?:^|,)\s*(\S+)")  # each address of a srcset, its width aside
# Block elements a page must close (lists' items and paragraphs close themselves).
_BLOCKS = (
    "div|section|article|aside|details|figure|blockquote|table|nav|header|footer|main|dl|ul|ol"
)
# The rest of a tag after its name, to its ">", as browsers read it: a quoted value may hold
# "<" and ">" (<abbr title="x < y">); any other "<" ends the reading, so that a "<" is scanned
# up to the next "<" or ">" only, quoted values aside (each passed over by one reading).
ATTRIBUTES = r"""(?:[^<>"'=]++|=\s*+"[^"]*+"|=\s*+'[^']*+'|[="'])*+"""
TAG_REST = ATTRIBUTES + ">"
_BLOCK_TAG = re.compile(rf"<(/?)({_BLOCKS})(?=[\s/>]){TAG_REST}", re.IGNORECASE)
# Formatting elements: one never closed is opened again in each block after it (HTML's
# "adoption agency"), to the end of the page: <s> strikes through the site's footer too.
_FORMATTING = "a|b|big|code|em|font|i|nobr|s|small|strike|strong|tt|u"
_FORMATTING_TAG = re.compile(rf"<(/?)({_FORMATTING})(?=[\s/>]){TAG_REST}", re.IGNORECASE)
# A start or end tag by its name (letters, digits, "-"; not an autolink, <https://…> or
# <ada@…>).
_ANY_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9-]*+)(?=[\t\n\f\r />]){TAG_REST}")
# Elements that hold nothing (<br>) or that the next of their kind closes (<p>, <li>…).
_UNCOUNTED = frozenset(
    """area base br col embed hr img input link meta source track wbr param keygen
    p li dt dd option optgroup tr td th thead tbody tfoot colgroup rb rt rtc rp""".split()  # noqa: SIM905
)
# A refresh's content as browsers read it: a delay, then ";" or ",", an optional "url=",
# and the address, quoted or not.
_REFRESH = re.compile(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.IGNORECASE)
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform"})
# What a page loads by itself besides an <img src> (which the link check judges): media, a
# video's picture, an SVG's images.
_LOADED = frozenset(
    {
        ("img", "srcset"),
        ("video", "src"),
        ("video", "poster"),
        ("audio", "src"),
        ("source", "src"),
        ("source", "srcset"),
        ("track", "src"),
        ("input", "src"),
        ("image", "href"),
        ("feimage", "href"),
    }
)
# What a style sheet (an SVG's <style>, a style= attribute) loads from another site:
# @import "https://…", url(//…). Each alternative reads past its start up to a quote or a ")".
_STYLE_LOAD = re.compile(
    r"""(?:@import\s*(?:url\(\s*)?|url\(\s*)["']?\s*((?:https?:)?//[^"')\s]*)""",
    re.IGNORECASE,
)
# Attributes that tell another site of a reader's click (``ping``) or visit
# (``attributionsrc``): addresses that are only ever sent to.
_TOLD = frozenset({"ping", "attributionsrc"})
# Elements that run code or bring another page in, wherever they are.
RUNS_CODE = {
    "script": "scripts in pages are blocked by the site's Content-Security-Policy",
    "iframe": "embedded frames are blocked by the site's Content-Security-Policy — link instead",
    "frame": "frames show another page inside this one — link instead",
    "frameset": "frames show other pages inside this one — link instead",
    "fencedframe": "embedded frames are blocked by the site's Content-Security-Policy — link "
    "instead",
    "portal": "portals show another page inside this one — link instead",
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
    **dict.fromkeys(
        ("plaintext", "xmp", "listing"),
        "it shows the rest of the page as its source — write code in a code block",
    ),
}
# Elements that hide what they hold from readers (a template's text is never shown, a
# dialog's until a script opens it, a list box's but for one item): not in a page's text.
HIDES_TEXT = {
    "template": "it never shows what it holds (unclosed, the rest of the page)",
    "dialog": "it shows what it holds only when a script opens it",
    "select": "a list box shows one of its items; the page has no form to send it",
    "input": "a form's field, which the page has no form for (a hidden one shows nothing of "
    "its value)",
    "map": "an image map: its areas' words (alt) are read only over a picture that uses it",
    "textarea": "a form's text box, which the page has no form for (unclosed, it shows the "
    "rest of the page in it, as its source)",
    "datalist": "it never shows what it holds",
    **dict.fromkeys(("noembed", "noframes", "title"), "it never shows what it holds in a page"),
    "canvas": "it shows what it holds only where a canvas cannot be drawn",
    "maction": "MathML shows one of what it holds",
    "noscript": "it shows what it holds only to readers whose browser runs no scripts",
}
# Elements that show the words they hold to almost no reader: a player's or a gauge's show
# only where the browser cannot play or draw it, SVG's metadata and a formula's annotation
# never; an SVG draws its words as it says, which the check says it cannot judge (a warning:
# they may be meant).
WORDS_UNSEEN = {
    **dict.fromkeys(
        ("video", "audio"), "shows the words it holds only in browsers that cannot play it"
    ),
    **dict.fromkeys(
        ("meter", "progress"), "shows the words it holds only in browsers that cannot draw it"
    ),
    "metadata": "never shows the words it holds",
    "rp": "shows the words it holds only in browsers that cannot show ruby (write only its "
    "parentheses there)",
    **dict.fromkeys(
        ("annotation", "annotation-xml"),
        "never shows the words it holds (MathML shows the formula alone)",
    ),
    "svg": "draws the words it holds as its attributes say (their size, colour, place), "
    "which the check cannot judge",
    **dict.fromkeys(
        ("none", "mprescripts"), "never shows the words it holds (MathML draws an empty place)"
    ),
}
_UNSEEN_TAG = re.compile(
    rf"<(/?)((?:[\w.-]+:)?(?:{'|'.join(WORDS_UNSEEN)}))(?=[\t\n\f\r />]){TAG_REST}", re.IGNORECASE
)
_FOREIGN_UNSEEN = frozenset(  # "/>" ends them
    {"svg", "metadata", "annotation", "annotation-xml", "none", "mprescripts"}
)
_MARKUP = re.compile(rf"<{TAG_REST}")
# A tag that ends a line of what a reader sees (a block's, a break's); any other shows nothing.
_LINE_TAG = re.compile(
    rf"</?(?:{_BLOCKS}|p|li|dt|dd|tr|td|th|h[1-6]|pre|br|hr|figcaption|summary)\b{TAG_REST}",
    re.IGNORECASE,
)
_HIDING = ("hidden", "popover")  # attributes that hide an element (a popover: till a script)
# SVG's presentation attributes that hide an element, by the values that hide; those that
# hide it at a size or an opacity of 0 (0, 0.0, 0px, 0%…).
_HIDING_VALUES = {"display": ("none",), "visibility": ("hidden", "collapse")}
_HIDING_AT_ZERO = ("opacity", "font-size", "mathsize", "width", "height")  # the last two:
COLOURS = ("color", "bgcolor", "mathcolor", "mathbackground")  # attributes that set colours
# MathML's elements that move or space what they show, the attributes that do, by how many
# em one of their units is; the farthest they may (a wide gap, \qquad, is 2em).
_MOVING = frozenset({"mpadded", "mspace"})
_MOVES = ("voffset", "lspace", "width", "height", "depth")
_EMS = {"em": 1, "ex": 0.5, "mu": 1 / 18, "pt": 0.1, "px": 1 / 16, "pc": 1.2, "in": 7.2,
        "cm": 2.85, "mm": 0.285, "bp": 0.1, "dd": 0.107, "sp": 0.1 / 65536, "": 1}  # fmt: skip
FARTHEST = 8.0
SMALLEST = 0.5  # em: the smallest a formula may be drawn (TeX's \tiny)
_SCRIPT_SIZE = 0.71  # what a script level makes of the size (MathML Core)
_SMALLER = {"small": 1 / 1.2, "sub": 1 / 1.2, "sup": 1 / 1.2, "rt": 0.5}  # as browsers draw
SMALLEST_DRAWN = 0.3  # a script four levels down (x^{a^{b^{c^d}}}): too small to read
# MathML's elements whose children are drawn smaller, by child (from 0): script levels added.
_SCRIPTS = {
    "msub": (0, 1), "msup": (0, 1), "munder": (0, 1), "mover": (0, 1), "msubsup": (0, 1, 1),
    "munderover": (0, 1, 1), "mfrac": (1, 1), "mroot": (0, 2), "mmultiscripts": (0, *[1] * 63),
}  # fmt: skip
_END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9:-]*+)")
# The elements the layout holds a page's text in, whose end tags a page may not write alone.
LAYOUT_ELEMENTS = frozenset(
    {
        "main",
        "body",
        "html",
        "head",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "section",
        "div",
    }
)
_LENGTH = re.compile(r"([+-]*)(\d+\.?\d*|\.\d+)\s*([a-z]*)")
_SIZED = frozenset({"svg", "img", "image"})  # MathML's <mpadded width="0"> shows what it holds
_ZERO = re.compile(r"[+-]?(?:0+\.?0*|\.0+)(?:e[+-]?\d+)?(?:[a-z]{1,4}|%)?")
# The classes of the site's stylesheet (static/site.css) that hide an element from readers
# of a screen: the menu's toggle (shown on phones only), the menu (hidden on phones), the
# skip link (off the page till a keyboard reaches it).
HIDING_CLASSES = frozenset({"nav-toggle", "nav-toggle-label", "site-nav", "skip-link"})
# HTML's attributes that are written without a value: a word of another name in a start
# tag (<a and b>, "for all <s and t>") is an attribute no reader sees, and the words are lost.
VALUELESS_ATTRIBUTES = frozenset(
    """hidden disabled checked selected readonly required multiple autofocus autoplay controls
    loop muted default defer async open novalidate formnovalidate ismap reversed nomodule
    playsinline inert allowfullscreen itemscope download contenteditable popover compact
    nowrap noshade""".split()  # noqa: SIM905
)
# The elements HTML, SVG and MathML know, as the check reads names (in lower case, without a
# prefix): a tag of another name in a page (<kind>, <x, y>) shows nothing, nor its words.
MATHML_ELEMENTS = frozenset(
    """math mi mn mo ms mtext mspace mrow mfrac msqrt mroot mstyle merror mpadded mphantom
    menclose msub msup msubsup munder mover munderover mmultiscripts mprescripts none mtable
    mtr mtd mlabeledtr maction semantics annotation annotation-xml""".split()  # noqa: SIM905
)
KNOWN_ELEMENTS = (
    frozenset(
        """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i
    iframe img input ins kbd label legend li link main map mark menu meta meter nav noscript
    object ol optgroup option output p param picture pre progress q rp rt ruby s samp script
    search section select slot small source span strong style sub summary sup table tbody td
    template textarea tfoot th thead time title tr track u ul var video wbr
    acronym applet basefont bgsound big blink center dir font frame frameset image isindex
    keygen listing marquee menuitem multicol nextid nobr noembed noframes plaintext rb rtc
    spacer strike tt xmp portal fencedframe
    svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textpath
    desc metadata lineargradient radialgradient stop pattern clippath mask filter marker
    switch foreignobject view animate animatemotion animatetransform set mpath cursor
    feblend fecolormatrix fecomponenttransfer fecomposite feconvolvematrix fediffuselighting
    fedisplacementmap fedistantlight fedropshadow feflood fefunca fefuncb fefuncg fefuncr
    fegaussianblur feimage femerge femergenode femorphology feoffset fepointlight
    fespecularlighting fespotlight fetile feturbulence
    """.split()  # noqa: SIM905
    )
    | MATHML_ELEMENTS
)
OBSOLETE_TAGS = frozenset({"center", "font", "big", "strike", "tt", "marquee", "blink", "basefont"})

_BYTE_ORDER = (
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)  # fmt: skip
# The tokenizer: a start tag's name as HTML reads it (an ASCII letter first) and as XML
# does (any name character: <_:script>, <é:script>); then its attributes, quoted values
# holding any ">" ("[^"]*"? runs to the end of the text when the quote never closes).
# Spaces are HTML's five (a no-break space or a vertical tab is part of a name or value).
_HTML_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_XML_START = (
    "[:A-Z_a-z\xc0-\xd6\xd8-\xf6\xf8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff]"
)
_XML_NAME = re.compile(_XML_START + "[^\t\n\f\r />]*")
_END_TAG_NAME = re.compile(r"</[A-Za-z][^\t\n\f\r />]*")  # HTML reads its attributes too
# Where the two readings can part: a name only XML reads, a comment only HTML ends early.
_XML_ONLY_NAME = re.compile("<(?![A-Za-z])" + _XML_START)
HTML_ONLY_COMMENT_END = re.compile("<!---?>|--!>")
ODD_COMMENT = "this comment ends where only some readers end it — end it with -->"
_SPACE = re.compile(r"[\t\n\f\r /]*")
# A start tag as templates and Python-Markdown write it (names of letters, values in double
# quotes, spaces between): the tokenizer would read it just so.
_SIMPLE_TAG = re.compile(
    r"""<([A-Za-z][A-Za-z0-9-]*)((?:[\t\n\f\r ]+[A-Za-z_:][-\w:.]*(?:="[^"]*")?)*)[\t\n\f\r ]*/?>"""
)
_SIMPLE_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)(?:=("[^"]*"))?""")
_ATTRIBUTE = re.compile(
    r"""([^\t\n\f\r />][^\t\n\f\r />=]*)"""
    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*("[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?"""
)
# Elements whose text HTML does not read as markup (XML does: both readings are made).
_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
)


class Attribute(NamedTuple):
    """One attribute of a tag: its lower-case name, its value (None for a bare name), and
    where the value is written, quotes and all."""

    name: str
    value: str | None
    span: tuple[int, int]


class Tag(NamedTuple):
    """A start tag, as a browser's tokenizer reads it."""

    start: int
    end: int
    name: str  # lower-case, with its prefix (svg:script)
    attributes: tuple[Attribute, ...]

    def pairs(self) -> dict[str, str | None]:
        """Return the attributes by name (the first of a repeated name wins, as in HTML)."""
        return {a.name: a.value for a in reversed(self.attributes)}


def tags(text: str, *, xml: bool = False) -> Iterator[Tag]:
    """Yield the start tags of ``text`` as an HTML (or, with ``xml``, an XML) tokenizer reads
    them: comments, declarations and end tags skipped (an end tag's attributes read as a
    start tag's: ``</x a=">">`` ends at its last ">"), HTML's raw text too; in one pass."""
    position, absent = 0, set[str]()  # comment ends the text no longer holds
    while (start := text.find("<", position)) != -1:
        if text.startswith("<!--", start):
            position = comment_end(text, start, absent, xml=xml)
            continue
        if not xml and (name := _END_TAG_NAME.match(text, start)):  # read as a start tag is:
            _, position = read_attributes(text, name.end())  # a quoted ">" ends it not
            if position == -1:
                return  # an end tag the text ends in: the rest is in it
            continue
        if text[start + 1 : start + 2] in ("!", "?", "/"):  # a declaration, a bogus comment
            closing = text.find(">", start + 1)
            position = closing + 1 if closing != -1 else len(text)
            continue
        tag = start_tag(text, start, xml=xml)
        if tag is None:  # a "<" of text
            position = start + 1
            continue
        if tag.end == -1:
            return  # a tag the text ends in: no browser makes it
        yield tag
        position = tag.end
        if not xml and tag.name in _RAW_TEXT:
            end_tag = _end_tag(tag.name).search(text, position)
            position = end_tag.start() if end_tag else len(text)


def start_tag(text: str, start: int, *, xml: bool) -> Tag | None:
    """Return the start tag at ``start`` (its end -1 if the text ends in it), or None if
    there is none: most are read in one match, the others attribute by attribute."""
    if simple := _SIMPLE_TAG.match(text, start):
        return simple_tag(simple)
    name = (_XML_NAME if xml else _HTML_NAME).match(text, start + 1)
    if name is None:
        return None
    attributes, end = read_attributes(text, name.end())
    return Tag(start, end, name.group().lower(), attributes)


def simple_tag(match: re.Match[str]) -> Tag:
    """Return the tag of a match of ``_SIMPLE_TAG``: what the tokenizer would read, faster."""
    base = match.start(2)
    attributes = []
    for found in _SIMPLE_ATTRIBUTE.finditer(match.group(2)):
        name, written = found.group(1, 2)
        if written is None:
            attributes.append(Attribute(name.lower(), None, (-1, -1)))
            continue
        value = written[1:-1]
        value = html.unescape(value) if "&" in value else value
        span = (base + found.start(2), base + found.end(2))
        attributes.append(Attribute(name.lower(), value, span))
    return Tag(match.start(), match.end(), match.group(1).lower(), tuple(attributes))


@functools.cache
def _end_tag(name: str) -> re.Pattern[str]:
    # HTML ends raw text only at "</name" followed by white space, "/" or ">" ("</titlex"
    # is text: a tag after it is still inside the element)
    return re.compile(f"</{re.escape(name)}(?=[\\t\\n\\f\\r />])", re.IGNORECASE)


def comment_end(text: str, start: int, absent: set[str], *, xml: bool) -> int:
    """Return where the comment at ``start`` ends: the earliest end HTML (or XML) allows.
    An end found nowhere after one comment is in ``absent`` and not looked for again, so a
    text of many comments is read in one pass."""
    if not xml and text.startswith((">", "->"), start + 4):  # <!--> and <!--->
        return text.find(">", start + 4) + 1
    found = []
    for end in ("-->", "--!>")[: 1 if xml else 2]:
        at = -1 if end in absent else text.find(end, start + 4)
        if at == -1:
            absent.add(end)
        else:
            found.append(at + len(end))
    return min(found, default=len(text))


def read_attributes(text: str, position: int) -> tuple[tuple[Attribute, ...], int]:
    """Read attributes from ``position`` to the ``>`` that ends them; return them and the
    offset after that ``>`` (-1 if the text ends first)."""
    attributes: list[Attribute] = []
    while True:
        space = _SPACE.match(text, position)
        position = space.end() if space else position
        if position >= len(text):
            return tuple(attributes), -1
        if text[position] == ">":
            return tuple(attributes), position + 1
        match = _ATTRIBUTE.match(text, position)
        if match is None:  # cannot be: it takes any character but a space, "/" and ">"
            return tuple(attributes), -1
        written = match.group(2)
        attributes.append(Attribute(match.group(1).lower(), value_of(written), match.span(2)))
        position = match.end()


def value_of(written: str | None) -> str | None:
    """Return an attribute's value as written (quoted or not), its references decoded."""
    if written is None:
        return None
    quote = written[:1]
    if quote in ('"', "'"):
        written = written[1:-1] if len(written) > 1 and written.endswith(quote) else written[1:]
    return html.unescape(written) if "&" in written else written


def every_tag(text: str) -> list[Tag]:
    """Return the start tags of ``text`` read as HTML and as XML (a file can be served as
    either, and an SVG inside HTML is read by rules of both), each once, in order. Most texts
    hold nothing the readings differ on, and are read once."""
    html_tags = list(tags(text))
    if not readings_differ(text, html_tags):
        return html_tags
    found = {tag.start: tag for tag in tags(text, xml=True)}
    found |= {tag.start: tag for tag in html_tags}
    return [found[start] for start in sorted(found)]


@functools.lru_cache(maxsize=256)
def tags_of(html_text: str) -> tuple[Tag, ...]:
    """Return ``every_tag`` of a text that more than one step reads, kept a while: a rendered
    page body (the check's links and markup scan, the rewriting of its links), an attachment
    (the content check, the link check of the built site). A freeze makes each page right
    after checking it; a text's tags take far more memory than its text."""
    return tuple(every_tag(html_text))


def readings_differ(text: str, html_tags: list[Tag]) -> bool:
    """Tell whether XML may read tags in ``text`` that HTML does not: names only XML reads,
    comments only HTML ends early, or a ``<`` in what HTML reads as raw text."""
    if _XML_ONLY_NAME.search(text) or HTML_ONLY_COMMENT_END.search(text):
        return True
    return any(raw_text_with_markup(text, html_tags))


def raw_text_with_markup(text: str, found: list[Tag]) -> Iterator[Tag]:
    """Yield the elements (but scripts, refused anyway) whose text HTML reads as raw text
    that hold a ``<``: in an SVG or MathML, or in XML, the same text is markup, so the two
    readings of the rest can part (and the check could follow the wrong one)."""
    for tag in found:
        if tag.name in _RAW_TEXT and tag.name != "script":
            closing = _end_tag(tag.name).search(text, tag.end)
            if text.find("<", tag.end, closing.start() if closing else len(text)) != -1:
                yield tag


def raw_text_end(text: str, tag: Tag) -> int | None:
    """Return where the text of an element HTML reads as raw text (a script, an iframe) ends:
    the start of its end tag, or the end of ``text`` if it has none (browsers read all the rest
    as its text); None for any other element."""
    if tag.name not in _RAW_TEXT:
        return None
    end_tag = _end_tag(tag.name).search(text, tag.end)
    return end_tag.start() if end_tag else len(text)


def attributes_of(text: str) -> Iterator[tuple[str, str | None]]:
    """Yield the (lower-case name, value) pairs of attributes written as in a tag."""
    attributes, _ = read_attributes(text + ">", 0)
    for attribute in attributes:
        yield attribute.name, attribute.value


def markup_texts(raw: bytes, suffix: str) -> list[str]:
    """Return the texts a browser may read a file as, when it may read it as HTML or XML: a
    file with a markup suffix or that starts as markup does (``<``), whatever its encoding,
    or any file that holds text (servers differ in the types they give); none for the
    others (images, PDFs). A byte order mark decides; UTF-16 without one
    is read as XML reads it and as HTML does (as bytes)."""
    for mark, codec in _BYTE_ORDER:
        if raw.startswith(mark):
            return [raw.decode(codec, "replace")]
    as_bytes = raw.decode("utf-8", "replace")
    if raw.startswith((b"<\0", b"\0<")):
        return [raw.decode("utf-16-le" if raw[0] else "utf-16-be", "replace"), as_bytes]
    if suffix.lower() in MARKUP_SUFFIXES or as_bytes.lstrip()[:1] == "<":
        return [as_bytes]  # by its name, or by how it starts: served as XML (.rdf, .mml…)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return []
    return [text] if "\0" not in text else []


def link_spans(attribute: str, value: str) -> list[tuple[int, int]]:
    """Return where in its ``value`` an attribute writes each address a reader follows or a
    page loads: all of an ``href``'s, a ``src``'s, a ``poster``'s; each of a ``srcset``'s
    candidates, its width or density aside; nowhere for another attribute."""
    name = local(attribute)
    if name in _LINKS:
        return [(0, len(value))]
    return [found.span(1) for found in _CANDIDATE.finditer(value)] if name in _LINK_LISTS else []


def linked_addresses(attribute: str, value: str | None) -> list[str]:
    """Return the addresses an attribute's ``value`` links to or loads (``link_spans``)."""
    written = value or ""
    return [written[start:end] for start, end in link_spans(attribute, written)]


# Why an address on another site shows nothing in the site's pages.
NOT_LOADED = "which the site's pages do not load (their Content-Security-Policy)"


def on_another_site(address: str) -> bool:
    """Tell an address of another site (``https://…``, ``//host/…``)."""
    return scheme_of(address) in ("http", "https") or address.strip().startswith("//")


def scheme_of(url: str) -> str:
    """Return the scheme of a URL as a browser reads it (spaces and controls dropped)."""
    match = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\s\x00-\x1f]", "", url).lower())
    return match.group(1) if match else ""


def unsafe_address(address: str) -> Finding | None:
    """Return the problem of an address whose scheme runs code wherever it is (``javascript:``,
    ``data:``, ``vbscript:``), or None: the one judgement for an attribute's value, a link
    of a page and an address of the front matter, site.yml or the members."""
    scheme = scheme_of(address)
    if scheme not in UNSAFE_SCHEMES:
        return None
    return Finding(
        f"'{address.strip()}' uses {scheme}:, which can run code — link to a page or file of "
        "the site, or to an https:// address"
    )


def tag_problems(
    name: str, pairs: Mapping[str, str | None], where: str = PAGE
) -> Iterator[Finding]:
    """Yield the problems of one tag, judged for ``where`` it is."""
    name = local(name)  # <svg:script> is a script too
    if name in RUNS_CODE:
        yield Finding(f"<{name}> is not allowed: {RUNS_CODE[name]}")
    elif name in HEAD_ONLY and where == PAGE:
        yield Finding(f"<{name}> is not allowed in a page: {HEAD_ONLY[name]}")
    elif name in HIDES_TEXT and where == PAGE:
        yield Finding(f"<{name}> is not allowed in a page: {HIDES_TEXT[name]} — remove it")
    elif name in OBSOLETE_TAGS and where == PAGE:
        yield Finding(f"<{name}> is obsolete HTML — remove it (the site's CSS does its job)", True)

    refresh = (pairs.get("http-equiv") or "").lower() == "refresh"
    if name == "meta" and refresh and (where != BUILT or not own_refresh(pairs.get("content"))):
        yield Finding("a <meta> refresh sends readers to another address — link to it instead")
    animated = local((pairs.get("attributename") or "").strip()).lower()
    if name in _ANIMATIONS and (animated == "href" or animated.startswith("on")):
        what = "a link" if animated == "href" else f"a handler ({animated}=)"
        yield Finding(f"an SVG <{name}> that changes {what} can run code — remove it")
    if where == PAGE and (hiding := hiding_attribute(name, pairs)):
        yield Finding(f"{hiding} hides the element and all it holds from readers — remove it")
    if name in MATHML_ELEMENTS and (pairs.get("dir") or "").strip().lower() == "rtl":
        yield Finding(
            f'<{name} dir="rtl"> draws what it holds the other way round: '
            "'fdp.tropeR' reads 'Report.pdf' (readers see what the file does not say) — remove it"
        )
    if OVERRIDES_DIRECTION.search(pairs.get("unicode-bidi") or ""):
        yield Finding(
            'unicode-bidi="bidi-override" draws the letters one by one in the direction it '
            "names: 'fdp.tropeR' reads 'Report.pdf' (readers see what the file does not say) "
            "— remove it"
        )
    if name == "bdo" and where == PAGE:
        yield Finding(
            "<bdo> draws the letters it holds one by one in the direction it names: "
            "'fdp.tropeR' reads 'Report.pdf' (readers see what the file does not say) — remove "
            "it (Arabic or Hebrew shows the right way without it; <bdi> keeps a name's own)"
        )
    if where == PAGE and (size := too_small(name, pairs)):
        yield Finding(
            f"{size} draws what it shows too small or too large to read — remove it (the "
            "site's styles size a formula)"
        )
    if where == PAGE and (far := moved_far(name, pairs)):
        yield Finding(
            f"<{name}> moves or spaces what it shows by {far}, which can take it off the page "
            f"or over other words — keep within {FARTHEST:g}em"
        )
    if where == PAGE and (colour := next((a for a in COLOURS if a in pairs), None)):
        yield Finding(
            f"{colour}= sets a colour, which can hide the words on the site's light or dark "
            "background — remove it (the site's styles colour the page)"
        )
    for attribute, value in pairs.items():
        if attribute.startswith("data-pagefind") and (name, attribute) != _INDEXED:
            yield Finding(f"{attribute}= {_STEERS_SEARCH}")
        if local(attribute) in _TOLD and where != BUILT:
            yield Finding(
                f"{attribute}= tells another address of each reader who clicks or sees this, "
                "which the Content-Security-Policy blocks — remove it",
                True,
            )
        if (name, local(attribute)) in _LOADED and value and where != BUILT:
            addresses = listed_addresses(attribute, value) if attribute in _URL_LISTS else [value]
            if elsewhere := next((a for a in addresses if on_another_site(a)), None):
                yield Finding(
                    f"<{name} {attribute}=> loads '{elsewhere.strip()}' from another site, "
                    f"{NOT_LOADED} — put the file in content/files/ and show it from there",
                    True,
                )
    yield from attribute_problems(pairs, where)


def own_refresh(content: str | None) -> bool:
    """Tell a <meta> refresh's ``content`` that leads to a page of the site, as the engine's
    redirect pages write it (``0; url=/sciml/about/``): a path, read as browsers read it
    (tabs and line breaks dropped, a "\\" as a "/")."""
    target = _REFRESH.match(content or "")
    path = re.sub(r"[\t\n\r]", "", target[1] if target else "").replace("\\", "/")
    return path.startswith("/") and not path.startswith("//")


def moved_far(name: str, pairs: Mapping[str, str | None]) -> str:
    """Return the length by which a MathML element (``name``: ``mpadded``, ``mspace``)
    moves or spaces what it shows past ``FARTHEST`` em either way (``-9999em``), or ""."""
    if local(name) not in _MOVING:
        return ""
    for attribute in (attribute for attribute in _MOVES if attribute in pairs):
        length = _LENGTH.fullmatch((pairs[attribute] or "").strip())
        if length and length[3] in _EMS and float(length[2]) * _EMS[length[3]] > FARTHEST:
            return length[0]  # 50%, a named space: no farther than what it holds
    return ""


def nested(
    text: str,
    found: Iterable[Tag],
    root: list[Any],
    closed: Callable[[list[Any], list[Any]], None] = lambda _element, _parent: None,
) -> Iterator[tuple[Tag, list[list[Any]]]]:
    """Yield each start tag of ``text`` (``found``) with the elements open around it: a stack
    that starts with ``root``, on which the caller puts each element it follows (its name
    first) but one that closes itself; an end tag closes what it ends, and all left open in
    it (as browsers read them), each told to ``closed`` with the element it was in."""
    ends = [(end.start(), end[1].lower()) for end in _END_TAG.finditer(text)]
    starts = [(tag.start, tag) for tag in found]
    open_ = [root]
    for _, item in sorted([*starts, *ends], key=lambda pair: pair[0]):
        if isinstance(item, str):  # an end tag: what it closes, and all left open in it
            names = [element[0] for element in open_]
            if item in names[1:]:
                for _ in range(names[::-1].index(item) + 1):
                    closed(open_.pop(), open_[-1])
            continue
        yield item, open_


def shrunk(text: str, found: Iterable[Tag]) -> Iterator[tuple[int, str]]:
    """Yield where ``text`` (whose start tags are ``found``) nests what shrinks its words
    until they are too small to read, and the tag that does it: ``<small>`` in ``<small>``,
    ``<sub>``, ``<sup>`` (each a sixth smaller), a ruby's ``<rt>`` (half), MathML's
    ``mathsize``, and its script levels (each 0.71 times the one it is in): set by
    ``scriptlevel``, or by a script, a fraction's parts, a root's index, however deep."""
    for item, open_ in nested(text, found, ["", 1.0, 0, 0]):  # element, size, script level,
        name, pairs = local(item.name), item.pairs()  # its children
        parent = open_[-1]
        size, level = parent[1], parent[2]
        if name in _SMALLER:
            size *= _SMALLER[name]
        elif name in MATHML_ELEMENTS:
            added = _SCRIPTS.get(parent[0], ())
            level += added[parent[3]] if parent[3] < len(added) else 0
            parent[3] += 1
            size *= mathsize(pairs.get("mathsize"))
            level = script_level(pairs.get("scriptlevel"), level)
        else:
            continue
        drawn = size * _SCRIPT_SIZE ** max(level, 0)
        if size < SMALLEST or drawn < SMALLEST_DRAWN:
            if not too_small(name, pairs):  # one tag alone is said by tag_problems
                yield item.start, text[item.start : item.end]
            return
        if not text[item.start : item.end].endswith("/>"):
            open_.append([name, size, level, 0])


_SHOWING = frozenset({"mi", "mn", "mo", "mtext", "ms"})  # MathML's elements of what is read
_CELLS = frozenset({"mtd", "mtr", "mlabeledtr", "mtable"})  # laid out in columns and rows


def moved_in_all(text: str, found: Iterable[Tag]) -> Iterator[tuple[int, str]]:
    """Yield where ``text`` (whose start tags are ``found``) draws what it shows farther than
    ``FARTHEST`` em up or down, or left (or four times as far right), in all: moves that
    each stay within it add up (``<mpadded voffset>`` in another, spaces one after another
    in a row), and the tag that shows the words so moved. A single move is ``moved_far``'s."""

    def closed(element: list[Any], parent: list[Any]) -> None:  # {\kern-7em}{\kern-7em}: a
        if element[0] not in _CELLS:  # group's spaces move what follows it (a cell, its row)
            parent[3] += element[3]

    for item, open_ in nested(text, found, ["", 0.0, 0.0, 0.0], closed):  # element, up, right,
        name, pairs = local(item.name), item.pairs()  # its row's spaces
        if name not in MATHML_ELEMENTS:
            continue
        parent = open_[-1]
        up, right = parent[1], parent[2] + parent[3]
        if name == "mpadded":  # (one move past FARTHEST alone is moved_far's: counted as it)
            up, right = up + em_length(pairs.get("voffset")), right + em_length(pairs.get("lspace"))
        elif name == "mspace":
            parent[3] += em_length(pairs.get("width"))
        if name in _SHOWING and (abs(up) > FARTHEST or not -FARTHEST <= right <= 4 * FARTHEST):
            yield item.start, text[item.start : item.end]
            return
        if not text[item.start : item.end].endswith("/>"):
            open_.append([name, up, right, 0.0])


def em_length(value: str | None) -> float:
    """Return a length MathML writes, in em, up to ``FARTHEST`` either way (0 if it is none
    the check can tell: 50%)."""
    length = _LENGTH.fullmatch((value or "").strip())
    if not length or length[3] not in _EMS:
        return 0.0
    em = float(length[2]) * _EMS[length[3]] * (-1 if "-" in length[1] else 1)
    return max(-FARTHEST, min(em, FARTHEST))


def stray_end_tags(text: str) -> Iterator[tuple[int, str]]:
    """Yield where ``text`` (a page's HTML) ends an element it never started, and its name:
    a browser drops such an end tag (``</center>`` in "the old </center> tag": readers see
    nothing of it), or, of those the layout holds its text in (``LAYOUT_ELEMENTS``), ends
    the layout's there, and the words after it are outside the page's text."""
    opened: dict[str, int] = {}
    for found in _ANY_TAG.finditer(text):
        name = found[2].lower()
        if not found[1]:
            opened[name] = opened.get(name, 0) + 1
        elif opened.get(name, 0):
            opened[name] -= 1
        else:
            yield found.start(), found[2]


def is_length(value: str) -> bool:
    """Tell a length as TeX writes one: a number with one sign at most, and a unit the check
    knows (``_EMS``), or none."""
    length = _LENGTH.fullmatch(value.strip())
    return length is not None and len(length[1]) <= 1 and length[3] in _EMS


def mathsize(value: str | None) -> float:
    """Return the size ``mathsize`` sets, in times the size it is in (1 if it sets none the
    check can tell)."""
    value = (value or "").strip().lower()
    length = _LENGTH.fullmatch(value.removesuffix("%"))
    if not length or length[1] == "-" or not (length[3] in _EMS or value.endswith("%")):
        return 1.0
    return float(length[2]) / 100 if value.endswith("%") else float(length[2]) * _EMS[length[3]]


def script_level(value: str | None, level: int) -> int:
    """Return the script level ``scriptlevel`` sets in one of ``level`` (+1: a level deeper,
    2: the second)."""
    found = re.fullmatch(r"([+-]?)(\d+)", (value or "").strip())
    if not found:
        return level
    number = int(found[2]) if len(found[2]) <= 4 else 9999  # past any that draws a word
    return level + (-number if found[1] == "-" else number) if found[1] else number


def too_small(name: str, pairs: Mapping[str, str | None]) -> str:
    """Return the attribute of a MathML element that makes what it shows unreadable, as
    written: a size under half the text's (TeX's \\tiny is half), a script level past
    two (a script of a script); or ""."""
    if 0 < mathsize(pairs.get("mathsize")) < SMALLEST:  # none at all hides it (hiding_attribute)
        return f'mathsize="{(pairs.get("mathsize") or "").strip().lower()}"'
    if abs(script_level(pairs.get("scriptlevel"), 0)) > 2:
        return f'scriptlevel="{(pairs.get("scriptlevel") or "").strip()[:20]}"'
    return ""


def overlapping(name: str, pairs: Mapping[str, str | None]) -> str:
    """Return a MathML box of no width, height or depth, as written: what it holds is drawn
    over the words beside it (TeX's own, ``\\not`` and ``\\mathstrut``, hold a mark or
    nothing: judge only what a page writes by hand); or ""."""
    if local(name) == "mpadded":
        for attribute in ("width", "height", "depth"):
            if _ZERO.fullmatch(size := (pairs.get(attribute) or "").strip().lower()):
                return f'<mpadded {attribute}="{size}">'
    return ""


def hiding_attribute(name: str, pairs: Mapping[str, str | None]) -> str | None:
    """Return the attribute of a tag (of element ``name``) that hides it from readers, as
    written (``hidden=``, ``display="none"``, an SVG's ``width="0"``), or None."""
    if found := next((a for a in _HIDING if a in pairs), None):
        return f"{found}="
    for attribute, values in _HIDING_VALUES.items():
        if (value := (pairs.get(attribute) or "").strip().lower()) in values:
            return f'{attribute}="{value}"'
    for attribute in _HIDING_AT_ZERO if name in _SIZED else _HIDING_AT_ZERO[:3]:
        if _ZERO.fullmatch(value := (pairs.get(attribute) or "").strip().lower()):
            return f'{attribute}="{value}"'
    hiding = HIDING_CLASSES.intersection((pairs.get("class") or "").split())
    return f'class="{min(hiding)}"' if hiding else None


def attribute_problems(pairs: Mapping[str, str | None], where: str) -> Iterator[Finding]:
    """Yield the problems of a tag's attributes: handlers, styles, unsafe addresses."""
    for attribute, value in pairs.items():
        if local(attribute).startswith("on"):
            yield Finding(
                f"the {attribute}= handler runs code, which the site's CSP blocks — remove it"
            )
        elif local(attribute) == "formaction":  # a button's own form address
            yield Finding(f"{attribute}= {RUNS_CODE['form']}")
        elif local(attribute) == "rel" and "opener" in (value or "").lower().split():
            yield Finding(
                'rel="opener" lets the page a link opens send this one to another address '
                "(browsers keep them apart without it) — remove it"
            )
        elif attribute == "style" and where == PAGE:
            yield Finding("style= is blocked by the site's Content-Security-Policy — use a class")
        elif local(attribute) in _URL_ATTRIBUTES and value and (unsafe := unsafe_address(value)):
            yield unsafe
        elif local(attribute) in _URL_LISTS and value:  # "a.png 1x, data:…,… 2x": each URL
            found = (unsafe_address(part) for part in listed_addresses(attribute, value))
            yield from itertools.islice(filter(None, found), 1)


def listed_addresses(attribute: str, value: str) -> list[str]:
    """Return the addresses an attribute lists: a ``srcset``'s, each before its width or
    density (a ``data:`` address keeps its commas), or ``ping``'s, apart by spaces."""
    return value.split() if local(attribute) == "ping" else _CANDIDATE.findall(value)


def unclosed_blocks(text: str) -> list[tuple[str, int]]:
    """Return the block elements of ``text`` (a page's, comments and code blanked) that are
    never closed, outermost first, each with the offset of its start tag: Python-Markdown
    loses what follows some of them."""
    return _nesting(text, _BLOCK_TAG).open


def unclosed_formatting(text: str) -> list[tuple[str, int]]:
    """Return the formatting elements of ``text`` (a page's, comments and code blanked) that
    are never closed, outermost first, each with the offset of its start tag: browsers go on
    with them over the rest of the page."""
    return _nesting(text, _FORMATTING_TAG).open


def unseen_words(text: str) -> list[tuple[str, int, bool]]:
    """Return the elements of ``WORDS_UNSEEN`` in ``text`` (a page's, comments and code
    blanked) that hold words, each with the offset of its start tag and whether it is closed:
    the outermost of each name, to its end tag or, never closed, to the end of the text
    (which browsers then hide too). ``<video />`` starts a video: only SVG's and MathML's
    elements end at "/>"."""
    spans: list[tuple[str, int, int, int]] = []  # name, start tag's start and end, end tag's
    opened: dict[str, re.Match[str]] = {}
    for tag in _UNSEEN_TAG.finditer(text):
        name = local(tag[2])
        if not tag[1]:
            if not (tag[0].endswith("/>") and name in _FOREIGN_UNSEEN):
                opened.setdefault(name, tag)
        elif start := opened.pop(name, None):
            spans.append((name, start.start(), start.end(), tag.start()))
    spans += [(name, start.start(), start.end(), len(text)) for name, start in opened.items()]
    return sorted(
        (name, offset, name not in opened)
        for name, offset, start, end in spans
        if any(c.isalnum() for c in reader_text(text[start:end]))
    )


def reader_text(html_text: str, *, apart: bool = False) -> str:
    """Return the text a reader of ``html_text`` sees, as one string: comments and tags read
    as nothing (a block's or a break's as a line's end; with ``apart``, every tag as a
    space: ``ada@example.org<sup>1</sup>`` ends at its "g"), character references decoded."""
    pieces, position = [], 0
    while (start := html_text.find("<!--", position)) >= 0:  # each comment read once
        pieces.append(html_text[position:start])
        end = html_text.find("-->", start + 4)
        position = len(html_text) if end < 0 else end + 3
    pieces.append(html_text[position:])
    return html.unescape(_MARKUP.sub(" " if apart else "", _LINE_TAG.sub("\n", "".join(pieces))))


def nested_past(text: str, most: int) -> tuple[int, int] | None:
    """Return how deep the HTML elements of ``text`` nest and the offset of the first start
    tag past ``most`` deep, or None if none is. Elements that need no end tag (``<br>``,
    ``<p>``, ``<li>``, ``<td>``…: the next one closes them) count for nothing."""
    found = _nesting(text, _ANY_TAG, most)
    return None if found.past is None else (found.deepest, found.past)


class _Nesting(NamedTuple):
    open: list[tuple[str, int]]  # the elements never closed, outermost first, and where
    deepest: int  # how many were open at once, at most
    past: int | None  # where the first start tag past the depth asked about is


def _nesting(text: str, tag: re.Pattern[str], most: int = 0) -> _Nesting:
    """Read the elements of ``text`` that ``tag`` finds (group 1: "/" of an end tag, group 2:
    the name) in one pass: an end tag closes the innermost open element of its name, and
    any opened inside it; one of no open element is ignored. ``most``: the depth past which
    the first start tag is noted (0: none)."""
    opened: list[tuple[str, int]] = []
    counts: dict[str, int] = {}
    deepest, past = 0, None
    for found in tag.finditer(text):
        name = found[2].lower()
        if name in _UNCOUNTED:
            continue
        if not found[1]:
            if not found[0].endswith("/>"):
                opened.append((name, found.start()))
                counts[name] = counts.get(name, 0) + 1
                deepest = max(deepest, len(opened))
                if past is None and most and len(opened) > most:
                    past = found.start()
        elif counts.get(name):
            while True:
                inner, _ = opened.pop()
                counts[inner] -= 1
                if inner == name:
                    break
    return _Nesting(opened, deepest, past)


def local(name: str) -> str:
    """Return a name without its namespace prefix, in lower case: ``xlink:href`` -> ``href``."""
    return name.lower().rsplit(":", 1)[-1]


def scan(text: str, where: str, found: Iterable[Tag] | None = None) -> Iterator[Finding]:
    """Yield each problem of the markup in ``text`` (whose tags may be ``found`` already),
    at its offset."""
    patterns = dict(MISREAD) if where == FILE else {}  # a page's encoding is the site's
    patterns[HTML_ONLY_COMMENT_END] = ODD_COMMENT
    for pattern, message in patterns.items():
        yield from (Finding(message, offset=found.start()) for found in pattern.finditer(text))
    if where == FILE:  # a page's styles are the site's own
        for loaded in _STYLE_LOAD.finditer(text):
            message = (
                f"its style loads '{loaded[1]}' from another site when the file is opened, "
                "telling it of each reader — put the file in content/files/ and load it from there"
            )
            yield Finding(message, True, loaded.start())
    found = list(tags_of(text) if found is None else found)
    for tag in found:
        for problem in tag_problems(tag.name, tag.pairs(), where):
            yield dataclasses.replace(problem, offset=tag.start)
    for tag in raw_text_with_markup(text, found):
        message = (
            f"the text of <{tag.name}> holds a '<', which HTML reads as text and SVG as markup "
            "— write &lt; instead"
        )
        yield Finding(message, offset=tag.start)


_CARRIER_RUN = re.compile(f"(?:{CARRIERS.pattern}){{4,}}")  # bytes by chance make one at most


def carrier_run(text: str) -> re.Match[str] | None:
    """Return the first run of four or more characters of ``text`` that can carry words
    nobody sees (``CARRIERS``), a flag's tags apart: the text of a packed file read as
    UTF-8, where one alone may be a picture's bytes."""
    return _CARRIER_RUN.search(_flags_apart(text)) if CARRIERS.search(text) else None


def carrier(text: str) -> re.Match[str] | None:
    """Return the first character of ``text`` that can carry words nobody sees
    (``CARRIERS``), the tags of a flag (England's, Scotland's, Wales') apart; at its offset."""
    return CARRIERS.search(_flags_apart(text)) if CARRIERS.search(text) else None


def _flags_apart(text: str) -> str:
    """Return ``text`` with each flag's tag sequence as flags (as many: offsets kept)."""
    return FLAGS.sub(lambda flag: "\U0001f3f4" * len(flag[0]), text)


_REFERENCE = re.compile(r"&#(?:[xX]0*+([0-9a-fA-F]{1,6})|0*+([0-9]{1,7}))(?![0-9a-fA-F]);?")


def carrier_references(text: str) -> Iterator[re.Match[str]]:
    """Yield the character references of ``text`` (HTML's ``&#xE0041;``) to characters that
    can carry words nobody sees (``CARRIERS``), a page shows them as the characters."""
    for found in _REFERENCE.finditer(text):
        point = int(found[1], 16) if found[1] else int(found[2])
        if point <= 0x10FFFF and CARRIERS.match(chr(point)):
            yield found


# CSS's (and SVG's attribute's) override of the letters' own direction, as <bdo> does.
OVERRIDES_DIRECTION = re.compile(r"\b(?:bidi|isolate)-override\b", re.IGNORECASE)
CSS_OVERRIDES_DIRECTION = re.compile(
    rf"unicode-bidi\s*:\s*{OVERRIDES_DIRECTION.pattern}", re.IGNORECASE
)
# What sets the direction of the words around it, as itself or as a reference: the marks
# (RLM, ALM), embeddings and isolates (not the overrides: errors of their own), dir="rtl".
_SETS_DIRECTION = re.compile(
    "[\u200f\u061c\u202a\u202b\u2066-\u2069]|&(?:rlm|#[xX]0*+(?:200[fF]|61[cC]|202[aAbB]"
    "|206[6-9])|#0*+(?:8207|1564|823[45]|829[4-7]))(?![0-9a-zA-Z]);?"
    r"""|\bdir\s*=\s*(["']?)rtl\b\1""",
)


def needless_directions(text: str) -> Iterator[re.Match[str]]:
    """Yield what sets a direction in ``text`` in a paragraph that holds no right-to-left
    letter (Arabic, Hebrew…): there it only shows the words in another order than written
    ("3 : 1" as "1 : 3"). Each paragraph is read once."""
    end, rtl = -1, False  # where the paragraph read last ends, and what it holds
    for found in _SETS_DIRECTION.finditer(text):
        if found.start() >= end:  # (a scan back to the last paragraph's end at most)
            start = text.rfind("\n\n", 0, found.start()) + 1
            end = text.find("\n\n", found.end())
            end = len(text) if end < 0 else end
            rtl = any(bidirectional(c) in ("R", "AL") for c in text[start:end])
        if not rtl:
            yield found


# A part of a host's name: letters (of any script: an IDN), digits and '-', not at its ends.
_HOST_PART = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")


def split_address(address: str) -> SplitResult | None:
    """Return ``address`` split as ``urlsplit`` splits it, or None where it cannot: a '['
    or ']' in its host that opens or closes no IPv6 address (``https://x]/``), which no
    browser opens either."""
    try:
        return urlsplit(address)
    except ValueError:
        return None


def reachable_port(address: str) -> bool:
    """Tell a web address whose port, if it names one, is one browsers can reach (not 0)."""
    try:
        return (parts := split_address(address)) is not None and parts.port != 0
    except ValueError:  # a port out of range, or no number
        return False


def reachable_host(host: str) -> bool:
    """Tell a host's name that browsers can look up: parts of letters, digits and '-' (not
    first or last), none empty (a last '.' is DNS's own); an IPv6 address; an IPv4 address
    of four numbers at most, each of its byte (``1.2.3.4.5`` and ``256.1.1.1`` are none)."""
    if ":" in host:  # IPv6, which urlsplit read from its brackets
        return True
    parts = host.removesuffix(".").split(".")
    if all(part.isdigit() for part in parts):  # as browsers read one: 1.2.3 is 1.2.0.3
        numbers = [int(part) for part in parts]
        return (
            len(numbers) <= 4
            and max(numbers[:-1], default=0) <= 255
            and numbers[-1] < (256 ** (5 - len(numbers)))
        )
    return all(_HOST_PART.fullmatch(part) for part in parts)
