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

from markdown.extensions.attr_list import get_attrs_and_remainder

from . import addresses
from .markup import linked_addresses, tags

# Python-Markdown's fenced code (``extensions/fenced_code.py``), read a line at a time: an
# opening at the start of a line, not indented, whose info is a language (and ``hl_lines``,
# whose quotes may hold line ends) or ``{attributes}``; a closing line that is the same fence
# exactly, spaces after it. Its tabs are spaces and its "\r\n" a line end, as it reads them.
# What follows a code fence's language on its line, read as nothing ("```python title=x",
# '```">x', as on GitHub): from a character that can start no language and is no space (so
# that a language read shorter never leaves it more: each character is read once) to the
# line's end, no backtick in it. The renderer's opening (``render._FENCED_BLOCK``) too.
INFO_REST = r"(?:(?<![\w#.+-])([^\s`][^\n`]*+))?"
_OPENING = re.compile(rf"(`{{3,}}+|~{{3,}}+)[ \t]*+(?:\{{(.*)\}}|\.?[\w#.+-]*[ \t]*){INFO_REST}\r?")
_HL_LINES = re.compile(r"(`{3,}+|~{3,}+)[ \t]*+\.?[\w#.+-]*?[ \t]*hl_lines=([\"'])")
_HL_LINES_END = re.compile(r"[\"'](?=[ \t]*\r?\n)")
_CLOSING = re.compile(r"(`{3,}+|~{3,}+)[ \t]*+\r?")
_OPENING_RUN = re.compile(r"`+|~+")
_COMMONMARK_CLOSING = re.compile(r" {0,3}(`{3,}+|~{3,}+)[ \t]*+\r?")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a Markdown backslash escape: "\\[" is "["
_INLINE_LINK = re.compile(  # the text may wrap onto the next line, but not into a new paragraph
    r"(!?)\[((?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]\n]*\])*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)"
)
_REFERENCE = re.compile(r"^ {0,3}\[([^\]^\n][^\]\n]*)\]:[ \t]*(\S+)", re.M)  # not footnotes: [^1]:
# A definition: a reference's "[id]: /x", a footnote's "[^1]: …", an abbreviation's "*[TeX]: …"
# (in a quote or a list item too).
# What may stand before a definition on its line: a quote's ">", a list item's marker, spaces.
LINE_LEAD = r"(?:[ \t>]|[-*+][ \t]|[0-9]{1,9}[.)][ \t])*+"
# A link's text, or a name it looks up: no bracket or line end inside, so that each search
# stops at the next "[" (one pass; an escape-aware pattern rescanned up to 999 pairs at each).
BRACKETED = re.compile(r"\[([^\[\]\n]{1,999})\]")
_DEFINITION = re.compile(rf"^{LINE_LEAD}(\*?)\[(\^?)([^\]\n]+)\]:", re.M)
_TABLE_DIVIDER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_CELL_PIPE = re.compile(r"(?<!\\)\|")
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
# Lines the renderer reads as a block of their own, wherever they are in a paragraph: their
# code spans end with them.
_OWN_LINE = re.compile(
    r"^(?:[ >]*#|[ ]{0,3}[>:]|\*\[|\[\^|[ ]{0,3}[=-]+[ \t]*$|[ ]{0,3}([*_])(?: {0,2}\1){2,}[ \t]*$)"
    r".*",
    re.M,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def heading_words(text: str) -> str:
    """Return the words of an ATX heading (what follows its opening ``#``s), without the
    closing ``#``s that CommonMark reads as marks: those after a space (``## Title ##``), or
    all of a heading of marks alone; ``## C#`` keeps its ``#``."""
    words = text.strip(" \t")
    bare = words.rstrip("#")
    return bare.rstrip(" \t") if not bare or bare[-1] in " \t" else words


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

    fences = fenced_blocks(text)
    written, text = text, blank_spans(text, [(fence.start, fence.end) for fence in fences])
    raw = html_blocks(text)  # Markdown leaves them as they are: a ` there is text
    code = indented_code_lines(text, raw)  # judged on the text as written
    lines = text.split("\n")
    text = "\n".join(" " * len(line) if n in code else line for n, line in enumerate(lines))
    text = blank_spans(text, code_spans(text, raw))
    text = blank_spans(text, comment_spans(text)) if comments else text
    # What the renderer reads as code but CommonMark (GitHub, kramdown's kin) as Markdown
    # is scanned as written: of two readings, the one that could run code is judged.
    parts, last = [], 0
    for fence in fences:
        parts += [text[last : fence.shared_end], written[fence.shared_end : fence.end]]
        last = fence.end
    return "".join([*parts, text[last:]])


class Fence(NamedTuple):
    """A fenced code block as the renderer reads it, from its opening's start to its closing's
    end, and where the part CommonMark reads as code too ends."""

    start: int
    end: int
    shared_end: int


def fenced_blocks(text: str) -> list[Fence]:
    """Return the fenced code blocks of ``text`` as the renderer reads them (see ``_OPENING``):
    an opening to the first closing after it of its character, as many or more ("```" to
    "````", as in kramdown). An opening with none opens nothing: what follows it is
    Markdown. One pass over the lines."""
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    ends = [start - 1 for start in starts[1:]] + [len(text)]
    closings = {"`": _Closings(), "~": _Closings()}
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if found := _CLOSING.fullmatch(text, start, end):
            closings[found.group(1)[0]].add(number, len(found.group(1)))
    quote_ends = {quote: [] for quote in "\"'"}  # type: dict[str, list[int]]
    for found in _HL_LINES_END.finditer(text):
        quote_ends[found.group()].append(found.start())
    fences, number = [], 0
    while number < len(starts):
        opening = _opening(text, starts[number], ends[number], quote_ends)
        if opening is None or opening[1] > len(text):  # the last line: no code after it
            number += 1
            continue
        first = bisect.bisect_left(starts, opening[1])  # the first line of its code
        closing = closings[opening[0][0]].first(first, len(opening[0]))
        if closing is None or _bad_attributes(text, starts[number], ends[number]):
            number += 1
            continue
        fence = Fence(starts[number], ends[closing], ends[closing])
        fences.append(fence._replace(shared_end=_shared_end(text, fence, starts, ends, closing)))
        number = closing + 1
    return fences


class _Closings:
    """The lines that may close a fence of one character, in order, with how long each
    fence is; and for each, the next one that is longer (found once, with a stack)."""

    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.lengths: list[int] = []
        self._longer: list[int] | None = None

    def add(self, number: int, length: int) -> None:
        self.numbers.append(number)
        self.lengths.append(length)

    def first(self, number: int, length: int) -> int | None:
        """Return the first line from line ``number`` on that closes a fence of ``length``
        (one as long or longer), or None. Each step goes to a longer line, so an opening
        takes as many steps at most as it is long."""
        if self._longer is None:
            self._longer = [len(self.lengths)] * len(self.lengths)
            stack: list[int] = []
            for index, found in enumerate(self.lengths):
                while stack and self.lengths[stack[-1]] < found:
                    self._longer[stack.pop()] = index
                stack.append(index)
        index = bisect.bisect_left(self.numbers, number)
        while index < len(self.lengths) and self.lengths[index] < length:
            index = self._longer[index]
        return self.numbers[index] if index < len(self.lengths) else None


def _opening(
    text: str, start: int, end: int, quote_ends: dict[str, list[int]]
) -> tuple[str, int] | None:
    """Return the fence of an opening line and where its code starts (after its line end, or
    after the line end that follows its ``hl_lines`` quote), or None if it is none."""
    if found := _OPENING.fullmatch(text, start, end):
        return found.group(1), end + 1
    if not (found := _HL_LINES.match(text, start, end)):
        return None
    positions = quote_ends[found.group(2)]
    index = bisect.bisect_left(positions, found.end())
    if index == len(positions):
        return None
    return found.group(1), text.index("\n", positions[index]) + 1


# A code fence indented, or in a quote: kramdown's code, inside a list's item or a quote.
_NESTED_FENCE = re.compile(r"^(?:[ \t]+|[ ]{0,3}>[ \t>]*)(`{3,}|~{3,})", re.MULTILINE)


def nested_fences(text: str) -> Iterator[tuple[int, str]]:
    """Yield the offset and the fence of each line of ``text`` that kramdown reads as a code
    fence in a list's item or a quote and the renderer as no fence (its fences start their
    line): not in a fenced block, nor in indented code."""
    fences = fenced_blocks(text)
    text = blank_spans(text, [(fence.start, fence.end) for fence in fences])
    code = indented_code_lines(text, html_blocks(text))
    starts = [0, *(found.end() for found in re.finditer("\n", text))]
    for found in _NESTED_FENCE.finditer(text):
        if bisect.bisect_right(starts, found.start()) - 1 not in code:
            yield found.start(1), found[1]


def fence_words(text: str) -> Iterator[tuple[int, str]]:
    """Yield the offset and the words of each fenced code block's opening in ``text`` that
    follow its language (``INFO_REST``), which no page shows."""
    for fence in fenced_blocks(text):
        line_end = text.find("\n", fence.start)
        found = _OPENING.fullmatch(text, fence.start, len(text) if line_end == -1 else line_end)
        if found and found.group(3):
            yield found.start(3), found.group(3).rstrip()


def fence_options(text: str) -> Iterator[tuple[int, str]]:
    """Yield the offset of each fenced code block's opening in ``text`` and each option its
    ``{attributes}`` set (``hl_lines``, ``pygments_formatter``), but its id and classes."""
    for fence in fenced_blocks(text):
        line_end = text.find("\n", fence.start)
        found = _OPENING.fullmatch(text, fence.start, len(text) if line_end == -1 else line_end)
        if found and found.group(2) is not None:
            attributes = get_attrs_and_remainder(found.group(2))[0]
            yield from ((fence.start, key) for key, _ in attributes if key not in ("id", "."))


def _bad_attributes(text: str, start: int, end: int) -> bool:
    """Return whether an opening's ``{attributes}`` are ones the renderer skips as no fence."""
    found = _OPENING.fullmatch(text, start, end)
    return bool(found and found.group(2) is not None and get_attrs_and_remainder(found.group(2))[1])


def _shared_end(text: str, fence: Fence, starts: list[int], ends: list[int], closing: int) -> int:
    """Return where CommonMark's reading of a fenced block as code ends: none of it if its
    opening is none there (a ``` fence whose info holds a `), else after the first line
    that closes it there (the same character, as many or more, up to three spaces before)."""
    opening = bisect.bisect_right(starts, fence.start) - 1
    run = _OPENING_RUN.match(text, fence.start)
    assert run is not None
    if run.group()[0] == "`" and "`" in text[run.end() : ends[opening]]:
        return fence.start
    for number in range(opening + 1, closing):
        found = _COMMONMARK_CLOSING.fullmatch(text, starts[number], ends[number])
        if (
            found
            and found.group(1)[0] == run.group()[0]
            and len(found.group(1)) >= len(run.group())
        ):
            return ends[number]
    return fence.end


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
    last = text.rfind(">") + 1  # no tag ends past it: none is looked for there (<div <div…)
    for opening in _BLOCK_TAG.finditer(text):
        if spans and opening.start() < spans[-1][1]:
            continue
        depth, end = 0, len(text)
        for tag in _same_tag(opening.group(1).lower()).finditer(text, opening.start(), last):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        spans.append((opening.start(), end))
    return spans


@functools.cache
def _same_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)


def code_spans(text: str, raw: list[tuple[int, int]] = []) -> list[tuple[int, int]]:  # noqa: B006
    """Return the code spans of ``text`` (its ``raw`` HTML blocks left aside) as the renderer
    finds them in a paragraph: from a run of backticks, not escaped (``\\```), to the next
    run of the same length; with none, to the first of the longest shorter runs if no run
    after it is longer; with neither, the run is text. One pass over the runs."""
    runs = _backtick_runs(text, raw)
    closing_run = _closing_runs(runs)
    spans, index, last = [], 0, 0
    while index < len(runs):
        start, end, _ = runs[index]
        backslashes = 0
        while start - backslashes > last and text[start - backslashes - 1] == "\\":
            backslashes += 1
        start += backslashes % 2  # an escaped backtick is text; the rest of its run opens
        closing = closing_run(index, end - start) if start < end else None
        if closing is None:
            index += 1
            continue
        spans.append((start, runs[closing][1]))
        index, last = closing + 1, runs[closing][1]
    return spans


def _backtick_runs(text: str, raw: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Return the runs of backticks of ``text`` outside ``raw``, each with the number of the
    paragraph it is in (a blank line or a raw block parts two)."""
    breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)] + [a for a, _ in raw]
    for line in _OWN_LINE.finditer(text):  # a heading, a quote's line, a rule: apart
        breaks += [line.start() - 1, line.end()]
    breaks.sort()
    inside = covers(raw)
    return [
        (m.start(), m.end(), bisect.bisect_left(breaks, m.start()))
        for m in re.finditer(r"`+", text)
        if not inside(m.start())
    ]


def _closing_runs(runs: list[tuple[int, int, int]]) -> Callable[[int, int], int | None]:
    """Return a function that gives the run that closes a code span opened by run ``index``
    with ``length`` backticks (see ``code_spans``), or None: a bisection, not a scan."""
    by_length: dict[int, list[int]] = {}
    for index, (start, end, _) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    longest: list[tuple[int, int]] = [(0, 0)] * len(runs)  # after each run, in its paragraph
    for index in range(len(runs) - 2, -1, -1):
        start, end, part = runs[index + 1]
        if part == runs[index][2]:
            after = longest[index + 1]
            longest[index] = (end - start, index + 1) if end - start >= after[0] else after

    def closing(index: int, length: int) -> int | None:
        same = by_length.get(length, [])
        found = bisect.bisect_right(same, index)
        if found < len(same) and runs[same[found]][2] == runs[index][2]:
            return same[found]
        most, where = longest[index]
        return where if 0 < most < length else None

    return closing


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


def indented_code_lines(text: str, raw: list[tuple[int, int]] = []) -> set[int]:  # noqa: B006
    """Return the numbers of the lines of indented code blocks (not a list item's lines, nor
    the lines of ``raw`` HTML blocks, which the renderer passes through as they are)."""
    code: set[int] = set()
    in_code, in_list, after_blank = False, False, True
    inside, start = covers(raw), 0
    for number, line in enumerate(text.split("\n")):
        start, line_start = start + len(line) + 1, start
        if not line.strip():
            after_blank = True
            continue
        indented = bool(_INDENTED.match(line)) and not inside(line_start)
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
            found += [(address, tag.start, True) for address in linked_addresses(key, value)]
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


Definition = tuple[str, str, str, int]  # what it defines, its name as compared, as written, offset


def definitions(text: str) -> Iterator[Definition]:
    """Yield each definition of a (masked) text: what it defines, its name as the renderer
    compares names, as written, and its offset: ("link", "x", "[X]", …) for "[X]: /x",
    ("footnote", "1", "[^1]", …), ("abbreviation", "TeX", "*[TeX]", …)."""
    for m in _DEFINITION.finditer(text):
        kind = "abbreviation" if m.group(1) else "footnote" if m.group(2) else "link"
        name = m.group(3).strip()
        key = " ".join(name.lower().split()) if kind == "link" else name
        yield kind, key, text[m.start(1) : m.end() - 1], m.start(1)


def table_rows_too_wide(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (offset, cells, the header's cells) of each row of a (masked) text's tables with
    more cells than its header: Python-Markdown, as GitHub, drops the cells past them."""
    offset, lines = 0, text.split("\n")
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    index = 1
    while index < len(lines):
        divider, header = lines[index], lines[index - 1]
        if "|" in header and "|" in divider and _TABLE_DIVIDER.fullmatch(divider):
            width = _cells(header)
            index += 1
            while index < len(lines) and lines[index].strip():
                if (cells := _cells(lines[index])) > width:
                    yield starts[index], cells, width
                index += 1
        index += 1


def _cells(row: str) -> int:
    """Return how many cells a table's row has: split at each pipe not escaped, an outer
    pipe at either end aside."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(_CELL_PIPE.split(row))


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
    return html.unescape(ESCAPE.sub(r"\1", target))


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
