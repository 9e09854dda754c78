"""What keeps the work on one content file bounded, whatever a stranger's pull request holds.

- Python-Markdown looks for the end of a link from every ``[`` (and of its address from every
  ``](``), and the HTML parser it uses (the standard library's) for the end of a tag from every
  ``<``: each scans to the end of the text when there is none, so a few thousand of them take
  minutes. ``stand_ins`` puts a stand-in character for each ``[``, ``](`` and ``<`` that can
  close nowhere (and for brackets nested deeper than any link), in one pass; ``restore`` puts
  them back, as text, in the HTML. The stand-ins are control characters, which content files
  may not hold.
- Python-Markdown recurses into nested lists and quotes: ``deepest`` finds how deep a text
  nests, so that the check can name the line before the renderer runs out of stack.
- ``time_budget`` stops a piece of work that takes too long (in the main thread by a signal,
  in the preview server's threads by a watchdog), so that nothing unforeseen can hang CI or
  the preview; it counts processor time, so a busy machine does not change the verdict.
  ``charge`` counts in it the time of work done before and kept (a rendering from the
  cache), so that neither does the cache: a file's budget covers all the work on it.
  What is made of a file once it is read or rendered (a page's layout, the check of the
  built page, the search's index of it) is outside the budget: it costs in proportion to the
  page, not to how the file is written. A list of 8,000 members (0.9 MB, 1.4 s to read) costs
  a freeze about 1.3 s more, shown on two pages, checked and indexed.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
import signal
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from markdown import inlinepatterns

from .. import cache

T = TypeVar("T")

OPEN_ANGLE = "\x01"  # a "<" that opens no tag: no ">" before the next "<"
OPEN_BRACKET = "\x04"  # a "[" that closes nowhere, or nested deeper than MAX_BRACKETS
CLOSE_BRACKET = "\x05"  # the "]" of a "[" nested deeper than MAX_BRACKETS
OPEN_PARENTHESIS = "\x06"  # a "(" after "]" that closes nowhere: no link's address
MAX_BRACKETS = 32  # links inside links inside links…: no real text nests brackets deeper
MAX_NESTING = 100  # lists and quotes inside each other (Python-Markdown recurses ~250 deep)
# HTML elements inside each other in a page's text: browsers build none deeper than 512, and
# the search's indexer takes the square of the depth (100,000 <div>s: 10 s).
MAX_DEPTH = 256
BUDGET = 2.0  # seconds a content file may take to check or to render
FREEZE_SLACK = 1.5  # times its budget a file may take in a freeze (see ``slack``)
MAX_BYTES = 5_000_000  # what a content file may hold, and what a page's text may make of it
MAX_GROWTH = 20  # times its size a text may make of a page (past ``ROOM``): the feed has it again
ROOM = 20_000  # bytes any text may make of a page, however short (formulas, coloured code)


def most_made(size: int) -> int:
    """Return how many bytes a text (or data) of ``size`` bytes may make: a page (and the
    feed, which holds it too) may be ``MAX_GROWTH`` times its text, past ``ROOM``, at most
    ``MAX_BYTES``."""
    return min(MAX_BYTES, max(MAX_GROWTH * size, ROOM))


_AGAIN = 0.05  # seconds between the reminders once a budget has run out
_WATCHDOG = "tag_site budgets"  # the name of the thread that ends other threads' budgets
_TAG_STARTS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/!?")
# A tag, a comment or the like as Python-Markdown reads one in a paragraph.
RENDERED_TAG = re.compile(inlinepatterns.HTML_RE)
_RESTORE = {OPEN_ANGLE: "&lt;", OPEN_BRACKET: "[", CLOSE_BRACKET: "]", OPEN_PARENTHESIS: "("}
_RESTORE_TEXT = _RESTORE | {OPEN_ANGLE: "<"}
_LINE_START = re.compile(r"^([ \t>]*)(?=\S)", re.MULTILINE)
_active = threading.local()
_slack = [1.0]  # times its budget a piece of work may take in this process now


class OvertimeError(BaseException):
    """A piece of work ran past its time budget (a ``BaseException``, so that no library's
    ``except Exception`` can swallow it and run on unwatched)."""


def stand_ins(text: str) -> str:
    """Return ``text`` with a stand-in for each ``<`` and ``[`` that cannot close."""
    marks: dict[int, str] = {}
    _mark_angles(text, marks)
    _mark_brackets(text, marks)
    _mark_parentheses(text, marks)
    if not marks:
        return text
    chars = list(text)
    for index, mark in marks.items():
        chars[index] = mark
    return "".join(chars)


def _mark_angles(text: str, marks: dict[int, str]) -> None:
    """Mark each ``<`` that starts a tag, a comment or the like (a letter, ``/``, ``!`` or
    ``?`` follows it) with no ``>`` after it before the next ``<``. A comment ends at its
    ``-->``, whatever it holds (``<!-- a < b -->``); one that never ends is marked. A tag
    that Python-Markdown reads whole ends at its ``>``, whatever its quoted values hold
    (``<abbr title="x < y">``); the scan of a quoted value stops at the next quote of its
    kind, so that each quote is passed over by at most one scan of each kind."""
    position = text.find("<")
    unclosed = len(text)  # from here on no comment ends: there is no "-->"
    while position != -1:
        if text.startswith("<!--", position):
            end = text.find("-->", position + 4) if position < unclosed else -1
            if end != -1:
                position = text.find("<", end + 3)
                continue
            unclosed = min(unclosed, position)
        elif tag := RENDERED_TAG.match(text, position):
            position = text.find("<", tag.end())
            continue
        following = text.find("<", position + 1)
        starts_tag = text[position + 1 : position + 2] in _TAG_STARTS
        closing = text.find(">", position + 1, following if following != -1 else len(text))
        if starts_tag and closing == -1:
            marks[position] = OPEN_ANGLE
        position = following


def _mark_brackets(text: str, marks: dict[int, str]) -> None:
    """Mark each ``[`` without its ``]``, and each pair nested deeper than ``MAX_BRACKETS``."""
    opened: list[int] = []
    for match in re.finditer(r"\\.|[\[\]]", text):
        char = match.group()
        if char == "[":
            opened.append(match.start())
        elif char == "]" and opened:
            start = opened.pop()
            if len(opened) >= MAX_BRACKETS:
                marks[start], marks[match.start()] = OPEN_BRACKET, CLOSE_BRACKET
    for start in opened:
        marks[start] = OPEN_BRACKET


def _mark_parentheses(text: str, marks: dict[int, str]) -> None:
    """Mark each ``(`` right after a ``]`` (where a link's address starts) never closed."""
    opened: list[int] = []
    for match in re.finditer(r"\\.|[()]", text):
        if match.group() == "(":
            opened.append(match.start())
        elif match.group() == ")" and opened:
            opened.pop()
    for start in opened:
        if text[start - 1 : start] == "]":
            marks[start] = OPEN_PARENTHESIS


def restore(html_text: str) -> str:
    """Return rendered HTML with the stand-ins back as the characters they stood for."""
    return _replace(html_text, _RESTORE)


def restore_text(text: str) -> str:
    """Return a piece of the source (a formula's TeX) with its stand-ins undone."""
    return _replace(text, _RESTORE_TEXT)


def _replace(text: str, table: dict[str, str]) -> str:
    if not any(mark in text for mark in table):
        return text
    return "".join(table.get(char, char) for char in text)


def deepest(text: str) -> tuple[int, int]:
    """Return how deep lists and quotes nest in ``text`` (by indentation and ``>``), and the
    offset of the line where they nest deepest. Blank lines (and code, if ``text`` has it
    blanked) do not count."""
    depth, where = 0, 0
    for match in _LINE_START.finditer(text):
        lead = match.group(1).replace("\t", "    ")
        level = lead.count(">") + len(re.sub(">[ ]?", "", lead)) // 4
        if level > depth:
            depth, where = level, match.start()
    return depth, where


@contextmanager
def slack(times: float) -> Iterator[None]:
    """Let each piece of work in the block take ``times`` its budget. The freeze allows more
    than the check: processor time varies a little from run to run and machine to machine,
    and a file the check passed must not be refused by the freeze for being just as slow."""
    before, _slack[0] = _slack[0], times
    try:
        yield
    finally:
        _slack[0] = before


def budget_for(size: int) -> float:
    """Return the budget of reading a file of ``size`` bytes as it is (an attachment, for
    the addresses it shows however packed): ``BUDGET`` a megabyte, ``BUDGET`` at least. That
    work is linear, so a 5 MB paper needs more of it than a page; what is slower than
    linear still runs out of time on a small file."""
    return BUDGET * max(1.0, size / 1e6)


def overtime(doing: str, fix: str, *, earlier: bool = False, seconds: float | None = None) -> str:
    """Say that ``doing`` ("checking", "reading") a file ran past its budget, and ``fix``.
    The check says that a freeze allows more (``slack``), so that what the check passed is
    never refused there: a freeze run without a check may publish what the check refused;
    ``earlier``, that the verdict is an earlier command's (it stands for the next one)."""
    seconds = BUDGET if seconds is None else seconds
    if earlier:
        return (f"{doing} this file took more than {seconds:.3g} s in an earlier command, so "
                f"it is not published — {fix}")  # fmt: skip
    if _slack[0] == 1.0:
        return (f"{doing} this file took more than {seconds:.3g} s — {fix} (a freeze allows "
                f"it {seconds * FREEZE_SLACK:.3g} s, so that what the check passed is never "
                "refused there)")  # fmt: skip
    return (
        f"{doing} this file took more than {seconds * _slack[0]:.3g} s, so it is not "
        f"published — {fix}"
    )


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[bool]:
    """Raise ``OvertimeError`` in the block if it takes more than ``seconds`` (``BUDGET``) of
    processor time, so that the verdict does not depend on how busy the machine is; yield
    whether the block owns the budget, so that only its owner handles its end (a budget
    inside another one leaves the outer one in charge).

    In the main thread (the ``flask`` commands) the process's processor-time timer raises it;
    a caller's own alarm (a deadline) is left alone. It fires again every ``_AGAIN`` seconds
    until the block ends: Python drops an exception raised where it cannot be passed on (in
    a ``__del__``, a garbage-collector callback). Other threads (the preview server's) get
    no signals: a watchdog reads their own processor clocks and raises it in them.
    """
    if getattr(_active, "on", False):
        yield False
        return
    if threading.current_thread() is not threading.main_thread():
        with _watched((seconds or BUDGET) * _slack[0]):
            yield True
        return

    def stop(_signal: int, _frame: object) -> None:
        if getattr(_active, "on", False):  # not a late signal, after the block has ended
            raise OvertimeError

    previous = signal.signal(signal.SIGPROF, stop)
    _active.on, _active.charged = True, set()
    signal.setitimer(signal.ITIMER_PROF, (seconds or BUDGET) * _slack[0], _AGAIN)
    try:
        yield True
    finally:  # ended first: a signal handled in the lines below can raise nothing
        _active.on = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# The budgets of threads other than the main one: thread id -> (its processor clock, the
# reading of that clock at which its budget ends). The watchdog raises ``OvertimeError`` in
# a thread past its end (between two of its Python instructions, as a signal would).
_budgets: dict[int, tuple[int, float]] = {}
_budgets_lock = threading.Lock()
_raise_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
)
_unraise_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
)


@contextmanager
def _watched(seconds: float) -> Iterator[None]:
    """Give the block, in a thread other than the main one, ``seconds`` of its processor time."""
    ident = threading.get_ident()
    clock = time.pthread_getcpuclockid(ident)
    with _budgets_lock:
        _budgets[ident] = (clock, time.clock_gettime(clock) + seconds)
        if not any(thread.name == _WATCHDOG for thread in threading.enumerate()):
            threading.Thread(target=_watch, name=_WATCHDOG, daemon=True).start()
    _active.on, _active.charged = True, set()
    try:
        yield
    finally:
        _active.on = False
        while True:  # the watchdog's exception may arrive in here: end the budget all the same
            try:
                with _budgets_lock:
                    _budgets.pop(ident, None)
                    _unraise_in(ident, None)  # raised but not yet delivered: never delivered
                break
            except OvertimeError:
                continue


def _watch() -> None:
    """Raise ``OvertimeError`` in each thread past its budget, again every ``_AGAIN`` s."""
    while True:
        time.sleep(_AGAIN)
        with _budgets_lock:
            for ident, (clock, end) in _budgets.items():
                with contextlib.suppress(OSError):  # a thread that has just ended
                    if time.clock_gettime(clock) >= end:
                        _raise_in(ident, OvertimeError)


def charge(work: Hashable, seconds: float) -> None:
    """Count ``seconds`` of processor time, spent on ``work`` before and kept (a text rendered
    earlier, taken from the cache), against the budget running in this thread, once per
    budget: so a file's budget counts all the work on it, done now or before, and its verdict
    does not depend on what the cache holds. ``seconds`` is 0 for work just done: its time is
    on the clock already."""
    if not getattr(_active, "on", False) or work in _active.charged:
        return
    _active.charged.add(work)
    if threading.current_thread() is not threading.main_thread():
        with _budgets_lock:
            clock, end = _budgets[threading.get_ident()]
            _budgets[threading.get_ident()] = (clock, end - seconds)
        return  # the watchdog raises it within _AGAIN if that was past the end
    left = signal.getitimer(signal.ITIMER_PROF)[0] - seconds
    if left <= 0:
        raise OvertimeError
    signal.setitimer(signal.ITIMER_PROF, left, _AGAIN)


def in_time_kept(key: str | bytes, work: Callable[[], T], refused: Callable[[bool], T]) -> T:
    """Return ``work()``, or ``refused(False)`` if it runs past the budget; that verdict is
    kept in the cache under ``key``, so that the next command on the same input (a freeze
    after the check, which allows more) says the same: ``refused(True)``."""
    if cache.get("overtime", key) is True:
        return refused(True)

    def over() -> T:
        cache.put("overtime", key, True)
        return refused(False)

    return in_time(work, over)


def in_time(work: Callable[[], T], overtime: Callable[[], T], seconds: float | None = None) -> T:
    """Return ``work()``, or ``overtime()`` if it runs past the budget (``seconds``, else
    ``BUDGET``). The end of a budget around this one passes through, to the work that owns
    it."""
    own = False
    try:
        with time_budget(seconds) as own:
            return work()
    except OvertimeError:
        if not own:
            raise
        return overtime()
