"""Markdown to HTML, with kramdown's heading ids and site links that work under any base URL.

This is the one place where HTML is trusted: ``render_body`` returns ``Markup``.
"""

from __future__ import annotations

import copy
import functools
import html
import html.entities
import math
import posixpath
import re
import string
import threading
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple
from urllib.parse import quote, unquote, urlsplit

import markdown
import pygments.lexer
import pygments.lexers
import pygments.util
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension, codehilite
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.footnotes import RE_REF_ID, FootnoteExtension, FootnoteInlineProcessor
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import remove_fnrefs, render_inner_html
from markdown.inlinepatterns import (
    ENTITY_RE,
    HTML_RE,
    HtmlInlineProcessor,
    SimpleTagInlineProcessor,
    SubstituteTagInlineProcessor,
)
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .. import cache
from .addresses import has_sign, protect_address, protect_all, protect_json
from .formulas import TEX_COMMENT, FormulaExtension
from .inline import Emphasis, OnePassInline
from .limits import (
    CLOSE_BRACKET,
    MAX_BYTES,
    MAX_GROWTH,
    OPEN_ANGLE,
    OPEN_BRACKET,
    OPEN_PARENTHESIS,
    ROOM,
    OvertimeError,
    charge,
    most_made,
    restore,
    stand_ins,
    time_budget,
)
from .lists import THEMATIC_BREAK, KramdownLists, open_formula
from .markup import link_spans, scheme_of, tags_of
from .source_map import INFO_REST, heading_words
from .typography import TypographyExtension

_local = threading.local()
# The languages whose code is shown in colour: Pygments' lexers that read any text in linear
# time (tests/test_render.py tries each on texts made to be slow). Code in another language
# is shown as it is: some lexers take seconds for two kilobytes (xpp's on lines of "a",
# Java's, YAML's on a row of backticks, JavaScript's, CSS's, Markdown's; Docker's on one long
# line).
COLOURED = frozenset(
    {
        "BashLexer", "BibTeXLexer", "CLexer", "CMakeLexer", "CppLexer", "CudaLexer",
        "DiffLexer", "FortranLexer", "GoLexer", "HaskellLexer", "JsonLexer",
        "JuliaLexer", "MatlabLexer", "PythonConsoleLexer", "PythonLexer", "RubyLexer",
        "RustLexer", "SLexer", "ScalaLexer", "SqlLexer", "TOMLLexer", "TexLexer", "TextLexer",
    }
)  # fmt: skip


def _coloured_lexer(name: str, **options: Any) -> pygments.lexer.Lexer:
    """Return Pygments' lexer of ``name`` if it is one of ``COLOURED``; else raise
    ``ClassNotFound``, on which Python-Markdown's codehilite shows the code as text."""
    lexer = pygments.lexers.get_lexer_by_name(name, **options)
    if type(lexer).__name__ not in COLOURED:
        raise pygments.util.ClassNotFound(f"{name} is not coloured here")
    return lexer


codehilite.get_lexer_by_name = _coloured_lexer  # type: ignore[attr-defined]  # its one lookup

_PATH_SAFE = "/:@!$&'()*+,;="
_LOST = re.compile("[\x02\x03]")  # the ends of Python-Markdown's placeholders
# A footnote as Python-Markdown writes it: listed, pointed to, and its link back.
_NOTE_LISTED = re.compile(r'<li id="fn:([^"]+)">')
_NOTE_POINTED = re.compile(r'<sup id="fnref:([^"]+)">')
_WAY_BACK = re.compile(r'&#160;<a class="footnote-backref" href="#fnref:([^"]+)"[^<>]*>&#8617;</a>')
_CONTROL = re.compile("[\x00-\x1f\x7f]")
# A <meta> a text wrote, which no page shows as one: a refresh would send the reader away
# even from the preview (the check refuses it; no policy of the page's stops it).
_META = re.compile(r"<(?=meta[\s/>])", re.IGNORECASE)
_LINES = re.compile(r"[^\n]+|(?<=\n)(?=\n)|^(?=\n)")  # each line, empty ones too
# kramdown's attribute list on a line of its own ({: .wide}), as after a table.
_ATTRIBUTE_LIST = re.compile(r"[ ]{0,3}\{:[ ]*([^}\n ][^}\n]*)\}[ ]*")
_ROWLESS = re.compile(r"\n([^|\n]*)(?=\n|\Z)")  # a line without a "|": a table's rows end
_NEXT_LINE = re.compile(r"\n([^\n]*)")
_UNDERLINE = re.compile(r" {0,3}[=-]+[ ]*")  # a setext heading's, or a break of "---"


def kramdown_id(text: str, separator: str = "-") -> str:
    """Return the heading id Jekyll's kramdown gives ``text`` (its GFM input, Jekyll's
    default, as GitHub does): small letters; letters, digits, ``_`` and ``-`` kept, each
    space a dash: "2027 Summer School" -> "2027-summer-school"; "section" if none is left."""
    kept = re.sub(r"[^\w\- \t]", "", text.lower())
    return re.sub(r"[ \t]", separator, kept) or "section"


_HEADING_TAG = re.compile(r"h[1-6]")


class _HeadingIds(Treeprocessor):
    """Each heading without an id gets kramdown's (``kramdown_id``), the second of one
    text with "-1" after it, the third "-2", as kramdown numbers them (before the
    table of contents' own ids, which would be "_1")."""

    def run(self, root: ET.Element) -> None:
        counts: dict[str, int] = {}
        for heading in root.iter():
            if not (isinstance(heading.tag, str) and _HEADING_TAG.fullmatch(heading.tag)):
                continue
            if "id" not in heading.attrib:
                inner = render_inner_html(remove_fnrefs(heading), self.md)  # its words, with
                words = re.sub(HTML_RE, "", inner, flags=re.DOTALL)  # spaces as written
                text = kramdown_id(html.unescape(words))
                counts[text] = counts.get(text, -1) + 1
                heading.set("id", f"{text}-{counts[text]}" if counts[text] else text)


class _KramdownToc(Treeprocessor):
    """kramdown's table of contents: a list whose item is followed by ``{:toc}`` becomes a
    list of links to the page's headings, nested as they are (a heading of class
    ``no_toc`` left out), as kramdown makes it: ``<ul id="markdown-toc">``."""

    def run(self, root: ET.Element) -> None:
        marked = [
            (parent, child)
            for parent in root.iter()
            for child in parent
            if child.tag in ("ul", "ol") and len(child) and "toc" in child[0].attrib
        ]
        if not marked:
            return
        headings = [
            heading
            for heading in root.iter()
            if isinstance(heading.tag, str)
            and _HEADING_TAG.fullmatch(heading.tag)
            and "no_toc" not in heading.get("class", "").split()
        ]
        for parent, listed in marked:
            contents = ET.Element("ul", {"id": "markdown-toc"})
            opened: list[tuple[int, ET.Element]] = [(0, contents)]  # level, its list
            for heading in headings:
                level = int(heading.tag[1])
                while len(opened) > 1 and opened[-1][0] >= level:
                    opened.pop()
                item = ET.SubElement(opened[-1][1], "li")
                link = ET.SubElement(item, "a", {"href": f"#{heading.get('id', '')}"})
                link.set("id", f"markdown-toc-{heading.get('id', '')}")
                shown = copy.deepcopy(remove_fnrefs(heading))  # its words, no notes or ids
                link.text = shown.text
                for child in shown:
                    for inner in child.iter():
                        inner.attrib.pop("id", None)
                        if inner.tag == "a":  # a link in a link: its words
                            inner.tag, inner.attrib = "span", {}
                    link.append(child)
                opened.append((level, ET.SubElement(item, "ul")))
            for item in contents.iter("li"):
                if len(item) and item[-1].tag == "ul" and not len(item[-1]):
                    item.remove(item[-1])
            parent[list(parent).index(listed)] = contents


# What kramdown reads as GitHub does (Jekyll's default, its GFM input): "\\" at a line's
# end is a line break; "~~words~~" struck through (no "~~" inside: one pass, linear time);
# a list's item that starts "[ ] " or "[x] " a task, done or not.
_BREAK = r"\\\\\n"
_STRUCK = r"(?<!~)(~~)(?![\s~])((?:[^~]|~(?!~))*?[^\s~])~~"
_TASK = re.compile(r"\[([ xX])\] ")


class _TaskItems(Treeprocessor):
    """A list's item that starts ``[ ] `` or ``[x] `` shows a box, empty or ticked (☐, ☑),
    as kramdown shows its checkbox (which no one can tick)."""

    def run(self, root: ET.Element) -> None:
        for item in root.iter("li"):
            paragraph = len(item) and item[0].tag == "p" and not (item.text or "").strip()
            first = item[0] if paragraph else item
            if first.text and (task := _TASK.match(first.text)):
                first.text = ("☐ " if task[1] == " " else "☑ ") + first.text[task.end() :]


class _Entities(HtmlInlineProcessor):
    """A character reference as written, if HTML has it (``&copy;``, ``&#64;``); any other
    (``&notes;``) is text, shown as written, as kramdown shows it: a browser would read
    ``&not`` in it, a sign of its own ("¬es;")."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown's name)
        self, m: re.Match[str], data: str
    ) -> tuple[str | ET.Element | None, int | None, int | None]:
        if m.group(1).startswith("&#") or m.group(1)[1:] in html.entities.html5:
            return super().handleMatch(m, data)
        return self.md.htmlStash.store("&amp;"), m.start(0), m.start(0) + 1


class _AlignmentClasses(Treeprocessor):
    """Tables reachable by keyboard, alignment as a class; no ``style=`` or ``on…=`` at all."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag == "table":  # scrolls sideways on phones: keyboards must reach it
                element.set("tabindex", "0")
            match = re.fullmatch(r"text-align: (\w+);?", element.get("style", ""))
            if match:
                element.set("class", f"align-{match.group(1)}")
            unsafe = [
                n for n in element.attrib if n.lower() == "style" or n.lower().startswith("on")
            ]
            for name in unsafe:
                del element.attrib[name]  # {: style=… onclick=…} would only break the CSP


class _KramdownAttributes(AttrListTreeprocessor):
    """Attribute lists as kramdown reads them: with their colon (``{: .note}``, ``*x*{: .a}``)
    or a heading's ``{#id}``; ``{.note}`` and ``{style=…}`` are text, as kramdown shows them
    (Python-Markdown's own takes them without the colon too)."""

    # (the stubs call them Final; Python-Markdown reads them from the instance, to be replaced)
    BASE_RE = r"\{:[ ]*([^\}\n ][^\n]*)\}"  # type: ignore[misc]
    HEADER_RE = re.compile(r"[ ]+\{(?::|(?=#[A-Za-z][\w:-]*\}))[ ]*([^\}\n ][^\n]*)\}[ ]*$")  # type: ignore[misc]
    BLOCK_RE = re.compile(rf"\n[ ]*{BASE_RE}[ ]*$")  # type: ignore[misc]
    INLINE_RE = re.compile(rf"^{BASE_RE}")  # type: ignore[misc]
    ITEM_RE = re.compile(r"[ ]*\{:[ ]*([^\}\n]*)\}[ ]*")  # a list item's own: "* {:.a} x"

    def run(self, doc: ET.Element) -> None:
        """Give a list item the attributes written at its start (``* {:.note} Text``), as
        kramdown does, then read the rest as Python-Markdown does."""
        for item in doc.iter("li"):
            first = item[0] if len(item) and item[0].tag == "p" else None  # a loose list's
            holder = first if first is not None and not (item.text or "").strip() else item
            if found := self.ITEM_RE.match(holder.text or ""):
                holder.text = (holder.text or "")[found.end() :].lstrip()
                if found[1].strip() != "toc":  # (kramdown's {:toc} after an item: none here)
                    self.assign_attrs(item, found[1])
        super().run(doc)


class _AbbreviationDefinitions(AbbrBlockprocessor):
    """Python-Markdown's reading of ``*[HTML]: Hyper Text Markup Language`` lines, all of a
    block's in one pass (its own takes one per pass over the rest of the block: quadratic)."""

    def run(self, parent: ET.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0)
        pieces, last = [], 0
        for found in self.RE.finditer(block):
            abbreviation, title = found.group("abbr").strip(), found.group("title").strip()
            if not (abbreviation and title):
                continue
            if title in ("''", '""'):
                self.abbrs.pop(abbreviation, None)
            else:
                self.abbrs[abbreviation] = title
            if block[last : found.start()].strip():
                pieces.append(block[last : found.start()].strip("\n"))
            last = found.end()
        if last == 0:
            blocks.insert(0, block)
            return False
        if block[last:].strip():
            pieces.append(block[last:].lstrip("\n"))
        blocks[:0] = pieces
        return True


class _DefinitionLists(DefListProcessor):
    """Python-Markdown's definition lists, one entry a block: its own reads the entries that
    follow a definition without a blank line as that definition's text, each inside the one
    before (``A\n: a\nB\n: b`` nested B in a's definition, and 500 entries ran out of stack);
    kramdown reads them as the next entries."""

    def run(self, parent: ET.Element, blocks: list[str]) -> bool | None:
        block, entries, start, done = blocks[0], [], 0, 0  # all of a block's entries at once
        for definition in self.RE.finditer(block):
            term = block.rfind("\n", 0, definition.start()) + 1  # the line before it
            if done and term >= done:  # a term of its own, after the last entry's definition
                entries.append(block[start : term - 1])
                start = term
            done = definition.end()
        blocks[0:1] = [*entries, block[start:]]
        return super().run(parent, blocks)


class _DisplayFormulas(Preprocessor):
    """A formula that starts a paragraph (``$$``) and goes on over lines is made
    one line, as kramdown reads such a formula before the blocks: Python-Markdown would
    read its lines first, and a line of ``=``, ``-`` or ``***`` in the TeX broke it into a
    heading or a rule. Line ends are spaces to TeX: the formula is the same."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[list[str]] = []  # each line, or the lines of a formula to be made one
        formula, starts = "", True  # the closing the open formula waits for; a new block?
        for line in lines:
            if formula and line.strip():  # a blank line ends the paragraph, and the formula
                out[-1].append(uncommented(line.strip(), formula))
                formula = open_formula(line, formula)
                continue
            indent = len(line) - len(line.lstrip(" "))
            opens = starts and indent < 4 and line.lstrip(" ").startswith("$$")
            formula = open_formula(line, "") if opens else ""
            out.append([uncommented(line, formula) if formula else line])
            starts = not line.strip()
        return [" ".join(parts) for parts in out]


def uncommented(line: str, closing: str) -> str:
    """Return a line of a formula without its TeX comment (from a ``%`` not escaped to the
    line's end, which ends it: joined to the next line, it would hide that too), but for the
    ``closing`` of the formula, which kramdown finds before TeX is read."""
    found = TEX_COMMENT.search(line)
    if not found:
        return line
    rest = line[found.end() - 1 :]
    close = rest.find(closing)
    return line[: found.end() - 1] + (rest[close:] if close >= 0 else "")


class _BlockEnds(Preprocessor):
    """A blank line after each setext heading's underline and around each thematic break
    (``***``, ``- - -``) outside lists: Python-Markdown takes them off a block one at a time,
    joining the rest of the block again each time (20,000 headings of ``a\n=`` took
    seconds); each a block of its own, they cost their own lines. What they mean is the
    same: a heading or a break ends its block."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        formula = ""  # what closes the formula a paragraph has open: its lines are its TeX
        for line in lines:
            if formula or not line.strip():
                formula = open_formula(line, formula) if line.strip() else ""
                out.append(line)
            elif _UNDERLINE.fullmatch(line):  # "a\n---" is a heading: nothing before it
                out += [line, ""]
            elif THEMATIC_BREAK.match(line):
                out += ["", line, ""]
            else:
                formula = open_formula(line, "")
                out.append(line)
        return out


class _Tables(TableProcessor):
    """Python-Markdown's tables, told from other blocks by their first two rows only (its own
    test splits the whole block, again for what is left each time a heading is taken off its
    top: a block of 20,000 headings took 20,000 splits of the rest)."""

    def test(self, parent: ET.Element, block: str) -> bool:
        block = block[: table_split(block)[0]]  # kramdown's {: .wide} after it: its own
        head = "\n".join(block.split("\n", 2)[:2])
        if not super().test(parent, head):
            return False
        if len(self.separator) > 1 or head == block:
            return True
        # A one-column table needs a pipe on every row: read up to the first row without one
        # (its own test splits the whole block first, again after each heading of a block).
        for line in _LINES.finditer(block):
            row = line[0].strip(" ")
            if not row.startswith("|") and not self.RE_END_BORDER.search(row):
                return False
        return True

    def run(self, parent: ET.Element, blocks: list[str]) -> None:
        """Make the table, with the attributes of the kramdown attribute lists on the lines
        after it (``{: .wide}``), as kramdown gives them to it; what follows them is a block
        of its own."""
        rows, end = table_split(blocks[0])
        lists, rest = blocks[0][rows:end], blocks[0][end:].lstrip("\n")
        blocks[0] = blocks[0][:rows]
        super().run(parent, blocks)
        if lists and len(parent) and parent[-1].tag == "table":  # {: .a} {: .b}: class="a b"
            for written in _ATTRIBUTE_LIST.finditer(lists):
                AttrListTreeprocessor(self.parser.md).assign_attrs(parent[-1], written[1])
        if rest:
            blocks.insert(0, rest)


def table_split(block: str) -> tuple[int, int]:
    """Return where a table's rows end in ``block`` and where the kramdown attribute lists
    on the lines right after them end (both its length if none follow): the first line
    after its head without a "|" is the first that is no row, read up to there only."""
    second = block.find("\n", block.find("\n") + 1)
    found = _ROWLESS.search(block, second) if second >= 0 else None
    if found is None or not _ATTRIBUTE_LIST.fullmatch(block, found.start() + 1, found.end()):
        return len(block), len(block)
    end = found.end()
    while (line := _NEXT_LINE.match(block, end)) and _ATTRIBUTE_LIST.fullmatch(line[1]):
        end = line.end()
    return found.start(), end


def _unique_ref(footnotes: FootnoteExtension, reference: str, found: bool = False) -> str:
    """Python-Markdown's name for the back reference of a footnote's next use ("fnref3:1" for
    the third), found at once: its own counts up from the first each time (quadratic)."""
    if not found:
        return reference
    uses = footnotes.found_refs.get(reference, 0)
    separator = footnotes.get_separator()
    name = _counted(reference, separator, uses) if uses else reference
    while name in footnotes.used_refs:  # another footnote's name: count on, as it would
        name = _counted(name, separator, 1)
    footnotes.used_refs.add(name)
    footnotes.found_refs[reference] = uses + 1
    return name


def _counted(name: str, separator: str, by: int) -> str:
    """Return a back reference's name with its number raised ``by`` ("fnref:1" -> "fnref2:1"
    for 1, as Python-Markdown writes them)."""
    ref, rest = name.split(separator, 1)
    number = RE_REF_ID.match(ref)
    count = int(number.group(2)) + by if number else by + 1
    return f"{number.group(1) if number else ref}{count}{separator}{rest}"


class _Order(list[str]):
    """Python-Markdown's footnotes in the order of their first use, with the place of each
    kept: it asks whether a note is in the list, and where, at every use (quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self.places: dict[str, int] = {}

    def append(self, name: str) -> None:
        self.places.setdefault(name, len(self))
        super().append(name)

    def __contains__(self, name: object) -> bool:
        return name in self.places

    def index(self, name: str, *bounds: Any) -> int:
        if bounds or name not in self.places:
            return super().index(name, *bounds)
        return self.places[name]


class _FootnoteReferences(FootnoteInlineProcessor):
    """Python-Markdown's footnote references, numbered from a table of the notes' places
    (its own lists the notes again at every reference: quadratic)."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown's name)
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element | None, int | None, int | None]:
        notes, name = self.footnotes, m.group(1)
        if name not in notes.footnotes:
            return None, None, None
        notes.addFootnoteRef(name)
        if notes.getConfig("USE_DEFINITION_ORDER"):
            places = getattr(notes, "places", None)
            if places is None or len(places) != len(notes.footnotes):
                places = {note: number for number, note in enumerate(notes.footnotes, 1)}
                notes.places = places  # type: ignore[attr-defined]
            number = places[name]
        else:
            number = notes.footnote_order.index(name) + 1
        sup = ET.Element("sup")
        link = ET.SubElement(sup, "a")
        sup.set("id", notes.makeFootnoteRefId(name, found=True))
        link.set("href", "#" + notes.makeFootnoteId(name))
        link.set("class", "footnote-ref")
        link.text = notes.getConfig("SUPERSCRIPT_TEXT").format(number)
        return sup, m.start(0), m.end(0)


def _reset_footnotes(footnotes: FootnoteExtension, reset: Callable[[], None]) -> None:
    """Reset the footnotes for the next text, their order kept as an ``_Order``."""
    reset()
    footnotes.footnote_order = _Order()
    footnotes.places = None  # type: ignore[attr-defined]


class _Headings(HashHeaderProcessor):
    """ATX headings as kramdown (GFM input, Jekyll's default) and GitHub read them: a space
    after the opening ``#``s (``#1 in Europe`` and ``#MachineLearning`` are text), closing
    ``#``s after a space only, so that ``## Why C#`` keeps its ``#`` (Python-Markdown made a
    heading of any line that starts with ``#``, and dropped every ``#`` at its end)."""

    RE = re.compile(
        HashHeaderProcessor.RE.pattern.replace("(?P<level>#{1,6})", "(?P<level>#{1,6})(?=[ \t])")
    )

    def run(self, parent: ET.Element, blocks: list[str]) -> None:
        block = blocks[0]
        found = self.RE.search(block)
        super().run(parent, blocks)  # the heading is the last element it adds, the lines
        if found and len(parent):  # after it the next block
            parent[-1].text = heading_words(found.group().strip("\n")[len(found["level"]) :])
            after = block[found.end() :]
            line, _, rest = after.partition("\n")
            own = parent[-1].text.rstrip().endswith("}")  # its own {#id}: one list only
            if (
                after
                and blocks
                and blocks[0] == after
                and _ATTRIBUTE_LIST.fullmatch(line)
                and not own
            ):
                parent[-1].text += " " + line.strip()  # kramdown's {: .no_toc} on the next
                blocks[0] = rest  # line is the heading's, as its {#id} at its end is
                if not rest.strip():
                    blocks.pop(0)


# What a fenced code block's {attributes} may set besides its language, id and classes: the
# rest reached Pygments (pygments_formatter="bbcode" wrote the code as unescaped markup,
# "terminal" as control characters, "noclasses" styles the page's policy blocks).
CODE_OPTIONS = frozenset({"hl_lines", "linenums", "linenostart"})


def _code_options(
    read: Callable[[Iterable[tuple[str, str | None]]], tuple[str, list[str], dict[str, Any]]],
    attributes: Iterable[tuple[str, str | None]],
) -> tuple[str, list[str], dict[str, Any]]:
    """Return what Python-Markdown reads of a code block's ``attributes`` (``read``), but
    the options outside ``CODE_OPTIONS``."""
    found, classes, options = read(attributes)
    return found, classes, {key: value for key, value in options.items() if key in CODE_OPTIONS}


class _SiteExtension(Extension):
    """The site's own Markdown touches: alignment classes instead of inline styles, and
    abbreviations, tables and the inline patterns read in linear time."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_AlignmentClasses(md), "alignment-classes", 0)
        md.treeprocessors.register(_KramdownAttributes(md), "attr_list", 8)
        md.treeprocessors.register(_HeadingIds(md), "heading-ids", 6)
        md.treeprocessors.register(_KramdownToc(md), "kramdown-toc", 5.5)
        md.ESCAPED_CHARS.append("@")  # "ada\@example.org" is an address, as GitHub shows it
        md.ESCAPED_CHARS += ["<", ">", "$", ":", "=", "|"]  # as kramdown reads them: "\<b>"
        # is text, "\$50" a price (not a formula's start)
        md.ESCAPED_CHARS += [OPEN_ANGLE, OPEN_BRACKET, CLOSE_BRACKET, OPEN_PARENTHESIS]  # and
        # so is "\<y" whose "<" stands in for one that opens no tag (restored after)
        md.treeprocessors.register(OnePassInline(md), "inline", 20)
        md.inlinePatterns.register(_Entities(ENTITY_RE, md), "entity", 80)
        md.inlinePatterns.register(SubstituteTagInlineProcessor(_BREAK, "br"), "break", 184)
        md.inlinePatterns.register(SimpleTagInlineProcessor(_STRUCK, "del"), "struck", 65)
        md.treeprocessors.register(_TaskItems(md), "task-items", 1)
        emphasis = Emphasis.replacing(md.inlinePatterns["em_strong"])
        if emphasis is not None:
            md.inlinePatterns.register(emphasis, "em_strong", 60)
            md.delimiters = emphasis
        md.preprocessors.register(_DisplayFormulas(md), "display-formulas", 19.5)
        md.preprocessors.register(KramdownLists(md), "kramdown-lists", 19)  # after raw HTML
        md.preprocessors.register(_BlockEnds(md), "block-ends", 18)  # after the lists
        abbreviations = md.treeprocessors["abbr"].abbrs  # type: ignore[attr-defined]
        definitions = _AbbreviationDefinitions(md.parser, abbreviations)
        md.parser.blockprocessors.register(definitions, "abbr", 16)
        for extension in md.registeredExtensions:  # the footnotes of "extra"
            if isinstance(extension, FootnoteExtension):
                extension.unique_ref = functools.partial(_unique_ref, extension)  # type: ignore[method-assign]
                reset = functools.partial(_reset_footnotes, extension, extension.reset)
                extension.reset = reset  # type: ignore[method-assign]
                extension.footnote_order = _Order()
                references = md.inlinePatterns["footnote"]
                replaced = _FootnoteReferences(references.pattern, extension)
                md.inlinePatterns.register(replaced, "footnote", 175)
        fenced = md.preprocessors["fenced_code_block"]
        fenced.handle_attrs = functools.partial(_code_options, fenced.handle_attrs)  # type: ignore[attr-defined]
        fenced.FENCED_BLOCK_RE = _FENCED_BLOCK  # type: ignore[attr-defined]
        md.parser.blockprocessors.register(_DefinitionLists(md.parser), "deflist", 25)
        md.parser.blockprocessors.register(_Headings(md.parser), "hashheader", 70)
        tables = _Tables(md.parser, md.parser.blockprocessors["table"].config)  # type: ignore[attr-defined]
        md.parser.blockprocessors.register(tables, "table", 75)


# A fenced code block as kramdown (and CommonMark) reads it: closed by the same character,
# as many times or more ("```" by "````"); its info string's first word its language, the
# rest of it read as nothing ("```python title=x", '```">x'), as on GitHub.
_FENCED_BLOCK = re.compile(
    FencedBlockPreprocessor.FENCED_BLOCK_RE.pattern.replace(
        "(?P=fence)[ ]*$", "(?P=fence)(?:(?<=`)`*|(?<=~)~*)[ ]*$"
    ).replace("\n\\n ", f"\n{INFO_REST}\\n ", 1),  # the rest of the opening fence's line
    FencedBlockPreprocessor.FENCED_BLOCK_RE.flags,
)


def _converter() -> markdown.Markdown:
    """Return this thread's Markdown converter (Python-Markdown is not thread-safe)."""
    converter: markdown.Markdown | None = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown.Markdown(
            extensions=[
                "extra",
                "toc",
                "sane_lists",
                "codehilite",
                FormulaExtension(),
                TypographyExtension(),
                _SiteExtension(),
            ],
            extension_configs={
                # Pygments marks tokens with classes (static/code.css), no inline styles.
                "codehilite": {"css_class": "highlight", "guess_lang": False},
            },
            output_format="html",
        )
        _local.converter = converter
    return converter


def backslash_shown() -> frozenset[str]:
    """Return the ASCII marks before which the site shows a backslash (``\\?`` is "\\?", as in
    kramdown), where CommonMark (GitHub) shows the mark alone."""
    return frozenset(string.punctuation) - frozenset(_converter().ESCAPED_CHARS)


class RenderError(ValueError):
    """A text the renderer cannot turn into HTML: nested too deeply, or too slow."""


def markdown_to_html(text: str) -> str:
    """Convert Markdown (with raw HTML blocks passed through) to HTML; ``RenderError`` if it
    cannot be done within the time budget or the renderer's depth. A text rendered before
    (kept in the cache) counts the time it took against the running budget (``charge``)."""
    made_now = []

    def make() -> Rendered | RenderError:
        made_now.append(True)
        return _convert(text)

    rendered = cache.remembered("html", text, make, dump=_as_json, load=_from_json)
    if isinstance(rendered, RenderError):
        raise rendered
    charge(text, 0.0 if made_now else rendered.seconds)
    return rendered.html


class Rendered(NamedTuple):
    """A text as HTML, and the processor time it took to make."""

    html: str
    seconds: float


def _as_json(rendered: object) -> list[Any] | None:
    """Return what to keep on disk (a ``RenderError`` is made again, not kept)."""
    return list(rendered) if isinstance(rendered, Rendered) else None


def _from_json(kept: Any) -> Rendered | None:
    """Return the rendering kept on disk, if it has its shape (else it is made again)."""
    if not cache.is_row(kept, str, float) or not 0 <= kept[1] < math.inf:  # NaN fails too
        return None  # a time that is no time would stop (NaN) or lift (< 0) the budget
    return Rendered(*kept)


def unpointed_notes(html_text: str) -> list[str]:
    """Return the names of the footnotes that a rendered text lists but never points to."""
    if "footnote" not in html_text:
        return []
    pointed = set(_NOTE_POINTED.findall(html_text))
    return [name for name in _NOTE_LISTED.findall(html_text) if name not in pointed]


def without_ways_back_to_nothing(html_text: str) -> str:
    """Return a rendered text without the link back of each footnote it never points to
    (Python-Markdown lists such a note with a link to an anchor that is not there; the check
    warns of the note: ``unpointed_notes``)."""
    unpointed = set(unpointed_notes(html_text))
    if not unpointed:
        return html_text
    return _WAY_BACK.sub(lambda way: "" if way[1] in unpointed else way[0], html_text)


def _convert(text: str) -> Rendered | RenderError:
    """Convert one text, its unclosable ``<`` and ``[`` as stand-ins (see ``bounds``)."""
    own = False
    started = time.process_time()
    try:
        with time_budget() as own:
            converter = _converter()
            converter.reset()
            html_text = without_ways_back_to_nothing(restore(converter.convert(stand_ins(text))))
            html_text = _META.sub("&lt;", html_text)  # a refresh: no page sends readers on
    except (OvertimeError, RecursionError) as error:
        _local.converter = None  # it may be half-way through a text: start the next afresh
        if isinstance(error, OvertimeError) and not own:
            raise  # the budget of the work around it ran out, not this text's
        what = "took too long" if isinstance(error, OvertimeError) else "is nested too deeply"
        return RenderError(f"the text {what} to turn into a page — simplify it")
    except Exception as error:  # Python-Markdown and Pygments raise many kinds
        _local.converter = None
        return RenderError(
            f"the text cannot be turned into a page ({type(error).__name__}: {error}) — check "
            "the options of its code blocks ({ .python … }) and its raw HTML"
        )
    if _LOST.search(html_text):  # Python-Markdown's own placeholders, left in by a bug of its
        return RenderError(
            "the Markdown renderer lost part of the text (it happens with * or _ next to raw "
            "HTML) — simplify the emphasis or the HTML there"
        )
    if len(html_text) > most_made(len(text)):
        return RenderError(  # what it repeats: an abbreviation's title, at each use
            f"the text makes {len(html_text) / 1e3:,.0f} kB of a page, more than a page may be "
            f"({MAX_GROWTH} times its text, or {ROOM // 1000} kB, at most {MAX_BYTES // 1e6:g} "
            "MB) — shorten what it repeats (an abbreviation's title is written at each use)"
        )
    return Rendered(html_text, time.process_time() - started)


def rewrite_links(html_text: str, resolve: Callable[[str], str]) -> str:
    """Pass every address that a tag of ``html_text`` links to through ``resolve``, read as
    the browser reads the tags (and as the check does)."""
    parts, last = [], 0
    for tag in tags_of(html_text):
        for attribute in tag.attributes:
            value = attribute.value
            if value is not None and (spans := link_spans(attribute.name, value)):
                written = 0
                pieces = []  # the value, each address in it resolved
                for start, end in spans:
                    pieces += [value[written:start], resolve(value[start:end])]
                    written = end
                start, end = attribute.span
                resolved = _protect_mailto("".join([*pieces, value[written:]]))
                parts += [html_text[last:start], f'"{resolved}"']
                last = end
    return "".join([*parts, html_text[last:]])


def resolve_link(
    href: str, *, folder: str, prefix: str, sources: Mapping[str, str], page_url: str = ""
) -> str:
    """Return the address a site link in a page of ``folder`` points to, under ``prefix``.

    ``/events/`` is from the site root; ``other.md`` or ``files/a.pdf`` is from the page's
    own folder in content/; a link to a Markdown file becomes its page's URL (``sources``).
    External links and ``mailto:`` are left alone, and so are ``#anchors`` unless
    ``page_url`` is given (the feed, read away from the page, needs it before them).
    """
    if href.startswith("#") and page_url:
        return page_url + href
    if not href or href.startswith(("#", "//", "?")) or scheme_of(href):
        return href
    parts = urlsplit(href)
    path = unquote(parts.path)
    path = path if path.startswith("/") else posixpath.join("/" + folder, path)
    normal = posixpath.normpath(path)
    if path.endswith("/") and normal != "/":
        normal += "/"
    normal = unicodedata.normalize("NFC", sources.get(normal, normal))  # as files are written
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{prefix}{quote(normal, safe=_PATH_SAFE)}{query}{fragment}"


def protect_text(value: object) -> object:
    """Protect the addresses in any text a template prints (Jinja's ``finalize``)."""
    if isinstance(value, str) and not isinstance(value, Markup) and has_sign(value):
        return protect_address(value)
    return value


def protect_json_ld(json_text: Markup) -> Markup:
    """Protect the addresses in JSON-LD a template prints (``|tojson|protect_json_ld``)."""
    return Markup(protect_json(str(json_text)))


def _protect_mailto(href: str) -> str:
    href = _CONTROL.sub(lambda char: f"%{ord(char.group()):02X}", href)  # as browsers read it
    return str(protect_address(href)) if href.lower().startswith("mailto:") else html.escape(href)


def render_body(text: str, resolve: Callable[[str], str]) -> Markup:
    """Return a page body as trusted HTML, its site links resolved, its addresses protected."""
    return Markup(protect_all(rewrite_links(markdown_to_html(text), resolve)))
