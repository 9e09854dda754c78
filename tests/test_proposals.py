"""Issue forms, and `flask new … --from-issue`: a filled-in form becomes a checked file."""

from __future__ import annotations

import contextlib
import datetime
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import markdown
import pytest
import yaml
from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tag_site import ROOT, create_app
from tag_site.authoring.issues import Issue, read_issue
from tag_site.content.events import EVENT_KEYS
from tag_site.content.front_matter import decode, load_yaml, split_front_matter
from tag_site.content.kinds import read_page
from tag_site.content.lookalikes import name_key
from tag_site.content.members import MEMBER_KEYS
from tag_site.content.news import POST_KEYS
from tag_site.markdown.render import markdown_to_html
from tag_site.markdown.source_map import masked
from tag_site.markdown.typography import typeset
from tag_site.web.forms import FORMS, Field, read_form

from .helpers import BIN, INDEX_MD, SITE_YML, Write, check, deadline, freeze

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


def test_what_the_check_warns_of_in_a_proposal_is_said(
    site: Write, today_app: Flask, tmp_path: Path
) -> None:
    """The 55th attack: ``flask new --from-issue`` said only "Wrote …" of a post whose text
    shows an address as it is, which the check then warned of: the approving editor reads
    the warning, at the form's field and the issue's line."""
    body = "We won.\n\nWrite to ada@example.org today."
    result = new(today_app, tmp_path, "news", {"title": "A prize", "body": body})
    assert result.exit_code == 0, result.output
    assert re.search(rf"\nwarning: {re.escape(str(tmp_path))}/issue.md:\d+: the field 'Text': .*"
                     "ada@example.org", result.output), result.output  # fmt: skip


def test_a_proposed_files_name_spells_its_titles_letters(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """A title's letters are spelled in its file's name and address as a reader would: the
    dotted İ of İstanbul made "i-stanbul", and Łódź "odz"."""
    title = "Schools in İstanbul, Łódź and Straße"
    result = new(today_app, tmp_path, "news", {"title": title, "body": "Three."})
    assert result.exit_code == 0, result.output
    assert (content / "news/2026-12-01-schools-in-istanbul-lodz-and-strasse.md").is_file()


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
        'key: value other: "x"',
        "[a, list] - of two",
        "&anchor *alias !!python/object:os.system",
        "--- layout: home ---",
        "Zürich — “quotes” and \\ backslashes",
        "Results [2026]: what we found",
    ],
    ids=["path", "yaml-mapping", "yaml-list", "yaml-tags", "front-matter", "unicode", "brackets"],
)
def test_a_hostile_title_makes_a_safe_file_that_says_what_was_written(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, title: str
) -> None:
    """Whatever the title, the file is in events/ with a plain name, and its title reads
    back as the text given (set as the site sets titles: curly quotes, dashes)."""
    result = new(today_app, tmp_path, "event", EVENT | {"title": title})
    assert result.exit_code == 0, result.output
    [made] = (content / "events").iterdir()
    assert made.parent == content / "events" and made.name.startswith("2027-05-24-")
    assert set(made.name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-.")
    page = read_page(made.read_bytes(), Path("content/events") / made.name)
    assert page.title == typeset(" ".join(title.split()))
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
        (
            {"start": "14:00"},
            "the field 'First day' says '14:00', which is not a date — write it "
            "as 2027-05-24, or 2027-05-24 14:00",
        ),
        ({"kind": "party"}, "the field 'Kind of event' says 'party' — choose workshop"),
        ({"title": ""}, "the field 'Title' is empty — it is needed"),
        ({"body": "<script>x()</script>"}, "the field 'Description' holds <script>, which"),
        ({"end": "2027-05-01"}, "the field 'Last day': "),
        ({"url": "javascript:alert(1)"}, "the field 'The event's own website': "),
        ({"title": "</script><script>alert(1)</script>"}, "the field 'Title' holds '</script>"),
    ],
    ids=[
        "date",
        "time-only",
        "kind",
        "required",
        "script",
        "end-before-start",
        "bad-url",
        "script-title",
    ],
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
    frozen = freeze(today_app, "--dest", str(tmp_path / "build"))
    assert frozen.exit_code == 0, frozen.output
    page = (tmp_path / "build/members/index.html").read_text("utf-8")
    assert "Emmy Noether" in page and "emmy&#64;" not in page and "emmy@" not in page
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in page


def test_a_member_added_to_a_file_of_windows_lines_gets_them_too(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """members.yml written with CRLF line ends got the new entry with LF: a file of both."""
    site("data/members.yml", MEMBERS.replace("\n", "\r\n").encode("utf-8"))
    result = new(today_app, tmp_path, "member", MEMBER)
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_bytes()
    assert written.count(b"\n") == written.count(b"\r\n") and b"Emmy Noether" in written


def test_a_member_who_updates_changes_only_her_entry(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """The entry of the same name is updated in place, its name as listed; the comments
    around it stay."""
    site("data/members.yml", MEMBERS)
    result = new(today_app, tmp_path, "member", {"name": "ada lovelace", "affiliation": "Cambridge",
                                                 "country": "UK", "show_email": "yes"})  # fmt: skip
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_text("utf-8")
    assert written == MEMBERS.replace(
        "- name: Ada Lovelace\n  affiliation: Analytical Engines Ltd\n  country: UK\n",
        '- name: Ada Lovelace\n  affiliation: "Cambridge"\n  country: "UK"\n  show_email: true\n',
    )


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("email", "ada@analytical-engin\u0435s.org", "E-mail address"),  # a Cyrillic е
        ("url", "https://www.analytical-engine\u0261.org/", "Home page"),  # a script ɡ
    ],
    ids=["email", "home-page"],
)
def test_an_address_that_looks_like_another_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, field: str, value: str,
    label: str,
) -> None:  # fmt: skip
    """A listed member's form could swap her address for one the editor cannot tell from it
    (the check passed it, the members page linked it): a part of an address that mixes
    alphabets or lookalike letters is refused, naming the character."""
    site("data/members.yml", MEMBERS)
    values = {"name": "Ada Lovelace", "affiliation": "Analytical Engines Ltd", "country": "UK",
              field: value, "show_email": "yes"}  # fmt: skip
    result = new(today_app, tmp_path, "member", values)
    assert result.exit_code == 1, result.output
    assert f"the field '{label}'" in result.output and "can look like another address" in (
        result.output
    )
    assert "U+0435 CYRILLIC SMALL LETTER IE" in result.output or "SCRIPT G" in result.output
    assert (content / "data/members.yml").read_text("utf-8") == MEMBERS


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


@pytest.mark.parametrize(
    "affiliation",
    [
        "benner (at) mpi-magdeburg (dot) mpg (dot) de",
        "Uni, benner @ mpi-magdeburg.mpg.de",
        "benner@mpi\u2011magdeburg.mpg.de",
    ],
)
def test_an_address_spelled_out_in_a_members_field_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, affiliation: str
) -> None:
    """A stranger's form put a member's address in 'Affiliation', written as people hide one
    ((dot), spaces around the @, a dash that looks like "-"): added without a word, and the
    members page showed it. Refused, naming the field; members.yml is unchanged."""
    site("data/members.yml", MEMBERS)
    result = new(today_app, tmp_path, "member", MEMBER | {"affiliation": affiliation})
    assert result.exit_code == 1, result.output
    assert "the field 'Affiliation'" in result.output
    assert "'affiliation' holds " in result.output, result.output
    # the 56th attack: the refusal, which the bot posts on the issue, decoded the address
    assert "benner@mpi-magdeburg.mpg.de" not in result.output, result.output
    assert (content / "data/members.yml").read_text("utf-8") == MEMBERS


def value_line(issue: str, label: str) -> int:
    """Return the line of an issue body where the value under ``### label`` is written."""
    lines = issue.split("\n")
    return lines.index(f"### {label}") + 3


def written_files(content: Path) -> dict[str, bytes]:
    """Return every file of the content folder, by its name, with its bytes."""
    return {
        p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("*") if p.is_file()
    }


GOOD, EVIL = "https://good.example.org/", "https://evil.example.net/"
PAY = '<input value="Pay the fee to IBAN XYZ">'  # what GitHub drops, and the site shows
TAGGED = "".join(chr(0xE0000 + ord(char)) for char in "IGNORE THE EDITOR")
HIDDEN_LINK = "Lisbon, Portugal\n\n<!--\n\n### Online link\n\nhttps://evil.example/login\n\n-->"


def test_a_field_hidden_in_a_comment_is_refused_at_its_line(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """A second 'Online link' inside an HTML comment (GitHub shows the editor an empty one)
    is refused, naming the field and line that hold the comment; nothing is written."""
    before = written_files(content)
    issue = rendered("event", EVENT | {"location": HIDDEN_LINK})
    result = new(today_app, tmp_path, "event", EVENT | {"location": HIDDEN_LINK})
    line = issue.split("\n").index("<!--") + 1
    assert result.exit_code == 1, result.output
    assert f"issue.md:{line}: the field 'Place' holds an HTML comment" in result.output
    assert written_files(content) == before


@pytest.mark.parametrize(
    ("change", "field", "said"),
    [
        ({"body": "Five days.\n\n<!-- [x](https://evil.example) -->"}, "Description",
         "an HTML comment"),
        ({"title": "Summer\u200bschool"}, "Title", "U+200B (ZERO WIDTH SPACE)"),
        ({"location": "Lisbon\u2060"}, "Place", "U+2060 (WORD JOINER)"),
        ({"body": "Talk by \u202eevil.example\u202c"}, "Description",
         "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ({"summary": "A school\x1b[8m"}, "In one sentence", "U+001B"),
        ({"location": "Lisbon <span hidden>and online</span>"}, "Place", "holds '<span hidden"),
        ({"organizers": "A. Person &#64; B. Person"}, "Organizers", "holds '&#64; B."),
        ({"location": "[x]: https://evil.example"}, "Place", "holds '[x]: https"),
        ({"body": "Five days.\n\n<input value='https://evil.example'>"}, "Description",
         "holds <input>, which GitHub leaves out"),
        ({"body": "Five days.\n\n<select><option>evil.example</option></select>"},
         "Description", "holds <select>"),
        ({"location": "Lisbon\n\n### Online link\n\nhttps://evil.example/login"}, "Online link",
         "the heading '### Online link', as if that field were given twice"),
        ({"body": f"See [the form][r].\n\n[r]: {GOOD}\n[ R ]: {EVIL}"}, "Description",
         "a second definition of the link name 'R' (the first is at line"),
        ({"body": f"See [the form][a b].\n\n[a b]: {GOOD}\n\n> [A\n> B]: {EVIL}"},
         "Description", "a second definition of the link name 'A B'"),
        ({"body": "Five days.[^1]\n\n[^1]: Shown.\n[^1]: Published."}, "Description",
         "a second definition of the link name '^1'"),
        ({"body": "Five days.\n\n[//]: # (hidden text)"}, "Description",
         "the link definition '[//]: # (hidden text)', which no link of the text uses"),
        ({"body": "Five days.\n\n- [comment]: <> (hidden text)"}, "Description",
         "the link definition '[comment]: <> (hidden text)'"),
        ({"body": "Five days.\n\n[^note]: Only the site shows it."}, "Description",
         "the link definition '[^note]: Only the site"),
        ({"body": "Five days.\n\n<?php evil(); ?>"}, "Description",
         "'<?php evil(); ?>', which GitHub does not show"),
        ({"body": "Five days.\n\n<![CDATA[ hidden ]]>"}, "Description", "'<![CDATA[ hidden"),
        ({"body": "Five days.\n\n<!DOCTYPE hidden>"}, "Description", "'<!DOCTYPE hidden>'"),
        ({"body": "Five days.\n\n<?\n\n### Online link\n\nhttps://evil.example\n\n?>"},
         "Description", "'<?', which GitHub does not show"),
        ({"body": f"Five days.{TAGGED}"}, "Description", "U+E0049 (TAG LATIN CAPITAL LETTER I)"),
        ({"body": "Five days.\U000e0001"}, "Description", "U+E0001 (LANGUAGE TAG)"),
        ({"body": "Five \U0001f600\U000e0100\U000e0101."}, "Description", "U+E0100"),
        ({"body": "Five \u5f0f\ufe00."}, "Description", "U+FE00 (VARIATION SELECTOR-1)"),
        ({"body": "Five days\u200b\u200c\u200b."}, "Description",
         "the invisible character U+200B (ZERO WIDTH SPACE)"),
        ({"body": "Five d\u2061ays of l\u200bectures."}, "Description",
         "the invisible character U+2061 (FUNCTION APPLICATION), which GitHub does not show"),
        ({"body": "Five days.\n\n```mermaid\ngraph LR\n%% Fees go to IBAN XX00\nA-->B\n```"},
         "Description", "a ```mermaid block, which GitHub draws as a diagram"),
        ({"body": "Five days.\n\n```math\nx % Fees go to IBAN XX00\n```"}, "Description",
         "a ```math block, which GitHub draws as a formula"),
        ({"body": "The fee is $`x % Fees go to IBAN XX00`$ a person."}, "Description",
         "a % between dollars ($…%…$): GitHub reads a formula there"),
        ({"summary": "A school $x % Fees go to IBAN XX00$ in Lisbon"}, "In one sentence",
         "a % between dollars"),
        ({"body": "Five days.\n\n[a]: /x\u00a0Send\u00a0the\u00a0fee\u00a0to\u00a0IBAN\u00a0DE00("},
         "Description", "the link definition '[a]: /x"),
        ({"body": "Register at https://e.example/`<x Send the fee to IBAN DE00>`"}, "Description",
         "the address 'https://e.example/`', whose ` GitHub takes into the link"),
        ({"body": "Five days\U000e00c8\U000e00c9 of lectures\u2065\ufff0."}, "Description",
         "the invisible character U+E00C8"),
        ({"summary": "A school\U000e0080 in Lisbon"}, "In one sentence", "U+E0080"),
        ({"body": "Details at https://ok.example/[^1]\n\n[^1]: Wire the fee to IBAN XX00."},
         "Description", "the address 'https://ok.example/[^1]', whose [ GitHub takes into"),
        ({"body": "| Name | Room |\n|------|------|\n| Ada | 101 | Send the fee to IBAN XX00 |"},
         "Description", "a row of a table with 3 cells under a header of 2: GitHub shows none"),
        ({"summary": "A school\U000e0041"}, "In one sentence", "U+E0041"),
        ({"location": "Lisbon[](https://evil.example.net \"hidden words\")"}, "Place",
         "holds '[](https://ev"),
        ({"location": "Lisbon ![](https://evil.example.net/x.png)"}, "Place", "holds '![](https:"),
        ({"organizers": "A. Person [and][r]"}, "Organizers", "holds '[and][r]'"),
        ({"location": "> [r]: https://evil.example"}, "Place", "holds '> [r]: https:"),
        ({"organizers": "A. Person [r]", "body": f"See [r].\n\n[r]: {GOOD}"}, "Organizers",
         "'[r]', which GitHub links to the text's definition of 'r'"),
        ({"location": "Zed\nOnline link\n---"}, "Place",
         "holds more than one line ('Online link'"),
    ],
    ids=["comment-in-text", "zero-width", "word-joiner", "direction", "control", "tag", "entity",
         "link-definition", "input-in-text", "select-in-text", "field-twice",
         "link-defined-twice", "link-defined-twice-in-quote", "footnote-twice",
         "comment-idiom", "comment-idiom-in-list", "unused-footnote", "processing-instruction",
         "cdata", "declaration", "instruction-hiding-a-field", "tag-characters", "language-tag",
         "variation-selectors", "variation-selector-1", "zero-width-run", "zero-width-one",
         "mermaid", "math-block", "math-dollar-backtick", "math-dollars-in-field",
         "definition-cmark-reads", "address-before-backtick", "unassigned-ignorables",
         "unassigned-ignorable-in-field", "address-swallows-a-note", "table-row-too-wide",
         "tag-character-in-field", "empty-link-in-field", "image-in-field",
         "reference-in-field", "definition-in-quote", "shortcut-in-field", "setext-heading"],
)  # fmt: skip
def test_what_github_does_not_show_is_refused_naming_the_field(
    site: Write, today_app: Flask, tmp_path: Path, content: Path,
    change: dict[str, str], field: str, said: str,
) -> None:  # fmt: skip
    """What the approving editor would not see as it is written is an error of its field, at
    its line of the issue; nothing is written."""
    before = written_files(content)
    result = new(today_app, tmp_path, "event", EVENT | change)
    assert result.exit_code == 1, result.output
    assert re.search(rf"issue\.md:\d+: the field '{field}' holds ", result.output), result.output
    assert said in result.output and "nothing was written" in result.output
    assert written_files(content) == before


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("This workshop is <span hidden>not</span> endorsed.", "<span hidden=…>, whose 'hidden'"),
        ("It is <span popover>not</span> free.", "<span popover=…>, whose 'popover'"),
        ('It is <span class="nav-toggle">not</span> free.', "<span class=…>, whose 'class'"),
        ('<img src="/images/logo.svg" srcset="https://evil.example/t.png 2x" alt="logo">',
         "<img srcset=…>, whose 'srcset'"),
        ('<a href="https://example.org/" ping="https://evil.example/log">this</a>',
         "<a ping=…>, whose 'ping'"),
    ],
    ids=["hidden", "popover", "class", "srcset", "ping"],
)  # fmt: skip
def test_an_attribute_github_leaves_out_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, body: str, said: str
) -> None:
    """GitHub keeps the element and drops the attribute: the editor approves "is not
    endorsed", the page says "is endorsed" (or loads another picture, reports a click)."""
    before = written_files(content)
    result = new(today_app, tmp_path, "event", EVENT | {"body": body})
    assert result.exit_code == 1 and "the field 'Description' holds " + said in result.output, (
        result.output
    )
    assert written_files(content) == before


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("Register $$\\href{https://evil.example/}{here}$$ now.", "has the TeX command \\href"),
        ("Entry is \\(\\phantom{not}\\) free.", "has the TeX command \\phantom"),
        ("Entry is \\(\\color{white}{not}\\) free.", "has the TeX command \\color"),
        ("Fee ~~50 EUR~~ free.", "strikes text through with ~…~"),
        ("Some `$$` $$\\href{https://evil.example/}{click}$$ end.", "has the TeX command \\href"),
        ("A `\\(` \\(\\color{white}{not}\\) free.", "has the TeX command \\color"),
        ("Fee $\\phantom{\\text{Pay to IBAN X}}$ free.", "has the TeX command \\phantom"),
        ("Fee $`\\color{white}{x}`$ free.", "has the TeX command \\color"),
        ("Fee\n\n```math\n\\phantom{x}\n```", "has the TeX command \\phantom"),
        ("The meeting is ~not~ cancelled.", "strikes text through with ~…~"),
        ("We do \\(\\raise{-99em}{\\text{not}}\\) endorse it.", "has the TeX command \\raise"),
        ("A \\(\\unicode{x202E}\\) b.", "has the TeX command \\unicode"),
        ("We do $\\rlap{not}$ endorse it.", "has the TeX command \\rlap"),
        ("We ~~do not\nneed to~~ come.", "strikes text through with ~…~"),
    ],
    ids=[
        "href",
        "phantom",
        "color",
        "strikethrough",
        "after-code-span",
        "after-code-span-2",
        "github-dollar",
        "github-backtick-dollar",
        "github-math-block",
        "single-tilde",
        "raise",
        "unicode",
        "rlap-in-dollars",
        "strike-across-lines",
    ],
)
def test_a_formula_or_a_strike_github_shows_otherwise_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, body: str, said: str
) -> None:
    """A formula's ``\\href`` makes a link, ``\\phantom`` or ``\\color`` hide words, that
    GitHub shows as TeX; GitHub strikes ``~~…~~`` through, the site shows the tildes."""
    result = new(today_app, tmp_path, "event", EVENT | {"body": body})
    assert result.exit_code == 1 and said in result.output, result.output


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("Results\n  ===\n\nWe won.", "GitHub shows 'Results' as a heading, the site as text"),
        ("   # Next steps\n\nMore.", "GitHub shows 'Next' as a heading, the site as text"),
        ("Run this:\n\n  ~~~\n  rm -rf build\n  ~~~\n", "GitHub shows 'rm' as code, the site"),
        ("Loss\n: the quantity we minimise", "GitHub shows 'Loss' as text, the site in a list"),
        ("What\\? Really.", "GitHub shows a mark without its backslash"),  # the 52nd attack
    ],
    ids=["setext-indented", "atx-indented", "fence-indented", "definition", "backslash"],
)
def test_words_github_shows_as_something_else_are_refused(
    today_app: Flask, tmp_path: Path, body: str, said: str
) -> None:
    """The 51st attack: the words were the same, GitHub showed a heading or code where the
    site shows text (the marks too), and the proposal was accepted: what shows each word is
    compared too, at the line of the text it is on."""
    result = new(today_app, tmp_path, "event", EVENT | {"body": body})
    assert result.exit_code == 1 and said in result.output, result.output
    assert "holds text GitHub shows otherwise than the site would" in result.output


@pytest.mark.parametrize(
    "body",
    ["See [SS].\n\n[ẞ]: https://example.org/a\n", "See [ẞ].\n\n[ss]: https://example.org/a\n",
     "See [FF].\n\n[ﬀ]: https://example.org/a\n"],
)  # fmt: skip
def test_a_link_name_github_folds_otherwise_is_refused(
    today_app: Flask, tmp_path: Path, body: str
) -> None:
    """The 53rd attack: ``[SS]`` with ``[ẞ]: https://…`` is a link on GitHub (it folds ẞ to
    "ss"), the brackets on the site (and in kramdown), which lower-case ẞ to ß."""
    result = new(today_app, tmp_path, "event", EVENT | {"body": body})
    assert result.exit_code == 1 and "GitHub matches as" in result.output, result.output


WORDLESS = "the link to 'https://evil.example/' has no words to show"


@pytest.mark.parametrize(
    ("link", "said"),
    [("[](https://evil.example/)", WORDLESS), ("[\u00a0](https://evil.example/)", WORDLESS),
     ("[\u2063](https://evil.example/)", "the invisible character U+2063"),
     ('<a href="https://evil.example/"> </a>', WORDLESS),
     ('<a href="https://evil.example/"><br></a>', WORDLESS),
     ("[\u3164](https://evil.example/)", "the invisible character U+3164")],
    ids=["empty", "no-break-space", "invisible-separator", "space", "line-break",
         "hangul-filler"],
)  # fmt: skip
def test_a_link_without_words_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, link: str, said: str
) -> None:
    """A link that shows no words shows the approving editor nothing on GitHub: refused at
    its line, nothing written."""
    before = written_files(content)
    body = f"Five days of lectures.\n\nRegister {link} soon."
    result = new(today_app, tmp_path, "event", EVENT | {"body": body})
    assert result.exit_code == 1
    assert said in result.output, result.output
    assert written_files(content) == before


@pytest.mark.parametrize(
    ("image", "said"),
    [("![Registration moved: pay at evil.example](https://images.example.org/a.jpg)",
      "GitHub shows the image 'https://images.example.org/a.jpg'"),
     ('<picture><source srcset="https://images.example.org/a.jpg 2x">'
      '<img src="/x.png" alt="A"></picture>', "holds <picture>, which a proposal may not hold"),
     ('<img src="/images/favicon.png" alt="click" width="1" height="1">',
      "holds <img>, which a proposal may not hold")],
    ids=["markdown", "srcset", "one-pixel"],
)  # fmt: skip
def test_an_image_from_another_site_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, image: str, said: str
) -> None:
    """GitHub shows the editor an image from another site; the site's pages would show only
    its alt text (their CSP loads none); HTML that could shrink an image out of sight is no
    proposal's: refused, nothing written."""
    before = written_files(content)
    result = new(today_app, tmp_path, "event", EVENT | {"body": f"Five days.\n\n{image}"})
    assert result.exit_code == 1 and said in result.output, result.output
    assert written_files(content) == before


@pytest.mark.parametrize(
    ("html", "said"),
    [("Welcome. <rp>[cheap pills](https://evil.example/)</rp> See you.",
      "holds <rp>, which a proposal may not hold"),
     ("A <sub><sub><sub>[x](https://evil.example/)</sub></sub></sub> b.",
      "holds <sub> inside <sub> or <sup>"),
     ("A <sup><sub>[x](https://evil.example/)</sub></sup> b.", "holds <sub> inside <sub> or <sup>"),
     ("Hello <a href=\"https://evil.example/\">click here", "holds a <a> that is never closed"),
     ("Hello <del>gone", "holds a <del> that is never closed")],
    ids=["rp", "nested-sub", "sub-in-sup", "unclosed-link", "unclosed-del"],
)  # fmt: skip
def test_html_that_hides_or_shrinks_is_no_proposals(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, html: str, said: str
) -> None:
    """GitHub keeps <rp> (which browsers do not show) and <sub> in <sub> (which shrinks a
    link to a few pixels): a proposal holds only plain inline markup."""
    before = written_files(content)
    result = new(today_app, tmp_path, "news", {"title": "A prize", "body": html})
    assert result.exit_code == 1 and said in result.output, result.output
    assert written_files(content) == before


@pytest.mark.parametrize(
    "preamble",
    ['<pre><span title="', "[x\ny]: https://example.org/pixel.png", "Hello editors!"],
    ids=["html-block", "definition-over-lines", "words"],
)
def test_text_before_the_first_field_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, preamble: str
) -> None:
    """An issue's body is the author's to edit: an HTML block before the first field hid every
    field from the editor on GitHub (a <pre> runs to the end), and was written unseen."""
    before = written_files(content)
    issue = tmp_path / "issue.md"
    body = rendered("news", {"title": "Our treasurer", "body": '`">`Thanks for reading.'})
    issue.write_text(f"{preamble}\n\n{body}", "utf-8")
    result = today_app.test_cli_runner().invoke(args=["new", "news", "--from-issue", str(issue)])
    assert result.exit_code == 1 and "before its first field" in result.output, result.output
    assert f"{issue}:1: the issue holds" in result.output and "'### Title'" in result.output
    assert written_files(content) == before


@pytest.mark.parametrize("piece", ["~a ", "[^a ", "~~a "])
def test_a_long_text_of_tildes_or_notes_is_read_in_linear_time(piece: str) -> None:
    """A strike was looked for from every tilde to the end of its paragraph, a footnote
    reference from every '[^' to the next ']': a 60 kB issue of '~a ' took 14 s."""
    import time

    def read(times: int) -> float:
        body = rendered("news", {"title": "Perf", "body": piece * times})
        started = time.process_time()
        with contextlib.suppress(Exception):  # refused or not: the time is what is measured
            read_issue(body, fields_of("news"), Path("issue.md"))
        return time.process_time() - started

    small = min(read(2_500) for _ in range(5))
    large = min(read(10_000) for _ in range(5))
    assert large < max(10 * small, 0.3), (small, large)  # 4 times the text; quadratic: 16


def test_an_issue_longer_than_github_takes_is_refused_before_it_is_read(
    today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """GitHub takes 65,536 characters in an issue: a longer text (20,000 table rows wider
    than their header, refused after 5.3 s of reading) is refused first, saying the limit."""
    before = written_files(content)
    issue = tmp_path / "issue.md"
    issue.write_text(rendered("news", {"title": "Long", "body": "| 1 | 2 | 3 |\n" * 20_000}))
    result = today_app.test_cli_runner().invoke(args=["new", "news", "--from-issue", str(issue)])
    assert result.exit_code == 1, result.output
    size = len(issue.read_text())
    assert f"{issue}:1: the issue holds {size:,} characters, and GitHub takes 65,536" in (
        result.output
    )
    assert written_files(content) == before


@pytest.mark.parametrize("body", ["Hello\n\n</b>\n<![~", "Hello <![~ world", "<![ x"])
def test_a_declaration_pythons_parser_cannot_read_is_no_traceback(body: str) -> None:
    """`<![~` stopped Python's HTML parser with an AssertionError, a traceback in place of
    the bot's answer: it is text, as GitHub shows it."""
    issue = read_issue(rendered("news", {"title": "T", "body": body}), fields_of("news"),
                       Path("issue.md"))  # fmt: skip
    assert issue.values["body"] == body


def test_a_post_at_the_url_of_another_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """Two posts of a year with one title have one URL: the second proposal was written, and
    the check then blamed the first post's file."""
    first = new(
        today_app, tmp_path, "news", {"title": "Hello world", "date": "2026-12-01", "body": "Hi."}
    )
    assert first.exit_code == 0, first.output
    before = written_files(content)
    second = new(
        today_app, tmp_path, "news", {"title": "Hello world", "date": "2026-11-02", "body": "Hi."}
    )
    assert second.exit_code == 1 and "has the same URL /news/2026/hello-world/" in second.output
    assert second.output.count("has the same URL") == 1, second.output  # it was said twice
    assert "(the form's 'Title' names it)" in second.output  # what the proposer can change
    assert "nothing was written" in second.output and written_files(content) == before


def test_a_backslash_outside_any_formula_is_accepted(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """A Windows path with no dollar and no \\( in the text is no formula on GitHub or the
    site: accepted; with a dollar elsewhere it may be one, and the message says to write code."""
    body = "Copy the slides to C:\\Users\\ada\\talks before the meeting."
    result = new(today_app, tmp_path, "news", {"title": "Slides", "body": body})
    assert result.exit_code == 0, result.output
    priced = new(today_app, tmp_path, "news", {"title": "Fee", "body": body + " It costs $5."})
    assert priced.exit_code == 1 and "write it as code: `C:\\Users`" in priced.output


def test_what_github_shows_as_written_is_accepted(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """Link definitions the text uses, footnotes it refers to, emoji with their joiners,
    variation selectors and flag tags, and a star that GitHub does not read as emphasis in a
    one-line field (``C++ and A * B``) are written as given."""
    scotland = "\U0001f3f4" + "".join(chr(0xE0000 + ord(char)) for char in "gbsct") + "\U000e007f"
    body = (
        "See [the form][r] and [R].[^1] \U0001f469\u200d\U0001f52c "
        f"\U0001f3f3\ufe0f\u200d\U0001f308 \u2764\ufe0f {scotland}\n\n"
        f"[r]: {GOOD}\n\n[^1]: A note.\n\n```\n[x]: /unused/in/code\n```"
    )
    result = new(today_app, tmp_path, "news", {"title": "A new form: C++ and A * B", "body": body})
    assert result.exit_code == 0, result.output
    written = (content / "news/2026-12-01-a-new-form-c-and-a-b.md").read_text("utf-8")
    assert written.endswith(body + "\n") and 'title: "A new form: C++ and A * B"' in written


@pytest.mark.parametrize(
    ("title", "drawn"),
    [
        ("A **Big** launch", "in bold"),
        ("A *new* form", "in italics"),
        ("Run `make`", "as code"),
        ("Prize \\*", "without its backslash"),
        ("Smile :smile:", "as an emoji"),
        ("The $x^2$ law", "as a formula"),
        ("# Peter Benner", "as a heading"),  # the 52nd attack: as a member's name too
        ("- Eve", "as a list"),
        ("2) We won", "as a numbered list"),
        ("> We won the prize", "as a quote"),
        ("---", "as a rule, with no words"),
        ("Why\\? Because", "as a mark without its backslash"),
    ],
)
def test_what_github_draws_in_a_one_line_field_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, title: str, drawn: str
) -> None:
    """The 48th attack: ``**Big** Uni :smile: $x$`` in a one-line field (a title, an
    affiliation) was accepted; GitHub shows the approving editor bold text, an emoji, a
    formula, the site the characters as written. Each is refused, naming how GitHub draws it."""
    result = new(today_app, tmp_path, "news", {"title": title, "body": "Hello."})
    assert result.exit_code == 1, result.output
    assert "the field 'Title' holds" in result.output and f"which GitHub shows {drawn}" in (
        result.output
    ), result.output


@pytest.mark.parametrize(
    ("body", "line", "said"),
    [
        (f"Hello \\`{PAY}` world", 0, "holds <input>, which GitHub leaves out"),
        (f"```a`b\n{PAY}", 1, "holds <input>, which GitHub leaves out"),
        (f"Hello <b x='\n\n{PAY}", 2, "holds <input>, which GitHub leaves out"),
        ('Hello <span title="` Transfer the fee to IBAN XYZ ">world</span> and `x`', 0,
         "holds <span>, which a proposal may not hold"),
        (f"Read [the programme][x].\n\n[x]: {GOOD}\n\n```a`b\n\n[x]: {EVIL}", 6,
         "a second definition of the link name 'x' (the first is at line"),
        ("Five days.\U000e0001".replace("\U000e0001", "&#xE0068;"), 0,
         "U+E0068 (TAG LATIN SMALL LETTER H) (an entity), which GitHub does not show"),
        ("Talk by &#x202E;evil.example", 0, "U+202E (RIGHT-TO-LEFT OVERRIDE) (an entity)"),
        ("Five&#x200B;&#x200B; days.", 0,
         "U+200B (ZERO WIDTH SPACE) (an entity), which GitHub"),
    ],
    ids=["escaped-backticks", "backtick-in-info-string", "unfinished-tag",
         "backtick-in-attribute", "definition-after-backtick-info-string", "tag-entity",
         "direction-entity", "invisible-entities"],
)  # fmt: skip
def test_what_the_sites_scanner_read_otherwise_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, body: str, line: int, said: str
) -> None:
    """Code, HTML and link definitions are found where GitHub finds them (escaped backticks
    are no code, a fence's info string holds no backtick, an unfinished tag ends nothing);
    text GitHub hides in a tag that the site shows is refused; so are entities of invisible
    characters. Each at its line; nothing is written."""
    before = written_files(content)
    result = new(today_app, tmp_path, "news", {"title": "Fees", "body": body})
    first = value_line(rendered("news", {"title": "Fees", "body": body}), "Text")
    assert result.exit_code == 1, result.output
    assert f"issue.md:{first + line}: the field 'Text' holds " in result.output, result.output
    assert said in result.output, result.output
    assert written_files(content) == before


def test_what_both_readers_show_alike_is_accepted(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """The site's own typography, formulas, footnotes, tables and entities of visible
    characters show the same words as GitHub: accepted as written."""
    body = (
        'A "quoted" word -- and more... $$x^2$$ and \\(y\\) in HTML.[^1] &#233; &amp;\n\n'
        "| a | b |\n|---|---|\n| 1 | <del>2</del> |\n\n"
        "[^1]: A note, [linked](https://example.org/).\n\n    Its second paragraph."
    )
    result = new(today_app, tmp_path, "news", {"title": "Alike", "body": body})
    assert result.exit_code == 0, result.output
    assert (content / "news/2026-12-01-alike.md").read_text("utf-8").endswith(body + "\n")


@pytest.mark.parametrize("body", ["*[HTML]: Hyper", "*[HTML]: Hyper Text\n\nHTML here"])
def test_an_abbreviations_definition_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, body: str
) -> None:
    """The 34th attack's text was only an abbreviation's definition (``*[HTML]: Hyper``):
    GitHub shows the line, the site nothing; the 43rd's used it ("HTML here"), and the
    site showed its words only as the title of "HTML", when pointed at. Refused at its line;
    one in code is code."""
    before = written_files(content)
    result = new(today_app, tmp_path, "news", {"title": "Lost", "body": body})
    first = value_line(rendered("news", {"title": "Lost", "body": body}), "Text")
    assert result.exit_code == 1, result.output
    assert f"issue.md:{first}: the field 'Text' holds text GitHub shows otherwise" in result.output
    assert f"'{body.split(chr(10))[0]}' defines an abbreviation: GitHub shows it as text" in (
        result.output
    )
    assert written_files(content) == before
    coded = new(today_app, tmp_path, "news", {"title": "Code", "body": f"    {body}"})
    assert coded.exit_code == 0, coded.output


def test_tag_characters_before_the_first_field_are_refused(
    site: Write, today_app: Flask, tmp_path: Path
) -> None:
    """Tag characters spell a message nobody sees, so they are refused anywhere in the issue,
    even in the text before the first field; so is a link definition there, which GitHub
    would use for the fields' links."""
    for preamble, said in [(TAGGED, "U+E0049"), (f"[r]: {EVIL}", "holds '[r]: https:")]:
        issue = tmp_path / "issue.md"
        issue.write_text(preamble + "\n\n" + rendered("event", EVENT), "utf-8")
        result = today_app.test_cli_runner().invoke(
            args=["new", "event", "--from-issue", str(issue)]
        )
        assert result.exit_code == 1
        assert "issue.md:1: the issue holds " in result.output and said in result.output


def test_a_comment_before_the_first_field_is_refused_too(
    site: Write, today_app: Flask, tmp_path: Path
) -> None:
    """The text before the form's first field is not written, but a comment there may hide
    headings: it is refused at its line."""
    issue = tmp_path / "issue.md"
    issue.write_text("<!-- hidden -->\n\n" + rendered("event", EVENT), "utf-8")
    result = today_app.test_cli_runner().invoke(args=["new", "event", "--from-issue", str(issue)])
    assert result.exit_code == 1
    assert "issue.md:1: the issue holds an HTML comment" in result.output


BENNER = """\
- name: Ada Lovelace
  country: UK
# The spokesperson.
- name: Peter Benner
  title: Prof. Dr.
  role: Spokesperson
  ems_member: true
  affiliation: MPI Magdeburg   # since 2010
  city: Magdeburg
  country: Germany
  photo: /images/benner.png

- name: Carl Gauss
  country: Germany
"""
UPDATE = {"name": "PETER BENNER", "affiliation": "TU Chemnitz", "country": "Germany",
          "email": "benner@example.org", "show_email": "no"}  # fmt: skip


def test_showing_a_listed_address_needs_the_address_in_the_form(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """A form for a listed name saying "Show my e-mail address: yes" with no address turned
    the listed, hidden one public, though the issue the editor approved never showed it: the
    form must give the address (then the editor sees which one)."""
    listed = BENNER.replace("Germany\n", "Germany\n  email: pb@example.org\n", 1)  # Benner's
    site("data/members.yml", listed)
    site("images/benner.png", b"\x89PNG\r\n\x1a\n")
    form = {"name": "Peter  BENNER", "affiliation": "TU", "country": "Germany", "show_email": "yes"}
    result = new(today_app, tmp_path, "member", form)
    assert result.exit_code == 1, result.output
    assert (
        "the field 'Show my e-mail address on the members page' says yes, and the form "
        "gives no address" in result.output
    ), result.output
    assert (content / "data/members.yml").read_text("utf-8") == listed
    given = new(today_app, tmp_path, "member", form | {"email": "pb@example.org"})
    assert given.exit_code == 0, given.output
    assert (  # the 39th attack: said among the fields written, as if it were a country
        "it shows the address pb@example.org, which the entry did not say to show until now "
        "— approve only if the issue comes from Peter Benner" in given.output
    ), given.output


def test_a_members_update_keeps_the_fields_the_form_does_not_carry(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """A form for a listed name (in other capitals) updates that entry in place: the fields
    it fills replace their lines; the name as listed, 'title', 'role', 'ems_member', 'city',
    'photo' and the comments stay; the command says it updated the entry."""
    site("data/members.yml", BENNER)
    site("images/benner.png", b"\x89PNG\r\n\x1a\n")
    result = new(today_app, tmp_path, "member", UPDATE)
    assert result.exit_code == 0, result.output
    assert "Updated the entry of Peter Benner in content/data/members.yml:4" in result.output
    assert "kept name, title, role, ems_member, city, photo as listed" in result.output
    # the 55th attack: a stranger's change of a member's affiliation was said without it
    assert "— approve only if the issue comes from Peter Benner" in result.output
    written = (content / "data/members.yml").read_text("utf-8")
    assert written == BENNER.replace(
        "  affiliation: MPI Magdeburg   # since 2010\n", '  affiliation: "TU Chemnitz"\n'
    ).replace(
        "  country: Germany\n  photo: /images/benner.png\n",
        '  country: "Germany"\n  photo: /images/benner.png\n'
        '  email: "benner@example.org"\n  show_email: false\n',
    )
    assert check(today_app).exit_code == 0


@pytest.mark.parametrize(
    "position",
    [
        "|\n    Chair of Numerics\n    #1 research group in Europe\n",
        ">\n    Chair of Numerics\n\n    # 1 group in Europe\n",
    ],
    ids=["literal", "folded"],
)
def test_a_members_update_keeps_a_text_whose_lines_start_with_a_hash(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, position: str
) -> None:
    """'#' lines inside a '|' or '>' text were taken for comments after the entry: the form's
    new keys went in between, cut the text there, and the command said it kept it. They
    are the text's lines, and the new keys go after them."""
    members = f"- name: Peter Benner\n  position: {position}- name: Carl Gauss\n"
    site("data/members.yml", members)
    before = yaml.safe_load(members)[0]["position"]
    result = new(today_app, tmp_path, "member", UPDATE)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((content / "data/members.yml").read_text("utf-8"))
    assert written[0]["position"] == before and written[0]["affiliation"] == "TU Chemnitz"
    assert [entry["name"] for entry in written] == ["Peter Benner", "Carl Gauss"]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"name": 'Ada Example[](https://evil.example.net "any hidden words here")'},
         "the field 'Name' holds '[](https://ev"),
        ({"name": "Ada Example <https://evil.example.net>"}, "the field 'Name' holds '<https://"),
        ({"city": "Zed\nCountry\n---"}, "the field 'City' holds more than one line ('Country'"),
    ],
    ids=["empty-link", "autolink", "setext-heading"],
)  # fmt: skip
def test_a_member_form_with_hidden_markdown_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path,
    change: dict[str, str], said: str,
) -> None:  # fmt: skip
    """A link GitHub shows as nothing (or as its text) adds no member under a name the editor
    did not see; a second line GitHub shows as a heading is refused too; the file stays."""
    site("data/members.yml", MEMBERS)
    result = new(today_app, tmp_path, "member", MEMBER | change)
    assert result.exit_code == 1, result.output
    assert said in result.output, result.output
    assert (content / "data/members.yml").read_text("utf-8") == MEMBERS


def test_a_hidden_address_in_a_news_text_is_said_at_the_text(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """A news form whose text writes the address of a member who hides it is refused at its
    text; it was said a second time of the form's title, at line 1 of the file it makes."""
    site("data/members.yml", "- name: Sofia\n  email: sofia@example.org\n  show_email: false\n")
    body = "Write to SOFIA@example.org now."
    result = new(today_app, tmp_path, "news", {"title": "A prize", "body": body})
    assert result.exit_code == 1, result.output
    assert "the field 'Text': this address is member 1's (Sofia)" in result.output
    assert "'Title'" not in result.output, result.output
    assert not (content / "news").exists() or not list((content / "news").iterdir())


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("news", {"title": "```Buy cheap pills at evil.example", "body": "Text."}),
        ("news", {"title": "~~~ Buy cheap pills", "body": "Text."}),
        ("member", {"affiliation": "```Buy cheap pills"}),
    ],
    ids=["title-backticks", "title-tildes", "affiliation"],
)
def test_a_one_line_field_that_github_reads_as_a_code_fence_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, kind: str, values: dict[str, str]
) -> None:
    """A one-line field starting with ``` or ~~~ shows nothing on GitHub (its words are the
    code block's info string) and was published on the home page and in the feed."""
    site("data/members.yml", MEMBERS)
    result = new(today_app, tmp_path, kind, (MEMBER | values) if kind == "member" else values)
    assert result.exit_code == 1, result.output
    assert "which GitHub reads as the start of a code block" in result.output, result.output
    assert not (content / "news").exists() or not list((content / "news").iterdir())


def test_an_issue_file_that_is_not_utf8_is_refused_at_its_line(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """The 55th attack: bytes of an issue saved in another encoding were written into
    members.yml as replacement characters ("Uni ��X") without a word: refused at their line."""
    site("data/members.yml", MEMBERS)
    issue = tmp_path / "issue.md"
    issue.write_bytes(
        rendered("member", MEMBER).replace("Erlangen", "Erl\xe4ngen").encode("latin-1")
    )
    line = issue.read_bytes()[: issue.read_bytes().index(b"\xe4")].count(b"\n") + 1
    result = today_app.test_cli_runner().invoke(args=["new", "member", "--from-issue", str(issue)])
    assert result.exit_code == 1, result.output
    assert f"{issue}:{line}: this file is not UTF-8 text" in result.output, result.output
    assert (content / "data/members.yml").read_text("utf-8") == MEMBERS


@pytest.mark.parametrize(
    ("hers", "name", "shown"),
    [
        ("false", "Mallory Mock", "yes"),
        ("true", "Mallory Mock", "no"),
        ("true", "Mallory Mock", "yes"),
        ("false", "Carl Gauss", "no"),
    ],
    ids=["shows-a-hidden-one", "hides-a-shown-one", "shows-a-shown-one", "update-takes-one"],
)
def test_a_member_form_cannot_give_another_members_address(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, hers: str, name: str, shown: str
) -> None:
    """A stranger's join form under a new name, with the address of a member who hides hers
    and "show it: yes", was added with a warning (a shared address), and the freeze showed
    the address on the members list. With one a member shows (the 55th attack), "no" was
    refused as her entry's mistake ("remove it here": an editor would delete her address),
    "yes" added with a warning no one saw. Each is refused at the form's field, the file
    kept; so is an update that takes another member's address."""
    sofia = f"- name: Sofia Kovalevskaya\n  email: sofia@example.org\n  show_email: {hers}\n"
    listed = MEMBERS + sofia
    site("data/members.yml", listed)
    change = {"name": name, "email": "SOFIA@example.org", "show_email": shown}
    result = new(today_app, tmp_path, "member", MEMBER | change)
    assert result.exit_code == 1, result.output
    said = "the field 'E-mail address': this address is member 3's (Sofia Kovalevskaya, content/"
    assert said in result.output, result.output
    assert "remove it here" not in result.output
    assert (content / "data/members.yml").read_text("utf-8") == listed


@pytest.mark.parametrize(
    ("listed", "name"),
    [
        ("\ufeff" + BENNER + "...\n", "Carl Gauss"),
        ("\ufeff" + BENNER + "...\n# The end.\n", "Ada Lovelace"),
        ("---\n" + BENNER + "...\n", "Emmy Noether"),
    ],
    ids=["update-the-last", "update-the-first", "add"],
)
def test_a_members_update_keeps_the_byte_order_mark_and_the_document_end(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, listed: str, name: str
) -> None:
    """A BOM before the list and a '...' line after it stay; an entry is updated or added
    before the '...' line, inside the document."""
    site("data/members.yml", listed.encode("utf-8"))
    site("images/benner.png", b"\x89PNG\r\n\x1a\n")
    change = {"name": name, "affiliation": "Sapienza", "country": "Italy", "show_email": "no"}
    result = new(today_app, tmp_path, "member", change)
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_bytes().decode("utf-8")
    if name == "Emmy Noether":
        entry = (
            '- name: "Emmy Noether"\n  affiliation: "Sapienza"\n  country: "Italy"\n'
            "  show_email: false\n"
        )
        expected = listed.replace("...\n", entry + "...\n")
    else:
        country = "UK" if name == "Ada Lovelace" else "Germany"
        before = f"- name: {name}\n  country: {country}\n"
        after = (
            f'- name: {name}\n  country: "Italy"\n  affiliation: "Sapienza"\n  show_email: false\n'
        )
        expected = listed.replace(before, after)
    assert expected != listed and written == expected
    assert check(today_app).exit_code == 0


@pytest.mark.parametrize(
    ("listed", "kept"),
    [
        ("[]\n", ""),
        ("---\n[ ]  # none yet\n", "---\n# none yet\n"),
        ("~\n", ""),
        ("null  # none\n", "# none\n"),
        ("--- []\n", "---\n"),  # the error blamed the issue's Name field
        ("%YAML 1.1\n--- [] # none\n", "%YAML 1.1\n--- # none\n"),
    ],
    ids=["empty", "document", "tilde", "null", "on-the-start", "after-a-directive"],
)
def test_a_member_joins_a_list_written_as_brackets(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, listed: str, kept: str
) -> None:
    """An empty list written '[]' makes way for the first entry (a comment after it stays);
    the file is valid YAML and passes the check."""
    site("data/members.yml", listed)
    result = new(today_app, tmp_path, "member", MEMBER)
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_text("utf-8")
    assert written.startswith(kept + '- name: "Emmy Noether"\n')
    assert check(today_app).exit_code == 0


def test_a_new_member_is_indented_as_the_others(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """A list indented by two spaces gets its new entry indented the same (written at the
    margin, it was no YAML, and the error blamed the Name field)."""
    site("data/members.yml", "  - name: Ada Lovelace\n    country: UK\n")
    result = new(today_app, tmp_path, "member", MEMBER)
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_text("utf-8")
    assert '\n  - name: "Emmy Noether"\n    title: "Prof. Dr."\n' in written
    assert check(today_app).exit_code == 0


def test_an_entry_that_shares_values_through_anchors_is_not_updated(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """Ada's entry lends its values to Bob's through a YAML anchor: updating Ada in place
    would change Bob's page too, unsaid. Refused at the entry's line; nothing written."""
    listed = (
        "- &base\n  name: Ada Lovelace\n  affiliation: Analytical Engines Ltd\n  country: UK\n"
        "- <<: *base\n  name: Bob Babbage\n"
    )
    site("data/members.yml", listed)
    change = {
        "name": "Ada Lovelace",
        "affiliation": "Cambridge",
        "country": "UK",
        "show_email": "no",
    }
    result = new(today_app, tmp_path, "member", change)
    assert result.exit_code == 1
    assert "members.yml:1: the entry of Ada Lovelace shares values with other" in result.output
    assert (content / "data/members.yml").read_text("utf-8") == listed


def test_a_list_of_members_between_brackets_is_refused_at_its_line(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """Members written as one flow list cannot be changed line by line: the file's line is
    named (not the form's Name field), and nothing is written."""
    listed = "# members\n[{name: Ada Lovelace}]\n"
    site("data/members.yml", listed)
    result = new(today_app, tmp_path, "member", MEMBER)
    assert result.exit_code == 1
    assert "data/members.yml:2: the members are written as one list between [ ]" in result.output
    assert (content / "data/members.yml").read_text("utf-8") == listed


@pytest.mark.parametrize(
    "name",
    [
        "Peter  Benner",
        " peter benner ",
        "ＰＥＴＥＲ Benner",
        "Pe\u0301ter Benner".replace("e\u0301", "e"),
    ],
    ids=["spaces", "case", "fullwidth", "same"],
)
def test_a_name_written_otherwise_updates_the_listed_entry(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, name: str
) -> None:
    """Names are compared NFKC-normalised, case-folded, their spaces collapsed: no second
    entry is added."""
    site("data/members.yml", BENNER)
    site("images/benner.png", b"\x89PNG\r\n\x1a\n")
    result = new(today_app, tmp_path, "member", UPDATE | {"name": name})
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_text("utf-8")
    assert written.count("- name:") == 3 and "- name: Peter Benner\n  title: Prof. Dr." in written


def test_an_accent_in_another_unicode_form_is_the_same_name(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """'Gödel' written with a combining diaeresis (NFD) updates the entry written NFC."""
    site("data/members.yml", "- name: Kurt G\u00f6del\n  country: Austria\n")
    result = new(today_app, tmp_path, "member", UPDATE | {"name": "Kurt Go\u0308del"})
    assert result.exit_code == 0, result.output
    written = (content / "data/members.yml").read_text("utf-8")
    assert written.count("- name:") == 1 and "Updated the entry of Kurt G\u00f6del" in result.output


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("P\u0435ter Benner", "looks like 'Peter Benner' (content/data/members.yml:4) but is "
         "written otherwise (it holds U+0435 CYRILLIC SMALL LETTER IE)"),
        ("Peter Benn\u00e9r", "(they differ only in accents or marks"),  # the 54th attack
        ("\u0420eter Benner", "U+0420 CYRILLIC CAPITAL LETTER ER"),
        ("Pe\u200dter Benner", "U+200D (ZERO WIDTH JOINER)"),
        ("\ua4d1eter Benner", "U+A4D1 LISU LETTER PA"),
        ("\u13a2om Benner", None),
        ("Peter Be\u0274ner", "U+0274 LATIN LETTER SMALL CAPITAL N"),
        ("Peter Ben\u0578er", "U+0578 ARMENIAN SMALL LETTER VO"),
        ("Peter Benner\u2800", "U+2800 (BRAILLE PATTERN BLANK)"),
    ],
    ids=["cyrillic-e", "accent", "cyrillic-p", "zero-width-joiner", "lisu", "cherokee",
         "small-capital", "armenian", "braille-blank"],
)  # fmt: skip
def test_a_lookalike_name_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, name: str, said: str | None
) -> None:
    """A name that only looks like a listed one neither adds a look-identical entry nor
    updates the listed one: it is refused, naming the letters."""
    listed = BENNER + "- name: Tom Benner\n  country: Germany\n" if said is None else BENNER
    site("data/members.yml", listed)
    result = new(today_app, tmp_path, "member", UPDATE | {"name": name})
    assert result.exit_code == 1
    said = said or "U+13A2 CHEROKEE LETTER I"
    assert "the field 'Name'" in result.output and said in result.output
    assert (content / "data/members.yml").read_text("utf-8") == listed


LISTED = [
    "Olga Mula",
    "Benjamin Peherstorfer",
    "Ozan Oktem",
    "Marco Verani",
    "Bruno Despres",
    "Peter Benner",
    "Anna Karenina",
]
LOOKALIKES = ["OIga Mula", "Benjarnin Peherstorfer", "0zan Oktem", "Marco Veran\u0456",
              "Bruno De\u0455pres", "Peter Benne\u027e", "\u2c65nna Karenina",
              "Pe\u200ater Benner", "Bruno Despres.", "Bruno-Despres"]  # fmt: skip


@pytest.mark.parametrize(
    "name",
    LOOKALIKES,
    ids=["I-for-l", "rn-for-m", "0-for-O", "i", "s", "fishhook-r", "a-with-stroke",
         "hair-space-in-a-word", "a-dot-after", "a-hyphen-for-a-space"],
)  # fmt: skip
def test_letters_that_look_alike_in_any_alphabet_are_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, name: str
) -> None:
    """Unicode's lookalikes, ASCII's among them (I and l, 0 and O, rn and m), Cyrillic's і
    and ѕ, and punctuation (the 55th attack: "Bruno Despres." was added beside Bruno
    Despres): a proposal does not add a second member who looks listed, and the check warns
    about two such entries in members.yml."""
    listed = "".join(f"- name: {n}\n  country: X\n" for n in LISTED)
    site("data/members.yml", listed)
    result = new(today_app, tmp_path, "member", UPDATE | {"name": name})
    assert result.exit_code == 1 and "which looks like" in result.output, result.output
    assert (content / "data/members.yml").read_text("utf-8") == listed
    site("data/members.yml", listed + f"- name: {name}\n  country: X\n")
    assert "the name looks the same as member" in check(today_app).output


@pytest.mark.parametrize(
    ("second", "said"),
    [
        ("Peter Benner", "it is the same name"),
        ("PETER  BENNER", "they differ only in capitals, spaces"),
        ("P\u0435ter Benner", "member 3's name holds U+0435 CYRILLIC SMALL LETTER IE"),
        ("\uff30eter Benner", "U+FF30 FULLWIDTH LATIN CAPITAL LETTER P"),
        ("Pe\u200dter Benner", "U+200D ZERO WIDTH JOINER"),
        ("Pe\u0301ter Benner", "member 3 (Pe\u0301ter Benner)"),
        ("\ua4d1eter Benner", "member 3's name holds U+A4D1 LISU LETTER PA"),
        ("Peter Benner\u2800", "member 3's name holds U+2800 BRAILLE PATTERN BLANK"),
        ("Peter Benner\u0323", "they differ only in accents or marks"),
        ("Péter Benner", "they differ only in accents or marks"),
        ("Peter-Benner.", "they differ only in punctuation"),
    ],
    ids=[
        "same",
        "case-and-spaces",
        "cyrillic",
        "fullwidth",
        "zero-width",
        "nfd",
        "lisu",
        "braille-blank",
        "dot-below",
        "accent",
        "punctuation",
    ],
)
def test_the_check_warns_about_names_that_look_the_same(
    site: Write, app: Flask, second: str, said: str
) -> None:
    """`flask check` warns at the later entry's line when two members' names look alike."""
    names = ["Peter Benner", "Carl Gauss", second]
    if second == "Pe\u0301ter Benner":
        names[0] = "P\u00e9ter Benner"
    site("data/members.yml", "".join(f"- name: {name}\n  country: X\n" for name in names))
    output = check(app).output
    assert "content/data/members.yml:5: warning: member 3 (" in output, output
    assert "the name looks the same as member 1's" in output and said in output
    assert "members.yml:3: warning" not in output


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Walther Smith", "VValther Smith"),
        ("Victorita Dolean", "Victorita Clolean"),
        ("Victorita Dolean", "V\u0131\u0307ctorita Dolean"),  # a dotless ı and a dot above
        ("Victorita Dolean", "Vi\u0307ctorita Dolean"),
    ],
    ids=["vv", "cl", "dotless-i-and-dot", "i-and-dot"],
)
def test_the_check_warns_about_letters_that_look_like_one(
    site: Write, app: Flask, first: str, second: str
) -> None:
    """ "VV" looks like "W" and "cl" like "d" in most fonts (Unicode's confusables have only
    "rn" for "m"): two such names are a warning."""
    site("data/members.yml", "".join(f"- name: {name}\n  country: X\n" for name in (first, second)))
    assert "the name looks the same as member 1's" in check(app).output


def test_the_check_warns_about_a_long_s(site: Write, app: Flask) -> None:
    """ "Jan Heſthaven" is the same name as "Jan Hesthaven" to a proposal (NFKC: it updates
    that entry), and looks like "Jan Hefthaven": the check warns about the two entries."""
    names = ["Jan Hesthaven", "Jan He\u017fthaven"]
    site("data/members.yml", "".join(f"- name: {name}\n  country: X\n" for name in names))
    assert "the name looks the same as member 1's" in check(app).output


def test_different_names_are_no_warning(site: Write, app: Flask) -> None:
    """Names that differ in their letters are no warning, whatever their alphabet."""
    names = ["Peter Benner", "Petra Benner", "Пётр Беннер", "Πέτρος"]
    site("data/members.yml", "".join(f"- name: {name}\n  country: X\n" for name in names))
    assert "looks the same" not in check(app).output


@pytest.mark.parametrize(
    ("kind", "change", "field"),
    [
        ("event", {"start": "2027-02-30"}, "First day"),
        ("event", {"start": "2027-05-24 25:00"}, "First day"),
        ("event", {"start": "0001-01-01", "end": ""}, "First day"),
        ("event", {"end": "2027-02-30"}, "Last day"),
        ("event", {"end": "25:00"}, "Last day"),
        ("event", {"deadline": "2027-13-01"}, "Registration or abstract deadline"),
        ("news", {"date": "2026-02-30"}, "Date"),
        ("event", {"end": "\u0662\u0660\u0662\u0667-05-25"}, "Last day"),
        ("news", {"date": "\u0662\u0660\u0662\u0666-05-25"}, "Date"),
    ],
    ids=[
        "start",
        "start-hour",
        "start-year",
        "end",
        "end-time",
        "deadline",
        "news-date",
        "arabic-indic-end",
        "arabic-indic-date",
    ],
)
def test_a_bad_date_names_its_own_field_at_its_line(
    site: Write, today_app: Flask, tmp_path: Path, content: Path,
    kind: str, change: dict[str, str], field: str,
) -> None:  # fmt: skip
    """A date that does not exist is an error of its field at its line, not of the text."""
    values = (EVENT if kind == "event" else {"title": "A prize", "body": "We won."}) | change
    result = new(today_app, tmp_path, kind, values)
    line = value_line(rendered(kind, values), field)
    assert result.exit_code == 1
    assert f"issue.md:{line}: the field '{field}'" in result.output, result.output
    assert "'Description'" not in result.output and "'Text'" not in result.output


def test_an_error_in_the_text_names_its_line_in_the_issue(
    site: Write, today_app: Flask, tmp_path: Path
) -> None:
    """A problem the check finds in the page's text is at the line of the issue holding it."""
    body = "First line.\n\nSecond paragraph.\n\n[Register](javascript:alert(1))"
    issue = rendered("event", EVENT | {"body": body})
    result = new(today_app, tmp_path, "event", EVENT | {"body": body})
    line = issue.split("\n").index("[Register](javascript:alert(1))") + 1
    assert f"issue.md:{line}: the field 'Description': " in result.output, result.output
    assert "javascript:" in result.output


FUZZ_PIECES = [
    "### Title", "### Place", "### Online link", "### Name", "### Text", "### Description",
    "   ### First day", "#### Place", "<!--", "-->", "```", "``", "`", "_No response_", "\n",
    "\n\n", "\r\n", "\r", " ", "\t", "<b>", "&amp;", "&#64;", "[x]: /y", "[a](https://x.org)",
    "@octocat", "2027-05-24", "2027-02-30", "14:00", "25:00", "\u200b", "\u200d", "\u202e",
    "\u0435", "\uff30", "e\u0301", "\x00", "\x1b", "\x85", "\u2028", "\ufeff", "\ufffd",
    "\uffff", "\U0001f600", "é", "---", ": ", "- ", '"', "'", "\\", "{{", "{%", "#", "x",
    "word ", "https://example.org/x", "Peter Benner", "PETER BENNER", "Pe\u0301ter",
    "\ufe0f", "[r]", "[R][]", "[^1]", "*x*", "\\`", "```a`b", "<b x='", '<span title="`',
    "&#x200B;", "&#xE0041;",
]  # fmt: skip
# Shapes that GitHub shows otherwise than written, each alone: in a valid issue, only the
# reader's refusal stands between them and the file.
HIDING = [
    "\U000e0041\U000e0042", "\U000e0001", "x\ufe00", "x\U000e0100", "\u200b\u200c",
    "\n\n[r]\n\n[r]: https://good.example.org/\n[ R ]: https://evil.example.net/",
    "\n\n[//]: # (hidden)", "\n\n> [r]: /x", "\n\n[^1]: x", "[](https://evil.example.net \"x\")",
    "![](x.png)", "[a][r]", "\nPlace\n---", "\n===", "<?php x ?>", "<![CDATA[x]]>",
    "<!DOCTYPE x>", f"\\`{PAY}`", f"\n\n```a`b\n{PAY}", f"<b x='\n\n{PAY}",
    '<span title="` hidden words ">x</span> `y`', "\n\n[r]: /a\n\n```a`b\n\n[r]: /b",
    "&#xE0068;", "&#x202E;", "&#x200B;&#x200B;",
]  # fmt: skip
HUGE = [
    "x" * 100_000,
    "`" * 5_000 + "\n",
    "`" * 100_000,
    "### Title\n\n" * 2_000,
    "a " * 50_000,
    "é" * 60_000,
    "<a " * 30_000,
]
VALID = {
    "event": EVENT,
    "news": {"title": "A prize", "author": "Ada", "body": "We *won*."},
    "member": UPDATE | {"name": "Peter Benner", "city": "Chemnitz"},
}
fuzz_values = st.one_of(
    st.lists(st.sampled_from(FUZZ_PIECES + HIDING), max_size=8).map("".join),
    st.sampled_from(HUGE),
)


@st.composite
def issue_bodies(draw: st.DrawFn) -> tuple[str, str]:
    """Return a kind and an issue body for its form: valid values, some replaced or extended
    by hostile pieces, some headings left out, text before the first; or valid values with
    one field extended by one shape GitHub hides."""
    kind = draw(st.sampled_from(sorted(VALID)))
    fields = fields_of(kind)
    if draw(st.integers(0, 2)) == 0:
        hidden_in = draw(st.sampled_from([field.id for field in fields]))
        shape = draw(st.sampled_from(HIDING))
        values = {key: value + shape * (key == hidden_in) for key, value in VALID[kind].items()}
        return kind, rendered(kind, values | {hidden_in: values.get(hidden_in, "x" + shape)})
    blocks = [draw(fuzz_values)] if draw(st.booleans()) else []
    for field in fields:
        if draw(st.integers(0, 12)) == 1:
            continue
        value = VALID[kind].get(field.id) or "_No response_"
        change = draw(st.integers(0, 6))  # 1 in 7 replaced, 1 in 7 extended, else kept
        value = draw(fuzz_values) if change == 1 else value + draw(fuzz_values) * (change == 2)
        blocks.append(f"### {field.label}\n\n{value}")
    return kind, "\n\n".join(blocks)


FLAG = re.compile("\U0001f3f4[\U000e0061-\U000e007a]{5}\U000e007f")  # tags that show
CARRIERS = re.compile("[\U000e0000-\U000e007f\ufe00-\ufe0d\U000e0100-\U000e01ef]")


def assert_shows_as_written(issue: Issue) -> None:
    """An accepted issue holds nothing GitHub shows otherwise: no tag characters (but a flag's)
    or other variation selectors than an emoji's, no instruction, declaration or CDATA; no
    second line or link in a one-line field; in the text, each link name the site reads is
    defined once, and used; the site makes no <input> (which GitHub drops) of the text."""
    for key, value in issue.values.items():
        assert not CARRIERS.search(FLAG.sub("", value)), key
        assert not re.search(r"<\?|<!\[CDATA\[|<![A-Za-z]", value), key
        if key != "body":
            assert "\n" not in value and not re.search(r"\][(\[]", value), key
    text = issue.values.get("body", "")
    assert "<input" not in markdown_to_html(text)  # an element GitHub drops, as HTML
    converter = markdown.Markdown(extensions=["extra"])
    converter.convert(text)
    written = masked(text)
    for name in converter.references:
        label = re.escape(name).replace("\\ ", r"\s+")
        definitions = re.findall(rf"(?im)^[ \t>*+\-]*\[\s*{label}\s*\]:", written)
        assert len(definitions) == 1, name
        assert re.search(rf"(?i)\[\s*{label}\s*\](?!:)", written), name


def as_written(value: object) -> str:
    """Return a front-matter value as the text it was written as."""
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def assert_wrote_what_it_read(kind: str, issue: Issue, output: str, before: dict[str, bytes],
                              after: dict[str, bytes]) -> None:  # fmt: skip
    """The one file changed holds each value the reader read, as it read it."""
    changed = {name for name in after if before.get(name) != after[name]}
    if kind == "member":
        assert changed == {"data/members.yml"} and not set(before) - set(after)
        data = load_yaml(after["data/members.yml"].decode(), Path("members.yml")).value
        [entry] = [e for e in data if name_key(str(e["name"])) == name_key(issue.values["name"])]
        for key, value in issue.values.items():
            if value and key != "name":
                wanted: object = value == "yes" if key == "show_email" else " ".join(value.split())
                assert entry[key] == wanted, key
        assert ("Updated the entry of" in output) == (len(data) == 3)
        return
    [name] = changed
    assert f"Wrote content/{name};" in output
    path = Path("content") / name
    source = split_front_matter(decode(after[name], path), path)
    values = {key: value for key, value in issue.values.items() if value and key != "body"}
    assert set(source.meta.value) == set(values)
    for key, value in values.items():
        written = as_written(source.meta.value[key])
        assert written == (
            value if key in ("start", "end", "date", "deadline") else " ".join(value.split())
        )
    body = issue.values.get("body", "")
    assert source.body == (f"\n\n{body}\n" if body else "\n")


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(generated=issue_bodies())
def test_whatever_an_issue_holds_the_file_is_what_the_reader_read(
    generated: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A random hostile issue body (headings, comments, odd Unicode, backticks, huge fields):
    no traceback, no hang; refused, nothing changes; accepted, the one file written holds what
    the reader read from the issue, and the command says which file it wrote."""
    kind, body = generated
    content = tmp_path_factory.mktemp("proposal") / "content"
    for name, text in [("site.yml", SITE_YML), ("index.md", INDEX_MD), ("data/members.yml", BENNER),
                       ("images/benner.png", "png")]:  # fmt: skip
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, "utf-8")
    issue_file = content.parent / "issue.md"
    issue_file.write_bytes(body.encode("utf-8", errors="surrogatepass"))
    before = written_files(content)
    app = create_app({"CONTENT_DIR": str(content), "TODAY": "2026-12-01"})
    with deadline(20):
        result = app.test_cli_runner().invoke(args=["new", kind, "--from-issue", str(issue_file)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    proposal_outcomes[result.exit_code] += 1
    if result.exit_code == 1:
        assert re.search(r"issue\.md:\d+: |content/\S+:\d+: ", result.output), result.output
        assert written_files(content) == before
        return
    read = read_issue(body, fields_of(kind), issue_file)
    assert_shows_as_written(read)
    assert_wrote_what_it_read(kind, read, result.output, before, written_files(content))


proposal_outcomes: Counter[int] = Counter()


def test_the_fuzzing_wrote_some_proposals() -> None:
    """Some random issues were good enough to be written, so what was written was compared
    (fewer since a text longer than 1,000 characters is refused: the huge values were; and
    since an invisible character alone is: a third of the pieces hold one)."""
    if not proposal_outcomes:
        pytest.skip("counts what the fuzz test above saw: run the module")
    assert proposal_outcomes[0] >= 3 and proposal_outcomes[1] >= 10, proposal_outcomes


def test_html_in_the_texts_code_is_text(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """Tags in code spans and fenced code of the text are shown by GitHub as written: no
    error; nor are autolinks tags."""
    body = "Write `<input>` in a form, see <https://example.org/>.\n\n```html\n<select>\n```"
    result = new(today_app, tmp_path, "news", {"title": "Forms", "body": body})
    assert result.exit_code == 0, result.output
    assert (content / "news/2026-12-01-forms.md").read_text("utf-8").endswith(body + "\n")


@pytest.mark.parametrize(
    "entities", ["&zwnj;&zwj;&zwnj;&zwj;", "&ZeroWidthSpace;&ZeroWidthSpace;", "&shy;&shy;&shy;"]
)
def test_named_entities_are_read_as_the_characters_they_write(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, entities: str
) -> None:
    """A run of invisible characters, or a direction mark, written as named entities
    (&zwnj;, &ZeroWidthSpace;, &shy;) is refused as the same written as numbers is."""
    before = written_files(content)
    result = new(today_app, tmp_path, "news", {"title": "A prize", "body": f"We {entities} won."})
    assert result.exit_code == 1 and "(an entity)" in result.output, result.output
    assert written_files(content) == before


@pytest.mark.parametrize(
    "name", ["Victorita Do\u04cfean", "Victorita Do\u05c0ean", "Victorita Do\u2502ean",
             "Peter Be\u1952\u1952er"],
    ids=["cyrillic-palochka", "hebrew-paseq", "box-drawing", "tai-le"],
)  # fmt: skip
def test_a_name_that_mixes_alphabets_in_a_word_is_refused_and_warned_about(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, name: str
) -> None:
    """A letter of another alphabet (or a symbol) inside a word makes a name look like another
    one, listed or to come, whatever Unicode's table of lookalikes says: a new member of such
    a name is refused, and the check warns about one in members.yml."""
    site("data/members.yml", BENNER)
    result = new(today_app, tmp_path, "member", UPDATE | {"name": name})
    assert result.exit_code == 1 and "mixes alphabets or holds a symbol" in result.output
    assert (content / "data/members.yml").read_text("utf-8") == BENNER
    site("data/members.yml", BENNER + f"- name: {name}\n  country: X\n")
    assert "mixes alphabets or holds a symbol" in check(today_app).output


def test_an_error_the_entry_had_in_other_words_does_not_hide_the_forms(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """An entry whose url was ftp://… already had "'url' must start with https://"; a form
    writing javascript:alert(1) there got the same words, was taken as the old error, and
    the bot said "Updated": an error on a line the form wrote is the form's."""
    listed = (
        "- name: Ann Lee\n  affiliation: Old Uni\n  country: France\n  url: ftp://old.example/\n"
    )
    site("data/members.yml", listed)
    form = {"name": "Ann Lee", "affiliation": "Uni", "country": "Germany", "show_email": "no",
            "url": "javascript:alert(1)"}  # fmt: skip
    result = new(today_app, tmp_path, "member", form)
    assert result.exit_code == 1 and "'url' must start with https://" in result.output
    assert (content / "data/members.yml").read_text("utf-8") == listed


@pytest.mark.parametrize("kind", ["member", "news"])
def test_a_file_where_the_proposals_folder_belongs_is_said(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, kind: str
) -> None:
    """The 37th attack: with content/data a file, a member's proposal ended in a traceback
    (FileExistsError), posted on the issue; with content/news a file, a news proposal said
    "exists already — change the title", which no title mends."""
    folder = {"member": "data", "news": "news"}[kind]
    if (content / folder).exists():
        shutil.rmtree(content / folder)
    (content / folder).write_text("not a folder", "utf-8")
    values = MEMBER if kind == "member" else {"title": "Hello", "body": "Words."}
    result = new(today_app, tmp_path, kind, values)
    assert result.exit_code == 1 and result.exception is not None
    assert isinstance(result.exception, SystemExit), result.output
    assert f"content/{folder} is a file, where a folder of the site's belongs" in result.output


@pytest.mark.parametrize(
    ("body", "drawn"),
    [
        ("> [!NOTE]\n> Bring a laptop.", "an alert box"),
        ("- [ ] register\n- [x] pay", "a check box"),
        ("The loss $x+1$ falls.", "a formula"),
        ("We are happy :smile: to host it.", "an emoji"),
        ("First line\\\nsecond line", "a line break"),
    ],
)
def test_what_github_draws_and_the_site_shows_as_text_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, body: str, drawn: str
) -> None:
    """The 44th attack: an alert, a task list, $…$, :smile: and a backslash at a line's end
    are drawn by GitHub (a box, a check box, a formula, an emoji, a line break); the site
    shows each as written, and the approving editor saw something else. Refused at its
    line; a price ("$5 and $6"), a time and code are none."""
    before = written_files(content)
    result = new(today_app, tmp_path, "news", {"title": "Drawn", "body": body})
    assert result.exit_code == 1, result.output
    assert f"GitHub shows {drawn}" in result.output, result.output
    assert written_files(content) == before
    plain = "It costs $5 and $6, at 10:30. `$x$ :smile:`"
    fine = new(today_app, tmp_path, "news", {"title": "Plain", "body": plain})
    assert fine.exit_code == 0, fine.output


def test_a_members_update_says_it_replaces_a_listed_address_or_page(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """The 49th attack: anyone's issue for a listed name replaced the member's shown
    address and web page, and the message said only "wrote email, url". It says what it
    replaces and that only the member's own issue may be approved; the listed address is
    not repeated (the message is public, the address may be hidden)."""
    site(
        "data/members.yml",
        "- name: Peter Benner\n  affiliation: MPI\n  email: benner@mpi.example\n"
        "  show_email: true\n  url: https://mpi.example/benner\n",
    )
    issue = UPDATE | {"email": "benner@evil.example", "show_email": "yes"}
    issue |= {"url": "https://evil.example/benner"}
    result = new(today_app, tmp_path, "member", issue)
    assert result.exit_code == 0, result.output
    said = result.output
    assert (
        "it replaces the listed e-mail address and web page https://mpi.example/benner "
        "— approve only if the issue comes from Peter Benner"
    ) in said, said
    assert "benner@mpi.example" not in said, said


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Summer School in Zürich — Gödel–Escher", "summer-school-in-zurich-godel-escher"),
        ("Journées de Besançon", "journees-de-besancon"),
        ("Łukasiewicz Lectures", "lukasiewicz-lectures"),
        ("Ελληνικά μαθηματικά", "ellinika-mathimatika"),
    ],
)
def test_every_way_of_naming_a_file_spells_its_titles_letters_alike(
    today_app: Flask, tmp_path: Path, content: Path, title: str, slug: str
) -> None:
    """Issue 22: "Gödel–Escher" was "godelescher" (the dash dropped with the letters ASCII
    lacks) and a Greek title no name at all ("title"), in permanent public addresses. The
    letters of every script are spelled out, the same by ``flask new`` and by a proposal."""
    started = today_app.test_cli_runner().invoke(args=["new", "news", title])
    assert started.exit_code == 0, started.output
    assert (content / f"news/2026-12-01-{slug}.md").is_file(), started.output
    (content / f"news/2026-12-01-{slug}.md").unlink()
    proposed = new(today_app, tmp_path, "news", {"title": title, "body": "Words."})
    assert proposed.exit_code == 0, proposed.output
    assert (content / f"news/2026-12-01-{slug}.md").is_file(), proposed.output


@pytest.mark.parametrize("how", ["proposal", "flask new"])
def test_a_new_file_named_after_a_hidden_address_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path, how: str
) -> None:
    """The 67th attack: a title "Σecretada @ example.org" made the file and address
    news/2026-12-01-secretada-example-org.md, which spells a hidden address: the proposal
    and ``flask new`` said "Wrote …", and the check then refused the file. A new file is
    judged by every check of the site's (``site_problems``), and nothing is written."""
    site("data/members.yml", "- name: Ada\n  email: secretada@example.org\n  show_email: false\n")
    title = "Σecretada @ example.org"
    if how == "flask new":
        result = today_app.test_cli_runner().invoke(args=["new", "news", title])
    else:
        result = new(today_app, tmp_path, "news", {"title": title, "body": "Text."})
    assert result.exit_code == 1, result.output
    assert "shows an address" in result.output and "member 1's (Ada)" in result.output
    assert not list((content / "news").glob("*.md")), result.output


def test_a_proposed_event_on_a_site_without_events_is_refused(
    site: Write, today_app: Flask, tmp_path: Path, content: Path
) -> None:
    """The 67th attack: an event proposed to a site whose sections leave out events was
    written ("Wrote …"), and the check then refused it (no events list to lead back to)."""
    site("site.yml", SITE_YML + "sections: [members, news]\n")
    site("index.md", "---\nlayout: home\nsections: [members]\n---\nHi.\n")
    values = {"title": "Workshop X", "kind": "workshop", "start": "2027-03-01"}
    result = new(today_app, tmp_path, "event", values)
    assert result.exit_code == 1, result.output
    assert "the site has no events section" in result.output
    assert not (content / "events").exists() or not list((content / "events").glob("*.md"))
