"""Lists as people write them, the way Jekyll's kramdown and GitHub read them.

A list may start on the line right after a paragraph's, and an item's further lines and its
nested lists are indented to where its text starts: 2 spaces under ``* a``, 3 under ``1. a``.
Python-Markdown wants a blank line before a list and 4 spaces a level, and reads the rest
as text (``Para * a * b``) or flattens the nesting. ``KramdownLists`` rewrites the lines of a
text into what Python-Markdown reads as kramdown does, before it parses them:

- each line inside an item is indented 4 spaces a level, and what it had past the item's text
  it keeps (4 more spaces are code, as in kramdown);
- a blank line goes before an item where Python-Markdown would read it as text: after a
  paragraph, or after an item's paragraph indented below it;
- a line that is not indented enough, right after an item's text, goes on with that text
  (a lazy line), as does a line of ``--`` or ``==`` there (a rule, ``---``, ends the list),
  as on GitHub;
- a quote is read as a text of its own; fenced code and thematic breaks (``- - -``) are not
  lists.

Unordered items and ordered ones from ``1.`` start a list after a paragraph's line; another
number (``1986. was a good year``, a wrapped line) does not, as on GitHub: ``looks_like_item``
tells the check, which warns about such a line. One pass over the lines, whatever the text.
"""

from __future__ import annotations

import bisect
import re

from markdown.preprocessors import Preprocessor

TAB = 4  # spaces a level, to Python-Markdown
_ITEM = re.compile(r"([*+-]|(\d{1,9})\.)(?:( {1,})|$)")
THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ ]*\1){2,}[ ]*$")  # "- - -", "***", "___"
_FENCE = re.compile(r"`{3,}(?!.*`)|~{3,}")  # "```x```" is a code span, no fence
_QUOTE = re.compile(r"> ?")
_BLOCK_START = re.compile(rf"#{{1,6}}(?: |$)|>|{_FENCE.pattern}")  # what a lazy line cannot be
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")  # under a paragraph's text: a heading of it


class KramdownLists(Preprocessor):
    """Python-Markdown's preprocessor for ``kramdown_lists``."""

    def run(self, lines: list[str]) -> list[str]:
        return kramdown_lists(lines)


def looks_like_item(line: str) -> bool:
    """Tell a line that starts as an ordered item would, from another number than 1: it
    starts no list after a paragraph's line (``1986. was a good year``)."""
    item = _ITEM.match(line.lstrip(" "))
    return bool(item and item.group(2) and int(item.group(2)) != 1 and item.group(3))


def kramdown_lists(lines: list[str]) -> list[str]:
    """Return ``lines`` (tabs expanded) indented as Python-Markdown reads kramdown's lists."""
    out: list[str] = []
    columns: list[int] = []  # where the text of each open item starts, outermost first
    text = False  # the line before is a paragraph's, which a lazy line goes on with
    fresh = True  # no line yet in this block (the lines since the last blank one)
    first: int | None = None  # the indentation of the item that began this block, if one did
    fence = ""  # the fence of the code the lines are in, if they are
    formula = ""  # what closes the formula a paragraph has open ("$$", "\\]"), if one is
    start = 0
    while start < len(lines):
        line = lines[start]
        start += 1
        indent = len(line) - len(line.lstrip(" "))
        inside = bisect.bisect_right(columns, indent)  # the items this line is indented into
        base = columns[inside - 1] if inside else 0
        if fence:
            if _FENCE.match(line, indent) and line.strip().startswith(fence):
                fence = ""
            out.append(_indented(line, min(indent, base), TAB * len(columns)))
            continue
        if not line.strip():
            out.append("")
            text, fresh, first, formula = False, True, None, ""
            continue
        if formula:  # a formula's further lines are its TeX, whatever they start with
            out.append(" " * (TAB * len(columns)) + line[indent:])
            formula = open_formula(line, formula)
            continue
        own = indent - base <= 3
        if own and line.startswith(">", indent):
            end = _quote_end(lines, start - 1)
            quoted = [_QUOTE.sub("", lines[n].lstrip(" "), count=1) for n in range(start - 1, end)]
            del columns[inside:]
            margin = " " * (TAB * inside)
            out += [margin + "> " + part for part in kramdown_lists(quoted)]
            start, text, fresh = end, False, False
            continue
        item = _ITEM.match(line, indent) if own and not THEMATIC_BREAK.match(line, indent) else None
        opens = text and inside == len(columns)  # a new list, right after a paragraph's line
        if item and opens and (not item.group(3) or looks_like_item(line)):
            item = None  # an empty item, or one from 1986., starts none there
        if item:
            del columns[inside:]
            spaces = len(item.group(3) or " ")
            columns.append(item.end(1) + (spaces if spaces <= 4 else 1))
            at = TAB * inside
            if not fresh and (first is None or at < first):
                out.append("")  # Python-Markdown starts a list at the start of a block only
                fresh = True
            if fresh:
                first, fresh = at, False
            out.append(" " * at + line[indent:])
            text = bool(item.group(3)) and spaces <= 4
            formula = open_formula(line, "") if text else ""
            continue
        fresh = False
        if text and inside < len(columns) and _UNDERLINE.match(line, indent):
            # As GitHub reads it (Python-Markdown would make "* a" a heading): "---" is a rule
            # after the list, "--" or "===" goes on with the item's text.
            if THEMATIC_BREAK.match(line, indent):
                out += ["", line[indent:]]
                columns.clear()
                text, first = False, None
            else:
                out.append(" " * (TAB * len(columns)) + line[indent:])
            continue
        lazy = inside < len(columns) and not THEMATIC_BREAK.match(line, indent)
        if text and lazy and not _BLOCK_START.match(line, indent):
            out.append(_as_text(line[indent:]))  # Python-Markdown too goes on with the text
            formula = open_formula(line, "")
            continue
        del columns[inside:]
        code = indent - base >= 4
        plain = code or not inside  # Python-Markdown starts no list inside a paragraph's text
        out.append(_indented(line if plain else _as_text(line), base, TAB * inside))
        text = not code and not _BLOCK_START.match(line, indent)
        formula = open_formula(line, "") if text else ""
        if not code and _FENCE.match(line, indent):
            fence = line.strip()[0] * 3
    return out


def open_formula(line: str, open_: str) -> str:
    """Return what closes the formula open after ``line`` ("" if none is): ``open_`` closes
    the one open before it."""
    if open_ == "$$" or (not open_ and line.count("$$") % 2):
        return "" if open_ and line.count("$$") % 2 else "$$"
    return ""


def _as_text(line: str) -> str:
    """Return ``line`` with the marker of an item that starts no list escaped, for
    Python-Markdown would read it as one (``1986\\. was``, ``\\* a``)."""
    indent = len(line) - len(line.lstrip(" "))
    item = _ITEM.match(line, indent)
    if not item or not item.group(3) or THEMATIC_BREAK.match(line, indent):
        return line
    return line[: item.end(1) - 1] + "\\" + line[item.end(1) - 1 :]


def _indented(line: str, column: int, margin: int) -> str:
    """Return ``line`` with what stands before ``column`` replaced by ``margin`` spaces."""
    return " " * margin + line[column:]


def _quote_end(lines: list[str], start: int) -> int:
    """Return where the quote that starts at ``start`` ends: at the first line that is blank
    or does not start with ``>``."""
    end = start
    while end < len(lines) and lines[end].lstrip(" ").startswith(">"):
        end += 1
    return end
