"""``content/site.yml``: the settings of the whole site."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from ..errors import ContentError, Problem
from ..markdown import liquid
from ..markdown.addresses import find, find_any, hidden, in_name, is_address
from ..markdown.markup import reachable_host, reachable_port, split_address, tags_of
from .dates import DateError, zone
from .fields import Fields, is_plain_path
from .front_matter import decode, load_yaml
from .urls import SECTIONS


@dataclass(frozen=True)
class NavItem:
    """One link in the site's navigation."""

    title: str
    url: str
    line: int = field(default=0, compare=False)  # where site.yml has it


# A language tag (BCP 47): a language, then script, region or variant parts; 24 characters
# at most (tags in use have 2 to 14; Pagefind 1.5 fails on tags of 32 and more).
LANGUAGE_TAG = re.compile(r"(?=.{2,24}\Z)[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

_HOST = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|[0-9a-f.]*:[0-9a-f:.]*")  # name, IPv6
# The path of a site's address: the build's folders are named by it, so plain characters only;
# it is written before every link of every page, so as short as a GitHub project's "/<repo>/".
_PLAIN_PATH = re.compile(r"/[A-Za-z0-9._~/-]*")
# What site.yml's texts show as written, meant as markup: a character reference, a Markdown
# link or emphasis (a tag: ``markup.tags_of``).
_MARKS = re.compile(
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|\[[^[\]\n]*\]\([^)\n]*\)?"
    r"|(?<!\w)(?:\*\*|__)\S+"
)
MAX_SITE_PATH = 100

# What site.yml writes on every page: the menus' links, the texts of the header and footer.
MAX_LINKS = 30
MAX_EVERY_PAGE = 10_000  # characters of all of them together
MAX_LAYOUT = 40_000  # bytes the layout may write around a page's text: all that, as written

ICON_TYPES = {"svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon"}
_REPOSITORY = re.compile(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+")
_BRANCH = re.compile(r"[A-Za-z0-9._/-]+")


@dataclass(frozen=True)
class MailingList:
    """The group's mailing list: its address, and the program that manages it."""

    address: str
    manager: str = "plain"  # sympa, mailman or plain (a person adds and removes people)

    def subscribe(self) -> str:
        """Return the ``mailto:`` address that asks to be put on the list (unprotected)."""
        return self._request("subscribe")

    def unsubscribe(self) -> str:
        """Return the ``mailto:`` address that asks to be taken off the list (unprotected)."""
        return self._request("unsubscribe")

    def _request(self, what: str) -> str:
        name, _, domain = self.address.partition("@")
        if self.manager == "sympa":  # Sympa's commands go to its robot, sympa@ the list's host
            command = {"subscribe": "SUBSCRIBE", "unsubscribe": "SIGNOFF"}[what]
            return f"mailto:sympa@{domain}?subject={quote(f'{command} {name}')}"
        if self.manager == "mailman":  # Mailman's -join and -leave addresses (2.1 and 3)
            verb = {"subscribe": "join", "unsubscribe": "leave"}[what]
            return f"mailto:{name}-{verb}@{domain}?subject={what}"
        subject = {
            "subscribe": "Please add me to the list",
            "unsubscribe": "Please take me off the list",
        }
        return f"mailto:{self.address}?subject={quote(subject[what])}"


@dataclass(frozen=True)
class SiteConfig:
    """The settings in ``content/site.yml``: everything that makes the site the group's own."""

    title: str = "Untitled site"
    description: str = ""
    url: str = "http://127.0.0.1:5000/"
    timezone: str = "Europe/Berlin"
    language: str = "en"
    nav: tuple[NavItem, ...] = ()
    footer: str = ""
    footer_links: tuple[NavItem, ...] = ()
    contact: str = ""
    logo: str = ""  # shown before the title in the header
    favicon: tuple[str, ...] = ()  # browser tab icons: .svg, .png or .ico files
    touch_icon: str = ""  # the PNG a phone puts on its home screen
    image: str = ""  # the picture of link previews (Open Graph)
    show_email: bool = True  # 'members: show_email': the members list shows addresses
    by_country: bool = False  # 'members: group_by: country': the members page groups them
    repository: str = ""  # https://github.com/owner/name: issue forms, "Edit this page"
    mailing_list: MailingList | None = None  # shown on /join/
    branch: str = "main"  # the branch that "Edit this page" edits
    sections: tuple[str, ...] = SECTIONS  # the lists and pages the site makes (urls.MADE)
    feed_also_at: tuple[str, ...] = ()  # old addresses of the feed (/atom.xml), served it too
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)  # key -> its line

    def icons(self) -> tuple[tuple[str, str], ...]:
        """Return (path, media type) of each favicon."""
        return tuple((icon, ICON_TYPES[icon.rsplit(".", 1)[-1].lower()]) for icon in self.favicon)

    def issue_form(self, form: str) -> str:
        """Return the address of the repository's issue form ``form`` (``propose-event.yml``)."""
        return f"{self.repository}/issues/new?template={quote(form)}"

    def edit_link(self, source: Path) -> str:
        """Return the address at which GitHub edits the content file ``source``."""
        return f"{self.repository}/edit/{quote(self.branch)}/{quote(source.as_posix())}"

    def contact_address(self) -> str:
        """Return the first e-mail address of ``contact``, or ""."""
        return next((self.contact[start:end] for start, end in find(self.contact)), "")

    def links(self) -> tuple[tuple[str, int], ...]:
        """Return (site path or address, its line) for every link the settings put on pages."""
        items = [(item.url, item.line) for item in (*self.nav, *self.footer_links)]
        items += [(icon, self.lines.get("favicon", 0)) for icon in self.favicon]
        named = {"logo": self.logo, "touch_icon": self.touch_icon, "image": self.image}
        return tuple(items + [(url, self.lines.get(key, 0)) for key, url in named.items() if url])


@dataclass(frozen=True)
class Settings:
    """``site.yml`` as read: the settings (defaults where a value is bad) and the problems."""

    config: SiteConfig
    errors: tuple[Problem, ...] = ()


def parse_settings(raw: bytes, path: Path) -> Settings:
    """Read ``site.yml`` into settings, with an error for each bad value."""
    try:
        data = load_yaml(decode(raw, path), path)
    except ContentError as error:
        return Settings(SiteConfig(), (error.problem,))
    if data.value is not None and not isinstance(data.value, dict):
        return Settings(SiteConfig(), (Problem(path, data.line, "must be 'key: value' lines"),))
    fields = Fields(data, path)
    show_email, by_country = members_settings(fields)
    config = SiteConfig(
        title=fields.text("title", required=True),
        description=fields.text("description"),
        url=site_url(fields),
        timezone=timezone(fields),
        language=language(fields),
        nav=nav_items(fields, "nav"),
        footer=fields.text("footer"),
        footer_links=nav_items(fields, "footer_links"),
        contact=fields.text("contact"),
        logo=fields.web_address("logo"),
        favicon=tuple(favicons(fields)),
        touch_icon=fields.web_address("touch_icon"),
        image=fields.web_address("image"),
        show_email=show_email,
        by_country=by_country,
        repository=repository(fields),
        mailing_list=mailing_list(fields),
        branch=branch(fields),
        sections=site_sections(fields),
        feed_also_at=feed_copies(fields),
        lines=data.lines,
    )
    fields.warn_unknown(
        set(SiteConfig.__dataclass_fields__) - {"show_email", "by_country", "lines"} | {"members"},
        hiding=True,
    )
    written = every_page(config)
    if written > MAX_EVERY_PAGE:
        message = (
            f"site.yml writes {written:,} characters on every page (its texts, menus, icons and "
            f"addresses), more than {MAX_EVERY_PAGE:,} — shorten them"
        )
        fields.errors.append(Problem(path, 1, message))
    for key in ("title", "description"):
        text = getattr(config, key)
        for start, end in find_any(text)[:1]:  # ada%40…, ada＠… too
            message = (
                f"the address {text[start:end]} in '{key}' reaches the feed and calendars, "
                f"written '{hidden(text[start:end])}' — leave it out, or put it in 'contact'"
            )
            fields.error(key, message, warning=True)
    for key in ("title", "description", "footer"):
        if piece := markup_in(getattr(config, key)):
            message = (
                f"'{key}' is plain text: {piece!r} shows as written on every page — write "
                f"it as words{', and its links in footer_links' if key == 'footer' else ''}"
            )
            fields.error(key, message, warning=True)
    for start, end in find_any(config.footer)[:1]:  # as a page's text: shown to all, protected
        message = (
            f"the address {config.footer[start:end]} in 'footer' is on every page, as plain "
            "text — put it in 'contact' (a link), if its owner agrees to have it on the site"
        )
        fields.error("footer", message, warning=True)
    return Settings(config, tuple(fields.errors))


def markup_in(text: str) -> str:
    """Return the first markup in a text of site.yml's (a tag, a character reference, a
    Markdown link or emphasis), which pages show as written, or ""."""
    found = [(tag.start, text[tag.start : tag.end]) for tag in tags_of(text)[:1]]
    found += [(mark.start(), mark[0]) for mark in _MARKS.finditer(text)][:1]
    return min(found)[1] if found else ""


def every_page(config: SiteConfig) -> int:
    """Return how many characters of site.yml every page of the site carries."""
    texts = [config.title, config.description, config.url, config.footer, config.contact,
             config.logo, config.touch_icon, config.image, config.repository, config.branch,
             *config.favicon]  # fmt: skip
    texts += [
        text for item in (*config.nav, *config.footer_links) for text in (item.title, item.url)
    ]
    return sum(len(text) for text in texts)


def site_address(url: str) -> str:
    """Return ``url``, a site's public address, as ``http(s)://host/path/``: the one rule for
    ``url`` in site.yml, ``--base-url`` and ``TAG_SITE_BASE_URL``.

    Raises ``ValueError`` saying what is wrong and how to write it instead.
    """
    parts = split_address(url)
    if parts is None:
        raise ValueError(
            "has a '[' or ']' in its host, outside an IPv6 address — write "
            "https://example.org/sciml/"
        )
    if not reachable_port(url):
        raise ValueError(
            "has a port no browser can reach (1 to 65535) — write https://example.org/sciml/"
        )
    host = parts.hostname or ""
    if (
        parts.scheme not in ("http", "https")
        or not _HOST.fullmatch(host)
        or not reachable_host(host)
        or parts.query
        or parts.fragment
    ):
        raise ValueError("must be the full address, like https://example.org/sciml/")
    if "@" in parts.netloc or in_name(url):
        raise ValueError("must not hold a name and '@' — write https://example.org/…")
    path = unquote(parts.path or "/")
    if not _PLAIN_PATH.fullmatch(path) or {".", ".."} & set(path.split("/")):
        raise ValueError("must have a path of letters, digits and - . _ ~ only, no '..'")
    if "//" in path:  # "//evil.example/": each link of the site would lead to that host
        raise ValueError("must not have '//' in its path — write https://example.org/sciml/")
    if len(path.strip("/")) > MAX_SITE_PATH:  # 7,500 links of a 62 kB page made 7.5 MB
        raise ValueError(
            f"has a path of {len(path.strip('/')):,} characters, more than {MAX_SITE_PATH} (it "
            "is written before every link of every page) — shorten it"
        )
    return f"{parts.scheme}://{parts.netloc}{path.rstrip('/')}/"


def site_url(fields: Fields) -> str:
    """Return the public address of the site, ending in ``/`` (``site_address``)."""
    url = fields.text("url", SiteConfig.url)
    try:
        return site_address(url)
    except ValueError as error:
        fields.error("url", f"'url' {error}")
        return SiteConfig.url


def repository(fields: Fields) -> str:
    """Return the GitHub repository of the site as an address, from ``owner/name`` or one."""
    written = fields.text("repository").strip().removesuffix("/").removesuffix(".git")
    name = written.removeprefix("https://github.com/")
    if written and not _REPOSITORY.fullmatch(name):
        message = "'repository' must be the GitHub repository, like ems-tag/website"
        fields.error("repository", message + " or https://github.com/ems-tag/website")
        return ""
    return f"https://github.com/{name}" if written else ""


def mailing_list(fields: Fields) -> MailingList | None:
    """Return the mailing list of ``mailing_list: {address: …, manager: sympa}``, if any."""
    value = fields.values.get("mailing_list")
    if value is None:
        return None
    usage = "'mailing_list' must be 'address: list@example.org' and 'manager: sympa|mailman|plain'"
    if not isinstance(value, dict) or set(value) - {"address", "manager"}:
        fields.error("mailing_list", usage)
        return None
    address, manager = value.get("address"), value.get("manager", "plain")
    if not isinstance(address, str) or not is_address(address):
        fields.error("mailing_list", f"{usage} — the address is missing or not an address")
        return None
    if manager not in ("sympa", "mailman", "plain"):
        fields.error("mailing_list", f"{usage} — {manager!r} is not one of them")
        return None
    return MailingList(address, manager)


def site_sections(fields: Fields) -> tuple[str, ...]:
    """Return the sections the site has (all of them if site.yml names none): the lists and
    pages it makes from the content, each at its own address."""
    names = fields.choices("sections", SECTIONS, SECTIONS)
    if "join" in names and "members" not in names:
        fields.error("sections", "'sections' has join but not members, which /join/ leads "
                                 "to — add members, or take join out")  # fmt: skip
    return names


FEED_SUFFIXES = (".xml", ".atom", ".rss")
MOST_FEED_COPIES = 5


def is_feed_address(path: str) -> bool:
    """Tell a path the feed may be served at too: a plain path from the site's root, of a
    feed's file (``/atom.xml``)."""
    return is_plain_path(path + "/") and path.endswith(FEED_SUFFIXES)


def feed_copies(fields: Fields) -> tuple[str, ...]:
    """Return the old addresses the site's feed is served at too (``feed_also_at``): where an
    old site's readers subscribed to it (``/atom.xml``), which no redirect can lead from."""
    paths = fields.texts("feed_also_at")
    for path in paths:
        if not is_feed_address(path):
            fields.error(
                "feed_also_at",
                f"'feed_also_at' has {path!r}, which is no address of a feed file — write one "
                "like /atom.xml (a path from the site's root, ending in .xml, .atom or .rss)",
            )
            return ()
    if len(paths) > MOST_FEED_COPIES:
        fields.error(
            "feed_also_at",
            f"'feed_also_at' has {len(paths)} addresses, more than {MOST_FEED_COPIES} — keep "
            "those readers subscribed to",
        )
        return ()
    return tuple(dict.fromkeys(paths))


def branch(fields: Fields) -> str:
    """Return the branch that "Edit this page" links edit."""
    name = fields.text("branch", SiteConfig.branch)
    if not _BRANCH.fullmatch(name):
        fields.error("branch", "'branch' must be a branch name like main")
        return SiteConfig.branch
    return name


def language(fields: Fields) -> str:
    """Return the site's language: a language tag (BCP 47: ``en``, ``de``, ``pt-BR``), which
    pages declare and the search index names its files by; "en" if it says none or no tag."""
    value = fields.text("language", "en")
    if LANGUAGE_TAG.fullmatch(value):
        return value
    fields.error(
        "language", f"'language' {value!r} is not a language tag — write one like en, de or pt-BR"
    )
    return "en"


def timezone(fields: Fields) -> str:
    """Return a valid IANA time zone name."""
    name = fields.text("timezone", SiteConfig.timezone)
    try:
        zone(name)
    except DateError as error:
        fields.error("timezone", str(error))
        return SiteConfig.timezone
    return name


def nav_items(fields: Fields, key: str) -> tuple[NavItem, ...]:
    """Return the links of ``nav`` (or ``footer_links``) in ``site.yml``."""
    value = fields.values.get(key) or []
    items = [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []
    valid = [i for i in items if isinstance(i.get("title"), str) and isinstance(i.get("url"), str)]
    if not isinstance(value, list) or len(valid) != len(value):
        fields.error(key, f"'{key}' must be a list of '- title: …' / '  url: /…/' entries")
        return ()
    if len(valid) > MAX_LINKS:  # each is on every page
        fields.error(key, f"'{key}' has {len(valid)} links, more than a menu can show "
                          f"({MAX_LINKS}) — link to a page that lists the rest")  # fmt: skip
        return ()
    written = fields.data.fields.get(key)
    lines = [item.line_of("url") for item in written.items] if written else [0] * len(valid)
    for item, line in zip(valid, lines, strict=True):  # shown on every page as written
        if block := next(liquid.blocks(f"{item['title']} {item['url']}"), None):
            fields.errors.append(Problem(fields.path, line, liquid.message(block)))
    return tuple(NavItem(i["title"], i["url"], line) for i, line in zip(valid, lines, strict=True))


def members_settings(fields: Fields) -> tuple[bool, bool]:
    """Return whether the members list shows e-mail addresses (``members: show_email``) and
    groups the members by country (``members: group_by: country``)."""
    value = fields.values.get("members", {})
    if not isinstance(value, dict) or set(value) - {"show_email", "group_by"}:
        fields.error("members", "'members' takes 'show_email: true|false' and 'group_by: country'")
        return SiteConfig.show_email, SiteConfig.by_country
    shown = value.get("show_email", SiteConfig.show_email)
    if not isinstance(shown, bool):
        fields.error("members", f"'show_email' must be true or false, not {shown!r}")
        shown = SiteConfig.show_email
    grouped = value.get("group_by")
    if grouped not in (None, "country"):
        fields.error("members", f"'group_by' can only be country, not {grouped!r}")
    return shown, grouped == "country"


def favicons(fields: Fields) -> list[str]:
    """Return the icon files of ``favicon`` (one path, or a list of them)."""
    value = fields.values.get("favicon")
    icons = [value] if isinstance(value, str) else list(fields.texts("favicon"))
    wrong = [icon for icon in icons if icon.rsplit(".", 1)[-1].lower() not in ICON_TYPES]
    if wrong:
        fields.error("favicon", f"favicon {wrong[0]!r} must be an .svg, .png or .ico file")
        return []
    return icons
