"""Whether anything in the content folder changed: Linux's inotify, read without waiting.

    Watch.arm(folders)       -> a Watch, or None where inotify cannot be had
    watch.changed()          -> True once any file or folder watched changed since arming

The kernel queues an event when a write, a rename or a deletion happens, before the editor's
save returns: a request that comes after the save sees it. So the preview asks this instead
of looking at every file's stat, and looks again only after a change (or an overflow of the
queue, which counts as a change). Elsewhere (macOS, Windows, no watches left) there is no
Watch and the content store looks at every file each time, as before.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import weakref
from collections.abc import Iterable

# linux/inotify.h: writes, metadata, moves, creations and deletions, of entries and of the
# watched folder itself.
_EVENTS = 0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800
_ONLY_FOLDERS = 0x01000000  # IN_ONLYDIR
_CLOEXEC, _NONBLOCK = 0o2000000, 0o4000


class Watch:
    """An inotify instance watching some folders; closed when no one holds it."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor
        self._closed = weakref.finalize(self, os.close, descriptor)
        self._changed = False

    @classmethod
    def arm(cls, folders: Iterable[str]) -> Watch | None:
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
        watch = cls(descriptor)
        for folder in folders:
            if libc.inotify_add_watch(descriptor, os.fsencode(folder), _EVENTS | _ONLY_FOLDERS) < 0:
                watch.close()
                return None
        return watch

    def changed(self) -> bool:
        """Tell whether anything watched changed since the watch was armed."""
        if self._changed or not self._closed.alive:
            return True
        try:
            self._changed = bool(os.read(self._descriptor, 4096))
        except BlockingIOError:
            return False
        except OSError:
            self._changed = True
        return self._changed

    def close(self) -> None:
        """Stop watching."""
        with contextlib.suppress(OSError):
            self._closed()
