"""What looks like what: names and addresses as readers see them.

``name_key`` is one person's name however it is written (case, spacing, Unicode form,
invisible characters); ``name_skeleton`` also makes the letters of other scripts that look
Latin (Unicode's confusables) Latin, so that two names of one skeleton look the same on a
page. ``mixed_word`` finds a word that mixes alphabets, ``lookalike_word`` the part of an
address that could pass for another (``exаmple.org`` with a Cyrillic ``а``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..markdown.addresses import address_form, is_invisible, without_invisible

_ANY_SCRIPT = frozenset({"COMMON", "INHERITED"})  # punctuation, accents: of every alphabet
_EAST_ASIAN = {"HIRAGANA": "HAN", "KATAKANA": "HAN", "HANGUL": "HAN"}  # written together
_SYMBOLS = frozenset({"So", "Sm", "Sk", "Co", "Cn"})  # no one's name holds them


def name_key(name: str) -> str:
    """Return ``name`` as names are compared: NFKC, case-folded, without invisible characters
    (zero-width spaces and joiners, direction marks), its spaces collapsed."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(char for char in folded if not is_invisible(char)).split())


def name_skeleton(name: str) -> str:
    """Return ``name`` as it looks (after Unicode's "skeleton", UTS #39): each character made
    the one of its group of lookalikes that stands for them all (a Cyrillic е and a Latin e,
    a Lisu ꓑ and a P, a capital I and an l, a 0 and an O, "rn" and an m, "vv" and a w, "cl"
    and a d; a small capital ɴ and an n), in decomposed form, case-folded, without spaces (a
    hair space inside a word, "Pe\u200ater", is hardly seen). Two names of one skeleton look
    the same on a page."""
    standing, sequences = _lookalikes()
    written = unicodedata.normalize("NFKC", name)  # ſ is an s, ﬁ an f and an i, as name_key reads
    visible = "".join(c for c in unicodedata.normalize("NFD", written) if not is_invisible(c))
    shown = "".join(standing.get(char, char) for char in visible)
    for written, stands in sequences:
        shown = shown.replace(written, stands)
    shown = _DOTTED.sub(r"\1", shown)  # a dot above an i or a j, or a dotless ı, is its dot
    return "".join(unicodedata.normalize("NFC", shown.casefold()).split())


def text_skeleton(text: str) -> str:
    """Return a whole text as ``name_skeleton`` reads a name, its spaces and line ends kept:
    each word as it looks (read at once, not a character at a time: ASCII text as bytes)."""
    table, ascii_table, sequences = _text_tables()
    if text.isascii():
        shown = text.encode("ascii").translate(ascii_table).decode("utf-8")
    else:
        written = unicodedata.normalize("NFKC", text)
        shown = without_invisible(unicodedata.normalize("NFD", written)).translate(table)
    for written, stands in sequences:  # in name_skeleton's order ("ff" before "ffi")
        shown = shown.replace(written, stands)
    return unicodedata.normalize("NFC", _DOTTED.sub(r"\1", shown).casefold())


def letters_skeleton(text: str) -> str:
    """Return ``text`` with each character as it looks alone, case folded first: no two
    letters read as one ("r n" spelled apart is "rn" joined, as "rn" is; ``text_skeleton``
    makes "rn" an "m", which "r n" never looks like), "MPI" as "mpi" (``text_skeleton`` makes
    a capital I an l)."""
    table, ascii_table, _ = _text_tables()
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isascii():
        return folded.encode("ascii").translate(ascii_table).decode("utf-8")
    shown = without_invisible(unicodedata.normalize("NFD", folded)).translate(table)
    return unicodedata.normalize("NFC", _DOTTED.sub(r"\1", shown))


@functools.cache
def _text_tables() -> tuple[dict[int, str], bytes, tuple[tuple[str, str], ...]]:
    """Return the lookalikes' stand-ins as ``str.translate`` takes them, those of ASCII as
    ``bytes.translate`` does, and the sequences that look like one letter."""
    standing, sequences = _lookalikes()
    table = {ord(char): stands for char, stands in standing.items()}
    ascii_table = bytes(
        ord(table.get(code, chr(code))) if ord(table.get(code, chr(code))) < 128 else code
        for code in range(256)
    )
    return table, ascii_table, sequences


def unmarked(text: str) -> str:
    """Return ``text`` without its combining marks (accents, a dot below: a reader may not
    see them, or see them as a speck): "Després" is "Despres"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def name_look(name: str) -> str:
    """Return what a reader goes by to tell one name from another: its letters and digits
    as they look (``name_skeleton``), without marks (``unmarked``) or punctuation: "Bruno
    Després", "Bruno-Despres", "Bruno Despres." and "Bruno ‘Despres’" are Bruno Despres."""
    return "".join(char for char in unmarked(name_skeleton(name)) if char.isalnum())


def address_skeleton(address: str) -> str:
    """Return an e-mail address as it looks (``name_skeleton`` of its ``address_form``, case
    folded first, as UTS #39 says for what is read in any case): two a reader cannot tell
    apart (in other capitals or Unicode form, a Cyrillic ``а``, punycode) have one."""
    return name_skeleton(address_form(address).casefold()) if address else ""


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
    for word in re.split(r"[\s\-‐‑–]+", unicodedata.normalize("NFC", name)):
        scripts = (
            set()
            if word.isascii()
            else {script(c) for c in word if unicodedata.category(c)[0] in "LP"} - _ANY_SCRIPT
        )  # ASCII is of one alphabet
        if len(scripts) > 1 or any(unicodedata.category(c) in _SYMBOLS for c in word):
            return word
    return ""


@functools.lru_cache(maxsize=4096)
def script(character: str) -> str:
    """Return the alphabet of a letter or a mark (CJK's one: a name mixes Han and kana), as
    Unicode's table of confusables names it: looked up once per character (the library
    searches its table on each call, and a long members.yml asks a million times)."""
    from confusable_homoglyphs.categories import alias

    name = str(alias(character))
    return _EAST_ASIAN.get(name, name)


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


def difference(name: str, other: str, whose: str, whose_other: str) -> str:
    """Say how two names of one look (``name_look``) differ, for a reader who sees no
    difference, or little."""
    if name == other:
        return "it is the same name"
    for owner, written in ((whose, name), (whose_other, other)):
        if odd := odd_characters(written):
            return f"{owner} holds {odd}"
    if name_key(name).replace(" ", "") == name_key(other).replace(" ", ""):
        if name_key(name) != name_key(other):
            return "they differ only in where a space is"
    elif unmarked(name_skeleton(name)) != unmarked(name_skeleton(other)):
        return "they differ only in punctuation (a dot, a hyphen, quotes)"
    elif name_skeleton(name) != name_skeleton(other):  # one the same but for marks
        return "they differ only in accents or marks (é and e, a dot below a letter)"
    elif name_key(name) != name_key(other):
        return "they differ in letters that look alike (I and l, 0 and O, rn and m)"
    return "they differ only in capitals, spaces or how accents are encoded"


def lookalike_word(address: str) -> str:
    """Return the first part of an address (between its dots, slashes, ``@``…) that mixes
    alphabets, holds among Latin letters a character that looks like one (a Cyrillic ``е``,
    a script ``ɡ``, an invisible one), or is written in another alphabet's letters that all
    look Latin (``аррӏе`` in Cyrillic reads "apple"); "" if none: ``müller.de`` and
    ``пример.рф`` are read as they are written."""
    standing = _lookalikes()[0]
    for word in re.split(r"[.@/:?#=&_~%+\s\-]+", address):
        if word.isascii():  # of one alphabet, and none of its letters passes for another
            continue
        latin = any(char.isascii() and char.isalpha() for char in word)
        looks_latin = not word.isascii() and all(
            (stands := standing.get(char, char)).isascii() and stands.isalnum() for char in word
        )
        if mixed_word(word) or (latin and odd_characters(word)) or looks_latin:
            return word
    return ""


def lookalike_problem(key: str, address: str) -> str:
    """Say what is wrong with an address (an e-mail or a web address) at ``key`` that could
    pass for another; "" if nothing is: a stranger's form may write one, and an editor
    approve what looks like the address meant."""
    if not (word := lookalike_word(address)):
        return ""
    odd = f" ({named})" if (named := odd_characters(word)) else ""
    return (
        f"'{key}' holds {word!r}{odd}, which mixes alphabets or letters that look alike, so "
        "it can look like another address — write it in one alphabet, in letters that do "
        "not pass for Latin ones"
    )
