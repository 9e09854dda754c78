"""The one exception the engine raises for a problem in the content.

    ContentError(path, line, message)   -> "content/news/x.md:4: message"

Every mistake an editor can make ends up as a ``ContentError`` that names the file, the line
and what to do; commands print it, the preview server shows it on an error page.
"""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """A problem in one content file, at one line (0 when the line is unknown)."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.line = line
        self.message = message

    def location(self) -> str:
        """Return ``path:line`` (or just ``path``) for printing."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContentError):
            return NotImplemented
        return (self.path, self.line, self.message) == (other.path, other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.message))
