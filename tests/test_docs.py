"""The documents say what the code is, and their links lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tag_site import ROOT

PACKAGE = ROOT / "tag_site"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")])

_FENCE = re.compile(r"^(```+|~~~+).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MODULE_ROW = re.compile(r"^\|\s*`((?:\w+/)*\w+\.py)`\s*\|", re.MULTILINE)
_MODULE_NAME = re.compile(r"(?<![\w/<>.-])((?:[\w-]+/)*\w+\.py)\b")


def modules() -> set[str]:
    """Return every module of the engine by its path under tag_site/, but the sub-packages'
    ``__init__.py`` (each holds only its docstring)."""
    found = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    return {name for name in found if name == "__init__.py" or not name.endswith("/__init__.py")}


def prose(text: str) -> str:
    """Return Markdown without its fenced code blocks and code spans (examples, not links)."""
    return _CODE_SPAN.sub("", _FENCE.sub("", text))


def code_spans(text: str) -> list[str]:
    """Return the text of every code span of a Markdown text, fenced blocks left out."""
    return [match.group(2) for match in _CODE_SPAN.finditer(_FENCE.sub("", text))]


def slug(heading: str) -> str:
    """Return the anchor GitHub gives a heading: "The `flask` commands" -> "the-flask-commands"."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text stays
    return re.sub(r"[^\w\- ]", "", text.replace("`", "").lower()).replace(" ", "-")


def anchors(document: Path) -> set[str]:
    """Return the anchors of a document's headings, repeated ones numbered as GitHub does."""
    found: set[str] = set()
    for heading in _HEADING.findall(_FENCE.sub("", document.read_text("utf-8"))):
        base = slug(heading)
        anchor, number = base, 0
        while anchor in found:
            number += 1
            anchor = f"{base}-{number}"
        found.add(anchor)
    return found


def relative_links(document: Path) -> list[str]:
    """Return the targets of a document's links to other files or to its own headings."""
    targets = _LINK.findall(prose(document.read_text("utf-8")))
    return [target for target in targets if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)]


def test_the_architecture_names_every_module_in_its_tables() -> None:
    """docs/architecture.md has a table row for each module of tag_site/ and its folders."""
    named = set(_MODULE_ROW.findall(ARCHITECTURE.read_text("utf-8")))
    assert sorted(modules() - named) == []
    assert sorted(named - modules()) == []


def test_the_architecture_names_no_module_that_does_not_exist() -> None:
    """Every ``name.py`` the design documents write exists, in the repository or the engine."""
    basenames = {name.rsplit("/", 1)[-1] for name in modules()}
    missing = []
    for document in (ARCHITECTURE, ROOT / "docs" / "design.md"):
        for span in code_spans(document.read_text("utf-8")):
            for name in _MODULE_NAME.findall(span):
                if "/" in name:
                    exists = (ROOT / name).is_file() or (PACKAGE / name).is_file()
                else:
                    exists = (ROOT / name).is_file() or name in basenames
                if not exists:
                    missing.append(f"{document.name}: {name}")
    assert missing == []


def test_the_error_tree_draws_every_exception_where_it_lives() -> None:
    """errors.py's docstring draws each exception class of the engine under its base, with
    the module that defines it (errors.py's own without one)."""
    from tag_site import errors

    lines = (errors.__doc__ or "").splitlines()
    drawn = {}  # name -> (its base, as the tree draws it; the line)
    for index, line in enumerate(lines):
        if found := re.search(r"── (\w+)", line):
            roots = [above for above in lines[:index] if re.match(r" {4}\w", above)]
            drawn[found[1]] = (roots[-1].split()[0], line)
    defined = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text("utf-8")
        for name, base in re.findall(r"^class (\w+)\((\w*(?:Error|Exception))\):", text, re.M):
            defined[name] = (base, path.relative_to(PACKAGE).as_posix())
    assert defined.pop("TagSiteError") == ("Exception", "errors.py")  # a root of the tree
    assert sorted(drawn) == sorted(defined)
    for name, (base, module) in defined.items():
        assert drawn[name][0] == base, name
        assert module == "errors.py" or f"{name} ({module})" in drawn[name][1], name


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file_and_heading(document: Path) -> None:
    """Each relative link of a document names an existing file, and its #anchor a heading."""
    broken = []
    for target in relative_links(document):
        path, _, anchor = target.partition("#")
        file = (document.parent / path).resolve() if path else document
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no such heading in {file.name}")
    assert broken == []


def test_the_heading_anchors_are_read_as_github_makes_them() -> None:
    """Headings become GitHub's anchors: lower case, punctuation dropped, spaces as hyphens."""
    assert slug("The `flask` commands") == "the-flask-commands"
    assert slug("The group's name, pictures and footer") == "the-groups-name-pictures-and-footer"
    assert slug("What is in `content/`") == "what-is-in-content"
    assert slug("EMS TAG — website") == "ems-tag--website"


def test_the_guide_names_the_tags_a_proposal_may_hold() -> None:
    """The 39th attack: the guide said a proposal may hold <details>, which the command
    refuses. The guide names each tag the command takes, and <details> as refused."""
    from tag_site.authoring.issues import PROPOSAL_ELEMENTS

    guide = (ROOT / "docs" / "editors-guide.md").read_text("utf-8")
    said = guide[guide.index("HTML but a few plain tags") :][:400]
    assert all(f"`<{name}" in said for name in PROPOSAL_ELEMENTS), said
    assert "`<details>` folds text away" in said
