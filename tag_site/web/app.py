"""The site's Flask app: its templates and static files, the content store, the routes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import StrictUndefined

from .. import cache
from ..build import Build
from ..content.store import ContentStore
from ..content.urls import MANIFEST
from ..content.watch import Watcher
from ..markdown.render import protect_json_ld, protect_text
from . import preview, views

ROOT = Path(__file__).resolve().parent.parent.parent


def site_app(config: Mapping[str, Any], *, build: Build | None = None) -> Flask:
    """Return the app that serves the site: defaults, then ``TAG_SITE_*`` variables, then
    ``config``. Without a ``build`` it previews the content as it is on each request; with
    one it serves that Build only (the freeze's)."""
    app = Flask(
        "tag_site", root_path=str(ROOT), template_folder="templates", static_folder="static"
    )
    app.config.from_mapping(
        CONTENT_DIR=str(ROOT / "content"),
        BUILD_DIR="build",
        BASE_URL=None,
        CACHE_DIR=str(cache.default_folder()),
    )
    app.config.from_prefixed_env("TAG_SITE", loads=str)  # as written: a folder named 123
    app.config.from_mapping(config)
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.finalize = protect_text  # no name@host in any page, whatever prints it
    app.jinja_env.filters["protect_json_ld"] = protect_json_ld
    content = Path(app.config["CONTENT_DIR"]).absolute()
    folder = Path(app.config["CACHE_DIR"]) if app.config["CACHE_DIR"] else None
    cache.use(folder, content=content, build_mark=MANIFEST)
    cache.keep_out(Path(app.config["BUILD_DIR"]), Path(app.root_path, "static"))  # published
    watched = [content, Path(app.root_path, "templates"), Path(app.root_path, "static")]
    app.extensions["tag_site"] = ContentStore(content, Watcher(watched))  # live reload's too
    app.register_blueprint(views.bp)
    if build is None:
        app.register_blueprint(preview.bp)
    else:
        app.extensions["tag_site.build"] = build
    return app
