"""``content/data/members.yml``: the group's members, in the order the site shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .fields import Fields
from .parsing import Data

MEMBERS_FILE = "data/members.yml"
MEMBER_KEYS = frozenset(
    {"name", "title", "role", "ems_member", "position", "affiliation", "city", "country",
     "email", "show_email", "url"}
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
    url_line: int = field(default=0, compare=False)  # where members.yml has the url

    def shown_email(self, show_by_default: bool) -> str:
        """Return the address the members list shows ("" when it is kept private)."""
        shown = self.show_email if self.show_email is not None else show_by_default
        return self.email if shown else ""

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
        fields.warn_unknown(MEMBER_KEYS)
        errors += fields.errors
    return tuple(members), tuple(errors)


def member(fields: Fields) -> Member:
    """Return the member described by ``fields``."""
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
        url_line=fields.data.line_of("url"),
    )


def email_address(fields: Fields) -> str:
    """Return a plain e-mail address, telling the editor how to fix a link-style one."""
    address = fields.text("email")
    if not address:
        return ""
    bare = address.split(":", 1)[1].strip() if ":" in address else address
    if bare != address or not _looks_like_address(bare):
        example = bare if _looks_like_address(bare) else "name@example.org"
        fields.error(
            "email",
            f"'email' must be a plain address like {example!r} — without 'mailto:' or spaces",
        )
    return bare


def _looks_like_address(text: str) -> bool:
    local, _, host = text.partition("@")
    return bool(local) and "." in host and not any(c.isspace() or c in "<>,;:" for c in text)
