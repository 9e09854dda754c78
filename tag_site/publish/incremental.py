"""Which pages of the previous build a freeze keeps as they are, instead of making them again.

A page (a post, an event, a plain page, an event's calendar file; not the home page and the
lists, which show the rest of the site) is made from its own file and from what it shows of
the rest: the settings (title, navigation, icons: every page shows them), the members and
data, where its links and the settings' links lead, the title and address of the newer and the
older post, the templates, the engine and the base URL; an event also from where "now" falls
in it. A page's key is the SHA-256 of all of that. A build's manifest keeps the key of each
page; the next freeze copies a page whose key is the same and whose file is as the manifest
says, and makes the others. The result is the same, byte for byte, as a freeze from nothing:
the tests compare the two.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import cache
from ..build import Build
from ..checks.site import page_findings
from ..content.events import Event
from ..content.jobs import Job
from ..content.news import Post
from ..content.pages import Page
from ..content.store import Site
from ..content.urls import INTRO_URLS, output_file
from ..markdown.render import resolve_link


@dataclass(frozen=True)
class Previous:
    """An earlier build: its folder, and what its manifest says (``freeze.read_manifest``)."""

    dest: Path
    files: Mapping[str, str] = field(default_factory=dict)  # file -> SHA-256
    keys: Mapping[str, str] = field(default_factory=dict)  # URL -> key

    def holds(self, url: str, key: str) -> bool:
        """Tell whether the previous build holds the page at ``url`` as made with ``key``:
        the same key, and the file as the manifest says (no one has changed it since)."""
        file = written_file(url)
        if self.keys.get(url) != key or file not in self.files:
            return False
        try:
            return hashlib.sha256((self.dest / file).read_bytes()).hexdigest() == self.files[file]
        except OSError:
            return False


def keyed_pages(build: Build) -> dict[str, Page]:
    """Return the pages (and events, by their calendar's URL) that a later freeze may keep."""
    pages: dict[str, Page] = {
        url: page
        for url, page in build.public.pages.items()
        if page.layout != "home" and url not in INTRO_URLS
    }
    return pages | dict(build.public.calendars)


def page_key(shared: bytes, url: str, page: Page, build: Build) -> str:
    """Return the key of the page (or calendar file) at ``url``."""
    return hashlib.sha256(shared + url.encode() + b"\0" + page_state(page, build)).hexdigest()


def shared_state(build: Build, templates: Path) -> bytes:
    """Return what every page shows of the site, and what makes pages, as bytes."""
    site = build.site
    digest = hashlib.sha256()
    for part in (cache.engine_id(), build.base_url, build.static, site.config, site.members):
        digest.update(repr(part).encode() + b"\0")
    digest.update(repr(sorted(site.data.items())).encode() + b"\0")
    digest.update(repr(destinations(site, [link for link, _ in site.config.links()])).encode())
    for path in sorted(templates.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.digest()


def page_state(page: Page, build: Build) -> bytes:
    """Return what a page is made of besides what all pages share, as bytes: the page, where
    its links lead, its neighbours if it is a post, where "now" falls if it is an event."""
    targets = [link.target for link, _, _ in page_findings(page).links]
    state = [repr(page), repr(destinations(build.site, targets, page.folder()))]
    if isinstance(page, Post) and page.url in build.public.post_numbers:
        number, posts = build.public.post_numbers[page.url], build.public.posts
        around = [posts[i] for i in (number - 1, number + 1) if 0 <= i < len(posts)]
        state.append(repr([(post.url, post.title) for post in around]))
    if isinstance(page, Event):
        closed = page.deadline_passed(build.now) if page.deadline else None
        upcoming = page.next_day(build.now) if page.repeat else None
        state.append(repr((page.status(build.now), closed, upcoming)))
        talks = build.public.talks.get(page.url, ())
        state.append(repr([(talk, talk.status(build.now)) for talk in talks]))
        if page.series:
            series = build.public.pages.get(build.public.series_of(page))
            state.append(repr((series.url, series.title) if series else None))
    if isinstance(page, Job):
        state.append(repr(page.is_open(build.now)))
    return "\0".join(state).encode()


def destinations(site: Site, links: list[str], folder: str = "") -> list[tuple[str, str]]:
    """Return where each link written in ``folder`` leads (a link to a page's file, to its
    URL: adding or moving that page changes it)."""
    return [
        (link, resolve_link(link, folder=folder, prefix="", sources=site.urls_by_source))
        for link in sorted(set(links))
    ]


def written_file(url: str) -> str:
    """Return the file Frozen-Flask writes a URL into, relative to the build folder."""
    return unicodedata.normalize("NFC", output_file(url))[1:]
