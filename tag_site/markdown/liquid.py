"""Jekyll's Liquid in Markdown: found block by block, each with what to write instead.

The site does not run Liquid. ``flask check`` reports each block once (a whole
``{% for %}…{% endfor %}`` loop is one problem, not one per tag), and ``flask import-jekyll``
rewrites what has a plain equivalent. Scanning is linear: no tag pattern can run past a brace.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

# "\{{" is written to show "{{" (a Markdown escape): not Liquid. A tag's arguments may hold
# outputs ({% include {{ page.inc }} %}), no other brace: a scan stops at the next stray one.
_TAG = re.compile(
    r"(?<!\\)(?:\{%-?\s*([a-z_]+)\b((?:[^{}]|\{\{[^{}]*\}\})*?)-?%\}"
    r"|\{\{-?\s*([A-Za-z_'\"][^{}]*?)-?\}\})"
)
OUTPUT = re.compile(r"\{\{-?\s*([^{}]*?)\s*-?\}\}")  # an output in a tag's arguments
_LOOP = re.compile(r"\s*\w+\s+in\s+([\w.\[\]'\"-]+)")  # for member in site.data.my-people
_OPAQUE = ("raw", "comment", "highlight")  # blocks whose content is not Liquid
_BLOCKS = {
    "for", "if", "unless", "case", "capture", "raw", "comment", "highlight", "tablerow",
}  # fmt: skip
# What the site shows by itself, by the data a loop goes over.
LISTS = {
    "site.posts": ("news", "the site lists the news by itself (on /news/, and on the home page "
                   "with 'sections: [news]')"),
    "paginator.posts": ("news", "the site lists the news by itself, ten to a page, on /news/"),
    "site.data.members": ("members", "the site lists the members of data/members.yml by itself "
                          "(on /members/, and on the home page with 'sections: [members]')"),
    "site.events": ("events", "the site lists the events by itself (on /events/, and on the "
                    "home page with 'sections: [events]')"),
}  # fmt: skip


@dataclass(frozen=True)
class Block:
    """One piece of Liquid: a single tag or output, or a whole block from its tag to its end."""

    start: int
    end: int
    tag: str  # "for", "if", "highlight", "include", … ; "{{" for an output
    args: str  # what follows the tag name: "m in site.data.members", "ruby", …
    text: str  # the whole block as written

    def loops_over(self) -> str:
        """Return what a ``for`` loop goes over (``site.data.members``, ``site.data.my-people``:
        Jekyll's names may hold "-"), or ""."""
        match = _LOOP.match(self.args) if self.tag == "for" else None
        return match.group(1).replace("['", ".").replace("']", "") if match else ""

    def inner(self) -> str:
        """Return what a block holds between its opening and its closing tag."""
        opening = _TAG.match(self.text)
        close = self.text.rfind("{%")
        return self.text[opening.end() if opening else 0 : close if close > 0 else len(self.text)]


def blocks(text: str) -> Iterator[Block]:
    """Yield the Liquid of ``text``, outermost blocks only, in order; a block never closed is
    its opening tag alone. One pass over the tags, then one over their pairs: linear."""
    tags = list(_TAG.finditer(text))
    ends = pair_blocks(tags)
    index = 0
    while index < len(tags):
        match = tags[index]
        name = match.group(1) or "{{"
        last = tags[ends[index]] if index in ends else match
        args = (match.group(2) or match.group(3) or "").strip()
        yield Block(match.start(), last.end(), name, args, text[match.start() : last.end()])
        index = ends.get(index, index) + 1


def pair_blocks(tags: list[re.Match[str]]) -> dict[int, int]:
    """Return, for each opening tag of a block that is closed, the index of its closing tag."""
    ends: dict[int, int] = {}
    stack: list[int] = []  # indexes of the open blocks' tags
    open_names: Counter[str] = Counter()
    for index, match in enumerate(tags):
        name = match.group(1) or "{{"
        top = tags[stack[-1]].group(1) if stack else ""
        if top in _OPAQUE and name != f"end{top}":
            continue  # {% raw %} and the like: what they hold is text
        if name in _BLOCKS:
            stack.append(index)
            open_names[name] += 1
        elif name.startswith("end") and open_names[name[3:]]:
            while stack:  # blocks opened inside and never closed stay single tags
                opened = stack.pop()
                opened_name = tags[opened].group(1)
                open_names[opened_name] -= 1
                if opened_name == name[3:]:
                    ends[opened] = index
                    break
    return ends


def advice(block: Block) -> str:
    """Return what to write instead of a block of Liquid."""
    compact = " ".join(block.text.split())
    if block.tag == "for" and block.loops_over() in LISTS:
        return f"{LISTS[block.loops_over()][1]} — delete the loop"
    if block.tag == "for":
        return "write the list out in Markdown, or keep people in data/members.yml"
    if block.tag == "highlight":
        language = block.args.split()[0] if block.args else ""
        return f"write a fenced code block: ```{language} on the line before, ``` after"
    if "site.baseurl" in compact or "site.url" in compact or "relative_url" in compact:
        return "remove it: a link that starts with / gets the site's address by itself"
    if block.tag in ("link", "post_url"):
        return "write a Markdown link to the file, like [text](../news/2026-01-21-kickoff.md)"
    if block.tag in ("include", "include_relative"):
        return "paste the text it included here"
    if block.tag == "{{":
        return "write the text itself"
    return "remove it: Liquid tags are not run here"


def excerpt(block: Block) -> str:
    """Return a block of Liquid as a message shows it: on one line, at most 60 characters."""
    compact = " ".join(block.text[:200].split())
    return compact if len(compact) <= 60 else compact[:57] + "…"


def message(block: Block) -> str:
    """Return the problem ``flask check`` reports for a block of Liquid."""
    return f"Liquid is not supported: '{excerpt(block)}' — {advice(block)}"
