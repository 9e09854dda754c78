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
from urllib.parse import unquote

from ..errors import Problem
from ..markdown import addresses
from ..markdown.addresses import is_address, is_invisible
from .fields import Fields
from .front_matter import Data

MEMBERS_FILE = "data/members.yml"
MAX_PHOTO_BYTES = 500_000
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", re.ASCII)
_PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# Default-ignorable characters that are not format characters (Cf): the combining grapheme
# joiner, Hangul fillers, variation selectors; and the blank Braille pattern. A page shows
# none of them.
# Unicode's default ignorables that are not format characters, those not assigned yet (which
# browsers draw as nothing too: U+2065, U+FFF0–FFF8, U+E0080–E0FFF), and a blank Braille cell.
_ANY_SCRIPT = frozenset({"COMMON", "INHERITED"})  # punctuation, accents: of every alphabet
_EAST_ASIAN = {"HIRAGANA": "HAN", "KATAKANA": "HAN", "HANGUL": "HAN"}  # written together
_SYMBOLS = frozenset({"So", "Sm", "Sk", "Co", "Cn"})  # no one's name holds them
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
    errors += shared_addresses(members, data, path)
    return tuple(members), tuple(errors)


def name_key(name: str) -> str:
    """Return ``name`` as names are compared: NFKC, case-folded, without invisible characters
    (zero-width spaces and joiners, direction marks), its spaces collapsed."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(char for char in folded if not is_invisible(char)).split())


def name_skeleton(name: str) -> str:
    """Return ``name`` as it looks (after Unicode's "skeleton", UTS #39): each character made
    the one of its group of lookalikes that stands for them all (a Cyrillic е and a Latin e,
    a Lisu ꓑ and a P, a capital I and an l, a 0 and an O, "rn" and an m, "vv" and a w, "cl"
    and a d; a small capital ɴ
    and an n), in decomposed form, then case-folded. Two names of one skeleton look the same
    on a page."""
    standing, sequences = _lookalikes()
    written = unicodedata.normalize("NFKC", name)  # ſ is an s, ﬁ an f and an i, as name_key reads
    visible = "".join(c for c in unicodedata.normalize("NFD", written) if not is_invisible(c))
    shown = "".join(standing.get(char, char) for char in visible)
    for written, stands in sequences:
        shown = shown.replace(written, stands)
    shown = _DOTTED.sub(r"\1", shown)  # a dot above an i or a j, or a dotless ı, is its dot
    return " ".join(unicodedata.normalize("NFC", shown.casefold()).split())


@functools.cache
def _lookalikes() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Return the character that stands for each character's group of lookalikes, and the
    ASCII sequences that look like one letter ("rn": "m"): from Unicode's confusables (by
    confusable_homoglyphs, 0.9 MB of data read on the first call), its groups joined where
    they share a character, each stood for by an ASCII letter if it holds one; and Latin's
    small capitals, which that table leaves out."""
    from confusable_homoglyphs.confusables import confusables_data

    group: dict[str, str] = {}  # a character or sequence -> a member of its group (union-find)

    def root(item: str) -> str:
        while group.setdefault(item, item) != item:
            group[item] = group[group[item]]
            item = group[item]
        return item

    for written, glyphs in confusables_data.items():
        for glyph in glyphs:  # right-to-left letters come wrapped in direction marks
            one, other = root(written.strip("\u200e\u200f")), root(glyph["c"].strip("\u200e\u200f"))
            if one != other:  # the group's stand-in: the first of its members (``_standing``)
                first, then = (one, other) if _standing(one) < _standing(other) else (other, one)
                group[then] = first
    for code in [*range(0x0250, 0x02B0), *range(0x1D00, 0x1D80), *_LATIN_EXTENSIONS]:
        named = unicodedata.name(chr(code), "")
        if like := _LIKE_A_LETTER.fullmatch(named):  # ɴ, ɾ (an r with a fishhook), ⱥ
            group[chr(code)] = root(like[1].lower())
    standing = {item: root(item) for item in list(group) if len(item) == 1}
    sequences = (
        tuple(
            (item, root(item))
            for item in group
            if len(item) > 1 and item.isascii() and item.isalpha() and len(root(item)) == 1
        )
        + _SEQUENCES
    )
    return {c: s for c, s in standing.items() if c != s and len(s) == 1}, sequences


_DOTTED = re.compile("([ij])\u0307")
# Letters that look like one in most fonts, which the confusables leave out: "VValther", "Clolean".
_SEQUENCES = (("VV", "w"), ("vv", "w"), ("Cl", "d"), ("cl", "d"))
# Latin letters that no European language writes (Latin Extended-C, -D, -E), which read as
# the letter they are drawn from; the ones European names use (ł, ø, đ) stay themselves.
_LATIN_EXTENSIONS = [*range(0x2C60, 0x2C80), *range(0xA720, 0xA800), *range(0xAB30, 0xAB70)]
_LIKE_A_LETTER = re.compile(
    r"LATIN (?:LETTER SMALL CAPITAL|(?:SMALL|CAPITAL) LETTER) ([A-Z])(?: WITH [A-Z ]+)?"
)


@functools.cache
def _standing(item: str) -> tuple[int, int, str]:
    """Order the members of a group of lookalikes: one character before a sequence, ASCII
    lower case first, then ASCII, then by code point."""
    return (
        len(item) != 1,
        0 if item.islower() and item.isascii() else 1 if item.isascii() else 2,
        item,
    )


def mixed_word(name: str) -> str:
    """Return the first word of ``name`` that mixes alphabets (a Latin word with a Cyrillic
    ӏ, a Tai Le ᥒ in it) or holds a symbol (│), which no one's name does; "" if none."""
    from confusable_homoglyphs.categories import alias

    for word in re.split(r"[\s\-‐‑–]+", unicodedata.normalize("NFC", name)):
        scripts = (
            set()
            if word.isascii()
            else {  # ASCII is of one alphabet
                _EAST_ASIAN.get(alias(c), alias(c))
                for c in word
                if unicodedata.category(c)[0] in "LP"
            }
            - _ANY_SCRIPT
        )
        if len(scripts) > 1 or any(unicodedata.category(c) in _SYMBOLS for c in word):
            return word
    return ""


def odd_characters(name: str) -> str:
    """Return the characters of ``name`` a reader cannot tell from others (invisible ones,
    compatibility forms such as fullwidth letters, non-Latin letters that look Latin), by
    their Unicode names; "" if there are none."""
    if name.isascii():  # no ASCII character is any of those
        return ""
    odd = dict.fromkeys(
        char
        for char in name
        if is_invisible(char)
        or unicodedata.normalize("NFKC", char) != char
        or (not char.isascii() and _lookalikes()[0].get(char, char).casefold() != char.casefold())
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
        if word := mixed_word(one.name):
            message = (
                f"member {number} ({one.name}): the word {word!r} mixes alphabets or holds a "
                "symbol, so it can look like another name — write it in one alphabet"
            )
            problems.append(Problem(path, item.line_of("name"), message, warning=True))
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


def shared_addresses(members: Sequence[Member], data: Data, path: Path) -> list[Problem]:
    """Warn about each member whose address is an earlier member's, in any capitals: one
    person listed twice, or someone's address given to another."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, (item, one) in enumerate(zip(data.items, members, strict=True), 1):
        earlier = seen.setdefault(one.email.casefold(), number) if one.email else number
        if earlier != number:
            message = (
                f"member {number} ({one.name}): the address {one.email} is member {earlier}'s "
                f"too (line {data.items[earlier - 1].line_of('email')}) — if it is the same "
                "person, keep one entry; else correct the address"
            )
            problems.append(Problem(path, item.line_of("email"), message, warning=True))
    return problems


def difference(name: str, other: str, whose: str, whose_other: str) -> str:
    """Say how two names of one skeleton differ, for a reader who sees no difference."""
    if name == other:
        return "it is the same name"
    for owner, written in ((whose, name), (whose_other, other)):
        if odd := odd_characters(written):
            return f"{owner} holds {odd}"
    if name_key(name) != name_key(other):
        return "they differ in letters that look alike (I and l, 0 and O, rn and m)"
    return "they differ only in capitals, spaces or how accents are encoded"


def member(fields: Fields) -> Member:
    """Return the member described by ``fields``."""
    one = _member(fields)
    for key in (*_SHOWN_TEXTS, "url"):  # shown as they are: an address there is shown
        text = unquote(getattr(one, key))  # whatever show_email says; as a harvester reads
        # it: ada%40example.org, ada＠example.org, ada\u200b@example.org
        for start, end in addresses.find_any(text):
            fields.error(
                key,
                f"'{key}' holds the e-mail address {text[start:end]}, which the members page "
                "would show — put it under 'email:' (shown only with show_email: true)",
            )
            break
    for key in ("email", "url"):  # a stranger's form may change one: it must look as it is
        if word := lookalike_word(getattr(one, key)):
            odd = f" ({named})" if (named := odd_characters(word)) else ""
            fields.error(
                key,
                f"'{key}' holds {word!r}{odd}, which mixes alphabets or letters that look "
                "alike, so it can look like another address — write it in one alphabet",
            )
    return one


def lookalike_word(address: str) -> str:
    """Return the first part of an address (between its dots, slashes, ``@``…) that mixes
    alphabets, or holds among Latin letters a character that looks like one (a Cyrillic
    ``е``, a script ``ɡ``, an invisible one); "" if none: ``müller.de`` and ``пример.рф``
    are read as they are written."""
    for word in re.split(r"[.@/:?#=&_~%+\s\-]+", address):
        latin = any(char.isascii() and char.isalpha() for char in word)
        if mixed_word(word) or (latin and odd_characters(word)):
            return word
    return ""


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
