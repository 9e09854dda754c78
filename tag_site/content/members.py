"""``content/data/members.yml``: the group's members, in the order the site shows them.

Names are compared as readers see them (``lookalikes.name_skeleton``): two entries whose
names look the same are a warning at the later one's line, as are two with one address.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..errors import Problem
from ..markdown import addresses
from ..markdown.addresses import is_address
from .fields import Fields
from .front_matter import Data
from .lookalikes import (
    address_skeleton,
    difference,
    lookalike_problem,
    mixed_word,
    name_look,
)

MEMBERS_FILE = "data/members.yml"
MAX_PHOTO_BYTES = 500_000
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", re.ASCII)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
SHOWN_TEXTS = ("name", "title", "role", "position", "affiliation", "city", "country")
MEMBER_KEYS = frozenset(
    {"name", "title", "role", "ems_member", "position", "affiliation", "city", "country",
     "email", "show_email", "url", "orcid", "photo"}
)  # fmt: skip


@dataclass(frozen=True)
class Member:
    """One member of the group."""

    name: str
    title: str = ""
    role: str = ""
    ems_member: bool = False
    position: str = ""
    affiliation: str = ""
    city: str = ""
    country: str = ""
    email: str = ""
    show_email: bool | None = None  # None: as site.yml's 'members: show_email' says
    url: str = ""
    orcid: str = ""  # 0000-0002-1825-0097, its check digit checked
    photo: str = ""  # a picture of the site: /images/people/ada.jpg
    line: int = field(default=0, compare=False)  # where members.yml has the entry
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)  # and each key

    def shown_email(self, show_by_default: bool) -> str:
        """Return the address the members list shows ("" when it is kept private)."""
        shown = self.show_email if self.show_email is not None else show_by_default
        return self.email if shown else ""

    def line_of(self, key: str) -> int:
        """Return the line of members.yml that holds ``key`` (the entry's, if none does)."""
        return self.lines.get(key, self.line)

    def orcid_link(self) -> str:
        """Return the address of the member's ORCID record, or ""."""
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def full_name(self) -> str:
        """Return the name with its academic title: "Prof. Dr. Peter Benner"."""
        return f"{self.title} {self.name}".strip()

    def details(self) -> str:
        """Return position, affiliation, city and country, joined by commas."""
        parts = (self.position, self.affiliation, self.city, self.country)
        return ", ".join(part for part in parts if part)


def parse_members(data: Data, path: Path) -> tuple[tuple[Member, ...], tuple[Problem, ...]]:
    """Read the list of members, with an error at its line for each bad entry."""
    if data.value is None:
        return (), ()
    if not isinstance(data.value, list):
        message = "must be a list of members, each starting with '- name: …'"
        return (), (Problem(path, data.line, message),)
    members: list[Member] = []
    errors: list[Problem] = []
    for number, item in enumerate(data.items, 1):
        name = item.value.get("name") if isinstance(item.value, dict) else None
        fields = Fields(item, path, f"member {number}{f' ({name})' if name else ''}: ")
        if not isinstance(item.value, dict):
            fields.error("", "must be 'key: value' lines, starting with '- name: …'")
        members.append(member(fields))
        fields.warn_unknown(MEMBER_KEYS, hiding=True)
        errors += fields.errors
    errors += look_alike_names(members, data, path)
    errors += shared_addresses(members, data, path)
    return tuple(members), tuple(errors)


def look_alike_names(members: Sequence[Member], data: Data, path: Path) -> list[Problem]:
    """Warn about each member whose name looks the same as an earlier member's: the same
    letters in other case, spacing or Unicode form, invisible characters, lookalike letters."""
    problems: list[Problem] = []
    for number, (item, one) in enumerate(zip(data.items, members, strict=True), 1):
        if one.name and (word := mixed_word(one.name)):
            message = (
                f"member {number} ({one.name}): the word {word!r} mixes alphabets or holds a "
                "symbol, so it can look like another name — write it in one alphabet"
            )
            problems.append(Problem(path, item.line_of("name"), message, warning=True))
    for number, earlier in repeats(
        members, lambda one: one.name and name_look(one.name)
    ):  # "Benner" with a dot below an "r" looks like "Benner"
        one, other = members[number - 1], members[earlier - 1]
        how = difference(
            one.name, other.name, f"member {number}'s name", f"member {earlier}'s name"
        )
        message = (
            f"member {number} ({one.name}): the name looks the same as member {earlier}'s "
            f"({other.name}, line {data.items[earlier - 1].line_of('name')}): {how} — if it is "
            "the same person, keep one entry; else write the name as the person writes it"
        )
        problems.append(
            Problem(path, data.items[number - 1].line_of("name"), message, warning=True)
        )
    return problems


def shared_addresses(members: Sequence[Member], data: Data, path: Path) -> list[Problem]:
    """Warn about each member whose address is an earlier member's, however written (in any
    capitals, punycode, with lookalike letters): one person listed twice, or someone's
    address given to another."""
    return [
        Problem(
            path,
            data.items[number - 1].line_of("email"),
            f"member {number} ({members[number - 1].name}): the address "
            f"{members[number - 1].email} is member {earlier}'s too (line "
            f"{data.items[earlier - 1].line_of('email')}) — if it is the same person, keep one "
            "entry; else correct the address",
            warning=True,
        )
        for number, earlier in repeats(members, lambda one: address_skeleton(one.email))
    ]


def repeats(members: Sequence[Member], key: Callable[[Member], str]) -> Iterator[tuple[int, int]]:
    """Yield (number, earlier) for each member whose ``key`` (none if "") is an earlier
    member's, both counted from 1."""
    seen: dict[str, int] = {}
    for number, one in enumerate(members, 1):
        if (found := key(one)) and (earlier := seen.setdefault(found, number)) != number:
            yield number, earlier


def member(fields: Fields) -> Member:
    """Return the member described by ``fields``."""
    one = _member(fields)
    for key in (*SHOWN_TEXTS, "url"):  # shown as they are: an address there is shown
        text = unquote(getattr(one, key))  # whatever show_email says; as a harvester reads
        # it: ada%40example.org, ada＠example.org, ada\u200b@example.org; as people read
        # one spelled out: ada (at) example.org, ada [at] example [dot] org, ada @ example.org
        if addresses.find_any(text) or addresses.read_any(addresses.spoken(text)[0]):
            fields.error(  # the address not written out: the message is public (a CI log,
                key,  # the bot's comment), and the address may be one members.yml hides
                f"'{key}' holds an e-mail address, which the members page would show — put "
                "it under 'email:' (shown only with show_email: true)",
            )
    if problem := lookalike_problem("email", one.email):  # the url's: as any web address's
        fields.error("email", problem)
    return one


def _member(fields: Fields) -> Member:
    return Member(
        name=fields.text("name", required=True),
        title=fields.text("title"),
        role=fields.text("role"),
        ems_member=fields.flag("ems_member"),
        position=fields.text("position"),
        affiliation=fields.text("affiliation"),
        city=fields.text("city"),
        country=fields.text("country"),
        email=email_address(fields),
        show_email=fields.flag("show_email") if "show_email" in fields.values else None,
        url=fields.web_address("url"),
        orcid=orcid(fields),
        photo=photo(fields),
        line=fields.data.line,
        lines=fields.data.lines,
    )


def orcid(fields: Fields) -> str:
    """Return the member's ORCID iD (its address read as the iD), if its check digit fits."""
    written = fields.text("orcid").strip().removeprefix("https://orcid.org/")
    if not written:
        return ""
    if not _ORCID.fullmatch(written):
        fields.error("orcid", f"'orcid' {written!r} is not an ORCID iD like 0000-0002-1825-0097")
        return ""
    expected = orcid_check_digit(written.replace("-", "")[:15])
    if written[-1] != expected:
        fields.error(
            "orcid",
            f"'orcid' {written} is not an ORCID iD: its last character would be {expected} — "
            "copy it from the member's page on orcid.org",
        )
        return ""
    return written


def orcid_check_digit(digits: str) -> str:
    """Return the check character of the 15 first digits of an ORCID iD (ISO 7064 11,2)."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def photo(fields: Fields) -> str:
    """Return the site path of the member's picture (a .jpg, .png or .webp of the site)."""
    path = fields.text("photo")
    site_path = path.startswith("/") and not path.startswith("//")  # //host/x is elsewhere
    if path and not (site_path and path.lower().endswith(PHOTO_SUFFIXES)):
        fields.error("photo", "'photo' must be a picture of the site, like /images/people/ada.jpg")
        return ""
    return path


def email_address(fields: Fields) -> str:
    """Return a plain e-mail address, telling the editor how to fix a link-style one."""
    address = fields.text("email")
    if not address:
        return ""
    bare = address.split(":", 1)[1].strip() if ":" in address else address
    if bare != address or not is_address(bare):
        example = bare if is_address(bare) else "name@example.org"
        fields.error(
            "email",
            f"'email' must be a plain address like {example!r} — without 'mailto:' or spaces",
        )
    return bare
