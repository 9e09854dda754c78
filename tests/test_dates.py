"""Dates as editors write them, the one clock, and ranges as people read them."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from tag_site.content.dates import (
    DateError,
    current_time,
    day_range,
    instant,
    parse_when,
    time_range,
    zone_name,
)

from .helpers import BERLIN


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2026, 1, 21), datetime.date(2026, 1, 21)),
        ("2026-01-21", datetime.date(2026, 1, 21)),
        ("2026-01-21 12:00", datetime.datetime(2026, 1, 21, 12, tzinfo=BERLIN)),
        ("2026-01-21T12:00:30", datetime.datetime(2026, 1, 21, 12, 0, 30, tzinfo=BERLIN)),
        (
            "2026-01-21 12:00:00 +0100",
            datetime.datetime(2026, 1, 21, 11, tzinfo=datetime.UTC),
        ),
        ("2026-01-21T12:00:00Z", datetime.datetime(2026, 1, 21, 12, tzinfo=datetime.UTC)),
        (datetime.datetime(2026, 1, 21, 12), datetime.datetime(2026, 1, 21, 12, tzinfo=BERLIN)),
    ],
)
def test_dates_and_times_are_read_as_written(value: object, expected: object) -> None:
    """Dates, naive times (in the zone) and Jekyll's '+0100' offsets are all understood."""
    assert parse_when(value, BERLIN) == expected


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2026-02-30", "'2026-02-30' is not a real date or time (day is out of range for month)"),
        ("2026-13-01 10:00", "'2026-13-01 10:00' is not a real date or time (month must be in"),
        ("2026-01-21 25:00", "'2026-01-21 25:00' is not a real date or time (hour must be in"),
        ("soon", "'soon' is not a date — write YYYY-MM-DD or YYYY-MM-DD HH:MM"),
        ([datetime.date(2026, 1, 1)], '["2026-01-01"] is not a date — write YYYY-MM-DD'),
    ],
    ids=["february-30", "month-13", "hour-25", "a-word", "a-list"],
)
def test_a_date_that_does_not_exist_is_an_error(value: object, said: str) -> None:
    """A date that does not exist is an error, never a silent guess; a list is said as
    written (the 56th attack: "[datetime.date(2026, 1, 1)]", Python's words)."""
    with pytest.raises(DateError, match=re.escape(said)):
        parse_when(value, BERLIN)


def test_mixed_kinds_sort_as_instants() -> None:
    """A date, a naive date-time and one with an offset sort together without a crash."""
    values = [
        parse_when("2026-01-21 12:00:00 +0100"),
        parse_when("2026-01-21"),
        parse_when("2026-01-21 09:30"),
    ]
    ordered = sorted(values, key=lambda value: instant(value, BERLIN))
    assert ordered == [values[1], values[2], values[0]]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2026, 5, 24), (2026, 5, 24), "24 May 2026"),
        ((2026, 5, 24), (2026, 5, 29), "24–29 May 2026"),
        ((2026, 9, 30), (2026, 10, 2), "30 Sep – 2 Oct 2026"),
        ((2026, 12, 30), (2027, 1, 2), "30 Dec 2026 – 2 Jan 2027"),
    ],
)
def test_day_ranges_read_as_people_write_them(
    start: tuple[int, int, int], end: tuple[int, int, int], expected: str
) -> None:
    """Ranges of days read the way people write them."""
    assert day_range(datetime.date(*start), datetime.date(*end)) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2027, 2, 3, 14), (2027, 2, 3, 16), "14:00–16:00 CET, 3 Feb 2027"),
        ((2027, 7, 3, 9), (2027, 7, 3, 17), "09:00–17:00 CEST, 3 Jul 2027"),
        ((2027, 2, 3, 14), None, "14:00 CET, 3 Feb 2027"),
        (
            (2027, 3, 27, 18),
            (2027, 3, 28, 12),
            "27 Mar 2027, 18:00 CET – 28 Mar 2027, 12:00 CEST",
        ),
    ],
)
def test_time_ranges_name_their_zone_on_both_sides_of_a_clock_change(
    start: tuple[int, ...], end: tuple[int, ...] | None, expected: str
) -> None:
    """Timed events show the zone; across a clock change, both sides name theirs."""
    begin = datetime.datetime(*start, tzinfo=BERLIN)  # type: ignore[misc]
    finish = datetime.datetime(*end, tzinfo=BERLIN) if end else None  # type: ignore[misc]
    assert time_range(begin, finish) == expected


def test_a_zone_without_letters_is_written_as_an_offset() -> None:
    """Zones with no letters for their name are written as an offset from UTC."""
    moment = datetime.datetime(2027, 2, 3, 14, tzinfo=ZoneInfo("America/Sao_Paulo"))
    assert zone_name(moment) == "UTC-03"
    assert zone_name(datetime.datetime(2027, 2, 3, tzinfo=ZoneInfo("Asia/Kolkata"))) == "IST"


def test_clock_can_be_pinned() -> None:
    """TAG_SITE_TODAY pins the site's now to the start of that day in the site's zone."""
    assert current_time(BERLIN, "2026-05-26") == datetime.datetime(2026, 5, 26, tzinfo=BERLIN)
    assert current_time(BERLIN, "2026-05-26 15:30").hour == 15
    assert current_time(BERLIN).tzinfo is BERLIN


def test_a_year_out_of_range_is_said_as_written() -> None:
    """A date YAML read as a date is said as a date, not as Python's datetime.date(…)."""
    import datetime

    from tag_site.content.dates import DateError, parse_when

    with pytest.raises(DateError, match=r"^9999-12-31 is not a date this site can use"):
        parse_when(datetime.date(9999, 12, 31))
