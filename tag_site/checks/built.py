"""Check the links of a built site: every internal ``href``/``src`` and ``#anchor`` must resolve.

Frozen-Flask only knows the URLs that ``url_for`` made; links written in Markdown are checked
here, in the output, where they end up.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from .. import cache
from ..content.members import MEMBERS_FILE
from ..content.store import Site
from ..content.urls import folders_of, output_url
from ..errors import Problem
from ..markdown import addresses
from ..markdown.markup import (
    BUILT,
    FILE,
    PAGE,
    Tag,
    every_tag,
    linked_addresses,
    markup_texts,
    scan,
    split_address,
    tag_problems,
    tags_of,
)
from ..markdown.source_map import link_lines

_ORIGIN = "http://site.invalid"


@dataclass(frozen=True)
class Document:
    """The ids, link targets and markup that should not be there, of one built file.

    The page's own text (its ``<main>``) is judged as a page's Markdown is; the rest, which the
    templates write, only for what runs code. An attachment is judged as a file on its own.
    """

    ids: frozenset[str]
    links: tuple[str, ...]
    unsafe: tuple[str, ...]


def read_markup(text: str, *, attachment: bool = False) -> Document:
    """Return the ``Document`` of a built file's text."""
    found = tags_of(text) if attachment else every_tag(text)  # a page is read here only
    values = [(a.name, a.value) for tag in found for a in tag.attributes if a.value]
    return Document(
        frozenset(value for name, value in values if name in ("id", "name")),
        tuple(address for name, value in values for address in linked_addresses(name, value)),
        tuple(not_allowed(text, found, attachment=attachment)),
    )


def not_allowed(text: str, found: Sequence[Tag], *, attachment: bool) -> Iterator[str]:
    """Yield what the markup of a built file (its tags ``found``) should not hold (warnings
    aside)."""
    if attachment:
        yield from (p.message for p in scan(text, FILE, found) if not p.warning)
        return
    start, end = text.find("<main"), text.rfind("</main>")
    for tag in found:
        where = PAGE if start != -1 and start <= tag.start < end else BUILT
        if where == BUILT and tag.name == "script" and (is_data(tag) or is_own_file(text, tag)):
            continue  # the templates' JSON-LD (data), or a script file of the site's own
        problems = tag_problems(tag.name, tag.pairs(), where)
        yield from (problem.message for problem in problems if not problem.warning)
    if address := addresses.in_name(text):  # the engine writes every address protected
        yield f"the address {address} as it is, where address harvesters read it"


def is_own_file(text: str, tag: Tag) -> bool:
    """Tell a script element the templates write to load a file of the site (the search box):
    ``src`` a path of the site, and no code inside."""
    source = tag.pairs().get("src") or ""
    closing = text.find("</script", tag.end)
    inside = text[tag.end : closing] if closing != -1 else "x"
    return source.startswith("/") and not source.startswith("//") and not inside.strip()


def is_data(tag: Tag) -> bool:
    """Tell a script element that holds data (JSON-LD), which browsers do not run."""
    return (tag.pairs().get("type") or "").lower() == "application/ld+json"


def broken_links(
    build: Path, prefix: str, site: Site, documents: Mapping[Path, Document], files: set[str]
) -> list[Problem]:
    """Return one error per link of a page in ``build`` that points nowhere in ``build``, and
    one per piece of markup that should not be in a built page or attachment.

    ``prefix`` is the path the site is served under (``/sciml/``); ``documents`` are the built
    files as ``read_documents`` reads them; ``files``, the name of every file of the build.
    """
    errors: list[Problem] = []
    locate = locator(site)
    folders = {f[1:] for n in files for f in folders_of("/" + n)}
    built = Built(
        build, prefix, documents, files, folders, frozenset(u[1:] for u in site.attachments)
    )
    answers: dict[tuple[str, str], str | None] = {}  # a link from the root: the same anywhere
    for file, document in sorted(documents.items()):
        url = output_url(url_of(build, file))
        errors += [unsafe_error(site, url, code) for code in dict.fromkeys(document.unsafe)]
        if url in site.attachments:
            continue  # a file of its own: its links are its own affair, as a PDF's are
        page = prefix.rstrip("/") + url
        source = site.pages.get(url)
        dead = frozenset(source.dead_links) if source else frozenset()  # the check warns
        for href in dict.fromkeys(document.links):
            key = ("", href) if href.startswith("/") else (page, href)
            if key not in answers:
                answers[key] = link_problem(built, page, href)
            listed = site_path(page, href, prefix) in dead or (  # an anchor of its own
                href.startswith("#") and unquote(href) in dead  # the old page had not either
            )
            if (problem := answers[key]) and not listed:
                errors.append(locate(url, href, prefix, problem))
    return list(dict.fromkeys(errors))  # a broken navigation link is reported once


@dataclass(frozen=True)
class Built:
    """A build folder as the link check sees it: its documents, files and folders by name."""

    folder: Path
    prefix: str
    documents: Mapping[Path, Document]
    files: set[str]
    folders: set[str]
    attachments: frozenset[str] = frozenset()  # the content's files, by their name in folder


def read_documents(
    build: Path, files: Iterable[Path], site: Site, known: Mapping[str, str] = {}
) -> dict[Path, Document]:
    """Return the built ``files`` that the link check reads, by their path (``known``: the
    SHA-256 of some of them, by their name in ``build``, so they need not be read)."""
    found = {}
    for file in files:
        url = url_of(build, file)
        if document := read_document(file, url, site, known.get(url[1:], "")):
            found[file] = document
    return found


def read_document(file: Path, url: str, site: Site, sha: str = "") -> Document | None:
    """Return a built page, feed or sitemap, or an attachment a browser may read as markup;
    from the cache if a file of the same bytes (of SHA-256 ``sha``, if known) was read."""
    attachment = url in site.attachments
    if not attachment and file.suffix not in (".html", ".xml"):
        return None
    kind = b"attachment " + file.suffix.encode() if attachment else b"built"
    digest = bytes.fromhex(sha) if sha else hashlib.sha256(file.read_bytes()).digest()
    return cache.remembered(
        "document",
        kind + b"\0" + digest,
        lambda: _document(file.read_bytes(), file.suffix, attachment),
        _document_json,
        _loaded,
    )


def _document(raw: bytes, suffix: str, attachment: bool) -> Document | None:
    if attachment:
        texts = markup_texts(raw, suffix)
        return read_markup("\n".join(texts), attachment=True) if texts else None
    return read_markup(raw.decode("utf-8", "replace"))


def _document_json(document: Document | None) -> list[Any] | None:
    return [sorted(document.ids), document.links, document.unsafe] if document else None


def _loaded(value: Any) -> Document | None:
    if not cache.is_row(value, list, list, list):
        return None  # an entry of another shape, damaged or planted
    if not all(isinstance(item, str) for group in value for item in group):
        return None
    ids, links, unsafe = value
    return Document(frozenset(ids), tuple(links), tuple(unsafe))


def url_of(build: Path, file: Path) -> str:
    """Return the site path of a built file: ``/about/index.html``."""
    return "/" + file.relative_to(build).as_posix()


def unsafe_error(site: Site, url: str, problem: str) -> Problem:
    """Return the error for markup that should not be there, found in the built ``url``."""
    page = site.pages.get(url)
    source = page.source if page else site.path(url[1:]) if url in site.attachments else Path(url)
    return Problem(source, 0, f"the built file holds markup the check missed: {problem}")


def joined(page: str, href: str) -> SplitResult | None:
    """Return where ``href`` on the page at path ``page`` leads, split; None for no address
    (``https://x]/``, which the check refuses)."""
    try:
        return urlsplit(urljoin(_ORIGIN + page, href))
    except ValueError:
        return None


def site_path(page: str, href: str, prefix: str) -> str:
    """Return the path of the site a link of the page at path ``page`` leads to, as pages
    write it (without the base path ``prefix``; "" for another site's)."""
    target = joined(page, href)
    if target is None:  # "https://x]/": no address (the check refuses it)
        return ""
    path = unquote(target.path)
    inside = f"{target.scheme}://{target.netloc}" == _ORIGIN and path.startswith(prefix)
    return "/" + path[len(prefix) :].lstrip("/") if inside else ""


def link_problem(built: Built, page: str, href: str) -> str | None:
    """Say what is wrong with ``href`` on the page at path ``page``, or return None."""
    target = joined(page, href)
    if target is None or f"{target.scheme}://{target.netloc}" != _ORIGIN:
        return None  # another site (or none: the check refuses it), or mailto: and friends
    path = unquote(target.path)
    if not path.startswith(built.prefix):
        return f"links to {path}, outside the site's base path {built.prefix}"
    name = path[len(built.prefix) :]
    if not name or name.endswith("/") or name in built.folders:
        name = f"{name.rstrip('/')}/index.html".lstrip("/")
    if name not in built.files:
        return f"links to {href}, which is not a page or file of the site — fix the link or add it"
    document = built.documents.get(built.folder / name)
    if name in built.attachments:  # #page=3 of a PDF: the reader's affair, as in the check
        return None
    if target.fragment and document and target.fragment not in document.ids:
        return f"links to {href}, but that page has no heading or anchor '{target.fragment}'"
    return None


def locator(site: Site) -> Callable[[str, str, str, str], Problem]:
    """Return a function that gives the error for a broken link at the line that holds it:
    the page's text, else the members' or site.yml's links (every page shows the navigation).
    Nothing is read again, and each text is indexed once, however many links are broken."""
    written: dict[str, tuple[Path, int]] = {}
    listed = [(site.path(MEMBERS_FILE), m.url, m.line_of("url")) for m in site.members if m.url]
    listed += [(site.path("site.yml"), link, line) for link, line in site.config.links()]
    for source, link, line in listed:
        for word in link_lines(link):
            written.setdefault(word, (source, line))
    pages: dict[str, dict[str, int]] = {}

    def locate(url: str, href: str, prefix: str, problem: str) -> Problem:
        wanted = needles(href, prefix)
        page = site.pages.get(url)
        if page:
            if url not in pages:
                pages[url] = link_lines(page.body, page.body_line)
            line = next((pages[url][w] for w in wanted if w in pages[url]), 0)
            if line:
                return Problem(page.source, line, problem)
        place = next((written[w] for w in wanted if w in written), None)
        if place:
            return Problem(place[0], place[1], problem)
        if page:
            return Problem(page.source, 0, problem)
        return Problem(Path("templates"), 0, f"the page {url} {problem}")

    return locate


def needles(href: str, prefix: str) -> list[str]:
    """Return what an editor may have written for ``href``: the anchor, the path, the file."""
    target = split_address(href)
    if target is None:
        return [href]
    if target.fragment:
        return [target.fragment]
    path = "/" + unquote(target.path).removeprefix(prefix)
    name = PurePosixPath(path).name
    return ([path] if path != "/" else []) + ([name] if "." in name else [])
