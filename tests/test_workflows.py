"""The GitHub workflows: valid against GitHub's schema, clean for zizmor, least privilege.

Both tools run offline: check-jsonschema carries GitHub's workflow schema, zizmor's offline
audits need no network.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tag_site import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


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
def test_least_privilege(path: Path) -> None:
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
