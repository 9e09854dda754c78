"""The freeze and the check on every core: the same result as on one, a dead worker a message."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tag_site import ROOT

from .helpers import BIN, Write, children_of, deadline, running


def many_posts(site: Write, count: int, words: int = 40) -> None:
    """Write ``count`` posts with a heading, a list, code and a link each."""
    for n in range(count):
        body = (
            f"## Part {n}\n\n" + f"Text {n}, *said* [here](/about/). " * words
            + f"\n\n- one\n- two\n\n```python\nx = {n}\n```\n"
        )  # fmt: skip
        site(f"news/2026-01-{n % 28 + 1:02d}-post-{n}.md", f"---\ntitle: P{n}\n---\n{body}")


def flask(content: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """Start the ``flask`` command over ``content``, as an editor runs it."""
    environment = os.environ | {"TAG_SITE_CONTENT_DIR": str(content)} | env
    return subprocess.Popen(
        [str(BIN / "flask"), "--app", "app", *args], cwd=ROOT, env=environment, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait for ``process``; return its exit code and what it printed."""
    output, errors = process.communicate(timeout=120)
    return process.returncode, output + errors


def test_work_is_shared_between_forked_processes() -> None:
    """Two jobs are two processes besides the caller, each given its own share."""
    code = (
        "import json, os, time; from tag_site.publish.workers import in_parallel\n"
        "def work(share): time.sleep(0.5); return share.index, share.count, os.getpid()\n"
        "found = in_parallel(work, 2)\n"
        "print(json.dumps([found, os.getpid()]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    found, parent = json.loads(done.stdout)
    assert [(index, count) for index, count, _ in found] == [(0, 2), (1, 2)]
    pids = {pid for _, _, pid in found}
    assert len(pids) == 2 and parent not in pids


def test_a_freeze_on_two_cores_writes_what_one_core_writes(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """Each worker freezes its share into one folder: the site is byte for byte the same."""
    many_posts(site, 120)
    one, two = tmp_path / "one", tmp_path / "two"
    assert finished(flask(content, "freeze", "--dest", str(one), TAG_SITE_JOBS="1"))[0] == 0
    assert finished(flask(content, "freeze", "--dest", str(two), TAG_SITE_JOBS="2"))[0] == 0
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert len(files) > 120
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_a_check_on_two_cores_says_what_one_core_says(site: Write, content: Path) -> None:
    """Problems found by different workers come out once each, in file and line order: the
    same lines as a check in one process."""
    many_posts(site, 110)
    site("news/2026-02-01-bad.md", "---\ntitle: Bad\n---\n\n[x](/nowhere/)\n\n![](/a.png)\n")
    site("news/2026-02-02-worse.md", "---\ntitle: Worse\n---\n\n[y](/gone/)\n")
    one = finished(flask(content, "check", TAG_SITE_JOBS="1"))
    two = finished(flask(content, "check", TAG_SITE_JOBS="2"))
    assert one == two
    code, output = two
    lines = [line for line in output.splitlines() if line.startswith("content/")]
    assert code == 1 and len(lines) == len(set(lines)) == 4, output
    assert lines == sorted(lines)
    assert "bad.md:5:1: error: link target '/nowhere/' points to /nowhere/" in lines[0]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_killed_worker_fails_the_freeze_and_keeps_the_old_build(
    site: Write, content: Path, tmp_path: Path
) -> None:
    """A worker killed (by the out-of-memory killer, say) stops the freeze with a message;
    the previous build stays as it was and nothing is left behind."""
    dest = tmp_path / "build"
    assert finished(flask(content, "freeze", "--dest", str(dest)))[0] == 0
    before = {p: p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    many_posts(site, 300, words=200)
    process = flask(content, "freeze", "--dest", str(dest), TAG_SITE_CACHE_DIR="")
    workers: set[int] = set()
    try:
        with deadline(60):
            while len(workers) < 2 and process.poll() is None:
                workers = children_of(process.pid)
                time.sleep(0.005)
        assert len(workers) == 2, "the freeze ended before its workers could be seen"
        os.kill(min(workers), signal.SIGKILL)
        code, output = finished(process)
    finally:
        for pid in [process.pid, *filter(running, workers)]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert code == 1
    assert "a worker process stopped before it was done" in output
    assert "nothing was published" in output and "Traceback" not in output
    assert {p: p.read_bytes() for p in dest.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build")] == []
    with deadline(20):
        while any(running(pid) for pid in workers):
            time.sleep(0.05)
