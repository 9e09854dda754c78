"""``flask import-jekyll``: a Jekyll site tree into a new content folder that checks clean.

    _config.yml               -> site.yml (title, description, url, contact, time zone, nav, icons)
    _posts/…                  -> news/YYYY-MM-DD-slug.md, old address in redirect_from, feed_id
    pages (with front matter) -> <path>.md, old address kept (permalink or redirect_from)
    _data/*.yml|json|csv      -> data/<name>.yml; a table of people -> data/members.yml
    other files               -> the same path, unless the site never publishes them

Nothing is written unless everything was planned: the content folder is made in a temporary
sibling and renamed into place, and an existing, non-empty folder is never touched.
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
import unicodedata
import zoneinfo
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from .. import liquid
from ..content import INTRO_URLS
from ..fields import is_plain_path
from ..pages import jekyll_address, url_of
from ..policy import MARKDOWN_SUFFIXES, Kind, classify
from . import people, urls
from .reading import Document, JekyllSite, Note, file_date, read_site
from .rewrite import Context, Rewritten, listed, rewrite

_PAGE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".html", ".htm")
_LAYOUTS = {"home": "home", "page": "page", "post": "post", "default": "default"}
_GENERATED = {"/feed.xml", "/sitemap.xml", "/robots.txt", "/404.html", "/events.ics"}
_REPOSITORY_FILES = re.compile(r"^(?:README|LICENSE|LICENCE|CHANGELOG|CONTRIBUTING)(?:\.\w+)?$")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$|<h1[^>]*>(.*?)</h1>", re.MULTILINE | re.I)
_ICON_LINK = re.compile(r"<link\b[^>]*\brel=[\"'](?:shortcut )?(icon|apple-touch-icon)[\"'][^>]*>")
_HREF = re.compile(r"""\bhref=["']([^"']+)["']""")
# _config.yml keys this import reads; and those that only mattered to Jekyll's build.
_READ_KEYS = {
    "title", "name", "description", "url", "baseurl", "email", "timezone", "lang", "locale",
    "header_pages", "permalink", "exclude", "logo", "image", "author",
}  # fmt: skip
_BUILD_KEYS = {
    "theme", "remote_theme", "plugins", "gems", "markdown", "kramdown", "highlighter",
    "include", "keep_files", "encoding", "source", "destination", "incremental", "future",
    "show_drafts", "safe", "sass", "feed", "defaults", "paginate", "paginate_path",
    "excerpt_separator", "livereload", "strict_front_matter", "liquid", "webrick",
    "collections_dir", "port", "host", "whitelist", "github", "repository", "minima",
    "show_excerpts",
}  # fmt: skip
_SOCIAL = {
    "github_username": ("GitHub", "https://github.com/{}"),
    "twitter_username": ("Twitter", "https://twitter.com/{}"),
    "linkedin_username": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "youtube_username": ("YouTube", "https://www.youtube.com/{}"),
    "mastodon_username": ("Mastodon", "{}"),
}


class JekyllImportError(Exception):
    """The import cannot start: the source is no Jekyll site, or the destination is in use."""


@dataclass(frozen=True)
class Report:
    """What an import converted (counts by kind) and what it left out or changed, with why."""

    dest: Path
    counts: Mapping[str, int]
    notes: tuple[Note, ...]


@dataclass
class _Plan:
    """The files of the new content folder, as they are worked out."""

    site: JekyllSite
    tz: datetime.tzinfo
    url: str  # the old site's address, for feed ids: url + baseurl
    baseurl: str
    texts: dict[str, str] = field(default_factory=dict)  # new path -> text
    copies: dict[str, str] = field(default_factory=dict)  # new path -> Jekyll path
    notes: list[Note] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    new_paths: dict[str, str] = field(default_factory=dict)  # Jekyll path -> new path
    new_urls: dict[str, str] = field(default_factory=dict)  # Jekyll page path -> its URL now
    old_urls: dict[str, str] = field(default_factory=dict)  # Jekyll path -> its old URL
    titles: dict[str, str] = field(default_factory=dict)  # Jekyll page path -> its title


def import_jekyll(source: Path, dest: Path, *, old_url: str = "") -> Report:
    """Convert the Jekyll site at ``source`` into a content folder at ``dest``."""
    refuse_destination(dest)
    try:
        site = read_site(source)
    except ValueError as error:
        raise JekyllImportError(str(error)) from None
    plan = plan_import(site, old_url)
    write_folder(plan, source, dest)
    notes = sorted(plan.notes, key=lambda n: (n.path, n.line, n.message))
    return Report(dest, dict(plan.counts), tuple(dict.fromkeys(notes)))


def refuse_destination(dest: Path) -> None:
    """Raise ``JekyllImportError`` unless ``dest`` is new or an empty folder."""
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise JekyllImportError(f"{dest} is not a folder — choose a new one with --dest")
    if dest.is_dir() and any(dest.iterdir()):
        raise JekyllImportError(
            f"{dest} is not empty — move it away first, or choose a new folder with --dest"
        )


def plan_import(site: JekyllSite, old_url: str) -> _Plan:
    """Work out every file of the new content folder and every note, without writing."""
    config = site.config
    plan = _Plan(site, site_zone(site), *old_address(site, old_url))
    plan.notes += site.notes
    members = plan_data(plan)
    plan_paths(plan, members)
    moved = {unquote(plan.old_urls[k]): "/" + v for k, v in plan.new_paths.items()
             if k in plan.old_urls}  # fmt: skip
    sources = {k: "/" + v for k, v in plan.new_paths.items()}
    context = Context(config, sources, members, site.includes, moved, plan.baseurl.rstrip("/"))
    shown = False
    for document in site.documents:
        if document.path in plan.new_paths:
            shown |= plan_document(plan, document, context)
    plan_files(plan)
    plan.texts["site.yml"] = site_settings(plan, show_email=shown or not members)
    return plan


def site_zone(site: JekyllSite) -> datetime.tzinfo:
    """Return the time zone Jekyll built in: ``timezone:``, else UTC (as on GitHub Pages)."""
    name = site.config.get("timezone")
    try:
        return zoneinfo.ZoneInfo(str(name)) if name else datetime.UTC
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def old_address(site: JekyllSite, old_url: str) -> tuple[str, str]:
    """Return the old site's ``url`` and ``baseurl`` (``--old-url`` wins over _config.yml)."""
    if old_url:
        match = re.match(r"^(https?://[^/]+)(/.*)?$", old_url.rstrip("/"))
        if match:
            return match.group(1), match.group(2) or ""
    return str(site.config.get("url") or ""), str(site.config.get("baseurl") or "")


# --- data ------------------------------------------------------------------------------------


def plan_data(plan: _Plan) -> str:
    """Plan ``data/``: each data file as YAML, the table of people as members; return its name."""
    tables = {}
    values = {}
    for name, path in sorted(plan.site.data.items()):
        shown = path.relative_to(plan.site.root).as_posix()
        value, notes = people.load_data(path, shown)
        plan.notes += notes
        if value is not None:
            values[name] = (value, shown)
            columns = people.columns_of(value, name)
            if columns:
                tables[name] = columns
    members = choose_members(plan.site, tables, values)
    for name, (value, shown) in values.items():
        if name == members:
            first_line = 2 if shown.endswith((".csv", ".tsv")) else 1
            entries, notes = people.to_members(value, tables[name], shown, first_line)
            plan.notes += notes
            plan.texts["data/members.yml"] = MEMBERS_HEADER + people.dump_yaml(entries)
            plan.counts["members"] = len(entries)
            plan.notes.append(Note(shown, 0, f"became data/members.yml ({len(entries)} members)"))
        elif name == "members":  # not the members: that name means them here
            plan.texts["data/members-data.yml"] = people.dump_yaml(value)
            plan.notes.append(
                Note(shown, 0, "is not a list of people: it is data/members-data.yml")
            )
        else:
            plan.texts[f"data/{name}.yml"] = people.dump_yaml(value)
        plan.counts["data files"] += 1
    return members


MEMBERS_HEADER = """\
# The members of the group, in the order the site shows them; imported from Jekyll's data.
# Each member starts with "- name:". Fields: name, title, role, ems_member (true/false),
# position, affiliation, city, country, email (shown only if site.yml says so), url.

"""


def choose_members(
    site: JekyllSite, tables: Mapping[str, Mapping[str, str]], values: Mapping[str, Any]
) -> str:
    """Return the table of people that becomes the members: the one a page loops over, else
    the longest."""
    looped = {
        block.loops_over().removeprefix("site.data.")
        for document in site.documents
        for block in liquid.blocks(document.body)
    }
    wanted = [name for name in tables if name in looped] or list(tables)
    return max(wanted, key=lambda name: len(values[name][0]), default="")


# --- paths -----------------------------------------------------------------------------------


def plan_paths(plan: _Plan, members: str) -> None:
    """Give every post and page its new path, before any Liquid link is rewritten."""
    taken: set[str] = set()
    for document in sorted(plan.site.documents, key=lambda d: d.path):
        if document.is_post and PurePosixPath(document.path).suffix.lower() not in _PAGE_SUFFIXES:
            plan.notes.append(
                Note(document.path, 0, "left out: a post that is not Markdown or HTML")
            )
            continue
        if document.is_post:
            new = post_path(plan, document)
        elif left_out(plan, document):
            continue
        else:
            new = page_path(document, members)
        if new is None:
            continue
        new = unique(new, taken)
        taken.add(address_key(new))
        plan.new_paths[document.path] = new
        old = old_url(plan, document)
        if old:
            plan.old_urls[document.path] = old


def old_url(plan: _Plan, document: Document) -> str:
    """Return the address Jekyll published a post or page at ("" for a draft)."""
    if document.is_draft:
        return ""
    if document.is_post:
        return urls.post_url(document.path, document.front, style=style(plan), tz=plan.tz)
    return urls.page_url(document.path, document.front, style=style(plan))


def post_path(plan: _Plan, document: Document) -> str | None:
    """Return ``news/YYYY-MM-DD-slug.md`` for a post (None if it has no date Jekyll reads)."""
    try:
        day = post_moment(plan, document).date()
    except ValueError as error:
        plan.notes.append(Note(document.path, document.lines.get("date", 0), f"left out: {error}"))
        return None
    stem = PurePosixPath(document.path).stem
    name = str(document.front.get("slug") or re.sub(r"^\d{2,4}-\d{1,2}-\d{1,2}-", "", stem))
    return f"news/{day.isoformat()}-{slugify(name) or 'post'}.md"


def left_out(plan: _Plan, document: Document) -> bool:
    """Tell (and note) a page the site does not take: not Markdown or HTML, or never published
    (``404.html``, ``assets/main.scss``), or a file the site makes itself (``feed.xml``)."""
    verdict = classify(document.path)
    if verdict.kind is Kind.UNPUBLISHED:
        reason = verdict.problem.split(" — ")[0]
    elif "/" + document.path in _GENERATED:
        reason = "the site makes its own"
    elif PurePosixPath(document.path).suffix.lower() not in _PAGE_SUFFIXES:
        reason = "a Jekyll template of a file that is not a page — the site does not run them"
    else:
        return False
    plan.notes.append(Note(document.path, 0, f"left out: {reason}"))
    return True


def post_moment(plan: _Plan, document: Document) -> datetime.datetime:
    """Return when Jekyll dated a post (an undated draft: the day its file last changed)."""
    dated = re.match(r"\d{2,4}-\d{1,2}-\d{1,2}-", Path(document.path).name)
    if document.is_draft and not dated and "date" not in document.front:
        day = file_date(plan.site.root / document.path)
        return datetime.datetime.combine(day, datetime.time(), plan.tz)
    return urls.post_date(document.path, document.front, tz=plan.tz)


def page_path(document: Document, members: str) -> str:
    """Return the new path of a page: a Markdown file; a page that loops over what the site
    lists becomes that list's introduction (``members.md``)."""
    path = PurePosixPath(document.path)
    new = path.with_suffix(".md").as_posix()
    if new in ("index.md",):
        return new
    lists = {listed(block, members) for block in liquid.blocks(document.body)} - {""}
    if lists == {"members"}:
        return "members.md"
    if lists == {"news"}:
        return "news.md"
    if path.parts[0] in ("news", "events", "data") and path.stem != "index":
        return "-".join(PurePosixPath(new).parts)  # news/x.md would be read as a post
    return new


def unique(path: str, taken: set[str]) -> str:
    """Return ``path``, or with a number added (``x-2.md``) if another file has its address."""
    stem, number = path.removesuffix(".md"), 2
    while address_key(path) in taken:
        path, number = f"{stem}-{number}.md", number + 1
    return path


def address_key(path: str) -> str:
    """Return what two files must not share: a post's year and slug, a page's path."""
    match = re.fullmatch(r"news/(\d{4})-\d\d-\d\d-(.*)\.md", path)
    return f"news/{match.group(1)}/{match.group(2)}" if match else path


def slugify(text: str) -> str:
    """Return ``text`` as the site's slugs are: lower-case ASCII letters, digits and ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-_")


# --- posts and pages -------------------------------------------------------------------------


def plan_document(plan: _Plan, document: Document, context: Context) -> bool:
    """Plan one post or page; return whether it showed the members' addresses."""
    new = plan.new_paths[document.path]
    rewritten = rewrite(document, context)
    plan.notes += rewritten.notes
    front, kept = (post_front if document.is_post else page_front)(plan, document, new, rewritten)
    plan.texts[new] = front_matter(front, kept) + rewritten.body.lstrip("\n")
    plan.counts["posts" if document.is_post else "pages"] += 1
    return rewritten.shows_email


def post_front(
    plan: _Plan, document: Document, new: str, rewritten: Rewritten
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the front matter of an imported post, and the Jekyll keys kept as comments."""
    front = dict(document.front)
    ours: dict[str, Any] = {"title": text_of(front.pop("title", None)) or title_from(document)}
    moment = post_moment(plan, document)
    declared = front.pop("date", None)
    if declared is not None and has_time(declared):
        ours["date"] = moment.strftime("%Y-%m-%d %H:%M:%S %z")
    move_common(front, ours, document)
    excerpt = text_of(front.pop("excerpt", None))
    if excerpt and "summary" not in ours:
        ours["summary"] = excerpt
    if document.is_draft:
        ours["draft"] = True
        return ours, front
    old = plan.old_urls[document.path]
    day, slug = new.removeprefix("news/")[:10], new.removeprefix("news/")[11:-3]
    keep_old_address(plan, document, ours, old, f"/news/{day[:4]}/{slug}/")
    post_id = urls.post_id(old, document.path, document.front)
    ours["feed_id"] = urls.absolute_url(post_id, url=plan.url, baseurl=plan.baseurl)
    plan.counts["feed ids kept"] += 1
    return ours, front


def page_front(
    plan: _Plan, document: Document, new: str, rewritten: Rewritten
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the front matter of an imported page, and the Jekyll keys kept as comments."""
    front = dict(document.front)
    home = new == "index.md"
    title = text_of(front.pop("title", None))
    if not title and not home:
        title = title_from(document)
        plan.notes.append(Note(document.path, 1, f"had no title: it is '{title}' now"))
    ours: dict[str, Any] = {"title": title} if title else {}
    plan.titles[document.path] = title
    layout = text_of(front.pop("layout", None)) or ("home" if home else "page")
    if layout not in _LAYOUTS:
        plan.notes.append(Note(document.path, document.lines.get("layout", 1),
                               f"its layout '{layout}' is now the site's 'page'"))  # fmt: skip
        layout = "home" if home else "page"
    if layout != ("home" if home else "page"):
        ours["layout"] = layout
    if home and layout == "home" and "members" in rewritten.lists:
        ours["sections"] = ["members", "news"]
    move_common(front, ours, document)
    old = plan.old_urls[document.path]
    permalink = text_of(front.pop("permalink", None))
    natural = url_of(Path("content", new))
    if permalink and permalink_fits(old) and natural not in INTRO_URLS:
        ours["permalink"] = old
        natural = old
    plan.new_urls[document.path] = natural
    keep_old_address(plan, document, ours, old, natural)
    return ours, front


def move_common(front: dict[str, Any], ours: dict[str, Any], document: Document) -> None:
    """Move the keys every page shares from Jekyll's front matter to ours, made valid."""
    for key in ("description", "summary"):
        value = text_of(front.pop(key, None))
        if value:
            ours[key] = value
    author = front.pop("author", None)
    author = author.get("name") if isinstance(author, dict) else author
    if text_of(author):
        ours["author"] = text_of(author)
    tags = words(front.pop("tags", None)) + words(front.pop("tag", None))
    if tags:
        ours["tags"] = list(dict.fromkeys(tags))
    categories = words(front.pop("categories", None)) + words(front.pop("category", None))
    if categories:
        ours["categories"] = list(dict.fromkeys(categories))
    image = front.pop("image", None)
    image = image.get("path") if isinstance(image, dict) else image
    if isinstance(image, str) and image.startswith(("/", "https://", "http://")):
        ours["image"] = image
    redirects = front.pop("redirect_from", None)
    redirects = [redirects] if isinstance(redirects, str) else redirects
    if isinstance(redirects, list):
        ours["redirect_from"] = [str(r) for r in redirects if isinstance(r, str)]
    if front.get("published") is False or front.pop("draft", None) is True:
        front.pop("published", None)
        ours["draft"] = True
    for key in ("layout", "permalink", "slug") if document.is_post else ():
        front.pop(key, None)  # a post's layout and address are the site's now


def keep_old_address(
    plan: _Plan, document: Document, ours: dict[str, Any], old: str, new: str
) -> None:
    """Add the old address to ``redirect_from`` when the new one differs."""
    address = jekyll_address(unquote(old))
    if address in (new, jekyll_address(new)) or old == new:
        return
    if not is_plain_path(address, spaces=True):
        message = f"its old address {old} cannot be kept (it has spaces or odd characters)"
        plan.notes.append(Note(document.path, 0, message))
        return
    redirects = ours.setdefault("redirect_from", [])
    if address not in redirects:
        redirects.append(address)
        plan.counts["old addresses kept"] += 1


def permalink_fits(url: str) -> bool:
    """Tell whether a Jekyll address can be kept as it is (``/x/`` or ``/x.html``)."""
    return is_plain_path(url) and url.endswith(("/", ".html"))


def style(plan: _Plan) -> str | None:
    """Return the ``permalink:`` style of _config.yml (None: Jekyll's default)."""
    value = plan.site.config.get("permalink")
    return str(value) if value else None


def has_time(value: object) -> bool:
    """Tell a date with a time of day (``2023-08-07 12:00``) from a plain date."""
    return isinstance(value, datetime.datetime) or (isinstance(value, str) and ":" in value)


def text_of(value: object) -> str:
    """Return a front-matter value as one line of text ("" for none, a list or a mapping)."""
    if value is None or isinstance(value, (bool, list, dict)):
        return ""
    return " ".join(str(value).split())


def words(value: object) -> list[str]:
    """Return a list of words as Jekyll reads ``tags:`` and ``categories:``."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int)) and not isinstance(v, bool)]
    return []


def title_from(document: Document) -> str:
    """Return a title for a file that has none: its first heading, else its name."""
    match = _HEADING.search(document.body)
    if match:
        return re.sub(r"<[^>]+>", "", match.group(1) or match.group(2)).strip()
    stem = re.sub(r"^\d{2,4}-\d{1,2}-\d{1,2}-", "", PurePosixPath(document.path).stem)
    return " ".join(part.capitalize() for part in re.split(r"[-_\s]+", stem) if part) or "Page"


def front_matter(ours: Mapping[str, Any], kept: Mapping[str, Any]) -> str:
    """Return the front matter block: our keys, then Jekyll's others as comments."""
    text = people.dump_yaml(dict(ours)) if ours else ""
    if kept:
        comment = people.dump_yaml(dict(kept))
        text += "# From Jekyll, not used here:\n" + "".join(
            f"#   {line}\n" for line in comment.splitlines()
        )
    return f"---\n{text}---\n\n"


# --- other files ------------------------------------------------------------------------------


def plan_files(plan: _Plan) -> None:
    """Plan the files copied as they are, and leave out what the site never publishes."""
    for name in plan.site.files:
        verdict = classify(name)
        if _REPOSITORY_FILES.match(name):
            plan.notes.append(Note(name, 0, "left out: the repository's own file, not a page"))
        elif "/" + name in _GENERATED:
            plan.notes.append(Note(name, 0, "left out: the site makes its own"))
        elif verdict.kind is Kind.ATTACHMENT:
            plan.copies[name] = name
            plan.counts["files"] += 1
        elif verdict.kind is Kind.PAGE:
            plan_plain_markdown(plan, name)
        else:
            reason = verdict.problem.split(" — ")[0] or "the site reads no such file here"
            plan.notes.append(Note(name, 0, f"left out: {reason}"))


def plan_plain_markdown(plan: _Plan, name: str) -> None:
    """Plan a Markdown file without front matter (Jekyll copied it as it is) as a page."""
    text = (plan.site.root / name).read_text("utf-8", "replace")
    document = Document(name, {}, text, 1, {})
    title = title_from(document)
    new = PurePosixPath(name).with_suffix(".md").as_posix()
    plan.texts[new] = front_matter({"title": title}, {}) + text
    plan.notes.append(Note(name, 0, f"had no front matter: it is the page '{title}' now"))
    plan.counts["pages"] += 1


# --- site.yml ---------------------------------------------------------------------------------


def site_settings(plan: _Plan, *, show_email: bool) -> str:
    """Return ``site.yml`` made from ``_config.yml``, and note the keys it does not use."""
    config = plan.site.config
    settings: dict[str, Any] = {"title": text_of(config.get("title") or config.get("name"))}
    if not settings["title"]:
        settings["title"] = plan.site.root.resolve().name
        plan.notes.append(
            Note("_config.yml", 0, f"has no title: the site is '{settings['title']}'")
        )
    if text_of(config.get("description")):
        settings["description"] = text_of(config.get("description"))
    if plan.url.startswith(("https://", "http://")):
        base = plan.baseurl.strip("/")
        settings["url"] = plan.url.rstrip("/") + (f"/{base}/" if base else "/")
    else:
        message = "has no url: set 'url:' in site.yml to the site's address"
        plan.notes.append(Note("_config.yml", plan.site.config_lines.get("url", 0), message))
    if isinstance(plan.tz, zoneinfo.ZoneInfo):
        settings["timezone"] = plan.tz.key
    language = text_of(config.get("lang") or config.get("locale"))
    if language:
        settings["language"] = language.replace("_", "-").split("-")[0]
    settings["nav"] = navigation(plan)
    settings |= identity(plan)
    if text_of(config.get("email")):
        settings["contact"] = text_of(config.get("email"))
    if not show_email:
        settings["members"] = {"show_email": False}
        message = (
            "members' addresses were not shown on the old site: site.yml keeps them hidden "
            "(members: show_email: false)"
        )
        plan.notes.append(Note("_config.yml", 0, message))
    note_unused_keys(plan)
    return SETTINGS_HEADER + people.dump_yaml(settings)


SETTINGS_HEADER = "# Settings of the whole site, imported from Jekyll's _config.yml.\n"


def navigation(plan: _Plan) -> list[dict[str, str]]:
    """Return the header links as minima made them: ``header_pages``, else every page with a
    title, by file name."""
    pages = {d.path: d for d in plan.site.documents if not d.is_post and d.path in plan.new_paths}
    wanted = plan.site.config.get("header_pages")
    if isinstance(wanted, list):
        paths = [str(path) for path in wanted if str(path) in pages]
    else:
        paths = sorted(pages, key=lambda p: (PurePosixPath(p).name, p))
    items = []
    for path in paths:
        title, url = plan.titles.get(path, ""), plan.new_urls.get(path, "/")
        if title and url != "/":
            items.append({"title": title, "url": url})
    return items


def identity(plan: _Plan) -> dict[str, Any]:
    """Return the logo, icons, link-preview picture and social links the old site had."""
    found: dict[str, Any] = {}
    icons, touch = icon_files(plan)
    if icons:
        found["favicon"] = ["/" + icon for icon in icons]
    if touch:
        found["touch_icon"] = "/" + touch
    for key in ("logo", "image"):
        value = plan.site.config.get(key) or default_value(plan.site.config, key)
        value = value.get("path") if isinstance(value, dict) else value
        if isinstance(value, str) and value.lstrip("/") in plan.copies:
            found[key] = "/" + value.lstrip("/")
    links = [
        {"title": title, "url": address.format(text_of(plan.site.config.get(key)))}
        for key, (title, address) in _SOCIAL.items()
        if text_of(plan.site.config.get(key))
    ]
    return found | ({"footer_links": links} if links else {})


def icon_files(plan: _Plan) -> tuple[list[str], str]:
    """Return the favicons (files named so, or linked from _includes) and the touch icon."""
    named = re.compile(r"(?:^|/)(favicon[^/]*\.(?:svg|png|ico)|apple-touch-icon[^/]*\.png)$")
    icons = [f for f in sorted(plan.copies) if named.search(f) and "favicon" in f]
    touch = next((f for f in sorted(plan.copies) if named.search(f) and "apple" in f), "")
    for text in plan.site.includes.values():
        for link in _ICON_LINK.finditer(text):
            path = linked_path(link.group(0))
            if path not in plan.copies:
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


def note_unused_keys(plan: _Plan) -> None:
    """Note each key of _config.yml the new site does not use."""
    for key in plan.site.config:
        if key in _READ_KEYS or key in _SOCIAL:
            continue
        line = plan.site.config_lines.get(str(key), 0)
        why = "only Jekyll's build needed it" if key in _BUILD_KEYS else "the site does not use it"
        plan.notes.append(Note("_config.yml", line, f"'{key}' is left out: {why}"))


# --- writing ----------------------------------------------------------------------------------


def write_folder(plan: _Plan, source: Path, dest: Path) -> None:
    """Write the planned files into a temporary sibling of ``dest``, then move it into place."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".import", dir=dest.parent))
    try:
        for name, text in sorted(plan.texts.items()):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        for name, original in sorted(plan.copies.items()):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / original, target)
        folder.chmod(0o755)
        if dest.is_dir():
            dest.rmdir()  # empty: checked before
        folder.rename(dest)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
