"""Open positions: listed until their deadline by the one clock, their pages kept, closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from .helpers import Write, app_on, check, freeze

POSTDOC = (
    "---\ntitle: Postdoc in operator learning\nemployer: University of Example\n"
    "location: Lisbon, Portugal\nkind: postdoc\nurl: https://example.org/call\n"
    "deadline: 2027-01-31\n---\n\nTwo years, starting in spring.\n"
)
PHD = "---\ntitle: PhD in uncertainty quantification\nkind: phd\ndeadline: 2027-03-15\n---\n\nUQ.\n"


def text_of(path: Path) -> str:
    """Return a built page's text."""
    return path.read_text("utf-8")


@pytest.fixture
def jobs(site: Write) -> Write:
    """Write two positions: a postdoc (deadline 31 Jan 2027) and a PhD (15 Mar 2027)."""
    site("jobs/2026-11-20-postdoc.md", POSTDOC)
    site("jobs/2026-12-01-phd.md", PHD)
    return site


def test_open_positions_are_listed_soonest_deadline_first(
    jobs: Write, content: Path, tmp_path: Path
) -> None:
    """/jobs/ lists the open positions by deadline, with kind, employer, place and deadline."""
    app = app_on(content, "2026-12-10")
    assert check(app).exit_code == 0
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    listing = text_of(tmp_path / "build/jobs/index.html")
    assert listing.index("Postdoc in operator learning") < listing.index("PhD in uncertainty")
    assert "Postdoc position, University of Example, Lisbon, Portugal · apply by" in listing
    feed = text_of(tmp_path / "build/jobs/feed.xml")
    assert feed.count("<entry>") == 2 and "apply by 2027-01-31" in feed


@pytest.mark.parametrize(("today", "listed"), [("2027-01-31", True), ("2027-02-01", False)])
def test_a_position_leaves_the_list_the_day_after_its_deadline(
    jobs: Write, content: Path, tmp_path: Path, today: str, listed: bool
) -> None:
    """On its deadline a position is open; the day after it is gone from the list and the
    feed, with no edit, and its page still answers, marked Closed."""
    assert freeze(app_on(content, today), "--dest", str(tmp_path / "build")).exit_code == 0
    listing = text_of(tmp_path / "build/jobs/index.html")
    feed = text_of(tmp_path / "build/jobs/feed.xml")
    page = text_of(tmp_path / "build/jobs/2026/postdoc/index.html")
    assert ("Postdoc in operator learning" in listing) == listed
    assert ("Postdoc in operator learning" in feed) == listed
    assert ("Closed" in page) != listed and ("Apply by" in page) == listed


def test_a_kept_position_page_closes_with_the_clock(
    jobs: Write, content: Path, tmp_path: Path
) -> None:
    """A freeze that keeps pages of the previous build still makes a position's page again
    the day it closes (its key holds whether it is open)."""
    dest = tmp_path / "build"
    assert freeze(app_on(content, "2027-01-31"), "--dest", str(dest)).exit_code == 0
    assert freeze(app_on(content, "2027-02-01"), "--dest", str(dest)).exit_code == 0
    assert "Closed" in text_of(dest / "jobs/2026/postdoc/index.html")
    assert "Closed" not in text_of(dest / "jobs/2026/phd/index.html")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\ntitle: A job\n---\n",
            "content/jobs/2026-12-01-x.md:2: error: 'deadline' is missing",
        ),
        ("---\ntitle: A job\nkind: intern\ndeadline: 2027-01-01\n---\n", "unknown kind 'intern'"),
    ],
    ids=["no-deadline", "kind"],
)
def test_a_position_without_a_deadline_or_with_an_odd_kind_is_an_error(
    site: Write, app: Flask, text: str, message: str
) -> None:
    """A position must say until when one can apply, and be of a known kind."""
    site("jobs/2026-12-01-x.md", text)
    assert message in check(app).output


def test_the_home_page_can_show_the_open_positions(
    jobs: Write, content: Path, tmp_path: Path
) -> None:
    """'sections: [jobs]' on the home page lists the open positions."""
    jobs("index.md", "---\nlayout: home\nsections: [news, jobs]\n---\n\nWelcome.\n")
    assert freeze(app_on(content, "2027-02-01"), "--dest", str(tmp_path / "build")).exit_code == 0
    home = text_of(tmp_path / "build/index.html")
    assert '<h2 id="jobs">Open positions</h2>' in home
    assert "PhD in uncertainty quantification" in home and "Postdoc in operator" not in home


# --- yearly reports ------------------------------------------------------------------------


def test_a_years_report_lists_its_events_news_and_positions(
    jobs: Write, content: Path, tmp_path: Path
) -> None:
    """/reports/ lists the years with something on record; /reports/2026/ that year's events
    (with kind and place), news and positions, and the number of members."""
    jobs("events/2026-05-04-school.md", "---\ntitle: Spring school\nkind: school\n"
         "start: 2026-05-04\nlocation: Delft\n---\n")  # fmt: skip
    jobs("events/2027-02-01-seminar.md", "---\ntitle: Winter seminar\nstart: 2027-02-01\n---\n")
    jobs("news/2026-03-01-prize.md", "---\ntitle: A prize\n---\n\nWe won.\n")
    assert freeze(app_on(content, "2027-06-01"), "--dest", str(tmp_path / "build")).exit_code == 0
    listing = text_of(tmp_path / "build/reports/index.html")
    assert "2026</a>: 1 event, 1 news post, 2 positions" in listing
    assert "2027</a>: 1 event, 0 news posts, 0 positions" in listing
    assert not (tmp_path / "build/reports/2025").exists()  # nothing on record: no page
    year = text_of(tmp_path / "build/reports/2026/index.html")
    assert "activity in 2026" in year and "2 members today" in year
    assert "<td>school</td><td>Delft</td>" in year
    assert "A prize" in year and "Postdoc in operator learning" in year
    assert "Winter seminar" not in year


def test_a_page_cannot_take_a_reports_address(site: Write, app: Flask) -> None:
    """The reports' addresses are the site's own."""
    site("r.md", "---\ntitle: R\npermalink: /reports/2026/\n---\n")
    assert "the URL /reports/2026/ is made by the site itself" in check(app).output


def test_a_site_with_nothing_on_record_has_no_yearly_report(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """No events, news or positions: /reports/ says so, and the freeze makes no year."""
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert "Nothing on record yet." in text_of(tmp_path / "build/reports/index.html")
    assert [p.name for p in (tmp_path / "build/reports").iterdir()] == ["index.html"]


def test_a_deadline_that_is_no_date_is_one_error(site: Write, app: Flask) -> None:
    """'deadline: soon' is said to be no date, not also to be missing."""
    site("jobs/2026-12-01-x.md", "---\ntitle: A job\ndeadline: soon\n---\n")
    output = check(app).output
    assert "'deadline'" in output and "missing" not in output
    assert output.count("content/jobs/2026-12-01-x.md:3: error:") == 1
