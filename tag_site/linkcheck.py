"""Check the links of a built site: every internal ``href``/``src`` and ``#anchor`` must resolve.

Frozen-Flask only knows the URLs that ``url_for`` made; links written in Markdown are checked
here, in the output, where they end up.
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from .checks import BLOCKED_TAGS, UNSAFE_SCHEMES, line_with
from .content import Site
from .errors import ContentError
from .pages import name_of

_ORIGIN = "http://site.invalid"


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_JSON_LD = re.compile(r'<script type="application/ld\+json">.*?</script>', re.DOTALL)
_ID = re.compile(r"""\s(?:id|name)=(?:"([^"]*)"|'([^']*)')""")
_LINK = re.compile(r"""\s(?:href|src)=(?:"([^"]*)"|'([^']*)')""")
_BLOCKED = re.compile(rf"<({'|'.join(BLOCKED_TAGS)})\b", re.IGNORECASE)
_HANDLER = re.compile(r"""<[a-zA-Z][^>]*?[\s/"'](on[a-z]+)\s*=""", re.IGNORECASE)
_UNSAFE_URL = re.compile(rf"^(?:{'|'.join(sorted(UNSAFE_SCHEMES))}):", re.IGNORECASE)


class Document:
    """The ids, link targets and code-running HTML of one built page.

    Built pages are well-formed (the templates and Python-Markdown write them, and every
    link was rewritten with double quotes), so regular expressions read them quickly.
    """

    def __init__(self, text: str) -> None:
        text = _JSON_LD.sub("", _COMMENT.sub("", text))  # JSON-LD is data, not code
        self.ids = {html.unescape(a or b) for a, b in _ID.findall(text)}
        self.links = [html.unescape(a or b) for a, b in _LINK.findall(text)]
        self.unsafe = [f"<{tag.lower()}>" for tag in _BLOCKED.findall(text)]
        self.unsafe += [f"an {handler}= handler" for handler in _HANDLER.findall(text)]
        self.unsafe += [f"'{link}'" for link in self.links if _UNSAFE_URL.match(
            re.sub(r"[\s\x00-\x1f]", "", link))]  # fmt: skip


def broken_links(build: Path, prefix: str, site: Site) -> list[ContentError]:
    """Return one error per link of a page in ``build`` that points nowhere in ``build``.

    ``prefix`` is the path the site is served under (``/sciml/``).
    """
    documents = {f: Document(f.read_text("utf-8")) for f in sorted(build.rglob("*.html"))}
    errors: list[ContentError] = []
    for file, document in documents.items():
        url = "/" + file.relative_to(build).as_posix().removesuffix("index.html")
        errors += [unsafe_error(site, url, code) for code in dict.fromkeys(document.unsafe)]
        for href in dict.fromkeys(document.links):
            problem = link_problem(build, prefix, prefix.rstrip("/") + url, href, documents)
            if problem:
                errors.append(locate(site, url, href, prefix, problem))
    return list(dict.fromkeys(errors))  # a broken navigation link is reported once


def unsafe_error(site: Site, url: str, problem: str) -> ContentError:
    """Return the error for HTML that can run code, found in the built page at ``url``."""
    page = site.pages.get(url)
    message = f"the built page has {problem}, which can run code — remove it from the page"
    return ContentError(page.source if page else Path(url), 0, message)


def link_problem(
    build: Path, prefix: str, page: str, href: str, documents: dict[Path, Document]
) -> str | None:
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
    if target.fragment and file in documents and target.fragment not in documents[file].ids:
        return f"links to {href}, but that page has no heading or anchor '{target.fragment}'"
    return None


def locate(site: Site, url: str, href: str, prefix: str, problem: str) -> ContentError:
    """Return the error at the line that holds the link: page source, data file or site.yml."""
    page = site.pages.get(url)
    sources = [page.source] if page else []
    data = site.root / "data"
    sources += (
        sorted(site.path(f"data/{p.name}") for p in data.glob("*.y*ml")) if data.is_dir() else []
    )
    sources.append(site.path("site.yml"))  # the navigation links are on every page
    for source in sources:
        line = line_with(site.root / name_of(source), needles(href, prefix))
        if line:
            return ContentError(source, line, problem)
    if page:
        return ContentError(page.source, 0, problem)
    return ContentError(Path("templates"), 0, f"the page {url} {problem}")


def needles(href: str, prefix: str) -> list[str]:
    """Return what an editor may have written for ``href``: the anchor, the path, the file."""
    target = urlsplit(href)
    if target.fragment:
        return [target.fragment]
    path = "/" + unquote(target.path).removeprefix(prefix)
    name = PurePosixPath(path).name
    return ([path] if path != "/" else []) + ([name] if "." in name else [])
