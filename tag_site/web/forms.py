"""The repository's issue forms (``.github/ISSUE_TEMPLATE/``), as the engine reads them.

    read_form(form) -> its name, and its fields in order: id, label, required, options

Issues made with them become pages (``proposals``); the site's e-mail proposals ask for the
same fields (``views``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

FORMS = {"event": "propose-event.yml", "news": "post-news.yml", "member": "join-or-update.yml"}
JOIN_FORM = FORMS["member"]


def form_file(root: Path | str, kind: str) -> Path:
    """Return the file of the issue form for ``kind`` in the repository at ``root``."""
    return Path(root, ".github", "ISSUE_TEMPLATE", FORMS[kind])


@dataclass(frozen=True)
class Field:
    """One field of an issue form."""

    id: str
    label: str
    required: bool = False
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    """An issue form: its name (the title GitHub lists it by) and its fields, in order."""

    name: str
    fields: tuple[Field, ...]


@functools.lru_cache(maxsize=16)
def read_form(form: Path) -> Form:
    """Return the issue form in the file ``form`` (its Markdown notes aside)."""
    data = yaml.safe_load(form.read_text("utf-8"))
    fields = tuple(
        Field(
            item["id"],
            item["attributes"]["label"],
            bool(item.get("validations", {}).get("required")),
            tuple(item["attributes"].get("options", ())),
        )
        for item in data["body"]
        if "id" in item
    )
    return Form(data["name"], fields)
