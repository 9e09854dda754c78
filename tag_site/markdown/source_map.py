"""How a Markdown text is written: where its code, comments, raw HTML blocks and links are,
each link target's place, and the line and column of an offset.

The checks judge what the renderer makes (see ``render``); this module only tells them
where in the text, as the editor wrote it, each thing is, so that a message names its line.
All in linear time, whatever the text.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from . import addresses
from .markup import is_link, tags

# The opening run and its line are possessive: a line of backticks with no line end after it
# fails at once, not once for each shorter run (quadratic).
_FENCE = re.compile(
    r"^( {0,3})(`{3,}+|~{3,}+)[^\n]*+\n.*?(?:^ {0,3}\2[`~]*[ \t]*$|\Z)", re.M | re.S
)
_INLINE_LINK = re.compile(  # the text may wrap onto the next line, but not into a new paragraph
    r"(!?)\[((?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]\n]*\])*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)"
)
_REFERENCE = re.compile(r"^ {0,3}\[([^\]^\n][^\]\n]*)\]:[ \t]*(\S+)", re.M)  # not footnotes: [^1]:
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>")  # <name@…>: autolinks()
_BLOCK_TAG = re.compile(
    r"^ {0,3}<(address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|"
    r"header|main|nav|ol|p|pre|section|table|ul)\b",
    re.MULTILINE | re.IGNORECASE,
)
_LINK_WORD = re.compile(r"[\w/.-]+")
_A_OPEN = re.compile(r"<a\b", re.I)
_A_CLOSE = re.compile(r"</a\s*>", re.I)
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def linked(text: str) -> Callable[[int], bool]:
    """Return a test of whether an offset of a (masked) Markdown text is inside a link, its
    text or its target: Markdown links, autolinks, HTML tags and ``<a>`` elements."""
    spans = [m.span() for m in _INLINE_LINK.finditer(text)]
    spans += [(start, end) for start, end, _ in autolinks(text)]
    spans += [(tag.start, tag.end) for tag in tags(text)]
    return covers([*spans, *html_links(text)])


def html_links(text: str) -> list[tuple[int, int]]:
    """Return the spans of raw HTML links, ``<a …>`` to ``</a>`` (each opening paired with the
    next closing: one pass)."""
    closings = [m.end() for m in _A_CLOSE.finditer(text)]
    spans, index = [], 0
    for opening in _A_OPEN.finditer(text):
        while index < len(closings) and closings[index] <= opening.start():
            index += 1
        if index < len(closings):
            spans.append((opening.start(), closings[index]))
    return spans


def positions(text: str, first_line: int = 1) -> Callable[[int], tuple[int, int]]:
    """Return a function that gives the line (counting from ``first_line``) and the column
    (from 1) of an offset in ``text``: a bisection, not a count, per offset (the lines are
    found at the first question: most texts are asked none)."""
    starts: list[int] = []

    def where(offset: int) -> tuple[int, int]:
        if not starts:
            starts.extend([0, *(match.end() for match in re.finditer("\n", text))])
        index = bisect.bisect_right(starts, offset) - 1
        return first_line + index, offset - starts[index] + 1

    return where


def masked(text: str, *, comments: bool = True) -> str:
    """Return ``text`` with code (fenced, indented, inline) and comments blanked, in place."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    text = _FENCE.sub(blank, text)
    code = indented_code_lines(text)  # judged on the text as written
    raw = covers(html_blocks(text))  # Markdown leaves them as they are: a ` there is text
    text = blank_spans(text, [span for span in code_spans(text) if not raw(span[0])])
    text = blank_spans(text, comment_spans(text)) if comments else text
    lines = text.split("\n")
    return "\n".join(" " * len(line) if n in code else line for n, line in enumerate(lines))


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Return ``text`` with the given spans made spaces (line ends kept)."""
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    return "".join([*parts, text[last:]])


def html_blocks(text: str) -> list[tuple[int, int]]:
    """Return the raw HTML blocks of ``text``: from a block element's tag at the start of a
    line to its matching end tag, as Python-Markdown passes them through (one pass)."""
    spans: list[tuple[int, int]] = []
    for opening in _BLOCK_TAG.finditer(text):
        if spans and opening.start() < spans[-1][1]:
            continue
        depth, end = 0, len(text)
        for tag in _same_tag(opening.group(1).lower()).finditer(text, opening.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        spans.append((opening.start(), end))
    return spans


@functools.cache
def _same_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Return the code spans of ``text``: a run of backticks to the next run of the same
    length in the same paragraph (CommonMark's rule), found in one pass over the runs."""
    runs = [match.span() for match in re.finditer(r"`+", text)]
    breaks = [match.start() for match in re.finditer(r"\n[ \t]*\n", text)]
    following: list[int | None] = [None] * len(runs)  # the next run of the same length
    seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index], seen[length] = seen.get(length), index
    spans, index = [], 0
    while index < len(runs):
        closing = following[index]
        start, end = runs[index]
        if closing is not None and bisect.bisect_left(breaks, end) == bisect.bisect_left(
            breaks, runs[closing][0]
        ):
            spans.append((start, runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return spans


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Return the HTML comments of ``text`` (``<!--`` to the next ``-->``), in one pass."""
    closings = [match.end() for match in re.finditer("-->", text)]
    spans, index, last = [], 0, 0
    for opening in re.finditer("<!--", text):
        if opening.start() < last:
            continue  # inside the comment before
        while index < len(closings) and closings[index] - 3 < opening.end() - 2:
            index += 1
        if index == len(closings):
            break
        spans.append((opening.start(), closings[index]))
        last = closings[index]
    return spans


def covers(spans: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """Return a test of whether an offset falls in any of ``spans`` (a bisection, not a scan)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]

    def covered(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < merged[index][1]

    return covered


def indented_code_lines(text: str) -> set[int]:
    """Return the numbers of the lines of indented code blocks (not a list item's lines)."""
    code: set[int] = set()
    in_code, in_list, after_blank = False, False, True
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            after_blank = True
            continue
        indented = bool(_INDENTED.match(line))
        in_code = indented and (in_code or (after_blank and not in_list))
        if in_code:
            code.add(number)
        elif not indented:
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and not after_blank)
        after_blank = False
    return code


def written_links(text: str) -> dict[str, list[tuple[int, bool]]]:
    """Return where a (masked) Markdown text writes each link target, as the renderer reads
    it: the offsets of its links, references, autolinks and HTML tags, and whether each is
    HTML."""
    found = [(link.target, link.offset, False) for link in markdown_links(text)]
    for tag in tags(text):
        for key, value in tag.pairs().items():
            if is_link(key):
                found.append((value or "", tag.start, True))
    places: dict[str, list[tuple[int, bool]]] = {}
    for target, offset, in_html in sorted(found, key=lambda place: place[1]):
        places.setdefault(target, []).append((offset, in_html))
    return places


class MarkdownLink(NamedTuple):
    """A link or image written in Markdown: its target as the renderer reads it, where
    ``written_links`` places it, the span of all of it, and the text it shows ("" for a
    reference's definition and an autolink)."""

    target: str
    offset: int
    span: tuple[int, int]
    shown: str


def markdown_links(text: str) -> Iterator[MarkdownLink]:
    """Yield the links and images a (masked) Markdown text writes in Markdown: inline ones,
    the definitions of references, autolinks."""
    for m in _INLINE_LINK.finditer(text):
        target = unescaped(without_title(m.group(3).strip()))
        yield MarkdownLink(target, m.start(), m.span(), m.group(2))
    for m in _REFERENCE.finditer(text):
        yield MarkdownLink(unescaped(m.group(2)), m.start(2), m.span(), "")
    for start, end, target in autolinks(text):
        yield MarkdownLink(target, start, (start, end), "")


def autolinks(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield the (start, end, target) of each autolink of ``text``: ``<https://…>``, and
    ``<name@example.org>`` (its target ``mailto:name@example.org``)."""
    for match in _AUTOLINK.finditer(text):
        yield match.start(), match.end(), match.group(1)
    for start, end in addresses.find(text):
        if text[start - 1 : start] == "<" and text[end : end + 1] == ">":
            yield start - 1, end + 1, f"mailto:{text[start:end]}"


def unescaped(target: str) -> str:
    """Return a Markdown link target as the renderer reads it: no ``<>``, escapes, entities."""
    target = target.strip().removeprefix("<").removesuffix(">")
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", target))


def without_title(target: str) -> str:
    """Return a Markdown link's target without its title: ``/x "The title"`` -> ``/x``."""
    closing = target[-1:]
    opening = {'"': '"', "'": "'", ")": "("}.get(closing)
    if opening is None or len(target) < 2:
        return target
    start = target.rfind(opening, 0, len(target) - 1)
    if start > 0 and target[start - 1].isspace():
        return target[:start].rstrip()
    return target


def link_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """Return the first line (counting from ``first_line``) of each whole link word of
    ``text``: a run of letters, digits and ``/.-_``, and each part of one before a ``.``
    (``files/a.pdf`` is written in ``[x](files/a.pdf)``, ``/about/`` in ``/about/#team``).
    One pass, so that any number of links are placed in the time of one."""
    lines: dict[str, int] = {}
    where = positions(text, first_line)
    for word in _LINK_WORD.finditer(text):
        line, _ = where(word.start())
        value = word.group()
        for cut in [match.start() for match in re.finditer(r"\.", value)] + [len(value)]:
            lines.setdefault(value[:cut], line)
    return lines
