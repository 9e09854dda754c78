"""The kinds of content kept as dated files in a folder of their own: one row a kind.

    kind     files                                  read as   flask new   issue form
    news     content/news/2026-01-21-kickoff.md     Post      news        news
    events   content/events/2027-05-24-school.md    Event     event       event
    jobs     content/jobs/2027-01-05-postdoc.md     Job

A file of such a folder is at ``/<folder>/YYYY/slug/``; its ``index.md`` is a plain page (the
folder's introduction, as ``news.md`` is). Every other Markdown file is a page
(``pages.py``). The store reads a file with its kind's reader, ``flask new`` and the
proposals write into its folder, the importer keeps other pages out of it. Adding a kind is a
row here, its module (a ``parse_…`` that returns a ``Page`` subclass), its list and feed in
the URL table (``urls.py``), its templates and views.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .events import parse_event
from .jobs import parse_job
from .news import parse_post
from .pages import Page


@dataclass(frozen=True)
class ContentKind:
    """One kind of dated content."""

    folder: str  # its folder in content/, also its name
    read: Callable[[bytes, Path], Page]
    starter: str | None = None  # ``flask new <starter>`` writes one
    form: str | None = None  # the kind of issue form that proposes one (``web/forms.py``)


KINDS = (
    ContentKind("news", parse_post, starter="news", form="news"),
    ContentKind("events", parse_event, starter="event", form="event"),
    ContentKind("jobs", parse_job),
)


def kind_of(name: str) -> ContentKind | None:
    """Return the kind of the Markdown file ``name`` (relative to content/), or None for a page
    (a folder's ``index.md`` is its introduction, a page)."""
    path = PurePosixPath(name)
    if len(path.parts) < 2 or (path.stem == "index" and len(path.parts) == 2):
        return None
    return next((kind for kind in KINDS if kind.folder == path.parts[0]), None)
