"""Problems found in the content (data), and the errors that stop a command (exceptions).

    Problem(path, line, message, column=…, warning=…)  a record: collected, sorted, printed
        .text()        "content/news/x.md:4:2: error: 'end' is before 'start' — swap them"
        .annotation()  "::error file=content/news/x.md,line=4,col=2::'end' is before …"
    printed(problems)  the first 50 of each file, and how many more
    Finding(message, warning=…, offset=…)  a problem before its file is known (of a tag, a
        link, a text: the offset in the text, -1 for none); .at(path, line, column) and
        .placed(path, where) make it a Problem

    TagSiteError                        stops a command, which prints it as one line
     ├── ContentError(problem)          a content file cannot be read at all: not UTF-8,
     │                                  broken YAML, no closing '---' (content/)
     ├── ProblemsError(problems)        the content has errors, or the built site broken
     │                                  links: nothing is published (publish/freeze.py)
     ├── SettingError                   a TAG_SITE_ setting it cannot take: TODAY not a day
     │                                  (content/dates.py), JOBS not a number (workers.py)
     ├── FreezeError (publish/freeze.py)      a destination refused, a page Frozen-Flask
     │                                        cannot write, no search index
     ├── WorkerError (publish/workers.py)     a worker stopped before it did its share
     ├── StarterError (authoring/starters.py) `flask new` given a date that is no date
     ├── ProposalError (authoring/issues.py)  an issue that cannot become a file
     └── JekyllImportError (jekyll/importer.py)  no Jekyll site, or a destination in use

    ValueError                          a value a function cannot take; the caller makes
     │                                  it a Problem at its line
     ├── DateError (content/dates.py)         no date or time, or not a real one
     ├── FormulaError (markdown/formulas.py)  a TeX formula latex2mathml cannot read
     └── RenderError (markdown/render.py)     a body nested too deeply, or too slow

    Exception
     ├── TooDeepError (checks/packed.py)      an attachment packed in more packings than
     │                                        are opened; not a ValueError, which a
     │                                        damaged packing raises and the reader skips
     └── UnreadableError (checks/packed.py)   a packing the check cannot open (zstd, 7z…)

    BaseException
     └── OvertimeError (markdown/limits.py)   work past its time budget; a BaseException,
                                              so no library's ``except Exception`` ends it

Callers catch by name only ``ContentError`` (a reader keeps its problem), ``SettingError``,
``ProblemsError`` (its problems are printed one a line) and ``JekyllImportError``; the others
reach a command as ``TagSiteError``, their names telling the reader which part stopped.

Every mistake an editor can make is a ``Problem`` naming the file, the line (and the column,
when known), what is wrong and, after " — ", how to fix it; commands print it, the preview
shows it. A warning is only reported: it does not stop a freeze (unless ``--strict``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# The characters that set the direction of the text after them (marks, embeddings, overrides,
# isolates): in a terminal's line they turn the rest of it round ('Ab\u202eout', 'Abtuo').
DIRECTION_CHARACTERS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def printable(name: str) -> str:
    """Return a file's name (or a text quoted in a message) as a terminal or a log may show
    it: control characters escaped (a newline in a name would start a line of its own, an
    ESC drive the terminal), and the direction's (they turn the rest of the line round)."""
    return "".join(
        repr(c)[1:-1]
        if (c.isascii() and not c.isprintable())
        else f"\\u{ord(c):04x}"
        if c in DIRECTION_CHARACTERS
        else c
        for c in name
    )


@dataclass(frozen=True)
class Problem:
    """A problem in one content file, at one line (0 when the line is unknown)."""

    path: Path
    line: int
    message: str  # what is wrong — how to fix it
    column: int = 0
    warning: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))

    @property
    def severity(self) -> str:
        """Return "error" or "warning"."""
        return "warning" if self.warning else "error"

    @property
    def fix(self) -> str:
        """Return how to fix it: what the message says after " — " ("" if it does not say)."""
        return self.message.partition(" — ")[2]

    def location(self) -> str:
        """Return ``path:line:column`` (as much of it as is known) for printing."""
        parts = [printable(str(self.path))] + [str(n) for n in (self.line, self.column) if n]
        return ":".join(parts if self.line else parts[:1])

    def text(self) -> str:
        """Return the problem as ``flask check`` prints it: ``path:line:col: error: message``."""
        return f"{self.location()}: {self.severity}: {printable(self.message)}"

    def annotation(self) -> str:
        """Return a GitHub Actions command that shows the problem on a pull request's line."""
        place = [f"file={_escape(str(self.path), True)}"]
        place += [f"line={self.line}"] if self.line else []
        place += [f"col={self.column}"] if self.column else []
        return f"::{self.severity} {','.join(place)}::{_escape(self.message)}"

    def __str__(self) -> str:  # one line: what a message quotes may hold a line's end
        return f"{self.location()}: {printable(self.message)}"


@dataclass(frozen=True)
class Finding:
    """A problem found before its file is known: of a tag, a link or a value, or in a text
    (``offset``: where in it; -1 for nowhere in particular). The one shape problems have
    from the scanners to the check, and in the check's cache."""

    message: str  # what is wrong — how to fix it
    warning: bool = False
    offset: int = -1

    def at(self, path: Path, line: int = 0, column: int = 0) -> Problem:
        """Return the problem at ``line`` and ``column`` of the file at ``path``."""
        return Problem(path, line, self.message, column, self.warning)

    def placed(self, path: Path, where: Callable[[int], tuple[int, int]], line: int = 0) -> Problem:
        """Return the problem in the file at ``path``, at the line and column ``where`` gives
        for its offset (at ``line`` if it has none)."""
        return self.at(path, *where(self.offset)) if self.offset >= 0 else self.at(path, line)


def _escape(text: str, is_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


SHOWN_PER_FILE = 50  # problems printed for one file: past them, how many more there are


def printed(problems: Iterable[Problem]) -> list[Problem]:
    """Return ``problems`` as a command prints them: the first ``SHOWN_PER_FILE`` of each
    file, then one that says how many more (17,000 unknown keys in a file of 84 kB printed
    4 MB; one fix at a time is read, not thousands)."""
    files: dict[Path, list[Problem]] = {}
    for problem in problems:
        files.setdefault(problem.path, []).append(problem)
    shown: list[Problem] = []
    for path, found in files.items():
        shown += found[:SHOWN_PER_FILE]
        if more := found[SHOWN_PER_FILE:]:
            kind = "warnings" if all(p.warning for p in more) else "problems"
            message = f"{len(more):,} more {kind} in this file — fix those above, then check again"
            shown.append(Problem(path, 0, message, warning=all(p.warning for p in more)))
    return shown


class TagSiteError(Exception):
    """Something that stops a command; it says what to do."""


class ContentError(TagSiteError):
    """A content file cannot be read at all: its one problem says where and why."""

    def __init__(
        self, path: Path | str, line: int, message: str, *, column: int = 0, warning: bool = False
    ) -> None:
        super().__init__(message)
        self.problem = Problem(Path(path), line, message, column, warning)


class ProblemsError(TagSiteError):
    """The content has errors (or the built site broken links): nothing is published."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(f"{len(problems)} problem{'s' * (len(problems) != 1)}")
        self.problems = problems


class SettingError(TagSiteError):
    """A ``TAG_SITE_`` setting is set to what it cannot be: ``TAG_SITE_TODAY`` to something
    that is not a day, ``TAG_SITE_JOBS`` to no number."""
