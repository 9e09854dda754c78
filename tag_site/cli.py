"""The ``flask`` commands of the site: options, output and exit codes; the work is elsewhere."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .build import make_build
from .checks import check_site
from .dates import current_time
from .errors import ClockError, ProblemsError, TagSiteError
from .forms import FORMS
from .freeze import freeze_site
from .jekyll.importer import JekyllImportError, Report, import_jekyll
from .proposals import write_proposal
from .views import static_files
from .workers import jobs_for


@click.command("check")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="'github' prints annotations that show on a pull request's changed lines.",
)
@with_appcontext
def check_command(strict: bool, output: str) -> None:
    """Check all content (front matter, links, HTML) without building the site."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    site = app.extensions["tag_site"].load()
    try:
        now = current_time(site.tz, app.config.get("TODAY"))
    except ClockError as error:
        raise click.ClickException(str(error)) from None
    base = app.config.get("BASE_URL") or site.config.url
    build = make_build(site, now, base, static_files(app), preview=False)
    try:
        problems = check_site(build, jobs_for(app.config.get("JOBS"), len(site.pages)))
    except TagSiteError as error:
        raise click.ClickException(str(error)) from None
    for problem in problems:
        click.echo(problem.annotation() if output == "github" else problem.text())
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    click.echo(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", err=True
    )
    if errors or (strict and warnings):
        raise SystemExit(1)


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
    except ProblemsError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{error} — nothing was published, {dest} is unchanged"
        ) from None
    except TagSiteError as error:
        raise click.ClickException(f"{error} — nothing was published") from None
    for warning in result.warnings:
        click.echo(warning.text(), err=True)
    click.echo(
        f"Wrote {result.pages} pages and {result.files} other files to {result.dest}"
        f" in {result.seconds:.2f} s."
    )


@click.command("new")
@click.argument("kind", type=click.Choice(sorted(FORMS)))
@click.option(
    "--from-issue",
    "issue",
    required=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="A file holding the issue's body, as GitHub shows a filled-in form.",
)
@with_appcontext
def new_command(kind: str, issue: Path) -> None:
    """Write an event, a news post or a member's entry from an issue form, checked."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        made = write_proposal(app, kind, issue.read_text("utf-8", errors="replace"))
    except TagSiteError as error:
        raise click.ClickException(f"{error} — nothing was written") from None
    click.echo(f"Wrote {made.path}; its page will be {made.url} (make serve to see it).")


@click.command("import-jekyll")
@click.argument("source", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "--dest",
    type=click.Path(path_type=Path),
    help="Folder to write the content into (default: the app's content folder); it must be "
    "new or empty.",
)
@click.option(
    "--old-url",
    metavar="URL",
    default="",
    help="Where the old site was published, if its _config.yml has no url "
    "(e.g. https://org.github.io/group/): feed ids are made from it.",
)
@with_appcontext
def import_jekyll_command(source: Path, dest: Path | None, old_url: str) -> None:
    """Turn a Jekyll site into a content folder for this site."""
    dest = dest or Path(current_app.config["CONTENT_DIR"])
    try:
        report = import_jekyll(source, dest, old_url=old_url)
    except JekyllImportError as error:
        raise click.ClickException(f"{error} — nothing was written") from None
    click.echo(report_text(source, report))


def report_text(source: Path, report: Report) -> str:
    """Return what an import did, as the command prints it."""
    counts = report.counts
    kinds = {"posts": "post", "pages": "page", "data files": "data file", "members": "member",
             "files": "file", "old addresses kept": "old address kept",
             "feed ids kept": "feed id kept"}  # fmt: skip
    said = [
        f"{counts[kind]} {kind if counts[kind] != 1 else one}"
        for kind, one in kinds.items()
        if counts.get(kind)
    ]
    lines = [f"Imported the Jekyll site {source} into {report.dest}: {', '.join(said)}."]
    if report.notes:
        lines.append(f"Left out or changed ({len(report.notes)}):")
        lines += [f"  {note}" for note in report.notes]
    lines.append("Next: flask check, then flask freeze (or make serve to look at the site).")
    return "\n".join(lines)
