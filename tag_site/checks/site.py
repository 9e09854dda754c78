"""Whole-site validation: every problem in content/, each at its file, line and column.

What loading already found (YAML, dates, fields, URLs) comes first; then what only a look at
the whole site can tell: links and images that point nowhere, unsafe or mistyped link
targets, raw HTML the site's Content-Security-Policy blocks, Liquid left from Jekyll, and
files that are too big or differ only in case. Nothing here prints, exits or fetches.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import html
import itertools
import mimetypes
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from .. import cache
from ..build import Build
from ..content.dates import DateError, parse_when
from ..content.events import Event
from ..content.front_matter import (
    OVERRIDE,
    OVERRIDE_REFERENCE,
    carrier_message,
    override_message,
)
from ..content.kinds import kind_of
from ..content.lookalikes import address_skeleton
from ..content.members import MAX_PHOTO_BYTES, MEMBERS_FILE, SHOWN_TEXTS
from ..content.pages import Page, name_of
from ..content.settings import MAX_LAYOUT
from ..content.store import Site
from ..errors import Finding, Problem
from ..markdown import addresses, liquid
from ..markdown.addresses import hidden
from ..markdown.formulas import TEX_COMMENT, FormulaError, formulas, to_mathml
from ..markdown.limits import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NESTING,
    budget_for,
    deepest,
    in_time,
    in_time_kept,
    overtime,
)
from ..markdown.markup import (
    ATTRIBUTES,
    CARRIERS,
    CSS_OVERRIDES_DIRECTION,
    FARTHEST,
    FILE,
    HTML_ONLY_COMMENT_END,
    KNOWN_ELEMENTS,
    LAYOUT_ELEMENTS,
    NOT_LOADED,
    ODD_COMMENT,
    PAGE,
    SAFE_SCHEMES,
    TAG_REST,
    VALUELESS_ATTRIBUTES,
    WORDS_UNSEEN,
    Tag,
    attributes_of,
    carrier,
    carrier_references,
    carrier_run,
    linked_addresses,
    markup_texts,
    moved_in_all,
    needless_directions,
    nested_past,
    on_another_site,
    overlapping,
    reachable_host,
    reachable_port,
    reader_text,
    scheme_of,
    shrunk,
    split_address,
    stray_end_tags,
    tag_problems,
    tags_of,
    unclosed_blocks,
    unclosed_formatting,
    unsafe_address,
    unseen_words,
)
from ..markdown.markup import scan as scan_markup
from ..markdown.render import (
    CODE_OPTIONS,
    RenderError,
    markdown_to_html,
    resolve_link,
    unpointed_notes,
)
from ..markdown.source_map import (
    BRACKETED,
    Definition,
    blank_spans,
    definitions,
    fence_options,
    fence_words,
    linked,
    masked,
    nested_fences,
    positions,
    table_rows_too_wide,
    written_links,
)
from . import packed
from .drawn import CDATA, drawn_hidden
from .spelled import Hidden, spelled_out, spelled_places

_SERIES_YEARS = 5  # of a series' meetings, those looked at for the hour the clocks skip
_PLACED = 20  # problems only the rendered page shows that are each placed by a search
# Findings by text, shared by the preview server's threads (as the renderer's cache is).
_NEAR = 10_000  # characters after a link in which to look for the next one's target
_ATTR_LIST = re.compile(r"\{:([^{}\n]*)\}")  # kramdown's {: .class key="value"}, with its colon
_EXTENSION = re.compile(r"\{::(\w+)")  # kramdown's {::comment}, {::nomarkdown}: shown as text here
_PHANTOM = re.compile(r"\\(?:[hv]?phantom|mathchoice)\b")  # TeX that hides what it holds
_LIST_ITEM = re.compile(r"[ \t]*(?:[*+-]|\d+\.)[ \t]")  # a line that starts a list's item
_RAW_PHANTOM = re.compile(r"<(?:[\w-]+:)?mphantom\b", re.IGNORECASE)  # the same, as MathML
# MathML's quotes of a string (<ms lquote="…">), which browsers no longer draw (MathML Core).
_MS_TAG = re.compile(rf"<(?:[\w-]+:)?ms(?=[\t\n\f\r />]){TAG_REST}", re.IGNORECASE)
_QUOTES = re.compile(r"\s[lr]quote\s*=", re.IGNORECASE)
_READ_AS_NOTHING = re.compile(r"<\?|<!\[CDATA\[|<!DOCTYPE\b", re.IGNORECASE)  # in a page: nothing
# An end tag with words after its name ("I like </span dogs and cats>"): browsers drop them.
# What browsers make of an end tag that closes nothing (HTML's parsing rules): nothing, but
_STRAY_SHOWN = {"br": "a line break", "p": "an empty paragraph, a gap"}
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")  # in made HTML: a tag (text is &lt;)
_END_TAG_WORDS = re.compile(rf"</[A-Za-z][A-Za-z0-9-]*+[\t\n\f\r /]++[^<>\s/]{TAG_REST}")
# A line of the page as made that goes on a paragraph or HTML, as a list's item would start.
_ITEM_AS_TEXT = re.compile(r"([*+-]|\d{1,9}[.)])[ \t]+[^\s<][^<\n]{0,60}")
# "\(x^2\)", "\[\frac{a}{b}\]": escaped brackets (kramdown's and GitHub's) around what looks
# like TeX (a command, a sub- or superscript, a group), which a writer of LaTeX meant as one.
_TEX_IN_BRACKETS = re.compile(r"\\([(\[])((?:(?!\\[(\[]).){1,300}?)\\[)\]]", re.DOTALL)
# What a reader reads past in the middle of an address: a note's mark (<sup>1</sup>, a
# footnote's), a lower index, struck-out words, a ruby's reading; and marks such as † and ¹.
_MARK_ELEMENTS = re.compile(
    rf"<(sup|sub|del|s|strike|rt|rp)\b{TAG_REST}(?:(?!</?\1\b).){{0,200}}+</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_MARK_CHARACTERS = re.compile("[*\u2020\u2021\u00a7\u00b6\u00b9\u00b2\u00b3\u2070-\u2079]")
# A <bdo> and what it holds: to its end, or the next <bdo (one pass); drawn backwards if its
# attributes are dir="rtl".
_BDO = re.compile(rf"<bdo\b({ATTRIBUTES})>((?:(?!</?bdo\b).)*+)", re.IGNORECASE | re.DOTALL)
_RIGHT_TO_LEFT = re.compile(r"\bdir\s*=\s*[\"']?rtl\b", re.IGNORECASE)
_FOLDED = re.compile(r"\r?\n[ \t]")  # a line folded (iCalendar, mail): read as one
_CSS_ESCAPE = re.compile(r"\\([0-9A-Fa-f]{1,6})[ \t]?")  # CSS's "\40 " for "@"
# RTF as a word processor reads it: "\\'40" (a byte, Windows' code page), "\\u64?" (a
# character, then one for readers without it), an escaped sign; a control word ("\\par").
_RTF = re.compile(
    r"\\'([0-9A-Fa-f]{2})|\\u(-?\d{1,5}) ?[^\\{}]?|\\([\\{}])|\\[a-z]{1,32}(?:-?\d{1,10})? ?|[{}]"
)
_RTF_ESCAPES = re.compile(r"\\'[0-9A-Fa-f]{2}|\\u-?\d|\{\\[A-Za-z*]")  # or a group
# Style sheets: a <style> element's, a style="" attribute's (a .css file is one whole).
_STYLES = re.compile(
    r"<style\b[^>]*>(.*?)(?:</style|\Z)|\bstyle\s*=\s*(\"[^\"]*\"|'[^']*')", re.I | re.S
)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
# CSS's generated content (``p::after { content: '@host' }``): its value.
_GENERATED = re.compile(r"\bcontent\s*:\s*([^;{}]*)", re.IGNORECASE)
# Generated content that draws words: a string with a letter, a digit or an "@", or attr().
_GENERATED_WORDS = re.compile(r"attr\(|([\"'])[^\"']*?[\w@][^\"']*?\1", re.IGNORECASE)
_TEX_LIKE = re.compile(r"\\[A-Za-z]|[\^_{}]")
_TAG_AS_TEXT = re.compile(r"&lt;([A-Za-z][A-Za-z0-9]*)(?=[\s/]|&gt;)")  # a start tag as text
_CODE_ELEMENTS = re.compile(r"<(pre|code)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_COMMENT_AS_TEXT = re.compile(r"&lt;!(?:--|\u2013|\u2014)")  # "<!--" shown: never closed
_ABBREVIATED = re.compile(rf"<abbr\b{TAG_REST}([^<]*)</abbr>")  # what the abbr extension marked


@dataclass(frozen=True)
class Link:
    """A link or image written in a page: where it is, what it points to, how it was written."""

    target: str
    offset: int
    image: bool = False
    alt: str | None = None  # the alt text of an image (None: an HTML image without alt)
    in_html: bool = False  # written as an HTML tag, not in Markdown


def site_problems(build: Build) -> list[Problem]:
    """Return the problems of the site as a whole: those found reading it, files too large,
    no home page (or a draft one), no site.yml, and the navigation's and members' links."""
    site = build.site
    problems = [*site.errors, *check_sizes(site)]
    if "/" not in site.pages:
        message = "the site has no home page — add this file, with 'layout: home'"
        problems.append(Problem(site.path("index.md"), 0, message))
    elif (home := site.pages["/"]).draft:  # the published site would have none
        key = "draft" if "draft" in home.lines else "published"
        message = (
            f"the home page is a draft ('{key}' here), which the site does not publish: the "
            f"published site would have no home page — remove '{key}'"
        )
        problems.append(Problem(home.source, home.line_of(key), message))
    if not (site.root / "site.yml").is_file():
        message = (
            "there is no site.yml, so the site has no title — create it with a line 'title: …' "
            "(flask import-jekyll makes one from Jekyll's _config.yml)"
        )
        problems.append(Problem(site.path("site.yml"), 0, message))
    problems += hidden_shown_elsewhere(site)
    problems += [*hidden_in_layout(build), *hidden_in_urls(site)] if hidden_addresses(site) else []
    problems += section_problems(site)
    return problems + check_site_links(build) + layout_problems(build)


def section_problems(site: Site) -> list[Problem]:
    """Return an error for each file of a kind whose section the site has not (an event with
    no events list to lead back to) and each such section a page shows; a warning for members
    no page shows."""
    has = site.config.sections
    fix = "add {} to 'sections' in site.yml, or remove"
    problems = [
        Problem(page.source, page.line_of("sections"),
                f"the site has no {name} section — {fix.format(name)} it from 'sections' here")
        for page in site.pages.values() if "sections" in page.lines  # written, not the default
        for name in page.sections if name not in has
    ]  # fmt: skip
    for page in site.pages.values():
        kind = kind_of(name_of(page.source))
        if kind and kind.folder not in has:
            message = f"the site has no {kind.folder} section — {fix.format(kind.folder)} this file"
            problems.append(Problem(page.source, 1, message))
    if site.members and "members" not in has:
        message = "no page shows the members: the site has no members section — "
        message += f"{fix.format('members')} this file"
        problems.append(Problem(site.path(MEMBERS_FILE), 1, message, warning=True))
    return problems


def hidden_shown_elsewhere(site: Site) -> list[Problem]:
    """Return an error for each member whose address the members list would show though
    another member's entry keeps it hidden, and for each hidden address site.yml shows (in
    a title, the footer, a link: on every page)."""
    hiding, problems = hidden_addresses(site), []
    for number, one in enumerate(site.members, 1):
        earlier = hider_of(hiding, one.email) if one.email else None
        if earlier and earlier != number and one.shown_email(site.config.show_email):
            message = f"member {number} ({one.name}): {hidden_elsewhere(site, earlier)}"
            problems.append(Problem(site.path(MEMBERS_FILE), one.line_of("email"), message))
    for number, one in enumerate(site.members, 1) if hiding else ():
        said: set[int] = set()
        for key in (*SHOWN_TEXTS, "url", "photo"):  # shown on the members page as they are
            for owner in sorted(hidden_in_text(hiding, getattr(one, key))):
                message = f"member {number} ({one.name}): '{key}' shows an address: "
                message += hidden_elsewhere(site, owner)
                problems.append(Problem(site.path(MEMBERS_FILE), one.line_of(key), message))
                said.add(owner)
        words = ", ".join(text for text in (one.full_name(), one.role, one.details()) if text)
        for owner in sorted(hidden_in_text(hiding, words) - said):  # benner@, mpi-….de
            message = (
                f"member {number} ({one.name}): the fields the members page shows side by side "
                f"(position, affiliation, city…) show an address: {hidden_elsewhere(site, owner)}"
            )
            problems.append(Problem(site.path(MEMBERS_FILE), one.line, message))
    try:
        settings = (site.root / "site.yml").read_text("utf-8") if hiding else ""
    except (OSError, UnicodeError):  # said where the settings are read
        settings = ""
    where = positions(settings)
    shown = spelled_out(hiding, settings)
    for offset, address in reversed(addresses.read_hidden(settings)):  # the first stays
        if hider := hider_of(hiding, address):
            shown[hider] = offset
    for hider, offset in sorted(shown.items(), key=lambda item: item[1]):
        line = where(offset)[0]
        problems.append(Problem(site.path("site.yml"), line, hidden_elsewhere(site, hider)))
    return problems


def as_drawn(made: str, read: Callable[[str], str]) -> str:
    """Return ``made`` with what each ``<bdo dir="rtl">`` holds, as ``read`` reads it, turned
    the way a browser draws it: backwards."""

    def drawn(found: re.Match[str]) -> str:
        return read(found[2])[::-1] if _RIGHT_TO_LEFT.search(found[1]) else found[0]

    return _BDO.sub(drawn, made)


def published_hidden(hiding: Mapping[str, int], made: str) -> set[int]:
    """Return the members (numbers, of ``hiding``) whose hidden address HTML as made shows,
    as its readers read it: its text (every tag as nothing, and as a space), its attributes
    (a mailto: link's), each read as people write one to hide it (``addresses.spoken``)."""
    made = as_drawn(made, reader_text)
    texts = [reader_text(made), reader_text(made, apart=True), html.unescape(made)]
    unmarked = reader_text(_MARK_ELEMENTS.sub("", made))  # a note's mark in it, read past
    texts += [unmarked, _MARK_CHARACTERS.sub("", unmarked)]
    return {
        number
        for text in texts
        for _, address in addresses.read_hidden(addresses.readable(text))
        if (number := hider_of(hiding, address))
    } | {number for text in texts[:2] for number in spelled_out(hiding, text)}


def hidden_in_layout(build: Build) -> list[Problem]:
    """Return an error for each hidden address site.yml makes every page show (its footer,
    title, menu…), as a reader reads the page (``published_hidden``), at its line in
    site.yml if it is written there as it is."""
    site = build.site
    found = published_hidden(hidden_addresses(site), build.made("/404.html"))
    try:
        settings = (site.root / "site.yml").read_text("utf-8").lower() if found else ""
    except (OSError, UnicodeError):
        settings = ""
    where = positions(settings)
    problems = []
    for number in sorted(found):
        local = site.members[number - 1].email.partition("@")[0].lower()
        line = where(settings.find(local))[0] if local in settings else 0
        problems.append(Problem(site.path("site.yml"), line, hidden_elsewhere(site, number)))
    return problems


def layout_problems(build: Build) -> list[Problem]:
    """Return an error if what site.yml makes the layout write around every page's text (the
    404 page: no text of its own) passes ``MAX_LAYOUT``: titles and menus are written several
    times on each page, escaped, and every page carries them."""
    size = len(build.made("/404.html").encode())
    if size <= MAX_LAYOUT:
        return []
    message = (
        f"site.yml makes every page {size / 1000:.0f} kB before its own text (its title, "
        f"description, menus and icons are written on each, some several times), more than "
        f"{MAX_LAYOUT // 1000} kB — shorten them"
    )
    return [Problem(build.site.path("site.yml"), 1, message)]


def check_share(
    build: Build, takes: Callable[[str], bool], done: Set[str] = frozenset()
) -> list[Problem]:
    """Return the problems of the pages and attachments whose URL (or file, for a page without
    a URL of its own) ``takes`` takes, but those at the URLs in ``done`` (a clash hides no
    other problem). ``check_share(build, lambda _: True)`` and ``site_problems(build)`` are the
    whole check."""
    site = build.site
    problems = []
    for url in [*site.pages, *site.attachments]:
        if takes(url) and url not in done:
            problems += check_url(build, url)
    for page in site.unplaced:
        if takes(str(page.source)):
            problems += check_in_time(build, page)
    return problems


def check_url(build: Build, url: str) -> list[Problem]:
    """Return the problems of the page or attachment at ``url``."""
    site = build.site
    if url in site.pages:
        return check_in_time(build, site.pages[url])
    if url in site.attachments:
        return check_attachment(site.path(url[1:]), site.attachments[url], site)
    return []


def hidden_in_attachment(site: Site, shown: Path, raw: bytes) -> list[Problem]:
    """Return an error for each address members.yml hides that an attachment (its bytes,
    ``raw``) holds, as it is or packed however deep (``packed.pieces``): whoever opens it
    reads it there: as it is written, as markup reads (entities decoded, tags out), and as
    people hide one (``addresses.spoken``). In text glued from pieces (a PDF draws a word
    in pieces, Word writes one in runs) an address found may hold the hidden one."""
    hiding = hidden_addresses(site)
    if not hiding:
        return []
    hidden = hidden_emails(site)
    found = hidden_in_name(hiding, shown.as_posix())  # "ada-at-x.org/cv.pdf"
    draws_words = False  # a style sheet draws words beside the text, where the check cannot see
    carries = False  # a packed file's invisible characters that spell words (its own: an error)
    own_carrier = carrier(raw.decode("utf-8", "replace")) is not None
    try:
        for piece, glued in packed.pieces(raw):
            written = piece.decode("utf-8", "replace")  # a dash or a dot that looks like one
            ascii_text = written.encode("ascii", "ignore")
            printable = len(ascii_text) - len(ascii_text.translate(None, packed.TEXT))
            text_like = printable * 2 >= len(written) and written.count("\ufffd") * 100 <= len(
                written
            )  # text, as people write an address in: not an image's bytes, where an address
            readings = [(written, glued or not text_like)]  # runs into the bytes around it
            if text_like:
                unfolded = _FOLDED.sub("", written)  # a calendar's or a mail's long line
                escaped = css_unescaped(unfolded)
                readings += [(text, glued) for text in {unfolded, escaped} - {written}]
                if _RTF_ESCAPES.search(written):  # a word processor's: Word's, TextEdit's
                    readings.append((_RTF.sub(rtf_character, rtf_shown(written)), glued))
                if "%" in written:  # as a link decodes it, however often encoded ("%2540")
                    readings.append((unquote(addresses.percent_once(written)[0]), glued))
                if "<![CDATA[" in written:  # XML's (SVG's) text written as CDATA: text
                    readings.append((CDATA.sub(r"\1", written), glued))
                if "<" in written or "&" in written:  # XML, HTML, as read: references
                    found.update(drawn_hidden(hidden, written))  # an SVG's text, placed
                    readings.append((html.unescape(written), glued))  # (a link's too), and
                    drawn = as_drawn(written, lambda text: text)
                    readings.append((reader_text(drawn), True))  # no
                read: dict[str, bool] = {}  # each reading once, glued if any is
                for text, joined in readings:
                    text = addresses.readable(text)
                    read[text] = read.get(text, False) or joined
                for text in read:  # spelled out, with "at" and "dot" as written
                    found.update(spelled_out(hiding, text))  # (tags out: Word splits words)
                readings = [*read.items()]
                readings += [(addresses.spoken(text, words=True)[0], joined)
                             for text, joined in read.items()]  # fmt: skip
            draws_words = draws_words or (
                text_like and generated_words(written, css=shown.suffix == ".css")
            )
            carries = carries or (not own_carrier and carried_in_text(written))
            for text, joined in readings:
                for start, end in addresses.find(text):
                    if hider := hider_of(hiding, text[start:end]):
                        found.add(hider)
                    elif joined:  # glued: "Mailada@example.orgPhone" holds ada@example.org
                        lowered = text[start:end].lower()
                        found.update(n for n, address in hidden.items() if address in lowered)
    except packed.TooDeepError:
        message = (
            f"packs files in packed files more than {packed.DEEPEST} deep, too deep to check "
            "— attach what it holds, unpacked"
        )
        return [Problem(shown, 0, message)]
    except packed.UnreadableError as error:
        message = (
            f"holds {error.args[0]}, which the check cannot open to see that it shows no "
            "address members.yml hides — attach what it holds, unpacked (or in a .zip)"
        )
        return [Problem(shown, 0, message)]
    if carries and not found:
        message = (
            "a file it packs holds invisible characters that can spell words nobody sees "
            "(Unicode's tag characters, variation selectors), which the check cannot read to "
            "see that they spell no address members.yml hides — remove them"
        )
        return [Problem(shown, 0, message)]
    if draws_words and not found:
        message = (
            "its style sheet draws words (CSS content: with text or attr()), which a reader "
            "sees beside the file's text and the check cannot place there to see that they "
            "make no address members.yml hides — put the words in the text"
        )
        return [Problem(shown, 0, message)]
    return [Problem(shown, 0, hidden_elsewhere(site, hider)) for hider in sorted(found)]


def css_unescaped(text: str) -> str:
    """Return ``text`` with CSS's escapes read ("\\40 " is "@")."""
    return _CSS_ESCAPE.sub(lambda found: chr(min(int(found[1], 16), 0x10FFFF)), text)


def rtf_shown(text: str) -> str:
    """Return RTF without its groups a word processor does not show (``{\\*\\x …}``, a
    destination it may not know), however nested, read in one pass."""
    kept, depth, skipping, position = [], 0, 0, 0
    for brace in re.finditer(r"\\[\\{}]|[{}]", text):
        if brace[0] in ("\\\\", "\\{", "\\}"):
            continue
        if brace[0] == "{":
            depth += 1
            if not skipping and text.startswith("{\\*", brace.start()):
                kept.append(text[position : brace.start()])
                skipping = depth
        else:
            if skipping == depth:
                skipping, position = 0, brace.end()
            depth -= 1
    return "".join(kept) + ("" if skipping else text[position:])


def rtf_character(found: re.Match[str]) -> str:
    """Return what a word processor shows for a piece of RTF (``_RTF``): a character, or
    nothing for a control word or a brace."""
    if found[1]:
        return bytes([int(found[1], 16)]).decode("cp1252", "replace")
    if found[2]:
        return chr(int(found[2]) % 0x10000)
    return found[3] or ""


def generated_words(text: str, *, css: bool = False) -> bool:
    """Tell whether the style sheets of ``text`` (its whole, for a ``.css`` file) draw
    words with CSS's ``content:``, or an attribute's value, read as CSS reads them (its
    escapes, ``c\\6f ntent`` and ``'\\40 host'``, its comments, ``content/**/:``); a
    whole address they draw is read with the file's text, and no such word."""
    sheets = [text] if css else [m[1] or m[2] for m in _STYLES.finditer(text)]
    for written in sheets:  # as CSS reads it: references (an attribute's, SVG's), no
        sheet = css_unescaped(_CSS_COMMENT.sub("", html.unescape(written)))  # comments, escapes
        for found in _GENERATED.finditer(sheet):
            value = found[1]
            whole = list(addresses.find(value))  # read as they are, with the file's text
            if _GENERATED_WORDS.search(blank_spans(value, whole)):
                return True
    return False


def carried_in_text(written: str) -> bool:
    """Tell a packed file's bytes, read as UTF-8, hold a run of characters that carry words
    nobody sees (``carrier_run``) in text as people write it: not in a picture's pixels,
    where a colour's bytes read as one (239, 184, 128: U+FE00)."""
    if carrier_run(written) is None:
        return False
    rest = CARRIERS.sub("", written)
    ascii_text = rest.encode("ascii", "ignore")
    return (len(ascii_text) - len(ascii_text.translate(None, packed.TEXT))) * 2 >= len(rest)


def in_order(problems: list[Problem]) -> list[Problem]:
    """Return ``problems`` once each, in file, line and column order."""
    return sorted(dict.fromkeys(problems), key=lambda p: (str(p.path), p.line, p.column, p.message))


def check_sizes(site: Site) -> list[Problem]:
    """Return the files of content/ that are over 5 MB (their sizes as the content was read)."""
    return [
        Problem(site.path(name), 0, f"is {size / 1e6:.1f} MB: over 5 MB makes the site slow — "
                "shrink it or link to it elsewhere")
        for name, size in site.sizes.items()
        if size > MAX_BYTES
    ]  # fmt: skip


def check_attachment(shown: Path, file: Path, site: Site | None = None) -> list[Problem]:
    """Return what an attachment holds that could run code (opened on its own, it runs on
    the site's address, and no Content-Security-Policy stops it there) or that shows an
    e-mail address as it is (one ``site``'s members.yml hides, however packed); within the
    time budget."""
    try:
        with file.open("rb") as opened:
            raw = opened.read(MAX_BYTES + 1)
    except OSError as error:
        return [Problem(shown, 0, f"cannot read it: {error.strerror}")]
    seconds = budget_for(len(raw))  # linear work: 2 s a megabyte
    message = overtime("checking", "simplify it, or split it into smaller files", seconds=seconds)

    def judged() -> list[Problem]:
        found = attachment_problems(shown, raw)
        return found + hidden_in_attachment(site, shown, raw) if site else found

    return in_time(judged, lambda: [Problem(shown, 0, message)], seconds)


def direction_message(written: str) -> str:
    """Say what is wrong with what sets a direction where no right-to-left letter is."""
    return (
        f"{written} sets the direction of the words around it, which hold no right-to-left "
        "letter (Arabic, Hebrew): readers see them in another order than written ('3 : 1' "
        "as '1 : 3') — remove it"
    )


def named_character(character: str) -> str:
    """Return a character as a message names it (U+202E), or its reference as written."""
    return f"U+{ord(character):04X}" if len(character) == 1 else character


def attachment_problems(shown: Path, raw: bytes) -> list[Problem]:
    """Return the problems of an attachment's bytes: its markup in each way a browser may
    read it, and its addresses (in a file that is not text, plain ASCII ones, as warnings)."""
    if acts := packed.pdf_actions(raw):
        message = (
            f"the PDF does more than show its pages: {', '.join(acts)} (a PDF viewer in a "
            "browser runs it, or opens the address, when the file is opened) — save it again "
            "without it (print it to a new PDF)"
        )
        return [Problem(shown, 0, message)]
    texts = markup_texts(raw, shown.suffix)
    if texts and texts[0].startswith("---") and shown.suffix.lower() in (".html", ".htm"):
        message = (
            "is a Jekyll page (it starts with front matter), which would be published as it is "
            "— make it a Markdown page (.md), or run flask import-jekyll"
        )
        return [Problem(shown, 1, message)]
    problems = []
    for text in texts:
        problems += problems_at(shown, positions(text), scan_markup(text, FILE))
        overrides = [*OVERRIDE.finditer(text), *OVERRIDE_REFERENCE.finditer(text)]  # as shown
        found = [
            Finding(override_message(named_character(o[0])), offset=o.start()) for o in overrides
        ]
        carried = [*carrier_references(text), *filter(None, [carrier(text)])]
        found += [
            Finding(carrier_message(named_character(c[0])), offset=c.start()) for c in carried
        ]
        found += [
            Finding(direction_message(named_character(d[0])), True, d.start())
            for d in needless_directions(text)
        ]
        if overridden := CSS_OVERRIDES_DIRECTION.search(text):  # a style sheet's, as <bdo> does
            found.append(Finding(override_message(overridden[0]), offset=overridden.start()))
        problems += problems_at(shown, positions(text), found)
    readable = texts[0] if texts else raw.decode("latin-1")
    # an image, a PDF: not text of any encoding, nor named as text (a .txt with a NUL in it)
    kind = mimetypes.guess_type(shown.name)[0] or ""
    binary = not texts and b"\0" in raw and not kind.startswith("text/")
    found = []  # in text, however written (%40, ＠); in an image or a PDF, as it is
    for start, end in addresses.find(readable) if binary else addresses.find_any(readable):
        address = readable[start:end]
        if not binary or addresses.is_plausible(address):
            message = (
                f"the address {address} would be published in this file as it is, where "
                "address harvesters read it — remove it, or write it as name (at) example.org"
            )
            found.append(Finding(message, binary, start))  # in an image or a PDF: a warning
    problems += problems_at(shown, positions(readable), found)
    return list(dict.fromkeys(problems))


def check_in_time(build: Build, page: Page) -> list[Problem]:
    """Return the problems of a page, its rendering's included, within the time budget."""
    fix = "simplify it, or split it into smaller pages"
    hiding = hidden_addresses(build.site)  # what the check looks for in it, besides the page
    return in_time_kept(
        f"{page.body_line}\0{page.body}\0{hiding.fingerprint}",
        lambda: check_page(build, page),
        lambda earlier: [Problem(page.source, 0, overtime("checking", fix, earlier=earlier))],
    )


def body_html(page: Page) -> str:
    """Return a page's body as the renderer makes it ("" if it cannot: ``render_problems``
    says why)."""
    with contextlib.suppress(RenderError):
        return markdown_to_html(page.body)
    return ""


def render_problems(page: Page) -> list[Finding]:
    """Return why a page's body cannot be turned into HTML, if it cannot."""
    depth, offset = deepest(masked(page.body))
    if depth > MAX_NESTING:
        message = (
            f"lists or quotes are nested {depth} levels deep here, more than the site can show "
            f"({MAX_NESTING}) — nest them less deeply"
        )
        return [Finding(message, offset=offset)]
    try:
        markdown_to_html(page.body)
    except RenderError as error:
        return [Finding(str(error))]
    return []


def check_page(build: Build, page: Page) -> list[Problem]:
    """Return the problems in a page: links and images, raw HTML, Liquid, linked addresses.
    What the scan of its text and the check of its links both find (an HTML link that runs
    code) is said once at its line."""
    found = page_findings(page)
    where = positions(page.body, page.body_line)
    problems = [finding.placed(page.source, where) for finding in found.problems]
    for link, line, column in found.links:
        problems += [f.at(page.source, line, column) for f in link_problems(build, page, link)]
    seen = {problem.message for problem in problems}
    for finding in found.unseen:
        if finding.message not in seen:
            seen.add(finding.message)
            made = f"{finding.message} (in the page as it is made)"
            unseen = dataclasses.replace(finding, message=made)
            problems.append(unseen.placed(page.source, where, page.body_line))
    for key, url in page.links:
        line = page.line_of(key)
        problems += [f.at(page.source, line) for f in target_problems(build, page, url, f"'{key}'")]
    if isinstance(page, Event) and page.series:
        series = build.site.pages.get(build.site.series_of(page))
        if not isinstance(series, Event) or not series.repeat:
            message = (
                f"'series' {page.series!r} is not an event that repeats — name the series' "
                "file (2026-10-20-seminar.md, beside this one) or its address"
            )
            problems.append(Problem(page.source, page.line_of("series"), message))
    if isinstance(page, Event) and (not page.timezone or page.repeat):  # the zone known now
        problems += [Problem(page.source, page.line_of(k), m) for k, m in skipped_times(page)]
    hiding = hidden_addresses(build.site)
    spoken = [(a, o) for o, a in addresses.read_hidden(page.body)] if hiding else []
    for offset, raw in packed.decoded(page.body.encode()) if hiding else ():  # base64 too
        spoken += [(a, offset) for _, a in addresses.read_hidden(raw.decode("utf-8", "replace"))]
    said: set[tuple[int, int]] = set()  # each member's address, by the line it is said at
    written = [(hider_of(hiding, a), o) for a, o in [*found.shown, *spoken]] if hiding else []
    spelled = spelled_places(hiding, page.body)  # as it is spelled out: each place
    for number, offset in [(n, o) for n, o in written if n] + spelled:
        if (number, line := where(offset)[0]) not in said:
            error = Finding(hidden_elsewhere(build.site, number), offset=offset)
            problems.append(error.placed(page.source, where))
            said.add((number, line))
    made = body_html(page) if hiding else ""
    shows = published_hidden(hiding, made) | drawn_hidden(hidden_emails(build.site), made)
    for number in sorted(shows - {n for n, _ in said}):
        local = build.site.members[number - 1].email.partition("@")[0]
        offset = max(written_at(page.body, local), 0)
        error = Finding(hidden_elsewhere(build.site, number), offset=offset)
        problems.append(error.placed(page.source, where))
    for key, text in front_matter_texts(page) if hiding else ():
        for number in sorted(hidden_in_text(hiding, text)):
            message = hidden_elsewhere(build.site, number)
            problems.append(Problem(page.source, page.line_of(key), message))
    for key, text in front_matter_texts(page):
        for direction in itertools.islice(needless_directions(text), 1):
            message = direction_message(named_character(direction[0]))
            problems.append(Problem(page.source, page.line_of(key), message, warning=True))
    for key, address in front_matter_addresses(page):
        message = (
            f"the address {address} in '{key}' reaches the feed and calendars, written "
            f"'{hidden(address)}' — leave it out, or put it in the text as a link"
        )
        problems.append(Problem(page.source, page.line_of(key), message, warning=True))
    problems += [f.placed(page.source, where, page.body_line) for f in found.unrendered]
    return said_once(problems)


def hidden_addresses(site: Site) -> Hidden:
    """Return the addresses members.yml lists and does not show (``show_email: false``, or
    the site's ``members: show_email: false``), each by its ``address_skeleton`` (however
    it is written, or looks), with the number of the first member who has it."""
    if "hidden addresses" not in site.memo:
        default, hiding = site.config.show_email, Hidden()
        for number, one in enumerate(site.members, 1):
            if one.email and not one.shown_email(default):
                hiding.hide(one.email, number)
        site.memo["hidden addresses"] = hiding
    return cast(Hidden, site.memo["hidden addresses"])


def hidden_emails(site: Site) -> dict[int, str]:
    """Return the addresses members.yml hides, lower case, by the member who has each."""
    return {n: site.members[n - 1].email.lower() for n in hidden_addresses(site).values()}


def hider_of(hiding: Mapping[str, int], address: str) -> int | None:
    """Return the member whose hidden address ``address`` is, however written or looked
    (``address_skeleton``), or with a "+tag" after its local part (mail to it reaches the
    same box: ada+news@example.org); None if it is none."""
    if found := hiding.get(address_skeleton(address)):
        return found
    local, _, host = address.rpartition("@")
    return hiding.get(address_skeleton(f"{local.split('+')[0]}@{host}")) if "+" in local else None


def hidden_in_text(hiding: Mapping[str, int], text: str) -> set[int]:
    """Return the members whose hidden address a text shows (a field of front matter or of
    members.yml, a line of site.yml), as a reader reads it (``addresses.read_hidden``),
    unquoted as in a link (twice: "%2540"), and as base64 or hex decode it."""
    if not text:
        return set()
    unquoted = dict.fromkeys((text, unquote(text), unquote(unquote(text))))  # most: one
    readings = [addresses.readable(t) for t in unquoted]
    readings += [raw.decode("utf-8", "replace") for _, raw in packed.decoded(text.encode())]
    readings = list(dict.fromkeys(readings))  # each searched once
    return {
        number
        for reading in readings
        for _, address in addresses.read_hidden(reading)
        if (number := hider_of(hiding, address))
    } | {number for reading in readings for number in spelled_out(hiding, reading)}


def hidden_in_name(hiding: Mapping[str, int], name: str) -> set[int]:
    """Return the members whose hidden address a file's name or a URL shows, read as text
    and with its dashes, underscores and slashes as spaces ("benner-at-mpi-dot-de")."""
    return hidden_in_text(hiding, name) | hidden_in_text(
        hiding, re.sub(r"[-_/]+", " ", unquote(name))
    )


def hidden_in_urls(site: Site) -> list[Problem]:
    """Return an error for each URL of a page, an attachment or a redirect that shows an
    address members.yml hides, however written (``hidden_in_name``): the sitemap, the feeds
    and the calendars show URLs as they are."""
    hiding, problems = hidden_addresses(site), []
    fix = "rename the file, or give it a permalink without the address"
    owned = [(url, page.source, page.line_of("permalink")) for url, page in site.pages.items()]
    owned += [(url, site.path(url.lstrip("/")), 0) for url in site.attachments]
    owned += [
        (old, page.source, page.line_of("redirect_from"))
        for old, new in site.redirects.items()
        if (page := site.pages.get(new))
    ]
    for url, source, line in owned:
        for number in sorted(hidden_in_name(hiding, url)):
            message = f"its URL {url} shows an address: {hidden_elsewhere(site, number, fix)}"
            problems.append(Problem(source, line or 1, message))
    return problems


def hidden_elsewhere(
    site: Site, number: int, fix: str = "remove it here (the member may choose to show it there)"
) -> str:
    """Say that an address shown here is one members.yml keeps hidden, as member ``number``'s."""
    one = site.members[number - 1]
    return (
        f"this address is member {number}'s ({one.name}), and {site.path(MEMBERS_FILE)} keeps "
        f"it hidden — {fix}"
    )


def skipped_times(event: Event) -> Iterator[tuple[str, str]]:
    """Yield (key, message) for a time of ``start`` or ``end`` in the hour the clocks of the
    site's zone skip (the event's own zone is judged where it is read)."""
    for key in ("start", "end"):
        value = getattr(event, key)
        if isinstance(value, datetime.datetime) and value.tzinfo is None and event.tz:
            try:
                parse_when(value, event.tz)
            except DateError as error:
                yield key, f"'{key}': {error}"
    start = event.start
    if event.repeat and isinstance(start, datetime.datetime) and event.tz:  # its meetings too
        for day in event.days(start.date() + datetime.timedelta(days=_SERIES_YEARS * 366)):
            try:
                parse_when(datetime.datetime.combine(day, start.time()), event.tz)
            except DateError:
                yield (
                    "start",
                    (
                        f"the meeting of {day} at {start:%H:%M} does not happen in "
                        f"{event.tz}: the clocks go forward then — add that day to 'except', "
                        "or move the series' time"
                    ),
                )
                return


def said_once(problems: list[Problem]) -> list[Problem]:
    """Return ``problems`` without those said before at the same line (of the same file)."""
    first: dict[tuple[Path, int, str], Problem] = {}
    for problem in problems:
        first.setdefault((problem.path, problem.line, problem.message), problem)
    return list(first.values())


@dataclass(frozen=True)
class Findings:
    """What a page's text says of itself, whatever the rest of the site: its links where it
    writes them, the problems of its text, what only the page as made shows, and why it
    cannot be made. Kept in the cache by the text, as the judging of it is slow."""

    links: tuple[tuple[Link, int, int], ...]  # and their line and column
    problems: tuple[Finding, ...]  # of the text, at their offsets in the body
    unseen: tuple[Finding, ...]  # errors of the page as it is made, where the body writes them
    unrendered: tuple[Finding, ...] = ()  # why it cannot be made
    shown: tuple[tuple[str, int], ...] = ()  # the addresses it shows or links to, and where

    def to_json(self) -> list[Any]:
        """Return the findings as JSON values."""
        links = [[*dataclasses.astuple(link), line, column] for link, line, column in self.links]
        found = (self.problems, self.unseen, self.unrendered)
        groups = [[dataclasses.astuple(f) for f in group] for group in found]
        return [links, *groups, [list(one) for one in self.shown]]

    @classmethod
    def from_json(cls, value: Any) -> Findings | None:
        """Return the findings kept as JSON values, if they are whole ones of their types (an
        entry of another shape, damaged or planted, is none)."""
        link, finding = (str, int, bool, (str, type(None)), bool, int, int), (str, bool, int)
        if not cache.is_row(value, list, list, list, list, list):
            return None
        links, problems, unseen, unrendered, shown = value
        if (
            not all(cache.is_row(item, *link) for item in links)
            or not all(cache.is_row(item, *finding) for group in value[1:4] for item in group)
            or not all(cache.is_row(item, str, int) for item in shown)
        ):
            return None
        return cls(
            tuple((Link(*item[:5]), item[5], item[6]) for item in links),
            tuple(Finding(*item) for item in problems),
            tuple(Finding(*item) for item in unseen),
            tuple(Finding(*item) for item in unrendered),
            tuple((address, offset) for address, offset in shown),
        )


def page_findings(page: Page) -> Findings:
    """Return what a page's text says of itself: kept in this process and on disk, as the
    judging of a text is slow."""
    key = f"{page.body_line}\0{page.body}"
    return cache.remembered(
        "findings", key, lambda: judge_text(page), dump=Findings.to_json, load=Findings.from_json
    )


def judge_text(page: Page) -> Findings:
    """Return what a page's text says of itself (see ``Findings``)."""
    rendered, text = body_html(page), masked(page.body)
    where = positions(page.body, page.body_line)
    defined = tuple(definitions(text))  # read once: four judgements below ask
    shown = shown_addresses(page.body, rendered)
    return Findings(
        tuple(
            (link, *where(link.offset))
            for link in links(rendered, text)
            if "{{" not in link.target and "{%" not in link.target  # Liquid: reported apart
        ),
        (
            *text_problems(page, text, rendered),
            *plain_addresses(text, shown),
            *defined_twice(defined),
            *unused_abbreviations(defined, rendered),
            *unused_links(text, defined),
            *unused_footnotes(defined, rendered),
            *unknown_tags(page, rendered),
        ),
        tuple(unseen_markup(page, rendered)),
        tuple(render_problems(page)),
        tuple((address, offset) for address, offset, _ in shown),
    )


def unseen_markup(page: Page, rendered: str) -> Iterator[Finding]:
    """Yield the errors of the rendered body's markup, what could run code (what the
    renderer reads otherwise, or writes itself from an option): the page is what gets
    published. The check of the text may have seen them already; each is placed where the
    body writes its tag, if it is found (else nowhere: at the body's first line)."""
    for placed, found in enumerate(
        found for found in scan_markup(rendered, PAGE, tags_of(rendered)) if not found.warning
    ):
        tag = rendered[found.offset : rendered.find(">", found.offset) + 1]
        written = page.body.find(tag) if placed < _PLACED else -1  # a few: each a search
        yield dataclasses.replace(found, offset=written)


def front_matter_texts(page: Page) -> Iterator[tuple[str, str]]:
    """Yield (key, text) for each text the front matter of ``page`` gives it (each of a
    list's), whatever its key (a field kept under another name says its key in its
    metadata): those the file writes, not those made from its text."""
    for field in dataclasses.fields(page):
        key = field.metadata.get("key", field.name)  # an event's 'url' is its website
        if field.name == "body" or key not in page.lines:
            continue
        value = getattr(page, field.name)
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str):
                yield key, text


def front_matter_addresses(page: Page) -> Iterator[tuple[str, str]]:
    """Yield (key, address) for each e-mail address in the front matter's texts."""
    for key in ("title", "description", "summary", "author", "location", "organizers", "speaker",
                "online"):  # fmt: skip
        value = getattr(page, key, "")
        for text in value if isinstance(value, tuple) else (value,):
            for _, address in addresses.read_any(text):
                yield key, address


def text_problems(page: Page, text: str, rendered: str) -> Iterator[Finding]:
    """Yield each problem of a body's text itself (``text``: masked; ``rendered``: the
    page's HTML), at its offset in the body; its links are judged against the site apart."""
    made = {found[1].lower() for found in _START_TAG.finditer(rendered)}  # tags the page has
    by_hand = [tag for tag in tags_of(text) if not escaped(text, tag.start, made, tag.name)]
    yield from scan_markup(text, PAGE, by_hand)
    for tag in by_hand:  # written by hand: TeX's MathML has such boxes of a mark, or of nothing
        if box := overlapping(tag.name, tag.pairs()):
            message = f"{box} draws what it holds over the words beside it — remove it"
            yield Finding(message, offset=tag.start)
    after = 0  # each found as the page is made (not in a link's title), placed in order
    for _, name in stray_end_tags(rendered):
        layout = name.lower() in LAYOUT_ELEMENTS
        message = (
            f"</{name}> ends an element this page never started: the layout's, which holds its "
            "text (the words after it are left out of the search, the page's layout breaks) — "
            "remove it"
            if layout
            else f"</{name}> closes no element here: browsers show "
            + _STRAY_SHOWN.get(name.lower(), "nothing of it")
            + f" — remove it, or write &lt;/{name}> to show it"
        )
        found = re.compile(rf"</{name}\b", re.IGNORECASE).search(text, after)
        after = found.end() if found else after
        yield Finding(message, not layout, found.start() if found else -1)
    for offset, written in shrunk(text, by_hand):
        message = f"{written} in what is already smaller draws its words too small to read — "
        yield Finding(message + "remove it", offset=offset)
    for offset, written in moved_in_all(text, by_hand):
        message = (
            f"{written} is drawn far from its place, the moves around it added up (an "
            f"<mpadded voffset> in another, spaces one after another) — keep within "
            f"{FARTHEST:g}em in all"
        )
        yield Finding(message, offset=offset)
    for found in OVERRIDE_REFERENCE.finditer(text):  # as a page shows it: U+202E
        yield Finding(override_message(found.group()), offset=found.start())
    for found in carrier_references(text):  # a flag's tags are written as themselves
        yield Finding(carrier_message(found.group()), offset=found.start())
    for found in needless_directions(text):
        yield Finding(direction_message(named_character(found[0])), True, found.start())
    for found in HTML_ONLY_COMMENT_END.finditer(masked(page.body, comments=False)):
        if text[found.start()] == " ":  # inside a comment: the scan above saw the others
            yield Finding(ODD_COMMENT, offset=found.start())
    for block in liquid.blocks(text):
        yield Finding(liquid.message(block), offset=block.start)
    for extension in _EXTENSION.finditer(text):
        instead = "<!-- … -->" if extension[1] == "comment" else "Markdown or HTML"
        yield Finding(
            f"kramdown's {{::{extension[1]}}} is shown here as text, with all it holds — "
            f"write {instead} instead",
            offset=extension.start(),
        )
    for attributes in _ATTR_LIST.finditer(text):  # {: .class key="value"}
        pairs = dict(attributes_of(attributes.group(1)))  # "{: hidden}" sets an attribute
        if classes := [w[1:] for w in pairs if w.startswith(".")]:  # .class adds a class
            pairs["class"] = " ".join([pairs.get("class") or "", *classes])
        for problem in tag_problems("p", pairs, PAGE):  # a paragraph's, or another text's
            yield dataclasses.replace(problem, offset=attributes.start())
        words = [w for w, value in pairs.items() if value is None and w[:1] not in ".#"]
        before = text[text.rfind("\n", 0, max(attributes.start() - 1, 0)) + 1 : attributes.start()]
        if words == ["toc"] and _LIST_ITEM.match(before):  # kramdown's table of contents
            continue
        if words and not set(words) & {"hidden", "popover"}:  # those are errors already
            yield Finding(
                f"{attributes.group()} makes {', '.join(words)} attributes of what stands before "
                'it, and shows none of its words — write .class, #id or key="value" only, or '
                "\\{: to show it",
                True,
                attributes.start(),
            )
    for offset, fence in itertools.islice(nested_fences(page.body), 1):  # (each line of it)
        yield Finding(
            f"{fence} indented, or in a list's item or a quote, opens no code block here "
            "(kramdown and GitHub make one): its lines are shown as text and read as Markdown "
            "— write the fence at the start of its line (after the list or the quote)",
            True,
            offset,
        )
    for offset, info in itertools.islice(fence_words(page.body), _PLACED):
        yield Finding(
            f"'{info}' after the code's language shows nowhere (as on GitHub) — write it in "
            "the text above the block",
            True,
            offset,
        )
    for offset, cells, width in table_rows_too_wide(text):
        yield Finding(
            f"this row of the table has {cells} cells and its header {width}: the page drops "
            f"the last {cells - width} — add a column to the header, or join the cells",
            True,
            offset,
        )
    if deep := nested_past(text, MAX_DEPTH):
        yield Finding(
            f"HTML elements are nested {deep[0]:,} levels deep here, more than the site can "
            f"show ({MAX_DEPTH}) — nest them less deeply",
            offset=deep[1],
        )
    for name, offset in unclosed_blocks(text)[:1]:
        yield Finding(
            f"<{name}> is never closed: the page may lose what follows it (Python-Markdown "
            f"reads the rest as its HTML) — close it with </{name}>",
            offset=offset,
        )
    for offset, option in fence_options(page.body):
        if option not in CODE_OPTIONS:
            yield Finding(
                f"the code block's option {option}= is not read (a block's are "
                f"{', '.join(sorted(CODE_OPTIONS))}) — remove it",
                True,
                offset,
            )
    for name, offset in unclosed_formatting(text)[:1]:
        yield Finding(
            f"<{name}> is never closed: browsers go on with it over the rest of the page, the "
            f"site's footer too — close it with </{name}>, or write &lt; for a '<' in text",
            True,
            offset,
        )
    for name, offset, closed in unseen_words(text):
        if closed:
            fix = (
                "check that every reader sees them, or put them in the text"
                if name == "svg"  # an SVG's words may well be seen: the check cannot tell
                else "put them before or after it, where every reader sees them"
            )
            message = f"<{name}> {WORDS_UNSEEN[name]} — {fix}"
        elif name == "svg":  # the words after it are no <text>'s: SVG draws none
            message = "<svg> is never closed, and draws none of the words after it — close it"
        else:
            message = (
                f"<{name}> {WORDS_UNSEEN[name]} and, never closed, holds the rest of the page — "
                f"close it with </{name}>"
            )
        yield Finding(message, closed and name == "svg", offset)
    for ms in _MS_TAG.finditer(text):
        if _QUOTES.search(ms[0]):
            message = "<ms lquote=… rquote=…>: browsers draw their own quotes — remove these"
            yield Finding(message, offset=ms.start())
    for raw in _RAW_PHANTOM.finditer(text):  # a formula's \mathstrut is one, of no words
        message = "<mphantom> hides what it holds from readers — remove it"
        yield Finding(message, offset=raw.start())
    for offset, tex, display in formulas(text):
        for line in tex.split("\n"):
            comment = TEX_COMMENT.search(line)
            if comment and any(c.isalnum() for c in line[comment.end() :]):
                yield Finding(
                    f"formula '{tex.strip()[:40]}': its % starts a TeX comment, which hides "
                    "the rest of its line — write \\% for a percent sign",
                    True,
                    offset,
                )
                break
        if phantom := _PHANTOM.search(tex):
            yield Finding(
                f"formula '{tex.strip()[:40]}': {phantom[0]} hides what it holds from readers "
                "— remove it",
                offset=offset,
            )
            continue
        try:
            to_mathml(tex, display=display)
        except FormulaError as error:
            yield Finding(f"formula '{tex.strip()[:40]}': {error}", offset=offset)
    for bracket in _TEX_IN_BRACKETS.finditer(text):
        if _TEX_LIKE.search(bracket[2]):
            yield Finding(
                f"'{bracket[0][:40]}' is shown as text, with its brackets: \\{bracket[1]} is an "
                "escaped bracket, as in kramdown and on GitHub — write $$…$$ for a formula",
                True,
                bracket.start(),
            )
    for unread in _READ_AS_NOTHING.finditer(text):
        yield Finding(
            f"{unread[0]}… is read as nothing by browsers, with all it holds up to its '>' — "
            "remove it, or write &lt; for its < to show it",
            offset=unread.start(),
        )
    yield from shown_as_text(page.body, rendered)
    for end_tag in _END_TAG_WORDS.finditer(text):
        yield Finding(
            f"{end_tag[0]} is an end tag, and browsers show nothing of what follows its name — "
            "write &lt; for its < to show it",
            True,
            end_tag.start(),
        )


def escaped(text: str, at: int, made: set[str], name: str) -> bool:
    """Tell a tag written with a backslash before it (``\\<b>``), which the page shows as
    text: none of its name is in the page as ``made`` (in an HTML block it is a tag)."""
    start = at
    while start > 0 and text[start - 1] == "\\":  # (each run of backslashes read once)
        start -= 1
    return (at - start) % 2 == 1 and name.lower() not in made


def shown_as_text(body: str, rendered: str) -> Iterator[Finding]:
    """Yield a warning for each line of the page as made (``rendered``) that goes on a
    paragraph (or HTML) as text though it looks like a list's item (``2. second`` after a
    paragraph's line, ``- a`` in a ``<div>``), and for a comment never closed, which the page
    shows: placed where ``body`` writes them."""
    place, code, searches = 0, False, 0
    for line in rendered.split("\n"):
        code = (code or "<pre" in line) and "</pre>" not in line
        if code or not (item := _ITEM_AS_TEXT.match(line)):
            continue
        searches += 1  # a few: each a search
        found = body.find(item[0], place) if searches <= _PLACED else -1
        if found < 0 or body[found - 1 : found] == "\\":  # written otherwise, or escaped
            continue
        place = found + len(item[0])
        marker = item[1]
        escaped = f"{marker[:-1]}\\{marker[-1]}" if marker[0].isdigit() else f"\\{marker}"
        yield Finding(
            f"'{item[0][:40]}' is shown as text, though it looks like a list's item — for a "
            'list, leave a blank line before it and start at 1. (in HTML, add markdown="1" '
            f"to the element that holds it); to keep it text, write {escaped}",
            True,
            found,
        )
    visible = _CODE_ELEMENTS.sub("", rendered)  # code shows tags as text on purpose
    shown = Counter(m[1].lower() for m in _TAG_AS_TEXT.finditer(visible))
    hidden = masked(body) if shown.keys() & KNOWN_ELEMENTS else body
    for name in sorted(shown.keys() & KNOWN_ELEMENTS):
        as_text = rf"&lt;{name}\b|\\<{name}\b"  # written to be shown as text: no tag lost
        if shown[name] <= len(re.findall(as_text, hidden, re.IGNORECASE)):
            continue
        tag = rf"(?<!\\)<{name}\s+[\w:-]+\s*="  # with an attribute: no "a <b then" of maths
        if written := re.search(tag, hidden, re.IGNORECASE):
            yield Finding(
                f"<{name} is shown as text, not read as a tag: a tag ends in its own paragraph "
                "(no blank line, nor a line that starts with >, # or -, inside it) — end it "
                "there, or write &lt; to show it",
                True,
                written.start(),
            )
    if _COMMENT_AS_TEXT.search(rendered) and (start := body.find("<!--")) >= 0:
        yield Finding(
            "<!-- starts a comment that is never closed, so the page shows it as text — end "
            "it with -->",
            True,
            start,
        )


def defined_twice(defined: Iterable[Definition]) -> Iterator[Finding]:
    """Yield a warning for each link, footnote or abbreviation defined again (``defined``: a
    text's ``definitions``): the later definition is used, and the earlier one is lost
    without a word."""
    seen: set[tuple[str, str]] = set()
    for kind, name, written, offset in defined:
        if (kind, name) in seen:
            yield Finding(
                f"the {kind} {written} is defined a second time: the page uses this later "
                "definition and drops the earlier one — keep one",
                True,
                offset,
            )
        seen.add((kind, name))


def unknown_tags(page: Page, rendered: str) -> Iterator[Finding]:
    """Yield a warning for each tag of the rendered body that no HTML, SVG or MathML element
    has the name of (``<kind>``, ``<x, y>``): raw HTML to the renderer, nothing to a reader,
    who loses its words. A custom element (``<my-card>``) is meant so. Placed where the body
    writes it, if it is found (a few: each a search)."""
    found = ((tag, words) for tag in tags_of(rendered) if (words := lost_words(tag)))
    for tag, words in itertools.islice(found, _PLACED):
        written = rendered[tag.start : tag.end]
        yield Finding(
            f"{written} is read as an HTML tag, which the page does not show, nor its words "
            f"({' '.join(words)}) — write &lt; for its < to show them, or put them in backticks",
            True,
            page.body.find(written),
        )


def lost_words(tag: Tag) -> list[str]:
    """Return the words of a tag that a reader does not see: its name, if no element has it
    (``<kind>``; ``<doi:b>``, as no element's name has a prefix, in HTML or in SVG: a
    browser keeps it whole); each word written as an attribute that none is without a value
    (``<a and b>`` in "for all pairs <a and b>")."""
    name = tag.name.lower()
    words = [] if not name or name in KNOWN_ELEMENTS or "-" in name else [name]
    return words + [
        found.name
        for found in tag.attributes
        if found.value is None and found.name.isalpha() and found.name not in VALUELESS_ATTRIBUTES
    ]


def unused_footnotes(defined: Iterable[Definition], rendered: str) -> Iterator[Finding]:
    """Yield a warning for each footnote that the text never points to: the page lists it at
    the end (GitHub and kramdown leave it out)."""
    unused = unpointed_notes(rendered)
    if not unused:
        return
    notes = {key: offset for kind, key, _, offset in defined if kind == "footnote"}
    for key in unused:
        yield Finding(
            f"the footnote [^{key}] is pointed to nowhere in the text: the page lists it at the "
            f"end, where no one is sent to it — point to it with [^{key}], or remove it",
            True,
            notes.get(key, -1),
        )


def unused_links(text: str, defined: Iterable[Definition]) -> Iterator[Finding]:
    """Yield a warning for each link definition that no link of the text names: its line is
    never shown (``[Update]: postponed`` in a paragraph is one). The comment idiom
    (``[//]: # (…)``, ``[x]: <> (…)``) is meant so."""
    found = []
    for kind, key, written, offset in defined:
        end = text.find("\n", offset)
        target = text[offset : end if end >= 0 else len(text)].partition("]:")[2].strip()
        if kind == "link" and not target.startswith(("#", "<>")):
            found.append((key, written, offset, end if end >= 0 else len(text)))
    if not found:
        return
    others, last = [], 0
    for _, _, start, end in found:  # the text but the definitions' lines, in one pass
        others.append(text[last:start])
        last = end
    others.append(text[last:])
    named = {" ".join(m[1].lower().split()) for m in BRACKETED.finditer("".join(others))}
    for key, written, offset, _ in found:
        if key not in named:
            yield Finding(
                f"the line {written}: … is read as the definition of a link that no link of "
                "the text names, so it is not shown — link to it, or write the line "
                "otherwise (\\[…])",
                True,
                offset,
            )


def unused_abbreviations(defined: Iterable[Definition], rendered: str) -> Iterator[Finding]:
    """Yield a warning for each abbreviation that the page (``rendered``) never marks: its
    definition's line is not shown, so text that only looked like one is lost without a
    word (``*[Update, 5 May]: the deadline is extended.*``)."""
    used = {html.unescape(found) for found in _ABBREVIATED.findall(rendered)}
    for kind, name, written, offset in defined:
        if kind == "abbreviation" and name not in used:  # a body of it alone shows nothing
            yield Finding(
                f"the abbreviation {written} is marked nowhere in the text, and its line is not "
                "shown (a definition never is) — use it, or write the line otherwise (\\*[…])",
                True,
                offset,
            )


def shown_addresses(body: str, rendered: str) -> list[tuple[str, int, bool]]:
    """Return each e-mail address a page shows or links to, as a reader reads it, with its
    offset in ``body`` and whether the body writes it whole (else only the page, ``rendered``,
    shows it whole: ``*ada*@example.org``; placed at its first word after the one before)."""
    found = [(address, begin, True) for begin, address in addresses.read_any(body)]
    whole, place = {address for address, _, _ in found}, 0
    seen = [a for _, a in addresses.read_any(rendered) if a not in whole]
    if addresses.has_sign(rendered):  # split by markup no reader sees (a comment, an image),
        for apart in (False, True):  # or ended by a tag (ada@example.org<sup>1</sup>)
            read = addresses.read_any(reader_text(rendered, apart=apart))
            seen += [a for _, a in read if a not in whole]
    for address in dict.fromkeys(seen):
        place = written_at(body, address.rpartition("@")[0], place)
        found.append((address, place, False))
    return found


def written_at(body: str, local: str, start: int = 0) -> int:
    """Return where an address's local part is written in ``body`` (from ``start`` on, else
    from the top; in any case): whole, or with markup between its letters (``b**enner**``,
    ``secret.per*son*``: its first 16 letters looked for); -1 if it is not."""
    between = r"(?:[*_~`\\]|<[^<>\n]{0,200}>)*"  # emphasis, code, an escape, a tag
    written = re.compile(between.join(map(re.escape, local[:16])), re.IGNORECASE)
    lowered = body.lower()
    for begin in (start, 0):
        if (found := lowered.find(local.lower(), begin)) >= 0:
            return found
        if found_split := written.search(body, begin):
            return found_split.start()
    return -1


def plain_addresses(text: str, shown: list[tuple[str, int, bool]]) -> Iterator[Finding]:
    """Yield a warning for each e-mail address a page shows (``shown``) that is not a link:
    in plain text, in code or in a comment (``text`` is the body with code and comments
    blanked), or shown whole on the page but written in pieces, with Markdown inside."""
    if not shown:
        return
    in_link = linked(text)
    for address, begin, whole in shown:
        if not whole:
            message = (
                f"the address {address} is shown whole on the page, though written in pieces, "
                f"with markup inside — make it a link, [Name](mailto:{address}), if its owner "
                "agrees to have it on the site"
            )
        elif in_link(begin):
            continue
        elif text[begin] == " ":  # blanked
            message = (
                f"the address {address} is in code or a comment — use name@example.org in "
                "examples, or make it a link if its owner agrees to have it on the site"
            )
        else:
            message = (
                f"the address {address} is plain text — make it a link, "
                f"[Name](mailto:{address}), if its owner agrees to have it on the site"
            )
        yield Finding(message, True, begin)


def problems_at(
    path: Path, where: Callable[[int], tuple[int, int]], found: Iterable[Finding]
) -> list[Problem]:
    """Return the problems found in a text of the file at ``path``, each at its line and
    column."""
    return [finding.placed(path, where) for finding in found]


def links(body_html: str, text: str) -> Iterator[Link]:
    """Yield the links and images of a page as its renderer made them (``body_html``): the
    checks judge what gets published. Each is placed where ``text`` (the masked body) writes
    it: the n-th link to a target at the n-th place that writes that target, at the last if
    the renderer made more (a reference used twice). One written in a way no pattern here
    reads is placed where its target is written soon after the link before it, else there
    (or, for the first, at the body's first word)."""
    written = written_links(text)
    seen: dict[str, int] = {}
    last = (len(text) - len(text.lstrip()), False)
    for tag in tags_of(body_html):
        name, attributes = tag.name, tag.pairs()
        for key, value in attributes.items():
            for target in linked_addresses(key, value):
                near = text.find(target, last[0], last[0] + _NEAR) if target else -1
                places = written.get(target, [(near, False) if near >= 0 else last])
                seen[target] = count = seen.get(target, -1) + 1
                offset, in_html = last = places[min(count, len(places) - 1)]
                yield Link(target, offset, name == "img", attributes.get("alt"), in_html)


def link_problems(build: Build, page: Page, link: Link) -> Iterator[Finding]:
    """Yield what is wrong with one link or image."""
    if link.image and (link.alt is None if link.in_html else not (link.alt or "").strip()):
        example = 'alt="What it shows"' if link.in_html else f"![What it shows]({link.target})"
        yield Finding(f"image '{link.target}' has no alt text — describe it: {example}")
    target = link.target.strip()
    if link.image and on_another_site(target):
        yield Finding(
            f"image '{target}' is on another site, {NOT_LOADED}: readers see its alt text — "
            "put the file in content/images/ and show it from there",
            True,
        )
    yield from target_problems(build, page, link.target, "image" if link.image else "link target")


def target_problems(
    build: Build | None, page: Page | None, target: str, what: str
) -> Iterator[Finding]:
    """Yield what is wrong with where a link points, written in ``page`` (None: site-wide);
    without a ``build``, of a link to another site only (as the import judges one)."""
    target = target.strip()
    if not target:
        yield Finding(f"empty {what} — write where it should go")
        return
    decoded = html.unescape(target)
    scheme = scheme_of(decoded)
    found = next(addresses.find(decoded), None)
    address = decoded[found[0] : found[1]] if found else ""
    if unsafe := unsafe_address(decoded):
        yield unsafe  # as the markup's scan says it, so that a link's is said once
    elif scheme == "mailto":
        written = decoded.split(":", 1)[1].split("?")[0].split(",")
        if not all(addresses.is_address(a) for a in written):
            yield Finding(
                f"{what} '{target}' is not an e-mail address — write mailto:name@example.org"
            )
    elif (scheme in ("http", "https") or decoded.startswith("//")) and not split_address(decoded):
        yield Finding(
            f"{what} '{target}' has a '[' or ']' in its host, outside an IPv6 address, which no "
            "browser opens — write its address as the site gives it"
        )
    elif scheme in ("http", "https") and not urlsplit(decoded).hostname:
        yield Finding(f"{what} '{target}' has no host — write it like https://example.org/page")
    elif scheme in ("http", "https") and not reachable_port(decoded):
        yield Finding(f"{what} '{target}' has a port no browser can reach (1 to 65535) — fix it")
    elif (web := scheme in ("http", "https") or decoded.startswith(("//", "\\"))) and "\\" in (
        decoded.split("?")[0].split("#")[0]
    ):
        read = urlsplit(("" if scheme else "https:") + decoded.replace("\\", "/"))
        yield Finding(
            f"{what} '{target}' holds a backslash, which browsers read as '/': it leads to "
            f"{read.hostname or 'no host'}{read.path} — write '/' (or %5C in a path)"
        )
    elif web and "@" in (host := urlsplit(decoded if scheme else "https:" + decoded)).netloc:
        yield Finding(
            f"{what} '{target}' names a user before its host, which hides where it leads (to "
            f"{host.hostname}) — write the address without the part before '@'"
        )
    elif scheme in ("http", "https") and not reachable_host(urlsplit(decoded).hostname or ""):
        yield Finding(
            f"{what} '{target}' has a host no browser can reach ('{urlsplit(decoded).hostname}': "
            "an empty part, a part that starts or ends with '-', or an IP address of more than "
            "four numbers) — fix it"
        )
    elif scheme == "http":
        yield Finding(
            f"{what} '{target}' is not encrypted — use https:// if that site offers it", True
        )
    elif scheme == "ftp":  # an old site's file server's: harmless, and dead in browsers
        yield Finding(
            f"{what} '{target}' uses ftp:, which browsers no longer open — use its https:// "
            "address if it has one",
            True,
        )
    elif scheme and scheme not in SAFE_SCHEMES and not mistyped_mailto(decoded, address):
        yield Finding(
            f"{what} '{target}' has an unknown scheme '{scheme}:' — use https://, mailto: or /…"
        )
    elif build is not None and (
        (not scheme and not decoded.startswith(("//", "?"))) or mistyped_mailto(decoded, address)
    ):
        yield from internal_problems(build, page, target, what, address)


def mistyped_mailto(target: str, address: str) -> bool:
    """Tell a link that is an e-mail address after another word than mailto: (``email:``,
    ``mail: ada@…``): the check says how to write it. An address elsewhere in a link of an
    unknown scheme (``file://guest@host/…``) makes it no less unknown."""
    return bool(address) and target.partition(":")[2].strip(" /") == address


def internal_problems(
    build: Build, page: Page | None, target: str, what: str, address: str
) -> Iterator[Finding]:
    """Yield what is wrong with a link to a page or file of the site (or a stray address)."""
    folder = page.folder() if page else ""
    sources = build.site.urls_by_source
    resolved = resolve_link(target, folder=folder, prefix="", sources=sources)
    path, _, fragment = resolved.partition("#")
    path = (
        unquote(html.unescape(re.sub(r"\?.*", "", path))) if path else (page.url if page else "/")
    )
    own = page is not None and path == page.url  # a draft's own anchors are there too
    if path in build.by_url or own:
        attachment = path in build.site.attachments  # #page=3 of a PDF: the reader's affair
        if fragment and not attachment and fragment not in ids_of(build, path, fragment):
            dead = own and page is not None and f"#{fragment}" in page.dead_links  # (the import)
            yield Finding(
                f"{what} '{target}': {path} has no heading or anchor '{fragment}'"
                + (": nor had the old site — fix the link or remove it, then its line in "
                   "'dead_links'" if dead else " — check its id"),
                dead,
            )  # fmt: skip
    elif address and "/" not in target.split("@")[0]:
        yield Finding(f"{what} '{target}' looks like an e-mail address — write mailto:{address}")
    elif path in build.unpublished:
        yield Finding(f"{what} '{target}' points to {path}, which is a draft or not published yet")
    elif page is not None and path in page.dead_links:  # as the import found it
        yield Finding(
            f"{what} '{target}' points to {path}, which is not a page or file of the site: it "
            "led nowhere on the old site either, or to a file the import left out (its report "
            "says why) — fix the link or remove it, then its line in 'dead_links'",
            True,
        )
    else:
        hint = f" (did you mean {path}/?)" if path + "/" in build.by_url else ""
        yield Finding(f"{what} '{target}' points to {path}, which is not a page or file of the "
                      f"site{hint} — fix the link or add it")  # fmt: skip


def ids_of(build: Build, path: str, fragment: str) -> frozenset[str]:
    """Return the ids on the page at ``path``: its body's headings and anchors where they
    hold ``fragment``, else those of the page as made (its layout's too)."""
    page = build.site.pages.get(path)
    if page is not None:
        with contextlib.suppress(RenderError):  # the page's own check says why
            ids = _ids_in(markdown_to_html(page.body))
            if fragment in ids:
                return ids
    return _ids_in(build.made(path))


@functools.lru_cache(maxsize=1024)
def _ids_in(html_text: str) -> frozenset[str]:
    found = set()
    for tag in tags_of(html_text):
        found |= {v for name, v in tag.pairs().items() if name in ("id", "name") and v}
    return frozenset(found)


def check_site_links(build: Build) -> list[Problem]:
    """Return the problems of the navigation (site.yml) and member (members.yml) links."""
    site = build.site
    listed = [(site.path("site.yml"), url, line) for url, line in site.config.links()]
    listed += [(site.path(MEMBERS_FILE), m.url, m.line_of("url")) for m in site.members if m.url]
    listed += [
        (site.path(MEMBERS_FILE), m.photo, m.line_of("photo")) for m in site.members if m.photo
    ]
    problems = []
    for source, url, line in listed:
        problems += [found.at(source, line) for found in target_problems(build, None, url, "link")]
    for member in site.members:
        size = site.sizes.get(member.photo[1:], 0)
        if size > MAX_PHOTO_BYTES:
            message = (
                f"the photo {member.photo} is {size / 1e3:.0f} kB: a member's picture should be "
                f"under {MAX_PHOTO_BYTES // 1000} kB (400 × 400 pixels is plenty) — shrink it"
            )
            problems.append(Problem(site.path(MEMBERS_FILE), member.line_of("photo"), message))
    return problems
