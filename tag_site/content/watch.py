"""The preview's one watcher: whether anything changed in some folders, for the content store
and for live reload alike.

    Watcher(folders).changes()     -> a number that moves with every change, or None (look at
                                      every file instead): the content store's question
    Watcher(folders).number()      -> that number, else one the folders' stats move
    Watcher(folders).wait(seen, s) -> ``number()`` once it is not ``seen`` (live reload)

Where Linux's inotify can be had, the kernel queues an event when a write, a rename or a
deletion happens, before the editor's save returns; ``changes`` reads that queue right then,
so a request that comes after a save sees it, at the cost of a read (microseconds). One
inotify instance lasts as long as the watcher (closing one takes milliseconds); a new folder
is watched as soon as its creation is read, and what was written in it before is seen by the
scan that follows the asking (``ContentStore.load``); an overflow of the queue is a change,
and the folders are watched anew. Events of editor temp files and hidden files
(``files.is_ignored``) are no change.

Elsewhere (macOS, Windows, no watches left) ``changes`` is None and the store looks at every
file's stat; live reload then compares the folders' stats twice a second.

Why not watchfiles, whose live reload worked everywhere: it reads the kernel's events on a
thread of its own, so a request right after a save can come before it has them; making sure
it has them (a file of our own, written and waited for) costs 1.8 ms a request (median on a
2-core machine), more than a page takes to make.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import struct
import sys
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path

from .files import is_ignored

# linux/inotify.h: writes, metadata, moves, creations and deletions, of entries and of the
# watched folder itself; an overflow of the queue counts as a change.
_EVENTS = 0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800
_ONLY_FOLDERS, _OVERFLOW = 0x01000000, 0x4000  # IN_ONLYDIR, IN_Q_OVERFLOW
_FOLDER, _NEW = 0x40000000, 0x100 | 0x80  # IN_ISDIR; IN_CREATE, IN_MOVED_TO
_CLOEXEC, _NONBLOCK = 0o2000000, 0o4000
_EVENT = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len; then the name
POLL = 0.5  # seconds between two looks of live reload where there is no inotify
QUIET = 0.02  # seconds without a change that end one save (a write, fsync and rename)


class Watcher:
    """Watches some folders and their sub-folders; safe to ask from many threads."""

    def __init__(self, folders: Iterable[Path]) -> None:
        self.folders = tuple(folders)
        self._lock = threading.Lock()
        self._watch: _Inotify | None = None
        self._failed = False  # no inotify here
        self._count = 0
        self._looked: tuple[float, object] = (0.0, None)  # where there is no inotify

    def changes(self) -> int | None:
        """Return a number that moves whenever anything watched changes, every change made
        before this call counted; None where the kernel cannot tell (look at the files)."""
        with self._lock:
            if self._failed:
                return None
            if self._watch is None or self._watch.overflowed:
                self._watch = _Inotify.arm(folders_under(self.folders))
                self._count += 1  # what happened before is not known: a change
                self._failed = self._watch is None  # not tried again
            elif self._watch.changed():
                self._count += 1
            return None if self._failed else self._count

    def wait(self, seen: int, seconds: float) -> int:
        """Return the number of changes once it is not ``seen`` and ``QUIET`` passed without
        another, or after ``seconds`` at the latest."""
        deadline = time.monotonic() + seconds
        count = self.number()
        while count == seen and (left := deadline - time.monotonic()) > 0:
            self._pause(min(left, POLL))
            count = self.number()
        while count != seen:  # the rest of the same save
            time.sleep(QUIET)
            count, before = self.number(), count
            if count == before:
                break
        return count

    def number(self) -> int:
        """Return the number of changes: the kernel's, else the folders' stats'."""
        number = self.changes()
        if number is not None:
            return number
        with self._lock:
            looked, signature = self._looked
            if time.monotonic() - looked >= POLL:
                now = stat_signature(self.folders)
                if signature is not None and now != signature:
                    self._count += 1
                self._looked = (time.monotonic(), now)
            return self._count

    def _pause(self, seconds: float) -> None:
        """Wait ``seconds`` at most, less if the kernel has an event."""
        watch = self._watch
        if watch is None:
            time.sleep(seconds)
            return
        with contextlib.suppress(OSError, ValueError):  # closed meanwhile: look again
            select.select([watch.descriptor], [], [], seconds)


class _Inotify:
    """An inotify instance watching some folders and the folders made in them; closed when no
    one holds it."""

    def __init__(self, descriptor: int, libc: ctypes.CDLL) -> None:
        self.descriptor = descriptor
        self.overflowed = False  # events were lost: watch anew
        self._libc = libc
        self._folders: dict[int, str] = {}  # watch descriptor -> folder
        self._closed = weakref.finalize(self, os.close, descriptor)

    @classmethod
    def arm(cls, folders: Iterable[str]) -> _Inotify | None:
        """Start watching ``folders`` (not their sub-folders); None if that cannot be done."""
        if not sys.platform.startswith("linux"):
            return None
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            descriptor = libc.inotify_init1(_CLOEXEC | _NONBLOCK)
        except (OSError, AttributeError):
            return None
        if descriptor < 0:
            return None
        watch = cls(descriptor, libc)
        if not all(watch.add(folder) for folder in folders):
            watch.close()
            return None
        return watch

    def add(self, folder: str) -> bool:
        """Watch ``folder`` too; tell whether the kernel took it."""
        number: int = self._libc.inotify_add_watch(
            self.descriptor, os.fsencode(folder), _EVENTS | _ONLY_FOLDERS
        )
        if number >= 0:
            self._folders[number] = folder
        return number >= 0

    def changed(self) -> bool:
        """Tell whether anything watched changed since the last question (watching the
        folders made meanwhile)."""
        changed = False
        while self._closed.alive:
            try:
                events = os.read(self.descriptor, 65536)
            except BlockingIOError:
                break
            except OSError:
                self.overflowed = True
                return True
            for number, mask, name in read(events):
                self.overflowed = self.overflowed or bool(mask & _OVERFLOW)
                changed = changed or _counts(mask, name)
                if mask & _FOLDER and mask & _NEW and not is_ignored(name):
                    for folder in folders_under([Path(self._folders.get(number, ""), name)]):
                        self.overflowed = self.overflowed or not self.add(folder)
        return changed or self.overflowed

    def close(self) -> None:
        """Stop watching."""
        with contextlib.suppress(OSError):
            self._closed()


def read(events: bytes) -> Iterator[tuple[int, int, str]]:
    """Yield the watch, the mask and the name (if any) of each inotify event in ``events``."""
    offset = 0
    while offset + _EVENT.size <= len(events):
        number, mask, _cookie, length = _EVENT.unpack_from(events, offset)
        start = offset + _EVENT.size
        yield number, mask, os.fsdecode(events[start : start + length].rstrip(b"\0"))
        offset = start + length


def _counts(mask: int, name: str) -> bool:
    """Tell an event that changes what is watched: not an editor's temp file's."""
    return bool(mask & _OVERFLOW) or not name or not is_ignored(name)


def folders_under(folders: Iterable[Path]) -> list[str]:
    """Return ``folders`` and the folders in them (not hidden ones, not ``.git``)."""
    found = [str(folder) for folder in folders if folder.is_dir()]
    for folder in found:  # grows as sub-folders are found
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            found += [e.path for e in entries if e.is_dir(follow_symlinks=False)
                      and not is_ignored(e.name)]  # fmt: skip
    return found


def stat_signature(folders: Iterable[Path]) -> object:
    """Return what the files under ``folders`` are now: each one's name, size and times."""
    signature = []
    for folder in folders_under(folders):
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    if not is_ignored(entry.name) and entry.is_file(follow_symlinks=False):
                        stat = entry.stat(follow_symlinks=False)
                        signature.append((entry.path, stat.st_size, stat.st_mtime_ns))
    return sorted(signature)
