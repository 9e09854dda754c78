"""What makes editing comfortable: the preview reloads itself, `flask new` writes a valid
file, and a freeze says which pages it changed.

The reload seen in Chromium is in test_browser.py.
"""

from __future__ import annotations

import http.client
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask

from tag_site import create_app
from tag_site.markdown.typography import typeset
from tag_site.publish.freeze import freeze_site

from .helpers import SAMPLE, TODAY, Write, check, free_port, freeze, preview_server

POST = "news/2026-01-21-kickoff.md"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """Return a copy of the sample site's content."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    return content


def sample_app(content: Path, *, debug: bool = False) -> Flask:
    """Return the app over ``content``, in debug mode (as ``make serve`` runs it) or not."""
    app = create_app({"CONTENT_DIR": str(content), "TODAY": TODAY})
    app.debug = debug
    return app


# --- Live reload -------------------------------------------------------------------------


def test_only_the_debug_preview_loads_the_reload_script(sample: Path) -> None:
    """`flask --debug run` pages load the script from the engine's own file; a preview
    without debug has neither the script nor the events."""
    debug = sample_app(sample, debug=True).test_client()
    page = debug.get("/").data.decode()
    tag = '<script src="/__preview/reload.js" data-events="/__preview/events" data-mark="'
    assert re.search(re.escape(tag) + r'[0-9a-f]{16}\.[0-9]+" defer>', page), page
    with debug.get("/__preview/reload.js") as script:
        assert script.status_code == 200 and b"EventSource" in script.data
    quiet = sample_app(sample).test_client()
    assert "__preview" not in quiet.get("/").data.decode()
    assert quiet.get("/__preview/events").status_code == 404


def test_a_freeze_in_debug_mode_carries_no_trace_of_it(sample: Path, tmp_path: Path) -> None:
    """Frozen from an app in debug mode, no file of the site names the reload or has it."""
    result = freeze(sample_app(sample, debug=True), "--dest", str(tmp_path / "build"))
    assert result.exit_code == 0, result.output
    files = [path for path in (tmp_path / "build").rglob("*") if path.is_file()]
    assert len(files) > 20
    assert not [path for path in files if b"__preview" in path.read_bytes()]
    assert not [path for path in files if path.name == "reload.js"]


def read_event(stream: http.client.HTTPResponse) -> tuple[str, str]:
    """Return the next event of a server-sent stream: its name and data (comments skipped)."""
    name = data = ""
    while True:
        line = stream.readline().decode().rstrip("\n")
        if not line:
            if name:
                return name, data
            continue
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            data = line[6:]


def listen(url: str) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    """Open the preview's events; return the connection and its stream, past ``hello``."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    connection.request("GET", "/__preview/events")
    stream = connection.getresponse()
    assert stream.status == 200
    assert stream.getheader("Content-Type", "").startswith("text/event-stream")
    assert read_event(stream)[0] == "hello"
    return connection, stream


def test_a_save_sends_reload_at_once_and_other_requests_stay_fast(sample: Path) -> None:
    """A real `flask --debug run`: with three pages listening, a save reaches each within
    half a second, and a page is served as fast as with none listening."""
    with preview_server(sample, free_port()) as url:
        started = time.perf_counter()
        http_get(url)
        alone = time.perf_counter() - started
        listeners = [listen(url) for _ in range(3)]
        time.sleep(0.3)  # the watcher is up
        started = time.perf_counter()
        http_get(url)
        busy = time.perf_counter() - started
        saved = time.perf_counter()
        (sample / POST).write_text((sample / POST).read_text("utf-8") + "\nMore.\n", "utf-8")
        for _, stream in listeners:
            assert read_event(stream)[0] == "reload"
        seconds = time.perf_counter() - saved
        for connection, _ in listeners:
            connection.close()
    print(f"save to reload event: {seconds * 1000:.0f} ms; page {alone * 1000:.1f} ms alone, "
          f"{busy * 1000:.1f} ms with 3 listeners")  # fmt: skip
    assert seconds < 0.5
    assert busy < max(0.25, 3 * alone)


def http_get(url: str) -> None:
    """Request the page at ``url`` and read it."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    try:
        connection.request("GET", address.path or "/")
        assert connection.getresponse().read()
    finally:
        connection.close()


# --- flask new ---------------------------------------------------------------------------


def test_new_event_passes_the_check_as_it_is(site: Write, app: Flask, content: Path) -> None:
    """`flask new event "Summer school"` writes a dated file with the optional fields as
    comments, says where and how to preview it; `flask check` finds nothing at all."""
    app.config["TODAY"] = "2027-03-04"
    result = app.test_cli_runner().invoke(args=["new", "event", "Summer school"])
    assert result.exit_code == 0, result.output
    written = content / "events/2027-03-04-summer-school.md"
    assert f"Wrote {content.name}/events/2027-03-04-summer-school.md" in result.output
    assert "/events/2027/summer-school/" in result.output
    text = written.read_text("utf-8")
    assert 'title: "Summer school"' in text and "start: 2027-03-04" in text
    assert "# location:" in text and "# registration:" in text
    checked = check(app)
    assert checked.exit_code == 0 and "0 errors, 0 warnings" in checked.output


def test_new_never_overwrites(site: Write, app: Flask, content: Path) -> None:
    """The same title twice: the second call says the file exists, exits 1, changes nothing."""
    runner = app.test_cli_runner()
    assert runner.invoke(args=["new", "news", "Hello"]).exit_code == 0
    (written,) = (content / "news").iterdir()
    written.write_text(written.read_text("utf-8") + "\nMy text.\n", "utf-8")
    before = written.read_bytes()
    again = runner.invoke(args=["new", "news", "Hello"])
    assert again.exit_code == 1
    assert "exists already" in again.output
    assert written.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "name", "url"),
    [
        (["news", "Kick-off: 'the' start", "--date", "2027-01-02"],
         "news/2027-01-02-kick-off-the-start.md", "/news/2027/kick-off-the-start/"),
        (["page", "About the group"], "about-the-group.md", "/about-the-group/"),
        (["event", "Online seminar", "--start", "2027-02-03 14:00", "--end", "16:00",
          "--location", "Rome: Villa \"Example\""],
         "events/2027-02-03-online-seminar.md", "/events/2027/online-seminar/"),
        (["news", "../../</script>\n---\nlayout: x"], "news/2026-05-26-script-layout-x.md",
         "/news/2026/script-layout-x/"),
        (["job", "Postdoc in ML", "--deadline", "2026-06-30"],
         "jobs/2026-05-26-postdoc-in-ml.md", "/jobs/2026/postdoc-in-ml/"),
        (["job", "PhD position"], "jobs/2026-05-26-phd-position.md", "/jobs/2026/phd-position/"),
    ],
)  # fmt: skip
def test_new_files_of_each_kind_are_clean(
    site: Write, app: Flask, content: Path, args: list[str], name: str, url: str
) -> None:
    """News with its date, a page, an event with times and a place, a position with and
    without its deadline, a hostile title: each in its folder under a safe name, the title
    read back as given, nothing for the check."""
    app.config["TODAY"] = TODAY
    result = app.test_cli_runner().invoke(args=["new", *args])
    assert result.exit_code == 0, result.output
    assert (content / name).is_file() and url in result.output
    title = app.extensions["tag_site"].load().pages[url].title  # set as titles are
    assert typeset(" ".join(args[1].split())) in title
    checked = check(app)
    assert checked.exit_code == 0 and "0 errors, 0 warnings" in checked.output, checked.output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["event", "X", "--start", "24 May"], "--start '24 May' is not a date"),
        (["event", "X", "--start", "14:00"], "--start '14:00' is not a date"),
        (["news", "X", "--date", "2027-02-30"], "not a date"),
        (["job", "X", "--deadline", "30 June"], "--deadline '30 June' is not a date"),
        (["member", "Ada"], "from-issue"),
        (["news"], "give a TITLE"),
    ],
)
def test_new_refuses_what_it_cannot_write(
    site: Write, app: Flask, content: Path, args: list[str], said: str
) -> None:
    """A date that is none, a member without the form, no title: exit 1, said, no file."""
    before = sorted(content.rglob("*"))
    result = app.test_cli_runner().invoke(args=["new", *args])
    assert result.exit_code != 0 and said in result.output, result.output
    assert sorted(content.rglob("*")) == before


# --- What a freeze changed ---------------------------------------------------------------


def test_a_freeze_says_what_one_edited_post_changed(sample: Path, tmp_path: Path) -> None:
    """First build: all is new. After one post's text is edited: that post, and the feed that
    carries its text, changed; nothing else; --verbose lists them, --summary writes them."""
    app = sample_app(sample)
    dest, summary = tmp_path / "build", tmp_path / "changes.md"
    first = freeze(app, "--dest", str(dest))
    assert first.exit_code == 0 and "First build:" in first.output
    (sample / POST).write_text((sample / POST).read_text("utf-8") + "\nMore.\n", "utf-8")
    result = freeze(app, "--dest", str(dest), "--verbose", "--summary", str(summary))
    assert result.exit_code == 0, result.output
    assert "Compared with the last build: 0 added, 2 changed, 0 removed" in result.output
    assert result.output.endswith("  ~ /feed.xml\n  ~ /news/2026/kickoff/\n")
    markdown = summary.read_text("utf-8")
    assert markdown.startswith("<!-- tag_site: what changes -->\n### What this changes")
    assert "- `/news/2026/kickoff/`\n- `/feed.xml`" not in markdown  # sorted, as printed
    assert "- `/feed.xml`\n- `/news/2026/kickoff/`" in markdown


def test_a_new_title_changes_the_lists_that_show_it(sample: Path, tmp_path: Path) -> None:
    """A post retitled: its page, the news list, the home page, the feed and the report of
    its year change; a new page is added and a deleted one removed."""
    app = sample_app(sample)
    dest = tmp_path / "build"
    assert freeze(app, "--dest", str(dest)).exit_code == 0
    post = sample / POST
    post.write_text(post.read_text("utf-8").replace("Kick-off meeting", "First meeting"), "utf-8")
    (sample / "contact.md").write_text("---\ntitle: Contact\n---\n\nWrite to us.\n", "utf-8")
    result = freeze_site(app, dest)
    changes = result.changes
    assert changes.added == ("/contact/",)
    assert {"/news/2026/kickoff/", "/news/", "/feed.xml", "/reports/2026/"} <= set(changes.changed)
    assert "/news/2026/call-for-contributions/" in changes.changed  # its "newer" link
    assert "/events/2026/summer-school/" not in changes.changed
    (sample / "contact.md").unlink()
    assert freeze_site(app, dest).changes.removed == ("/contact/",)


def test_quiet_says_nothing_and_no_bar_off_a_terminal(sample: Path, tmp_path: Path) -> None:
    """--quiet: no output at all; without it, off a terminal, no progress bar either."""
    app = sample_app(sample)
    quiet = freeze(app, "--dest", str(tmp_path / "a"), "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    said = freeze(app, "--dest", str(tmp_path / "b"))
    assert "Freezing" not in said.output and said.output.startswith("Wrote ")


def test_the_progress_counts_every_output_across_the_workers(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A site of 150 posts frozen by two workers: the count shown only grows, and reaches
    the number of outputs."""
    write = site
    for number in range(150):
        write(
            f"news/2026-01-{number % 28 + 1:02d}-post-{number}.md",
            f"---\ntitle: P{number}\n---\n\nText.\n",
        )
    app = create_app({"CONTENT_DIR": str(content), "TODAY": TODAY, "JOBS": 2})
    shown: list[tuple[int, int]] = []
    result = freeze_site(
        app, tmp_path / "build", show=lambda done, total: shown.append((done, total))
    )
    done = [count for count, _ in shown]
    assert done == sorted(done) and shown[-1][0] == shown[-1][1] > 150
    assert result.pages > 150


# --- Proposals write files of content/ only ----------------------------------------------


def issue_of(kind: str, values: dict[str, str]) -> str:
    """Return an issue body as GitHub renders the form for ``kind`` filled in with ``values``."""
    from tag_site.web.forms import FORMS, read_form

    form = read_form(Path(create_app().root_path, ".github/ISSUE_TEMPLATE", FORMS[kind]))
    return "\n\n".join(
        f"### {field.label}\n\n{values.get(field.id) or '_No response_'}" for field in form.fields
    )


@pytest.mark.parametrize(
    ("kind", "values", "linked"),
    [
        ("member", {"name": "Eve Example", "affiliation": "U", "country": "Germany",
                    "show_email": "no"}, "data/members.yml"),
        ("news", {"title": "Hello world", "body": "Text."}, "news"),
    ],
    ids=["members-file-linked", "news-folder-linked"],
)  # fmt: skip
def test_a_proposal_never_writes_through_a_link(
    site: Write, content: Path, tmp_path: Path, kind: str, values: dict[str, str], linked: str
) -> None:
    """members.yml, or the news folder, a link to somewhere outside content/: the check refuses
    the link, and `flask new --from-issue` wrote through it (and then crashed); now it says
    so and writes nothing, there or anywhere."""
    outside = tmp_path / "outside"
    outside.mkdir()
    if linked.endswith(".yml"):
        (outside / "members.yml").write_text("- name: Ada\n", "utf-8")
        (content / linked).unlink(missing_ok=True)
        (content / linked).symlink_to(outside / "members.yml")
    else:
        (content / linked).symlink_to(outside, target_is_directory=True)
    before = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    issue = tmp_path / "issue.md"
    issue.write_text(issue_of(kind, values), "utf-8")
    app = create_app({"CONTENT_DIR": str(content), "TODAY": TODAY})
    result = app.test_cli_runner().invoke(args=["new", kind, "--from-issue", str(issue)])
    assert result.exit_code == 1, result.output
    assert f"content/{linked} is a link, which the site does not follow" in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == before


def test_a_proposal_for_a_members_file_that_is_a_folder_is_an_error(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """data/members.yml a folder gave an IsADirectoryError traceback."""
    (content / "data/members.yml").unlink()
    (content / "data/members.yml").mkdir()
    issue = tmp_path / "issue.md"
    values = {"name": "Eve", "affiliation": "U", "country": "DE", "show_email": "no"}
    issue.write_text(issue_of("member", values), "utf-8")
    app = create_app({"CONTENT_DIR": str(content), "TODAY": TODAY})
    result = app.test_cli_runner().invoke(args=["new", "member", "--from-issue", str(issue)])
    assert result.exit_code == 1 and "content/data/members.yml is not a file" in result.output
