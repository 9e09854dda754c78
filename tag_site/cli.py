"""The ``flask`` commands of the site: options, output and exit codes; the work is elsewhere."""

from __future__ import annotations

import errno
import functools
import itertools
import shlex
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import with_appcontext

from .authoring.proposals import today, write_checked, write_proposal
from .authoring.starters import KINDS, Given, starter
from .build import Build
from .checks.site import check_share, in_order, site_problems
from .errors import Problem, ProblemsError, SettingError, TagSiteError, printable, printed
from .jekyll.importer import JekyllImportError, OldAddress, Report, import_jekyll
from .jekyll.reading import said_once
from .publish.changes import MARK
from .publish.changes import summary as changes_summary
from .publish.freeze import FreezeError, freeze_site, normalise_base_url
from .publish.workers import in_parallel, jobs_for
from .web.forms import FORMS
from .web.views import open_build

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # what click.progressbar returns


def paths_said(command: Callable[..., None]) -> Callable[..., None]:
    """Return ``command`` that says a path the system refuses (a name over 255 bytes, a
    folder it cannot make) as an error, not a traceback."""

    @functools.wraps(command)
    def said(*args: object, **kwargs: object) -> None:
        try:
            command(*args, **kwargs)
        except OSError as error:
            if error.filename is None:
                raise
            fix = "choose a shorter name" if error.errno == errno.ENAMETOOLONG else "choose another"
            raise click.ClickException(
                f"cannot use {error.filename}: {error.strerror} — {fix} — nothing was written"
            ) from None

    return said


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
@paths_said
def check_command(strict: bool, output: str) -> None:
    """Check all content (front matter, links, HTML) without building the site."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        build = open_build(app, preview=False)
        normalise_base_url(build.base_url, "TAG_SITE_BASE_URL")  # as the freeze would refuse it
    except (SettingError, FreezeError) as error:
        raise click.ClickException(str(error)) from None
    site = build.site
    try:
        problems = check_site(build, jobs_for(app.config.get("JOBS"), len(site.pages)))
    except TagSiteError as error:
        raise click.ClickException(printable(str(error))) from None
    for problem in printed(problems):
        click.echo(problem.annotation() if output == "github" else problem.text())
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    click.echo(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", err=True
    )
    if errors or (strict and warnings):
        raise SystemExit(1)


def check_site(build: Build, jobs: int) -> list[Problem]:
    """Return every problem of the build's content, errors and warnings, in file and line order,
    its files checked in ``jobs`` processes."""
    shares = in_parallel(lambda share: check_share(build, share.takes), jobs)
    return in_order([*site_problems(build), *itertools.chain(*shares)])


@click.command("freeze")
@click.option(
    "--dest",
    type=click.Path(path_type=Path),
    help="Folder to write the site into, replaced only when the build succeeds "
    "(default: build, or TAG_SITE_BUILD_DIR; the preview's search uses its index).",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Address the site is published at, e.g. https://org.github.io/sciml/ "
    "(default: the url of content/site.yml).",
)
@click.option("--verbose", is_flag=True, help="List the URLs added, changed and removed.")
@click.option(
    "--summary",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write what changed since the last build into this file, as Markdown (for a pull "
    "request's comment).",
)
@click.option("--quiet", is_flag=True, help="Say nothing but warnings and errors.")
@with_appcontext
@paths_said
def freeze_command(
    dest: Path | None, base_url: str | None, verbose: bool, summary: Path | None, quiet: bool
) -> None:
    """Write the static site, ready to publish, and say what changed since the last build."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    dest = dest or Path(app.config["BUILD_DIR"])
    content = Path(app.config["CONTENT_DIR"])
    if summary is not None and (refusal := summary_refusal(summary, dest, content)):
        raise click.ClickException(f"--summary {summary} {refusal} — nothing was published")
    bar = Bar() if not quiet and sys.stderr.isatty() else None
    try:
        result = freeze_site(app, dest, base_url, bar)
    except ProblemsError as error:
        for problem in printed(error.problems):
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{error} — nothing was published, {dest} is unchanged"
        ) from None
    except TagSiteError as error:
        raise click.ClickException(f"{printable(str(error))} — nothing was published") from None
    finally:
        if bar is not None:
            bar.finish()
    for warning in printed(result.warnings):
        click.echo(warning.text(), err=True)
    if summary is not None:
        try:
            summary.write_text(changes_summary(result.changes), "utf-8")
        except OSError as error:
            raise click.ClickException(
                f"the site was published, but --summary {summary} cannot be written: "
                f"{error.strerror}"
            ) from None
    if quiet:
        return
    click.echo(
        f"Wrote {result.pages} pages and {result.files} other files to {result.dest}"
        f" in {result.seconds:.2f} s"
        + (f", {result.kept} of them as the last build had them" if result.kept else "")
        + (
            f" (search index: {result.index_files} files, {result.index_bytes / 1000:.0f} kB)"
            if result.index_files
            else ""
        )
        + "."
    )
    click.echo(result.changes.counts())
    if verbose:
        click.echo("\n".join(result.changes.lines()))


class Bar:
    """Click's progress bar, made when the freeze knows how many outputs it makes."""

    def __init__(self) -> None:
        self.bar: ProgressBar[int] | None = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Freezing", file=sys.stderr)
        self.bar.update(done - self.shown)
        self.shown = done

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def summary_refusal(summary: Path, dest: Path, content: Path) -> str:
    """Say why the freeze must not write its summary at ``summary`` ("" if it may): the
    place of a link (it would write where the link points), of what is no plain file (a
    pipe would hang the freeze after it published), in a folder that is not there, in the
    destination (it would be published, or overwrite what was) or in the content (it would
    overwrite an editor's file), or of a file that is not empty and no summary it wrote
    (``README.md`` by a slip)."""
    if summary.is_symlink():
        return "is a link — give a file's own name"
    if summary.exists() and not summary.is_file():
        return "is not a file (a folder, a pipe, a device) — give a file's name"
    if not summary.parent.is_dir():
        return f"is in {summary.parent}, which is no folder — make it first"
    for folder, what in ((dest, "the destination"), (content, "the content folder")):
        if folder.resolve() in summary.resolve().parents:
            return f"is inside {what} {folder} — write it elsewhere"
    if summary.is_file() and summary.stat().st_size and not written_by_freeze(summary):
        return "is a file the freeze did not write — give a new file's name"
    return ""


def written_by_freeze(file: Path) -> bool:
    """Tell a file that starts as the freeze's summary does (``MARK``); not one unread."""
    try:
        with file.open("rb") as opened:
            return opened.read(len(MARK.encode("utf-8"))) == MARK.encode("utf-8")
    except OSError:
        return False


@click.command("new")
@click.argument("kind", type=click.Choice(sorted({*KINDS, *FORMS})))
@click.argument("title", required=False)
@click.option(
    "--from-issue",
    "issue",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Instead of a title: a file holding an issue's body, as GitHub shows a filled-in "
    "form (event, news or member).",
)
@click.option("--date", default="", help="news, job: the day it is published (default: today).")
@click.option("--start", default="", help="event: its first day, or day and time (default: today).")
@click.option("--end", default="", help="event: its last day, or end time.")
@click.option("--location", default="", help="event: where it takes place.")
@click.option("--deadline", default="", help="job: the last day to apply (default: in four weeks).")
@with_appcontext
@paths_said
def new_command(kind: str, title: str | None, issue: Path | None, **given: str) -> None:
    """Write a new event, news post, position or page called TITLE, from a template with
    today's date (or, with --from-issue, an event, news post or member's entry from an issue
    form), checked; never over an existing file."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if (title is None) == (issue is None):
        raise click.UsageError('give a TITLE ("Summer school") or --from-issue FILE, not both')
    if issue is None and kind not in KINDS:
        raise click.UsageError(f"a {kind} is made --from-issue FILE only")
    if issue is not None and kind not in FORMS:
        raise click.UsageError(f"a {kind} is made from a TITLE only")
    try:
        if issue is not None:
            made = write_proposal(app, kind, issue)
        else:
            name, text = starter(kind, title or "", today(app), Given(**given))
            made = write_checked(app, name, text)
    except TagSiteError as error:
        raise click.ClickException(f"{printable(str(error))} — nothing was written") from None
    click.echo(f"{made.said}; preview it at http://127.0.0.1:5000{made.url} (make serve).")
    for warning in made.warnings:  # the approving editor reads them before the check's
        click.echo(f"warning: {warning}")


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
@click.option(
    "--members",
    metavar="NAME",
    default=None,
    help="The table of _data/ that lists the members (its name, as _data/NAME.csv); '' for "
    "none. Without it, the one a page loops over, else one named members, people or team, "
    "else the longest (not a table of former members).",
)
@click.option(
    "--built",
    type=click.Path(path_type=Path),
    help="The old site as it was published (_site/ of jekyll build, or a saved copy of the "
    "live site): a page whose words Liquid made in a layout comes in as it showed them, and "
    "the report compares each page's words.",
)
@with_appcontext
@paths_said
def import_jekyll_command(
    source: Path, dest: Path | None, old_url: str, members: str | None, built: Path | None
) -> None:
    """Turn a Jekyll site into a content folder for this site."""
    dest = dest or Path(current_app.config["CONTENT_DIR"])
    try:
        report = import_jekyll(
            source, dest, repo=Path(current_app.root_path), old_url=old_url, members=members,
            built=built,
        )  # fmt: skip
    except JekyllImportError as error:
        raise click.ClickException(f"{printable(str(error))} — nothing was written") from None
    default = Path(current_app.config["CONTENT_DIR"]).resolve()
    click.echo(report_text(source, report, None if dest.resolve() == default else dest))


def address_lines(addresses: tuple[OldAddress, ...]) -> list[str]:
    """Return the report's table of the old pages' addresses: what became of each, and its
    words on the old site and the new one, where the old built site was given."""
    if not addresses:
        return []
    hows = Counter(row.how.split(":")[0] for row in addresses)
    lines = [f"Old addresses ({', '.join(f'{n} {how}' for how, n in hows.items())}):"]
    for row in addresses:
        line = printable(f"  {row.old} -> {row.new or '(none)'}: {row.how}")  # a name's \n
        if row.words:
            old, new = row.words
            line += f"; words {old:,} -> {new:,}{' (fewer)' if lost_words(old, new) else ''}"
        lines.append(line)
    counted = [row.words for row in addresses if row.words]
    if counted:
        old, new = sum(o for o, _ in counted), sum(n for _, n in counted)
        fewer = sum(lost_words(o, n) for o, n in counted)
        lines.append(f"Words on {len(counted)} pages: {old:,} on the old site, {new:,} on the "
                     f"new one; {fewer} with fewer words")  # fmt: skip
    else:
        lines.append("Give the old site as it was published (--built _site) to compare words.")
    return lines


def lost_words(old: int, new: int) -> bool:
    """Tell a page that shows a tenth fewer words than the old one did, or more."""
    return new < old * 0.9


def report_text(source: Path, report: Report, content: Path | None = None) -> str:
    """Return what an import did, as the command prints it; ``content``: the folder it
    wrote, if it is not the app's content folder (the next commands are told to read it)."""
    counts = report.counts
    kinds = {"posts": "post", "pages": "page", "data files": "data file", "members": "member",
             "files": "file", "old addresses kept": "old address kept",
             "feed ids kept": "feed id kept"}  # fmt: skip
    said = [
        f"{counts[kind]} {kind if counts[kind] != 1 else one}"
        for kind, one in kinds.items()
        if counts.get(kind)
    ]
    what = ", ".join(said) or "no page, post or file"
    lines = [f"Imported the Jekyll site {source} into {report.dest}: {what}."]
    if said := said_once(report.notes):
        lines.append(f"Left out or changed ({len(said)}):")
        lines += [f"  {line}" for line in said]
    lines += address_lines(report.addresses)
    here = "" if content is None else f"TAG_SITE_CONTENT_DIR={shlex.quote(str(content))} "
    lines.append(
        f"Next: {here}flask check, then {here}flask freeze (or {here}make serve to look at "
        "the site)."
    )
    return "\n".join(lines)
