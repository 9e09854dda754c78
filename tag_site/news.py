"""News posts: ``content/news/YYYY-MM-DD-slug.md`` at ``/news/YYYY/slug/`` (Jekyll's naming)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import When
from .errors import ContentError
from .fields import Fields
from .pages import Page, common_fields, dated_name, finish, permalink, read_source, when

PER_PAGE = 10


@dataclass(frozen=True)
class Post(Page):
    """A news post."""

    published: When = datetime.date(1970, 1, 1)  # from the file name unless 'date' says
    author: str = ""
    tags: tuple[str, ...] = ()
    summary: str = ""
    image: str = ""

    def day(self) -> datetime.date:
        """Return the day the post is dated."""
        moment = self.published
        return moment.date() if isinstance(moment, datetime.datetime) else moment


def parse_post(raw: bytes, path: Path) -> Post:
    """Read a news post; its date and slug come from the file name unless front matter says."""
    try:
        day, slug = dated_name(path)
        source = read_source(raw, path)
    except ContentError as error:
        return Post(path, f"/news/{path.stem}/", title=path.stem, layout="post", errors=(error,))
    fields = Fields(source.meta, path)
    published = when(fields, "date") or day
    slug = fields.text("slug", slug)
    url = permalink(fields) or f"/news/{published.year}/{slug}/"
    post = Post(
        **common_fields(fields, source, url, "post"),
        date=when(fields, "last_modified_at") or published,
        published=published,
        author=fields.text("author"),
        tags=tags(fields),
        summary=fields.text("summary") or first_paragraph(source.body),
        image=fields.web_address("image"),
    )
    return finish(post, fields)


def tags(fields: Fields) -> tuple[str, ...]:
    """Return the tags (Jekyll also allows one text with spaces between tags)."""
    value = fields.values.get("tags")
    return tuple(value.split()) if isinstance(value, str) else fields.texts("tags")


def first_paragraph(body: str) -> str:
    """Return the first paragraph of a Markdown body as plain text, for lists and feeds."""
    for block in re.split(r"\n\s*\n", body.strip()):
        if block and not block.lstrip().startswith(("#", "<", "!", "|", "```", "    ", "-", "*")):
            text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)  # links keep their text
            text = re.sub(r"<[^>]+>|[*_`]", "", text)
            return " ".join(text.split())
    return ""
