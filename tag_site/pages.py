"""Markdown pages: front matter and body, layout, and the URL from the path or the permalink."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import ContentError
from .fields import Fields, is_plain_path
from .parsing import decode, split_front_matter

LAYOUTS = ("home", "page", "post", "default")
SECTIONS = ("members", "events", "news")
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Page:
    """A Markdown page; ``errors`` is non-empty when the file could not be read."""

    source: Path
    url: str
    title: str = ""
    layout: str = "page"
    body: str = ""
    body_line: int = 1
    description: str = ""
    sections: tuple[str, ...] = ()
    errors: tuple[ContentError, ...] = ()

    def folder(self) -> str:
        """Return the page's folder inside content/ ("" at the top), for its relative links."""
        folder = PurePosixPath(*self.source.parts[1:]).parent.as_posix()
        return "" if folder == "." else folder


def parse_page(raw: bytes, path: Path) -> Page:
    """Read a Markdown page; a page that cannot be read keeps its URL and carries the error."""
    url = url_of(path)
    try:
        source = split_front_matter(decode(raw, path), path)
    except ContentError as error:
        return Page(path, url, title=path.stem, errors=(error,))
    fields = Fields(source.meta, path)
    url = permalink(fields) or url
    layout = fields.text("layout", "home" if url == "/" else "page")
    if layout not in LAYOUTS:
        fields.error("layout", f"unknown layout {layout!r} — use one of {', '.join(LAYOUTS)}")
        layout = "page"
    return Page(
        source=path,
        url=url,
        title=fields.text("title", required=url != "/"),
        layout=layout,
        body=source.body,
        body_line=source.body_line,
        description=fields.text("description"),
        sections=sections(fields, layout),
        errors=tuple(fields.errors),
    )


def url_of(path: Path) -> str:
    """Return the URL of a page from its path: content/a/b.md -> /a/b/, a/index.md -> /a/."""
    name = PurePosixPath(*path.parts[1:]).with_suffix("").as_posix()
    if name == "index":
        return "/"
    return "/" + name.removesuffix("/index") + "/"


def permalink(fields: Fields) -> str:
    """Return the page's ``permalink``, if it sets a valid one."""
    url = fields.text("permalink")
    if not url:
        return ""
    url = url if url.startswith("/") else "/" + url
    if not is_plain_path(url):
        message = (
            f"permalink {url!r} must be a plain site path like /about/"
            " (no '..', '//', '?', '#', '%' or spaces)"
        )
        fields.error("permalink", message)
        return ""
    if not url.endswith(("/", ".html")):
        message = f"permalink {url!r} must end with '/' or '.html' — write {url + '/'!r}"
        fields.error("permalink", message)
        return ""
    return url


def sections(fields: Fields, layout: str) -> tuple[str, ...]:
    """Return the data-driven sections the home layout shows under the body."""
    names = fields.texts("sections", ("news",) if layout == "home" else ())
    unknown = [name for name in names if name not in SECTIONS]
    if unknown:
        message = f"unknown section {unknown[0]!r} — use any of {', '.join(SECTIONS)}"
        fields.error("sections", message)
    return tuple(name for name in names if name in SECTIONS)
