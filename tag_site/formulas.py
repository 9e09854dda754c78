"""TeX formulas to MathML at build time, so pages need no JavaScript to show math.

Written as in kramdown: ``$$…$$`` (display when it is alone in its paragraph, inline
otherwise), or ``\\(…\\)`` inline and ``\\[…\\]`` display.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import latex2mathml.converter
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

FORMULA = re.compile(r"\$\$(.+?)\$\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)
_UNKNOWN = re.compile(r"<mi>(\\[A-Za-z]+)</mi>")


class FormulaError(ValueError):
    """A formula latex2mathml cannot turn into MathML."""


def to_mathml(tex: str, *, display: bool) -> str:
    """Return the MathML of a TeX formula; ``FormulaError`` says what is wrong with it."""
    try:
        mathml = latex2mathml.converter.convert(
            tex.strip(), display="block" if display else "inline"
        )
    except Exception as error:  # latex2mathml raises many kinds for malformed TeX
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        message = f"cannot read the formula ({detail}) — check its braces and commands"
        raise FormulaError(message) from None
    unknown = _UNKNOWN.search(mathml)
    if unknown:
        raise FormulaError(f"unknown command {unknown.group(1)} — check its spelling")
    return mathml


def formulas(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (offset, TeX, display?) for each formula of a Markdown text (as written)."""
    for match in FORMULA.finditer(text):
        tex = next(group for group in match.groups() if group is not None)
        yield match.start(), tex, match.group(3) is not None


class _FormulaPattern(InlineProcessor):
    """Replace a formula with its MathML; keep the TeX visible when it cannot be converted."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown's name)
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element | str, int, int]:
        tex = next(group for group in m.groups() if group is not None)
        alone = data.strip() == m.group(0)
        display = m.group(3) is not None or (m.group(1) is not None and alone)
        try:
            mathml = to_mathml(tex, display=display)
        except FormulaError:
            element = ET.Element("code", {"class": "formula-error"})
            element.text = m.group(0)
            return element, m.start(0), m.end(0)
        return self.md.htmlStash.store(mathml), m.start(0), m.end(0)


class FormulaExtension(Extension):
    """Python-Markdown extension: formulas become MathML, before escapes are handled."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.inlinePatterns.register(_FormulaPattern(FORMULA.pattern, md), "formula", 185)
