"""News posts: ``content/news/YYYY-MM-DD-slug.md`` at ``/news/YYYY/slug/`` (Jekyll's naming)."""

from __future__ import annotations

import datetime
import functools
import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError
from ..markdown import addresses
from ..markdown.render import RenderError, markdown_to_html
from ..markdown.source_map import BRACKETED, definitions, masked
from .dates import When, instant, own_day
from .fields import Fields
from .pages import (
    PAGE_KEYS,
    Page,
    common_fields,
    fallback_url,
    finish,
    permalink,
    read_dated,
    slug,
    when,
)

PER_PAGE = 10
POST_KEYS = PAGE_KEYS | {"summary", "slug", "feed_id"}


@dataclass(frozen=True, repr=False)
class Post(Page):
    """A news post."""

    published: When = datetime.date(1970, 1, 1)  # from the file name unless 'date' says
    author: str = ""
    given_summary: str = field(default="", metadata={"key": "summary"})  # if it has one
    feed_id: str = ""  # the id an earlier feed gave it (jekyll-feed's), so readers keep it read

    @functools.cached_property
    def summary(self) -> str:
        """Return the summary the lists and feeds show: the front matter's, else the text of
        the first paragraph. Worked out when first shown, not when the file is read: every
        request of the preview reads a changed file, whatever page it asks for."""
        return self.given_summary or first_paragraph(self.body)

    def day(self) -> datetime.date:
        """Return the day the post is dated (in the time zone it was written in)."""
        return own_day(self.published)

    def is_scheduled(self, now: datetime.datetime) -> bool:
        """Tell whether the post is dated after ``now`` (published on that day)."""
        return instant(self.published, now.tzinfo or datetime.UTC) > now


def feed_id(fields: Fields) -> str:
    """Return the ``feed_id`` an earlier feed gave the post, if it holds no e-mail address."""
    value = fields.text("feed_id")
    if addresses.in_name(value):
        fields.error(
            "feed_id",
            "'feed_id' holds an e-mail address, which the feed would show "
            "as it is — leave it out (readers may see the post once more as new)",
        )
        return ""
    return value


def post_url(day: datetime.date, slug: str) -> str:
    """Return the address of a post of ``day`` whose front matter sets no permalink."""
    return f"/news/{day.year}/{slug}/"


def parse_post(raw: bytes, path: Path) -> Post:
    """Read a news post; its date and slug come from the file name unless front matter says."""
    try:
        day, name, source = read_dated(raw, path)
    except ContentError as error:
        url = fallback_url(path, "news")
        return Post(path, url, title=path.stem, layout="post", errors=(error.problem,))
    fields = Fields(source.meta, path)
    published = when(fields, "date") or day
    url = permalink(fields) or post_url(published, slug(fields, name))
    post = Post(
        **common_fields(fields, source, url, "post"),
        date=when(fields, "last_modified_at") or published,
        published=published,
        author=fields.text("author"),
        given_summary=fields.shown("summary"),
        feed_id=feed_id(fields),
    )
    fields.warn_unknown(POST_KEYS)
    return finish(post, fields)


SUMMARY_LINES = 100  # of the first paragraph's block: past them it is too long for a summary
_NOTE_REFERENCE = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.DOTALL)
_NOT_A_PARAGRAPH = re.compile(r"^(?:#|>|\||```|~~~|<|\{:|\[[^\]]+\]:|    |\t|[-*+]\s|\d+[.)]\s)")


def first_paragraph(body: str) -> str:
    """Return the text of the first paragraph of a Markdown body, for lists and feeds.

    Only that paragraph's block (up to its first blank line) is converted, and of that only
    the first ``SUMMARY_LINES`` lines: a summary should not cost a whole page of Markdown (a
    block of many short lines, headings all, takes Python-Markdown seconds).
    """
    blocks = re.split(r"\n[ \t]*\n", body.strip())
    block = next((b for b in blocks if b.strip() and not _NOT_A_PARAGRAPH.match(b)), "")
    block = "\n".join(block.split("\n", SUMMARY_LINES)[:SUMMARY_LINES])
    try:
        converted = markdown_to_html(block + defined_for(block, body))
    except RenderError:
        return ""  # the check names the problem; the summary is left empty meanwhile
    converted = _NOTE_REFERENCE.sub("", converted)  # a note's number, without its note
    match = re.search(r"<p>(.*?)</p>", converted, re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^<>]+>", "", match.group(1))).split()) if match else ""


def defined_for(block: str, body: str) -> str:
    """Return the definitions of the body's links that ``block`` names (``[the report][r]``
    with ``[r]: /x`` further down), so that its summary links as the page does; and those of
    its footnotes, which the summary then leaves out with their numbers."""
    named = {" ".join(name.lower().lstrip("^").split()) for name in BRACKETED.findall(block)}
    text = masked(body)
    lines = []
    for kind, key, _, offset in definitions(text):
        if key.lower() in named and kind in ("link", "footnote"):
            end = text.find("\n", offset)
            lines.append(body[offset : end if end >= 0 else len(body)].strip())
    return "\n\n" + "\n".join(lines) if lines else ""


def page_count(posts: tuple[Post, ...]) -> int:
    """Return how many pages the news list has (one, even with no news)."""
    return max(1, math.ceil(len(posts) / PER_PAGE))
