"""TeX formulas to MathML at build time, so pages need no JavaScript to show math.

Written as in kramdown: ``$$…$$``, displayed when it is alone in its paragraph, inline
otherwise. ``\\(`` and ``\\[`` are escaped brackets, as kramdown and GitHub show them ("[BGP]");
the check warns where what they hold looks like TeX (``shown_as_text``).
"""

from __future__ import annotations

import functools
import html
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TypeVar

import latex2mathml.commands
import latex2mathml.converter
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

from ..errors import DIRECTION_CHARACTERS
from .limits import restore_text
from .markup import (
    COLOURS,
    FARTHEST,
    INVALID_CHARACTER,
    is_length,
    moved_far,
    moved_in_all,
    shrunk,
    tags_of,
)

FORMULA = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
MATHML = "http://www.w3.org/1998/Math/MathML"
T = TypeVar("T")
# The depth of Python's stack at which every formula is converted (see ``_at_depth``): below
# the deepest caller (a freeze's, about 50), far above the recursion limit (1,000).
_DEPTH = 150
TEX_COMMENT = re.compile(r"(?<!\\)(?:\\\\)*%")  # TeX's comment: a % not escaped ("\\%" is)
_ESCAPED = re.compile("\x02([0-9]+)\x03")  # a character escaped by a backslash, stashed
_PLACEHOLDER = re.compile(HTML_PLACEHOLDER % r"\d+")  # what Python-Markdown stashes HTML behind
# A command latex2mathml does not know, which it shows as written: alone, or in the text of
# \mathrm{…}, \mathbf{…} and the like (``<mi mathvariant="normal">\foo</mi>``).
_UNKNOWN = re.compile(r"<mi(?: [^<>]*)?>[^<]*?(\\[A-Za-z]*)[^<]*</mi>")
# A command whose name starts "\math" that latex2mathml does not know: it takes it for a
# font and draws what follows (\mathtip{x}{tip}: "xtip"), where MathJax would not.
_MATH_COMMAND = re.compile(r"\\math[A-Za-z]*")
_KNOWN_MATH = frozenset(
    {*latex2mathml.commands.LOCAL_FONTS, *latex2mathml.commands.GLOBAL_FONTS,
     *latex2mathml.commands.CONVERSION_MAP, *latex2mathml.commands.MATH_NON_FONT_COMMANDS}
)  # fmt: skip
# TeX that the page would not show as written: a definition (its text is never drawn), a
# box of no width or height (it draws over the words beside it), \mathcolor (a colour).
_UNSHOWN = re.compile(
    r"\\((?:re)?newcommand|providecommand|(?:re)?newenvironment|[egx]?def|let|futurelet"
    r"|DeclareMathOperator"
    r"|[rlc]lap|math[rlc]lap|smash|mathcolor)(?![A-Za-z])"
)
_UNSHOWN_WHY = {
    **dict.fromkeys(
        (
            "newcommand",
            "renewcommand",
            "newenvironment",
            "renewenvironment",
            "providecommand",
            "def",
            "edef",
            "gdef",
            "xdef",
            "let",
            "futurelet",
            "declaremathoperator",
        ),
        "defines a command, and the words it holds are not shown",
    ),
    **dict.fromkeys(
        ("rlap", "llap", "clap", "mathrlap", "mathllap", "mathclap", "smash"),
        "draws what it holds over the words beside it, where no one can read either",
    ),
    "mathcolor": "sets a colour, which can hide its words on the site's light or dark background",
}
_COMMAND = re.compile(r"\\[A-Za-z]+")  # a TeX command, as written
_UNICODE = re.compile(r"\\unicode\s*\{([^{}]{0,20})\}")  # \unicode{65}, \unicode{x41}
_DIRECTION = re.compile(f"[{''.join(sorted(DIRECTION_CHARACTERS))}]")  # marks, overrides
_BLANK = re.compile(r"\s*")  # nothing but white space, matched in place (no copy of the text)
_ELEMENTS = frozenset(
    [
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msub",
        "msup",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mtable",
        "mtr",
        "mtd",
        "mover",
        "munder",
        "munderover",
        "mstyle",
        "mpadded",
        "mphantom",
        "menclose",
        "merror",
        "semantics",
        "annotation",
        "mmultiscripts",
        "mprescripts",
        "none",
        "mfenced",
    ]
)


# What latex2mathml reads so that the words after it are lost: \not twice, and \uproot or
# \leftroot without a number.
_EATS_WORDS = re.compile(
    r"(\\not\s*\\not)\b|\\(?:uproot|leftroot)\b(?!\s*(?:\{\s*[-+]?\d+\s*\}|[-+]?\d))"
)


# MathJax's aligning environments that latex2mathml does not know (it leaves their & in the
# MathML as it is), as the ones it knows that draw them alike: aligned (and alignedat, whose
# {columns} it needs not) as align*, gathered as gather*, eqnarray as an array of rcl. What
# their begin takes is left out: where the block sits beside a line's words ([t], [b]), and
# a starred matrix's column side (pmatrix*[r]: the converter draws no brackets of one).
_PLACED = r"(?:\s*\[\s*[tbc]\s*\])"
_LIKE_ENVIRONMENT = re.compile(
    r"\\(begin|end)\s*\{(aligned|alignedat|gathered|eqnarray\*?|[pbBvV]?matrix\*)\}"
    rf"((?<=alignedat\}}){_PLACED}?\s*\{{\s*\d+\s*\}}{_PLACED}?|(?<=aligned\}}){_PLACED}"
    r"|(?<=gathered\})" + _PLACED + r"|(?<=matrix\*\})\s*\[[lcr]\])?"
)
_KNOWN_AS = {"aligned": "align*", "alignedat": "align*", "gathered": "gather*"}
# An alignedat without its number of column pairs, which MathJax refuses
_ALIGNEDAT_UNCOUNTED = re.compile(rf"\\begin\s*\{{alignedat\}}(?!{_PLACED}?\s*\{{\s*\d+\s*\}})")


def as_known(found: re.Match[str]) -> str:
    """Return an environment's begin or end as latex2mathml's like it (``_LIKE_ENVIRONMENT``);
    what follows an end is the formula's, as written."""
    after = (found[3] or "") if found[1] == "end" else ""
    if found[2].startswith("eqnarray"):
        return ("\\begin{array}{rcl}" if found[1] == "begin" else "\\end{array}") + after
    return f"\\{found[1]}{{{_KNOWN_AS.get(found[2], found[2].rstrip('*'))}}}{after}"


# A formula in a formula's text (\text{if $y$}, \text{a \(x\) b}): shown as written, or
# its dollars dropped (\hbox{cost $5}), where MathJax draws a formula there.
_TEXT_MATH = re.compile(r"\$|\\[(\[]")
_MATH_IN_TEXT = (
    "a {} inside \\text{{…}} is shown otherwise than MathJax shows it (MathJax reads $y$ "
    "there as a formula, \\$ as a dollar) — end the text before it: \\text{{if }}y\\text{{ "
    "then}}, \\text{{costs }}\\$5"
)
# A row's extra space (\\[4pt]) and a row end that keeps its page (\\*), which the converter
# shows as text ("[4pt]", "*"): rows end as at \\ (the space is left out).
_ROW_END = re.compile(
    r"\\\\(?:\*|\s*\[\s*-?(?:\d+\.?\d*|\.\d+)\s*(?:pt|em|ex|mm|cm|in|mu|px|bp|pc|dd|cc|sp)\s*\])"
)
# The environments of formulas: the converter's, and MathJax's (what they hold is a formula,
# drawn as one, if not as a table). Another, a text's ("\begin{theorem}Every x"), the converter
# leaves out, and its words run together as letters of the formula ("Everyx").
_ENVIRONMENTS = frozenset(
    {name.lstrip("\\") for name in latex2mathml.commands.MATRICES}
    | {"aligned", "alignedat", "gathered", "gather", "gather*", "eqnarray", "eqnarray*"}
    | {"equation", "equation*", "multline", "multline*", "alignat", "alignat*", "flalign"}
    | {"flalign*", "subarray", "dcases", "rcases", "darray"}
)
_BEGIN = re.compile(r"\\begin\s*\{([^{}]*)\}")
_BRACE = re.compile(r"\\.|[{}]", re.DOTALL)  # an escaped character (\{ is shown), or a brace
# An array's columns (\begin{array}{r@{.}l}), which the site draws with l, c, r and | only.
_ARRAY_COLUMNS = re.compile(r"\\begin\s*\{array\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


# MathML 3's named spaces, which latex2mathml writes for \!, \thickspace and the like and
# MathML Core (Chromium) does not know (it draws no space): as their lengths, in 18ths of an em.
_NAMED_SPACE = re.compile(r'(width=")(negative)?(veryvery|very)?(thin|medium|thick)mathspace"')
_EIGHTEENTHS = {"veryverythin": 1, "verythin": 2, "thin": 3, "medium": 4, "thick": 5,
                "verythick": 6, "veryverythick": 7}  # fmt: skip


def as_length(found: re.Match[str]) -> str:
    """Return a named space's width (``_NAMED_SPACE``) as its length in em."""
    eighteenths = _EIGHTEENTHS[(found[3] or "") + found[4]] * (-1 if found[2] else 1)
    return f'{found[1]}{eighteenths / 18:.4f}em"'


class FormulaError(ValueError):
    """A formula latex2mathml cannot turn into MathML."""


@functools.lru_cache(maxsize=4096)  # a page writes the same formula many times ($x$)
def to_mathml(tex: str, *, display: bool) -> str:
    """Return the MathML of a TeX formula; ``FormulaError`` says what is wrong with it."""
    shown = "block" if display else "inline"
    if re.search(r"\\rule(?![A-Za-z])", tex):  # (the converter draws it with a background)
        raise FormulaError(
            "\\rule draws a black bar, which the site's dark background hides — leave it out, "
            "or draw a line with \\overline{…} or \\underline{…}"
        )
    if _ALIGNEDAT_UNCOUNTED.search(tex):
        raise FormulaError(
            "alignedat takes its number of column pairs, which MathJax needs: "
            "\\begin{alignedat}{2} (or write aligned)"
        )
    if unbalanced := unbalanced_brace(tex):
        raise FormulaError(unbalanced)
    tex = _LIKE_ENVIRONMENT.sub(as_known, _UNICODE.sub(unicode_as_hex, tex))
    tex = _ROW_END.sub(lambda found: "\\\\", tex)
    if math := re.search(r"(?<!\\)\$", tex):  # \hbox{cost $5}: in a text, as MathJax reads it
        raise FormulaError(_MATH_IN_TEXT.format(math[0]))
    if unknown := next((b for b in _BEGIN.finditer(tex) if b[1] not in _ENVIRONMENTS), None):
        raise FormulaError(
            f"unknown environment {unknown[1]!r}: the formula would show its words run together "
            "as letters of the formula — write them as text, outside it (MathJax draws align*, "
            "aligned, gathered, array, cases, matrix and the like)"
        )
    for columns in _ARRAY_COLUMNS.finditer(tex):
        if not re.fullmatch(r"[lcr|\s]*", columns[1]):
            raise FormulaError(
                f"the array's columns {{{columns[1]}}} are more than l, c, r and | (@{{…}}, "
                "p{…}, *{n}{…}), which the site would show as text — write each column as l, "
                "c or r"
            )
    try:
        mathml = _at_depth(lambda: latex2mathml.converter.convert(tex.strip(), display=shown))
        mathml = _NAMED_SPACE.sub(as_length, mathml)
    except RecursionError:
        message = "the formula nests too deeply to be read — write it as smaller formulas"
        raise FormulaError(message) from None
    except Exception as error:  # latex2mathml raises many kinds for malformed TeX
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if type(error).__module__ == "builtins":  # IndexError: its own slip, no word of TeX
            detail = "a command without all it takes, or one the converter cannot read"
        message = f"cannot read the formula ({detail}) — check its braces and commands"
        raise FormulaError(message) from None
    if eaten := _EATS_WORDS.search(tex):
        raise FormulaError(
            f"{eaten[0].strip()} takes what follows it and shows none of it — "
            + ("write \\not once" if eaten[1] else "give it a number: \\uproot{2}")
        )
    if unshown := _UNSHOWN.search(tex):
        raise FormulaError(
            f"{unshown[0]} {_UNSHOWN_WHY[unshown[1].lower()]} — write the formula out, without it"
        )
    if taken := next((c for c in _MATH_COMMAND.findall(tex) if c not in _KNOWN_MATH), None):
        raise FormulaError(f"unknown command {taken} — check its spelling")
    unknown = _UNKNOWN.search(mathml)
    if unknown:
        command = unknown.group(1) if len(unknown.group(1)) > 1 else "a lone backslash"
        raise FormulaError(f"unknown command {command} — check its spelling")
    check_mathml(mathml)
    return mathml


def unbalanced_brace(tex: str) -> str:
    """Return what is wrong with the braces of ``tex`` (a group never closed, a "}" that
    closes none), or "": the converter closes them where it likes (``\\frac{1}{2`` is ½)."""
    depth = 0
    for found in _BRACE.finditer(tex):
        if found[0] == "}" and depth == 0:
            return "a '}' closes no '{' — leave it out, or write \\} for a brace to show"
        depth += {"{": 1, "}": -1}.get(found[0], 0)
    if depth:
        return "a '{' is never closed — close it with '}', or write \\{ for a brace to show"
    return ""


def unicode_as_hex(found: re.Match[str]) -> str:
    """Return a ``\\unicode{…}`` as latex2mathml reads it (hex, after an "x") for the
    character MathJax draws: ``\\unicode{65}`` is "A" (decimal), ``\\unicode{x41}`` too;
    ``FormulaError`` for one that names no character."""
    written = found[1].strip()
    digits = re.fullmatch(r"(?:[xX]([0-9A-Fa-f]{1,6})|([0-9]{1,7}))", written)
    code = (int(digits[1], 16) if digits[1] else int(digits[2])) if digits else -1
    if not 0 < code <= 0x10FFFF or INVALID_CHARACTER.match(chr(code)):
        raise FormulaError(
            f"\\unicode{{{written}}} names no character a page can show — write its number "
            "as MathJax reads it: \\unicode{65} or \\unicode{x41} for an A"
        )
    return f"\\unicode{{x{code:X}}}"


def _at_depth(work: Callable[[], T]) -> T:
    """Return ``work()`` run at ``_DEPTH`` frames down Python's stack, wherever it is called
    from (less deep). latex2mathml recurses once or more for each level a formula nests, and
    a freeze converts a formula further down the stack than the check does: at one depth,
    the formula nested just too deeply is refused by both, not passed by one."""
    frame: FrameType | None = sys._getframe()
    below = 0
    while frame is not None:
        frame, below = frame.f_back, below + 1
    return _deeper(_DEPTH - below, work)


def _deeper(levels: int, work: Callable[[], T]) -> T:
    return work() if levels <= 0 else _deeper(levels - 1, work)


def check_mathml(mathml: str) -> None:
    """Refuse MathML that is not well-formed or carries anything but MathML (HTML, styles),
    that draws its words too small to read, or holds a direction's control (\\unicode)."""
    for _, tag in shrunk(mathml, tags_of(mathml)):
        raise FormulaError(
            f"the formula draws its words too small to read ({tag} in what is already "
            "smaller: scripts of scripts, fractions in fractions, \\tiny…) — nest less deeply"
        )
    for _, tag in moved_in_all(mathml, tags_of(mathml)):
        raise FormulaError(
            f"the formula draws what it shows far from its place, its moves added up ({tag} "
            f"in \\raise in \\raise, after \\kern and \\kern…), which can take it off the "
            f"page or over other words — keep within {FARTHEST:g}em in all"
        )
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError:
        raise FormulaError(
            "the formula's text has < or & — write \\lt, \\gt or \\& in it instead (& aligns "
            "only in align*, aligned, split, array, matrix or cases)"
        ) from None
    for element in root.iter():
        if element.tag.removeprefix(f"{{{MATHML}}}") not in _ELEMENTS:
            raise FormulaError("the formula holds HTML — write only TeX in it")
        if any(name == "style" or name.startswith("on") for name in element.attrib):
            raise FormulaError("the formula sets styles (\\style), which the site blocks")
        width = element.attrib.get("width", "0")
        if element.tag.endswith("mspace") and not is_length(width):
            raise FormulaError(
                f"a space of the width '{width[:20]}' (\\kern, \\hspace, \\hskip…) takes "
                "what follows it for its width, and shows none of it — give it a length: "
                "\\kern 2em"
            )
        if far := moved_far(element.tag.removeprefix(f"{{{MATHML}}}"), element.attrib):
            raise FormulaError(
                f"the formula moves or spaces what it shows by {far} (\\raise, \\kern, "
                f"\\hspace…), which can take it off the page or over other words — keep "
                f"within {FARTHEST:g}em"
            )
        if any(colour in element.attrib for colour in COLOURS):
            raise FormulaError(
                "the formula sets colours (\\color, \\colorbox…), which can hide its words "
                "on the site's light or dark background — remove them"
            )
        if direction := _DIRECTION.search(element.text or ""):
            raise FormulaError(
                f"the formula holds U+{ord(direction[0]):04X}, which sets the direction of the "
                "text after it (an override shows it reversed) — remove it"
            )
        if element.tag == f"{{{MATHML}}}mtext" and (math := _TEXT_MATH.search(element.text or "")):
            raise FormulaError(_MATH_IN_TEXT.format(math[0]))
        if element.tag == f"{{{MATHML}}}mtext" and (command := _COMMAND.search(element.text or "")):
            raise FormulaError(
                f"{command[0]} inside \\text{{…}} is not read, and its words are lost or shown "
                f"as written — end the text before it: \\text{{a }}{command[0]}{{b}}\\text{{ c}}"
            )
        if element.tag == f"{{{MATHML}}}mtext" and re.search("[{}]", element.text or ""):
            raise FormulaError(  # the converter ends the text at its first "}"
                "a brace inside \\text{…} ends its text early, and the rest shows as letters of "
                "the formula — leave it out, or end the text before it: \\text{a }\\{b\\}"
                "\\text{ c}"
            )


def formulas(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (offset, TeX, display?) for each formula of a Markdown text (as written)."""
    for match in FORMULA.finditer(text):
        yield match.start(), match[1], False


class _FormulaPattern(InlineProcessor):
    """Replace a formula with its MathML; keep the TeX visible when it cannot be converted."""

    reads_ahead = True  # reads only its match and the text around it: one pass (inline.py)

    def __init__(self, pattern: str, md: Markdown, state: _State) -> None:
        super().__init__(pattern, md)
        self.state = state

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown's name)
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element | str, int, int]:
        tex = self.as_written(m[1])
        alone = bool(_BLANK.fullmatch(data, 0, m.start()) and _BLANK.fullmatch(data, m.end()))
        try:
            mathml = display_box(to_mathml(tex, display=alone))
            inline = to_mathml(tex, display=False) if alone else ""
        except FormulaError:
            element = ET.Element("code", {"class": "formula-error"})
            element.text = AtomicString(self.as_written(m.group(0)))  # shown as written
            return element, m.start(0), m.end(0)
        placeholder = self.md.htmlStash.store(mathml)
        self.state.sources[placeholder] = self.as_written(m.group(0))
        if alone:  # displayed only if "alone" means alone in a paragraph, not in a heading
            self.state.inline[placeholder] = (self.md.htmlStash.html_counter - 1, inline)
        return placeholder, m.start(0), m.end(0)

    def as_written(self, text: str) -> str:
        """Return a formula's text as written: what other patterns and escapes put in its
        place (code spans, ``\\[``) undone, and the stand-ins too."""
        text = _ESCAPED.sub(lambda escaped: chr(int(escaped.group(1))), self.unescape(text))
        return restore_text(text)


class _State:
    """What the formula pattern tells the tree processor about one document."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}  # placeholder -> the formula as written
        self.inline: dict[str, tuple[int, str]] = {}  # placeholder -> (stash index, inline MathML)


def display_box(mathml: str) -> str:
    """Put displayed MathML in a box that scrolls sideways, and that keyboards can reach."""
    return (
        f'<span class="formula" tabindex="0">{mathml}</span>'
        if 'display="block"' in mathml
        else mathml
    )


class _FormulaPlaces(Treeprocessor):
    """Fix formulas by where they landed: TeX in attributes, inline outside paragraphs."""

    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: ET.Element) -> None:
        def source(placeholder: re.Match[str]) -> str:
            return html.unescape(self.state.sources.get(placeholder.group(0), ""))

        for element in root.iter():
            for name, value in element.attrib.items():
                if value and HTML_PLACEHOLDER[0] in value:
                    element.set(name, _PLACEHOLDER.sub(source, value))
            alone = (element.text or "").strip()
            if element.tag != "p" and alone in self.state.inline:
                index, inline = self.state.inline[alone]
                self.md.htmlStash.rawHtmlBlocks[index] = inline
        self.state.sources.clear()
        self.state.inline.clear()


class FormulaExtension(Extension):
    """Python-Markdown extension: formulas become MathML, before escapes are handled."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        state = _State()
        md.inlinePatterns.register(_FormulaPattern(FORMULA.pattern, md, state), "formula", 185)
        md.treeprocessors.register(_FormulaPlaces(md, state), "formula-places", 1)
