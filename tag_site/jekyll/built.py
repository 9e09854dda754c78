"""The old site as Jekyll built it (``_site/`` of ``jekyll build``, or a saved copy of the
live site): each old page's file, the part of it that is the page's own, and its words.

What the import cannot turn into Markdown (what Liquid in a layout or an include made: a
table of people from a CSV, a schedule, an archive) is there as the old site showed it. The
part of a page that is its own is its ``<main>`` (else its ``<article>``, else its
``<body>`` without its header, menu and footer): what the new site's layout does not make
again. Its words are counted as a reader reads them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin

from ..markdown.limits import MAX_BYTES
from ..markdown.markup import TAG_REST, reader_text, tags_of

# A word, as a reader counts one: letters and digits, with an apostrophe or a hyphen inside.
_UNSHOWN = re.compile(r"<(title|script|style|template)\b")  # (lower-case) shown nowhere
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_RELATIVE = re.compile(r"(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")  # no scheme, no "/" or "#" first
_BLANK = re.compile(r"[^\n]")  # all but line ends, made blank
# What a page's own part holds that is no word of it; what the layout makes around it.
_NO_WORDS = ("script", "style", "template")
_CHROME = ("header", "nav", "footer")
# Where a page's <main> is no element of it: in its title, a noscript's, a text box's text.
_NOT_SHOWN = ("title", "noscript", "textarea")


@dataclass(frozen=True)
class OldPage:
    """An old page as the old site published it."""

    file: str  # where it is, as the report names it ("_site/people/index.html")
    own: str  # its own part's HTML (scripts, styles and comments left out)
    line: int  # the line of its file where its own part starts
    left_out: tuple[tuple[str, int], ...] = ()  # its own part's scripts…: (name, line)


# A link of a menu, its address and what it holds (the menu's comments blanked first).
_MENU_LINK = re.compile(
    r"""<a\b[^<>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))[^<>]*>"""
    r"""((?:(?!</?a\b).)*)</a\s*>""",
    re.IGNORECASE | re.DOTALL,
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


@dataclass(frozen=True)
class BuiltSite:
    """The folder of the old site as it was published."""

    root: Path
    shown: str  # the folder as the report names it

    def page(self, url: str) -> OldPage | None:
        """Return the old page at ``url`` (``/people/``, ``/about.html``), or None if the
        folder has none there (or only a link, which is not followed, or a file too large)."""
        path = unquote(url.split("?")[0].split("#")[0]).lstrip("/")
        parts = PurePosixPath(path).parts
        if ".." in parts:
            return None
        names = [f"{path}index.html"] if not path or path.endswith("/") else [path]
        if not path.endswith((".html", ".htm", "/")) and path:
            names = [f"{path}.html", f"{path}/index.html"]
        for name in names:
            file = self.root / name
            try:
                if not self._own_file(file):
                    continue
                text = file.read_bytes().decode("utf-8", "replace")
            except OSError:  # a name too long for the disk, a file it cannot read: none
                continue
            own, start, cut = own_part(text)
            lines = tuple((what, text.count("\n", 0, at) + 1) for what, at in cut)
            return OldPage(f"{self.shown}/{name}", own, text.count("\n", 0, start) + 1, lines)
        return None

    def menu(self) -> list[tuple[str, str]]:
        """Return the links of the old home page's first ``<nav>``, each with its words as
        readers saw them: the menu the old site showed, however its layout made it."""
        file = self.root / "index.html"
        try:
            text = file.read_bytes().decode("utf-8", "replace") if self._own_file(file) else ""
        except OSError:
            return []
        start = text.lower().find("<nav")
        end = text.lower().find("</nav", start)
        shown = text[start : end if end >= 0 else len(text)] if start >= 0 else ""
        return [
            (html.unescape(next(v for v in found.groups()[:3] if v is not None)).strip(),
             " ".join(reader_text(found[4]).split()))
            for found in _MENU_LINK.finditer(blanked(_COMMENT.sub("", shown), _NO_WORDS))
        ]  # fmt: skip

    def _own_file(self, file: Path) -> bool:
        """Tell a file of the folder, no link on its way, of a size the site takes."""
        here = file
        while here != self.root:
            if here.is_symlink():
                return False
            here = here.parent
        return file.is_file() and file.stat().st_size <= MAX_BYTES


def own_part(page: str) -> tuple[str, int, list[tuple[str, int]]]:
    """Return the part of an old page's HTML that is its own, where it starts, and the
    scripts, styles and templates left out of it (each its name and offset; none said of a
    body, whose scripts are its layout's too): what its ``<main>`` holds, else its
    ``<article>``, else its ``<body>`` (else all of it) without the layout's header, menu
    and footer; each found as a browser finds it (none in a comment or a script), scripts,
    styles and comments left out."""
    cut: list[tuple[str, int]] = []
    shown = blanked(page, (*_NO_WORDS, *_NOT_SHOWN))
    lower, found = shown.lower(), tags_of(shown)
    for name in ("main", "article", "body"):
        start = next((tag for tag in found if tag.name == name), None)
        end = lower.rfind(f"</{name}")
        if start and end > start.end:
            own = blanked(page, _NO_WORDS, cut)[start.end : end]  # a textarea's words show
            if name == "body":  # its scripts are the layout's as much as the page's
                return blanked(own, _CHROME), start.end, []
            return own, start.end, [(n, at) for n, at in cut if start.end <= at < end]
    return blanked(shown, _CHROME), 0, []


def blanked(text: str, names: tuple[str, ...], cut: list[tuple[str, int]] | None = None) -> str:
    """Return ``text`` with the elements ``names`` (each from its start tag to its end tag)
    and its comments made blank, where a browser ends them (a comment at ``-->``, ``--!>``,
    or at once: ``<!-->``), line ends kept, read in one pass; ``cut``: where each element
    (its name and offset) is added."""
    start_tag = re.compile(rf"<({'|'.join(names)})\b{TAG_REST}|<!--", re.IGNORECASE)
    lower, position = text.lower(), 0
    pieces: list[str] = []
    while found := start_tag.search(text, position):
        if found[0] == "<!--":
            end = comment_end(text, found.end())
        else:
            closing = lower.find(f"</{found[1].lower()}", found.end())
            end = len(text) if closing < 0 else text.find(">", closing) + 1 or len(text)
            if cut is not None:
                cut.append((found[1].lower(), found.start()))
        pieces += [text[position : found.start()], _BLANK.sub(" ", text[found.start() : end])]
        position = end
    return "".join(pieces) + text[position:]


def comment_end(text: str, start: int) -> int:
    """Return where a comment whose "<!--" ends at ``start`` ends, as a browser reads it."""
    if text.startswith((">", "->"), start):  # <!--> and <!--->: empty
        return text.find(">", start) + 1
    ends = [found for found in (text.find("-->", start), text.find("--!>", start)) if found >= 0]
    if not ends:
        return len(text)
    return min(ends) + (3 if min(ends) == text.find("-->", start) else 4)


def absolute_links(own: str, url: str) -> str:
    """Return an old page's own part with its relative links (``../photos/a.jpg``) made
    absolute paths as the old page at ``url`` read them (``/photos/a.jpg``): the new page's
    file is elsewhere."""
    pieces, last = [], 0
    for tag in tags_of(own):
        for attribute in tag.attributes:
            value = attribute.value
            if attribute.name in ("href", "src") and value and _RELATIVE.match(value):
                start, end = attribute.span
                pieces += [own[last:start], f'"{html.escape(urljoin(url, html.unescape(value)))}"']
                last = end
    return "".join(pieces) + own[last:]


def without_title(own: str, title: str) -> str:
    """Return a page's own part without its first heading if that is its title (the new
    site's layout shows the title)."""
    start = re.search(rf"<h1\b{TAG_REST}", own, re.IGNORECASE)
    end = own.lower().find("</h1", start.end()) if start else -1
    if start and end > 0 and words(own[start.end() : end]) == words(title):
        close = own.find(">", end)
        return own[: start.start()] + own[close + 1 if close > 0 else len(own) :]
    return own


def words(html_text: str) -> list[str]:
    """Return the words a reader reads in ``html_text``: none of a ``<title>``, a script or
    a style sheet (a layout's ``<title>`` in ``<main>`` shows nowhere)."""
    lowered, pieces, position = html_text.lower(), [], 0
    while found := _UNSHOWN.search(lowered, position):
        pieces.append(html_text[position : found.start()])
        end = lowered.find(f"</{found[1]}", found.end())
        position = len(html_text) if end < 0 else end
    pieces.append(html_text[position:])
    return _WORD.findall(reader_text("".join(pieces)))
