"""The ``flask`` commands of the site: options, output and exit codes; the work is elsewhere."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .errors import ContentError
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
    try:
        result = freeze_site(current_app._get_current_object(), dest, base_url)  # type: ignore[attr-defined]
    except ExceptionGroup as group:
        problems = [e for e in group.exceptions if isinstance(e, ContentError)]
        if len(problems) != len(group.exceptions):
            raise
        report(problems)
        raise click.ClickException(
            f"{len(problems)} problem(s) — nothing was published, {dest} is unchanged"
        ) from None
    except ContentError as error:
        report([error])
        raise click.ClickException(f"nothing was published, {dest} is unchanged") from None
    except FreezeError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Wrote {result.pages} pages and {result.files} other files to {result.dest}"
        f" in {result.seconds:.2f} s."
    )


def report(problems: list[ContentError]) -> None:
    """Print one line per problem on standard error."""
    for problem in problems:
        click.echo(str(problem), err=True)
