"""New content files from a template: ``flask new news|event|page "Title"``.

    starter(kind, title, today, given) -> (name in content/, text)

The file is valid as it is (``flask check`` finds nothing in it); the fields an editor may add
are there as comments, with what they do. The title reaches the front matter as a quoted YAML
string that reads back as written, and the file name as a safe slug.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..content.kinds import KINDS as CONTENT_KINDS
from ..errors import TagSiteError
from .proposals import file_slug, yaml_text

FOLDER_OF = {kind.starter: kind.folder for kind in CONTENT_KINDS if kind.starter}
KINDS = (*sorted(FOLDER_OF), "page")
DAY, WITH_TIME, TIME = ("%Y-%m-%d",), ("%Y-%m-%d %H:%M",), ("%H:%M",)  # as editors write them

NEWS = """\
---
title: {title}
# author: Jane Doe
# tags: [meeting, announcement]
# summary: One or two sentences for the news list and the feed (else the first paragraph).
---

The first paragraph says what the news is.
"""

EVENT = """\
---
title: {title}
# kind: workshop        # workshop, school, conference, minisymposium, seminar or meeting
start: {start}{end}{location}
# url: https://…        # the event's own website
# registration: https://…
# deadline: 2027-03-31  # the last day to register or submit
# online: https://…     # the link of an online event
# summary: One sentence for the lists and the feed.
date: {today}        # the day you announce it (dates the entry in the feed)
---

What the event is, whom it is for, and how to take part.
"""

PAGE = """\
---
title: {title}
# description: One sentence for search engines and link previews.
---

Text in Markdown. Link to other pages as [the members](/members/).
"""


class StarterError(TagSiteError):
    """A new file's option that is not what it should be."""


@dataclass(frozen=True)
class Given:
    """What the command line gives besides the title (each as written, or empty)."""

    date: str = ""
    start: str = ""
    end: str = ""
    location: str = ""


def starter(kind: str, title: str, today: datetime.date, given: Given) -> tuple[str, str]:
    """Return the name (in content/) and the text of a new file of ``kind`` called ``title``."""
    checked(given)
    slug, quoted = file_slug(title), yaml_text(title)
    if kind == "news":
        return f"{FOLDER_OF[kind]}/{given.date or today}-{slug}.md", NEWS.format(title=quoted)
    if kind == "page":
        return f"{slug}.md", PAGE.format(title=quoted)
    start = given.start or str(today)
    end = (
        f"\nend: {given.end}"
        if given.end
        else "\n# end: 2027-05-29      # the last day (or the end time: 16:00)"
    )
    location = (
        f"\nlocation: {yaml_text(given.location)}"
        if given.location
        else "\n# location: Example Villa, Lake Como, Italy"
    )
    text = EVENT.format(title=quoted, start=start, end=end, location=location, today=today)
    return f"{FOLDER_OF[kind]}/{start[:10]}-{slug}.md", text


def checked(given: Given) -> None:
    """Raise ``StarterError`` for a date option that is no date."""
    for option, value, forms in (
        ("--date", given.date, DAY),
        ("--start", given.start, DAY + WITH_TIME),
        ("--end", given.end, DAY + WITH_TIME + TIME),
    ):
        if value and not any(is_form(value, form) for form in forms):
            example = "2027-05-24" if forms == DAY else "2027-05-24 or '2027-05-24 14:00'"
            raise StarterError(f"{option} {value!r} is not a date — write it as {example}")


def is_form(value: str, form: str) -> bool:
    """Tell whether ``value`` is a real date or time written exactly in ``form``."""
    try:
        return datetime.datetime.strptime(value, form).strftime(form) == value
    except ValueError:
        return False
