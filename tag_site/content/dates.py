"""Dates and times: reading them as editors write them, one clock, and formatting for people.

Every moment is compared as an aware ``datetime``: a date means its midnight in the time zone
that applies, a time without an offset is in that zone. So dates of different kinds sort
together, and the machine's own time zone never matters.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import zoneinfo

from ..errors import SettingError

When = datetime.date | datetime.datetime  # a date (all day) or an aware date-time

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.ASCII,  # "٢٠٢٧-05-25" is no date to a feed or a calendar
)


class DateError(ValueError):
    """A value that is not a date or date-time, or not a real one."""


def zone(name: str) -> zoneinfo.ZoneInfo:
    """Return the IANA time zone ``name``; ``DateError`` if there is none (a folder of zones
    such as ``Europe``, or a file of the database that is no zone of its own: ``localtime``,
    the build machine's, ``posix/…``; ``Factory``, "local time unknown")."""
    if name not in _zones() or name in ("localtime", "posixrules", "Factory"):
        raise DateError(f"unknown time zone {name!r} — write one like Europe/Berlin")
    return zoneinfo.ZoneInfo(name)


@functools.cache
def _zones() -> frozenset[str]:
    """Return the names of the time zones of the IANA database (looked up once)."""
    return frozenset(zoneinfo.available_timezones())


YEARS = range(1900, 3000)  # the years a date of the site may have (feeds and calendars)


def parse_when(value: object, tz: datetime.tzinfo | None = None) -> When:
    """Return ``value`` as a date or a date-time; times without an offset get ``tz`` (if any).

    Takes what YAML gives (dates, date-times) and text: ``2026-01-21``, ``2026-01-21 12:00``,
    ``2026-01-21T12:00:00+01:00``, ``2026-01-21 12:00:00 +0100`` (Jekyll's form).
    """
    when = _read_when(value)
    if when.year not in YEARS:
        shown = value.isoformat() if isinstance(value, datetime.date) else repr(value)
        raise DateError(f"{shown} is not a date this site can use — check the year")
    if isinstance(when, datetime.datetime) and when.tzinfo is None and tz is not None:
        aware = when.replace(tzinfo=tz)
        clocks = aware.astimezone(datetime.UTC).astimezone(tz)
        if clocks.replace(tzinfo=None) != when:  # in the hour the clocks skip
            raise DateError(
                f"{when:%Y-%m-%d %H:%M} does not happen in {tz}: the clocks go forward then "
                f"— write the time the clocks show ({clocks:%H:%M})"
            )
        return aware
    return when


def _read_when(value: object) -> When:
    if isinstance(value, datetime.date):
        return value
    match = _DATE_TIME.match(str(value).strip())
    if not match:
        shown = json.dumps(value, default=str) if isinstance(value, (list, dict)) else repr(value)
        raise DateError(f"{shown} is not a date — write YYYY-MM-DD or YYYY-MM-DD HH:MM")
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        if hour is None:
            return datetime.date(int(year), int(month), int(day))
        moment = datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
        )
        return moment.replace(tzinfo=parse_offset(offset)) if offset else moment
    except ValueError as error:
        reason = "the offset must be under 24 hours" if "offset" in str(error) else error
        raise DateError(f"{value!r} is not a real date or time ({reason})") from None


def parse_offset(text: str) -> datetime.tzinfo:
    """Return the fixed offset written as ``Z``, ``+0100`` or ``+01:00``."""
    if text == "Z":
        return datetime.UTC
    digits = text[1:].replace(":", "")
    delta = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return datetime.timezone(-delta if text[0] == "-" else delta)


def instant(when: When, tz: datetime.tzinfo) -> datetime.datetime:
    """Return the moment ``when`` starts: a date at its midnight, a naive time in ``tz``."""
    if isinstance(when, datetime.datetime):
        return when if when.tzinfo else when.replace(tzinfo=tz)
    return datetime.datetime.combine(when, datetime.time(), tz)


def day_of(when: When, tz: datetime.tzinfo) -> datetime.date:
    """Return the calendar day of ``when`` in ``tz``."""
    if isinstance(when, datetime.datetime):
        return instant(when, tz).astimezone(tz).date()
    return when


def own_day(when: When) -> datetime.date:
    """Return the calendar day of ``when`` as written (in its own time zone)."""
    return when.date() if isinstance(when, datetime.datetime) else when


def current_time(tz: datetime.tzinfo, pinned: object = None) -> datetime.datetime:
    """Return now in ``tz``: the one clock of the site. ``pinned`` (``TAG_SITE_TODAY``: a date
    or a date-time) fixes it; ``SettingError`` if it is not one."""
    if pinned is None or pinned == "":
        return datetime.datetime.now(tz)
    try:
        return instant(parse_when(pinned, tz), tz).astimezone(tz)
    except DateError as error:
        what = str(error).split(" — ")[0]
        message = f"TAG_SITE_TODAY: {what} — set it to a day like 2026-05-26, or unset it"
        raise SettingError(message) from None


def long_date(day: datetime.date) -> str:
    """Return "15 April 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _short(day: datetime.date, *, year: bool = True) -> str:
    text = f"{day.day} {MONTHS[day.month - 1][:3]}"
    return f"{text} {day.year}" if year else text


def day_range(start: datetime.date, end: datetime.date) -> str:
    """Return a range of days as people write it: "24–29 May 2026", "30 Sep – 2 Oct 2026"."""
    if start == end:
        return _short(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_short(end)}"
    if start.year == end.year:
        return f"{_short(start, year=False)} – {_short(end)}"
    return f"{_short(start)} – {_short(end)}"


def time_range(start: datetime.datetime, end: datetime.datetime | None) -> str:
    """Return "14:00–16:00 CET, 3 Feb 2027" (times in the zone of ``start``)."""
    name = zone_name(start)
    if end is None:
        return f"{start:%H:%M} {name}, {_short(start.date())}"
    end = end.astimezone(start.tzinfo)
    if end.date() == start.date() and zone_name(end) == name:
        return f"{start:%H:%M}–{end:%H:%M} {name}, {_short(start.date())}"
    return (
        f"{_short(start.date())}, {start:%H:%M} {name} – "
        f"{_short(end.date())}, {end:%H:%M} {zone_name(end)}"
    )


def zone_name(moment: datetime.datetime) -> str:
    """Return the abbreviation of the zone at ``moment`` ("CET"), or "UTC+03" where none exists."""
    name = moment.tzname() or ""
    if name and name[0] not in "+-" and not name.startswith("UTC"):
        return name
    minutes = int((moment.utcoffset() or datetime.timedelta()).total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes >= 0 else "-"
    return "UTC" if minutes == 0 else f"UTC{sign}{hours:02d}" + (f":{rest:02d}" if rest else "")
