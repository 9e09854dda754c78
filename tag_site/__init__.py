"""tag_site: a research group's website from Markdown files, served live and frozen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import cli
from .web.app import ROOT, site_app

__all__ = ["ROOT", "create_app"]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the site's Flask app: defaults, then ``TAG_SITE_*`` variables, then ``test_config``.

    ``content/site.yml`` is read with the content, on each request, so that edits to it show
    in the preview without a restart.
    """
    app = site_app(test_config or {})
    app.cli.add_command(cli.freeze_command)
    app.cli.add_command(cli.check_command)
    app.cli.add_command(cli.import_jekyll_command)
    app.cli.add_command(cli.new_command)
    return app
