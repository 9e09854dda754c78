"""Events: ``content/events/YYYY-MM-DD-slug.md`` at ``/events/YYYY/slug/``, with their schedule.

An all-day event has dates (``start: 2027-05-24``, ``end: 2027-05-29``, both days included);
a timed one has date-times in its ``timezone`` (default: the site's).
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError
from .dates import (
    DateError,
    When,
    day_range,
    instant,
    long_date,
    own_day,
    parse_when,
    time_range,
    zone,
    zone_name,
)
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
    "organizers", "summary", "slug", "repeat", "until", "except", "series", "speaker", "slides",
    "recording",
}  # fmt: skip
REPEATS = ("weekly", "biweekly", "monthly")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = ("1st", "2nd", "3rd", "4th", "5th")
MAX_SKIPPED = 1000  # days of 'except': each is a line of every calendar the event is in
_AHEAD = datetime.timedelta(days=800)  # how far the next time of a series is looked for
KINDS = ("workshop", "school", "conference", "minisymposium", "seminar", "meeting")
_TIME = re.compile(r"^\d{1,2}:\d{2}$", re.ASCII)


@dataclass(frozen=True, repr=False)
class Event(Page):
    """An event of the group, or one it announces."""

    start: When = datetime.date(1970, 1, 1)
    end: When | None = None
    announced: When | None = None  # the front matter 'date': when it was announced
    timezone: str = ""  # as written; empty: the site's time zone
    tz: datetime.tzinfo = datetime.UTC  # the zone of its times: its own, else the site's
    location: str = ""
    online: str = ""
    website: str = field(default="", metadata={"key": "url"})  # as front matter names it
    registration: str = ""
    deadline: datetime.date | None = None
    kind: str = ""
    organizers: tuple[str, ...] = ()
    summary: str = ""
    repeat: str = ""  # weekly, biweekly, or monthly: on the same weekday of the month
    until: datetime.date | None = None  # the last day a repeating event may take place
    skipped: tuple[datetime.date, ...] = ()  # 'except': days it does not take place
    series: str = ""  # a talk's series: its file (events/2026-10-20-seminar.md) or its URL
    speaker: str = ""
    slides: str = ""
    recording: str = ""

    def days(self, last: datetime.date) -> Iterator[datetime.date]:
        """Yield the days the event takes place, up to ``last`` (and ``until``)."""
        stop = min(last, self.until) if self.until else last
        skipped = frozenset(self.skipped)  # looked up once a time: a list of thousands is cheap
        for number in itertools.count():
            due, day = self.nth_day(number)
            if due > stop:
                return
            if day is not None and day <= stop and day not in skipped:
                yield day
            if not self.repeat:
                return

    def nth_day(self, number: int) -> tuple[datetime.date, datetime.date | None]:
        """Return when the ``number``-th time (0: the first) of the event is due, and its day:
        for a monthly one, the same weekday of the month, None in a month without a 5th."""
        first = self.first_day()
        if self.repeat != "monthly":
            step = 14 if self.repeat == "biweekly" else 7
            day = first + datetime.timedelta(days=number * step)
            return day, day
        month = first.month - 1 + number
        opening = datetime.date(first.year + month // 12, month % 12 + 1, 1)
        offset = (first.weekday() - opening.weekday()) % 7 + 7 * ((first.day - 1) // 7)
        day = opening + datetime.timedelta(days=offset)
        return opening, day if day.month == opening.month else None

    def meets_on(self, day: datetime.date) -> bool:
        """Tell whether a repeating event is due on ``day`` (by its rhythm, from its first day
        to ``until``), whatever 'except' says."""
        first = self.first_day()
        if not self.repeat or day < first or (self.until and day > self.until):
            return False
        if self.repeat != "monthly":
            return (day - first).days % (14 if self.repeat == "biweekly" else 7) == 0
        return self.nth_day((day.year - first.year) * 12 + day.month - first.month)[1] == day

    def next_day(self, now: datetime.datetime) -> datetime.date | None:
        """Return the next day a repeating event takes place, from ``now``'s day on."""
        return next((d for d in self.days(now.date() + _AHEAD) if d >= now.date()), None)

    def next_begins(self, now: datetime.datetime) -> datetime.datetime:
        """Return when the event begins next, from ``now``'s day on: a series at its next
        meeting (at its first meeting's time), another at its start."""
        day = self.next_day(now) if self.repeat else None
        return self.begins() if day is None else instant(self.meeting(day), self.tz)

    def meeting(self, day: datetime.date) -> When:
        """Return the start of the event's meeting on ``day``: its first meeting's time in its
        zone, or the day alone for an event of whole days."""
        start = self.start.replace(year=day.year, month=day.month, day=day.day)
        timed = isinstance(start, datetime.datetime)
        return instant(start, self.tz).astimezone(self.tz) if timed else start

    def day_shown(self, now: datetime.datetime) -> datetime.date:
        """Return the day a list shows the event by: a series' next meeting, else its start."""
        return (self.next_day(now) if self.repeat else None) or self.first_day()

    def rhythm(self, on: datetime.date | None = None, *, hours: bool = True) -> str:
        """Return how a repeating event recurs: "Every 3rd Tuesday of the month, 16:00–17:00
        CET, until 15 June 2027" (the zone's name as it is ``on`` that day: CET or CEST); not
        ``hours``: its days only (the file alone does not know the site's zone)."""
        day = self.first_day()
        weekday = WEEKDAYS[day.weekday()]
        text = {
            "weekly": f"Every {weekday}",
            "biweekly": f"Every other {weekday}",
            "monthly": f"Every {_ORDINALS[(day.day - 1) // 7]} {weekday} of the month",
        }[self.repeat]
        if hours and not self.all_day():
            begins = self.begins().astimezone(self.tz)
            ends = self.ends().astimezone(self.tz)
            then = datetime.datetime.combine(on or day, begins.time(), self.tz)
            times = f"{begins:%H:%M}" + (f"–{ends:%H:%M}" if ends != begins else "")
            text += f", {times} {zone_name(then)}"
        return text + (f", until {long_date(self.until)}" if self.until else "")

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
        if self.repeat:  # a series is upcoming until its last day
            return "past" if self.until and now.date() > self.until else "upcoming"
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
        kind=fields.choice("kind", KINDS),
        organizers=organizers(fields),
        summary=fields.shown("summary"),
        repeat=repeat(fields),
        until=until(fields, start),
        skipped=skipped(fields),
        series=fields.text("series"),
        speaker=fields.text("speaker"),
        slides=fields.web_address("slides"),
        recording=fields.web_address("recording"),
    )
    fields.warn_unknown(EVENT_KEYS)
    event = dataclasses.replace(event, skipped=meeting_days_skipped(fields, event))
    series_problems(fields, event)
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
        ending: When = start.replace(hour=hour, minute=minute, second=0)
        if start.tzinfo is not None:  # the event's own zone: a time its clocks skip is none
            try:
                ending = parse_when(
                    start.replace(hour=hour, minute=minute, second=0, tzinfo=None), start.tzinfo
                )
            except DateError as error:
                fields.error("end", f"'end': {error}")
                return None
        return checked_end(fields, start, ending)
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


def repeat(fields: Fields) -> str:
    """Return how the event repeats ("" for once), one of ``REPEATS``."""
    value = fields.text("repeat").lower()
    if value and value not in REPEATS:
        fields.error("repeat", f"'repeat' {value!r} — use one of {', '.join(REPEATS)}")
        return ""
    return value


def until(fields: Fields, start: When | None) -> datetime.date | None:
    """Return the last day a repeating event may take place."""
    value = when(fields, "until")
    if value is None:
        return None
    if not fields.values.get("repeat"):
        fields.error("until", "'until' is for an event that repeats — add 'repeat: weekly'")
    day = own_day(value)
    if isinstance(value, datetime.datetime):  # a meeting of that day at any hour is in
        fields.error("until", f"'until' is a day, the series' last — write 'until: {day}'")
    if start is not None and day < own_day(start):
        fields.error("until", f"'until' ({day}) is before 'start' — fix the date")
        return None
    return day


def skipped(fields: Fields) -> tuple[datetime.date, ...]:
    """Return the days a repeating event does not take place ('except')."""
    value = fields.values.get("except")
    days = value if isinstance(value, list) else [] if value is None else [value]
    if any(
        not isinstance(day, datetime.date) or isinstance(day, datetime.datetime) for day in days
    ):
        fields.error("except", "'except' must be a list of days: [2027-01-05, 2027-04-13]")
        return ()
    return tuple(days)


def meeting_days_skipped(fields: Fields, event: Event) -> tuple[datetime.date, ...]:
    """Return the days of 'except' on which the event would meet, each once: a day it would
    not meet anyway is a mistake (and each skipped day is a line of the calendar)."""
    if event.skipped and not event.repeat:
        fields.error("except", "'except' is for an event that repeats — add 'repeat: weekly'")
        return ()
    days = tuple(dict.fromkeys(event.skipped))
    if len(days) > MAX_SKIPPED:
        message = (
            f"'except' lists {len(days)} days, more than an event may skip ({MAX_SKIPPED}) — "
            "end the series with 'until' and start a new one"
        )
        fields.error("except", message)
        return ()
    odd = next((day for day in days if not event.meets_on(day)), None)
    if odd is not None:
        meets = event.rhythm(hours=False)
        message = f"'except' {odd} is not a day the event meets ({meets}) — fix the date"
        fields.error("except", message)
    return tuple(day for day in days if event.meets_on(day))


def series_problems(fields: Fields, event: Event) -> None:
    """Judge what only a repeating event can get wrong: an 'end' on another day than its
    first (each meeting ends on its own day), a 'series' of its own (it is one), and an
    'except' that leaves no meeting before 'until'."""
    if not event.repeat:
        return
    if event.end is not None and own_day(event.end) != own_day(event.start):
        fields.error("end", "'end' of an event that repeats is when each meeting ends, on the "
                     "day of 'start' — write the time alone ('end: 11:00'); 'until' is the last "
                     "day")  # fmt: skip
    if event.series:
        fields.error("series", "'series' is for one talk of a series; this event repeats, so "
                     "it is a series itself — remove 'series'")  # fmt: skip
    if event.until and event.skipped and next(event.days(event.until), None) is None:
        fields.error("except", f"'except' leaves no meeting up to 'until' ({event.until}) — "
                     "remove the event, or fix 'except' or 'until'")  # fmt: skip


def organizers(fields: Fields) -> tuple[str, ...]:
    """Return the organizers (one text or a list)."""
    value = fields.values.get("organizers")
    return (fields.text("organizers"),) if isinstance(value, str) else fields.texts("organizers")
