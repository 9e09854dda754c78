"""New content files from a template: ``flask new news|event|job|page "Title"``.

    starter(kind, title, today, given) -> (name in content/, text)

The file is valid as it is (``flask check`` finds nothing in it); the fields an editor may add
are there as comments, with what they do. The title reaches the front matter as a quoted YAML
string that reads back as written, and the file name as a safe slug.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..content.events import KINDS as EVENT_KINDS
from ..content.jobs import JOB_KINDS
from ..content.kinds import KINDS as CONTENT_KINDS
from ..errors import TagSiteError
from .issues import yaml_text
from .proposals import file_slug

FOLDER_OF = {kind.starter: kind.folder for kind in CONTENT_KINDS}
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
# kind: workshop        # {kinds}
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

JOB = """\
---
title: {title}
deadline: {deadline}  # the last day to apply
# kind: postdoc         # {kinds}
# employer: Example University
# location: Berlin, Germany
# url: https://…        # where to read the call and apply
# summary: One sentence for the list and the feed.
---

What the position is, whom it is for, and how to apply.
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
    deadline: str = ""


def starter(kind: str, title: str, today: datetime.date, given: Given) -> tuple[str, str]:
    """Return the name (in content/) and the text of a new file of ``kind`` called ``title``."""
    checked(given)
    slug, quoted = file_slug(title), yaml_text(title)
    if kind == "page":
        return f"{slug}.md", PAGE.format(title=quoted)
    if kind == "news":
        day, text = given.date or str(today), NEWS.format(title=quoted)
    elif kind == "job":
        deadline = given.deadline or str(today + datetime.timedelta(weeks=4))
        kinds = ", ".join(JOB_KINDS[:-1]) + " or " + JOB_KINDS[-1]
        day, text = (
            given.date or str(today),
            JOB.format(title=quoted, deadline=deadline, kinds=kinds),
        )
    else:
        day, text = event_text(quoted, today, given)
    return f"{FOLDER_OF[kind]}/{day[:10]}-{slug}.md", text


def event_text(quoted: str, today: datetime.date, given: Given) -> tuple[str, str]:
    """Return the first day and the text of a new event."""
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
    kinds = either(EVENT_KINDS)
    text = EVENT.format(
        title=quoted, start=start, end=end, location=location, today=today, kinds=kinds
    )
    return start, text


def either(names: tuple[str, ...]) -> str:
    """Return ``a, b or c``."""
    return ", ".join(names[:-1]) + " or " + names[-1]


def checked(given: Given) -> None:
    """Raise ``StarterError`` for a date option that is no date."""
    for option, value, forms in (
        ("--date", given.date, DAY),
        ("--deadline", given.deadline, DAY),
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
