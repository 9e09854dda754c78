"""Issue forms, and `flask new … --from-issue`: a filled-in form becomes a checked file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient

from tag_site import ROOT
from tag_site.content.events import EVENT_KEYS
from tag_site.content.kinds import read_page
from tag_site.content.members import MEMBER_KEYS
from tag_site.content.news import POST_KEYS
from tag_site.web.forms import FORMS, Field, read_form

from .helpers import BIN, Write, check, freeze

FORM_FOLDER = ROOT / ".github" / "ISSUE_TEMPLATE"
EVENT = {
    "title": "Summer school on operator learning",
    "kind": "school",
    "start": "2027-05-24",
    "end": "2027-05-28",
    "location": "Lisbon, Portugal",
    "url": "https://example.org/school",
    "deadline": "2027-03-31",
    "organizers": "A. Person, B. Person",
    "body": "Five days of lectures.\n\n### Programme\n\n- Monday: kernels",
}


def fields_of(kind: str) -> tuple[Field, ...]:
    """Return the fields of the form for ``kind``."""
    return read_form(FORM_FOLDER / FORMS[kind]).fields


def rendered(kind: str, values: dict[str, str]) -> str:
    """Return an issue body as GitHub renders the form filled in with ``values``."""
    return "\n\n".join(
        f"### {field.label}\n\n{values.get(field.id) or '_No response_'}"
        for field in fields_of(kind)
    )


def new(app: Flask, tmp_path: Path, kind: str, values: dict[str, str]) -> Result:
    """Run ``flask new KIND --from-issue`` on the rendered form."""
    issue = tmp_path / "issue.md"
    issue.write_text(rendered(kind, values), "utf-8")
    return app.test_cli_runner().invoke(args=["new", kind, "--from-issue", str(issue)])


@pytest.fixture
def today_app(content: Path) -> Flask:
    """Return the app on a fixed day."""
    from tag_site import create_app

    return create_app({"CONTENT_DIR": str(content), "TODAY": "2026-12-01"})


def test_the_forms_match_githubs_schemas() -> None:
    """check-jsonschema with GitHub's schemas accepts every form and the forms' settings."""
    forms = [str(FORM_FOLDER / name) for name in FORMS.values()]
    settings = [str(FORM_FOLDER / "config.yml")]
    for schema, files in [
        ("vendor.github-issue-forms", forms),
        ("vendor.github-issue-config", settings),
    ]:
        command = [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *files]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("kind", "keys"), [("event", EVENT_KEYS), ("news", POST_KEYS), ("member", MEMBER_KEYS)]
)
def test_a_forms_fields_are_front_matter_keys(kind: str, keys: frozenset[str]) -> None:
    """Each field of a form is a key the page's front matter knows, or its text."""
    assert {field.id for field in fields_of(kind)} <= keys | {"body"}


def test_a_proposed_event_is_checked_and_published(
    site: Write, today_app: Flask, tmp_path: Path
) -> None:
    """A filled-in event form becomes a file that check accepts and the freeze publishes;
    a heading in the description stays text."""
    result = new(today_app, tmp_path, "event", EVENT)
    assert result.exit_code == 0, result.output
    assert "content/events/2027-05-24-summer-school-on-operator-learning.md" in result.output
    assert check(today_app).exit_code == 0
    assert freeze(today_app, "--dest", str(tmp_path / "build")).exit_code == 0
    page = tmp_path / "build/events/2027/summer-school-on-operator-learning/index.html"
    assert "Five days of lectures." in page.read_text("utf-8")
    assert "<h3" in page.read_text("utf-8")


def test_proposed_news_is_dated_the_day_it_is_approved(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """News without a date is dated the day the command runs."""
    result = new(today_app, tmp_path, "news", {"title": "A prize", "body": "We *won*."})
    assert result.exit_code == 0, result.output
    assert (content / "news/2026-12-01-a-prize.md").read_text("utf-8").endswith("We *won*.\n")
    assert check(today_app).exit_code == 0
    assert freeze(today_app, "--dest", str(tmp_path / "build")).exit_code == 0
    assert "We <em>won</em>." in (tmp_path / "build/news/2026/a-prize/index.html").read_text()


@pytest.mark.parametrize(
    "title",
    [
        "../../../etc/passwd",
        "</script><script>alert(1)</script>",
        'key: value\nother: "x"',
        "- a list\n- of two",
        "&anchor *alias !!python/object:os.system",
        "---\nlayout: home\n---",
        "Zürich — “quotes” and \\ backslashes",
    ],
    ids=["path", "script", "yaml-mapping", "yaml-list", "yaml-tags", "front-matter", "unicode"],
)
def test_a_hostile_title_makes_a_safe_file_that_says_what_was_written(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, title: str
) -> None:
    """Whatever the title, the file is in events/ with a plain name, and its title reads
    back as the text given (its lines joined)."""
    result = new(today_app, tmp_path, "event", EVENT | {"title": title})
    assert result.exit_code == 0, result.output
    [made] = (content / "events").iterdir()
    assert made.parent == content / "events" and made.name.startswith("2027-05-24-")
    assert set(made.name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-.")
    page = read_page(made.read_bytes(), Path("content/events") / made.name)
    assert page.title == " ".join(title.split())
    assert check(today_app).exit_code == 0


def test_a_proposal_never_overwrites_a_file(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """The same proposal twice: the second is refused and the first file stays as it is."""
    assert new(today_app, tmp_path, "event", EVENT).exit_code == 0
    [made] = (content / "events").iterdir()
    before = made.read_bytes()
    result = new(today_app, tmp_path, "event", EVENT | {"body": "Other text."})
    assert result.exit_code == 1 and "exists already" in result.output
    assert made.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": "24 May 2027"}, "the field 'First day' says '24 May 2027', which is not a date"),
        ({"kind": "party"}, "the field 'Kind of event' says 'party' — choose workshop"),
        ({"title": ""}, "the field 'Title' is empty — it is needed"),
        ({"body": "<script>x()</script>"}, "the field 'Description': <script> is not allowed"),
        ({"end": "2027-05-01"}, "the field 'Last day': "),
        ({"url": "javascript:alert(1)"}, "the field 'The event's own website': "),
    ],
    ids=["date", "kind", "required", "script", "end-before-start", "bad-url"],
)
def test_a_bad_proposal_names_the_field_and_writes_nothing(
    site: Write, today_app: Flask, tmp_path: Path, content: Path,
    change: dict[str, str], message: str,
) -> None:  # fmt: skip
    """A value the site cannot take is an error naming the form's field; no file is left."""
    result = new(today_app, tmp_path, "event", EVENT | change)
    assert result.exit_code == 1
    assert message in result.output and "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert not (content / "events").exists() or not any((content / "events").iterdir())


WITH_REPOSITORY = (
    "title: Test Site\nurl: https://example.org/\nrepository: example-group/website\n"
    "contact: The coordinators, <coordinators@example.org>\n"
)


def test_the_lists_invite_proposals_and_every_page_can_be_edited(
    site: Write, app: Flask, client: FlaskClient
) -> None:
    """With 'repository' set, the events and news pages link their issue forms and an e-mail
    with the same fields (the address protected), and each page links its file on GitHub."""
    site("site.yml", WITH_REPOSITORY)
    events = client.get("/events/").get_data(as_text=True)
    news = client.get("/news/").get_data(as_text=True)
    base = "https://github.com/example-group/website"
    assert f'href="{base}/issues/new?template=propose-event.yml">Propose an event</a>' in events
    assert f'href="{base}/issues/new?template=post-news.yml">Send us news</a>' in news
    mail = re.search(r'href="(mailto:[^"]*)">by e-mail', events)
    assert mail and mail[1].startswith("mailto:coordinators&#64;example&#46;org?subject=")
    labels = [field.label for field in fields_of("event")]
    assert all(quote(f"{label}:") in mail[1] for label in labels)
    assert "coordinators@example.org" not in events + news
    about = client.get("/about/").get_data(as_text=True)
    assert f'href="{base}/edit/main/content/about.md">Edit this page</a>' in about


def test_without_a_repository_no_link_leads_to_github(site: Write, client: FlaskClient) -> None:
    """The settings of the test site name no repository: no proposal or edit links."""
    for url in ("/events/", "/news/", "/about/"):
        page = client.get(url).get_data(as_text=True)
        assert "github.com" not in page and "Edit this page" not in page


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("repository: not a repository", "content/site.yml:3: error: 'repository' must be"),
        ("repository: https://gitlab.com/a/b", "'repository' must be the GitHub repository"),
        ("branch: 'main; rm -rf /'", "content/site.yml:3: error: 'branch' must be a branch"),
    ],
    ids=["words", "other-host", "branch"],
)
def test_a_bad_repository_setting_is_an_error_at_its_line(
    site: Write, app: Flask, setting: str, message: str
) -> None:
    """A repository or branch the links cannot be made from is an error at its line."""
    site("site.yml", f"title: Test Site\nurl: https://example.org/\n{setting}\n")
    assert message in check(app).output


MEMBERS = """\
# The group's members, in the order the site shows them.
- name: Ada Lovelace
  affiliation: Analytical Engines Ltd
  country: UK

# Joined in 2026.
- name: Carl Gauss
  country: Germany
"""
MEMBER = {
    "name": "Emmy Noether",
    "title": "Prof. Dr.",
    "affiliation": "University of Erlangen",
    "country": "Germany",
    "email": "emmy@example.org",
    "show_email": "no",
    "orcid": "0000-0002-1825-0097",
}


def test_a_member_who_joins_is_added_and_the_rest_stays_as_it_was(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, client: FlaskClient
) -> None:
    """A new member's entry goes at the end; every byte before it is kept; 'no' keeps the
    address off the site."""
    site("data/members.yml", MEMBERS)
    result = new(today_app, tmp_path, "member", MEMBER)
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_text("utf-8")
    assert written.startswith(MEMBERS)
    assert written[len(MEMBERS) :] == (
        '- name: "Emmy Noether"\n  title: "Prof. Dr."\n  affiliation: "University of Erlangen"\n'
        '  country: "Germany"\n  email: "emmy@example.org"\n  show_email: false\n'
        '  orcid: "0000-0002-1825-0097"\n'
    )
    assert check(today_app).exit_code == 0
    assert freeze(today_app, "--dest", str(tmp_path / "build")).exit_code == 0
    page = (tmp_path / "build/members/index.html").read_text("utf-8")
    assert "Emmy Noether" in page and "emmy&#64;" not in page and "emmy@" not in page
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in page


def test_a_member_who_updates_changes_only_her_entry(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """The entry of the same name is replaced in place; the comments around it stay."""
    site("data/members.yml", MEMBERS)
    result = new(today_app, tmp_path, "member", {"name": "ada lovelace", "affiliation": "Cambridge",
                                                 "country": "UK", "show_email": "yes"})  # fmt: skip
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_text("utf-8")
    assert written == MEMBERS.replace(
        "- name: Ada Lovelace\n  affiliation: Analytical Engines Ltd\n  country: UK\n",
        '- name: "ada lovelace"\n  affiliation: "Cambridge"\n  country: "UK"\n  show_email: true\n',
    )


def test_a_bad_member_entry_names_the_field_and_leaves_the_file_as_it_was(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """A mistyped ORCID iD is refused, naming the form's field; members.yml is unchanged."""
    site("data/members.yml", MEMBERS)
    result = new(today_app, tmp_path, "member", MEMBER | {"orcid": "0000-0002-1825-0098"})
    assert result.exit_code == 1
    assert "the field 'ORCID iD': member 3 (Emmy Noether): 'orcid' 0000-0002-1825-0098" in (
        result.output
    )
    assert (content / "data/members.yml").read_text("utf-8") == MEMBERS
