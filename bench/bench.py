"""Benchmark tag_site against the generators people would pick instead: one table, paired.

    make bench                       (or: .venv/bin/python bench/bench.py [options])
    --sizes 1000 4000   posts per site (each site also gets 200 events)
    --runs 3            rounds; in each round every tool builds once (A B A B …)
    --kit DIR           the benchmark kit (gen_corpus.py, peers.sh): default ../shared/bench

Measured per size, medians over the rounds, with the ratio to Hugo taken in each round:
cold ``flask freeze`` (empty cache, new folder); warm re-freeze after editing one post;
``flask check`` cold and warm; the peak memory of the whole process tree (workers included,
as PSS: shared pages counted once); Hugo,
the Python floor (read + Python-Markdown + write, ``baseline_render.py``) and Jekyll,
Pelican, MkDocs where installed. Then the preview (``flask --debug run``): p50/p95 of a post,
the news list and the home page, and the time from saving a post to seeing it (on the post,
on the news list). Prints Markdown; nothing here is a pass or a fail.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TODAY = "2030-01-01"  # every generated post is published; events before and after
EVENTS = 200


def main() -> None:
    """Generate the sites, run every tool in rounds, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kit", type=Path, default=ROOT.parent / "shared" / "bench")
    options = parser.parse_args()
    if not (options.kit / "gen_corpus.py").is_file():
        sys.exit(f"bench: no benchmark kit in {options.kit} — pass --kit DIR")
    work = Path(tempfile.mkdtemp(prefix="tag-site-bench-"))
    try:
        print(versions(options.kit))
        for size in options.sizes:
            corpus = make_corpus(options.kit, size, work / f"corpus-{size}")
            index_kb: list[float] = []
            builds = measure_builds(options.kit, corpus, options.runs, work, index_kb)
            print(builds_table(size, builds), flush=True)
            print(f"Search index: {statistics.median(index_kb):.0f} kB.\n", flush=True)
            print(preview_table(measure_preview(corpus, work)), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- The sites ---------------------------------------------------------------------------


def make_corpus(kit: Path, size: int, folder: Path) -> Path:
    """Write the kit's corpus of ``size`` posts, with our settings, home page and 200 events."""
    run([PYTHON, str(kit / "gen_corpus.py"), str(size), str(folder)])
    content = folder / "flat" / "content"
    (content / "site.yml").write_text("title: Bench\nurl: https://example.org/\n", "utf-8")
    (content / "index.md").write_text("---\nlayout: home\n---\n\nThe home page.\n", "utf-8")
    events = content / "events"
    events.mkdir()
    first = datetime.date(2026, 1, 5)
    for number in range(EVENTS):
        day = first + datetime.timedelta(days=11 * number)
        text = (
            f"---\ntitle: Workshop {number} on scientific machine learning\n"
            f"start: {day}\nend: {day + datetime.timedelta(days=2)}\nlocation: City {number % 17}\n"
            f"---\n\nThree days of talks on *operator learning*, number {number}.\n"
        )
        (events / f"{day}-workshop-{number}.md").write_text(text, "utf-8")
    return folder


def versions(kit: Path) -> str:
    """Return what was measured with: this machine and each generator's version."""
    found = run(["bash", str(kit / "peers.sh"), "versions"], check=False).strip()
    cores = len(os.sched_getaffinity(0))
    return f"Machine: {cores} cores, Python {sys.version.split()[0]}. Peers:\n\n{found}\n"


# --- Builds ------------------------------------------------------------------------------


def measure_builds(
    kit: Path, corpus: Path, runs: int, work: Path, index_kb: list[float]
) -> dict[str, list[Sample]]:
    """Return the samples of every build, round by round (index i of each list: round i);
    add the size of each round's search index to ``index_kb``."""
    content = corpus / "flat" / "content"
    peers = available_peers(kit)
    samples: dict[str, list[Sample]] = {}
    for number in range(runs):
        cache, dest = work / f"cache-{number}", work / f"site-{number}"
        env = {"TAG_SITE_CONTENT_DIR": str(content), "TAG_SITE_CACHE_DIR": str(cache)}
        cold = env | {"TAG_SITE_CACHE_DIR": str(work / f"check-cache-{number}")}
        freeze = [PYTHON, "-m", "flask", "--app", "app", "freeze", "--dest", str(dest)]
        check = [PYTHON, "-m", "flask", "--app", "app", "check"]
        index = [PYTHON, "-c", INDEX, str(dest)]
        add(samples, "tag_site freeze, cold", timed(freeze, env))
        edit_a_post(content, number)
        add(samples, "tag_site freeze, warm (1 post edited)", timed(freeze, env))
        add(samples, "tag_site search index alone (in each freeze)", timed(index, {}))
        index_kb.append(sum(f.stat().st_size for f in (dest / "pagefind").rglob("*")) / 1000)
        add(samples, "tag_site check, cold", timed(check, cold))
        add(samples, "tag_site check, warm", timed(check, env))
        for name in peers:
            out = work / f"peer-{name}"
            add(samples, name, timed(["bash", str(kit / "peers.sh"), "build", name,
                                       str(corpus), str(out)], {}))  # fmt: skip
            shutil.rmtree(out, ignore_errors=True)
        add(samples, "floor", timed([PYTHON, str(kit / "baseline_render.py"),
                                     str(content / "news"), str(work / "floor")], {}))  # fmt: skip
        add(samples, "floor, 2 processes", timed([PYTHON, str(kit / "baseline_render.py"),
                                                  "--jobs", "2", str(content / "news"),
                                                  str(work / "floor")], {}))  # fmt: skip
        for folder in (cache, dest, work / f"check-cache-{number}"):
            shutil.rmtree(folder, ignore_errors=True)
    return samples


# Pagefind over the pages of a build, as the freeze runs it (into the build's pagefind/).
INDEX = (
    "import sys; from pathlib import Path; from tag_site.publish.search import index_site; "
    "d = Path(sys.argv[1]); "
    "index_site(d, [p.relative_to(d).as_posix() for p in d.rglob('*.html')"
    " if not p.relative_to(d).as_posix().startswith('pagefind/')])"
)


def available_peers(kit: Path) -> list[str]:
    """Return the peers this machine can build: Hugo, and Jekyll, Pelican, MkDocs if there."""
    venv = Path(os.environ.get("SSG_VENV", Path(tempfile.gettempdir()) / "ssgvenv"))
    peers = ["hugo"] if shutil.which("hugo") else []
    peers += ["jekyll"] if shutil.which("jekyll") else []
    peers += [name for name in ("pelican", "mkdocs") if (venv / "bin" / name).exists()]
    return peers


def edit_a_post(content: Path, number: int) -> None:
    """Change one post's text, as an editor would."""
    post = sorted((content / "news").glob("*.md"))[number * 7]
    with post.open("a", encoding="utf-8") as file:
        file.write(f"\n\nAn added paragraph, edit {number}.\n")


class Sample:
    """One timed run of a command: wall seconds and the peak memory of its process tree."""

    def __init__(self, seconds: float, peak_mb: float) -> None:
        self.seconds, self.peak_mb = seconds, peak_mb


def add(samples: dict[str, list[Sample]], name: str, sample: Sample) -> None:
    samples.setdefault(name, []).append(sample)


def timed(command: list[str], env: dict[str, str]) -> Sample:
    """Run ``command`` in the repository; return its wall time and peak tree memory."""
    environment = os.environ | {"TAG_SITE_TODAY": TODAY} | env
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = [0]
    sampler = threading.Thread(target=watch_memory, args=(process, peak), daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{output.decode(errors='replace')}")
    return Sample(seconds, peak[0] / 1024)


def watch_memory(process: subprocess.Popen[bytes], peak: list[int]) -> None:
    """Keep in ``peak`` the largest memory (KiB) that ``process`` and its descendants held
    at once: the sum of their PSS, which shares the pages forked workers have in common
    between them (a sum of RSS would count those pages once per worker)."""
    while process.poll() is None:  # reading PSS costs the kernel ~1 ms a process: not often
        peak[0] = max(peak[0], sum(pss(pid) for pid in tree(process.pid)))
        time.sleep(0.1)


def tree(pid: int) -> Iterator[int]:
    """Yield ``pid`` and the processes it started, and theirs."""
    yield pid
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                yield from tree(int(child))


def pss(pid: int) -> int:
    """Return the proportional memory of a process, in KiB (0 if it has ended)."""
    with contextlib.suppress(OSError):
        found = re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M)
        return int(found[1]) if found else 0
    return 0


# --- Preview -----------------------------------------------------------------------------


def measure_preview(corpus: Path, work: Path, requests: int = 40) -> dict[str, list[float]]:
    """Return request times (ms) of the preview for a post, the news list and the home page,
    and the times from saving a post to seeing the change."""
    content = corpus / "flat" / "content"
    port = free_port()
    env = os.environ | {
        "TAG_SITE_CONTENT_DIR": str(content),
        "TAG_SITE_CACHE_DIR": str(work / "preview-cache"),
        "TAG_SITE_TODAY": TODAY,
    }
    command = [PYTHON, "-m", "flask", "--app", "app", "--debug", "run", "--no-reload",
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        first = re.search(r'<a href="/news/\d+/([^"/]+)/"', get(base + "/news/"))
        assert first, "the news list links no post"
        newest = next((content / "news").glob(f"*-{first[1]}.md"))  # the first one listed
        post = f"{base}/news/{newest.name[:4]}/{first[1]}/"
        pages = {"post": post, "news list": base + "/news/", "home": base + "/"}
        times: dict[str, list[float]] = {name: [] for name in pages}
        for url in pages.values():
            get(url)  # the first request renders what the cache does not hold
        for _ in range(requests):
            for name, url in pages.items():
                started = time.perf_counter()
                get(url)
                times[name].append((time.perf_counter() - started) * 1000)
        times["edit → post"] = edit_times(newest, post, "body")
        times["edit → news list"] = edit_times(newest, base + "/news/", "title")
        return times
    finally:
        server.terminate()
        server.wait(10)


def edit_times(source: Path, url: str, where: str, edits: int = 7) -> list[float]:
    """Return how long (ms) each of ``edits`` saves of ``source`` takes to show at ``url``."""
    original = source.read_text("utf-8")
    found = []
    try:
        for number in range(edits):
            marker = f"Edited{number}x{time.time_ns()}"
            title = re.compile(r"^(title: [\"']?)", re.MULTILINE)
            changed = (
                title.sub(rf"\g<1>{marker} ", original, count=1)
                if where == "title"
                else original + f"\n{marker}\n"
            )
            started = time.perf_counter()
            source.write_text(changed, "utf-8")
            while marker not in get(url):
                if time.perf_counter() - started > 30:
                    raise SystemExit(f"bench: the edit of {source.name} never showed at {url}")
            found.append((time.perf_counter() - started) * 1000)
    finally:
        source.write_text(original, "utf-8")
    return found


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return str(response.read().decode("utf-8"))


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            get(url)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- The table ---------------------------------------------------------------------------


def builds_table(size: int, builds: dict[str, list[Sample]]) -> str:
    """Return the builds of one size as Markdown."""
    hugo, floor = builds.get("hugo"), builds["floor"]
    lines = [
        f"### {size} posts, {EVENTS} events ({len(floor)} rounds, medians)\n",
        "| build | wall s | × Hugo (paired) | × floor (paired) | peak memory of the tree, MB |",
        "|---|---|---|---|---|",
    ]
    for name, samples in builds.items():
        seconds = statistics.median(s.seconds for s in samples)
        to_hugo = paired(samples, hugo) if hugo else "–"
        peak = statistics.median(s.peak_mb for s in samples)
        lines.append(
            f"| {name} | {seconds:.2f} | {to_hugo} | {paired(samples, floor)} | {peak:.0f} |"
        )
    return "\n".join(lines) + "\n"


def preview_table(preview: dict[str, list[float]]) -> str:
    """Return the preview's times as Markdown."""
    lines = ["| preview | p50 ms | p95 ms |", "|---|---|---|"]
    for name, times in preview.items():
        lines.append(f"| {name} | {percentile(times, 50):.1f} | {percentile(times, 95):.1f} |")
    return "\n".join(lines) + "\n"


def paired(samples: list[Sample], peers: list[Sample]) -> str:
    """Return the median ratio of ``samples`` to ``peers``, round by round."""
    ratios = [a.seconds / b.seconds for a, b in zip(samples, peers, strict=True)]
    return f"{statistics.median(ratios):.2f}"


def percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def run(command: list[str], *, check: bool = True) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{done.stderr}")
    return done.stdout + (done.stderr if not check else "")


if __name__ == "__main__":
    main()
