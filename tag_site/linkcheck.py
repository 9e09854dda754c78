"""Check the links of a built site: every internal ``href``/``src`` and ``#anchor`` must resolve.

Frozen-Flask only knows the URLs that ``url_for`` made; links written in Markdown are checked
here, in the output, where they end up.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .content import Site, name_of
from .errors import ContentError

_ORIGIN = "http://site.invalid"


class _Document(HTMLParser):
    """The ids and the link targets of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ("href", "src") and not (
                tag == "link" and name == "href" and "://" in value
            ):
                self.links.append(value)


@functools.cache
def _parse(path: Path) -> _Document:
    document = _Document()
    document.feed(path.read_text("utf-8"))
    document.close()
    return document


def broken_links(build: Path, prefix: str, site: Site) -> list[ContentError]:
    """Return one error per link of a page in ``build`` that points nowhere in ``build``.

    ``prefix`` is the path the site is served under (``/sciml/``).
    """
    _parse.cache_clear()
    errors: list[ContentError] = []
    for file in sorted(build.rglob("*.html")):
        url = url_of_file(build, file)
        for href in dict.fromkeys(_parse(file).links):
            problem = link_problem(build, prefix, prefix.rstrip("/") + url, href)
            if problem:
                errors.append(locate(site, url, href, prefix, problem))
    _parse.cache_clear()
    return list(dict.fromkeys(errors))  # a broken navigation link is reported once


def url_of_file(build: Path, file: Path) -> str:
    """Return the site URL of a built file: ``about/index.html`` -> ``/about/``."""
    name = file.relative_to(build).as_posix()
    return "/" + name.removesuffix("index.html")


def link_problem(build: Path, prefix: str, page: str, href: str) -> str | None:
    """Say what is wrong with ``href`` on the page at path ``page``, or return None."""
    target = urlsplit(urljoin(_ORIGIN + page, href))
    if f"{target.scheme}://{target.netloc}" != _ORIGIN:
        return None  # another site, or mailto: and friends
    path = unquote(target.path)
    if not path.startswith(prefix):
        return f"links to {path}, outside the site's base path {prefix}"
    file = build / path[len(prefix) :]
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return f"links to {href}, which is not a page or file of the site — fix the link or add it"
    if target.fragment and file.suffix == ".html" and target.fragment not in _parse(file).ids:
        return f"links to {href}, but that page has no heading or anchor '{target.fragment}'"
    return None


def locate(site: Site, url: str, href: str, prefix: str, problem: str) -> ContentError:
    """Return the error at the line that holds the link: in the page's source or in site.yml."""
    page = site.pages.get(url)
    sources = [page.source] if page else []
    sources.append(site.path("site.yml"))  # the navigation links are on every page
    target = urlsplit(href)
    path = "/" + target.path.removeprefix(prefix)
    needles = [target.fragment] if target.fragment else [path, Path(path).name]
    for source, needle in ((s, n) for s in sources for n in needles if n.strip("/")):
        file = site.root / name_of(source)
        lines = file.read_text("utf-8", errors="replace").splitlines() if file.is_file() else []
        line = next((n for n, text in enumerate(lines, 1) if needle in text), 0)
        if line:
            return ContentError(source, line, problem)
    if page:
        return ContentError(page.source, 0, problem)
    return ContentError(Path("templates"), 0, f"the page {url} {problem}")
