"""Python-Markdown's inline step in one pass per pattern: linear in the matches of a paragraph.

Python-Markdown replaces each match of an inline pattern by a placeholder and copies the whole
text before it looks for the next match, so a paragraph of n matches costs n copies of itself
(40,000 ``\\*`` in one paragraph: 4.6 s). Here each pattern reads the unchanged text once, left
to right, and the pieces are joined at the end: the same patterns, in the same order, on the
same text from the same positions, so the same HTML.

The one thing the copy told a pattern was the character before a match that starts right
where a placeholder ends: the placeholder's last, ETX. A pattern that looks behind is matched
there by a copy of itself with those look-behinds decided for ETX (``after_placeholder``), and
emphasis, which looks behind in its own code, is told where the placeholder ended (``Emphasis``).
A pattern whose code might keep positions or look behind in ways this module does not know is
run as Python-Markdown runs it.
"""

from __future__ import annotations

import collections
import functools
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

from markdown import Markdown, inlinepatterns, util
from markdown.extensions.footnotes import FootnoteInlineProcessor
from markdown.treeprocessors import Treeprocessor

# Python-Markdown's inline patterns (its type stubs know only the older ``Pattern``).
_Pattern = Any

# What a pattern sees behind a match that starts where a placeholder ends.
_PLACEHOLDER = util.INLINE_PLACEHOLDER % "0000"

_LOOKS_BEHIND = {sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BEGINNING_STRING}
_BOUNDARIES = {sre.AT_BOUNDARY: "(?=\\w)", sre.AT_NON_BOUNDARY: "(?!\\w)"}

# Patterns whose code reads only their match and the text after it, and keeps no positions.
_READS_AHEAD = (
    inlinepatterns.BacktickInlineProcessor,
    inlinepatterns.EscapeInlineProcessor,
    inlinepatterns.LinkInlineProcessor,  # links, images and references
    inlinepatterns.AutolinkInlineProcessor,
    inlinepatterns.AutomailInlineProcessor,
    inlinepatterns.SimpleTagInlineProcessor,
    inlinepatterns.SimpleTextInlineProcessor,
    inlinepatterns.HtmlInlineProcessor,
    FootnoteInlineProcessor,
)


def after_placeholder(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """Return ``regex`` as it matches right after a placeholder, or None if that cannot be told."""
    parsed = _parser.parse(regex.pattern, regex.flags)
    items = _decided(parsed.data, parsed.state)
    if items is None:
        return None
    decided: re.Pattern[str] = _compiler.compile(_parser.SubPattern(parsed.state, items), 0)
    return decided


def _decided(items: list[Any], state: Any) -> list[Any] | None:
    """``items`` with the look-behinds at their start decided; None if one is at the start
    on some paths only, or looks further back than one character."""
    decided: list[Any] = []
    at_start, maybe = True, False
    for op, av in items:
        if not at_start or not _looks_behind(op, av):
            if _looks_behind_far(op, av):
                return None
            decided.append((op, av))
        elif maybe or (item := _decided_item(op, av, state)) is None:
            return None  # at the start on some paths only, or past what can be decided
        else:
            decided += item
        consumed = _consumes(_parser.SubPattern(state, [(op, av)]))
        at_start = at_start and consumed != "always"
        maybe = maybe or consumed == "maybe"
    return decided


def _decided_item(op: Any, av: Any, state: Any) -> list[Any] | None:
    """One item at the start that looks behind, decided (None if it cannot be)."""
    if _is_look_behind(op, av) or (op is sre.AT and av in _LOOKS_BEHIND):
        if _looks_behind_far(op, av):
            return None  # would see the placeholder's number
        assertion = _compiler.compile(_parser.SubPattern(state, [(op, av)]), state.flags)
        holds = assertion.match(_PLACEHOLDER, len(_PLACEHOLDER))
        return [] if holds else list(_parser.parse("(?!)").data)
    if op is sre.AT:  # a word boundary: the placeholder ends in a character of no word
        return list(_parser.parse(_BOUNDARIES[av], state.flags).data)
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        inner = _decided(av[-1].data, state)
        if inner is None:
            return None
        group = _parser.SubPattern(state, inner)
        return [(op, (*av[:-1], group) if op is sre.SUBPATTERN else group)]
    if op is sre.BRANCH:
        branches = [_decided(alternative.data, state) for alternative in av[1]]
        if any(branch is None for branch in branches):
            return None
        return [(op, (av[0], [_parser.SubPattern(state, branch) for branch in branches]))]
    return None  # a repeat, a lookahead or a condition holding a look-behind


def _consumes(sub: Any) -> str:
    low, high = sub.getwidth()
    return "always" if low > 0 else "never" if high == 0 else "maybe"


def _looks_behind(op: Any, av: Any) -> bool:
    """Whether an item holds a look-behind or an anchor that reads the text before it."""
    if _is_look_behind(op, av) or (op is sre.AT and (av in _LOOKS_BEHIND or av in _BOUNDARIES)):
        return True
    return any(_looks_behind(o, a) for sub in _subpatterns(av) for o, a in sub.data)


def _looks_behind_far(op: Any, av: Any) -> bool:
    """Whether an item looks behind by more than one character (past what was consumed)."""
    if _is_look_behind(op, av) and av[1].getwidth()[1] > 1:
        return True
    return any(_looks_behind_far(o, a) for sub in _subpatterns(av) for o, a in sub.data)


def _is_look_behind(op: Any, av: Any) -> bool:
    return op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] < 0


def _subpatterns(av: Any) -> list[Any]:
    """The sub-patterns inside an item's argument."""
    found: list[Any] = []
    for part in av if isinstance(av, (tuple, list)) else (av,):
        if isinstance(part, _parser.SubPattern):
            found.append(part)
        elif isinstance(part, (tuple, list)):
            found.extend(_subpatterns(part))
    return found


class OnePassInline(Treeprocessor):
    """Python-Markdown's inline step (``markdown.treeprocessors.InlineProcessor``, BSD licence)
    with each pattern applied in one pass, and each element's children placed once (it
    inserted them one at a time, after a search of the list for their place: quadratic in
    an element's children)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.inline_patterns = md.inlinePatterns
        self.ancestors: list[str] = []
        self.stashed_nodes: dict[str, ET.Element | str] = {}
        self.parent_map: dict[ET.Element, ET.Element] = {}

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        """Apply the inline patterns to every text of the tree, in Python-Markdown's order."""
        self.stashed_nodes = {}
        self.parent_map = {child: parent for parent in tree.iter() for child in parent}
        tree_ancestors = [] if ancestors is None else ancestors[:]
        tree_ancestors += self._ancestors_of(tree)
        stack = collections.deque([(tree, tree_ancestors)])
        while stack:
            element, self.ancestors = stack.popleft()
            if element is not tree:
                self.ancestors.append(element.tag.lower())
            stack += self._run_children(element)
        return tree

    def _run_children(self, element: ET.Element) -> list[tuple[ET.Element, list[str]]]:
        """Turn the texts and tails of an element's children into elements; return what to
        visit next."""
        later: list[tuple[ET.Element, list[str]]] = []
        inserts = []
        children, to_visit = [], collections.deque(element)
        while to_visit:  # the children, and the elements their tails bring, in order
            child = to_visit.popleft()
            children.append(child)
            if child.text and not isinstance(child.text, util.AtomicString):
                self.ancestors.append(child.tag.lower())
                text, child.text = child.text, None
                found = self._place(self._handle_inline(text), child)
                self.parent_map.update((item, child) for item, _ in found)
                later += found
                inserts.append((child, [item for item, _ in found]))
                self.ancestors.pop()
            if child.tail:
                tail, child.tail = self._handle_inline(child.tail), None
                holder = ET.Element("d")
                found = self._place(tail, holder, is_text=False)
                child.tail = holder.tail or None
                self.parent_map.update((item, element) for item, _ in found)
                to_visit.extendleft(reversed([item for item, _ in found]))
            if len(child):
                self.parent_map[child] = element
                later.append((child, self.ancestors[:]))
        element[:] = children
        for child, items in inserts:
            child[0:0] = items
        return later

    def _ancestors_of(self, element: ET.Element) -> list[str]:
        """The tags above an element, outermost first."""
        tags = []
        parent: ET.Element | None = element
        while parent is not None:
            tags.append(parent.tag.lower())
            parent = self.parent_map.get(parent)
        return tags[::-1]

    def _handle_inline(self, data: str, first: int = 0) -> str:
        """Replace what the patterns from ``first`` on match in a text by placeholders."""
        if isinstance(data, util.AtomicString):
            return data
        for index in range(first, len(self.inline_patterns)):
            data = self._apply(self.inline_patterns[index], data, index)
        return data

    def _apply(self, pattern: _Pattern, data: str, index: int) -> str:
        """Replace every match of one pattern in ``data`` by a placeholder, left to right."""
        if any(exclude.lower() in self.ancestors for exclude in pattern.ANCESTOR_EXCLUDES):
            return data
        after = _after(pattern)
        if after is None:
            return self._apply_copying(pattern, data, index)
        pieces: list[str] = []
        done = search = 0
        placeholder_end = -1
        while found := self._next_match(pattern, after, data, search, placeholder_end):
            node, start, end = found
            if node is None:  # a match to pass over
                search, placeholder_end = end, -1
                continue
            if not done <= start <= end:  # a link cut short at -1: go on as Python-Markdown does
                head = "".join(pieces)
                shift = len(head) - done
                found = (node, start + shift, end + shift if end >= 0 else end)
                return self._apply_copying(pattern, head + data[done:], index, found)
            self._inline_children(node, index)
            pieces += [data[done:start], self._stash(node)]
            done = search = placeholder_end = end
        return "".join(pieces) + data[done:] if pieces else data

    def _apply_copying(
        self,
        pattern: _Pattern,
        data: str,
        index: int,
        found: tuple[ET.Element | str | None, int, int] | None = None,
    ) -> str:
        """Apply a pattern as Python-Markdown does, with a copy of the text for each match
        (from a match already ``found``, if given)."""
        regex, search = pattern.getCompiledRegExp(), 0
        while found or (found := self._next_match(pattern, regex, data, search, -1)):
            node, start, end = found
            found = None
            if node is not None:
                self._inline_children(node, index)
                placeholder = self._stash(node)
                data, end = data[:start] + placeholder + data[end:], start + len(placeholder)
            search = end
        return data

    def _next_match(
        self,
        pattern: _Pattern,
        after: re.Pattern[str],
        data: str,
        search: int,
        placeholder_end: int,
    ) -> tuple[ET.Element | str | None, int, int] | None:
        """The next match the pattern accepts from ``search`` on, as Python-Markdown finds it."""
        regex = pattern.getCompiledRegExp()
        matches: Iterator[re.Match[str]] = regex.finditer(data, search)
        if search == placeholder_end and after is not regex:
            first = after.match(data, search)
            rest = regex.finditer(data, first.end() if first else search + 1)
            matches = itertools.chain([first], rest) if first else rest
        for match in matches:
            if isinstance(pattern, Emphasis):
                pattern.placeholder_end = placeholder_end
            node, start, end = pattern.handleMatch(match, data)
            if start is not None and end is not None:
                return node, start, end
        return None

    def _inline_children(self, node: ET.Element | str, index: int) -> None:
        """Apply the later patterns to a new element's texts, and this one on to its tails."""
        if isinstance(node, str) or isinstance(node.text, util.AtomicString):
            return
        for child in [node, *node]:
            if child.text:
                self.ancestors.append(child.tag.lower())
                child.text = self._handle_inline(child.text, index + 1)
                self.ancestors.pop()
            if child.tail:
                child.tail = self._handle_inline(child.tail, index)

    def _stash(self, node: ET.Element | str) -> str:
        """Keep a node; return the placeholder that stands for it in the text."""
        key = f"{len(self.stashed_nodes):04d}"
        self.stashed_nodes[key] = node
        return str(util.INLINE_PLACEHOLDER % key)

    def _place(
        self, data: str, parent: ET.Element, *, is_text: bool = True
    ) -> list[tuple[ET.Element, list[str]]]:
        """Turn the placeholders of a text into elements: the text before the first goes to
        the parent's text (or tail), the text after each to that element's tail."""
        found: list[tuple[ET.Element, list[str]]] = []
        texts: list[str] = []

        def place_texts() -> None:
            # As Python-Markdown adds them: a text alone keeps its type (AtomicString).
            pieces = [text for text in texts if text]
            texts.clear()
            if not pieces:
                return
            text = pieces[0] if len(pieces) == 1 else "".join(pieces)
            owner, attribute = (
                (found[-1][0], "tail") if found else (parent, "text" if is_text else "tail")
            )
            before = getattr(owner, attribute)
            setattr(owner, attribute, before + text if before else text)

        start, prefix = 0, util.INLINE_PLACEHOLDER_PREFIX
        while data:
            index = data.find(prefix, start)
            if index == -1:
                rest = data[start:]
                atomic = isinstance(data, util.AtomicString)
                texts.append(util.AtomicString(rest) if atomic else rest)
                break
            match = util.INLINE_PLACEHOLDER_RE.search(data, index)
            node = self.stashed_nodes.get(match.group(1)) if match else None
            if match is None or node is None:  # not a placeholder after all
                texts.append(data[start : index + len(prefix)])
                start = index + len(prefix)
                continue
            texts.append(data[start:index])
            start = match.end()
            if isinstance(node, str):
                texts.append(node)
                continue
            self._place_in(node)
            place_texts()
            found.append((node, self.ancestors[:]))
        place_texts()
        return found

    def _place_in(self, node: ET.Element) -> None:
        """Turn the placeholders in a new element's text, and in its children's tails, into
        elements."""
        before: list[ET.Element] = []
        children: list[ET.Element] = []
        for child in [node, *node]:
            if child is not node:
                children.append(child)
            if child.tail and child.tail.strip():
                tail, child.tail = child.tail, None
                found = [item for item, _ in self._place(tail, child, is_text=False)]
                if child is node:
                    before[0:0] = found
                else:
                    children += found
            if child.text and child.text.strip():
                text, child.text = child.text, None
                found = [item for item, _ in self._place(text, child)]
                if child is node:
                    before[0:0] = found
                else:
                    child[0:0] = found
        node[:] = before + children


class Emphasis(inlinepatterns.DelimiterProcessor):
    """Python-Markdown's emphasis, on a text whose matches stay where they were found."""

    placeholder_end = -1

    @classmethod
    def replacing(cls, processor: _Pattern) -> Emphasis | None:
        """This processor's delimiters and state, or None if its look-behinds cannot be decided."""
        if any(
            _after_regex(delimiter.boundary) is None for delimiter in processor.delimiters.values()
        ):
            return None
        emphasis = cls.__new__(cls)
        emphasis.__dict__.update(processor.__dict__)
        return emphasis

    def get_match(self, data: str, start: int) -> re.Match[str] | None:
        if start != self.placeholder_end:
            return super().get_match(data, start)
        for delimiter in self.delimiters.values():
            match = _after_regex(delimiter.boundary).match(data, start)  # type: ignore[union-attr]
            if match is not None:
                return match
        return None

    def get_cached_result(self, pos: int, data: str) -> tuple[ET.Element, int, int]:
        # The regions were found in this same text: no placeholder has moved them.
        start, end = self.regions[self.cache_index][0], self.regions[self.cache_index][3]
        element, count = self._build_element(data, self.cache_index, 0)  # type: ignore[attr-defined]
        self.increment_next_position(start, count)
        return element, start, end


def _after(pattern: _Pattern) -> re.Pattern[str] | None:
    """The regex for a match right after a placeholder, or None to run the pattern as
    Python-Markdown does."""
    if not isinstance(pattern, (*_READS_AHEAD, Emphasis)) and not getattr(
        pattern, "reads_ahead", False
    ):
        return None
    return _after_regex(pattern.getCompiledRegExp())


@functools.cache
def _after_regex(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """``regex`` itself if it never looks behind; else ``after_placeholder``; None if it may match
    nothing (a cache over the site's few fixed patterns)."""
    parsed = _parser.parse(regex.pattern, regex.flags)
    if parsed.getwidth()[0] == 0:
        return None
    if not any(_looks_behind(op, av) for op, av in parsed.data):
        return regex
    return after_placeholder(regex)
