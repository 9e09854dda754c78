"""What each file of ``content/`` is: settings, data, a page, an attachment, or never published.

This is the one place that decides what the site publishes. Anything that could leak (data
files with people's addresses), run (scripts) or mislead (Jekyll's machinery, which is not run
here) is never an attachment, and ``flask check`` names it with what to do.

    site.yml                         settings
    data/<name>.yml                  data, never published
    **/*.md (.markdown, .mkd, .mkdn) pages; under news/ and events/, posts and events
    _config.yml, _posts/, Gemfile…   Jekyll's, never published: run flask import-jekyll
    *.yml, *.csv, *.xlsx, scripts…   never published (data and what runs)
    a name without an extension      never published (but CNAME, GitHub Pages' own)
    <any other file>                 an attachment, published at its own path
"""

from __future__ import annotations

import enum
import functools
import mimetypes
from dataclasses import dataclass
from pathlib import PurePosixPath

DATA_FOLDER = "data"  # content/data/: YAML read as data, never published
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mkdn")
DATA_SUFFIXES = (
    ".yml", ".yaml", ".csv", ".tsv", ".json", ".ndjson", ".jsonl", ".toml", ".ini", ".cfg",
    ".conf", ".env", ".xlsx", ".xls", ".ods", ".numbers", ".sqlite", ".sqlite3", ".db", ".sql",
    ".sqlite-wal", ".sqlite-shm", ".sqlite-journal", ".db-wal", ".db-shm", ".db-journal",
)  # fmt: skip
SCRIPT_SUFFIXES = (
    ".js", ".mjs", ".cjs", ".es", ".ecma", ".sh", ".bash", ".py", ".rb", ".php", ".pl", ".cgi",
    ".bat", ".cmd", ".ps1", ".exe",
)  # fmt: skip
# The types a browser runs as a script, by which a file of another suffix is one too (as this
# machine's types say it would be served).
_SCRIPT_TYPES = frozenset(
    {"text/javascript", "application/javascript", "application/x-javascript",
     "application/ecmascript", "text/ecmascript"}
)  # fmt: skip
_IMPORT = "or run flask import-jekyll"
_ODD = frozenset('?#%"<>\\')  # in a file's name: a query, a fragment, an escape
# Jekyll's folders, by what they held and where that goes now (error: content would be lost).
_JEKYLL_FOLDERS = {
    "_posts": (True, f"Jekyll's posts are not read here — move them into news/, {_IMPORT}"),
    "_drafts": (True, f"Jekyll's drafts are not read here — move them into news/ with "
                f"'draft: true', {_IMPORT}"),
    "_data": (True, f"Jekyll's data folder is not read here — move its files into data/ as "
              f"YAML, {_IMPORT}"),
    "_layouts": (False, "Jekyll's layouts are not used here: the site has its own — delete it"),
    "_includes": (False, "Jekyll's includes are not used here: the site has its own — delete it"),
    "_sass": (False, "Jekyll's styles are not used here: the site has its own — delete it"),
    "_site": (False, "this is a build of the old Jekyll site — delete it"),
    "_plugins": (False, "Jekyll's plugins are not run here — delete it"),
}  # fmt: skip


class Kind(enum.Enum):
    """What a content file is to the site."""

    SETTINGS = "settings"
    DATA = "data"
    PAGE = "page"
    ATTACHMENT = "attachment"
    UNPUBLISHED = "unpublished"  # kept out of the site; ``Verdict.problem`` says why


@dataclass(frozen=True)
class Verdict:
    """What a file is and, for one the site leaves out, what ``flask check`` says about it."""

    kind: Kind
    problem: str = ""
    error: bool = False  # a problem that loses content (posts not read) stops a freeze


def is_ignored(name: str) -> bool:
    """Tell editor temp files and hidden files (``.git``) from content: skipped (in silence
    if ``is_noise``)."""
    return name.startswith((".", "#")) or _temporary(name)


def _temporary(name: str) -> bool:
    """Tell an editor's temporary file: a backup (``page.md~``), a swap file, vim's probe."""
    return name.endswith(("~", ".swp", ".swo", ".tmp")) or name == "4913"


# Hidden files that tools leave, never meant to be published: skipped without a word.
_NOISE = frozenset({".git", ".gitkeep", ".gitignore", ".gitattributes", ".keep", ".DS_Store",
                    ".directory", ".nojekyll"})  # fmt: skip


def is_noise(name: str) -> bool:
    """Tell a file skipped in silence (an editor's temp file, ``.DS_Store``) from a hidden
    one someone may have meant to publish (``.well-known/``, ``.about.md``), said."""
    tools = name in _NOISE or name.startswith((".#", "._")) or _temporary(name)
    return not name.startswith(".") or tools


def is_opaque_folder(name: str) -> bool:
    """Tell a folder judged as a whole (Jekyll's ``_posts``, ``_layouts``…) from one to enter."""
    return name.startswith("_")


@functools.lru_cache(maxsize=65536)  # a pure verdict on a name, asked for on every change
def classify(name: str, *, folder: bool = False) -> Verdict:
    """Return what the file (or opaque folder) ``name``, relative to content/, is."""
    path = PurePosixPath(name)
    suffix = path.suffix.lower()
    odd = next((char for char in name if char in _ODD or not char.isprintable()), None)
    if odd is not None:
        message = (
            f"the name holds '{repr(odd)[1:-1]}', which a web address cannot carry as it is — "
            "rename it with letters, digits, '-' and '_'"
        )
        return Verdict(Kind.UNPUBLISHED, message, error=True)
    if folder or path.parts[0].startswith("_") or path.name.startswith("_"):
        return jekyll_leftover(path, folder=folder)
    if name == "site.yml":
        return Verdict(Kind.SETTINGS)
    if path.parts[0] == DATA_FOLDER:
        return data_file(path)
    if name == "site.yaml":
        return Verdict(Kind.UNPUBLISHED, "the settings file is read only as site.yml — rename it",
                       error=True)  # fmt: skip
    if name in ("404.html", "404.md"):
        return Verdict(Kind.UNPUBLISHED, "the site makes its own 404 page — delete this file",
                       error=True)  # fmt: skip
    if suffix in MARKDOWN_SUFFIXES:
        return Verdict(Kind.PAGE)
    return unpublished_file(path, suffix) or Verdict(Kind.ATTACHMENT)


def jekyll_leftover(path: PurePosixPath, *, folder: bool) -> Verdict:
    """Return the verdict on a file or folder whose name starts with ``_`` (Jekyll's own)."""
    if folder and path.name in _JEKYLL_FOLDERS:
        error, problem = _JEKYLL_FOLDERS[path.name]
        return Verdict(Kind.UNPUBLISHED, problem, error=error)
    if path.as_posix() in ("_config.yml", "_config.yaml"):
        message = f"Jekyll's settings are not read here — put them in site.yml, {_IMPORT}"
        return Verdict(Kind.UNPUBLISHED, message, error=True)
    what = "folder" if folder else "file"
    message = f"a {what} whose name starts with '_' is Jekyll's and is not published — rename it"
    return Verdict(Kind.UNPUBLISHED, message)


def data_file(path: PurePosixPath) -> Verdict:
    """Return the verdict on a file under ``data/``: YAML right in it is data, never published."""
    if len(path.parts) == 2 and path.suffix.lower() in (".yml", ".yaml"):
        return Verdict(Kind.DATA)
    if len(path.parts) > 2:
        problem = "is not read: data files go directly in data/, not in a folder of it — move it"
    else:
        problem = (
            "is not read: data files are YAML (.yml) — convert it (flask import-jekyll converts "
            "CSV and JSON)"
        )
    return Verdict(Kind.UNPUBLISHED, problem + "; files in data/ are never published")


def unpublished_file(path: PurePosixPath, suffix: str) -> Verdict | None:
    """Return the verdict on a file the site never publishes, or None for an attachment."""
    if path.name in ("Gemfile", "Gemfile.lock") or suffix in (".gemspec", ".scss", ".sass"):
        problem = "is part of the old Jekyll site, not used here and not published — delete it"
    elif suffix == ".svgz":
        problem = "a compressed SVG cannot be checked for scripts — publish it as .svg"
    elif suffix in SCRIPT_SUFFIXES or mimetypes.guess_type("a" + suffix)[0] in _SCRIPT_TYPES:
        problem = "is a script, which the site never publishes — delete it"
    elif suffix in DATA_SUFFIXES:
        problem = (
            "is a data file, which the site never publishes (it may hold private details) — "
            "move it into data/ as YAML, or delete it"
        )
    elif not suffix and path.as_posix() != "CNAME":  # GitHub Pages' own: the site's domain
        problem = (
            "has no extension, so what it holds is unknown and it is not published — add the "
            "one it should have (.txt, .pdf), or delete it"
        )
    else:
        return None
    return Verdict(Kind.UNPUBLISHED, problem)
