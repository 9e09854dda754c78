"""A hidden address spelled out in words, as people write one to hide it from harvesters:
``b e n n e r at mpi dot …``, ``ben·ner (at) mpi-magdeburg [dot] mpg``.

The words of a text (as it looks: ``text_skeleton``) are read once. The pieces of a part of
an address (``benner``, ``mpi``…) are a few marks apart at most, so the words are joined
into one string, a separator where they are farther apart (``Words``): a part written whole
or in pieces is then one comparison of strings at a word's start. The hidden addresses are
found by the first letters of their first part (``Spellings``), so each word is compared
with those few only, whatever the number of hidden addresses or the length of one.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from array import array
from collections.abc import Mapping
from typing import NamedTuple

from ..content.lookalikes import address_skeleton, letters_skeleton, text_skeleton
from ..markdown.addresses import address_form

_WORD_RUN = re.compile(r"[^\W_]+")
# What may stand between two parts of an address spelled out: marks and spaces, as many as
# a "  [dot]  " takes, and words people write for "@" and "." (in some languages), a circled
# ⓐ, TeX's commands around a word, a note's number.
_GAP = 16
_PIECE_GAP = 3  # between two pieces of one part: "b e n", "ben·ner"
_APART = "\0"  # between two words farther apart than pieces are: in no word
_HOST_MARK = re.compile(r"[./_-]")  # what joins the parts of a web address: no "@" read there
_JOINING = (
    "at", "a", "ad", "sign", "arroba", "arobase", "chez", "ät", "klammeraffe", "snabel", "kukac",
    "zavinac", "małpa", "dot", "punkt", "point", "punto", "ponto", "pünktchen", "period",
    "kropka", "tečka", "pont", "piste", "dash", "hyphen", "minus", "tiret", "strich",
    "bindestrich", "trattino", "guion", "mathrm", "text", "textrm", "mathit", "mathtt", "mathsf",
    "texttt", "rm", "tt", "1", "2", "3",
)  # fmt: skip
_HEAD = 4  # letters of a first part it is found by
_FEW = 64  # first parts looked for in a whole text before it is read word by word
_APART_GAP = re.compile(rf"[\W_]{{{_PIECE_GAP + 1},}}")  # between words that are no pieces
_PIECES_GAP = re.compile(rf"[^\w{_APART}]++|_++")  # between the pieces of a part
# How a text is read, each way with the addresses read the same: as it looks, word by word
# ("LoveIace" with a capital I is "lovelace", "bemd" is "bernd"), and letter by letter,
# case folded ("v i c t o r i t a": no "vi" read as one; "MPI DOT DE").
READINGS = (text_skeleton, letters_skeleton)

Spelling = tuple[list[str], int, int]  # an address's parts, its member, how many are local


class Spellings(NamedTuple):
    """The hidden addresses, each by its first part (``benner``): its parts, its member and
    how many of the parts are its local part; and the first parts by their first ``_HEAD``
    letters (a shorter one by itself)."""

    firsts: dict[str, list[Spelling]]
    by_head: dict[str, list[str]]
    letters: frozenset[str]  # the first letter of each first part: a word starts with one


class Hidden(dict[str, int]):
    """The addresses members.yml hides, by how each looks (``address_skeleton``), with the
    first member who has it (``checks.site.hidden_addresses``); the same by its letters
    (``letters``: see ``READINGS``); and how each is spelled out, worked out once."""

    def __init__(self) -> None:
        super().__init__()
        self.letters: dict[str, int] = {}

    def hide(self, address: str, number: int) -> None:
        """Add member ``number``'s ``address`` (the first member who has it is kept)."""
        self.setdefault(address_skeleton(address), number)
        self.letters.setdefault(letters_skeleton(address_form(address)), number)

    @functools.cached_property
    def fingerprint(self) -> str:
        """Return a short text that differs for any other set of hidden addresses."""
        return hashlib.sha256("\0".join(sorted(self)).encode()).hexdigest()

    @functools.cached_property
    def spellings(self) -> tuple[Spellings, Spellings]:
        """Return ``spellings`` of these addresses, as each of ``READINGS`` reads them."""
        return spellings(self), spellings(self.letters)


def spellings(hiding: Mapping[str, int]) -> Spellings:
    """Return the ``Spellings`` of the hidden addresses ``hiding`` (by how each looks)."""
    firsts: dict[str, list[Spelling]] = {}
    for skeleton, number in hiding.items():
        parts = _WORD_RUN.findall(skeleton)
        if len(parts) > 1:
            locals_ = len(_WORD_RUN.findall(skeleton.rpartition("@")[0]))
            firsts.setdefault(parts[0], []).append((parts, number, locals_))
    by_head: dict[str, list[str]] = {}
    for first in firsts:
        by_head.setdefault(first[:_HEAD], []).append(first)
    return Spellings(firsts, by_head, frozenset(first[0] for first in firsts))


class Words:
    """The words of a text, joined into one string (``joined``), with ``_APART`` between two
    farther apart than the pieces of one part; each word's place in the text and in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends = array("q"), array("q")  # in the text
        self.offsets, self.joined_ends = array("q"), array("q")  # in ``joined``
        pieces: list[str] = []
        offset = 0
        for word in _WORD_RUN.finditer(text):
            if self.ends and word.start() - self.ends[-1] > _PIECE_GAP:
                pieces.append(_APART)
                offset += len(_APART)
            pieces.append(word[0])
            self.starts.append(word.start())
            self.ends.append(word.end())
            self.offsets.append(offset)
            offset += len(word[0])
            self.joined_ends.append(offset)
        self.joined = "".join(pieces)

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, index: int) -> str:
        """Return the word ``index``."""
        return self.joined[self.offsets[index] : self.joined_ends[index]]

    def spelled(self, part: str, index: int) -> int:
        """Return the last word of ``part`` written from word ``index`` on, whole or in
        pieces (-1 if it is not)."""
        offset = self.offsets[index]
        if not self.joined.startswith(part, offset):
            return -1
        last = bisect.bisect_left(self.joined_ends, offset + len(part), index)
        return last if last < len(self) and self.joined_ends[last] == offset + len(part) else -1

    def gap(self, index: int) -> tuple[int, int]:
        """Return where the text between word ``index`` and the one before starts and ends."""
        return self.ends[index - 1], self.starts[index]


def spelled_out(hiding: Mapping[str, int], text: str) -> dict[int, int]:
    """Return the members whose hidden address ``text`` spells out, each with where (in the
    text as it looks): its parts (the words of its local part and of its host) in order,
    each written whole or in pieces a few marks apart ("b e n n e r", "ben·ner"), nothing
    between two parts but at most 16 marks and spaces and two of the words people write for
    "@", "." and "-" ("at", "dot", "hyphen", "punkt", "arobase", TeX's "mathrm"), however
    bracketed, quoted or dashed: ``benner“@”mpi-magdeburg.mpg.de``, ``benner -at- mpi
    (dash) magdeburg -dot- mpg``. Letters that look alike are read as one (lookalikes)."""
    found: dict[int, int] = {}
    for number, offset in spelled_places(hiding, text):
        found.setdefault(number, offset)
    return found


def spelled_places(hiding: Mapping[str, int], text: str) -> list[tuple[int, int]]:
    """Return each place ``text`` spells out a hidden address (see ``spelled_out``): its
    member and where, in the text as it looks, in order; a place read both ways once."""
    if not hiding:
        return []
    if not isinstance(hiding, Hidden):
        return _found(spellings(hiding), text_skeleton(text))
    found = [
        place
        for read, spelling in zip(READINGS, hiding.spellings, strict=True)
        for place in _found(spelling, read(text))
    ]
    return sorted(set(found), key=lambda place: (place[1], place[0]))


def _found(spelling: Spellings, text: str) -> list[tuple[int, int]]:
    """Return each place ``text`` (as read) spells out a hidden address, with its member
    (``spelled_places``). A text in which the words, joined, hold the start of no first part
    (of a few) is passed at the speed of two regular expressions, before it is read word by
    word."""
    firsts, by_head, letters = spelling
    if len(by_head) <= _FEW:
        joined = _PIECES_GAP.sub("", _APART_GAP.sub(_APART, text))  # as ``Words.joined``
        if not any(head in joined for head in by_head):
            return []
    words = Words(text)
    found: list[tuple[int, int]] = []
    for index, offset in enumerate(words.offsets):
        if words.joined[offset] not in letters:
            continue
        head = words.joined[offset : offset + _HEAD]
        for end in range(1, len(head) + 1):
            for first in by_head.get(head[:end], ()):
                last = words.spelled(first, index)
                for parts, number, locals_ in firsts[first] if last >= 0 else ():
                    if _spelled_from(words, last + 1, parts, locals_):
                        found.append((number, words.starts[index]))
    return found


@functools.cache
def _joining() -> frozenset[str]:
    """Return the words that may stand between two parts of an address, as each of
    ``READINGS`` reads them, in small letters or capitals ("DOT")."""
    forms = (form for word in _JOINING for form in (word, word.upper(), word.title()))
    return frozenset(read(form) for form in forms for read in READINGS)


def _spelled_from(words: Words, at: int, parts: list[str], locals_: int) -> bool:
    """Tell the words from ``at`` on (those before end in the first of ``parts``) that spell
    the rest of ``parts`` out, each after a gap or a joining word (see ``spelled_out``);
    where the "@" was (after the ``locals_`` parts), a mark that joins the parts of a web
    address alone ("jane.doe-lab.org") spells none."""
    for number, part in enumerate(parts[1:], 1):
        joining = 0
        while True:
            if at == len(words):
                return False
            start, end = words.gap(at)
            if end - start > _GAP:
                return False
            if (last := words.spelled(part, at)) >= 0:
                at_sign = number == locals_ and not joining  # the "@"'s place: a mark alone
                if at_sign and _HOST_MARK.fullmatch(words.text, start, end):
                    return False
                at = last + 1
                break
            if joining == 2 or words.word(at) not in _joining():
                return False
            joining, at = joining + 1, at + 1
    return True
