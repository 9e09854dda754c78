"""A member's entry in ``data/members.yml``, as the join-or-update form writes it.

    member_change(lines, data, issue, shown) -> Change: the file's new lines, the field each
        written line holds, and what was done, to be said

A name not listed yet is added at the end. A name listed already (compared as ``name_key``
compares names: case, spacing, Unicode form) updates that entry in place: each field the form
fills in replaces that field's lines; the name as it is listed, every field the form does not
carry or leaves empty, and the comments stay as they were (but one after a replaced value,
which spoke of the old value); so does the name in fullwidth letters, which NFKC makes the
same. A name that only looks like a listed one (a Cyrillic е, rn for m) is refused. An empty
list written ``[]`` makes way for the first entry; members written as one list between
brackets are refused (they cannot be changed line by line). The rest of the file stays byte
for byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content.front_matter import Data
from ..content.lookalikes import (
    address_skeleton,
    difference,
    mixed_word,
    name_key,
    name_look,
)
from .issues import Issue, ProposalError, quoted, shortened, yaml_text

_PREFIX = re.compile(r"[ \t]*(?:-[ \t]+)?")  # before a key: indentation, and a list's dash
_SHARED = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\[\]{}]|<<[ \t]*:")  # anchor, alias, merge
_DOCUMENT_END = re.compile(r"\.\.\.(?:[ \t\r\n]|$)")


@dataclass(frozen=True)
class Change:
    """members.yml as a proposal leaves it."""

    lines: tuple[str, ...]  # the file's lines, each with its end
    written: Mapping[int, str]  # line (from 1) -> id of the field written there
    said: str  # "Added …" or "Updated the entry of … (kept …)"


def member_change(lines: list[str], data: Data, issue: Issue, shown: Path) -> Change:
    """Return members.yml (its ``lines``, read as ``data``) with the member of ``issue``
    added, or her entry updated; ``ProposalError`` for a name that only looks like a listed
    one, or an entry that cannot be updated line by line."""
    if data.value is not None and not isinstance(data.value, list):
        message = "is not a list of members ('- name: …') — fix the file first"
        raise ProposalError(f"{shown}:{data.line}: {message}")
    index = listed_entry(data, issue, shown)
    own_address(data, index, issue, shown)
    body, after = split_at_document_end(without_empty_list(lines, shown))
    if index is None:
        first = lines[data.items[0].line - 1] if data.items else ""
        change = added(body, issue, shown, first[: len(first) - len(first.lstrip(" "))])
    else:
        change = updated(body, data, index, issue, shown)
    return Change((*change.lines, *after), change.written, change.said)


def without_empty_list(lines: list[str], shown: Path) -> list[str]:
    """Return the lines of members.yml with an empty list written as ``[]`` (or nothing
    written as ``~``, ``null``) left out, so that entries can follow as ``- name: …`` lines;
    ``ProposalError`` for a list written between brackets that holds entries
    (``[{name: …}]``), which cannot be changed line by line."""
    for number, line in enumerate(lines):
        start = 3 if re.match(r"---(?:[ \t]|$)", line) else 0  # a document's start: "--- []"
        value = line[start:]
        if is_filler(value) or line.startswith("%"):
            continue
        if not re.match(r"[ \t]*(?:\[|~|null|Null|NULL)", value):
            break
        empty = re.match(r"[ \t]*(?:\[[ \t]*\]|~|null|Null|NULL)[ \t]*(?=#|$)", value)
        if not empty:
            raise ProposalError(
                f"{shown}:{number + 1}: the members are written as one list between [ ] — "
                "write each as '- name: …' lines, one key a line, then approve the issue again"
            )
        tail = value[empty.end() :]  # a comment after it stays, as does a document's start
        rest = line[:start] + (" " + tail if start and tail.strip() else tail)
        return [*lines[:number], *([rest] if rest.strip() else []), *lines[number + 1 :]]
    return lines


def split_at_document_end(lines: list[str]) -> tuple[list[str], list[str]]:
    """Return the lines of the YAML document, and those from its end marker (``...``) on:
    those stay after the list, which is changed before them."""
    end = next((n for n, line in enumerate(lines) if _DOCUMENT_END.match(line)), len(lines))
    return lines[:end], lines[end:]


def listed_entry(data: Data, issue: Issue, shown: Path) -> int | None:
    """Return the index in ``data`` of the entry with the name of ``issue`` (None: none)."""
    name = issue.values["name"]
    same: list[int] = []
    for index, item in enumerate(data.items):
        listed = item.value.get("name") if isinstance(item.value, dict) else None
        if not isinstance(listed, (str, int)) or isinstance(listed, bool):
            continue
        if name_key(str(listed)) == name_key(name):
            same.append(index)
        elif name_look(str(listed)) == name_look(name):
            how = difference(name, str(listed), "it", "the listed one")  # as the check says it
            raise issue.error(
                "name",
                f" says {quoted(name)}, which looks like {quoted(str(listed))} "
                f"({shown}:{item.line_of('name')}) but is written otherwise ({how}) — to update "
                "that entry, write the name as it is listed; else write it as the person "
                "writes it, with the letters of their own alphabet",
            )
    if len(same) > 1:
        where = " and ".join(str(data.items[index].line_of("name")) for index in same)
        raise issue.error(
            "name",
            f" says {quoted(name)}, which {shown} lists more than once (lines {where}) — "
            "merge those entries into one first",
        )
    if not same and (word := mixed_word(name)):  # a new name: it may look like one to come
        raise issue.error(
            "name",
            f" says {quoted(name)}, whose word {quoted(word)} mixes alphabets or holds a "
            "symbol, so it can look like another name — write it in one alphabet",
        )
    return same[0] if same else None


def own_address(data: Data, index: int | None, issue: Issue, shown: Path) -> None:
    """Refuse an address the form gives that another entry than the one it updates (``index``)
    lists, however written (capitals, lookalike letters): someone's address given to another,
    which the check would blame on the entry that had it first."""
    given = address_skeleton(issue.values.get("email", ""))
    for number, item in enumerate(data.items, 1):
        listed = item.value.get("email") if isinstance(item.value, dict) else None
        if given and number - 1 != index and address_skeleton(str(listed or "")) == given:
            whose = shortened(str(item.value.get("name")))
            raise issue.error(
                "email",
                f": this address is member {number}'s ({whose}, {shown}:"
                f"{item.line_of('email')}) — give the member's own address; if it is "
                f"{whose}'s entry to update, write the name as it is listed",
            )


def added(lines: list[str], issue: Issue, shown: Path, margin: str = "") -> Change:
    """Return members.yml with a new entry for the member of ``issue`` at its end, indented
    by the ``margin`` of the entries before it."""
    lines = list(lines)
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"  # as the file has it
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += ending
    start = len(lines) + 1
    written: dict[int, str] = {}
    for key, text in field_lines(issue):
        written[start + len(written)] = key
        lines.append(margin + ("- " if len(written) == 1 else "  ") + text + ending)
    said = f"Added {shortened(issue.values['name'])} to {shown}:{start}"
    return Change(tuple(lines), written, said)


def field_lines(issue: Issue) -> list[tuple[str, str]]:
    """Return ``key: value`` (without indentation) for each field the form fills in."""
    found = []
    for field in issue.fields:
        value = issue.values.get(field.id, "")
        if value:
            if field.id == "show_email":
                found.append((field.id, f"show_email: {'true' if value == 'yes' else 'false'}"))
            else:
                found.append((field.id, f"{field.id}: {yaml_text(value)}"))
    return found


def updated(lines: list[str], data: Data, index: int, issue: Issue, shown: Path) -> Change:
    """Return members.yml with the entry ``index`` updated by the fields ``issue`` fills in:
    each replaces the lines of its key, or is added after the entry's last line."""
    item = data.items[index]
    start, end = entry_lines(data, lines, index)
    if any(_SHARED.search(line) for line in lines[start:end]):
        raise ProposalError(
            f"{shown}:{item.line}: the entry of {item.value.get('name')} shares values with "
            "other entries through YAML anchors (&…, *…, <<:), so changing it would change "
            "them too — write it out in full, then approve the issue again"
        )
    keys = key_lines(item, lines, start, end, shown)
    new = dict((key, text) for key, text in field_lines(issue) if key != "name")
    showing = issue.values.get("show_email") == "yes" and not issue.values.get("email")
    if showing and item.value.get("email"):  # the listed one: the issue does not show it
        raise issue.error(
            "show_email",
            " says yes, and the form gives no address: the one listed for "
            f"{shortened(str(item.value['name']))} would be shown, which the issue does not "
            "show the editor — write the address in the form too",
        )
    ending = "\r\n" if lines[start].endswith("\r\n") else "\n"
    result, written = list(lines[:start]), {}
    result += lines[start : keys[0][1]]  # a lone '-' before the first key, if so written
    for number, (key, begin, stop) in enumerate(keys):
        value_end = before_filler(lines, begin, stop, item.fields[key].end)
        if key in new:
            written[len(result) + 1] = key
            result.append(prefix(lines[begin]) + new.pop(key) + ending)
        else:
            result += lines[begin:value_end]
        result += lines[value_end:stop]
        if number == len(keys) - 1:
            column = len(prefix(lines[keys[0][1]]))
            for key, text in new.items():
                written[len(result) + 1] = key
                result.append(" " * column + text + ending)
    result += lines[end:]
    listed = str(item.value["name"])
    changed = ", ".join(sorted(set(written.values())))
    kept = ", ".join(key for key, _, _ in keys if key not in written.values()) or "nothing"
    said = (
        f"Updated the entry of {shortened(listed)} in {shown}:{item.line_of('name')} — wrote "
        f"{changed}; kept {kept} as listed"
    )
    if issue.values["name"] != listed:
        said += f" (the form wrote the name as {quoted(issue.values['name'])})"
    shows = issue.values.get("show_email")
    if shows == "yes" and item.value.get("show_email") is not True:
        said += (
            f"; it shows the address {issue.values.get('email') or item.value.get('email')}, "
            "which the entry did not say to show until now"
        )
    elif shows == "no" and item.value.get("show_email") is True:
        said += "; it hides the address the entry showed"
    listed_page = f"web page {item.value.get('url')}"  # (no address: the message is
    replaced = [  # public, and the listed one may be hidden) what another's issue could take
        what
        for key, what in (("email", "e-mail address"), ("url", listed_page))
        if key in written.values() and item.value.get(key)
        and str(item.value.get(key)).strip() != issue.values.get(key, "").strip()
    ]  # fmt: skip
    if replaced:
        said += f"; it replaces the listed {' and '.join(replaced)}"
    said += f" — approve only if the issue comes from {shortened(listed)}"  # anyone may write
    return Change(tuple(result), written, said)


def key_lines(
    item: Data, lines: list[str], start: int, end: int, shown: Path
) -> list[tuple[str, int, int]]:
    """Return each key of an entry with its lines (0-based, end excluded), in the file's
    order; ``ProposalError`` if its keys are not each on a line of their own."""
    found = sorted(((line - 1, str(key)) for key, line in item.lines.items()))
    firsts = [begin for begin, _ in found]
    for begin, key in found:
        own = re.match(rf"""{_PREFIX.pattern}(["']?){re.escape(key)}\1[ \t]*:""", lines[begin])
        if not start <= begin < end or firsts.count(begin) > 1 or not own:
            raise ProposalError(
                f"{shown}:{item.line}: the entry of {item.value.get('name')} is not written as "
                "'key: value' lines, one key a line — write it so, then approve the issue again"
            )
    stops = [*firsts[1:], end]
    return [(key, begin, stop) for (begin, key), stop in zip(found, stops, strict=True)]


def entry_lines(data: Data, lines: list[str], index: int) -> tuple[int, int]:
    """Return the lines (from, to: 0-based, end excluded) of the entry ``index``, the
    comments and blank lines after it aside."""
    starts = [item.line - 1 for item in data.items]
    end = starts[index + 1] if index + 1 < len(starts) else len(lines)
    return starts[index], before_filler(lines, starts[index], end, data.items[index].end)


def prefix(line: str) -> str:
    """Return what stands before the key on a line of a YAML list of mappings."""
    found = _PREFIX.match(line)
    return found[0] if found else ""


def before_filler(lines: list[str], start: int, end: int, last: int = 0) -> int:
    """Return where the lines from ``start`` to ``end`` end once the blank lines and comments
    at their end are left out (the line at ``start`` always stays), but not before ``last``,
    where YAML says the value ends (a '#' line in a '|' text is the text's), blank lines
    aside."""
    while end - 1 > start and end > last and is_filler(lines[end - 1]):
        end -= 1
    while end - 1 > start and not lines[end - 1].strip():
        end -= 1
    return end


def is_filler(line: str) -> bool:
    """Tell a blank line or a comment of a YAML file."""
    return not line.strip() or line.lstrip().startswith("#")
