"""What members propose through GitHub's issue forms, as content files the check accepts.

    write_proposal(app, kind, issue)  -> the file written, checked as flask check would
    proposed_file(kind, issue, today) -> (name in content/, text, field of each line) of an
                                         event or news post
    write_member(app, issue)          -> members.yml with the entry added or updated

The issue is read by ``issues.py``, which refuses what GitHub would not show the editor who
approves it; a member's entry is made by ``membership.py``. Every value reaches the front
matter as a quoted YAML string that reads back as exactly what was written (or as a date, once
it is a real one): a title with ``../``, quotes or YAML syntax makes a safe file name and a
safe field. The page's text is checked like any page. Each error names the form's field and
its line in the issue.
"""

from __future__ import annotations

import codecs
import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask import Flask

from ..checks.site import check_in_time, site_problems
from ..content.dates import DateError, current_time, parse_when
from ..content.front_matter import decode, load_yaml, utf8_text
from ..content.kinds import KINDS
from ..content.members import MEMBERS_FILE
from ..content.pages import slugged
from ..content.store import ContentStore, show
from ..errors import ContentError, Problem
from ..web.forms import form_file, read_form
from ..web.views import open_build
from .issues import TEXT, Issue, ProposalError, quoted, read_issue, yaml_text
from .membership import member_change

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DAY_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2})?", re.ASCII)
_WHEN = re.compile(rf"{_DAY_TIME.pattern}|\d{{1,2}}:\d{{2}}", re.ASCII)  # an end: its time only
_DATES = {"start": _DAY_TIME, "end": _WHEN, "deadline": _DATE, "date": _DATE}  # unquoted
_EXAMPLES = {_DATE: "2027-05-24", _DAY_TIME: "2027-05-24, or 2027-05-24 14:00",
             _WHEN: "2027-05-24, 2027-05-24 16:00, or 16:00 (the day of the start)"}  # fmt: skip


def file_slug(title: str) -> str:
    """Return the part of a new file's name that its title gives: up to 60 of a-z, 0-9, -."""
    return slugged(title)[:60].strip("-") or "title"


def proposed_file(kind: str, issue: Issue, today: datetime.date) -> tuple[str, str, dict[int, str]]:
    """Return the name (in content/) and the text of the event or news post proposed, and
    the id of the field each line of the text comes from."""
    values = issue.values
    for key in _DATES:
        check_date(issue, key)
    day = (values.get("start") or values.get("date") or today.isoformat())[:10]
    folder = next(content_kind.folder for content_kind in KINDS if content_kind.form == kind)
    name = f"{folder}/{day}-{file_slug(values['title'])}.md"
    lines, origin = ["---"], {}
    for field in issue.fields:
        value = values.get(field.id, "")
        if field.id == TEXT or not value:
            continue
        written = value if field.id in _DATES else yaml_text(value)
        lines.append(f"{field.id}: {written}")
        origin[len(lines)] = field.id
    lines += ["---", ""]
    body = values.get(TEXT, "")
    origin.update((len(lines) + number, TEXT) for number in range(1, body.count("\n") + 2))
    text = "\n".join([*lines, body]).rstrip() + "\n"
    return name, text, origin


def check_date(issue: Issue, key: str) -> None:
    """Raise ``ProposalError`` if the field ``key`` holds no date (or time) that exists."""
    value = issue.values.get(key, "")
    if not value:
        return
    example = _EXAMPLES[_DATES[key]]
    if not _DATES[key].fullmatch(value):
        raise issue.error(
            key, f" says {quoted(value)}, which is not a date — write it as {example}"
        )
    try:
        if "-" in value:
            parse_when(value)
        else:
            datetime.time.fromisoformat(value.zfill(5))
    except DateError as error:
        fix = "" if " — " in str(error) else f" — write a real one, as {example}"
        raise issue.error(key, f": {error}{fix}") from None
    except ValueError:
        raise issue.error(
            key, f" says {quoted(value)}, which is no time of day — write it as 16:00"
        ) from None


@dataclass(frozen=True)
class Proposal:
    """A file written from an issue: where it is, its page's address, and what was done."""

    path: Path  # as editors see it: content/events/…
    url: str
    said: str  # "Wrote content/events/…", "Updated the entry of … in content/data/…"
    warnings: tuple[str, ...] = ()  # what the check warns of in it, as the form's fields


def write_proposal(app: Flask, kind: str, source: Path) -> Proposal:
    """Write the event, news post or member's entry that the issue body in the file
    ``source`` proposes, if ``flask check`` accepts it; raise ``ProposalError`` naming the
    form's field and its line otherwise (and write nothing)."""
    form = form_file(app.root_path, kind)
    if not form.is_file():
        raise ProposalError(f"there is no issue form {form.name} in .github/ISSUE_TEMPLATE")
    try:
        text = utf8_text(source.read_bytes(), source)
    except ContentError as error:
        raise ProposalError(str(error.problem)) from None
    issue = read_issue(text, read_form(form).fields, source)
    if kind == "member":
        return write_member(app, issue)
    name, text, origin = proposed_file(kind, issue, today(app))
    return write_checked(app, name, text, lambda problem: field_problem(problem, issue, origin))


def today(app: Flask) -> datetime.date:
    """Return the day it is for the site of ``app``, by the one clock."""
    site = app.extensions["tag_site"].load()
    return current_time(site.tz, app.config.get("TODAY")).date()


def write_checked(
    app: Flask, name: str, text: str, said: Callable[[Problem], str] = str
) -> Proposal:
    """Write ``text`` as the new file ``name`` of content/, never over an existing one, and
    keep it if ``flask check`` finds no error in it; else remove it and raise
    ``ProposalError`` with each error as ``said`` says it."""
    store: ContentStore = app.extensions["tag_site"]
    shown = show(store.root, name)
    own_file(store.root, name, shown)
    try:
        (store.root / name).parent.mkdir(parents=True, exist_ok=True)
        with (store.root / name).open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise ProposalError(f"{shown} exists already — change the title") from None
    found = problems_in(app, shown)
    if problems := [problem for problem in found if not problem.warning]:
        (store.root / name).unlink()
        raise ProposalError("; ".join(said(problem) for problem in problems))
    url, warned = store.load().urls_by_source["/" + name], tuple(map(said, found))
    return Proposal(shown, url, f"Wrote {shown}", warned)


def own_file(root: Path, name: str, shown: Path) -> None:
    """Raise ``ProposalError`` unless the file ``name`` of content/ (``root``) can be written
    as a file of its own: a link on its way (to a file or folder anywhere) would be followed
    by the write, out of content/, and what is no file cannot be written."""
    parts = PurePosixPath(name).parts
    for depth in range(1, len(parts) + 1):
        here = root.joinpath(*parts[:depth])
        if here.is_symlink():
            where = show(root, "/".join(parts[:depth]))
            message = "is a link, which the site does not follow — make it a file or folder"
            raise ProposalError(f"{where} {message}")
        if depth < len(parts) and here.exists() and not here.is_dir():  # content/news a file
            where = show(root, "/".join(parts[:depth]))
            raise ProposalError(f"{where} is a file, where a folder of the site's belongs — "
                                "move it away, and the proposal can be written")  # fmt: skip
    if (root / name).exists() and not (root / name).is_file():
        raise ProposalError(f"{shown} is not a file — remove what is there")


def problems_in(app: Flask, shown: Path) -> list[Problem]:
    """Return the errors and warnings ``flask check`` finds in the file ``shown`` (a page,
    members.yml): the site's (``site_problems``: its address showing a hidden one, a section
    the site has not…) and the page's own, and another file's claim on its URL (said at that
    file)."""
    build = open_build(app, preview=False)
    site = build.site
    pages = [p for p in [*site.pages.values(), *site.unplaced] if p.source == shown]
    found = site_problems(build)
    found += [problem for page in pages for problem in check_in_time(build, page)]
    found = [problem for problem in found if problem.path == shown]
    found += [clash for page in pages for clash in site.clashes.get(page.url, ())]
    return list(dict.fromkeys(found))  # a claim on its URL is one of its errors too


def field_problem(problem: Problem, issue: Issue, origin: Mapping[int, str]) -> str:
    """Say a problem of the new file as a problem of the form's field whose value is on the
    problem's line; one of the file as a whole (its name) as one of the file."""
    key = origin.get(problem.line)
    if key is None:  # its name and address come from the title (and the date)
        title = issue.label("title")
        return f"{issue.source}: the file it makes: {problem} (the form's '{title}' names it)"
    line = issue.lines.get(key, 1)
    if key == TEXT:  # the line of the text itself, not of its first line
        line += problem.line - min(number for number, id_ in origin.items() if id_ == TEXT)
    return str(issue.error(key, f": {problem.message}", line))


def write_member(app: Flask, issue: Issue) -> Proposal:
    """Add the member an issue proposes to ``data/members.yml``, or update her entry; the
    rest of the file stays as it was, byte for byte. If the check finds a new error (one
    on a line the form wrote, or one it did not say before), the file is put back and
    ``ProposalError`` names the field."""
    store: ContentStore = app.extensions["tag_site"]
    path, shown = store.root / MEMBERS_FILE, show(store.root, MEMBERS_FILE)
    own_file(store.root, MEMBERS_FILE, shown)
    existed = path.is_file()
    original = path.read_bytes() if existed else b""
    try:
        data = load_yaml(decode(original, shown), shown)
    except ContentError as error:
        raise ProposalError(f"{error.problem} — fix the file first") from None
    before = {problem.message for problem in problems_in(app, shown)}  # (errors or not)
    mark = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    lines = original.decode("utf-8-sig").splitlines(keepends=True)
    change = member_change(lines, data, issue, shown)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mark + "".join(change.lines).encode("utf-8"))
    found = [  # on a line the form wrote, or said of no line before: the form's
        p for p in problems_in(app, shown) if p.line in change.written or p.message not in before
    ]
    if problems := [problem for problem in found if not problem.warning]:
        if existed:
            path.write_bytes(original)
        else:
            path.unlink()
        raise ProposalError("; ".join(member_problem(p, issue, change.written) for p in problems))
    warned = tuple(member_problem(p, issue, change.written) for p in found)
    return Proposal(shown, "/members/", change.said, warned)


def member_problem(problem: Problem, issue: Issue, written: Mapping[int, str]) -> str:
    """Say a new problem of members.yml as one of the form's field written on its line."""
    if problem.line in written:
        return str(issue.error(written[problem.line], f": {problem.message}"))
    return str(problem)
