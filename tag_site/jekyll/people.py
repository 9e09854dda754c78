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
from pathlib import Path
from typing import Any

import yaml

from .. import addresses
from .reading import Note, decode

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
    "url": ("url", "web", "website", "homepage", "home_page", "webpage", "web_page", "www"),
}  # fmt: skip
_YES = {"yes", "y", "true", "x", "1", "ja", "oui", "si", "sì"}


def load_data(path: Path, shown: str) -> tuple[Any, list[Note]]:
    """Return the value of a data file (YAML, JSON, CSV or TSV) and what could not be read."""
    text = decode(path.read_bytes())
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            return read_table(text, "\t" if suffix == ".tsv" else ""), []
        if suffix == ".json":
            return json.loads(text), []
        return yaml.safe_load(text), []
    except (ValueError, yaml.YAMLError, csv.Error) as error:
        return None, [Note(shown, 0, f"left out: it cannot be read ({error})")]


def read_table(text: str, delimiter: str) -> list[dict[str, str]]:
    """Return the rows of a CSV text with a header row (``,`` or ``;``, as the file has it)."""
    if not delimiter:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [{str(k).strip(): (v or "").strip() for k, v in row.items() if k} for row in rows]


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
    details = set(found) - {"name", "first", "last", "title"}
    called_so = name in ("members", "people", "team", "supporters")
    return found if named and (len(details) >= 2 or called_so) else None


def normal(column: str) -> str:
    """Return a column name as the table above writes it: ``E-Mail`` -> ``e_mail``."""
    return re.sub(r"[^a-z0-9]+", "_", column.strip().lower()).strip("_")


def to_members(
    rows: list[Mapping[str, Any]], columns: Mapping[str, str], shown: str, first_line: int
) -> tuple[list[dict[str, Any]], list[Note]]:
    """Return the rows as members.yml entries, and notes on what was left out."""
    members: list[dict[str, Any]] = []
    notes: list[Note] = []
    for number, row in enumerate(rows):
        line = first_line + number

        def cell(key: str, row: Mapping[str, Any] = row) -> str:
            value = row.get(columns[key]) if key in columns else None
            return " ".join(str(value).split()) if value not in (None, "") else ""

        name = cell("name") or f"{cell('first')} {cell('last')}".strip()
        if not name:
            notes.append(Note(shown, line, "left out: this entry has no name"))
            continue
        member: dict[str, Any] = {"name": name}
        for key in ("title", "role", "position", "affiliation", "city", "country"):
            if cell(key):
                member[key] = cell(key)
        if cell("ems_member").lower() in _YES:
            member["ems_member"] = True
        email, url = email_of(cell("email")), web_page(cell("url"))
        member |= {"email": email} if email else {}
        member |= {"url": url} if url else {}
        if cell("email") and not email:
            notes.append(Note(shown, line, f"{name}: left out the address {cell('email')!r}"))
        members.append(member)
    return members, notes


def email_of(text: str) -> str:
    """Return the one address in ``text`` ("Ada <ada@example.org>", "mailto:…"), or ""."""
    found = list(addresses.find(text))
    return text[found[0][0] : found[0][1]] if len(found) == 1 else ""


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
