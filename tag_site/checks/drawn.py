"""Addresses a drawing shows from pieces of text it places anywhere.

    drawn_hidden(hidden, markup) -> the members (numbers) whose hidden address it shows

SVG places each piece of its text where it says (``<tspan x="94">``, ``dx``, a ``<text>`` of
its own), and each glyph where a list of positions says (``x="30 10 20"``): what a reader sees
is in no order the file's. Read in any order, the pieces show an address if one of them ends
with its start, others are its middle parts, and one starts with its end. One pass over the
markup; a few comparisons per piece and character of the address.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterator, Mapping

from ..markdown import addresses

_SVG_START = re.compile(r"<svg[\s>/]", re.IGNORECASE)
_SVG_END = re.compile(r"</svg\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>?")
CDATA = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|\Z)", re.DOTALL)  # text, written as is
# A list of positions, one a glyph: x="30 10 20", dx="1,2"
_PER_GLYPH = re.compile(
    r"\s(?:x|y|dx|dy|rotate)\s*=\s*[\"']\s*[-+.\d][^\"']*?[\s,]+[-+.\d]", re.IGNORECASE
)


def drawn_hidden(hidden: Mapping[int, str], markup: str) -> set[int]:
    """Return the members (of ``hidden``: number -> address, lower case) whose address the
    drawings (SVG) of ``markup`` show from their pieces placed in any order."""
    found: set[int] = set()
    for drawing in drawings(markup):
        pieces = set(pieces_of(drawing))
        if any("@" in piece for piece in pieces):  # (each address has one)
            found.update(n for n, address in hidden.items() if composed(address, pieces))
    return found


def drawings(markup: str) -> Iterator[str]:
    """Yield each SVG of ``markup``, from its start tag to its end (or the text's end)."""
    position = 0
    while start := _SVG_START.search(markup, position):
        end = _SVG_END.search(markup, start.end())
        position = end.end() if end else len(markup)
        yield markup[start.start() : position]


def pieces_of(drawing: str) -> Iterator[str]:
    """Yield the pieces of a drawing's text as a reader reads them, lower case: each text
    between tags, or each character of it, where a list of positions places each glyph."""
    apart = _PER_GLYPH.search(drawing) is not None
    for text in _TAG.split(CDATA.sub(lambda found: html.escape(found[1]), drawing)):
        piece = addresses.readable(html.unescape(text)).strip().lower()
        yield from (piece if apart else [piece]) if piece else ()


def composed(address: str, pieces: Collection[str]) -> bool:
    """Tell whether ``address`` reads from ``pieces`` in some order: one that ends with its
    start, pieces of its middle, one that starts with its end (or one that holds it)."""
    starts = tuple(address[:k] for k in range(1, len(address)))
    ends = tuple(address[k:] for k in range(1, len(address)))
    reached: set[int] = set()
    last: set[int] = set()
    middles: set[str] = set()
    for piece in pieces:  # each test one pass in C over the piece, or over the address
        if address in piece:
            return True
        if len(piece) < len(address) and piece in address:
            middles.add(piece)
        if piece.endswith(starts):
            reached.update(k for k, start in enumerate(starts, 1) if piece.endswith(start))
        if piece.startswith(ends):
            last.update(k for k, end in enumerate(ends, 1) if piece.startswith(end))
    todo = sorted(reached)
    while todo:
        at = todo.pop()
        if at in last:
            return True
        for piece in middles:
            if address.startswith(piece, at) and (after := at + len(piece)) not in reached:
                reached.add(after)
                todo.append(after)
    return False
