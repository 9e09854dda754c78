"""The site's routes: each reads the current ``Build`` and fills a template (pages) or asks
``feeds`` for bytes (feed, calendars, sitemap).

The preview makes a Build per request, in which everything is shown, drafts and scheduled
news marked; a freeze serves the one Build it checked, in which (as in the feed, sitemap and
calendars) only what is published exists.
"""

from __future__ import annotations

import datetime
import functools
import mimetypes
from collections.abc import Callable, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
)
from flask.typing import ResponseReturnValue
from markupsafe import Markup, escape

from ..build import Asks, Build, active_years, make_build, split_events
from ..checks.site import check_page, check_url, page_findings
from ..content.dates import current_time, long_date
from ..content.events import Event
from ..content.jobs import Job, open_jobs
from ..content.members import MEMBERS_FILE, Member
from ..content.news import PER_PAGE, Post, page_count
from ..content.pages import Page
from ..content.settings import SiteConfig
from ..content.store import ContentStore, Site
from ..content.urls import MADE, PER_ITEM, SECTION_OF, URL_OF, calendar_url
from ..errors import ContentError, Problem, SettingError
from ..markdown.addresses import mail_links, protect_address, protect_all
from ..markdown.render import RenderError, render_body, resolve_link
from . import feeds, preview
from .forms import FORMS, JOIN_FORM, Field, Form, form_file, read_form

bp = Blueprint("site", __name__)
View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


def made(view: View) -> View:
    """Serve ``view`` at its addresses in the URL table (``content/urls.py``), the one list of
    the URLs the site makes; where the site has not its section, they are ordinary addresses
    (a page of the site's own may be there)."""
    endpoint = f"{bp.name}.{view.__name__}"
    section = SECTION_OF.get(endpoint)

    @functools.wraps(view)
    def in_section(**values: Any) -> ResponseReturnValue:
        if section and section not in current_build().shown.config.sections:
            return page(request.path[1:])
        return view(**values)

    for url, made_here in MADE.items():
        if made_here.endpoint == endpoint:
            bp.add_url_rule(url, view_func=in_section, defaults=dict(made_here.values))
    if endpoint in PER_ITEM:
        bp.add_url_rule(PER_ITEM[endpoint], view_func=in_section)
    return view


def current_build() -> Build:
    """Return the Build this request shows: the freeze's one Build, or in the preview a new
    one of the content as it is now (made once per request; the store caches what it read)."""
    fixed: Build | None = current_app.extensions.get("tag_site.build")
    if fixed is not None:
        return fixed
    if "build" not in g:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        try:
            g.build = open_build(app, preview=True)
        except SettingError:  # the error page needs a Build too: the real clock's
            g.build = open_build(app, preview=True, pinned=False)
            raise
    build: Build = g.build
    return build


def open_build(
    app: Flask, *, preview: bool, base_url: str | None = None, pinned: bool = True
) -> Build:
    """Return a Build of the content as it is now: the store's snapshot, one reading of the
    clock (``TAG_SITE_TODAY`` pins it, unless not ``pinned``), and the base URL given,
    else ``TAG_SITE_BASE_URL``, else the ``url`` of site.yml. The preview, ``flask check``,
    ``flask freeze`` and the proposals all open theirs here.

    Raises ``SettingError`` when ``TAG_SITE_TODAY`` is not a day.
    """
    store: ContentStore = app.extensions["tag_site"]
    site = store.load()
    moment = current_time(site.tz, app.config.get("TODAY") if pinned else None)
    base = base_url or app.config.get("BASE_URL") or site.config.url
    maker = functools.partial(made_page, app)
    return make_build(site, moment, base, static_files(app), preview=preview, maker=maker)


def made_page(app: Flask, build: Build, url: str) -> str:
    """Return the page at ``url`` as the freeze makes it from ``build`` ("" if it makes none
    there, or fails: what is wrong with it is said where it is checked)."""
    # An app context of its own: a request inside the preview's would share its ``g``.
    with app.app_context(), app.test_request_context(url):
        g.build = build.as_published
        try:
            response = app.full_dispatch_request()
        except Exception:  # a page that cannot be made has no ids; its check says why
            return ""
    return response.get_data(as_text=True) if response.status_code == 200 else ""


def now() -> datetime.datetime:
    """Return the one "now" of the site: the clock, or the date in TAG_SITE_TODAY."""
    return current_build().now


def absolute(path: str) -> str:
    """Return the absolute address of a site path."""
    return current_build().absolute(path)


def absolute_link(url: str) -> str:
    """Return the absolute address of a site path or address written in site.yml ("" stays)."""
    if not url or not url.startswith("/"):
        return url
    return absolute(resolve_link(url, folder="", prefix="", sources={}))


def linker(
    site: Site, folder: str = "", prefix: str | None = None, page_url: str = ""
) -> Callable[[str], str]:
    """Return a function that turns a site link written in ``folder`` into its address.

    ``prefix`` (default: the base path) goes before site paths; ``page_url``, if given, before
    ``#anchors`` (in the feed, where there is no page to be relative to).
    """
    prefix = request.script_root if prefix is None else prefix
    return functools.partial(
        resolve_link, folder=folder, prefix=prefix, sources=site.urls_by_source, page_url=page_url
    )


@bp.app_context_processor
def template_globals() -> dict[str, Any]:
    """Give every template the settings, the addresses of the page, ``link`` for site paths,
    and a few functions (the clock is in the context of the pages that show it)."""
    return {**template_values(), **template_asks()}


# The engine's own, the same for every page: functions of their arguments alone, the forms.
bp.add_app_template_global(long_date, "long_date")
bp.add_app_template_global(protect_address, "protect")
bp.add_app_template_global(mail_links, "mail_links")
bp.add_app_template_global(FORMS, "forms")  # type: ignore[arg-type]  # a value, as Jinja allows


def template_values() -> dict[str, Any]:
    """Return the values every template may read besides its context."""
    build = current_build()
    return {
        "site": build.site.config,
        "current_url": request.path,
        "canonical": absolute(request.path),
        "site_image": absolute_link(build.site.config.image),
        # In the debug preview (whose pages reload themselves) the page's mark, else empty.
        "live_reload": preview.page_mark() if current_app.debug and build.preview else "",
    }


def template_asks() -> Asks:
    """Return the template functions whose answer depends on the rest of the site: where a
    link leads, what a form asks. A freeze keeps a page only while each answer it asked for
    is the same (``publish/incremental.py``)."""
    site = current_build().site
    return {"link": linker(site), "proposal_mail": functools.partial(proposal_mail, site.config)}


def render_kept(template: str, **context: Any) -> str | bytes:
    """Fill ``template`` with ``context``, as ``render_template`` does (see ``kept``)."""
    return kept(
        (template, context, template_values()),
        lambda asks: render_template(template, **context, **asks),
        template_asks(),
    )


def kept(
    inputs: object, make: Callable[[Asks], str | bytes], asks: Asks | None = None
) -> str | bytes:
    """Return what ``make(asks)`` makes of ``inputs`` for this URL; in a freeze, the previous
    build's output instead when it was made from the same inputs and each of its asks still
    answers the same (``Build.keeper``)."""
    keeper = current_build().keeper
    if keeper is None:
        return make(asks or {})
    return keeper.output(request.path, inputs, asks or {}, make)


def proposal_mail(config: SiteConfig, kind: str) -> Markup:
    """Return a ``mailto:`` address to the contact that asks for what the issue form of
    ``kind`` asks (its labels, one after the other), the address protected."""
    file = form_file(current_app.root_path, kind)
    form = read_form(file) if file.is_file() else Form(kind.capitalize(), (Field("body", "Text"),))
    subject = quote(f"{form.name} — {config.title}")
    body = quote("".join(f"{field.label}:\n\n" for field in form.fields))
    return protected(f"mailto:{config.contact_address()}?subject={subject}&body={body}")


def static_files(app: Flask) -> tuple[str, ...]:
    """Return the layouts' own files (CSS), as paths under /static/."""
    folder = Path(app.static_folder or "static")
    return tuple(sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()))


def page_problems(site: Site, page: Page) -> list[Problem]:
    """Return the warnings and link problems of a page, for the preview's panel (debug only)."""
    if not current_app.debug or not current_build().preview:
        return []
    warnings = [e for e in site.errors if e.path == page.source and e.warning]
    problems = check_page(current_build(), page)
    return sorted(warnings + problems, key=lambda e: (e.line, e.column))


# The sections whose lists show the files of their folder (content/events/…), on their own
# page and on the home page.
LISTED = ("events", "news", "jobs")


def left_out(site: Site, *sections: str) -> list[Problem]:
    """Return the errors of the files of the ``sections`` whose lists leave them out (those
    of ``LISTED``: ``Site.listed``; a file whose name the check refuses is no page at all),
    for the preview's panel (debug only): a list says why a file is missing from it, as the
    file's own page does."""
    if not current_app.debug or not current_build().preview:
        return []
    shown = [site.path(section) for section in sections if section in LISTED]
    return [
        error
        for error in site.errors
        if not error.warning and any(error.path.is_relative_to(folder) for folder in shown)
    ]


def render_errors(errors: tuple[Problem, ...]) -> ResponseReturnValue:
    """Return the page that tells the editor what to fix, with status 500."""
    return render_template("error.html", errors=errors), 500


@bp.app_errorhandler(ContentError)
def content_error(error: ContentError) -> ResponseReturnValue:
    """Show a problem found while answering (a page that cannot be rendered); the freeze
    names it (``publish/freeze.py``), instead of writing an error page."""
    if current_app.extensions.get("tag_site.build") is not None:
        raise error
    return render_errors((error.problem,))


@bp.app_errorhandler(SettingError)
def setting_error(error: SettingError) -> ResponseReturnValue:
    """Show that a setting (TAG_SITE_TODAY) is not one it can take, instead of a traceback."""
    return render_template("error.html", errors=(), setting=str(error)), 500


@bp.app_errorhandler(404)
def not_found(_error: Exception) -> ResponseReturnValue:
    """Answer an unknown URL with the site's 404 page."""
    return render_template("404.html"), 404


@made
def not_found_page() -> ResponseReturnValue:
    """Serve the 404 page itself, for GitHub Pages to send with unknown URLs."""
    return render_template("404.html")


@bp.route("/", defaults={"path": ""})
@bp.route("/<path:path>")
def page(path: str) -> ResponseReturnValue:
    """Serve a page, an attachment, an old address that moved, an event's calendar file, or
    the feed at an old address of it."""
    site = current_build().shown
    url = "/" + path
    if url in site.pages:
        return render_page(site, site.pages[url])
    if url in site.attachments:
        return attachment(site, url)
    if url in site.redirects:
        target = site.redirects[url]
        return render_template("redirect.html", target=target, target_url=absolute(target))
    if url in site.calendars:
        event = site.calendars[url]
        return calendar_response([event, *site.talks.get(event.url, ())], site, event.title)
    if url in site.feed_copies:  # as its name says it is (/feed.rss: RSS's type)
        response = make_response(feed())
        response.mimetype = mimetypes.guess_type(url)[0] or "application/xml"
        return response
    if url + "/" in site.pages:
        return redirect(request.script_root + url + "/", 308)
    abort(404)


def attachment(site: Site, url: str) -> ResponseReturnValue:
    """Serve the attachment at ``url``. The preview serves none that ``flask check`` refuses
    (a freeze would not publish it: a script in an SVG), but says why, and lets none it
    serves run a script (``preview.sandboxed``)."""
    build = current_build()
    if not build.preview:
        return send_file(site.attachments[url])
    errors = tuple(problem for problem in check_url(build, url) if not problem.warning)
    if errors:
        return render_errors(errors)
    return preview.sandboxed(send_file(site.attachments[url]))


def render_page(site: Site, page: Page) -> ResponseReturnValue:
    """Fill the page's layout with its rendered body and what the layout needs besides."""
    sources = [page.source]
    if "members" in page.sections and "members" in site.config.sections:
        sources.append(site.path(MEMBERS_FILE))
    errors = site.errors_of(page, *sources[1:])
    if errors:
        return render_errors(errors)
    body = Body(page, linker(site, page.folder()))
    listed = page.sections if page.layout == "home" else ()
    context = {
        "page": page,
        "body": body,
        "banner": banner(site, page),
        "problems": [*page_problems(site, page), *left_out(site, *listed)],  # the home's lists
    }
    context |= {"site_image": absolute_link(page.image)} if page.image else {}  # when shared
    if isinstance(page, Post):
        context |= neighbours(site, page)
    if isinstance(page, Event):
        context |= event_context(site, page)
    if isinstance(page, Job):
        context |= {"open": page.is_open(now())}
    layout = "page" if page.layout == "post" and not isinstance(page, Post) else page.layout
    if page.layout == "home":  # it shows the clock's moment: made on every freeze, as the lists
        return render_template("home.html", **context, **home_context(site))
    return render_kept(f"{layout}.html", **context)  # Jekyll pages may say 'post' too


class Body:
    """A page's body as its layout shows it, turned into HTML only when shown. Its ``repr``
    is what it is made of: its text, and where each of its links leads; so a freeze that
    keeps the page (its key holds that) never renders it."""

    def __init__(self, page: Page, resolve: Callable[[str], str]) -> None:
        self.page, self.resolve = page, resolve

    def __repr__(self) -> str:
        targets = sorted({link.target for link, _, _ in page_findings(self.page).links})
        leads = [(target, self.resolve(target)) for target in targets]
        return f"Body({self.page.body!r}, {leads!r})"

    @functools.cached_property
    def html(self) -> Markup:
        """Return the body as HTML (a content error if it cannot be made)."""
        return rendered(self.page, self.resolve)

    def __html__(self) -> str:
        return self.html

    def __bool__(self) -> bool:
        return bool(self.html)

    def __str__(self) -> str:
        return self.html


def rendered(page: Page, resolve: Callable[[str], str]) -> Markup:
    """Return a page's body as HTML; a body that cannot be rendered is a content error."""
    try:
        return render_body(page.body, resolve)
    except RenderError as error:
        raise ContentError(page.source, page.body_line, str(error)) from None


def banner(site: Site, page: Page) -> str:
    """Return the preview's note on a page that is not published (yet)."""
    if page.draft:
        return "Draft — this page is not published."
    if isinstance(page, Post) and page.is_scheduled(now()):
        return f"Scheduled — this post will be published on {long_date(page.day())}."
    return ""


def neighbours(site: Site, post: Post) -> dict[str, Post | None]:
    """Return the newer and the older post next to ``post``."""
    posts, index = site.posts, site.post_numbers[post.url]
    newer = posts[index - 1] if index > 0 else None
    older = posts[index + 1] if index + 1 < len(posts) else None
    return {"newer": newer, "older": older}


def event_context(site: Site, event: Event) -> dict[str, Any]:
    """Return what an event page shows besides its body: status, dates, calendar, JSON-LD."""
    upcoming, past = split_events(site.talks.get(event.url, ()), now())
    return {
        "status": event.status(now()),
        "next": event.next_day(now()) if event.repeat else None,
        "closed": bool(event.deadline and event.deadline_passed(now())),
        "talks": {"upcoming": upcoming, "past": past},
        "series": site.pages.get(site.series_of(event)) if event.series else None,
        "when": event.when(),
        "calendar": request.script_root + calendar_url(event.url),
        "json_ld": feeds.event_json_ld(event, absolute(event.url)),
    }


def home_context(site: Site) -> dict[str, Any]:
    """Return the members, the next events and the latest news for the home page's sections."""
    upcoming, past = split_events(site.events, now())
    return {
        "now": now(),
        "scheduled": scheduled(site.posts[:5]),
        "members": site.members,
        "upcoming": upcoming[:3],
        "past": past,
        "posts": site.posts[:5],
        "jobs": open_jobs(site.jobs, now())[:5],
    }


@made
def members() -> ResponseReturnValue:
    """List the group's members, under the introduction of ``content/members.md``, if any."""
    site = current_build().shown
    countries = by_country(site.members) if site.config.by_country else []
    return render_list(
        "/members/", "members.html", site.path(MEMBERS_FILE),
        members=site.members, countries=countries,
    )  # fmt: skip


def by_country(members: tuple[Member, ...]) -> list[tuple[str, list[Member]]]:
    """Return the members grouped by country, by its name ("" for those without one, last)."""
    named = sorted({member.country for member in members}, key=lambda c: (not c, c.casefold()))
    return [(country, [m for m in members if m.country == country]) for country in named]


@made
def events_feed() -> ResponseReturnValue:
    """Serve the Atom feed of the events alone: the latest announced first."""
    site = current_build().public
    entries = [
        feeds.event_entry(event, **entry_parts(site, event))
        for event in feeds.latest(site.events, site.tz)
    ]
    return atom_response(site, f"{site.config.title}: events", "site.events_feed", entries)


@made
def search() -> ResponseReturnValue:
    """Offer the search box over the index the freeze builds; the preview says how the last
    freeze's index stands against the content."""
    index = "current"
    if current_build().preview:
        index = preview.index_state(preview.build_folder(), current_build().site.saved)
    return render_template("search.html", index=index, build_folder=current_app.config["BUILD_DIR"])


@made
def reports() -> ResponseReturnValue:
    """List the years the group has activity on record for, each with its counts."""
    site = current_build().shown
    years = [year_record(site, year) for year in active_years(site)]
    return render_template("reports.html", years=years)


@made
def report(year: int) -> ResponseReturnValue:
    """Show one year's activity: events, news, positions, members, printable on A4."""
    site = current_build().shown
    if year not in active_years(site):
        abort(404)
    return render_template("report.html", record=year_record(site, year))


def year_record(site: Site, year: int) -> dict[str, Any]:
    """Return what the group did in ``year``: its events, news and positions, oldest first."""
    return {
        "year": year,
        "events": [event for event in site.events if event.first_day().year == year],
        "posts": [post for post in reversed(site.posts) if post.day().year == year],
        "jobs": sorted(
            (job for job in site.jobs if job.posted.year == year), key=lambda job: job.posted
        ),
        "members": len(site.members),
    }


@made
def jobs() -> ResponseReturnValue:
    """List the open positions, the soonest deadline first, under ``content/jobs.md``."""
    return render_list("/jobs/", "jobs.html", jobs=open_jobs(current_build().shown.jobs, now()))


@made
def jobs_feed() -> ResponseReturnValue:
    """Serve the Atom feed of the open positions."""
    site = current_build().public
    entries = [
        feeds.job_entry(job, **entry_parts(site, job)) for job in open_jobs(site.jobs, now())
    ]
    newest_first = sorted(entries, key=lambda entry: entry.published, reverse=True)
    title = f"{site.config.title}: open positions"
    return atom_response(site, title, "site.jobs_feed", newest_first)


@made
def join() -> ResponseReturnValue:
    """Say how to join the group and its mailing list, under ``content/join.md``, if any."""
    config = current_build().shown.config
    mailing_list = config.mailing_list
    return render_list(
        "/join/", "join.html",
        form=config.issue_form(JOIN_FORM) if config.repository else "",
        subscribe=protected(mailing_list.subscribe()) if mailing_list else "",
        unsubscribe=protected(mailing_list.unsubscribe()) if mailing_list else "",
    )  # fmt: skip


def protected(mailto: str) -> Markup:
    """Return a ``mailto:`` address for an attribute, its e-mail address protected."""
    return Markup(protect_all(str(escape(mailto))))


@made
def events() -> ResponseReturnValue:
    """List the upcoming events, then the past ones by year."""
    upcoming, past = split_events(current_build().shown.events, now())
    by_year = [
        (year, list(group)) for year, group in groupby(past, key=lambda e: e.first_day().year)
    ]
    return render_list(
        "/events/", "events.html", upcoming=upcoming, past_by_year=by_year, now=now()
    )


@made
def news(number: int) -> ResponseReturnValue:
    """List the news, newest first, ten to a page (the introduction on the first)."""
    site = current_build().shown
    count = page_count(site.posts)
    if not 1 <= number <= count:
        abort(404)
    posts = site.posts[(number - 1) * PER_PAGE : number * PER_PAGE]
    later = {} if number == 1 else {"body": "", "problems": []}  # the introduction: page 1
    return render_list(
        "/news/", "news.html",
        posts=posts, number=number, count=count, scheduled=scheduled(posts), **later,
    )  # fmt: skip


def scheduled(posts: Sequence[Post]) -> frozenset[str]:
    """Return the addresses of the ``posts`` dated after "now" (the preview shows them)."""
    return frozenset(post.url for post in posts if post.is_scheduled(now()))


def render_list(url: str, template: str, *read: Path, **context: Any) -> ResponseReturnValue:
    """Fill the template of the list the site makes at ``url``, under its introduction
    (``content/members.md``); or say what is wrong in that file (or in the files ``read``).
    The preview's panel names the files the list leaves out (``left_out``).
    A list that shows the clock's moment (``now`` in ``context``) is made on every freeze;
    another is kept while all it shows is the same (``render_kept``)."""
    site = current_build().shown
    intro_page = site.pages.get(url)
    errors = site.errors_in(*read, *([intro_page.source] if intro_page else []))
    if errors:
        return render_errors(errors)
    values = {**intro(site, url), **context}
    if missing := left_out(site, url.strip("/")):
        values["problems"] = [*values.get("problems", []), *missing]
    return (
        render_template(template, **values) if "now" in values else render_kept(template, **values)
    )


def intro(site: Site, url: str) -> dict[str, Any]:
    """Return the introduction above a list: its page (title, description) and its body."""
    page = site.pages.get(url)
    if page is None:
        return {"page": None, "body": ""}
    body = Body(page, linker(site, page.folder()))
    return {"page": page, "body": body, "problems": page_problems(site, page)}


# --- feeds, calendars, sitemap: always the published site, absolute addresses -------------


@made
def feed() -> ResponseReturnValue:
    """Serve the Atom feed: the latest news and event announcements."""
    site = current_build().public
    pages: list[Post | Event] = [*site.posts, *site.events]
    entries = [
        feeds.post_entry(page, **entry_parts(site, page))
        if isinstance(page, Post)
        else feeds.event_entry(page, **entry_parts(site, page))
        for page in feeds.latest(pages, site.tz)
    ]
    return atom_response(site, site.config.title, "site.feed", entries)


def atom_response(
    site: Site, title: str, endpoint: str, entries: list[feeds.Entry]
) -> ResponseReturnValue:
    """Return the Atom feed of ``entries`` (newest first) served at ``endpoint``'s URL."""
    body = feeds.atom(
        title=title,
        subtitle=site.config.description,
        site_url=current_build().base_url,
        feed_url=absolute(URL_OF[endpoint]),
        entries=entries,
    )
    return Response(body, mimetype="application/xml")


def entry_parts(site: Site, page: Page) -> dict[str, Any]:
    """Return what a feed entry needs from the site: addresses, and the body with absolute links."""
    url = absolute(page.url)
    resolve = linker(site, page.folder(), prefix=current_build().base_url.rstrip("/"), page_url=url)
    return {
        "url": url,
        "html": str(rendered(page, resolve)),
        "host": host(site),
        "tz": site.tz,
    }


def host(site: Site) -> str:
    """Return the host name of the site's own address (for ids that outlive base URLs)."""
    return urlsplit(site.config.url).hostname or "localhost"


@made
def events_calendar() -> ResponseReturnValue:
    """Serve all events as one calendar to subscribe to."""
    site = current_build().public
    return calendar_response(list(site.events), site, site.config.title)


def calendar_response(events: list[Event], site: Site, name: str) -> Response:
    """Return an iCalendar response for ``events`` (a series' own: with its talks)."""
    shown = {event.url for event in events}
    items = [calendar_item(site, event, shown) for event in events]
    producer = site.config.title
    body = kept(
        ("calendar", items, name, producer),
        lambda _: feeds.calendar(items, name=name, producer=producer),
    )
    return Response(body, mimetype="text/calendar")


def calendar_item(site: Site, event: Event, shown: set[str]) -> feeds.CalendarEvent:
    """Return an event as a calendar of the events ``shown`` (by URL) holds it: a talk of a
    series with the series' online link if it has none, and, if the series is in the same
    calendar and meets that day, in the place of that meeting (the series' UID and the
    meeting's RECURRENCE-ID: calendars show the talk, not both)."""
    url, uid = absolute(event.url), feeds.event_uid(event.url, host(site))
    series = site.pages.get(site.series_of(event)) if event.series else None
    if not isinstance(series, Event) or not series.repeat:
        return feeds.CalendarEvent(event, url, uid)
    day = event.first_day()
    if series.url not in shown or not series.meets_on(day) or day in series.skipped:
        return feeds.CalendarEvent(event, url, uid, series.online)
    uid = feeds.event_uid(series.url, host(site))  # the series' meeting, replaced
    return feeds.CalendarEvent(event, url, uid, series.online, series.meeting(day))


@made
def sitemap() -> ResponseReturnValue:
    """Serve the sitemap: every published page with the date of its content, if it has one."""
    build = current_build()
    listed = [(build.absolute(o.url), o.modified) for o in build.outputs if o.listed]
    return Response(feeds.sitemap(listed), mimetype="application/xml")


@made
def robots() -> ResponseReturnValue:
    """Serve robots.txt, pointing at the sitemap."""
    return Response(feeds.robots(absolute(URL_OF["site.sitemap"])), mimetype="text/plain")
