"""`flask check` and the freeze on bad input: one fixture file per mistake an editor can make.

Each case puts a file from tests/data/bad into a small, valid site and expects one problem at
an exact place, with the gist of its message; errors also stop `flask freeze`, which leaves
the previous build as it was.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tag_site import ROOT
from tag_site.errors import Problem
from tag_site.markdown import addresses
from tag_site.markdown.markup import HIDING_CLASSES

from .helpers import SEED, SITE_YML, Write, check, freeze, snapshot

# Peter Benner, whose address members.yml keeps hidden: what the hidden-address tests hide.
BENNER_HIDDEN = "- name: Peter Benner\n  email: benner@mpi-magdeburg.mpg.de\n  show_email: false\n"


def refused_as_benners(site: Write, app: Flask, text: str, line: str) -> None:
    """Check a page of ``text`` with Peter Benner's address hidden: an error at ``line`` (a
    pattern) says the page shows his address."""
    site("data/members.yml", BENNER_HIDDEN)
    site("p.md", f"---\ntitle: P\n---\n\n{text}\n")
    result = check(app)
    said = "error: this address is member 1's (Peter Benner)"
    assert re.search(rf"content/p\.md:{line}(:\d+)?: {re.escape(said)}", result.output), (
        result.output
    )


BAD = Path(__file__).parent / "data" / "bad"
E = "content/events/2027-05-24-e.md"
P = "content/page.md"

# (fixture in tests/data/bad, where it goes in content/, expected place, severity, gist)
CASES = [
    ("yaml-colon.md", "page.md", f"{P}:2:13", "error", "mapping values are not allowed"),
    ("yaml-not-mapping.md", "page.md", f"{P}:2", "error", "must be 'key: value' lines"),
    ("yaml-duplicate-key.md", "page.md", f"{P}:4:1", "error", "'title' appears twice (first on line 2)"),
    ("yaml-unclosed.md", "page.md", f"{P}:1", "error", "has no closing '---' line"),
    ("yaml-tab.md", "page.md", f"{P}:3:1", "error", "replace the tab with spaces"),
    ("unknown-key.md", "page.md", f"{P}:3", "warning", "unknown key 'titel' is ignored — did you mean 'title'?"),
    ("missing-title.md", "page.md", f"{P}:2", "error", "'title' is missing"),
    ("blank-title.md", "page.md", f"{P}:2", "error", "'title' shows nothing (only spaces or invisible characters) — write what it should say"),
    ("tags-mapping.md", "page.md", f"{P}:3", "error", "'tags' must be a list"),
    ("bad-layout.md", "page.md", f"{P}:3", "error", "unknown layout 'fancy'"),
    ("bad-date.md", "page.md", f"{P}:3:7", "error", "'2026-02-30' is not a real date"),
    ("not-utf8.md", "page.md", f"{P}:2", "error", "this file is not UTF-8 text"),
    ("event-end-before-start.md", "events/2027-05-24-e.md", f"{E}:4", "error", "'end' (2027-05-24) is before 'start'"),
    ("event-unknown-zone.md", "events/2027-05-24-e.md", f"{E}:4", "error", "unknown time zone 'Europe/Berln'"),
    ("event-no-start.md", "events/2027-05-24-e.md", f"{E}:2", "error", "'start' is missing"),
    ("event-deadline-after-end.md", "events/2027-05-24-e.md", f"{E}:4", "error", "'deadline' (2027-06-01) is after the event ends"),
    ("event-series-skipped-hour.md", "events/2027-05-24-e.md", f"{E}:3", "error", "the meeting of 2027-03-28 at 02:30 does not happen in Europe/Berlin: the clocks go forward then — add that day to 'except'"),
    ("event-skipped-hour-site-zone.md", "events/2027-05-24-e.md", f"{E}:4", "error", "'end': 2027-03-28 02:15 does not happen in Europe/Berlin: the clocks go forward then"),
    ("event-end-skipped-hour.md", "events/2027-05-24-e.md", f"{E}:4", "error", "'end': 2027-03-28 02:30 does not happen in Europe/Berlin: the clocks go forward then"),
    ("event-skipped-hour.md", "events/2027-05-24-e.md", f"{E}:3", "error", "2027-03-28 02:30 does not happen in Europe/Berlin: the clocks go forward then — write the time the clocks show (03:30)"),
    ("event-impossible-time.md", "events/2027-05-24-e.md", f"{E}:3", "error", "is not a real date or time"),
    ("news-bad-name.md", "news/kickoff.md", "content/news/kickoff.md", "error", "the file name must be YYYY-MM-DD-title.md"),
    ("members-not-list.yml", "data/members.yml", "content/data/members.yml:1", "error", "must be a list of members"),
    ("members-mailto.yml", "data/members.yml", "content/data/members.yml:2", "error", "member 1 (Ada): 'email' must be a plain address like 'ada@example.org'"),
    ("members-no-name.yml", "data/members.yml", "content/data/members.yml:1", "error", "member 1: 'name' is missing"),
    ("members-maybe.yml", "data/members.yml", "content/data/members.yml:2", "error", "'ems_member' must be true or false, not 'maybe'"),
    ("members-typo.yml", "data/members.yml", "content/data/members.yml:2", "warning", "unknown key 'emial' is ignored — did you mean 'email'?"),
    ("site-bad-url.yml", "site.yml", "content/site.yml:2", "error", "'url' must be the full address"),
    ("site-url-long-path.yml", "site.yml", "content/site.yml:2", "error", "'url' has a path of 109 characters, more than 100 (it is written before every link of every page) — shorten it"),
    ("site-bad-zone.yml", "site.yml", "content/site.yml:2", "error", "unknown time zone 'Mars/Olympus'"),
    ("nav-missing.yml", "site.yml", "content/site.yml:7", "error", "link '/research/' points to /research/, which is not a page or file of the site"),
    ("permalink-clash.md", "page.md", f"{P}:3", "error", "has the same URL /about/ as content/about.md"),
    ("permalink-dotdot.md", "page.md", f"{P}:3", "error", "must be a plain site path"),
    ("permalink-query.md", "page.md", f"{P}:3", "error", "must be a plain site path"),
    ("news-permalink-list.md", "news/2026-06-01-c.md", "content/news/2026-06-01-c.md:3", "error", "the URL /members/ is made by the site itself — change its name or permalink"),
    ("permalink-offsite.md", "page.md", f"{P}:3", "error", "must be a plain site path"),
    ("slug-dotdot.md", "news/2026-01-21-s.md", "content/news/2026-01-21-s.md:3", "error", "slug '../../x' must be"),
    ("case-clash.md", "About.md", "content/about.md:1", "error", "has the same URL /about/ as content/About.md (as /About/: one file once published)"),
    ("link-missing-page.md", "page.md", f"{P}:5:5", "error", "points to /research/, which is not a page or file of the site"),
    ("link-missing-anchor.md", "page.md", f"{P}:5:5", "error", "/about/ has no heading or anchor 'nobody'"),
    ("link-missing-image.md", "page.md", f"{P}:5:1", "error", "image '/img/logo.png' points to /img/logo.png, which is not"),
    ("srcset-missing.md", "page.md", f"{P}:5:1", "error", "image '/img/logo-2x.png' points to /img/logo-2x.png, which is not"),
    ("link-missing-file.md", "page.md", f"{P}:5:5", "error", "points to /files/report.pdf, which is not"),
    ("link-bare-email.md", "page.md", f"{P}:5:3", "error", "link target 'ada@example.org' looks like an e-mail address — write mailto:ada@example.org"),
    ("link-email-scheme.md", "page.md", f"{P}:5:3", "error", "looks like an e-mail address — write mailto:ada@example.org"),
    ("link-unknown-scheme.md", "page.md", f"{P}:5:1", "error", "has an unknown scheme 'htps:'"),
    ("link-unknown-scheme-address.md", "page.md", f"{P}:5:1", "error", "has an unknown scheme 'file:'"),
    ("link-javascript.md", "page.md", f"{P}:5:1", "error", "uses javascript:, which can run code"),
    ("link-javascript-case.md", "page.md", f"{P}:5:1", "error", "uses javascript:, which can run code"),
    ("link-javascript-entities.md", "page.md", f"{P}:5:1", "error", "uses javascript:, which can run code"),
    ("link-data.md", "page.md", f"{P}:5:1", "error", "uses data:, which can run code"),
    ("link-vbscript.md", "page.md", f"{P}:5:1", "error", "uses vbscript:, which can run code"),
    ("link-http.md", "page.md", f"{P}:5:5", "warning", "is not encrypted — use https://"),
    ("link-port.md", "page.md", f"{P}:5:5", "error", "has a port no browser can reach (1 to 65535)"),
    ("link-port-zero.md", "page.md", f"{P}:5:5", "error", "has a port no browser can reach (1 to 65535)"),
    ("link-bracket.md", "page.md", f"{P}:5:5", "error", "has a '[' or ']' in its host, outside an IPv6 address, which no browser opens"),
    ("link-host.md", "page.md", f"{P}:5:5", "error", "has a host no browser can reach ('data..example.org': an empty part"),
    ("link-ftp.md", "page.md", f"{P}:5:5", "warning", "uses ftp:, which browsers no longer open — use its https:// address if it has one"),
    ("link-userinfo.md", "page.md", f"{P}:5:1", "error", "names a user before its host, which hides where it leads (to evil.example)"),
    ("link-userinfo-schemeless.md", "page.md", f"{P}:5:1", "error", "'//good.example@evil.example/' names a user before its host"),
    ("image-no-alt.md", "page.md", f"{P}:5:1", "error", "has no alt text — describe it: ![What it shows]"),
    ("html-image-no-alt.md", "page.md", f"{P}:5:1", "error", "has no alt text — describe it: alt=\"What it shows\""),
    ("image-elsewhere.md", "page.md", f"{P}:5:1", "warning", "image 'https://images.example.org/group.jpg' is on another site, which the site's pages do not load"),
    ("defined-twice.md", "page.md", f"{P}:8:1", "warning", "the link [The  Report] is defined a second time: the page uses this later definition and drops the earlier one — keep one"),
    ("defined-twice-notes.md", "page.md", f"{P}:8:1", "warning", "the abbreviation *[TeX] is defined a second time"),
    ("defined-twice-quote.md", "page.md", f"{P}:8:3", "warning", "the link [A] is defined a second time"),
    ("link-definition-unused.md", "page.md", f"{P}:6:1", "warning", "the line [Update]: … is read as the definition of a link that no link of the text names, so it is not shown"),
    ("footnote-unused.md", "page.md", f"{P}:7:1", "warning", "the footnote [^note] is pointed to nowhere in the text"),
    ("abbreviation-unused.md", "page.md", f"{P}:7:1", "warning", "the abbreviation *[Update, 5 May] is marked nowhere in the text, and its line is not shown"),
    ("attribute-list-words.md", "page.md", f"{P}:6:1", "warning", "{: see the new date} makes see, the, new, date attributes of what stands before it, and shows none of its words"),
    ("attribute-list-hidden.md", "page.md", f"{P}:6:1", "error", "hidden= hides the element and all it holds from readers"),
    ("html-popover.md", "page.md", f"{P}:5:1", "error", "popover= hides the element and all it holds from readers"),
    ("html-noscript.md", "page.md", f"{P}:5:1", "error", "<noscript> is not allowed in a page: it shows what it holds only to readers whose browser runs no scripts"),
    ("class-hides.md", "page.md", f"{P}:6:1", "error", 'class="nav-toggle-label" hides the element and all it holds from readers'),
    ("svg-display-none.md", "page.md", f"{P}:5:6", "error", 'display="none" hides the element and all it holds from readers'),
    ("attribute-list-search.md", "page.md", f"{P}:8:1", "error", "data-pagefind-meta= steers the site's search"),
    ("html-nested-deep.md", "page.md", f"{P}:6:1276", "error", "HTML elements are nested 301 levels deep here, more than the site can show (256) — nest them less deeply"),
    ("unclosed-div.md", "page.md", f"{P}:7:1", "error", "<div> is never closed: the page may lose what follows it"),
    ("kramdown-comment.md", "page.md", f"{P}:7:1", "error", "kramdown's {::comment} is shown here as text, with all it holds — write <!-- … --> instead"),
    ("table-row-too-wide.md", "page.md", f"{P}:7:1", "warning", "this row of the table has 3 cells and its header 2: the page drops the last 1"),
    ("media-elsewhere.md", "page.md", f"{P}:5:1", "warning", "<video poster=> loads 'https://images.example.org/still.png' from another site"),
    ("svg-image-elsewhere.md", "page.md", f"{P}:5:24", "warning", "<image href=> loads '//images.example.org/a.png' from another site"),
    ("srcset-elsewhere.md", "page.md", f"{P}:5:1", "warning", "<img srcset=> loads 'https://images.example.org/b.png' from another site"),
    ("attachment-style-load.svg", "files/logo.svg", "content/files/logo.svg:2:8", "warning", "its style loads 'https://fonts.example.org/a.css' from another site"),
    ("html-mphantom.md", "page.md", f"{P}:5:17", "error", "<mphantom> hides what it holds from readers"),
    ("link-ping.md", "page.md", f"{P}:5:6", "warning", "ping= tells another address of each reader who clicks"),
    ("html-srcset-data.md", "page.md", f"{P}:5:1", "error", "uses data:, which can run code"),
    ("html-script.md", "page.md", f"{P}:5:1", "error", "<script> is not allowed"),
    ("html-iframe.md", "page.md", f"{P}:5:1", "error", "<iframe> is not allowed"),
    ("html-onclick.md", "page.md", f"{P}:5:1", "error", "the onclick= handler runs code"),
    ("html-formaction.md", "page.md", f"{P}:5:1", "error", "formaction= a form sends what readers type to another address"),
    ("html-style.md", "page.md", f"{P}:5:1", "error", "<style> is not allowed"),
    ("attachment-encoded-address.txt", "files/notes.txt", "content/files/notes.txt:1:10", "error", "the address ada%40example.org would be published in this file as it is"),
    ("html-template.md", "page.md", f"{P}:5:18", "error", "<template> is not allowed in a page: it never shows what it holds"),
    ("html-unknown-tag.md", "page.md", f"{P}:5:15", "warning", "<kind> is read as an HTML tag, which the page does not show, nor its words"),
    ("html-center.md", "page.md", f"{P}:5:1", "warning", "<center> is obsolete HTML"),
    ("liquid-baseurl.md", "page.md", f"{P}:5:9", "error", "Liquid is not supported: '{{ site.baseurl }}' — remove it"),
    ("liquid-link.md", "page.md", f"{P}:5:9", "error", "write a Markdown link to the file"),
    ("liquid-include.md", "page.md", f"{P}:5:1", "error", "paste the text it included here"),
    ("plain-address.md", "page.md", f"{P}:5:10", "warning", "the address ada@example.org is plain text"),
    ("formula-phantom.md", "page.md", f"{P}:5:1", "error", "\\phantom hides what it holds from readers"),
    ("formula-definition.md", "page.md", f"{P}:5:1", "error", "\\newcommand defines a command, and the words it holds are not shown"),
    ("formula-overlap.md", "page.md", f"{P}:5:1", "error", "\\rlap draws what it holds over the words beside it"),
    ("formula-mathcolor.md", "page.md", f"{P}:5:1", "error", "\\mathcolor sets a colour"),
    ("html-processing-instruction.md", "page.md", f"{P}:5:1", "error", "<?… is read as nothing by browsers, with all it holds"),
    ("formula-unbalanced.md", "page.md", f"{P}:5:14", "error", "formula '\\frac{1}{': a '{' is never closed"),
    ("formula-unknown-command.md", "page.md", f"{P}:5:1", "error", "unknown command \\foo — check its spelling"),
    ("html-video-fallback.md", "page.md", f"{P}:5:1", "error", "<video> shows the words it holds only in browsers that cannot play it — put them before or after it"),
    ("svg-metadata-words.md", "page.md", f"{P}:5:24", "error", "<metadata> never shows the words it holds"),
    ("svg-defs-words.md", "page.md", f"{P}:5:1", "warning", "<svg> draws the words it holds as its attributes say (their size, colour, place), which the check cannot judge — check that every reader sees them"),
    ("svg-unclosed.md", "page.md", f"{P}:5:16", "error", "<svg> is never closed, and draws none of the words after it — close it"),
    ("html-textarea.md", "page.md", f"{P}:5:1", "error", "<textarea> is not allowed in a page: a form's text box"),
    ("html-colour.md", "page.md", f"{P}:5:6", "error", "color= sets a colour, which can hide the words on the site's light or dark background"),
    ("svg-opacity-zero.md", "page.md", f"{P}:5:24", "error", 'opacity="0" hides the element and all it holds from readers'),
    ("formula-colour.md", "page.md", f"{P}:5:1", "error", "the formula sets colours (\\color, \\colorbox…), which can hide its words"),
    ("formula-text-command.md", "page.md", f"{P}:5:1", "error", "\\textit inside \\text{…} is not read, and its words are lost or shown as written"),
    ("formula-far.md", "page.md", f"{P}:5:1", "error", "the formula moves or spaces what it shows by"),
    ("formula-mathchoice.md", "page.md", f"{P}:5:1", "error", "\\mathchoice hides what it holds from readers"),
    ("formula-percent.md", "page.md", f"{P}:5:3", "warning", "its % starts a TeX comment, which hides the rest of its line — write \\% for a percent sign"),
    ("html-maction.md", "page.md", f"{P}:5:7", "error", "<maction> is not allowed in a page: MathML shows one of what it holds"),
    ("html-rp.md", "page.md", f"{P}:5:8", "error", "<rp> shows the words it holds only in browsers that cannot show ruby"),
    ("html-input.md", "page.md", f"{P}:5:1", "error", "a form's field, which the page has no form for"),
    ("fence-in-list.md", "page.md", f"{P}:7:3", "warning", "``` indented, or in a list's item or a quote, opens no code block here (kramdown and GitHub make one)"),
    ("html-map.md", "page.md", f"{P}:5:1", "error", "an image map: its areas' words (alt) are read only over a picture that uses it"),
    ("mathml-none.md", "page.md", f"{P}:5:17", "error", "<none> never shows the words it holds (MathML draws an empty place)"),
    ("mathml-mprescripts.md", "page.md", f"{P}:5:32", "error", "<mprescripts> never shows the words it holds"),
    ("mathml-ms-quotes.md", "page.md", f"{P}:5:7", "error", "<ms lquote=… rquote=…>: browsers draw their own quotes — remove these"),
    ("html-end-tag-quote.md", "page.md", f"{P}:6:25", "error", "the onerror= handler runs code"),
    ("attachment-end-tag-quote.html", "files/a.html", "content/files/a.html:1:31", "error", "<script> is not allowed"),
    ("end-tag-slash-words.md", "page.md", f"{P}:5:8", "warning", "</span/dogs and cats> is an end tag, and browsers show nothing of what follows its name"),
    ("audio-unclosed.md", "page.md", f"{P}:5:9", "error", "<audio> shows the words it holds only in browsers that cannot play it and, never closed, holds the rest of the page — close it with </audio>"),
]  # fmt: skip


def test_old_html_that_leaves_its_paragraphs_open_is_not_too_deep(site: Write, app: Flask) -> None:
    """Elements the next one closes (<p>, <li>, <td>) and empty ones (<br>) add no depth: an
    old page of 400 open paragraphs and line breaks passes."""
    rows = "".join(f"<p>Line {n}<br>\n<ul><li>a<li>b</ul>\n" for n in range(400))
    site("old.md", f"---\ntitle: Old\n---\n\n<div>\n{rows}</div>\n")
    result = check(app)
    assert result.exit_code == 0 and "nested" not in result.output, result.output


def test_a_page_of_autolinks_is_not_too_deep(site: Write, app: Flask) -> None:
    """<https://…> and <ada@…> are links, not elements: 257 of them were read as open
    elements, and the page as nested 257 deep."""
    links = "\n".join(f"- <https://example.org/paper/{n}>" for n in range(300))
    site("papers.md", f"---\ntitle: Papers\n---\n\n{links}\n")
    result = check(app)
    assert result.exit_code == 0 and "nested" not in result.output, result.output


def test_the_depth_of_a_page_is_read_in_linear_time() -> None:
    """`<x<x<x…`: each "<" read a tag's name on past the next "<", to the end of the text
    (32 kB: 2.9 s)."""
    import time

    from tag_site.markdown.markup import nested_past

    def read(times: int) -> float:
        started = time.process_time()
        nested_past("<x" * times, 256)
        return time.process_time() - started

    small = min(read(16_000) for _ in range(3))
    large = min(read(64_000) for _ in range(3))
    assert large < max(8 * small, 0.1), (small, large)


@pytest.mark.parametrize(
    "written",
    ["<div ", "<html ", "<title ", "<link ", '&#160;<a class="footnote-backref" href="#fnref:x" '],
)
def test_tags_never_ended_are_read_in_linear_time(written: str) -> None:
    """`<div <div <div…` with no ">": each "<div" was read as a tag up to a ">" past the end
    of the text (an import of 1.5 MB of them ran for more than a minute); so were the
    whole-document, title, style-sheet and footnote patterns."""
    import time

    from tag_site.jekyll.reading import body_of_document
    from tag_site.markdown.render import markdown_to_html
    from tag_site.markdown.source_map import html_blocks

    def read(times: int) -> float:
        text = written * times
        started = time.process_time()
        html_blocks(text)
        body_of_document(text)
        if "footnote" in written:
            markdown_to_html(text[:20_000])  # its pattern reads the page as made
        return time.process_time() - started

    small = min(read(4_000) for _ in range(3))
    large = min(read(16_000) for _ in range(3))
    assert large < max(8 * small, 0.1), (small, large)


def test_the_classes_the_stylesheet_hides_are_the_checks() -> None:
    """A class of static/site.css that hides an element on a screen (display: none outside
    print, or off the page above it) is one the check refuses in a page, and no other; on
    paper, only ``no-print`` hides more (the 55th attack: a paragraph an editor gave the
    class "banner" was left out of a printed report)."""
    css = (ROOT / "static" / "site.css").read_text("utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    printed = re.search(r"@media print \{((?:[^{}]*\{[^{}]*\})*[^{}]*)\}", css)
    assert printed
    assert hidden_classes(css.replace(printed[0], "")) == HIDING_CLASSES
    assert hidden_classes(printed[1]) == HIDING_CLASSES | {"no-print"}


def hidden_classes(css: str) -> set[str]:
    """Return the classes a stylesheet hides (display: none, or off the page above it)."""
    return {
        name[1]
        for selectors, rules in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
        if re.search(r"display:\s*none|top:\s*-", rules)
        for selector in selectors.split(",")
        if (name := re.fullmatch(r"\s*\.([\w-]+)\s*", selector))
    }


def place(site: Write, fixture: str, destination: str) -> None:
    """Put a fixture file into the site's content folder."""
    site(destination, (BAD / fixture).read_bytes())


def test_there_are_at_least_forty_cases() -> None:
    """The suite covers every mistake the issue names, one fixture file each."""
    assert len(CASES) >= 40
    assert sorted(case[0] for case in CASES) == sorted(p.name for p in BAD.iterdir())


@pytest.mark.parametrize(
    ("fixture", "destination", "where", "severity", "gist"),
    CASES,
    ids=[case[0].rsplit(".", 1)[0] for case in CASES],
)
def test_check_names_the_place_and_the_fix(
    site: Write, app: Flask, fixture: str, destination: str, where: str, severity: str, gist: str
) -> None:
    """`flask check` prints the problem at its file:line:col; exit 1 for errors only."""
    place(site, fixture, destination)
    result = check(app)
    lines = [
        line for line in result.output.splitlines() if line.startswith(f"{where}: {severity}: ")
    ]
    assert any(gist in line for line in lines), result.output
    assert result.exit_code == (1 if severity == "error" else 0)
    assert "Traceback" not in result.output
    if severity == "warning":
        strict = check(app, "--strict")
        assert strict.exit_code == 1 and f"{where}: warning: " in strict.output, strict.output
        assert gist in strict.output


@pytest.mark.parametrize(
    ("fixture", "destination", "where", "severity", "gist"),
    [case for case in CASES if case[3] == "error"],
    ids=[case[0].rsplit(".", 1)[0] for case in CASES if case[3] == "error"],
)
def test_freeze_refuses_and_keeps_the_previous_build(
    site: Write,
    app: Flask,
    tmp_path: Path,
    fixture: str,
    destination: str,
    where: str,
    severity: str,
    gist: str,
) -> None:
    """The freeze runs the same checks: exit 1, the same line, the old build byte-identical."""
    dest = tmp_path / "build"
    first = freeze(app, "--dest", str(dest))
    assert first.exit_code == 0, first.output
    before = snapshot(dest)
    place(site, fixture, destination)
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1
    assert any(line.startswith(where) and gist in line for line in result.output.splitlines()), (
        result.output
    )
    assert snapshot(dest) == before


def test_old_jekyll_home_page_gives_its_thirteen_broken_member_links(
    site: Write, app: Flask
) -> None:
    """The old index.md: exactly one error per broken e-mail link, lines 34–46, with the fix."""
    site("index.md", SEED.read_bytes())
    result = check(app)
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 13, result.output
    lines = [int(line.split(":")[1]) for line in errors]
    assert lines == list(range(34, 47))
    assert all("looks like an e-mail address — write mailto:" in line for line in errors)
    assert (
        "content/index.md:34:3: error: link target 'bruno.despres@sorbonne-universite.fr' "
        "looks like an e-mail address — write mailto:bruno.despres@sorbonne-universite.fr" in errors
    )


def test_shipped_content_is_clean(real_app: Flask) -> None:
    """The site's own content: 0 errors, 0 warnings, even with --strict."""
    result = check(real_app, "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 errors, 0 warnings"


def test_the_github_format_annotates_the_pull_requests_lines(site: Write, app: Flask) -> None:
    """--format github prints workflow commands GitHub shows on the pull request's diff."""
    place(site, "link-bare-email.md", "page.md")
    place(site, "link-http.md", "other.md")
    output = check(app, "--format", "github").output
    assert (
        "::error file=content/page.md,line=5,col=3::link target 'ada@example.org' looks like"
        in output
    )
    assert "::warning file=content/other.md,line=5,col=5::" in output


def test_github_annotations_escape_what_would_break_them() -> None:
    """Newlines, percent signs and separators cannot end or split an annotation."""
    problem = Problem(Path("content/a,b:c.md"), 3, "100% wrong\nsecond line", column=2)
    assert (
        problem.annotation()
        == "::error file=content/a%2Cb%3Ac.md,line=3,col=2::100%25 wrong%0Asecond line"
    )


def test_every_problem_is_reported_not_just_the_first(site: Write, app: Flask) -> None:
    """Several broken files: every problem of every file is listed."""
    for fixture in ("link-bare-email.md", "html-script.md", "liquid-include.md"):
        place(site, fixture, fixture)
    place(site, "members-maybe.yml", "data/members.yml")
    errors = [line for line in check(app).output.splitlines() if ": error: " in line]
    assert len(errors) == 4


def test_a_symlink_a_big_file_and_names_that_differ_in_case_are_refused(
    site: Write, content: Path, tmp_path: Path, app: Flask
) -> None:
    """Files: a symlink is refused, over 5 MB is too big, names must differ in more than case."""
    (tmp_path / "outside.txt").write_text("secret")
    (content / "leak.txt").symlink_to(tmp_path / "outside.txt")
    with (content / "huge.pdf").open("wb") as file:
        file.truncate(5 * 1024 * 1024 + 1)
    site("files/Report.pdf", b"%PDF")
    site("files/report.pdf", b"%PDF")
    output = check(app).output
    assert "content/leak.txt: error: is a symbolic link" in output
    assert "content/huge.pdf: error: is 5.2 MB: over 5 MB makes the site slow" in output
    assert (
        "content/files/report.pdf: error: has the same URL /files/report.pdf as "
        "content/files/Report.pdf (as /files/Report.pdf: one file once published)" in output
    )


def test_editor_temp_files_are_ignored(site: Write, app: Flask) -> None:
    """Backups and swap files of editors are neither content nor problems."""
    for name in (".page.md.swp", "page.md~", "#page.md#", ".#page.md", "4913", ".DS_Store"):
        site(name, b"\x00\xff garbage")
    assert check(app, "--strict").exit_code == 0


@pytest.mark.parametrize(
    "garbage",
    [
        bytes(random.Random(4).randrange(256) for _ in range(4000)),
        b"",
        b"---\ntitle: Only front matter\n---\n",
        b"*" * 10_000,
        b"---\n" + b"[" * 300 + b"\n---\n",
        b"<" * 5000 + b"a href=" * 500,
        ("\u202e\u0000\ufeff" * 200).encode(),
    ],
    ids=[
        "random-bytes",
        "empty",
        "front-matter-only",
        "10000-stars",
        "brackets",
        "angles",
        "controls",
    ],
)
def test_check_never_crashes_on_garbage(site: Write, app: Flask, garbage: bytes) -> None:
    """Garbage is reported (or accepted) and the check moves on: never a traceback."""
    site("garbage.md", garbage)
    site("news/2026-01-01-garbage.md", garbage)
    site("data/garbage.yml", garbage)
    result = check(app)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.output.strip().endswith(("warnings", "warning"))


def test_preview_lists_a_pages_problems_in_debug_mode_only(site: Write, app: Flask) -> None:
    """flask run --debug shows a page's problems at its top; without debug, and frozen, never."""
    place(site, "link-missing-page.md", "page.md")
    app.debug = True
    page = app.test_client().get("/page/").data.decode()
    assert '<aside class="problems no-print"' in page
    assert "content/page.md:5:5" in page and "points to /research/" in page
    app.debug = False
    assert '<aside class="problems no-print"' not in app.test_client().get("/page/").data.decode()


def test_check_follows_links_between_many_pages(site: Write, app: Flask) -> None:
    """1,000 pages linking to the next by file name: only the one dangling link is an error."""
    for n in range(1000):
        site(
            f"many/p{n}.md",
            f"---\ntitle: P{n}\n---\n\n## Part\n\n[next](p{n + 1}.md) [top](#part)\n",
        )
    result = check(app)
    assert result.output.count("error:") == 1, result.output
    assert "content/many/p999.md:7:1: error: link target 'p1000.md'" in result.output


# --- what a review found: holes, false alarms, and check and freeze agreeing ------------------


@pytest.mark.parametrize(
    ("body", "gist"),
    [
        (
            "Press the ` key.\n\n<script>alert(1)</script>\n\nRun `make`.\n",
            "<script> is not allowed",
        ),
        ("<!-- `x` -->\n`<!--` then <script>x()</script> `-->`\n", "<script> is not allowed"),
        ("<svg/onload=alert(1)>\n", "the onload= handler runs code"),
        ('<b/onclick="alert(3)">x</b>\n', "the onclick= handler runs code"),
        ("[wrapped\ntext](/nope/)\n", "points to /nope/"),
        ("[wrapped\nname](ada@example.org)\n", "write mailto:ada@example.org"),
        ("[no host](https://)\n", "has no host"),
        ("[events](/events/#nope)\n", "/events/ has no heading or anchor 'nope'"),
        ('<a href="mailto: ada@example.org">x</a>\n', "is not an e-mail address"),
    ],
    ids=[
        "stray-backtick",
        "comment-in-code",
        "svg-slash",
        "b-slash",
        "wrapped-link",
        "wrapped-email",
        "no-host",
        "generated-anchor",
        "mailto-space",
    ],
)
def test_what_got_past_an_earlier_check_now_stops_check_and_freeze(
    site: Write, app: Flask, tmp_path: Path, body: str, gist: str
) -> None:
    """Each of these got past an earlier version of the check; now the check and the freeze stop."""
    site("page.md", f"---\ntitle: T\n---\n\n{body}")
    result = check(app)
    assert result.exit_code == 1 and gist in result.output, result.output
    frozen = freeze(app, "--dest", str(tmp_path / "out"))
    assert frozen.exit_code == 1 and "content/page.md:" in frozen.output, frozen.output
    assert gist in frozen.output and "nothing was published" in frozen.output


@pytest.mark.parametrize(
    "body",
    [
        "Indented code:\n\n    {{ site.baseurl }} [x](/nope/) <script>\n\nText.\n",
        "- item\n\n    continued [about](/about/)\n",
        "![Logo](logo@2x.png)\n",
        '[d](/files/my report.pdf "The report") and [e](<files/my report.pdf> "T")\n',
        "The set {{1,2},{3}} and x^{{2}}.\n",
        "[both](mailto:a@example.org,b@example.org?subject=Hi)\n",
        "[same page](?a=1) and [call](tel:+49221470) and [top](#content)\n",
        "[feed](/feed.xml) [calendar](/events.ics) [css](/static/site.css) [404](/404.html)\n",
        "Footnote[^1].\n\n[^1]: The note.\n",
        "<https://example.org/> and <ada@example.org>\n",
        "$$\\text{hidden words}$$ and $$\\text{onclick here}$$\n",
    ],
    ids=[
        "indented-code",
        "list-continuation",
        "at-in-file-name",
        "spaces-and-title",
        "braces",
        "mailto-several",
        "query-tel-anchor",
        "site-files",
        "footnote",
        "autolinks",
        "words-of-a-formula",
    ],
)
def test_valid_content_is_not_flagged(site: Write, app: Flask, body: str) -> None:
    """Things editors legitimately write pass the strict check."""
    site("logo@2x.png", b"\x89PNG")
    site("files/my report.pdf", b"%PDF")
    site("page.md", f"---\ntitle: T\n---\n\n{body}")
    result = check(app, "--strict")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Intro.\n\n[a [b [c]] d](/nope/)\n", ["page.md:7:15: error: link target '/nope/'"]),
        (
            'Intro.\n\n[x](/about/){: href="/nope/"}\n',
            ["page.md:7:22: error: link target '/nope/'"],
        ),
        ("\\[not a link](/nope/) and `[code](/nope/)`\n", []),
        ("Text.\n\n[r]: /unused/\n", []),
        (
            "[a](/nope/)\n\n[b](/nope/)\n\n[c][r] [d][r]\n\n[r]: /gone/\n",
            [
                "page.md:5:1: error: link target '/nope/'",
                "page.md:7:1: error: link target '/nope/'",
                "page.md:11:6: error: link target '/gone/'",
            ],
        ),
    ],
    ids=["nested-brackets", "attribute-list", "not-links", "unused-reference", "repeated"],
)
def test_the_check_judges_the_links_the_renderer_makes(
    site: Write, app: Flask, body: str, expected: list[str]
) -> None:
    """What the published page links to is what the check follows, each at its line: links a
    pattern would miss are caught, and text the renderer leaves as text is not flagged."""
    site("about.md", "---\ntitle: About\n---\n")
    site("page.md", f"---\ntitle: T\n---\n\n{body}")
    errors = [line for line in check(app).output.splitlines() if ": error: " in line]
    assert [error.split("content/", 1)[1].split(" points")[0] for error in errors] == expected


def test_unquoted_link_attributes_are_resolved_like_quoted_ones(
    site: Write, client: FlaskClient
) -> None:
    """<a href=other.md> in a page goes where the check says it goes."""
    site("people/other.md", "---\ntitle: Other\n---\n")
    site("people/page.md", "---\ntitle: T\n---\n\n<a href=other.md>Other</a>\n")
    assert '<a href="/people/other/">Other</a>' in client.get("/people/page/").text


def test_a_link_in_angle_brackets_is_reported_once(site: Write, app: Flask) -> None:
    """[x](<http://…>) is one problem, not two."""
    site("page.md", "---\ntitle: T\n---\n\n[x](<http://example.org/>)\n")
    assert check(app).output.count("is not encrypted") == 1


def test_links_to_drafts_are_errors(site: Write, app: Flask) -> None:
    """A published page that links to a draft would have a broken link once published."""
    site("draft.md", "---\ntitle: D\ndraft: true\n---\n")
    site("page.md", "---\ntitle: T\n---\n\n[the draft](draft.md)\n")
    assert "points to /draft/, which is a draft or not published yet" in check(app).output


def test_a_draft_may_point_to_its_own_notes_and_headings(site: Write, app: Flask) -> None:
    """A draft or a post dated later with a footnote was an error ("'#fn:1' points to
    /news/2027/later/, which is a draft or not published yet"): a scheduled post stopped the
    whole site. Its own anchors are judged on it; one it lacks is still an error."""
    note = "Hello[^1], see [the plan](#plan).\n\n## Plan\n\n[^1]: A note.\n"
    site("news/2099-05-24-later.md", f"---\ntitle: Later\n---\n\n{note}")
    site("news/2026-01-02-draft.md", f"---\ntitle: D\ndraft: true\n---\n\n{note}[x](#nowhere)\n")
    output = check(app).output
    assert "draft or not published yet" not in output, output
    assert "/news/2026/draft/ has no heading or anchor 'nowhere'" in output


def test_home_anchors_follow_the_sections_shown(site: Write, app: Flask) -> None:
    """#group-members exists on the home page only when it shows the members."""
    site("index.md", "---\nlayout: home\nsections: [events]\n---\n")
    site("page.md", "---\ntitle: T\n---\n\n[members](/#group-members) [events](/#events)\n")
    output = check(app).output
    assert "/ has no heading or anchor 'group-members'" in output
    assert "'events'" not in output


@pytest.mark.parametrize(
    ("settings", "gist"),
    [
        ("title: T\nnav:\n  - title: X\n    url: 'javascript:alert(1)'\n", "'javascript:alert(1)' uses javascript:"),
        ("title: T\nnav:\n  - title: X\n    url: 'data:text/html,hi'\n", "'data:text/html,hi' uses data:"),
    ],
)  # fmt: skip
def test_navigation_links_are_checked_like_any_link(
    site: Write, app: Flask, settings: str, gist: str
) -> None:
    """A navigation entry cannot carry code onto every page: the error is at its line."""
    site("site.yml", settings)
    result = check(app)
    assert result.exit_code == 1 and f"content/site.yml:4: error: {gist}" in result.output


RUNS_CODE = (
    "error: 'javascript:alert(1)' uses javascript:, which can run code — link to a page or file "
    "of the site, or to an https:// address"
)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("[x](javascript:alert(1))", "5:1"),
        ("[x][js]\n\n[js]: javascript:alert(1)", "7:7"),
        ('<a href="javascript:alert(1)">x</a>', "5:1"),
        ("<div>\n<p><a href='javascript:alert(1)'>x</a></p>\n</div>", "6:4"),
        ('[x](/about/){: href="javascript:alert(1)"}', "5:13"),
    ],
    ids=["markdown", "reference", "html", "html-block", "attribute-list"],
)
def test_a_link_that_runs_code_is_one_error_at_its_line(
    site: Write, app: Flask, body: str, where: str
) -> None:
    """However a javascript: link is written, the scan of the markup and the check of the
    links judge it alike (markdown/markup.py): one error, at its line, saying what to do."""
    site("page.md", f"---\ntitle: T\n---\n\n{body}\n")
    result = check(app)
    said = [line for line in result.output.splitlines() if "javascript:" in line]
    assert said == [f"content/page.md:{where}: {RUNS_CODE}"], result.output


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("page.md", "---\ntitle: T\n---\n\n[x](mailto:ada@example)\n",
         "content/page.md:5:1: error: link target 'mailto:ada@example' is not an e-mail address "
         "— write mailto:name@example.org"),
        ("page.md", "---\ntitle: T\n---\n\nWrite to <ada@example.org> or\nto bo@example.org.\n",
         "content/page.md:6:4: warning: the address bo@example.org is plain text"),
        ("files/logo.png", b"\x89PNG\0\0ada@example.org\0x@y.z1\0",
         "content/files/logo.png:1:7: warning: the address ada@example.org would be published"),
        ("data/members.yml", "- name: Ada\n  email: ada@example\n",
         "content/data/members.yml:2: error: member 1 (Ada): 'email' must be a plain address "
         "like 'name@example.org'"),
        ("site.yml", "title: T\nurl: https://example.org/\nmailing_list:\n  address: list@example\n",
         "content/site.yml:3: error: 'mailing_list' must be 'address: list@example.org'"),
    ],
    ids=["mailto", "plain-text", "attachment", "member", "mailing-list"],
)  # fmt: skip
def test_an_address_is_read_alike_everywhere(
    site: Write, app: Flask, name: str, text: str | bytes, expected: str
) -> None:
    """An e-mail address is what markdown/addresses.py finds, wherever it is written: a
    link's, the text's, an attachment's, a member's, the mailing list's; each problem at its
    line (an autolink is a link; in a picture, only what mail programs write is one)."""
    site(name, text)
    output = check(app).output
    assert expected in output, output
    assert "x@y.z1" not in output and "<ada@example.org>" not in output


@pytest.mark.parametrize(
    ("name", "front_matter", "key"),
    [("events/2027-05-24-e.md", "title: E\nstart: 2027-05-24\n", key)
     for key in ("registration", "online", "url", "slides", "recording")]
    + [("news/2026-01-02-n.md", "title: N\n", "image"),
       ("jobs/2026-01-02-j.md", "title: J\nemployer: U\ndeadline: 2027-01-01\n", "url")],
)  # fmt: skip
def test_every_link_in_front_matter_is_checked(
    site: Write, app: Flask, name: str, front_matter: str, key: str
) -> None:
    """A site path in any front matter field that becomes a link must exist: the check says
    so at its line, as the freeze's link check would after building."""
    line = front_matter.count("\n") + 2
    site(name, f"---\n{front_matter}{key}: /nowhere/\n---\n")
    output = check(app).output
    assert f"content/{name}:{line}: error: '{key}' '/nowhere/' points to /nowhere/" in output


def test_big_editor_backup_is_ignored(site: Write, content: Path, app: Flask) -> None:
    """A 6 MB 'report.pdf~' left by an editor is not part of the site, so not too big either."""
    with (content / "report.pdf~").open("wb") as file:
        file.truncate(6 * 1024 * 1024)
    assert check(app, "--strict").exit_code == 0


def test_names_in_other_unicode_normal_forms_clash(site: Write, app: Flask) -> None:
    """'über.md' typed on a Mac (decomposed) and on Linux (composed) are one page."""
    site("\u00fcber.md", "---\ntitle: A\n---\n")
    site("u\u0308ber.md", "---\ntitle: B\n---\n")
    assert "has the same URL" in check(app).output


def test_freeze_refuses_code_that_slips_past_the_source_check(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even if the source check missed a script, the scan of the built pages stops it."""
    from tag_site.checks import site as checks

    monkeypatch.setattr(checks, "scan_markup", lambda text, where, found=None: iter(()))
    site("page.md", "---\ntitle: T\n---\n\n<script>alert(1)</script>\n")
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (
        "content/page.md: the built file holds markup the check missed: <script> is not allowed"
        in result.output
    )


def make_symlink(content: Path) -> None:
    """A link to a file outside the site."""
    (content.parent / "outside.txt").write_text("secret")
    (content / "leak.txt").symlink_to(content.parent / "outside.txt")


def make_big_file(content: Path) -> None:
    """A file just over 5 MB (sparse: it costs no disk)."""
    with (content / "huge.pdf").open("wb") as file:
        file.truncate(5 * 1024 * 1024 + 1)


def make_case_twins(content: Path) -> None:
    """Two files whose names differ only in case."""
    (content / "files").mkdir()
    (content / "files" / "Report.pdf").write_bytes(b"%PDF")
    (content / "files" / "report.pdf").write_bytes(b"%PDF")


def make_unicode_twins(content: Path) -> None:
    """'über.md' composed and decomposed."""
    (content / "\u00fcber.md").write_text("---\ntitle: A\n---\n")
    (content / "u\u0308ber.md").write_text("---\ntitle: B\n---\n")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (make_symlink, "content/leak.txt: error: is a symbolic link"),
        (make_big_file, "content/huge.pdf: error: is 5.2 MB"),
        (make_case_twins, "content/files/report.pdf: error: has the same URL /files/report.pdf"),
        (make_unicode_twins, ": error: has the same URL /"),
    ],
    ids=["symlink", "over-5-mb", "case-only", "unicode-forms"],
)
def test_problem_files_stop_check_and_freeze(
    site: Write, content: Path, app: Flask, tmp_path: Path, make: Any, expected: str
) -> None:
    """Files that cannot be published as they are: check says so, the freeze keeps the old build."""
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    before = snapshot(dest)
    make(content)
    result = check(app)
    assert result.exit_code == 1 and expected in result.output, result.output
    frozen = freeze(app, "--dest", str(dest))
    assert frozen.exit_code == 1 and expected.replace(" error:", "") in frozen.output, frozen.output
    assert f"nothing was published, {dest} is unchanged" in frozen.output
    assert snapshot(dest) == before


def test_check_says_when_there_is_no_home_page(write: Write, app: Flask) -> None:
    """flask check refuses what the freeze would refuse: a site with no home page."""
    write("about.md", "---\ntitle: About\n---\n")
    result = check(app)
    assert result.exit_code == 1
    assert "content/index.md: error: the site has no home page" in result.output


@pytest.mark.parametrize("key", ["draft: true", "published: false"])
def test_check_says_when_the_home_page_is_a_draft(
    write: Write, app: Flask, tmp_path: Path, key: str
) -> None:
    """The 53rd attack: a home page marked draft passed the check, and the freeze refused
    it with Frozen-Flask's own words ("Nothing frozen for endpoints site.page"). The check
    refuses it at its line first, and the freeze says the same."""
    write("site.yml", "title: x\n")
    write("index.md", f"---\n{key}\n---\n")
    said = f"content/index.md:2: error: the home page is a draft ('{key.split(':')[0]}' here)"
    result = check(app)
    assert result.exit_code == 1 and said in result.output, result.output
    frozen = freeze(app, "--dest", str(tmp_path / "out"))
    assert frozen.exit_code == 1 and said.replace(" error:", "") in frozen.output, frozen.output


def test_an_odd_comment_end_is_said_once(site: Write, app: Flask) -> None:
    """`--!>` outside a comment and inside one: each reported once, in check and preview."""
    site("about.md", "---\ntitle: About\n---\n\nHello --!> world\n\n<!-- a --!> b -->\n")
    output = check(app).output
    assert output.count("about.md:5:7: error: this comment ends") == 1
    assert output.count("about.md:7:8: error: this comment ends") == 1
    app.debug = True  # the preview lists a page's problems at its top, as the check finds them
    assert app.test_client().get("/about/").data.decode().count("this comment ends") == 2


def test_links_to_ids_that_the_made_pages_have_are_accepted(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """An anchor that a page made by the site writes (the join form's heading, the search
    title, a report's news) is a good link target; one it does not write is refused."""
    site("news/2026-01-21-kickoff.md", "---\ntitle: Kick-off\n---\nWe met.\n")
    site("links.md", "---\ntitle: Links\n---\n\n[join](/join/#join-group), "
         "[search](/search/#search-title), [news of 2026](/reports/2026/#news).\n")  # fmt: skip
    checked = check(app)
    assert checked.exit_code == 0, checked.output
    assert freeze(app, "--dest", str(tmp_path / "out")).exit_code == 0
    site("links.md", "---\ntitle: Links\n---\n\n[search](/search/#no-such-id)\n")
    checked = check(app)
    assert "content/links.md:5:1: error: link target '/search/#no-such-id': /search/ has no " \
        "heading or anchor 'no-such-id'" in checked.output  # fmt: skip


def test_the_preview_stays_the_preview_after_reading_another_pages_ids(
    site: Write, app: Flask
) -> None:
    """A draft that links to an anchor of a made page is shown as a draft, with its problems,
    after the made page was read for its ids."""
    site("links.md", "---\ntitle: Links\ndraft: true\n---\n\n[search](/search/#search-title) "
         "and [nowhere](/search/#no-such-id)\n")  # fmt: skip
    app.debug = True
    page = app.test_client().get("/links/").data.decode()
    assert "Draft — this page is not published." in page
    assert "1 problem in content/links.md" in page
    assert "/search/ has no heading or anchor &#39;no-such-id&#39;" in page
    assert "reload.js" in page  # the layout, filled after, still knows it is the preview


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("```\n\n<script>alert(2)</script>\n", 7),
        ("```\n<script>alert(2)</script>\n```\n\n```\n\n<script>alert(2)</script>\n", 11),
        ("~~~\ncode\n```\n<script>alert(2)</script>\n", 8),
        ("\\` <script>alert(2)</script> `\n", 5),
        ("``a` <script>alert(2)</script> `\n", 5),
    ],
    ids=[
        "unclosed-fence",
        "unclosed-fence-after-code",
        "tildes-not-closed-by-backticks",
        "escaped-backtick",
        "shorter-run",
    ],
)
def test_what_the_renderer_reads_as_markup_is_checked_at_its_line(
    site: Write, app: Flask, body: str, line: int
) -> None:
    """Markup the renderer does not read as code (an unclosed fence is none) is refused where
    it is written."""
    site("page.md", f"---\ntitle: T\n---\n\n{body}")
    result = check(app)
    assert result.exit_code == 1, result.output
    found = re.findall(r"content/page\.md:(\d+):\d+: error: <script> is not allowed", result.output)
    assert found == [str(line)], result.output


def test_a_strut_in_a_formula_is_no_hidden_text(site: Write, app: Flask) -> None:
    """\\mathstrut makes MathML's <mphantom> of a parenthesis: no words hidden, no error
    (raw <mphantom> in a page is one)."""
    site("page.md", "---\ntitle: P\n---\n\n$$\\mathstrut x$$\n")
    result = check(app)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "written",
    ["sofia&#64;example.org", "SOFIA&commat;example.org", "[her](mailto:sofia&#x40;example.org)",
     "sofia&#64example.org", "*sofia*@example.org", "sofia@example.org",
     "sofia<!-- a-b -->@example.org", "sofia<img src='/' alt=''>@example.org",
     "sofia\\@example.org", "sofia@example\u3002org", "SOFIA@EXAMPLE.ORG",
     "sofia@ex\u0430mple.org", "sofia@exarnple.org", "sofia@example.org<sup>1</sup>",
     "<b>x</b>sofia@example.org<code>2</code>"],
)  # fmt: skip
def test_an_address_members_yml_hides_is_an_error_on_a_page(
    site: Write, app: Flask, written: str
) -> None:
    """A member's address that members.yml keeps hidden, written in a page with a character
    reference for its "@" (which browsers show as "@"), passed the check without a word and
    was published: it is an error however it is written, in the text and in the front
    matter; another address so written is a warning, as a plain one is."""
    site(
        "data/members.yml",
        "- name: Sofia Kovalevskaya\n  email: sofia@example.org\n  show_email: false\n",
    )
    site("page.md", f"---\ntitle: P\n---\n\nWrite to {written} or ada&#64;example.org.\n")
    site("news/2026-01-05-n.md", "---\ntitle: Ask sofia&#64;example.org\n---\n\nText.\n")
    result = check(app)
    said = "this address is member 1's (Sofia Kovalevskaya), and content/data/members.yml keeps it hidden"
    assert re.search(rf"content/page\.md:5:\d+: error: {re.escape(said)}", result.output)
    assert f"content/news/2026-01-05-n.md:2: error: {said}" in result.output, result.output
    assert "the address ada@example.org is plain text" in result.output, result.output


def test_an_address_members_yml_hides_is_an_error_wherever_the_site_shows_it(
    site: Write, app: Flask
) -> None:
    """A hidden address (its host in Unicode) written in punycode in a post's tags, in
    decomposed Unicode in a job's employer, and in site.yml's footer (on every page) passed
    the check: each is an error at its line."""
    site("data/members.yml", "- name: Carl\n  email: carl@bücher.de\n  show_email: false\n")
    site("news/2026-01-05-n.md", '---\ntitle: N\ntags: [x, "carl@xn--bcher-kva.de"]\n---\n\nT.\n')
    employer = "carl@bu\u0308cher.de"
    site("jobs/2026-01-05-j.md", f"---\ntitle: J\nemployer: {employer}\n---\n\nT.\n")
    with (Path(app.config["CONTENT_DIR"]) / "site.yml").open("a", encoding="utf-8") as file:
        file.write('contact: "CARL@xn--bcher-kva.de"\n')
    result = check(app)
    said = "error: this address is member 1's (Carl)"
    assert f"content/news/2026-01-05-n.md:3: {said}" in result.output, result.output
    assert f"content/jobs/2026-01-05-j.md:3: {said}" in result.output, result.output
    assert re.search(rf"content/site\.yml:\d+: {re.escape(said)}", result.output), result.output


def test_a_hidden_address_compressed_in_an_attachment_is_an_error(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A hidden address inside a .docx (a zip) or in a PDF's deflated stream passed the
    check (the file read as it is) and was published; a zip that inflates to 300 MB is read
    to its end, in the time budget."""
    import io
    import time
    import zipfile
    import zlib

    site("data/members.yml", "- name: Sofia\n  email: sofia@example.org\n  show_email: false\n")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:t>Write to SOFIA@example.org</w:t>")
    site("files/cv.docx", packed.getvalue())
    stream = zlib.compress(b"BT (Contact sofia@example.org) Tj ET")
    pdf = b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream\n"
    site("files/paper.pdf", pdf)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * 300_000_000)
    site("files/bomb.zip", bomb.getvalue())
    started = time.process_time()
    result = check(app)
    assert time.process_time() - started < 10, "the zip was read to the end"
    said = "error: this address is member 1's (Sofia)"
    assert f"content/files/cv.docx: {said}" in result.output, result.output
    assert f"content/files/paper.pdf: {said}" in result.output, result.output


def test_a_pdf_with_a_large_picture_is_read_once_in_time(site: Write, app: Flask) -> None:
    """A talk's slides (1.9 MB, GU-CLASP's) were "more than 2 s" to check, and left out of
    the import: a Flate stream that inflates past a megabyte and ends in the same feed was
    read again and again, for ever. Now the stream after it is reached, in time."""
    import zlib

    site("data/members.yml", "- name: Sofia\n  email: sofia@example.org\n  show_email: false\n")
    title = zlib.compress(b"BT (Kernels) Tj ET")
    picture = zlib.compress(b"\0" * 3_000_000, 9)  # 3 MB of pixels, in 3 kB
    drawn = zlib.compress(b"BT (Write to sofia@example.org) Tj ET")
    site("files/slides.pdf", b"%PDF-1.5\n" + b"".join(
        b"<< /Filter /FlateDecode >>\nstream\n" + s + b"\nendstream\n"
        for s in (title, picture, drawn)
    ) + b"%" * 40_000)  # fmt: skip
    result = check(app)
    assert "content/files/slides.pdf: error: this address is member 1's (Sofia)" in result.output
    assert "more than 2 s" not in result.output, result.output


def packed_ways(address: bytes) -> dict[str, bytes]:
    """Return attachments that hold ``address`` packed each way the 28th, 29th, 31st and 40th
    attacks packed one past the check: by name."""
    import base64
    import bz2
    import gzip
    import io
    import lzma
    import tarfile
    import zipfile
    import zlib

    def zipped(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", method) as archive:
            archive.writestr(name, data)
        return packed.getvalue()

    def pdf(*streams: bytes, text: bytes = b"") -> bytes:
        body = b"".join(
            b"<< /Filter /FlateDecode >>\nstream\n" + s + b"\nendstream\n" for s in streams
        )
        return b"%PDF-1.7\n" + text + b"\n" + body + b"%%EOF\n"

    tar = io.BytesIO()
    with tarfile.open(fileobj=tar, mode="w:gz") as archive:
        member = tarfile.TarInfo("notes.txt")
        member.size = len(b"Write to " + address)
        archive.addfile(member, io.BytesIO(b"Write to " + address))
    local, host = address.split(b"@")
    octal = b"(" + local + b"\\100" + host + b") Tj"
    utf16 = b"<FEFF" + ("Write to " + address.decode()).encode("utf-16-be").hex().encode() + b">"
    return {
        "zip-in-zip.zip": zipped("inner.zip", zipped("cv.txt", address)),
        "stored-zip-in-zip.zip": zipped("inner.zip", zipped("cv.txt", address, 0), 0),
        "notes.txt.gz": gzip.compress(b"Write to " + address),
        "notes.txt.bz2": bz2.compress(b"Write to " + address),
        "notes.txt.xz": lzma.compress(b"Write to " + address),
        "notes.tar.gz": tar.getvalue(),
        "padded.zip": zipped("a.txt", b" " * 120_000_000 + address),
        "octal.pdf": pdf(zlib.compress(b"BT " + octal + b" ET")),
        "plain-octal.pdf": pdf(text=b"<< /Author " + octal[:-3] + b" >>"),
        "utf16.pdf": pdf(text=b"<< /Author " + utf16 + b" >>"),
        "kerned.pdf": pdf(
            zlib.compress(b"BT [(Mail)-20(" + local + b"@ex)5(" + host[2:] + b")-9(Tel)] TJ ET")
        ),
        "attached.pdf": pdf(zlib.compress(zipped("list.csv", b"name,mail\nA," + address))),
        # the 29th attack's
        "entity.docx": zipped("word/document.xml", b"<w:t>" + local + b"&#64;" + host + b"</w:t>"),
        "comment.docx": zipped(  # the review's: a comment with a tag in it between runs
            "word/document.xml",
            b"<w:t>" + local + b"</w:t><!-- a <w:r> note --><w:t>&#x40;" + host + b"</w:t>",
        ),
        "runs.docx": zipped(
            "word/document.xml", b"<w:t>" + local + b"</w:t></w:r><w:r><w:t>@" + host + b"</w:t>"
        ),
        "hex.pdf": pdf(
            text=b"<< /Filter /ASCIIHexDecode >>\nstream\n"
            + (b"BT (" + address + b") Tj ET").hex().encode()
            + b">\nendstream"
        ),
        "a85.pdf": pdf(
            text=b"<< /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n"
            + base64.a85encode(zlib.compress(b"BT (" + address + b") Tj ET"))
            + b"~>\nendstream"
        ),
        "text.png": b"\x89PNG\r\n\x1a\n"
        + b"\0\0\0\x20zTXtAuthor\0\0"
        + zlib.compress(address)
        + b"\0\0\0\0IEND",
        "notes.zlib": zlib.compress(b"Contact " + address),
        "mail.eml": b"Content-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(b"Write to " + address),
        "printable.eml": b"Content-Transfer-Encoding: quoted-printable\n\nWrite to "
        + address.replace(b"@", b"=40"),
        "junk-zip.gz": gzip.compress(b"JUNK" * 10 + zipped("a.txt", address)),
        # the 31st attack's
        "plain-text.png": b"\x89PNG\r\n\x1a\n\0\0\0\x20tEXtComment\0"
        + address
        + b"7\xb3\xbf\x16\0\0\0\0IEND",
        "folded.ics": b"BEGIN:VCALENDAR\r\nDESCRIPTION:Write to "
        + address[:8]
        + b"\r\n "
        + address[8:]
        + b"\r\n",
        "utf32.txt": ("Write to " + address.decode()).encode("utf-32"),
        "escaped.css": b'p::after{content:"' + local + b"\\40 " + host + b'"}',
        "dump.txt": b" ".join(b"%02x" % c for c in address),  # the 40th attack: xxd's, od's
        "dump.c": b", ".join(b"0x%02X" % c for c in address),
        "hex.txt": (b"Write to " + address).hex().encode(),
        "base32.txt": base64.b32encode(b"Write to " + address),
    }


def test_a_hidden_address_packed_any_way_in_an_attachment_is_an_error(
    site: Write, app: Flask
) -> None:
    """The 28th attack packed a hidden address past the check each of these ways: a zip in a
    zip (read as "…orgPK"), gzip, bzip2, xz, a tar.gz, a PDF's octal escape (\\100) or
    UTF-16 hex string, a word drawn in pieces, a file attached in a PDF, and 120 MB of
    padding first (past the twenty times its size the check read). Each is an error, named;
    an address members.yml shows, packed the same ways, is none; a file packed seventeen
    deep is refused, as too deep to read."""
    import gzip

    site("data/members.yml", (
        "- name: Sofia\n  email: sofia@example.org\n  show_email: false\n"
        "- name: Omar\n  email: omar@example.org\n"
    ))  # fmt: skip
    for name, data in packed_ways(b"SOFIA@example.org").items():
        site(f"files/{name}", data)
    for name, data in packed_ways(b"omar@example.org").items():
        site(f"files/shown/{name}", data)
    deep = b"sofia@example.org"
    for _ in range(17):
        deep = gzip.compress(deep)
    site("files/deep.gz", deep)
    site("files/b.zst", b"\x28\xb5\x2f\xfd" + b"\0" * 40)
    site("files/sofia-at-example.org.txt", b"Notes.")  # a name, as people write an address
    result = check(app)
    said = "error: this address is member 1's (Sofia)"
    for name in packed_ways(b"a@b"):
        assert f"content/files/{name}: {said}" in result.output, (name, result.output)
    shown = [line for line in result.output.splitlines() if "files/shown/" in line]
    assert not [line for line in shown if "member" in line], result.output
    assert "content/files/deep.gz: error: packs files in packed files more than 16 deep" in (
        result.output
    )
    assert "content/files/b.zst: error: holds zstd, which the check cannot open" in result.output
    assert f"content/files/sofia-at-example.org.txt: {said}" in result.output


SPOKEN = [
    "benner (at) mpi-magdeburg.mpg.de",
    "benner(at)mpi-magdeburg.mpg.de",
    "benner [at] mpi-magdeburg [dot] mpg [dot] de",
    "benner at mpi-magdeburg dot mpg dot de",
    "benner AT mpi-magdeburg DOT mpg DOT de",
    "benner @ mpi-magdeburg . mpg . de",
    "benner@mpi\u2011magdeburg.mpg.de",
    "benner@mpi\u2013magdeburg.mpg.de",
    "benner@mpi-magdeburg\u00b7mpg\u00b7de",
]


@pytest.mark.parametrize("written", SPOKEN)
def test_a_hidden_address_written_as_people_hide_one_is_an_error(
    site: Write, app: Flask, written: str
) -> None:
    """The 29th attack wrote a hidden address as people (and the site's calendars) hide one
    from harvesters, or with a dash or a dot that looks like one: in a page, site.yml's
    footer, an event's location and an attachment it passed, and every reader read it. Each
    is an error at its line; in an attachment, also packed as UTF-16 in a zip."""
    import zipfile

    site("data/members.yml", BENNER_HIDDEN)
    site("p.md", f"---\ntitle: P\n---\n\nWrite to {written} please.\n")
    event = f'---\ntitle: Talk\nstart: 2027-05-24 14:00\nlocation: "Room 1, {written}"\n---\n\nT.\n'
    site("events/2027-05-24-talk.md", event)
    site("files/a.txt", f"Contact: {written}\n".encode())
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("x.txt", f"Contact: {written}".encode("utf-16"))
    site("files/d.zip", packed.getvalue())
    with (Path(app.config["CONTENT_DIR"]) / "site.yml").open("a", encoding="utf-8") as file:
        file.write(f'footer: "Contact {written}"\n')
    result = check(app)
    said = "error: this address is member 1's (Peter Benner)"
    for where in (
        r"p\.md:5:\d+",
        r"events/2027-05-24-talk\.md:4",
        r"files/a\.txt",
        r"files/d\.zip",
    ):
        assert re.search(rf"content/{where}: {re.escape(said)}", result.output), where
    assert re.search(rf"content/site\.yml:\d+: {re.escape(said)}", result.output), result.output


@pytest.mark.parametrize("piece", [" ", "a\t", " at", "( ", "@ ", "\u2011", "x (at"])
def test_reading_an_address_as_people_write_one_takes_linear_time(piece: str) -> None:
    """A run of spaces was tried from each of its spaces to its end, for an "(at)" or an
    "@" after it: 460 kB of padding in a zip held the check for minutes. Four times the
    text takes about four times as long."""
    import time

    def cost(times: int) -> float:
        text = piece * times + "x"
        started = time.process_time()
        addresses.read_hidden(text)
        return time.process_time() - started

    small = min(cost(25_000) for _ in range(3))
    large = min(cost(100_000) for _ in range(3))
    assert large < max(8 * small, 0.05), (small, large)  # quadratic: 16 times


@pytest.mark.parametrize("piece", ["b ", "b-", "bb b "])
def test_an_address_spelled_out_is_looked_for_in_time_that_the_address_does_not_scale(
    piece: str,
) -> None:
    """Found reviewing the 38th round: each word of "b b b …" was taken as a piece of a
    hidden local part of 64 b's, word after word, at each word: the time went with the text
    times the address (a 400 kB page: 6.4 s, refused as over the budget). A part is now one
    comparison of strings: 16 times the address costs about the same."""
    import time

    from tag_site.checks.spelled import Hidden, spelled_out

    def cost(length: int) -> float:
        hiding = Hidden()
        hiding.hide(f"{'b' * length}@{'b' * length}.de", 1)
        text, tries = piece * 50_000, []
        for _ in range(3):
            started = time.process_time()
            spelled_out(hiding, text)
            tries.append(time.process_time() - started)
        return min(tries)

    short, long = cost(16), cost(256)
    assert long < max(3 * short, 0.05), (short, long)  # the text times the address: 16 times


@pytest.mark.parametrize(
    "written", ["ben*ner*@mpi-magdeburg.mpg.de", "b**enner**@mpi-magdeburg.mpg.de"]
)
def test_a_hidden_address_split_by_emphasis_is_an_error_at_its_line(
    site: Write, app: Flask, written: str
) -> None:
    """The 39th attack: emphasis inside a hidden address was refused, with no line: the
    local part was looked for as written whole. The error and the warning are at its line."""
    site("data/members.yml", BENNER_HIDDEN)
    site("p.md", f"---\ntitle: P\n---\n\nContact: {written} please.\n")
    said = check(app).output
    assert "content/p.md:5:10: error: this address is member 1's" in said, said
    assert (
        "content/p.md:5:10: warning: the address benner@mpi-magdeburg.mpg.de is shown whole" in said
    )


def test_each_place_a_hidden_address_is_written_is_an_error_at_its_line(
    site: Write, app: Flask
) -> None:
    """The 39th attack: a page writing one hidden address three ways got an error at the
    first only (the member was "said"); the editor fixed it and the check found the next,
    one round at a time. Each line that writes it has its error."""
    site("data/members.yml", BENNER_HIDDEN)
    site("p.md", "---\ntitle: P\n---\n\nMail <span>benner</span>@<span>mpi-magdeburg</span>"
                 ".mpg.de\n\nMail $\\mathrm{benner}@\\mathrm{mpi\\text{-}magdeburg.mpg.de}$\n\n"
                 "Mail benner at mpi-magdeburg dot mpg dot de\n\nMail b e n n e r at mpi - "
                 "magdeburg dot mpg dot de\n")  # fmt: skip
    said = check(app).output
    for line in (5, 7, 9, 11):
        assert f"content/p.md:{line}:" in said, (line, said)


@pytest.mark.parametrize(
    "sheet",
    [
        "p::after{content:'@mpi-magdeburg.mpg.de'}",
        "p::after{content:'\\40 mpi-magdeburg.mpg.de'}",
        "p::after{content:attr(data-a) '\\000040' attr(data-b)}",
        "p::after{c\\6f ntent:attr(data-a) '@mpi-magdeburg.mpg.de'}",  # the 41st attack
        "p::after{content/**/:'@mpi-magdeburg.mpg.de'}",
    ],
)
def test_words_an_attachments_style_sheet_draws_are_an_error(
    site: Write, app: Flask, sheet: str
) -> None:
    """The 40th attack: ``<style>p::after{content:'@mpi-magdeburg.mpg.de'}</style><p>benner
    </p>`` in an HTML attachment was published, and a browser draws the whole hidden
    address. Where members.yml hides an address, a style sheet that draws words (a string
    of them, attr()) is an error: the check cannot place them beside the text; a bullet
    (``content: "\\2022"``) is none."""
    site("data/members.yml", BENNER_HIDDEN)
    site("files/card.html", f"<style>{sheet}</style><p data-a=benner>benner</p>\n")
    site("files/list.html", '<style>li::before{content:"\\2022"}</style><ul><li>a</li></ul>\n')
    said = check(app).output
    assert "content/files/card.html: error: its style sheet draws words" in said, said
    assert "files/list.html" not in said, said


@pytest.mark.parametrize(
    "written",
    [
        "benner\\'40mpi-magdeburg.mpg.de",
        "benner\\u64?mpi-magdeburg.mpg.de",
        "\\'62\\'65\\'6e\\'6e\\'65\\'72\\'40mpi-magdeburg.mpg.de",
        "benner{\\*\\foo x}@mpi-magdeburg.mpg.de",  # the 41st attack: a group not shown
        "benner@mpi-{\\i magdeburg}.mpg.de",  # and one in italics
    ],
)
def test_a_hidden_address_in_rtf_escapes_is_an_error(site: Write, app: Flask, written: str) -> None:
    """The 40th attack: ``{\\rtf1\\ansi benner\\'40mpi-magdeburg.mpg.de\\par}`` was published,
    and every word processor shows the address. RTF is read as they read it."""
    site("data/members.yml", BENNER_HIDDEN)
    site("files/contact.rtf", f"{{\\rtf1\\ansi {written}\\par}}\n")
    assert "content/files/contact.rtf: error: this address is member 1's" in check(app).output


def test_a_hidden_address_split_by_cdata_in_svg_is_an_error(site: Write, app: Flask) -> None:
    """The 41st attack: ``<text>benner@mpi-<![CDATA[magdeburg]]>.mpg.de</text>`` in an SVG
    attachment (or in an HTML one's <svg>) was published, and browsers draw CDATA there as
    text. It is read so."""
    site("data/members.yml", BENNER_HIDDEN)
    text = "<text>benner@mpi-<![CDATA[magdeburg]]>.mpg.de</text>"
    site("files/s.svg", f'<svg xmlns="http://www.w3.org/2000/svg">{text}</svg>\n')
    site("files/s.html", f"<p>x</p><svg>{text}</svg>\n")
    said = check(app).output
    assert "content/files/s.svg: error: this address is member 1's" in said, said
    assert "content/files/s.html: error: this address is member 1's" in said, said


def test_the_quick_look_for_a_spelled_address_misses_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text whose joined words hold no first part is passed before it is read word by
    word (the 39th attack: a hidden member made a page of prose twice as slow to check):
    on random texts made of an address's pieces, what is found is what the word-by-word
    reading alone finds."""
    import random

    from tag_site.checks import spelled

    hiding = spelled.Hidden()
    hiding.hide("alice.hid@secret-lab.example.org", 1)
    hiding.hide("victor.krause@strath.ac.uk", 2)
    spelled_so = [
        "a l i c e . h i d at secret - lab dot example dot org",
        "VICTOR.KRAUSE AT STRATH DOT AC DOT UK",
        "v i c t o r.kr au se ⓐ strath.ac.uk",
    ]
    pieces = [" ", "    ", ".", "at", "x", "\n", "-", "ⓐ", "au", "DOT"]

    def changed(n: int) -> str:  # a spelling with a few pieces put in or taken out
        draw = random.Random(n)
        text = draw.choice(spelled_so)
        for _ in range(draw.randint(0, 3)):
            at = draw.randrange(len(text))
            text = text[:at] + (draw.choice(pieces) if draw.random() < 0.5 else "") + text[at + 1 :]
        return text

    texts = [changed(n) for n in range(1_500)]
    quick = [spelled.spelled_out(hiding, text) for text in texts]
    monkeypatch.setattr(spelled, "_FEW", -1)
    assert quick == [spelled.spelled_out(hiding, text) for text in texts]
    assert 100 < sum(map(bool, quick)) < 1_400  # the texts spell some out, not all


AS_READ = [
    "benner at\nmpi-magdeburg dot mpg dot de",
    "benner@\nmpi-magdeburg.mpg.de",
    "benner&nbsp;at&nbsp;mpi-magdeburg&nbsp;dot&nbsp;mpg&nbsp;dot&nbsp;de",
    "benner\u00a0(at)\u00a0mpi-magdeburg.mpg.de",
    "benner *at* mpi-magdeburg.mpg.de",
    "benner <b>at</b> mpi-magdeburg.mpg.de",
    "benner `(at)` mpi-magdeburg.mpg.de",
    "benner \uff41\uff54 mpi-magdeburg.mpg.de",
    "benner \uff08at\uff09 mpi-magdeburg.mpg.de",
    "benner &#40;at&#41; mpi-magdeburg.mpg.de",
    "benner (a&shy;t) mpi-magdeburg.mpg.de",
    "benner \uff20 mpi-magdeburg.mpg.de",
    "benner[@]mpi-magdeburg[.]mpg[.]de",
    "benner(@)mpi-magdeburg(.)mpg(.)de",
    "benner<br>@mpi-magdeburg.mpg.de",
    "\u202eed.gpm.grubedgam-ipm@renneb\u202c",
    '<bdo dir="rtl">ed.gpm.grubedgam-ipm@renneb</bdo>',
    '<bdo title="x < y" dir="rtl">ed.gpm.grubedgam-ipm@renneb</bdo>',
    "BENNER AT MPI-MAGDEBURG DOT MPG DOT DE",
    "b e n n e r ⓐ mpi-magdeburg DOT mpg DOT de",
    'benner <b title="a<b">at</b> mpi-magdeburg.mpg.de',
    '"benner"@mpi-magdeburg.mpg.de',
    '<a href="mailto:benner&#64;mpi-magdeburg.mpg.de">write</a>',
    "YmVubmVyQG1waS1tYWdkZWJ1cmcubXBnLmRl",
    "`YmVubmVyQG1waS1tYWdkZWJ1cmcubXBnLmRl`",
]


@pytest.mark.parametrize("written", AS_READ)
def test_a_hidden_address_as_a_reader_reads_it_is_an_error(
    site: Write, app: Flask, written: str
) -> None:
    """The 30th attack wrote a hidden address so that a reader of the page reads it but the
    check, reading the source, did not: across a line's end, with a no-break space, markup
    or references in its "(at)", wide letters, "[@]", drawn backwards (U+202E, <bdo>), its
    local part quoted, in a mailto: link's references, in base64. Each is an error in a
    page, and so is the page's text in site.yml's footer and in an attachment."""
    site("data/members.yml", BENNER_HIDDEN)
    site("p.md", f"---\ntitle: P\n---\n\nWrite to {written} please.\n")
    markdown = "*" in written or "`" in written  # Markdown's: a page's, not an HTML file's
    overridden = "\u202e" in written  # a page refuses the override itself, as unreadable
    site("files/a.html", f"<p>Write to {'' if markdown else written} please.</p>\n".encode())
    result = check(app)
    said = "error: this address is member 1's (Peter Benner)"
    page = "content/p.md:5:10: error: the file holds U+202E, a direction override, which"
    if overridden:
        assert page in result.output, result.output
    else:
        assert re.search(rf"content/p\.md:\d+(:\d+)?: {re.escape(said)}", result.output)
    assert markdown or f"content/files/a.html: {said}" in result.output, result.output


@pytest.mark.parametrize(
    "written",
    [
        "benner]@[mpi-magdeburg.mpg.de",
        "benner}@{mpi-magdeburg.mpg.de",
        "benner)@(mpi-magdeburg.mpg.de",
        "benner'@'mpi-magdeburg.mpg.de",
        "benner@[mpi-magdeburg.mpg.de]",
        "benner ]@[ mpi-magdeburg.mpg.de",
        "benner] @ [mpi-magdeburg.mpg.de",
        "$\\mathrm{benner}@\\mathrm{mpi-magdeburg.mpg.de}$",
        "b\u0336enner@mpi-magdeburg.mpg.de",
        "benner\u201c@\u201dmpi-magdeburg.mpg.de",
        "benner\u00ab@\u00bbmpi-magdeburg.mpg.de",
        "benner\u300c@\u300dmpi-magdeburg.mpg.de",
        "benner\u27e8@\u27e9mpi-magdeburg.mpg.de",
        "benner -at- mpi-magdeburg -dot- mpg -dot- de",
        "benner_at_mpi-magdeburg_dot_mpg_dot_de",
        "benner/at/mpi-magdeburg/dot/mpg/dot/de",
        "benner \u00abat\u00bb mpi-magdeburg \u00abdot\u00bb mpg \u00abdot\u00bb de",
        "benner (at sign) mpi-magdeburg.mpg.de",
        "benner \u24d0 mpi-magdeburg.mpg.de",
        "benner@mpi-magdeburg\u201c.\u201dmpg\u201c.\u201dde",
        "benner(at)mpi-magdeburg(punkt)mpg(punkt)de",
        "b e n n e r @ mpi-magdeburg.mpg.de",
        "ben ner at mpi-magdeburg dot mpg dot de",
        "b\u00b7e\u00b7n\u00b7n\u00b7e\u00b7r@mpi-magdeburg.mpg.de",
        "benner at mpi hyphen magdeburg dot mpg dot de",
        "benner arobase mpi-magdeburg point mpg point de",
        "benner \u00e4t mpi-magdeburg p\u00fcnktchen mpg punkt de",
    ],
)
def test_a_hidden_address_in_brackets_or_quotes_is_an_error(
    site: Write, app: Flask, written: str
) -> None:
    """The 34th attack put brackets, braces or quotes right around a hidden address's "@"
    (its host in brackets, as mail once wrote a host's number), TeX that single dollars show
    as it is written, or a stroke through one letter; the 35th, quotes of other languages,
    dashes, "(at sign)", a circled ⓐ, "punkt"; the 36th, letters spaced apart, a part
    written in two, "hyphen", other languages' words: readers read past them, the check did not,
    and the page was published. An address whose parts are all there, in order, with marks
    and such words between them, is read as it is spelled out."""
    refused_as_benners(site, app, f"Write to {written} please.", r"5")


@pytest.mark.parametrize(
    "written",
    [
        "v i c t o r . k r a u s e @ strath.ac.uk",
        "v i c t o r . k r a u s e at s t r a t h dot ac dot uk",
        "victor.krause \u24d0 strath DOT ac DOT uk",
        "VICTOR.KRAUSE AT STRATH DOT AC DOT UK",
    ],
)
def test_a_hidden_address_spelled_letter_by_letter_is_an_error(
    site: Write, app: Flask, written: str
) -> None:
    """The 39th attack: "v i c t o r" was compared with the address as it looks, where "vi"
    is one letter (a roman six), "au" another and a capital O a zero: spelled letter by
    letter, or in capitals, it was published. Each is an error at its line; the words of
    the sentence around such letters are none."""
    site("data/members.yml", "- name: Victor Krause\n  email: victor.krause@strath.ac.uk\n"
                             "  show_email: false\n")  # fmt: skip
    site("p.md", f"---\ntitle: P\n---\n\nMail {written} please.\n")
    said = check(app).output
    assert "content/p.md:5:" in said and "member 1's (Victor Krause)" in said, said
    site("p.md", "---\ntitle: P\n---\n\nVictor Krause of Strathclyde, at the AC dot UK.\n")
    assert check(app).exit_code == 0, check(app).output


def test_a_hidden_address_spelled_out_in_a_title_or_the_footer_is_an_error(
    site: Write, app: Flask
) -> None:
    """The 35th attack's quotes around "@" reached a news title (and the feed) and site.yml's
    footer (every page); the words of a hidden address's owner, written as sentences, are
    no address."""
    site("data/members.yml", BENNER_HIDDEN)
    site(
        "news/2026-01-02-x.md", "---\ntitle: Mail benner\u201c@\u201dmpi-magdeburg.mpg.de\n---\nX\n"
    )
    site("site.yml", SITE_YML + "footer: Write to benner -at- mpi-magdeburg -dot- mpg -dot- de\n")
    said = check(app).output
    member = "this address is member 1's (Peter Benner)"
    assert f"content/news/2026-01-02-x.md:2: error: {member}" in said, said
    assert f"content/site.yml:8: error: {member}" in said, said
    site("news/2026-01-02-x.md", "---\ntitle: Peter Benner of the MPI in Magdeburg\n---\nX\n")
    site(
        "about.md",
        "---\ntitle: A\n---\n\nSee https://benner.mpi-magdeburg.mpg.de/ (38th attack).\n",
    )
    site("site.yml", SITE_YML + "footer: Benner, MPI Magdeburg (MPG), Germany\n")
    assert check(app).exit_code == 0, check(app).output


@pytest.mark.parametrize(
    "written",
    [
        "benner<sup>1</sup>@mpi-magdeburg.mpg.de",
        "benner[^1]@mpi-magdeburg.mpg.de\n\n[^1]: A note.",
        "benner<del>xyz</del>@mpi-magdeburg.mpg.de",
        "benner@mpi-magdeburg<sub>2</sub>.mpg.de",
        "benner\u2020@mpi-magdeburg.mpg.de",
    ],
)
def test_a_hidden_address_with_a_mark_in_it_is_an_error(
    site: Write, app: Flask, written: str
) -> None:
    """The 33rd attack put a note's mark in a hidden address (<sup>1</sup>, a footnote, struck
    words, a lower index, a dagger): readers read past it, the check read "benner1@…" and
    only warned. The page as made is also read without such marks."""
    refused_as_benners(site, app, f"Write to {written}", r"\d+")


def test_a_hidden_address_site_yml_writes_on_every_page_is_an_error(
    site: Write, app: Flask
) -> None:
    """site.yml's footer with the address in a YAML escape ("\\x40") or as "(@)" was on
    every page: the check reads the layout as made, as a reader reads it."""
    site("data/members.yml", BENNER_HIDDEN)
    with (Path(app.config["CONTENT_DIR"]) / "site.yml").open("a", encoding="utf-8") as file:
        file.write(
            'footer: "Mail benner\\x40mpi-magdeburg.mpg.de or benner (@) mpi-magdeburg (.) mpg (.) de"\n'
        )
    result = check(app)
    said = "error: this address is member 1's (Peter Benner)"
    assert re.search(rf"content/site\.yml:\d+: {re.escape(said)}", result.output), result.output


@pytest.mark.parametrize(
    "written",
    [
        "benner at mpi-magdeburg.mpg.de",
        "benner@mpi-magdeburg dot mpg dot de",
        "YmVubmVyQG1waS1tYWdkZWJ1cmcubXBnLmRl",
        "62656e6e6572406d70692d6d616764656275726708e6d70672e6465"[:0]
        + "62656e6e6572406d70692d6d61676465627572672e6d70672e6465",
        "benner+jane@mpi-magdeburg.mpg.de",
    ],
)
def test_a_hidden_address_in_another_members_fields_or_a_link_is_an_error(
    site: Write, app: Flask, written: str
) -> None:
    """The 32nd attack put a hidden address in another member's affiliation (as words, in
    base64 or hex, with a "+tag" that reaches the same box), in an event's url (kept as its
    website, which the check did not read) and a post's summary: published on the members
    page, the event's and the news. Each is an error at its line."""
    site("data/members.yml", (
        "- name: Peter Benner\n  email: benner@mpi-magdeburg.mpg.de\n  show_email: false\n"
        f"- name: Jane Doe\n  affiliation: \"{written}\"\n"
    ))  # fmt: skip
    site("events/2027-05-24-talk.md", (
        f"---\ntitle: Talk\nstart: 2027-05-24\nurl: https://example.org/?who={quote(written)}\n---\n\nT.\n"
    ))  # fmt: skip
    site("news/2027-01-05-n.md", f'---\ntitle: N\nsummary: "Ask {written}"\n---\n\nT.\n')
    result = check(app)
    said = "member 1's (Peter Benner), and content/data/members.yml keeps it hidden"
    assert re.search(
        rf"content/data/members\.yml:5: error: member 2 \(Jane Doe\): 'affiliation' shows an address: this address is {re.escape(said)}",
        result.output,
    ), result.output
    assert f"content/events/2027-05-24-talk.md:4: error: this address is {said}" in result.output
    assert f"content/news/2027-01-05-n.md:3: error: this address is {said}" in result.output


def test_liquid_in_a_menu_title_is_an_error(site: Write, app: Flask) -> None:
    """{{ site.title }} in a menu title of site.yml was shown as written on every page, though
    it is an error in a page (the 33rd attack): it is one here too, at its line."""
    settings = Path(app.config["CONTENT_DIR"]) / "site.yml"
    written = settings.read_text("utf-8").replace(
        "  - title: Home\n", '  - title: "{{ site.title }}"\n'
    )
    settings.write_text(written, "utf-8")
    result = check(app)
    assert re.search(
        r"content/site\.yml:\d+: error: Liquid is not supported: '\{\{ site\.title \}\}'",
        result.output,
    ), result.output


def test_words_like_an_address_hide_none_that_is_shown(site: Write, app: Flask) -> None:
    """The readings of an address hidden are only compared with the hidden ones: a
    sentence "at" a place, or a shown member's address spelled out, is no error."""
    site("data/members.yml", (
        "- name: Peter Benner\n  email: benner@mpi-magdeburg.mpg.de\n  show_email: false\n"
        "- name: Ada\n  email: ada@example.org\n"
    ))  # fmt: skip
    site("p.md", "---\ntitle: P\n---\n\nWe meet at Magdeburg. Ada (at) example.org.\n")
    result = check(app)
    assert "member 1's" not in result.output and "member 2's" not in result.output


def test_tex_in_escaped_brackets_is_a_warning(site: Write, app: Flask) -> None:
    """\\( and \\[ are escaped brackets, as in kramdown and on GitHub: a LaTeX writer's
    \\(x^2\\) shows "(x^2)", and the check says so at its line, with the fix; a citation
    \\[BGP\\] is no TeX, and no warning."""
    site("p.md", "---\ntitle: P\n---\n\nSee \\[BGP\\].\n\nThe loss \\(x^2 + \\alpha\\) is small.\n")
    result = check(app)
    assert "content/p.md:7:10: warning: '\\(x^2 + \\alpha\\)' is shown as text, with its " in (
        result.output
    ), result.output
    assert "write $$…$$ for a formula" in result.output and ":5:" not in result.output


@pytest.mark.parametrize(
    "act",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
        b"/OpenAction 4 0 R >> endobj 4 0 obj << /S /URI /URI (https://evil.example/) >>",
        b"/OpenAction << /S /SubmitForm /F (https://evil.example/) >>",
        b"/AA << /O << /S /Launch /F (calc.exe) >> >>",
        b"/OpenAction << /S /J#61vaScript /JS (x) >>",
    ],
)
def test_a_pdf_that_acts_when_opened_is_refused(site: Write, app: Flask, act: bytes) -> None:
    """A PDF whose /OpenAction ran JavaScript, opened another site's address or sent a form
    (the 31st attack) was published: browsers' PDF viewers run it when the file is opened.
    Refused, naming what it does; a PDF with a link and a view to open at is not."""
    site("files/x.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog " + act + b" >> endobj\n%%EOF\n")
    site("files/fine.pdf", (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction [3 0 R /Fit] >> endobj\n"
        b"5 0 obj << /Subtype /Link /A << /S /URI /URI (https://example.org/) >> >> endobj\n%%EOF\n"
    ))  # fmt: skip
    result = check(app)
    assert "content/files/x.pdf: error: the PDF does more than show its pages: " in result.output
    assert "files/fine.pdf" not in result.output, result.output


def test_a_pdf_whose_pictures_bytes_hold_an_actions_name_is_no_action(
    site: Write, app: Flask
) -> None:
    """7 of GU-CLASP's talks were refused as running JavaScript: "/JS" stood by chance in a
    picture's bytes (raw, or inflated). Actions are read in the PDF's objects: outside the
    data of its streams, and in its object streams, where one is still refused."""
    import zlib

    picture = b"\x8f\x02/JS\xb6\x15\xdf" * 50
    stream = b"<< /Subtype /Image /Filter /DCTDecode >>\nstream\n" + picture + b"\nendstream\n"
    packed = b"<< /Filter /FlateDecode >>\nstream\n" + zlib.compress(picture) + b"\nendstream\n"
    site("files/talk.pdf", b"%PDF-1.5\n1 0 obj << /Type /Catalog >> endobj\n" + stream + packed)
    objects = zlib.compress(b"5 0 << /S /JavaScript /JS (app.alert(1)) >>")
    site("files/bad.pdf", (
        b"%PDF-1.5\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n"
        + objects + b"\nendstream\n"
    ))  # fmt: skip
    result = check(app)
    assert "content/files/bad.pdf: error: the PDF does more than show its pages: " in result.output
    assert "talk.pdf" not in result.output, result.output


def test_the_sites_own_picture_is_read_well_within_the_time_budget(site: Write) -> None:
    """Its bytes as UTF-16 were read as text (every reading of an address people write), and
    the 55 kB picture took 1.8 s of the 2 s budget: on a busy machine, the check refused it
    now and then. Only text is read so; it takes a small part of the budget."""
    import time

    from tag_site.checks.site import hidden_in_attachment
    from tag_site.content.store import ContentStore

    site("data/members.yml", "- name: A\n  email: a@example.org\n  show_email: false\n")
    loaded = ContentStore(Path(site("x.txt", "x").parent)).load()
    picture = ROOT / "content/images/site-image.png"
    started = time.process_time()
    assert hidden_in_attachment(loaded, picture, picture.read_bytes()) == []
    assert time.process_time() - started < 0.5  # 1.8 s before; 0.06 s measured


def test_a_hidden_file_someone_meant_to_publish_is_a_warning(site: Write, app: Flask) -> None:
    """.well-known/security.txt (an import brings it, as Jekyll's include: named it) and a
    page .about.md were skipped in silence and never published: each is a warning; what
    tools leave (.DS_Store, .gitkeep, an editor's .#file) stays unsaid."""
    site(".well-known/security.txt", "Contact: mailto:security@example.org\n")
    site(".about.md", "---\ntitle: About\n---\n\nText.\n")
    for noise in (".DS_Store", ".gitkeep", "news/.#2026-01-01-x.md"):
        site(noise, "")
    result = check(app)
    said = "warning: is not published: no file or folder whose name starts with '.' is"
    assert f"content/.well-known: {said}" in result.output, result.output
    assert f"content/.about.md: {said}" in result.output, result.output
    assert result.output.count(said) == 2, result.output


def test_a_link_to_a_page_without_its_last_slash_leads_to_the_page(
    site: Write, app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    """`[mission](/mission)` to the page at /mission/ was an error, where GitHub Pages sends
    /mission on to /mission/ (old Jekyll pages link so): the link is written to the page,
    its anchor checked there; a list's (/news) too."""
    site("join.md", "---\ntitle: Join\n---\n\nText.\n")
    site("mission.md", "---\ntitle: Mission\n---\n\n## Goals\n\nText.\n")
    links = "[m](/mission), [g](/mission#goals), [x](/mission#nowhere), [j](../join), [n](/news)"
    site("page.md", f"---\ntitle: P\n---\n\n{links}.\n")
    result = check(app)
    assert "/mission has no heading or anchor 'nowhere'" not in result.output
    assert re.findall(r"error: .*", result.output) == [
        "error: link target '/mission#nowhere': /mission/ has no heading or anchor 'nowhere' — "
        "check its id"
    ], result.output
    page = client.get("/page/").data.decode()
    assert 'href="/mission/"' in page and 'href="/mission/#goals"' in page
    assert 'href="/join/"' in page and 'href="/news/"' in page


def test_media_and_drawings_without_hidden_words_pass(site: Write, app: Flask) -> None:
    """A video with its sources and captions, an empty gauge, an SVG of shapes, a caption
    after the player and a <video> in a code block hold no words a reader misses."""
    body = (
        '<video controls src="/files/talk.vtt"><source src="/files/talk.vtt">'
        '<track src="/files/talk.vtt"></video>\n\nThe talk, recorded.\n\n'
        '<meter value="0.5"></meter>\n\n<progress value="3" max="10"></progress> 3 of 10\n\n'
        '<svg viewBox="0 0 9 9"><defs><circle id="c" r="4"/></defs><use href="#c"/>'
        "<metadata/></svg>\n\n"
        "```html\n<video>Your browser cannot play it</video>\n```\n"
    )
    site("files/talk.vtt", "WEBVTT\n")
    site("page.md", f"---\ntitle: P\n---\n\n{body}")
    result = check(app)
    assert result.exit_code == 0 and "holds" not in result.output, result.output


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("For all pairs <a and b> we have gamma.", "<a and b> is read as an HTML tag"),
        ("The edges <s and t> meet.", "nor its words (and t)"),
        ("Alpha <s>beta\n\nMore text.", "<s> is never closed: browsers go on with it"),
        # the 68th attack: judged as <b> and SVG's <text>, they passed; browsers keep the
        # whole name, no element's, and show nothing of it
        ("Read <doi:b> now.", "nor its words (doi:b)"),
        ("See <data:text/html,x> here.", "nor its words (data:text"),
    ],
    ids=["words-as-attributes", "words-named", "unclosed-formatting", "prefixed", "scheme"],
)
def test_words_read_as_a_tag_are_a_warning(site: Write, app: Flask, body: str, said: str) -> None:
    """ "For all pairs <a and b>" lost "and b" (read as attributes of a link) and opened a
    link over the rest of the page, the footer too; an unclosed <s> struck through it all:
    the check said nothing."""
    site("page.md", f"---\ntitle: P\n---\n\n{body}\n")
    result = check(app)
    assert "content/page.md:5:" in result.output and said in result.output, result.output


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("I like </span dogs and cats> very much.", "</span dogs and cats> is an end tag"),
        ("<!DOCTYPE lost words here>\n\nkept", "<!DOCTYPE… is read as nothing by browsers"),
    ],
    ids=["end-tag", "doctype"],
)
def test_words_a_browser_drops_are_named(site: Write, app: Flask, body: str, said: str) -> None:
    """Words after an end tag's name, and a <!DOCTYPE …> in a page, were published and lost
    to every reader, with no word from the check."""
    site("page.md", f"---\ntitle: P\n---\n\n{body}\n")
    result = check(app)
    assert "content/page.md:5:" in result.output and said in result.output, result.output


def test_invisible_characters_that_spell_an_address_in_a_packed_file_are_refused(
    site: Write, app: Flask
) -> None:
    """The 45th attack spelled a hidden address in tag characters (and in variation
    selectors) inside a zip, a gzip and a PDF's stream: the check refused them only in a file
    of its own. Where members.yml hides addresses, a packed file with a run of them is an
    error; a zip of ordinary text, or of a flag of Wales, is none."""
    import gzip
    import io
    import zipfile
    import zlib

    site("data/members.yml", "- name: Ada\n  email: ada@example.org\n  show_email: false\n")
    tagged = "".join(chr(0xE0000 + ord(c)) for c in "ada@example.org").encode()
    selected = "".join(chr(0xFE00 + b % 14) for b in b"ada@example.org").encode()
    wales = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f".encode()

    def zipped(data: bytes) -> bytes:
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("notes.txt", data)
        return packed.getvalue()

    site("files/a.zip", zipped(b"Hello " + tagged))
    site("files/b.txt.gz", gzip.compress(b"Hi " + selected))
    stream = zlib.compress(b"BT (Hi " + tagged + b") Tj ET")
    site("files/c.pdf", b"%PDF-1.5\n<< /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream")
    site("files/fine.zip", zipped(b"Wales " + wales + b" and plain words"))
    said = check(app).output
    packs = "error: a file it packs holds invisible characters that can spell words nobody sees"
    for name in ("a.zip", "b.txt.gz", "c.pdf"):
        assert f"content/files/{name}: {packs}" in said, said
    assert "fine.zip" not in said, said


def test_a_pictures_colour_is_no_invisible_characters(site: Write, app: Flask) -> None:
    """A third real site (a lab's) showed 18 pictures refused as packing invisible
    characters: a colour's bytes (239, 184, 128) read as UTF-8 are U+FE00, a variation
    selector, and a picture's pixels repeat them. Pixels are no text: only text, as people
    write it, with such a run is refused."""
    import gzip
    import struct
    import zlib

    site("data/members.yml", "- name: Ada\n  email: ada@example.org\n  show_email: false\n")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    width, height = 64, 64
    row = b"\0" + bytes([239, 184, 128]) * width  # a tan picture, row by row
    picture = b"\x89PNG\r\n\x1a\n" + chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    )
    picture += chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")
    site("files/tan.png", picture)
    selected = "".join(chr(0xFE00 + b % 14) for b in b"ada@example.org").encode()
    site("files/notes.txt.gz", gzip.compress(b"Hi " + selected))
    said = check(app).output
    assert "tan.png" not in said, said
    assert "content/files/notes.txt.gz: error: a file it packs holds invisible" in said, said


def test_a_hidden_address_spelled_out_in_a_url_is_refused(site: Write, app: Flask) -> None:
    """The 47th attack named files after a hidden address spelled out: a page
    ``benner(at)….md``, an event ``…-benner-at-…-dot-de.md``, an attachment, a picture, a
    member's photo, a redirect. Check and freeze passed, and the sitemap, the feeds and the
    calendars published the URL. Each is an error at its file now; a name that only starts
    like one is none."""
    members = (
        "- name: Peter Benner\n  email: benner@mpi-magdeburg.mpg.de\n  show_email: false\n"
        "  photo: /images/benner-at-mpi-magdeburg-dot-mpg-dot-de.png\n"
    )
    site("data/members.yml", members)
    site("benner(at)mpi-magdeburg.mpg.de.md", "---\ntitle: T\n---\nhi\n")
    event = "---\ntitle: Workshop\nstart: 2027-05-24\nlocation: Berlin\n---\nx\n"
    site("events/2027-05-24-benner-at-mpi-magdeburg-dot-mpg-dot-de.md", event)
    site("files/benner (at) mpi-magdeburg.mpg.de.txt", "notes\n")
    site("images/benner-at-mpi-magdeburg-dot-mpg-dot-de.png", b"\x89PNG\r\n\x1a\n")
    site(
        "old.md",
        "---\ntitle: Old\nredirect_from: /benner_at_mpi-magdeburg_dot_mpg_dot_de/\n---\nx\n",
    )
    site("benner-group.md", "---\ntitle: The Benner group\n---\nx\n")
    said = check(app).output
    shows = "shows an address: this address is member 1's (Peter Benner)"
    for where in (
        "content/benner(at)mpi-magdeburg.mpg.de.md:1: error: its URL",
        "content/events/2027-05-24-benner-at-mpi-magdeburg-dot-mpg-dot-de.md:1: error: its URL",
        "content/files/benner (at) mpi-magdeburg.mpg.de.txt:1: error: its URL",
        "content/images/benner-at-mpi-magdeburg-dot-mpg-dot-de.png:1: error: its URL",
        "content/old.md:3: error: its URL /benner_at_mpi-magdeburg_dot_mpg_dot_de/",
        "content/data/members.yml:4: error: member 1 (Peter Benner): 'photo' shows an address",
    ):
        assert where in said, said
    assert said.count(shows) >= 5, said
    assert "benner-group" not in said, said


def test_kramdowns_table_of_contents_is_no_warning(site: Write, app: Flask) -> None:
    """``{:toc}`` after a list's item is kramdown's table of contents, which the page
    makes: no warning (a third real site had 8); after a paragraph it sets an attribute
    that shows nothing, as before."""
    site("toc.md", "---\ntitle: Toc\n---\n\n* Contents\n{:toc}\n\n## 1. First\n\nText.\n")
    site("para.md", "---\ntitle: Para\n---\n\nA paragraph\n{:toc}\n")
    said = check(app).output
    assert "toc.md" not in said, said
    assert "content/para.md:6:1: warning: {:toc} makes toc attributes" in said, said


def test_an_attachments_budget_grows_with_its_size() -> None:
    """Reading an attachment for the addresses it shows is linear work: a third real site's
    papers (2.3 MB PDFs) took 2.2 s of the 2 s a file had. An attachment has 2 s a megabyte
    (2 s at least, so what is slower than linear still runs out on a small file), and the
    message says its own budget."""
    from tag_site.markdown.limits import BUDGET, budget_for, overtime

    assert budget_for(10_000) == BUDGET == 2.0
    assert budget_for(2_300_000) == pytest.approx(4.6)
    said = overtime("checking", "split it", seconds=budget_for(2_300_000))
    assert said.startswith(
        "checking this file took more than 4.6 s — split it (a freeze allows it 6.9 s"
    )


def test_a_backslash_in_a_links_host_is_refused(site: Write, app: Flask) -> None:
    """The 48th attack published ``online: https://evil.example\\.uni-bonn.de/``: readers
    see a uni-bonn.de address, browsers read the backslash as '/' and go to evil.example.
    A backslash in a web address is an error that names where it leads, in a page's text
    and its front matter; with one before '@' the message names that host too (in Markdown's
    text, ``\\@`` is an escape: the link is ``evil.example@example.org``, a user's)."""
    event = (
        "---\ntitle: Talk\nstart: 2027-05-24\nlocation: Bonn\n"
        "online: https://evil.example\\.uni-bonn.de/\n---\nSee "
        "[the slides](https://evil.example\\@example.org/s).\n"
    )
    site("events/2027-05-24-talk.md", event)
    job = (
        "---\ntitle: Postdoc\nemployer: U\nlocation: Bonn\nkind: postdoc\n"
        "url: https://evil.example\\@example.org/s\ndeadline: 2027-06-01\n---\nApply.\n"
    )
    site("jobs/2027-05-01-postdoc.md", job)
    said = check(app).output
    assert "holds a backslash, which browsers read as '/': it leads to evil.example/.uni-bonn" in (
        said
    ), said
    assert "it leads to evil.example/@example.org/s" in said, said


def test_an_invisible_character_written_as_a_yaml_escape_is_refused(
    site: Write, app: Flask
) -> None:
    """The 49th attack wrote ``title: "Seminar \\u202Eon fluids"``: check and freeze
    passed, and readers saw "Seminar sdiulf no" in the title; a reviewer saw letters. Tag
    characters and zero-width ones passed the same way, in front matter and site.yml. An
    invisible character written as an escape is an error at its line; other escapes stay."""
    site("a.md", '---\ntitle: "Seminar \\u202Eon fluids"\n---\nx\n')
    site("b.md", '---\ntitle: T\ndescription: "Tag \\U000E0041 and \\u200B"\n---\nx\n')
    site("c.md", '---\ntitle: "Caf\\u00e9 \\"quoted\\""\n---\nx\n')
    said = check(app).output
    assert "content/a.md:2:8: error: the text writes U+202E as an escape" in said, said
    assert "content/b.md:3:14: error: the text writes U+E0041 as an escape" in said, said
    assert "c.md" not in said, said


def test_a_hidden_address_encoded_twice_is_refused(site: Write, app: Flask) -> None:
    """The 50th attack wrote ``benner%2540mpi-magdeburg.mpg.de`` ("%40" encoded again, which
    a link decodes as often as it is passed on): it passed in a link, in text, in a .txt and
    a zip, and in site.yml's footer. However often the "%" is encoded, it is read as one."""
    import zipfile

    site("data/members.yml", "- name: Ada\n  email: ada@example.org\n  show_email: false\n")
    site("contact.md", "---\ntitle: C\n---\n[Mail](https://x.org/?to=ada%252540example.org)\n")
    site("files/notes.txt", "mail ada%2540example.org\n")
    packed_notes = io.BytesIO()
    with zipfile.ZipFile(packed_notes, "w") as archive:
        archive.writestr("a.txt", "mail ada%2540example.org\n")
    site("files/n.zip", packed_notes.getvalue())
    said = check(app).output
    hidden = "error: this address is member 1's (Ada)"
    for where in ("content/contact.md:4:", "content/files/notes.txt:", "content/files/n.zip:"):
        assert any(line.startswith(where) and hidden in line for line in said.splitlines()), said
    assert "100%25" not in said


@pytest.mark.parametrize(
    ("tex", "why"),
    [(r"\frac{1}{2", "a '{' is never closed"), (r"x^{2}}", "a '}' closes no '{'")],
)
def test_a_formula_whose_braces_do_not_pair_is_an_error_at_its_line(
    site: Write, app: Flask, tex: str, why: str
) -> None:
    """Issue 22: ``$$\\frac{1}{2$$`` passed the check and showed ½ (the converter closed the
    group where it liked), though an unreadable formula is an error: braces that do not pair
    are, at the formula's line; ``\\{`` is a brace shown, and pairs with nothing."""
    site("m.md", f"---\ntitle: M\n---\n\nA set $\\{{1\\}}$.\n\nHalf: $${tex}$$ here.\n")
    result = check(app)
    assert result.exit_code == 1, result.output
    said = [line for line in result.output.splitlines() if why in line]
    assert len(said) == 1 and said[0].startswith("content/m.md:7"), result.output


def test_words_after_a_fences_language_are_a_warning(site: Write, app: Flask) -> None:
    """The 69th attack: the words after a code block's language (```python Important: run
    this first) show nowhere, as on GitHub, and the check said nothing. They are a warning
    at their place."""
    site("page.md", "---\ntitle: P\n---\n\n```python Important: run this first\nx = 1\n```\n")
    result = check(app)
    assert result.exit_code == 0, result.output
    assert (
        "content/page.md:5:11: warning: 'Important: run this first' after the code's language "
        "shows nowhere"
    ) in result.output, result.output
