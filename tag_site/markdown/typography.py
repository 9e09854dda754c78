"""kramdown's typography: ``--`` –, ``---`` —, ``...`` …, ``<<`` «, ``>>`` », curly quotes.

A port of kramdown 2.4 (``parser/kramdown/smart_quotes.rb`` and ``typographic_symbol.rb``)
that runs once over the finished tree instead of as inline patterns: Python-Markdown's own
``smarty`` nearly doubles the time a page takes, and gets quotes after code, after
``_emphasis_`` and around ``"..."`` wrong.

kramdown decides each quote from the Markdown source around it, so the tree processor puts a
sketch of that source between the texts of a block (``*`` for emphasis, ``[`` for a link…).
Code, autolinks, raw HTML, attributes and formulas keep their characters.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTextInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import addresses
from .markup import TAG_REST

_LEFT = {'"': "“", "'": "‘"}
_RIGHT = {'"': "”", "'": "’"}
_SYMBOLS = {"---": "—", "--": "–", "...": "…", "<< ": "«\u00a0", "<<": "«", ">>": "»"}
# Ruby's \w, \s and \d are ASCII-only; its \b is not, like Python's.
_W = "[A-Za-z0-9_]"
_S = "[ \\t\\r\\n\\f\\v]"
_NOT_S = "[^ \\t\\r\\n\\f\\v]"
_PUNCT = r"[!-/:-@\[-`{-~]"
# Where kramdown finds a quote, it tries these rules in order at the character before it,
# unless one of its parsers (emphasis, code, link, HTML) consumed that character.
_QUOTE_RULES = {
    "left_before_emphasis": f"[\"'](?=[_*]{{1,2}}{_NOT_S})",
    "right_before_punctuation": f"[\"'](?={_PUNCT}(?!\\.\\.)\\B)",
    "double_single": f"{_S}?\"'(?={_W})",
    "single_double": f"{_S}?'\"(?={_W})",
    "right_decade": f"{_S}?'(?=[0-9][0-9]s)",  # the '90s
    "left_after_space": f"{_S}[\"'](?={_W})",
    "right_after_text": r"""[^ \\\t\r\n\[{(\-]["']""",
    "right_before_space": f"[\"'](?={_S}|s\\b|$)",  # Custer's Last Stand
    "left_single": "(?s:.)?'",
    "left_double": '(?s:.)?"',
}
_QUOTE = re.compile("|".join(f"(?P<{name}>{rule})" for name, rule in _QUOTE_RULES.items()))
_REPLACE: dict[str, Callable[[str], str]] = {
    "left_before_emphasis": lambda token: _LEFT[token],
    "right_before_punctuation": lambda token: _RIGHT[token],
    "double_single": lambda token: token[:-2] + "“‘",
    "single_double": lambda token: token[:-2] + "‘“",
    "right_decade": lambda token: token[:-1] + "’",
    "left_after_space": lambda token: token[:-1] + _LEFT[token[-1]],
    "right_after_text": lambda token: token[:-1] + _RIGHT[token[-1]],
    "right_before_space": lambda token: _RIGHT[token],
    "left_single": lambda token: token[:-1] + "‘",
    "left_double": lambda token: token[:-1] + "“",
}
_CONSUMED = "\\*_`<["  # escapes, and the first characters of kramdown's other parsers
# A quote after any other character is a right one: the rules before right_after_text want
# no character, or a space, before the quote.
_NOT_AFTER_TEXT = " \t\r\n\f\v\\[{(-*_`<"
# Each alternative starts with a literal, so that the regular expression skips other text fast.
_TOKEN = re.compile(r""""|'|---?|\.\.\.|<< ?|>>""")
_CANDIDATE = re.compile(r""""|'|--|\.\.\.|<<|>>""")

_PLACEHOLDER = re.compile("(\x02[^\x03]*\x03)")
_WEB_ADDRESS = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"]*", re.IGNORECASE)  # as written
# Inline elements, and the Markdown that makes them (what kramdown's rules look at).
_MARKUP = {
    "em": ("*", "*"),
    "strong": ("**", "**"),
    "a": ("[", "]("),
    "img": ("![", "]("),
    "code": ("`", "`"),
    "sup": ("[^", "]"),
    "br": ("  ", ""),
    "abbr": ("", ""),
}
_INLINE = frozenset([*_MARKUP, "b", "i", "span", "del", "ins", "sub", "kbd", "samp", "mark"])
# kramdown's HTML_CONTENT_MODEL_RAW: raw HTML elements whose content it does not parse.
_RAW_TAG = re.compile(
    rf"<(/?)(script|style|math|option|textarea|pre|code|kbd|samp|var)\b{TAG_REST}", re.IGNORECASE
)
_VERBATIM = frozenset(["pre", "code", "kbd", "samp", "script", "style", "math", "textarea"])


def typeset(text: str, after: str = "") -> str:
    """Return ``text`` with kramdown's typography; ``after`` is the Markdown that follows it.
    Addresses keep what is written (``a--b@xn--bcher.example``, ``https://x.org/a--b/``)."""
    full = text + after
    parts = []
    kept = _kept(text)
    starts = [start for start, _ in kept]
    done = 0  # where the last token ended: kramdown looks no further back
    while (token := _TOKEN.search(text, done)) is not None:
        start, end = token.span()
        at = bisect.bisect_right(starts, start) - 1  # the last address starting before it
        if at >= 0 and start < kept[at][1]:
            parts.append(text[done : kept[at][1]])  # an address, as written
            done = kept[at][1]
            continue
        value = token.group()
        before = full[start - 1] if start > done else ""
        if value in _LEFT:
            if before and before not in _NOT_AFTER_TEXT:
                symbol = _RIGHT[value]  # the commonest rule, right_after_text, at once
            else:
                start, end, symbol = _quote(full, start, before, len(text))
        elif before == "\\" and value[:2] in ("<<", ">>"):
            start, end, symbol = start - 1, start + 2, value[:2]  # \<< is no guillemet
        elif value == ">>" and before == " ":
            start, symbol = start - 1, "\u00a0»"
        else:
            symbol = _SYMBOLS[value]
        parts.append(text[done:start])
        parts.append(symbol)
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _kept(text: str) -> list[tuple[int, int]]:
    """Return where ``text`` writes an e-mail or web address, which typography leaves alone
    (one inside another: the outer one)."""
    found = sorted([*addresses.find(text), *(web.span() for web in _WEB_ADDRESS.finditer(text))])
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept


def _quote(full: str, start: int, before: str, length: int) -> tuple[int, int, str]:
    """Return the start, end and result of kramdown's quote rule at ``full[start]``.

    The rule can take in the character before the quote (it keeps it) and a second quote.
    """
    begin = start - 1 if before and before not in _CONSUMED else start
    rule = _QUOTE.match(full, begin)
    if rule is not None and rule.end() > length:  # a quote after the text is not the text's
        rule = _QUOTE.match(full, begin, length)
    if rule is None:  # never: the last rules match any quote
        return start, start + 1, full[start]
    return begin, rule.end(), _REPLACE[str(rule.lastgroup)](rule.group())


class _Run:
    """The texts of one block in order, with the Markdown between them, to typeset together."""

    def __init__(self, source_of: Callable[[str], str]) -> None:
        self.source_of = source_of
        self.values: list[str] = []  # each part as the tree holds it
        self.sources: list[str] = []  # each part as kramdown would read it
        self.todo: list[int] = []  # the parts to typeset
        self.slots: list[tuple[ET.Element, bool, int, int]] = []  # element, tail?, parts
        self.raw_element = ""  # inside raw <code>, <kbd>…: kramdown keeps what is written

    def mark(self, source: str) -> None:
        """Add Markdown that is read but not typeset: an element's sketch, or code."""
        self.values.append("")
        self.sources.append(source)

    def add(self, element: ET.Element, *, tail: bool) -> None:
        """Add the text or tail of ``element``, split at placeholders (raw HTML, escapes)."""
        text = element.tail if tail else element.text
        if not text:
            return
        if isinstance(text, AtomicString) or ("\x02" not in text and not _CANDIDATE.search(text)):
            self.mark(text)
            return
        first = len(self.values)
        pieces = _PLACEHOLDER.split(text) if "\x02" in text else [text]
        for piece in pieces:
            if piece.startswith("\x02"):
                source = self.source_of(piece)
                self.values.append(piece)
                self.sources.append(source[:4])
                self._follow(source)
            elif piece:
                if not self.raw_element and (len(pieces) == 1 or _CANDIDATE.search(piece)):
                    self.todo.append(len(self.values))
                self.values.append(piece)
                self.sources.append(piece)
        self.slots.append((element, tail, first, len(self.values)))

    def _follow(self, html: str) -> None:
        """Note where raw HTML opens or closes an element whose content kramdown keeps."""
        tag = _RAW_TAG.fullmatch(html)
        if tag and not tag[1] and not self.raw_element:
            self.raw_element = tag[2].lower()
        elif tag and tag[1] and tag[2].lower() == self.raw_element:
            self.raw_element = ""

    def finish(self) -> None:
        """Typeset the texts added, put them back into the tree, and start a new run."""
        for index in self.todo:
            after, following = "", index + 1
            while len(after) < 4 and following < len(self.sources):  # rules look 3 ahead at most
                after += self.sources[following]
                following += 1
            self.values[index] = typeset(self.values[index], after[:4])
        for element, tail, first, end in self.slots:
            text = "".join(self.values[first:end])
            if tail:
                element.tail = text
            else:
                element.text = text
        self.values.clear()
        self.sources.clear()
        self.todo.clear()
        self.slots.clear()
        self.raw_element = ""


class _Typography(Treeprocessor):
    """Typeset the text of every block, outside code, autolinks, raw HTML and formulas."""

    def run(self, root: ET.Element) -> None:
        run = _Run(self._source_of)
        self._walk(root, run)
        run.finish()

    def _walk(self, parent: ET.Element, run: _Run) -> None:
        for child in parent:
            if child.tag in _INLINE:
                before, after = _MARKUP.get(child.tag, ("<", "<"))
                if child.tag in _VERBATIM or isinstance(child.text, AtomicString):
                    if child.tag == "a":
                        before, after = "<", ">"  # an autolink
                    run.mark(before + (child.text or child.get("alt") or "") + after)
                else:
                    run.mark(before)
                    run.add(child, tail=False)
                    self._walk(child, run)
                    run.mark(after)
            else:
                run.finish()  # a block's text is typeset on its own
                if child.tag not in _VERBATIM and _CANDIDATE.search("".join(child.itertext())):
                    run.add(child, tail=False)
                    self._walk(child, run)
                    run.finish()
            run.add(child, tail=True)

    def _source_of(self, placeholder: str) -> str:
        """Return the Markdown a placeholder stands for: an escape, raw HTML or an entity."""
        body = placeholder[1:-1]
        if body.isdigit():
            return "\\" + chr(int(body))
        if body.startswith("wzxhzdk:"):
            raw = self.md.htmlStash.rawHtmlBlocks[int(body.removeprefix("wzxhzdk:"))]
            return raw if isinstance(raw, str) else "<"
        return "<"


class TypographyExtension(Extension):
    """Python-Markdown extension: kramdown's dashes, ellipses, guillemets and curly quotes."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.ESCAPED_CHARS.extend(['"', "'"])  # \" and \' stay straight, as in kramdown
        # Before the HTML pattern (90), which would read <<x>> as a tag <x>.
        md.inlinePatterns.register(SimpleTextInlineProcessor("(<<)"), "angled-quotes", 95)
        # Before the escapes (180), which would take "\<" of "\<<": it is no guillemet, whole.
        escaped = SimpleTextInlineProcessor(r"(\\)(?=<<|>>)")
        md.inlinePatterns.register(escaped, "escaped-angled-quotes", 185)
        # After the heading ids (toc, 5), which kramdown makes from the text as written, and
        # before escapes are undone (0): \-- is no dash.
        md.treeprocessors.register(_Typography(md), "typography", 3)
