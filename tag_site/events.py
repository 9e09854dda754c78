"""Events: ``content/events/YYYY-MM-DD-slug.md`` at ``/events/YYYY/slug/``, with their schedule.

An all-day event has dates (``start: 2027-05-24``, ``end: 2027-05-29``, both days included);
a timed one has date-times in its ``timezone`` (default: the site's).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import DateError, When, day_range, instant, own_day, time_range, zone
from .errors import ContentError
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

EVENT_KEYS = PAGE_KEYS | {
    "start", "end", "timezone", "location", "online", "url", "registration", "deadline", "kind",
    "organizers", "summary", "slug",
}  # fmt: skip
KINDS = ("workshop", "school", "conference", "minisymposium", "seminar", "meeting")
_TIME = re.compile(r"^\d{1,2}:\d{2}$")


@dataclass(frozen=True)
class Event(Page):
    """An event of the group, or one it announces."""

    start: When = datetime.date(1970, 1, 1)
    end: When | None = None
    announced: When | None = None  # the front matter 'date': when it was announced
    timezone: str = ""  # as written; empty: the site's time zone
    tz: datetime.tzinfo = datetime.UTC  # the zone of its times: its own, else the site's
    location: str = ""
    online: str = ""
    website: str = ""
    registration: str = ""
    deadline: datetime.date | None = None
    kind: str = ""
    organizers: tuple[str, ...] = ()
    summary: str = ""

    def first_day(self) -> datetime.date:
        """Return the day the event starts, as written."""
        return own_day(self.start)

    def all_day(self) -> bool:
        """Tell an event of whole days from one with times."""
        return not isinstance(self.start, datetime.datetime)

    def begins(self) -> datetime.datetime:
        """Return the moment the event starts."""
        return instant(self.start, self.tz)

    def ends(self) -> datetime.datetime:
        """Return the moment the event is over (after its last day, for all-day events)."""
        if self.all_day():
            last = self.end or self.start
            return instant(last, self.tz) + datetime.timedelta(days=1)
        return instant(self.end or self.start, self.tz)

    def status(self, now: datetime.datetime) -> str:
        """Return "upcoming", "ongoing" or "past" at ``now``."""
        if now < self.begins():
            return "upcoming"
        return "ongoing" if now < self.ends() else "past"

    def when(self) -> str:
        """Return the dates as people write them: "24–29 May 2026", "14:00–16:00 CET, 3 Feb"."""
        if self.all_day():
            return day_range(self.start, self.end or self.start)
        end = instant(self.end, self.tz) if self.end else None
        return time_range(self.begins().astimezone(self.tz), end)

    def deadline_passed(self, now: datetime.datetime) -> bool:
        """Tell whether the registration deadline (a whole day) is over at ``now``."""
        return self.deadline is not None and now.date() > self.deadline


def parse_event(raw: bytes, path: Path) -> Event:
    """Read an event; ``start`` is required, ``end`` and ``deadline`` must fit it."""
    try:
        day, name, source = read_dated(raw, path)
    except ContentError as error:
        url = fallback_url(path, "events")
        return Event(path, url, title=path.stem, layout="event", errors=(error.problem,))
    fields = Fields(source.meta, path)
    tz, timezone = event_zone(fields)
    start = when(fields, "start", tz)
    if "start" not in fields.values:
        fields.error("start", "'start' is missing — add 'start: YYYY-MM-DD' (or with a time)")
    end = event_end(fields, start, tz)
    event = Event(
        **common_fields(
            fields,
            source,
            permalink(fields) or f"/events/{day.year}/{slug(fields, name)}/",
            "event",
        ),
        date=when(fields, "last_modified_at", tz),
        announced=when(fields, "date", tz),
        start=start or day,
        end=end,
        timezone=timezone,
        location=fields.text("location"),
        online=fields.web_address("online"),
        website=fields.web_address("url"),
        registration=fields.web_address("registration"),
        deadline=deadline(fields, start, end, tz),
        kind=kind(fields),
        organizers=organizers(fields),
        summary=fields.text("summary"),
    )
    fields.warn_unknown(EVENT_KEYS)
    return finish(event, fields)


def event_zone(fields: Fields) -> tuple[datetime.tzinfo | None, str]:
    """Return the event's own time zone and its name, if it names a valid one."""
    name = fields.text("timezone")
    if not name:
        return None, ""
    try:
        return zone(name), name
    except DateError as error:
        fields.error("timezone", str(error))
        return None, ""


def event_end(fields: Fields, start: When | None, tz: datetime.tzinfo | None) -> When | None:
    """Return ``end`` (a bare time like 16:00 means the day of ``start``), checked against start."""
    value = fields.values.get("end")
    if value is None or value == "" or start is None:
        return None
    if isinstance(value, str) and _TIME.match(value.strip()):
        if not isinstance(start, datetime.datetime):
            fields.error("end", "'end' is a time, but 'start' has none — add the time to 'start'")
            return None
        hour, minute = (int(part) for part in value.strip().split(":"))
        if hour > 23 or minute > 59:
            fields.error("end", f"'end' ({value.strip()}) is not a time of day — write e.g. 16:30")
            return None
        return checked_end(fields, start, start.replace(hour=hour, minute=minute, second=0))
    end = when(fields, "end", tz)
    return checked_end(fields, start, end) if end is not None else None


def checked_end(fields: Fields, start: When, end: When) -> When | None:
    """Return ``end`` if it is of the same kind as ``start`` and not before it."""
    if isinstance(end, datetime.datetime) != isinstance(start, datetime.datetime):
        fields.error("end", "'start' and 'end' must both be dates or both be dates with times")
        return None
    if comparable(end, start) < comparable(start, end):
        fields.error("end", f"'end' ({end}) is before 'start' ({start}) — swap or fix them")
        return None
    return end


def comparable(when: When, other: When) -> datetime.datetime:
    """Return ``when`` as an aware moment; a naive time takes the offset of ``other``."""
    tz = other.tzinfo if isinstance(other, datetime.datetime) and other.tzinfo else datetime.UTC
    return instant(when, tz)


def deadline(
    fields: Fields, start: When | None, end: When | None, tz: datetime.tzinfo | None
) -> datetime.date | None:
    """Return the last day to register, which must not be after the event's last day."""
    value = when(fields, "deadline", tz)
    if value is None or start is None:
        return None
    day, last = own_day(value), own_day(end or start)
    if day > last:
        fields.error(
            "deadline", f"'deadline' ({day}) is after the event ends ({last}) — fix the date"
        )
        return None
    return day


def kind(fields: Fields) -> str:
    """Return the kind of event, one of ``KINDS``."""
    value = fields.text("kind").lower()
    if value and value not in KINDS:
        fields.error("kind", f"unknown kind {value!r} — use one of {', '.join(KINDS)}")
        return ""
    return value


def organizers(fields: Fields) -> tuple[str, ...]:
    """Return the organizers (one text or a list)."""
    value = fields.values.get("organizers")
    return (value.strip(),) if isinstance(value, str) else fields.texts("organizers")
