"""Bytes to text, text to front matter and body, YAML to plain values with line numbers.

The YAML loader is the safe loader with the changes editors expect:

- ``NO``, ``on``, ``yes`` stay text; only ``true``/``false`` are booleans;
- ``3.10``, ``14:30`` and ``0049`` stay text (no floats, base-60 or octal numbers);
  plain integers like ``12`` stay integers;
- a key written twice is an error, not a silent overwrite.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError
from ..markdown.addresses import is_invisible
from ..markdown.markup import INVALID_CHARACTER, carrier

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_MERGE = "tag:yaml.org,2002:merge"
_KEPT_TAGS = {"tag:yaml.org,2002:null", _MERGE, "tag:yaml.org,2002:timestamp"}


# libyaml's parser (in PyYAML's wheels) reads YAML ten times as fast as the pure-Python one.
_SAFE = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class SafeLoader(_SAFE):  # type: ignore[misc,valid-type]
    """A safe YAML loader whose tags say what a value is only if it is that (``!!timestamp
    x``, ``!!set [1]`` made PyYAML's own constructors fail with a traceback)."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (AttributeError, TypeError, KeyError, IndexError, ValueError) as error:
            if isinstance(error, ValueError) and "digits" in str(error):
                raise  # a number of thousands of digits: said where the text is loaded
            kind = str(node.tag).rpartition(":")[2]
            raise _problem(f"the value is no {kind}, as its tag '!!{kind}' says", node) from None


class _Loader(SafeLoader):
    """Safe YAML loader that keeps text as text and refuses duplicate keys."""

    first_line = 1  # the file line of the YAML text's first line

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # "!!set [1]": a list, tagged a mapping
            kind = str(node.tag).rpartition(":")[2]
            raise _problem(f"the value is no {kind}, as its tag '!!{kind}' says", node)
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _problem("a list or a mapping cannot be a key", key_node)
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                first = seen[key].start_mark.line + self.first_line
                raise _problem(f"key {key!r} appears twice (first on line {first})", key_node)
            seen[key] = key_node
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> datetime.date:
        try:
            moment: datetime.date = super().construct_yaml_timestamp(node)
            return moment
        except ValueError as error:
            raise _problem(f"{node.value!r} is not a real date ({error})", node) from None


def _problem(message: str, node: yaml.Node) -> yaml.MarkedYAMLError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in rules if tag in _KEPT_TAGS]
    for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, [_first])
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
del _first

_HINTS = (
    ("mapping values are not allowed", "put text that contains ': ' in quotes"),
    ("could not find expected ':'", "write each entry as 'key: value'"),
    ("found character '\\t'", "replace the tab with spaces"),
    ("found a tab character", "replace the tab with spaces"),
    ("maximum nesting depth", "it is nested too deeply: write it as simple 'key: value' lines"),
    ("appears twice", "keep one of them"),
    ("cannot be a key", "write a plain word before the ':'"),
    ("is not a real date", "write an existing date as YYYY-MM-DD"),
    ("found undefined alias", "put text that starts with '*' in quotes"),
    ("found unknown escape", "use single quotes around text with backslashes"),
    ("special characters are not allowed", "remove the control character"),
)


# The direction overrides, which draw the text after them the other way round: "fdp.tropeR"
# is read "Report.pdf" (a reader sees what the file does not say).
OVERRIDE = re.compile("[\u202d\u202e]")
# The same written as a character reference, which a page's HTML shows as the character.
OVERRIDE_REFERENCE = re.compile(r"&#(?:[xX]0*+202[dDeE](?![0-9a-fA-F])|0*+823[78](?![0-9]));?")
# Unicode's line and paragraph separators, which YAML reads as line ends (its lines, and the
# lines it names, would not be the file's) and a page as a space.
YAML_BREAK = re.compile("[\u2028\u2029]")
MAX_REPEATED = 10_000
MAX_REPEATED_TEXT = 1_000_000  # characters: a hundred times a long value's length


@dataclass(frozen=True)
class Data:
    """A YAML value with the file lines it came from.

    ``lines`` maps each key of a mapping to its line, ``fields`` to its value as ``Data`` of
    its own; ``items`` holds each element of a list as ``Data`` of its own.
    """

    value: Any
    line: int = 1
    lines: Mapping[str, int] = field(default_factory=dict)
    end: int = 0  # the line its value ends on (a '#' line inside a "|" text is the text's)
    items: tuple[Data, ...] = ()
    fields: Mapping[str, Data] = field(default_factory=dict)
    noted: int = 0  # a line in a text of many lines that starts with "#": a note, shown

    def line_of(self, key: str) -> int:
        """Return the line of ``key`` (or of the whole value when the key is absent)."""
        return self.lines.get(key, self.line)


def decode(raw: bytes, path: Path) -> str:
    """Return the text of a content file: UTF-8, BOM dropped, line ends made ``\\n``."""
    text = utf8_text(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    bad = INVALID_CHARACTER.search(text) or OVERRIDE.search(text) or carrier(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - text.rfind("\n", 0, bad.start())
        named = f"U+{ord(bad.group()):04X}"
        if INVALID_CHARACTER.match(bad.group()):
            message = (
                f"the file holds the control character {named}, which no page or feed can "
                "show — remove it (your editor may show it as a box or ^L)"
            )
        else:
            message = override_message(named) if OVERRIDE.match(bad[0]) else carrier_message(named)
        raise ContentError(path, line, message, column=column)
    return text


def utf8_text(raw: bytes, path: Path) -> str:
    """Return ``raw`` as UTF-8 text, its BOM dropped; ``ContentError`` at the line of the
    first byte that is none (a file saved in Latin-1), where a replacement character would
    stand for it unsaid."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = "this file is not UTF-8 text — save it with UTF-8 encoding in your editor"
        raise ContentError(path, line, message) from None


def carrier_message(written: str) -> str:
    """Say what is wrong with a character that carries words nobody sees (``CARRIERS``)."""
    return (
        f"the file holds {written}, an invisible character that can spell words readers "
        "never see (but programs read: an address, a message) — remove it"
    )


def override_message(written: str) -> str:
    """Say what is wrong with a direction override, ``written`` as the file has it."""
    return (
        f"the file holds {written}, a direction override, which shows the text after it "
        "reversed (readers see what the file does not say) — remove it"
    )


def load_yaml(
    text: str, path: Path, first_line: int = 1, *, loader: Callable[[str], Any] = _Loader
) -> Data:
    """Parse one YAML document; lines in errors and in the result count from ``first_line``.

    ``loader``: the site's (strict) loader, or another kind of ``SafeLoader`` (the Jekyll
    importer reads YAML as Jekyll did); either way within the same bounds.
    """
    if found := YAML_BREAK.search(text):
        line = text.count("\n", 0, found.start()) + first_line
        message = (
            f"the text holds U+{ord(found[0]):04X} (an invisible line separator), which YAML "
            "reads as a line's end — remove it (a text of many lines: write it after '|')"
        )
        column = found.start() - text.rfind("\n", 0, found.start())
        raise ContentError(path, line, message, column=column)
    try:
        reader = loader(text)
        reader.first_line = first_line
        node = reader.get_single_node()
        value = reader.construct_document(node) if node is not None else None
        reader.dispose()
        if node is None:
            return Data(None, first_line)
        lines = text.split("\n")
        check_nodes(node, path, first_line, lines)
        return _data(node, value, first_line, lines)
    except yaml.MarkedYAMLError as error:
        raise _content_error(error, path, first_line) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + first_line
        raise ContentError(path, line, "invalid character — remove it") from None
    except RecursionError:  # constructing or walking the values, a few hundred deep
        message = "the YAML is nested too deeply — write it as simple 'key: value' lines"
        raise ContentError(path, first_line, message) from None
    except ValueError:  # int() refuses a number of thousands of digits
        message = "a number in it is too long to read — put it in quotes"
        raise ContentError(path, first_line, message) from None


def check_nodes(root: yaml.Node, path: Path, first_line: int, lines: list[str]) -> None:
    """Refuse YAML whose aliases repeat more than ``MAX_REPEATED`` values, or more than
    ``MAX_REPEATED_TEXT`` characters of text (a few lines of ``*alias`` can stand for billions
    of values, a thousand aliases of a long text for a hundred megabytes), or whose text holds
    control characters.

    Each node is looked at once, however often aliases repeat it: the walk is linear.
    """
    sizes: dict[int, int] = {}  # node -> how many values it stands for, aliases expanded
    texts: dict[int, int] = {}  # node -> how many characters of text it stands for, so too
    written = 0  # characters of text written out (each node once)
    opened: set[int] = set()  # nodes whose values are being counted
    pending: list[tuple[yaml.Node, bool]] = [(root, False)]
    while pending:
        node, closing = pending.pop()
        line = node.start_mark.line + first_line
        if closing:
            opened.discard(id(node))
            children = _children(node)
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            texts[id(node)] = _text_size(node) + sum(texts[id(child)] for child in children)
            if sizes[id(node)] - len(sizes) > MAX_REPEATED:
                message = (
                    f"the aliases ('*name') here repeat more than {MAX_REPEATED:,} values — "
                    "write the values out instead of referring to them"
                )
                raise ContentError(path, line, message)
            if texts[id(node)] - written > MAX_REPEATED_TEXT:
                message = (
                    f"the aliases ('*name') here repeat more than {MAX_REPEATED_TEXT:,} "
                    "characters of text — write the text out once instead of referring to it"
                )
                raise ContentError(path, line, message)
        elif id(node) in opened:
            message = "an alias ('*name') here stands for a value it is part of — write it out"
            raise ContentError(path, line, message)
        elif id(node) not in sizes:
            _check_text(node, path, first_line, lines)
            written += _text_size(node)
            opened.add(id(node))
            pending += [(node, True), *((child, False) for child in _children(node))]


def _text_size(node: yaml.Node) -> int:
    return len(node.value) if isinstance(node, yaml.ScalarNode) else 0


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_text(node: yaml.Node, path: Path, first_line: int, lines: list[str]) -> None:
    """Refuse a text with a control character (written as an escape like "\\x01"), or with
    an invisible one written as an escape ("\\u202E", "\\U000E0041"): the file holds
    letters a reviewer reads past, the page a character that turns words round or spells
    words nobody sees (written as itself, the file's own check names it)."""
    if isinstance(node, yaml.ScalarNode):
        bad = INVALID_CHARACTER.search(node.value)
        line = node.start_mark.line + first_line
        if bad:
            message = (
                f"the text holds the control character U+{ord(bad.group()):04X}, which no page, "
                "feed or calendar can show — remove it"
            )
            raise ContentError(path, line, message, column=node.start_mark.column + 1)
        written = _written(node, lines) if node.style == '"' else node.value  # (in quotes only)
        escaped = next((c for c in node.value if is_invisible(c) and c not in written), None)
        if escaped is not None:
            message = (
                f"the text writes U+{ord(escaped):04X} as an escape, an invisible character "
                "(it can turn the words around it round, or spell words nobody sees) that a "
                "reviewer reads as letters — remove it"
            )
            raise ContentError(path, line, message, column=node.start_mark.column + 1)


def _written(node: yaml.Node, lines: list[str]) -> str:
    """Return a scalar as the YAML's ``lines`` write it, its escapes as written."""
    start, end = node.start_mark, node.end_mark
    if end.line >= len(lines):  # (a reader's mark past the text: none of it is)
        return ""
    if start.line == end.line:
        return lines[start.line][start.column : end.column]
    return "\n".join([lines[start.line][start.column :], *lines[start.line + 1 : end.line],
                      lines[end.line][: end.column]])  # fmt: skip


def _data(node: yaml.Node, value: Any, first_line: int, source: list[str]) -> Data:
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
        # the last of a key's pairs gave its value (merged ones come first: a key written
        # after '<<' wins, as does the last of two in the Jekyll importer's loader)
        last = {k.value: (k, v) for k, v in node.value if k.tag != _MERGE and k.value in value}
        pairs = list(last.values())
        lines = {k.value: k.start_mark.line + first_line for k, _ in pairs}
        fields = {k.value: _data(v, value[k.value], first_line, source) for k, v in pairs}
        end = max([line, *(field.end for field in fields.values())])
        return Data(value, line, lines, end, fields=fields)
    if isinstance(node, yaml.SequenceNode) and isinstance(value, list):
        items = tuple(
            _data(n, v, first_line, source) for n, v in zip(node.value, value, strict=True)
        )
        return Data(value, line, end=max([line, *(item.end for item in items)]), items=items)
    # A text ends where its last character is: a "|" text's end is at the next line's start.
    end = node.end_mark.line + first_line - (node.end_mark.column == 0 and node.end_mark.line > 0)
    written = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">", '"', "'")
    within = range(line + 1, end + 1) if written else range(0)  # a text's lines after its first
    noted = next((n for n in within if _NOTE.match(source[n - first_line])), 0)
    return Data(value, line, end=max(end, line), noted=noted)


_NOTE = re.compile(r"[ \t]*#")  # a line that looks like a YAML comment


def _content_error(error: yaml.MarkedYAMLError, path: Path, first_line: int) -> ContentError:
    mark = error.problem_mark or error.context_mark
    line = mark.line + first_line if mark else first_line
    problem = error.problem or error.context or "invalid YAML"
    hint = next((h for marker, h in _HINTS if marker in problem), "check the YAML on this line")
    column = mark.column + 1 if mark else 0
    return ContentError(path, line, f"invalid YAML: {problem} — {hint}", column=column)


@dataclass(frozen=True)
class Source:
    """A content file split into front matter and Markdown body."""

    meta: Data
    body: str
    body_line: int


# Front matter as Jekyll reads it: a first line of ``---`` (or more dashes), closed by the
# next line of ``---`` or ``...``; spaces may follow either.
_OPENING = re.compile(r"-{3,}[ \t]*$", re.MULTILINE)
_CLOSING = re.compile(r"^(?:-{3,}|\.{3})[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, path: Path) -> Source:
    """Split ``text`` into its YAML front matter (a mapping) and body, keeping line numbers."""
    opening = _OPENING.match(text)
    if opening is None:
        return Source(Data({}), text, 1)
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        message = "the front matter that starts here has no closing '---' line — add one"
        raise ContentError(path, 1, message)
    head, body = text[opening.end() : closing.start()], text[closing.end() :]
    meta = load_yaml(head, path, 1)  # it starts on the opening line, after its "---"
    if meta.value is None:
        meta = Data({}, meta.line)
    if not isinstance(meta.value, dict):
        message = "the front matter must be 'key: value' lines — write e.g. 'title: My page'"
        raise ContentError(path, meta.line, message)
    body_line = text.count("\n", 0, closing.end()) + 1
    return Source(meta, body, body_line)
