"""News and events: listing, scheduling, drafts, redirects, calendars, the feed and the sitemap.

The sample site in tests/data/sample is invented; "today" is pinned for every test.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from flask import Flask
from flask.testing import FlaskClient

from tag_site import ROOT, create_app

from .helpers import BASE, BERLIN, SAMPLE, TODAY, check, freeze, snapshot

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

MakeApp = Callable[..., Flask]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Return a copy of the sample site's content folder."""
    folder = tmp_path / "site" / "content"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture
def make_app(content: Path) -> MakeApp:
    """Return a function that makes the app over the sample, as of a given day."""

    def make(today: str = TODAY) -> Flask:
        return create_app({"CONTENT_DIR": str(content), "TESTING": True, "TODAY": today})

    return make


@pytest.fixture
def client(make_app: MakeApp) -> FlaskClient:
    """Return a test client of the sample site as of ``TODAY``."""
    return make_app().test_client()


def html(client: FlaskClient, url: str) -> str:
    """Return the page at ``url``, which must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.data.decode()


def text(page: str) -> str:
    """Return the visible text of a page's <main>, whitespace collapsed."""
    main = page[page.index("<main") : page.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", "", main).replace("&#39;", "'").split())


def publish(app: Flask, dest: Path, base_url: str = BASE) -> None:
    """Freeze the app into ``dest`` and insist that it worked."""
    result = freeze(app, "--dest", str(dest), "--base-url", base_url)
    assert result.exit_code == 0, result.output


# --- news -------------------------------------------------------------------------------


def test_news_list_newest_first_with_dates_and_summaries(client: FlaskClient) -> None:
    """The news page lists posts newest first, each with its date and summary."""
    page = text(html(client, "/news/"))
    assert page.index("Season’s greetings") < page.index("Call for contributions")
    assert page.index("Call for contributions") < page.index("Kick-off meeting")
    assert "10 February 2026" in page
    assert "Contributions to the autumn workshop are welcome until 31 August." in page
    assert "The group met for the first time in Exampletown. See the events page." in page


def test_a_post_page_shows_its_date_author_tags_and_neighbours(client: FlaskClient) -> None:
    """A post shows its date, author, tags, body with working links, and its neighbours."""
    page = html(client, "/news/2026/kickoff/")
    assert "<h1>Kick-off meeting</h1>" in page
    assert '<time datetime="2026-01-21">21 January 2026</time> · Ada Example' in page
    assert "<li>meeting</li><li>announcement</li>" in page
    assert 'href="/events/2026/summer-school/"' in page  # a link to the .md file
    assert 'rel="next" href="/news/2026/call-for-contributions/"' in page
    assert 'rel="prev"' not in page


def test_date_in_front_matter_overrides_the_file_name(client: FlaskClient) -> None:
    """'date: 2026-02-10 12:00:00 +0100' (Jekyll's form) is the post's date."""
    page = html(client, "/news/2026/call-for-contributions/")
    assert '<time datetime="2026-02-10">10 February 2026</time>' in page


@pytest.mark.parametrize(
    ("count", "pages"),
    [(0, 1), (1, 1), (10, 1), (11, 2), (20, 2), (21, 3)],
)
def test_the_news_has_ten_posts_a_page_and_no_empty_pages(
    make_app: MakeApp, content: Path, count: int, pages: int
) -> None:
    """Ten posts a page; /news/page/N/ exists for N = 2..pages only."""
    shutil.rmtree(content / "news")
    (content / "news").mkdir()
    for n in range(count):
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=n)
        (content / "news" / f"{day}-post-{n:02d}.md").write_text(
            f"---\ntitle: Post {n:02d}\n---\nText {n}.\n"
        )
    client = make_app().test_client()
    first = text(html(client, "/news/"))
    if count == 0:
        assert "No news yet." in first
    assert first.count("Post ") == min(count, 10)
    if count:
        assert f"Post {count - 1:02d}" in first  # newest first
    for number in range(2, pages + 1):
        page = text(html(client, f"/news/page/{number}/"))
        assert page.count("Post ") == min(10, count - 10 * (number - 1))
        assert f"Page {number} of {pages}" in page
    assert client.get(f"/news/page/{pages + 1}/").status_code == 404
    assert client.get("/news/page/0/").status_code == 404
    assert client.get("/news/page/1/").headers["Location"].endswith("/news/")


# --- drafts and scheduled posts ---------------------------------------------------------


def test_preview_shows_drafts_and_scheduled_posts_marked(client: FlaskClient) -> None:
    """flask run shows a draft and a future post, each with a banner, and marks them in lists."""
    draft = html(client, "/news/2026/internal-note/")
    assert "Draft — this page is not published." in draft
    scheduled = html(client, "/news/2026/season-greetings/")
    assert "Scheduled — this post will be published on 24 December 2026." in scheduled
    listing = text(html(client, "/news/"))
    assert "Internal note · Draft" not in listing  # the mark is next to the date
    assert "1 March 2026 · Draft" in listing
    assert "24 December 2026 · Scheduled" in listing


def test_freeze_leaves_out_drafts_and_scheduled_posts(make_app: MakeApp, tmp_path: Path) -> None:
    """Not published: no page, not in the lists, the feed, the sitemap or the calendars."""
    publish(make_app(), tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "news/2026/kickoff/index.html").is_file()
    assert not (out / "news/2026/internal-note").exists()
    assert not (out / "news/2026/season-greetings").exists()
    everything = "".join(
        p.read_text("utf-8") for p in out.rglob("*") if p.suffix in (".html", ".xml")
    )
    assert "Internal note" not in everything
    assert "Season" not in everything


def test_scheduled_post_appears_on_its_day(make_app: MakeApp, tmp_path: Path) -> None:
    """The daily build publishes a scheduled post once its date has come."""
    publish(make_app("2026-12-24"), tmp_path / "out")
    assert (tmp_path / "out/news/2026/season-greetings/index.html").is_file()
    assert "Season" in (tmp_path / "out/feed.xml").read_text("utf-8")


def test_draft_event_is_left_out(make_app: MakeApp, content: Path, tmp_path: Path) -> None:
    """'published: false' on an event keeps it out of the freeze and the calendar."""
    path = content / "events/2026-09-30-autumn-workshop.md"
    path.write_text(path.read_text().replace("kind: workshop", "kind: workshop\npublished: false"))
    publish(make_app(), tmp_path / "out")
    assert not (tmp_path / "out/events/2026/autumn-workshop").exists()
    assert "Autumn" not in (tmp_path / "out/events.ics").read_text("utf-8")


# --- events -----------------------------------------------------------------------------


def test_events_upcoming_then_past(client: FlaskClient) -> None:
    """Ongoing and upcoming soonest first, the ongoing one marked; then past ones by year."""
    page = text(html(client, "/events/"))
    upcoming, past = page.split("Past events")
    titles = re.findall(
        r"(Summer School|Autumn Workshop|Online Seminar|Overnight Meeting)", upcoming
    )
    assert titles == ["Summer School", "Autumn Workshop", "Online Seminar", "Overnight Meeting"]
    assert "24–29 May 2026 Happening now" in upcoming
    assert "30 Sep – 2 Oct 2026" in upcoming
    assert "14:00–16:00 CET, 3 Feb 2027" in upcoming
    assert "2025 Minisymposium at a Past Conference 10 Nov 2025" in past


def test_event_moves_to_past_by_itself(make_app: MakeApp) -> None:
    """The day after its last day, an event is past, with no edit."""
    page = text(html(make_app("2026-05-30").test_client(), "/events/"))
    assert "Happening now" not in page
    assert page.index("Past events") < page.index("Summer School")
    assert text(html(make_app("2026-05-29").test_client(), "/events/")).count("Happening now") == 1


def test_an_event_page_shows_its_dates_place_and_calendar_link(client: FlaskClient) -> None:
    """An event page: kind, dates, place, website, organizers, deadline, body, calendar link."""
    page = html(client, "/events/2026/summer-school/")
    words = text(page)
    assert "Summer School on Learned Solvers School When 24–29 May 2026 Happening now" in words
    assert "Where Villa Example, Lake Como, Italy" in words
    assert "Organizers Ada Example, Carl Sample" in words
    assert "Registration closed" in words
    assert 'href="/events/2026/summer-school.ics"' in page
    assert "Add to calendar" in words


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-04-01", "Registration closes 15 April 2026"),
        ("2026-04-15", "Registration closes 15 April 2026"),
        ("2026-04-16", "Registration closed"),
    ],
)
def test_a_deadline_is_open_through_its_day_then_closed(
    make_app: MakeApp, today: str, expected: str
) -> None:
    """The deadline is open through its whole day, then says it is closed."""
    page = text(html(make_app(today).test_client(), "/events/2026/summer-school/"))
    assert expected in page
    assert ("Register" in page.replace("Registration", "")) == (expected != "Registration closed")


def test_event_pages_carry_schema_org_event_data(client: FlaskClient) -> None:
    """Event pages carry schema.org Event data, as data, for search engines."""
    page = html(client, "/events/2027/online-seminar/")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert raw
    data = json.loads(raw.group(1))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-02-03T14:00:00+01:00"
    assert data["endDate"] == "2027-02-03T16:00:00+01:00"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.org/seminar",
    }
    assert data["url"] == "https://example.org/sciml/events/2027/online-seminar/"


def test_the_home_page_shows_the_next_three_events_and_the_latest_news(client: FlaskClient) -> None:
    """Home: the next three events (with a link to all) and the latest news."""
    page = text(html(client, "/"))
    events = page[page.index("Events") :]
    assert events.count("Happening now") == 1
    assert "Overnight Meeting" not in events.split("All events")[0]  # only the next three
    assert "All events" in events
    assert "News" in page and "Call for contributions" in page


def test_a_home_page_with_nothing_upcoming_links_to_the_past_events(make_app: MakeApp) -> None:
    """Nothing upcoming: the old notice, and a link to the past events."""
    page = html(make_app("2028-01-01").test_client(), "/")
    words = text(page)
    assert "Events More information will follow soon. Past events" in words
    assert 'href="/events/#past"' in page


# --- redirects --------------------------------------------------------------------------


def test_redirects_are_small_pages_at_old_urls(make_app: MakeApp, tmp_path: Path) -> None:
    """redirect_from: the freeze writes a page at the old address that sends readers on."""
    publish(make_app(), tmp_path / "out")
    old = (tmp_path / "out/2026/01/21/kickoff.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/sciml/news/2026/kickoff/">' in old
    assert '<link rel="canonical" href="https://example.org/sciml/news/2026/kickoff/">' in old
    assert '<a href="/sciml/news/2026/kickoff/">' in old
    assert (tmp_path / "out/summer-school/index.html").is_file()


def test_redirect_that_takes_a_pages_url_is_an_error(make_app: MakeApp, content: Path) -> None:
    """An old URL that another page still uses cannot redirect."""
    path = content / "news/2026-01-21-kickoff.md"
    path.write_text(path.read_text().replace("[/2026/01/21/kickoff.html]", "[/events/]"))
    errors = [str(e) for e in make_app().extensions["tag_site"].load().errors]
    assert (
        "content/news/2026-01-21-kickoff.md:5: the URL /events/ is made by the site itself — "
        "remove it from redirect_from" in errors
    )


def test_redirect_without_extension_is_a_jekyll_address(
    make_app: MakeApp, content: Path, tmp_path: Path
) -> None:
    """redirect_from: /old-post (as jekyll-redirect-from allows) is written as /old-post.html."""
    path = content / "news/2026-01-21-kickoff.md"
    path.write_text(path.read_text().replace("[/2026/01/21/kickoff.html]", "old-post"))
    publish(make_app(), tmp_path / "out")
    assert "url=/sciml/news/2026/kickoff/" in (tmp_path / "out/old-post.html").read_text()


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-06-05\nend: 2026-06-01\n---\n",
            "content/events/2026-06-01-x.md:4: 'end' (2026-06-01) is before 'start' (2026-06-05)",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-06-05 10:00\ntimezone: Europe/Berln\n---\n",
            "content/events/2026-06-01-x.md:4: unknown time zone 'Europe/Berln'",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-02-30\n---\n",
            "content/events/2026-06-01-x.md:3:8: invalid YAML: '2026-02-30' is not a real date",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-02-30 10:00\n---\n",
            "content/events/2026-06-01-x.md:3: 'start': '2026-02-30 10:00' is not a real date",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-06-05\nend: 2026-06-06\ndeadline: 2026-06-07\n---\n",
            "content/events/2026-06-01-x.md:5: 'deadline' (2026-06-07) is after the event ends",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nlocation: Rome\n---\n",
            "content/events/2026-06-01-x.md:2: 'start' is missing",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-06-05\nend: 2026-06-06 10:00\n---\n",
            "content/events/2026-06-01-x.md:4: 'start' and 'end' must both be dates",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-06-05\nkind: party\n---\n",
            "content/events/2026-06-01-x.md:4: unknown kind 'party'",
        ),
        (
            "news/kickoff.md",
            "---\ntitle: X\n---\n",
            "content/news/kickoff.md: the file name must be YYYY-MM-DD-title.md",
        ),
        (
            "news/2026-02-30-x.md",
            "---\ntitle: X\n---\n",
            "content/news/2026-02-30-x.md: the file name must be YYYY-MM-DD-title.md",
        ),
        (
            "news/2026-01-21-kick off.md",
            "---\ntitle: X\n---\n",
            "content/news/2026-01-21-kick off.md: the file name must be YYYY-MM-DD-title.md",
        ),
        (
            "news/2026-01-22-kickoff.md",
            "---\ntitle: X\n---\n",
            "content/news/2026-01-22-kickoff.md:1: has the same URL /news/2026/kickoff/ as "
            "content/news/2026-01-21-kickoff.md",
        ),
    ],
    ids=[
        "end-before-start",
        "unknown-zone",
        "impossible-date",
        "impossible-date-time",
        "deadline-after-end",
        "no-start",
        "mixed-kinds",
        "unknown-kind",
        "no-date-in-name",
        "impossible-date-in-name",
        "space-in-name",
        "same-url",
    ],
)
def test_a_mistake_in_news_or_events_is_named_in_the_freeze_and_on_its_page(
    make_app: MakeApp, content: Path, tmp_path: Path, name: str, source: str, expected: str
) -> None:
    """Each mistake: file:line: message in the freeze (old build untouched) and on its page."""
    app = make_app()
    publish(app, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    (content / name).write_text(source)
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert expected in result.output, result.output
    assert snapshot(tmp_path / "out") == before
    error_pages = [
        url
        for url, page in app.extensions["tag_site"].load().pages.items()
        if str(page.source).endswith(Path(name).name)
    ]
    for url in error_pages:
        response = app.test_client().get(url)
        if response.status_code == 500:
            assert expected.split(": ", 1)[1][:40] in text(response.data.decode())


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        (
            "news/2026-04-01-z.md",
            "---\ntitle: Z\nslug: ../../../escaped\n---\n",
            "content/news/2026-04-01-z.md:3: slug '../../../escaped' must be lower-case letters",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-06-05\nslug: Foo Bar\n---\n",
            "content/events/2026-06-01-x.md:4: slug 'Foo Bar' must be",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-06-05\ndeadline: soon\n---\n",
            "content/events/2026-06-01-x.md:4: 'deadline': 'soon' is not a date",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 9999-12-31\n---\n",
            "content/events/2026-06-01-x.md:3: 'start': 9999-12-31 is not a date",
        ),
        (
            "events/2026-06-01-x.md",
            "---\ntitle: X\nstart: 2026-06-05\nend: '16:00'\n---\n",
            "content/events/2026-06-01-x.md:4: 'end' is a time, but 'start' has none",
        ),
    ],
    ids=["slug-escape", "slug-space", "bad-deadline", "year-9999", "time-without-start-time"],
)
def test_slugs_deadlines_and_years_are_errors_at_their_line(
    make_app: MakeApp, content: Path, name: str, source: str, expected: str
) -> None:
    """Slugs, deadlines and years are checked like every other field, at their line."""
    (content / name).write_text(source)
    errors = [str(e) for e in make_app().extensions["tag_site"].load().errors]
    assert any(e.startswith(expected) for e in errors), errors


@pytest.mark.parametrize(
    ("name", "source", "url"),
    [
        (
            "events/2026-06-01-imp.md",
            "---\ntitle: X\nstart: 2026-02-30\n---\n",
            "/events/2026/imp/",
        ),
        ("news/2026-06-01-imp.md", "---\ntitle: X: y\n---\n", "/news/2026/imp/"),
        (
            "events/2026-06-01-tz.md",
            "---\ntitle: X\nstart: 2026-06-05 10:00\ntimezone: Mars/Olympus\n---\n",
            "/events/2026/tz/",
        ),
    ],
)
def test_broken_post_or_event_keeps_its_url_and_breaks_nothing_else(
    make_app: MakeApp, content: Path, name: str, source: str, url: str
) -> None:
    """The error page is at the address the file would have; lists, feed, calendars still work."""
    (content / name).write_text(source)
    client = make_app().test_client()
    response = client.get(url)
    assert response.status_code == 500
    assert f"content/{name}:" in text(response.data.decode())
    for other in ("/", "/events/", "/news/", "/feed.xml", "/events.ics", "/sitemap.xml"):
        assert client.get(other).status_code in (200, 500), other
    assert client.get("/events.ics").status_code == 200
    assert client.get("/feed.xml").status_code == 200


def test_same_url_is_an_error_page_in_the_preview(make_app: MakeApp, content: Path) -> None:
    """Two posts that want one address: the preview says so at that address."""
    (content / "news/2026-05-21-kickoff.md").write_text("---\ntitle: Again\n---\n")
    response = make_app().test_client().get("/news/2026/kickoff/")
    assert response.status_code == 500
    assert "has the same URL /news/2026/kickoff/ as" in text(response.data.decode())


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-07-03T14:00:00-05:00", "'16:00'", "21:00–23:00 CEST, 3 Jul 2026"),  # in site time
        ("2026-07-04 14:00", "2026-07-04T14:30:00+02:00", "14:00–14:30 CEST, 4 Jul 2026"),
        ("2026-07-04 23:00", "2026-07-05 01:00", "4 Jul 2026, 23:00 CEST – 5 Jul 2026, 01:00 CEST"),
    ],
)
def test_offsets_naive_times_and_bare_end_times_fit_together(
    make_app: MakeApp, content: Path, start: str, end: str, expected: str
) -> None:
    """Times with offsets, naive times and bare end times fit together without false errors."""
    (content / "events/2026-07-03-t.md").write_text(
        f"---\ntitle: T\nstart: {start}\nend: {end}\n---\n"
    )
    app = make_app()
    assert app.extensions["tag_site"].load().errors == ()
    assert expected in text(html(app.test_client(), "/events/2026/t/"))


def test_bad_today_setting_is_a_clear_error(make_app: MakeApp, tmp_path: Path) -> None:
    """TAG_SITE_TODAY=2026-02-30: an error page in the preview, one line from the freeze."""
    app = make_app("2026-02-30")
    response = app.test_client().get("/events/")
    assert response.status_code == 500
    assert "TAG_SITE_TODAY" in text(response.data.decode())
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "TAG_SITE_TODAY" in result.output
    assert "Traceback" not in result.output


def test_site_paths_in_event_links_get_the_base_path(
    make_app: MakeApp, content: Path, tmp_path: Path
) -> None:
    """registration: /members/ (a page of the site) works under a sub-path."""
    path = content / "events/2026-09-30-autumn-workshop.md"
    path.write_text(path.read_text().replace("https://workshop.example.org/register", "/members/"))
    publish(make_app(), tmp_path / "out")
    page = (tmp_path / "out/events/2026/autumn-workshop/index.html").read_text()
    assert '<a href="/sciml/members/">Register</a>' in page


def test_summary_is_the_first_paragraph_as_text(make_app: MakeApp, content: Path) -> None:
    """Without 'summary', lists use the first paragraph, emphasis and links as plain text."""
    (content / "news/2026-05-01-e.md").write_text(
        "---\ntitle: E\n---\n\n## Heading\n\n*Emphasis* first, a [link](/x/) and snake_case.\n"
    )
    page = text(html(make_app().test_client(), "/news/"))
    assert "Emphasis first, a link and snake_case." in page


def test_a_summary_reads_the_links_and_notes_defined_further_down(
    make_app: MakeApp, content: Path
) -> None:
    """A first paragraph whose link and footnote are defined below it showed
    "[the report][r]" and "[^1]" on /news/ and in the feed: it reads them as the page does
    (the link's words; the note left out, with its number)."""
    (content / "news/2026-05-01-e.md").write_text(
        "---\ntitle: E\n---\n\nSee [the report][r] and a note[^1] here.\n\nMore.\n\n"
        "[r]: /files/report.pdf\n[^1]: The note.\n"
    )
    page = text(html(make_app().test_client(), "/news/"))
    assert "See the report and a note here." in page, page


# --- calendars --------------------------------------------------------------------------


def calendar_events(data: bytes) -> dict[str, icalendar.Event]:
    """Parse an .ics file back and return its events by summary."""
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_calendars_parse_back(make_app: MakeApp, tmp_path: Path) -> None:
    """events.ics: every event, all-day as dates with the exclusive end, timed with TZID."""
    publish(make_app(), tmp_path / "out")
    raw = (tmp_path / "out/events.ics").read_bytes()
    events = calendar_events(raw)
    assert len(events) == 5
    school = events["Summer School on Learned Solvers"]
    assert school.decoded("DTSTART") == datetime.date(2026, 5, 24)
    assert school.decoded("DTEND") == datetime.date(2026, 5, 30)
    assert b"DTSTART;VALUE=DATE:20260524" in raw
    assert str(school["URL"]) == "https://example.org/sciml/events/2026/summer-school/"
    assert str(school["LOCATION"]) == "Villa Example, Lake Como, Italy"
    overnight = events["Overnight Meeting Across the Clock Change"]
    start, end = overnight.decoded("DTSTART"), overnight.decoded("DTEND")
    assert start == datetime.datetime(2027, 3, 27, 18, tzinfo=BERLIN)
    assert end == datetime.datetime(2027, 3, 28, 12, tzinfo=BERLIN)
    assert start.utcoffset() == datetime.timedelta(hours=1)
    assert end.utcoffset() == datetime.timedelta(hours=2)
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=17
    )
    assert b"DTSTART;TZID=Europe/Berlin:20270327T180000" in raw
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin" in raw
    one = calendar_events((tmp_path / "out/events/2027/online-seminar.ics").read_bytes())
    assert list(one) == ["Online Seminar on Neural Operators"]


def test_calendar_uids_and_bytes_are_stable(make_app: MakeApp, tmp_path: Path) -> None:
    """Two freezes (even a day apart) give the same UIDs and the same calendar bytes."""
    publish(make_app(), tmp_path / "a")
    publish(make_app("2026-05-27"), tmp_path / "b")
    first = (tmp_path / "a/events.ics").read_bytes()
    assert first == (tmp_path / "b/events.ics").read_bytes()
    uids = {str(e["UID"]) for e in calendar_events(first).values()}
    assert "example.org/events/2026/summer-school" in uids
    assert len(uids) == 5


# --- feed, sitemap, robots --------------------------------------------------------------


def test_feed_is_atom_with_absolute_urls(make_app: MakeApp, tmp_path: Path) -> None:
    """feed.xml parses; entries are the announced news and events, with absolute links."""
    publish(make_app(), tmp_path / "out")
    feed = ET.parse(tmp_path / "out/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == [  # events without 'date:' are dated by their start
        "Overnight Meeting Across the Clock Change",
        "Online Seminar on Neural Operators",
        "Autumn Workshop on Operator Learning",
        "Summer School on Learned Solvers",
        "Call for contributions",
        "Kick-off meeting",
        "Minisymposium at a Past Conference",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2027-03-27T17:00:00Z"
    for entry in entries:
        assert entry.findtext(f"{ATOM}id", "").startswith("tag:example.org,")
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith(BASE)
        content = entry.findtext(f"{ATOM}content", "")
        for href in re.findall(r'(?:href|src)="([^"]*)"', content):
            assert href.startswith(("https://", "http://", "mailto:", "#")), href
    kickoff = entries[titles.index("Kick-off meeting")].findtext(f"{ATOM}content", "")
    assert 'href="https://example.org/sciml/events/"' in kickoff


def test_the_feed_is_served_at_its_old_addresses_too(
    make_app: MakeApp, content: Path, tmp_path: Path
) -> None:
    """An old site's readers subscribed to its /atom.xml, which no redirect can lead from (a
    feed reader reads no HTML page): ``feed_also_at`` serves the site's feed there too, in
    the preview and in the freeze, and the check refuses an address that is no feed's, or
    one a file of the site has."""
    settings = content / "site.yml"
    settings.write_text(  # /feed.rss: the 55th attack (its type did not match its name)
        settings.read_text("utf-8") + "feed_also_at: [/atom.xml, /feed.rss]\n", "utf-8"
    )
    response = make_app().test_client().get("/atom.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    publish(make_app(), tmp_path / "out")
    copy = (tmp_path / "out/atom.xml").read_bytes()
    assert copy == (tmp_path / "out/feed.xml").read_bytes() and b"Kick-off meeting" in copy
    assert (tmp_path / "out/feed.rss").read_bytes() == copy
    for value, said in (
        ("[/atom.html]", "'feed_also_at' has '/atom.html', which is no address of a feed"),
        ("[/feed.xml]", "the URL /feed.xml is made by the site itself — remove it from feed"),
        ("[/files/a.xml]", "has the same URL /files/a.xml as"),
    ):
        (content / "files").mkdir(exist_ok=True)
        (content / "files/a.xml").write_text("<a/>")
        text = settings.read_text("utf-8").rsplit("feed_also_at:", 1)[0]
        settings.write_text(f"{text}feed_also_at: {value}\n", "utf-8")
        checked = check(make_app())
        assert checked.exit_code == 1 and said in checked.output, checked.output


def test_the_events_have_a_feed_of_their_own(make_app: MakeApp, tmp_path: Path) -> None:
    """/events/feed.xml holds the events alone, in the main feed's order, and the events
    page links it (in its head and at its foot)."""
    publish(make_app(), tmp_path / "out")
    feed = ET.parse(tmp_path / "out/events/feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == [
        "Overnight Meeting Across the Clock Change",
        "Online Seminar on Neural Operators",
        "Autumn Workshop on Operator Learning",
        "Summer School on Learned Solvers",
        "Minisymposium at a Past Conference",
    ]
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "events/feed.xml"  # type: ignore[union-attr]
    page = (tmp_path / "out/events/index.html").read_text("utf-8")
    assert page.count('href="/sciml/events/feed.xml"') == 2


def test_anchor_links_in_the_feed_are_absolute(
    make_app: MakeApp, content: Path, tmp_path: Path
) -> None:
    """A '#section' link in a post points at the post's page when read in a feed reader."""
    (content / "news/2026-05-01-a.md").write_text("---\ntitle: A\n---\n\n## Part\n\n[up](#part)\n")
    publish(make_app(), tmp_path / "out")
    assert (
        'href="https://example.org/sciml/news/2026/a/#part"'
        in (tmp_path / "out/feed.xml").read_text()
    )


def test_online_event_link_is_in_its_calendar_entry(make_app: MakeApp, tmp_path: Path) -> None:
    """An online event's link is where calendar apps show the place."""
    publish(make_app(), tmp_path / "out")
    seminar = calendar_events((tmp_path / "out/events/2027/online-seminar.ics").read_bytes())
    event = seminar["Online Seminar on Neural Operators"]
    assert str(event["LOCATION"]) == "https://meet.example.org/seminar"


def test_the_sitemap_lists_every_page_and_robots_points_to_it(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """sitemap.xml lists every published page under the base URL; robots.txt points to it."""
    publish(make_app(), tmp_path / "out")
    urls = {
        element.findtext(f"{SITEMAP}loc"): element.findtext(f"{SITEMAP}lastmod")
        for element in ET.parse(tmp_path / "out/sitemap.xml").getroot()
    }
    assert all(url and url.startswith(BASE) for url in urls)
    assert urls[BASE + "news/2026/kickoff/"] == "2026-01-21"
    assert BASE + "members/" in urls
    assert not any("internal-note" in url or "kickoff.html" in url for url in urls if url)
    for url in urls:
        assert url
        path = tmp_path / "out" / url.removeprefix(BASE)
        assert (path / "index.html" if url.endswith("/") else path).is_file(), url
    robots = (tmp_path / "out/robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_feed_and_calendar_are_linked_from_every_page(client: FlaskClient) -> None:
    """Every page names the feed and the calendar in its head and its footer."""
    for url in ("/", "/news/", "/events/2026/summer-school/", "/members/"):
        page = html(client, url)
        assert '<link rel="alternate" type="application/atom+xml"' in page
        assert 'href="/feed.xml"' in page
        assert 'href="/events.ics"' in page


# --- one clock, any machine -------------------------------------------------------------


def test_freeze_is_the_same_in_any_machine_time_zone(content: Path, tmp_path: Path) -> None:
    """`flask freeze` with TZ=UTC and with TZ=Pacific/Auckland writes identical files."""
    trees = []
    for machine_zone in ("UTC", "Pacific/Auckland"):
        dest = tmp_path / machine_zone.replace("/", "-")
        env = {
            **os.environ,
            "TZ": machine_zone,
            "TAG_SITE_TODAY": TODAY,
            "TAG_SITE_CONTENT_DIR": str(content),
        }
        subprocess.run(
            [
                sys.executable,
                "-m",
                "flask",
                "--app",
                str(ROOT / "app.py"),
                "freeze",
                "--dest",
                str(dest),
                "--base-url",
                BASE,
            ],
            check=True,
            env=env,
            capture_output=True,
            cwd=tmp_path,
        )
        trees.append(snapshot(dest))
    assert trees[0] == trees[1]
    assert len(trees[0]) > 20


def test_formula_in_a_post_reaches_the_feed_as_mathml(
    make_app: MakeApp, content: Path, tmp_path: Path
) -> None:
    """$$…$$ in a news post is MathML in the feed's content, as on the page."""
    formula = r"$$\int_\Omega \nabla u \cdot \nabla v \, dx = \int_\Omega f v \, dx$$"
    (content / "news/2026-05-01-weak-form.md").write_text(f"---\ntitle: W\n---\n\n{formula}\n")
    publish(make_app(), tmp_path / "out")
    feed = ET.parse(tmp_path / "out/feed.xml").getroot()
    entry = next(e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "W")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in entry.findtext(
        f"{ATOM}content", ""
    )
