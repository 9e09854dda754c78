"""What members propose through GitHub's issue forms, as content files the check accepts.

    read_issue(text, fields)          -> {id: value}, from an issue body as GitHub shows it
    proposed_file(kind, values, …)    -> (name in content/, text) of an event or news post
    write_proposal(app, kind, issue)  -> the file written, checked as flask check would
    write_member(app, values, fields) -> members.yml with the entry added or replaced

GitHub renders a filled-in form as ``### Label`` blocks, ``_No response_`` for an empty
field. Labels are read in the form's order, so a ``###`` heading inside a long text is text.
Every value reaches the front matter as a quoted YAML string that reads back as exactly what
was written (or as a date, once it is one): a title with ``../``, ``</script>``, quotes or
YAML syntax makes a safe file name and a safe field. The page's text is checked like any page.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from ..checks.site import check_in_time, check_site_links
from ..content.dates import current_time
from ..content.front_matter import Data, decode, load_yaml
from ..content.kinds import KINDS
from ..content.members import MEMBERS_FILE
from ..content.pages import slugged
from ..content.store import ContentStore, show
from ..errors import ContentError, Problem, TagSiteError
from ..web.forms import Field, form_file, read_form
from ..web.views import open_build

_NO_RESPONSE = "_No response_"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHEN = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2})?|\d{1,2}:\d{2}")
_DATES = {"start": _WHEN, "end": _WHEN, "deadline": _DATE, "date": _DATE}  # written unquoted


class ProposalError(TagSiteError):
    """An issue that cannot become a file; it names the form's field."""


def file_slug(title: str) -> str:
    """Return the part of a new file's name that its title gives: up to 60 of a-z, 0-9, -."""
    return slugged(title)[:60].strip("-")


def yaml_text(value: str) -> str:
    """Return ``value`` on one line as a quoted YAML string that reads back as written
    (JSON's quoting is YAML's): no title or place can turn into YAML syntax."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def read_issue(text: str, fields: Sequence[Field]) -> dict[str, str]:
    """Return the value of each field in an issue body that GitHub rendered from the form."""
    values: dict[str, list[str]] = {}
    ahead = list(fields)
    current: list[str] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        heading = line[4:].strip() if line.startswith("### ") else None
        found = next((i for i, f in enumerate(ahead) if f.label == heading), None)
        if found is not None:
            current = values.setdefault(ahead[found].id, [])
            del ahead[: found + 1]
        elif current is not None:
            current.append(line)
    read = {key: "\n".join(lines).strip() for key, lines in values.items()}
    read = {key: "" if value == _NO_RESPONSE else value for key, value in read.items()}
    for field in fields:
        value = read.get(field.id, "")
        if field.required and not value:
            raise ProposalError(f"the field '{field.label}' is empty — it is needed")
        if field.options and value and value not in field.options:
            choices = ", ".join(field.options)
            raise ProposalError(f"the field '{field.label}' says {value!r} — choose {choices}")
    return read


def proposed_file(
    kind: str, values: dict[str, str], fields: Sequence[Field], today: datetime.date
) -> tuple[str, str]:
    """Return the name (in content/) and the text of the event or news post proposed."""
    labels = {field.id: field.label for field in fields}
    for key, pattern in _DATES.items():
        if values.get(key) and not pattern.fullmatch(values[key]):
            example = "2027-05-24, or 2027-05-24 14:00" if pattern is _WHEN else "2027-05-24"
            raise ProposalError(
                f"the field '{labels[key]}' says {values[key]!r}, which is not a date — write "
                f"it as {example}"
            )
    day = (values.get("start") or values.get("date") or today.isoformat())[:10]
    folder = next(content_kind.folder for content_kind in KINDS if content_kind.form == kind)
    name = f"{folder}/{day}-{file_slug(values['title'])}.md"
    lines = ["---"]
    for field in fields:
        value = values.get(field.id, "")
        if field.id == "body" or not value:
            continue
        written = value if field.id in _DATES else yaml_text(value)
        lines.append(f"{field.id}: {written}")
    text = "\n".join([*lines, "---", "", values.get("body", "")]).rstrip() + "\n"
    return name, text


@dataclass(frozen=True)
class Proposal:
    """A file written from an issue: where it is, and its page's address."""

    path: Path  # as editors see it: content/events/…
    url: str


def write_proposal(app: Flask, kind: str, issue: str) -> Proposal:
    """Write the event, news post or member's entry an issue body proposes, if ``flask
    check`` accepts it; raise ``ProposalError`` naming the form's field otherwise (and write
    nothing)."""
    form = form_file(app.root_path, kind)
    if not form.is_file():
        raise ProposalError(f"there is no issue form {form.name} in .github/ISSUE_TEMPLATE")
    fields = read_form(form).fields
    values = read_issue(issue, fields)
    if kind == "member":
        return write_member(app, values, fields)
    name, text = proposed_file(kind, values, fields, today(app))
    return write_checked(app, name, text, lambda problem: field_problem(problem, text, fields))


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
    try:
        (store.root / name).parent.mkdir(parents=True, exist_ok=True)
        with (store.root / name).open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise ProposalError(f"{shown} exists already — change the title") from None
    problems = problems_in(app, shown)
    if problems:
        (store.root / name).unlink()
        raise ProposalError("; ".join(said(problem) for problem in problems))
    return Proposal(shown, store.load().urls_by_source["/" + name])


def problems_in(app: Flask, shown: Path) -> list[Problem]:
    """Return the errors ``flask check`` finds in the file ``shown`` (a page, members.yml)."""
    build = open_build(app, preview=False)
    site = build.site
    pages = [p for p in [*site.pages.values(), *site.unplaced] if p.source == shown]
    found = [*site.errors_in(shown), *check_site_links(build)]
    found += [problem for page in pages for problem in check_in_time(build, page)]
    return [problem for problem in found if not problem.warning and problem.path == shown]


def field_problem(problem: Problem, text: str, fields: Sequence[Field]) -> str:
    """Say a problem of the new file as a problem of the form's field it came from."""
    lines = text.split("\n")
    end = lines.index("---", 1) + 1 if "---" in lines[1:] else 0
    labels = {field.id: field.label for field in fields}
    if 0 < problem.line <= end:
        key = lines[problem.line - 1].split(":", 1)[0]
        label = labels.get(key, key)
    else:
        label = labels.get("body", "text")
    return f"the field '{label}': {problem.message}"


def write_member(app: Flask, values: dict[str, str], fields: Sequence[Field]) -> Proposal:
    """Add the member an issue proposes to ``data/members.yml``, or replace the entry of the
    same name; the rest of the file stays as it was, byte for byte. If the check finds a
    problem in the entry, the file is put back and ``ProposalError`` names the field."""
    store: ContentStore = app.extensions["tag_site"]
    path, shown = store.root / MEMBERS_FILE, show(store.root, MEMBERS_FILE)
    existed = path.is_file()
    original = path.read_bytes() if existed else b""
    try:
        data = load_yaml(decode(original, shown), shown)
    except ContentError as error:
        raise ProposalError(f"{error.problem} — fix the file first") from None
    lines = original.decode("utf-8-sig").splitlines(keepends=True)
    start, end = entry_lines(data, lines, values["name"])
    entry = member_entry(values, fields)
    if start == end and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join([*lines[:start], entry, *lines[end:]]), "utf-8")
    made = range(start + 1, start + entry.count("\n") + 1)
    problems = [p for p in problems_in(app, shown) if p.line in made]
    if problems:
        if existed:
            path.write_bytes(original)
        else:
            path.unlink()
        written = entry.split("\n")
        labels = {field.id: field.label for field in fields}
        said = []
        for problem in problems:
            key = written[problem.line - made.start].lstrip("- ").split(":", 1)[0]
            said.append(f"the field '{labels.get(key, key)}': {problem.message}")
        raise ProposalError("; ".join(said))
    return Proposal(shown, "/members/")


def entry_lines(data: Data, lines: list[str], name: str) -> tuple[int, int]:
    """Return the lines (from, to: 0-based, end excluded) of the entry of the member called
    ``name``, its comments and blank lines after it aside; (n, n) at the end if there is none."""
    starts = [item.line - 1 for item in data.items]
    for number, item in enumerate(data.items):
        written = item.value.get("name", "") if isinstance(item.value, dict) else ""
        if str(written).casefold() == name.casefold():
            end = starts[number + 1] if number + 1 < len(starts) else len(lines)
            while end - 1 > starts[number] and is_filler(lines[end - 1]):
                end -= 1
            return starts[number], end
    return len(lines), len(lines)


def is_filler(line: str) -> bool:
    """Tell a blank line or a comment of a YAML file."""
    return not line.strip() or line.lstrip().startswith("#")


def member_entry(values: dict[str, str], fields: Sequence[Field]) -> str:
    """Return the members.yml entry of the member an issue describes."""
    lines: list[str] = []
    for field in fields:
        value = values.get(field.id, "")
        if not value:
            continue
        if field.id == "show_email":
            written = "true" if value == "yes" else "false"
        else:
            written = yaml_text(value)
        lines.append(f"{'  ' if lines else '- '}{field.id}: {written}\n")
    return "".join(lines)
