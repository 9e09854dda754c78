"""An issue's Markdown as GitHub shows it (CommonMark, as cmark-gfm reads it), and whether the
site would show the same.

    read_markdown(text)        -> Reading: its tokens, code lines, link definitions and uses
    html_pieces(reading)       -> (line, HTML) of each piece GitHub reads as raw HTML
    shown_otherwise(text, ...) -> the first line whose words or links the site shows otherwise

The site reads Markdown with Python-Markdown, which differs from CommonMark in many small
ways; the editor who approves an issue sees it as GitHub does. So what is code, HTML and a link
definition is read here with markdown-it-py, a CommonMark parser, and what the editor sees is
compared with what the site would publish: the words of the text (letters and digits: the
site's curly quotes and dashes are no words), the words of the attributes a page shows
(``value=``, ``alt=``…), and the addresses it links to.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from ..markdown.addresses import is_invisible
from ..markdown.formulas import FORMULA
from ..markdown.markup import listed_addresses
from ..markdown.render import RenderError, backslash_shown, markdown_to_html
from ..markdown.source_map import ESCAPE

# The elements GitHub's sanitizer lets through (html-pipeline's allowlist). It drops any
# other, so the editor would not see what the page shows of it: an <input>'s value, a <select>.
GITHUB_ELEMENTS = frozenset(
    {"a", "abbr", "b", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del",
     "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
     "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q",
     "rp", "rt", "ruby", "s", "samp", "small", "source", "span", "strike", "strong", "sub",
     "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "ul",
     "var", "wbr"}
)  # fmt: skip
# The elements that show their words as something other than text, and what, as a
# difference between GitHub and the site says it ("Results" as a heading, or as text)
SHOWN_AS = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "as a heading"),
    **dict.fromkeys(("pre", "code", "kbd", "samp", "tt"), "as code"),
    "blockquote": "in a quote",
    **dict.fromkeys(("li", "dt", "dd"), "in a list"),
    **dict.fromkeys(("th", "td"), "in a table"),
    **dict.fromkeys(("em", "i"), "in italics"),
    **dict.fromkeys(("strong", "b"), "in bold"),
    **dict.fromkeys(("del", "s", "strike"), "struck through"),
}
# The attributes it lets through (html-pipeline's allowlist): any other it drops, so the
# editor would not see what it does on the page (hidden, popover, class, srcset, ping, style).
GITHUB_ATTRIBUTES = frozenset(
    {"abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt",
     "aria-describedby", "aria-hidden", "aria-label", "aria-labelledby", "axis", "border",
     "cellpadding", "cellspacing", "char", "charoff", "charset", "checked", "clear", "cols",
     "colspan", "color", "compact", "coords", "datetime", "dir", "disabled", "enctype", "for",
     "frame", "headers", "height", "hreflang", "hspace", "ismap", "label", "lang", "maxlength",
     "media", "method", "multiple", "name", "nohref", "noshade", "nowrap", "open", "progress",
     "prompt", "readonly", "rel", "rev", "role", "rows", "rowspan", "rules", "scope",
     "selected", "shape", "size", "span", "start", "summary", "tabindex", "target", "title",
     "type", "usemap", "valign", "value", "vspace", "width", "itemprop"}
)  # fmt: skip
GITHUB_ELEMENT_ATTRIBUTES = {
    "a": {"href"}, "img": {"src", "longdesc"}, "div": {"itemscope", "itemtype"},
    "blockquote": {"cite"}, "del": {"cite"}, "ins": {"cite"}, "q": {"cite"},
    "source": {"srcset"},
}  # fmt: skip
# The TeX commands a proposal may hold: those that write what they say. The others can link,
# colour, move, shrink, overlap, strike or hide text (\href, \color, \raise, \rlap, \tiny,
# \cancel, \phantom), or write any character (\unicode), and GitHub renders formulas
# otherwise than the site (or not at all): refused wherever they are written.
TEX_COMMANDS = frozenset(
    """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu
    nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma
    Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega frac dfrac tfrac binom sqrt sum
    prod coprod int iint iiint oint lim limsup liminf sup inf max min arg det dim ker log ln
    lg exp sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh partial nabla infty
    cdot cdots ldots dots vdots ddots times div pm mp ast star circ bullet oplus otimes leq
    geq le ge neq ne approx equiv sim simeq cong propto ll gg in notin ni subset subseteq
    supset supseteq cup cap setminus emptyset varnothing forall exists neg land lor wedge
    vee implies iff to gets mapsto rightarrow leftarrow leftrightarrow Rightarrow Leftarrow
    Leftrightarrow longrightarrow longmapsto uparrow downarrow mid parallel perp angle
    triangle square mathbb mathcal mathrm mathbf mathit mathsf mathtt mathfrak boldsymbol
    text textrm textit textbf operatorname left right big Big bigg Bigg langle rangle lvert
    rvert lVert rVert vert Vert lfloor rfloor lceil rceil quad qquad hat widehat bar
    overline underline tilde widetilde vec dot ddot prime top intercal dagger ell hbar Re Im
    aleph begin end""".split()  # noqa: SIM905 (a list of words, read as one)
)
TEX_COMMAND = re.compile(r"\\([A-Za-z]+)")
_SHOWN_ATTRIBUTES = ("alt", "value", "placeholder", "label")  # words a page shows, not as text
_LINK_ATTRIBUTES = ("href", "src")
_WORD = re.compile(r"[^\W_]+")
_OTHER_SITE = re.compile(r"(?i)(?:https?:)?//")
# What the site reads and GitHub shows as text: footnotes, set apart in blocks of their own
# (GitHub shows them at the end, as the site does), and abbreviations' definitions. As
# Python-Markdown's footnotes and abbr extensions read them.
_FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]]*)\]:[ \t]*")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\][]*)\](?!:)")  # no bracket in a name
_ABBREVIATION = re.compile(r"^[*]\[([^\\]*?)\][ ]?:.*$")
# What GitHub draws that the site shows as written (CommonMark, which the words are compared
# in, does not know them): alerts, task lists, $…$ formulas, emoji by name, a line break.
_GITHUB_DRAWS = (
    (re.compile(r"^\s*>\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.I), "an alert box"),
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\](?:\s|$)"), "a check box"),
    (re.compile(r"(?<![\\$])\$(?![\s$])[^$\n]*?(?<![\s\\$])\$(?![\w$])"), "a formula ($…$)"),
    (re.compile(r"(?<![\w:]):[a-z][a-z0-9_+-]*:(?![\w:])"), "an emoji (:name:: write the emoji)"),
    (re.compile(r"(?<!\\)(?:\\\\)*\\$"), "a line break (a backslash at the line's end)"),
)


@functools.cache
def github_draws() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Return what GitHub draws that the site shows as written (``_GITHUB_DRAWS``), and a
    mark after a backslash that GitHub shows alone and the site with it (``\\?``)."""
    marks = re.escape("".join(sorted(backslash_shown())))
    kept = re.compile(rf"(?<!\\)(?:\\\\)*\\[{marks}]")
    return (*_GITHUB_DRAWS, (kept, "a mark without its backslash (\\? as ?: write the mark alone)"))


_CODE_SPAN = re.compile(r"(`+)[^`].*?\1")  # (on one line: enough to keep code out)
_INDENTED = re.compile(r"^(?: {4}|\t)")


# What GitHub draws of a line of Markdown, by markdown-it's tokens: what the site, showing a
# one-line field as written, shows otherwise.
_DRAWN_TOKENS = {
    "em_open": "in italics", "strong_open": "in bold", "code_inline": "as code",
    "s_open": "struck through", "text_special": "without its backslash",
}  # fmt: skip


# What GitHub draws a one-line field as, by the first block markdown-it reads of it ("# Ada"
# a heading, "- Ada" a list): the site shows the field as written, marks and all.
_DRAWN_BLOCKS = {
    "heading_open": "as a heading", "bullet_list_open": "as a list",
    "ordered_list_open": "as a numbered list", "blockquote_open": "as a quote",
    "hr": "as a rule, with no words", "code_block": "as code", "fence": "as code",
}  # fmt: skip


def drawn_in(line: str) -> str:
    """Say how GitHub draws a one-line field's ``line`` otherwise than it is written ("in
    bold", "as a formula ($…$)", "as a heading"), or "" if it shows it as written (as the
    site does)."""
    if drawn := next((what for found, what in github_draws() if found.search(line)), ""):
        return f"as {drawn}"
    blocks = _parser().parse(line)
    if blocks and blocks[0].type in _DRAWN_BLOCKS:
        return _DRAWN_BLOCKS[blocks[0].type]
    tokens = _parser().parseInline(line)[0].children or []
    return next(
        (
            _DRAWN_TOKENS[t.type]
            for t in tokens
            if t.type in _DRAWN_TOKENS and t.content != t.markup
        ),
        "",
    )


@functools.cache
def _parser() -> MarkdownIt:
    """Return the CommonMark parser with GitHub's tables and strikethrough; escapes are kept
    apart from the text (no ``text_join``) so that a formula reads as it is written."""
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # GitHub links any address and its sanitizer drops the unsafe ones, showing the link's
    # text; markdown-it would show the Markdown as written. The check judges addresses.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser.disable("text_join")


class _Definitions(dict[str, Any]):
    """markdown-it's link definitions, noting each name its inline parser looks up: a
    ``[name]`` that would link to a definition of that name."""

    looked_up: set[str]

    def get(self, key: str, default: Any = None) -> Any:
        self.looked_up.add(key)
        return super().get(key, default)


@dataclass(frozen=True)
class Definition:
    """A link definition GitHub reads: its name as written, and its first line (from 0)."""

    name: str
    line: int


@dataclass(frozen=True)
class Reading:
    """An issue's text as GitHub reads it."""

    tokens: tuple[Token, ...]
    code_lines: frozenset[int]  # lines (from 0) of fenced and indented code blocks
    definitions: dict[str, Definition]  # normalised name -> its first definition
    duplicates: tuple[tuple[str, Definition], ...]  # (normalised name, a later definition)
    looked_up: frozenset[str]  # normalised names a [name] would link to

    def outside_code(self, text: str) -> str:
        """Return ``text`` with the lines of its code blocks blanked."""
        lines = text.split("\n")
        return "\n".join("" if n in self.code_lines else line for n, line in enumerate(lines))


def read_markdown(text: str) -> Reading:
    """Return ``text`` as GitHub reads it."""
    definitions = _Definitions()
    definitions.looked_up = set()
    env: dict[str, Any] = {"references": definitions}
    tokens = _parser().parse(text, env)
    lines = text.split("\n")
    code = {
        line
        for token in tokens
        if token.type in ("fence", "code_block") and token.map
        for line in range(*token.map)
    }
    firsts = {name: Definition(written(lines, found["map"]), found["map"][0])
              for name, found in definitions.items()}  # fmt: skip
    duplicates = tuple(
        (found["label"], Definition(written(lines, found["map"]), found["map"][0]))
        for found in env.get("duplicate_refs", [])
    )
    return Reading(tuple(tokens), frozenset(code), firsts, duplicates,
                   frozenset(definitions.looked_up))  # fmt: skip


def written(lines: Sequence[str], span: Sequence[int]) -> str:
    """Return the name of the link definition on the lines ``span``, as written."""
    text = "\n".join(lines[span[0] : span[1]])
    start = text.find("[")
    end = text.find("]:", start)
    return text[start + 1 : end] if start != -1 and end != -1 else text.strip()


def link_name(label: str) -> str:
    """Return a link's name as CommonMark matches names (case folded, spaces collapsed)."""
    return normalizeReference(label)


def html_pieces(reading: Reading) -> Iterator[tuple[int, str]]:
    """Yield the line (from 0) and the text of each piece that GitHub reads as raw HTML."""
    for token in reading.tokens:
        if token.type == "html_block" and token.map:
            yield token.map[0], token.content
        if token.type == "inline" and token.map and token.children:
            line = token.map[0]
            for child in token.children:
                line += child.type in ("softbreak", "hardbreak")
                if child.type == "html_inline":
                    yield line, child.content


class _Words(HTMLParser):
    """The words a page shows, each with the line it is fed at, and the addresses it links
    to. ``allowed``: the elements whose tags a sanitizer keeps (None: all); ``skipped``: tells
    the elements left out with their content; ``apart``: those whose words go to ``notes``."""

    def __init__(
        self,
        allowed: frozenset[str] | None = None,
        skipped: Callable[[str, dict[str, str]], bool] = lambda name, attributes: False,
        apart: Callable[[str, dict[str, str]], bool] = lambda name, attributes: False,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed, self.skipped, self.apart = allowed, skipped, apart
        self.line = 0
        self.words: list[tuple[str, int]] = []
        self.notes: list[tuple[str, int]] = []
        self.links: set[str] = set()
        self.wordless: list[str] = []  # the addresses of links that show no word
        self.elsewhere: list[str] = []  # the addresses of images on other sites
        self.anchor: tuple[str, int] | None = None  # an open link: its address, words before
        self.open: list[tuple[str, str]] = []  # (name, "skip" or "apart") of elements inside
        self.inside: list[str] = []  # the elements open that show their words as something
        self.shown_as: list[frozenset[str]] = []  # for each of ``words``: what shows it

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Read ``<![…`` as Python's parser does, but one it cannot (``<![~``, which it
        stopped at with an AssertionError) as text, as GitHub shows it."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.handle_data(self.rawdata[i : i + 3])
            return i + 3

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = {name: value or "" for name, value in reversed(attrs)}
        if self.skipped(tag, pairs):
            self.open.append((tag, "skip"))
        elif self.apart(tag, pairs):
            self.open.append((tag, "apart"))
        elif self.open and tag == self.open[-1][0]:
            self.open.append((tag, ""))
        if self._skipping() or (self.allowed is not None and tag not in self.allowed):
            return
        if tag in SHOWN_AS:
            self.inside.append(tag)
        for name in _SHOWN_ATTRIBUTES:
            self.handle_data(pairs.get(name, ""))
        # markdown-it writes addresses percent-encoded, Python-Markdown as they are written
        self.links |= {unquote(pairs[name]) for name in _LINK_ATTRIBUTES if pairs.get(name)}
        if tag == "a" and pairs.get("href"):
            self.anchor = (pairs["href"], len(self.words) + len(self.notes))
        for address in [pairs.get("src", ""), *listed_addresses("srcset", pairs.get("srcset", ""))]:
            if tag in ("img", "source") and _OTHER_SITE.match(address):
                self.elsewhere.append(address)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.anchor and not self._skipping():
            address, before = self.anchor
            if len(self.words) + len(self.notes) == before:
                self.wordless.append(address)
            self.anchor = None
        if self.open and self.open[-1][0] == tag:
            self.open.pop()
        if tag in self.inside:
            del self.inside[len(self.inside) - 1 - self.inside[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        shown = "".join(char for char in data if not is_invisible(char))  # a Hangul filler
        found = [(word, self.line) for word in _WORD.findall(shown)]
        if any(kind == "apart" for _, kind in self.open):
            self.notes.extend(found)
            return
        self.words.extend(found)
        self.shown_as += [frozenset(SHOWN_AS[name] for name in self.inside)] * len(found)

    def _skipping(self) -> bool:
        return any(kind == "skip" for _, kind in self.open)


def as_shown(kinds: frozenset[str]) -> str:
    """Say how a word is shown: "as text", or "as a heading and in bold"."""
    return " and ".join(sorted(kinds)) if kinds else "as text"


def _site_skipped(name: str, attributes: dict[str, str]) -> bool:
    """Tell what the site adds to a text: a formula's MathML (GitHub shows its TeX), the
    number of a footnote and the way back from it."""
    return (
        name == "math"
        or (name == "sup" and attributes.get("id", "").startswith("fnref"))
        or (name == "a" and attributes.get("class") == "footnote-backref")
    )


def _site_notes(name: str, attributes: dict[str, str]) -> bool:
    return name == "div" and attributes.get("class") == "footnote"


@dataclass(frozen=True)
class Difference:
    """Where GitHub shows the text otherwise than the site would: its line (from 0), and what."""

    line: int
    what: str


def shown_otherwise(text: str, reading: Reading) -> Difference | None:
    """Return the first place where the site would show ``text`` otherwise than GitHub does:
    other words (in the text, or in the footnotes), or a link GitHub does not show; None if
    the site cannot render it (the check says why). An abbreviation's definition
    (``*[HTML]: Hyper Text``) is one: GitHub shows it, the site only as the title of the
    word it defines, which readers see on a pointer's hover at most."""
    for number, row in enumerate(text.split("\n")):
        if number not in reading.code_lines and _ABBREVIATION.match(row):
            said = "GitHub shows it as text, the site only as a title when pointed at"
            return Difference(number, f"'{row[:40]}' defines an abbreviation: {said}")
        if number not in reading.code_lines:
            prose = _CODE_SPAN.sub("", row)
            drawn = next((what for found, what in github_draws() if found.search(prose)), "")
            if drawn:
                return Difference(number, f"GitHub shows {drawn}, the site its text as written")
    try:
        site = _Words(skipped=_site_skipped, apart=_site_notes)
        site.feed(markdown_to_html(text))
        site.close()
    except RenderError:
        return None
    github = _github_words(text, reading)
    for shown, published in [(github.words, site.words), (github.notes, site.notes)]:
        for index, (word, line) in enumerate(shown):
            if index >= len(published) or published[index][0] != word:
                said = published[index][0] if index < len(published) else "nothing"
                return Difference(line, f"GitHub shows '{word}' where the site shows '{said}'")
        if len(published) > len(shown):
            line = shown[-1][1] if shown else 0
            return Difference(line, f"the site shows '{published[len(shown)][0]}', GitHub not")
    for (word, line), there, here in zip(github.words, github.shown_as, site.shown_as, strict=True):
        if there != here:
            return Difference(
                line, f"GitHub shows '{word}' {as_shown(there)}, the site {as_shown(here)}"
            )
    unseen = sorted(site.links - github.links - {""})
    if unseen:
        line = next((n for n, line in enumerate(text.split("\n")) if unseen[0] in line), 0)
        return Difference(line, f"the site links to {unseen[0]!r}, GitHub not")
    if site.elsewhere:  # GitHub shows it (through its own proxy), the site's CSP not
        address = site.elsewhere[0]
        line = next((n for n, line in enumerate(text.split("\n")) if address in line), 0)
        return Difference(
            line, f"GitHub shows the image {address!r}, the site would show only its alt text"
        )
    if site.wordless:  # neither shows it: the editor cannot see it is there
        address = site.wordless[0]
        line = next((n for n, line in enumerate(text.split("\n")) if address in line), 0)
        return Difference(line, f"the link to {address!r} has no words to show: give it some")
    return None


def _github_words(text: str, reading: Reading) -> _Words:
    """Return the words and links GitHub shows of ``text``, its footnotes apart, formulas
    left out."""
    lines = text.split("\n")
    notes = set_apart(lines, reading.code_lines)
    main = [("" if n in notes else line) for n, line in enumerate(lines)]
    shown = _Words(allowed=GITHUB_ELEMENTS)
    feed_tokens(shown, read_markdown("\n".join(main)).tokens)
    for start, end in sorted(set(notes.values())):
        note = _FOOTNOTE.sub("", "\n".join(lines[start:end]), count=1)
        footnote = _Words(allowed=GITHUB_ELEMENTS)
        footnote.line = start
        feed_tokens(footnote, read_markdown(dedented(note)).tokens, start)
        shown.notes += footnote.words
        shown.links |= footnote.links
    shown.close()
    return shown


def set_apart(lines: Sequence[str], code: frozenset[int]) -> dict[int, tuple[int, int]]:
    """Return the lines of the footnotes that start a block of their own (outside code),
    each with the span of its footnote."""
    apart: dict[int, tuple[int, int]] = {}
    number = 0
    while number < len(lines):
        starts = number == 0 or not lines[number - 1].strip()
        if not starts or number in code or not _FOOTNOTE.match(lines[number]):
            number += 1
            continue
        end = footnote_end(lines, number)
        apart |= dict.fromkeys(range(number, end), (number, end))
        number = end
    return apart


def footnote_end(lines: Sequence[str], start: int) -> int:
    """Return the line after a footnote's definition: its paragraph, then the indented
    blocks that follow it."""
    end = start + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    while True:
        following = end
        while following < len(lines) and not lines[following].strip():
            following += 1
        if following == len(lines) or not _INDENTED.match(lines[following]):
            return end
        end = following
        while end < len(lines) and lines[end].strip():
            end += 1


def dedented(text: str) -> str:
    """Return a footnote's text without the indentation of its later blocks."""
    return "\n".join(_INDENTED.sub("", line) for line in text.split("\n"))


def feed_tokens(shown: _Words, tokens: Sequence[Token], first_line: int = 0) -> None:
    """Feed the HTML GitHub makes of ``tokens`` to ``shown``, each piece at its line."""
    parser = _parser()
    for token in tokens:
        if token.map:
            shown.line = first_line + token.map[0]
        if token.type != "inline":
            shown.feed(parser.renderer.render([token], parser.options, {}))
            continue
        for piece in inline_pieces(token.children or []):
            if isinstance(piece, int):
                shown.line += piece
            else:
                shown.feed(piece)


def footnote_references(reading: Reading) -> set[str]:
    """Return the names of the footnotes GitHub's text (outside code) refers to: ``[^1]``."""
    found: set[str] = set()
    for token in reading.tokens:
        for child in token.children or []:
            if child.type == "text":
                found |= {
                    link_name("^" + name) for name in _FOOTNOTE_REFERENCE.findall(child.content)
                }
    return found


def inline_pieces(children: Sequence[Token]) -> Iterator[str | int]:
    """Yield the HTML of a paragraph's pieces, and 1 at each line break; its texts are read
    as written, without formulas (the site shows them as MathML) and footnote references."""
    parser = _parser()
    run: list[str] = []
    for child in [*children, None]:
        if child is not None and child.type in ("text", "text_special"):
            escaped = child.type == "text_special" and child.info == "escape"
            run.append(child.markup if escaped else child.content)
            continue
        if run:
            plain = _FOOTNOTE_REFERENCE.sub(" ", FORMULA.sub(" ", "".join(run)))
            yield escape(ESCAPE.sub(r"\1", plain), quote=False)
            run = []
        if child is None:
            break
        if child.type in ("softbreak", "hardbreak"):
            yield 1
        yield parser.renderer.render([child], parser.options, {})
