"""Which outputs of the previous build a freeze keeps as they are, instead of making them again.

    Keeper(previous, shared, folder).output(url, inputs, asks, make) -> kept bytes, or make(asks)
    keeper.keeps(app, output) -> whether the output was kept, asked of its view before a request

An output is kept when it is made from the same, and what it is made from is not listed here:
it is what the view hands its template (``web/views.py``: ``render_kept``, ``kept``). Its key
is the SHA-256 of ``shared`` (the engine, the base URL, the layouts' files, the templates) and
of everything the template can read — the context the view gives it and the template values
(settings, addresses, pure functions) — as text. The clock, a neighbour's title, an event's
status are in that context when a template shows them, so a template that shows more of them
changes the key without anyone listing it. Besides, a template asks the site where a link
leads and what a form asks (``template_asks``): a render records each question and answer,
and the output is kept only while each question asked again gets the same answer.

A build's manifest keeps each output's key and asks; the next freeze takes an output whose
key and answers are the same and whose file is as the manifest says (a second name for the
same file in the new build), and makes the others. It asks first, calling the view in a
request context of its own (``keeps``): a kept output costs its view's context, not a
request of Frozen-Flask's; one that is not kept is made in its request.
The result is the same, byte for byte, as a freeze from nothing: the tests compare the two.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.test import EnvironBuilder

from .. import cache
from ..build import Asks, Build, Output, file_bytes
from ..content.urls import output_file
from ..errors import TagSiteError

Asked = tuple[tuple[str, str, str], ...]  # name, question, answer
_NO_TRUE_TEXT = " at 0x"  # what repr() writes for an object it cannot show: never kept


@dataclass(frozen=True)
class Record:
    """How an output was made: its key, and what it asked."""

    key: str
    asked: Asked = ()

    def to_json(self) -> list[Any]:
        """Return the record as JSON values."""
        return [self.key, [list(ask) for ask in self.asked]]

    @classmethod
    def from_json(cls, value: Any) -> Record | None:
        """Return the record kept as JSON values, None if it is not one."""
        try:
            key, asked = value
            asks = tuple((name, question, answer) for name, question, answer in asked)
        except (TypeError, ValueError):
            return None
        every = (key, *(part for ask in asks for part in ask))
        return cls(key, asks) if all(isinstance(part, str) for part in every) else None


@dataclass(frozen=True)
class Previous:
    """An earlier build: its folder, and what its manifest says (``freeze.read_manifest``)."""

    dest: Path
    files: Mapping[str, str] = field(default_factory=dict)  # file -> SHA-256
    records: Mapping[str, Record] = field(default_factory=dict)  # URL -> how it was made

    def output(self, url: str) -> bytes | None:
        """Return the output at ``url`` if the build holds it as the manifest says (no one has
        changed it since), else None."""
        file = written_file(url)
        if file not in self.files:
            return None
        raw = file_bytes(self.dest / file)
        same = raw is not None and hashlib.sha256(raw).hexdigest() == self.files[file]
        return raw if same else None


@dataclass
class Keeper:
    """Keeps the outputs of the previous build that were made from the same; records how
    this build made each of its outputs (a forked worker records its own)."""

    previous: Previous
    shared: bytes
    folder: Path  # the build being made
    records: dict[str, Record] = field(default_factory=dict)  # URL -> how it was made
    placed: dict[str, str] = field(default_factory=dict)  # kept file -> SHA-256 (read here)
    _asking: bool = False  # a view is called ahead of its request (``keeps``)
    _answers: dict[tuple[str, str], str] = field(default_factory=dict)  # (ask, question) -> …
    _environ: dict[str, Any] | None = None  # a request's, at the base URL: its path is set

    def keeps(self, app: Flask, output: Output) -> bool:
        """Tell whether the previous build's ``output`` is kept (and put in place), asking
        its view in a request context of ``app``'s own; only one the manifest says how it
        made can be."""
        if output.url not in self.previous.records:
            return False
        kept, self._asking = len(self.placed), True
        if self._environ is None:
            base = app.config["FREEZER_BASE_URL"]
            self._environ = EnvironBuilder(path="/", base_url=base).get_environ()
        try:
            path = output.url.encode().decode("latin-1")  # as WSGI carries it
            with app.request_context({**self._environ, "PATH_INFO": path}):
                app.view_functions[output.endpoint](**output.values)
        except (HTTPException, TagSiteError):  # what its request will show
            return False
        finally:
            self._asking = False
        return len(self.placed) > kept

    def output(
        self, url: str, inputs: object, asks: Asks, make: Callable[[Asks], str | bytes]
    ) -> str | bytes:
        """Return the output at ``url``: the previous build's, if made from the same
        ``inputs`` and its asks answer the same; else ``make(asks)``, its asks recorded."""
        text = repr(inputs)  # a page's repr is made once (``Page.__repr__``)
        key = "" if _NO_TRUE_TEXT in text else self.key(url, text)
        old = self.previous.records.get(url)
        if key and old and old.key == key and self.answers_the_same(old.asked, asks):
            kept = self.previous.output(url)
            if kept is not None:
                self.place(url, kept)
                self.records[url] = old
                return kept
        if self._asking:  # not kept: made in its request, not now
            return b""
        asked: dict[tuple[str, str], str] = {}
        made = make({name: recording(name, ask, asked) for name, ask in asks.items()})
        if key:
            record = tuple((name, question, answer) for (name, question), answer in asked.items())
            self.records[url] = Record(key, record)
        return made

    def place(self, url: str, kept: bytes) -> None:
        """Put the previous build's output at ``url`` into the new one: a second name for the
        same file, or a copy across file systems."""
        file = written_file(url)
        self.placed[file] = self.previous.files[file]
        target = self.folder / file
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            target.hardlink_to(self.previous.dest / written_file(url))
        except FileExistsError:  # placed already: the check read the page first (its ids);
            pass  # never written to, as it is the previous build's file too
        except OSError:
            target.write_bytes(kept)

    def answers_the_same(self, asked: Asked, asks: Asks) -> bool:
        """Tell whether each question asked before gets the same answer now (an answer is
        asked once per freeze: the asks are the same for every page)."""
        for name, question, answer in asked:
            if name not in asks:
                return False
            if (name, question) not in self._answers:
                self._answers[name, question] = str(asks[name](question))
            if self._answers[name, question] != answer:
                return False
        return True

    def key(self, url: str, inputs: str) -> str:
        """Return the key of the output at ``url`` made from ``inputs``."""
        digest = hashlib.sha256(self.shared + url.encode() + b"\0")
        digest.update(inputs.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


def recording(
    name: str, ask: Callable[[str], str], asked: dict[tuple[str, str], str]
) -> Callable[[str], str]:
    """Return ``ask``, each of its questions and answers written into ``asked``."""

    def recorded(question: str) -> str:
        answer = ask(question)
        asked[name, question] = str(answer)
        return answer

    return recorded


def shared_state(build: Build, templates: Path) -> bytes:
    """Return what every output is made with besides its inputs, as bytes: the engine, the
    base URL, the layouts' files and the templates."""
    digest = hashlib.sha256()
    for part in (cache.engine_id(), build.base_url, build.static):
        digest.update(repr(part).encode() + b"\0")
    for path in sorted(templates.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.digest()


def written_file(url: str) -> str:
    """Return the file Frozen-Flask writes a URL into, relative to the build folder."""
    return unicodedata.normalize("NFC", output_file(url))[1:]
