"""Jekyll files dropped in by hand read as Jekyll reads them; Liquid and addresses in them."""

from __future__ import annotations

import random
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tag_site.markdown import addresses, liquid

from .helpers import ADDRESS, Write, check

JEKYLL_POST = """\
---
layout: post
title:  "Welcome to Jekyll!"
date:   2026-01-21 11:24:23 +0000
categories: jekyll update
tags: meeting announcement
---
You'll find this post in your `_posts` directory.
"""


def test_space_separated_tags_and_categories_are_lists(site: Write, client: FlaskClient) -> None:
    """`categories: jekyll update` and `tags: a b` are lists of words, as in Jekyll."""
    site("news/2026-01-21-welcome-to-jekyll.markdown", JEKYLL_POST)
    page = client.get("/news/2026/welcome-to-jekyll/").data.decode()
    assert '<ul class="tags" aria-label="Tags"><li>meeting</li><li>announcement</li></ul>' in page


def test_bad_tags_are_reported_once(site: Write, app: Flask) -> None:
    """A post's bad `tags:` is one problem, in check and in the preview alike."""
    site("news/2026-01-21-x.md", "---\ntitle: X\ntags: {a: b}\n---\nText\n")
    assert check(app).output.count("'tags' must be a list") == 1
    page = app.test_client().get("/news/2026/x/").data.decode()
    assert page.count("&#39;tags&#39; must be a list") == 1


@pytest.mark.parametrize(
    ("body", "gist"),
    [
        (
            "{% for m in site.data.members %}\n* {{ m.name }}{% if m.email %}, "
            "{{ m.email }}{% endif %}\n{% endfor %}",
            "the site lists the members of data/members.yml by itself",
        ),
        (
            "{% for post in site.posts %}\n- [{{ post.title }}]({{ post.url | relative_url }})\n"
            "{% endfor %}",
            "the site lists the news by itself",
        ),
        (
            "{% for row in site.data.supporters %}\n{{ row.name }}\n{% endfor %}",
            "write the list out in Markdown, or keep people in data/members.yml",
        ),
        (
            '{% highlight ruby %}\ndef hi\n  puts "#{name}"\nend\n{% endhighlight %}',
            "write a fenced code block: ```ruby",
        ),
        ("{% if site.x %}\n{% for a in b %}{{ a }}{% endfor %}\n{% endif %}", "remove it"),
    ],
    ids=["members-loop", "posts-loop", "other-data-loop", "highlight", "nested"],
)
def test_a_liquid_block_is_one_problem(site: Write, app: Flask, body: str, gist: str) -> None:
    """A whole Liquid block is reported once, at its first line, with what to do instead."""
    site("page.md", f"---\ntitle: P\n---\n\nIntro.\n\n{body}\n\nEnd.\n")
    lines = [line for line in check(app).output.splitlines() if "Liquid" in line]
    assert len(lines) == 1, lines
    assert lines[0].startswith("content/page.md:7:1: error: Liquid is not supported: ")
    assert gist in lines[0]


def test_unclosed_liquid_block_is_reported_at_its_tag() -> None:
    """A `{% for %}` without `{% endfor %}` is one problem at its tag, and hides nothing."""
    found = list(liquid.blocks("a {% for x in y %} b {{ x }}"))
    assert [(block.start, block.tag) for block in found] == [(2, "for"), (21, "{{")]


def test_escaped_braces_are_not_liquid() -> None:
    """`\\{{ x }}` shows `{{ x }}` as written: Markdown's escape, not Liquid."""
    assert list(liquid.blocks("Write \\{{ page.title }} in a template.")) == []


def test_a_clash_hides_no_other_problem(site: Write, app: Flask) -> None:
    """The file that loses a URL clash is still checked: its broken link shows too."""
    site("old.md", "---\ntitle: Old\npermalink: /about/\n---\n\n[x](/nowhere/)\n")
    output = check(app).output
    assert "content/old.md:3: error: has the same URL /about/" in output
    assert "content/old.md:6:1: error: link target '/nowhere/' points to /nowhere/" in output


def test_address_in_link_text_is_protected_and_not_a_warning(
    site: Write, app: Flask, client: FlaskClient
) -> None:
    """[ada@example.org](mailto:…): the visible text is protected like the href."""
    site("page.md", "---\ntitle: P\n---\n\nWrite to [ada@example.org](mailto:ada@example.org).\n")
    assert "address" not in check(app, "--strict").output
    page = client.get("/page/").data.decode()
    assert ">ada&#64;example&#46;org</a>" in page
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", page)


@pytest.mark.parametrize(
    ("body", "column"),
    [
        ("Ask `ada@example.org` or", 6),
        ("```\nmail ada@example.org\n```", 6),
        ("<!-- ada@example.org -->", 6),
        ("Mail ada@example.org today.", 6),
    ],
    ids=["code-span", "code-block", "comment", "text"],
)
def test_address_outside_a_link_is_a_warning_and_protected(
    site: Write, app: Flask, client: FlaskClient, body: str, column: int
) -> None:
    """An address in text, code or a comment is named by check, and still not published plain."""
    site("page.md", f"---\ntitle: P\n---\n\n{body}\n")
    output = check(app).output
    assert re.search(r"content/page.md:\d+:\d+: warning: the address ada@example.org is ", output)
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", client.get("/page/").data.decode())


def test_address_scan_finds_what_a_harvester_finds() -> None:
    """The linear scan finds exactly the addresses of the usual harvester pattern."""
    rng = random.Random(8)
    alphabet = "ab_.-+@ \n\u00e9."
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        expected = [m.span() for m in ADDRESS.finditer(text)]
        assert list(addresses.find(text)) == expected, text


def test_address_as_the_text_of_an_html_link_is_no_warning(site: Write, app: Flask) -> None:
    """`<a href="mailto:x">x</a>` is a link: its text is protected, not plain."""
    site("page.md", '---\ntitle: P\n---\n\n<a href="mailto:ada@example.org">ada@example.org</a>\n')
    assert "address" not in check(app, "--strict").output
