"""E-mail addresses in text: found in linear time, and written so harvesters cannot read them.

An address is what a harvester's usual pattern ``[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+`` matches. The
scan starts from each ``@`` and looks at each character at most twice, so no text, however
long or strange, makes it slow (a regular expression for the same pattern is quadratic).
Every part of the engine that asks whether a text is or holds an address asks here.
"""

from __future__ import annotations

import bisect
import contextlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple
from urllib.parse import unquote

from markupsafe import Markup

# What a text is made of, as a harvester reads it: runs of %-escapes (decoded, as in a web
# address), a tag or comment of HTML that shows nothing between the words it stands in (read
# as nothing: <em>ada</em>@example.org is ada@example.org on the page; one holding "@" or "%"
# is read as written, for the address in it), a character reference (as the character it
# stands for if that may be part of an address, an invisible one as nothing), an escaped
# "\@" (as "@": GitHub and the pages show it so), runs of ASCII but "%", "&", "<" and "\"
# (as they are), any other character (NFKC: "＠" is "@"). Each
# alternative stops at the next "<", so that the reading is linear.
_INLINE = (
    "a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|s|samp|small|span|strike"
    "|strong|sub|sup|time|tt|u|var|wbr"
)
_UNIT = re.compile(
    r"(?:%[0-9A-Fa-f]{2})+"
    rf"|</?(?:{_INLINE})(?=[\s/>])[^<>@%]*>|<!--[^<>@%-]*-->"
    r"|&(?:#[0-9]++;?|#[xX][0-9a-fA-F]++;?|[A-Za-z][A-Za-z0-9]{1,31};)"
    r"|\\@|(?-i:[\x00-\x24\x27-\x3b\x3d-\x5b\x5d-\x7f]+)|.",  # (İ, K, ſ: no ASCII run)
    re.DOTALL | re.IGNORECASE,
)
# What people write for an address's "@" and dots to hide it from harvesters (``spoken``):
# "(at)", "[dot]", "{at}", "<dot>"; "@" or "." with spaces or a line's end around; a dash
# or a dot that looks like "-" or "."; with words, " at " and " dot " between two words.
# Each alternative starts with a character of its own, so that the scan is quick, and a run
# of spaces is tried from its start only, so that it is linear.
_DASHES = "[\u2010-\u2015\u2212\u2043\u02d7\u058a\ufe58\ufe63\uff0d]"
_DOTS = "[\u00b7\u0387\u2024\u2027\u2219\u22c5\u30fb\uff65\u2e31\ua4f8]"
# A bracket, a quote or a TeX command's brace that opens right after an "@" ("ada@[host]",
# "ada]@[host", "ada}@\\mathrm{host"), and one that closes right before it: read as nothing.
_OPENED = r"(?:\\[A-Za-z]*+\{|[\"'(\[{\u201c\u2018])\s*+"
_SPOKEN_SIGNS = (
    r"(?<!\s)\s++"  # a run of white space (a line's end too: a reader sees a space), from
    # its start only
    r"(?:[(\[{<]\s*+(?P<word>at|dot|@|\.)\s*+[)\]}>]\s*+"
    rf"|(?P<sign>[@.])\s*+(?:{_OPENED})?{{said}}|(?P<unquote2>[\"')\]}}\u201d\u2019])(?=\s*+@))"
    r"|[(\[{<]\s*+(?P<word2>at|dot|@|\.)\s*+[)\]}>]\s*+"
    rf"|(?P<sign3>@)\s*+{_OPENED}|(?P<sign2>[@.])\s++"
    f"|(?P<dash>{_DASHES})|(?P<dot>{_DOTS})"
    # quotes around a local part ("ada"@example.org): read as nothing
    "|(?P<quote>[\"'(\u201c\u2018])(?=[\\w.+-]{1,64}+[\"')\u201d\u2019]\\s*+@)"
    "|(?P<unquote>[\"')\\]}\u201d\u2019])(?=\\s*+@)"
)
# What each of them starts with: looked at first, a text is passed over at the speed of one
# character class (five times as fast on a PDF's megabyte).
_SPOKEN_START = f"(?=[\\s(\\[{{<@.\"'\u201c\u2018)\\]}}\u201d\u2019]|{_DASHES}|{_DOTS})"
_SAID = r"|(?P<said>at|dot)\s++(?=\w)"  # "ada at example dot org", with ``words``
_SPOKEN = re.compile(_SPOKEN_START + "(?:" + _SPOKEN_SIGNS.replace("{said}", "") + ")", re.I)
_SPOKEN_WORDS = re.compile(
    _SPOKEN_START + "(?:" + _SPOKEN_SIGNS.replace("{said}", _SAID) + ")", re.IGNORECASE
)
# "@" written as a character reference, as browsers read one ("&#64;", "&#x40", "&commat;";
# a wide "＠" or a small "﹫" too), its ";" with it.
AT_REFERENCE = (
    r"&(?:#0*+(?:64|65312|65131)(?![0-9])|#[xX]0*+(?:40|[fF][fF]20|[fF][eE]6[bB])(?![0-9a-fA-F])"
    r"|commat(?=;));?"
)
# What may make an "@" once read so: a text with none of these holds no address.
_MAYBE_SIGN = re.compile(rf"[@%\uff20\ufe6b]|{AT_REFERENCE}")
_FULL_STOPS = re.compile("[\u3002\uff0e\uff61]")  # the full stops IDNA reads as "."
# Default ignorables that are no format character (Cf): shown as nothing, or as blank.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Unicode's format characters (Cf: a soft hyphen, zero-width ones, direction marks, tags) by
# their ranges, as ``is_invisible`` reads them one at a time (a test compares the two).
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_OVERRIDDEN = re.compile("\u202e([^\u202a-\u202e\u2066-\u2069\n]*+)")  # to its end
# Marks drawn through or over a letter (a stroke, a slash, a ring): the letter is read past them.
_OVERLAY = re.compile("[\u0334-\u0338\u20d2\u20d3\u20d8-\u20da\u20e5\u20e6\u20ea\u20eb]")
_INVISIBLE = re.compile(f"[{_FORMAT}]|{_IGNORABLE.pattern}")
_SHARP_SCREENS = re.compile(  # logo@2x.png, icon@1.5x.webp: a picture's name, no address
    r"@\d+(?:\.\d+)?x\.(?:png|jpe?g|webp|gif|svg|avif)$", re.IGNORECASE
)


def _is_local(char: str) -> bool:
    return char.isalnum() or char in "_.+-" or unicodedata.category(char)[0] == "M"


def _is_label(char: str) -> bool:
    return char.isalnum() or char in "_-" or unicodedata.category(char)[0] == "M"


def in_name(name: str) -> str:
    """Return the first e-mail address in a file name or URL, or "" if it holds none (a
    picture for sharp screens, ``logo@2x.png``, holds none; nor ``talk@CLASP_2022.pdf``:
    no mail host has a "_" in its name)."""
    written = unicodedata.normalize("NFKC", unquote(name))  # as a reader, or a harvester,
    for start, end in find(written):  # reads it: ada%40example.org, ada＠example.org
        host = written[start:end].rpartition("@")[2]
        if not _SHARP_SCREENS.search(written, start, end) and "_" not in host:
            return written[start:end]
    return ""


def find(text: str, sign: str = "@") -> Iterator[tuple[int, int]]:
    """Yield the (start, end) of each e-mail address in ``text``, in order; with ``sign``
    "%40", each written as in a web address (``ada%40example.org``)."""
    done = 0  # nothing before this is looked at again
    at = text.find(sign)
    while at != -1:
        start, after = at, at + len(sign)
        while start > done and _is_local(text[start - 1]):
            start -= 1
        end = _host_end(text, after)
        if start < at and end > after:
            yield start, end
            done = end
        else:
            done = after
        at = text.find(sign, done)


def find_any(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each address of ``text`` as a harvester that decodes web
    addresses and wide letters reads it, and as a reader of the page reads it
    (``ada%40example.org``, ``ada＠example．org``, ``<em>ada</em>@example.org``), in order:
    where ``in_name`` would find one."""
    return [(start, end) for start, end, _, _ in _read_addresses(text)]


def read_any(text: str) -> list[tuple[int, str]]:
    """Return the start of each address of ``text`` (see ``find_any``) and the address as it
    is read: ``ada@example.org`` for ``<em>ada</em>@example.org``."""
    return [(start, address) for start, _, _, address in _read_addresses(text)]


def read_hidden(text: str) -> list[tuple[int, str]]:
    """Return each address of ``text`` as ``read_any`` reads it, and as people read one
    written to hide it (``spoken``, words too: ``ada at example dot org``), with where it
    starts: what an address members.yml hides is compared with, as no reading must show it."""
    said, back = spoken(text, words=True)
    found = read_any(text)
    if said != text:
        found += [(back(start), address) for start, address in read_any(said)]
    if _PERCENT_AGAIN.search(text):  # "%2540": "%40" encoded again, which a link decodes
        once, back = percent_once(text)  # as often as it is passed on
        found += [(back(start), address) for start, address in read_hidden(once)]
    return found


# A percent sign encoded again, however often ("%25", "%2525"), before the two hex digits of
# what it encodes: read as one "%", at once (the run is read in one pass, however long).
_PERCENT_AGAIN = re.compile(r"%(?:25)+(?=[0-9A-Fa-f]{2})", re.IGNORECASE)


def percent_once(text: str) -> tuple[str, Callable[[int], int]]:
    """Return ``text`` with each percent sign encoded again read once ("%2540" is "%40"),
    and what tells where an offset of it is in ``text``."""
    return read_as(text, _PERCENT_AGAIN.finditer(text), lambda _: "%")


def read_as(
    text: str, matches: Iterable[re.Match[str]], reading: Callable[[re.Match[str]], str]
) -> tuple[str, Callable[[int], int]]:
    """Return ``text`` with each of ``matches`` (in order, apart) as ``reading`` reads it,
    and what tells where an offset of the result is in ``text``."""
    parts, pieces, size, last = [], [(0, 0)], 0, 0
    for match in matches:
        read = reading(match)
        parts += [text[last : match.start()], read]
        size += match.start() - last
        pieces.append((size, match.start()))
        size += len(read)
        pieces.append((size, match.end()))
        last = match.end()
    parts.append(text[last:])

    def back(offset: int) -> int:
        new, old = pieces[bisect.bisect_right(pieces, (offset, len(text) + 1)) - 1]
        return old + offset - new

    return "".join(parts), back


def readable(text: str) -> str:
    """Return ``text`` as a reader reads it, for what it shows of an address: what a
    right-to-left override (U+202E) draws backwards turned round, NFKC (a wide "＠" or
    "（at）" as "@", "(at)"), and no invisible characters (a soft hyphen in "a\xadt")."""
    text = _OVERRIDDEN.sub(lambda found: found[1][::-1], text)  # drawn right to left
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def spoken(text: str, *, words: bool = False) -> tuple[str, Callable[[int], int]]:
    """Return ``text`` with what people write for an address's "@" and dots read back as
    them (``(at)``, ``[dot]``, `` @ `` and `` . `` with spaces, dashes and dots that look
    like "-" and "."; with ``words``, `` at `` and `` dot `` between words too), and what
    tells where an offset of it is in ``text``."""
    pattern = _SPOKEN_WORDS if words else _SPOKEN
    return read_as(text, pattern.finditer(text), _spoken_reading)


def _spoken_reading(match: re.Match[str]) -> str:
    """Return what one of ``spoken``'s matches reads as: "@", ".", "-" or nothing."""
    found = match.groupdict()
    names = ("word", "word2", "sign", "sign2", "sign3", "said")
    word = next((found[k] for k in names if found.get(k)), "")
    return (
        "" if found["quote"] or found["unquote"] or found["unquote2"]
        else "-" if found["dash"]
        else "@" if word.lower() in ("at", "@")
        else "."
    )  # fmt: skip


def address_form(address: str) -> str:
    """Return an address as its reader takes it, however it is written: its host's labels
    in punycode or not (``xn--bcher-kva.de`` is ``bücher.de``), any of IDNA's full stops
    (``。``), compatibility characters as what they stand for (NFKC)."""
    local, _, host = unicodedata.normalize("NFKC", address).rpartition("@")
    labels = []
    for label in _FULL_STOPS.sub(".", host).split("."):
        if label.lower().startswith("xn--"):
            with contextlib.suppress(UnicodeError):
                label = label.encode("ascii").decode("idna")
        labels.append(label)
    return f"{local}@{'.'.join(labels)}"


def has_sign(text: str) -> bool:
    """Tell a text that may hold an address, however written."""
    return bool(_MAYBE_SIGN.search(text))


class _Unit(NamedTuple):
    """A piece of a text as a harvester reads it: where it is written, where its reading
    starts in the text as read, what it reads as, and whether that is what is written."""

    start: int
    end: int
    read_at: int
    reading: str
    as_written: bool

    def position(self, read: int) -> int:
        """Return where the character read at ``read`` is written (the unit's start if the
        unit reads otherwise than it is written)."""
        return self.start + (read - self.read_at) if self.as_written else self.start


def _read_addresses(text: str) -> list[tuple[int, int, list[_Unit], str]]:
    """Return each address of ``text`` as read (see ``find_any``): its span in ``text``, the
    units of the text it is written in, and the address as read."""
    if not has_sign(text):
        return []
    units, read_at = [], 0
    for match in _UNIT.finditer(text):
        reading = _reading(match.group())
        units.append(_Unit(match.start(), match.end(), read_at, reading, reading == match[0]))
        read_at += len(reading)
    read_starts = [unit.read_at for unit in units]
    found = []
    read = "".join(unit.reading for unit in units)
    for start, end in find(read):
        first = bisect.bisect_right(read_starts, start) - 1
        last = bisect.bisect_right(read_starts, end - 1) - 1
        tail = units[last]
        written_end = tail.position(end - 1) + 1 if tail.as_written else tail.end
        found.append(
            (units[first].position(start), written_end, units[first : last + 1], read[start:end])
        )
    return found


def _reading(unit: str) -> str:
    """Return what a unit of text reads as: ``%40`` as "@", ``＠`` as "@", a tag of inline
    markup, and an invisible character, as nothing (``ada\u200b@example.org`` and
    ``<em>ada</em>@example.org`` are ``ada@example.org`` to a reader)."""
    if unit == "\\@":  # escaped, as GitHub and the site's pages show it: "@"
        return "@"
    if unit[0] == "%" and len(unit) > 1:
        return unicodedata.normalize("NFKC", unquote(unit))
    if unit[0] == "<" and len(unit) > 1:
        return ""
    if unit[0] == "&" and len(unit) > 1:  # a character reference: read as a page shows it
        character = unicodedata.normalize("NFKC", html.unescape(unit))  # &#65312; is "@"
        if len(character) == 1 and is_invisible(character):
            return ""
        if (
            len(character) == 1
            and character.isascii()
            and (character.isalnum() or character in "@._+-")
        ):
            return character  # ada@example&#46;org is ada@example.org
        return unit
    if unit.isascii():
        return unit
    if is_invisible(unit) or _OVERLAY.match(unit):
        return ""
    return _FULL_STOPS.sub(".", unicodedata.normalize("NFKC", unit))  # example。org: a dot


def without_invisible(text: str) -> str:
    """Return ``text`` without the characters a page does not show (``is_invisible``)."""
    return _INVISIBLE.sub("", text)


def is_invisible(char: str) -> bool:
    """Tell a character that a page does not show: a format character (a zero-width space or
    joiner, a direction mark, a soft hyphen) or another of Unicode's default ignorables."""
    return unicodedata.category(char) == "Cf" or bool(_IGNORABLE.match(char))


def _rewritten(text: str, write: Callable[[str, str], str]) -> str:
    """Return ``text`` with each piece of each address in it that reads as holding "@" or "."
    as ``write(written, read)`` writes it, the rest as it is."""
    parts, last = [], 0
    for start, end, units, _ in _read_addresses(text):
        parts.append(text[last:start])
        for unit in units:
            written = text[max(unit.start, start) : min(unit.end, end)]
            reading = written if unit.as_written else unit.reading
            parts.append(write(written, reading) if "@" in reading or "." in reading else written)
        last = end
    return "".join([*parts, text[last:]])


def _as_references(written: str, reading: str) -> str:
    """Write the "@" and dots of a piece of an address as HTML character references, as it
    is written: ``@`` ``&#64;``, ``%40`` ``&#37;40``, ``＠`` ``&#65312;``; one written as a
    reference (``&#46;``) already is one."""
    if written.startswith("&") and written != reading:
        return written
    if written == reading:
        return written.replace("@", "&#64;").replace(".", "&#46;")
    if written.startswith("%"):
        return written.replace("%", "&#37;")
    return "".join(f"&#{ord(char)};" for char in written)


def _as_json_escapes(written: str, reading: str) -> str:
    """Write the "@" and dots of a piece of an address as JSON escapes, as it is written."""
    if written in (reading, "\\@"):  # JSON's "\\@" (a backslash's escape, "@") stays so
        return written.replace("@", "\\u0040").replace(".", "\\u002e")
    return "".join(f"\\u{ord(char):04x}" if char in "%" or not char.isascii() else char
                   for char in written)  # fmt: skip


def _as_at(written: str, reading: str) -> str:
    """Write the "@" of a piece of an address " (at) " (plain text has no references)."""
    return reading.replace("@", " (at) ") if "@" in reading else written


def is_address(text: str) -> bool:
    """Tell whether ``text`` is one e-mail address, whole (``ada@example.org``; not
    ``ada@example``, not ``Ada <ada@example.org>``)."""
    return next(find(text), None) == (0, len(text))


def is_plausible(address: str) -> bool:
    """Tell an address as mail programs write one: ASCII, a host of letters, digits and
    ``-``, a top-level domain of two or more letters. In a file that is not text, what
    ``find`` finds besides these is mostly chance."""
    host = address.rpartition("@")[2]
    top = host.rpartition(".")[2]
    return address.isascii() and "_" not in host and top.isalpha() and len(top) >= 2


def _host_end(text: str, start: int) -> int:
    """Return where a host name of two or more labels (``example.org``) ends, or ``start``."""
    end, labels = start, 0
    while True:
        label_end = end
        while label_end < len(text) and _is_label(text[label_end]):
            label_end += 1
        if label_end == end:
            break
        labels, end = labels + 1, label_end
        if end + 1 < len(text) and text[end] == "." and _is_label(text[end + 1]):
            end += 1
        else:
            break
    return end if labels >= 2 else start


def hidden(text: str) -> str:
    """Return plain text (a calendar's, a feed's author) with each address written so that
    harvesters miss it and people read it: ``ada@example.org`` -> ``ada (at) example.org``.

    Plain-text formats have no character references; this is what they can do.
    """
    return _rewritten(text, _as_at)


def protect_address(address: str) -> Markup:
    """Return an e-mail address with ``@`` and ``.`` as character references.

    Browsers and screen readers read it as usual and a ``mailto:`` link with it works without
    JavaScript, but the page source holds no ``name@host`` for a simple harvester to match.
    """
    return Markup(protect_all(html.escape(address)))


def mail_links(text: str) -> Markup:
    """Return a text (site.yml's ``contact``) as HTML, each e-mail address in it a
    ``mailto:`` link, protected (``protect_address``)."""
    pieces, last = [], 0
    for start, end in find(text):
        address = protect_address(text[start:end])
        pieces += [html.escape(text[last:start]), f'<a href="mailto:{address}">{address}</a>']
        last = end
    return Markup("".join([*pieces, html.escape(text[last:])]))


def protect_all(html_text: str) -> str:
    """Return HTML with every address in it (text, code, attributes, comments; however its
    "@" and dots are written) protected: each "@" and dot as a character reference."""
    return _rewritten(html_text, _as_references)


def protect_json(json_text: str) -> str:
    """Return JSON (JSON-LD in a page) with the "@" and dots of each address as JSON escapes,
    which JSON readers read as they are and harvesters do not."""
    return _rewritten(json_text, _as_json_escapes)
