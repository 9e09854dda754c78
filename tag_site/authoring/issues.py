"""An issue body as GitHub shows a filled-in issue form: each field's value, at its line.

    read_issue(text, fields, source) -> Issue: {id: value}, and the line of each value
    Issue.error(id, message)         -> ProposalError "issue.md:14: the field 'Place' …"
    yaml_text(value)                 -> the value as the files write it: one quoted line

GitHub renders a filled-in form as ``### Label`` blocks, ``_No response_`` for an empty
field. Labels are read in the form's order, so a ``###`` heading inside the long text at the
end is text. The editor who approves an issue sees it as GitHub renders it, so nothing is read
that GitHub does not show as it is written; each is an error at its line, naming the field:

- anywhere: an HTML comment, processing instruction, declaration or CDATA section (GitHub
  hides them, and all they enclose), a control, direction or tag character (an entity of
  one too), a link definition before the first field;
- in the long text (outside its code, as GitHub reads it: ``github.py``): an HTML element
  GitHub leaves out, a variation selector other than an emoji's, an invisible character
  other than an emoji's joiner, a code block GitHub draws (```mermaid) and a ``%`` between
  dollars (a formula's comment, for GitHub), a link name defined twice (GitHub takes the
  first, the site the last), a link definition or footnote no link uses; and, as a net for
  what is left, a text whose words or links the site would show otherwise than GitHub does;
- in a one-line field: a second line, an invisible character, HTML, an entity, a link or
  image, a link definition, a reference to one of the text's, a code fence (its words are
  its info, never shown), or a heading like a field's (the field given twice).
"""

from __future__ import annotations

import html
import itertools
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import TagSiteError
from ..markdown.addresses import is_invisible
from ..markdown.formulas import TEX_COMMENT
from ..markdown.markup import CARRIERS, FLAGS, tags
from ..markdown.source_map import LINE_LEAD, heading_words, masked, table_rows_too_wide
from ..web.forms import Field
from .github import (
    GITHUB_ATTRIBUTES,
    GITHUB_ELEMENT_ATTRIBUTES,
    GITHUB_ELEMENTS,
    TEX_COMMAND,
    TEX_COMMANDS,
    Reading,
    drawn_in,
    footnote_references,
    html_pieces,
    link_name,
    read_markdown,
    shown_otherwise,
)

NO_RESPONSE = "_No response_"
# What HTML a proposal's text may hold: inline markup that shows what it holds as it is.
PROPOSAL_ELEMENTS = frozenset(
    {"a", "b", "br", "code", "del", "em", "i", "ins", "kbd", "s", "strong", "sub", "sup"}
)
_ELEMENT = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>])")  # a start or end tag
_GITHUB_MATH = re.compile(  # what GitHub renders as math and the site reads as code
    r"\$`([^`\n]*)`\$|^[ \t]*(?:```+|~~~+)[ \t]*math[ \t]*\n(.*?)^[ \t]*(?:```+|~~~+)",
    re.MULTILINE | re.DOTALL,
)
_PARAGRAPH_END = re.compile(r"\n[ \t]*(?=\n)")  # where a blank line follows
_TILDE = re.compile("~")
TEXT = "body"  # the id of the form's long text (a textarea): Markdown, the page's body
# A link definition (or footnote) as either renderer may take it: at a line's start, in a
# quote or list item too (GitHub's are the document's, wherever they stand), and within a
# paragraph (Python-Markdown's are).
_DEFINITION = re.compile(rf"^{LINE_LEAD}\[((?:[^\[\]\\]|\\.){{0,999}})\]:", re.M)
_MATH_MARKS = ("$", "\\(", "\\[")  # without one, no text is a formula, on GitHub or the site
_QUOTED_LINE = re.compile(r"\n[ \t>]*")  # a line of a name that a quote's '>' starts
_BRACKETED = re.compile(r"\[((?:[^\[\]\\]|\\.){0,999})\]")  # a link's text or name
# What GitHub renders as something other than the characters written, in a one-line field
# that the site shows as plain text: a tag (hidden, or shown as what it makes), an entity
# (shown as its character), a link or an image (shown as its text, or as nothing), a link
# definition (not shown at all).
_MARKUP = re.compile(
    r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);|\][(\[]|"
    + _DEFINITION.pattern
)
_FENCE_START = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")  # a line GitHub reads as a code fence's
# What GitHub hides with all it encloses, up to its end even past blank lines (CommonMark's
# HTML blocks 2 to 5): a comment, a processing instruction, a CDATA section, a declaration.
_HIDING = re.compile(r"<(?:!--|\?|!\[CDATA\[|![A-Za-z])")
# Characters that make text read in another order than it is written ("Trojan source").
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The code blocks GitHub draws, not shows as code: what the editor sees of each.
GITHUB_DRAWN = {"math": "a formula", "mermaid": "a diagram", "geojson": "a map",
                "topojson": "a map", "stl": "a 3D model"}  # fmt: skip
# An address GitHub links by itself: it runs to a space or "<", brackets and backticks and all.
_BARE_ADDRESS = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
_LINKED = re.compile(r"[^\s<]*")
_UNUSUAL = re.compile(r"[^\t\x20-\x7e]")  # where to look closer: not printable ASCII
_ENTITY = re.compile(r"&#[0-9]+;|&#[xX][0-9A-Fa-f]+;|&[A-Za-z][A-Za-z0-9]{1,31};")  # any char
_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")  # before a value; its first indentation stays
_SHOWN = 60  # characters of a value that a message quotes
GITHUB_LONGEST = 65_536  # the most characters GitHub takes in an issue's body
_UNSEEN = "which GitHub does not show to the editor who approves the issue"


class ProposalError(TagSiteError):
    """An issue that cannot become a file; it names the form's field, at its line."""


@dataclass(frozen=True)
class Issue:
    """The values an issue gives the fields of its form, and the line of each."""

    source: Path  # the file of the issue's body, as messages name it
    fields: tuple[Field, ...]
    values: Mapping[str, str]  # field id -> value ("" for none)
    lines: Mapping[str, int]  # field id -> the line of its value (or of its heading)

    def label(self, key: str) -> str:
        """Return the label the form shows for the field ``key`` (else ``key``)."""
        return next((field.label for field in self.fields if field.id == key), key)

    def error(self, key: str, message: str, line: int = 0) -> ProposalError:
        """Return the error of the field ``key`` at its line (or ``line``): "the field
        'Place'" and then ``message``, which starts with the space or colon that follows."""
        where = line or self.lines.get(key, 1)
        return ProposalError(f"{self.source}:{where}: the field '{self.label(key)}'{message}")


def read_issue(text: str, fields: Sequence[Field], source: Path) -> Issue:
    """Return the value of each field in an issue body that GitHub rendered from the form;
    ``ProposalError`` at its line for what GitHub would not show as written, an empty
    required field or a choice the form does not offer."""
    if len(text) > GITHUB_LONGEST:  # said before any work that grows with the text
        raise ProposalError(
            f"{source}:1: the issue holds {len(text):,} characters, and GitHub takes "
            f"{GITHUB_LONGEST:,} at most — shorten the text, or write the file in a pull request"
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks, headings = split_fields(lines, fields)
    values: dict[str, str] = {}
    found: dict[str, int] = {}
    second_lines: list[tuple[str, int, str]] = []  # (field id, line, text) of a second line
    for key, block in blocks.items():
        refuse_hidden(block, key, fields, source)
        if not key:
            continue  # what stands before the first field is not written
        written = [(number, line) for number, line in block if line.strip()]
        found[key] = written[0][0] if written else headings.get(key, 1)
        if key != TEXT and len(written) > 1:
            second_lines.append((key, *written[1]))
        value = "\n".join(line for _, line in block).rstrip()
        value = _BLANK_LINES.sub("", value) if key == TEXT else value.strip()
        values[key] = "" if value.strip() == NO_RESPONSE else value
    issue = Issue(source, tuple(fields), values, found)
    if second_lines:
        key, number, line = second_lines[0]
        raise issue.error(
            key,
            f" holds more than one line ({quoted(line.strip())}), which GitHub shows as "
            "Markdown (a heading, a list) — write the value on one line",
            number,
        )
    reading = read_markdown(values.get(TEXT, ""))
    refuse_dropped_html(issue, reading)
    refuse_shown_apart(issue)
    refuse_hidden_links(issue, reading)
    refuse_shown_otherwise(issue, reading)
    refuse_drawn(issue, reading)
    refuse_drawn_in_fields(issue)
    for field in fields:
        value = values.get(field.id, "")
        if field.required and field.id not in headings:
            raise issue.error(
                field.id,
                f" is missing — the issue has no line '### {field.label}': add it, "
                "and the value under it",
            )
        if field.required and not value:
            raise issue.error(field.id, " is empty — it is needed")
        if field.options and value and value not in field.options:
            choices = ", ".join(field.options)
            raise issue.error(field.id, f" says {quoted(value)} — choose {choices}")
    return issue


Block = list[tuple[int, str]]  # (line number, line) of a field's value, or of the preamble


def split_fields(
    lines: list[str], fields: Sequence[Field]
) -> tuple[dict[str, Block], dict[str, int]]:
    """Return the lines under each field's heading (``""``: those before the first), and the
    line of each heading; labels are found in the form's order."""
    blocks: dict[str, Block] = {"": []}
    headings: dict[str, int] = {}
    ahead = list(fields)
    current = blocks[""]
    for number, line in enumerate(lines, 1):
        heading = line[4:].strip() if line.startswith("### ") else None
        index = next((i for i, field in enumerate(ahead) if field.label == heading), None)
        if index is None:
            current.append((number, line))
            continue
        key = ahead[index].id
        current = blocks.setdefault(key, [])
        headings[key] = number
        del ahead[: index + 1]
    return blocks, headings


def refuse_hidden(block: Block, key: str, fields: Sequence[Field], source: Path) -> None:
    """Raise ``ProposalError`` at the first line of ``block`` that GitHub shows otherwise
    than it is written (the preamble, ``key`` "", is not written, but may hide a comment)."""
    labels = {field.label for field in fields}
    named = next((f"the field '{f.label}'" for f in fields if f.id == key), "the issue")
    one_line = key not in ("", TEXT)
    for number, line in block:
        hidden = hidden_in(line, one_line=one_line, labels=labels)
        if not key and _DEFINITION.match(line):  # GitHub would use it for the fields' links
            hidden = f"{quoted(line.strip(), 24)}, a link definition {_UNSEEN}"
        if hidden:
            raise ProposalError(f"{source}:{number}: {named} holds {hidden}")
        if not key and line.strip():  # GitHub shows it, and it may hide the fields below
            raise ProposalError(
                f"{source}:{number}: the issue holds {quoted(line.strip(), 24)} before its "
                f"first field, which no form writes (and an HTML block there hides the fields "
                f"from the editor) — the issue starts with '### {fields[0].label}': delete it"
            )


def refuse_drawn(issue: Issue, reading: Reading) -> None:
    """Raise ``ProposalError`` at what GitHub draws or links and the site shows as text, so
    that the editor cannot read it: a code block GitHub draws (a diagram, a map, a formula),
    a ``%`` between dollars (GitHub reads a formula there, in which ``%`` hides the rest), an
    address followed by a ``[`` or a backtick before a space (GitHub takes them into its
    link: what the site reads as a link, a note or code, GitHub does not show)."""
    first = issue.lines.get(TEXT, 1)
    text = issue.values.get(TEXT, "")
    for offset, cells, width in itertools.islice(table_rows_too_wide(masked(text)), 1):
        raise issue.error(
            TEXT,
            f" holds a row of a table with {cells} cells under a header of {width}: GitHub shows "
            f"none past the header's, the site neither, yet they are written — add a column "
            "to the header, or join the cells",
            first + text.count("\n", 0, offset),
        )
    for token in reading.tokens:
        language = token.info.strip().split(" ")[0].lower() if token.type == "fence" else ""
        if language in GITHUB_DRAWN and token.map:
            raise issue.error(
                TEXT,
                f" holds a ```{language} block, which GitHub draws as {GITHUB_DRAWN[language]} "
                "where the site shows its text — say in words what it shows",
                first + token.map[0],
            )
    for key, value in issue.values.items():
        for bare in _BARE_ADDRESS.finditer(masked(value)):  # outside code, as the site reads
            linked = found[0] if (found := _LINKED.match(value, bare.start())) else ""
            if (mark := next((c for c in "[`" if c in linked), None)) is not None:
                raise issue.error(
                    key,
                    f" holds the address {quoted(linked)}, whose {mark} GitHub takes into the "
                    "link (up to a space), and with it what the site reads as a link, a note or "
                    "code — put a space after the address",
                    issue.lines.get(key, 1) + value.count("\n", 0, bare.start()),
                )
        for number, line in enumerate(value.split("\n")):
            between = line.split("$")[1:-1]  # what stands between two dollars, in one pass
            code = key == TEXT and number in reading.code_lines
            if not code and any(TEX_COMMENT.search(part) for part in between):
                raise issue.error(
                    key,
                    " holds a % between dollars ($…%…$): GitHub reads a formula there, in which "
                    "% hides the rest of the line from the editor — write 'percent' (or \\%)",
                    issue.lines.get(key, 1) + number,
                )


def refuse_drawn_in_fields(issue: Issue) -> None:
    """Raise ``ProposalError`` at a one-line field that GitHub draws otherwise than it is
    written (``drawn_in``: in bold, as code, as a formula…), where the site shows it as
    written: the editor would approve what readers never see."""
    for key, value in issue.values.items():
        if key != TEXT and (drawn := drawn_in(value)):
            raise issue.error(
                key,
                f" holds {quoted(value.strip(), 24)}, which GitHub shows {drawn}, and the site as "
                "it is written — write it as plain text (without **, `, ~~, $…$, :name:, a "
                "backslash, or a mark at its start: #, -, 1., >)",
            )


def refuse_dropped_html(issue: Issue, reading: Reading) -> None:
    """Raise ``ProposalError`` at the first HTML element of the long text (what GitHub reads
    as HTML) that GitHub drops from the issue as it shows it, or that a proposal may not hold
    (``PROPOSAL_ELEMENTS``: what else GitHub keeps can hide or shrink what it holds, as
    ``<rp>`` or ``<sub>`` in ``<sub>`` do)."""
    depth = 0  # <sub> and <sup> within each other shrink what they hold
    unclosed: dict[str, list[int]] = {}  # the lines each element is opened at, not closed
    for line, piece in html_pieces(reading):
        for found in _ELEMENT.finditer(piece):
            name = found[2].lower()
            where = issue.lines.get(TEXT, 1) + line + piece.count("\n", 0, found.start())
            if name in ("sub", "sup"):
                depth += -1 if found[1] else 1
                if depth > 1:
                    raise issue.error(
                        TEXT,
                        f" holds <{found[2]}> inside <sub> or <sup>, which shrinks what it holds "
                        "out of the editor's sight — write it once",
                        where,
                    )
            if name in PROPOSAL_ELEMENTS and name != "br":
                lines = unclosed.setdefault(name, [])
                if not found[1]:
                    lines.append(where)
                elif lines:
                    lines.pop()
        for tag in tags(piece):
            where = issue.lines.get(TEXT, 1) + line + piece.count("\n", 0, tag.start)
            if tag.name not in GITHUB_ELEMENTS:
                raise issue.error(
                    TEXT,
                    f" holds <{tag.name}>, which GitHub leaves out of the issue the editor "
                    "approves — write the text in Markdown, or ask an editor to add it to the page",
                    where,
                )
            kept = GITHUB_ATTRIBUTES | GITHUB_ELEMENT_ATTRIBUTES.get(tag.name, set())
            dropped = next((a.name for a in tag.attributes if a.name not in kept), None)
            if dropped:
                raise issue.error(
                    TEXT,
                    f" holds <{tag.name} {dropped}=…>, whose '{dropped}' GitHub leaves out of the "
                    "issue the editor approves (the page would hide, style or load something "
                    "by it) — remove it",
                    where,
                )
            extra = next((a.name for a in tag.attributes if a.name != "href"), "")
            if tag.name not in PROPOSAL_ELEMENTS or extra or (tag.attributes and tag.name != "a"):
                allowed = tag.name in PROPOSAL_ELEMENTS
                shown = f"<{tag.name} {extra}=…>" if allowed else f"<{tag.name}>"
                raise issue.error(
                    TEXT,
                    f" holds {shown}, which a proposal may not hold (only "
                    f"{', '.join(f'<{name}>' for name in sorted(PROPOSAL_ELEMENTS))}, without "
                    "attributes but a link's href: the rest can hide or shrink what the editor "
                    "should see) — write the text in Markdown",
                    where,
                )

    if left := next(((name, lines[0]) for name, lines in unclosed.items() if lines), None):
        raise issue.error(  # HTML carries an open link or strike on past the text
            TEXT,
            f" holds a <{left[0]}> that is never closed: on the page it would go on past the "
            f"text, into what the site shows around it — close it: </{left[0]}>",
            left[1],
        )


def refuse_shown_apart(issue: Issue) -> None:
    """Raise ``ProposalError`` at a field whose text GitHub shows otherwise than the site: a
    strike through with ``~`` or ``~~`` (the site shows the tildes), or a TeX command that
    links, colours or hides (GitHub renders ``$…$``, ``$`…`$`` and math blocks as formulas,
    the site only some of them: wherever it is written, it is refused)."""
    for key, value in issue.values.items():
        text = masked(value, comments=False)  # code shows as it is; GitHub's math code not
        math = [m[1] if m[1] is not None else m[2] for m in _GITHUB_MATH.finditer(value)]
        found = struck_at(text)
        decoded = html.unescape(text)  # "&#36;" is a dollar for GitHub's math too
        pieces = [text, *math] if any(mark in decoded for mark in _MATH_MARKS) else math
        command = next(
            (c for piece in pieces for c in TEX_COMMAND.finditer(piece)
             if c[1] not in TEX_COMMANDS),
            None,
        )  # fmt: skip
        if found is None and not command:
            continue
        at = found if found is not None else value.find(command.group()) if command else 0
        line = issue.lines.get(key, 1) + value.count("\n", 0, at) if key == TEXT else 0
        if found is not None:
            message = (
                " strikes text through with ~…~, which GitHub reads otherwise than the site "
                "(one tilde, or across a paragraph's '~~') — write <del>…</del>"
            )
        else:
            message = (
                f" has the TeX command {command.group() if command else ''}, which a proposal "
                "may not hold: it can link, colour, move, shrink or hide what GitHub shows "
                "otherwise, or not at all — write the formula with the common commands only "
                "(\\frac, \\sqrt, \\sum, Greek letters, \\mathbb …), or without it; if it "
                "is no TeX (a path like C:\\Users), write it as code: `C:\\Users`"
            )
        raise issue.error(key, message, line)


def struck_at(text: str) -> int | None:
    """Return where GitHub's first strike through (``~a~``, ``~~a~~``, within a paragraph,
    across its lines too) starts in ``text``, or None: a run of one or two tildes before a
    character that is neither space nor tilde, closed by as many after such a character in
    the same paragraph. One pass a paragraph: the earliest opening before its last closing."""
    start = 0
    for end in [found.start() for found in _PARAGRAPH_END.finditer(text)] + [len(text)]:
        tildes = [found.start() for found in _TILDE.finditer(text, start, end)]
        openings = []
        for size in (1, 2):
            closings = [j for j in tildes if _closes(text, j, size, end)]
            opening = next(
                (i for i in tildes if closings and i + size < closings[-1] and
                 _opens(text, i, size, end)),
                None,
            )  # fmt: skip
            openings += [opening] if opening is not None else []
        if openings:
            return min(openings)
        start = end
    return None


def _opens(text: str, at: int, size: int, end: int) -> bool:
    """Tell a run of ``size`` tildes at ``at`` that may open a strike."""
    after = at + size
    return (
        text.startswith("~" * size, at)
        and (at == 0 or text[at - 1] not in "~\\")
        and after < end
        and text[after] != "~"
        and not text[after].isspace()
    )


def _closes(text: str, at: int, size: int, end: int) -> bool:
    """Tell a run of ``size`` tildes at ``at`` that may close a strike."""
    return (
        text.startswith("~" * size, at, end)
        and at > 0
        and text[at - 1] not in "~\\"
        and (not text[at - 1].isspace())
    )


def refuse_hidden_links(issue: Issue, reading: Reading) -> None:
    """Raise ``ProposalError`` at a link definition of the long text (outside its code) that
    GitHub and the site read otherwise: a name defined twice (GitHub links to the first, the
    site to the last), a definition no link uses (GitHub shows nothing of it; a footnote, the
    site shows), or a one-line field's ``[name]`` that GitHub links to it."""
    first_line = issue.lines.get(TEXT, 1)
    for name, later in reading.duplicates:
        first = reading.definitions[name].line
        raise second_definition(issue, later.name, first_line + first, first_line + later.line)
    text = reading.outside_code(issue.values.get(TEXT, ""))
    defined: dict[str, int] = {}  # name -> line (from 0) of its first definition, as the site
    for found in _DEFINITION.finditer(text):  # reads them: in a paragraph too
        name, line = link_name(spaced(found[1])), text.count("\n", 0, found.start(1))
        if name in defined:
            raise second_definition(issue, found[1], first_line + defined[name], first_line + line)
        defined[name] = line
    for name, definition in reading.definitions.items():
        defined.setdefault(name, definition.line)
    for found in _BRACKETED.finditer(text):  # a link's name, or one its text names
        folded = sorted({c for c in found[1] if c.casefold() != c.lower()})
        if folded and link_name(spaced(found[1])) in defined:
            raise issue.error(
                TEXT,
                f" holds the link name {quoted(found[0])}, whose {''.join(folded)!r} GitHub "
                f"matches as {''.join(folded).casefold()!r} and the site does not: one shows a "
                "link, the other the brackets — write the name without it",
                first_line + text.count("\n", 0, found.start()),
            )
    refuse_references(issue, defined)
    # A footnote's own line looks up its name when GitHub reads it as text: only its
    # references, or links to a definition GitHub reads, use it.
    looked_up = {n for n in reading.looked_up if n[:1] != "^" or n in reading.definitions}
    used = looked_up | footnote_references(reading)
    # A definition's own line read as text looks its name up too, though GitHub's own reader
    # may take it for a definition (cmark-gfm does with an unbalanced "(" in its address).
    lines, own = text.split("\n"), set(defined.values())
    others = "\n".join(line for n, line in enumerate(lines) if n not in own)
    named = {link_name(spaced(found[1])) for found in _BRACKETED.finditer(others)}
    for name, line in defined.items():
        if name not in used or (name[:1] != "^" and name not in named):
            written = text.split("\n")[line]
            written = written[written.find("[") :].strip()
            label = written[1 : written.find("]:")]
            if label.startswith("^"):
                unused = "no text refers to: GitHub leaves it out, the site shows it — delete "
                unused += f"it, or refer to it with [{label}]"
            else:
                unused = "no link of the text uses: GitHub shows nothing of it — delete it, "
                unused += f"or link to it with [the link's text][{label}]"
            raise issue.error(
                TEXT, f" holds the link definition {quoted(written)}, which {unused}",
                first_line + line,
            )  # fmt: skip


def second_definition(issue: Issue, label: str, first: int, line: int) -> ProposalError:
    """Return the error of a link name defined a second time at ``line``."""
    return issue.error(
        TEXT,
        f" holds a second definition of the link name {quoted(spaced(label))} (the first is at "
        f"line {first}): GitHub links to the first, the site to the last — keep one definition "
        "of each name",
        line,
    )


def refuse_shown_otherwise(issue: Issue, reading: Reading) -> None:
    """Raise ``ProposalError`` at the first line of the long text whose words or links the
    site would show otherwise than GitHub shows them to the editor: a net for the ways the
    two Markdown readers part that no rule above names."""
    difference = shown_otherwise(issue.values.get(TEXT, ""), reading)
    if difference is not None:
        raise issue.error(
            TEXT,
            f" holds text GitHub shows otherwise than the site would: {difference.what} — "
            "simplify the Markdown or HTML here",
            issue.lines.get(TEXT, 1) + difference.line,
        )


def refuse_references(issue: Issue, defined: Mapping[str, int]) -> None:
    """Raise ``ProposalError`` at a one-line field's ``[name]`` that names a link of the long
    text: GitHub shows it as that link, the site as the characters written."""
    for key, value in issue.values.items():
        if key == TEXT:
            continue
        for found in _BRACKETED.finditer(value):
            if link_name(spaced(found[1])) in defined:
                raise issue.error(
                    key,
                    f" holds {quoted(found[0])}, which GitHub links to the text's definition of "
                    f"{quoted(spaced(found[1]))} — write it without [ ]",
                )


def spaced(label: str) -> str:
    """Return a link's name with its spaces collapsed (a quote's ``>`` on its lines left out)."""
    return " ".join(_QUOTED_LINE.sub("\n", label).split())


def hidden_in(line: str, *, one_line: bool, labels: set[str]) -> str:
    """Say what in ``line`` GitHub does not show as written, and how to fix it ("" if
    nothing): in every field, comments and their kin, control, direction and tag characters,
    runs of invisible ones; in a one-line field also any invisible character, markup, and a
    heading like a field's."""
    hiding = _HIDING.search(line)
    if hiding and hiding[0] == "<!--":
        return f"an HTML comment (<!-- … -->), {_UNSEEN} — delete it, with what is inside"
    if hiding:
        return (
            f"{quoted(line[hiding.start() :], 24)}, {_UNSEEN}, nor what follows up to its end "
            "(?>, ]]> or >) — delete it, with what is inside"
        )
    invisible = invisible_in(line if one_line else FLAGS.sub("\U0001f3f4", line), one_line)
    decoded = _ENTITY.sub(lambda entity: html.unescape(entity[0]), line)
    if not invisible and decoded != line and not one_line:  # GitHub shows an entity's character
        invisible = invisible_in(FLAGS.sub("\U0001f3f4", decoded), one_line, " (an entity)")
    if invisible:
        return invisible
    if not one_line:
        return ""
    if fence := _FENCE_START.match(line):  # its words are the fence's info: never shown
        return (
            f"{quoted(line.strip(), 24)}, which GitHub reads as the start of a code block "
            f"({fence[1]}), showing none of its words — write the value without it"
        )
    markup = _MARKUP.search(line)
    if markup:
        start = markup.start()
        if markup[0].startswith("]"):  # quote the link from its text on
            start = max(line.rfind("[", 0, start), 0)
            start -= line[start - 1 : start] == "!"
        return (
            f"{quoted(line[start:], 24)}, which GitHub shows otherwise than it is "
            "written (as HTML, a character, a link or nothing) — write it as plain text, without "
            "<…> tags, &…; entities or [links](…)"
        )
    if heading_text(line) in labels:
        return (
            f"the heading {quoted(line.strip())}, as if that field were given twice — keep "
            "each field once, under its own heading"
        )
    return ""


def invisible_in(line: str, one_line: bool, written: str = "") -> str:
    """Say which character of ``line`` GitHub does not show, though it may carry a message
    ("" if none): a control, direction or tag character, a variation selector but an emoji's,
    any invisible one but a joiner within an emoji (in a one-line field, that too; one at a
    time they spelled 45 bytes in a sentence). ``written`` says how the characters are
    written, if not as themselves."""
    for found in _UNUSUAL.finditer(line):
        char = found[0]
        control = unicodedata.category(char) == "Cc" or _DIRECTION.match(char)
        invisible = is_invisible(char) and (one_line or not in_emoji(line, found.start()))
        if control or CARRIERS.match(char) or invisible:
            return (
                f"{character(char)}{written}, which GitHub does not show (and such characters "
                "can spell a hidden message) — delete it"
            )
    return ""


def in_emoji(line: str, at: int) -> bool:
    """Tell an invisible character that is part of an emoji: a joiner between two (👩‍🔬), or
    the selector that shows one in colour or as text (❤️, 1️⃣)."""
    before, after = line[at - 1 : at] if at else "", line[at + 1 : at + 2]
    if line[at] == "\u200d":
        return _is_emoji(before) and _is_emoji(after)
    return line[at] in "\ufe0e\ufe0f" and (_is_emoji(before) or before in "0123456789#*")


def _is_emoji(char: str) -> bool:
    return char == "\ufe0f" or (bool(char) and unicodedata.category(char) in ("So", "Sk"))


def heading_text(line: str) -> str | None:
    """Return the text of ``line`` if Markdown reads it as a heading (``### Place ###``)."""
    marks = len(line) - len(line.lstrip(" "))
    stripped = line[marks:].rstrip()
    level = len(stripped) - len(stripped.lstrip("#"))
    if marks > 3 or not 1 <= level <= 6 or stripped[level : level + 1] not in ("", " ", "\t"):
        return None
    return heading_words(stripped[level:])


def character(char: str) -> str:
    """Name a character for a message: "the invisible character U+200B (ZERO WIDTH SPACE)"."""
    name = unicodedata.name(char, "")
    return f"the invisible character U+{ord(char):04X}" + (f" ({name})" if name else "")


def quoted(value: str, most: int = _SHOWN) -> str:
    """Return ``value`` quoted for a message, cut after ``most`` characters."""
    return repr(shortened(value, most))


def shortened(value: str, most: int = _SHOWN) -> str:
    """Return ``value`` cut after ``most`` characters, for a message."""
    return value if len(value) <= most else value[:most] + "…"


def yaml_text(value: str) -> str:
    """Return ``value`` on one line as a quoted YAML string that reads back as written
    (JSON's quoting is YAML's): no title or place can turn into YAML syntax."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)
