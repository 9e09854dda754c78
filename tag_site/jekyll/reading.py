"""A Jekyll site tree read as Jekyll reads it: settings, posts, pages, data and other files.

YAML is read with PyYAML's plain safe loader (as forgiving as Jekyll's), not the site's strict
one: the importer must take what Jekyll took, and write it out in the site's stricter form.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

# Jekyll's own default `exclude:` list, and folders no Jekyll site publishes.
_EXCLUDED = (
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor", "_site", ".venv", "venv", "__pycache__",
)  # fmt: skip
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_POST_NAME = re.compile(r"^\d{2,4}-\d{1,2}-\d{1,2}-.*\.[^.]+$")


@dataclass(frozen=True)
class Note:
    """Something the import left out or changed, at a file (and line) of the Jekyll site."""

    path: str  # relative to the Jekyll site
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


@dataclass(frozen=True)
class Document:
    """A file with front matter: a post (under ``_posts/`` or ``_drafts/``) or a page."""

    path: str  # relative to the Jekyll site, e.g. "_posts/2023-08-07-x.md"
    front: Mapping[str, Any]  # the front matter as Jekyll reads it
    body: str
    body_line: int  # the line of the Jekyll file where the body starts
    lines: Mapping[str, int]  # front matter key -> its line

    @property
    def is_post(self) -> bool:
        """Tell a post (or a draft) from a page."""
        parts = PurePosixPath(self.path).parts
        return "_posts" in parts or "_drafts" in parts

    @property
    def is_draft(self) -> bool:
        """Tell a draft of ``_drafts/`` from a post."""
        return "_drafts" in PurePosixPath(self.path).parts

    def line_of(self, offset: int) -> int:
        """Return the line of the Jekyll file at ``offset`` in the body."""
        return self.body_line + self.body.count("\n", 0, offset)


@dataclass(frozen=True)
class JekyllSite:
    """Everything of a Jekyll site tree the import looks at."""

    root: Path
    config: Mapping[str, Any]
    config_lines: Mapping[str, int]
    documents: tuple[Document, ...]
    data: Mapping[str, Path]  # name -> file under _data/ ("people" for _data/people.csv)
    files: tuple[str, ...]  # other files, copied as they are unless the policy says no
    includes: Mapping[str, str]  # _includes/<name> -> its text (for what can be inlined)
    notes: tuple[Note, ...]  # what could not be read


def read_site(root: Path) -> JekyllSite:
    """Read the Jekyll site at ``root``; ``ValueError`` if it is not one."""
    if not (root / "_config.yml").is_file() and not (root / "_posts").is_dir():
        raise ValueError(f"{root} is not a Jekyll site: it has no _config.yml and no _posts/")
    notes: list[Note] = []
    config, config_lines = read_config(root, notes)
    excluded = tuple(str(item) for item in config.get("exclude") or () if isinstance(item, str))
    documents: list[Document] = []
    data: dict[str, Path] = {}
    files: list[str] = []
    includes: dict[str, str] = {}
    for name in walk(root, excluded, notes):
        top = name.split("/", 1)[0]
        if name in ("_config.yml", "_config.yaml"):
            continue  # read above
        if top == "_data":
            data[data_name(name)] = root / name
        elif top == "_includes":
            includes[name.removeprefix("_includes/")] = (root / name).read_text("utf-8", "replace")
            notes.append(
                Note(
                    top,
                    0,
                    "left out: the site has its own layouts (an include "
                    "without Liquid is pasted where a page used it)",
                )
            )
        elif is_jekyll_machinery(name):
            notes.append(Note(name.split("/", 1)[0] if "/" in name else name, 0, machinery(name)))
        else:
            document = read_document(root, name, notes)
            if document is not None:
                documents.append(document)
            elif is_post_file(name):
                notes.append(
                    Note(
                        name,
                        0,
                        "left out, as Jekyll leaves it out: a post's file name starts with its "
                        "date",
                    )
                )
            else:
                files.append(name)
    unique = list(dict.fromkeys(notes))
    return JekyllSite(
        root, config, config_lines, tuple(documents), data, tuple(files), includes, tuple(unique)
    )


def read_config(root: Path, notes: list[Note]) -> tuple[dict[str, Any], dict[str, int]]:
    """Return ``_config.yml`` and the line of each of its keys."""
    path = root / "_config.yml"
    if not path.is_file():
        return {}, {}
    text = decode(path.read_bytes())
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        value = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        notes.append(Note("_config.yml", mark.line + 1 if mark else 0, f"cannot be read: {error}"))
        return {}, {}
    if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
        return {}, {}
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return value, lines


def walk(root: Path, excluded: tuple[str, ...], notes: list[Note]) -> Iterator[str]:
    """Yield the files of the site as Jekyll sees them (no hidden files, no ``exclude:``);
    note what ``exclude:`` (Jekyll's own, or the site's) leaves out."""
    for folder, folders, names in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in [*folders, *names]:
            if is_excluded(prefix + name, excluded) and not name.startswith("."):
                notes.append(Note(prefix + name, 0, "left out: Jekyll's build does not use it"))
        folders[:] = sorted(
            f for f in folders if not is_excluded(prefix + f, excluded) and not f.startswith(".")
        )
        for name in sorted(names):
            path = prefix + name
            if (
                not is_excluded(path, excluded)
                and not name.startswith((".", "#"))
                and not (name.endswith("~") or Path(folder, name).is_symlink())
            ):
                yield path


def is_excluded(path: str, excluded: tuple[str, ...]) -> bool:
    """Tell whether ``path`` is in Jekyll's or the site's ``exclude:`` list."""
    return any(
        path == item.strip("/") or path.startswith(item.strip("/") + "/")
        or fnmatch.fnmatch(path, item)
        for item in (*_EXCLUDED, *excluded)
    )  # fmt: skip


def is_jekyll_machinery(name: str) -> bool:
    """Tell Jekyll's layouts, styles and plugins (which the site replaces) from content."""
    top = name.split("/", 1)[0]
    return top in ("_layouts", "_sass", "_plugins") or (
        top.startswith("_") and top not in ("_posts", "_drafts") and "/_posts/" not in name
    )


def machinery(name: str) -> str:
    """Return why a piece of Jekyll's machinery is left out."""
    top = name.split("/", 1)[0]
    reasons = {
        "_layouts": "Jekyll's layouts are left out: the site has its own",
        "_sass": "Jekyll's styles are left out: the site has its own",
        "_plugins": "Jekyll's plugins are left out: they do not run here",
    }
    return reasons.get(top, "a Jekyll collection or folder of its own is left out — move what "
                       "should be published into pages")  # fmt: skip


def is_post_file(name: str) -> bool:
    """Tell a file of ``_posts/`` or ``_drafts/`` (with or without front matter)."""
    parts = PurePosixPath(name).parts
    return "_posts" in parts or "_drafts" in parts


def data_name(name: str) -> str:
    """Return the name of a data file: ``_data/team/people.csv`` -> ``team-people``."""
    inside = PurePosixPath(name.removeprefix("_data/"))
    return "-".join([*inside.parts[:-1], inside.stem])


def decode(raw: bytes) -> str:
    """Return the text of a Jekyll file (UTF-8, a BOM dropped, line ends made ``\\n``)."""
    return raw.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")


def read_document(root: Path, name: str, notes: list[Note]) -> Document | None:
    """Read a file with front matter; None for a file without (a file copied as it is)."""
    if "_posts" in PurePosixPath(name).parts and not _POST_NAME.match(PurePosixPath(name).name):
        return None  # Jekyll ignores it: a post's name starts with its date
    raw = (root / name).read_bytes()
    if not raw.startswith((b"---", b"\xef\xbb\xbf---")) and not is_post_file(name):
        return None  # no front matter: a file Jekyll copies as it is
    text = decode(raw)
    match = _FRONT_MATTER.match(text)
    if match is None:  # Jekyll reads a post without front matter too; a page it just copies
        return Document(name, {}, text, 1, {}) if is_post_file(name) else None
    head = match.group(1) or ""
    try:
        node = yaml.compose(head, Loader=yaml.SafeLoader)
        front = yaml.safe_load(head) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        notes.append(Note(name, line, f"left out: its front matter cannot be read ({error})"))
        return None
    if not isinstance(front, dict):
        notes.append(Note(name, 2, "left out: its front matter is not 'key: value' lines"))
        return None
    lines = (
        {str(k.value): k.start_mark.line + 2 for k, _ in node.value}
        if isinstance(node, yaml.MappingNode)
        else {}
    )
    body_line = text.count("\n", 0, match.end()) + 1
    return Document(name, front, text[match.end() :], body_line, lines)


def file_date(path: Path) -> datetime.date:
    """Return the day a file was last changed (Jekyll dates an undated draft so)."""
    return datetime.date.fromtimestamp(path.stat().st_mtime)
