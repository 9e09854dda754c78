"""What in an imported page could run code, left out of it, each at its offset with why.

The site's own rules judge (``markdown/markup.py``, as ``flask check`` does): an element the
check refuses by its name (``<script>``, ``<iframe>``, ``<form>``, ``<meta>``) is left out,
with its text if browsers read that as code or raw text; an attribute it refuses (``onerror=``,
``href="javascript:…"``) is left out of its tag; a Markdown link to an address that runs code
is left out, its text kept. Tags are read as browsers read them, and as the Markdown renderer
does (it reads ``<script>`` in ``<scr<script>`` as a tag); code and comments, which show as
text, are read as the check reads them: not as markup. Everything else stays as written.

What is left out may join what was around it into what runs code (``<scr<script></script>ipt>``
becomes ``<script>``): the page is read again after each pass that left something out, up to
``MAX_PASSES`` times, each pass one read of the page; a page that still hides code after them
is left out whole.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple

from ..markdown.limits import RENDERED_TAG
from ..markdown.markup import (
    PAGE,
    Attribute,
    Tag,
    every_tag,
    raw_text_end,
    start_tag,
    stray_end_tags,
    tag_problems,
    unsafe_address,
)
from ..markdown.source_map import markdown_links, masked

_START = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")  # a start tag's name
# A page whose code still shows after this many passes hides it on purpose: leave it out.
MAX_PASSES = 4
HIDDEN = (
    f"left out: its text hides what runs code inside what runs code, more than {MAX_PASSES} "
    "deep (what is left out of it makes new code) — write the page anew"
)


class Cut(NamedTuple):
    """A piece of a page left out: its span, what stands in its place, and why."""

    start: int
    end: int
    replacement: str
    message: str


def without_code(body: str, *, markdown: bool = True) -> tuple[str, list[Cut]]:
    """Return ``body`` (Markdown, or with ``markdown`` False HTML, whose code blocks are none)
    without what could run code, and what was left out, at its offsets in ``body``; read
    again after each pass that left something out, at most ``MAX_PASSES`` times."""
    text = body
    cuts: list[Cut] = []
    where: Callable[[int], int] = int  # an offset of ``text`` -> its offset in ``body`` (same)
    for _ in range(MAX_PASSES):
        found = one_pass(text, markdown=markdown)
        if not found:
            return without_strays(text, body, cuts, markdown=markdown), cuts
        cuts += [cut._replace(start=where(cut.start), end=where(cut.end)) for cut in found]
        text, back = spliced(text, found)
        where = functools.partial(_composed, where, back)
    if one_pass(text, markdown=markdown):
        return "", [*cuts, Cut(0, len(body), "", HIDDEN)]
    return text, cuts


def without_strays(text: str, body: str, cuts: list[Cut], *, markdown: bool) -> str:
    """Return ``text`` without the end tags of the elements whose start tags were left out
    of ``body`` (``</form>``): they close nothing now, and browsers drop them."""
    left_out = {found[1].lower() for cut in cuts if (found := _START.match(body, cut.start))}
    if not left_out:
        return text
    read = masked(text) if markdown else text
    strays = [
        Cut(at, read.find(">", at) + 1 or len(text), "", "")
        for at, name in stray_end_tags(read)
        if name.lower() in left_out
    ]
    return spliced(text, strays)[0]


def _composed(outer: Callable[[int], int], inner: Callable[[int], int], offset: int) -> int:
    return outer(inner(offset))


def one_pass(body: str, *, markdown: bool) -> list[Cut]:
    """Return what ``body`` holds that could run code, as cuts that do not overlap, in order:
    one pass over its tags and links (an HTML page's too: Markdown reads what follows an
    unbalanced ``</div>``)."""
    text = masked(body) if markdown else body
    found = sorted([*tag_cuts(text), *rendered_tag_cuts(text), *link_cuts(text, body)])
    cuts: list[Cut] = []
    for cut in found:
        if not cuts or cut.start >= cuts[-1].end:  # else inside what was left out already
            cuts.append(cut)
    return cuts


def spliced(text: str, cuts: Iterable[Cut]) -> tuple[str, Callable[[int], int]]:
    """Return ``text`` with ``cuts`` (in order, not overlapping) made, and what tells where an
    offset of the new text was in ``text`` (a replacement's offsets: at its cut's start)."""
    parts: list[str] = []
    pieces: list[tuple[int, int, bool]] = []  # (start in the new text, in ``text``, copied)
    size = last = 0
    for cut in cuts:
        pieces += [(size, last, True), (size + cut.start - last, cut.start, False)]
        parts += [text[last : cut.start], cut.replacement]
        size += cut.start - last + len(cut.replacement)
        last = cut.end
    pieces.append((size, last, True))
    parts.append(text[last:])

    def back(offset: int) -> int:
        index = bisect.bisect_right(pieces, (offset, len(text) + 1, True)) - 1
        start, origin, copied = pieces[max(index, 0)]
        return origin + offset - start if copied else origin

    return "".join(parts), back


def tag_cuts(text: str) -> Iterator[Cut]:
    """Yield the elements and attributes of ``text`` the check refuses, as cuts."""
    covered = 0  # the end of the last element left out whole
    for tag in every_tag(text):
        if tag.start < covered or not refused(tag.name, tag.pairs()):
            continue
        kept = [a for a in tag.attributes if not refused(tag.name, {a.name: a.value})]
        if refused(tag.name, {}) or refused(tag.name, {a.name: a.value for a in kept}):
            cut = element_cut(text, tag)
            covered = cut.end
            yield cut
            continue
        left_out = [a for a in tag.attributes if a not in kept]
        reasons = [refused(tag.name, {a.name: a.value})[0] for a in left_out]
        message = f"left out of the <{tag.name}> tag: " + "; ".join(dict.fromkeys(reasons))
        yield Cut(tag.start, tag.end, rebuilt(text, tag, kept), message)


def rendered_tag_cuts(text: str) -> Iterator[Cut]:
    """Yield the tags the Markdown renderer finds where browsers read none (inside another
    tag: ``<scr<script>``, ``<a b"c="<img onerror=…>">``) that the check refuses: each is
    left out whole."""
    read = {tag.start for tag in every_tag(text)}
    covered = 0  # the end of the last element left out whole
    for match in RENDERED_TAG.finditer(text):
        if match.start() in read or not text[match.start() + 1 : match.start() + 2].isalpha():
            continue  # a tag browsers read too, a comment or the like
        tag = start_tag(match.group(), 0, xml=False)
        if tag is None or match.start() < covered or not refused(tag.name, tag.pairs()):
            continue
        tag = tag._replace(start=match.start(), end=match.end())
        if refused(tag.name, {}):
            cut = element_cut(text, tag)
            covered = cut.end
            yield cut
        else:
            reason = refused(tag.name, tag.pairs())[0]
            yield Cut(tag.start, tag.end, "", f"left out: <{tag.name}>: {reason}")


@functools.cache
def _refused_name(name: str) -> tuple[str, ...]:
    return tuple(f.message for f in tag_problems(name, {}, PAGE) if not f.warning)


def refused(name: str, pairs: Mapping[str, str | None]) -> tuple[str, ...]:
    """Return why the check refuses a tag of ``name`` with ``pairs`` (nothing: it does not),
    each reason without its advice to editors."""
    if not pairs:
        return _refused_name(name)
    return tuple(
        f.message.split(" — ")[0] for f in tag_problems(name, pairs, PAGE) if not f.warning
    )


def element_cut(text: str, tag: Tag) -> Cut:
    """Return the cut of an element the check refuses: its start tag, and its text if
    browsers read that as raw text (a script's code, a frame's fallback) up to its end tag;
    an element never closed takes the rest of the page with it, as browsers read it."""
    reason = refused(tag.name, tag.pairs())[0]
    end = raw_text_end(text, tag)
    if end is None:
        return Cut(tag.start, tag.end, "", f"left out: {reason}")
    if end == len(text):
        message = (
            f"left out: {reason}; it is never closed, so browsers read all that follows as its "
            "text, which is left out too"
        )
        return Cut(tag.start, end, "", message)
    closing = text.find(">", end)
    end = len(text) if closing == -1 else closing + 1
    whole_line = tag.start == 0 or text[tag.start - 1] == "\n"  # its line's break goes too
    end += whole_line and text.startswith("\n", end)  # (after words, it ends their line)
    return Cut(tag.start, end, "", f"left out: {reason}")


def rebuilt(text: str, tag: Tag, kept: list[Attribute]) -> str:
    """Return a start tag again with only the attributes ``kept``."""
    written = "".join(
        f" {a.name}" if a.value is None else f' {a.name}="{html.escape(a.value)}"' for a in kept
    )
    return f"<{tag.name}{written}{' /' if text[tag.end - 2 : tag.end] == '/>' else ''}>"


def link_cuts(text: str, body: str) -> Iterator[Cut]:
    """Yield the Markdown links and images of ``text`` (``body`` masked) to addresses that
    run code: each is left out, the text it shows kept as ``body`` writes it."""
    for link in markdown_links(text):
        problem = unsafe_address(link.target)
        if problem is None:
            continue
        start = link.span[0] + (2 if text.startswith("!", link.span[0]) else 1)
        shown = body[start : start + len(link.shown)] if link.shown else ""
        message = f"left out a link: {problem.message.split(' — ')[0]} (its text is kept)"
        yield Cut(*link.span, shown, message)
