"""An issue body as GitHub shows a filled-in issue form: each field's value, at its line.

    read_issue(text, fields, source) -> Issue: {id: value}, and the line of each value
    Issue.error(id, message)         -> ProposalError "issue.md:14: the field 'Place' …"
    yaml_text(value)                 -> the value as the files write it: one quoted line

GitHub renders a filled-in form as ``### Label`` blocks, ``_No response_`` for an empty
field. Labels are read in the form's order, so a ``###`` heading inside the long text at the
end is text. The editor who approves an issue sees it as GitHub renders it, so nothing is read
that GitHub does not show as it is written: an HTML comment anywhere, a control character or
a direction override anywhere, an HTML element GitHub leaves out in the long text (outside its
code), and in a one-line field an invisible character, HTML, an entity, a link definition or
a heading like a field's (the field given twice) are errors at their line, naming the field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.members import is_invisible
from ..errors import TagSiteError
from ..markdown.markup import tags
from ..markdown.source_map import autolinks, masked
from ..web.forms import Field

NO_RESPONSE = "_No response_"
TEXT = "body"  # the id of the form's long text (a textarea): Markdown, the page's body
# What GitHub renders as something other than the characters written, in a one-line field
# that the site shows as plain text: a tag (hidden, or shown as what it makes), an entity
# (shown as its character), a link definition (not shown at all).
_MARKUP = re.compile(
    r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);|^ {0,3}\[[^\]]*\]:"
)
# Characters that make text read in another order than it is written ("Trojan source").
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNUSUAL = re.compile(r"[^\t\x20-\x7e]")  # where to look closer: not printable ASCII
# The elements GitHub's sanitizer lets through (html-pipeline's allowlist). It drops any
# other, so the editor would not see what the page shows of it: an <input>'s value, a <select>.
_GITHUB_ELEMENTS = frozenset(
    {"a", "abbr", "b", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del",
     "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
     "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q",
     "rp", "rt", "ruby", "s", "samp", "small", "source", "span", "strike", "strong", "sub",
     "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "ul",
     "var", "wbr"}
)  # fmt: skip
_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")  # before a value; its first indentation stays
_SHOWN = 60  # characters of a value that a message quotes


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
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks, headings = split_fields(lines, fields)
    values: dict[str, str] = {}
    found: dict[str, int] = {}
    for key, block in blocks.items():
        refuse_hidden(block, key, fields, source)
        if not key:
            continue  # what stands before the first field is not written
        written = [(number, line) for number, line in block if line.strip()]
        found[key] = written[0][0] if written else headings.get(key, 1)
        value = "\n".join(line for _, line in block).rstrip()
        value = _BLANK_LINES.sub("", value) if key == TEXT else value.strip()
        values[key] = "" if value.strip() == NO_RESPONSE else value
    issue = Issue(source, tuple(fields), values, found)
    refuse_dropped_html(issue)
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
        if hidden:
            raise ProposalError(f"{source}:{number}: {named} holds {hidden}")


def refuse_dropped_html(issue: Issue) -> None:
    """Raise ``ProposalError`` at the first HTML element of the long text (outside its code)
    that GitHub drops from the issue as it shows it."""
    text = issue.values.get(TEXT, "")
    links = {start for start, _, _ in autolinks(text)}
    for tag in tags(masked(text)):
        if tag.name not in _GITHUB_ELEMENTS and tag.start not in links:
            line = issue.lines.get(TEXT, 1) + text.count("\n", 0, tag.start)
            raise issue.error(
                TEXT,
                f" holds <{tag.name}>, which GitHub leaves out of the issue the editor approves "
                "— write the text in Markdown, or ask an editor to add it to the page",
                line,
            )


def hidden_in(line: str, *, one_line: bool, labels: set[str]) -> str:
    """Say what in ``line`` GitHub does not show as written, and how to fix it ("" if
    nothing): in every field, comments, control characters and direction overrides; in a
    one-line field also invisible characters, markup, and a heading like a field's."""
    if "<!--" in line:
        return (
            "an HTML comment (<!-- … -->), which GitHub does not show to the editor who "
            "approves the issue — delete it, with what is inside"
        )
    for found in _UNUSUAL.finditer(line):
        char = found[0]
        control = unicodedata.category(char) == "Cc" or _DIRECTION.match(char)
        if control or (one_line and is_invisible(char)):
            return f"{character(char)}, which GitHub does not show — delete it"
    if not one_line:
        return ""
    markup = _MARKUP.search(line)
    if markup:
        return (
            f"{quoted(line[markup.start() :], 12)}, which GitHub shows otherwise than it is "
            "written (as HTML, a character or nothing) — write it as plain text, without <…> tags "
            "or &…; entities"
        )
    if heading_text(line) in labels:
        return (
            f"the heading {quoted(line.strip())}, as if that field were given twice — keep "
            "each field once, under its own heading"
        )
    return ""


def heading_text(line: str) -> str | None:
    """Return the text of ``line`` if Markdown reads it as a heading (``### Place ###``)."""
    marks = len(line) - len(line.lstrip(" "))
    stripped = line[marks:].rstrip()
    level = len(stripped) - len(stripped.lstrip("#"))
    if marks > 3 or not 1 <= level <= 6 or stripped[level : level + 1] not in ("", " ", "\t"):
        return None
    text = stripped[level:].strip(" \t")
    closing = text.rstrip("#")
    return closing.rstrip(" \t") if closing != text and closing[-1:] in (" ", "\t") else text


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
