"""Work shared across the machine's cores: forked processes that each do one share of it.

    in_parallel(work, jobs) -> [work(Share(0, n)), work(Share(1, n)), ...]

A freeze and a check run on every core this way; where forking is not possible or does not
pay, the one share is done in this process, by the same code. A worker that dies (killed, out
of memory) is a ``WorkerError``, never a hang, and workers die with the process that made them.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import signal
import threading
import zlib
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import SettingError, TagSiteError

T = TypeVar("T")
Shown = Callable[[int, int], None]  # shows how many items of how many are done
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_work: Callable[[Share], Any] | None = None  # what the forked workers do (they inherit it)


class WorkerError(TagSiteError):
    """A worker process stopped before it had done its share."""


@dataclass(frozen=True)
class Share:
    """Which part of the work a worker does: the items whose key falls to ``index`` of
    ``count`` (a page's check and its page fall to the same worker, which renders it once)."""

    index: int = 0
    count: int = 1

    def takes(self, key: str) -> bool:
        """Tell whether the item named ``key`` (a URL, a file) is in this share."""
        return self.count == 1 or zlib.crc32(key.encode()) % self.count == self.index


def jobs_for(wanted: int | str | None, items: int) -> int:
    """Return how many processes to use for ``items`` pieces of work: ``wanted`` (the
    ``JOBS`` setting), else every core this process may run on; one for small sites, where
    starting workers costs more than it saves. ``SettingError`` if ``wanted`` is no number."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if wanted and not str(wanted).strip().isdigit():
        message = f"TAG_SITE_JOBS: {wanted!r} is not a number — set it to 1, 2, … or unset it"
        raise SettingError(message)
    jobs = int(wanted) if wanted else cores or 1
    return max(1, jobs) if items >= 100 else 1


class Progress:
    """How far work shared across forked workers is: each share counts the items it has done
    in memory the workers share with this process (inherited, as the work is), which adds
    them up and shows them with ``show(done, total)``."""

    def __init__(self, total: int, shares: int, show: Shown | None) -> None:
        self.total, self.show = total, show
        self._done = multiprocessing.RawArray("q", shares) if show else None
        self._parent = os.getpid()

    def advance(self, share: Share) -> None:
        """Count one more item done by ``share``."""
        if self._done is not None:
            self._done[share.index] += 1
            if os.getpid() == self._parent:
                self.tell()

    def tell(self) -> None:
        """Show how many items are done."""
        if self.show is not None and self._done is not None:
            self.show(sum(self._done), self.total)


def in_parallel(work: Callable[[Share], T], jobs: int, progress: Progress | None = None) -> list[T]:
    """Return what ``work`` gives for each of ``jobs`` shares, done in forked processes,
    showing ``progress`` while they work.

    Forking is only safe while this process runs one thread (as the ``flask`` commands do);
    otherwise, or with one job, the whole work is one share done here.
    """
    if jobs < 2 or threading.active_count() > 1:
        return [work(Share())]
    if "fork" not in multiprocessing.get_all_start_methods():
        return [work(Share())]
    global _work
    _work = work
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the collector of a worker leaves the objects it shares with this one alone
    try:
        with concurrent.futures.ProcessPoolExecutor(
            jobs, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            futures = [pool.submit(_do_share, Share(index, jobs)) for index in range(jobs)]
            while progress is not None and concurrent.futures.wait(futures, timeout=0.1).not_done:
                progress.tell()
            results = [future.result() for future in futures]
            if progress is not None:
                progress.tell()
            return results
    except BrokenProcessPool:
        raise WorkerError(
            "a worker process stopped before it was done (killed, or out of memory) — nothing "
            "was published; run the command again"
        ) from None
    finally:
        _work = None
        gc.unfreeze()


def _do_share(share: Share) -> Any:
    assert _work is not None  # set before the workers were forked
    return _work(share)


def die_with_parent(parent: int) -> None:
    """Make this process (a worker, or a program about to start: Pagefind) die when the
    process ``parent`` that started it dies, even by ``kill -9`` (Linux's
    ``PR_SET_PDEATHSIG``, which a program keeps): else a worker waits on its pipe for ever,
    holding the caller's output open, and a program runs on, re-parented, for as long as it
    likes."""
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before this process asked to follow it
        os._exit(1)


def dying_with_this_process() -> Callable[[], None]:
    """Return what a program's process runs before the program (``subprocess``'s
    ``preexec_fn``): it dies with this process, by ``die_with_parent``."""
    _prctl()  # found here: the child only calls it
    return functools.partial(die_with_parent, os.getpid())


@functools.cache
def _prctl() -> Callable[[int, int], int] | None:
    """Return Linux's ``prctl`` (None elsewhere); found once, before a fork, so that a child
    between fork and exec loads no library."""
    with contextlib.suppress(OSError, AttributeError, TypeError):  # no prctl: not Linux
        return ctypes.CDLL(None, use_errno=True).prctl
    return None
