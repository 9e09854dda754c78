"""Tests for tag_site.jekyll.urls: the URLs and feed ids real Jekyll 4.3 gave the fixture site.

``tests/data/jekyll-urls`` is a Jekyll site of awkward posts and pages. ``expected.json`` holds
what Jekyll made of it, built once per entry of ``SITES``; run this module to record it again:
``.venv/bin/python -m tests.test_jekyll_urls``.
"""

from __future__ import annotations

import concurrent.futures
import functools
import html
import json
import re
import shutil
import subprocess
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from tag_site.jekyll.urls import absolute_url, page_url, permalink_template, post_id, post_url

FIXTURE = Path(__file__).parent / "data" / "jekyll-urls"
EXPECTED = FIXTURE / "expected.json"

# One build of the fixture each: what goes into its _config.yml besides the shared part.
SITES: dict[str, dict[str, str]] = {
    "date": {"timezone": "Europe/Berlin", "url": "https://example.org", "baseurl": "/group"},
    "pretty": {
        "permalink": "pretty",
        "timezone": "Europe/Berlin",
        "url": "https://example.org",
        "baseurl": "",
    },
    "ordinal": {
        "permalink": "ordinal",
        "timezone": "Europe/Berlin",
        "url": "",
        "baseurl": "/group",
    },
    "none": {
        "permalink": "none",
        "timezone": "Europe/Berlin",
        "url": "https://EXAMPLE.org:443/",
        "baseurl": "/group/",
    },
    "weekdate": {
        "permalink": "weekdate",
        "timezone": "Pacific/Auckland",
        "url": "https://example.org",
        "baseurl": "/group",
    },
    "custom": {
        "permalink": "/:categories/:year/:title/",
        "timezone": "America/New_York",
        "url": "https://example.org/sub",
        "baseurl": "/group",
    },
    "custom_ext": {
        "permalink": "/:year/:i_month/:slug:output_ext",
        "timezone": "Europe/Berlin",
        "url": "http://example.org",
        "baseurl": "",
    },
}
_FRONT_MATTER = re.compile(r"---\s*\n(.*?\n?)^(?:---|\.\.\.)\s*$", re.MULTILINE | re.DOTALL)
_FEED_ENTRY = re.compile(
    r"<entry[^>]*>.*?<link href=\"([^\"]*)\" rel=\"alternate\".*?<id>([^<]*)</id>", re.DOTALL
)


@functools.cache
def load_expected() -> dict[str, Any]:
    """Return the recording of what Jekyll made of the fixture."""
    recorded: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return recorded


def front_matter(relative_path: str) -> dict[str, Any]:
    """Return the fixture file's front matter as PyYAML reads it (empty if it has none)."""
    match = _FRONT_MATTER.match((FIXTURE / relative_path).read_text(encoding="utf-8"))
    data = yaml.safe_load(match.group(1)) if match else None
    return data or {}


def cases(kind: str) -> list[Any]:
    """Return one pytest parameter per site and recorded post or page, with a readable id."""
    # Without a recording (yet) there are no cases; test_recording_covers_every_site fails.
    sites = load_expected()["sites"] if EXPECTED.exists() else {}
    return [
        pytest.param(name, path, recorded, id=f"{name}:{path}")
        for name, site in sites.items()
        for path, recorded in site[kind].items()
    ]


@pytest.mark.parametrize(("name", "path", "recorded"), cases("posts"))
def test_post_url_id_and_feed_id_are_jekylls(name: str, path: str, recorded: Any) -> None:
    """A post's URL, id and jekyll-feed <id> are what Jekyll made of them."""
    config = load_expected()["sites"][name]["config"]
    data = front_matter(path)
    tz = zoneinfo.ZoneInfo(config["timezone"])
    url = post_url(path, data, style=config.get("permalink"), tz=tz)
    id_ = post_id(url, path, data)
    feed_id = absolute_url(id_, url=config["url"], baseurl=config["baseurl"])
    assert {"url": url, "id": id_, "feed_id": feed_id} == recorded


@pytest.mark.parametrize(("name", "path", "recorded"), cases("pages"))
def test_page_url_is_jekylls(name: str, path: str, recorded: Any) -> None:
    """A page's URL is what Jekyll made of it."""
    style = load_expected()["sites"][name]["config"].get("permalink")
    assert page_url(path, front_matter(path), style=style) == recorded


def test_recording_covers_every_site() -> None:
    """expected.json was recorded for exactly the sites this module builds."""
    sites = load_expected()["sites"]
    assert {name: site["config"] for name, site in sites.items()} == SITES


@pytest.mark.parametrize(
    ("style", "template"),
    [
        (None, "/:categories/:year/:month/:day/:title:output_ext"),
        ("pretty", "/:categories/:year/:month/:day/:title/"),
        ("weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"),
        ("/:year/:title/", "/:year/:title/"),
    ],
    ids=["default", "pretty", "weekdate", "custom"],
)
def test_jekylls_permalink_styles_become_templates(style: str | None, template: str) -> None:
    """Jekyll's named styles become their templates; anything else is a template already."""
    assert permalink_template(style) == template


def test_draft_without_a_date_is_an_error() -> None:
    """A draft dated by neither name nor front matter has no URL we can know."""
    with pytest.raises(ValueError, match="no date"):
        post_url("_drafts/idea.md", {}, style=None, tz=zoneinfo.ZoneInfo("UTC"))


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="needs Jekyll 4.3 (`jekyll` on PATH)")
def test_recording_is_what_jekyll_makes_now(tmp_path: Path) -> None:
    """Building the fixture with real Jekyll again gives exactly expected.json."""
    assert record(tmp_path)["sites"] == load_expected()["sites"]


def record(folder: Path) -> dict[str, Any]:
    """Build the fixture once per site in ``folder`` and return what Jekyll made of it."""
    # Each build is mostly Ruby starting up: run them side by side.
    with concurrent.futures.ThreadPoolExecutor() as pool:
        builds = {name: pool.submit(build, folder / name, SITES[name]) for name in SITES}
        return {
            "recorded_with": _jekyll_version(),
            "sites": {name: future.result() for name, future in builds.items()},
        }


def build(folder: Path, config: Mapping[str, str]) -> dict[str, Any]:
    """Build a copy of the fixture in ``folder`` with ``config``; return its URLs and ids."""
    source = folder / "source"
    shutil.copytree(FIXTURE, source, ignore=shutil.ignore_patterns("expected.json"))
    with (source / "_config.yml").open("a", encoding="utf-8") as file:
        file.write(yaml.safe_dump(dict(config), allow_unicode=True))
    destination = folder / "site"
    command: list[str | Path] = ["jekyll", "build", "--disable-disk-cache"]
    command += ["--source", source, "--destination", destination]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"jekyll build failed:\n{result.stdout}{result.stderr}"
    made = json.loads((destination / "urls.json").read_text(encoding="utf-8"))
    feed = (destination / "feed.xml").read_text(encoding="utf-8")
    # jekyll-feed's own <id>s, found by each entry's link (feed.xml can be invalid XML).
    feed_ids = {link: html.unescape(id_) for link, id_ in _FEED_ENTRY.findall(feed)}
    posts = {
        path: {"url": post["url"], "id": post["id"], "feed_id": feed_ids[post["link"]]}
        for path, post in made["posts"].items()
    }
    return {"config": dict(config), "posts": posts, "pages": made["pages"]}


def _jekyll_version() -> str:
    result = subprocess.run(["jekyll", "--version"], check=True, capture_output=True, text=True)
    return result.stdout.strip()


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as temporary:
        recording = record(Path(temporary))
    text = json.dumps(recording, indent=2, ensure_ascii=False, sort_keys=True)
    EXPECTED.write_text(text + "\n", encoding="utf-8")
    print(f"recorded {EXPECTED}")
