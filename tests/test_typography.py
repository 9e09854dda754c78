"""kramdown's typography: dashes, ellipses, guillemets and curly quotes, as Jekyll makes them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tag_site.markdown.formulas import to_mathml
from tag_site.markdown.render import markdown_to_html
from tag_site.markdown.typography import typeset

# Each case: its Markdown, and the text kramdown shows for it ("expected" where we differ
# on purpose, and "why").
CASES: list[dict[str, str]] = json.loads(
    (Path(__file__).parent / "data" / "typography.json").read_text(encoding="utf-8")
)

# kramdown with the options Jekyll 4.3 gives it (configuration.rb DEFAULTS["kramdown"] and
# converters/markdown/kramdown_parser.rb): GFM input, characters rather than entities.
KRAMDOWN_SCRIPT = """
require "json"
require "kramdown"
require "kramdown-parser-gfm"
options = {
  input: "GFM", auto_ids: true, toc_levels: (1..6).to_a, entity_output: "as_char",
  smart_quotes: "lsquo,rsquo,ldquo,rdquo", hard_wrap: false, footnote_nr: 1,
  syntax_highlighter: "rouge",
  syntax_highlighter_opts: {default_lang: "plaintext", guess_lang: true},
}
cases = JSON.parse($stdin.read)
puts JSON.generate(cases.transform_values { |text| Kramdown::Document.new(text, options).to_html })
"""
_BACKLINKS = ("footnote-backref", "reversefootnote")  # ↩ links: ours, kramdown's
_BLOCKS = frozenset(["p", "li", "dt", "dd", "td", "th", "br", "pre", "div", "blockquote"])
_BLOCKS |= {f"h{level}" for level in range(1, 7)}


class _Visible(HTMLParser):
    """What a reader meets: text, titles and alt texts, comments; a formula as ⟨math⟩."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.math = 0
        self.backlink = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "math":
            self.math += 1
            self.parts.append("⟨math⟩" if self.math == 1 else "")
        if tag == "a" and attributes.get("class") in _BACKLINKS:
            self.backlink += 1
        if not self.math and not self.backlink:
            self.parts.extend(
                f"{{{name}={attributes[name]}}}"
                for name in ("title", "alt")
                if attributes.get(name)
            )
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "math":
            self.math -= 1
        elif tag == "a" and self.backlink:
            self.backlink -= 1

    def handle_data(self, data: str) -> None:
        if not self.math and not self.backlink:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.parts.append(f"<!--{data}-->")


def visible(html: str) -> str:
    """Return the text of ``html`` with entities as characters and spaces collapsed."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"\\\(.+?\\\)|\\\[.+?\\\]", "⟨math⟩", text, flags=re.DOTALL)  # kramdown's
    return " ".join(text.split())


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_typography_matches_kramdown(case: dict[str, str]) -> None:
    """Each case reads as Jekyll's kramdown renders it, quotes, dashes and all."""
    assert visible(markdown_to_html(case["markdown"])) == case.get("expected", case["kramdown"])


def test_recording_is_what_kramdown_makes() -> None:
    """The recorded texts are what kramdown, with Jekyll's options, makes of the cases today."""
    if shutil.which("ruby") is None:
        pytest.skip("ruby is not installed")
    probe = 'require "kramdown"; require "kramdown-parser-gfm"; require "rouge"'
    if subprocess.run(["ruby", "-e", probe], capture_output=True, check=False).returncode:
        pytest.skip("Ruby has no kramdown, kramdown-parser-gfm or rouge gem")
    sources = {case["id"]: case["markdown"] for case in CASES}
    result = subprocess.run(
        ["ruby", "-e", KRAMDOWN_SCRIPT],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    made: dict[str, Any] = json.loads(result.stdout)
    changed = {
        case["id"]: visible(made[case["id"]])
        for case in CASES
        if visible(made[case["id"]]) != case["kramdown"]
    }
    assert changed == {}


@pytest.mark.parametrize(
    ("source", "anchor", "text"),
    [
        ('## Don\'t -- "stop"', "dont----stop", "Don’t – “stop”"),
        ("# It's the '90s...", "its-the-90s", "It’s the ’90s…"),
        ('Quotes "here" -- there\n---', "quotes-here----there", "Quotes “here” – there"),
        ('## The `a--b` "option"', "the-a--b-option", "The a--b “option”"),
        ('## *It\'s* "x" -- y', "its-x----y", "It’s “x” – y"),
    ],
)
def test_heading_ids_come_from_the_text_as_written(source: str, anchor: str, text: str) -> None:
    """Heading ids stay kramdown's ids of the text as written: anchors made before still work."""
    html = markdown_to_html(source)
    assert f'id="{anchor}"' in html
    assert visible(html) == text


@pytest.mark.parametrize(
    ("source", "tex", "display"),
    [
        ("Then $$a--b$$ is small...", "a--b", False),
        ("$$a--b$$", "a--b", True),
        ("## Heading with $$a'...'b$$", "a'...'b", False),
    ],
)
def test_formulas_are_untouched(source: str, tex: str, display: bool) -> None:
    """Formulas keep their dashes, dots and primes."""
    assert to_mathml(tex, display=display) in markdown_to_html(source)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ('Code `"a" -- b...` stays.', '<code>"a" -- b...</code>'),
        ('```\n"a" -- b... <<c>>\n```', '<code>"a" -- b... &lt;&lt;c&gt;&gt;\n</code>'),
        ("Text:\n\n    'a' -- b", "<code>'a' -- b\n</code>"),
        (
            '[go](https://a--b.example/x...y "It\'s a -- title...")',
            'href="https://a--b.example/x...y" title="It\'s a -- title..."',
        ),
        ("<https://a--b.example/x...y>", ">https://a--b.example/x...y</a>"),
        ('![It\'s "alt" -- text...](a.png)', 'alt="It\'s &quot;alt&quot; -- text..."'),
        ('<div title="a--b">"quoted" -- text...</div>', '<div title="a--b">"quoted" -- text'),
        ('A <span title="it\'s -- x">"hi" -- there</span>', 'title="it\'s -- x">“hi” – there'),
        ('<kbd>"k" -- x</kbd> and "y"', '<kbd>"k" -- x</kbd> and “y”'),
        ("A <!-- a -- b 'c' --> end.", "<!-- a -- b 'c' -->"),
        ('A "para"\n{: title="a--b" }', '<p title="a--b">A “para”</p>'),
        ('Escaped \\"quotes\\" and \\-- too', 'Escaped "quotes" and -- too'),
        ("a <<b>> c << d >>", "a «b» c «\u00a0d\u00a0»"),
        (
            "[info@xn--bcher.example](mailto:info@xn--bcher.example) -- ok",
            ">info@xn--bcher.example</a> – ok",
        ),
        ("Write to a--b@example.org -- now", "Write to a--b@example.org – now"),
        (
            "See https://xn--bcher.example/a--b/... -- or www.x--y.org...",
            "See https://xn--bcher.example/a--b/... – or www.x--y.org...",
        ),
    ],
    ids=[
        "code-span",
        "fenced-code",
        "indented-code",
        "link-target-and-title",
        "autolink",
        "alt-text",
        "raw-html-block",
        "inline-html-attribute",
        "raw-kbd",
        "comment",
        "attribute-list",
        "escapes",
        "guillemets-not-tags",
        "address-as-link-text",
        "address-in-text",
        "web-address-in-text",
    ],
)
def test_what_kramdown_leaves_alone_stays_straight(source: str, fragment: str) -> None:
    """Code, URLs, attributes, raw HTML and escapes keep the characters as typed; so do
    addresses in the text (kramdown made xn--bcher an en dash: a wrong address, and a link's
    text then no address to protect)."""
    assert fragment in markdown_to_html(source)


@pytest.mark.parametrize(
    ("text", "after", "expected"),
    [
        ('He said "', "*so", "He said “"),
        ('"', "", "”"),
        ('"', "`x`", "“"),
        ("Custer'", "s ", "Custer’"),
    ],
)
def test_quotes_look_at_the_markdown_that_follows(text: str, after: str, expected: str) -> None:
    """A quote before emphasis or code opens; at the end of a text it closes."""
    assert typeset(text, after) == expected


def test_titles_and_summaries_are_set_as_the_text_is(tmp_path: Path) -> None:
    """Issue 22: titles and summaries kept straight quotes and "--" where the body beside
    them has curly ones and dashes. They are set by the same typography, on the page, in
    the lists, the feed and the calendar alike; code between backticks as written (the 69th
    attack: `--help` was "–help")."""
    from tag_site import create_app

    from .helpers import SITE_YML, freeze

    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    (content / "events").mkdir()
    (content / "site.yml").write_text(SITE_YML, "utf-8")
    (content / "index.md").write_text("---\nlayout: home\nsections: [news]\n---\nHi.\n", "utf-8")
    (content / "news/2026-05-01-a.md").write_text(
        '---\ntitle: \'"Deep" solvers -- a view\'\nsummary: It\'s here...\n---\nThe "body".\n',
        "utf-8",
    )
    (content / "events/2026-06-01-b.md").write_text(
        '---\ntitle: Ada\'s talk\nstart: 2026-06-01\nsummary: A "talk"\n'
        "description: Run `--help` first\n---\nx\n",
        "utf-8",
    )
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2026-05-26"})
    assert freeze(app, "--dest", str(tmp_path / "b")).exit_code == 0
    build = tmp_path / "b"
    for name in ("news/2026/a/index.html", "news/index.html", "feed.xml"):
        made = (build / name).read_text("utf-8")
        assert "“Deep” solvers – a view" in made and "It’s here…" in made, name
        assert '"Deep"' not in made and "&#34;Deep&#34;" not in made, name
    assert "Ada’s talk" in (build / "events.ics").read_text("utf-8")
    assert "A “talk”" in (build / "events/index.html").read_text("utf-8")
    assert "Run `--help` first" in (build / "events/2026/b/index.html").read_text("utf-8")
