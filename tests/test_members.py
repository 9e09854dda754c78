"""Members choose what is shown: ORCID iDs checked, photos of the site, grouping by country."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import unquote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from .helpers import Write, check, freeze, published_text


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "0000-0002-1825-0098",
            "'orcid' 0000-0002-1825-0098 is not an ORCID iD: its last character would be 7",
        ),
        (
            "0000-0002-1694-2330",
            "'orcid' 0000-0002-1694-2330 is not an ORCID iD: its last character would be X",
        ),
        ("1234", "'orcid' '1234' is not an ORCID iD like 0000-0002-1825-0097"),
    ],
    ids=["check-digit", "check-digit-x", "format"],
)
def test_a_bad_orcid_is_an_error_at_its_line(
    site: Write, app: Flask, written: str, message: str
) -> None:
    """An ORCID iD whose check digit (ISO 7064 11,2) does not fit is an error at its line."""
    site("data/members.yml", f"- name: Ada\n  country: UK\n  orcid: {written}\n")
    output = check(app).output
    assert f"content/data/members.yml:3: error: member 1 (Ada): {message}" in output


@pytest.mark.parametrize(
    "written", ["0000-0002-1825-0097", "https://orcid.org/0000-0002-1694-233X"]
)
def test_an_orcid_is_shown_as_a_link(
    site: Write, app: Flask, client: FlaskClient, written: str
) -> None:
    """A valid iD (or its address) is a link to the member's ORCID record."""
    site("data/members.yml", f"- name: Ada\n  orcid: {written}\n")
    assert check(app).exit_code == 0
    number = written.removeprefix("https://orcid.org/")
    page = client.get("/members/").get_data(as_text=True)
    assert f'href="https://orcid.org/{number}">ORCID {number}</a>' in page


def test_a_photo_must_be_a_small_picture_of_the_site(
    site: Write, app: Flask, client: FlaskClient
) -> None:
    """A member's photo is a picture the site has, under 500 kB; it shows beside the name."""
    ada = "- name: Ada\n  photo: /images/ada.jpg\n"
    site("data/members.yml", ada + "- name: Bo\n  photo: /images/bo.png\n"
         "- name: Cy\n  photo: https://example.org/cy.jpg\n")  # fmt: skip
    site("images/ada.jpg", b"\xff\xd8" + b"\0" * 1000)
    site("images/bo.png", b"\x89PNG" + b"\0" * 600_000)
    output = check(app).output
    assert "content/data/members.yml:4: error: the photo /images/bo.png is 600 kB" in output
    assert (
        "content/data/members.yml:6: error: member 3 (Cy): 'photo' must be a picture of the site"
        in output
    )
    assert "members.yml:2:" not in output
    site("data/members.yml", ada)
    page = client.get("/members/").get_data(as_text=True)
    assert '<img class="member-photo" src="/images/ada.jpg" alt=""' in page


def test_a_missing_photo_is_a_broken_link(site: Write, app: Flask) -> None:
    """A photo the site does not have is reported at its line."""
    site("data/members.yml", "- name: Ada\n  photo: /images/nobody.jpg\n")
    assert "content/data/members.yml:2: error:" in check(app).output


def test_members_grouped_by_country_with_counts(site: Write, client: FlaskClient) -> None:
    """'members: group_by: country' lists members under their country, with counts."""
    site("site.yml", "title: T\nurl: https://example.org/\nmembers:\n  group_by: country\n")
    site("data/members.yml", "- name: Ada\n  country: UK\n- name: Carl\n  country: Germany\n"
         "- name: Emmy\n  country: Germany\n- name: Nomad\n")  # fmt: skip
    page = client.get("/members/").get_data(as_text=True)
    assert "4 members in 2 countries" in page
    germany, uk, elsewhere = (page.index(f">{c} <") for c in ("Germany", "UK", "Elsewhere"))
    assert germany < page.index("Carl") < page.index("Emmy") < uk < page.index("Ada") < elsewhere
    assert 'Germany <span class="count">(2)</span>' in page


def test_a_bad_grouping_is_an_error(site: Write, app: Flask) -> None:
    """Only grouping by country is known."""
    site("site.yml", "title: T\nurl: https://example.org/\nmembers:\n  group_by: city\n")
    assert "'group_by' can only be country, not 'city'" in check(app).output


PLAIN = "mailto:sciml&#64;lists&#46;example&#46;org"


@pytest.mark.parametrize(
    ("manager", "subscribe", "unsubscribe"),
    [
        ("sympa", "mailto:sympa&#64;lists&#46;example&#46;org?subject=SUBSCRIBE%20sciml",
         "mailto:sympa&#64;lists&#46;example&#46;org?subject=SIGNOFF%20sciml"),
        ("mailman", "mailto:sciml-join&#64;lists&#46;example&#46;org?subject=subscribe",
         "mailto:sciml-leave&#64;lists&#46;example&#46;org?subject=unsubscribe"),
        ("plain", f"{PLAIN}?subject=Please%20add%20me%20to%20the%20list",
         f"{PLAIN}?subject=Please%20take%20me%20off%20the%20list"),
    ],
)  # fmt: skip
def test_the_join_page_subscribes_as_the_lists_manager_expects(
    site: Write, app: Flask, client: FlaskClient, manager: str, subscribe: str, unsubscribe: str
) -> None:
    """/join/ has the subscribe and unsubscribe e-mails each list manager understands, the
    addresses protected, says that joining and subscribing are two steps, and shows join.md."""
    site("site.yml", "title: T\nurl: https://example.org/\nmailing_list:\n"
         f"  address: sciml@lists.example.org\n  manager: {manager}\n")  # fmt: skip
    site("join.md", "---\ntitle: Join us\n---\n\nEveryone working on SciML is welcome.\n")
    assert check(app).exit_code == 0
    page = client.get("/join/").get_data(as_text=True)
    assert f'href="{subscribe}">Subscribe</a>' in page
    assert f'href="{unsubscribe}">Unsubscribe</a>' in page
    assert "Joining the group and receiving its mailing list are two steps" in page
    assert "<h1>Join us</h1>" in page and "Everyone working on SciML is welcome." in page
    assert "@lists.example.org" not in page
    assert 'href="/join/">How to join the group</a>' in client.get("/members/").get_data(
        as_text=True
    )


def test_the_join_page_without_a_list_says_how_to_become_a_member(
    site: Write, client: FlaskClient
) -> None:
    """Without a mailing list, /join/ still says how to be added, and names no list."""
    page = client.get("/join/").get_data(as_text=True)
    assert "Become a member" in page and "mailing list" not in page


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("mailing_list: sciml@example.org", "content/site.yml:3: error: 'mailing_list' must be"),
        ("mailing_list:\n  address: not an address", "the address is missing or not an address"),
        ("mailing_list:\n  address: a@b.org\n  manager: listserv", "'listserv' is not one of them"),
    ],
    ids=["not-a-mapping", "address", "manager"],
)
def test_a_bad_mailing_list_is_an_error_at_its_line(
    site: Write, app: Flask, setting: str, message: str
) -> None:
    """A mailing list the site cannot make links for is an error at its line."""
    site("site.yml", f"title: T\nurl: https://example.org/\n{setting}\n")
    assert message in check(app).output


def test_a_hidden_address_is_nowhere_in_the_build(site: Write, app: Flask, tmp_path: Path) -> None:
    """A member with show_email: false: her address is in no built file, in no encoding."""
    site("data/members.yml", "- name: Ada\n  email: ada.private@example.org\n  show_email: false\n"
         "- name: Bo\n  email: bo@example.org\n")  # fmt: skip
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    forms = [
        "ada.private",
        "ada&#46;private",
        "ada%2Eprivate",
        "ada\\u002eprivate",
        "ada\\x2eprivate",
    ]
    built = "".join(published_text(p) for p in (tmp_path / "build").rglob("*") if p.is_file())
    text = html.unescape(unquote(built))
    assert not any(form in built for form in forms)
    assert "ada.private" not in text and "ada private" not in text
    assert "bo&#64;example&#46;org" in built  # the other one is shown, protected


@pytest.mark.parametrize(
    "key", ["name", "affiliation", "role", "city", "city-fullwidth", "position-escaped"]
)
def test_an_address_in_a_members_other_field_is_an_error(
    site: Write, app: Flask, tmp_path: Path, key: str
) -> None:
    """An address written in the name or another shown field would be on the members page
    whatever show_email says: an error at its line, and the freeze publishes nothing."""
    value = "Ada Lovelace <ada@example.org>" if key == "name" else "Uni (ada@example.org)"
    if key == "city-fullwidth":  # as a harvester reads it, once NFKC-normalised
        key, value = "city", "Uni (ada\uff20example.org)"
    if key == "position-escaped":  # as GitHub shows Markdown's "\@": an address
        key, value = "position", "Uni (ada\\\\@example.org)"
    entry = f'- name: Ada\n  {key}: "{value}"\n' if key != "name" else f'- name: "{value}"\n'
    site("data/members.yml", entry + "  show_email: false\n")
    line = 1 if key == "name" else 2
    said = f"content/data/members.yml:{line}: error: member 1"
    output = check(app).output
    written = value.split("(")[-1].rstrip(")>").split("<")[-1].replace("\\\\", "\\")  # as read
    assert said in output and f"'{key}' holds an e-mail address, which the members" in output
    assert key == "name" or written not in output  # the 57th attack: a public message
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 1


def test_the_join_page_does_not_repeat_what_join_md_says(site: Write, client: FlaskClient) -> None:
    """With its own text and neither a form nor a contact to offer, /join/ adds nothing."""
    site("join.md", "---\ntitle: Join\n---\n\nWrite to our spokesperson.\n")
    page = client.get("/join/").get_data(as_text=True)
    assert "Write to our spokesperson." in page and "Become a member" not in page


def test_an_imported_name_with_an_address_comes_in_without_it(tmp_path: Path) -> None:
    """A Jekyll data file whose names carry addresses ("Ada <ada@…>"): the import takes each
    out into 'email' (kept off the page as the old page kept it), says so, and the check
    passes; nothing of the address is in the built members page."""
    from tag_site import create_app

    source = tmp_path / "jekyll"
    (source / "_data").mkdir(parents=True)
    (source / "_config.yml").write_text("title: Small\n", "utf-8")
    (source / "index.md").write_text("---\n---\n", "utf-8")
    (source / "_data/people.csv").write_text(
        'name,affiliation,country\n"Ada Lovelace <ada@example.org>",Uni,UK\n'
        "Bob (bob@example.org),Uni,DE\nCy Young c@example.org c2@example.org,Uni,FR\n"
        "Dora,Uni,IT\n",
        "utf-8",
    )
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "TODAY": "2030-01-01"})
    report = app.test_cli_runner().invoke(args=["import-jekyll", str(source)]).output
    assert "Ada Lovelace: took the address out of 'name'" in report
    members = (tmp_path / "content/data/members.yml").read_text("utf-8")
    assert "name: Ada Lovelace\n" in members and "email: ada@example.org" in members
    assert "name: Bob\n" in members and "name: Cy Young\n" in members
    assert check(app).exit_code == 0
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 0
    page = published_text(tmp_path / "build/members/index.html")
    assert "Ada Lovelace" in page and "ada" not in page.replace("Ada", "")


@pytest.mark.parametrize("url", ["https://x.org/c@d.org", "https://x.org/c%40d.org"])
def test_a_members_web_address_that_holds_an_address_is_an_error(
    site: Write, app: Flask, url: str
) -> None:
    """An e-mail address inside a member's web address would be on the page (a link, which
    any HTML reader decodes): an error at its line."""
    site("data/members.yml", f"- name: Ada\n  url: {url}\n")
    output = check(app).output
    assert "content/data/members.yml:2: error: member 1 (Ada): 'url' holds an e-mail" in output


def test_an_imported_web_address_that_holds_an_address_is_left_out(tmp_path: Path) -> None:
    """A website column holding an e-mail address would be refused by the check: the import
    leaves it out, says so, and the imported site checks clean."""
    from tag_site import create_app

    source = tmp_path / "jekyll"
    (source / "_data").mkdir(parents=True)
    (source / "_config.yml").write_text("title: Small\n", "utf-8")
    (source / "index.md").write_text("---\n---\n", "utf-8")
    (source / "_data/people.csv").write_text(
        "name,country,website\nDora,IT,http://example.org/?m=dora@example.org\n", "utf-8"
    )
    app = create_app({"CONTENT_DIR": str(tmp_path / "content"), "TODAY": "2030-01-01"})
    report = app.test_cli_runner().invoke(args=["import-jekyll", str(source)]).output
    assert "Dora: left out the web address that holds an e-mail address" in report
    assert "url:" not in (tmp_path / "content/data/members.yml").read_text("utf-8")
    assert check(app).exit_code == 0


def test_an_address_given_twice_is_a_warning(site: Write, app: Flask) -> None:
    """Another member with member 1's address (in other capitals) passed the check without a
    word: a person listed twice, or someone's address given to another."""
    site("data/members.yml", "- name: Peter Benner\n  email: benner@example.org\n"
         "- name: Other Person\n  country: UK\n  email: Benner@Example.org\n")  # fmt: skip
    result = check(app)
    said = (
        "content/data/members.yml:5: warning: member 2 (Other Person): the address "
        "Benner@Example.org is member 1's too (line 2)"
    )
    assert result.exit_code == 0 and said in result.output, result.output


def test_a_name_split_by_a_thin_space_looks_like_the_listed_one(site: Write, app: Flask) -> None:
    """ "Pe<hair space>ter Benner" passed the check beside "Peter Benner" (the space made two
    words of one), as did the member form: names are compared without spaces."""
    site("data/members.yml", '- name: Peter Benner\n  country: DE\n'
         '- name: "Pe\u200ater Benner"\n  country: DE\n')  # fmt: skip
    output = check(app).output  # the page shows a space of its own width
    assert "member 2 (Pe ter Benner): the name looks the same as member 1's" in output
    assert "they differ only in where a space is" in output


def test_an_address_spelled_out_in_another_field_is_an_error(site: Write, app: Flask) -> None:
    """A hidden member's address written "hidden4 (at) secret.example" in 'position' was on
    the members page, though an address there is an error however a harvester reads it: so
    it is as people read it too."""
    position = '  position: "write to hidden4 (at) secret.example"\n'
    site("data/members.yml", f"- name: Hidden Four\n  email: hidden4@secret.example\n{position}")
    result = check(app)
    said = "'position' holds an e-mail address, which the members page would show"
    assert result.exit_code == 1 and said in result.output, result.output
    assert "hidden4@secret.example" not in result.output  # the 56th attack: a public log


@pytest.mark.parametrize(
    "fields",
    [
        "  affiliation: hidden4@\n  city: secret.example\n",
        "  affiliation: hidden4@secret\n  city: example\n",
        "  role: hidden4@\n  position: secret.example\n",
    ],
)
def test_an_address_split_over_fields_shown_side_by_side_is_an_error(
    site: Write, app: Flask, tmp_path: Path, fields: str
) -> None:
    """The 56th attack: a hidden address split over two fields of another entry
    (``affiliation: benner@``, ``city: mpi-magdeburg.mpg.de``) was published as the members
    page shows them, "benner@, mpi-magdeburg.mpg.de": no field held it on its own. The
    fields are read as the page shows them; an error at the entry, and nothing published."""
    hidden = "- name: Hidden Four\n  email: hidden4@secret.example\n  show_email: false\n"
    site("data/members.yml", hidden + "- name: Ada Test\n" + fields)
    result = check(app)
    said = "content/data/members.yml:4: error: member 2 (Ada Test): the fields the members page"
    assert result.exit_code == 1 and said in result.output, result.output
    assert "this address is member 1's (Hidden Four)" in result.output
    assert freeze(app, "--dest", str(tmp_path / "build")).exit_code == 1


@pytest.mark.parametrize("key", ["Show_email", "show-email", "hide_email", "private"])
def test_a_misspelt_key_meant_to_hide_an_address_is_an_error(
    site: Write, app: Flask, key: str
) -> None:
    """The 42nd attack: ``Show_email: false`` (or ``hide_email: true``) in members.yml was a
    warning, the check passed, and the freeze published the address it meant to hide. A
    key that may be meant to hide one is an error in members.yml and site.yml (also under a
    misspelt ``member:``); another unknown key stays a warning."""
    site("data/members.yml", f"- name: Ada\n  email: ada@example.org\n  {key}: false\n  hobby: x\n")
    site("site.yml", "title: T\nmember:\n  show_email: false\nfoo: 1\n")
    said = check(app).output
    assert f"members.yml:3: error: member 1 (Ada): unknown key '{key}': no address is" in said
    assert "members.yml:4: warning: member 1 (Ada): unknown key 'hobby' is ignored" in said
    assert "site.yml:2: error: unknown key 'member': no address is hidden by it" in said, said
    assert "site.yml:4: warning: unknown key 'foo'" in said, said


def test_a_note_inside_a_text_of_many_lines_is_a_warning(site: Write, app: Flask) -> None:
    """The 46th attack: a "# private note" line inside a folded or quoted value of
    members.yml (or a page's front matter) is part of the text, and was published, the check
    silent. It is a warning at its line; a comment outside a text is none."""
    site("data/members.yml", (
        "# Our members\n- name: Ada\n  affiliation: >-\n    University of London\n"
        "    # private note: call after 5\n  # a comment\n  city: London\n"
    ))  # fmt: skip
    site("t.md", '---\ntitle: T\ndescription: "First\n  # not a comment"\n---\nhi\n')
    said = check(app).output
    note = "the line that starts with '#' is part of its text, which is shown"
    assert f"content/data/members.yml:5: warning: member 1 (Ada): 'affiliation': {note}" in said
    assert f"content/t.md:4: warning: 'description': {note}" in said, said
    assert said.count(note) == 2, said


def test_a_field_that_shows_a_hidden_address_is_said_at_its_line(site: Write, app: Flask) -> None:
    """The 57th attack: "'role' shows an address" was said at the line where the address
    was first written in the file (the entry's own email:), or at none when the field wrote
    it otherwise (escapes): it is said at the field's own line."""
    site("data/members.yml", "- name: Jane Roe\n  affiliation: U\n  email: j@x.org\n"
         '  show_email: false\n  role: "j@x\\u2024org"\n')  # fmt: skip
    output = check(app).output
    assert "content/data/members.yml:5: error: member 1 (Jane Roe): 'role' shows an" in output, (
        output
    )
