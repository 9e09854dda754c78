"""Open positions: ``content/jobs/YYYY-MM-DD-slug.md`` at ``/jobs/YYYY/slug/``.

A position is open until the end of its ``deadline`` (by the one clock): then it leaves the
list and the feed by itself, and its page, which stays at its address, says *Closed*.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError
from .dates import own_day
from .fields import Fields
from .news import first_paragraph
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

JOB_KINDS = ("phd", "postdoc", "faculty", "other")
JOB_KEYS = PAGE_KEYS | {"employer", "location", "kind", "url", "deadline", "slug", "summary"}
KIND_NAMES = {"phd": "PhD position", "postdoc": "Postdoc position", "faculty": "Faculty position",
              "other": "Position"}  # fmt: skip


@dataclass(frozen=True, repr=False)
class Job(Page):
    """An open position, until its deadline."""

    posted: datetime.date = datetime.date(1970, 1, 1)  # from the file name
    employer: str = ""
    location: str = ""
    kind: str = "other"
    website: str = field(default="", metadata={"key": "url"})  # where to read and apply
    deadline: datetime.date | None = None
    summary: str = ""

    def is_open(self, now: datetime.datetime) -> bool:
        """Tell whether one can still apply at ``now`` (the deadline day counts)."""
        return self.deadline is not None and now.date() <= self.deadline

    def kind_name(self) -> str:
        """Return the kind as the lists say it: "Postdoc position"."""
        return KIND_NAMES[self.kind]


def parse_job(raw: bytes, path: Path) -> Job:
    """Read a position; ``deadline`` is required."""
    try:
        day, name, source = read_dated(raw, path)
    except ContentError as error:
        url = fallback_url(path, "jobs")
        return Job(path, url, title=path.stem, layout="job", errors=(error.problem,))
    fields = Fields(source.meta, path)
    url = permalink(fields) or f"/jobs/{day.year}/{slug(fields, name)}/"
    deadline = when(fields, "deadline")
    if "deadline" not in fields.values:
        fields.error("deadline", "'deadline' is missing — add the last day to apply: 2027-03-31")
    job = Job(
        **common_fields(fields, source, url, "job"),
        date=when(fields, "last_modified_at"),
        posted=day,
        employer=fields.text("employer"),
        location=fields.text("location"),
        kind=fields.choice("kind", JOB_KINDS, "other"),
        website=fields.web_address("url"),
        deadline=own_day(deadline) if deadline is not None else None,
        summary=fields.shown("summary") or first_paragraph(source.body),
    )
    fields.warn_unknown(JOB_KEYS)
    return finish(job, fields)


def open_jobs(jobs: tuple[Job, ...], now: datetime.datetime) -> list[Job]:
    """Return the positions of ``jobs`` (``Site.jobs``: in deadline order) open at ``now``."""
    return [job for job in jobs if job.is_open(now)]
