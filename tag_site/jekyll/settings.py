"""Jekyll's ``_config.yml`` as the site's ``site.yml``: the group's name, address and look.

Title, description, ``url`` + ``baseurl``, ``email`` (as the contact), time zone, language;
the navigation as minima made it (``header_pages``, else every page with a title, by file
name) or as a theme's ``navigation:`` list; the favicon (a ``favicon.*`` file, or the icon
``_includes/head.html`` links), the logo, the link-preview image, and social links for the
footer. Keys left out are noted.
"""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin

from ..checks.site import target_problems
from ..content.fields import Fields
from ..content.front_matter import Data
from ..content.settings import LANGUAGE_TAG, MAX_LINKS, MOST_FEED_COPIES, is_feed_address
from ..content.urls import SECTIONS, is_made_here
from ..markdown import liquid
from ..markdown.markup import reader_text
from .people import dump_yaml, load_data
from .placing import Placement, is_feed
from .reading import JekyllSite, Note, text_of, without_refused_characters
from .rewrite import led_to

_ICON_LINK = re.compile(
    r"<link\b[^<>]*?\brel=[\"'](?:shortcut )?(icon|apple-touch-icon)[\"'][^<>]*+>"
)
_HREF = re.compile(r"""\bhref=["']([^"']+)["']""")
_ICON_FILE = re.compile(r"(?:^|/)favicon[^/]*\.(?:svg|png|ico)$")
_TOUCH_FILE = re.compile(r"(?:^|/)apple-touch-icon[^/]*\.png$")
# Keys this import reads; and those that only mattered to Jekyll's build.
_READ_KEYS = {
    "title", "name", "description", "url", "baseurl", "email", "timezone", "lang", "locale",
    "header_pages", "permalink", "exclude", "include", "encoding", "collections", "defaults",
    "navigation", "collections_dir", "data_dir", "includes_dir", "layouts_dir",
}  # fmt: skip
_PICTURES = ("logo", "image")  # read where they name a file of the old site
_BUILD_KEYS = {
    "theme", "remote_theme", "plugins", "gems", "markdown", "kramdown", "highlighter",
    "keep_files", "source", "destination", "incremental", "future",
    "show_drafts", "safe", "sass", "feed", "paginate", "paginate_path", "excerpt_separator",
    "livereload", "strict_front_matter", "liquid", "webrick", "port", "host",
    "whitelist", "github", "repository", "minima", "show_excerpts",
}  # fmt: skip
_SOCIAL = {
    "github_username": ("GitHub", "https://github.com/{}"),
    "twitter_username": ("Twitter", "https://twitter.com/{}"),
    "linkedin_username": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "youtube_username": ("YouTube", "https://www.youtube.com/{}"),
}
HEADER = "# Settings of the whole site, imported from Jekyll's _config.yml.\n"
# A path written with Liquid: {{ site.baseurl }}/x/, {{ "/x/" | relative_url }}.
_SITE_PATH = re.compile(
    r"\{\{\s*site\.baseurl\s*\}\}|\{\{\s*['\"]([^'\"{}]*)['\"]\s*\|\s*(?:relative|absolute)_url\s*\}\}"
)


def site_settings(
    site: JekyllSite,
    placement: Placement,
    files: Collection[str],
    *,
    address: str,
    refused: str = "",
    tz: datetime.tzinfo,
    show_email: bool,
    marked: int = 0,
    menu: Sequence[tuple[str, str]] = (),
) -> tuple[str, list[Note]]:
    """Return ``site.yml`` for the imported site (``address``: its url; ``refused``: why
    the old one is none, if site.yml would refuse it), and the notes;
    ``marked``: how many members' addresses are shown each by its own ``show_email``;
    ``menu``: the old home page's menu as it was published (address, words)."""
    config = site.config
    notes: list[Note] = []
    settings: dict[str, Any] = {"title": text_of(config.get("title") or config.get("name"))}
    if not settings["title"]:
        settings["title"] = site.root.resolve().name
        notes.append(Note("_config.yml", 0, f"has no title: the site is '{settings['title']}'"))
    if text_of(config.get("description")):
        settings["description"] = text_of(config.get("description"))
    elif config.get("description") not in (None, ""):  # a list, a mapping, true: no words
        notes.append(Note("_config.yml", site.config_lines.get("description", 0),
                          f"its description {json.dumps(config['description'], default=str)} is "
                          "no text, so it is left out: write the site's in site.yml"))  # fmt: skip
    if address:
        settings["url"] = address
    else:
        message = (
            f"its url is left out: it {refused}" if refused else "has no url"
        ) + ": set 'url:' in site.yml to the site's address"
        notes.append(Note("_config.yml", site.config_lines.get("url", 0), message))
    if isinstance(tz, zoneinfo.ZoneInfo):
        settings["timezone"] = tz.key
    else:  # Jekyll (GitHub Pages) built in UTC: the dates stay where the old site put them
        settings["timezone"] = "UTC"
        if not config.get("timezone"):
            message = (
                "names no time zone, so Jekyll read its dates in UTC: site.yml says 'timezone: "
                "UTC' — write the group's zone (such as Europe/Paris) if its events are there"
            )
            notes.append(Note("_config.yml", 0, message))
    language = text_of(config.get("lang") or config.get("locale")).replace("_", "-").split("-")[0]
    if LANGUAGE_TAG.fullmatch(language):
        settings["language"] = language
    elif language:
        line = site.config_lines.get("lang", site.config_lines.get("locale", 0))
        notes.append(Note("_config.yml", line, f"left out {language!r}: no language tag (en, de)"))
    settings["sections"] = list(placement.sections)
    notes.append(Note("_config.yml", 0, sections_note(placement.sections)))
    if copies := feed_copies(site, placement):
        settings["feed_also_at"] = copies
    settings["nav"] = navigation(site, placement, notes, menu)
    if len(settings["nav"]) > MAX_LINKS:  # a menu shows no more
        rest = [link["url"] for link in settings["nav"][MAX_LINKS:]]
        settings["nav"] = settings["nav"][:MAX_LINKS]
        message = (
            f"the menu linked {MAX_LINKS + len(rest)} pages: it keeps the first {MAX_LINKS}, as "
            f"a menu shows no more; link to the others from a page ({', '.join(rest[:5])}"
            f"{', …' if len(rest) > 5 else ''})"
        )
        notes.append(Note("_config.yml", site.config_lines.get("header_pages", 0), message))
    settings |= identity(site, files)
    notes += unsafe_links(settings, site)
    if text_of(config.get("email")):
        settings["contact"] = text_of(config.get("email"))
    if not show_email:
        settings["members"] = {"show_email": False}
        message = (
            "members' addresses were not shown on the old site: site.yml keeps them hidden "
            "(members: show_email: false)"
            if not marked
            else "members' addresses the old site did not show stay hidden (members: "
            "show_email: false)"
        )
        notes.append(Note("_config.yml", 0, message))
    notes += unused_keys(site, settings)
    return HEADER + dump_yaml(settings), notes


def sections_note(sections: tuple[str, ...]) -> str:
    """Say which of the lists and pages the site can make the import keeps, and how to add
    the others."""
    kept = ", ".join(f"/{name}/" for name in sections) or "none"
    more = ", ".join(name for name in SECTIONS if name not in sections)
    return f"the site makes the lists the old site had: {kept} ('sections' in site.yml)" + (
        f" — add any of {more} there for more" if more else ""
    )


def navigation(
    site: JekyllSite,
    placement: Placement,
    notes: list[Note],
    shown: Sequence[tuple[str, str]] = (),
) -> list[dict[str, str]]:
    """Return the header links as minima made them: ``header_pages``, else the menu the
    old site published (``shown``: its links to pages, however a layout made it), else a
    theme's menu (``theme_navigation``, which adds to ``notes``), else the pages with a
    ``menutitle:``
    (a layout's menu of ``site.pages``, each by it), else every page with a title, by file
    name. Drafts and the home page are not linked."""
    pages = {
        d.path: placement.places[d.path]
        for d in site.documents
        if not (d.is_post or d.collection) and d.path in placement.places
    }
    pages = {path: place for path, place in pages.items() if place.url != "/"}
    drafts = {d.path for d in site.documents if d.front.get("published") is False}
    wanted = site.config.get("header_pages")
    if isinstance(wanted, list):
        paths = [str(path) for path in wanted if str(path) in pages]
    elif published := published_menu(site, placement, shown, notes):
        return published
    elif listed := theme_navigation(site, placement, notes):
        return listed
    elif menu := [
        d for d in site.documents if d.path in pages and text_of(d.front.get("menutitle"))
    ]:
        return [  # a layout's menu of the pages with a menutitle (hide: true left out)
            {"title": text_of(d.front["menutitle"]), "url": pages[d.path].url}
            for d in menu
            if d.path not in drafts and d.front.get("hide") is not True
        ]
    else:
        titled = [d.path for d in site.documents if d.path in pages and d.front.get("title")]
        paths = sorted(titled, key=lambda p: (PurePosixPath(p).name, p))
    return [
        {"title": pages[path].title, "url": pages[path].url}
        for path in paths
        if path not in drafts and pages[path].title
    ]


def published_menu(
    site: JekyllSite, placement: Placement, menu: Sequence[tuple[str, str]], notes: list[Note]
) -> list[dict[str, str]]:
    """Return the old site's published ``menu``, if it led to its pages or a collection's:
    each such link at the page's new address (by its old one, as GitHub Pages served it:
    ``/people`` is ``/people.html``), a link to another site as it was, with the words the
    menu showed; [] if none led to a page. A link left out is noted: the home page's (the
    site's title leads there), one to no page of the new site, one to a page the menu leads
    to already; and a link's place on its page (``#alumni``) or query, which it loses."""
    places = [placement.places[d.path] for d in site.documents if d.path in placement.places]
    moved = {unquote(place.old): place.url for place in places if place.old}
    base = text_of(site.config.get("baseurl")).rstrip("/")
    host = re.sub(r"^https?:", "", text_of(site.config.get("url"))).rstrip("/")
    links: list[dict[str, str]] = []
    told: list[Note] = []
    for href, words in menu:
        own = host and re.match(rf"(?:https?:)?{re.escape(host)}(?:/|$)", href)
        path = unquote(
            href[own.end() - (href[own.end() - 1 : own.end()] == "/") :] if own else href
        )
        path = urljoin("/", path.split("#")[0].split("?")[0])  # "about/": from the home page
        path = "/" + path[len(base) :].lstrip("/") if base and path.startswith(base) else path
        elsewhere = not own and re.match(r"(?:https?:|mailto:)", href, re.IGNORECASE)
        here = led_to(moved, path) or ("/" if path in ("", "/") else "")
        url = href if elsewhere else here
        if not words or url == "/" or not url:
            why = (
                "it shows no words" if not words
                else "the site's title leads to the home page" if url == "/"
                else "it leads to no page of the new site"
            )  # fmt: skip
            told.append(Note("index.html", 0, f"left out the menu's link {words or href!r}: {why}"))
        elif same := next((link["title"] for link in links if link["url"] == url), ""):
            message = f"left out the menu's link {words!r}: it leads to {url}, as {same!r} does"
            told.append(Note("index.html", 0, message))
        else:
            links.append({"title": words, "url": url})
            if not elsewhere and (rest := href[len(href.split("#")[0].split("?")[0]) :]):
                message = (
                    f"the menu's link {words!r} leads to {url}, without its {rest!r}: a menu "
                    "leads to pages"
                )
                told.append(Note("index.html", 0, message))
    if menu and not any(link["url"].startswith("/") for link in links):
        message = (
            f"the old home page's menu ({len(menu)} link{'s' * (len(menu) != 1)}) led to no "
            "page of the new site: the menu is made otherwise (see site.yml's nav)"
        )
        notes.append(Note("index.html", 0, message))
        return []
    notes += told
    return links


def feed_copies(site: JekyllSite, placement: Placement) -> list[str]:
    """Return the old addresses of the old site's own feeds (``is_feed``: ``/atom.xml``),
    where its readers subscribed: the site's feed is served there too, if site.yml may name
    them (``feed_also_at``)."""
    found = [
        unquote(placement.old_urls.get(document.path, ""))
        for document in site.documents
        if is_feed(document)
    ]
    return [
        old
        for old in dict.fromkeys(found)
        if is_feed_address(old) and not is_made_here(old, sections=placement.sections)
    ][:MOST_FEED_COPIES]


def theme_navigation(
    site: JekyllSite, placement: Placement, notes: list[Note]
) -> list[dict[str, str]]:
    """Return the menu a theme read from ``navigation:`` in _config.yml, or from
    ``_data/navigation.yml`` (a list, or its ``main:``: minimal-mistakes'), each entry's
    ``children`` after it (a menu here is one row), each link to an old page led to its new
    address, each title as the theme showed it (tags out, entities read); [] if there is
    none. An entry left out, or a title changed, is noted."""
    value = site.config.get("navigation")
    where = ("_config.yml", site.config_lines.get("navigation", 0))
    if value is None and "navigation" in site.data:
        data, _ = load_data(site.data["navigation"], "navigation", "_data/navigation.yml")
        value, where = (data.value if data else None), ("_data/navigation.yml", 0)
    if isinstance(value, dict):
        value = value.get("main")
    if value is not None and not isinstance(value, list):
        notes.append(Note(*where, "its menu is no list of links: the menu is made of the pages"))
        return []
    base = text_of(site.config.get("baseurl")).rstrip("/")
    moved = {unquote(place.old).rstrip("/"): place.url for place in placement.places.values()}
    links = []
    for item in menu_entries(value or []):
        written = next((text_of(item.get(k)) for k in ("title", "name", "text") if k in item), "")
        title = " ".join(reader_text(written, apart=True).split())  # an icon's <i> out
        url = next((text_of(item.get(k)) for k in ("url", "link", "href") if k in item), "")
        url = _SITE_PATH.sub(r"\1", url)  # Liquid's base and filters: the site's own
        url = url[len(base) :] if base and url.startswith(base + "/") else url
        if block := next(liquid.blocks(f"{title} {url}"), None):  # the site shows it as written
            notes.append(Note(*where, f"left out the menu entry {title}: {liquid.message(block)}"))
        elif title and url:
            links.append({"title": title, "url": moved.get(url.rstrip("/"), url)})
            if title != written:
                notes.append(Note(*where, f"the menu's '{written}' is '{title}' now, as shown"))
        elif not (item.get("children") and not url):  # a heading of its children: they came
            shown = written or url or repr(item)[:40]
            why = (
                "its title shows no words (markup only)"
                if written and url
                else "it has no url"
                if title
                else "it has no title"
            )
            notes.append(Note(*where, f"left out the menu entry {shown}: {why}"))
    return links


def menu_entries(value: list[Any], depth: int = 0) -> Iterator[dict[str, Any]]:
    """Yield the entries of a theme's menu, each followed by its ``children`` (three levels
    at most); an entry that is no mapping as one with no title or url."""
    for item in value:
        entry = item if isinstance(item, dict) else {"title": text_of(item)}
        yield entry
        if isinstance(children := entry.get("children"), list) and depth < 3:
            yield from menu_entries(children, depth + 1)


def identity(site: JekyllSite, files: Collection[str]) -> dict[str, Any]:
    """Return the logo, icons, link-preview picture and social links the old site had."""
    found: dict[str, Any] = {}
    icons, touch = icon_files(site, files)
    if icons:
        found["favicon"] = ["/" + icon for icon in icons]
    if touch:
        found["touch_icon"] = "/" + touch
    for key in _PICTURES:
        value = site.config.get(key) or default_value(site.config, key)
        value = value.get("path") if isinstance(value, dict) else value
        if isinstance(value, str) and value.lstrip("/") in files:
            found[key] = "/" + value.lstrip("/")
    links = [
        {"title": title, "url": address.format(text_of(site.config.get(key)))}
        for key, (title, address) in _SOCIAL.items()
        if text_of(site.config.get(key))
    ]
    return found | ({"footer_links": links} if links else {})


def unsafe_links(settings: dict[str, Any], site: JekyllSite) -> list[Note]:
    """Leave out of ``settings`` each menu or footer link the site would refuse, and what
    the check refuses of a menu link's title (a direction override…), and note it."""
    notes: list[Note] = []
    menu = ("_config.yml", site.config_lines.get("navigation", 0))
    if "navigation" not in site.config:  # a theme's menu is read from there, else the pages
        menu = ("_data/navigation.yml" if "navigation" in site.data else "site.yml", 0)
    for link in list(settings["nav"]):
        if problem := link_problem(link["url"]):
            settings["nav"].remove(link)
            notes.append(Note(*menu, f"left out the menu link {link['title']}: {problem}"))
            continue
        said: list[Note] = []  # what the check refuses of a title: said as the menu's
        link["title"] = without_refused_characters(link["title"], menu[0], said)
        notes += [Note(*menu, f"the menu's {link['title']!r} {n.message}") for n in said]
    given = [key for key in _SOCIAL if text_of(site.config.get(key))]  # as identity() made them
    kept = []
    for link, key in zip(settings.pop("footer_links", []), given, strict=True):
        problem = link_problem(link["url"], key)
        if problem:
            message = f"left out the footer link {link['title']}: {problem}"
            notes.append(Note("_config.yml", site.config_lines.get(key, 0), message))
        else:
            kept.append(link)
    if kept:
        settings["footer_links"] = kept
    return notes


def link_problem(url: str, key: str = "url") -> str:
    """Return why the site refuses ``url`` as a link of ``site.yml``, or "": its own rules
    (``Fields.web_address``, the check's for a link to another site), and no quote or angle
    bracket, which would end the attribute it is written in anywhere else."""
    fields = Fields(Data({key: url}), Path("site.yml"))
    fields.web_address(key)
    problems = [error.message for error in fields.errors] + [
        found.message for found in target_problems(None, None, url, "link") if not found.warning
    ]
    if problems:
        return problems[0].split(" — ")[0]
    if any(character in url for character in '"<>`'):
        return f"'{url}' has a quote or an angle bracket in it"
    return ""


def icon_files(site: JekyllSite, files: Collection[str]) -> tuple[list[str], str]:
    """Return the favicons (files named so, or linked from _includes) and the touch icon."""
    icons = [name for name in sorted(files) if _ICON_FILE.search(name)]
    touch = next((name for name in sorted(files) if _TOUCH_FILE.search(name)), "")
    for text in site.includes.values():
        for link in _ICON_LINK.finditer(text):
            path = linked_path(link.group(0))
            if path not in files:
                continue
            if link.group(1) == "apple-touch-icon":
                touch = path
            elif path not in icons and path.rsplit(".", 1)[-1].lower() in ("svg", "png", "ico"):
                icons.append(path)
    return icons, touch


def linked_path(tag: str) -> str:
    """Return the site path an HTML tag's ``href`` names, Liquid's ``relative_url`` undone."""
    href = _HREF.search(tag)
    if href is None:
        return ""
    liquid_path = re.search(r"\{\{\s*['\"]([^'\"]+)['\"]", href.group(1))
    return (liquid_path.group(1) if liquid_path else href.group(1)).lstrip("/")


def default_value(config: Mapping[str, Any], key: str) -> Any:
    """Return what ``defaults:`` gives every page for ``key`` (jekyll-seo-tag's site image)."""
    for default in config.get("defaults") or ():
        scope = default.get("scope") if isinstance(default, dict) else None
        values = default.get("values") if isinstance(default, dict) else None
        everywhere = isinstance(scope, dict) and not scope.get("path") and not scope.get("type")
        if everywhere and isinstance(values, dict) and key in values:
            return values[key]
    return None


def unused_keys(site: JekyllSite, settings: Mapping[str, Any]) -> list[Note]:
    """Return a note on each key of _config.yml the new site does not use (a picture
    ``settings`` did not take: one that is no file of the old site)."""
    notes = []
    for key in site.config:
        if key in _READ_KEYS or key in _SOCIAL or (key in _PICTURES and key in settings):
            continue
        line = site.config_lines.get(str(key), 0)
        why = "only Jekyll's build needed it" if key in _BUILD_KEYS else "the site does not use it"
        if key in _PICTURES:
            why = "it names no file of the old site — put the picture in content/ and name it"
        notes.append(Note("_config.yml", line, f"'{key}' is left out: {why}"))
    return notes
