"""What a file holds, however it is packed: the pieces whoever opens it may read.

An attachment is read as it is, and so is everything it holds packed, to any depth:

- the files of a zip (``.docx``, ``.odt``, ``.epub``…, or a zip after other bytes) or a tar;
- what gzip, bzip2 or xz compress, and every zlib stream wherever it starts (a PDF's Flate
  streams, a PNG's text, a raw ``.zlib``);
- a PDF's streams in ASCIIHex, ASCII85 or RunLength (and what they hold), and the text a PDF
  draws (its strings, escapes and hex decoded, glued);
- in text: runs of base64 (a mail's parts, a ``data:`` address) and quoted-printable.

Each is read as a stream, a megabyte at a time, to its end: no size cuts the reading short,
so padding hides nothing; the check's time budget is its bound (a file that takes longer is
refused, by name). A packing it cannot open (zstd, lz4, 7z, rar, a PDF's LZW) raises
``UnreadableError``: refused, by name. Nothing here decides what is wrong: ``pieces`` only
yields what to read.
"""

from __future__ import annotations

import base64
import binascii
import bz2
import contextlib
import gzip
import io
import itertools
import lzma
import quopri
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
_STREAM = re.compile(rb"stream\r?\n")  # where a PDF's stream starts
_ZLIB = re.compile(rb"\x78[\x01\x5e\x9c\xda]")  # where a zlib stream may start (its header)
# A PDF stream's filters, as its dictionary (before "stream") names them, in order.
_FILTER = re.compile(rb"/(ASCIIHexDecode|AHx|ASCII85Decode|A85|RunLengthDecode|RL|LZWDecode|LZW)\b")
# What a PDF does on its own, or past a link: its names for it; and the actions it runs when
# opened (``/OpenAction``, ``/AA``), written in place or as an object of its own.
_ACTS = re.compile(rb"/(JavaScript|JS|Launch|SubmitForm|ImportData|RichMedia|GoToE)(?![A-Za-z])")
_OPENS = re.compile(rb"/(?:OpenAction|AA)\s*(?:<<(.{0,2000}?)>>|(\d+\s+\d+)\s+R)", re.DOTALL)
_OBJECT = re.compile(rb"(\d+\s+\d+)\s+obj\s*<<(.{0,2000}?)>>", re.DOTALL)
_URI_ACTION = re.compile(rb"/S\s*/URI\b")
# A stream's data, and an object stream's: it starts with the numbers of its objects
_STREAM_DATA = re.compile(rb"(\bstream\r?\n)(.*?)(endstream\b)", re.DOTALL)
_OBJECTS = re.compile(rb"\s*\d+\s+\d+\s")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")  # a name's character written "#4A"
_BASE64_CHARACTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# A run of what base64, hex or base32 write (16 characters at least), over lines as a mail
# wraps it; then read as the one it is.
_RUN = re.compile(rb"(?:[A-Za-z0-9+/]{16,}+={0,6}+(?:\r?\n)?+)++")
_HEX = re.compile(rb"[0-9A-Fa-f]++")
# Hex bytes apart, as a dump writes them (8 at least, a few to a group, over lines).
_HEX_GROUPS = re.compile(
    rb"(?:0[xX])?(?:[0-9A-Fa-f]{2}){1,4}+(?:[\s:,;-]++(?:0[xX])?(?:[0-9A-Fa-f]{2}){1,4}+){7,}+"
)
_BASE32 = re.compile(rb"[A-Z2-7]++=*+")
# What the check cannot open, by the bytes a file starts with.
_CLOSED = {b"\x28\xb5\x2f\xfd": "zstd", b"\x04\x22\x4d\x18": "lz4", b"7z\xbc\xaf\x27\x1c": "7z",
           b"Rar!\x1a\x07": "rar"}  # fmt: skip
# A PDF's string as it draws text: (literal), one level of unescaped (parentheses) in it, or
# <hex>.
_STRING = re.compile(
    rb"\(((?:[^()\\]|\\[\s\S]|\((?:[^()\\]|\\[\s\S])*+\))*+)\)|<([0-9A-Fa-f\s]*+)>"
)
_UTF16 = ("utf-16-le", "utf-16-be")
TEXT = bytes(range(32, 127)) + b"\t\n\r"  # what text is mostly made of
_SAID_AT = re.compile(rb"(?<![a-z])at(?![a-z])", re.IGNORECASE)  # "ada (at) example.org"
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


class TooDeepError(Exception):
    """A file is packed inside more than ``DEEPEST`` others."""


class UnreadableError(Exception):
    """A file holds a packing the check cannot open (its name: ``args[0]``)."""


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
    if closed := next((name for magic, name in _CLOSED.items() if head.startswith(magic)), ""):
        raise UnreadableError(closed)
    ends_zip = zlib_in = False  # the end of a zip's directory (a zip after other bytes), and
    for chunk in _chunks(stream):  # the start of a zlib stream, seen in it
        ends_zip = ends_zip or b"PK\x05\x06" in chunk
        zlib_in = zlib_in or bool(_ZLIB.search(chunk))
        views = [chunk]
        utf16 = chunk.count(b"\0") * 4 >= len(chunk)  # a NUL every other byte, as in English
        if utf16 and _may_hold_address(chunk, quick=True):  # UTF-16 text, either way round,
            views += [_as_utf8(chunk[shift:], way) for way in _UTF16 for shift in (0, 1)]  # from
            views.append(chunk.translate(None, b"\0"))  # an even or an odd byte; UTF-32's
        yield from ((view, False) for view in views if _may_hold_address(view))
        if len(chunk.translate(None, TEXT)) * 10 < len(chunk):  # text: a PDF's stream too
            if b"(" in chunk or b"<" in chunk:  # a string a PDF draws
                yield from _drawn(iter([chunk]))
            for decoded in _decoded(chunk) if depth < DEEPEST else ():
                yield from _read(io.BytesIO(decoded), depth + 1)
    with contextlib.suppress(*_UNREADABLE):  # damaged, encrypted: read as far as it goes
        inflated = _inflated(stream) if zlib_in else iter(())
        for inner in itertools.chain(_opened(stream, head, ends_zip), inflated):
            if depth >= DEEPEST:
                raise TooDeepError
            with contextlib.suppress(*_UNREADABLE):
                yield from _pdf(inner, depth) if inner is stream else _read(inner, depth + 1)


def _decoded(chunk: bytes) -> Iterator[bytes]:
    """Yield what a chunk of text holds encoded for mail or the web (``decoded``)."""
    yield from (text for _, text in decoded(chunk))


def decoded(text: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield (offset, bytes) for what ``text`` holds encoded for mail or the web: each run
    of base64 (a mail's part, a ``data:`` address, a word someone encoded), of hex digits
    (in a run, or apart as a dump writes them) or of base32, and the text read as
    quoted-printable (``=40`` an "@") if it has such an escape."""
    if len(text) - len(text.translate(None, _BASE64_CHARACTERS)) >= 16:  # (a quick look)
        for run in _RUN.finditer(text):  # base64, hex or base32: one scan, then each read
            written = re.sub(rb"\s", b"", run[0])
            with contextlib.suppress(binascii.Error, ValueError):
                if _HEX.fullmatch(written):
                    yield run.start(), bytes.fromhex(written[: len(written) // 2 * 2].decode())
                elif _BASE32.fullmatch(written):
                    yield run.start(), base64.b32decode(written + b"=" * (-len(written) % 8))
                yield run.start(), base64.b64decode(written + b"=" * (-len(written) % 4))
    if len(text) - len(text.translate(None, b"0123456789abcdefABCDEF")) >= 16:  # (a quick look)
        for run in _HEX_GROUPS.finditer(text):  # a dump's: "62 65 6e", "0x62, 0x65", "6265 6e6e"
            hexadecimal = re.sub(rb"0[xX]|[^0-9A-Fa-f]", b"", run[0]).decode()
            yield run.start(), bytes.fromhex(hexadecimal)
    if b"=40" in text or b"=\n" in text:
        yield 0, quopri.decodestring(text)


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """Yield a stream's bytes a ``CHUNK`` at a time, each after the last ``OVERLAP`` of the
    one before."""
    kept = b""
    while block := stream.read(CHUNK):
        yield kept + block
        kept = block[-OVERLAP:]


def _opened(stream: IO[bytes], head: bytes, ends_zip: bool) -> Iterator[IO[bytes]]:
    """Yield the files packed in ``stream`` (``head``: its first bytes; ``ends_zip``: it
    holds the end of a zip's directory), opened, one at a time; the stream itself if it is a
    PDF, whose strings and ASCII streams ``_pdf`` reads."""
    stream.seek(0)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06") or (ends_zip and zipfile.is_zipfile(stream)):
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
    """Yield the text a PDF draws, and what its ASCIIHex, ASCII85 and RunLength streams hold
    (its Flate streams are read as every zlib stream is); a stream in LZW is refused."""
    yield from _drawn(_chunks(stream))
    stream.seek(0)
    for decoded in _ascii_streams(stream):
        yield from _read(io.BytesIO(decoded), depth + 1)
        yield from _drawn(iter([decoded]))


def _ascii_streams(stream: IO[bytes]) -> Iterator[bytes]:
    """Yield each stream of a PDF whose dictionary names an ASCII or RunLength filter, its
    data to "endstream" decoded by the filters in order (a Flate one after them is left to
    ``_inflated``)."""
    data, at = b"", 0
    while True:
        found = _STREAM.search(data, at)
        if not found:
            if not (block := stream.read(CHUNK)):
                return
            data, at = data[-4096:] + block, 0  # the dictionary before a start is kept
            continue
        filters = _FILTER.findall(data, max(0, found.start() - 4096), found.start())
        at = found.end()
        if not filters:
            continue
        if any(name.startswith(b"LZW") for name in filters):
            raise UnreadableError("a PDF stream in LZW")
        while (end := data.find(b"endstream", at)) < 0 and (block := stream.read(CHUNK)):
            data += block
        body = data[at : end if end >= 0 else len(data)]
        data, at = data[end if end >= 0 else len(data) :], 0
        for name in filters:
            body = _unfiltered(name, body)
        yield body


def pdf_actions(raw: bytes) -> list[str]:
    """Return what a PDF (``raw``) does on its own when opened, or lets a click do beyond a
    link: JavaScript, launching a program, sending a form, importing data, rich media, or a
    web address opened with the document (``/OpenAction`` or ``/AA`` to a ``/URI``), as
    its objects name them, in object streams too (names' ``#xx`` read); [] for none."""
    if b"%PDF-" not in raw[:1024]:
        return []
    found: dict[str, None] = {}
    inflated = (spool.read() for spool in _inflated(io.BytesIO(raw)))
    texts = itertools.chain(
        [_STREAM_DATA.sub(_objects_only, raw)], filter(_OBJECTS.match, inflated)
    )
    for text in texts:
        text = _NAME_ESCAPE.sub(lambda escape: bytes.fromhex(escape[1].decode()), text)
        found.update((name.decode(), None) for name in _ACTS.findall(text))
        objects: dict[bytes, bytes] | None = None  # "5 0" -> its dictionary, read once
        for opened in _OPENS.finditer(text):
            action = opened[1] or b""
            if opened[2]:  # an object of its own: "5 0 R"
                if objects is None:
                    objects = {b" ".join(m[1].split()): m[2] for m in _OBJECT.finditer(text)}
                action = objects.get(b" ".join(opened[2].split()), b"")
            if _URI_ACTION.search(action):
                found["URI when opened"] = None
    return list(found)


def _objects_only(stream: re.Match[bytes]) -> bytes:
    """Return a PDF stream as its actions are looked for in it: an object stream as it is,
    any other's data (a picture's, a font's) blank, where "/JS" may be bytes by chance."""
    data = stream[2]
    kept = data if _OBJECTS.match(data) else b" " * len(data)
    return stream[1] + kept + stream[3]


def _unfiltered(name: bytes, body: bytes) -> bytes:
    """Return a PDF stream's data decoded by the filter ``name`` (ASCII or RunLength)."""
    if name in (b"ASCIIHexDecode", b"AHx"):
        digits = re.sub(rb"[^0-9A-Fa-f]", b"", body.split(b">")[0])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    if name in (b"ASCII85Decode", b"A85"):
        with contextlib.suppress(ValueError):
            return base64.a85decode(body.split(b"~>")[0].strip().removeprefix(b"<~"))
        return body
    out, at = bytearray(), 0  # RunLength: a length byte, then that many bytes or one repeated
    while at < len(body) and body[at] != 128:
        length = body[at]
        if length < 128:
            out += body[at + 1 : at + 2 + length]
            at += 2 + length
        else:
            out += body[at + 1 : at + 2] * (257 - length)
            at += 2
    return bytes(out)


def _inflated(stream: IO[bytes]) -> Iterator[IO[bytes]]:
    """Yield each zlib stream in ``stream``, wherever it starts (a PDF's Flate streams, a
    PNG's text), inflated to its end (on disk past 8 ``CHUNK``s: a small stream may inflate
    to gigabytes, in the budget's time). The data is fed to zlib ``_FEED`` bytes at a time
    and read by position, so that no stream copies what follows it."""
    stream.seek(0)
    data, at = b"", 0
    while True:
        found = _ZLIB.search(data, at)
        if not found:
            if not (block := stream.read(CHUNK)):
                return
            data, at = data[-1:] + block, 0  # a start cut in two is found whole
            continue
        began, at = data, found.start()
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
                left = inflating.unused_data if inflating.eof else inflating.unconsumed_tail
                at += len(piece) - len(left)  # at the end, unconsumed_tail may be stale
        except zlib.error:  # damaged after what it gave (a reader shows that), or none
            at = max(at, found.start() + 1) if data is began else at
        if not spool.tell():  # no zlib stream, or one of nothing: no piece
            spool.close()
            continue
        spool.seek(0)
        with spool:
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


def _may_hold_address(data: bytes, *, quick: bool = False) -> bool:
    """Tell bytes that may hold an address: an "@" (or a reference or an escape that may
    stand for one: "&#64;", "%40", "\\40 ", "＠"), or an "at" written for one (``quick``: a
    "t" at all, in any encoding)."""
    escaped = b"&" in data or b"%40" in data or b"%25" in data or b"\\" in data  # ("%2540")
    if b"@" in data or escaped or not data.isascii():
        return True
    said = b"t" in data or b"T" in data  # (a quick look first: a byte at a time)
    return said and (quick or bool(_SAID_AT.search(data)))


def _unescaped(found: re.Match[bytes]) -> bytes:
    """Return what a PDF string's escape stands for."""
    what = found[1]
    if what[:1].isdigit():
        return bytes([int(what, 8) & 0xFF])
    if what in (b"\n", b"\r", b"\r\n"):
        return b""  # the string goes on at the next line
    return _ESCAPES.get(what, what)
