"""Freeze the same sites with an earlier revision and with the working tree, and compare bytes.

    .venv/bin/python bench/same_bytes.py REV        (e.g. the commit before a refactoring)

The sites: the shipped content/ (at its root and under a sub-path), the test sample, and the
three Jekyll test sites imported and then frozen; each on a pinned day, without a cache.
Prints, for each site, the files that differ or exist on one side only, and exits 1 if any
does (the build's manifest counts as the same when it lists the same files with the same bytes:
its keys for kept pages name the engine's source, which any change of code changes). A change
of behaviour meant by the revision shows here as the files it touches.
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".tag-site-build.json"
DATA = ROOT / "tests" / "data"
# name -> (content folder or Jekyll source, pinned day, base URL or "")
SITES = {
    "shipped": (ROOT / "content", "2026-12-06", ""),
    "shipped-subpath": (ROOT / "content", "2026-12-06", "https://org.github.io/sciml/"),
    "sample": (DATA / "sample", "2026-05-26", ""),
    "jekyll-site": (DATA / "jekyll-site", "2026-05-26", ""),
    "jekyll-new": (DATA / "jekyll-new", "2026-05-26", ""),
    "jekyll-tricky": (DATA / "jekyll-tricky", "2026-05-26", ""),
}


def flask(code: Path, *args: str, content: Path, today: str) -> None:
    """Run a ``flask`` command of the engine in ``code`` on ``content``, or stop with its output."""
    env = {
        **os.environ,
        "PYTHONPATH": str(code),  # before the editable install of the working tree
        "TAG_SITE_CONTENT_DIR": str(content),
        "TAG_SITE_TODAY": today,
        "TAG_SITE_CACHE_DIR": "",
        "TAG_SITE_JOBS": "1",
    }
    command = [sys.executable, "-m", "flask", "--app", "app", *args]
    done = subprocess.run(command, cwd=code, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{code}: {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def make(code: Path, name: str, out: Path) -> Path:
    """Return the build of site ``name`` made by the engine in ``code``, under ``out``."""
    source, today, base_url = SITES[name]
    content = source
    if (source / "_config.yml").exists():
        content = out / f"{name}-content" / "content"
        content.parent.mkdir(parents=True)
        flask(code, "import-jekyll", str(source), "--dest", str(content),
              content=content, today=today)  # fmt: skip
    dest = out / name
    options = ["--base-url", base_url] if base_url else []
    flask(code, "freeze", "--dest", str(dest), "--quiet", *options, content=content, today=today)
    return dest


def differences(left: Path, right: Path, under: str = "") -> list[str]:
    """Return the files that differ between two folders, or that one of them lacks."""
    compared = filecmp.dircmp(left, right)
    found = [f"only in before: {under}{name}" for name in compared.left_only]
    found += [f"only in after: {under}{name}" for name in compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    found += [
        f"differs: {under}{name}"
        for name in mismatch + errors
        if not (name == MANIFEST and same_files(left / name, right / name))
    ]
    for folder in compared.common_dirs:
        found += differences(left / folder, right / folder, f"{under}{folder}/")
    return found


def same_files(left: Path, right: Path) -> bool:
    """Tell two manifests that list the same files with the same bytes: their pages' keys
    name the engine's own source, which any change of code changes."""
    return bool(json.loads(left.read_bytes())["files"] == json.loads(right.read_bytes())["files"])


def main() -> None:
    """Build every site twice (REV, working tree) and print what differs."""
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory(prefix="same-bytes-") as temporary:
        work = Path(temporary)
        before = work / "before-code"
        subprocess.run(["git", "worktree", "add", "--detach", str(before), sys.argv[1]],
                       cwd=ROOT, check=True, capture_output=True)  # fmt: skip
        try:
            differing = 0
            for name in SITES:
                old, new = make(before, name, work / "before"), make(ROOT, name, work)
                found = differences(old, new)
                differing += len(found)
                files = sum(1 for path in new.rglob("*") if path.is_file())
                print(f"{name}: {files} files, {len(found) or 'none'} differing")
                for line in found:
                    print(f"  {line}")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT)
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
