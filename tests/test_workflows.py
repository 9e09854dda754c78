"""The GitHub workflows: valid against GitHub's schema, clean for zizmor, least privilege.

Both tools run offline: check-jsonschema carries GitHub's workflow schema, zizmor's offline
audits need no network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tag_site import ROOT

from .helpers import BIN, SAMPLE

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(path: Path) -> dict[Any, Any]:
    """Return a workflow as data (YAML 1.1 reads the key 'on' as True)."""
    data: dict[Any, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def run(*command: str) -> subprocess.CompletedProcess[str]:
    """Run a tool of this environment and return what it did."""
    return subprocess.run([str(BIN / command[0]), *command[1:]], capture_output=True, text=True)


def test_there_are_a_check_a_publish_and_a_proposal_workflow() -> None:
    """One workflow checks pull requests, one publishes, one turns approved issues into pull
    requests."""
    assert [path.name for path in WORKFLOWS] == ["check.yml", "proposal.yml", "publish.yml"]


def test_workflows_match_githubs_schema() -> None:
    """check-jsonschema with GitHub's workflow schema accepts every workflow."""
    result = run(
        "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_or_worse() -> None:
    """No template injection, no unpinned actions, no excessive permissions."""
    result = run(
        "zizmor", "--offline", "--min-severity", "medium", str(ROOT / ".github" / "workflows")
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_each_job_asks_only_for_the_permissions_it_needs(path: Path) -> None:
    """No permissions by default; each job asks for its own, and never to write contents but
    the proposal's, which pushes the branch of its pull request."""
    workflow = load(path)
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert "permissions" in job
        writes = "write" if path.name == "proposal.yml" else "read"
        assert job["permissions"].get("contents", "read") == writes


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_each_job_ends_within_half_an_hour(path: Path) -> None:
    """A pull request's content can hold a runner at most for its job's time limit (each
    file has its own time budget, but a stranger may send many files): GitHub's default is
    six hours."""
    for job in load(path)["jobs"].values():
        assert 0 < job["timeout-minutes"] <= 30


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_to_commits(path: Path) -> None:
    """Every action is pinned to a full commit SHA, with its version in a comment."""
    uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text("utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d", comment), action


def test_pull_requests_are_checked_and_previewed() -> None:
    """On a pull request: flask check as annotations, the tests, a freeze, the preview artifact."""
    workflow = load(ROOT / ".github/workflows/check.yml")
    assert "pull_request" in workflow[True]
    steps = " ".join(str(step) for step in workflow["jobs"]["check"]["steps"])
    for needed in ("flask check --format github", "pytest", "flask freeze", "upload-artifact"):
        assert needed in steps


def test_an_approved_issue_becomes_a_pull_request_without_its_text_in_the_shell() -> None:
    """The proposal workflow runs on the label 'approved', makes the file with flask new, opens
    a pull request and comments; no expression of the issue is written into a script."""
    workflow = load(ROOT / ".github/workflows/proposal.yml")
    assert workflow[True]["issues"]["types"] == ["labeled"]
    job = workflow["jobs"]["propose"]
    assert "approved" in job["if"]
    scripts = [step["run"] for step in job["steps"] if "run" in step]
    assert all("${{" not in script for script in scripts)
    joined = "\n".join(scripts)
    for needed in ("flask new", "--from-issue", "gh pr create", "gh issue comment"):
        assert needed in joined


def test_site_is_published_on_merge_daily_and_by_hand() -> None:
    """Publishing: on push to main, on a daily schedule, by hand; with the Pages actions."""
    workflow = load(ROOT / ".github/workflows/publish.yml")
    triggers = workflow[True]
    assert triggers["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", triggers["schedule"][0]["cron"])
    assert "workflow_dispatch" in triggers
    text = (ROOT / ".github/workflows/publish.yml").read_text("utf-8")
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}@" in text
    assert "--base-url" in text


def git(folder: Path, *args: str) -> None:
    """Run git in ``folder`` as a test author."""
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=folder, check=True, capture_output=True,
    )  # fmt: skip


def step(job: dict[str, Any], name: str) -> dict[str, Any]:
    """Return the step of ``job`` called ``name``."""
    found: dict[str, Any] = next(s for s in job["steps"] if s.get("name") == name)
    return found


def test_the_check_comments_what_a_pull_request_changes(tmp_path: Path) -> None:
    """The check workflow's own scripts, run on a merge commit as GitHub makes one for a pull
    request that edits one post, with a stand-in `gh`: the comment posted (or updated) says
    that post and the feed changed, and links the preview."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "pr")
    post = repo / "content/news/2026-01-21-kickoff.md"
    post.write_text(post.read_text("utf-8") + "\nMore.\n", "utf-8")
    git(repo, "commit", "-qam", "edit a post")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "pr")  # HEAD^1: the base branch
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "gh").write_text(
        '#!/bin/sh\nprintf "%s\\n" "$@" > "$GH_ARGS"\ncp "$7" "$GH_BODY"\n', "utf-8"
    )
    (fake / "gh").chmod(0o755)
    workflow = load(ROOT / ".github/workflows/check.yml")
    check, comment = workflow["jobs"]["check"], workflow["jobs"]["comment"]
    runner = tmp_path / "runner"
    runner.mkdir()
    env = os.environ | {
        "PATH": f"{fake}:{BIN}:{os.environ['PATH']}",
        "FLASK_APP": str(ROOT / "app.py"),
        "TAG_SITE_CONTENT_DIR": str(repo / "content"),
        "TAG_SITE_TODAY": "2026-05-26",
        "RUNNER_TEMP": str(runner),
        "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
        "GH_ARGS": str(tmp_path / "gh-args"),
        "GH_BODY": str(tmp_path / "gh-body"),
    }
    for name in ("Build the site as it is now", "Build a preview, and say what it changes"):
        done = subprocess.run(["bash", "-e", "-c", step(check, name)["run"]], cwd=repo, env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    posting = step(comment, "Post or update the comment")
    values = {"NUMBER": "7", "REPOSITORY": "group/site", "RUN": "https://github.com/run/1"}
    assert set(posting["env"]) == {"GH_TOKEN", *values}
    done = subprocess.run(["bash", "-e", "-c", posting["run"]], cwd=repo, env=env | values,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    body = (tmp_path / "gh-body").read_text("utf-8")
    assert "0 added, 2 changed, 0 removed" in body
    assert "- `/feed.xml`\n- `/news/2026/kickoff/`" in body
    assert "[this run](https://github.com/run/1)" in body
    assert (tmp_path / "gh-args").read_text("utf-8").split() == [
        "pr", "comment", "7", "--repo", "group/site", "--body-file", "changes.md",
        "--edit-last", "--create-if-none",
    ]  # fmt: skip
    assert "2 changed" in (runner / "summary.md").read_text("utf-8")


def outside_code(markdown: str) -> tuple[str, list[str]]:
    """Return the text of ``markdown`` outside its backtick code fences, and the text of each
    fenced block, as CommonMark (and so GitHub) reads them."""
    outside: list[str] = []
    blocks: list[str] = []
    inside: list[str] = []
    fence = ""
    for line in markdown.split("\n"):
        stripped = line.lstrip(" ")
        indent, run = len(line) - len(stripped), len(stripped) - len(stripped.lstrip("`"))
        if fence and indent <= 3 and run >= len(fence) and not stripped[run:].strip():
            blocks.append("\n".join(inside))
            fence, inside = "", []
        elif fence:
            inside.append(line)
        elif indent <= 3 and run >= 3 and "`" not in stripped[run:]:
            fence = "`" * run
        else:
            outside.append(line)
    if fence:  # a fence never closed runs to the end
        blocks.append("\n".join(inside))
    return "\n".join(outside), blocks


HOSTILE_OUTPUT = (
    "Error: issue.md:3: the field 'Title' says\n```\n\n[Log in here](https://evil.example/login)"
    " @octocat, see #1\n\n`````\n``\nthe end"
)


def stand_ins(folder: Path, flask_says: str, status: int) -> Path:
    """Write a `flask` that says ``flask_says`` and exits with ``status``, a `gh` that keeps
    the file of --body-file in $GH_BODY (and prints a pull request's address), and a `git`
    that does nothing; return their folder."""
    folder.mkdir()
    (folder / "said.txt").write_text(flask_says, "utf-8")
    scripts = {
        "flask": f'#!/bin/sh\ncat "{folder}/said.txt"\nexit {status}\n',
        "gh": '#!/bin/sh\nwhile [ $# -gt 0 ]; do\n  if [ "$1" = --body-file ]; then cp "$2" '
        '"$GH_BODY.$(ls "$(dirname "$GH_BODY")" | wc -l)"; fi\n  shift\ndone\n'
        'echo "https://github.com/group/site/pull/8"\n',
        "git": "#!/bin/sh\nexit 0\n",
    }
    for name, text in scripts.items():
        (folder / name).write_text(text, "utf-8")
        (folder / name).chmod(0o755)
    return folder


def run_proposal_step(
    name: str, env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run the script of the proposal workflow's step called ``name`` as GitHub runs it."""
    job = load(ROOT / ".github/workflows/proposal.yml")["jobs"]["propose"]
    return subprocess.run(["bash", "-e", "-c", step(job, name)["run"]], cwd=cwd,
                          env=os.environ | env, capture_output=True, text=True)  # fmt: skip


def proposal_env(tmp_path: Path, fake: Path) -> dict[str, str]:
    """Return the environment of the proposal workflow's steps, with stand-ins first."""
    runner, bodies = tmp_path / "runner", tmp_path / "bodies"
    runner.mkdir()
    bodies.mkdir()
    return {
        "PATH": f"{fake}:{BIN}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner),
        "GITHUB_WORKSPACE": str(ROOT),
        "GITHUB_REPOSITORY": "group/site",
        "GH_TOKEN": "t",
        "GH_BODY": str(bodies / "body"),
        "NUMBER": "7",
        "TITLE": "Event: x",
        "BODY": "### Title\n\nx",
        "LABELS": "event approved",
    }


def test_what_flask_new_says_stays_in_one_code_block_of_the_comment(tmp_path: Path) -> None:
    """Whatever flask new says (a line of three backticks, a link, an @-mention), the comment
    on a failed proposal quotes it whole in one code block, whose fence nothing in it closes:
    nothing of it is read as Markdown, no one is notified."""
    env = proposal_env(tmp_path, stand_ins(tmp_path / "bin", HOSTILE_OUTPUT, 1))
    assert run_proposal_step("Make the file", env, tmp_path).returncode == 1
    done = run_proposal_step("Say what went wrong", env, tmp_path)
    assert done.returncode == 0, done.stderr
    [body] = (tmp_path / "bodies").iterdir()
    outside, blocks = outside_code(body.read_text("utf-8"))
    assert blocks == [HOSTILE_OUTPUT]
    assert "evil" not in outside and "@" not in outside and "could not be made" in outside


def test_the_pull_request_quotes_what_flask_new_says_in_a_code_block(tmp_path: Path) -> None:
    """On success the pull request's text quotes flask new (which names the member it
    updated, in her own words) in one code block too."""
    said = (
        "Updated the entry of @octocat ``` [x](https://evil.example) in content/data/members.yml:4"
    )
    env = proposal_env(tmp_path, stand_ins(tmp_path / "bin", said + "\n", 0))
    assert run_proposal_step("Make the file", env, tmp_path).returncode == 0
    done = run_proposal_step("Open the pull request", env, tmp_path)
    assert done.returncode == 0, done.stderr
    [body] = (tmp_path / "bodies").iterdir()
    outside, blocks = outside_code(body.read_text("utf-8"))
    assert blocks == [said]
    assert "@" not in outside and "closes #7" in outside


def test_a_wrong_field_is_named_at_its_line_of_the_issue_in_the_comment(tmp_path: Path) -> None:
    """The workflow's own `flask new` on an issue with a date that does not exist: the
    comment names the field and the line of the issue's text (issue.md:N), in a code block."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    env = proposal_env(tmp_path, stand_ins(tmp_path / "bin", "", 0))
    (tmp_path / "bin" / "flask").unlink()  # the real one
    issue = "### Title\n\nA school\n\n### Kind of event\n\nschool\n\n### First day\n\n2027-02-30"
    env |= {"BODY": issue, "TAG_SITE_CONTENT_DIR": str(content), "TAG_SITE_TODAY": "2026-12-01"}
    assert run_proposal_step("Make the file", env, tmp_path).returncode == 1
    assert run_proposal_step("Say what went wrong", env, tmp_path).returncode == 0
    [body] = (tmp_path / "bodies").iterdir()
    _, [said] = outside_code(body.read_text("utf-8"))
    assert "issue.md:11: the field 'First day': '2027-02-30' is not a real date" in said
    assert not list((content / "events").glob("2027-02-30*"))
