"""The site's address space: what it makes itself, and the file each URL is frozen into.

The one table of the URLs the site makes (the Build lists them, the URL-clash check keeps pages
off them, the importer keeps old pages off them), and the rules that turn a URL into the file
a freeze writes and back.
"""

from __future__ import annotations

# What the site makes itself, at fixed addresses: endpoint, and whether the sitemap lists it.
MADE = {
    "/members/": ("site.members", True),
    "/join/": ("site.join", True),
    "/events/": ("site.events", True),
    "/events/feed.xml": ("site.events_feed", False),
    "/news/": ("site.news", True),
    "/jobs/": ("site.jobs", True),
    "/jobs/feed.xml": ("site.jobs_feed", False),
    "/reports/": ("site.reports", True),
    "/search/": ("site.search", True),
    "/feed.xml": ("site.feed", False),
    "/events.ics": ("site.events_calendar", False),
    "/sitemap.xml": ("site.sitemap", False),
    "/robots.txt": ("site.robots", False),
    "/404.html": ("site.not_found_page", False),
}
URL_OF = {endpoint: url for url, (endpoint, _listed) in MADE.items()}
# Views that make one page per year (or item) of the content: none, for a site with none.
PER_ITEM = frozenset({"site.report"})
# Lists the site makes from data; a page at the same URL (members.md) is their introduction.
INTRO_URLS = frozenset({"/members/", "/join/", "/events/", "/news/", "/jobs/"})
RESERVED_PREFIXES = ("/static/", "/news/page/", "/reports/")  # layouts' files, made lists
SEARCH_FOLDER = "pagefind"  # the search index, beside the pages: /pagefind/


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


def is_made_here(url: str, *, page: bool = False) -> bool:
    """Tell an address the site makes itself, or one whose file would need the name of a file
    or folder the site makes (a page may introduce the lists)."""
    if page and url in INTRO_URLS:
        return False
    file = output_file(url)
    return (
        file in _MADE_FILES
        or file in _MADE_FOLDERS
        or url.startswith(RESERVED_PREFIXES)
        or any(folder in _MADE_FILES for folder in folders_of(file))
    )


_MADE_FILES = frozenset(output_file(url) for url in MADE)
_MADE_FOLDERS = frozenset(
    [
        *(folder for file in _MADE_FILES for folder in folders_of(file)),
        *(prefix.rstrip("/") for prefix in RESERVED_PREFIXES),
    ]
)
