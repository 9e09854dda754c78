"""A Jekyll site tree read as Jekyll reads it: settings, posts, pages, data and other files.

YAML is read as forgivingly as Jekyll reads it (an impossible date stays text, as in Ruby),
not with the site's strict loader: the import takes what Jekyll took, and writes it out in the
site's stricter form. It is read by the site's own reader all the same, within its bounds (a
few lines of aliases cannot stand for billions of values), and no value may nest deeper than
the site lets anything nest. Front-matter ``defaults:`` of ``_config.yml`` are applied, as
Jekyll does, found by the folders of each document (a few look-ups, however many defaults
there are; only the first ``MAX_GLOBS`` with a wildcard, which every document must try, are
taken). Only the site's own files are read: a link (which may lead anywhere, out of the
site) is left out, as anything that is no plain file.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime
import fnmatch
import functools
import html
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import yaml

from ..content import front_matter
from ..content.files import classify
from ..content.front_matter import OVERRIDE, Data
from ..errors import ContentError, printable
from ..markdown import liquid, markup
from ..markdown.limits import MAX_BYTES, MAX_NESTING
from ..markdown.markup import CARRIERS, FLAGS, INVALID_CHARACTER, TAG_REST
from ..markdown.source_map import positions

T = TypeVar("T")

# What Jekyll never publishes: names that start so (".git", "#notes#", "~$report.docx").
_UNPUBLISHED = (".", "#", "~")
POST_FOLDERS = ("_posts", "_drafts")  # a post's folder, at any depth
# Jekyll's own default `exclude:` list, and folders no Jekyll site publishes.
_EXCLUDED = (
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor/bundle", "vendor/cache", "vendor/gems", "vendor/ruby", "_site", ".venv", "venv",
    "__pycache__",
)  # fmt: skip
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_CARRIED = re.compile(f"({FLAGS.pattern})|{CARRIERS.pattern}")  # a flag's tags apart
_YAML_HEADER = re.compile(r"---\s*\r?\n")  # Jekyll's test of a file's first line: a page
DATED = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-")  # what a post's file name starts with
_PARENT_LAYOUT = re.compile(r"^layout:[ \t]*['\"]?([\w.-]+)", re.MULTILINE)  # a layout's own
_LOADS_MATH = re.compile(r"mathjax|katex|\bmath\W+true\b", re.IGNORECASE)  # or math: true
MAX_GLOBS = 100  # defaults whose path has a wildcard: each is tried on every document


class _Loader(front_matter.SafeLoader):
    """YAML as Jekyll's Psych reads it: a date that does not exist stays text (and a number
    Python cannot write out again)."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return node.value

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        try:
            number = super().construct_yaml_int(node)
            str(number)  # 0x… of thousands of digits is read, but cannot be written out
        except ValueError:  # over 4,300 digits: kept as written, as text
            return node.value
        return number

    def construct_yaml_binary(self, node: yaml.ScalarNode) -> Any:
        """Return ``!!binary`` as the text its bytes are, as Jekyll shows it (``b'…'`` in
        Python's words otherwise); bytes of no UTF-8 text as U+FFFD each."""
        return bytes(super().construct_yaml_binary(node)).decode("utf-8", "replace")


_Loader.add_constructor("tag:yaml.org,2002:binary", _Loader.construct_yaml_binary)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
NESTED = (
    f"left out: it is nested more than {MAX_NESTING} deep — write it as simple lists and "
    "'key: value' lines"
)
LINKED = "left out: it is a link, and the import reads only the site's own files — copy it in"


@dataclass(frozen=True)
class Note:
    """Something the import left out or changed, at a file (and line) of the Jekyll site."""

    path: str  # relative to the Jekyll site
    line: int
    message: str

    def __str__(self) -> str:
        place = printable(self.path) + (f":{self.line}" if self.line else "")
        return f"{place}: {printable(self.message)}"  # (one may quote a link's line break)


def said_once(notes: Iterable[Note], most: int = 5) -> list[str]:
    """Return ``notes`` as the report's lines, in the order of each file's and message's
    first: a message said at more than ``most`` lines of a file is one line that names the
    first of them and how many (``a.html:3, 9, 12, 20, 31, … (45 lines): …``), not 45."""
    lines: dict[tuple[str, str], list[int]] = {}
    for note in notes:
        lines.setdefault((note.path, note.message), []).append(note.line)
    said = []
    for (path, message), numbers in lines.items():
        numbers = list(dict.fromkeys(numbers))  # a note said twice is said once
        if len(numbers) <= most:
            said += [str(Note(path, number, message)) for number in numbers]
            continue
        at = ", ".join(map(str, sorted(numbers)[:most]))
        said.append(f"{printable(path)}:{at}, … ({len(numbers)} lines): {printable(message)}")
    return said


@dataclass(frozen=True)
class Document:
    """A post (under ``_posts/`` or ``_drafts/``), a page, or a collection's document."""

    path: str  # relative to the Jekyll site, e.g. "_posts/2023-08-07-x.md"
    front: Mapping[str, Any]  # the front matter as Jekyll reads it, defaults applied
    body: str
    body_line: int  # the line of the Jekyll file where the body starts
    lines: Mapping[str, int]  # front matter key -> its line
    collection: str = ""  # "projects" for _projects/x.md; "" for posts and pages
    defaulted: frozenset[str] = frozenset()  # keys of ``front`` only defaults: gave
    front_size: int = 0  # bytes of the front matter as written, "---" lines and all
    home: str = ""  # the ``collections_dir:`` a post or a collection's document is read in

    @property
    def relative_path(self) -> str:
        """Return the path Jekyll names the document by (its address and its defaults are
        made of it): under ``collections_dir:``, the path inside it."""
        return jekyll_path(self.path, self.home)

    @property
    def is_post(self) -> bool:
        """Tell a post (or a draft) from a page."""
        return is_post_file(self.path)

    @property
    def is_html(self) -> bool:
        """Tell a page written in HTML, which Markdown is to leave as it is, from Markdown."""
        return PurePosixPath(self.path).suffix.lower() in (".html", ".htm")

    @property
    def is_draft(self) -> bool:
        """Tell a draft of ``_drafts/`` from a post."""
        return "_drafts" in PurePosixPath(self.path).parts

    def line_of(self, offset: int) -> int:
        """Return the line of the Jekyll file at ``offset`` in the body."""
        return self._where(offset)[0]

    @functools.cached_property
    def blocks(self) -> tuple[liquid.Block, ...]:
        """Return the Liquid of the body, block by block (found once: every step asks)."""
        return tuple(liquid.blocks(self.body))

    @functools.cached_property
    def _where(self) -> Callable[[int], tuple[int, int]]:
        # a bisection per question: a page of 200,000 blocks of Liquid asks 200,000 of them
        return positions(self.body, self.body_line)


@dataclass(frozen=True)
class JekyllSite:
    """Everything of a Jekyll site tree the import looks at."""

    root: Path
    config: Mapping[str, Any]
    config_lines: Mapping[str, int]
    documents: tuple[Document, ...]
    data: Mapping[str, Path]  # name -> file under _data/ ("team-people": _data/team/people.csv)
    files: tuple[str, ...]  # other files, copied as they are unless the policy says no
    includes: Mapping[str, str]  # _includes/<name> -> its text (for what can be inlined)
    notes: tuple[Note, ...]  # what was left out while reading
    math: bool = False  # a layout, include, page or setting loads MathJax or KaTeX
    layouts: Mapping[str, str] = field(default_factory=dict)  # "people" -> _layouts/people.html
    home: str = ""  # ``collections_dir:``: where posts and collections are read ("": the top)

    def relative_path(self, name: str) -> str:
        """Return the path Jekyll names the file ``name`` by (``jekyll_path``)."""
        return jekyll_path(name, self.home)

    def layout_chain(self, name: str) -> list[str]:
        """Return the layout ``name`` and those it is put in (its ``layout:``), innermost
        first, each once; those the site does not have left out."""
        chain: list[str] = []
        while name in self.layouts and name not in chain:
            chain.append(name)
            text = self.layouts[name]
            head = text[3:].split("\n---", 1)[0] if text.startswith("---") else ""
            parent = _PARENT_LAYOUT.search(head)
            name = parent[1] if parent else ""
        return chain


def is_post_file(name: str) -> bool:
    """Tell a file of ``_posts/`` or ``_drafts/`` (at any depth) from others."""
    return any(part in POST_FOLDERS for part in PurePosixPath(name).parts)


def jekyll_path(name: str, home: str) -> str:
    """Return the path Jekyll names the file ``name`` by: under ``collections_dir:``
    (``home``), in a collection's folder or posts' (at any depth), the path inside it; any
    other file's is its own."""
    inner = name.removeprefix(f"{home}/") if home else name
    return inner if inner != name and (inner.startswith("_") or is_post_file(inner)) else name


def collections_home(config: Mapping[str, Any], lines: Mapping[str, int], notes: list[Note]) -> str:
    """Return ``collections_dir:``, the folder Jekyll reads posts and collections in ("":
    the site's top); one Jekyll cannot use is noted and read as none."""
    value = config.get("collections_dir")
    home = value.strip("/") if isinstance(value, str) else ""
    parts = PurePosixPath(home).parts  # "." (the site's top): none
    odd = ".." in parts or not home.isprintable() or "\\" in home
    if parts and (odd or parts[0].startswith(("_", "."))):
        message = f"left out 'collections_dir': {home!r} is no folder of the site Jekyll reads"
        notes.append(Note("_config.yml", lines.get("collections_dir", 0), message))
        return ""
    return "/".join(parts)


def left_out_of_home(name: str, home: str, outputs: set[str]) -> Note | None:
    """Return the note on a post or a collection's file outside ``collections_dir:`` (None
    for any other file), which Jekyll does not read."""
    top = name.split("/", 1)[0]
    if not home or name.startswith(f"{home}/"):
        return None
    if is_post_file(name):
        parts = PurePosixPath(name).parts
        folder = "/".join(parts[: next(i for i, p in enumerate(parts) if p in POST_FOLDERS) + 1])
    elif top.startswith("_") and top[1:] in outputs:
        folder = top
    else:
        return None
    message = f"left out: Jekyll reads posts and collections only under collections_dir: {home}"
    return Note(folder, 0, message)


def read_site(root: Path) -> JekyllSite:
    """Read the Jekyll site at ``root``; ``ValueError`` if it is not one."""
    if not config_file(root) and not is_own_folder(root / "_posts"):
        raise ValueError(f"{root} is not a Jekyll site: it has no _config.yml and no _posts/")
    notes: list[Note] = []
    config, config_lines = read_config(root, notes)
    home = collections_home(config, config_lines, notes)
    defaults = Defaults.of(config, config_lines.get("defaults", 0), notes, home)
    excluded = tuple(str(item) for item in config.get("exclude") or () if isinstance(item, str))
    # What Jekyll publishes though its name starts with '_' or '.' (_pages/, .well-known/).
    included = frozenset(i.strip("/") for i in config.get("include") or () if isinstance(i, str))
    encoding = source_encoding(config, config_lines, notes)
    outputs = collections_with_output(config)
    documents: list[Document] = []
    data: dict[str, Path] = {}
    files: list[str] = []
    includes: dict[str, str] = {}
    layouts: dict[str, str] = {}
    math = bool(_LOADS_MATH.search(repr(config)))
    roles = {folder: role for role, folder in own_folders(config, config_lines, notes).items()}
    for name in walk(root, excluded, notes, included):
        if name in ("_config.yml", "_config.yaml"):
            continue  # read above
        if outside := left_out_of_home(name, home, outputs):
            notes.append(outside)
            continue
        relative = jekyll_path(name, home)
        read_in_home = relative != name
        top = relative.split("/", 1)[0]
        own = "" if read_in_home else roles.get(top, "")  # its layouts…: at its top only
        if own in ("_layouts", "_includes") and (root / name).stat().st_size <= MAX_BYTES:
            text = decode((root / name).read_bytes(), encoding)
            math = math or bool(_LOADS_MATH.search(text))
            if own == "_layouts":
                layouts[PurePosixPath(name).stem] = text
        if own == "_data":
            inside = name.split("/", 1)[1]  # (in _data/, or the folder data_dir: names)
            named = unique_name(data_name(inside), data.__contains__)
            if named != data_name(inside):  # _data/team-people.yml and _data/team/people.csv
                other = data[data_name(inside)].relative_to(root).as_posix()
                notes.append(Note(name, 0, f"is data/{named}.yml: {other} has its name"))
            data[named] = root / name
        elif own == "_includes" and (root / name).stat().st_size > MAX_BYTES:
            notes.append(Note(name, 0, too_large((root / name).stat().st_size)))
        elif own == "_includes":
            includes[name.split("/", 1)[1]] = decode((root / name).read_bytes(), encoding)
        elif own == "_layouts":
            notes.append(Note(top, 0, left_out_folder("_layouts", outputs).message))
        elif (
            top.startswith("_")
            and not is_post_file(name)
            and top[1:] not in outputs
            and (top not in included)
        ):
            folder = f"{home}/{top}" if read_in_home else top
            notes.append(Note(folder, 0, left_out_folder(top, outputs).message))
        else:
            where = home if read_in_home else ""
            read_file(root, name, defaults, notes, documents, files, encoding, where)
    if includes:
        message = "left out: the site has its own layouts (an include without Liquid is pasted "
        folder = next(f for f, role in roles.items() if role == "_includes")
        notes.append(Note(folder, 0, message + "where a page used it)"))
    unique = list(dict.fromkeys(notes))
    math = math or any(_LOADS_MATH.search(f"{d.front!r}{d.body}") for d in documents)
    return JekyllSite(
        root, config, config_lines, tuple(documents), data, tuple(files), includes,
        tuple(unique), math, layouts, home,
    )  # fmt: skip


_FOLDER_KEYS = {"_data": "data_dir", "_includes": "includes_dir", "_layouts": "layouts_dir"}


def own_folders(
    config: Mapping[str, Any], lines: Mapping[str, int], notes: list[Note]
) -> dict[str, str]:
    """Return the folder of the site's data, includes and layouts, each by its role
    (``_data``: ``data_dir:``'s, else ``_data``), as Jekyll reads them; a setting that names
    no folder at the site's top is noted, and the usual one read."""
    folders = {}
    for role, key in _FOLDER_KEYS.items():
        value = config.get(key)
        name = value.strip().strip("/") if isinstance(value, str) else ""
        if value is not None and not re.fullmatch(r"[^/\\.][^/\\]*", name):
            message = f"'{key}' is left out: it names no folder at the site's top — {role} is read"
            notes.append(Note("_config.yml", lines.get(key, 0), message))
            name = ""
        folders[role] = name or role
    return folders


def read_file(
    root: Path,
    name: str,
    defaults: Defaults,
    notes: list[Note],
    documents: list[Document],
    files: list[str],
    encoding: str = "utf-8",
    home: str = "",
) -> None:
    """Read one file: a document, a file to copy, or one left out (noted); ``home`` is the
    ``collections_dir:`` it is read in as a post or a collection's."""
    if "_posts" in PurePosixPath(name).parts and not DATED.match(PurePosixPath(name).name):
        message = "left out, as Jekyll leaves it out: a post's file name starts with its date"
        notes.append(Note(name, 0, message))
        return
    size = (root / name).stat().st_size
    if size > MAX_BYTES:  # the check refuses it; a sparse file of GBs took minutes to copy
        notes.append(Note(name, 0, too_large(size) + " — link to it where it is published"))
        return
    read = len(notes)
    document = read_document(root, name, notes, encoding, home)
    if document is not None:
        documents.append(defaults.applied(document))
    elif len(notes) == read:  # no front matter, and none that failed to read
        files.append(name)


def left_out_folder(top: str, outputs: set[str]) -> Note:
    """Return the note on a folder of Jekyll's that the site does not take."""
    verdict = classify(top, folder=True)
    reason = verdict.problem.split(" — ")[0]
    if top in ("_layouts", "_sass", "_plugins", "_site"):
        return Note(top, 0, f"left out: {reason}")
    return Note(top, 0, "left out: Jekyll did not publish it (no collection with output: true)")


def collections_with_output(config: Mapping[str, Any]) -> set[str]:
    """Return the labels of the collections Jekyll published (``output: true``)."""
    found = config.get("collections")
    if not isinstance(found, dict):
        return set()
    return {str(k) for k, v in found.items() if isinstance(v, dict) and v.get("output") is True}


# The settings read here that Jekyll needs as lists or mappings (any other kind is left out).
_SETTING_KINDS = {
    "exclude": list, "include": list, "defaults": list, "header_pages": list,
    "collections": dict, "collections_dir": str,
}  # fmt: skip


def read_config(root: Path, notes: list[Note]) -> tuple[dict[str, Any], dict[str, int]]:
    """Return ``_config.yml`` (or ``_config.yaml``, which Jekyll reads when there is no
    ``_config.yml``) and the line of each of its keys (a link is noted by ``walk``)."""
    name = config_file(root)
    if not name:
        return {}, {}
    if (root / name).stat().st_size > MAX_BYTES:
        notes.append(Note(name, 0, too_large((root / name).stat().st_size)))
        return {}, {}
    text = without_refused_characters(decode((root / name).read_bytes()), name, notes)
    data = load_yaml(text, name, 1, notes)
    if data is None or data.value is None:
        return {}, {}
    if not isinstance(data.value, dict):
        notes.append(Note("_config.yml", 1, "left out: it is not 'name: value' lines"))
        return {}, {}
    value, lines = dict(data.value), dict(data.lines)
    if isinstance(collections := value.get("collections"), list):  # Jekyll's short form
        value["collections"] = {str(name): {} for name in collections if isinstance(name, str)}
    for key, kind in _SETTING_KINDS.items():
        if value.get(key) is not None and not isinstance(value[key], kind):
            what = "a list" if kind is list else "'name: value' lines"
            notes.append(Note("_config.yml", lines.get(key, 0), f"left out '{key}': not {what}"))
            del value[key]
    return value, lines


def config_file(root: Path) -> str:
    """Return the name of the site's configuration, as Jekyll picks it ("" if none)."""
    return next((n for n in ("_config.yml", "_config.yaml") if is_own_file(root / n)), "")


def load_yaml(text: str, shown: str, first_line: int, notes: list[Note]) -> Data | None:
    """Return a YAML text as Jekyll reads it, with the line of each key, by the site's own
    bounded reader; None, with a note at its line, if it cannot be read or nests too deep.
    ``first_line`` is the file line of the text's first line. A line separator (U+2028),
    which Jekyll's YAML reads as a line's end in the middle of a value, is the space that
    value had there."""
    if found := front_matter.YAML_BREAK.search(text):
        line = text.count("\n", 0, found.start()) + first_line
        notes.append(Note(shown, line, f"U+{ord(found[0]):04X} (a line separator) is a space now"))
        text = front_matter.YAML_BREAK.sub(" ", text)
    try:
        data = front_matter.load_yaml(text, Path(shown), first_line, loader=_Loader)
    except ContentError as error:
        problem = error.problem
        notes.append(Note(shown, problem.line, f"left out: it cannot be read: {problem.message}"))
        return None
    line = nested_line(data)
    if line:
        notes.append(Note(shown, line, NESTED))
        return None
    return data


def nested_line(data: Data) -> int:
    """Return the line where lists and mappings nest deeper in ``data`` than the site lets
    anything nest, or 0 (a walk, not a recursion: writing the value out would recurse)."""
    found = deepest_item(data, lambda item: (*item.items, *item.fields.values()))
    return found.line if found is not None else 0


def too_deep(value: object) -> bool:
    """Tell whether lists and mappings nest deeper in ``value`` than the site lets anything
    nest (a walk, not a recursion)."""
    return deepest_item(value, _children) is not None


def _children(value: object) -> Iterable[object]:
    if isinstance(value, dict):
        return value.values()
    return value if isinstance(value, list) else ()


def deepest_item(root: T, children: Callable[[T], Iterable[T]]) -> T | None:
    """Return the first item found nested more than ``MAX_NESTING`` deep under ``root``, or
    None: one walk with a stack, whatever ``children`` says an item holds."""
    pending = [(root, 0)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_NESTING:
            return item
        pending += [(child, depth + 1) for child in children(item)]
    return None


def walk(
    root: Path, excluded: tuple[str, ...], notes: list[Note], included: Collection[str] = ()
) -> Iterator[str]:
    """Yield the files of the site as Jekyll sees them (no hidden files but those named in
    ``include:``, no ``exclude:``), each folder's before its subfolders', as ``os.walk``
    does, but without recursion (a thousand nested folders ran out of stack); note what
    ``exclude:`` (Jekyll's own, or the site's) leaves out."""
    waiting = [""]  # the folders still to read, as prefixes ("", "_posts/"): the next last
    while waiting:
        prefix = waiting.pop()
        folders, names = _listing(root / prefix)
        for name in [*folders, *names]:
            if is_excluded(prefix + name, excluded) and not name.startswith("."):
                notes.append(Note(prefix + name, 0, "left out: Jekyll's build does not use it"))
        entered = []
        for name in folders:
            if is_excluded(prefix + name, excluded) or (
                name.startswith(_UNPUBLISHED) and name not in included
            ):
                continue
            if is_own_folder(root / prefix / name):
                entered.append(f"{prefix}{name}/")
            else:  # a link to a folder: not followed, and said
                notes.append(Note(prefix + name, 0, LINKED))
        for name in names:
            path = prefix + name
            hidden = (name.startswith(_UNPUBLISHED) and name not in included) or name.endswith("~")
            if hidden or is_excluded(path, excluded):
                continue
            if is_own_file(root / path):
                yield path
            elif (root / path).is_symlink():
                notes.append(Note(path, 0, LINKED))
            else:
                notes.append(Note(path, 0, "left out: it is no plain file"))
        waiting += reversed(entered)


def _listing(folder: Path) -> tuple[list[str], list[str]]:
    """Return the names of the folders (links to folders too) and of the other entries of
    ``folder``, each sorted; none if it cannot be read (as ``os.walk`` skips it)."""
    try:
        with os.scandir(folder) as scanned:
            entries = sorted(scanned, key=lambda entry: entry.name)
    except OSError:
        return [], []
    folders: list[str] = []
    names: list[str] = []
    for entry in entries:
        (folders if _is_folder(entry) else names).append(entry.name)
    return folders, names


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a loop of links: no folder, as os.walk reads it
        return False


def key_text(key: object) -> str:
    """Return a key of front matter as written: YAML reads ``2019:`` as a number, ``null:``
    as nothing; Jekyll takes them as they are."""
    if key is None or isinstance(key, bool):
        return {None: "null", True: "true", False: "false"}[key]
    return str(key)


def too_large(size: int) -> str:
    """Say that a file of ``size`` bytes is left out: more than a file of the site may hold
    (and than the import reads: a sparse file of GBs took minutes and GBs of memory)."""
    return (
        f"left out: it is {size / 1e6:,.1f} MB, and a file of the site may hold at most "
        f"{MAX_BYTES // 1_000_000} MB"
    )


def is_own_file(path: Path) -> bool:
    """Tell a plain file of the site from a link (which may lead out of it), a folder, a pipe."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def is_own_folder(path: Path) -> bool:
    """Tell a folder of the site from a link to one (which may lead out of it)."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def is_excluded(path: str, excluded: tuple[str, ...]) -> bool:
    """Tell whether ``path`` is in Jekyll's or the site's ``exclude:`` list: the site's as
    Jekyll reads it, a pattern or the start of the path ("secret" leaves out secret-plans.md
    too)."""
    return any(
        path == item or path.startswith(item + "/") or fnmatch.fnmatch(path, item)
        for item in _EXCLUDED
    ) or any(
        (path + "/").startswith(item.lstrip("/")) or fnmatch.fnmatch(path, item)
        for item in excluded
        if item.strip("/")
    )


def unique_name(name: str, taken: Callable[[str], bool]) -> str:
    """Return ``name``, or ``name-2``… if it is ``taken``."""
    found, number = name, 1
    while taken(found):
        number += 1
        found = f"{name}-{number}"
    return found


def data_name(name: str) -> str:
    """Return the name of a data file by its path in the data folder: ``team/people.csv``
    (of ``_data/``) -> ``team-people``."""
    inside = PurePosixPath(name)
    return "-".join([*inside.parts[:-1], inside.stem])


def decode(raw: bytes, encoding: str = "utf-8") -> str:
    """Return the text of a Jekyll file in the site's ``encoding`` (UTF-8 unless
    ``_config.yml`` says otherwise; a BOM dropped, line ends made ``\\n``); a character that
    cannot be read is U+FFFD."""
    encoding = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    return raw.decode(encoding, "replace").replace("\r\n", "\n").replace("\r", "\n")


def source_encoding(config: Mapping[str, Any], lines: Mapping[str, int], notes: list[Note]) -> str:
    """Return the encoding the old site's files are written in (its ``encoding:``, as Jekyll
    reads them), UTF-8 if it names none the import knows (noted)."""
    named = config.get("encoding")
    if not isinstance(named, str):
        return "utf-8"
    try:
        return codecs.lookup(named.removeprefix("bom|")).name
    except LookupError:
        message = f"unknown encoding {named!r}: the files are read as UTF-8"
        notes.append(Note("_config.yml", lines.get("encoding", 0), message))
        return "utf-8"


def without_refused_characters(text: str, name: str, notes: list[Note]) -> str:
    """Return ``text`` without the characters the check refuses in a file, noted: control
    characters (NUL, ESC…: no page shows them), direction overrides (they show the text
    after them reversed) and characters that carry words nobody sees (a flag's tags stay)."""
    for pattern, what, why in (
        (INVALID_CHARACTER, "control characters", "which no page shows"),
        (OVERRIDE, "direction overrides", "which show the text after them reversed"),
        (_CARRIED, "invisible characters", "which can spell words readers never see"),
    ):
        refused = [c for c in pattern.finditer(text) if not (c.re.groups and c[1])]
        if refused:  # (a flag's tags are none)
            found = sorted({f"U+{ord(c[0]):04X}" for c in refused})
            message = f"held {what} ({', '.join(found[:3])}), {why}: left out"
            notes.append(Note(name, text.count("\n", 0, refused[0].start()) + 1, message))
            text = pattern.sub(lambda c: c[1] if c.re.groups and c[1] else "", text)
    return text


def read_document(
    root: Path, name: str, notes: list[Note], encoding: str = "utf-8", home: str = ""
) -> Document | None:
    """Read a file with front matter; None for a file without (a file copied as it is), or
    for one whose front matter cannot be read (noted). Text the site's encoding cannot
    read is noted: it shows as U+FFFD. ``home``: the ``collections_dir:`` it is read in."""
    raw = (root / name).read_bytes()
    if not raw.startswith((b"---", b"\xef\xbb\xbf---")) and not is_post_file(name):
        return None
    text = decode(raw, encoding)
    if text.count("\ufffd") > raw.decode(encoding, "ignore").count("\ufffd"):  # lost bytes
        message = (
            f"holds bytes that are not {encoding} text, each shown as \ufffd — set encoding: "
            "in _config.yml (ISO-8859-1, say), or save the file as UTF-8, and import again"
        )
        notes.append(Note(name, 0, message))
    text = without_refused_characters(text, name, notes)
    relative = jekyll_path(name, home)
    collection = relative.split("/", 1)[0][1:] if relative.startswith("_") else ""
    collection = "" if is_post_file(name) else collection
    match = _FRONT_MATTER.match(text)
    if match is None:  # Jekyll reads a post without front matter too, and a page whose
        if not (post := is_post_file(name)) and not _YAML_HEADER.match(text):  # "---" is
            return None  # never closed (all its text the body); another page it copies
        if not post:
            message = "its front matter is never closed: it is all text, as on the old site"
            notes.append(Note(name, 1, message))
        return Document(name, {}, text, 1, {}, collection, home=home)
    data = load_yaml(match.group(1) or "", name, 2, notes)
    if data is None:
        return None
    front = data.value
    if not isinstance(front, dict):
        if front is not None:
            notes.append(Note(name, 2, "left out: its front matter is not 'key: value' lines"))
            return None
        front = {}
    front = {key_text(key): value for key, value in front.items()}  # `2019: Joined the lab`
    body_line = text.count("\n", 0, match.end()) + 1
    size = len(match.group().encode("utf-8"))
    body = text[match.end() :]
    if PurePosixPath(name).suffix.lower() in (".html", ".htm"):
        body, title, message = body_of_document(body)
        if message:
            notes.append(Note(name, body_line, message))
        if title and not text_of(front.get("title")):
            front["title"] = title
    return Document(
        name, front, body, body_line, data.lines, collection, front_size=size, home=home
    )


_DOCUMENT_TAG = re.compile(rf"<(/?)(!doctype|html|head|body)\b{TAG_REST}", re.IGNORECASE)
# A document's title: text to its end tag, even a "<" (browsers show it as it is).
_TITLE = re.compile(
    rf"<title\b{TAG_REST}((?:(?!</title).){{0,1000}}+)</title", re.IGNORECASE | re.DOTALL
)
_HEAD_LOADS = re.compile(r"<(style|script)\b|<link\b[^<>]*?\bstylesheet\b", re.IGNORECASE)


def body_of_document(text: str) -> tuple[str, str, str]:
    """Return what a page of HTML that is a whole document (``<!DOCTYPE>``, ``<html>``,
    ``<head>``, ``<body>``) shows: its body, each line where it was (the rest blank), the
    title of its head, and the note on what is left out; ``text`` itself, "", "" for a page
    that is no whole document (what its layout wraps)."""
    tags = list(_DOCUMENT_TAG.finditer(text))
    if not tags:
        return text, "", ""

    def last(*wanted: str) -> re.Match[str] | None:  # "body" a start tag, "/body" an end tag
        return next((t for t in reversed(tags) if t[1] + t[2].lower() in wanted), None)

    opened = last("body") or last("/head") or last("html", "!doctype", "head")
    start = opened.end() if opened else 0  # the body, else what follows the head
    closed = last("/body") or last("/html")
    finish = closed.start() if closed and closed.start() >= start else len(text)
    head, tail = text[:start], text[finish:]
    title = _TITLE.search(head)
    shown = html.unescape(title[1]).strip() if title else ""
    loads = Counter(
        found[1].lower() if found[1] else "style" for found in _HEAD_LOADS.finditer(head)
    )
    left = [f"its title '{shown}' is the page's title"] if shown else []
    handlers = sorted(  # as the check reads a handler
        {
            a.name
            for t in tags
            for tag in markup.tags(t[0])
            for a in tag.attributes
            if markup.local(a.name).startswith("on")
        }
    )
    if handlers:
        left.append(f"the {', '.join(handlers)} of its tags (they run code) are left out")
    if loads:
        left.append(
            f"its {loads['style']} style sheets and {loads['script']} scripts are left out, "
            "as the site's own replace them"
        )
    said = "; ".join(left)
    message = "was a whole HTML document: the page is what its <body> held" + (
        f" ({said})" if said else ""
    )
    kept = _only_lines(head) + text[start:finish] + _only_lines(tail)
    return _DOCUMENT_TAG.sub(lambda t: _only_lines(t[0]), kept), shown, message


def _only_lines(text: str) -> str:
    """Return the line ends of ``text``, so that what follows stays on its line."""
    return "\n" * text.count("\n")


@dataclass(frozen=True)
class Defaults:
    """The ``defaults:`` of ``_config.yml``, found by the path and type they apply to: a
    document looks up those of its folders, and tries only the few with a wildcard."""

    values: tuple[Mapping[str, Any], ...] = ()  # each default's values, in the file's order
    by_path: Mapping[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    globs: tuple[tuple[int, str, str], ...] = ()  # (index, type or "", pattern)

    @classmethod
    def of(
        cls, config: Mapping[str, Any], line: int, notes: list[Note], home: str = ""
    ) -> Defaults:
        """Return the defaults of ``config`` (at ``line`` of it); note those left out. A
        path under ``collections_dir:`` (``home``) is read without it, as Jekyll reads it."""
        values: list[Mapping[str, Any]] = []
        by_path: dict[tuple[str, str], list[int]] = {}
        globs: list[tuple[int, str, str]] = []
        for default in config.get("defaults") or ():
            scope = default.get("scope") if isinstance(default, dict) else None
            value = default.get("values") if isinstance(default, dict) else None
            if not isinstance(scope, dict) or not isinstance(value, dict):
                continue
            path = str(scope.get("path") or "").strip("/")
            path = path.removeprefix(f"{home}/") if home else path
            kind = str(scope.get("type") or "")
            if any(mark in path for mark in "*?["):
                globs.append((len(values), kind, path))
            else:
                by_path.setdefault((kind, path), []).append(len(values))
            values.append(value)
        if len(globs) > MAX_GLOBS:
            message = (
                f"left out {len(globs) - MAX_GLOBS} defaults after the first {MAX_GLOBS} whose "
                "path has a wildcard: each is tried on every page — give the pages a folder "
                "of their own, and the default that folder's path"
            )
            notes.append(Note("_config.yml", line, message))
        index = {key: tuple(found) for key, found in by_path.items()}
        return cls(tuple(values), index, tuple(globs[:MAX_GLOBS]))

    def applied(self, document: Document) -> Document:
        """Return ``document`` with the defaults that apply to it (its own front matter
        wins), merged in the order ``_config.yml`` lists them, as Jekyll merges them."""
        kind = document.collection or ("posts" if document.is_post else "pages")
        parts = document.relative_path.split("/")
        paths = ["", *("/".join(parts[:end]) for end in range(1, len(parts) + 1))]
        found = [
            i for path in paths for key in ("", kind) for i in self.by_path.get((key, path), ())
        ]
        found += [
            index
            for index, wanted, pattern in self.globs
            if wanted in ("", kind) and fnmatch.fnmatch(document.relative_path, pattern)
        ]
        merged: dict[str, Any] = {}
        for index in sorted(found):
            merged |= self.values[index]
        if not merged:
            return document
        return dataclasses.replace(
            document,
            front=merged | dict(document.front),
            defaulted=frozenset(merged.keys() - document.front.keys()),
        )


def text_of(value: object) -> str:
    """Return a front-matter value as one line of text ("" for none, a list or a mapping)."""
    if value is None or isinstance(value, (bool, list, dict)):
        return ""
    return " ".join(str(value).split())


def file_date(path: Path) -> datetime.date:
    """Return the day a file was last changed (Jekyll dates an undated draft so)."""
    try:
        return datetime.date.fromtimestamp(path.stat().st_mtime)
    except (OverflowError, OSError, ValueError):  # a time no calendar of Python's holds
        raise ValueError("its file's time is no date — give it a 'date:'") from None
