"""Random and mutated content through `flask check` and `flask freeze`, with Hypothesis.

Each example is a small site whose pages, posts, events and members are made of hostile
pieces (unclosed brackets and tags, formulas, Liquid, addresses, scripts, odd Unicode,
broken YAML) or of the sample site's own files with bytes flipped. Whatever comes in: no
traceback, no hang; a freeze that succeeds writes well-formed XML, calendars that parse, no
plain e-mail address and no script anywhere; a freeze that refuses leaves the previous build
exactly as it was. Derandomized and bounded (a few seconds), so it runs on every `make test`.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tag_site import create_app
from tag_site.markdown.markup import FILE, MARKUP_SUFFIXES, scan

from .helpers import ADDRESS, SAMPLE, deadline, published_text, snapshot

PIECES = [
    "[", "]", "(", ")", "![", "[^1]", "[x](", "](/about/)", "<", ">", "<a", "</a>", "<div>",
    "</div>", "<!--", "-->", "`", "```", "~~~", "$$", "\\(", "\\)", "\\[", "\\]", "{%", "%}",
    "{{", "}}", "{% for m in site.data.members %}", "{% endfor %}", "{: .x }", '{: style="a" }',
    "<script>alert(1)</script>", "<svg onload=x>", "javascript:alert(1)", "ada@example.org",
    "[mail](mailto:ada@example.org)", "<ada@example.org>", "*", "_", "**", "--", "...", '"',
    "'", "<<", ">>", "\n", "\n\n", "    ", "> ", "- ", "1. ", "# ", "|", "---", "&", "&#64;",
    "é", "\u200b", "\U0001f600", "\ufeff", "\x0c", "\x01", "\\", "%", "#", "?", ":", "x",
]  # fmt: skip
NAMES = ["about.md", "news/2026-01-21-x.md", "events/2027-05-24-e.md", "index.md"]
FRONT = [
    "title: {}", 'title: "{}"', "summary: {}", "author: {}", "tags: {}", "location: {}",
    "date: {}", "redirect_from: {}", "permalink: {}", "layout: {}",
]  # fmt: skip

WORDS = [
    "word ",
    "A sentence. ",
    "\n\n",
    "[a link](/about/) ",
    "*stress* ",
    "`code` ",
    "jane@example.org ",
]
PIECE = st.sampled_from(PIECES + WORDS * 30)  # hostile pieces, and enough prose to publish
texts = st.lists(PIECE, max_size=40).map("".join)
values = st.lists(PIECE, max_size=6).map("".join)
fronts = st.lists(
    st.tuples(st.sampled_from(FRONT), values), max_size=3, unique_by=lambda p: p[0]
).map(lambda pairs: "\n".join(template.format(json.dumps(value)) for template, value in pairs))


@st.composite
def sites(draw: st.DrawFn) -> dict[str, bytes]:
    """Return a few hostile files for the sample site, and maybe one of its files mutated."""
    files: dict[str, bytes] = {}
    for name in draw(st.sets(st.sampled_from(NAMES), min_size=1, max_size=3)):
        start = "start: 2027-05-24\n" if name.startswith("events") else ""
        files[name] = f"---\ntitle: T\n{start}{draw(fronts)}\n---\n{draw(texts)}\n".encode()
    if draw(st.booleans()):
        files["data/members.yml"] = f"- name: {json.dumps(draw(values))}\n".encode()
    if draw(st.booleans()):
        files["files/x.svg"] = f"<svg>{draw(texts)}</svg>".encode()
    if draw(st.integers(0, 3)) == 0:
        original = draw(st.sampled_from(sorted(SAMPLE.rglob("*.md"))))
        raw = bytearray(original.read_bytes())
        for position in draw(st.lists(st.integers(0, len(raw) - 1), max_size=4)):
            raw[position] = draw(st.integers(0, 255))
        files[original.relative_to(SAMPLE).as_posix()] = bytes(raw)
    return files


def assert_well_formed(build: Path) -> None:
    """Every XML file parses, every calendar parses, no file holds an address or a script."""
    for path in build.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".xml":
            ET.fromstring(raw)
        if path.suffix == ".ics":
            icalendar.Calendar.from_ical(raw)
        text = published_text(path)
        assert not ADDRESS.search(text), path
        if path.suffix in MARKUP_SUFFIXES and path.suffix != ".html":
            assert not [f.message for f in scan(text, FILE) if not f.warning], path
        if path.suffix == ".html":
            assert "<script>" not in text.replace('<script type="application/ld+json">', ""), path


outcomes: Counter[int] = Counter()


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a build of the sample site, which every refused freeze must leave as it was."""
    folder = tmp_path_factory.mktemp("previous")
    content = folder / "content"
    shutil.copytree(SAMPLE, content)
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2026-12-01"})
    assert (
        app.test_cli_runner().invoke(args=["freeze", "--dest", str(folder / "build")]).exit_code
        == 0
    )
    return folder / "build"


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=sites())
def test_whatever_comes_in_nothing_breaks_hangs_or_leaks(
    files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory, previous_build: Path
) -> None:
    """Check and freeze a random hostile site: no traceback, no hang, nothing broken published."""
    folder = tmp_path_factory.mktemp("fuzz")
    content = folder / "content"
    shutil.copytree(SAMPLE, content)
    for name, raw in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(raw)
    build = folder / "build"
    shutil.copytree(previous_build, build)
    before = snapshot(build)
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2026-12-01"})
    runner = app.test_cli_runner()
    with deadline(20):
        checked = runner.invoke(args=["check"])
        frozen = runner.invoke(args=["freeze", "--dest", str(build)])
    for result in (checked, frozen):
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert "Traceback" not in result.output
    outcomes[frozen.exit_code] += 1
    if frozen.exit_code == 0:
        assert_well_formed(build)
    else:
        assert snapshot(build) == before
    shutil.rmtree(folder)


def test_the_fuzzing_published_some_sites() -> None:
    """Some of the random sites were good enough to publish, so their output was checked.
    Hypothesis draws the same first sites each run, then adapts to the run: a change of the
    engine that judged 49 sites exactly as before drew others after the sixth, of which 8
    (not 14) were good enough; so this asks for a few, not for a share."""
    if not outcomes:
        pytest.skip("counts what the fuzz test above saw: run the module")
    assert outcomes[0] >= 5, outcomes
