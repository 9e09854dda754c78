"""Typed values out of YAML mappings, with an error at the key's line for each bad one."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..markdown.typography import typeset
from .front_matter import Data
from .lookalikes import lookalike_problem

MAX_TEXT = 1000  # characters of one text of the front matter or site.yml: a title, a place
# An unknown key of members.yml or site.yml that may be meant to hide an e-mail address
# (Show_email, hide_email, private): an error, for the address is published until it is right.
ABOUT_ADDRESSES = re.compile(r"mail|hid|priva|public|show|visib", re.IGNORECASE)


_CODE = re.compile(r"(`[^`]*`)")  # code in a title or a summary, as the text writes it


class Fields:
    """Typed values out of a YAML mapping, with an error (at the key's line) for each bad one."""

    def __init__(self, data: Data, path: Path, label: str = "") -> None:
        self.values: Mapping[str, Any] = data.value if isinstance(data.value, dict) else {}
        self.data = data
        self.path = path
        self.label = label  # put before messages, e.g. "member 3 (Ada Lovelace): "
        self.errors: list[Problem] = []
        self.links: list[tuple[str, str]] = []  # (key, address) of each web address read

    def error(self, key: str, message: str, *, warning: bool = False) -> None:
        """Record a problem with the value of ``key``."""
        line = self.data.line_of(key)
        self.errors.append(Problem(self.path, line, self.label + message, warning=warning))

    def warn_unknown(self, known: Iterable[str], *, hiding: bool = False) -> None:
        """Warn about each key that is not in ``known``, suggesting the closest known one;
        in what ``hiding`` addresses (members.yml, site.yml), one that may be meant to hide
        one (``ABOUT_ADDRESSES``) is an error."""
        known = sorted(known)
        for key in self.values:
            if str(key) in known:
                continue
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
            value = self.values[key]  # (member: {show_email: false}: misspelt above it)
            inner = value if isinstance(value, dict) else {}
            if hiding and any(ABOUT_ADDRESSES.search(str(name)) for name in (key, *inner)):
                message = f"unknown key '{key}': no address is hidden by it — {hint}"
                self.error(str(key), message)
            else:
                self.error(str(key), f"unknown key '{key}' is ignored — {hint}", warning=True)

    def shown(self, key: str, *, required: bool = False) -> str:
        """Return the text at ``key`` as readers see it beside the page's body: with its
        typography (curly quotes, dashes), a title or a summary as the text is set; what
        stands between backticks (``--help``) as written, as code in the text is."""
        parts = _CODE.split(self.text(key, required=required))
        return "".join(part if n % 2 else typeset(part) for n, part in enumerate(parts))

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        """Return the text at ``key``; numbers are taken as text."""
        value = self.values.get(key)
        if value is None or value == "":
            if required:
                self.error(key, f"'{key}' is missing — add a line '{key}: …'")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(key, f"'{key}' must be text — put the value in quotes")
            return default
        if noted := getattr(self.data.fields.get(key), "noted", 0):
            message = (
                f"'{key}': the line that starts with '#' is part of its text, which is shown "
                "(a '#' is a comment only outside a text of many lines) — move the note above "
                f"'{key}'"
            )
            self.errors.append(Problem(self.path, noted, self.label + message, warning=True))
        text = " ".join(str(value).split())  # one line: titles go into feeds and calendars
        if required and not any(char.isprintable() and char != " " for char in text):
            self.error(key, f"'{key}' shows nothing (only spaces or invisible characters) — "
                       "write what it should say")  # fmt: skip
            return default
        if len(text) > MAX_TEXT:  # written again wherever the page is named
            self.error(
                key,
                f"'{key}' is {len(text):,} characters long, more than {MAX_TEXT:,}: it is "
                "written again wherever it is shown (lists, feeds, calendars, every page for "
                "site.yml) — shorten it, and say the rest in the text",
            )
            return default
        return text

    def choice(self, key: str, options: Sequence[str], default: str = "") -> str:
        """Return the text at ``key``, in lower case, if it is one of ``options``; else
        ``default`` (and an error if something else is written)."""
        value = self.text(key).lower()
        if value and value not in options:
            self.error(key, f"unknown {key} {value!r} — use one of {', '.join(options)}")
            return default
        return value or default

    def flag(self, key: str, default: bool = False) -> bool:
        """Return the true/false value at ``key``."""
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            self.error(key, f"'{key}' must be true or false, not {value!r}")
            return default
        return value

    def texts(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Return the list of texts at ``key``."""
        value = self.values.get(key)
        if value is None:
            return default
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(key, f"'{key}' must be a list, like '{key}: [first, second]'")
            return default
        if any(len(item) > MAX_TEXT for item in value):
            self.error(key, f"an item of '{key}' is longer than {MAX_TEXT:,} characters")
            return default
        return tuple(value)

    def choices(
        self, key: str, known: Sequence[str], default: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        """Return the list of names at ``key``, each one of ``known``, each once."""
        names = self.texts(key, default)
        unknown = [name for name in names if name not in known]
        if unknown:
            self.error(key, f"unknown section {unknown[0]!r} — use any of {', '.join(known)}")
        twice = next((name for name, count in Counter(names).items() if count > 1), None)
        if twice:
            self.error(key, f"'{key}' lists {twice!r} twice — list each section once")
        return tuple(dict.fromkeys(name for name in names if name in known))

    def words(self, key: str) -> tuple[str, ...]:
        """Return the list at ``key`` as Jekyll reads it: a list, or words split at spaces."""
        value = self.values.get(key)
        if isinstance(value, str):
            return tuple(value.split())
        if isinstance(value, list) and all(
            isinstance(v, (str, int)) and not isinstance(v, bool) for v in value
        ):
            return tuple(str(v) for v in value)
        if value is not None:
            self.error(key, f"'{key}' must be a list, like '{key}: [first, second]'")
        return ()

    def web_address(self, key: str) -> str:
        """Return an http(s) address or a site path at ``key``."""
        url = self.text(key)
        if url and (not url.startswith(("https://", "http://", "/")) or url.startswith("//")):
            self.error(key, f"'{key}' must start with https:// (or / for a page of this site)")
            return ""
        if " " in url:  # text is one line: a line break was made a space
            self.error(key, f"'{key}' has a space or a line break in it — write %20, or remove it")
            return ""
        if problem := lookalike_problem(key, url):  # exаmple.org, a Cyrillic а: another site
            self.error(key, problem)
            return ""
        if url:
            self.links.append((key, url))
        return url


def is_plain_path(url: str, *, spaces: bool = False) -> bool:
    """Tell a site path like ``/a/b/`` from one with ``..``, ``//``, ``?``, ``#`` or ``%``
    (or with spaces, unless ``spaces``: an old Jekyll address may have them)."""
    segments = url.split("/")[1:-1]
    blank = any(c.isspace() and not (spaces and c == " ") for c in url)
    odd = any(c in url for c in '?#%\\"<>`') or blank
    return url.startswith("/") and not odd and all(s not in ("", ".", "..") for s in segments)
