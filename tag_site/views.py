"""The site's routes: each asks the content store for a ``Site`` and fills a template."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, send_file
from flask.typing import ResponseReturnValue

from .content import ContentStore, Site
from .errors import ContentError
from .members import MEMBERS_FILE
from .pages import Page
from .render import render_body, resolve_link

bp = Blueprint("site", __name__)


def current_site() -> Site:
    """Return the content as it is now (read once per request)."""
    if "site" not in g:
        store: ContentStore = current_app.extensions["tag_site"]
        g.site = store.load()
    site: Site = g.site
    return site


def linker(site: Site, folder: str = "") -> Callable[[str], str]:
    """Return a function that turns a site link written in ``folder`` into its address."""
    return functools.partial(
        resolve_link, folder=folder, prefix=request.script_root, sources=site.urls_by_source
    )


@bp.app_context_processor
def template_globals() -> dict[str, Any]:
    """Give every template the site settings and a ``link`` for site paths."""
    site = current_site()
    base = current_app.config.get("BASE_URL") or site.config.url
    return {
        "site": site.config,
        "link": linker(site),
        "current_url": request.path,
        "canonical": base.rstrip("/") + request.path,
    }


def render_errors(errors: tuple[ContentError, ...]) -> ResponseReturnValue:
    """Return the page that tells the editor what to fix, with status 500."""
    return render_template("error.html", errors=errors), 500


@bp.app_errorhandler(404)
def not_found(_error: Exception) -> ResponseReturnValue:
    """Answer an unknown URL with the site's 404 page."""
    return render_template("404.html"), 404


@bp.route("/404.html")
def not_found_page() -> ResponseReturnValue:
    """Serve the 404 page itself, for GitHub Pages to send with unknown URLs."""
    return render_template("404.html")


@bp.route("/", defaults={"path": ""})
@bp.route("/<path:path>")
def page(path: str) -> ResponseReturnValue:
    """Serve a Markdown page or an attachment of ``content/``."""
    site = current_site()
    url = "/" + path
    if url in site.pages:
        return render_page(site, site.pages[url])
    if url in site.attachments:
        return send_file(site.attachments[url])
    if url + "/" in site.pages:
        return redirect(request.script_root + url + "/", 308)
    abort(404)


def render_page(site: Site, page: Page) -> ResponseReturnValue:
    """Fill the page's layout with its rendered body and the sections it asks for."""
    sources = [page.source]
    if "members" in page.sections:
        sources.append(site.path(MEMBERS_FILE))
    errors = site.errors_in(*sources)
    if errors:
        return render_errors(errors)
    body = render_body(page.body, linker(site, page.folder()))
    return render_template(f"{page.layout}.html", page=page, body=body, members=site.members)


@bp.route("/members/")
def members() -> ResponseReturnValue:
    """List the group's members."""
    site = current_site()
    errors = site.errors_in(site.path(MEMBERS_FILE))
    if errors:
        return render_errors(errors)
    return render_template("members.html", members=site.members)


@bp.route("/events/")
def events() -> ResponseReturnValue:
    """List the group's events."""
    return render_with_site("events.html")


@bp.route("/news/")
def news() -> ResponseReturnValue:
    """List the group's news."""
    return render_with_site("news.html")


def render_with_site(template: str) -> ResponseReturnValue:
    """Render a generated page, or the errors of ``site.yml``."""
    errors = current_site().errors_in()
    return render_errors(errors) if errors else render_template(template)
