"""Machine-readable views of the site: the Atom feed, iCalendar files, the sitemap, robots.txt.

Each function takes values and returns bytes; nothing here reads the build clock, so the same
content gives the same bytes.
"""

from __future__ import annotations

import datetime
import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import icalendar

from ..content.dates import When, instant, own_day
from ..content.events import Event
from ..content.jobs import Job
from ..content.news import Post
from ..markdown.addresses import hidden, protect_all

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 20

# Characters of a text the feed carries whole: it carries 20, and a text may make up to 5 MB
# of a page (an abbreviation's title at each use); a longer one is read on its page.
MAX_CONTENT = 200_000


_Dated = TypeVar("_Dated", bound=Post | Event)


@dataclass(frozen=True)
class Entry:
    """One entry of the Atom feed; ``url`` is absolute, ``html`` has absolute links."""

    title: str
    url: str
    id: str
    published: datetime.datetime
    updated: datetime.datetime
    html: str
    summary: str = ""
    author: str = ""


def updated(page: Post | Event, tz: datetime.tzinfo) -> datetime.datetime:
    """Return when a feed entry last changed: a post's last change (or its date), an event's
    announcement (its ``date``, else its start)."""
    if isinstance(page, Post):
        return max(instant(page.date or page.published, tz), instant(page.published, tz))
    return instant(page.announced or page.start, tz)


def latest(pages: Iterable[_Dated], tz: datetime.tzinfo) -> list[_Dated]:
    """Return the pages the feed shows: the most recently updated ``FEED_SIZE``, newest first."""
    dated = sorted(((updated(page, tz), page.url, page) for page in pages), reverse=True)
    return [page for _, _, page in dated[:FEED_SIZE]]


def post_entry(post: Post, *, url: str, html: str, host: str, tz: datetime.tzinfo) -> Entry:
    """Return the feed entry of a news post."""
    entry_id = post.feed_id or tag_id(host, post.day(), post.url)
    published = instant(post.published, tz)
    return Entry(
        post.title, url, entry_id, published, updated(post, tz), html, post.summary, post.author
    )


def event_entry(event: Event, *, url: str, html: str, host: str, tz: datetime.tzinfo) -> Entry:
    """Return the feed entry announcing an event, dated by its ``date`` (else its start)."""
    announced = updated(event, tz)
    summary = ", ".join(part for part in (event.when(), event.location) if part)
    summary += f". {event.summary}" if event.summary else ""
    entry_id = tag_id(host, own_day(event.announced or event.start), event.url)
    return Entry(event.title, url, entry_id, announced, announced, html, summary)


def job_entry(job: Job, *, url: str, html: str, host: str, tz: datetime.tzinfo) -> Entry:
    """Return the feed entry of an open position, dated by the day it was posted."""
    posted = instant(job.date or job.posted, tz)
    summary = ", ".join(part for part in (job.kind_name(), job.employer, job.location) if part)
    summary += f"; apply by {job.deadline}." if job.deadline else "."
    summary += f" {job.summary}" if job.summary else ""
    return Entry(job.title, url, tag_id(host, job.posted, job.url), posted, posted, html, summary)


def atom(*, title: str, subtitle: str, site_url: str, feed_url: str, entries: list[Entry]) -> bytes:
    """Return an Atom feed of ``entries`` (newest first); ``updated`` is that of the newest."""
    feed = ET.Element("feed", xmlns=ATOM)
    _add(feed, "title", hidden(title))
    if subtitle:
        _add(feed, "subtitle", hidden(subtitle))
    _add(feed, "id", feed_url)  # as jekyll-feed: an old site's readers keep their feed
    _add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _add(feed, "link", rel="alternate", type="text/html", href=site_url)
    newest = max(
        (entry.updated for entry in entries),
        default=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
    )
    _add(feed, "updated", _rfc3339(newest))
    author = _add(feed, "author")
    _add(author, "name", hidden(title))
    for entry in entries:
        _add_entry(feed, entry)
    return _serialise(feed)


def _add_entry(feed: ET.Element, entry: Entry) -> None:
    element = _add(feed, "entry")
    _add(element, "title", _as_html(entry.title), type="html")
    _add(element, "link", rel="alternate", type="text/html", href=entry.url)
    _add(element, "id", entry.id)
    _add(element, "published", _rfc3339(entry.published))
    _add(element, "updated", _rfc3339(entry.updated))
    if entry.author:
        _add(_add(element, "author"), "name", hidden(entry.author))
    if entry.summary:
        _add(element, "summary", _as_html(entry.summary), type="html")
    if len(entry.html) <= MAX_CONTENT:  # a longer text is read on its page, by the link
        _add(element, "content", entry.html, type="html")


def _as_html(text: str) -> str:
    """Return text as HTML for a feed reader, its addresses written so harvesters miss them."""
    return protect_all(html.escape(text, quote=False))


def _add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def _serialise(root: ET.Element) -> bytes:
    """Return an XML document whose root carries its namespace as a plain ``xmlns``.

    (ElementTree's own namespace handling needs a process-wide prefix registry, which the
    threaded preview server would share between the feed and the sitemap.)
    """
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _rfc3339(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def tag_id(host: str, day: datetime.date, path: str) -> str:
    """Return a stable tag: URI (RFC 4151) for an entry: the same whatever the base URL."""
    return f"tag:{host},{day.isoformat()}:{path}"


def event_uid(url: str, host: str) -> str:
    """Return the calendar UID of the event at ``url``: the same in every build, and without
    an ``@`` (``slug@host`` would look like an address to a harvester)."""
    return f"{host}/{url.strip('/')}"


def event_json_ld(event: Event, url: str) -> dict[str, Any]:
    """Return the schema.org ``Event`` description of an event, for search engines."""
    if event.all_day():
        start, end = str(event.start), str(event.end or event.start)
    else:
        start = event.begins().astimezone(event.tz).isoformat()
        end = event.ends().astimezone(event.tz).isoformat()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "url": url,
    }
    places: list[dict[str, str]] = []
    if event.location:
        places.append({"@type": "Place", "name": event.location, "address": event.location})
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.online})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
        mode = "Mixed" if len(places) == 2 else ("Online" if event.online else "Offline")
        data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    if event.organizers:
        data["organizer"] = [{"@type": "Person", "name": name} for name in event.organizers]
    if event.summary:
        data["description"] = event.summary
    return data


@dataclass(frozen=True)
class CalendarEvent:
    """An event with what a calendar file needs beyond it: where its page is, its UID; for a
    talk of a series, the series' online link (``online``: the talk's own comes first), and
    the series' meeting it takes the place of (``replaces``: its start; the UID is then the
    series')."""

    event: Event
    url: str
    uid: str
    online: str = ""
    replaces: When | None = None


def calendar(items: Iterable[CalendarEvent], *, name: str, producer: str) -> bytes:
    """Return an iCalendar (RFC 5545) file of the events, with the time zones they use;
    ``producer`` (the site's title) names who made it."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{hidden(producer)}//tag_site//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", icalendar.vText(hidden(name)))  # escaped as text: ; , \\
    years = []
    for item in items:
        cal.add_component(vevent(item))
        years.append(item.event.begins().year)
    if years:
        # VTIMEZONE rules for just the years in use: smaller files, and the same every build.
        cal.add_missing_timezones(
            datetime.date(min(years) - 1, 1, 1), datetime.date(max(years) + 2, 1, 1)
        )
    return bytes(cal.to_ical())


def vevent(item: CalendarEvent) -> icalendar.Event:
    """Return the VEVENT of one event: all-day as dates (exclusive end), timed with TZID."""
    event, tz = item.event, item.event.tz
    component = icalendar.Event()
    component.add("uid", item.uid)
    stamp = event.date or event.announced or event.start  # from the file, not the clock
    component.add("dtstamp", instant(stamp, tz).astimezone(datetime.UTC))
    component.add("summary", hidden(event.title))
    if event.all_day():
        last = event.end or event.start
        component.add("dtstart", event.start)
        component.add("dtend", last + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.begins().astimezone(tz))
        if event.end is not None:
            component.add("dtend", event.ends().astimezone(tz))
    if event.repeat:
        add_recurrence(component, event)
    if item.replaces is not None:  # RFC 5545: the series' meeting this one stands for
        component.add("recurrence-id", item.replaces)
    link = event.online or item.online
    place = event.location or link
    if place:
        component.add("location", hidden(place))
    component.add("url", item.url)
    speaker = f"Speaker: {event.speaker}" if event.speaker else ""
    online = f"Online: {link}" if link else ""
    parts = (event.summary, speaker, online, item.url)
    description = "\n\n".join(part for part in parts if part)
    component.add("description", hidden(description))
    return component


def add_recurrence(component: icalendar.Event, event: Event) -> None:
    """Add the RRULE (FREQ first: Apple Calendar reads nothing else) and the EXDATEs of a
    repeating event, in its own zone; UNTIL in UTC for a timed one, as RFC 5545 asks."""
    rule: dict[str, Any] = {"freq": "monthly" if event.repeat == "monthly" else "weekly"}
    if event.repeat == "biweekly":
        rule["interval"] = 2
    day = event.first_day()
    if event.repeat == "monthly":
        rule["byday"] = (
            f"{(day.day - 1) // 7 + 1}{('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')[day.weekday()]}"
        )
    if event.until and event.all_day():
        rule["until"] = event.until
    elif event.until:
        last = datetime.datetime.combine(event.until, datetime.time(23, 59, 59))
        rule["until"] = instant(last, event.tz).astimezone(datetime.UTC)
    component.add("rrule", rule)
    if event.skipped:  # one EXDATE of them all: a property each costs a line and its parsing
        hour = event.begins().astimezone(event.tz).time()
        moments = [datetime.datetime.combine(day, hour, event.tz) for day in event.skipped]
        component.add("exdate", event.skipped if event.all_day() else moments)


def sitemap(pages: Iterable[tuple[str, datetime.date | None]]) -> bytes:
    """Return a sitemap of (absolute URL, last change or None) pairs."""
    urlset = ET.Element("urlset", xmlns=SITEMAP)
    for url, changed in pages:
        element = _add(urlset, "url")
        _add(element, "loc", url)
        if changed:
            _add(element, "lastmod", changed.isoformat())
    return _serialise(urlset)


def robots(sitemap_url: str) -> bytes:
    """Return a robots.txt that allows everything and names the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()
