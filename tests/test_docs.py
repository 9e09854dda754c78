"""The developers' documentation says what the code is."""

from __future__ import annotations

import re
from pathlib import Path

from tag_site import ROOT


def modules(folder: Path) -> set[str]:
    """Return the names of the modules in a package folder."""
    return {path.name for path in folder.glob("*.py")} - {"__init__.py"}


def test_the_readme_module_table_matches_the_package() -> None:
    """The README's table names every module of tag_site/ and tag_site/jekyll/, and no other."""
    readme = (ROOT / "README.md").read_text("utf-8")
    rows = [line for line in readme.splitlines() if line.lstrip().startswith("| `")]
    jekyll_rows = [row for row in rows if row.lstrip().startswith("| `jekyll/`")]
    named = {
        name for row in rows if row not in jekyll_rows for name in re.findall(r"`(\w+\.py)`", row)
    }
    named_jekyll = {name for row in jekyll_rows for name in re.findall(r"`(\w+\.py)`", row)}
    assert named == modules(ROOT / "tag_site")
    assert named_jekyll == modules(ROOT / "tag_site" / "jekyll")
