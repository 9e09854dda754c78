"""The search index of a built site: Pagefind, given each page with its addresses hidden.

Pagefind reads the text of each page's ``<main data-pagefind-body>`` (not the lists, which
repeat what their pages say) and writes an index the search page loads in the browser
(``pagefind/``, beside the pages). Pages carry e-mail addresses as character references
(``&#64;``), which Pagefind would decode into plain addresses in the index; so it reads a
copy of each page's main text with those written ``(at)`` instead.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pagefind.service import get_executable

from ..content.settings import LANGUAGE_TAG
from ..content.urls import SEARCH_FOLDER
from ..markdown.addresses import hidden

# Pagefind's other interfaces, which the search page does not load.
UNUSED = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-highlight.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
)
SECONDS = 600  # against a hang: Pagefind takes about a second a thousand pages

# Every character reference a page may write "@" with: &#64; &#064; &#x40; &commat; …
_AT = re.compile(r"&(?:#0*64|#x0*40|commat);?", re.IGNORECASE)
_LANGUAGE = re.compile(r'<html lang="([^"]*)"')


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
    with tempfile.TemporaryDirectory(prefix=".search-", dir=folder) as staging:
        for name in pages:
            text = indexed((folder / name).read_text("utf-8"))
            if text:
                copy = Path(staging, name)
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(text, "utf-8")
        command = [str(binary), "--site", staging, "--output-path", str(folder / SEARCH_FOLDER)]
        subprocess.run([*command, "--silent"], capture_output=True, timeout=SECONDS, check=True)
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


def indexed(page: str) -> str:
    """Return what Pagefind should read of a built page: its language and its main text
    (the rest is the same on every page), ``@`` of each address written ``(at)``; "" for a
    page that is not to be found (its ``<main>`` has no ``data-pagefind-body``)."""
    start, end = page.find("<main"), page.rfind("</main>")
    if (
        start == -1
        or end < start
        or "data-pagefind-body" not in page[start : page.find(">", start)]
    ):
        return ""
    language = _LANGUAGE.search(page)
    main = _AT.sub(" (at) ", page[start : end + len("</main>")])
    lang = language[1] if language and LANGUAGE_TAG.fullmatch(language[1]) else "en"  # a name
    return f'<!doctype html><html lang="{lang}"><body>{main}</body></html>'
