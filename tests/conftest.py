"""Shared fixtures: small sites built in ``tmp_path``, the app over them, and its test client.

What is not a fixture (constants, helpers) is in helpers.py, where the test modules import it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tag_site import create_app

from .helpers import INDEX_MD, MEMBERS_YML, SITE_YML, Write


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Return the content folder of a fresh site."""
    folder = tmp_path / "site" / "content"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def write(content: Path) -> Write:
    """Return a function that writes a file into the content folder and returns its path."""

    def write_file(name: str, text: str | bytes) -> Path:
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")
        return path

    return write_file


@pytest.fixture(autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give each test a render cache of its own (commands it starts inherit it), and nothing
    that earlier tests rendered or judged in this process."""
    from tag_site import cache

    cache.forget()
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TAG_SITE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def site(write: Write) -> Write:
    """Write a small but complete site: settings, home page, members, one page."""
    write("site.yml", SITE_YML)
    write("index.md", INDEX_MD)
    write("data/members.yml", MEMBERS_YML)
    write("about.md", "---\ntitle: About us\n---\n\n## Who we are\n\nA group.\n")
    return write


@pytest.fixture
def app(content: Path) -> Flask:
    """Return the app over the test content folder."""
    return create_app({"CONTENT_DIR": str(content), "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client of the app."""
    return app.test_client()


@pytest.fixture
def real_app() -> Flask:
    """Return the app over the shipped content."""
    return create_app({"TESTING": True})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser tests left their screenshots, for a person to look at."""
    from tag_site import ROOT

    folder = ROOT / "test-screenshots"
    if folder.is_dir() and any(folder.iterdir()):
        terminalreporter.write_line(f"Screenshots of the browser tests: {folder}")
