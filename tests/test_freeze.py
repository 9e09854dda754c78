"""``flask freeze``: a real Frozen-Flask build, base URLs, refusals, and atomic publishing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from flask import Flask

from tag_site import ROOT
from tag_site.errors import ProblemsError
from tag_site.markdown import render
from tag_site.publish import freeze as freeze_module
from tag_site.publish.freeze import MANIFEST, FreezeError, freeze_site, system_tag

from .helpers import BASE, Write, app_on, check, deadline, freeze, published_text, snapshot


def internal_links(folder: Path, prefix: str) -> list[tuple[str, str]]:
    """Return (page, target) for each address (href, src, poster, srcset) of the output that
    stays on the site."""
    links = []
    for page in folder.rglob("*.html"):
        url = prefix + page.relative_to(folder).as_posix().removesuffix("index.html")
        text = page.read_text("utf-8")
        sets = re.findall(r'srcset="([^"]*)"', text)
        candidates = [candidate.split()[0] for found in sets for candidate in found.split(",")]
        for href in re.findall(r'(?:href|src|poster)="([^"]*)"', text) + candidates:
            target = urlsplit(urljoin("https://example.org" + url, href))
            if target.netloc == "example.org" and target.path:
                links.append((url, unquote(target.path)))
    return links


@pytest.fixture
def linked_site(site: Write) -> Write:
    """A site whose pages link to each other in all the ways editors write links."""
    site("files/report.pdf", b"%PDF-1.4")
    site("images/logo.png", (ROOT / "content/images/favicon.png").read_bytes())
    site(
        "research/topics.md",
        "---\ntitle: Topics\n---\n\nSee [members](/members/), [about](../about.md), "
        "[the report](/files/report.pdf), [events](/events/#content) and "
        "[who](/about/#who-we-are).\n\n<a href='/news/'>News</a> ![Logo](/images/logo.png)\n\n"
        '<img src="/images/logo.png" srcset="/images/logo.png 1x, /files/../images/logo.png 2x" '
        'alt="Logo"> <video poster="/images/logo.png" controls></video>\n',
    )
    return site


def test_freeze_with_base_url_resolves_every_link(
    linked_site: Write, app: Flask, tmp_path: Path
) -> None:
    """Every internal link and asset of the output carries /sciml/ and is a written file; the
    freeze's two counts agree (the 55th attack: 11 and 12 against 22, .nojekyll counted once)."""
    dest = tmp_path / "out"
    result = freeze(app, "--dest", str(dest), "--base-url", BASE)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"Wrote 11 pages and 11 other files to {dest} in \d+\.\d\d s"
        r" \(search index: \d+ files, \d+ kB\)\.\n"
        r"First build: 22 pages and files, nothing to compare with\.\n",
        result.output,
    )
    files = snapshot(dest)
    for name in (
        "index.html",
        "about/index.html",
        "research/topics/index.html",
        "members/index.html",
        "join/index.html",
        "events/index.html",
        "news/index.html",
        "404.html",
        "files/report.pdf",
        "static/site.css",
        ".nojekyll",
        MANIFEST,
    ):
        assert name in files
    links = internal_links(dest, "/sciml/")
    assert len(links) > 40
    for page, target in links:
        assert target.startswith("/sciml/"), (page, target)
        path = dest / target.removeprefix("/sciml/")
        assert (path / "index.html" if target.endswith("/") else path).is_file(), (page, target)
    topics = (dest / "research/topics/index.html").read_text("utf-8")
    assert 'href="/sciml/about/"' in topics
    assert '<link rel="canonical" href="https://example.org/sciml/research/topics/">' in topics


def test_the_shipped_site_freezes_with_its_old_words_and_working_links(
    real_app: Flask, tmp_path: Path
) -> None:
    """The shipped site: title block, intro, 14 mailto: links, events notice, links resolve."""
    dest = tmp_path / "new-folder"
    result = freeze(real_app, "--dest", str(dest), "--base-url", BASE)
    assert result.exit_code == 0, result.output
    home = (dest / "index.html").read_text("utf-8")
    assert "Topical Activity Group<br> Scientific Machine Learning" in home
    assert "combination of numerical methods and machine learning" in home
    assert len(re.findall(r'href="mailto:[^"@]+&#64;[^"]+&#46;[a-z]+"', home)) == 14
    for page in dest.rglob("*.html"):  # no address a harvester's regex could pick up
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", page.read_text("utf-8")), page
    assert "More information will follow soon." in home
    for page, target in internal_links(dest, "/sciml/"):
        path = dest / target.removeprefix("/sciml/")
        assert (path / "index.html" if target.endswith("/") else path).is_file(), (page, target)


def test_two_freezes_give_identical_bytes(linked_site: Write, app: Flask, tmp_path: Path) -> None:
    """Same input, same output, manifest included."""
    assert freeze(app, "--dest", str(tmp_path / "a"), "--base-url", BASE).exit_code == 0
    assert freeze(app, "--dest", str(tmp_path / "b"), "--base-url", BASE).exit_code == 0
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_default_base_url_comes_from_site_settings(site: Write, app: Flask, tmp_path: Path) -> None:
    """Without --base-url the url of site.yml is used (here the root of example.org)."""
    assert freeze(app, "--dest", str(tmp_path / "out")).exit_code == 0
    home = (tmp_path / "out/index.html").read_text("utf-8")
    assert 'href="/members/"' in home
    assert '<link rel="canonical" href="https://example.org/">' in home


@pytest.fixture
def previous(site: Write, app: Flask, tmp_path: Path) -> Path:
    """A previous build, with a CNAME that the freeze did not write."""
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest), "--base-url", BASE).exit_code == 0
    (dest / "CNAME").write_text("sciml.example.org\n")
    return dest


def test_rebuild_keeps_cname(previous: Path, site: Write, app: Flask) -> None:
    """A rebuild replaces the pages and keeps files it did not write."""
    site("about.md", "---\ntitle: Changed\n---\n")
    assert freeze(app, "--dest", str(previous), "--base-url", BASE).exit_code == 0
    assert (previous / "CNAME").read_text() == "sciml.example.org\n"
    assert "<h1>Changed</h1>" in (previous / "about/index.html").read_text("utf-8")
    assert sorted(p.name for p in previous.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("about.md", "---\ntitle: a: b\n---\n", "content/about.md:2:9: invalid YAML"),
        ("about.md", b"---\ntitle: caf\xe9\n---\n", "content/about.md:2: this file is not UTF-8"),
        ("data/members.yml", "- name: A\n  ems_member: maybe\n", "content/data/members.yml:2:"),
        (
            "about.md",
            "---\ntitle: A\n---\n[x](/nowhere/)\n",
            "content/about.md:4:1: link target '/nowhere/' points to /nowhere/, which is not",
        ),
        (
            "about.md",
            "---\ntitle: A\n---\n\n\n[x](/members/#nobody)\n",
            "content/about.md:6:1: link target '/members/#nobody': /members/ has no heading",
        ),
        (
            "site.yml",
            "title: T\nurl: https://example.org/\nnav:\n  - title: R\n    url: /research/\n",
            "content/site.yml:5: link '/research/' points to /research/, which is not a page",
        ),
    ],
    ids=["yaml", "encoding", "members", "missing-page", "missing-anchor", "nav-link"],
)
def test_content_error_publishes_nothing(
    previous: Path, site: Write, app: Flask, name: str, text: str | bytes, expected: str
) -> None:
    """A content problem: exit 1, file:line: message, the previous build byte-identical."""
    before = snapshot(previous)
    site(name, text)
    result = freeze(app, "--dest", str(previous), "--base-url", BASE)
    assert result.exit_code == 1
    assert expected in result.output
    assert "nothing was published" in result.output
    assert "Traceback" not in result.output
    assert snapshot(previous) == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["build", "site"]


def test_site_without_home_page_is_not_published(write: Write, app: Flask, tmp_path: Path) -> None:
    """No content/index.md: one clear error instead of a broken link on every page."""
    write("about.md", "---\ntitle: About\n---\n")
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/index.md: the site has no home page — add this file, with 'layout: home'"
    )


@pytest.mark.parametrize("failure", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_failure_in_the_middle_leaves_the_old_build(
    previous: Path, app: Flask, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    """A crash or Ctrl-C half-way through the pages: old build intact, no temp folder left."""
    before = snapshot(previous)
    calls: list[str] = []
    original = render.render_body

    def render_then_fail(text: str, resolve: object) -> object:
        calls.append(text)
        if len(calls) == 2:
            raise failure
        return original(text, resolve)  # type: ignore[arg-type]

    monkeypatch.setattr("tag_site.web.views.render_body", render_then_fail)
    # At another address: no page of the old build is kept.
    with pytest.raises(type(failure), match=re.escape(str(failure)) or None):
        freeze_site(app, previous, "https://example.org/elsewhere/")
    assert len(calls) == 2
    assert snapshot(previous) == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["build", "site"]


def test_a_freeze_that_ran_meanwhile_is_no_stranger(
    previous: Path, site: Write, app: Flask, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two freezes into one folder at once: the one that published second failed, blaming a
    search file that the first had just written ("was not written by a freeze"). It goes by
    the manifest of what is there when it publishes: both succeed, the files of neither
    are carried as strangers, and the CNAME that no freeze wrote is kept."""
    original = freeze_module.make_site
    other = app_on(content)

    def another_freeze_first(*args: Any, **kwargs: Any) -> Any:
        made = original(*args, **kwargs)
        site("about.md", "---\ntitle: Changed meanwhile\n---\n\nOther words entirely.\n")
        monkeypatch.setattr(freeze_module, "make_site", original)
        freeze_site(other, previous, BASE)  # publishes while this one is half-way
        return made

    monkeypatch.setattr(freeze_module, "make_site", another_freeze_first)
    freeze_site(app, previous, BASE)
    manifest = json.loads((previous / MANIFEST).read_text("utf-8"))
    on_disk = {p.relative_to(previous).as_posix() for p in previous.rglob("*") if p.is_file()}
    assert on_disk == {*manifest["files"], MANIFEST, "CNAME"}


def test_a_freeze_that_published_first_into_a_new_folder_is_no_traceback(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two first freezes into one new folder: the one that found no folder and then could
    not put its build there (the other had just published) ended in a traceback. It says
    so; the other's build stays whole."""
    dest = tmp_path / "build"
    other = tmp_path / "other"
    assert freeze(app, "--dest", str(other)).exit_code == 0
    looked, swap, publishing = Path.exists, freeze_module.swap, []

    def published_meanwhile(path: Path) -> bool:
        if publishing and path == dest and not dest.is_dir():  # the other publishes right after
            shutil.copytree(other, dest)
            return False
        return looked(path)

    def swap_now(build: Path, into: Path) -> None:
        publishing.append(True)
        swap(build, into)

    monkeypatch.setattr(freeze_module.Path, "exists", published_meanwhile)
    monkeypatch.setattr(freeze_module, "swap", swap_now)
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "another freeze published there meanwhile — run the freeze again" in result.output
    assert snapshot(dest) == snapshot(other)


def test_a_freeze_whose_build_another_replaced_at_once_says_what_it_wrote(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Freezes run together into one folder: one that had published measured its search
    index in the destination, which another had replaced meanwhile, and ended in a
    traceback (FileNotFoundError). It measures its index before it publishes."""
    dest, other = tmp_path / "build", tmp_path / "other"
    assert freeze(app, "--dest", str(other)).exit_code == 0
    swap = freeze_module.swap

    def swap_then_replaced(build: Path, into: Path) -> None:
        swap(build, into)
        shutil.rmtree(into / "pagefind")  # the other freeze's build, of other names, in its place

    monkeypatch.setattr(freeze_module, "swap", swap_then_replaced)
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "search index:" in result.output


@pytest.mark.parametrize("disguised", [False, True], ids=["plain", "as-a-repository"])
def test_an_earlier_build_committed_to_git_is_not_kept_from(
    site: Write, app: Flask, tmp_path: Path, disguised: bool
) -> None:
    """A pull request that commits _site/ with a forged manifest (an events.ics holding an
    address, its SHA-256 written in) had that file kept by CI's freeze as its own. A build
    that git tracks is refused, and the files stay as they were; so is one that also
    commits a HEAD, objects/ and refs/ in it, which git took for a repository of its own
    (empty: it said the build was not committed)."""
    dest = tmp_path / "_site"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    if disguised:
        (dest / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
        for folder in ("objects", "refs"):
            (dest / folder).mkdir()
            (dest / folder / ".keep").write_text("", "utf-8")
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "_site"], check=True)
    before = snapshot(dest)
    frozen = freeze(app, "--dest", str(dest))
    assert frozen.exit_code == 1, frozen.output
    assert "is an earlier build committed to git" in frozen.output
    assert snapshot(dest) == before


def test_an_earlier_build_committed_beside_the_destination_is_not_put_back(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The same forged build, committed as .out.4999999.abc.old/out (the name a freeze killed
    between its two renames leaves), was put back as the previous build, its events.ics kept
    with the address written in; a failed freeze left it as the destination. A folder git
    tracks is no killed freeze's: neither put back nor removed."""
    dest, planted = tmp_path / "out", tmp_path / f".out.4999999.{system_tag()}.abc.old"
    assert freeze(app, "--dest", str(tmp_path / "made")).exit_code == 0
    planted.mkdir()
    (tmp_path / "made").rename(planted / "out")
    calendar = planted / "out" / "events.ics"
    calendar.write_bytes(
        calendar.read_bytes().replace(b"END:VCALENDAR", b"X-P:ada@example.org\r\nEND:VCALENDAR")
    )
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", planted.name], check=True)
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    assert b"ada@example.org" not in (dest / "events.ics").read_bytes()
    assert b"ada@example.org" in calendar.read_bytes()  # left where it is


def test_folders_named_as_a_killed_freezes_but_not_its_own_are_left_alone(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A freeze removed any folder beside its destination named .out.PID.x.tmp whose PID ran
    no process here (a freeze's running in another container sharing the folder, someone's
    notes), and put back a .out.PID.x.old/out holding no build as the previous one, then
    emptied it. A folder is a killed freeze's only if it names this system, and an .old one
    is put back only if it holds a build."""
    elsewhere = tmp_path / ".out.99999.0123456789ab.abc.tmp"  # another system's running freeze
    ours_no_build = tmp_path / f".out.99998.{system_tag()}.abc.old"  # holding no build
    (elsewhere / "out").mkdir(parents=True)
    (elsewhere / "out" / "index.html").write_text("in progress", "utf-8")
    (ours_no_build / "out").mkdir(parents=True)
    (ours_no_build / "out" / "thesis.tex").write_text("my notes", "utf-8")
    killed = tmp_path / f".out.99997.{system_tag()}.abc.tmp"  # a freeze killed here
    (killed / "about").mkdir(parents=True)
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (elsewhere / "out" / "index.html").read_text("utf-8") == "in progress"
    assert (ours_no_build / "out" / "thesis.tex").read_text("utf-8") == "my notes"
    assert not killed.exists()
    assert not (tmp_path / "out" / "thesis.tex").exists()


@pytest.mark.parametrize("linked", ["destination", "its folder"])
def test_a_destination_through_a_link_git_tracks_is_refused(
    site: Write, app: Flask, tmp_path: Path, linked: str
) -> None:
    """A pull request that committed `preview -> /somewhere` made CI's freeze --dest preview
    write the site outside the checkout (and remove a folder there named as a killed
    freeze's): a destination reached through a link git tracks is refused."""
    outside, repo = tmp_path / "outside", tmp_path / "repo"
    (outside / f".victim.999999.{system_tag()}.abc.tmp").mkdir(parents=True)
    repo.mkdir()
    link = repo / ("preview" if linked == "destination" else "out")
    link.symlink_to(outside / "victim" if linked == "destination" else outside)
    git = ["git", "-C", str(repo), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", link.name], check=True)
    dest = link if linked == "destination" else link / "victim"
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1 and f"{link} is a link git tracks" in result.output
    assert sorted(p.name for p in outside.iterdir()) == [f".victim.999999.{system_tag()}.abc.tmp"]


@pytest.mark.parametrize("kind", ["link to /dev/zero", "pipe"])
def test_a_manifest_that_is_no_file_is_no_manifest(
    site: Write, app: Flask, tmp_path: Path, kind: str
) -> None:
    """A manifest committed as a link to /dev/zero filled the memory (then a traceback), and
    a pipe made the freeze wait for ever: a manifest is a file of its own, and a folder with
    any other is not an earlier build."""
    dest = tmp_path / "out"
    dest.mkdir()
    if kind == "pipe":
        os.mkfifo(dest / ".tag-site-build.json")
    else:
        (dest / ".tag-site-build.json").symlink_to("/dev/zero")
    started = time.monotonic()
    with deadline(20):  # its TimeoutError, caught as an OSError, would end the wait unseen
        result = freeze(app, "--dest", str(dest))
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and "is not empty and not an earlier build" in result.output


def destination(kind: str, tmp_path: Path, content: Path) -> Path:
    """Return a destination the freeze must refuse."""
    if kind == "repo-root":
        return content.parent
    if kind == "content":
        return content
    if kind == "inside-content":
        return content / "build"
    if kind == "git-checkout":
        (tmp_path / "checkout/.git").mkdir(parents=True)
        return tmp_path / "checkout"
    if kind == "non-empty":
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs/thesis.tex").write_text("precious")
        return tmp_path / "docs"
    (tmp_path / "a-file").write_text("precious")
    return tmp_path / "a-file"


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("repo-root", "is the current folder, the repository"),
        ("content", "the content folder"),
        ("inside-content", "the content folder"),
        ("git-checkout", "holds a git repository"),
        ("non-empty", "is not empty and not an earlier build"),
        ("file", "is a file"),
    ],
)
def test_the_freeze_never_writes_where_it_could_destroy_something(
    site: Write,
    content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    reason: str,
) -> None:
    """The freeze never writes where it could destroy something it did not make."""
    from tag_site import create_app

    monkeypatch.setattr(freeze_module.Path, "cwd", lambda: content.parent)
    app = create_app({"CONTENT_DIR": str(content), "TESTING": True})
    app.root_path = str(content.parent)
    dest = destination(kind, tmp_path, content)
    before = snapshot(tmp_path)
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1
    assert reason in result.output
    assert snapshot(tmp_path) == before


def test_current_folder_is_refused(
    site: Write, app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`flask freeze --dest .` is refused."""
    monkeypatch.chdir(tmp_path)
    result = freeze(app, "--dest", ".")
    assert result.exit_code == 1
    assert "is the current folder" in result.output


@pytest.fixture
def secret_route(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the app the freeze makes a view whose URLs the Build does not list."""
    make_app = freeze_module.site_app

    def with_a_secret_route(*args: Any, **kwargs: Any) -> Flask:
        made = make_app(*args, **kwargs)
        made.add_url_rule("/secret/<name>/", "secret", lambda name: name)
        return made

    monkeypatch.setattr(freeze_module, "site_app", with_a_secret_route)


@pytest.mark.usefixtures("secret_route")
def test_frozen_flask_warnings_are_errors(site: Write, app: Flask, tmp_path: Path) -> None:
    """A view whose URLs the Build does not list fails the freeze, not silently skipped."""
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "Nothing frozen for endpoints secret" in result.output
    assert not (tmp_path / "out").exists()


def test_a_base_url_that_is_no_address_is_refused_before_writing(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A base URL that is not an address is refused before anything is written."""
    result = freeze(app, "--dest", str(tmp_path / "out"), "--base-url", "example.org/sciml")
    assert result.exit_code == 1
    assert "--base-url 'example.org/sciml' must be the full address" in result.output
    assert not (tmp_path / "out").exists()


def test_the_check_refuses_the_base_url_the_freeze_would_refuse(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """TAG_SITE_BASE_URL without a host passed `flask check` and failed the freeze: both now
    refuse it, naming the setting."""
    app = app_on(content, BASE_URL="https:///sciml/")
    said = "TAG_SITE_BASE_URL 'https:///sciml/' must be the full address"
    checked = check(app)
    assert checked.exit_code == 1 and said in checked.output, checked.output
    frozen = freeze(app, "--dest", str(tmp_path / "out"))
    assert frozen.exit_code == 1 and said in frozen.output


def test_copied_build_is_still_recognised(previous: Path, app: Flask, tmp_path: Path) -> None:
    """A previous build moved elsewhere keeps its manifest and can be rebuilt in place."""
    moved = tmp_path / "moved"
    shutil.copytree(previous, moved)
    assert freeze(app, "--dest", str(moved), "--base-url", BASE).exit_code == 0


@pytest.mark.parametrize(
    "relative",
    ["nothere/../content", "nothere/../../site", "build/..", "content/../content/x/.."],
)
def test_dot_dot_cannot_sneak_past_the_refusals(
    site: Write, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: str
) -> None:
    """A destination is resolved before it is judged: '..' never reaches content/ or the repo."""
    monkeypatch.chdir(content.parent)
    (content.parent / "build").mkdir()
    before = snapshot(tmp_path)
    from tag_site import create_app

    app = create_app({"CONTENT_DIR": str(content), "TESTING": True})
    app.root_path = str(content.parent)
    result = freeze(app, "--dest", relative)
    assert result.exit_code == 1
    assert "refusing to write the site" in result.output
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("dest", "gist"),
    [("README.md/out", "cannot write next to"), ("/proc/sys/x/y", "cannot write next to")],
)
def test_an_unusable_destination_is_one_line_not_a_traceback(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dest: str, gist: str
) -> None:
    """A destination under a file or a read-only place is one line, not a traceback."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("x")
    result = freeze(app, "--dest", dest)
    assert result.exit_code == 1
    assert gist in result.output


@pytest.mark.parametrize("manifest", ["garbage", "{}", '{"files": 3}'])
def test_damaged_manifest_is_not_a_build(
    site: Write, app: Flask, tmp_path: Path, manifest: str
) -> None:
    """A folder with a damaged manifest is refused, not overwritten."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / MANIFEST).write_text(manifest)
    (tmp_path / "out" / "notes.txt").write_text("mine")
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "not an earlier build" in result.output
    assert (tmp_path / "out" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("base_url", "prefix"),
    [
        ("https://example.org/%7Euser/", "/~user/"),
        ("https://example.org/sciml", "/sciml/"),
        ("https://example.org", "/"),
    ],
)
def test_base_urls_escaped_without_slash_or_without_path_work(
    site: Write, app: Flask, tmp_path: Path, base_url: str, prefix: str
) -> None:
    """Base URLs with an escaped path, without a trailing slash or without a path work."""
    result = freeze(app, "--dest", str(tmp_path / "out"), "--base-url", base_url)
    assert result.exit_code == 0, result.output
    home = (tmp_path / "out/index.html").read_text("utf-8")
    assert f'href="{prefix}members/"' in home


def test_a_page_named_like_the_base_path_keeps_its_own_canonical_url(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """/sciml-notes/ under base /sciml/ keeps its own canonical URL and nav state."""
    site("sciml-notes.md", "---\ntitle: Notes\n---\n")
    site("sciml.md", "---\ntitle: S\n---\n")
    assert freeze(app, "--dest", str(tmp_path / "out"), "--base-url", BASE).exit_code == 0
    for name in ("sciml-notes", "sciml"):
        page = (tmp_path / "out" / name / "index.html").read_text("utf-8")
        assert f'<link rel="canonical" href="{BASE}{name}/">' in page


def test_rebuild_keeps_symlinks_and_empty_folders(previous: Path, site: Write, app: Flask) -> None:
    """Nothing the freeze did not write is deleted: not a symlink, not an empty folder."""
    (previous / "mine").mkdir()
    (previous / "link.txt").symlink_to("CNAME")
    (previous / "docs").mkdir()
    (previous / "docs" / "notes.txt").write_text("notes")
    assert freeze(app, "--dest", str(previous), "--base-url", BASE).exit_code == 0
    assert (previous / "mine").is_dir()
    assert (previous / "link.txt").readlink() == Path("CNAME")
    assert (previous / "docs" / "notes.txt").read_text() == "notes"


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("evil.html", b"<p>Hi</p><script>alert(1)</script>", "<script> is not allowed"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "onload"),
        ("contact.txt", b"Write to eve@example.org", "the address eve@example.org"),
        ("cache.sqlite", b"SQLite format 3\0draft text", "is a data file"),
        ("cache.sqlite-wal", b"draft text", "is a data file"),
        ("_notes.txt", b"draft", "but a file whose name starts with '_' is Jekyll's"),  # 40th
        (
            "big.html",
            b"<p>" + b"a" * 5_000_000 + b"</p><script>alert(1)</script>",
            "it is 5.0 MB, more than a file of the content may be (5 MB)",
        ),
    ],
    ids=[
        "script",
        "svg-handler",
        "address",
        "database",
        "database-journal",
        "jekylls",
        "past-what-the-check-reads",
    ],
)
def test_a_file_no_freeze_wrote_must_pass_the_check_to_be_published(
    previous: Path, app: Flask, name: str, data: bytes, said: str
) -> None:
    """What the destination holds that no freeze wrote is published with the site: a script,
    an address or a database planted there (by hand, by a pull request, by a cache folder
    set inside it) stops the freeze, which names it; the previous build stays."""
    (previous / name).write_bytes(data)
    before = (previous / "index.html").read_bytes()
    result = freeze(app, "--dest", str(previous), "--base-url", BASE)
    assert result.exit_code == 1
    assert f"{previous / name} was not written by a freeze" in result.output
    assert said in result.output and "move it out of the destination" in result.output
    assert (previous / "index.html").read_bytes() == before and (previous / name).exists()


def test_a_loop_of_links_in_the_destination_is_a_message(previous: Path, app: Flask) -> None:
    """A link that points to itself stopped the freeze with a traceback: it is named."""
    (previous / "loop").symlink_to("loop")
    result = freeze(app, "--dest", str(previous), "--base-url", BASE)
    assert result.exit_code == 1 and "a loop of links" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("link", "target", "data", "said"),
    [
        ("about.html", "badge.png", b"\x80<script>alert(1)</script>", "<script> is not allowed"),
        ("contact.html", "photo.png", b"\x89PNG\x00 mail hidden.person@example.org", "address"),
        ("notes", "notes.txt", b"plain words", "no extension"),
    ],
    ids=["script", "address", "no-extension"],
)
def test_a_link_in_the_destination_is_judged_by_its_own_name(
    previous: Path, app: Flask, link: str, target: str, data: bytes, said: str
) -> None:
    """about.html -> badge.png (bytes that are no UTF-8, a <script> in them) was carried over:
    the file was judged as a picture, by its own name, and served as a page by the link's."""
    (previous / target).write_bytes(data)
    (previous / link).symlink_to(target)
    result = freeze(app, "--dest", str(previous), "--base-url", BASE)
    assert (
        result.exit_code == 1 and f"{previous / link} was not written by a freeze" in result.output
    )
    assert said in result.output, result.output


def test_a_link_out_of_the_destination_is_not_carried_over(
    previous: Path, app: Flask, tmp_path: Path
) -> None:
    """Publishing copies what a link points to: a link to a file outside the build is
    refused (one inside it is kept, as above)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (previous / "notes.txt").symlink_to(secret)
    result = freeze(app, "--dest", str(previous), "--base-url", BASE)
    assert result.exit_code == 1 and "is a link to a file outside the destination" in result.output


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.txt.gz", "gzip"),
        ("ada-at-example.org/cv.txt", b"My CV"),
        ("contact.txt", b"Write to ada [at] example [dot] org"),
    ],
)
def test_a_hidden_address_in_a_file_left_in_the_build_is_refused(
    previous: Path, site: Write, app: Flask, name: str, data: bytes | str
) -> None:
    """The 45th attack: a file left in an earlier build that held a hidden member's address
    packed (gzip), in its folder's name, or written "[at]", was carried over and published:
    the carry-over judged it without the site's members. It is refused as the check refuses
    it in content/files/, and the previous build stays as it was."""
    import gzip

    site("data/members.yml", "- name: Ada\n  email: ada@example.org\n  show_email: false\n")
    raw = gzip.compress(b"Write to ada@example.org") if data == "gzip" else data
    assert isinstance(raw, bytes)
    (previous / name).parent.mkdir(parents=True, exist_ok=True)
    (previous / name).write_bytes(raw)
    before = snapshot(previous)
    result = freeze(app, "--dest", str(previous), "--base-url", BASE)
    assert result.exit_code == 1, result.output
    assert "was not written by a freeze and would be published with the site, but this " in (
        result.output
    ), result.output
    assert snapshot(previous) == before


def test_file_of_ones_own_in_the_way_is_refused(previous: Path, app: Flask) -> None:
    """A file nobody froze where the new build writes a page: refused, not overwritten."""
    (previous / "about").mkdir(exist_ok=True)
    manifest = json.loads((previous / MANIFEST).read_text())
    del manifest["files"]["about/index.html"]
    (previous / MANIFEST).write_text(json.dumps(manifest))
    before = snapshot(previous)
    result = freeze(app, "--dest", str(previous), "--base-url", BASE)
    assert result.exit_code == 1
    assert "was not written by a freeze" in result.output
    assert snapshot(previous) == before


@pytest.mark.parametrize("way", ["exchange", "renames"])
def test_failed_swap_puts_the_old_build_back(
    previous: Path, app: Flask, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    """If the new build cannot be moved into place (exchanged with the old in one step, or
    by two renames where the system cannot), the old one is moved back."""
    before = snapshot(previous)
    real_rename = Path.rename

    def exchange(one: Path, other: Path) -> bool:
        if way == "exchange":
            raise OSError("simulated failure")
        return False

    def rename(self: Path, target: Path) -> Path:
        if self.name.endswith(".tmp"):
            raise OSError("simulated failure")
        return real_rename(self, target)

    monkeypatch.setattr(freeze_module, "exchange", exchange)
    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="simulated"):
        freeze_site(app, previous, BASE)
    assert snapshot(previous) == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["build", "site"]


# Where publishing can be killed: before or after the one exchange of names, or before,
# between or after the two renames where the system cannot exchange.
KILLS = {
    "before-exchange": ("exchange", 1, "before"),
    "after-exchange": ("exchange", 1, "after"),
    "before-renames": ("renames", 1, "before"),
    "between-renames": ("renames", 1, "after"),
    "after-renames": ("renames", 2, "after"),
}


def killed_while_publishing(app: Flask, dest: Path, way: str, move: int, when: str) -> None:
    """Freeze into ``dest`` in a forked process killed by SIGKILL (no clean-up, no
    ``finally``) before or after the ``move``-th move of a folder of its publishing."""
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
        return
    try:  # the forked child: it never returns into pytest
        moves = 0
        real_exchange, real_rename = freeze_module.exchange, Path.rename

        def moving(real: Callable[..., Any]) -> Callable[..., Any]:
            def move_or_die(one: Path, other: Path) -> Any:
                nonlocal moves
                if dest.name not in (Path(one).name, Path(other).name):
                    return real(one, other)
                moves += 1
                if moves == move and when == "before":
                    os.kill(os.getpid(), signal.SIGKILL)
                done = real(one, other)
                if moves == move and when == "after":
                    os.kill(os.getpid(), signal.SIGKILL)
                return done

            return move_or_die

        if way == "exchange":
            freeze_module.exchange = moving(real_exchange)  # type: ignore[assignment]
        else:
            freeze_module.exchange = lambda one, other: False  # type: ignore[assignment]
            Path.rename = moving(real_rename)  # type: ignore[method-assign]
        freeze_site(app, dest, BASE)
    finally:
        os._exit(1)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("kill", KILLS.values(), ids=KILLS)
def test_a_freeze_killed_while_publishing_loses_no_build(
    site: Write, app: Flask, tmp_path: Path, kill: tuple[str, int, str]
) -> None:
    """A freeze killed (kill -9) at any step of publishing leaves the previous build, or the
    new one if it was in place: a failing freeze after it keeps that build (never deletes
    its only copy) and a good one publishes, leaving no temporary folder beside it."""
    way, move, when = kill
    if way == "exchange" and not freeze_module.exchange(tmp_path, tmp_path):
        pytest.skip("this system cannot exchange two names in one step")
    dest = tmp_path / "published"
    assert freeze_site(app, dest, BASE)
    old = snapshot(dest)
    site("about.md", "---\ntitle: About us\n---\n\nThe new words.\n")
    killed_while_publishing(app, dest, way, move, when)
    new_in_place = when == "after" and (way == "exchange" or move == 2)
    if kill == KILLS["between-renames"]:
        assert not dest.exists()  # the moment the finding was about
    site("about.md", "---\ntitle: About us\n---\n\n<script>x()</script>\n")
    with pytest.raises(ProblemsError):
        freeze_site(app, dest, BASE)
    if new_in_place:
        assert "The new words." in published_text(dest / "about/index.html")
    else:
        assert snapshot(dest) == old
    site("about.md", "---\ntitle: About us\n---\n\nThe last words.\n")
    assert freeze_site(app, dest, BASE)
    assert "The last words." in published_text(dest / "about/index.html")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["published", "site"]


@pytest.mark.usefixtures("secret_route")
def test_frozen_flask_warnings_fail_even_when_warnings_are_ignored(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The freeze itself turns Frozen-Flask's warnings into errors, whatever the filters say."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(FreezeError, match="Nothing frozen for endpoints secret"):
            freeze_site(app, tmp_path / "out", BASE)


def test_member_web_page_link_gets_the_base_path_and_is_checked(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A member's site path is prefixed; a broken one is reported at its line in members.yml."""
    site("data/members.yml", "- name: A\n  url: /about/\n- name: B\n  url: /people/b/\n")
    result = freeze(app, "--dest", str(tmp_path / "out"), "--base-url", BASE)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/data/members.yml:4: link '/people/b/' points to /people/b/, which is not a "
        "page or file of the site — fix the link or add it"
    )
    site("data/members.yml", "- name: A\n  url: /about/\n")
    assert freeze(app, "--dest", str(tmp_path / "out"), "--base-url", BASE).exit_code == 0
    assert 'href="/sciml/about/"' in (tmp_path / "out/members/index.html").read_text("utf-8")


def test_a_freeze_publishes_the_one_snapshot_it_checked(
    site: Write, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Content edited while a freeze runs changes nothing it publishes: all old, no mix."""
    site_problems = freeze_module.site_problems

    def edit_during_the_freeze(build: Any) -> Any:
        site("about.md", "---\ntitle: Changed\n---\n\nChanged text.\n")
        site("site.yml", "title: Changed Site\nurl: https://example.org/\n")
        site("news/2026-01-01-late.md", "---\ntitle: Late news\n---\n\nLate.\n")
        return site_problems(build)

    monkeypatch.setattr(freeze_module, "site_problems", edit_during_the_freeze)
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    built = {p: p.read_text("utf-8") for p in (tmp_path / "out").rglob("*") if p.suffix in
             (".html", ".xml", ".ics")}  # fmt: skip
    assert "About us" in built[tmp_path / "out/about/index.html"]
    for path, text in built.items():
        assert "Changed" not in text and "Late news" not in text, path
    assert not (tmp_path / "out/news/2026/late").exists()


SVG_LINK = """---
title: Map
---

[The news](/news/2026/n/) and a drawing that links there too:

<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20"
 height="20" role="img" aria-label="News"><a xlink:href="{target}"><rect width="20"
 height="20"/></a></svg>
"""


def test_an_svg_link_is_a_link_like_any_other(site: Write, app: Flask, tmp_path: Path) -> None:
    """An inline SVG's ``xlink:href`` gets the base URL's prefix, and one to no page is refused
    by the check and by the freeze."""
    site("news/2026-01-21-n.md", "---\ntitle: N\n---\nNews.\n")
    site("map.md", SVG_LINK.format(target="/news/2026/n/"))
    assert freeze(app, "--dest", str(tmp_path / "out"), "--base-url", BASE).exit_code == 0
    page = (tmp_path / "out" / "map" / "index.html").read_text("utf-8")
    assert 'href="/sciml/news/2026/n/"' in page
    assert 'xlink:href="/sciml/news/2026/n/"' in page
    site("map.md", SVG_LINK.format(target="/news/2026/gone/"))
    result = freeze(app, "--dest", str(tmp_path / "out"), "--base-url", BASE)
    assert result.exit_code == 1
    assert "content/map.md:8:43:" in result.output
    assert "points to /news/2026/gone/, which is not a page or file of the site" in result.output


def test_the_summary_is_not_written_through_a_link(site: Write, app: Flask, tmp_path: Path) -> None:
    """A --summary that is a link (a pull request can add one) would overwrite the file it
    points to: refused before anything is built, and that file is as it was."""
    target = tmp_path / "precious.txt"
    target.write_text("mine")
    (tmp_path / "changes.md").symlink_to(target)
    result = freeze(app, "--dest", str(tmp_path / "out"), "--summary", str(tmp_path / "changes.md"))
    assert result.exit_code == 1 and "is a link — give a file's own name" in result.output
    assert target.read_text() == "mine" and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("where", "said"),
    [("out/index.html", "is inside the destination"), ("out/.tag-site-build.json",
      "is inside the destination"), ("missing/changes.md", "which is no folder"),
     ("pipe", "is not a file"), ("site/content/index.md", "is inside the content folder"),
     ("README.md", "is a file the freeze did not write — give a new file's name")],
    ids=["page", "manifest", "no-folder", "pipe", "content", "not-a-summary"],
)  # fmt: skip
def test_a_summary_that_cannot_be_written_well_is_refused_first(
    site: Write, app: Flask, tmp_path: Path, where: str, said: str
) -> None:
    """The summary is written after the site is published: into the destination it replaced
    a page or the manifest, a missing folder gave a traceback, a pipe hung. Each is refused
    before anything is built, and the earlier build stays."""
    import os

    assert freeze(app, "--dest", str(tmp_path / "out")).exit_code == 0
    before = (tmp_path / "out/index.html").read_bytes()
    if where == "pipe":
        os.mkfifo(tmp_path / "pipe")
    if where == "README.md":  # the 51st attack: a slip of the name replaced it
        (tmp_path / where).write_text("# Our project\n")
    result = freeze(app, "--dest", str(tmp_path / "out"), "--summary", str(tmp_path / where))
    assert result.exit_code == 1 and said in result.output and "Traceback" not in result.output
    assert (tmp_path / "out/index.html").read_bytes() == before
    if where == "README.md":
        assert (tmp_path / where).read_text() == "# Our project\n"


def test_a_summary_is_written_over_an_earlier_one_or_an_empty_file(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The freeze writes its summary over one it wrote before, and into an empty file (as
    GitHub's step summary is, made before the step runs)."""
    summary = tmp_path / "changes.md"
    summary.write_text("")
    for _ in range(2):
        result = freeze(app, "--dest", str(tmp_path / "out"), "--summary", str(summary))
        assert result.exit_code == 0, result.output
        assert summary.read_text("utf-8").startswith("<!-- tag_site: what changes -->")


def test_a_files_fragment_and_links_are_its_own_as_in_the_check(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """A link to a page of a PDF (#page=3) or into a file of the content, and the links an
    HTML file of the content holds, are the reader's and the file's affair: the check says
    nothing of them, and the freeze publishes (it refused them, naming no file)."""
    site("files/report.pdf", b"%PDF-1.4\n")
    site("files/notes.txt", "notes")
    site("files/poster.html", "<p><a href='/nowhere/'>more</a></p>")
    site("links.md", "---\ntitle: L\n---\n\n[p](/files/report.pdf#page=3) "
         "[t](/files/notes.txt#x) [h](/files/poster.html#top)\n")  # fmt: skip
    assert check(app).exit_code == 0
    result = freeze(app, "--dest", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output


def test_a_page_kept_from_the_last_build_is_checked_for_addresses(
    previous: Path, app: Flask
) -> None:
    """A page of the last build is kept when its record says it would be made the same: one
    changed in place (its hash in the manifest changed too) with a plain address was
    published again, freeze after freeze. A manifest changed since a freeze here wrote it
    keeps nothing: the page is made anew, without the address."""
    import hashlib

    page = previous / "members/index.html"
    tampered = page.read_text("utf-8").replace(
        "<main", "<p>Call ada@secret.example.org</p><main", 1
    )
    page.write_text(tampered, "utf-8")
    manifest = json.loads((previous / MANIFEST).read_text())
    manifest["files"]["members/index.html"] = hashlib.sha256(tampered.encode()).hexdigest()
    (previous / MANIFEST).write_text(json.dumps(manifest))
    result = freeze(app, "--dest", str(previous), "--base-url", BASE)
    assert result.exit_code == 0, result.output
    assert "ada@secret.example.org" not in page.read_text("utf-8")


def test_a_build_committed_in_a_checkout_of_another_owner_is_not_kept_from(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """In a checkout another user owns (as in CI's containers), git answers "dubious
    ownership", which was read as "not tracked": a committed build's forged events.ics was
    kept. Git is asked so that it answers there too."""
    import os

    dest = tmp_path / "_site"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "_site"], check=True)
    for name in [tmp_path, tmp_path / ".git", *(tmp_path / ".git").rglob("*")]:
        os.chown(name, 4242, 4242)
    frozen = freeze(app, "--dest", str(dest))
    assert frozen.exit_code == 1 and "is an earlier build committed to git" in frozen.output


def test_a_page_whose_name_ends_in_a_colon_is_published(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """GU-CLASP's talk at ``/events/Lau,-Deep-speare:.html`` passed the check; the freeze
    refused it, as Python's mimetypes took "Lau,-Deep-speare:" for a URL's scheme. Every web
    server serves it as HTML, by its extension: it is published."""
    site("talk.md", '---\ntitle: Talk\npermalink: "/events/Lau,-Deep-speare:.html"\n---\nWords.\n')
    assert check(app).exit_code == 0
    result = freeze(app, "--dest", str(tmp_path / "out"), "--base-url", BASE)
    assert result.exit_code == 0, result.output
    assert "Words." in (tmp_path / "out/events/Lau,-Deep-speare:.html").read_text("utf-8")


def test_a_manifest_no_freeze_wrote_removes_nothing_on_its_word(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The 58th attack: a folder holding notes.txt and a manifest someone wrote
    (``{"files": {"notes.txt": ""}}``) lost notes.txt to the freeze ("1 removed"). A file a
    manifest no freeze here vouches for names is the build's only if it holds what the
    manifest says; else it is someone's, and stays."""
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "notes.txt").write_text("my notes\n", "utf-8")
    (dest / MANIFEST).write_text(json.dumps({"files": {"notes.txt": ""}}), "utf-8")
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 0, result.output
    assert (dest / "notes.txt").read_text("utf-8") == "my notes\n"
    assert "0 removed" in result.output, result.output


def test_a_manifest_no_freeze_wrote_is_read_only_inside_the_destination(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The 65th attack: a manifest someone wrote, naming a pipe, ``/dev/zero`` or a file
    outside the destination (``../secret.txt``, its SHA-256 right), made the freeze wait on
    the pipe for ever, fill the memory, or count the outside file as its own ("1 removed":
    whoever wrote the manifest learns what a file outside holds). Only files of their own
    inside the destination are read; the rest are no build's, and the freeze goes on."""
    dest, secret = tmp_path / "out", tmp_path / "secret.txt"
    dest.mkdir()
    secret.write_text("the secret\n", "utf-8")
    os.mkfifo(tmp_path / "pipe")
    sha = hashlib.sha256(secret.read_bytes()).hexdigest()
    named = {"../pipe": "00", str(tmp_path / "pipe"): "00", "/dev/zero": "00"}
    named |= {"../secret.txt": sha, str(secret): sha}
    (dest / MANIFEST).write_text(json.dumps({"files": named}), "utf-8")
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 0, result.output
    assert "0 removed" in result.output, result.output
    assert secret.read_text("utf-8") == "the secret\n"


def test_a_committed_manifest_is_refused_before_what_it_names_is_read(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The same manifest committed to git (a pull request's ``_site/``) was read, its pipe
    waited on, before the freeze refused it as a build committed to git."""
    dest = tmp_path / "_site"
    dest.mkdir()
    os.mkfifo(tmp_path / "pipe")
    (dest / MANIFEST).write_text(json.dumps({"files": {"../pipe": "00"}}), "utf-8")
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "_site"], check=True)
    frozen = freeze(app, "--dest", str(dest))
    assert frozen.exit_code == 1, frozen.output
    assert "is an earlier build committed to git" in frozen.output


def test_a_link_left_in_the_build_is_judged_by_what_it_will_lead_to(
    site: Write, app: Flask, tmp_path: Path
) -> None:
    """The 66th attack: a link no freeze wrote (``cal.html -> events.ics``) was judged by
    the earlier build's file and put into the new build, where it led to the new calendar:
    an event whose summary holds ``<script>`` was published as the page cal.html, its script
    raw. A link is judged by what it leads to in the new build."""
    dest = tmp_path / "out"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    (dest / "cal.html").symlink_to("events.ics")
    script = "summary: <script>alert(1)</script>"
    site("events/2027-01-10-x.md", f"---\ntitle: X\nstart: 2027-01-10\n{script}\n---\nx\n")
    before = snapshot(dest)
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 1, result.output
    assert f"{dest / 'cal.html'} was not written by a freeze" in result.output, result.output
    assert "<script>" in result.output
    assert snapshot(dest) == before
