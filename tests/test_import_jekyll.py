"""`flask import-jekyll` on real minima sites: imported, checked, frozen, compared with Jekyll.

``tests/data/jekyll-site`` is a sister group's site as such sites are (8 posts, pages with and
without permalinks, a CSV of 64 supporters with their addresses, a Liquid loop over it, a
favicon, Gemfiles, SCSS); ``tests/data/jekyll-new`` is what ``jekyll new`` writes. The
``*.expected.json`` files record what real Jekyll 4.3 (minima 2.5, jekyll-feed 0.17)
published from each: every URL and every feed entry id. Where Jekyll is installed, the tests
build both again to show the record is still true; to record anew, run
``.venv/bin/python -m tests.test_import_jekyll``.
"""

from __future__ import annotations

import contextlib
import gc
import html
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from click.testing import Result
from flask import Flask
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tag_site import create_app
from tag_site.checks.site import MAX_BYTES
from tag_site.markdown.markup import PAGE, unsafe_address
from tag_site.markdown.markup import scan as scan_markup
from tag_site.markdown.render import RenderError, markdown_to_html
from tag_site.markdown.source_map import masked, written_links

from .helpers import ADDRESS, BIN, DEADLINE, ROOT, deadline, published_text, snapshot

DATA = Path(__file__).parent / "data"
SITES = {"jekyll-site": "2026-12-01", "jekyll-new": "2026-12-02", "jekyll-tricky": "2026-12-01"}
# Made by the minima theme from its gem, not from the site's content: the new site has its own.
THEME_FILES = {"/assets/main.css", "/assets/main.css.map", "/assets/minima-social-icons.svg"}


def jekyll_build(source: Path, out: Path) -> dict[str, Any]:
    """Build ``source`` with real Jekyll; return every URL it published and its feed ids."""
    work = out / "source"
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("Gemfile", "Gemfile.lock"))
    site = out / "site"
    environment = os.environ | {"JEKYLL_ENV": "production", "TZ": "UTC"}
    subprocess.run(
        ["jekyll", "build", "--quiet", "-s", str(work), "-d", str(site)],
        check=True, timeout=120, env=environment, capture_output=True,
    )  # fmt: skip
    urls = sorted(
        "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*")
        if path.is_file()
    )
    feed = (site / "feed.xml").read_text("utf-8")
    ids = [html.unescape(i) for i in re.findall(r"<entry>.*?<id>([^<]*)</id>", feed, re.S)]
    own = re.search(r"<id>([^<]*)</id>", feed.split("<entry>")[0])
    return {"urls": urls, "feed_id": html.unescape(own[1]) if own else "", "feed_ids": sorted(ids)}


def expected(name: str) -> dict[str, Any]:
    """Return what Jekyll published from the fixture ``name``, as recorded."""
    recorded: dict[str, Any] = json.loads((DATA / f"{name}.expected.json").read_text("utf-8"))
    return recorded


def base_path(content: Path) -> str:
    """Return the path the imported site is published under, from its site.yml: ``/t/``."""
    url = yaml.safe_load((content / "site.yml").read_text("utf-8")).get("url", "/")
    return urlsplit(url).path or "/"


def run(app: Flask, *args: str) -> Result:
    """Run a ``flask`` command of ``app``."""
    return app.test_cli_runner().invoke(args=list(args))


@pytest.fixture(scope="module")
def imports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Import each fixture site, then check and freeze it; return what each step gave."""
    done = {}
    for name, today in SITES.items():
        folder = tmp_path_factory.mktemp(name)
        content = folder / "content"
        app = create_app({"CONTENT_DIR": str(content), "TESTING": True, "TODAY": today})
        report = run(app, "import-jekyll", str(DATA / name))
        check = run(app, "check")
        build = folder / "build"
        freeze = run(app, "freeze", "--dest", str(build))
        done[name] = {"name": name, "content": content, "build": build,
                      "report": report.output, "check": check, "freeze": freeze}  # fmt: skip
    return done


@pytest.fixture(params=list(SITES))
def imported(request: pytest.FixtureRequest, imports: dict[str, Any]) -> Any:
    """Return the import of each fixture site in turn."""
    return imports[request.param]


@pytest.fixture
def sister(imports: dict[str, Any]) -> Any:
    """Return the import of the sister group's site."""
    return imports["jekyll-site"]


def test_import_checks_clean_and_freezes(imported: dict[str, Any]) -> None:
    """One command, no hand edits: `flask check` finds no error, the freeze succeeds."""
    assert imported["check"].exit_code == 0, imported["check"].output
    assert "0 errors" in imported["check"].output
    assert imported["freeze"].exit_code == 0, imported["freeze"].output


def test_every_old_address_still_resolves(imported: dict[str, Any]) -> None:
    """Each URL the Jekyll site published is a page, a file or a redirect in the new build."""
    build: Path = imported["build"]
    old = set(expected(imported["name"])["urls"]) - THEME_FILES - {"/README.md"}
    for url in sorted(old):
        path = build / url.lstrip("/")
        file = path / "index.html" if url.endswith("/") else path
        assert file.is_file(), url
        text = file.read_text("utf-8", "replace") if file.suffix == ".html" else ""
        moved = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
        if moved:
            target = build / moved.group(1).removeprefix(base_path(imported["content"]))
            assert (target / "index.html").is_file(), (url, moved.group(1))


def test_feed_keeps_the_ids_jekyll_feed_gave(imported: dict[str, Any]) -> None:
    """Feed readers see the imported posts, and the feed, as the ones they already know (the
    feed's own id was the site's address, where jekyll-feed's is the feed's)."""
    feed = (imported["build"] / "feed.xml").read_text("utf-8")
    ids = set(re.findall(r"<entry>.*?<id>([^<]*)</id>", feed, re.S))
    assert set(expected(imported["name"])["feed_ids"]) <= ids
    own = re.search(r"<id>([^<]*)</id>", feed.split("<entry>")[0])
    old = expected(imported["name"])["feed_id"]  # the feed's own, too ("/feed.xml": no url)
    assert own and (own[1] == old if "//" in old else own[1].endswith(old))


def test_nothing_private_or_jekyllish_is_published(imported: dict[str, Any]) -> None:
    """No data file, Gemfile, SCSS or script in the build, and no e-mail address anywhere."""
    files = [path for path in imported["build"].rglob("*") if path.is_file()]
    names = {path.name for path in files}
    assert not {"Gemfile", "Gemfile.lock", "README.md"} & names
    assert not [p for p in files if p.suffix in (".csv", ".yml", ".yaml", ".scss", ".sh")]
    for path in files:
        text = published_text(path) if path.suffix != ".png" else ""
        assert not ADDRESS.search(text), path
    if imported["name"] == "jekyll-site":
        private = set(ADDRESS.findall((DATA / "jekyll-site/_data/supporters.csv").read_text()))
        assert len(private) == 64
        for path in files:  # not even written with character references
            text = html.unescape(html.unescape(published_text(path)))
            assert not private & set(ADDRESS.findall(text)), path


REPORTED = {
    "jekyll-new": [
        ": 1 post, 2 pages, 1 old address kept, 1 feed id kept.",
        "404.html: left out: the site makes its own 404 page",
        "Gemfile: left out",
    ],
    "jekyll-site": [
        ": 8 posts, 5 pages, 2 data files, 64 members, 5 files, 10 old addresses kept, "
        "8 feed ids kept.",
        "about.md:12: left out: Liquid is not supported: '{{ site.time | date: '%Y' }}'",
        "members.md:10: the loop over site.data.supporters is replaced by the site's own list",
        "_data/supporters.csv: became data/members.yml (64 members)",
        "assets/main.scss: left out: is part of the old Jekyll site",
        "Gemfile.lock: left out",
        "_config.yml:27: 'google_analytics' is left out: the site does not use it",
        "scripts: left out",
    ],
    "jekyll-tricky": [
        "about.md:9: left out: <script> is not allowed",
        "about.md:10: left out: <style> is not allowed in a page",
        "people.md:7: the loop over sorted is replaced by the site's own list",
        "_data/team/people.csv: became data/members.yml (2 members)",
    ],
}


def test_report_lists_what_was_left_out(imported: dict[str, Any]) -> None:
    """The report counts what came in and names each thing left out at its file:line."""
    for line in REPORTED[imported["name"]]:
        assert line in imported["report"]


def test_the_group_keeps_its_identity_and_members(sister: dict[str, Any]) -> None:
    """Its own title, favicon, logo and preview image; the members from its CSV."""
    build: Path = sister["build"]
    home = (build / "index.html").read_text("utf-8")
    assert "<title>EMS TAG Mathematics of Example Systems</title>" in home
    assert 'href="/tag-example/assets/images/favicon.png" type="image/png"' in home
    assert 'src="/tag-example/assets/images/logo.png"' in home
    image = "https://ems-tag-example.github.io/tag-example/assets/images/social.png"
    assert f'<meta property="og:image" content="{image}">' in home
    members = (build / "members/index.html").read_text("utf-8")
    assert "<h1>Supporters</h1>" in members
    assert members.count('<li class="member">') == 64
    assert "Jürgen Dubois" in members
    feed = (build / "feed.xml").read_text("utf-8")
    assert "<title>EMS TAG Mathematics of Example Systems</title>" in feed


def test_liquid_with_a_plain_meaning_is_rewritten(sister: dict[str, Any]) -> None:
    """Links, code, includes and settings written in Liquid come in as the site writes them."""
    news = sister["content"] / "news"
    code = (news / "2024-04-03-code-release.md").read_text("utf-8")
    assert "```python\nfrom examples import system\nsystem.solve(order=2)\n```" in code
    review = (news / "2024-09-30-review.md").read_text("utf-8")
    assert "[annual report](/assets/pdf/annual-report-2024.pdf)" in review
    assert '<p class="note">The report is also available' in review
    enumath = (news / "2023-06-20-minisymposium-at-enumath.md").read_text("utf-8")
    assert "[the launch](/news/2023-03-15-launch.md)" in enumath
    assert "date: 2023-06-20 23:30:00 +0200" in enumath
    members = (sister["content"] / "members.md").read_text("utf-8")
    assert "[how to join](/join.md)" in members and "<ul" not in members


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="Jekyll is not installed here")
@pytest.mark.parametrize("name", list(SITES))
def test_recorded_output_is_what_jekyll_publishes(name: str, tmp_path: Path) -> None:
    """The record the tests compare with is what real Jekyll builds from the fixture."""
    assert jekyll_build(DATA / name, tmp_path) == expected(name)


URLS = DATA / "jekyll-urls"
# Old addresses the new site cannot serve, and why: a '?' starts a query (the old site could
# not serve it either), a text post and a JSON page are no pages, and Frozen-Flask writes file
# names in Unicode's composed form, so an address in decomposed form ("e" + accent) is lost.
UNSERVABLE = {
    "_posts/2023-08-22-odd-categories.md", "_posts/2023-09-07-text-post.txt",
    "data-permalink.md", "_posts/2023-08-30-decomposed-slug.md",
}  # fmt: skip


def resolves(build: Path, url: str) -> bool:
    """Tell whether GitHub Pages would answer ``url`` from ``build`` (``/x`` finds ``x.html``)."""
    path = build / unquote(url).lstrip("/")
    if url.endswith("/"):
        return (path / "index.html").is_file()
    return path.is_file() or path.with_name(path.name + ".html").is_file()


@pytest.mark.parametrize("style", list(json.loads((URLS / "expected.json").read_text())["sites"]))
def test_every_permalink_style_keeps_every_address(style: str, tmp_path: Path) -> None:
    """Under each permalink style, every post and page of a site of awkward names comes in at
    its old address, with the feed id jekyll-feed gave it."""
    recorded = json.loads((URLS / "expected.json").read_text())["sites"][style]
    source = tmp_path / "source"
    shutil.copytree(URLS, source)
    with (source / "_config.yml").open("a", encoding="utf-8") as config:
        config.write(yaml.safe_dump(recorded["config"]))
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "TODAY": "2030-01-01"})
    assert run(app, "import-jekyll", str(source)).exit_code == 0
    check = run(app, "check")
    assert check.exit_code == 0, check.output
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    old = {**recorded["pages"], **{k: v["url"] for k, v in recorded["posts"].items()}}
    kept = {
        path: url
        for path, url in old.items()
        if "_drafts/" not in path and path not in UNSERVABLE
        and (path.endswith((".md", ".markdown", ".html")) or "_posts/" in path)
    }  # fmt: skip
    assert len(kept) >= 45
    for path, url in kept.items():
        assert resolves(tmp_path / "build", url), (path, url)
    news = "".join(p.read_text("utf-8") for p in (tmp_path / "content/news").glob("*.md"))
    feed_ids = {
        yaml.safe_load(line)["feed_id"] for line in re.findall(r"^feed_id: .*$", news, re.M)
    }
    posts = {k: v["feed_id"] for k, v in recorded["posts"].items() if "_drafts/" not in k}
    assert {i for k, i in posts.items() if k not in UNSERVABLE} <= feed_ids


@pytest.mark.parametrize(
    ("setup", "gist"),
    [
        (lambda dest: (dest / "x.md").write_text("x"), "is not empty"),
        (lambda dest: dest.rmdir() or dest.write_text("x"), "is not a folder"),
    ],
    ids=["non-empty", "a-file"],
)
def test_import_never_writes_over_anything(tmp_path: Path, setup: Any, gist: str) -> None:
    """A destination that holds anything is refused, and left as it was."""
    dest = tmp_path / "content"
    dest.mkdir()
    setup(dest)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    app = create_app({"CONTENT_DIR": str(dest)})
    result = run(app, "import-jekyll", str(DATA / "jekyll-new"))
    assert result.exit_code == 1
    assert gist in result.output and "nothing was written" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_folder_that_is_no_jekyll_site_is_refused(tmp_path: Path) -> None:
    """Without _config.yml or _posts/, the import says so and writes nothing."""
    app = create_app({"CONTENT_DIR": str(tmp_path / "content")})
    result = run(app, "import-jekyll", str(tmp_path))
    assert result.exit_code == 1
    assert "is not a Jekyll site" in result.output
    assert not (tmp_path / "content").exists()


def test_the_groups_own_old_home_page_comes_in(tmp_path: Path) -> None:
    """The SciML group's old Jekyll home page checks clean after the import: its links to
    bare addresses (which went nowhere) are mailto: links, each named in the report."""
    source = tmp_path / "old"
    (source / "_posts").mkdir(parents=True)
    shutil.copy(DATA / "old-jekyll-index.md", source / "index.md")
    app = create_app({"CONTENT_DIR": str(tmp_path / "content")})
    report = run(app, "import-jekyll", str(source)).output
    assert "index.md:35: the link to victorita.dolean@strath.ac.uk is a mailto: link now" in report
    result = run(app, "check")
    assert result.exit_code == 0, result.output


def import_files(tmp_path: Path, files: dict[str, str]) -> tuple[Flask, str]:
    """Import a Jekyll site made of ``files``; return the app over the result and the report."""
    source = tmp_path / "jekyll"
    for name, text in {"_config.yml": "title: Small\n", **files}.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, "utf-8")
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "TODAY": "2030-01-01"})
    return app, run(app, "import-jekyll", str(source)).output


def test_posts_that_would_share_an_address_get_their_own(tmp_path: Path) -> None:
    """Two posts of one year with one title keep two addresses, old and new."""
    app, _ = import_files(tmp_path, {
        "index.md": "---\nlayout: home\n---\n",
        "_posts/2023-01-05-meeting.md": "---\ntitle: First\n---\nA\n",
        "_posts/2023-06-05-meeting.md": "---\ntitle: Second\n---\nB\n",
    })  # fmt: skip
    assert run(app, "check").exit_code == 0
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    for url in ("news/2023/meeting/", "news/2023/meeting-2/", "2023/01/05/meeting.html",
                "2023/06/05/meeting.html"):  # fmt: skip
        assert resolves(tmp_path / "build", "/" + url), url


def test_a_page_without_a_title_is_named_by_its_heading_as_written(tmp_path: Path) -> None:
    """A page without a title takes its first heading's words; "# Why C#" gave "Why C"."""
    files = {"index.md": "---\n---\n", "why.md": "---\n---\n# Why C# ##\n\nText\n"}
    app, _ = import_files(tmp_path, files)
    assert "title: Why C#\n" in (tmp_path / "content" / "why.md").read_text("utf-8")
    assert run(app, "check").exit_code == 0


def test_a_page_keeps_an_address_of_a_section_the_old_site_had_not(tmp_path: Path) -> None:
    """search/index.md at /search/ was numbered search/index-2.md, as the site made its own
    search page there; the old site had none, so neither has the new one, and the page keeps
    its address. The lists the old site had not are not made: no /members/, /join/,
    /events/, /jobs/ or /reports/ (a workshop invited visitors to become members)."""
    app, report = import_files(tmp_path, {
        "index.md": "---\ntitle: Home\n---\nHi\n",
        "search/index.md": "---\ntitle: Find\n---\nSearch help.\n",
    })  # fmt: skip
    assert (tmp_path / "content/search/index.md").is_file()
    assert "the site makes the lists the old site had: none ('sections' in site.yml)" in report
    assert "sections: []" in (tmp_path / "content/site.yml").read_text("utf-8")
    assert run(app, "check").exit_code == 0
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    assert "Search help." in (tmp_path / "build/search/index.html").read_text("utf-8")
    built = {
        path.relative_to(tmp_path / "build").as_posix() for path in (tmp_path / "build").rglob("*")
    }
    for made in ("members", "join", "events", "jobs", "reports", "events.ics", "pagefind"):
        assert made not in built
    assert "calendar" not in (tmp_path / "build/index.html").read_text("utf-8")


def test_settings_the_site_does_not_take_are_noted(tmp_path: Path) -> None:
    """`author`, and a `logo` or `image` that names no file, were called read and dropped
    without a word: each is a note at its line."""
    _, report = import_files(tmp_path, {
        "_config.yml": "title: Small\nauthor: Ada Writer\nlogo: /assets/gone.png\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    })  # fmt: skip
    assert "_config.yml:2: 'author' is left out: the site does not use it" in report
    assert "_config.yml:3: 'logo' is left out: it names no file of the old site" in report


def test_a_csv_column_named_twice_keeps_what_the_old_site_showed(tmp_path: Path) -> None:
    """Jekyll's rows keep the first of two columns of one name: the import kept the second
    ("Beta" for "Alpha") and said nothing; what neither shows is a note at its line."""
    _, report = import_files(tmp_path, {
        "index.md": "---\ntitle: Home\n---\nHi\n",
        "_data/projects.csv": "title,title,,budget,\nAlpha,Beta,x,100,\nGamma,Delta,,200,,EXTRA\n",
    })  # fmt: skip
    data = yaml.safe_load((tmp_path / "content" / "data" / "projects.yml").read_text("utf-8"))
    assert data == [{"title": "Alpha", "budget": "100"}, {"title": "Gamma", "budget": "200"}]
    assert (
        "_data/projects.csv:1: left out: column 2 is named 'title' again, and the old "
        "site showed column 1 under that name (1 more column is too)" in report
    )
    assert "_data/projects.csv:3: left out: this row has 6 fields and the header 5" in report
    assert "column 5" not in report  # unnamed, but empty: nothing is lost


def test_people_in_a_semicolon_csv_with_first_and_last_names(tmp_path: Path) -> None:
    """A European CSV (';', first and last name apart, an address in angle brackets) comes in."""
    csv = (
        "First name;Last name;Institution;Country;E-mail\n"
        "Ada;Lovelace;Analytical Engines;UK;Ada L. <ada@example.org>\n"
        ";;;;\n"
        "Carl;Gauss;Göttingen;Germany;not an address\n"
    )
    app, report = import_files(tmp_path, {"index.md": "---\n---\n", "_data/team.csv": csv})
    members = yaml.safe_load((tmp_path / "content/data/members.yml").read_text("utf-8"))
    assert members == [
        {"name": "Ada Lovelace", "affiliation": "Analytical Engines", "country": "UK",
         "email": "ada@example.org"},
        {"name": "Carl Gauss", "affiliation": "Göttingen", "country": "Germany"},
    ]  # fmt: skip
    assert "_data/team.csv:3: left out: this entry has no name" in report
    assert "_data/team.csv:4: Carl Gauss: left out the address 'not an address'" in report
    assert run(app, "check").exit_code == 0


PEOPLE_SITE = {
    "index.md": "---\n---\n",
    "_data/my-people.csv": "name,surname,affiliation,country\nAda,Lovelace,Engines,UK\n"
    "Carl,Gauss,Göttingen,Germany\n",
    "_data/former-faculty.csv": "name,affiliation,country\n"
    + "".join(f"Person {n},Somewhere,France\n" for n in range(5)),
    "people.md": "---\ntitle: People\n---\n\n<table>\n<tr><th>Name</th><th>Where</th></tr>\n"
    "{% for p in site.data.my-people %}<tr><td>{{ p.name }} {{ p.surname }}</td>"
    "<td>{{ p.affiliation }}</td></tr>{% endfor %}\n</table>\n\n| Name |\n|---|\n"
    "{% for p in site.data.my-people %}| {{ p.name }} |\n{% endfor %}\n\nThe end.\n",
}


def test_the_people_a_page_lists_become_the_members_whole(tmp_path: Path) -> None:
    """A loop over `site.data.my-people` (a "-" in the name) was not read as one, the longer
    `former-faculty.csv` became the members, `name,surname` lost the surnames, and the page
    kept the tables' headers over nothing: the looped table comes in, names joined, the
    tables gone, and the report says why that table."""
    app, report = import_files(tmp_path, PEOPLE_SITE)
    members = yaml.safe_load((tmp_path / "content/data/members.yml").read_text("utf-8"))
    assert [m["name"] for m in members] == ["Ada Lovelace", "Carl Gauss"]
    assert "_data/my-people.csv: became data/members.yml (2 members): a page listed them " in (
        report
    )
    assert (tmp_path / "content/data/former-faculty.yml").is_file()
    page = (tmp_path / "content/members.md").read_text("utf-8")  # the list's intro
    assert "<table" not in page and "|---|" not in page and "The end." in page
    assert run(app, "check").exit_code == 0


@pytest.mark.parametrize("asked", ["former-faculty", "", "nobody"])
def test_the_members_table_can_be_named(tmp_path: Path, asked: str) -> None:
    """--members NAME takes that table as the members ('' none); a name no table of people
    has is refused, naming those that are, and nothing is written."""
    result, content = import_source(tmp_path, PEOPLE_SITE, "--members", asked)
    if asked == "nobody":
        assert result.exit_code == 1 and "those that are: former-faculty, my-people" in (
            result.output
        )
        assert not content.exists()
        return
    assert result.exit_code == 0, result.output
    listed = content / "data/members.yml"
    if asked:
        assert len(yaml.safe_load(listed.read_text("utf-8"))) == 5
        assert "became data/members.yml (5 members): named with --members" in result.output
    else:
        assert not listed.exists()


def test_data_called_members_that_lists_no_people_keeps_out_of_the_way(tmp_path: Path) -> None:
    """A `_data/members.yml` that is not a list of people does not become the members."""
    app, report = import_files(tmp_path, {
        "index.md": "---\n---\n", "_data/members.yml": "count: 12\nsince: 2021\n",
    })  # fmt: skip
    assert "_data/members.yml: is data/members-data.yml: it lists no people" in report
    assert (tmp_path / "content/data/members-data.yml").is_file()
    assert not (tmp_path / "content/data/members.yml").exists()
    assert run(app, "check").exit_code == 0


def test_tricky_shapes_come_in_as_jekyll_showed_them(imports: dict[str, Any]) -> None:
    """Addresses, raw blocks, scripts, assigned loops, HTML pages, defaults, collections and
    impossible dates: each comes in as Jekyll showed it, and the result checks clean."""
    tricky = imports["jekyll-tricky"]
    content: Path = tricky["content"]
    about = (content / "about.md").read_text("utf-8")
    assert "[Write to us](mailto:office@tricky.example.org)" in about
    assert '<a href="mailto:office@tricky.example.org">office@tricky.example.org</a>' in about
    assert "write \\{{ page.title }}." in about  # a raw block shows its braces
    assert "<script" not in about and "<style" not in about
    assert "[the team](/members.md)" in about  # people.md became the members' introduction
    members = (content / "members.md").read_text("utf-8")
    assert "redirect_from:\n- /people/" in members
    assert "show_email" not in (content / "site.yml").read_text("utf-8")  # the loop showed them
    assert "permalink: /documentation/guide/" in (content / "docs/guide.md").read_text("utf-8")
    assert (content / "projects/alpha.md").is_file()
    assert (content / "news/2024-03-01-leap.md").is_file()  # 30 February, as Ruby rolls it
    assert "Not yet" not in (content / "site.yml").read_text("utf-8")  # a draft is not in nav
    home = (tricky["build"] / "index.html").read_text("utf-8")
    assert "<p>We study *tricky* things.</p>" in home
    assert "    <p>Indented after a blank line: still HTML.</p>" in home
    assert "tricky.example.org" not in tricky["check"].output  # no warning about the address


@pytest.mark.parametrize(
    ("files", "gist"),
    [
        ({"_posts/2024-01-01-x.md": "---\ncategories: {x: 1}\n---\nA\n"}, "index.md"),
        ({"_posts/2024-01-01-x.md": "---\npermalink: /:nothing/:title/\n---\nA\n"},
         "_posts/2024-01-01-x.md:2: its old address cannot be worked out"),
        ({"a.md": "---\ntitle: A\n---\n{% if x %} never closed {{ y }}\n"},
         "a.md:4: left out: Liquid is not supported: '{{ y }}'"),
        ({"b.md": "---\ntitle: [unclosed\n---\nText\n"}, "b.md:3: left out: it cannot be read"),
        ({"_data/people.csv": "name,email\nAda,ada@example.org\n".encode("latin-1").decode()
          + "Jos\u00e9,jose@example.org\n"}, "index.md: the old site had no home page"),
        ({"_config.yml": "title: T\ndefaults: 5\nexclude: 5\ncollections: [a]\n"},
         "_config.yml:3: left out 'exclude': not a list"),
    ],
    ids=["odd-categories", "unknown-placeholder", "unclosed-if", "broken-front-matter", "plain",
         "settings-of-the-wrong-kind"],
)  # fmt: skip
def test_odd_sources_give_notes_not_tracebacks(
    tmp_path: Path, files: dict[str, str], gist: str
) -> None:
    """What Jekyll would choke on, or what the site cannot take, is a note; the rest imports
    and checks clean."""
    app, report = import_files(tmp_path, files)
    assert "Traceback" not in report
    assert gist in report
    result = run(app, "check")
    assert result.exit_code == 0, result.output


def test_latin_1_data_is_named_not_garbled(tmp_path: Path) -> None:
    """A CSV saved as Latin-1 (Jekyll refuses it too) is left out with a note."""
    source = tmp_path / "jekyll"
    (source / "_data").mkdir(parents=True)
    (source / "_config.yml").write_text("title: T\n")
    (source / "_data/people.csv").write_bytes("name,city\nJosé,Lyon\n".encode("latin-1"))
    app = create_app({"CONTENT_DIR": str(tmp_path / "content")})
    report = run(app, "import-jekyll", str(source)).output
    assert "_data/people.csv: left out: it is not UTF-8 text — save it as UTF-8" in report


def test_destination_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    """`--dest` inside a file (not a folder) is one line, no traceback."""
    (tmp_path / "afile").write_text("x")
    app = create_app({"CONTENT_DIR": str(tmp_path / "afile/content")})
    result = run(app, "import-jekyll", str(DATA / "jekyll-new"))
    assert result.exit_code == 1
    assert "cannot write next to" in result.output and "Traceback" not in result.output


def test_old_url_must_be_an_address(tmp_path: Path) -> None:
    """`--old-url example.org/grp` (no https://) is refused, not silently ignored."""
    app = create_app({"CONTENT_DIR": str(tmp_path / "content")})
    result = run(app, "import-jekyll", str(DATA / "jekyll-new"), "--old-url", "example.org/g")
    assert result.exit_code == 1
    assert "must be a full address" in result.output


@pytest.mark.parametrize(
    ("old_url", "said"),
    [
        ("https://example.org:99999/", "has a port no browser can reach"),
        ("https://user:pw@example.org/", "must not hold a name and '@'"),
    ],
)
def test_an_old_url_site_yml_would_refuse_is_said_as_the_options(
    tmp_path: Path, old_url: str, said: str
) -> None:
    """The 55th attack: an ``--old-url`` site.yml would refuse was blamed on _config.yml's
    line 2, whose url was fine; it is refused as the option's, before anything is written."""
    app = create_app({"CONTENT_DIR": str(tmp_path / "content")})
    result = run(app, "import-jekyll", str(DATA / "jekyll-new"), "--old-url", old_url)
    assert result.exit_code == 1, result.output
    assert f"--old-url {old_url!r} is refused: it {said}" in result.output
    assert "_config.yml" not in result.output and not (tmp_path / "content").exists()


@pytest.mark.parametrize("folder", ["news", "events", "jobs"])
def test_a_page_in_a_folder_of_dated_content_comes_in_as_a_page(
    tmp_path: Path, folder: str
) -> None:
    """A Jekyll page where the site keeps dated files (jobs/apply.md) checks clean and keeps its
    old address."""
    app, _ = import_files(tmp_path, {
        "index.md": "---\nlayout: home\n---\n",
        f"{folder}/apply.md": "---\ntitle: How to apply\n---\nWrite to us.\n",
    })  # fmt: skip
    checked = run(app, "check")
    assert checked.exit_code == 0, checked.output
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    assert resolves(tmp_path / "build", f"/{folder}/apply.html")


# --- hostile sources: whatever the old site holds, notes at their lines, never a traceback -----


def bomb(levels: int = 9, anchor: str = "a") -> list[str]:
    """Return YAML lines of nested aliases, each level nine of the one before (9**levels)."""
    lines = [f'{anchor}0: &{anchor}0 ["l","l","l","l","l","l","l","l","l"]']
    for level in range(1, levels):
        lines.append(
            f"{anchor}{level}: &{anchor}{level} [" + ",".join([f"*{anchor}{level - 1}"] * 9) + "]"
        )
    return lines


def import_source(
    tmp_path: Path, files: dict[str, str | bytes], *args: str, seconds: float = DEADLINE
) -> tuple[Result, Path]:
    """Import a Jekyll site made of ``files`` (text or bytes) within ``seconds``; return the
    command's result (no traceback in it) and the content folder."""
    source = tmp_path / "jekyll"
    for name, text in {"_config.yml": "title: Small\n", **files}.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        raw = text.encode("utf-8") if isinstance(text, str) else text
        (source / name).write_bytes(raw)
    content = tmp_path / "content"
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    with deadline(seconds):
        result = run(app, "import-jekyll", str(source), *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result, content


def built_page(tmp_path: Path, path: str, html_text: str) -> None:
    """Write a page of the old site as it was published, at ``path`` under ``_site/``."""
    (tmp_path / "_site" / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "_site" / path).write_text(html_text, "utf-8")


def checks_clean(content: Path) -> None:
    """See ``flask check`` find no error in an imported content folder."""
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


def written_bytes(content: Path) -> int:
    """Return how many bytes an import wrote."""
    return sum(path.stat().st_size for path in content.rglob("*") if path.is_file())


BOMB_CONFIG = "\n".join(["title: T", *bomb()])
BOMB_FRONT = "---\n" + "\n".join(["title: T", *bomb()])


@pytest.mark.parametrize(
    ("files", "gist"),
    [
        ({"_config.yml": f"{BOMB_CONFIG}\ntimezone: *a8\n"}, "_config.yml:6: left out"),
        ({"_config.yml": f"{BOMB_CONFIG}\nbaseurl: *a8\n"}, "_config.yml:6: left out"),
        ({"_config.yml": f"{BOMB_CONFIG}\npermalink: *a8\n"}, "_config.yml:6: left out"),
        ({"_config.yml": f"{BOMB_CONFIG}\ncollections: {{x: *a8}}\n"}, "_config.yml:6: left out"),
        ({"_posts/2024-01-01-x.md": f"{BOMB_FRONT}\npermalink: *a8\n---\nText\n"},
         "_posts/2024-01-01-x.md:7: left out"),
        ({"_posts/2024-01-01-x.md": f"{BOMB_FRONT}\ncategories: *a8\n---\nText\n"},
         "_posts/2024-01-01-x.md:7: left out"),
        ({"_data/team.yml": "\n".join([*bomb(), "members: *a8", ""])},
         "_data/team.yml:5: left out"),
    ],
    ids=["timezone", "baseurl", "permalink", "collections", "post-permalink", "post-categories",
         "data"],
)  # fmt: skip
def test_alias_bombs_are_notes_not_hangs(tmp_path: Path, files: dict[str, str], gist: str) -> None:
    """A few hundred bytes of nested YAML aliases (billions of values) anywhere the import
    reads YAML are left out with a note at their line, read by the site's own bounded reader:
    not minutes of work, nor megabytes written."""
    assert len(next(iter(files.values()))) < 600
    result, content = import_source(tmp_path, {"index.md": "---\n---\n", **files})
    assert result.exit_code == 0, result.output
    assert gist in result.output and "repeat more than 10,000 values" in result.output
    assert written_bytes(content) < 20_000


LONG_ALIASES = "x: &a " + "w" * 100_000 + "\nextra: [" + ", ".join(["*a"] * 1000) + "]\n"


@pytest.mark.parametrize(
    ("files", "gist"),
    [
        ({"_posts/2023-01-01-a.md": f"---\ntitle: A\n{LONG_ALIASES}---\nbody\n"},
         "_posts/2023-01-01-a.md:4: left out"),
        ({"_data/links.yml": LONG_ALIASES}, "_data/links.yml:2: left out"),
        ({"_config.yml": f"title: T\n{LONG_ALIASES}"}, "_config.yml:3: left out"),
    ],
    ids=["front-matter", "data", "config"],
)  # fmt: skip
def test_aliases_of_a_long_text_are_notes_not_megabytes(
    tmp_path: Path, files: dict[str, str], gist: str
) -> None:
    """A thousand aliases of a 100 kB text (116 kB of YAML, a thousand values) became a
    100 MB content file in 30 s: the reader counts the text aliases repeat, as it counts
    their values, and leaves what repeats more than a million characters out with a note."""
    result, content = import_source(tmp_path, {"index.md": "---\n---\n", **files})
    assert result.exit_code == 0, result.output
    assert gist in result.output
    assert "repeat more than 1,000,000 characters of text" in result.output
    assert written_bytes(content) < 300_000


@pytest.mark.parametrize(
    ("files", "gist"),
    [
        ({"_data/deep.json": '{"a":' * 3000 + "1" + "}" * 3000}, "_data/deep.json:1: left out"),
        ({"_data/deep.json": "[" * 100_000}, "_data/deep.json:1: left out"),
        ({"_data/deep.json": "[" * 300 + "]" * 300}, "_data/deep.json:1: left out"),
        ({"_data/deep.yml": "[" * 3000 + "]" * 3000}, "_data/deep.yml:1: left out"),
        ({"_data/deep.yml": "x: " + "[" * 300 + "]" * 300}, "_data/deep.yml:1: left out"),
        ({"_config.yml": "title: T\nx: " + "[" * 100_000}, "_config.yml:2: left out"),
        ({"_config.yml": "title: T\nx: " + "[" * 450 + "]" * 450}, "_config.yml:2: left out"),
        ({"a.md": "---\ntitle: A\nx: " + "{a: " * 300 + "}" * 300 + "\n---\nText\n"},
         "a.md:3: left out"),
    ],
    ids=["json-objects", "json-brackets", "json-300", "yaml-3000", "yaml-300", "config-brackets",
         "config-450", "front-matter-300"],
)  # fmt: skip
def test_deep_nesting_is_a_note_not_a_recursion_error(
    tmp_path: Path, files: dict[str, str], gist: str
) -> None:
    """JSON or YAML nested thousands deep is left out with a note at its line, never a
    RecursionError, and what is written checks clean."""
    result, content = import_source(tmp_path, {"index.md": "---\n---\n", **files})
    assert result.exit_code == 0, result.output
    assert gist in result.output and "nested" in result.output
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("zone", ["Europe", "Mars/Olympus", "[1, 2]", "../../etc/passwd"])
def test_a_time_zone_that_is_none_is_a_note(tmp_path: Path, zone: str) -> None:
    """`timezone: Europe` (a folder of the zone database) or any other non-zone is a note
    at its line with the fix; the dates are read in UTC, as site.yml says."""
    config = f"title: T\ntimezone: {zone}\n"
    result, content = import_source(tmp_path, {"_config.yml": config, "index.md": "---\n---\n"})
    assert result.exit_code == 0, result.output
    assert "_config.yml:2: left out 'timezone'" in result.output
    assert "write one like Europe/Berlin" in result.output
    assert "timezone: UTC" in (content / "site.yml").read_text("utf-8")


def test_a_page_that_is_a_whole_html_document_comes_in_as_its_body(tmp_path: Path) -> None:
    """An index.html that is a whole document (`layout: null`, <!DOCTYPE>, <head>, <body>)
    came in with its <html>, <head> and <body> inside the site's own page (the check then
    refused its <!DOCTYPE>), its title lost: the page is its body, its head's title is the
    page's, and the report says what was left out."""
    page = (
        '---\nlayout: null\n---\n<!DOCTYPE html>\n<html lang="en">\n<head>\n'
        '<title>The Lab &amp; Friends</title>\n<link rel="stylesheet" href="/s.css">\n'
        '</head>\n<body class="home">\n<h1>Welcome</h1>\n<p>We study {{ 1 }} thing.</p>\n'
        "</body>\n</html>\n"
    )
    result, content = import_source(tmp_path, {"index.html": page, "s.css": "p {}\n"})
    assert result.exit_code == 0, result.output
    assert "index.html:4: was a whole HTML document: the page is what its <body> held (its " in (
        result.output
    )
    written = (content / "index.md").read_text("utf-8")
    assert "<!DOCTYPE" not in written and "<head" not in written and "<body" not in written
    assert "<h1>Welcome</h1>" in written and "title: The Lab & Friends" in written
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    checked = run(app, "check")
    assert checked.exit_code == 0, checked.output
    home = app.test_client().get("/").data.decode()
    assert "<title>The Lab &amp; Friends" in home and "<h1>Welcome</h1>" in home


@pytest.mark.parametrize("where", ["_config.yml", "_data/navigation.yml"])
def test_a_themes_navigation_list_becomes_the_menu(tmp_path: Path, where: str) -> None:
    """A theme's menu (`navigation:` in _config.yml, or _data/navigation.yml's `main:`) was
    dropped, and every page with a title made the menu instead: its links come in, in its
    order, each to the page's new address."""
    links = (
        "  - title: Research\n    url: /research.html\n"
        '  - title: About us\n    url: "{{ site.baseurl }}/about/"\n'
        "  - title: Code\n    url: https://github.com/example\n"
    )
    files = {
        "index.md": "---\n---\n",
        "about.md": "---\ntitle: About\npermalink: /about/\n---\n\nText.\n",
        "research.md": "---\ntitle: Research\n---\n\nText.\n",
        "misc.md": "---\ntitle: Miscellany\n---\n\nText.\n",
    }
    if where == "_config.yml":
        files["_config.yml"] = "title: T\nnavigation:\n" + links
    else:
        files["_data/navigation.yml"] = "main:\n" + links
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    settings = yaml.safe_load((content / "site.yml").read_text("utf-8"))
    assert settings["nav"] == [
        {"title": "Research", "url": "/research/"},
        {"title": "About us", "url": "/about/"},
        {"title": "Code", "url": "https://github.com/example"},
    ]
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


def test_the_pages_with_a_menutitle_are_the_menu(tmp_path: Path) -> None:
    """A layout's menu of ``site.pages`` with a ``menutitle:`` (``{% unless page.menutitle ==
    null or page.hide %}``, found on a public site) was dropped, every page with a title made
    the menu: the pages with one are the menu, each by its menutitle, one hidden left out."""
    result, content = import_source(tmp_path, {
        "index.md": "---\ntitle: Home\nmenutitle: Home\n---\n",
        "about.md": "---\ntitle: About the group\nmenutitle: About\n---\n\nText.\n",
        "people.md": "---\ntitle: People\nmenutitle: Team\n---\n\nText.\n",
        "old.md": "---\ntitle: Old\nmenutitle: Old\nhide: true\n---\n\nText.\n",
        "misc.md": "---\ntitle: Miscellany\n---\n\nText.\n",
    })  # fmt: skip
    assert result.exit_code == 0, result.output
    settings = yaml.safe_load((content / "site.yml").read_text("utf-8"))
    assert settings["nav"] == [
        {"title": "About", "url": "/about/"},
        {"title": "Team", "url": "/people/"},
    ]
    checks_clean(content)


@pytest.mark.parametrize("where", ["_config.yml", "_data/navigation.yml"])
def test_a_themes_refused_menu_link_is_left_out_and_said(tmp_path: Path, where: str) -> None:
    """A theme's menu link the site refuses (`javascript:`) was written into site.yml's `nav`
    as it was, and the check then refused the import's own output. It is left out, and the
    report says which and why, as for the footer's links (the 55th attack: an angle bracket
    was said to mix alphabets)."""
    links = '  - title: Evil\n    url: "javascript:alert(1)"\n  - title: About\n    url: /about/\n'
    links += '  - title: Tag\n    url: "https://x.org/?q=<script>"\n'
    files = {"index.md": "---\n---\n", "about.md": "---\ntitle: About\npermalink: /about/\n---\n"}
    if where == "_config.yml":
        files["_config.yml"] = "title: T\nnavigation:\n" + links
    else:
        files["_data/navigation.yml"] = "main:\n" + links
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert f"{where}:" in result.output and "left out the menu link Evil: " in result.output
    assert "link Tag: 'https://x.org/?q=<script>' has a quote or an angle bracket" in result.output
    settings = yaml.safe_load((content / "site.yml").read_text("utf-8"))
    assert settings["nav"] == [{"title": "About", "url": "/about/"}]
    assert "javascript" not in (content / "site.yml").read_text("utf-8")
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("math", [True, False])
def test_formulas_come_in_as_the_old_site_showed_them(tmp_path: Path, math: bool) -> None:
    """kramdown reads \\( as an escaped "(": a page wrote \\\\( for MathJax to find \\( in
    the page, and "\\[BGP\\]" showed "[BGP]". With MathJax loaded (here in the layout),
    \\\\(…\\) and \\\\[…\\\\] come in as $$…$$ formulas, said in the report; without it, as
    the text the old site showed; an escaped bracket stays one, and code as it is."""
    head = '<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>'
    page = (
        "---\ntitle: Notes\n---\n\nThe loss \\\\(x^2\\\\) is small [see \\[BGP\\]].\n\n"
        "\\\\[ \\frac{a}{b} \\\\]\n\nIn code: `\\\\(y\\\\)`.\n"
    )
    files = {"index.md": "---\n---\n", "notes.md": page}
    files["_layouts/default.html"] = (
        f"<html><head>{head if math else ''}</head>{{{{ content }}}}</html>"
    )
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    written = (content / "notes.md").read_text("utf-8")
    assert "\\[BGP\\]" in written and "`\\\\(y\\\\)`" in written
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    shown = app.test_client().get("/notes/").data.decode()
    assert "[see [BGP]]" in shown and "<code>\\\\(y\\\\)</code>" in shown
    if math:
        assert "$$x^2$$" in written and "$$ \\frac{a}{b} $$" in written
        assert "notes.md:5: its formulas for MathJax" in result.output
        assert shown.count("<math") == 2
    else:
        assert "$$" not in written and "<math" not in shown and "\\(x^2\\)" in shown
    assert run(app, "check").exit_code == 0


def test_a_themes_menu_comes_in_whole_and_as_it_was_shown(tmp_path: Path) -> None:
    """A menu entry's children, with a parent of no url, were dropped without a word (a menu
    of five links became one); a title's entity or icon tag was shown as written; links
    with the old base path or Liquid's relative_url were not led to the new pages. Each
    child comes in after its parent; a title reads as it was shown, and the report says
    so; an entry of no link is left out with a line."""
    navigation = (
        "main:\n"
        "  - title: People\n    children:\n"
        "      - title: Members\n        url: /lab/members.html\n"
        "      - title: Alumni\n        url: '{{ \"/alumni/\" | relative_url }}'\n"
        "  - title: R&amp;D\n    url: /lab/rd.html\n"
        "  - title: \"<i class='fa fa-home'></i> Home\"\n    url: /lab/\n"
        "  - Just a word\n"
        "  - title: '{{ site.title }}'\n    url: /lab/\n"
        "  - title: '<img src=x>'\n    url: /lab/rd.html\n"
    )
    page = "---\ntitle: {}\n---\n\nText.\n"
    files = {
        "_config.yml": "title: T\nbaseurl: /lab\n",
        "_data/navigation.yml": navigation,
        "index.md": "---\n---\n",
        "members.md": page.format("Members"),
        "alumni.md": "---\ntitle: Alumni\npermalink: /alumni/\n---\n",
        "rd.md": page.format("RD"),
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    settings = yaml.safe_load((content / "site.yml").read_text("utf-8"))
    assert settings["nav"] == [
        {"title": "Members", "url": "/members/"},
        {"title": "Alumni", "url": "/alumni/"},
        {"title": "R&D", "url": "/rd/"},
        {"title": "Home", "url": "/"},
    ]
    assert "the menu's 'R&amp;D' is 'R&D' now, as shown" in result.output
    assert "left out the menu entry Just a word: it has no url" in result.output
    assert (  # the 39th attack: "it has no title or url"
        "left out the menu entry <img src=x>: its title shows no words (markup only)"
        in result.output
    ), result.output
    assert "left out the menu entry {{ site.title }}: Liquid is not supported" in result.output
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


def test_markdown_without_front_matter_is_published_as_jekyll_published_it(
    tmp_path: Path,
) -> None:
    """Jekyll copies a Markdown file without front matter as it is (a licence, a library's
    notes): it became a page at a new address titled "d3.min.js", and vendor/lib was left
    out. Each is a file at the address Jekyll gave it (compared with real Jekyll's build
    where it is installed), with a warning from the check; the freeze publishes it."""
    files = {
        "index.md": "---\n---\nHome\n",
        "docs/LICENSE.md": "MIT License\n\nCopyright\n",
        "vendor/lib/d3.min.js.md": "Notes of d3\n",
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "docs/LICENSE.md: had no front matter: Jekyll published it as a file" in result.output
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    checked = run(app, "check")
    assert checked.exit_code == 0, checked.output
    assert "content/docs/LICENSE.md:1: warning: has no front matter, so it is published " in (
        checked.output
    )
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    for name in ("docs/LICENSE.md", "vendor/lib/d3.min.js.md"):
        assert (tmp_path / "build" / name).read_text("utf-8") == files[name]
    if shutil.which("jekyll"):
        subprocess.run(
            ["jekyll", "build", "-q", "-s", str(tmp_path / "jekyll"), "-d", str(tmp_path / "old")],
            check=True, timeout=120, capture_output=True,
        )  # fmt: skip
        for name in ("docs/LICENSE.md", "vendor/lib/d3.min.js.md"):
            assert (tmp_path / "old" / name).read_text("utf-8") == files[name]


def test_a_documents_title_with_a_tag_in_it_is_its_title(tmp_path: Path) -> None:
    """<title>T<b>x</b></title> was "no title" (a "<" ended the reading), and the page was
    named after its file: a title is its text to its end tag, as browsers show it."""
    page = (
        "<!DOCTYPE html><html><head><title>Lab <b>2</b></title></head><body><p>Hi</p></body></html>"
    )
    result, _ = import_source(tmp_path, {"index.md": "---\n---\n", "lab.html": f"---\n---\n{page}"})
    assert result.exit_code == 0, result.output
    assert "its title 'Lab <b>2</b>' is the page's title" in result.output, result.output


def test_an_import_of_nothing_says_so(tmp_path: Path) -> None:
    """A site of only _config.yml was reported "Imported … into …: ." (the 31st attack)."""
    result, _ = import_source(tmp_path, {"_config.yml": "title: T\n"})
    assert ": no page, post or file." in result.output, result.output


def test_a_site_that_names_no_time_zone_keeps_jekylls_utc(tmp_path: Path) -> None:
    """A site without `timezone:` was built by Jekyll (on GitHub Pages) in UTC; the import
    read its dates so, but site.yml named no zone and the new site ran in the engine's
    default (Europe/Berlin): a post at 23:30 on 31 December moved to the next year.
    site.yml says UTC, and the report says why and how to change it."""
    post = "---\ntitle: Late\ndate: 2024-12-31 23:30:00\n---\n\nText.\n"
    files = {"_config.yml": "title: T\n", "index.md": "---\n---\n"}
    files["_posts/2024-12-31-late.md"] = post
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "names no time zone, so Jekyll read its dates in UTC" in result.output
    assert "timezone: UTC" in (content / "site.yml").read_text("utf-8")
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert app.test_client().get("/news/2024/late/").status_code == 200


def test_a_linked_config_outside_the_source_is_not_read(tmp_path: Path) -> None:
    """A `_config.yml` that is a link out of the Jekyll site is left out with a note, as every
    other link is: the import reads nothing outside the folder it was given."""
    secret = tmp_path / "secret.yml"
    secret.write_text("title: Secret title\ndescription: from outside\n")
    source = tmp_path / "jekyll"
    (source / "_posts").mkdir(parents=True)
    (source / "index.md").write_text("---\n---\nHome\n")
    (source / "_config.yml").symlink_to(secret)
    (source / "linked.md").symlink_to(secret)
    content = tmp_path / "content"
    result = run(create_app({"CONTENT_DIR": str(content)}), "import-jekyll", str(source))
    assert result.exit_code == 0, result.output
    assert "_config.yml: left out: it is a link" in result.output
    assert "linked.md: left out: it is a link" in result.output
    assert "Secret" not in (content / "site.yml").read_text("utf-8")


def test_only_a_linked_config_is_no_jekyll_site(tmp_path: Path) -> None:
    """A folder whose only sign of Jekyll is a linked `_config.yml` is no Jekyll site."""
    (tmp_path / "secret.yml").write_text("title: Secret\n")
    source = tmp_path / "jekyll"
    source.mkdir()
    (source / "_config.yml").symlink_to(tmp_path / "secret.yml")
    result = run(create_app({"CONTENT_DIR": str(tmp_path / "c")}), "import-jekyll", str(source))
    assert result.exit_code == 1
    assert "is not a Jekyll site" in result.output


@pytest.mark.parametrize(
    "piece",
    ["{% if x %}a{% endif %}\n", "{% if x %}\n", "{{ site.title }} [a](b)\n", "{% endif %}\n",
     "{% raw %}{{ x }}{% endraw %}\n", "<h1>", "<script>"],
    ids=["if-blocks", "unclosed-ifs", "outputs", "lone-ends", "raw", "headings", "scripts"],
)  # fmt: skip
def test_liquid_takes_linear_time(tmp_path: Path, piece: str) -> None:
    """200,000 pieces of Liquid (or of what the rewrite looks for) in one page import in
    seconds, not minutes (some took 136 s): each is handled once, no scan starts again from
    the top of the page."""
    body = piece * 200_000
    result, _ = import_source(tmp_path, {"a.md": "---\n---\n" + body}, seconds=30)
    assert result.exit_code == 0, result.output


def test_post_urls_are_found_in_linear_time(tmp_path: Path) -> None:
    """Each `{% post_url %}` looked through every post: 1,000 posts of 20 took 35 s (and one
    page of 5,000, 8.7 s; 2,000 posts, about 140 s). Now the posts are looked up by name."""
    links = "".join(f"See {{% post_url 2019-01-01-missing-{n} %}} here.\n" for n in range(20))
    files = {
        f"_posts/2020-01-01-post-{n}.md": f"---\ntitle: Post {n}\n---\n{links}"
        for n in range(2_000)
    }
    result, _ = import_source(tmp_path, files, seconds=60)  # the square of it: minutes
    assert result.exit_code == 0, result.output[-500:]


AT = r"\d+(?:, \d+)*(?:, … \(\d+ lines\))?"  # a note's lines in the report: 7, 9, … (45 lines)


def test_includes_cannot_blow_a_page_up(tmp_path: Path) -> None:
    """2,000 includes of a 100 kB include do not write a 200 MB page: what would take the page
    past the size the check allows is left out, with a note at the include's line."""
    files = {
        "_includes/big.html": "<p>" + "x" * 100_000 + "</p>\n",
        "index.md": "---\ntitle: Home\n---\n" + "{% include big.html %}\n" * 2000,
        "_config.yml": "title: T\nbig: " + "y" * 100_000 + "\n",
        "about.md": "---\ntitle: About\n---\n" + "{{ site.big }}\n" * 2000,
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert written_bytes(content) < MAX_BYTES + 300_000  # the whole import's budget
    assert re.search(
        rf"index\.md:{AT}: left out: .*include big\.html.* more than [\d.]+ MB", result.output
    )
    assert re.search(rf"about\.md:{AT}: left out: .*site\.big.* more than [\d.]+ MB", result.output)
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert "over 5 MB" not in checked.output


def test_includes_cannot_blow_the_import_up(tmp_path: Path) -> None:
    """50 pages of 40 includes of a 100 kB include (150 kB of source) wrote 193 MB: what
    Liquid pastes into the whole import is bounded by ten times the source (20 kB at least),
    and each include left out is a note at its line."""
    files = {"_includes/b.html": "<p>" + "x" * 100_000 + "</p>\n"}
    for number in range(50):
        files[f"p{number:02d}.md"] = "---\ntitle: P\n---\n" + "{% include b.html %}\n" * 40
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert written_bytes(content) < MAX_BYTES + 300_000
    assert re.search(r"p49\.md:4, .* lines\): left out: .*include b\.html.* would make the "
                     r"import paste "
                     r"more than [\d.]+ MB", result.output)  # fmt: skip


def test_what_is_left_out_for_its_size_costs_nothing_to_leave_out(tmp_path: Path) -> None:
    """20,000 includes of a 1 MB include, and 20,000 uses of a 1 MB setting, took 36 and
    130 s: each use built the whole text again only to refuse it. What an include or a
    setting stands for is worked out once, and judged by its size before it is pasted, so
    the time is that of what is written (under a second)."""
    files = {
        "_includes/big.html": "x" * 1_000_000,
        "_config.yml": "title: T\nbig: " + "w " * 500_000 + "\n",
        "index.md": "---\ntitle: Home\n---\n" + "{% include big.html %}\n" * 20_000,
        "about.md": "---\ntitle: About\n---\n" + "{{ site.big }}\n" * 20_000,
    }
    result, content = import_source(tmp_path, files, seconds=DEADLINE)
    assert result.exit_code == 0, result.output
    for page, what in (("index", "{% include big.html %}"), ("about", "{{ site.big }}")):
        said = f"{page}.md:{AT}: left out: '{what}' would make"
        assert re.search(said.replace("{", r"\{").replace("}", r"\}"), result.output)
    assert written_bytes(content) < 2 * MAX_BYTES


def test_a_text_longer_than_the_check_allows_is_shortened_or_kept_aside(tmp_path: Path) -> None:
    """A title, description or tag longer than the 1,000 characters the check allows a text
    made an import that does not check: the title is shortened, the others are kept as
    Jekyll's keys (a comment), each with a note at its line."""
    long = "w" * 2_000
    post = f"---\ntitle: {long}\ndescription: {long}\ntags: [a, {long}]\n---\nx\n"
    result, content = import_source(tmp_path, {"_posts/2023-01-01-p.md": post})
    assert result.exit_code == 0, result.output
    for line, what in ((2, "title"), (3, "description"), (4, "tags")):
        assert f"2023-01-01-p.md:{line}: its {what} is 2,000 characters long" in result.output
    written = (content / "news" / "2023-01-01-p.md").read_text("utf-8")
    assert f"title: {long[:1000]}\n" in written and "tags:\n- a\n" in written
    assert f"#   description: {long}" in written
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


LONG_TAGS = "[" + ", ".join([f"t{number}" + "w" * 990 for number in range(100)]) + "]"


@pytest.mark.parametrize(
    ("value", "gist"),
    [("extra: " + "w" * 100_000,
      "_config.yml:2: left out 'extra' of defaults: the site does not use it"),
     ("tags: " + LONG_TAGS, "_posts/2023-01-01-p299.md:1: left out what defaults: gave it"),
     ("description: " + "w" * 100_000,
      "_posts/2023-01-01-p299.md: its description is 100,000 characters long, more than 1,000")],
    ids=["unused", "used", "used-too-long"],
)  # fmt: skip
def test_a_long_default_is_not_copied_into_every_page(
    tmp_path: Path, value: str, gist: str
) -> None:
    """One 100 kB value of `defaults:` on 300 tiny posts (130 kB of source) wrote 30 MB that
    the check passed: a key the site does not use stays in _config.yml (noted once), one it
    uses counts against the import's budget, and a page past it comes in without it (a text
    longer than the check allows is left out of each page, with a note)."""
    config = f'title: T\ndefaults:\n  - scope: {{path: ""}}\n    values:\n      {value}\n'
    files = {"_config.yml": config}
    for number in range(300):
        files[f"_posts/2023-01-01-p{number}.md"] = "---\ntitle: p\n---\nx\n"
    result, content = import_source(tmp_path, files, seconds=30)  # 5 MB of YAML written
    assert result.exit_code == 0, result.output
    assert gist in result.output
    assert written_bytes(content) < MAX_BYTES + 300_000
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


def defaults_site(scopes: int, posts: int) -> dict[str, str | bytes]:
    """Return a Jekyll site of ``posts`` tiny posts and ``scopes`` defaults: one for all
    posts, ten with wildcards (a post matches the one of its number's first digit), the rest
    each for a folder of its own."""
    paths = ["_posts", *(f"_posts/*-p{number}*" for number in range(10))]
    paths += [f"f{number}" for number in range(scopes - len(paths))]
    values = ["{author: A}", *(f"{{tags: t{number}}}" for number in range(scopes - 1))]
    defaults = "".join(
        f'  - scope: {{path: "{path}"}}\n    values: {value}\n'
        for path, value in zip(paths, values, strict=True)
    )
    files: dict[str, str | bytes] = {"_config.yml": "title: T\ndefaults:\n" + defaults}
    for number in range(posts):
        files[f"_posts/2023-01-01-p{number}.md"] = "---\ntitle: p\n---\nx\n"
    return files


def test_defaults_are_found_in_linear_time(tmp_path: Path) -> None:
    """5,000 defaults on 1,000 posts took 17 s: each post tried every scope. A post looks up
    the defaults of its folders, and tries those with a wildcard (the first hundred): eight
    times the scopes and the posts take about eight times as long, not sixty-four."""
    times = []
    for run_number, scale in enumerate((1, 1, 8)):  # the first run only warms up
        started = time.perf_counter()
        result, content = import_source(
            tmp_path / str(run_number), defaults_site(500 * scale, 100 * scale), seconds=60
        )
        times.append(time.perf_counter() - started)
        assert result.exit_code == 0, result.output
    times = times[1:]
    post = (content / "news" / "2023-01-01-p3.md").read_text("utf-8")
    assert "author: A" in post and "tags:\n- t3\n" in post
    assert times[1] < 16 * times[0], times


# What the site refuses because it runs code, each as an old site may write it.
RUNS_CODE = {
    "_posts/2024-01-01-p.md": "---\ntitle: P\n---\n[x](javascript:alert(1))\n\n"
    "<img src=https://example.org/x.png alt=y onerror=alert(1)>\n\n"
    '<div onclick="alert(1)">d</div>\n\n'
    "{% include a.html %}\n\n<scr<script>ipt>alert(1)</script> kept\n\n"
    "[ref]: javascript:alert(3)\n",
    "_includes/a.html": '<a href="javascript:alert(2)">l</a>\n',
    "h.html": '---\ntitle: H\n---\n<body onload="alert(1)">\n<iframe src="https://e.org">'
    '</iframe>\n<meta http-equiv="refresh" content="0;url=https://e.org">\n'
    '<form action="/x"><input></form>\n</body>\n',
    "pic.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "page.html": "<p>x</p><script>alert(1)</script>",
    "plain.md": "# Plain\n\n<img src=https://example.org/x.png alt=y onerror=alert(1)>\n",
    "index.md": "---\nlayout: home\n---\nHome\n",
}
WHOLE = "the whole file is left out (it is published as it is): "  # a file as it is
LEFT_OUT = [
    "_posts/2024-01-01-p.md:4: left out a link: 'javascript:alert(1)' uses javascript:",
    "_posts/2024-01-01-p.md:6: left out of the <img> tag: the onerror= handler runs code",
    "_posts/2024-01-01-p.md:8: left out of the <div> tag: the onclick= handler runs code",
    "_posts/2024-01-01-p.md:10: left out of the <a> tag: 'javascript:alert(2)' uses javascript:",
    "_posts/2024-01-01-p.md:12: left out: <script> is not allowed",
    "_posts/2024-01-01-p.md:14: left out a link: 'javascript:alert(3)' uses javascript:",
    "h.html:4: was a whole HTML document: the page is what its <body> held (the onload of its "
    "tags (they run code) are left out)",
    "h.html:5: left out: <iframe> is not allowed",
    "h.html:6: left out: <meta> is not allowed in a page",
    "h.html:7: left out: <form> is not allowed",
    f"pic.svg:1: {WHOLE}<script> is not allowed",
    f"page.html:1: {WHOLE}<script> is not allowed",
    f"plain.md:3: {WHOLE}the onerror= handler runs code",
]


def test_what_runs_code_is_left_out_at_its_line(tmp_path: Path) -> None:
    """Handlers, javascript: links (in Markdown, in an include), frames, refreshes, forms
    and scripts the Markdown renderer reads are left out, each noted at its line; SVG and HTML
    files with a script are not copied; the rest of the text stays, and the import checks
    clean."""
    result, content = import_source(tmp_path, RUNS_CODE)
    assert result.exit_code == 0, result.output
    for line in LEFT_OUT:
        assert line in result.output
    written = "".join(p.read_text("utf-8") for p in content.rglob("*.md"))
    for code in ("javascript:", "onerror", "onclick", "onload", "<iframe", "<meta", "<form",
                 "<script"):  # fmt: skip
        assert code not in written, code
    assert "<scr kept" in written and "[x]" not in written and "\nx\n" in written
    assert not (content / "pic.svg").exists() and not (content / "page.html").exists()
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


def test_a_code_sample_of_a_script_stays(tmp_path: Path) -> None:
    """A script in code shows as text, as the check reads it: it is kept as written."""
    sample = '```html\n<script>alert(1)</script>\n```\n\n`<a onclick="x">`\n'
    result, content = import_source(tmp_path, {"a.md": "---\ntitle: A\n---\n" + sample})
    assert result.exit_code == 0, result.output
    assert sample in (content / "a.md").read_text("utf-8")
    assert "left out" not in result.output.split("a.md", 1)[-1]


def test_a_name_too_long_for_a_file_is_shortened_or_left_out(tmp_path: Path) -> None:
    """A 300-character slug failed the whole import ("File name too long", no file named):
    the post comes in under a shortened name, a page's long permalink gives way to its file's
    address, a page whose new file would be too long is left out, each with a note at its
    line; the rest comes in, and it all checks clean."""
    long = "a" * 300
    files = {
        "_posts/2023-01-01-a.md": f"---\ntitle: A\nslug: {long}\n---\nx\n",
        "_posts/2023-01-02-b.md": "---\ntitle: B\n---\ny\n",
        "p.md": f"---\ntitle: P\npermalink: /{long}/\n---\nz\n",
        f"news/{'b' * 200}/{'c' * 200}.md": "---\ntitle: Deep\n---\nw\n",
        "index.md": "---\n---\n",
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "_posts/2023-01-01-a.md:3: its slug is 300 characters long" in result.output
    assert f"news/{'b' * 200}/{'c' * 200}.md: left out: its new file" in result.output
    assert (content / "news" / f"2023-01-01-{'a' * 100}.md").exists()
    assert (content / "news" / "2023-01-02-b.md").exists() and (content / "p.md").exists()
    checked = run(create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"}), "check")
    assert checked.exit_code == 0, checked.output


LOOP = "<ul>{% for p in site.posts %}<li>{{ p.title }}</li>{% endfor %}</ul>\n\n"


@pytest.mark.parametrize(
    ("body", "gist"),
    [
        (LOOP + "<scr<div></div>ipt>alert(1)</script>\n", "blog.md:6: left out: <script>"),
        (LOOP + '<a href="java<ol></ol>script:alert(3)">x</a>\n',
         "blog.md:6: left out of the <a> tag: 'javascript:alert(3)'"),
        ("<scr<script>x</script>ipt>alert(2)</script>\n", "blog.md:4: left out: <script>"),
        ("[x](java<script></script>script:alert(4))\n", "blog.md:4: left out a link"),
        ("<scr" * 6 + "<script></script>" + "ipt></script>" * 6 + "\n",
         "blog.md:4: left out: its text hides what runs code inside what runs code"),
    ],
    ids=["empty-div-in-a-tag", "empty-list-in-an-address", "script-in-a-tag",
         "script-in-a-link", "six-deep"],
)  # fmt: skip
def test_what_leaving_something_out_joins_is_left_out_too(
    tmp_path: Path, body: str, gist: str
) -> None:
    """An element a loop left empty, or a script left out, joins what was around it into
    what runs code (`<scr<div></div>ipt>` is `<script>`): the page is read again after each
    change, so what it joins is left out too, at its line."""
    page = "---\ntitle: Blog\n---\n" + body
    result, content = import_source(tmp_path, {"blog.md": page, "index.md": "---\n---\n"})
    assert result.exit_code == 0, result.output
    assert gist in result.output
    written = "".join(p.read_text("utf-8") for p in content.rglob("*.md"))
    assert "<script" not in written and "javascript:" not in written, written
    assert not runs_code(written)


@pytest.mark.parametrize(
    "date",
    ["9999-12-31 23:59:59 -1400", "0001-01-01 00:00:00 +1400", "9999-12-31", "'9999-12-31 24:00'",
     "1899-12-31 23:00:00 -1000"],
)  # fmt: skip
def test_a_date_out_of_range_is_a_note(tmp_path: Path, date: str) -> None:
    """A post dated where no arithmetic on its time may go (9999, with a zone of -14 hours)
    is left out with a note at its line, in the site's own range of years: no traceback."""
    files = {"_posts/9999-12-31-c.md": f"---\ndate: {date}\n---\nText\n",
             "_config.yml": "title: T\ntimezone: Pacific/Kiritimati\n"}  # fmt: skip
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "_posts/9999-12-31-c.md:2: left out: " in result.output
    assert "this site can use — check the year (1900–2999)" in result.output
    assert not (content / "news").exists()


def test_a_redirect_to_an_address_is_a_note(tmp_path: Path) -> None:
    """`redirect_from: javascript:alert(1)` (no path of the old site) is left out, noted."""
    files = {"r.md": "---\ntitle: R\nredirect_from: javascript:alert(1)\n---\nx\n"}
    result, content = import_source(tmp_path, files)
    assert "r.md:3: its redirect_from 'javascript:alert(1)' is left out: it is an address" in (
        result.output
    )
    assert "javascript" not in (content / "r.md").read_text("utf-8")


def test_a_redirect_from_a_file_is_a_note(tmp_path: Path) -> None:
    """`redirect_from: /robots.txt` would be a page at /robots.txt.html that no one asks for
    (and the site makes /robots.txt itself): left out, noted, and the import passes the check."""
    files = {"r.md": "---\ntitle: R\nredirect_from: [/robots.txt, /old/]\n---\nx\n"}
    result, content = import_source(tmp_path, files)
    assert "r.md:3: its redirect_from '/robots.txt' is left out: it is a file's address" in (
        result.output
    )
    assert "robots" not in (content / "r.md").read_text("utf-8")
    assert "/old/" in (content / "r.md").read_text("utf-8")


def test_old_addresses_past_what_a_page_may_keep_are_notes(tmp_path: Path) -> None:
    """A page of the old site with 25 old addresses (and its own, /r.html, now /r/): the own
    one and the first 19 are kept, the rest named as left out, and the import passes the
    check (it failed it: more than a page may keep)."""
    old = ", ".join(f"/old/{n}/" for n in range(25))
    result, content = import_source(
        tmp_path, {"r.md": f"---\ntitle: R\nredirect_from: [{old}]\n---\nx\n"}
    )
    assert "r.md:3: its redirect_from '/old/19/' is left out: a page keeps at most 20" in (
        result.output
    )
    text = (content / "r.md").read_text("utf-8")
    assert "/r.html" in text and "/old/18/" in text and "/old/19/" not in text
    checks_clean(content)


def test_nothing_of_the_old_site_goes_without_a_note(tmp_path: Path) -> None:
    """Three silent drops: a column of the members' table that members.yml has no field for
    (`office`), a post's `excerpt:` beside its `summary:` (the summary overwrote it),
    and a second page at the old home address (`index.markdown` beside `index.html`, one
    overwrote the other): each is named, and the excerpt is kept among Jekyll's keys."""
    files = {
        "_data/members.csv": "name,affiliation,country,office\nAda Lovelace,A,UK,B12\n",
        "_posts/2024-01-01-p.md": "---\ntitle: P\nsummary: SUMMARY\nexcerpt: EXCERPT\n---\nx\n",
        "index.html": "---\ntitle: Home\n---\n<p>HTML_HOME</p>\n",
        "index.markdown": "---\ntitle: Home\n---\nMD_HOME\n",
        "About.md": "---\ntitle: A\n---\nUPPER_ABOUT\n",
        "about.md": "---\ntitle: a\n---\nLOWER_ABOUT\n",
    }
    result, content = import_source(tmp_path, files)
    said = result.output
    assert "_data/members.csv:1: left out its column 'office'" in said, said
    assert "index.markdown: left out: it has the old address / of index.html" in said, said
    post = (content / "news" / "2024-01-01-p.md").read_text("utf-8")
    assert "summary: SUMMARY" in post and "#   excerpt: EXCERPT" in post
    texts = " ".join(path.read_text("utf-8") for path in content.rglob("*.md"))
    assert "UPPER_ABOUT" in texts and "LOWER_ABOUT" in texts  # case twins: both kept
    assert (
        "about.md: its old address /about.html is not kept: on macOS and Windows it is "
        "one file with the old address of About.md" in said
    ), said
    checks_clean(content)


def test_what_the_check_refuses_is_not_written(tmp_path: Path) -> None:
    """Four imports the check then refused: a home page in home.md (`permalink: /`) beside
    the plain index.md the import made, a page at /search/ (the site's own search page then;
    an old site's page keeps it now), a post whose slug is empty (its old address
    /2024/01/01/.html is hidden by web servers), and `redirect_from: /news/` (a list the site
    makes). Now the home page is index.md, and the two addresses are notes: the import checks
    clean."""
    files = {
        "home.md": "---\ntitle: Welcome\npermalink: /\n---\nHOME_WORDS\n",
        "search.md": "---\ntitle: S\n---\nSEARCH_WORDS\n",
        "_posts/2024-01-01-.md": "---\ntitle: E\n---\nEMPTY_SLUG\n",
        "old.md": "---\ntitle: O\nredirect_from: [/news/]\n---\nOLD_WORDS\n",
        "p.md": "---\ntitle: P\npermalink: /static/p.html\n---\nSTATIC_WORDS\n",
        "news/bar.md": "# Newsy\n\nPLAIN_NEWS_WORDS\n",
    }
    result, content = import_source(tmp_path, files)
    said = result.output
    assert "had no home page" not in said
    assert "HOME_WORDS" in (content / "index.md").read_text("utf-8")
    assert "SEARCH_WORDS" in (content / "search.md").read_text("utf-8")
    assert "PLAIN_NEWS_WORDS" in (content / "news-bar.md").read_text("utf-8")
    assert (
        "p.md: its old address /static/p.html is not kept: the URL /static/p.html is made" in said
    )
    assert (
        "_posts/2024-01-01-.md: its old address /2024/01/01/.html is not kept: the URL "
        "/2024/01/01/.html has a part that starts with '.'" in said
    ), said
    assert (
        "old.md:3: its redirect_from '/news/' is left out: the URL /news/ is made by the "
        "site itself" in said
    ), said
    checks_clean(content)


def test_a_key_that_yaml_reads_as_a_number_is_kept_as_written(tmp_path: Path) -> None:
    """`2019: Joined the lab` (a key YAML reads as a number; so `null:`, `true:`, a date)
    made the import end in a traceback: the keys are kept among Jekyll's, as written."""
    front = "title: CV\n2019: Joined the lab\nnull: x\ntrue: y\n2020-01-01: z\n1.5: w\n"
    result, content = import_source(tmp_path, {"cv.md": f"---\n{front}---\nbody\n"})
    assert result.exit_code == 0, result.output
    kept = (content / "cv.md").read_text("utf-8")
    assert "#   '2019': Joined the lab" in kept and "#   '2020-01-01': z" in kept


def test_pages_and_data_that_would_share_a_name_are_all_kept(tmp_path: Path) -> None:
    """foo.markdown without front matter overwrote foo.md (with it), and
    _data/team/people.csv _data/team-people.yml, without a word: each keeps its text under
    a name of its own (a file without front matter its own, as Jekyll published it), with a
    note."""
    files = {
        "foo.md": "---\ntitle: Foo\n---\nWORD_FROM_FOO_MD\n",
        "foo.markdown": "# Foo plain\n\nWORD_FROM_FOO_MARKDOWN\n",
        "_data/team-people.yml": "a: WORD_D1\n",
        "_data/team/people.csv": "a,b\nWORD_D2,2\n",
        "about.md": "# About\n\nWORD_ABOUT_PLAIN\n",
        "about/index.md": "---\ntitle: About dir\n---\nWORD_ABOUT_DIR\n",
    }
    result, content = import_source(tmp_path, files)
    for plain in ("foo.markdown", "about.md"):  # no front matter: a file, as Jekyll published
        assert f"{plain}: had no front matter: Jekyll published it as a file" in result.output
        assert (content / plain).is_file()
    assert (
        "_data/team/people.csv: is data/team-people-2.yml: _data/team-people.yml has its "
        "name" in result.output
    ), result.output
    texts = " ".join(path.read_text("utf-8") for path in content.rglob("*.*"))
    for word in ("WORD_FROM_FOO_MD", "WORD_FROM_FOO_MARKDOWN", "WORD_D1", "WORD_D2",
                 "WORD_ABOUT_PLAIN", "WORD_ABOUT_DIR"):  # fmt: skip
        assert word in texts, word
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check").exit_code == 0


def test_folders_jekyll_includes_are_imported(tmp_path: Path) -> None:
    """`include: [_pages, .well-known]` (academicpages, al-folio): Jekyll published the pages
    of _pages/ and the files of .well-known/; the import left them out, saying Jekyll had
    not. The home page among them (`permalink: /`) is the home page."""
    files = {
        "_config.yml": 'title: T\ninclude: ["_pages", ".well-known"]\n',
        "_pages/about.md": "---\ntitle: About me\npermalink: /\n---\nWORD_ABOUT\n",
        "_pages/publications.md": "---\ntitle: Papers\npermalink: /publications/\n---\nWORD_PUBS\n",
        ".well-known/security.txt": "Contact: https://example.org/contact\n",
    }
    result, content = import_source(tmp_path, files)
    assert "left out" not in result.output, result.output
    assert "WORD_ABOUT" in (content / "index.md").read_text("utf-8")
    assert "WORD_PUBS" in (content / "pages/publications.md").read_text("utf-8")
    assert (content / ".well-known/security.txt").is_file()
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check").exit_code == 0
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    assert "WORD_PUBS" in (tmp_path / "build/publications/index.html").read_text("utf-8")


def test_a_value_with_liquid_in_it_is_pasted_as_liquid_wrote_it(tmp_path: Path) -> None:
    """`{{ site.description }}` whose value holds `{% raw %}` was pasted as it was, and the
    check refused the tags in the page; Liquid writes a value as it is: so does the page."""
    files = {
        "_config.yml": 'title: T\ndescription: "x {% raw %}y{% endraw %} z"\n',
        "p.md": "---\ntitle: P\n---\nSays: {{ site.description }}\n",
    }
    _, content = import_source(tmp_path, files)
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check").exit_code == 0
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    page = (tmp_path / "build/p/index.html").read_text("utf-8")
    assert "Says: x {&#37; raw %}y{&#37; endraw %} z" in page


def test_a_collections_file_whose_name_starts_with_an_underscore_stays_out(
    tmp_path: Path,
) -> None:
    """_projects/_notes.md: Jekyll publishes no file whose name starts with '_'; the import
    wrote it as projects/_notes.md, which the check then warned about. It is left out, noted."""
    files = {
        "_config.yml": "title: T\ncollections:\n  projects:\n    output: true\n",
        "_projects/_notes.md": "---\ntitle: Hidden\n---\nWORDS\n",
        "_projects/a.md": "---\ntitle: A\n---\nA\n",
    }
    result, content = import_source(tmp_path, files)
    assert (
        "_projects/_notes.md: left out: Jekyll did not publish it (its name starts with '_')"
        in result.output
    ), result.output
    assert not (content / "projects/_notes.md").exists()
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check", "--strict").exit_code == 0


def test_a_table_the_check_could_not_read_in_time_is_left_out(tmp_path: Path) -> None:
    """A CSV of 100,000 rows (1.6 MB) became a YAML file the check then refused (more than 2 s
    to read), and the import said nothing: the import reads what it writes as the check
    does, within the same budget, and leaves it out with a note."""
    rows = "".join(f"k{n},val{n}\n" for n in range(100_000))
    gc.disable()  # a budget's end raised in the test runner's collector callback is an error
    try:
        result, content = import_source(tmp_path, {"_data/table.csv": "k,v\n" + rows})
    finally:
        gc.enable()
    assert "_data/table.csv: left out: as YAML it takes the check more than 2 s to read" in (
        result.output
    )
    assert not (content / "data/table.yml").exists()
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check").exit_code == 0


def test_keys_written_twice_come_in_as_jekyll_read_them(tmp_path: Path) -> None:
    """A key written twice, or after a merge ('<<'), is read as Jekyll reads it, the last one
    winning: no note, no traceback."""
    files = {
        "a.md": "---\ntitle: A\ntags: [x, y]\ntags: [z]\n---\nText\n",
        "b.md": "---\n<<: {title: Old, tags: [x, y]}\ntitle: B\ntags: [z]\n---\nText\n",
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    for name, title in (("a.md", "A"), ("b.md", "B")):
        front = yaml.safe_load((content / name).read_text("utf-8").split("---")[1])
        assert front["title"] == title and front["tags"] == ["z"], front


def refused_destination(kind: str, repo: Path, source: Path) -> Path:
    """Return a destination of ``kind`` that the import must refuse."""
    return {
        "in-git": repo / ".git" / "x",
        "in-templates": repo / "templates" / "x",
        "repo": repo,
        "in-source": source / "imported",
        "source": source,
        "holds-git": repo.parent,
        "in-build": repo / "build" / "imported",
    }[kind]


@pytest.mark.parametrize(
    ("kind", "gist"),
    [
        ("in-git", "is inside a git repository's own folder"),
        ("in-templates", "is inside the engine's own folders"),
        ("repo", "is the current folder, the repository"),
        ("in-source", "is inside the Jekyll site"),
        ("source", "is inside the Jekyll site"),
        ("in-build", "is inside an earlier build, whose next freeze would publish what it holds"),
    ],
)
def test_the_import_refuses_what_the_freeze_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, gist: str
) -> None:
    """`--dest .git/x`, `--dest templates/x`, the repository, or a folder inside the Jekyll
    site (which the next import would read again) are refused with the reason, as the freeze
    refuses them; nothing is written."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "templates").mkdir()
    (repo / "build").mkdir()  # an earlier build: its members.yml would be published
    (repo / "build" / ".tag-site-build.json").write_text('{"generator": "tag_site"}', "utf-8")
    source = tmp_path / "jekyll"
    shutil.copytree(DATA / "jekyll-new", source)
    monkeypatch.chdir(repo)
    app = create_app({"CONTENT_DIR": str(repo / "content")})
    app.root_path = str(repo)
    before = snapshot(tmp_path)
    dest = refused_destination(kind, repo, source)
    result = run(app, "import-jekyll", str(source), "--dest", str(dest))
    assert result.exit_code == 1, result.output
    assert gist in result.output and "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before


def test_the_default_destination_inside_the_repository_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's content folder in the repository is where an import goes by default."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(repo)
    app = create_app({"CONTENT_DIR": str(repo / "content")})
    app.root_path = str(repo)
    result = run(app, "import-jekyll", str(DATA / "jekyll-new"))
    assert result.exit_code == 0, result.output
    assert (repo / "content/site.yml").is_file()


def test_an_import_elsewhere_says_how_to_check_and_freeze_it(tmp_path: Path) -> None:
    """An import with --dest told the user to run `flask check`, which checked content/ (the
    README named no way to check another folder): it prints the commands with
    TAG_SITE_CONTENT_DIR, and they check and freeze the imported site."""
    dest = tmp_path / "new content"
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "TODAY": "2030-01-01"})
    result = run(app, "import-jekyll", str(DATA / "jekyll-new"), "--dest", str(dest))
    assert result.exit_code == 0, result.output
    told = f"Next: TAG_SITE_CONTENT_DIR='{dest}' flask check, then TAG_SITE_CONTENT_DIR="
    assert told in result.output, result.output
    environment = os.environ | {"TAG_SITE_CONTENT_DIR": str(dest), "TAG_SITE_TODAY": "2030-01-01",
                                "TAG_SITE_CACHE_DIR": ""}  # fmt: skip
    for command in (["check"], ["freeze", "--dest", str(tmp_path / "build")]):
        done = subprocess.run(
            [str(BIN / "flask"), *command], env=environment, capture_output=True, text=True,
            cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "build/index.html").is_file()


# What a hostile Jekyll site is made of: settings and front matter of known keys with hostile
# values (alias bombs, deep nesting, time zones that are none, numbers Python cannot read),
# data files, and Liquid, repeated up to thousands of times.
KEYS = [
    "title", "timezone", "baseurl", "url", "permalink", "collections", "defaults", "exclude",
    "header_pages", "lang", "layout", "date", "categories", "tags", "redirect_from", "author",
    "image", "published",
]  # fmt: skip
VALUES = [
    "T", "Europe", "Europe/Berlin", "Mars/Olympus", "../../etc/passwd", "*a8", "*a2", "[*a8]",
    "{x: *a8}", "[" * 3000 + "]" * 3000, "[" * 100_000, "{a: " * 300 + "1" + "}" * 300,
    "1" * 5000, "0x" + "1" * 5000, "/:year/:title/", "/:nothing/", "[x, [y]]", "2024-02-30",
    "no", "~", "!!binary AAAA", "&r [*r]", "!!python/object:os.system x", '"\\x01"', "'",
    "{{ page.title }}", "[{scope: {path: ''}, values: {layout: *a8}}]", "9999-12-31 23:59:59 -1400",
    "0001-01-01 00:00:00 +1400", "9999-12-31", "0000-01-01", "2024-01-01 24:00 +2359",
    "{p: {output: true}}", "a b", "x@example.org",
]  # fmt: skip
JUNK = ["", "[", "{", ": :", "\t", "\x01", "---\n", "&", "*zz", "? ", "\ufeff"]
JSON = [
    '{"a":' * 3000 + "1" + "}" * 3000, "[" * 100_000, "[" * 300 + "]" * 300, "1" * 5000,
    '[{"name": "Ada", "email": "ada@example.org", "city": "Paris"}]', '{"a": [1, 2]}', "[",
    '{"a": 1, "a": 2}', '"\\ud800"',
]  # fmt: skip
LIQUID = [
    "{% if x %}", "{% endif %}", "{% for m in site.data.team %}", "{% endfor %}",
    "{{ site.title }}", "{{ site.big }}", "{{ page.title }}", "{% include big.html %}",
    "{% include none.html %}", "{% raw %}", "{% endraw %}", "{% highlight python %}",
    "{% endhighlight %}", "{% comment %}", "{%", "%}", "{{", "}}", "{% post_url 2024-01-01-x %}",
    "{% link a.md %}", "<script>", "</script>", "<h1>", "</h1>", "](", "[a](b@example.org)",
    "<ul>", "</ul>", "\\{{", "`", "```", "\n", "x ", "# ",
    "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", '<div onclick="alert(1)">',
    "<iframe>", "</iframe>", '<a href="javascript:alert(1)">', "<scr", "<form>",
    '<meta http-equiv="refresh">', "{% include js.html %}", "<body onload=alert(1)>",
]  # fmt: skip
ZONES = [
    "Europe", "Europe/Berlin", "Mars/Olympus", "../../etc/passwd", "*a8", "[a]", "''",
    "Pacific/Kiritimati", "Etc/GMT+12",
]  # fmt: skip
settings_texts = st.builds(
    lambda bombed, zone, pairs, junk: "\n".join(
        [*(bomb() if bombed else []), f"timezone: {zone}", *pairs, junk]
    ) + "\n",
    st.booleans(),
    st.sampled_from(ZONES),
    st.lists(st.builds("{}: {}".format, st.sampled_from(KEYS), st.sampled_from(VALUES)),
             max_size=4),
    st.one_of(st.just(""), st.sampled_from(JUNK)),
)  # fmt: skip
EXPANDING = "{% include big.html %}\n{{ site.big }}\n" * 2000
liquid_texts = st.one_of(
    st.builds(
        lambda pieces, times: "".join(pieces) * times,
        st.lists(st.sampled_from(LIQUID), max_size=12),
        st.sampled_from([1, 50, 2000]),
    ),
    st.just(EXPANDING),
)


@st.composite
def jekyll_sites(draw: st.DrawFn) -> dict[str, str]:
    """Return a small Jekyll site of generated hostile settings, front matter, data, Liquid."""
    files = {
        "_config.yml": draw(settings_texts) + "big: " + "y" * 10_000 + "\n",
        "_includes/big.html": "<p>" + "x" * draw(st.sampled_from([10, 100_000])) + "</p>",
        "_includes/js.html": '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
        "_data/team.yml": draw(settings_texts),
        "_data/list.json": draw(st.sampled_from(JSON)),
        "_data/people.csv": "name,email,city\n" + draw(liquid_texts),
    }
    names = ["index.md", "a.md", "_posts/2024-01-01-x.md", "_drafts/y.md", "_p/z.md", "b.html",
             "_posts/9999-12-31-c.md"]  # fmt: skip
    for name in draw(st.sets(st.sampled_from(names), min_size=1, max_size=3)):
        files[name] = f"---\n{draw(settings_texts)}---\n{draw(liquid_texts)}\n"
    return files


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=jekyll_sites())
@example(
    files={  # what an attack found: code in pages and includes, a date past 9999
        "_posts/9999-12-31-c.md": "---\ndate: 9999-12-31 23:59:59 -1400\n---\nText\n",
        "_includes/js.html": '<a href="javascript:alert(1)">x</a>',
        "a.md": "---\n---\n" + "".join(LIQUID[-11:]),
    }
)
def test_whatever_a_jekyll_site_holds_the_import_ends_in_time(
    files: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Import a random hostile Jekyll site: a report or a one-line refusal, within the deadline,
    never a traceback (extreme dates and zones neither); no page it writes is larger than the
    check allows, or holds what runs code as the check reads it, in its text or as it is made;
    and the check reads a small result without a traceback either."""
    folder = tmp_path_factory.mktemp("fuzz-jekyll")
    result, content = import_source(folder, files)
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 0:
        sizes = [path.stat().st_size for path in content.rglob("*.md")]
        assert max(sizes) <= MAX_BYTES + 10_000, sizes
        for path in content.rglob("*.md"):
            assert not runs_code(path.read_text("utf-8").split("\n---\n", 1)[-1]), path
        if sum(sizes) < 200_000:
            app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
            with deadline():
                checked = run(app, "check")
            assert checked.exception is None or isinstance(checked.exception, SystemExit)
    shutil.rmtree(folder)


def runs_code(body: str) -> list[str]:
    """Return what in a page's body runs code, as the check reads its text and the page as
    it is made: scripts, handlers, frames, addresses like javascript:."""
    found = [f.message for f in scan_markup(masked(body), PAGE) if "run" in f.message]
    with contextlib.suppress(RenderError):
        made = markdown_to_html(body)
        found += [f.message for f in scan_markup(made, PAGE) if "run" in f.message]
        found += [t for t in written_links(made) if unsafe_address(t)]
    return found


def record() -> None:
    """Build each fixture with real Jekyll and record what it published."""
    import tempfile

    for name in SITES:
        with tempfile.TemporaryDirectory() as folder:
            built = jekyll_build(DATA / name, Path(folder))
        text = json.dumps(built, indent=1, ensure_ascii=False) + "\n"
        (DATA / f"{name}.expected.json").write_text(text, "utf-8")


if __name__ == "__main__":
    record()


def test_markup_after_an_unclosed_fence_is_left_out(tmp_path: Path) -> None:
    """A fence never closed is no code to the renderer: what follows it is judged as markup."""
    _, report = import_files(tmp_path, {
        "about.md": '---\ntitle: A\n---\n\n```\n\n<script>alert(2)</script>\n'
                    '<img src="/x.png" alt="x" onerror="alert(1)">\n',
    })  # fmt: skip
    page = (tmp_path / "content" / "about.md").read_text("utf-8")
    assert "<script>" not in page and "onerror" not in page and '<img src="/x.png"' in page
    assert "about.md:7: left out: <script> is not allowed" in report
    assert "about.md:8: left out of the <img> tag: the onerror= handler" in report


def test_a_highlight_block_keeps_its_code_whatever_fences_it_holds(tmp_path: Path) -> None:
    """The fence written for ``{% highlight %}`` is one its code cannot close: the code block
    is the old one exactly, and what follows it is judged as markup."""
    code = "x = 1\n```\n~~~~\n  `````\n<b>code</b>"
    hostile = (
        '[a](javascript:alert(1))\n<iframe srcdoc="<script>alert(1)</script>"></iframe>\n'
        '<img src="/x.png" alt="x" onerror="alert(1)">\n'
    )
    _, report = import_files(tmp_path, {
        "code.md": f"---\ntitle: C\n---\n\n{{% highlight js %}}\n{code}\n{{% endhighlight %}}\n\n"
                   f"{hostile}",
    })  # fmt: skip
    page = (tmp_path / "content" / "code.md").read_text("utf-8")
    assert f"~~~~~js\n{code}\n~~~~~\n" in page
    assert "javascript:" not in page and "<iframe" not in page and "onerror" not in page
    rendered = markdown_to_html(page.split("---\n", 2)[2])
    assert code in html.unescape(re.sub("<[^>]*>", "", rendered)) and "<b>" not in rendered
    assert "code.md:13: left out a link" in report and "code.md:15: left out of the <img>" in report


def test_settings_that_would_run_code_are_not_written(tmp_path: Path) -> None:
    """A footer link that would break out of its attribute is left out with a note; a url the
    import did not use makes no feed ids."""
    _, report = import_files(tmp_path, {
        "_config.yml": 'title: T\nurl: javascript:alert(1)//\n'
                       'twitter_username: a" onmouseover="alert(1)\ngithub_username: ada\n',
        "_posts/2020-01-01-hello.md": "---\ntitle: Hello\n---\nHi\n",
    })  # fmt: skip
    content = tmp_path / "content"
    settings = (content / "site.yml").read_text("utf-8")
    assert "onmouseover" not in settings and "https://github.com/ada" in settings
    assert "_config.yml:3: left out the footer link Twitter:" in report
    assert "javascript" not in (content / "news" / "2020-01-01-hello.md").read_text("utf-8")
    assert "feed_id" not in (content / "news" / "2020-01-01-hello.md").read_text("utf-8")


def test_a_file_larger_than_the_site_takes_is_left_out_with_a_note(tmp_path: Path) -> None:
    """A 3 GB picture (sparse: 20 kB on disk) was copied in 14 s, a 2 GB post read for over a
    minute; the check refuses any file over 5 MB. Such a file is left out, said at once."""
    source = tmp_path / "jekyll"
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text("title: Small\n", "utf-8")
    (source / "index.md").write_text("---\n---\nHello\n", "utf-8")
    for name in ("big.png", "_posts/2023-01-01-big.md"):
        with (source / name).open("wb") as file:
            file.truncate(3_000_000_000)
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "TODAY": "2030-01-01"})
    started = time.perf_counter()
    report = run(app, "import-jekyll", str(source)).output
    assert time.perf_counter() - started < 10
    assert "big.png: left out: it is 3,000.0 MB, and a file of the site may hold at most" in report
    assert "_posts/2023-01-01-big.md: left out: it is 3,000.0 MB" in report
    assert not (tmp_path / "content/big.png").exists()
    assert run(app, "check").exit_code == 0


# --- A fourth fresh attack: what it found ------------------------------------------------

MEMBERS_CSV = (
    "name,email,affiliation,country,public_email\n"
    "Ada Lovelace,ada.hidden@example.org,Univ A,UK,true\n"
    "Alan Turing,alan.hidden@example.org,Univ B,UK,false\n"
)


@pytest.mark.parametrize(
    "loop",
    [
        "* {{ m.name }}{% if m.email %} — contact via the secretary{% endif %}",
        '* {{ m.name }} <span class="email-icon"></span>',
        '* {{ m.name }}{% if m.public_email == "true" %} {{ m.email }}{% endif %}',
    ],
    ids=["tested", "class-name", "some-members"],
)
def test_a_loop_that_does_not_print_every_address_keeps_them_hidden(
    tmp_path: Path, loop: str
) -> None:
    """The word "email" anywhere in a members loop switched every address on: a loop that
    tests the address, names a class, or prints it for some members only showed none (or
    not all), so the site, which shows all or none, hides them."""
    files = {
        "_data/members.csv": MEMBERS_CSV,
        "people.md": f"---\ntitle: People\n---\n{{% for m in site.data.members %}}\n{loop}\n"
        "{% endfor %}\n",
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "show_email: false" in (content / "site.yml").read_text("utf-8")


@pytest.mark.parametrize(
    "body",
    [
        '{% assign shown = site.data.members | where: "public_email", "true" %}'
        "{% for m in shown %}\n* {{ m.name }} <{{ m.email }}>\n{% endfor %}",
        "{% for m in site.data.members limit: 1 %}\n* {{ m.name }} <{{ m.email }}>\n{% endfor %}",
        "{% for m in site.data.members %}\n* {{ m.name }}{% comment %} was: {{ m.email }}"
        " {% endcomment %}\n{% endfor %}",
        "{% for m in site.data.members %}\n* {{ m.name }}{% for t in m.topics %} {{ m.email }}"
        "{% endfor %}\n{% endfor %}",
        "{% for m in site.data.members %}\n* {{ p.email }}\n{% endfor %}",
    ],
    ids=["where", "limit", "comment", "inner-loop", "another-variable"],
)
def test_a_loop_over_fewer_than_all_keeps_the_addresses_hidden(tmp_path: Path, body: str) -> None:
    """A loop over the members filtered (`where:`), cut (`limit:`), with the address in a
    comment or an inner loop (that runs for none), showed not all addresses, and the import
    published them all: it hides them."""
    files = {"_data/members.csv": MEMBERS_CSV, "people.md": f"---\ntitle: People\n---\n{body}\n"}
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "show_email: false" in (content / "site.yml").read_text("utf-8")


def test_a_loop_over_all_members_sorted_shows_the_addresses(tmp_path: Path) -> None:
    """An `assign` that only sorts the members keeps them all: the old site showed every
    address."""
    body = (
        '{% assign people = site.data.members | sort: "name" %}{% for m in people reversed %}'
        "\n* {{ m.name }} <{{ m.email | downcase }}>\n{% endfor %}"
    )
    files = {"_data/members.csv": MEMBERS_CSV, "people.md": f"---\ntitle: People\n---\n{body}\n"}
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "show_email" not in (content / "site.yml").read_text("utf-8")


def test_a_loop_that_prints_every_address_shows_them(tmp_path: Path) -> None:
    """`{{ m.email }}` under no condition but the address's own: the old site showed them."""
    files = {
        "_data/members.csv": MEMBERS_CSV,
        "people.md": "---\ntitle: People\n---\n{% for m in site.data.members %}\n* {{ m.name }}"
        "{% if m.email %} <{{ m.email }}>{% endif %}\n{% endfor %}\n",
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "show_email" not in (content / "site.yml").read_text("utf-8")


def test_what_jekyll_never_publishes_is_not_imported(tmp_path: Path) -> None:
    """`exclude: [secret]` leaves out secret-plans.md and secrets/ too (Jekyll matches the
    start of a path), a name starting with '~' is never published, and _config.yaml is read
    when there is no _config.yml."""
    files = {
        "_config.yml": "title: Group\nexclude:\n  - secret\n",
        "index.md": "---\ntitle: Home\n---\nHome.\n",
        "secret-plans.md": "---\ntitle: SP\n---\nSECRET_PLANS_TEXT\n",
        "secrets/x.txt": "SECRETS_DIR_TEXT\n",
        "docs/~draft.md": "---\ntitle: T\n---\nTILDE_TEXT\n",
        "docs/kept.md": "---\ntitle: Kept\n---\nKEPT_TEXT\n",
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    written = "".join(p.read_text("utf-8", "replace") for p in content.rglob("*") if p.is_file())
    assert "KEPT_TEXT" in written
    for text in ("SECRET_PLANS_TEXT", "SECRETS_DIR_TEXT", "TILDE_TEXT"):
        assert text not in written


def test_config_yaml_is_read_when_there_is_no_config_yml(tmp_path: Path) -> None:
    """Jekyll reads _config.yaml when there is no _config.yml: its title and exclude count."""
    source = tmp_path / "jekyll"
    files = {
        "_config.yaml": "title: Yaml Group\nexclude: [private/]\n",
        "_posts/2024-01-01-a.md": "---\ntitle: A\n---\nA.\n",
        "index.md": "---\ntitle: Home\n---\nHome.\n",
        "private/plan.md": "---\ntitle: Plan\n---\nPRIVATE_PLAN\n",
    }
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, "utf-8")
    content = tmp_path / "content"
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    result = run(app, "import-jekyll", str(source))
    assert result.exit_code == 0, result.output
    assert "Yaml Group" in (content / "site.yml").read_text("utf-8")
    assert not any("PRIVATE_PLAN" in p.read_text("utf-8") for p in content.rglob("*.md"))


def test_a_site_in_latin_1_keeps_its_letters(tmp_path: Path) -> None:
    """`encoding: ISO-8859-1` was left out, and every ü, ß read as U+FFFD, without a word;
    the files are read in the site's encoding, and bytes that are not in it are noted."""
    files: dict[str, str | bytes] = {
        "_config.yml": "title: Gruppe\nencoding: ISO-8859-1\n",
        "ueber.md": "---\ntitle: Über uns\n---\nHerr Müller wohnt in der Straße.\n".encode(
            "latin-1"
        ),
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    written = (content / "ueber.md").read_text("utf-8")
    assert "Über uns" in written and "Herr Müller wohnt in der Straße." in written
    del files["_config.yml"]
    result, content = import_source(tmp_path / "again", files)
    assert "ueber.md: holds bytes that are not utf-8 text" in result.output, result.output


def test_data_whose_aliases_grow_it_out_of_measure_is_left_out(tmp_path: Path) -> None:
    """A 10 kB data file of one alias used 99 times was written out in full, 1 MB (50 such
    files: 50 MB); what grows past 50 times its size is left out, noted."""
    value = "w" * 10_000
    files = {
        "_data/big.yml": f'big: &b "{value}"\nlist: [{", ".join(["*b"] * 99)}]\n',
        "_data/small.yml": "a: &x 1\nb: *x\n",
    }
    result, content = import_source(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "_data/big.yml: left out: its aliases make 1.0 MB of it" in result.output
    assert not (content / "data/big.yml").exists() and (content / "data/small.yml").exists()


def test_an_include_or_a_config_too_large_is_left_out(tmp_path: Path) -> None:
    """A 1,000 MB sparse include was read whole (2.1 GB of memory): an include, data file or
    _config.yml over 5 MB, as a content file may hold, is left out, noted, unread."""
    source = tmp_path / "jekyll"
    (source / "_includes").mkdir(parents=True)
    (source / "_config.yml").write_text("title: Big\n", "utf-8")
    (source / "index.md").write_text("---\ntitle: Home\n---\nHome.\n", "utf-8")
    for name in ("_includes/big.html", "_data/big.yml"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        with (source / name).open("wb") as file:
            file.truncate(6_000_000)  # sparse: no disk
    content = tmp_path / "content"
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    result = run(app, "import-jekyll", str(source))
    assert result.exit_code == 0, result.output
    assert "_includes/big.html: left out: it is 6.0 MB" in result.output
    assert "_data/big.yml: left out: it is 6.0 MB" in result.output


def test_a_site_of_many_pages_keeps_a_menu_a_page_can_show(tmp_path: Path) -> None:
    """31 pages with titles made a menu of 31 links, which the check refuses (a menu shows 30
    at most): the import keeps the first 30 and says which it left out of the menu."""
    source = tmp_path / "old"
    source.mkdir()
    (source / "_config.yml").write_text("title: T\nurl: https://example.org\n", "utf-8")
    for number in range(1, 32):
        (source / f"p{number:02}.md").write_text(f"---\ntitle: Page {number}\n---\nWords\n")
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "CACHE_DIR": ""})
    report = run(app, "import-jekyll", str(source)).output
    assert "the menu linked 31 pages: it keeps the first 30" in report and "/p31/" in report
    result = run(app, "check")
    assert result.exit_code == 0, result.output


def test_control_characters_in_a_page_are_left_out_and_said(tmp_path: Path) -> None:
    """A page holding a NUL and an ESC was imported with them, and the check then refused it:
    the import leaves them out (no page shows them) and says where."""
    source = tmp_path / "old"
    source.mkdir()
    (source / "_config.yml").write_text("title: T\nurl: https://example.org\n", "utf-8")
    (source / "nul.md").write_text("---\ntitle: Nul\n---\nbefore\x00after \x1b[31m esc\n")
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "CACHE_DIR": ""})
    report = run(app, "import-jekyll", str(source)).output
    assert "nul.md:4: held control characters (U+0000, U+001B), which no page shows" in report
    assert "beforeafter [31m esc" in (tmp_path / "content" / "nul.md").read_text("utf-8")
    result = run(app, "check")
    assert result.exit_code == 0, result.output


def test_a_title_of_no_words_is_said(tmp_path: Path) -> None:
    """A post's `title: [Workshop, 2024]` (a list) was replaced by one made from its file's
    name, and its words were in no note; a page's `title: Yes` (true) was said to have had
    no title: a title that is no text is named in the report; so is the site's description
    (the 55th attack: left out without a word)."""
    source = tmp_path / "old"
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text(
        "title: T\nurl: https://example.org\ndescription: [Numerics, ML]\n", "utf-8"
    )
    (source / "_posts" / "2024-01-01-meeting.md").write_text(
        "---\ntitle: [Workshop, 2024]\n---\nHi\n"
    )
    (source / "yes.md").write_text("---\ntitle: Yes\n---\nHi\n")
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "CACHE_DIR": ""})
    report = run(app, "import-jekyll", str(source)).output
    said = """meeting.md:2: its title ["Workshop", 2024] is no text: it is 'Meeting' now"""
    assert said in report, report
    assert "yes.md:2: its title true is no text: it is 'Yes' now" in report
    assert "had no title" not in report
    assert """_config.yml:3: its description ["Numerics", "ML"] is no text, so it""" in report


def test_a_small_sites_include_pasted_everywhere_is_bounded(tmp_path: Path) -> None:
    """A 26 kB site whose 9 kB include 600 pages paste was imported as 5 MB (189 times its
    size): what Liquid pastes is at most ten times what the site holds, and said past that."""
    source = tmp_path / "old"
    (source / "_includes").mkdir(parents=True)
    (source / "_config.yml").write_text("title: T\nurl: https://example.org\n", "utf-8")
    (source / "_includes" / "i.html").write_text(" ".join(f"w{n}" for n in range(1_700)))
    for number in range(600):
        (source / f"p{number}.md").write_text("---\n---\n{% include i.html %}\n")
    read = sum(path.stat().st_size for path in source.rglob("*") if path.is_file())
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "CACHE_DIR": ""})
    report = run(app, "import-jekyll", str(source)).output
    written = sum(p.stat().st_size for p in (tmp_path / "content").rglob("*") if p.is_file())
    assert written < 12 * read and "the import paste more than" in report


def test_a_link_with_two_slashes_after_the_base_path_stays_on_the_site(tmp_path: Path) -> None:
    """With baseurl /group, a link /group//evil.example/x (the old site's own address) was
    written //evil.example/x: a link to another host."""
    source = tmp_path / "old"
    source.mkdir()
    (source / "_config.yml").write_text("title: T\nurl: https://x.org\nbaseurl: /group\n")
    links = 'See [the team](/group//team/) and <a href="/group//evil.example/x">y</a>'
    (source / "index.md").write_text(f"---\ntitle: Home\n---\n{links}\n")
    (source / "team.md").write_text("---\ntitle: Team\n---\nteam\n")
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "CACHE_DIR": ""})
    assert run(app, "import-jekyll", str(source)).exit_code == 0
    page = (tmp_path / "content" / "index.md").read_text("utf-8")
    assert "//evil.example" not in page and "(//team/)" not in page
    assert "[the team](/team.md)" in page, page  # the page's file: at /team/


def test_kramdowns_comment_and_nomarkdown_come_in_as_the_site_reads_them(tmp_path: Path) -> None:
    """{::comment}…{:/comment} and {::nomarkdown}…{:/nomarkdown} were kept as written, which
    the site shows as text and the check refuses: a comment is an HTML comment, the other
    what it held; each is said, and the import checks clean."""
    source = tmp_path / "old"
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text("title: T\nurl: https://example.org\n")
    (source / "_posts" / "2021-01-01-a.md").write_text(
        "---\ntitle: A\n---\nHello.\n\n{::comment}\nnote -- to self\n{:/comment}\n\n"
        '{::nomarkdown}\n<b>bold</b>\n{:/nomarkdown}\n\n{::options parse_block_html="true" /}\n'
    )
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "CACHE_DIR": ""})
    report = run(app, "import-jekyll", str(source)).output
    assert "a.md:6: kramdown's {::comment} is an HTML comment now" in report, report
    assert "a.md:10: kramdown's {::nomarkdown} is what it held, as written now" in report
    assert "a.md:14: kramdown's {::options} is left out" in report
    text = (tmp_path / "content" / "news" / "2021-01-01-a.md").read_text("utf-8")
    assert "<!--\nnote - - to self\n-->" in text and "<b>bold</b>" in text and "{::" not in text
    result = run(app, "check")
    assert result.exit_code == 0, result.output


# A reading group's site whose page of speakers is made by its layout, from a CSV.
SPEAKERS_SITE = {
    "_config.yml": "title: Reading group\nurl: https://lab.example.org\nbaseurl: /rg\n",
    "_layouts/default.html": (
        "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body><header>"
        '<a href="{{ site.baseurl }}/">Reading group</a></header><main>{{ content }}</main>'
        "<footer>Footer words</footer></body></html>\n"
    ),
    "_layouts/speakers.html": (
        "---\nlayout: default\n---\n<h1>{{ page.title }}</h1>\n{{ content }}\n<table>\n"
        "{% for p in site.data.talks %}<tr><td>{{ p.speaker }}</td><td>{{ p.topic }}</td></tr>\n"
        '{% endfor %}</table>\n<p><a href="{{ site.baseurl }}/about/">About us</a></p>\n'
    ),
    "_data/talks.csv": (
        "speaker,topic\nAda Lovelace,analytical engines\nCarl Gauss,least squares\n"
        "Emmy Noether,symmetry and conservation laws\n"
    ),
    "speakers.md": "---\nlayout: speakers\ntitle: Speakers\npermalink: /speakers/\n---\n"
    "The speakers of the term.\n",
    "about.md": "---\ntitle: About\npermalink: /about/\n---\nWe read papers.\n",
    "index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "_posts/2024-01-05-first.md": "---\ntitle: First talk\n---\nA talk about things.\n",
}


def test_words_a_layout_made_are_marked_missing_without_the_old_built_site(
    tmp_path: Path,
) -> None:
    """The table of speakers came from a loop in the page's layout: the page came in with
    its one sentence, 'flask check' passed it, and the report said only that its layout was
    now the site's page. It is marked 'missing' now, and the check and the report say what it
    misses; the report lists every old address and what became of it."""
    result, content = import_source(tmp_path, SPEAKERS_SITE)
    said = result.output
    page = (content / "speakers.md").read_text("utf-8")
    assert "missing: the words its layout 'speakers' made from a loop over site.data.talks" in page
    assert "speakers.md: marked 'missing' (flask check says so): the words its layout" in said
    assert "Old addresses (3 same, 1 redirected):" in said
    assert "  /2024/01/05/first.html -> /news/2024/first/: redirected" in said
    assert "Give the old site as it was published (--built _site) to compare words." in said
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    checked = run(app, "check").output
    assert "content/speakers.md:3: warning: the old site showed more on this page" in checked


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="Jekyll is not installed here")
def test_words_a_layout_made_come_in_from_the_old_built_site(tmp_path: Path) -> None:
    """With the old site as Jekyll built it (--built _site), the page comes in as the old
    site showed it (its own part: no header, footer or repeated title), its links led to the
    new pages, and the report counts each page's words on the old site and the new one."""
    source = tmp_path / "jekyll"
    for name, text in SPEAKERS_SITE.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, "utf-8")
    environment = os.environ | {"JEKYLL_ENV": "production", "TZ": "UTC"}
    subprocess.run(
        ["jekyll", "build", "--quiet", "-s", str(source), "-d", str(tmp_path / "_site")],
        check=True, timeout=120, env=environment, capture_output=True,
    )  # fmt: skip
    content = tmp_path / "content"
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    said = run(app, "import-jekyll", str(source), "--built", str(tmp_path / "_site")).output
    page = (content / "speakers.md").read_text("utf-8")
    assert "missing:" not in page and "Footer words" not in page and "<h1>" not in page
    assert "<td>Emmy Noether</td><td>symmetry and conservation laws</td>" in page
    assert "speakers.md: its words are the old site's" in said
    assert "  /speakers/ -> /speakers/: same; words 22 -> 22" in said, said
    assert "Words on 4 pages:" in said and "0 with fewer words" in said
    assert run(app, "check").exit_code == 0, run(app, "check").output
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    built = (tmp_path / "build/speakers/index.html").read_text("utf-8")
    assert "<td>Carl Gauss</td>" in built and 'href="/rg/about/"' in built


def test_a_message_said_at_many_lines_of_a_file_is_one_line_of_the_report(
    tmp_path: Path,
) -> None:
    """The AIDA lab's report said "left out of the <time> tag: style= is blocked…" on 45
    lines for one page (225 of its 352 lines were such): a message said at many lines of a
    file (more than five) is one line that names the first five and how many."""
    rows = "".join(f'<p style="color: red">Row {n}</p>\n\n' for n in range(1, 9))
    result, _ = import_source(tmp_path, {"index.md": f"---\ntitle: Home\n---\n{rows}"})
    said = [line for line in result.output.splitlines() if "style=" in line]
    assert said == [
        "  index.md:4, 6, 8, 10, 12, … (8 lines): left out of the <p> tag: style= is blocked "
        "by the site's Content-Security-Policy"
    ], said


GROUPED_PEOPLE = {
    "_config.yml": "title: Lab\n",
    "_data/people.yml": (
        "- {name: Ada Lovelace, class: pi, email: ada@example.org, website: 'https://a.org',"
        " bio: Ada founded the lab in 1843.}\n"
        "- {name: Carl Gauss, class: alumnus, email: carl@example.org, website: 'https://c.org',"
        " bio: Carl now measures the earth.}\n"
    ),
    "index.md": "---\nlayout: default\ntitle: Home\n---\nWelcome.\n",
    "people.md": (
        "---\nlayout: default\ntitle: People\n---\n"
        "{% for p in site.data.people %}{% if p.class == 'pi' %}"
        "<b>{{ p.name }}</b><br/>{{ p.bio }}<br/>{% endif %}{% endfor %}\n\n"
        "### Alumni\n\n"
        "{% for p in site.data.people %}{% if p.class == 'alumnus' %}"
        "<b>{{ p.name }}</b><br/>{{ p.bio }}<br/>{% endif %}{% endfor %}\n"
    ),
    "_layouts/default.html": "<html><body><main>{{ content }}</main></body></html>\n",
}


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="Jekyll is not installed here")
def test_a_people_page_the_members_list_cannot_show_keeps_the_old_sites_words(
    tmp_path: Path,
) -> None:
    """The AIDA lab's people page grouped its members under headings by a column of theirs
    ('class') and showed each one's 'bio', neither of which members.yml keeps: the site's
    own list stood in for it, the headings were left over nothing and 2,097 words became 7,
    with only "replaced by the site's own list" said. A loop that shows what members.yml
    does not keep is not the site's list: the page keeps its address and the old site's
    words, the report says why, and no members list the old site had not is made."""
    source = tmp_path / "jekyll"
    for name, text in GROUPED_PEOPLE.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, "utf-8")
    subprocess.run(
        ["jekyll", "build", "--quiet", "-s", str(source), "-d", str(tmp_path / "_site")],
        check=True, timeout=120, env=os.environ | {"TZ": "UTC"}, capture_output=True,
    )  # fmt: skip
    content = tmp_path / "content"
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    said = run(app, "import-jekyll", str(source), "--built", str(tmp_path / "_site")).output
    assert not (content / "members.md").exists()
    page = (content / "people.md").read_text("utf-8")
    assert "Ada founded the lab in 1843." in page and "Carl now measures the earth." in page
    assert page.index("Ada Lovelace") < page.index("Alumni") < page.index("Carl Gauss")
    assert (
        "people.md: its words are the old site's (" in said
        and "the words Liquid made at line 5 of people.md (the loop over site.data.people "
        "shows each member's 'class', 'bio', which the site's list of members does not"
        in said
    ), said
    assert "0 with fewer words" in said
    settings = yaml.safe_load((content / "site.yml").read_text("utf-8"))
    assert "members" not in settings["sections"]
    assert run(app, "check").exit_code == 0, run(app, "check").output
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    built = (tmp_path / "build/people/index.html").read_text("utf-8")
    assert "Carl now measures the earth." in built and "carl@example.org" not in built


def test_a_people_page_the_members_list_cannot_show_is_marked_without_the_old_site(
    tmp_path: Path,
) -> None:
    """Without the old built site, that page is marked as missing the words its loops made,
    with why, as any page whose words Liquid made."""
    result, content = import_source(tmp_path, GROUPED_PEOPLE)
    page = (content / "people.md").read_text("utf-8")
    assert "missing: the words Liquid made at line 5 of people.md (the loop over" in page
    assert "people.md:5: left out: Liquid: the loop over site.data.people shows each " in (
        result.output
    )


def test_what_the_check_refuses_in_settings_and_old_addresses_is_left_out(tmp_path: Path) -> None:
    """The 35th attack: `redirect_from: /` (the home page's address), `lang: "<x>"` and a
    title with a direction override came in as written, and the import's own check then
    refused them. Each is left out, said in the report, and the import checks clean."""
    result, content = import_source(tmp_path, {
        "_config.yml": 'title: "Group\u202e puorg"\nlang: "<x>"\n',
        "index.md": "---\ntitle: Home\n---\nHi\n",
        "about.md": "---\ntitle: About\nredirect_from: /\n---\nAbout us.\n",
    })  # fmt: skip
    said = result.output
    assert "_config.yml:1: held direction overrides (U+202E), which show the text after" in said
    assert "_config.yml:2: left out '<x>': no language tag (en, de)" in said
    assert "about.md:3: its redirect_from '/' is left out: / is a page's address" in said
    checks_clean(content)


@pytest.mark.parametrize(
    ("old", "shown", "lost"),
    [
        (
            "<html><body>\n<!-- draft: <main><p>Draft never published</p></main> -->\n"
            "<article><h1>People</h1>\n<p>Alice Smith and Bob Jones.</p>\n</article></body></html>",
            "Alice Smith and Bob Jones.",
            "Draft never published",
        ),
        (
            '<html><body>\n<script>var t = "<article>{{title}}</article>";</script>\n'
            "<header>Site</header>\n<article><h1>People</h1>\n<p>Alice Smith and Bob Jones.</p>"
            "\n</article></body></html>",
            "Alice Smith and Bob Jones.",
            '";',
        ),
        (
            "<html><body><main><h1>People</h1>\n<p>Alice</p>\n"
            "<!-- c --!> <p>after bang comment</p> -->\n</main></body></html>",
            "after bang comment",
            "<!--",
        ),
        (
            '<html><body><div data-x="<main>">junk</div><main><h1>People</h1>'
            "<p>Alice Smith and Bob Jones.</p></main></body></html>",
            "Alice Smith and Bob Jones.",
            "junk",
        ),
        (
            "<html><body><noscript><main>Please enable JavaScript.</main></noscript><main>"
            "<h1>People</h1><p>Alice Smith and Bob Jones.</p></main></body></html>",
            "Alice Smith and Bob Jones.",
            "enable JavaScript",
        ),
        (
            "<html><head><title>People <main> of the group</title></head><body><header>Menu"
            "</header><main><h1>People</h1><p>Alice Smith and Bob Jones.</p></main></body></html>",
            "Alice Smith and Bob Jones.",
            "Menu",
        ),
    ],
    ids=[
        "main-in-comment",
        "article-in-script",
        "bang-comment-end",
        "main-in-attribute",
        "main-in-noscript",
        "main-in-title",
    ],
)
def test_the_old_page_is_read_as_a_browser_reads_it(
    tmp_path: Path, old: str, shown: str, lost: str
) -> None:
    """The 36th attack: --built took a <main> inside a comment or an <article> inside a
    script (publishing a draft no one saw, and losing the page's words), and ended comments
    only at "-->" (a browser ends one at "--!>" too, and showed the words after it)."""
    site = {
        "_config.yml": "title: Old\n",
        "_layouts/people.html": "<html><body>{% for p in site.data.people %}<p>{{ p.name }}"
        "</p>{% endfor %}{{ content }}</body></html>\n",
        "people.md": "---\nlayout: people\ntitle: People\npermalink: /people/\n---\nHello\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    }
    built_page(tmp_path, "people/index.html", old)
    _, content = import_source(tmp_path, site, "--built", str(tmp_path / "_site"))
    page = (content / "people.md").read_text("utf-8")
    assert shown in page and lost not in page, page
    assert "<h1>" not in page


def test_an_old_address_too_long_for_a_file_name_is_no_old_page(tmp_path: Path) -> None:
    """A permalink with a part longer than a file's name may be: --built crashed with
    OSError (File name too long); that page has no old page, and is marked."""
    long = "x" * 300
    site = {
        "_layouts/people.html": "<html><body>{% for p in site.data.people %}{{ p.name }}"
        "{% endfor %}{{ content }}</body></html>\n",
        "people.md": f"---\nlayout: people\ntitle: People\npermalink: /{long}/\n---\nHello\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    }
    (tmp_path / "_site").mkdir()
    result, _ = import_source(tmp_path, site, "--built", str(tmp_path / "_site"))
    assert "Imported the Jekyll site" in result.output, result.output


def test_a_published_collection_keeps_its_addresses_and_its_files(tmp_path: Path) -> None:
    """Found on a public site (a research centre's, 330 pages): a collection published at
    ``/:path`` (``_pages/events/index.html`` at /events/) moved to /pages/events/, its files
    (a seminar's slides, ``_events/2016/talk.pdf``) were left out as "Jekyll's own", though
    Jekyll published them, and ``collections:`` written as a list was refused. Each page
    keeps its address, each file is copied where Jekyll put it, and the import checks clean."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: Centre\ncollections:\n  pages:\n    output: true\n"
                       "    permalink: /:path\n  events:\n    output: true\n"
                       "include: ['_pages']\n",
        "index.md": "---\ntitle: Home\n---\nSee [events](/events/) and the "
                    "[slides](/events/2016/talk.pdf).\n",
        "_pages/events/index.html": "---\ntitle: Events\n---\n<p>All our events.</p>\n",
        "_events/2016/talk.md": "---\ntitle: A talk\n---\nSlides: [pdf](/events/2016/talk.pdf)\n",
        "_events/2016/talk.pdf": "%PDF-1.4\n%%EOF\n",
    })  # fmt: skip
    said = result.output
    assert (content / "events/2016/talk.pdf").is_file(), said
    assert "permalink: /events/" in (content / "pages/events/index.md").read_text("utf-8")
    assert "  /events/ -> /events/: same" in said, said
    checks_clean(content)
    result, content = import_source(tmp_path / "list", {
        "_config.yml": "title: Lab\ncollections:\n  - members\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    })  # fmt: skip
    assert "left out 'collections'" not in result.output


def test_relative_links_of_an_old_built_page_lead_where_they_led(tmp_path: Path) -> None:
    """Found on a public site (a signal-processing group's): the old page at /people/ showed
    ``../photos/sai.jpeg``; its words came in from --built as written, and the new page's
    file is read from its own folder. Relative links are made absolute paths as the old
    page's address read them."""
    built_page(tmp_path, "people/index.html", '<html><body><main><p>Sai <img '
               'src="../photos/sai.jpeg" alt="Sai"></p></main></body></html>')  # fmt: skip
    result, content = import_source(tmp_path, {
        "_layouts/people.html": "<html><body>{% for p in site.data.people %}{{ p.name }}"
                                "{% endfor %}{{ content }}</body></html>\n",
        "people.md": "---\nlayout: people\ntitle: People\npermalink: /people/\n---\nHi\n",
        "photos/sai.jpeg": "\xff\xd8\xff",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    }, "--built", str(tmp_path / "_site"))  # fmt: skip
    assert 'src="/photos/sai.jpeg"' in (content / "people.md").read_text("utf-8"), result.output


def test_the_old_pages_own_part_keeps_a_text_boxs_words() -> None:
    """The 38th attack: a <textarea> (a BibTeX entry in a box) was blanked out of the old
    page's own part, and its words out of the count; a browser shows them. The import then
    says what it leaves out of a page (the site's pages hold no text box)."""
    from tag_site.jekyll.built import own_part, words

    own = own_part("<body><main><p>Paper</p><textarea>@article{deep}</textarea></main></body>")[0]
    assert words(own) == ["Paper", "article", "deep"]


def test_a_collections_file_at_the_address_of_another_is_the_one_kept(tmp_path: Path) -> None:
    """The 38th attack: ``_docs/notes.txt`` of a published collection and ``docs/notes.txt``
    share an address; Jekyll published the collection's, the import kept the other and said
    nothing. It keeps the collection's, and says why the other is left out."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\ncollections:\n  docs:\n    output: true\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
        "_docs/notes.txt": "COLLECTION\n",
        "docs/notes.txt": "TOP LEVEL\n",
    })  # fmt: skip
    assert (content / "docs/notes.txt").read_text("utf-8") == "COLLECTION\n"
    assert "docs/notes.txt: left out: Jekyll published _docs/notes.txt at its address" in (
        result.output
    ), result.output


def test_posts_and_collections_are_read_under_collections_dir(tmp_path: Path) -> None:
    """The 38th attack: with ``collections_dir: col`` the posts under ``col/_posts`` got old
    addresses and feed ids with a made-up ``/col/``, and ``col/_team`` became pages in a
    folder that is never published. Jekyll reads posts and collections there only (as it
    built this site: /2020/01/01/a.html, /cat/2021/02/02/c.html, /team/t.html,
    /team/cv.pdf, /col/about.html; nothing of the ``_posts`` or ``_team`` outside)."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\nurl: https://old.example.org\ncollections_dir: col\n"
                       "collections:\n  team:\n    output: true\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
        "col/_posts/2020-01-01-a.md": "---\ntitle: A post\n---\nimportant words\n",
        "col/cat/_posts/2021-02-02-c.md": "---\ntitle: C\n---\ncat post\n",
        "col/_team/t.md": "---\ntitle: Tm\n---\nteam words\n",
        "col/_team/cv.pdf": "%PDF-1.4\n",
        "col/about.md": "---\ntitle: About\n---\nA page of the folder\n",
        "_posts/2019-01-01-outside.md": "---\ntitle: Outside\n---\nnot published\n",
        "_team/o.md": "---\ntitle: Out\n---\nnot published\n",
        "col/_data/people.yml": "- name: x\n",
    })  # fmt: skip
    said = result.output
    post = (content / "news/2020-01-01-a.md").read_text("utf-8")
    assert "feed_id: https://old.example.org/2020/01/01/a\n" in post, post
    for old in ("/2020/01/01/a.html", "/cat/2021/02/02/c.html", "/team/t.html", "/col/about.html"):
        assert re.search(rf"  {re.escape(old)} -> \S+: (same|redirected)", said), (old, said)
    assert (content / "team/cv.pdf").read_text("utf-8") == "%PDF-1.4\n"
    assert "team words" in (content / "team/t.md").read_text("utf-8")
    assert not list(content.glob("news/2019-*")) and "not published" not in str(
        [p.read_text("utf-8") for p in content.rglob("*.md")]
    )
    assert "_posts: left out: Jekyll reads posts and collections only under " in said, said
    assert "collections_dir' is left out" not in said
    assert not (content / "data").exists() and "col/_data: left out" in said, said  # 39th attack
    checks_clean(content)


def test_a_relative_link_leads_where_the_old_address_led_it(tmp_path: Path) -> None:
    """A post's ``img.png`` was read from its old address's folder (/2020/01/01/, as Jekyll
    built this site), a page's with ``permalink: /about/`` from /about/; the new files are
    in news/ and pages/, from whose folders the site reads them: each was an error, a hand
    edit. Such links are made the paths they led to; one in code, or to a page's file
    (``2020-02-02-b.md``, read from the file's folder there and here), stays as written."""
    _, content = import_source(tmp_path, {
        "index.md": "---\ntitle: Home\n---\nHi\n",
        "_posts/2020-01-01-a.md": "---\ntitle: A\n---\nSee ![pic](img.png), [b](2020-02-02-b.md)"
                                  " and [pdf](../../../files/a.pdf).\n\n    ![code](img.png)\n",
        "_posts/2020-02-02-b.md": "---\ntitle: B\n---\nB\n",
        "2020/01/01/img.png": b"\x89PNG\r\n\x1a\n",
        "files/a.pdf": "%PDF-1.4\n",
        "pages/about.md": "---\ntitle: About\npermalink: /about/\n---\n"
                          '<img src="me.png" alt="me"> and [pdf](../files/a.pdf#p2).\n',
        "about/me.png": b"\x89PNG\r\n\x1a\n",
    })  # fmt: skip
    post = (content / "news/2020-01-01-a.md").read_text("utf-8")
    assert "![pic](/2020/01/01/img.png), [b](2020-02-02-b.md) and [pdf](/files/a.pdf)." in post
    assert "    ![code](img.png)\n" in post
    about = (content / "pages/about.md").read_text("utf-8")
    assert '<img src="/about/me.png" alt="me"> and [pdf](/files/a.pdf#p2).' in about, about
    checks_clean(content)


def test_a_members_show_email_comes_in_and_shown_addresses_stay_shown(tmp_path: Path) -> None:
    """The 39th attack: a column ``show_email`` was left out ("members.yml has no such
    field"), and with the layout's loop out of sight the import hid every address, though
    the old page showed Bob's: the page pasted from the old site then failed the check. A
    member's ``show_email`` comes in; one whose address the old site showed is marked
    ``show_email: true``; the others stay hidden, and the import checks clean."""
    built_page(tmp_path, "team/index.html", "<html><body><main><p>Our team.</p>\n<p>Alice"
               "</p>\n<p>Bob bob@open.example</p>\n</main></body></html>\n")  # fmt: skip
    result, content = import_source(tmp_path, {
        "_data/members.yml": "- name: Alice\n  affiliation: U\n  email: alice@secret.example\n"
                             "  show_email: false\n- name: Bob\n  affiliation: U\n"
                             "  email: bob@open.example\n- name: Carol\n  affiliation: U\n"
                             "  email: carol@x.example\n  hide_email: yes\n",
        "_layouts/people.html": "<html><body>{{ content }}{% for p in site.data.members %}"
                                "{{ p.name }}{% unless p.show_email == false %} {{ p.email }}"
                                "{% endunless %}\n{% endfor %}</body></html>\n",
        "team.md": "---\ntitle: Team\nlayout: people\npermalink: /team/\n---\nOur team.\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    }, "--built", str(tmp_path / "_site"))  # fmt: skip
    said = result.output
    members = yaml.safe_load((content / "data/members.yml").read_text("utf-8"))
    assert [m.get("show_email") for m in members] == [False, True, False], members
    assert "no such field" not in said, said
    assert "_data/members.yml: show_email: true on 1 of its members: the old site showed" in said
    assert "addresses the old site did not show stay hidden" in said, said
    checks_clean(content)


def test_an_image_without_alt_text_comes_in_as_the_old_site_showed_it(tmp_path: Path) -> None:
    """An old image without alt text (``![](a.png)``, ``<img src="c.png">``) was an error of
    the check on the import's own output: a hand edit each. kramdown wrote ``alt=""`` for
    the first, which marks a picture that says nothing; each comes in so, the report says
    how many to describe, one in code stays as written, and the import checks clean."""
    result, content = import_source(tmp_path, {
        "index.md": "---\ntitle: Home\n---\n![](a.png) and ![ ](b.png \"B\")\n\n"
                    '<img src="c.png"> <img src="d.png" alt="D">\n\n    ![](a.png)\n',
        **{name: b"\x89PNG\r\n\x1a\n" for name in ("a.png", "b.png", "c.png", "d.png")},
    })  # fmt: skip
    home = (content / "index.md").read_text("utf-8")
    assert '<img src="a.png" alt=""> and <img src="b.png" alt="" title="B">' in home, home
    assert '<img alt="" src="c.png"> <img src="d.png" alt="D">' in home and "    ![](a.png)" in home
    assert "index.md: 3 images came in without a description, as the old site showed them" in (
        result.output
    ), result.output
    checks_clean(content)


def test_what_the_guide_says_of_settings_liquid_and_left_out_files_holds(tmp_path: Path) -> None:
    """Claims of the editors' guide that no test held (an audit of every claim found them):
    an empty folder is a destination; ``description``, ``email`` (the contact), ``lang``
    and minima's ``header_pages`` (the menu, in its order) come in, and the sections the old
    site had; ``{{ site.title }}`` and ``{% link %}`` are rewritten, a loop over the posts
    is the site's own list; files named ``.x`` or ``#x`` stay out; a fence closed by
    another kind of fence is no code (a script after it is left out); a file that shows an
    address is not copied; a members table's web page is the member's ``url``; unreadable
    JSON is left out, with its line."""
    dest = tmp_path / "out"
    dest.mkdir()
    source = tmp_path / "jekyll"
    for name, text in {
        "_config.yml": "title: Lab\ndescription: A lab of numbers\nemail: office@lab.example\n"
                       "lang: en\nheader_pages:\n  - join.md\n  - about.md\n",
        "index.md": "---\ntitle: Home\n---\nWelcome to {{ site.title }}. [Join]({% link join.md %}"
                    ").\n\n{% for p in site.posts %}\n* [{{ p.title }}]({{ p.url }})\n{% endfor %}"
                    "\n\n```\ncode\n~~~\n\n<script>alert(1)</script>\n",
        "join.md": "---\ntitle: Join\n---\nJoin us.\n",
        "about.md": "---\ntitle: About\n---\nAbout.\n",
        ".hidden.md": "---\ntitle: Hidden\n---\nHIDDEN\n",
        "#tmp.md": "---\ntitle: Tmp\n---\nTMPWORDS\n",
        "contact.txt": "write to a@b.org\n",
        "_posts/2024-01-01-p.md": "---\ntitle: P\n---\nPost.\n",
        "_data/members.csv": "name,affiliation,website\nAda Lovelace,U,https://ada.example/\n",
        "_data/broken.json": '{"a": [1,2',
    }.items():  # fmt: skip
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, "utf-8")
    app = create_app({"CONTENT_DIR": str(dest), "TODAY": "2030-01-01"})
    result = run(app, "import-jekyll", str(source), "--dest", str(dest))
    said = result.output
    assert result.exit_code == 0, said
    settings = yaml.safe_load((dest / "site.yml").read_text("utf-8"))
    assert settings["description"] == "A lab of numbers" and settings["language"] == "en"
    assert settings["contact"] == "office@lab.example"
    assert settings["nav"] == [
        {"title": "Join", "url": "/join/"},
        {"title": "About", "url": "/about/"},
    ]
    assert settings["sections"] == ["members", "news"]
    home = (dest / "index.md").read_text("utf-8")
    assert "Welcome to Lab. [Join](/join.md)." in home and "{%" not in home
    assert "index.md:6: the loop over site.posts is replaced by the site's own list" in said
    assert "<script>" not in home and "index.md:14: left out: <script> is not allowed" in said
    written = "".join(p.read_text("utf-8") for p in dest.rglob("*.md"))
    assert "HIDDEN" not in written and "TMPWORDS" not in written
    assert not (dest / "contact.txt").exists()
    assert "contact.txt:1: the whole file is left out (it is published as it is)" in said
    members = yaml.safe_load((dest / "data/members.yml").read_text("utf-8"))
    assert members == [{"name": "Ada Lovelace", "affiliation": "U", "url": "https://ada.example/"}]
    assert "_data/broken.json:1: left out: it cannot be read" in said
    assert not (dest / "data/broken.yml").exists()
    checks_clean(dest)


@pytest.mark.parametrize(
    ("tables", "chosen"),
    [
        ({"team.csv": 1, "misc.csv": 3}, "team"),
        ({"lab.csv": 1, "misc.csv": 3}, "misc"),
        ({"current.csv": 1, "former-members.csv": 3}, "current"),
    ],
    ids=["named-so", "longest", "not-former"],
)
def test_the_members_table_is_chosen_as_the_guide_says(
    tmp_path: Path, tables: dict[str, int], chosen: str
) -> None:
    """With no page's loop naming one: a table called members, people or team, else the
    longest, never a table of former members if another will do; the report says which."""
    files = {"index.md": "---\ntitle: Home\n---\nHi\n"}
    for name, rows in tables.items():
        files[f"_data/{name}"] = "name,affiliation,country\n" + "".join(
            f"{name} {n},U,UK\n" for n in range(rows)
        )
    result, _content = import_source(tmp_path, files)
    assert f"_data/{chosen}.csv: became data/members.yml" in result.output, result.output


def test_old_url_gives_the_feed_ids(tmp_path: Path) -> None:
    """A site whose _config.yml has no url: ``--old-url`` gives the feed ids (and the
    redirects' old site), as the guide says."""
    _result, content = import_source(tmp_path, {
        "_posts/2024-01-01-p.md": "---\ntitle: P\n---\nPost.\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    }, "--old-url", "https://org.github.io/g/")  # fmt: skip
    post = (content / "news/2024-01-01-p.md").read_text("utf-8")
    assert "feed_id: https://org.github.io/g/2024/01/01/p\n" in post, post


def test_only_the_first_hundred_wildcard_defaults_apply(tmp_path: Path) -> None:
    """The guide: of the defaults whose path has a wildcard, the first 100 apply (each is
    tried on every page); the rest are left out, and the report says how many."""
    defaults = (
        "".join(
            f"  - scope:\n      path: 'p*{n}'\n    values:\n      subtitle: S{n}\n"
            for n in range(100)
        )
        + "  - scope:\n      path: 'p*'\n    values:\n      description: LATE\n"
    )
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\ndefaults:\n" + defaults,
        "index.md": "---\ntitle: Home\n---\nHi\n",
        "p7.md": "---\ntitle: P\n---\nText.\n",
    })  # fmt: skip
    assert "LATE" not in (content / "p7.md").read_text("utf-8")
    assert "left out 1 defaults after the first 100 whose path has a wildcard" in result.output


def test_links_and_images_of_no_address_are_left_out_their_words_kept(tmp_path: Path) -> None:
    """Found on a public site (a research centre's): a layout's empty fields made
    ``<img src="">`` and ``<a href="">Slides</a>`` on dozens of old pages, and the check
    refused each, a hand edit each. An image of no address showed nothing, a link of none
    led back to the page: each is left out (a link's words stay), and the report says so."""
    result, content = import_source(tmp_path, {
        "index.md": '---\ntitle: Home\n---\n<img alt="" src=""> <b>Slides: <a href="">Slides'
                    "</a></b> and [Notes]() and ![pic]()\n\n    [code]()\n",
    })  # fmt: skip
    home = (content / "index.md").read_text("utf-8")
    assert "<b>Slides: Slides</b> and Notes and \n\n    [code]()" in home, home
    assert 'src=""' not in home and 'href=""' not in home
    assert "index.md: left out 4 links or images of no address" in result.output, result.output
    checks_clean(content)


def test_a_show_email_column_shows_no_address_the_old_site_hid(tmp_path: Path) -> None:
    """The 40th attack: a row saying ``show_email: yes`` and ``hide_email: yes`` came in as
    shown, though the old page tested ``hide_email``; with only ``show_email: yes`` and a
    page that showed no address, the import said "not shown on the old site" and published
    it. Hiding wins, and a table's yes stands only where the old site showed addresses."""
    result, content = import_source(tmp_path, {
        "_data/members.csv": "name,affiliation,email,show_email,hide_email\n"
                             "Ada,U,ada@x.org,yes,yes\nBob,U,bob@x.org,yes,\n",
        "members.md": "---\ntitle: Members\n---\n{% for m in site.data.members %}{{ m.name }}"
                      "{% unless m.hide_email %} ({{ m.affiliation }}){% endunless %}\n"
                      "{% endfor %}\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    })  # fmt: skip
    members = yaml.safe_load((content / "data/members.yml").read_text("utf-8"))
    assert [m.get("show_email") for m in members] == [False, None], members
    assert "its show_email said yes for 1 members, but the old site showed no address" in (
        result.output
    ), result.output
    assert "show_email: false" in (content / "site.yml").read_text("utf-8")


def test_a_destination_written_through_its_own_name_is_kept(tmp_path: Path) -> None:
    """The 40th attack: ``--dest sub/../sub`` of an empty ``sub`` removed it, then could not
    move the import there ("nothing was written"), and left it in a hidden folder beside.
    The destination is resolved first: the import lands in ``sub``."""
    (tmp_path / "sub").mkdir()
    source = tmp_path / "jekyll"
    source.mkdir()
    (source / "_config.yml").write_text("title: T\n", "utf-8")
    (source / "index.md").write_text("---\ntitle: Home\n---\nHi\n", "utf-8")
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "TODAY": "2030-01-01"})
    result = run(app, "import-jekyll", str(source), "--dest", str(tmp_path / "sub/../sub"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sub/index.md").is_file()
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]  # none beside


def test_a_redirect_from_that_is_no_text_is_left_out_and_said(tmp_path: Path) -> None:
    """The 40th attack: ``redirect_from: [/x/, 5, null]`` came in as redirects at /5.html
    and /None.html (Python's words for them), published. Each is left out, with a line."""
    result, content = import_source(tmp_path, {
        "a.md": "---\ntitle: A\nredirect_from: [/x/, 5, null]\n---\nA\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    })  # fmt: skip
    page = (content / "a.md").read_text("utf-8")
    assert "/x/" in page and "/5" not in page and "None" not in page, page
    assert "a.md:3: its redirect_from 5 is left out: it is no path" in result.output
    assert "a.md:3: its redirect_from None is left out: it is no path" in result.output


def test_a_pages_redirect_to_is_said(tmp_path: Path) -> None:
    """The 40th attack: a page with ``redirect_to:`` sent its readers elsewhere on the old
    site; here it shows its own (often empty) text, and the report did not say so."""
    result, _ = import_source(tmp_path, {
        "go.md": "---\ntitle: Go\nredirect_to: https://example.org/new/\n---\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    })  # fmt: skip
    assert "go.md:3: its redirect_to https://example.org/new/ is not followed here" in (
        result.output
    ), result.output
    result, _ = import_source(tmp_path / "list", {  # the 52nd: a list's first, as jekyll-
        "go.md": "---\ntitle: Go\nredirect_to:\n  - https://example.org/new/\n---\n",
    })  # fmt: skip  # redirect-from follows
    assert "go.md:3: its redirect_to https://example.org/new/ is not followed here" in (
        result.output
    ), result.output


def test_a_members_yes_the_old_built_page_showed_stays(tmp_path: Path) -> None:
    """The 41st attack: a loop in the page (not its layout) showed an address only where the
    table said yes; the import took the yes away ("the old site showed no address"), though
    the old built page, given with --built, showed it. Any old page given is read."""
    built_page(tmp_path, "members/index.html", "<html><body><main><p>Bob bob@x.org</p><p>Ada"
               "</p></main></body></html>\n")  # fmt: skip
    result, content = import_source(tmp_path, {
        "_data/members.csv": "name,affiliation,email,show_email\nBob,U,bob@x.org,yes\n"
                             "Ada,U,ada@x.org,\n",
        "members.md": "---\ntitle: Members\npermalink: /members/\n---\n"
                      "{% for m in site.data.members %}{{ m.name }}{% if m.show_email == 'yes' %}"
                      " {{ m.email }}{% endif %}\n{% endfor %}\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    }, "--built", str(tmp_path / "_site"))  # fmt: skip
    members = yaml.safe_load((content / "data/members.yml").read_text("utf-8"))
    assert [m.get("show_email") for m in members] == [True, None], (members, result.output)


def test_what_gu_clasps_site_needed_by_hand_comes_in_checked(tmp_path: Path) -> None:
    """A re-run on GU-CLASP's site left three kinds of error to fix by hand: ``mailto: ada@…``
    (a space after the colon, which mail programs skip), Pandoc's ``[words]{style="…"}``
    (kramdown shows it as text; our Markdown took it as attributes, which the check refused)
    and a talk's slides named ``Evaluating@CLASP_2022.pdf`` (no mail host has a "_")."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\n",
        "contact.md": (
            '---\ntitle: Contact\n---\nE-mail: <a href="mailto: ada@example.org">Ada</a>\n\n'
            "Or [Omar](mailto:  omar@example.org).\n\n"
            '[Under review.]{style="color: #2a2a2a;"}\n\n'
            "[Slides](/talks/Evaluating@CLASP_2022.pdf)\n"
        ),
        "talks/Evaluating@CLASP_2022.pdf": "%PDF-1.4\n",
    })  # fmt: skip
    page = (content / "contact.md").read_text("utf-8")
    assert 'href="mailto:ada@example.org"' in page and "(mailto:omar@example.org)" in page
    assert "contact.md:4: the spaces after mailto: in a link are taken out" in result.output
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check").exit_code == 0
    shown = app.test_client().get("/contact/").get_data(as_text=True)
    assert "[Under review.]{style=”color: #2a2a2a;”}" in shown  # as kramdown showed it


def test_a_page_whose_front_matter_is_never_closed_is_the_page_jekyll_made(
    tmp_path: Path,
) -> None:
    """The 42nd attack: ``---`` then "Hello", never closed, was copied as a file "as
    Jekyll published it", which the check then refused; Jekyll made it the page /a.html,
    all its text the body (a rule, then "Hello"). It is that page, at a redirect, noted."""
    result, content = import_source(tmp_path, {"_config.yml": "title: T\n", "a.md": "---\nHello\n"})
    assert "a.md:1: its front matter is never closed: it is all text, as on the old site" in (
        result.output
    )
    assert "/a.html -> /a/: redirected" in result.output, result.output
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check", "--strict").exit_code == 0
    shown = app.test_client().get("/a/").get_data(as_text=True)
    assert re.search(r"<hr>\s*<p>Hello</p>", shown), shown


def test_an_element_left_out_takes_its_end_tag_with_it(tmp_path: Path) -> None:
    """The 42nd attack: ``<form action=…>`` and ``<object>`` were left out, their end tags
    not: the page showed stray ``</form>`` and ``</object>``, which close nothing. They go
    with their start tags; one in code stays."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\n",
        "a.md": (
            '---\ntitle: A\n---\n<form action="https://evil.example"><input name=q></form>\n\n'
            '<object data="x.swf"></object>\n\n<span>kept</span> `</form>`\n'
        ),
    })  # fmt: skip
    assert "a.md:4: left out: <form> is not allowed" in result.output, result.output
    assert "a.md:4: left out: <input> is not allowed" in result.output, result.output
    body = (content / "a.md").read_text("utf-8").split("---\n", 2)[2]
    assert body.lstrip("\n") == "<span>kept</span> `</form>`\n", body
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check", "--strict").exit_code == 0


def test_liquid_shown_as_text_on_the_old_built_page_stays_text(tmp_path: Path) -> None:
    """The 42nd attack: an old built page showed "{{ x }} {% raw %}" as text (a page about
    Liquid); taken from --built, "{{ x }}" was left out as Liquid, "{% raw %}" silently. Both
    are the text they were."""
    result, content = import_source(tmp_path, {
        "_layouts/page.html": "<main>{{ content }}{% include x.html %}</main>",
        "a.md": "---\ntitle: A\nlayout: page\n---\nBefore {{ site.foo }} after\n",
        "_site/a.html": "<html><body><main><p>Write {{ x }} or {% raw %}.</p></main></body></html>",
    }, "--built", str(tmp_path / "jekyll/_site"))  # fmt: skip
    assert "Liquid is not supported" not in result.output, result.output
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check", "--strict").exit_code == 0
    shown = app.test_client().get("/a/").get_data(as_text=True)
    assert "Write {{ x }} or {% raw %}." in html.unescape(shown), shown


@pytest.mark.parametrize(
    ("written", "noted"), [(".", ""), ("./col", ""), ('"a\\nb"', "'a\\nb' is no folder")]
)
def test_collections_dir_of_the_sites_top_or_a_line_break(
    tmp_path: Path, written: str, noted: str
) -> None:
    """The 42nd attack: ``collections_dir: .`` (the site's top, as Jekyll reads it) was noted
    as "no folder of the site"; one with a line break broke its note in two."""
    result, _ = import_source(tmp_path, {
        "_config.yml": f"title: T\ncollections_dir: {written}\n",
        "col/_posts/2020-01-01-a.md": "---\ntitle: A\n---\nA\n",
    })  # fmt: skip
    said = [line for line in result.output.splitlines() if "_config.yml" in line]
    said = [line for line in said if "collections_dir" in line]
    if noted:
        assert len(said) == 1 and f"_config.yml:2: left out 'collections_dir': {noted}" in said[0]
    else:
        assert not any("no folder" in line for line in said), said


def test_invisible_characters_that_spell_words_are_left_out_noted(tmp_path: Path) -> None:
    """Tag characters and variation selectors spell words nobody sees (the 43rd attack: an
    address); the check refuses them, so the import leaves them out, noted. A flag's tags
    (Wales') stay."""
    wales = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    tagged = "".join(chr(0xE0000 + ord(c)) for c in "hi")
    result, content = import_source(tmp_path, {
        "a.md": f"---\ntitle: A\n---\nWords{tagged} and \ufe00 here, {wales}.\n",
    })  # fmt: skip
    assert "a.md:4: held invisible characters (U+E0068, U+E0069, U+FE00), which can spell" in (
        result.output
    ), result.output
    assert (content / "a.md").read_text("utf-8").endswith(f"Words and  here, {wales}.\n")
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check", "--strict").exit_code == 0


def test_links_come_in_as_github_pages_read_them(tmp_path: Path) -> None:
    """GU-CLASP's site, again: a person's page at ``/people/ada/index.html`` was kept at that
    address, and links to ``/people/ada/``, ``/people/ada//`` (an empty picture's),
    ``/courses/x/index`` and ``/talks/Ada's%20thesis/index.html`` (a quote or parentheses
    in an attribute, ``&#39;``) were errors, though GitHub Pages served each. Each leads to
    its page now. A link to what the old site did not have either is listed in the page's
    ``dead_links``, which the check says as a warning; ``http://room@hotel.example`` and
    ``doi:10.1/x`` come in as they led."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\ncollections:\n  people:\n    output: true\n",
        "_people/ada.md": "---\ntitle: Ada\npermalink: /people/ada/index.html\n---\nAda.\n",
        "courses/x/index.md": "---\ntitle: X\n---\nA course.\n",
        "talks/Ada's thesis (PhD)/index.md": "---\ntitle: Thesis\n---\nThe thesis.\n",
        "index.md": (
            "---\ntitle: Home\n---\n[Ada](/people/ada/) <img alt=\"\" src=\"/people/ada//\">\n"
            "[X](/courses/x/index) <a href=\"/talks/Ada&#39;s%20thesis%20(PhD)/index.html\">T</a>"
            " <a href='/talks/Ada\"s/'>odd</a>\n\n[Slides](/talks/gone.pdf) [Hotel]"
            "(http://room@hotel.example) [Paper](doi:10.1/x)\n"
        ),
    })  # fmt: skip
    person = (content / "people/ada.md").read_text("utf-8")
    assert "permalink" not in person, person  # /people/ada/, the file Jekyll wrote
    home = (content / "index.md").read_text("utf-8")
    assert "[Ada](/people/ada.md)" in home and 'src="/people/ada.md"' in home, home
    assert "[X](/courses/x/index.md)" in home, home
    assert 'href="/talks/Ada%27s%20thesis%20%28PhD%29/index.md"' in home, home
    assert 'dead_links:\n- /talks/Ada"s/\n- /talks/gone.pdf\n' in home, home
    assert "(http://hotel.example)" in home and "(https://doi.org/10.1/x)" in home, home
    assert "index.md:7: the user name in a link to hotel.example is taken out" in result.output
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    said = run(app, "check").output
    assert "0 errors, 3 warnings" in said, said  # (and http:, not encrypted)
    assert "warning: link target '/talks/gone.pdf' points to /talks/gone.pdf, which is not" in said
    assert "it led nowhere on the old site either" in said, said
    assert run(app, "freeze", "--dest", str(tmp_path / "built")).exit_code == 0  # as it did


def test_words_the_old_page_never_showed_are_not_counted(tmp_path: Path) -> None:
    """GU-CLASP's person pages held a ``<title>`` in ``<main>`` (shown nowhere); its words
    were counted as the old page's, and 12 pages were marked "fewer" that lost nothing."""
    result, _ = import_source(tmp_path, {
        "_layouts/person.html": "<main><title>{{ page.name }}</title>{{ content }}</main>",
        "ada.md": "---\ntitle: Ada\nlayout: person\nname: Ada Lovelace\n---\nShe wrote {{ x }}.\n",
        "_site/ada.html": (
            "<html><body><main><title>Lab - Ada Lovelace</title><h1>Ada</h1>"
            "<p>She wrote programs.</p><script>var words = 1;</script></main></body></html>"
        ),
    }, "--built", str(tmp_path / "jekyll/_site"))  # fmt: skip
    assert "/ada.html -> /ada/: redirected; words 4 -> 4" in result.output, result.output


def test_what_the_old_pages_words_come_in_without_is_said(tmp_path: Path) -> None:
    """The 51st attack: a script, a template and a style in the old page's <main> were left
    out of the words it came in with, and the report said nothing (an embedded widget gone
    without a word); the same in a page's source was said. Each is said at its line of the
    old page; the layout's scripts outside <main> are not the page's."""
    result, content = import_source(tmp_path, {
        "about.md": "---\ntitle: About\n---\n{{ site.data.x }}\n",
        "_site/about.html": (
            "<html><body><main>\n<p>Visible</p>\n<script>widget()</script>\n"
            "<template><p>Later</p></template>\n<p>a<style>p{color:red}</style>b</p>\n"
            "</main><script>analytics()</script></body></html>\n"
        ),
    }, "--built", str(tmp_path / "jekyll/_site"))  # fmt: skip
    said = [line for line in result.output.splitlines() if "_site/about.html:" in line]
    assert [line.split("_site/about.html:")[1][:30] for line in said] == [
        "3: left out: <script> is not a",
        "4: left out: <template> is not",
        "5: left out: <style> is not al",
    ], said
    assert "widget" not in (content / "about.md").read_text("utf-8")


def test_what_the_import_writes_to_site_yml_checks_clean(tmp_path: Path) -> None:
    """The 51st attack: the import wrote an address of a port out of range (``url:``, a
    menu's link) into site.yml without a word, and its own check refused it; a link that
    quoted a line break broke the report's line in two. The site's own rules leave them
    out, each said, and the report shows the break as ``\\n``."""
    built_page(tmp_path, "index.html", '<nav><a href="https://ex.net:70000/">Port</a> <a '
               'href="/about/">About</a></nav><main><p>Hi <a href="java&NewLine;script:x()">'
               "n</a></p></main>")  # fmt: skip
    result, content = import_source(tmp_path, {
        "_config.yml": 'title: T\nurl: "https://ex.org:99999"\n',
        "about.md": "---\ntitle: About\npermalink: /about/\n---\nHi\n",
        "index.md": "---\ntitle: Home\n---\n{{ site.data.x }}\n",
    }, "--built", str(tmp_path / "_site"))  # fmt: skip
    said = result.output
    assert "_config.yml:2: its url is left out: it has a port no browser can reach (1 to " in said
    assert "left out the menu link Port: link 'https://ex.net:70000/' has a port no browser" in said
    assert "'java\\nscript:x()'" in said, said
    settings = yaml.safe_load((content / "site.yml").read_text("utf-8"))
    assert "url" not in settings and settings["nav"] == [{"title": "About", "url": "/about/"}]
    checks_clean(content)


def test_a_killed_imports_half_is_removed_by_the_next(tmp_path: Path) -> None:
    """The 51st attack: an import killed while it wrote left its hidden folder (half the
    import, 1,458 files) beside the destination for good, where ``git add -A`` would take
    it. The next import removes it, as the next freeze removes a killed freeze's."""
    from tag_site.publish.freeze import system_tag

    half = tmp_path / f".content.4999999.{system_tag()}.abc.import"  # no such process runs
    (half / "news").mkdir(parents=True)
    (half / "news/2020-01-01-a.md").write_text("half")
    result, content = import_source(tmp_path, {"about.md": "---\ntitle: About\n---\nHi\n"})
    assert result.exit_code == 0 and (content / "about.md").is_file()
    assert not half.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_folders_config_names_are_read_as_jekyll_reads_them(tmp_path: Path) -> None:
    """The 51st attack: ``data_dir: mydata`` and ``includes_dir: myinc`` were "left out: the
    site does not use it", and so were the members table in mydata/ and the include from
    myinc/, which Jekyll read: they are read from there (and ``_data/`` then is none); a
    setting that names no folder at the site's top is said, and the usual one read."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\ndata_dir: mydata\nincludes_dir: myinc/\nlayouts_dir: ../x\n",
        "mydata/people.yml": "- name: Ada Lovelace\n  email: ada@example.org\n  affiliation: X\n",
        "_data/other.yml": "- name: Not read\n  email: no@example.org\n  affiliation: Y\n",
        "myinc/note.md": "Included plain words.\n",
        "index.md": "---\ntitle: Home\n---\nhome {% include note.md %}\n",
        "people.md": "---\ntitle: People\n---\n{% for p in site.data.people %}{{ p.name }}"
        "{% endfor %}\n",
    })  # fmt: skip
    said = result.output
    assert "'data_dir' is left out" not in said and "'includes_dir' is left out" not in said
    assert "mydata/people.yml: became data/members.yml (1 member): a page listed them" in said
    assert "_config.yml:4: 'layouts_dir' is left out: it names no folder at the site's top" in said
    assert "Included plain words." in (content / "index.md").read_text("utf-8")
    assert "Not read" not in (content / "data/members.yml").read_text("utf-8")
    assert not (content / "mydata").exists() and not (content / "myinc").exists()
    checks_clean(content)


def test_an_old_address_the_site_makes_itself_is_answered(tmp_path: Path) -> None:
    """The AIDA lab's report listed its /feed.xml and /404.html as "-> (none)", as if no
    one answered them: the site makes its own there, the same address."""
    result, _ = import_source(tmp_path, {
        "feed.xml": "---\nlayout: null\n---\n<feed></feed>\n",
        "404.html": "---\npermalink: /404.html\n---\nNot here.\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
    })  # fmt: skip
    assert "  /feed.xml -> /feed.xml: same: the site makes its own" in result.output
    assert "  /404.html -> /404.html: same: the site makes its own" in result.output
    assert "(none)" not in result.output, result.output


def test_an_old_sites_own_feed_address_keeps_its_readers(tmp_path: Path) -> None:
    """The AIDA lab's site published its feed from a template at /atom.xml, which the import
    left out: its subscribers' address led nowhere (a redirect is an HTML page, which no
    feed reader reads). The site's feed is served there too (``feed_also_at``)."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: Lab\nurl: https://lab.example.org\n",
        "atom.xml": "---\nlayout: null\n---\n<?xml version=\"1.0\"?>\n<feed xmlns="
        "\"http://www.w3.org/2005/Atom\">{% for post in site.posts %}<entry/>{% endfor %}</feed>\n",
        "_posts/2020-01-02-hello.md": "---\ntitle: Hello\n---\nHi.\n",
    })  # fmt: skip
    said = result.output
    assert "  /atom.xml -> /atom.xml: same: the site's feed is served there too" in said, said
    settings = yaml.safe_load((content / "site.yml").read_text("utf-8"))
    assert settings["feed_also_at"] == ["/atom.xml"]
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    assert run(app, "check").exit_code == 0
    assert run(app, "freeze", "--dest", str(tmp_path / "build")).exit_code == 0
    assert b"&lt;p&gt;Hi.&lt;/p&gt;" in (tmp_path / "build/atom.xml").read_bytes()


def test_what_the_new_site_would_refuse_of_old_addresses_and_menus_is_left_out(
    tmp_path: Path,
) -> None:
    """The 52nd attack: ``redirect_from: [/index.html, /2020/01/01/p.html]`` (the home page's
    file, a post's own old address) and a menu title with a direction override came in as
    written, and the import's own check refused them. Each is left out, said; the report
    shows the override escaped, not turning its line round."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\nurl: https://x.org\n",
        "index.md": "---\ntitle: Home\n---\nhome\n",
        "_posts/2020-01-01-p.md": "---\ntitle: P\n---\npost\n",
        "go.md": "---\ntitle: Go\nredirect_from: [/index.html, /2020/01/01/p.html, /g.htm]\n"
        "---\ngo\n",
        "about.md": "---\ntitle: About\npermalink: /about/\n---\nab\n",
        "_data/navigation.yml": '- title: "Ab&#x202E;out"\n  url: /about/\n',
    })  # fmt: skip
    said = result.output
    assert "go.md:3: its redirect_from '/index.html' is left out: /index.html is a page's" in said
    assert (
        "go.md:3: its redirect_from '/2020/01/01/p.html' is left out: it is the old address "
        "of _posts/2020-01-01-p.md, which keeps it" in said
    )
    assert "the menu's 'About' held direction overrides (U+202E)" in said
    assert "\u202e" not in said and "Ab\\u202eout" in said
    go = yaml.safe_load((content / "go.md").read_text("utf-8").split("---\n")[1])
    assert go["redirect_from"] == ["/go.html", "/g.htm"]
    checks_clean(content)


def test_a_footnote_is_no_links_definition(tmp_path: Path) -> None:
    """The 54th attack: a footnote's line (``[^1]: Smith 2019, p. 4.``) was read as a link's
    definition: its words became an address (``/2020/01/01/Smith%202019,%20p.%204.``), listed
    as a dead link, and a link in it was broken. Footnotes keep their words."""
    note = "[^1]: Smith 2019, p. 4. See [here](https://x.org)."
    _, content = import_source(tmp_path, {
        "_posts/2020-01-01-a.md": f"---\ntitle: A\n---\nA claim.[^1]\n\n{note}\n",
        "research.md": "---\ntitle: R\n---\nWe found.[^n]\n\n[^n]: Nature 2020\n",
    })  # fmt: skip
    post = (content / "news/2020-01-01-a.md").read_text("utf-8")
    assert note in post and "dead_links" not in post, post
    page = (content / "research.md").read_text("utf-8")
    assert "[^n]: Nature 2020" in page and "dead_links" not in page, page
    checks_clean(content)


def test_a_refused_element_at_a_lines_end_keeps_the_line_break(tmp_path: Path) -> None:
    """The 55th attack: a ``<script>`` left out at the end of a line took the line's break
    with it: two paragraphs became one, a heading took in the next line ("Heading body
    text"), two list items one. Only an element that fills its line takes the break."""
    result, content = import_source(tmp_path, {
        "a.md": "---\ntitle: A\n---\n# Heading <script>x()</script>\nbody text\n\n"
        "- one <script>y()</script>\n- two\n\n<script>z()</script>\nafter\n",
    })  # fmt: skip
    page = (content / "a.md").read_text("utf-8")
    assert "# Heading \nbody text" in page and "- one \n- two" in page, page
    assert "\nafter" in page and "<script" not in page and "left out: <script>" in result.output
    checks_clean(content)


def test_a_labs_site_comes_in_without_a_hand_edit(tmp_path: Path) -> None:
    """A third real site (a lab's) left 52 errors after its import, each a hand edit: a
    paper's PDF listing a member's address the members page did not show; a hidden
    member's address in an HTML comment; links to ``d3js.org`` and ``www.x.org/a`` written
    as paths (which led nowhere); a relative link and an anchor the old site had not either;
    an ``ftp:`` link; its ORCID addresses and photo names were left out; and its menu
    listed every page, not the 7 its layout did. Now: the file's
    member is shown (noted), the comment loses the address (noted), the links lead to the
    sites, the dead ones are listed in ``dead_links:``, ftp is a warning, ORCID iDs and
    photos come in, the menu is the old home page's; and the import checks clean."""
    import zlib

    stream = zlib.compress(b"BT (Authors: Houda, houda@lab.example) Tj ET")
    paper = b"%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream\n"
    built_page(tmp_path, "people.html", "<html><body><main><p>Our people.</p>\n<p>Jan Houda"
               " Danai</p>\n</main></body></html>\n")  # fmt: skip
    built_page(tmp_path, "course.html", '<html><body><main><h2 id="intro">Intro</h2>\n'
               "<p>Tools: D3</p>\n</main></body></html>\n")  # fmt: skip
    built_page(tmp_path, "index.html", '<html><body><header><nav><ul><!-- <li><a href="/x">'
               'X</a></li> --><li><a href="/">Home</a></li><li><a href="/feed.xml">Feed</a>'
               '</li><li><a href="/course.html">Our &amp; course</a></li><li><a '
               'href="http://lab.example/people">People</a></li><li><a href="https://elsewhere'
               '.example/">Out</a></li></ul></nav></header><main><p>Hi</p></main></body>'
               "</html>")  # fmt: skip
    result, content = import_source(tmp_path, {
        "_data/people.yml": "- name: Jan\n  title: Professor\n  email: jan@lab.example\n"
                            "  orcid: http://orcid.org/0000-0002-1825-0097\n"
                            "  image: jan.jpg\n- name: Houda\n  title: PhD student\n"
                            "  email: houda@lab.example\n- name: Danai\n  title: PhD student\n"
                            "  email: danai@lab.example\n  image: nobody.jpg\n",
        "people.md": "---\ntitle: People\n---\nOur people.\n\n{% for p in site.data.people %}"
                     "{{ p.name }}\n{% endfor %}\n",
        "course.md": "---\ntitle: Course\n---\n## Intro\n\nTools: [D3](d3js.org), [talk]"
                     "(www.youtube.com/watch?v=x), [notes](gone.html), [old](#62-data), "
                     "[data](ftp://ftp.example.org/x.gz), [file](paper.pdf), "
                     "[cdn](//d3js.org/)\n\n<!--\n"
                     "- Danai: danai@lab.example\n-->\n",
        "_config.yml": "title: Lab\nurl: http://lab.example\n",
        "index.md": "---\ntitle: Home\n---\nHi\n",
        "_posts/2014-02-20-draft.md": "---\ntitle: Draft\npublished: false\n---\nNot yet.\n",
        "paper.pdf": paper,
        "assets/jan.jpg": b"\xff\xd8\xff\xe0 a picture",
    }, "--built", str(tmp_path / "_site"))  # fmt: skip
    said = result.output
    members = yaml.safe_load((content / "data/members.yml").read_text("utf-8"))
    assert members[0]["orcid"] == "0000-0002-1825-0097" and members[0]["photo"] == "/assets/jan.jpg"
    assert members[1].get("show_email") is True and "show_email" not in members[2], members
    assert members[1]["position"] == "PhD student" and "title" not in members[1], members  # a post
    assert "Houda: show_email: true, as the old site published the address in paper.pdf" in said
    assert "Danai: left out the photo 'nobody.jpg': no file of the site has that name" in said
    page = (content / "course.md").read_text("utf-8")
    assert "[D3](https://d3js.org)" in page and "(https://www.youtube.com/watch?v=x)" in page
    assert "danai@lab.example" not in page and "(address left out)" in page, page
    assert (
        "course.md: a comment (which readers never see, but the page's source shows) held" in said
    )
    assert "the link to 'd3js.org' led nowhere on the old site" in said, said
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["dead_links"] == ["#62-data", "/gone.html"], front
    assert "/2014/02/20/draft.html -> /news/2014/draft/: unpublished, as on the old site" in said
    menu = yaml.safe_load((content / "site.yml").read_text("utf-8"))["nav"]  # as published:
    assert menu == [  # its pages and another site's, not the commented-out link
        {"title": "Our & course", "url": "/course/"},
        {"title": "People", "url": "/members/"},
        {"title": "Out", "url": "https://elsewhere.example/"},
    ], menu
    assert "left out the menu's link 'Home': the site's title leads to the home page" in said
    assert "left out the menu's link 'Feed': it leads to no page of the new site" in said
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2030-01-01"})
    checked = run(app, "check")
    assert checked.exit_code == 0, checked.output
    assert "uses ftp:, which browsers no longer open" in checked.output, checked.output
    frozen = run(app, "freeze", "--dest", str(tmp_path / "build"))  # agrees: dead anchors too
    assert frozen.exit_code == 0, frozen.output


def test_the_published_menu_reads_its_links_as_browsers_did(tmp_path: Path) -> None:
    """The 50th attack: the old home page's menu linked ``/about/index.html`` and
    ``about/``, which the import read as no page, and then dropped the whole menu without a
    word; a link with a space was cut at it. Each form of a page's address is its page; a
    menu that leads to no page is said so; a link the site refuses is named at site.yml. The
    51st: a link to a page the menu leads to already, and a link's ``#place``, went without
    a word."""
    built_page(tmp_path, "index.html", '<html><body><nav><a href="/about/index.html">About '
               'us</a> <a href="https://github.com/group">GitHub</a> <a href=" about/ ">Rel</a>'
               ' <a href="https://example.org/our group">Spaced</a></nav><main><p>Home words'
               "</p></main></body></html>")  # fmt: skip
    result, content = import_source(tmp_path, {
        "_config.yml": "title: T\nurl: https://old.example.org\ntimezone: UTC\n",
        "about.md": "---\ntitle: About\npermalink: /about/\n---\nHi\n",
        "index.md": "---\nlayout: home\n---\nHome words\n",
    }, "--built", str(tmp_path / "_site"))  # fmt: skip
    menu = yaml.safe_load((content / "site.yml").read_text("utf-8"))["nav"]
    assert menu == [
        {"title": "About us", "url": "/about/"},
        {"title": "GitHub", "url": "https://github.com/group"},
    ], menu
    assert "site.yml: left out the menu link Spaced: 'url' has a space" in result.output
    said = "index.html: left out the menu's link 'Rel': it leads to /about/, as 'About us' does"
    assert said in result.output  # the 51st attack: it went without a word
    built_page(tmp_path, "index.html", '<nav><a href="/about.html#team">Team</a></nav>')
    result, content = import_source(tmp_path / "anchor", {
        "about.md": "---\ntitle: About\n---\nHi\n",
    }, "--built", str(tmp_path / "_site"))  # fmt: skip
    said = "the menu's link 'Team' leads to /about/, without its '#team': a menu leads to pages"
    assert said in result.output, result.output
    built_page(tmp_path, "index.html", '<nav><a href="/gone/">X</a></nav><main>Hi</main>')
    result, content = import_source(tmp_path / "again", {
        "about.md": "---\ntitle: About\n---\nHi\n",
    }, "--built", str(tmp_path / "_site"))  # fmt: skip
    assert "the old home page's menu (1 link) led to no page of the new site" in result.output


def test_leaving_a_hidden_address_out_of_comments_takes_linear_time() -> None:
    """Comments are found as the check finds them, in one pass: a regular expression from
    each ``<!--`` to a ``-->`` took 26.6 s on 32,000 openings never closed (224 kB), and
    four times the text took sixteen times as long."""
    from tag_site.jekyll.importer import without_hidden_in_comments

    hidden = [{"name": "Ada", "email": "ada@example.org"}]
    text = "<!-- ada@example.org --> and `<!-- ada@example.org -->`\n"
    assert without_hidden_in_comments(text, hidden) == (
        "<!-- (address left out) --> and `<!-- ada@example.org -->`\n",
        ["Ada"],
    )

    def cost(openings: int) -> float:
        started = time.process_time()
        without_hidden_in_comments("<!-- x " * openings, hidden)
        return time.process_time() - started

    assert cost(64_000) < 8 * max(cost(8_000), 0.005)  # 8 times the text: not 64 times


def test_an_include_named_by_a_value_is_pasted(tmp_path: Path) -> None:
    """The 56th attack: ``{% include {{ page.inc }} %}`` was published as the text "{%
    include a.html %}" without a word (the value was filled in, the tag left as text).
    Jekyll reads the value first: the include is pasted; one whose value is none, or with
    parameters, is left out and said, as a whole tag."""
    result, content = import_source(tmp_path, {
        "_includes/a.html": "INCLUDED words\n",
        "l1.md": "---\ntitle: L1\ninc: a.html\n---\nAA {% include {{ page.inc }} %} ZZ\n\n"
                 "BB {% include {{ page.nope }} %} YY\n\nCC {% link {{ page.x }} %} DD\n",
    })  # fmt: skip
    assert result.exit_code == 0, result.output
    body = (content / "l1.md").read_text("utf-8")
    assert "AA INCLUDED words ZZ" in body and "BB  YY" in body and "CC  DD" in body, body
    assert "include" not in body.split("---")[-1], body
    assert "l1.md:7: left out: Liquid is not supported: '{% include {{ page.nope }} %}'" in (
        result.output
    )
    checks_clean(content)


def test_binary_yaml_comes_in_as_its_text(tmp_path: Path) -> None:
    """The 56th attack: ``!!binary aGVsbG8=`` came in as "b'hello'" (Python's words for
    bytes) in a title, the menu and the site's description; Jekyll shows "hello"."""
    result, content = import_source(tmp_path, {
        "_config.yml": "title: S\ndescription: !!binary aGVsbG8=\n",
        "p.md": "---\ntitle: !!binary aGVsbG8=\n---\nbody\n",
    })  # fmt: skip
    assert result.exit_code == 0, result.output
    settings = yaml.safe_load((content / "site.yml").read_text("utf-8"))
    assert settings["description"] == "hello", settings
    assert "title: hello\n" in (content / "p.md").read_text("utf-8")


def test_a_name_with_a_line_break_keeps_the_reports_lines(tmp_path: Path) -> None:
    """The 56th attack: a page named "c\\nd.md" broke its line of the report's old addresses
    in two; it is written ``c\\nd``, as the notes write it."""
    result, _ = import_source(tmp_path, {"c\nd.md": "---\ntitle: B\n---\nHi\n"})
    assert result.exit_code == 0, result.output
    assert "  /c\\nd.html -> (none): left out: the name holds '\\n'" in result.output, result.output


def test_an_excerpt_of_html_comes_in_as_its_words(tmp_path: Path) -> None:
    """The 58th attack: ``excerpt: Our <em>new</em> paper &amp; code`` (HTML to the old
    site's layouts) came in as the summary as written, and the news list showed readers the
    tags and "&amp;": the summary is its words."""
    result, content = import_source(tmp_path, {
        "_posts/2024-01-01-p.md": "---\ntitle: P\nexcerpt: Our <em>new</em> paper &amp; code\n"
                                  "---\nBody.\n",
    })  # fmt: skip
    assert result.exit_code == 0, result.output
    post = next((content / "news").glob("*.md")).read_text("utf-8")
    assert "summary: Our new paper & code\n" in post, post


@pytest.mark.parametrize(
    ("excerpt", "why"),
    [
        ("<script>alert(1)</script>Words", "<script> is not allowed"),
        ("<style>p{color:red}</style>Words", "<style> is not allowed"),
        ("<p hidden>Secret plan</p> Words", "hidden= hides"),
        ("<scr<b></b>ipt>x</scr<b></b>ipt>", "would write '<script>'"),
    ],
)
def test_an_excerpt_whose_words_were_not_shown_is_left_out_with_a_note(
    tmp_path: Path, excerpt: str, why: str
) -> None:
    """The 65th attack: an excerpt's words were all its text but its tags, so a script's and
    a style's code ("alert(1)"), hidden words and tags the others' removal joined ("<script>")
    became the summary readers of the feed and the news list see, without a note. Such an
    excerpt is left out (the summary is the post's first paragraph), said at its line."""
    result, content = import_source(tmp_path, {
        "_posts/2024-01-01-p.md": f"---\ntitle: P\nexcerpt: {json.dumps(excerpt)}\n---\nBody.\n",
    })  # fmt: skip
    assert result.exit_code == 0, result.output
    post = next((content / "news").glob("*.md")).read_text("utf-8")
    assert "summary:" not in post, post
    said = next(line for line in result.output.splitlines() if "its excerpt is left out" in line)
    assert "_posts/2024-01-01-p.md:3:" in said and why in said, result.output


def test_an_imported_posts_address_spells_its_letters_as_flask_new_does(tmp_path: Path) -> None:
    """Issue 22: the import named files by a second slug function of its own; it names them
    by the site's one, which spells every letter ("Zürich–Łódź" is "zurich-lodz")."""
    result, content = import_source(tmp_path, {
        "_posts/2024-01-01-Zürich–Łódź.md": "---\ntitle: Z\n---\nWords.\n",
        "_posts/2024-01-02-x.md": "---\ntitle: X\nslug: Ελληνικά\n---\nWords.\n",
    })  # fmt: skip
    assert result.exit_code == 0, result.output
    named = sorted(path.name for path in (content / "news").glob("*.md"))
    assert named == ["2024-01-01-zurich-lodz.md", "2024-01-02-ellinika.md"], result.output


def test_a_line_separator_in_old_front_matter_comes_in_as_a_space(tmp_path: Path) -> None:
    """The 68th attack: the same front matter in an old page made the import end in a
    traceback, nothing written. Jekyll's YAML read each U+2028 as a line's end inside its
    value, a space: so does the import, with a note."""
    result, content = import_source(tmp_path, {
        "a.md": "---\ntitle: A\nx: '\u2028'\ny: 'b\u2028c'\n---\nWords here.\n",
    })  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "a.md:3: U+2028 (a line separator) is a space now" in result.output
    assert "Words here." in (content / "a.md").read_text("utf-8")
