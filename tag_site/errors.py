"""The one exception the engine raises for a problem in the content.

    ContentError(path, line, message)   -> "content/news/x.md:4: message"

Every mistake an editor can make ends up as a ``ContentError`` that names the file, the line
(and the column, when known) and what to do; commands print it, the preview server shows it.
A ``warning=True`` one is only reported: it does not stop a freeze (unless ``--strict``).
"""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """A problem in one content file, at one line (0 when the line is unknown)."""

    def __init__(
        self, path: Path | str, line: int, message: str, *, column: int = 0, warning: bool = False
    ) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message
        self.warning = warning

    @property
    def severity(self) -> str:
        """Return "error" or "warning"."""
        return "warning" if self.warning else "error"

    def location(self) -> str:
        """Return ``path:line:column`` (as much of it as is known) for printing."""
        parts = [str(self.path)] + [str(n) for n in (self.line, self.column) if n]
        return ":".join(parts if self.line else parts[:1])

    def _key(self) -> tuple[Path, int, int, str, bool]:
        return (self.path, self.line, self.column, self.message, self.warning)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContentError):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
