"""``content/data/members.yml``: the group's members, in the order the site shows them.

Names are compared as readers see them: ``name_key`` is one person's name however it is
written (case, spacing, Unicode form, invisible characters), ``name_skeleton`` also makes
the letters of other scripts that look Latin (Unicode's confusables) Latin; two entries of
one skeleton are a warning at the later one's line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..markdown import addresses
from ..markdown.addresses import is_address
from .fields import Fields
from .front_matter import Data

MEMBERS_FILE = "data/members.yml"
MAX_PHOTO_BYTES = 500_000
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", re.ASCII)
_PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# Default-ignorable characters that are not format characters (Cf): the combining grapheme
# joiner, Hangul fillers, variation selectors; and the blank Braille pattern. A page shows
# none of them.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)
_SHOWN_TEXTS = ("name", "title", "role", "position", "affiliation", "city", "country")
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
    url_line: int = field(default=0, compare=False)  # where members.yml has the url
    orcid: str = ""  # 0000-0002-1825-0097, its check digit checked
    photo: str = ""  # a picture of the site: /images/people/ada.jpg
    photo_line: int = field(default=0, compare=False)

    def shown_email(self, show_by_default: bool) -> str:
        """Return the address the members list shows ("" when it is kept private)."""
        shown = self.show_email if self.show_email is not None else show_by_default
        return self.email if shown else ""

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
        fields.warn_unknown(MEMBER_KEYS)
        errors += fields.errors
    errors += look_alike_names(members, data, path)
    return tuple(members), tuple(errors)


def name_key(name: str) -> str:
    """Return ``name`` as names are compared: NFKC, case-folded, without invisible characters
    (zero-width spaces and joiners, direction marks), its spaces collapsed."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(char for char in folded if not is_invisible(char)).split())


def name_skeleton(name: str) -> str:
    """Return ``name`` as it looks: its ``name_key`` with each letter that looks like a Latin
    one (Unicode's confusables: a Cyrillic е, a Lisu ꓑ; a small capital ɴ) made that letter.
    Two names of one skeleton look the same on a page."""
    twins = _twins()
    return "".join(twins.get(char, char) for char in name_key(name))


@functools.cache
def _twins() -> dict[str, str]:
    """Return each character that looks like an ASCII letter or digit, with that character
    (case-folded): Unicode's confusables (by confusable_homoglyphs, 0.9 MB of data read on
    the first call), and Latin's small capitals, which that table leaves out."""
    from confusable_homoglyphs.confusables import confusables_data

    twins = {}
    for char, glyphs in confusables_data.items():
        ascii_twin = next((g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii()), "")
        if len(char) == 1 and not char.isascii() and ascii_twin.isalnum():
            twins[char.casefold()] = ascii_twin.casefold()
    for code in [*range(0x0250, 0x02B0), *range(0x1D00, 0x1D80)]:
        named = unicodedata.name(chr(code), "")
        if capital := re.fullmatch(r"LATIN LETTER SMALL CAPITAL ([A-Z])", named):
            twins[chr(code)] = capital[1].lower()
    return twins


def is_invisible(char: str) -> bool:
    """Tell a character that a page does not show: a format character (a zero-width space or
    joiner, a direction mark, a soft hyphen) or another of Unicode's default ignorables."""
    return unicodedata.category(char) == "Cf" or bool(_IGNORABLE.match(char))


def odd_characters(name: str) -> str:
    """Return the characters of ``name`` a reader cannot tell from others (invisible ones,
    compatibility forms such as fullwidth letters, non-Latin letters that look Latin), by
    their Unicode names; "" if there are none."""
    odd = dict.fromkeys(
        char
        for char in name
        if is_invisible(char)
        or unicodedata.normalize("NFKC", char) != char
        or _twins().get(char.casefold(), char.casefold()) != char.casefold()
    )
    named = [f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip() for char in odd]
    return ", ".join(named[:3]) + (", …" if len(named) > 3 else "")


def look_alike_names(members: Sequence[Member], data: Data, path: Path) -> list[Problem]:
    """Warn about each member whose name looks the same as an earlier member's: the same
    letters in other case, spacing or Unicode form, invisible characters, lookalike letters."""
    problems: list[Problem] = []
    seen: dict[str, tuple[int, Member]] = {}
    for number, (item, one) in enumerate(zip(data.items, members, strict=True), 1):
        if not one.name:
            continue
        first = seen.setdefault(name_skeleton(one.name), (number, one))
        if first[1] is one:
            continue
        earlier, other = first
        how = difference(
            one.name, other.name, f"member {number}'s name", f"member {earlier}'s name"
        )
        line = data.items[earlier - 1].line_of("name")
        message = (
            f"member {number} ({one.name}): the name looks the same as member {earlier}'s "
            f"({other.name}, line {line}): {how} — if it is the same person, keep one entry; "
            "else write the name as the person writes it"
        )
        problems.append(Problem(path, item.line_of("name"), message, warning=True))
    return problems


def difference(name: str, other: str, whose: str, whose_other: str) -> str:
    """Say how two names of one skeleton differ, for a reader who sees no difference."""
    if name == other:
        return "it is the same name"
    for owner, written in ((whose, name), (whose_other, other)):
        if odd := odd_characters(written):
            return f"{owner} holds {odd}"
    return "they differ only in capitals, spaces or how accents are encoded"


def member(fields: Fields) -> Member:
    """Return the member described by ``fields``."""
    one = _member(fields)
    for key in _SHOWN_TEXTS:  # shown as they are: an address there is shown whatever
        text = getattr(one, key)  # show_email says
        for start, end in addresses.find(text):
            fields.error(
                key,
                f"'{key}' holds the e-mail address {text[start:end]}, which the members page "
                "would show — put it under 'email:' (shown only with show_email: true)",
            )
            break
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
        url_line=fields.data.line_of("url"),
        orcid=orcid(fields),
        photo=photo(fields),
        photo_line=fields.data.line_of("photo"),
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
    if path and not (site_path and path.lower().endswith(_PHOTO_SUFFIXES)):
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
