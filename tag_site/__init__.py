"""tag_site: a research group's website from Markdown files, served live and frozen."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import StrictUndefined

from . import cache, cli, preview, views
from .build import Build
from .content import ContentStore
from .render import protect_text

ROOT = Path(__file__).resolve().parent.parent


def create_app(
    test_config: Mapping[str, Any] | None = None, *, build: Build | None = None
) -> Flask:
    """Create the site's Flask app: defaults, then ``TAG_SITE_*`` variables, then ``test_config``.

    ``content/site.yml`` is read with the content, on each request, so that edits to it show
    in the preview without a restart; an app made with a ``build`` serves that Build only
    (the freeze's).
    """
    app = Flask(__name__, root_path=str(ROOT), template_folder="templates", static_folder="static")
    app.config.from_mapping(
        CONTENT_DIR=str(ROOT / "content"),
        BUILD_DIR="build",
        BASE_URL=None,
        CACHE_DIR=str(cache.default_folder()),
    )
    app.config.from_prefixed_env("TAG_SITE")
    app.config.from_mapping(test_config or {})
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.finalize = protect_text  # no name@host in any page, whatever prints it
    content = Path(app.config["CONTENT_DIR"]).absolute()
    cache.use(Path(app.config["CACHE_DIR"]) if app.config["CACHE_DIR"] else None, content=content)
    app.extensions["tag_site"] = ContentStore(content)
    app.register_blueprint(views.bp)
    if build is None:
        app.register_blueprint(preview.bp)
    else:
        app.extensions["tag_site.build"] = build
    app.cli.add_command(cli.freeze_command)
    app.cli.add_command(cli.check_command)
    app.cli.add_command(cli.import_jekyll_command)
    app.cli.add_command(cli.new_command)
    return app
