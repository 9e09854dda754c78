"""Seminar series: one file, one calendar entry with RRULE and EXDATEs, the next date shown."""

from __future__ import annotations

import datetime
from pathlib import Path

import icalendar
import pytest
from dateutil import rrule
from flask import Flask

from .helpers import BERLIN, Write, app_on, check, freeze

SEMINAR = (
    '---\ntitle: SciML seminar\nkind: seminar\nstart: 2026-10-20 16:00\nend: "17:00"\n'
    "repeat: monthly\nuntil: 2027-06-30\nexcept: [2026-12-15]\n"
    "online: https://example.org/meeting\n---\n\nThe third Tuesday of each month.\n"
)


def test_a_monthly_seminar_is_one_calendar_entry_that_calendars_expand_alike(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """The .ics holds one VEVENT: RRULE with FREQ first, UNTIL in UTC, BYDAY=3TU, and the
    skipped day as an EXDATE in the event's zone. Expanded (dateutil, as calendar apps do),
    it gives the third Tuesdays at 16:00 Berlin time, across the change of clocks."""
    site("events/2026-10-20-seminar.md", SEMINAR)
    assert freeze(app_on(content, "2026-12-01"), "--dest", str(tmp_path / "build")).exit_code == 0
    raw = (tmp_path / "build/events/2026/seminar.ics").read_bytes()
    assert b"RRULE:FREQ=MONTHLY;" in raw
    [event] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20270630T215959Z;BYDAY=3TU"
    start = event["DTSTART"].dt
    assert start == datetime.datetime(2026, 10, 20, 16, 0, tzinfo=BERLIN)
    skipped = [d.dt for d in event["EXDATE"].dts]
    assert skipped == [datetime.datetime(2026, 12, 15, 16, 0, tzinfo=BERLIN)]
    days = rrule.rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    times = [t for t in days if t not in skipped]
    assert [t.date().isoformat() for t in times] == [
        "2026-10-20", "2026-11-17", "2027-01-19", "2027-02-16", "2027-03-16",
        "2027-04-20", "2027-05-18", "2027-06-15",
    ]  # fmt: skip
    assert {t.astimezone(BERLIN).hour for t in times} == {16}
    assert {t.astimezone(datetime.UTC).hour for t in times} == {14, 15}  # summer and winter


def test_the_events_page_shows_the_rhythm_and_the_next_date(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A series is listed as how it recurs and the next date (a skipped day skipped), in the
    zone's name of that day; after its last day it is a past event."""
    site("events/2026-10-20-seminar.md", SEMINAR)
    site("events/2026-11-02-reading.md", "---\ntitle: Reading group\nstart: 2026-11-02\n"
         "repeat: biweekly\nuntil: 2027-01-31\n---\n")  # fmt: skip
    client = app_on(content, "2026-12-01").test_client()
    page = client.get("/events/").get_data(as_text=True)
    assert ("Every 3rd Tuesday of the month, 16:00–17:00 CET, until 30 June 2027 — next: "
            "19 January 2027") in page  # fmt: skip
    assert "Every other Monday, until 31 January 2027 — next: 14 December 2026" in page
    seminar = client.get("/events/2026/seminar/").get_data(as_text=True)
    assert "next: 19 January 2027" in seminar
    later = app_on(content, "2027-07-01").test_client().get("/events/").get_data(as_text=True)
    assert later.index("Past events") < later.index("SciML seminar")
    assert "next:" not in later


@pytest.mark.parametrize("url", ["/events/", "/"])
def test_a_series_is_listed_and_shown_by_its_next_meeting(
    site: Write, content: Path, url: str
) -> None:
    """Issue 22: a monthly series started on 20 Oct 2026 showed "20 Oct 2026" under
    Upcoming and came before a workshop on 10 Jan 2027, though its next meeting is 19 Jan
    2027 (15 Dec is skipped). A series is dated and ordered by its next meeting, on the
    events page and the home page alike."""
    site("events/2026-10-20-seminar.md", SEMINAR)
    site("events/2027-01-10-workshop.md", "---\ntitle: Winter workshop\nstart: 2027-01-10\n---\n")
    page = app_on(content, "2026-12-16").test_client().get(url).get_data(as_text=True)
    upcoming = page[page.index('id="upcoming"' if url == "/events/" else 'id="events"') :]
    assert upcoming.index("Winter workshop") < upcoming.index("SciML seminar"), upcoming
    seminar = upcoming[upcoming.index("Winter workshop") :]
    start = seminar.index('class="date-badge"')
    badge = seminar[start : seminar.index("</p>", start)]
    assert ">19</span>" in badge and ">Jan</span>" in badge and ">2027</span>" in badge, badge


WEEKS = ", ".join(
    str(datetime.date(2026, 10, 20) + datetime.timedelta(7 * n)) for n in range(1_001)
)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("repeat: daily\n", "'repeat' 'daily' — use one of weekly, biweekly, monthly"),
        ("until: 2027-01-01\n", "'until' is for an event that repeats"),
        ("repeat: weekly\nuntil: 2026-01-01\n", "'until' (2026-01-01) is before 'start'"),
        ("repeat: weekly\nexcept: [soon]\n", "'except' must be a list of days"),
        ("repeat: weekly\nexcept: [2026-10-21]\n",
         "'except' 2026-10-21 is not a day the event meets (Every Tuesday) — fix the date"),
        ("except: [2026-10-20]\n", "'except' is for an event that repeats"),
        (f"repeat: weekly\nexcept: [{WEEKS}]\n",
         "'except' lists 1001 days, more than an event may skip (1000)"),
        ("repeat: weekly\nuntil: 2027-01-19 09:00\n",
         "'until' is a day, the series' last — write 'until: 2027-01-19'"),
        ("repeat: weekly\nend: 2026-11-03\n",
         "'end' of an event that repeats is when each meeting ends, on the day of 'start'"),
        ("repeat: weekly\nseries: 2026-10-20-y.md\n",
         "'series' is for one talk of a series; this event repeats, so it is a series itself"),
        ("repeat: weekly\nuntil: 2026-10-27\nexcept: [2026-10-20, 2026-10-27]\n",
         "'except' leaves no meeting up to 'until' (2026-10-27) — remove the event"),
    ],
    ids=["repeat", "until-alone", "until-before", "except", "except-no-meeting",
         "except-alone", "except-too-many", "until-a-time", "end-another-day",
         "series-of-a-series", "except-every-meeting"],
)  # fmt: skip
def test_a_bad_series_is_an_error(site: Write, app: Flask, extra: str, message: str) -> None:
    """What the series cannot be read from is an error; so is what the page and the calendar
    would tell apart (an 'end' days later: meetings of 15 days in the calendar, 'Every
    Tuesday, 10:00–11:00' on the page; a last day's hour the page ignored; no meeting left)."""
    site("events/2026-10-20-x.md", f"---\ntitle: X\nstart: 2026-10-20\n{extra}---\n")
    assert message in check(app).output


def test_a_wrong_except_day_names_the_days_without_a_zone(site: Write, app: Flask) -> None:
    """The error for an 'except' day the seminar does not meet said "16:00–17:00 UTC" of a
    site in Berlin's zone (a file is read without the site's zone): it names the days."""
    site("events/2027-01-12-sem.md", "---\ntitle: S\nstart: 2027-01-12 16:00\nend: \"17:00\"\n"
         "repeat: weekly\nuntil: 2027-06-30\nexcept: [2027-01-13]\n---\n")  # fmt: skip
    said = "is not a day the event meets (Every Tuesday, until 30 June 2027) — fix the date"
    assert said in check(app).output


def test_a_series_without_an_end_time_shows_its_start_alone(site: Write, content: Path) -> None:
    """A weekly seminar with no 'end' reads "Every Tuesday, 16:00 CET", not "16:00–16:00"."""
    site("events/2026-10-20-x.md", "---\ntitle: X\nstart: 2026-10-20 16:00\nrepeat: weekly\n---\n")
    page = app_on(content, "2026-10-01").test_client().get("/events/").get_data(as_text=True)
    assert "Every Tuesday, 16:00 CEST" in page and "16:00–16:00" not in page


TALK = (
    "---\ntitle: Operator learning for turbulence\nkind: seminar\nstart: 2026-11-17 16:00\n"
    'end: "17:00"\nseries: 2026-10-20-seminar.md\nspeaker: Jane Doe\n'
    "recording: https://example.org/recording/1\n---\n\nAbstract.\n"
)
NEXT_TALK = (
    "---\ntitle: Kernels and PDEs\nstart: 2027-01-19 16:00\nseries: /events/2026/seminar/\n"
    "speaker: John Roe\n---\n"
)


def test_a_series_page_lists_its_talks_and_a_talk_links_its_series(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """Talks name their series by its file or its address; the series page lists them,
    the coming ones first, the past ones with their recordings; a talk links its series."""
    site("events/2026-10-20-seminar.md", SEMINAR)
    site("events/2026-11-17-talk.md", TALK)
    site("events/2027-01-19-next.md", NEXT_TALK)
    app = app_on(content, "2026-12-01")
    assert check(app).exit_code == 0
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    series = (tmp_path / "build/events/2026/seminar/index.html").read_text("utf-8")
    assert series.index("Kernels and PDEs") < series.index("Past talks")
    assert series.index("Past talks") < series.index("Operator learning for turbulence")
    assert '<a href="https://example.org/recording/1">recording</a>' in series
    talk = (tmp_path / "build/events/2026/talk/index.html").read_text("utf-8")
    assert '<dd><a href="/events/2026/seminar/">SciML seminar</a></dd>' in talk
    assert "<dd>Jane Doe</dd>" in talk


def test_a_series_page_is_made_again_when_a_talk_is_added(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """The series page shows its talks: a new talk makes it again, even when the previous
    build's pages are kept."""
    site("events/2026-10-20-seminar.md", SEMINAR)
    site("events/2026-11-17-talk.md", TALK)
    dest = tmp_path / "build"
    assert freeze(app_on(content, "2026-12-01"), "--dest", str(dest)).exit_code == 0
    site("events/2027-01-19-next.md", NEXT_TALK)
    assert freeze(app_on(content, "2026-12-01"), "--dest", str(dest)).exit_code == 0
    assert "Kernels and PDEs" in (dest / "events/2026/seminar/index.html").read_text("utf-8")


def test_a_talk_of_no_series_is_an_error_at_its_line(site: Write, app: Flask) -> None:
    """A talk must name an event that repeats."""
    site("events/2026-11-17-talk.md", TALK)
    output = check(app).output
    assert (
        "content/events/2026-11-17-talk.md:6: error: 'series' '2026-10-20-seminar.md' is not"
        in (output)
    )


def test_a_monthly_series_shows_no_next_day_after_until(site: Write, content: Path) -> None:
    """The 4th Saturday after 'until' (2 June) in its last month is not a meeting: the day
    before 'until', the page names none after it, as the calendar's RRULE gives none."""
    site("events/2024-01-27-club.md", "---\ntitle: Club\nstart: 2024-01-27\nrepeat: monthly\n"
         "until: 2024-06-02\n---\n\nText.\n")  # fmt: skip
    page = app_on(content, "2024-06-01").test_client().get("/events/2024/club/").data.decode()
    assert "Every 4th Saturday of the month" in page
    assert "next:" not in page and "22 June 2024" not in page
    event = app_on(content, "2024-06-01").extensions["tag_site"].load().events[0]
    assert list(event.days(datetime.date(2025, 1, 1)))[-1] == datetime.date(2024, 5, 25)


def test_a_talk_takes_the_place_of_its_series_meeting_in_the_calendars(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """Issue 22: a talk of a series on one of its days gave events.ics two entries at the
    same time (the series' meeting and the talk), and the talk's had neither its speaker nor
    the series' online link. The talk takes the meeting's place (the series' UID and the
    meeting's RECURRENCE-ID), in events.ics and the series' own calendar, and says both;
    its own calendar keeps its own UID."""
    site("events/2026-10-20-seminar.md", SEMINAR)
    site("events/2027-01-19-talk.md", "---\ntitle: Learned solvers\nstart: 2027-01-19 16:00\n"
         "series: 2026-10-20-seminar.md\nspeaker: Ada Lovelace\n---\n")  # fmt: skip
    assert freeze(app_on(content, "2026-12-01"), "--dest", str(tmp_path / "b")).exit_code == 0
    for name in ("events.ics", "events/2026/seminar.ics"):
        found = icalendar.Calendar.from_ical((tmp_path / "b" / name).read_bytes()).walk("VEVENT")
        series, talk = sorted(found, key=lambda event: "RECURRENCE-ID" in event)
        assert talk["UID"] == series["UID"], name
        meeting = datetime.datetime(2027, 1, 19, 16, 0, tzinfo=BERLIN)
        assert talk["RECURRENCE-ID"].dt == meeting and talk["DTSTART"].dt == meeting
        assert "Speaker: Ada Lovelace" in talk["DESCRIPTION"]
        assert "Online: https://example.org/meeting" in talk["DESCRIPTION"]
    raw = (tmp_path / "b/events/2027/talk.ics").read_bytes()
    [own] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert "RECURRENCE-ID" not in own and own["UID"] != series["UID"]
    assert "Online: https://example.org/meeting" in own["DESCRIPTION"]
