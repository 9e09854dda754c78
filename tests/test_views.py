"""Every route through the test client: real content, the old Jekyll home page, errors."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tag_site.content.news import SUMMARY_LINES
from tag_site.markdown import render

from .helpers import SEED, SITE_YML, Write, check, freeze

ROUTES = ["/", "/about/", "/members/", "/events/", "/news/", "/404.html", "/static/site.css"]


def text_of(page: bytes) -> str:
    """Return the visible text of an HTML page, whitespace collapsed."""
    body = re.sub(r"<[^>]+>", "", page.decode())
    return " ".join(html.unescape(body).split())


@pytest.mark.parametrize("url", ROUTES)
def test_every_route_answers(site: Write, client: FlaskClient, url: str) -> None:
    """Each page of a small site is served."""
    with client.get(url) as response:
        assert response.status_code == 200


def test_unknown_url_gets_the_404_page(site: Write, client: FlaskClient) -> None:
    """A mistyped address shows the site's own 404 page, with navigation."""
    response = client.get("/nothing/here/")
    assert response.status_code == 404
    assert "Page not found" in text_of(response.data)
    assert 'href="/members/"' in response.data.decode()


def test_page_without_trailing_slash_redirects(site: Write, client: FlaskClient) -> None:
    """/about goes to /about/ rather than to a 404."""
    response = client.get("/about")
    assert response.status_code == 308
    assert response.headers["Location"] == "/about/"


def test_attachment_is_served(site: Write, client: FlaskClient) -> None:
    """A file in content/ is served as it is, with its type."""
    site("files/report.pdf", b"%PDF-1.4 test")
    with client.get("/files/report.pdf") as response:
        assert (response.status_code, response.mimetype) == (200, "application/pdf")
        assert response.data == b"%PDF-1.4 test"


def test_page_layout_has_title_nav_and_skip_link(site: Write, client: FlaskClient) -> None:
    """A page shows its title in <title> and <h1>, the nav marks it, a skip link leads in."""
    page = client.get("/about/").data.decode()
    assert "<title>About us | Test Site</title>" in page
    assert "<h1>About us</h1>" in page
    assert '<a class="skip-link" href="#content">' in page
    assert '<main id="content"' in page
    assert '<h2 id="who-we-are">Who we are</h2>' in page


def test_home_sections_follow_the_body(site: Write, client: FlaskClient) -> None:
    """The home page renders its body, then the sections it asks for, in order."""
    text = text_of(client.get("/").data)
    assert text.index("Welcome") < text.index("Group Members") < text.index("Events")
    assert "Dr. Ada Lovelace (Spokesperson), EMS member, Analytical Engines Ltd" in text
    assert "More information will follow soon." in text


def test_markup_in_data_is_escaped(site: Write, client: FlaskClient) -> None:
    """Text from data files is escaped, never trusted as HTML."""
    site("data/members.yml", "- name: <script>alert(1)</script>\n")
    page = client.get("/members/").data.decode()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_broken_page_gets_an_error_page_and_others_keep_working(
    site: Write, client: FlaskClient
) -> None:
    """Bad YAML in one file: that URL shows the file, line and fix; the rest works."""
    site("about.md", "---\ntitle: About: us\n---\nText\n")
    response = client.get("/about/")
    assert response.status_code == 500
    assert (
        "content/about.md:2:13: invalid YAML: mapping values are not allowed in this context — "
        "put text that contains ': ' in quotes" in text_of(response.data)
    )
    assert "Traceback" not in response.data.decode()
    assert client.get("/").status_code == 200
    assert client.get("/members/").status_code == 200


@pytest.mark.parametrize(
    ("raw", "gist"),
    [
        (b"---\ntitle: caf\xe9\n---\n", "content/about.md:2: this file is not UTF-8 text"),
        (b"---\n- a list\n---\n", "content/about.md:2: the front matter must be 'key: value'"),
        (b"---\n\x00\x01\x02\xff\n---\n", "content/about.md:2: this file is not UTF-8 text"),
    ],
    ids=["latin-1", "not-a-mapping", "binary"],
)
def test_an_unreadable_page_is_an_error_page_for_its_own_url_only(
    site: Write, client: FlaskClient, raw: bytes, gist: str
) -> None:
    """A file that cannot be read at all is an error page for its own URL only."""
    site("about.md", raw)
    response = client.get("/about/")
    assert response.status_code == 500
    assert gist in text_of(response.data)
    assert client.get("/").status_code == 200


def test_broken_members_file_breaks_only_pages_that_show_members(
    site: Write, client: FlaskClient
) -> None:
    """members.yml with an error: home and /members/ say so; /about/ is fine."""
    site("data/members.yml", "- name: A\n  name: B\n")
    assert client.get("/members/").status_code == 500
    assert "content/data/members.yml:2" in text_of(client.get("/").data)
    assert client.get("/about/").status_code == 200


def test_broken_site_settings_show_on_every_page(site: Write, client: FlaskClient) -> None:
    """site.yml is behind every page, so its error shows everywhere until fixed."""
    site("site.yml", "title: T\ntimezone: Mars/Olympus\n")
    for url in ("/", "/about/", "/members/", "/news/"):
        response = client.get(url)
        assert response.status_code == 500
        assert "content/site.yml:2: unknown time zone 'Mars/Olympus'" in text_of(response.data)


# --- the real content ------------------------------------------------------------------


def seed_paragraphs() -> list[str]:
    """Return the five introduction paragraphs and the note of the old home page."""
    lines = SEED.read_text("utf-8").splitlines()
    paragraphs = [line for line in lines if len(line) > 200]
    return [" ".join(re.sub(r"<[^>]+>|\[([^]]+)\]\([^)]+\)", r"\1", p).split()) for p in paragraphs]


def test_the_shipped_home_page_keeps_the_old_words_and_members(real_app: Flask) -> None:
    """The shipped home page: title block, the old words unchanged, 14 members, events."""
    response = real_app.test_client().get("/")
    assert response.status_code == 200
    page = response.data.decode()
    text = text_of(response.data)
    assert re.search(
        r'<div class="text-block">\s*<h1>Topical Activity Group<br> Scientific '
        r"Machine Learning</h1>",
        page,
    )
    paragraphs = seed_paragraphs()
    assert len(paragraphs) == 6
    for paragraph in paragraphs:
        assert paragraph in text
    assert 'href="https://www.osti.gov/servlets/purl/1478744"' in page
    assert "<center>" not in page
    assert "<br/>" not in page
    assert "More information will follow soon." in text


def test_the_shipped_members_are_all_listed_with_working_mailto_links(real_app: Flask) -> None:
    """All 14 members, in the old order, every e-mail a working mailto: link, shown in full."""
    page = html.unescape(real_app.test_client().get("/members/").data.decode())
    names = re.findall(r'<span class="member-name">([^<]+)</span>', page)
    assert len(names) == 14
    assert names[0] == "Prof. Dr. Peter Benner"
    assert names[4] == "Assistant Prof. Dr. Alexander Heinlein"
    assert names[-1] == "Prof. Dr. Andrea Walther"
    links = re.findall(r'<a class="member-email" href="mailto:([^"]+)">([^<]+)</a>', page)
    assert len(links) == 14
    assert all(href == text and "@" in href for href, text in links)
    assert links[0][0] == "benner@mpi-magdeburg.mpg.de"
    text = text_of(page.encode())
    assert "Prof. Dr. Axel Klawonn (Spokesperson)" in text
    assert "Università della Svizzera italiana" in text
    assert "Universit á" not in text


def test_real_content_has_no_errors(real_app: Flask) -> None:
    """The shipped content loads without a single error."""
    assert real_app.extensions["tag_site"].load().errors == ()


# --- the old Jekyll home page ----------------------------------------------------------


def test_old_jekyll_home_page_renders_unchanged(site: Write, client: FlaskClient) -> None:
    """The verbatim old index.md renders through layout: home as it did under minima."""
    site("index.md", SEED.read_bytes())
    response = client.get("/")
    assert response.status_code == 200
    page = response.data.decode()
    assert '<div class="text-block emstagsciml">' in page
    assert (
        "<center><h1>Topical Activity Group<br/> Scientific Machine Learning</h1></center>" in page
    )
    assert '<h2 id="group-members">Group Members</h2>' in page
    benner = "mailto:benner&#64;mpi-magdeburg&#46;mpg&#46;de"
    assert f'<a href="{benner}">Prof. Dr. Peter Benner</a>' in page
    assert "<strong>More information will follow soon.</strong>" in page
    assert page.count('id="group-members"') == 1  # the default section is news, not members


def test_seed_copy_is_verbatim() -> None:
    """tests/data holds the old home page byte for byte (checked when shared/ is beside us)."""
    shared = Path(__file__).resolve().parents[2] / "shared" / "seed" / "old-jekyll-index.md"
    if not shared.is_file():
        pytest.skip("shared/ is not beside the repository")
    assert SEED.read_bytes() == shared.read_bytes()


def test_site_settings_error_is_listed_once(site: Write, client: FlaskClient) -> None:
    """An error page names each problem once, even when site.yml is behind it twice."""
    site("site.yml", "title: T\ntimezone: Mars/Olympus\n")
    assert text_of(client.get("/").data).count("unknown time zone 'Mars/Olympus'") == 1


def test_an_old_page_with_the_post_layout_is_shown_as_a_page(
    site: Write, client: FlaskClient
) -> None:
    """An old page that says 'layout: post' (not a news post) is shown as a page."""
    site("old.md", "---\ntitle: Old page\nlayout: post\n---\nText.\n")
    response = client.get("/old/")
    assert response.status_code == 200
    assert "<h1>Old page</h1>" in response.data.decode()


@pytest.mark.parametrize(("name", "url"), [("members.md", "/members/"), ("events.md", "/events/"),
                                          ("news.md", "/news/")])  # fmt: skip
def test_page_at_a_list_is_the_text_above_it(
    site: Write, client: FlaskClient, name: str, url: str
) -> None:
    """members.md (events.md, news.md) gives the generated list a title and an introduction."""
    site(name, "---\ntitle: Our supporters\ndescription: Who backs us.\n---\n\nJoin [us](/).\n")
    page = client.get(url).data.decode()
    assert "<title>Our supporters | Test Site</title>" in page
    assert '<meta name="description" content="Who backs us.">' in page
    assert re.search(r"<h1>Our supporters</h1>\s*<p>Join <a href=\"/\">us</a>.</p>", page)
    if url == "/members/":
        assert page.index("Join") < page.index("Ada Lovelace")


def test_broken_introduction_shows_its_error_on_the_list(site: Write, client: FlaskClient) -> None:
    """A mistake in members.md is shown where the members list would be, with its line."""
    site("members.md", "---\ntitle: [x\n---\n")
    response = client.get("/members/")
    assert response.status_code == 500
    assert "content/members.md:3" in text_of(response.data)


def test_identity_comes_from_site_settings(site: Write, client: FlaskClient) -> None:
    """Logo, favicons, link-preview image and footer links are the group's, from site.yml."""
    site("images/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site("images/icon.png", b"\x89PNG\r\n\x1a\n")
    site(
        "site.yml",
        "title: Other Group\nurl: https://other.example/g/\nlogo: /images/logo.svg\n"
        "favicon: [/images/logo.svg, /images/icon.png]\ntouch_icon: /images/icon.png\n"
        "image: /images/icon.png\nfooter_links:\n  - title: Code\n    url: https://git.example/\n",
    )
    page = client.get("/about/").data.decode()
    assert '<img class="site-logo" src="/images/logo.svg" alt="">Other Group</a>' in page
    assert '<link rel="icon" href="/images/logo.svg" type="image/svg+xml">' in page
    assert '<link rel="icon" href="/images/icon.png" type="image/png">' in page
    assert '<link rel="apple-touch-icon" href="/images/icon.png">' in page
    assert '<meta property="og:image" content="https://other.example/g/images/icon.png">' in page
    assert '<li><a href="https://git.example/">Code</a></li>' in page
    calendar = client.get("/events.ics").data.decode()
    assert "PRODID:-//Other Group//tag_site//EN" in calendar


def test_a_page_is_shared_with_its_own_image(site: Write, client: FlaskClient) -> None:
    """A post's `image:` was read and checked, then shown nowhere (a page's was not even
    read): it is the picture a link to the page shows when shared (og:image,
    twitter:image); other pages keep the site's."""
    site("images/icon.png", b"\x89PNG\r\n\x1a\n")
    site("images/poster.png", b"\x89PNG\r\n\x1a\n")
    site("site.yml", "title: G\nurl: https://g.example/\nimage: /images/icon.png\n")
    site("news/2026-01-21-p.md", "---\ntitle: P\nimage: /images/poster.png\n---\n\nText.\n")
    post = client.get("/news/2026/p/").data.decode()
    assert '<meta property="og:image" content="https://g.example/images/poster.png">' in post
    assert '<meta name="twitter:image" content="https://g.example/images/poster.png">' in post
    about = client.get("/about/").data.decode()
    assert '<meta property="og:image" content="https://g.example/images/icon.png">' in about
    site("about.md", "---\ntitle: About\nimage: /images/poster.png\n---\n\nText.\n")
    about = client.get("/about/").data.decode()  # a page's own too
    assert '<meta property="og:image" content="https://g.example/images/poster.png">' in about


def test_site_without_identity_has_no_borrowed_one(site: Write, client: FlaskClient) -> None:
    """Without logo, icons or image, a site shows none: nothing of another group's."""
    page = client.get("/about/").data.decode()
    assert 'rel="icon"' not in page and "og:image" not in page and "site-logo" not in page
    assert '<meta name="twitter:card" content="summary">' in page


def test_engine_names_no_group() -> None:
    """The templates, static files and engine are neutral: the group lives in content/."""
    from tag_site import ROOT

    for folder in ("templates", "static", "tag_site"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".html", ".css", ".svg", ".txt", ".js"):
                text = path.read_text("utf-8")
                assert not re.search(r"Scientific Machine Learning|SciML", text), path


def test_the_site_serves_each_address_of_the_url_table_and_no_other(app: Flask) -> None:
    """The routes come from the one table of the URLs the site makes: each address there is
    served by its view, and the app serves no fixed address the table does not list."""
    from tag_site.content.urls import MADE, PER_ITEM

    adapter = app.url_map.bind("localhost")
    for url, made in MADE.items():
        assert adapter.match(url) == (made.endpoint, dict(made.values))
    fixed = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("site.") and rule.endpoint != "site.page"
    }
    assert fixed == {*MADE, *PER_ITEM.values()}
    assert adapter.match("/reports/2026/") == ("site.report", {"year": 2026})
    assert adapter.match("/news/page/2/") == ("site.news", {"number": 2})


def test_a_page_that_shows_no_news_converts_no_post(
    site: Write, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A post's summary is worked out where a list shows it, from its first lines only: a
    post of 40,000 short lines (2 s of Markdown) no longer slows every page of the preview."""
    slow = "a\n=\n" * 20000
    site("news/2026-05-01-slow.md", f"---\ntitle: Slow\n---\n{slow}")
    site("news/2026-05-02-fine.md", "---\ntitle: Fine\n---\n\nThe *first* paragraph.\n\nMore.\n")
    converted: list[str] = []
    convert = render._convert

    def counted(text: str) -> object:
        converted.append(text)
        return convert(text)

    monkeypatch.setattr(render, "_convert", counted)
    assert client.get("/join/").status_code == 200
    assert converted == []
    news = client.get("/news/")
    assert "The first paragraph." in text_of(news.data)
    assert max(text.count("\n") for text in converted) < SUMMARY_LINES


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">{}</svg>\n'


def headers_of(client: FlaskClient, url: str) -> tuple[int, str, dict[str, str]]:
    """Return the status, the type and the headers of the answer at ``url``."""
    with client.get(url) as response:
        return response.status_code, response.mimetype, dict(response.headers)


def test_the_preview_runs_no_script_that_a_page_borrows_from_an_attachment(
    site: Write, client: FlaskClient
) -> None:
    """Nothing the preview serves is read as another type (nosniff), and a page may load
    scripts only from the engine's folders: a page's ``<script src="/p/evil.txt">`` (which
    ``flask check`` refuses) runs neither as text/plain nor from the page's origin."""
    site("p/evil.txt", "document.title = 'ran';\n")
    site("p/page.md", '---\ntitle: Evil\n---\n\n<script src="/p/evil.txt"></script>\n')
    answers = {url: headers_of(client, url) for url in ("/p/page/", "/p/evil.txt",
               "/static/site.css", "/no/such/")}  # fmt: skip
    assert all(headers["X-Content-Type-Options"] == "nosniff" for *_, headers in answers.values())
    assert answers["/p/evil.txt"][:2] == (200, "text/plain")
    origin = "http://localhost"
    assert answers["/p/page/"][2]["Content-Security-Policy"] == (
        f"script-src {origin}/static/ {origin}/__preview/ {origin}/pagefind/"
    )


def test_the_preview_serves_no_attachment_that_the_check_refuses(
    site: Write, client: FlaskClient
) -> None:
    """An SVG with a script is not served (a freeze would not publish it): its page says
    why; one without is served under a policy that lets it run no script all the same."""
    site("a.svg", SVG.format("<script>document.title = 'ran'</script>"))
    site("b.svg", SVG.format('<rect width="8" height="8"/>'))
    refused = client.get("/a.svg")
    assert (refused.status_code, refused.mimetype) == (500, "text/html")
    assert "content/a.svg:1:" in text_of(refused.data)
    assert "<script> is not allowed" in text_of(refused.data)
    status, kind, headers = headers_of(client, "/b.svg")
    assert (status, kind) == (200, "image/svg+xml")
    assert headers["Content-Security-Policy"].startswith("sandbox; default-src 'none';")
    assert "script-src" not in headers["Content-Security-Policy"]


def test_a_site_makes_only_the_sections_it_has(
    site: Write, app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    """A workshop's site, ``sections: [news]``: no members list, join page, events, jobs,
    reports or search (it invited visitors to become members); its own page at /members/
    is an ordinary page there, and the menu's link to it holds."""
    site("site.yml", SITE_YML + "sections: [news]\n")
    site("members.md", "---\ntitle: Speakers\n---\nThe speakers of the workshop.\n")
    site("index.md", "---\nlayout: home\ntitle: Home\n---\nWelcome.\n")
    site("data/members.yml", "")
    assert check(app).exit_code == 0, check(app).output
    people = client.get("/members/")
    assert people.status_code == 200 and b"The speakers of the workshop." in people.data
    assert b"How to join" not in people.data
    for url in ("/join/", "/events/", "/jobs/", "/reports/", "/search/", "/events.ics"):
        assert client.get(url).status_code == 404, url
    home = client.get("/").data.decode()
    assert "calendar" not in home and "/feed.xml" in home
    result = freeze(app, "--dest", str(tmp_path / "build"))
    assert result.exit_code == 0, result.output
    assert "search index" not in result.output
    names = {p.relative_to(tmp_path / "build").as_posix() for p in (tmp_path / "build").rglob("*")}
    assert "members/index.html" in names and "news/index.html" in names
    for made in ("join", "events", "jobs", "reports", "search", "events.ics", "pagefind"):
        assert made not in names, made
    sitemap = (tmp_path / "build/sitemap.xml").read_text("utf-8")
    assert "/members/" in sitemap and "/events/" not in sitemap


def test_content_of_a_section_the_site_has_not_is_an_error(
    site: Write, app: Flask, client: FlaskClient
) -> None:
    """An event in a site without events would lead to a list that is not there; a home page
    that asks for the members where there is no members list shows nothing: each is an error
    at its line; members no page shows are a warning; join needs the members."""
    site("site.yml", SITE_YML.replace("  - title: Members\n    url: /members/\n", "")
         + "sections: [news, join]\n")  # fmt: skip
    site("events/2027-05-24-school.md", "---\ntitle: School\nstart: 2027-05-24\n---\nX\n")
    site("index.md", "---\nlayout: home\ntitle: Home\nsections: [members, news]\n---\nHi\n")
    said = check(app).output
    assert "content/site.yml:6: error: 'sections' has join but not members" in said, said
    assert (
        "content/events/2027-05-24-school.md:1: error: the site has no events section — "
        "add events to 'sections' in site.yml, or remove this file" in said
    )
    assert "content/index.md:4: error: the site has no members section — add members" in said
    assert "content/data/members.yml:1: warning: no page shows the members" in said
    assert check(app).exit_code == 1


@pytest.mark.parametrize(
    ("url", "files"),
    [
        ("/events/", ["events/2027-07-10-bad.md", "events/2027-08-10-untitled.md"]),
        ("/", ["events/2027-07-10-bad.md", "events/2027-08-10-untitled.md"]),
        ("/news/", ["news/2026-05-01-bad.md", "news/2026-05-02-a<b.md"]),
        ("/jobs/", ["jobs/2026-05-01-bad.md"]),
    ],
)
def test_a_list_leaves_out_a_broken_file_and_says_why(
    site: Write, app: Flask, url: str, files: list[str]
) -> None:
    """Issue 22: an event with a bad date showed on /events/ and the home page as a card
    "1 Jan 1970" titled with its file name, and one without a title as a link without words,
    and neither list said a word. A list leaves a broken file out, and the preview's panel
    names its problems, as the file's own page does."""
    site("events/2027-07-10-bad.md", "---\ntitle: Bad\nstart: 2027-13-45\n---\nx\n")
    site("events/2027-08-10-untitled.md", "---\nstart: 2027-08-10\n---\nx\n")
    site("events/2027-09-10-good.md", "---\ntitle: Good talk\nstart: 2027-09-10\n---\nx\n")
    site("news/2026-05-01-bad.md", "---\ndate: [1]\n---\nx\n")
    site("jobs/2026-05-01-bad.md", "---\ntitle: Postdoc\ndeadline: 2026-13-01\n---\nx\n")
    site("news/2026-05-02-a<b.md", "---\ntitle: Named badly\n---\nx\n")  # the 67th attack
    app.debug = True
    page = app.test_client().get(url).get_data(as_text=True)
    assert "1970" not in page and not re.search(r"<a [^>]*>\s*</a>", page), page
    assert "2027-07-10-bad" not in page.split('<aside class="problems')[-1].split("</aside>")[1]
    panel = page.split('<aside class="problems')[1].split("</aside>")[0]
    assert all(html.escape(f"content/{name}", quote=False) in panel for name in files), panel
    assert ("Good talk" in page) is (url in ("/events/", "/"))
    app.debug = False
    public = app.test_client().get(url).get_data(as_text=True)
    assert 'class="problems' not in public and "1970" not in public


def test_the_footers_contact_address_is_a_protected_link(site: Write, client: FlaskClient) -> None:
    """Issue 22: the footer showed site.yml's contact address as text, not a link. Each
    address of the contact is a ``mailto:`` link, its "@" and dots character references."""
    site("site.yml", SITE_YML + "contact: Write to group@example.org, or call us.\n")
    page = client.get("/about/").get_data(as_text=True)
    footer = page[page.index('<footer class="site-footer">') :]
    protected = "group&#64;example&#46;org"
    assert f'Contact: Write to <a href="mailto:{protected}">{protected}</a>, or call us.' in footer
    assert "group@example.org" not in page
