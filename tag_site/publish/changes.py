"""What a freeze changes on the site, against the build it replaces.

    compare(before, after) -> Changes   (each build's manifest: file -> SHA-256)
    summary(changes)       -> the Markdown a pull request's comment shows

Pages, feeds, calendars and files are compared by their bytes, by URL; the search index's
files, which change with any text, are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content.urls import NO_JEKYLL, SEARCH_FOLDER, output_url

LISTED = 200  # URLs a summary lists of each kind; it counts the rest
MARK = "<!-- tag_site: what changes -->"  # finds the comment to update


@dataclass(frozen=True)
class Changes:
    """The URLs a freeze added, changed and removed; ``first`` when nothing was built before."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    first: bool = False

    def counts(self) -> str:
        """Say the counts in one line."""
        if self.first:
            return f"First build: {len(self.added)} pages and files, nothing to compare with."
        return (
            f"Compared with the last build: {len(self.added)} added, {len(self.changed)} "
            f"changed, {len(self.removed)} removed (pages, feeds and files)."
        )

    def lines(self) -> list[str]:
        """List every URL, marked ``+`` added, ``~`` changed or ``-`` removed."""
        return [
            *(f"  + {url}" for url in self.added),
            *(f"  ~ {url}" for url in self.changed),
            *(f"  - {url}" for url in self.removed),
        ]


def compare(before: Mapping[str, str] | None, after: Mapping[str, str]) -> Changes:
    """Return what changed from the build listed ``before`` (None: none) to ``after``."""
    new, old = outputs(after), outputs(before or {})
    if before is None:
        return Changes(added=tuple(sorted(new)), first=True)
    return Changes(
        added=tuple(sorted(new.keys() - old.keys())),
        changed=tuple(sorted(url for url in new.keys() & old.keys() if new[url] != old[url])),
        removed=tuple(sorted(old.keys() - new.keys())),
    )


def outputs(files: Mapping[str, str]) -> dict[str, str]:
    """Return the site's outputs by URL, with their digests (not the search index's files)."""
    return {
        output_url("/" + name): digest
        for name, digest in files.items()
        if not name.startswith(f"{SEARCH_FOLDER}/") and name != NO_JEKYLL
    }


def summary(changes: Changes) -> str:
    """Return the changes as Markdown, for a pull request's comment."""
    parts = [MARK, "### What this changes on the site", "", changes.counts(), ""]
    for title, urls in (
        ("Added", changes.added),
        ("Changed", changes.changed),
        ("Removed", changes.removed),
    ):
        if not urls:
            continue
        opened = " open" if len(urls) <= 20 else ""
        parts += [f"<details{opened}>", f"<summary>{title} ({len(urls)})</summary>", ""]
        parts += [f"- `{code(url)}`" for url in urls[:LISTED]]
        if len(urls) > LISTED:
            parts.append(f"- … and {len(urls) - LISTED} more")
        parts += ["", "</details>", ""]
    return "\n".join(parts).rstrip() + "\n"


def code(url: str) -> str:
    """Return a URL as it can stand between backticks: no backtick, no line break."""
    return "".join(char for char in url if char != "`" and char.isprintable())
