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
