"""The search index of a built site: Pagefind, given each page with its addresses hidden.

Pagefind reads the text of each page's ``<main data-pagefind-body>`` (not the lists, which
repeat what their pages say, nor a list's cards on the home page) and writes an index the
search page loads in the browser (``pagefind/``, beside the pages). Pages carry e-mail
addresses as character references (``&#64;``), which Pagefind would decode into plain
addresses in the index; so it reads a copy of each page's main text with those written
``(at)`` instead.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pagefind.service import get_executable

from ..content.settings import LANGUAGE_TAG
from ..content.store import Site
from ..content.urls import SEARCH_FOLDER, output_url
from ..markdown.addresses import AT_REFERENCE, hidden
from .workers import dying_with_this_process

# Pagefind's other interfaces, which the search page does not load.
UNUSED = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-highlight.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
)
SECONDS = 600  # against a hang: Pagefind takes about a second a thousand pages

# "@" as pages may write it (the engine writes "&#64;"; a text may hold "＠" or "%40"), each as
# the text is read once its tags are gone (*ada*@example.org, ada<span>@</span>…).
_PERCENT = re.compile(r"&(?:#0*37|#x0*25|percnt);?", re.IGNORECASE)  # "%" as a reference
_AT = re.compile(rf"[@\uff20\ufe6b]|{AT_REFERENCE}|(?:%|{_PERCENT.pattern})40", re.IGNORECASE)
_LANGUAGE = re.compile(r'<html lang="([^"]*)"')
# A list's card (the layouts mark it ``data-listed``): the page it lists is found by its own
# words, not again on the list (the home page's, /events/, /news/) with a date badge's.
_LISTED = re.compile(r"<article\b[^<>]*\sdata-listed[\s=>]")
_NOTES = ("note:", "stack backtrace:")  # what Rust says after a panic
_STAGING = ".search-"  # the folder of the copies Pagefind reads
_STAGED = re.compile(rf"\S*/{re.escape(_STAGING)}[^/\s]*/")  # a path into it, up to a page


def index_site(folder: Path, pages: Iterable[str]) -> list[str]:
    """Index the built pages named ``pages`` (file names in ``folder``) into
    ``folder/pagefind``; return the names of the files written there.

    Raises ``OSError`` or ``subprocess.SubprocessError`` when Pagefind cannot run or fails.
    """
    binary = get_executable()
    if binary is None:
        raise FileNotFoundError(
            "the pagefind binary is not installed (pip install 'pagefind[bin]')"
        )
    # Inside the build's own temporary folder: a killed freeze leaves nothing elsewhere.
    with tempfile.TemporaryDirectory(prefix=_STAGING, dir=folder) as staging:
        for name in pages:
            text = indexed((folder / name).read_text("utf-8"))
            if text:
                copy = Path(staging, name)
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(text, "utf-8")
        command = [str(binary), "--site", staging, "--output-path", str(folder / SEARCH_FOLDER)]
        subprocess.run(
            [*command, "--silent"],
            capture_output=True,
            timeout=SECONDS,
            check=True,
            # Pagefind dies with this process, even by kill -9: never an orphan that indexes on
            preexec_fn=dying_with_this_process(),
        )
    tidy(folder / SEARCH_FOLDER)
    return sorted(
        p.relative_to(folder).as_posix() for p in (folder / SEARCH_FOLDER).rglob("*") if p.is_file()
    )


def tidy(index: Path) -> None:
    """Leave out the interfaces the site does not use, and write the addresses in the one it
    does (its translators' credits, strings it never shows) as ``name (at) host``: no file
    of the site holds an address to harvest."""
    for name in UNUSED:
        (index / name).unlink(missing_ok=True)
    for script in index.glob("*.js"):
        text = script.read_text("utf-8")
        if "@" in text:
            script.write_text(hidden(text), "utf-8")


def without_cards(main: str) -> str:
    """Return the main text of a page without the cards of its lists (``_LISTED``), each
    to its end tag, read in one pass."""
    pieces, position = [], 0
    while (card := _LISTED.search(main, position)) and (
        end := main.find("</article>", card.end())
    ) >= 0:
        pieces.append(main[position : card.start()])
        position = end + len("</article>")
    return "".join([*pieces, main[position:]])


def indexed(page: str) -> str:
    """Return what Pagefind should read of a built page: its language and its main text
    (the rest is the same on every page), each ``@`` written ``(at)``; "" for a
    page that is not to be found (its ``<main>`` has no ``data-pagefind-body``)."""
    start, end = page.find("<main"), page.rfind("</main>")
    if (
        start == -1
        or end < start
        or "data-pagefind-body" not in page[start : page.find(">", start)]
    ):
        return ""
    language = _LANGUAGE.search(page)
    # "&#37;EF&#37;BC&#37;A0" is "%EF%BC%A0" once Pagefind reads it: a "＠" to a harvester
    main = hidden(_PERCENT.sub("%", without_cards(page[start : end + len("</main>")])))
    main = _AT.sub(" (at) ", main)
    # Pagefind reads "&amp;" as "&", and its results box shows what it read as HTML: the page's
    # "&amp;#64;" (a text "&#64;") would show as "@" there. Its "&" is kept as "&amp;".
    main = main.replace("&amp;", "&amp;amp;")
    lang = language[1] if language and LANGUAGE_TAG.fullmatch(language[1]) else "en"  # a name
    return f'<!doctype html><html lang="{lang}"><body>{main}</body></html>'


def pagefind_failure(stderr: bytes, pages: Iterable[str], site: Site) -> str:
    """Say why Pagefind failed, in its words, and what it was given that is at fault: the
    page those words name, else the language of ``site.yml`` and the pages' text."""
    words = _STAGED.sub("", said(stderr))
    named = [name for name in pages if name in words]
    if named:
        name = max(named, key=len)  # "about/index.html", not "index.html" within it
        page = site.pages.get(output_url("/" + name))
        return (
            f"{page.source if page else name}: the search index could not be built from this "
            f"page (Pagefind: {words}) — simplify the page, or leave it out of the search"
        )
    return (
        f"the search index could not be built (Pagefind: {words}) — Pagefind read the pages' "
        f"text in the language {site.config.language!r} of {site.path('site.yml')} "
        "('language'): check that setting"
    )


def said(stderr: bytes) -> str:
    """Return the line of Pagefind's error output that says what went wrong (a panic's
    message, not Rust's notes after it), shortened, in printable characters only."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    words = [line for line in lines if line and not line.startswith(_NOTES)]
    panic = next((n for n, line in enumerate(words) if " panicked at " in line), None)
    if panic is None:  # an error it reports: its last line
        line = words[-1] if words else ""
    else:  # Rust puts the message under the panic's place (or in its line, before 1.73)
        line = words[panic + 1] if panic + 1 < len(words) else words[panic]
    text = "".join(c if c.isprintable() else "?" for c in line[:300])
    return text or "no message"
