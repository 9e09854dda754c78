"""What a file holds, however it is packed: the pieces whoever opens it may read.

An attachment is read as it is, and so is everything it holds packed, to any depth: the
files of a zip (``.docx``, ``.odt``, ``.epub``…) or a tar, what gzip, bzip2 or xz compress,
a PDF's deflated streams, and the text a PDF draws (its strings, escapes and hex decoded).
Each is read as a stream, a megabyte at a time, to its end: no size cuts the reading short,
so padding hides nothing; the check's time budget is its bound (a file that takes longer is
refused, by name). Nothing here decides what is wrong: ``pieces`` only yields what to read.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import re
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, cast

CHUNK = 1 << 20  # read at a time
_FEED = 1 << 14  # given to zlib at a time: what it copies of the rest, at most, at a stream's end
OVERLAP = 512  # kept from one chunk to the next: longer than an address (254), so none is cut
DEEPEST = 16  # packings inside packings that are opened; a file packed deeper is refused
_UNREADABLE = (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, ValueError,
               zlib.error, lzma.LZMAError, NotImplementedError, RuntimeError, IndexError,
               KeyError)  # fmt: skip
_STREAM = re.compile(rb"stream\r?\n")  # where a PDF's stream starts (its end: the data's own)
# A PDF's string as it draws text: (literal), one level of unescaped (parentheses) in it, or
# <hex>.
_STRING = re.compile(
    rb"\(((?:[^()\\]|\\[\s\S]|\((?:[^()\\]|\\[\s\S])*+\))*+)\)|<([0-9A-Fa-f\s]*+)>"
)
_UTF16 = ("utf-16-le", "utf-16-be")
_SAID_AT = re.compile(rb"[\s(\[{<]at[\s)\]}>]", re.IGNORECASE)  # "ada (at) example.org"
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


class TooDeepError(Exception):
    """A file is packed inside more than ``DEEPEST`` others."""


def pieces(raw: bytes) -> Iterator[tuple[bytes, bool]]:
    """Yield what ``raw`` holds, in chunks that overlap by ``OVERLAP`` bytes and may hold
    an address (an "@", or an "at" written for one), each with whether it is the text a PDF
    draws: its strings glued as drawn,
    where an address may run into the words around it. What may be UTF-16 text comes again,
    in UTF-8."""
    yield from _read(io.BytesIO(raw), 0)


def _read(stream: IO[bytes], depth: int) -> Iterator[tuple[bytes, bool]]:
    """Yield a file's own chunks, then those of what it packs."""
    head = stream.read(1024)
    stream.seek(0)
    for chunk in _chunks(stream):
        views = [chunk]
        if b"\0" in chunk:  # UTF-16 text, either way round, from an even or an odd byte
            views += [_as_utf8(chunk[shift:], way) for way in _UTF16 for shift in (0, 1)]
        yield from ((view, False) for view in views if _may_hold_address(view))
    with contextlib.suppress(*_UNREADABLE):  # damaged, encrypted: read as far as it goes
        for inner in _opened(stream, head):
            if depth >= DEEPEST:
                raise TooDeepError
            with contextlib.suppress(*_UNREADABLE):
                yield from _pdf(inner, depth) if inner is stream else _read(inner, depth + 1)


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """Yield a stream's bytes a ``CHUNK`` at a time, each after the last ``OVERLAP`` of the
    one before."""
    kept = b""
    while block := stream.read(CHUNK):
        yield kept + block
        kept = block[-OVERLAP:]


def _opened(stream: IO[bytes], head: bytes) -> Iterator[IO[bytes]]:
    """Yield the files packed in ``stream`` (``head``: its first bytes), opened, one at a
    time; the stream itself if it is a PDF, whose streams and strings ``_pdf`` reads."""
    stream.seek(0)
    # a zip, or one after other bytes (a PDF that is one too: looked for at the end of a
    # file as it is, not of one packed, which would be unpacked to its end to look)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06") or (
        isinstance(stream, io.BytesIO) and zipfile.is_zipfile(stream)
    ):
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            for member in archive.infolist():
                with contextlib.suppress(*_UNREADABLE), archive.open(member) as opened:
                    yield opened
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=stream, mode="rb") as unpacked:
            yield cast(IO[bytes], unpacked)
    elif head[:3] == b"BZh":
        with bz2.BZ2File(stream) as unpacked:
            yield unpacked
    elif head[:6] == b"\xfd7zXZ\x00":
        with lzma.LZMAFile(stream) as unpacked:
            yield unpacked
    elif head[257:262] == b"ustar":
        with tarfile.open(fileobj=stream, mode="r:") as tar:
            for entry in tar:
                if entry.isfile() and (file := tar.extractfile(entry)):
                    yield file
    elif b"%PDF-" in head:
        yield stream


def _pdf(stream: IO[bytes], depth: int) -> Iterator[tuple[bytes, bool]]:
    """Yield the text a PDF draws, then each of its deflated streams (an attached file as
    one) and the text it draws."""
    yield from _drawn(_chunks(stream))
    stream.seek(0)
    for inflated in _inflated(stream):
        with inflated:
            yield from _read(inflated, depth + 1)
            inflated.seek(0)
            yield from _drawn(_chunks(inflated))


def _inflated(stream: IO[bytes]) -> Iterator[IO[bytes]]:
    """Yield each deflated stream of a PDF, inflated to its end (on disk past 8 ``CHUNK``s:
    a small stream may inflate to gigabytes, in the budget's time). The data is fed to zlib
    ``_FEED`` bytes at a time and read by position, so that no stream copies what follows it."""
    data, at = b"", 0
    while True:
        found = _STREAM.search(data, at)
        if not found:
            if not (block := stream.read(CHUNK)):
                return
            data, at = data[-16:] + block, 0  # a start cut in two is found whole
            continue
        began, at = data, found.end()
        inflating = zlib.decompressobj()
        spool = tempfile.SpooledTemporaryFile(max_size=8 * CHUNK)  # noqa: SIM115 (yielded)
        try:
            while not inflating.eof:
                if at >= len(data):
                    if not (block := stream.read(CHUNK)):
                        break
                    data, at = block, 0
                piece = memoryview(data)[at : at + _FEED]
                spool.write(inflating.decompress(piece, CHUNK))
                at += len(piece) - len(inflating.unconsumed_tail) - len(inflating.unused_data)
        except zlib.error:  # not deflated: look on after its start
            spool.close()
            at = found.end() if data is began else at
            continue
        spool.seek(0)
        yield spool


def _drawn(chunks: Iterator[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Yield the strings of each chunk of a PDF's text, decoded and glued: a word may be
    drawn in pieces, anywhere on the page."""
    for chunk in chunks:
        words = []
        for found in _STRING.finditer(chunk):
            literal, hexadecimal = found.groups()
            if literal is not None:
                text = _ESCAPE.sub(_unescaped, literal)
            else:
                digits = re.sub(rb"\s", b"", hexadecimal)
                text = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
            words.append(text.replace(b"\0", b""))
        if _may_hold_address(glued := b"".join(words)):
            yield glued, True


def _as_utf8(data: bytes, encoding: str) -> bytes:
    """Return ``data`` read in ``encoding``, written in UTF-8 (what is not, as U+FFFD)."""
    return data.decode(encoding, "replace").encode("utf-8")


def _may_hold_address(data: bytes) -> bool:
    """Tell bytes that may hold an address: an "@", or an "at" written for one."""
    if b"@" in data:
        return True
    said = b"t" in data or b"T" in data  # (a quick look first: a byte at a time)
    return said and bool(_SAID_AT.search(data))


def _unescaped(found: re.Match[bytes]) -> bytes:
    """Return what a PDF string's escape stands for."""
    what = found[1]
    if what[:1].isdigit():
        return bytes([int(what, 8) & 0xFF])
    if what in (b"\n", b"\r", b"\r\n"):
        return b""  # the string goes on at the next line
    return _ESCAPES.get(what, what)
