"""``flask import-jekyll``: a Jekyll site tree into a new content folder that checks clean.

    _config.yml               -> site.yml                          (settings.py)
    _posts/…, pages           -> news/YYYY-MM-DD-slug.md, <path>.md (placing.py, documents.py)
    _data/*.yml|json|csv      -> data/<name>.yml; a table of people -> data/members.yml
    other files               -> the same path, unless the site never publishes them, or
                                 they hold what the check refuses (an SVG's script)

Nothing is written unless everything was worked out: the content folder is made in a
temporary sibling and renamed into place; a folder that exists and is not empty is refused, as
is any the freeze refuses to write into (the repository, a git folder, the engine's folders)
and any inside the Jekyll site (the next import would read it again).
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from .. import cache
from ..checks import packed
from ..checks.site import check_attachment
from ..content.dates import DateError, zone
from ..content.files import Kind, classify
from ..content.front_matter import split_front_matter
from ..content.kinds import kind_of
from ..content.lookalikes import address_skeleton
from ..content.members import MAX_PHOTO_BYTES, PHOTO_SUFFIXES
from ..content.pages import LAYOUTS, url_of
from ..content.settings import site_address
from ..content.store import output_key, parse_data_file
from ..content.urls import SECTIONS
from ..errors import TagSiteError
from ..markdown import addresses
from ..markdown.limits import MAX_BYTES, ROOM, OvertimeError, most_made, time_budget
from ..markdown.markup import tag_problems
from ..markdown.render import RenderError, markdown_to_html
from ..markdown.source_map import comment_spans, masked, positions
from ..publish.freeze import our_prefix, remove_stale_folders, risky_destination
from . import people
from . import urls as jekyll_urls
from .built import BuiltSite, OldPage, absolute_links, without_title, words
from .documents import Converted, OldSite, convert, front_matter, wrapped
from .people import Members
from .placing import (
    Place,
    Placement,
    collection_template,
    is_generated,
    key_of,
    page_path,
    place_all,
    title_from,
)
from .reading import (
    Document,
    JekyllSite,
    Note,
    collections_with_output,
    read_site,
    text_of,
    unique_name,
)
from .rewrite import (
    GROWTH,
    UNLISTED,
    Context,
    Rewritten,
    assigned,
    data_named,
    rewrite,
    shown_by,
)
from .settings import feed_copies, site_settings
from .unsafe import without_code

_REPOSITORY_FILES = re.compile(r"^(?:README|LICENSE|LICENCE|CHANGELOG|CONTRIBUTING)(?:\.\w+)?$")
_PEOPLE_NAMES = ("members", "people", "team")  # a data file called so is meant as the members
_FORMER = re.compile(r"former|alumni|past|emerit|previous|old", re.IGNORECASE)  # not the members
_LIQUID_OPENING = re.compile(r"\{(?=[{%])")  # where Liquid would start: "{{", "{%"
MEMBERS_HEADER = """\
# The members of the group, in the order the site shows them; imported from Jekyll's data.
# Each member starts with "- name:". Fields: name, title, role, ems_member (true/false),
# position, affiliation, city, country, email (shown only if site.yml says so), url, orcid,
# photo (a picture of the site: /images/ada.jpg).

"""
HOME = "---\nlayout: home\n---\n"
# Liquid in a layout that makes words of a page's: a loop, an include, a value of the site's
# data or of the page's own (but its title, address, date and text, which the site shows).
_MAKES_WORDS = re.compile(
    r"\{%-?\s*(?:for|tablerow)\s+\w+\s+in\s+(?P<loop>[\w.\[\]'\"-]+)"
    r"|\{%-?\s*include(?:_relative)?\s+(?P<include>[\w./-]+)"
    r"|\{\{-?\s*(?P<value>site\.data[\w.\[\]'\"-]*|paginator\.\w+"
    r"|page\.(?!title\b|url\b|date\b|content\b)\w+)"
)
PLAIN_COPY = "had no front matter: Jekyll published it as a file, as it is, and so does the site"


class JekyllImportError(TagSiteError):
    """The import cannot start: the source is no Jekyll site, or the destination is in use."""


@dataclass(frozen=True)
class OldAddress:
    """An old page's address, and what became of it."""

    old: str
    new: str  # its address on the new site ("" if left out)
    how: str  # "same", "redirected", "left out: …", "not kept: …"
    words: tuple[int, int] | None = None  # its words on the old site and on the new one


@dataclass(frozen=True)
class Report:
    """What an import converted (counts by kind) and what it left out or changed, with why;
    every old page's address and what became of it."""

    dest: Path
    counts: Mapping[str, int]
    notes: tuple[Note, ...]
    addresses: tuple[OldAddress, ...] = ()


@dataclass(frozen=True)
class Planned:
    """Every file of the new content folder: texts written, files copied; and the notes."""

    texts: Mapping[str, str]  # new path -> text
    copies: Mapping[str, str]  # new path -> the Jekyll file it is a copy of
    counts: Mapping[str, int]
    notes: tuple[Note, ...]
    addresses: tuple[OldAddress, ...] = ()


@dataclass(frozen=True)
class Documents:
    """The posts and pages as content files, and what converting them found."""

    texts: dict[str, str]
    shows_email: bool  # a members list showed the addresses
    counts: Counter[str]
    notes: list[Note]
    addresses: list[OldAddress]
    shown_addresses: frozenset[str] = frozenset()  # as the old built pages showed them


def import_jekyll(
    source: Path,
    dest: Path,
    *,
    repo: Path,
    old_url: str = "",
    members: str | None = None,
    built: Path | None = None,
) -> Report:
    """Convert the Jekyll site at ``source`` into a content folder at ``dest``; ``repo``:
    the site's repository, whose own folders are refused as the freeze refuses them;
    ``members``: the data file that lists the members ("" for none; None: chosen);
    ``built``: the old site as it was published, whose pages stand in for what Liquid made."""
    given = given_address(old_url)
    if old_url and not given:
        raise JekyllImportError(f"--old-url {old_url!r} must be a full address like https://…")
    if given and (refused := new_address(*given)[1]):
        raise JekyllImportError(f"--old-url {old_url!r} is refused: it {refused}")
    try:
        site = read_site(source)
    except ValueError as error:
        raise JekyllImportError(str(error)) from None
    folder = refuse_destination(dest, source=source, repo=repo)
    if built is not None and not built.is_dir():
        raise JekyllImportError(f"--built {built} is no folder — give the old site's _site/")
    old_site = BuiltSite(built.resolve(), str(built)) if built is not None else None
    planned = plan_import(site, old_url, members, old_site)
    write_folder(planned, source, folder)
    notes = sorted(planned.notes, key=lambda n: (n.path, n.line, n.message))
    return Report(dest, planned.counts, tuple(dict.fromkeys(notes)), planned.addresses)


def refuse_destination(dest: Path, *, source: Path, repo: Path) -> Path:
    """Return ``dest`` resolved (``sub/../sub`` is ``sub``: its parent is no path through
    itself); ``JekyllImportError`` unless it is new or an empty folder, and a place the
    freeze would write into too, outside the Jekyll site at ``source``."""
    resolved, inside = cache.resolved(dest), source.resolve()
    if resolved is None:
        raise JekyllImportError(f"{dest} is a loop of links — choose a new folder with --dest")
    reason = risky_destination(resolved, repo=repo.resolve())
    if reason:
        raise JekyllImportError(f"{dest} {reason} — choose a new folder with --dest")
    if resolved == inside or inside in resolved.parents:
        raise JekyllImportError(
            f"{dest} is inside the Jekyll site {source}: the next import would read it again "
            "— choose a folder outside it with --dest"
        )
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise JekyllImportError(f"{dest} is not a folder — choose a new one with --dest")
    if dest.is_dir() and any(dest.iterdir()):
        raise JekyllImportError(
            f"{dest} is not empty — move it away first, or choose a new folder with --dest"
        )
    return resolved


def plan_import(
    site: JekyllSite, old_url: str, asked: str | None = None, built: BuiltSite | None = None
) -> Planned:
    """Work out every file of the new content folder and every note, without writing;
    ``asked``: the data file that lists the members, if the user named it; ``built``: the
    old site as it was published."""
    tz, notes = site_zone(site)
    url, baseurl = old_address(site, old_url)
    data_texts, members, counts, data_notes, entries = plan_data(site, asked)
    notes += data_notes
    placement = place_all(site, members, tz, old_sections(site, members))
    copies, plain_pages, file_notes = plan_files(site, placement)
    address, refused = new_address(url, baseurl)
    used = url if address or not url else None  # no ids from one not used
    pages = frozenset({"/", *(place.url for place in placement.places.values())})
    owned = {  # the old addresses their pages keep: no other page's redirect_from
        output_key(unquote(place.old)): path
        for path, place in placement.places.items()
        if place.old
    }
    old = OldSite(site, tz, used, baseurl, frozenset(copies), pages, placement.sections, owned)
    documents = plan_documents(old, placement, members, built)
    texts = documents.texts
    notes += placed_photos(entries, copies, site, members)
    in_files = published_in_files(site.root, copies, entries)
    shown = documents.shown_addresses | frozenset(in_files)
    marked, unmarked = shown_as_before(entries, shown, documents.shows_email)
    for entry in entries:
        skeleton = address_skeleton(entry.get("email", ""))
        file = in_files.get(skeleton) if skeleton not in documents.shown_addresses else None
        if file and entry.get("show_email"):
            message = (
                f"{entry['name']}: show_email: true, as the old site published the address in "
                f"{file} (copied as it is)"
            )
            notes.append(Note(members_file(site, members), 0, message))
    hidden = [
        entry
        for entry in entries
        if entry.get("email") and entry.get("show_email") is not True
        and (entry.get("show_email") is False or not documents.shows_email)
    ]  # fmt: skip
    for path, text in list(texts.items()) if hidden else ():
        texts[path], left_out = without_hidden_in_comments(text, hidden)
        notes += [Note(path, 0, f"a comment (which readers never see, but the page's source "
                       f"shows) held the address of {name}, whom data/members.yml keeps hidden: "
                       "left out of it") for name in left_out]  # fmt: skip
    if entries:  # as their photos and addresses are now
        data_texts["data/members.yml"] = written_in_time(
            entries, "data/members.yml", MEMBERS_HEADER
        )[0]
    if marked:
        message = (
            f"show_email: true on {marked} of its members: the old site showed their addresses"
        )
        notes.append(Note(members_file(site, members), 0, message))
    if unmarked:
        message = (
            f"its show_email said yes for {unmarked} members, but the old site showed no "
            "address: they stay hidden — write show_email: true in data/members.yml for "
            "those who agree"
        )
        notes.append(Note(members_file(site, members), 0, message))
    if "index.md" not in texts:
        texts["index.md"] = HOME
        notes.append(Note("index.md", 0, "the old site had no home page: a plain one is made"))
    settings, settings_notes = site_settings(
        site, placement, frozenset(copies), address=address, refused=refused, tz=tz,
        show_email=documents.shows_email or not members.name, marked=marked,
        menu=built.menu() if built else (),
    )  # fmt: skip
    texts |= plain_pages | data_texts | {"site.yml": settings}
    counts += documents.counts + Counter(files=len(copies), pages=len(plain_pages))
    all_notes = [*site.notes, *notes, *placement.notes, *file_notes, *documents.notes]
    addresses = documents.addresses + left_out_addresses(site, placement, all_notes)
    addresses.sort(key=lambda row: row.old)
    return Planned(texts, copies, dict(counts), tuple(all_notes + settings_notes), tuple(addresses))


def old_sections(site: JekyllSite, members: Members) -> tuple[str, ...]:
    """Return the sections the old site had: its news, if it had posts, and its members, if
    a data file lists them and no page shows them in a way of its own (``shown_by``): not
    ``/join/``, ``/events/``, ``/jobs/``, ``/reports/`` or ``/search/``, which it had not (a
    workshop would invite visitors to join)."""
    ways = {  # "members": a page lists them; "own": a page shows them as the site's list cannot
        shown_by(block, members, aliases)
        for document in site.documents
        for aliases in [assigned(document.blocks)]  # once a page
        for block in document.blocks
    }
    listed_so = bool(members.name) and ("members" in ways or "own" not in ways)
    had = {"news": any(d.is_post for d in site.documents), "members": listed_so}
    return tuple(name for name in SECTIONS if had.get(name))


def site_zone(site: JekyllSite) -> tuple[datetime.tzinfo, list[Note]]:
    """Return the time zone Jekyll built in: ``timezone:``, else UTC (as on GitHub Pages);
    a name that is no time zone is noted, and UTC used."""
    value = site.config.get("timezone")
    if value is None or value == "":
        return datetime.UTC, []
    problem = "it is no time zone's name — write one like Europe/Berlin"
    if isinstance(value, str):
        try:
            return zone(value), []
        except DateError as error:
            problem = str(error)
    message = f"left out 'timezone': {problem} in site.yml (the dates were read in UTC)"
    return datetime.UTC, [Note("_config.yml", site.config_lines.get("timezone", 0), message)]


def old_address(site: JekyllSite, old_url: str) -> tuple[str, str]:
    """Return the old site's ``url`` and ``baseurl`` (``--old-url`` wins over _config.yml)."""
    if given := given_address(old_url):
        return given
    return text_of(site.config.get("url")), text_of(site.config.get("baseurl"))


def given_address(old_url: str) -> tuple[str, str] | None:
    """Return ``--old-url`` as a ``url`` and a ``baseurl``; None if it is no such address."""
    match = re.match(r"^(https?://[^/]+)(/.*)?$", old_url.rstrip("/"))
    return (match.group(1), match.group(2) or "") if match else None


def new_address(url: str, baseurl: str) -> tuple[str, str]:
    """Return the new site's ``url`` (the old one's address and base path) and "", or ""
    and why site.yml would refuse it (``site_address``); none, if it has none."""
    if not url.startswith(("https://", "http://")):
        return "", ""
    base = baseurl.strip("/")
    try:
        return site_address(url.rstrip("/") + (f"/{base}/" if base else "/")), ""
    except ValueError as error:
        return "", str(error).split(" — ")[0]


# --- data ------------------------------------------------------------------------------------


def plan_data(
    site: JekyllSite, asked: str | None = None
) -> tuple[dict[str, str], Members, Counter[str], list[Note], list[dict[str, Any]]]:
    """Plan ``data/``: each data file as YAML, the table of people as the members (``asked``,
    if the user named one).

    Return the texts, the table that became the members, counts, notes and the members'
    entries.
    """
    texts: dict[str, str] = {}
    member_entries: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    notes: list[Note] = []
    files = []
    for name, path in sorted(site.data.items()):
        data, problems = people.load_data(path, name, path.relative_to(site.root).as_posix())
        notes += problems
        files += [data] if data is not None else []
    tables = {f.name: columns for f in files if (columns := people.columns_of(f.value, f.name))}
    sizes = {f.name: len(f.value) for f in files if f.name in tables}
    members, reason = choose_members(site, tables, sizes, asked)
    for data in files:
        counts["data files"] += 1
        if data.name == members:
            entries, problems = people.to_members(data, tables[data.name])
            text, why = written_in_time(entries, "data/members.yml", MEMBERS_HEADER)
            if why:
                notes.append(Note(data.shown, 0, f"left out: {why}"))
                continue
            message = (
                f"became data/members.yml ({len(entries)} member{'s' * (len(entries) != 1)}): "
                f"{reason} — name another "
                "with --members NAME, or none with --members ''"
            )
            notes += [*problems, Note(data.shown, 0, message)]
            texts["data/members.yml"] = text
            counts["members"] = len(entries)
            member_entries = entries
        else:
            target = "members-data" if data.name == "members" else data.name
            value, size = data.value, site.data[data.name].stat().st_size
            text, why = written_in_time(value, f"data/{target}.yml")
            if not why and len(text) > most_made(size):  # aliases written out in full
                why = (
                    f"its aliases make {len(text) / 1e6:,.1f} MB of it, "
                    f"{len(text) // max(size, 1)} times its size — write the values out"
                )
            if why:
                notes.append(Note(data.shown, 0, f"left out: {why}"))
                continue
            texts[f"data/{target}.yml"] = text
            if target != data.name:
                why = f"the members come from {members}" if members else "it lists no people"
                notes.append(Note(data.shown, 0, f"is data/{target}.yml: {why}"))
    kept = frozenset(tables[members].values()) if members else frozenset[str]()
    return texts, Members(members, kept), counts, notes, member_entries


def placed_photos(
    entries: list[dict[str, Any]], copies: Mapping[str, str], site: JekyllSite, members: Members
) -> list[Note]:
    """Make each member's photo (``photo_ada.jpg``, as a table named it for a page's loop to
    find: ``/assets/{{ p.image }}``) the path of the picture copied: the one file of that
    name, or that path; left out, with a note, if there is none, or more than one, or it is
    no picture the members page shows (a .jpg, .png or .webp under 500 kB)."""
    by_name: dict[str, list[str]] = {}
    for path in copies:
        by_name.setdefault(PurePosixPath(path).name, []).append(path)
    notes = []
    for entry in entries:
        if not (written := str(entry.pop("photo", ""))):
            continue
        named = unquote(written.split("?")[0]).lstrip("/")
        found = [named] if named in copies else by_name.get(PurePosixPath(named).name, [])
        size = (site.root / copies[found[0]]).stat().st_size if len(found) == 1 else 0
        if (
            len(found) == 1
            and found[0].lower().endswith(PHOTO_SUFFIXES)
            and size <= MAX_PHOTO_BYTES
        ):
            entry["photo"] = "/" + found[0]
            continue
        why = (
            "no file of the site has that name" if not found
            else f"{len(found)} files have that name" if len(found) > 1
            else "the members page shows a .jpg, .png or .webp under 500 kB only"
        )  # fmt: skip
        message = f"{entry['name']}: left out the photo {written!r}: {why}"
        notes.append(Note(members_file(site, members), 0, message))
    return notes


_ID = re.compile(r"""\sid=["']?([^"'\s>]+)""")
_OWN_ANCHOR = re.compile(r"""(?:\]\(\s*<?|\bhref=["']?)#([^\s"'<>)]+)""")  # [x](#a), href="#a"


def published_in_files(
    root: Path, copies: Mapping[str, str], entries: list[dict[str, Any]]
) -> dict[str, str]:
    """Return the members' addresses (``address_skeleton``) that a file the old site
    published shows as it is, however packed (a paper's PDF lists its authors'), each with
    the first such file: the old site made them public."""
    emails = {str(e["email"]).lower(): e["email"] for e in entries if e.get("email")}
    if not emails:
        return {}
    any_of = re.compile(
        b"|".join(re.escape(a.encode()) for a in sorted(emails, key=len)[::-1]), re.I
    )
    found: dict[str, str] = {}
    for new, source in sorted(copies.items()):
        try:
            raw = (
                (root / source).read_bytes() if (root / source).stat().st_size <= MAX_BYTES else b""
            )
            for piece, glued in packed.pieces(raw):
                text = glued or len(piece.translate(None, packed.TEXT)) * 2 <= len(piece)
                for address in any_of.finditer(piece) if text and b"@" in piece else ():
                    skeleton = address_skeleton(emails[address[0].decode().lower()])
                    found.setdefault(skeleton, new)
        except (OSError, packed.TooDeepError, packed.UnreadableError):
            continue
    return found


def without_hidden_in_comments(text: str, hidden: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """Return ``text`` with the addresses of the ``hidden`` members left out of its HTML
    comments (outside code), which no reader sees but the page's source shows; and whose."""
    by_address = {str(e["email"]).lower(): str(e["name"]) for e in hidden}
    any_of = re.compile("|".join(re.escape(a) for a in sorted(by_address, key=len)[::-1]), re.I)
    code = masked(text, comments=False)  # a comment in code is shown as text
    parts, last, left_out = [], 0, []
    for start, end in comment_spans(text):  # as the check finds them, in one pass
        if code[start] == text[start] and any_of.search(text, start, end):
            left_out += [by_address[found.lower()] for found in any_of.findall(text, start, end)]
            parts += [text[last:start], any_of.sub("(address left out)", text[start:end])]
            last = end
    return "".join([*parts, text[last:]]), list(dict.fromkeys(left_out))


def shown_as_before(
    entries: list[dict[str, Any]], shown: frozenset[str], loop_showed: bool
) -> tuple[int, int]:
    """Make the members' ``show_email`` say what the old site did: ``true`` on each whose
    address an old page showed (its ``address_skeleton`` in ``shown``) and whose entry does
    not say ``false``; a table's ``true`` taken away where the old site showed no address
    (no loop printed them, no page showed one). Return how many were marked, and unmarked."""
    marked, unmarked = 0, 0
    for entry in entries:
        if entry.get("show_email") is False:
            continue
        if address_skeleton(entry.get("email", "")) in shown:
            marked += entry.get("show_email") is not True
            entry["show_email"] = True
        elif entry.get("show_email") is True and not (loop_showed or shown):
            del entry["show_email"]
            unmarked += 1
    return marked, unmarked


def members_file(site: JekyllSite, members: Members) -> str:
    """Return the path of the data file that became the members, as the report names it."""
    return site.data[members.name].relative_to(site.root).as_posix()


def written_in_time(value: Any, name: str, header: str = "") -> tuple[str, str]:
    """Return ``value`` as the YAML text of a data file (after ``header``), if the check can
    read it as ``name`` within its time budget and size (else "" and why not: the check
    would refuse it)."""
    try:
        with time_budget():
            text = header + people.dump_yaml(value)
            if len(text) > MAX_BYTES:
                return "", f"as YAML it is {len(text) / 1e6:,.1f} MB, more than a file may " \
                    f"hold ({MAX_BYTES // 1_000_000} MB) — split it"  # fmt: skip
            parse_data_file(text.encode("utf-8"), Path("content", name))
    except OvertimeError:
        return "", "as YAML it takes the check more than 2 s to read, which it refuses — split it"
    return text, ""


def choose_members(
    site: JekyllSite,
    tables: Mapping[str, Mapping[str, str]],
    sizes: Mapping[str, int],
    asked: str | None = None,
) -> tuple[str, str]:
    """Return the table of people that becomes the members, and why: the one ``asked`` for,
    else the one a page loops over, else one called members (people, team), else the
    longest; a table of former members only if no other is one."""
    if asked is not None:
        if asked and asked not in tables:
            known = ", ".join(sorted(tables)) or "none"
            raise JekyllImportError(
                f"--members {asked!r}: no table of people in _data/ has that name (those "
                f"that are: {known})"
            )
        return asked, "named with --members"
    looped = {
        data_named(block.loops_over()) or data_named(block.args.partition("=")[2].strip())
        for document in site.documents
        for block in document.blocks
        if block.tag in ("for", "assign")
    }
    current = [name for name in tables if not _FORMER.search(name)] or list(tables)
    for wanted, reason in (
        ([n for n in current if n in looped], "a page listed them from it"),
        ([n for n in current if n in _PEOPLE_NAMES], "its name says it lists the members"),
        (current, "it is the longest table of people"),
    ):
        if wanted:
            return max(wanted, key=lambda name: sizes[name]), reason
    return "", ""


# --- posts and pages -------------------------------------------------------------------------


def plan_documents(
    old: OldSite, placement: Placement, members: Members, built: BuiltSite | None = None
) -> Documents:
    """Convert every placed post and page; a page whose words Liquid made in its layout or
    in what the import left out comes in as the old site ``built`` published it, if it is
    given, else marked with what it misses."""
    places = placement.places
    context = Context(
        old.site.config,
        sources={path: "/" + place.path for path, place in places.items()},
        members=members,
        includes=old.site.includes,
        old_urls={path: unquote(place.old) for path, place in places.items() if place.old},
        baseurl=old.baseurl.rstrip("/"),
        paste_limit=paste_limit(old.site),
        math=old.site.math,
        files=frozenset("/" + name for name in old.files),
        sections=old.sections,
    )
    left = context.paste_limit
    done, shows_email = Documents({}, False, Counter(), [], []), False
    shown_addresses: set[str] = set()
    for document in old.site.documents:
        place = places.get(document.path)
        if place is None:
            continue
        body = rewrite(document, context, left=left)
        missing = liquid_made(old.site, document, body)
        shown = built.page(place.old) if built and place.old else None
        if missing and shown:
            body = old_html(document, shown, place, context, left)
            message = f"its words are the old site's ({shown.file}): {missing}"
            done.notes.append(Note(document.path, 0, message))
            done.notes.extend(
                [  # its scripts, styles and templates: none came in
                    Note(shown.file, line, f"left out: {next(tag_problems(name, {})).message}")
                    for name, line in shown.left_out
                ]
            )
        if shown:  # its links to an anchor the old page had not either: dead, as they were
            had = set(_ID.findall(shown.own))
            gone = {f"#{f}" for f in _OWN_ANCHOR.findall(body.body) if unquote(f) not in had}
            body = dataclasses.replace(body, dead=body.dead | gone)
            own = html.unescape(shown.own)  # the addresses it showed: text, mailto: links
            shown_addresses |= {address_skeleton(own[s:e]) for s, e in addresses.find(own)}
            missing = ""
        left -= body.grown
        shows_email |= body.shows_email
        room = min(left, MAX_BYTES - len(body.body.encode("utf-8")))
        converted = convert(old, document, place, body, room=room, missing=missing)
        if converted.lean:
            done.notes.append(Note(document.path, 1, too_much_front(context.paste_limit)))
        if missing:
            message = f"marked 'missing' (flask check says so): {missing}"
            done.notes.append(Note(document.path, 0, message))
        left -= max(front_grown(document, converted, body), 0)
        done.texts[place.path] = converted.text
        done.notes.extend(converted.notes)
        done.counts["posts" if document.is_post else "pages"] += 1
        done.counts["old addresses kept"] += converted.redirects
        done.counts["feed ids kept"] += converted.feed_id
        if place.old:
            how = (
                "same"
                if place.url == place.old
                else "redirected"
                if converted.redirects
                else "unpublished, as on the old site (a draft)"
                if document.front.get("published") is False
                else "not kept (see above)"
            )
            counted = (len(words(shown.own)), len(page_words(converted.text))) if shown else None
            done.addresses.append(OldAddress(place.old, place.url, how, counted))
    return dataclasses.replace(
        done, shows_email=shows_email, shown_addresses=frozenset(shown_addresses)
    )


def left_out_addresses(
    site: JekyllSite, placement: Placement, notes: list[Note]
) -> list[OldAddress]:
    """Return the old address of each post and page the import left out, with why (one the
    site makes itself, /feed.xml, or where its feed is served too: the same)."""
    why = {note.path: note.message for note in notes if note.message.startswith("left out")}
    copies = feed_copies(site, placement)
    return [
        OldAddress(old, old, "same: the site's feed is served there too")
        if unquote(old) in copies
        else OldAddress(old, old, "same: the site makes its own")
        if is_generated(unquote(old), placement.sections)
        else OldAddress(old, "", why.get(path, "left out"))
        for path, old in placement.old_urls.items()
        if old and path not in placement.places
    ]


def liquid_made(site: JekyllSite, document: Document, body: Rewritten) -> str:
    """Say what Liquid made of the page's words that did not come in, or "": what its own
    layouts make (a loop, an include, a value of the page's: not the layouts the site's
    own stand in for), or the Liquid the import left out of its text."""
    for name in site.layout_chain(text_of(document.front.get("layout"))):
        if name in LAYOUTS:  # the site's own layouts show what these did
            break
        if found := _MAKES_WORDS.search(site.layouts[name]):
            what = (
                f"a loop over {found['loop']}" if found["loop"]
                else f"the include {found['include']}" if found["include"]
                else f"{found['value']}"
            )  # fmt: skip
            line = site.layouts[name].count("\n", 0, found.start()) + 1
            return f"the words its layout '{name}' made from {what} (_layouts/{name}, line {line})"
    left_out = [note for note in body.notes if note.message.startswith("left out: Liquid")]
    if left_out:
        first = left_out[0].message
        why = f" ({first.removeprefix(UNLISTED)})" if first.startswith(UNLISTED) else ""
        return f"the words Liquid made at line {left_out[0].line} of {document.path}{why}"
    return ""


def old_html(
    document: Document, shown: OldPage, place: Place, context: Context, left: int
) -> Rewritten:
    """Return the body of a page as the old site published it (its own part, without the
    title the new layout shows), its links and what the site refuses rewritten as in any
    HTML page of the old site's."""
    own = absolute_links(without_title(shown.own, place.title), place.old)
    own = _LIQUID_OPENING.sub("&#123;", own)  # "{{ x }}" there is text readers saw: as it was
    page = dataclasses.replace(document, path=shown.file, body=own, body_line=shown.line)
    body = rewrite(page, context, left=left)
    return dataclasses.replace(body, body=body.body if document.is_html else wrapped(body.body))


def page_words(text: str) -> list[str]:
    """Return the words a content file's page shows: its title, and its text as made."""
    source = split_front_matter(text, Path("page.md"))
    title = source.meta.value.get("title", "")
    try:
        with time_budget():
            made = markdown_to_html(source.body)
    except (RenderError, OvertimeError):
        made = source.body
    return words(f"<h1>{html.escape(str(title))}</h1>{made}")


def front_grown(document: Document, converted: Converted, body: Rewritten) -> int:
    """Return by how many bytes the front matter written is longer than the document's own
    (what ``defaults:`` gave it, aliases written out)."""
    written = len(converted.text.encode("utf-8")) - len(body.body.encode("utf-8"))
    return written - document.front_size


def too_much_front(limit: int) -> str:
    """Return the note on a page whose front matter would make it, or the import, too big."""
    return (
        "left out what defaults: gave it, and its keys the site does not use: they would make "
        f"the page more than {MAX_BYTES // 1_000_000} MB, or the import more than "
        f"{limit / 1e6:.3g} MB ({GROWTH} times what the Jekyll site's pages and includes hold) "
        "— keep long values out of defaults:"
    )


def paste_limit(site: JekyllSite) -> int:
    """Return how many bytes Liquid and front matter may add to the whole import: ``GROWTH``
    times what the pages and includes hold, and at least ``ROOM`` (what any text may make of a
    page): a small site's one include pasted on hundreds of pages made 189 times its size."""
    read = sum(len(d.body.encode("utf-8")) + d.front_size for d in site.documents)
    read += sum(len(text.encode("utf-8")) for text in site.includes.values())
    return max(GROWTH * read, ROOM)


# --- other files ------------------------------------------------------------------------------


def plan_files(
    site: JekyllSite, placement: Placement
) -> tuple[dict[str, str], dict[str, str], list[Note]]:
    """Return the files copied as they are, pages made of Markdown files without front matter
    (Jekyll published them as they were), and notes on the files the site never publishes."""
    copies: dict[str, str] = {}
    pages: dict[str, str] = {}
    notes: list[Note] = []
    taken = {place.path for place in placement.places.values()}
    placed = {key_of(place.url) for place in placement.places.values()}

    def is_taken(stem: str) -> bool:  # by a page, or its address (about.md, about/index.md)
        path = f"{stem}.md"
        return path in taken or path in pages or key_of(url_of(Path("content", path))) in placed

    outputs = collections_with_output(site.config)
    published = {source: collection_file(site, source, outputs) for source in site.files}
    by_name = {name: source for source, name in published.items() if source.startswith("_")}
    for source in site.files:
        name = published[source]  # a PDF of _events/: where Jekyll put it
        verdict = classify(name)
        if by_name.get(name, source) != source:  # Jekyll wrote the collection's over it
            reason = f"Jekyll published {by_name[name]} at its address, /{name}"
        elif _REPOSITORY_FILES.match(name):
            reason = "the repository's own file, not a page"
        elif is_generated("/" + name, placement.sections):
            reason = "the site makes its own"
        elif verdict.kind is Kind.PAGE and (name == "index.md" or kind_of(name)):
            text, page_notes = plain_page(site.root, source)
            wanted = page_path(Document(name, {}, "", 1, {}), Members())  # news/x.md: news-x.md
            pages[new := unique_name(wanted[:-3], is_taken) + ".md"] = text
            notes += page_notes
            if new != wanted:  # foo.md, with front matter, beside foo.markdown
                notes.append(
                    Note(name, 0, f"it is {new}: another page has {wanted} or its address")
                )
            continue
        elif verdict.kind not in (Kind.ATTACHMENT, Kind.PAGE):
            reason = verdict.problem.split(" — ")[0] or "the site reads no such file here"
        elif name in taken:
            reason = "a page of the same name takes its place"
        elif refused := refused_file(site.root, source):
            notes.append(refused)
            continue
        else:
            copies[name] = source
            if verdict.kind is Kind.PAGE:  # no front matter: a file, at its old address
                notes.append(Note(source, 0, PLAIN_COPY))
            continue
        notes.append(Note(source, 0, f"left out: {reason}"))
    return copies, pages, notes


def collection_file(site: JekyllSite, name: str, outputs: set[str]) -> str:
    """Return the path a file of the site is published at: its own, or, for a file of a
    collection Jekyll published (a PDF in ``_events/``), the one Jekyll gives it."""
    relative = site.relative_path(name)
    top = relative.split("/", 1)[0]
    if not (top.startswith("_") and top[1:] in outputs and "/" in relative):
        return name
    style = site.config.get("permalink")
    template = collection_template(site.config, top[1:])
    try:
        url = jekyll_urls.static_file_url(
            relative, template=template, style=str(style) if style else None
        )
    except ValueError:  # a template with a date: as Jekyll's default puts it
        return relative[1:]
    return unquote(url).lstrip("/") or relative[1:]


def plain_page(root: Path, name: str) -> tuple[str, list[Note]]:
    """Return a Markdown file without front matter as a page titled by its first heading,
    without what could run code; and the notes."""
    text = (root / name).read_text("utf-8", "replace")
    title = title_from(Document(name, {}, text, 1, {}))
    safe, cuts = without_code(text)
    notes = [Note(name, 0, f"had no front matter: it is the page '{title}' now")]
    where = positions(text)
    notes += [Note(name, where(cut.start)[0], cut.message) for cut in cuts]
    return front_matter({"title": title}, {}) + safe, notes


def refused_file(root: Path, name: str) -> Note | None:
    """Return the note on a file the check would refuse to publish (an SVG or HTML file with
    a script, an address harvesters read), which is left out; None for the others."""
    problems = [p for p in check_attachment(Path(name), root / name) if not p.warning]
    if not problems:
        return None
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    message = f"the whole file is left out (it is published as it is): {problems[0].message}"
    return Note(name, problems[0].line, message + more)


# --- writing ----------------------------------------------------------------------------------


def write_folder(planned: Planned, source: Path, dest: Path) -> None:
    """Write the planned files into a temporary sibling of ``dest``, then move it into place
    (a killed import's sibling is removed first, as a killed freeze's is)."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_folders(dest)  # a killed import's half
        folder = Path(tempfile.mkdtemp(prefix=our_prefix(dest), suffix=".import", dir=dest.parent))
    except OSError as error:
        raise JekyllImportError(f"cannot write next to {dest}: {error.strerror}") from None
    try:
        for name, text in sorted(planned.texts.items()):
            target = folder / PurePosixPath(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        for name, original in sorted(planned.copies.items()):
            target = folder / PurePosixPath(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / original, target)
        folder.chmod(0o755)
        if dest.is_dir():
            dest.rmdir()  # empty: checked before
        folder.rename(dest)
    except OSError as error:
        raise JekyllImportError(f"cannot write {dest}: {error.strerror}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
