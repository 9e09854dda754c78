"""The ``flask`` commands of the site: options, output and exit codes; the work is elsewhere."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .freeze import FreezeError, freeze_site


@click.command("freeze")
@click.option(
    "--dest",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write the site into (replaced only when the build succeeds).",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Address the site is published at, e.g. https://org.github.io/sciml/ "
    "(default: the url of content/site.yml).",
)
@with_appcontext
def freeze_command(dest: Path, base_url: str | None) -> None:
    """Write the static site, ready to publish."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        result = freeze_site(app, dest, base_url)
    except ExceptionGroup as group:  # of ContentError, one per problem
        for problem in group.exceptions:
            click.echo(str(problem), err=True)
        count = len(group.exceptions)
        problems = f"{count} problem{'s' if count > 1 else ''}"
        raise click.ClickException(
            f"{problems} — nothing was published, {dest} is unchanged"
        ) from None
    except FreezeError as error:
        raise click.ClickException(f"{error} — nothing was published") from None
    click.echo(
        f"Wrote {result.pages} pages and {result.files} other files to {result.dest}"
        f" in {result.seconds:.2f} s."
    )
