"""Front matter and YAML: encodings, line ends, Jekyll's comment-only front matter, gotchas."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tag_site.content.front_matter import decode, load_yaml, split_front_matter
from tag_site.errors import ContentError, Problem

PATH = Path("content/page.md")


def parse(raw: bytes | str) -> tuple[dict[str, object], str, int]:
    """Decode and split a file, returning its front matter, body and body line."""
    data = raw.encode() if isinstance(raw, str) else raw
    source = split_front_matter(decode(data, PATH), PATH)
    return source.meta.value, source.body, source.body_line


def error_of(raw: bytes | str) -> Problem:
    """Return the problem that stops parsing ``raw``."""
    with pytest.raises(ContentError) as caught:
        parse(raw)
    return caught.value.problem


def test_bom_and_crlf_are_tolerated() -> None:
    """A file saved by Notepad (BOM, CRLF) reads like any other."""
    meta, body, _ = parse(b"\xef\xbb\xbf---\r\ntitle: Hello\r\n---\r\nBody line\r\n")
    assert meta == {"title": "Hello"}
    assert body.strip() == "Body line"
    assert "\r" not in body


def test_old_jekyll_front_matter_of_comments() -> None:
    """Front matter with only comments and 'layout: home' gives just the layout."""
    meta, body, _ = parse("---\n#\n# a comment\n#\nlayout: home\n---\n\n<div>x</div>\n")
    assert meta == {"layout": "home"}
    assert "<div>x</div>" in body


def test_only_comments_is_an_empty_mapping() -> None:
    """Front matter of nothing but comments is valid and empty."""
    meta, _, _ = parse("---\n# nothing here\n---\nText\n")
    assert meta == {}


def test_no_front_matter_is_all_body() -> None:
    """A file without '---' on its first line is all Markdown, horizontal rules included."""
    meta, body, line = parse("Text\n\n---\n\nMore\n")
    assert meta == {}
    assert body == "Text\n\n---\n\nMore\n"
    assert line == 1


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("on", "on"),
        ("Yes", "Yes"),
        ("3.10", "3.10"),
        ("14:30", "14:30"),
        ("1e3", "1e3"),
        ("0x1F", "0x1F"),
        ("true", True),
        ("False", False),
        ("12", 12),
        ("2026-05-24", datetime.date(2026, 5, 24)),
        ("2026-01-21 12:00:00 +0100", "2026-01-21 12:00:00 +0100"),
        ("", None),
        ("08", "08"),
        ("0049221470", "0049221470"),
        ("0012", "0012"),
        ("-7", -7),
        ("0", 0),
    ],
    ids=lambda value: repr(value),
)
def test_yaml_keeps_text_as_text(yaml_value: str, expected: object) -> None:
    """Country codes, versions and times stay text; only true/false and integers convert."""
    meta, _, _ = parse(f"---\nvalue: {yaml_value}\n---\n")
    assert meta["value"] == expected
    assert type(meta["value"]) is type(expected)


def test_duplicate_key_is_an_error_at_its_line() -> None:
    """A key written twice names both lines instead of keeping the last one silently."""
    error = error_of("---\ntitle: One\ndate: 2026-01-01\ntitle: Two\n---\n")
    assert (error.path, error.line) == (PATH, 4)
    assert "'title' appears twice (first on line 2)" in error.message


def test_a_duplicate_key_inside_a_list_item_is_an_error() -> None:
    """Duplicates inside list items are found too."""
    error = error_of("---\nnav:\n  - title: a\n    title: b\n---\n")
    assert error.line == 4
    assert "key 'title' appears twice (first on line 3) — keep one of them" in error.message


@pytest.mark.parametrize(
    ("text", "line", "gist"),
    [
        ("---\ntitle: Hello: world\n---\n", 2, "put text that contains ': ' in quotes"),
        ("---\ntitle: ok\n\tbad: tab\n---\n", 3, "replace the tab with spaces"),
        ("---\ndate: 2026-02-30\n---\n", 2, "not a real date"),
        ("---\n- one\n- two\n---\n", 2, "must be 'key: value' lines"),
        ("---\njust text\n---\n", 2, "must be 'key: value' lines"),
        ("---\ntitle: no end\n", 1, "no closing '---'"),
        ("---\ntitle: [unclosed\n---\n", 3, "invalid YAML"),
        ("---\ntitle: T\n? [a, b]\n: c\n---\n", 3, "a list or a mapping cannot be a key"),
        ("---\ntitle: T\nx: a\x01b\n---\n", 3, "the control character U+0001"),
        ("---\nx: " + "[" * 2000 + "]" * 2000 + "\n---\n", 2, "nested too deeply"),
    ],
    ids=[
        "colon",
        "tab",
        "bad-date",
        "list",
        "scalar",
        "unclosed",
        "bracket",
        "list-key",
        "control-char",
        "deep",
    ],
)
def test_broken_front_matter_is_one_error_at_its_line_with_a_fix(
    text: str, line: int, gist: str
) -> None:
    """Each broken front matter is one error at the file's own line, with a fix."""
    error = error_of(text)
    assert error.line == line
    assert gist in error.message
    assert str(error).startswith(f"content/page.md:{line}:")


def test_line_numbers_count_from_the_file() -> None:
    """Lines of keys and of the body are the file's, after comments and blank lines."""
    source = split_front_matter("---\n# c\n\ntitle: T\nlayout: page\n---\n\nBody\n", PATH)
    assert source.meta.line_of("title") == 4
    assert source.meta.line_of("layout") == 5
    body_lines = source.body.split("\n")
    assert source.body_line + body_lines.index("Body") == 8


def test_not_utf8_names_the_line() -> None:
    """Latin-1 bytes are reported at their line, with how to fix it."""
    with pytest.raises(ContentError) as caught:
        decode(b"---\ntitle: ok\n---\ncaf\xe9\n", PATH)
    assert caught.value.problem.line == 4
    assert "UTF-8" in caught.value.problem.message


def test_a_data_file_records_the_line_of_each_item_and_key() -> None:
    """A list of mappings records the line of each item and of each key inside it."""
    data = load_yaml("# members\n- name: A\n  email: a@x.org\n\n- name: B\n", PATH)
    assert [item.line for item in data.items] == [2, 5]
    assert data.items[0].line_of("email") == 3


def test_merge_keys_work() -> None:
    """YAML merge keys (<<: *anchor) are not mistaken for duplicate keys."""
    data = load_yaml(
        "base: &b {city: Rome, country: Italy}\nhere:\n  <<: *b\n  city: Milan\n", PATH
    )
    assert data.value["here"] == {"city": "Milan", "country": "Italy"}


@pytest.mark.parametrize(
    "raw",
    [
        b"---\ntitle: T\ntags: [a\n---\nBody\n",
        b"\xef\xbb\xbf---\r\ntitle: T\r\ntags: [a\r\n---\r\nBody\r\n",
        b"----- \ntitle: T\ntags: [a\n... \t\nBody\n",
    ],
    ids=["plain", "bom-crlf", "long-opening-dots-closing"],
)
def test_every_opening_and_closing_jekyll_accepts_keeps_the_lines(raw: bytes) -> None:
    """The front matter is split as Jekyll splits it (by the engine itself, no library):
    whatever its opening and closing lines, a YAML error names the file's own line."""
    error = error_of(raw)
    assert str(error).startswith("content/page.md:4:1: invalid YAML:"), str(error)
    meta, body, line = parse(raw.replace(b"[a", b"[a]"))
    assert meta == {"title": "T", "tags": ["a"]}
    assert line + body.split("\n").index("Body") == 5


def test_jekyll_dots_close_front_matter() -> None:
    """Jekyll also accepts '...' as the closing line of the front matter."""
    meta, body, _ = parse("---\ntitle: T\n...\nBody\n")
    assert meta == {"title": "T"}
    assert body.strip() == "Body"
