"""The site's address space: what it makes itself, and the file each URL is frozen into.

The one table of the URLs the site makes: the web layer serves each view at its URLs here
(``views.made``), the Build lists them, the URL-clash check keeps pages off them and the
importer keeps old pages off them. Then the rules that turn a URL into the file a freeze
writes and back.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from typing import NamedTuple


class Made(NamedTuple):
    """A page the site makes itself at a fixed address."""

    endpoint: str  # the view that makes it
    listed: bool = False  # whether the sitemap lists it
    values: Mapping[str, int] = {}  # the view's arguments at this address
    section: str = ""  # the section of the site it belongs to ("": every site has it)


MADE = {
    "/members/": Made("site.members", listed=True, section="members"),
    "/join/": Made("site.join", listed=True, section="join"),
    "/events/": Made("site.events", listed=True, section="events"),
    "/events/feed.xml": Made("site.events_feed", section="events"),
    "/news/": Made("site.news", listed=True, values={"number": 1}, section="news"),
    "/jobs/": Made("site.jobs", listed=True, section="jobs"),
    "/jobs/feed.xml": Made("site.jobs_feed", section="jobs"),
    "/reports/": Made("site.reports", listed=True, section="reports"),
    "/search/": Made("site.search", listed=True, section="search"),
    "/feed.xml": Made("site.feed"),
    "/events.ics": Made("site.events_calendar", section="events"),
    "/sitemap.xml": Made("site.sitemap"),
    "/robots.txt": Made("site.robots"),
    "/404.html": Made("site.not_found_page"),
}
URL_OF = {made.endpoint: url for url, made in MADE.items() if not made.values}
# Pages made one per item of the content (a page of older news, a year's report): endpoint ->
# its address in Flask's rule syntax. A site with nothing on record has none.
PER_ITEM = {"site.news": "/news/page/<int:number>/", "site.report": "/reports/<int:year>/"}
# The sections a site may have (``sections:`` in site.yml; all of them unless it says): each
# view of one is made only where the site has it, and its addresses are free for pages where
# it has not.
SECTIONS = tuple(dict.fromkeys(made.section for made in MADE.values() if made.section))
SECTION_OF = {made.endpoint: made.section for made in MADE.values() if made.section} | {
    view: MADE["/" + rule.split("/")[1] + "/"].section  # /reports/<year>/: the reports'
    for view, rule in PER_ITEM.items()
}
# Lists the site makes from data; a page at the same URL (members.md) is their introduction.
INTRO_URLS = frozenset({"/members/", "/join/", "/events/", "/news/", "/jobs/"})
SEARCH_FOLDER = "pagefind"  # the search index, beside the pages: /pagefind/
MANIFEST = ".tag-site-build.json"  # what the freeze wrote, beside the pages (publish/freeze)
NO_JEKYLL = ".nojekyll"  # tells GitHub Pages to publish the files as they are
# Layouts' files, the preview's own, the search index: no page may take an address there.
RESERVED_PREFIXES = ("/static/", "/__preview/", f"/{SEARCH_FOLDER}/")


def made_urls(sections: Collection[str]) -> list[str]:
    """Return the addresses of the URL table a site with ``sections`` makes."""
    return [url for url, made in MADE.items() if not made.section or made.section in sections]


def item_url(endpoint: str, **values: int) -> str:
    """Return the address of one item page: ``item_url("site.report", year=2026)`` ->
    ``/reports/2026/``."""
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda name: str(values[name[1]]), PER_ITEM[endpoint])


def calendar_url(url: str) -> str:
    """Return where an event's calendar file is: ``/events/2027/x/`` -> ``/events/2027/x.ics``."""
    return url.removesuffix("/").removesuffix(".html") + ".ics"


def output_file(url: str) -> str:
    """Return the file a URL is frozen into: ``/about/`` -> ``/about/index.html``."""
    return url + "index.html" if url.endswith("/") else url


def output_url(file: str) -> str:
    """Return the URL a frozen file answers at: ``/about/index.html`` -> ``/about/``."""
    return file.removesuffix("index.html") if file.endswith("/index.html") else file


def folders_of(file: str) -> list[str]:
    """Return the folders a file is in: ``/a/b/c.html`` -> ``/a``, ``/a/b``."""
    parts = file.split("/")
    return ["/".join(parts[:end]) for end in range(2, len(parts))]


def is_made_here(url: str, *, page: bool = False, sections: Collection[str] = SECTIONS) -> bool:
    """Tell an address the site with ``sections`` makes itself, or one whose file would need
    the name of a file or folder it makes (a page may introduce the lists)."""
    if page and url in INTRO_URLS:
        return False
    files, folders, prefixes = _taken(frozenset(sections))
    file = output_file(url).casefold()  # one file on a disk that ignores case
    return (
        file in files
        or file in folders
        or url.casefold().startswith(prefixes)
        or any(folder in files for folder in folders_of(file))
    )


@functools.cache
def _taken(sections: frozenset[str]) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """Return the files and folders a site with ``sections`` makes, and the prefixes of the
    addresses it keeps (its item pages' too)."""
    items = (
        rule.partition("<")[0] for end, rule in PER_ITEM.items() if SECTION_OF[end] in sections
    )
    prefixes = (*RESERVED_PREFIXES, *items)
    files = frozenset([*map(output_file, made_urls(sections)), f"/{MANIFEST}", f"/{NO_JEKYLL}"])
    folders = frozenset(
        [
            *(folder for file in files for folder in folders_of(file)),
            *(prefix.rstrip("/") for prefix in prefixes),
        ]
    )
    return files, folders, prefixes
