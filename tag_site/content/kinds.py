"""The kinds of content kept as dated files in a folder of their own: one row a kind.

    kind     files                                  read as   flask new   issue form
    events   content/events/2027-05-24-school.md    Event     event       event
    news     content/news/2026-01-21-kickoff.md     Post      news        news
    jobs     content/jobs/2027-01-05-postdoc.md     Job       job

A file of such a folder is at ``/<folder>/YYYY/slug/``; its ``index.md`` is a plain page (the
folder's introduction, as ``news.md`` is). Every other Markdown file is a page
(``pages.py``), whose home layout may show a section of each kind (and the members). The
store reads a file with its kind's reader, ``flask new`` writes its starter, the proposals
write into its folder, the importer keeps other pages out of it. Adding a kind is a row here,
its module (a ``parse_…`` that returns a ``Page`` subclass), its views and list in the URL
table (``urls.py``), its templates (its page, its list, ``sections/<folder>.html``) and its
starter's text (``authoring/starters.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .events import parse_event
from .jobs import parse_job
from .news import parse_post
from .pages import Page, parse_page


@dataclass(frozen=True)
class ContentKind:
    """One kind of dated content."""

    folder: str  # its folder in content/, also its name and its home section's
    read: Callable[[bytes, Path], Page]
    starter: str  # ``flask new <starter>`` writes one
    form: str | None = None  # the kind of issue form that proposes one (``web/forms.py``)


KINDS = (
    ContentKind("events", parse_event, starter="event", form="event"),
    ContentKind("news", parse_post, starter="news", form="news"),
    ContentKind("jobs", parse_job, starter="job"),
)
# What a home page may show under its text (``templates/sections/<name>.html``).
HOME_SECTIONS = ("members", *(kind.folder for kind in KINDS))


def read_page(raw: bytes, path: Path) -> Page:
    """Read a Markdown file of no kind's: a page."""
    return parse_page(raw, path, HOME_SECTIONS)


def kind_of(name: str) -> ContentKind | None:
    """Return the kind of the Markdown file ``name`` (relative to content/), or None for a page
    (a folder's ``index.md`` is its introduction, a page)."""
    path = PurePosixPath(name)
    if len(path.parts) < 2 or (path.stem == "index" and len(path.parts) == 2):
        return None
    return next((kind for kind in KINDS if kind.folder == path.parts[0]), None)
