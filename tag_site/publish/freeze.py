"""Freeze the site's views into static files and publish them atomically.

The build goes into a temporary sibling of the destination; only when every page was written
and every internal link of the output resolves does it replace the previous build. What the
destination holds that no freeze wrote (a ``CNAME``, a folder of one's own) is carried over.
"""

from __future__ import annotations

import ctypes
import dataclasses
import errno
import functools
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from flask import Flask
from flask_frozen import Freezer, FrozenFlaskWarning, MissingURLGeneratorWarning

from .. import cache
from ..build import Build, Output, committed, file_bytes, manifest_is_ours, remember_build
from ..checks.built import Document, broken_links, read_documents
from ..checks.site import check_attachment, check_share, check_url, in_order, site_problems
from ..content.files import Kind, classify
from ..content.settings import site_address
from ..content.store import ContentStore, Site, too_long, walk_tree
from ..content.urls import MANIFEST, NO_JEKYLL, PER_ITEM, SEARCH_FOLDER, SECTION_OF, folders_of
from ..errors import ContentError, Problem, ProblemsError, TagSiteError
from ..markdown.limits import FREEZE_SLACK, MAX_BYTES, slack
from ..web.app import site_app
from ..web.views import open_build
from .changes import Changes, compare, outputs
from .incremental import Keeper, Previous, Record, shared_state, written_file
from .search import SECONDS, index_site, pagefind_failure
from .workers import Progress, Share, Shown, in_parallel, jobs_for

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # linux/fcntl.h, linux/fs.h
_ENGINE_FOLDERS = frozenset({"templates", "static", "tag_site", "tests", ".github", ".ci", ".venv"})


class FreezeError(TagSiteError):
    """The freeze cannot go on: a refused destination, or a page Frozen-Flask cannot write."""


@dataclass(frozen=True)
class FreezeResult:
    """What a freeze wrote."""

    dest: Path
    pages: int
    files: int
    seconds: float
    warnings: tuple[Problem, ...] = ()
    kept: int = 0  # outputs taken as the previous build had them
    index_files: int = 0  # the search index's
    index_bytes: int = 0
    changes: Changes = field(default_factory=Changes)


def freeze_site(
    app: Flask, dest: Path, base_url: str | None = None, show: Shown | None = None
) -> FreezeResult:
    """Write the site into ``dest`` for ``base_url`` (default: ``TAG_SITE_BASE_URL``, else the
    ``url`` of site.yml), telling ``show(done, total)`` how many of its outputs are made as it
    goes.

    Raises ``ProblemsError`` on content problems, ``FreezeError`` when
    ``dest`` is refused or cannot be written; either way the previous build is left as it was.
    Each file may take ``FREEZE_SLACK`` times the check's time budget here, so that a file
    the check passed is not refused for being as slow again.
    """
    with slack(FREEZE_SLACK):
        return _freeze(app, dest, base_url, show)


def _freeze(app: Flask, dest: Path, base_url: str | None, show: Shown | None) -> FreezeResult:
    started = time.perf_counter()
    store: ContentStore = app.extensions["tag_site"]
    if link := committed_link(dest):
        raise FreezeError(
            f"{link} is a link git tracks (a pull request may have brought it, to send the "
            "build elsewhere) — remove it from git, or freeze into a folder of its own"
        )
    if (followed := cache.resolved(dest)) is None:
        raise FreezeError(f"{dest} is a loop of links — choose a folder with --dest")
    dest = followed
    refuse_destination(dest, repo=Path(app.root_path).resolve(), content=store.root.resolve())
    static = Path(app.static_folder or "static")  # copied into the build, as dest is kept
    unused = cache.keep_out(dest, static)
    remove_stale_folders(dest)
    build = open_build(app, preview=False, base_url=base_url)
    source = "--base-url" if base_url else "TAG_SITE_BASE_URL"  # site.yml's url is checked
    build = dataclasses.replace(build, base_url=normalise_base_url(build.base_url, source))
    found, seen = read_manifest(dest), manifest_state(dest)
    if found is not None and committed(dest / MANIFEST):  # before reading what it names
        raise FreezeError(
            f"{dest} is an earlier build committed to git (a pull request may have brought it, "
            "its files and their manifest alike): it is no build of yours to keep pages from "
            f"— remove it from git (git rm -r --cached {dest.name}) or freeze elsewhere"
        )
    found = trusted(found)
    templates = Path(app.root_path, app.template_folder or "templates")
    folder = make_build_folder(dest)
    kept_from = found if found and manifest_is_ours(dest) else Previous(dest)  # none of others'
    keeper = Keeper(kept_from, shared_state(build, templates), folder)
    build = dataclasses.replace(build, keeper=keeper)
    try:
        warned, records, placed = make_site(app, build, folder, keeper, show)
        (folder / NO_JEKYLL).write_bytes(b"")
        written = write_manifest(folder, records, placed)
        index = [name for name in written if name.startswith(f"{SEARCH_FOLDER}/")]
        # measured here: once published, another freeze may replace it before it is read
        size = sum((folder / name).stat().st_size for name in index)
        if manifest_state(dest) != seen:  # another freeze published since: what it wrote
            found = trusted(read_manifest(dest)) or found
        carry_over(found, folder, build.site)
        swap(folder, dest)
        remember_build(dest, written)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    pages = sum(name.endswith(".html") for name in written)
    others = len(outputs(written)) - pages  # as the changes count them: no .nojekyll, no index
    seconds = time.perf_counter() - started
    changes = compare(found.files if found else None, written)
    warned = [*([unused] if unused else []), *warned]
    return FreezeResult(
        dest, pages, others, seconds, tuple(warned), len(placed), len(index), size, changes
    )


@dataclass(frozen=True)
class Part:
    """What one worker found and wrote: its share's problems, its files as the link check
    reads them, how it made each output (``incremental``), and how many it kept."""

    problems: list[Problem]
    documents: dict[Path, Document] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # the names of the files it wrote
    placed: dict[str, str] = field(default_factory=dict)  # those kept, with their SHA-256


def make_site(
    app: Flask, build: Build, folder: Path, keeper: Keeper, show: Shown | None = None
) -> tuple[list[Problem], dict[str, Record], dict[str, str]]:
    """Check ``build`` and write its outputs into ``folder``, on every core, each kept by
    ``keeper`` if the previous build has it as it would be made; raise ``ProblemsError`` for
    content errors and broken links; return the warnings, how each output was made, and the
    files kept with their SHA-256."""
    upfront = site_problems(build)
    clean = all(problem.warning for problem in upfront)
    frozen = frozen_app(app, build, folder)
    jobs = jobs_for(app.config.get("JOBS"), len(build.outputs))
    progress = Progress(len(build.outputs), jobs, show)
    work = functools.partial(make_part, frozen, build, keeper, clean, progress)
    parts = in_parallel(work, jobs, progress)
    problems = in_order([*upfront, *(problem for part in parts for problem in part.problems)])
    raise_errors(problems)
    check_endpoints(frozen, build)
    documents = {file: document for part in parts for file, document in part.documents.items()}
    files = {name for part in parts for name in part.files}
    attachments = {written_file(url) for url in build.public.attachments}
    if "search" in build.site.config.sections:
        files |= set(index_pages(folder, files - attachments, build.site))
    prefix = urlsplit(build.base_url).path
    raise_errors(broken_links(folder, prefix, build.site, documents, files))
    records = {url: record for part in parts for url, record in part.records.items()}
    return problems, records, {name: sha for part in parts for name, sha in part.placed.items()}


def make_part(
    frozen: Flask, build: Build, keeper: Keeper, clean: bool, progress: Progress, share: Share
) -> Part:
    """Check one share of the content and, while it and the whole site are clean, write that
    share of the outputs, each as soon as its content is checked (so rendered once, and not
    kept in memory; or taken from the previous build by ``keeper``). Then read them back for
    the link check."""
    folder = Path(frozen.config["FREEZER_DESTINATION"])
    outputs = [output for output in build.outputs if share.takes(output.url)]
    problems: list[Problem] = []
    kept: list[Path] = []

    def checked() -> Iterator[Output]:
        """Yield the outputs to make, each once its content is checked; none after an error."""
        writing = clean
        for output in outputs:
            progress.advance(share)
            found = check_url(build, output.url)
            problems.extend(found)
            writing = writing and all(problem.warning for problem in found)
            if not writing:
                continue
            if keeper.keeps(frozen, output):
                kept.append(folder / written_file(output.url))
                continue
            yield output

    try:
        files = freeze_views(frozen, checked()) + kept
    except ContentError as error:  # an output that cannot be made (a post's body, in the feed)
        problems.append(error.problem)
        files = []
    problems += check_share(build, share.takes, done={output.url for output in outputs})
    if not clean or not all(problem.warning for problem in problems):
        return Part(problems)
    names = [file.relative_to(folder).as_posix() for file in files]
    documents = read_documents(folder, files, build.site, keeper.placed)
    return Part(problems, documents, dict(keeper.records), names, dict(keeper.placed))


def index_pages(folder: Path, files: set[str], site: Site) -> list[str]:
    """Build the search index of the pages among ``files`` (what the site made, never an
    attachment) into ``pagefind/``; return the names of the files it wrote."""
    pages = sorted(name for name in files if name.endswith(".html"))
    try:
        return index_site(folder, pages)
    except subprocess.TimeoutExpired:
        raise FreezeError(
            f"the search index could not be built: Pagefind did not finish in {SECONDS} s"
        ) from None
    except subprocess.CalledProcessError as error:
        raise FreezeError(pagefind_failure(error.stderr or b"", pages, site)) from None
    except (OSError, subprocess.SubprocessError) as error:
        raise FreezeError(f"the search index could not be built: {error}") from None


def raise_errors(problems: list[Problem]) -> None:
    """Raise the errors among ``problems`` at once, as a ``ProblemsError``."""
    errors = tuple(problem for problem in problems if not problem.warning)
    if errors:
        raise ProblemsError(errors)


def normalise_base_url(url: str, source: str) -> str:
    """Return ``url`` as ``site_address`` writes it, or raise ``FreezeError`` naming the
    ``source`` it came from (``--base-url``, ``TAG_SITE_BASE_URL``)."""
    try:
        return site_address(url)
    except ValueError as error:
        raise FreezeError(f"{source} {url!r} {error}") from None


def risky_destination(dest: Path, *, repo: Path) -> str:
    """Return why a command must not write a folder at ``dest`` (resolved) in the repository
    ``repo``, where it could destroy what no command made; "" if it may. The freeze and the
    Jekyll import both ask."""
    if dest == Path.cwd().resolve() or dest == repo or dest in repo.parents:
        return "is the current folder, the repository or a folder that holds it"
    if (dest / ".git").exists():
        return "holds a git repository"
    if ".git" in dest.parts:
        return "is inside a git repository's own folder"
    if repo in dest.parents and dest.relative_to(repo).parts[0] in _ENGINE_FOLDERS:
        return "is inside the engine's own folders"
    if any((parent / MANIFEST).is_file() for parent in dest.parents):
        return "is inside an earlier build, whose next freeze would publish what it holds"
    return ""


def committed_link(dest: Path) -> Path | None:
    """Return the first of ``dest`` and the folders that hold it that is a link git tracks,
    else None."""
    places = (dest, *dest.absolute().parents)
    return next((place for place in places if place.is_symlink() and committed(place)), None)


def freeze_refusal(dest: Path, content: Path) -> str:
    """Return why the freeze, besides what ``risky_destination`` says, must not write into
    ``dest``: the content folder, a file, a folder of something else; "" if it may."""
    if dest == content or content in dest.parents or dest in content.parents:
        return "is, holds or is inside the content folder"
    if dest.exists() and not dest.is_dir():
        return "is a file"
    if dest.is_dir() and any(dest.iterdir()) and read_manifest(dest) is None:
        return f"is not empty and not an earlier build (it has no valid {MANIFEST})"
    return ""


def refuse_destination(dest: Path, *, repo: Path, content: Path) -> None:
    """Raise ``FreezeError`` unless ``dest`` (resolved) is new, empty or a previous build."""
    # the refusals the Jekyll import shares; then the freeze's own
    reason = risky_destination(dest, repo=repo) or freeze_refusal(dest, content)
    if reason:
        raise FreezeError(
            f"refusing to write the site into {dest}: it {reason} — choose a new folder"
        )


def make_build_folder(dest: Path) -> Path:
    """Create the empty temporary sibling of ``dest`` that the build goes into."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(prefix=our_prefix(dest), suffix=".tmp", dir=dest.parent))
    except OSError as error:
        raise FreezeError(f"cannot write next to {dest}: {error.strerror}") from None
    build.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable
    return build


def our_prefix(dest: Path) -> str:
    """Return how the temporary folders of a freeze (or an import) into ``dest`` begin: with
    its PID and the tag of the system it runs on (``system_tag``), so that a later one can
    tell the folders of one that was killed from those of one that runs, or of another
    system's."""
    return f".{dest.name}.{os.getpid()}.{system_tag()}."


@functools.cache
def system_tag() -> str:
    """Return a tag of the system whose processes this one sees by their PIDs: this boot of
    the machine and its space of PIDs (a container has its own; a freeze in another, or on
    another machine sharing the folder, runs where no PID of ours tells). Where neither is
    known, the machine's name."""
    read = []
    for path, how in ((Path("/proc/sys/kernel/random/boot_id"), Path.read_text),
                      (Path("/proc/self/ns/pid"), Path.readlink)):  # fmt: skip
        try:
            read.append(str(how(path)))
        except OSError:
            read.append(socket.gethostname())
    return hashlib.sha256("\n".join(read).encode()).hexdigest()[:12]


def remove_stale_folders(dest: Path) -> None:
    """Remove the temporary folders that a killed freeze (or import) into ``dest`` left
    beside it; first put back the previous build if it was killed between the two renames
    of ``swap`` (no ``dest``, the previous build in its ``.old`` folder)."""
    tag = re.escape(system_tag())  # another system's folders are not ours to judge
    pattern = re.compile(rf"^\.{re.escape(dest.name)}\.(\d+)\.{tag}\.[a-z0-9_]+\.(tmp|old|import)$")
    if not dest.parent.is_dir():
        return
    stale = []
    for folder in sorted(dest.parent.iterdir()):
        found = pattern.match(folder.name)
        if not found or not folder.is_dir() or folder.is_symlink() or alive(int(found[1])):
            continue
        if committed(folder):  # a pull request's, named as a killed freeze's: neither kept nor ours
            continue
        previous = folder / dest.name
        if found[2] == "old" and not read_manifest(previous):
            if any(folder.iterdir()):  # no build in it (a build has its manifest): not ours
                continue
        elif found[2] == "old" and not os.path.lexists(dest):
            try:
                previous.rename(dest)
            except OSError:
                continue  # never remove the one copy of the previous build
        stale.append(folder)
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)


def alive(pid: int) -> bool:
    """Tell whether a process with this PID runs (as far as this user can see)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def frozen_app(app: Flask, build: Build, folder: Path) -> Flask:
    """Return the app the freeze requests its pages from, into ``folder``: one of its own
    that serves this one Build, so no view reads the content or the clock again and what is
    published is exactly what was checked."""
    settings = {
        "FREEZER_DESTINATION": str(folder),
        "FREEZER_BASE_URL": build.base_url,
        "FREEZER_REMOVE_EXTRA_FILES": False,
        "FREEZER_REDIRECT_POLICY": "error",
        "PROPAGATE_EXCEPTIONS": True,  # a bug in a view is a traceback, not a 500 page
    }
    return site_app(dict(app.config) | settings, build=build)


def freeze_views(frozen: Flask, outputs: Iterable[Output]) -> list[Path]:
    """Request ``outputs`` through the frozen app's views; return the files written."""
    freezer = Freezer(
        frozen, with_static_files=False, with_no_argument_rules=False, log_url_for=False
    )
    freezer.register_generator(lambda: ((o.endpoint, dict(o.values)) for o in outputs))
    try:
        with warnings.catch_warnings():
            # A page Frozen-Flask would skip or mislabel is a broken site, not a warning.
            warnings.simplefilter("error", FrozenFlaskWarning)
            # Each worker writes its share: ``check_endpoints`` looks at the whole Build.
            warnings.simplefilter("ignore", MissingURLGeneratorWarning)
            # "Lau,-Deep-speare:.html" (an old Jekyll address) is HTML to every web server, by
            # its extension; Python's mimetypes reads "Lau,-Deep-speare:" as a URL's scheme.
            warnings.filterwarnings(
                "ignore", r"Filename extension of '[^'/]*:\.html' \(type application/octet-"
            )
            return [freezer.root / page.path for page in freezer.freeze_yield()]
    except FrozenFlaskWarning as error:
        raise FreezeError(f"Frozen-Flask: {error}") from None
    except ValueError as error:
        if not str(error).startswith("Unexpected status"):
            raise
        raise FreezeError(f"{error} — the page could not be made: run flask check") from None


def check_endpoints(frozen: Flask, build: Build) -> None:
    """Raise ``FreezeError`` for a view of the app that no output of the Build reaches, as
    Frozen-Flask would for a freeze in one piece (a page it would silently skip); a view of
    one page per year has none in a site with nothing on record."""
    reached = {output.endpoint for output in build.outputs}
    rules = frozen.url_map.iter_rules()
    absent = {view for view, one in SECTION_OF.items() if one not in build.site.config.sections}
    wanted = {r.endpoint for r in rules if "GET" in (r.methods or ())} - set(PER_ITEM) - absent
    missing = sorted(wanted - reached)
    if missing:
        raise FreezeError(
            f"Frozen-Flask: Nothing frozen for endpoints {', '.join(missing)}. "
            "Did you forget a URL generator?"
        )


def write_manifest(
    build: Path, records: Mapping[str, Record], known: Mapping[str, str] = {}
) -> dict[str, str]:
    """Mark ``build`` as ours: list every file it holds with its SHA-256 (``known``: those of
    the files kept from the previous build, read when they were kept), and how each output
    was made; return the files with their SHA-256."""
    names = [p.relative_to(build).as_posix() for p in every_path(build) if p.is_file()]
    digests = {
        name: known.get(name) or hashlib.sha256((build / name).read_bytes()).hexdigest()
        for name in names
    }
    keys = {url: record.to_json() for url, record in records.items()}
    manifest = {"generator": "tag_site", "files": digests, "keys": keys}
    text = json.dumps(manifest, indent=1, sort_keys=True)
    # It is published with the site (GitHub Pages serves dot files): each "@" and "%" of an
    # address a page asked about (a mailto: link) is written as JSON's escape, which
    # harvesters do not read as one, and the next freeze reads back as it was.
    text = text.replace("@", "\\u0040").replace("%", "\\u0025")
    (build / MANIFEST).write_text(text + "\n", "utf-8")
    return digests


def manifest_state(folder: Path) -> tuple[int, int, int] | None:
    """Return what tells one manifest of ``folder`` from another without reading it."""
    try:
        found = (folder / MANIFEST).stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def trusted(found: Previous | None) -> Previous | None:
    """Return the earlier build its manifest ``found`` lists (None: none), as far as it is
    to be trusted: one that no freeze on this machine vouches for (``manifest_is_ours``: a
    build copied in, a manifest someone wrote) lists only the files that hold what it says:
    one it names with other bytes is someone's, never removed on its word (``{"files":
    {"notes.txt": ""}}``)."""
    if found is None or manifest_is_ours(found.dest):
        return found
    files = {name: sha for name, sha in found.files.items() if holds(found.dest, name, sha)}
    return dataclasses.replace(found, files=files)


def holds(dest: Path, name: str, sha: str) -> bool:
    """Tell a file of its own at ``name`` in ``dest`` (no link on the way, no ``..``: not one
    outside it) whose bytes have the SHA-256 ``sha`` (hex)."""
    path = dest / name
    try:
        inside = not PurePosixPath(name).is_absolute() and path.resolve() == path
    except (OSError, RuntimeError, ValueError):  # a loop of links; a NUL in the name
        return False
    found = file_bytes(path) if inside else None
    return found is not None and hashlib.sha256(found).hexdigest() == sha


def read_manifest(folder: Path) -> Previous | None:
    """Return what an earlier freeze wrote into ``folder``, or None if it has no manifest: a
    manifest is a file of its own (a link to /dev/zero, a pipe, would be read for ever)."""
    if (raw := file_bytes(folder / MANIFEST)) is None:
        return None
    try:
        manifest = json.loads(raw.decode("utf-8"))
        files, keys = manifest["files"], manifest.get("keys", {})
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    if not isinstance(files, dict) or not isinstance(keys, dict):
        return None
    records = {url: record for url, value in keys.items() if (record := Record.from_json(value))}
    return Previous(folder, files, records)


def carry_over(previous: Previous | None, build: Path, site: Site) -> None:
    """Copy into ``build`` what the ``previous`` build holds that no freeze wrote (a
    ``CNAME``, a folder): it is published too, so it must pass the check of a file of the
    content of ``site`` (no script, no address, none its members.yml hides however packed or
    named, no data file, no link out of the destination)."""
    if previous is None:
        return
    dest, ours = previous.dest, previous.files
    holding = {folder for name in ours for folder in folders_of("/" + name)}  # "/a", "/a/b"
    links: list[str] = []
    for path in every_path(dest):
        name = path.relative_to(dest).as_posix()
        try:
            name.encode()
        except UnicodeEncodeError:  # bytes no text reads (b"\xff"): no file of the content's
            shown = name.encode(errors="surrogateescape").decode(errors="backslashreplace")
            raise FreezeError(
                f"{dest}/{shown} was not written by a freeze, and its name is not UTF-8 text, "
                "as the site's files are named — rename it, or move it out of the destination"
            ) from None
        if too_long(name):  # no file of the content can have it (nor folders nested so deep)
            raise FreezeError(
                f"{dest}/{name[:60]}… was not written by a freeze, and its name is longer than "
                "a file of the site's may be — move it out of the destination"
            )
        target = build / name
        if name in ours or name == MANIFEST or "/" + name in holding:
            continue
        # A file of the new build where this needs a folder: its own folder's place (each
        # folder above was looked at before it, as the walk goes), or its own, if a folder.
        folders = [name.rpartition("/")[0]] if "/" in name else []
        folders += [name] if path.is_dir() else []
        if taken := next(
            (f for f in folders if (build / f).is_file() or (build / f).is_symlink()), ""
        ):
            raise FreezeError(
                f"{path} was not written by a freeze, and the new build has a file at {taken} "
                "— move it out of the way"
            )
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                target.mkdir(parents=True, exist_ok=True)  # an empty folder of someone's
            continue
        if target.exists() or target.is_symlink():
            raise FreezeError(
                f"{path} was not written by a freeze and the new build has a file of that "
                "name — move it out of the way"
            )
        if not path.is_symlink() and not path.is_file():  # a pipe: reading it would block
            raise FreezeError(f"{path} is not a file, a folder or a link — move it out of the way")
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():  # judged by what it leads to in the new build, once all is there
            target.symlink_to(path.readlink())
            links.append(name)
        else:
            refuse_foreign(dest, name, site)
            shutil.copy2(path, target)
    for name in links:
        refuse_foreign(dest, name, site, build)


def every_path(folder: Path) -> Iterator[Path]:
    """Yield every file and folder under ``folder``, as ``sorted(folder.rglob("*"))`` lists
    them (links not followed), however deep they nest."""
    entries = walk_tree(folder, lambda entry: entry.is_dir(follow_symlinks=False))
    return (Path(entry.path) for entry in entries)


def refuse_foreign(dest: Path, name: str, site: Site, folder: Path | None = None) -> None:
    """Raise ``FreezeError`` if the file ``name`` of ``dest``, which no freeze wrote, could
    not be published as a file of the content: a script, an e-mail address, a data file, a
    link to what lies outside ``dest`` (publishing follows links). ``folder``: where it is
    read (a link: in the new build, what it will lead to once published), else ``dest``."""
    folder = folder or dest
    path = folder / name
    problem = link_problem(folder, path) if path.is_symlink() else ""
    problem = problem or file_problem(path, name, site)
    if problem:
        raise FreezeError(
            f"{dest / name} was not written by a freeze and would be published with the site, "
            f"but {problem} — move it out of the destination"
        )


def link_problem(dest: Path, link: Path) -> str:
    """Say what is wrong with a link in ``dest`` that publishing would follow ("" if it
    leads to a file inside, which is then judged as the link's name serves it)."""
    try:
        if dest.resolve() not in link.resolve().parents:
            return "it is a link to a file outside the destination, which publishing copies"
    except (OSError, RuntimeError):  # a loop of links
        return "it is a link that leads to no file (a loop of links)"
    if not link.exists():
        return "it is a link to a file the new build does not have"
    return "it is a link to a folder, whose files publishing would copy" if link.is_dir() else ""


def file_problem(path: Path, name: str, site: Site) -> str:
    """Say why the file at ``path`` cannot be published as ``name`` ("" if it can): read
    through a link, its bytes are judged by the link's name, as they would be served
    (about.html -> badge.png is a page)."""
    if (verdict := classify(name)).kind is Kind.UNPUBLISHED:
        said = verdict.problem.split(" — ")[0]  # "is a data file…", "a file whose name…"
        return f"it {said}" if said.startswith("is ") else said
    if (size := path.stat().st_size) > MAX_BYTES:  # the check reads no more of a file
        return f"it is {size / 1e6:.1f} MB, more than a file of the content may be (5 MB)"
    found = [f for f in check_attachment(Path(name), path, site) if not f.warning]
    return found[0].message.split(" — ")[0] if found else ""


def swap(build: Path, dest: Path) -> None:
    """Put ``build`` in the place of ``dest``; if that fails, put ``dest`` back. A kill at
    any moment leaves a whole build at ``dest``, or one that the next freeze puts back.

    Where the system can, the two folders exchange their names in one step, and the
    previous build is left at ``build``'s name for the caller to remove; else ``dest`` is
    moved into an ``.old`` folder and ``build`` in its place (``remove_stale_folders`` puts it
    back if this process dies between the two)."""
    if not dest.exists():
        try:
            build.rename(dest)
        except OSError as error:  # another freeze published there since: its build stays
            happened = "another freeze published there meanwhile" if dest.exists() else ""
            raise FreezeError(
                f"cannot publish into {dest}: {happened or error.strerror} — run the freeze again"
            ) from None
        return
    if exchange(build, dest):
        return
    old = Path(tempfile.mkdtemp(prefix=our_prefix(dest), suffix=".old", dir=dest.parent))
    dest.rename(old / dest.name)
    try:
        build.rename(dest)
    except BaseException:
        (old / dest.name).rename(dest)
        old.rmdir()
        raise
    shutil.rmtree(old)


def exchange(one: Path, other: Path) -> bool:
    """Exchange the names of two folders in one step (Linux's ``renameat2`` with
    ``RENAME_EXCHANGE``); False, having changed nothing, where the system or the file
    system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux, or a C library without it
        return False
    paths = os.fsencode(one), os.fsencode(other)
    if renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # unsupported
        return False
    raise OSError(number, os.strerror(number), str(one), None, str(other))
