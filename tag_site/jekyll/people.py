"""Jekyll's ``_data`` files as the site's YAML data, and a table of people as its members.

A CSV with a header row becomes a list of mappings, as Jekyll reads it. A list whose columns
fit the members model (a name, or a first and a last name, and two of e-mail, affiliation,
country, web page…) becomes ``data/members.yml``, with the site's own keys.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..markdown import addresses, liquid
from ..markdown.limits import MAX_BYTES, OvertimeError, time_budget
from .reading import NESTED, Note, load_yaml, too_deep, too_large

# members.yml key -> the column names (lower case, '_' for spaces) that mean it
COLUMNS = {
    "name": ("name", "full_name", "fullname", "member", "person"),
    "first": ("first_name", "firstname", "given_name", "first", "vorname", "prenom"),
    "last": ("last_name", "lastname", "surname", "family_name", "last", "nachname", "nom"),
    "title": ("title", "academic_title", "degree"),
    "role": ("role", "function"),
    "ems_member": ("ems_member", "ems", "ems_membership"),
    "position": ("position", "department", "chair"),
    "affiliation": (
        "affiliation", "institution", "university", "organisation", "organization",
        "institute", "employer", "company",
    ),
    "city": ("city", "town"),
    "country": ("country", "nation"),
    "email": ("email", "e_mail", "mail", "email_address", "e_mail_address"),
    "show_email": ("show_email", "public_email", "email_public", "show_mail", "publish_email"),
    "hide_email": ("hide_email", "email_hidden", "hidden_email", "private_email", "email_private"),
    "url": ("url", "web", "website", "homepage", "home_page", "webpage", "web_page", "www"),
    "orcid": ("orcid", "orcid_id", "orcid_url"),
    "photo": ("photo", "image", "picture", "avatar", "portrait", "img", "headshot", "pic"),
}  # fmt: skip
# An academic title, shown before the name ("Prof. Dr.", "Dr.-Ing."); a title column of
# anything else names a post ("Full Professor", "PhD student"), shown as the position.
_ACADEMIC = re.compile(
    r"(?:(?:Prof|Dr|PD|Priv|Doz|Jun|apl|Hon|rer|nat|med|phil|Ing|h\.\s?c|em|habil)\.?[\s.-]*)*",
    re.IGNORECASE,
)
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")  # an iD, in its address or not
_TEXT_KEYS = ("title", "role", "position", "affiliation", "city", "country")
_YES = {"yes", "y", "true", "x", "1", "ja", "oui", "si", "sì"}
_NO = {"no", "n", "false", "0", "nein", "non"}


@dataclass(frozen=True)
class DataFile:
    """A data file of Jekyll's: its value, and the line of each entry of a list."""

    name: str  # "team-people" for _data/team/people.csv
    shown: str  # its path in the Jekyll site, for notes
    value: Any
    lines: tuple[int, ...] = ()  # a list's entries: the line each starts on


def load_data(path: Path, name: str, shown: str) -> tuple[DataFile | None, list[Note]]:
    """Read a data file (YAML, JSON, CSV or TSV) within what the site's check allows a file:
    its size, and the time budget of its reading; None, with a note, if it cannot be read."""
    if (size := path.stat().st_size) > MAX_BYTES:
        return None, [Note(shown, 0, too_large(size))]
    try:
        with time_budget():
            return _read_data(path, name, shown)
    except OvertimeError:
        message = "left out: reading it took more than 2 s, which the check refuses — split it"
        return None, [Note(shown, 0, message)]


def _read_data(path: Path, name: str, shown: str) -> tuple[DataFile | None, list[Note]]:
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None, [Note(shown, 0, "left out: it is not UTF-8 text — save it as UTF-8")]
    suffix = path.suffix.lower()
    if suffix == ".json":
        return load_json(text, name, shown)
    if suffix not in (".csv", ".tsv"):
        notes: list[Note] = []
        data = load_yaml(text, shown, 1, notes)
        lines = tuple(item.line for item in data.items) if data else ()
        return (DataFile(name, shown, data.value, lines) if data else None), notes
    try:
        rows, lines, notes = read_table(text, "\t" if suffix == ".tsv" else "", shown)
    except csv.Error as error:
        return None, [Note(shown, 0, f"left out: it cannot be read ({error})")]
    return DataFile(name, shown, rows, lines), notes


def load_json(text: str, name: str, shown: str) -> tuple[DataFile | None, list[Note]]:
    """Read a JSON data file; None, with a note at its line, if it cannot be read or nests
    deeper than the site lets anything nest."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [Note(shown, error.lineno, f"left out: it cannot be read: {error.msg} — "
                           "check the JSON on this line")]  # fmt: skip
    except ValueError:  # int() refuses a number of thousands of digits
        return None, [Note(shown, 1, "left out: a number in it is too long to read — put it "
                           "in quotes")]  # fmt: skip
    except RecursionError:  # the decoder recurses: '[' * 100_000
        return None, [Note(shown, 1, NESTED)]
    if too_deep(value):
        return None, [Note(shown, 1, NESTED)]
    return DataFile(name, shown, value), []


def read_table(
    text: str, delimiter: str, shown: str
) -> tuple[list[dict[str, str]], tuple[int, ...], list[Note]]:
    """Return the rows of a CSV text with a header row (``,`` or ``;``, as the file has it),
    the line each row starts on, and notes on the fields left out, which the old site did not
    show either: a column named again (Jekyll's rows keep the first), one without a name, a
    row's fields past the header's."""
    if not delimiter:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [column.strip() for column in next(reader, [])]
    named: dict[str, int] = {}  # a column name -> its first column
    for column, name in enumerate(header):
        named.setdefault(name, column)
    kept = [column for column, name in enumerate(header) if name and named[name] == column]
    dropped = sorted(set(range(len(header))) - set(kept))
    lost: set[int] = set()  # the dropped columns that hold something
    rows, lines, wide = [], [], None
    line = reader.line_num + 1
    for row in reader:
        rows.append({header[column]: row[column].strip() for column in kept if column < len(row)})
        lost.update(column for column in dropped if column < len(row) and row[column].strip())
        if wide is None and any(field.strip() for field in row[len(header) :]):
            fields = f"{len(row)} fields and the header {len(header)}"
            wide = Note(shown, line, f"left out: this row has {fields}, so the old site "
                        "showed none past the header's")  # fmt: skip
        lines.append(line)
        line = reader.line_num + 1
    notes = [Note(shown, 1, _left_out(header, named, sorted(lost)))] if lost else []
    return rows, tuple(lines), [*notes, *([wide] if wide else [])]


def _left_out(header: list[str], named: Mapping[str, int], lost: list[int]) -> str:
    """Say which columns of a table's ``header`` are left out (the first, and how many)."""
    name = header[lost[0]]
    why = (f"is named '{name}' again, and the old site showed column {named[name] + 1} under "
           "that name") if name else "has no name, so the old site could not show it"  # fmt: skip
    count = len(lost)
    more = {1: "", 2: " (1 more column is too)"}.get(count, f" ({count - 1} more columns are too)")
    return f"left out: column {lost[0] + 1} {why}{more}"


def columns_of(value: Any, name: str) -> dict[str, str] | None:
    """Return which column holds each members key, if ``value`` (the data file ``name``) is a
    table of people: names and two other details, or names in a file called so."""
    if not isinstance(value, list) or not value or not all(isinstance(r, dict) for r in value):
        return None
    names = {normal(str(key)): str(key) for row in value for key in row}
    found = {
        key: names[column]
        for key, columns in COLUMNS.items()
        for column in columns
        if column in names
    }
    found = {key: found[key] for key in COLUMNS if key in found}  # first match per key
    named = "name" in found or ("first" in found and "last" in found)
    details = set(found) - {"name", "first", "last", "title", "photo"}  # projects have pictures
    called_so = name in ("members", "people", "team", "supporters")
    return found if named and (len(details) >= 2 or called_so) else None


def normal(column: str) -> str:
    """Return a column name as the table above writes it: ``E-Mail`` -> ``e_mail``."""
    return re.sub(r"[^a-z0-9]+", "_", column.strip().lower()).strip("_")


def to_members(
    data: DataFile, columns: Mapping[str, str]
) -> tuple[list[dict[str, Any]], list[Note]]:
    """Return a table's rows as members.yml entries, and notes on what was left out."""
    members: list[dict[str, Any]] = []
    notes: list[Note] = []
    used = set(columns.values())
    unused = list(dict.fromkeys(str(k) for row in data.value for k in row if k not in used))
    if unused:
        named = ", ".join(repr(column) for column in unused)
        plural = "s" * (len(unused) > 1)
        message = f"left out its column{plural} {named}: members.yml has no such field"
        notes.append(Note(data.shown, 1, message))
    for number, row in enumerate(data.value):
        line = data.lines[number] if number < len(data.lines) else 0
        cells = {key: cell(row, column) for key, column in columns.items()}
        name = full_name(cells)
        if not name:
            notes.append(Note(data.shown, line, "left out: this entry has no name"))
            continue
        member: dict[str, Any] = {"name": name}
        member |= {k: cells[k] for k in _TEXT_KEYS if cells.get(k)}
        if not _ACADEMIC.fullmatch(member.get("title", "")) and "position" not in member:
            member["position"] = member.pop("title")  # "PhD student KU Leuven": a post
        if cells.get("ems_member", "").lower() in _YES:
            member["ems_member"] = True
        found: list[str] = []  # addresses in a shown text ("Ada <ada@…>"): the page would show them
        for key in ("name", *_TEXT_KEYS):
            text, address = without_address(member.get(key, ""))
            if address:
                member[key], found = text, [*found, address]
                shown = member["name"] or "an entry"
                message = f"{shown}: took the address out of '{key}', which the page shows"
                notes.append(Note(data.shown, line, message))
        member = {key: value for key, value in member.items() if value != ""}
        if "name" not in member:
            notes.append(Note(data.shown, line, "left out: this entry has no name"))
            continue
        email = email_of(cells.get("email", "")) or (found[0] if len(found) == 1 else "")
        url = web_page(cells.get("url", ""))
        if url and addresses.in_name(url):  # the check refuses it: the page would show it
            notes.append(Note(data.shown, line, f"{member['name']}: left out the web address "
                              "that holds an e-mail address"))  # fmt: skip
            url = ""
        member |= ({"email": email} if email else {}) | ({"url": url} if url else {})
        if orcid := _ORCID.search(cells.get("orcid", "")):  # http://orcid.org/0000-…: the iD
            member["orcid"] = orcid[0]
        elif cells.get("orcid"):
            notes.append(Note(data.shown, line, f"{name}: left out the ORCID iD "
                              f"{cells['orcid']!r}, which is none"))  # fmt: skip
        member |= {"photo": cells["photo"]} if cells.get("photo") else {}  # found later
        member |= shown_email(cells)
        if cells.get("email") and not email:
            message = f"{name}: left out the address {cells['email']!r}"
            notes.append(Note(data.shown, line, message))
        members.append(member)
    return members, notes


def shown_email(cells: Mapping[str, str]) -> dict[str, bool]:
    """Return a member's ``show_email``, as a table's columns say it: ``false`` if either
    hides the address (``show_email: no``, ``hide_email: yes``), else ``true`` if either
    shows it; nothing if none says."""
    show, hide = (cells.get(key, "").lower() for key in ("show_email", "hide_email"))
    if hide in _YES or show in _NO:
        return {"show_email": False}
    return {"show_email": True} if show in _YES or hide in _NO else {}


def full_name(cells: Mapping[str, str]) -> str:
    """Return a person's name from a table's cells: the first name and the last, or the name
    and the last (``name,surname``: the page showed both), or the name alone."""
    first, last = cells.get("first") or cells.get("name", ""), cells.get("last", "")
    if last and last.casefold() in first.casefold().split():  # "Ada Lovelace", "Lovelace"
        return first
    return f"{first} {last}".strip()


def cell(row: Mapping[str, Any], column: str) -> str:
    """Return the text of one cell of a table ("" for none), its spaces made single."""
    value = row.get(column)
    return " ".join(str(value).split()) if value not in (None, "") else ""


def email_of(text: str) -> str:
    """Return the one address in ``text`` ("Ada <ada@example.org>", "mailto:…"), or ""."""
    found = list(addresses.find(text))
    return text[found[0][0] : found[0][1]] if len(found) == 1 else ""


def without_address(text: str) -> tuple[str, str]:
    """Return ``text`` without the e-mail address in it (and the ``<…>``, ``(…)`` or
    ``mailto:`` around it), and that address; ``text`` and "" if it holds none."""
    found = list(addresses.find(text))
    if not found:
        return text, ""
    kept, last = [], 0
    for start, end in found:  # each address, with the <…>, (…) or mailto: around it
        before, after = text[last:start].removesuffix("mailto:"), text[end:]
        if before.rstrip().endswith(("<", "(", "[")) and after.lstrip().startswith((">", ")", "]")):
            before, end = before.rstrip()[:-1], end + len(after) - len(after.lstrip()) + 1
        kept.append(before)
        last = end
    kept.append(text[last:])
    first = text[found[0][0] : found[0][1]]
    return " ".join(" ".join(kept).split()).strip(" ,;:-"), first


# In a members loop: an output of an address ({{ m.email }}, as it is or in other capitals),
# and the tags that make one depend on a condition ({% if … %} … {% endif %}, unless, case).
_PRINTED_ADDRESS = r"\{\{-?\s*%s\.e-?mail\s*(?:\|\s*(?:downcase|upcase|strip|escape)\s*)*-?\}\}"
_CONDITION = re.compile(r"\{%-?\s*(if|unless|case|endif|endunless|endcase)\b([^%]*)%\}")
# What makes a loop show fewer than all: its parameters (limit:, offset:), a filter of the
# list it goes over (where, slice…), and tags that skip or stop (an inner loop runs as often
# as a member's list has items: none, for many).
_LOOP_HEAD = re.compile(r"\s*(\w+)\s+in\s+([\w.\[\]'\"]+)(?:\s+reversed)?\s*")
_ALL_KEPT = re.compile(r"[^|]*(?:\|\s*(?:sort|sort_natural|reverse)\b[^|]*)*")
_SKIPS = re.compile(r"\{%-?\s*(?:for|tablerow|break|continue|cycle)\b")


@dataclass(frozen=True)
class Members:
    """The table of people that became ``data/members.yml``: its data file's name ("" for
    none), and its columns that members.yml keeps (what the site's list can show)."""

    name: str = ""
    columns: frozenset[str] = frozenset()


def shown_part(loop: liquid.Block) -> str:
    """Return the inside of a loop without its comments and raw blocks: what it shows."""
    inner, kept, last = loop.inner(), [], 0
    for block in liquid.blocks(inner):
        if block.tag in ("comment", "raw"):  # what the old page never showed
            kept.append(inner[last : block.start])
            last = block.end
    return "".join([*kept, inner[last:]])


def unkept_columns(loop: liquid.Block, members: Members) -> list[str]:
    """Return the columns that a loop over the members reads of each (prints or tests) and
    members.yml keeps none of (``{{ p.bio }}``, ``{% if p.class == 'pi' %}``): what the
    site's own list cannot show."""
    head = _LOOP_HEAD.fullmatch(loop.args)
    if not head:
        return []
    name = re.escape(head[1])
    read = re.compile(rf"(?<![\w.-]){name}\s*(?:\.\s*([\w-]+)|\[\s*['\"]([^'\"]+)['\"]\s*\])")
    found = dict.fromkeys(m[1] or m[2] for m in read.finditer(shown_part(loop)))
    return [column for column in found if column not in members.columns]


def prints_addresses(loop: liquid.Block, assigns: Mapping[str, str]) -> bool:
    """Tell a members loop that prints every member's address: over the whole list (as it
    is, or an ``assign`` of it only sorted), with no ``limit:``, inner loop or ``break``, an
    output of the loop's ``m.email`` (outside comments) under no condition but one on the
    address itself (``{% if m.email %}``). An address tested, in a class name, shown for
    some members only (``{% if m.public %}``, ``where:``) is not shown to all: the site,
    which shows all or none, hides them."""
    head = _LOOP_HEAD.fullmatch(loop.args)
    assigned = assigns.get(head[2], "") if head else ""
    if not head or not _ALL_KEPT.fullmatch(assigned.partition("=")[2]):
        return False
    shown = shown_part(loop)
    if _SKIPS.search(shown):
        return False
    printed = re.compile(_PRINTED_ADDRESS % re.escape(head[1]), re.IGNORECASE)
    open_: list[str] = []
    events = sorted(
        [(m.start(), "print", "") for m in printed.finditer(shown)]
        + [(m.start(), m[1], m[2]) for m in _CONDITION.finditer(shown)]
    )
    for _, kind, condition in events:
        if kind in ("if", "unless", "case"):
            open_.append(condition)
        elif kind.startswith("end"):
            if open_:
                open_.pop()
        elif all(
            re.fullmatch(rf"\s*{re.escape(head[1])}\.e-?mail\s*", held, re.IGNORECASE)
            for held in open_
        ):
            return True
    return False


def web_page(text: str) -> str:
    """Return a web address as the site wants it (https://…), or "" if it is none."""
    if text.startswith(("https://", "http://")):
        return text
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", text):
        return "https://" + text
    return ""


def dump_yaml(value: Any) -> str:
    """Return ``value`` as YAML the site's strict loader reads back as the same value."""
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)
