"""The engine's folders are layers: a module imports only from its own layer or a lower one.
The tests share code one way: through tests/helpers.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tag_site import ROOT

PACKAGE = ROOT / "tag_site"
TESTS = ROOT / "tests"
# Bottom to top; a module is in the layer of its folder, or of its own name at the top level.
LAYERS = (
    ("errors", "cache"),
    ("markdown",),
    ("content",),
    ("build",),
    ("checks",),
    ("web",),
    ("publish",),
    ("authoring", "jekyll"),
    ("cli",),
    ("__init__",),
)


def layer_of(module: str) -> int:
    """Return the layer of a module named by its path under tag_site/ (``content.store``)."""
    first = module.split(".")[0]
    return next(number for number, names in enumerate(LAYERS) if first in names)


def module_of(path: Path) -> str:
    """Return ``content.store`` for tag_site/content/store.py, ``__init__`` for the package."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def imports_of(path: Path) -> set[str]:
    """Return the modules of tag_site that a file imports (at any depth of its code)."""
    module = module_of(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [alias.name for alias in node.names] if not node.module else [""]
            found |= {existing([*target, name]) for name in names}
        elif isinstance(node, ast.ImportFrom | ast.Import):
            for name in [node.module] if isinstance(node, ast.ImportFrom) else []:
                if name and name.startswith("tag_site."):
                    found.add(name.removeprefix("tag_site."))
    return {name for name in found if name != module}


def existing(parts: list[str]) -> str:
    """Return the module that ``parts`` names, or its package where the last part is a name in
    it (``from .. import create_app``)."""
    parts = [part for part in parts if part]
    path = PACKAGE.joinpath(*parts)
    if not (path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()):
        parts = parts[:-1]
    return ".".join(parts) or "__init__"


def imported_test_modules(source: str) -> set[str]:
    """Return the modules of tests/ that a file of it imports: ``helpers`` for
    ``from .helpers import check``, ``conftest`` for ``from tests import conftest``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("tests.")}
        elif isinstance(node, ast.ImportFrom) and (
            node.level or (node.module or "").split(".")[0] == "tests"
        ):
            module = (node.module or "").removeprefix("tests").lstrip(".")
            found |= {module} if module else {alias.name for alias in node.names}
    return {name.removeprefix("tests.").split(".")[0] for name in found}


def graph() -> dict[str, set[str]]:
    """Map each module of the engine to the modules it imports."""
    return {module_of(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_imports_from_a_higher_layer() -> None:
    """Every import goes to the importer's own layer or one below it."""
    upward = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        for target in targets
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_no_import_circle() -> None:
    """No module reaches itself through the modules it imports."""
    modules = graph()

    def reaches(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for target in modules.get(todo.pop(), set()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    assert [module for module in modules if module in reaches(module)] == []


def test_the_top_of_the_package_is_the_shared_modules_and_the_layers() -> None:
    """tag_site/ holds the layers' folders and only the few modules every layer shares."""
    entries = {path.name for path in PACKAGE.iterdir() if path.name != "__pycache__"}
    assert len(entries) <= 12
    assert {"content", "markdown", "checks", "web", "publish", "authoring", "jekyll"} <= entries


def test_tests_import_only_the_helpers_module() -> None:
    """No test module (nor helpers.py) imports conftest.py or another test module: what they
    share is in tests/helpers.py, and conftest.py holds only the fixtures pytest hands out."""
    wrong = [
        f"{path.name} imports {name}"
        for path in sorted(TESTS.glob("*.py"))
        for name in sorted(imported_test_modules(path.read_text("utf-8")))
        if name != "helpers" or path.name == "helpers.py"
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("source", "modules"),
    [
        ("from .helpers import check", {"helpers"}),
        ("from .conftest import SAMPLE", {"conftest"}),
        ("from .test_pages import read_index", {"test_pages"}),
        ("from . import conftest, helpers", {"conftest", "helpers"}),
        ("from tests.conftest import freeze", {"conftest"}),
        ("from tests import test_pages", {"test_pages"}),
        ("import tests.conftest", {"conftest"}),
        ("def f():\n    from .test_cache import built", {"test_cache"}),
        ("from tag_site import create_app\nimport pytest", set()),
    ],
    ids=["helpers", "conftest", "test-module", "package", "absolute", "absolute-package",
         "import", "inside-a-function", "no-test-module"],
)  # fmt: skip
def test_the_import_reader_finds_every_way_to_import_a_test_module(
    source: str, modules: set[str]
) -> None:
    """Relative, absolute and nested imports of a module of tests/ are all read."""
    assert imported_test_modules(source) == modules
