"""Each thing done once per build: a freeze converts each Markdown text once and reads each
markup text once (as HTML, and as XML where the two readings differ), counted, not timed."""

from __future__ import annotations

import collections
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tag_site.markdown import markup, render

from .helpers import SAMPLE, TODAY, app_on, freeze

DATA = Path(__file__).parent / "data"
JEKYLL_SITES = {"jekyll-site": "2026-05-26", "jekyll-tricky": "2026-05-26"}


def counting(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, key: Callable[..., object]
) -> collections.Counter[object]:
    """Count the calls of ``module.name`` by ``key(*args, **kwargs)``."""
    counts: collections.Counter[object] = collections.Counter()
    original = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        counts[key(*args, **kwargs)] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return counts


def frozen_counting(monkeypatch: pytest.MonkeyPatch, content: Path, dest: Path, today: str) -> Any:
    """Freeze ``content`` from nothing in this process (one worker, no cache on disk), counting
    the Markdown conversions by text and the tokenizer's readings by text and reading."""
    conversions = counting(monkeypatch, render, "_convert", lambda text: text)
    readings = counting(monkeypatch, markup, "tags", lambda text, *, xml=False: (text, xml))
    app = app_on(content, today, CACHE_DIR="", JOBS=1)
    result = freeze(app, "--dest", str(dest))
    assert result.exit_code == 0, result.output
    return conversions, readings


def sites(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Return the sample site and the Jekyll test sites, imported, with their day."""
    found = {"sample": (SAMPLE, TODAY)}
    for name, today in JEKYLL_SITES.items():
        content = tmp_path / name / "content"
        app = app_on(content, today)
        imported = app.test_cli_runner().invoke(args=["import-jekyll", str(DATA / name)])
        assert imported.exit_code == 0, imported.output
        found[name] = (content, today)
    return found


def test_a_freeze_converts_each_text_once_and_reads_each_markup_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On the sample site and the imported Jekyll sites: no Markdown text is converted twice
    and no text is tokenized twice the same way — the check, the page, the link rewriting and
    the link check of the built files share one conversion and one reading."""
    for name, (content, today) in sites(tmp_path).items():
        with monkeypatch.context() as patch:
            conversions, readings = frozen_counting(
                patch, content, tmp_path / f"{name}-build", today
            )
        assert conversions and readings, name  # the counters see the work
        assert {text[:60]: n for text, n in conversions.items() if n > 1} == {}, name
        assert {text[:60]: n for (text, _), n in readings.items() if n > 1} == {}, name
        shutil.rmtree(tmp_path / f"{name}-build")
