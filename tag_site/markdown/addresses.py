"""E-mail addresses in text: found in linear time, and written so harvesters cannot read them.

An address is what a harvester's usual pattern ``[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+`` matches. The
scan starts from each ``@`` and looks at each character at most twice, so no text, however
long or strange, makes it slow (a regular expression for the same pattern is quadratic).
Every part of the engine that asks whether a text is or holds an address asks here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import unquote

from markupsafe import Markup

# How an address's "@" may be written, each as a reader (and a harvester: URL-decoding, NFKC)
# reads it, and as a character reference: the engine hides every one of them.
SIGNS = {"@": "&#64;", "%40": "&#37;40", "\uff20": "&#65312;", "\ufe6b": "&#65131;"}
_SHARP_SCREENS = re.compile(  # logo@2x.png, icon@1.5x.webp: a picture's name, no address
    r"@\d+(?:\.\d+)?x\.(?:png|jpe?g|webp|gif|svg|avif)$", re.IGNORECASE
)


def _is_local(char: str) -> bool:
    return char.isalnum() or char in "_.+-"


def _is_label(char: str) -> bool:
    return char.isalnum() or char in "_-"


def in_name(name: str) -> str:
    """Return the first e-mail address in a file name or URL, or "" if it holds none (a
    picture for sharp screens, ``logo@2x.png``, holds none)."""
    written = unicodedata.normalize("NFKC", unquote(name))  # as a reader, or a harvester,
    for start, end in find(written):  # reads it: ada%40example.org, ada＠example.org
        if not _SHARP_SCREENS.search(written, start, end):
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
    """Return the (start, end) of each address of ``text`` whatever sign it is written with
    (``ada@…``, ``ada%40…``, ``ada＠…``), in order, one span where two overlap."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted(span for sign in SIGNS if sign in text for span in find(text, sign)):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def has_sign(text: str) -> bool:
    """Tell a text that may hold an address: one of the signs is in it."""
    return any(sign in text for sign in SIGNS)


def _referenced(text: str) -> str:
    """Return ``text`` with every sign of an address and every dot as character references."""
    for sign, reference in SIGNS.items():
        text = text.replace(sign, reference)
    return text.replace(".", "&#46;")


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
    if not has_sign(text):
        return text
    parts, last = [], 0
    for start, end in find_any(text):
        written = text[start:end]
        sign = min((written.find(sign), sign) for sign in SIGNS if sign in written)[1]
        parts += [text[last:start], written.replace(sign, " (at) ", 1)]
        last = end
    return "".join([*parts, text[last:]])


def protect_address(address: str) -> Markup:
    """Return an e-mail address with ``@`` and ``.`` as character references.

    Browsers and screen readers read it as usual and a ``mailto:`` link with it works without
    JavaScript, but the page source holds no ``name@host`` for a simple harvester to match.
    """
    return Markup(_referenced(html.escape(address)))


def protect_all(html_text: str) -> str:
    """Return HTML with every address in it (text, code, attributes, comments; written with
    any sign) protected."""
    if not has_sign(html_text):
        return html_text
    parts, last = [], 0
    for start, end in find_any(html_text):
        parts += [html_text[last:start], _referenced(html_text[start:end])]
        last = end
    return "".join([*parts, html_text[last:]])


def protect_json(json_text: str) -> str:
    """Return JSON (JSON-LD in a page) with every sign of an address as a JSON escape, which
    JSON readers read as the sign and harvesters do not."""
    for sign in SIGNS:
        json_text = json_text.replace(sign, "".join(f"\\u{ord(char):04x}" for char in sign))
    return json_text
