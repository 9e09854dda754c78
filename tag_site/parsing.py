"""Bytes to text, text to front matter and body, YAML to plain values with line numbers.

The YAML loader is the safe loader with three changes that editors expect:

- ``NO``, ``on``, ``yes`` stay text; only ``true``/``false`` are booleans;
- ``3.10`` and ``14:30`` stay text (no floats, no base-60 numbers); plain integers stay integers;
- a key written twice is an error, not a silent overwrite.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter.default_handlers
import yaml
import yaml.constructor
import yaml.nodes
import yaml.resolver

from .errors import ContentError

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_KEPT_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:timestamp"}


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that keeps text as text and refuses duplicate keys."""

    first_line = 1  # the file line of the YAML text's first line

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                first = seen[key].start_mark.line + self.first_line
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} appears twice (first on line {first})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> datetime.date:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date ({error})", node.start_mark
            ) from None


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
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("appears twice", "keep one of them"),
    ("is not a real date", "write an existing date as YYYY-MM-DD"),
    ("found undefined alias", "put text that starts with '*' in quotes"),
    ("found unknown escape", "use single quotes around text with backslashes"),
)


@dataclass(frozen=True)
class Data:
    """A YAML value and the file line where each part of it starts.

    ``lines`` maps a top-level key (for a mapping) or an index (for a list) to its line, and
    ``(index, key)`` to the line of a key inside a list item.
    """

    value: Any
    line: int = 1
    lines: Mapping[Any, int] = field(default_factory=dict)

    def line_of(self, key: Any) -> int:
        """Return the line of ``key`` (or of the whole value when the key is absent)."""
        return self.lines.get(key, self.line)


def decode(raw: bytes, path: Path) -> str:
    """Return the text of a content file: UTF-8, BOM dropped, line ends made ``\\n``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            path, line, "this file is not UTF-8 text — save it with UTF-8 encoding in your editor"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_yaml(text: str, path: Path, first_line: int = 1) -> Data:
    """Parse one YAML document; lines in errors and in the result count from ``first_line``."""
    loader = _Loader(text)
    loader.first_line = first_line
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise _content_error(error, path, first_line) from None
    finally:
        loader.dispose()
    if node is None:
        return Data(None, first_line)
    return Data(value, node.start_mark.line + first_line, _child_lines(node, first_line))


def _child_lines(node: yaml.Node, first_line: int) -> dict[Any, int]:
    if isinstance(node, yaml.MappingNode):
        return {k.value: k.start_mark.line + first_line for k, _ in node.value}
    if not isinstance(node, yaml.SequenceNode):
        return {}
    lines: dict[Any, int] = {}
    for index, item in enumerate(node.value):
        lines[index] = item.start_mark.line + first_line
        for key, _ in item.value if isinstance(item, yaml.MappingNode) else ():
            lines[(index, key.value)] = key.start_mark.line + first_line
    return lines


def _content_error(error: yaml.MarkedYAMLError, path: Path, first_line: int) -> ContentError:
    mark = error.problem_mark or error.context_mark
    line = mark.line + first_line if mark else first_line
    problem = error.problem or error.context or "invalid YAML"
    hint = next(
        (h for marker, h in _HINTS if marker in problem), "check the YAML syntax on this line"
    )
    return ContentError(path, line, f"invalid YAML: {problem} — {hint}")


@dataclass(frozen=True)
class Source:
    """A content file split into front matter and Markdown body."""

    meta: Data
    body: str
    body_line: int


_HANDLER = frontmatter.default_handlers.YAMLHandler()


def split_front_matter(text: str, path: Path) -> Source:
    """Split ``text`` into its YAML front matter (a mapping) and body, keeping line numbers."""
    if not _HANDLER.detect(text):
        return Source(Data({}), text, 1)
    boundaries = _HANDLER.FM_BOUNDARY.finditer(text)
    opening = next(boundaries)
    closing = next(boundaries, None)
    if closing is None:
        raise ContentError(
            path, 1, "the front matter that starts here has no closing '---' line — add one"
        )
    head = text[opening.end() : closing.start()]
    head_line = text.count("\n", 0, opening.end()) + 1
    meta = load_yaml(head, path, head_line)
    if meta.value is None:
        meta = Data({}, meta.line)
    if not isinstance(meta.value, dict):
        raise ContentError(
            path,
            meta.line,
            "the front matter must be 'key: value' lines — write e.g. 'title: My page'",
        )
    body_line = text.count("\n", 0, closing.end()) + 1
    return Source(meta, text[closing.end() :], body_line)
