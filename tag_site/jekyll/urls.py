"""Jekyll 4.3's URL rules, so an importer knows the address everything had on an old Jekyll site.

A port of Jekyll 4.3.1 (``document.rb``, ``page.rb``, ``url.rb``, ``drops/url_drop.rb``,
``utils.rb``, ``filters/url_filters.rb``) and of the parts of Addressable 2.8 those call, checked
against real Jekyll builds of ``tests/data/jekyll-urls``. Front matter comes as PyYAML reads it.

Not ported: front matter defaults, collections other than posts, ``collections_dir``, a custom
``markdown_ext``, the ``slugify`` modes ``raw``/``ascii``/``latin`` (Jekyll's URLs use none), and
drafts without a date (Jekyll dates them by the file's modification time).
"""

from __future__ import annotations

import contextlib
import datetime
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..content.dates import MONTHS, YEARS

# configuration.rb STYLE_TO_PERMALINK; any other `permalink:` is itself the template.
_STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
_MARKDOWN_EXTENSIONS = frozenset({".markdown", ".mkdown", ".mkdn", ".mkd", ".md"})
_HTML_EXTENSIONS = frozenset({".html", ".xhtml", ".htm"})
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# document.rb; Python 3.11 knows Ruby's atomic group, so the pattern is Jekyll's own.
_DATED_NAME = re.compile(r"(?>.+/)*?([0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2})-([^/]*)(\.[^.]+)")
_UNDATED_NAME = re.compile(r"(?:.+/)*(.*)(\.[^.]+)")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
# The few forms of Ruby's Time.parse that front matter and file names use.
_TIME_TEXT = re.compile(
    r"\s*([0-9]{2,4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:(?:[Tt]|\s+)([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\.[0-9]*)?)?)?"
    r"\s*(Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?\s*",
    re.IGNORECASE,
)
_COMPACT_DATE = re.compile(r"^\s*([0-9]{4})([0-9]{2})([0-9]{2})\s*$")


@dataclass(frozen=True)
class _Post:
    """What Jekyll's URL drop reads of a post: ``Document#data`` after ``read_post_data``."""

    relative_path: str
    slug: str  # the front matter's ``slug:`` or the file name's title part
    date: datetime.datetime  # wall-clock time in the site's time zone
    categories: tuple[str, ...]
    output_ext: str


def permalink_template(style: str | None) -> str:
    """Return the template of posts' URLs under ``permalink: style`` (None: Jekyll's ``date``)."""
    style = "date" if style is None else style
    return _STYLES.get(style, style)


def post_url(
    relative_path: str,
    front_matter: Mapping[str, Any],
    *,
    style: str | None,
    tz: datetime.tzinfo,
) -> str:
    """Return the URL Jekyll gives the post (or dated draft) at ``relative_path`` in the site.

    ``tz`` is the site's ``timezone:``. Dates follow Jekyll, not PyYAML: a YAML timestamp
    without an offset (a naive ``datetime``) is UTC, a date or a time written as text is in
    ``tz``; placeholders take the time in ``tz``.
    """
    post = _read_post(relative_path, front_matter, tz)
    permalink = _permalink(front_matter)
    template = permalink_template(style) if permalink is None else permalink
    return _sanitize_url(_fill_template(template, _post_placeholders(post)))


def post_date(
    relative_path: str, front_matter: Mapping[str, Any], *, tz: datetime.tzinfo
) -> datetime.datetime:
    """Return the moment Jekyll dates the post at, in the site's time zone ``tz``."""
    return _read_post(relative_path, front_matter, tz).date


def post_id(url: str, relative_path: str, front_matter: Mapping[str, Any]) -> str:
    """Return the post's ``Document#id``: its URL's folder, then its slug as written."""
    return _ruby_join(_ruby_dirname(url), _slug(relative_path, front_matter))


def page_url(relative_path: str, front_matter: Mapping[str, Any], *, style: str | None) -> str:
    """Return the URL Jekyll gives the page (a file with front matter) at ``relative_path``."""
    folder, _, name = relative_path.rpartition("/")
    extension = _extname(name)
    basename = name[: len(name) - len(extension)].rstrip(".")
    permalink = _permalink(front_matter)
    output_ext = _output_ext(extension, permalink)
    if permalink is not None:
        template = permalink
    elif output_ext not in _HTML_EXTENSIONS:
        template = "/:path/:basename:output_ext"
    elif basename == "index":
        template = "/:path/"
    else:
        template = _add_permalink_suffix("/:path/:basename", "date" if style is None else style)
    # Page#url_placeholders is a plain hash, filled in this order, unlike a post's drop.
    placeholders = {"path": f"/{folder}" if folder else "", "basename": basename}
    for key, value in (*placeholders.items(), ("output_ext", output_ext)):
        template = template.replace(f":{key}", _escape_path(value))
    return _sanitize_url(template)


def collection_url(
    relative_path: str,
    front_matter: Mapping[str, Any],
    *,
    template: str | None,
    style: str | None,
) -> str:
    """Return the URL Jekyll gives a document of a collection with ``output: true``
    (``_projects/alpha.md``); ``template`` is the collection's own ``permalink:``.

    ``ValueError`` for a template with a date: an undated document takes the build's time.
    """
    label, _, inside = relative_path.partition("/")
    extension = _extname(inside)
    without_ext = inside[: len(inside) - len(extension)].rstrip(".")
    permalink = _permalink(front_matter)
    if template is None:
        template = _add_permalink_suffix("/:collection/:path", "date" if style is None else style)
    stem = posixpath.basename(without_ext)
    slug = _ruby_to_s(front_matter.get("slug") or stem)
    placeholders = {
        "collection": label.removeprefix("_"),
        "path": "/" + without_ext,
        "output_ext": _output_ext(extension, permalink),
        "name": _slugify(stem),
        "title": _slugify(slug, pretty=True, cased=True),
        "slug": _slugify(slug),
    }
    return _sanitize_url(_fill_template(permalink or template, placeholders))


def static_file_url(relative_path: str, *, template: str | None, style: str | None) -> str:
    """Return the URL Jekyll gives a file without front matter of a collection with
    ``output: true`` (``_events/2016/talk.pdf``): the collection's template filled in with
    no output extension, its last "/" dropped, then the file's own extension (Jekyll's
    ``StaticFile#url``)."""
    label, _, inside = relative_path.partition("/")
    extension = _extname(inside)
    without_ext = inside[: len(inside) - len(extension)]
    if template is None:
        template = _add_permalink_suffix("/:collection/:path", "date" if style is None else style)
    stem = posixpath.basename(without_ext)
    placeholders = {
        "collection": label.removeprefix("_"),
        "path": "/" + without_ext,
        "output_ext": "",
        "name": stem,
        "title": "",
        "slug": "",
    }
    return _sanitize_url(_fill_template(template, placeholders)).removesuffix("/") + extension


def absolute_url(path: str, *, url: str, baseurl: str) -> str:
    """Return Jekyll's ``absolute_url`` of ``path``, as jekyll-feed writes an entry's ``<id>``."""
    if _parse_uri(path).scheme is not None:
        return path
    relative = _normalize_uri(_leading_slash(baseurl.removesuffix("/")) + _leading_slash(path))
    return _normalize_uri(url + relative) if url else relative


def _read_post(relative_path: str, front_matter: Mapping[str, Any], tz: datetime.tzinfo) -> _Post:
    """Return what Jekyll knows of the post once it has read it; ``ValueError`` if undated."""
    # Document#draft?: a post's path has _posts in it, anywhere.
    special_dir = "_posts" if "_posts" in relative_path else "_drafts"
    dated = _DATED_NAME.fullmatch(relative_path)
    declared = front_matter.get("date")
    if declared is not None and declared is not False:
        date = _jekyll_time(declared, tz)
    elif dated:
        date = _parse_time(dated.group(1), tz)
    else:
        raise ValueError(f"{relative_path}: no date in the name or the front matter")
    permalink = _permalink(front_matter)
    return _Post(
        relative_path=relative_path,
        slug=_slug(relative_path, front_matter),
        date=date,
        categories=_categories(relative_path, front_matter, special_dir),
        output_ext=_output_ext(_extname(relative_path), permalink),
    )


def _slug(relative_path: str, front_matter: Mapping[str, Any]) -> str:
    """Return ``data["slug"]``: the front matter's, or the file name's without date and ext."""
    declared = front_matter.get("slug")
    if declared is not None and declared is not False:
        return _ruby_to_s(declared)
    match = _DATED_NAME.fullmatch(relative_path)
    if match:
        return match.group(2).rstrip(".")
    match = _UNDATED_NAME.fullmatch(relative_path)
    if match:
        return match.group(1).rstrip(".")
    return _basename_without_ext(relative_path).rstrip(".")


def _categories(
    relative_path: str, front_matter: Mapping[str, Any], special_dir: str
) -> tuple[str, ...]:
    """Return the folders above ``special_dir``, then ``categories:``, then ``category:``."""
    found: list[Any] = []
    if not relative_path.startswith(special_dir):
        superdirs = re.sub(re.escape(special_dir) + ".*", "", relative_path, count=1)
        basename = posixpath.basename(relative_path)
        found += [part for part in superdirs.split("/") if part not in ("", special_dir, basename)]
    declared = front_matter.get("categories")
    if isinstance(declared, str):
        found += _ruby_split(declared)
    elif isinstance(declared, list):
        found += declared
    elif declared is not None:
        found.append(declared)
    # Utils.pluralized_array_from_hash: `category:` is taken whole, a string is not split.
    singular = front_matter.get("category")
    if singular is not None and singular is not False:
        found += [value for value in _flatten([singular]) if value is not None]
    return tuple(dict.fromkeys(_ruby_to_s(value) for value in found))


def _post_placeholders(post: _Post) -> dict[str, str]:
    """Return Drops::UrlDrop's values for ``post``, by placeholder name."""
    date = post.date
    iso = date.isocalendar()
    without_ext = post.relative_path.removesuffix(_extname(post.relative_path))
    return {
        "collection": "posts",
        "path": without_ext.replace("_posts", "", 1).rstrip("."),
        "output_ext": post.output_ext,
        "name": _slugify(_basename_without_ext(post.relative_path)),
        "title": _slugify(post.slug, pretty=True, cased=True),
        "slug": _slugify(post.slug),
        "categories": "/".join(dict.fromkeys(name.lower() for name in post.categories)),
        "slugified_categories": "/".join(dict.fromkeys(map(_slugify, post.categories))),
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "day": f"{date.day:02d}",
        "hour": f"{date.hour:02d}",
        "minute": f"{date.minute:02d}",
        "second": f"{date.second:02d}",
        "i_day": str(date.day),
        "i_month": str(date.month),
        "short_month": MONTHS[date.month - 1][:3],
        "long_month": MONTHS[date.month - 1],
        "short_year": f"{date.year % 100:02d}",
        "w_year": str(iso.year),
        "week": f"{iso.week:02d}",
        "w_day": str(iso.weekday),
        "short_day": _WEEKDAYS[date.weekday()][:3],
        "long_day": _WEEKDAYS[date.weekday()],
        "y_day": f"{date.timetuple().tm_yday:03d}",
    }


def _fill_template(template: str, placeholders: Mapping[str, str]) -> str:
    """Replace each ``:name`` in ``template`` as URL#generate_url_from_drop does."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        # `:month_:day` means :month, then an underscore.
        winner = next((key for key in (name, name.removesuffix("_")) if key in placeholders), None)
        if winner is None:
            raise ValueError(f"the permalink {template!r} has no placeholder :{name}")
        return match.group(0).replace(f":{winner}", _escape_path(placeholders[winner]), 1)

    return _PLACEHOLDER.sub(replace, template)


def _sanitize_url(url: str) -> str:
    """Return ``url`` with one leading slash, no ``..`` or ``./``, and no doubled slashes."""
    url = f"/{url}".replace("..", "/").replace("./", "")
    return re.sub("/+", "/", url)


def _add_permalink_suffix(template: str, style: str) -> str:
    """End ``template`` the way the site's permalink style ends (Utils.add_permalink_suffix)."""
    if style == "pretty":
        return f"{template}/"
    if style in ("date", "ordinal", "none"):
        return f"{template}:output_ext"
    # `weekdate` is a style for posts only: pages under it get no extension at all.
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def _output_ext(extension: str, permalink: str | None) -> str:
    """Return the extension Jekyll's converters give a file (Renderer#output_ext)."""
    if permalink is not None and not permalink.endswith("/") and _extname(permalink):
        return _extname(permalink)
    if extension.lower() in _MARKDOWN_EXTENSIONS:
        return ".html"
    if extension.lower() in (".sass", ".scss"):
        return ".css"
    return extension


def _permalink(front_matter: Mapping[str, Any]) -> str | None:
    """Return the front matter's ``permalink:``, if it has one."""
    value = front_matter.get("permalink")
    # Ruby's truth: only nil and false are false, so `permalink: ""` is a permalink.
    return None if value is None or value is False else _ruby_to_s(value)


def _slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """Return Utils.slugify of ``text`` in mode ``default``, or ``pretty``."""
    kept = "._~!$&'()+,;=@" if pretty else ""
    # Neither mode keeps a hyphen, so every hyphen here stands for replaced characters.
    marked = "".join(char if _is_word_char(char) or char in kept else "-" for char in text)
    slug = re.sub("-+", "-", marked).removeprefix("-").removesuffix("-")
    return slug if cased else slug.lower()


def _is_word_char(char: str) -> bool:
    """Return whether Ruby's ``[\\p{M}\\p{L}\\p{Nd}]`` matches ``char``."""
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def _jekyll_time(value: object, tz: datetime.tzinfo) -> datetime.datetime:
    """Return front matter's ``date:`` as Jekyll reads it, in the site's zone."""
    if isinstance(value, datetime.datetime):
        _check_year(value.year, value)
        # Ruby's YAML reads a timestamp without an offset as UTC; PyYAML leaves it naive.
        aware = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
        return aware.astimezone(tz)
    if isinstance(value, datetime.date):
        return _parse_time(value.isoformat(), tz)
    return _parse_time(_ruby_to_s(value), tz)


def _parse_time(text: str, tz: datetime.tzinfo) -> datetime.datetime:
    """Return ``Time.parse(text).localtime`` for the forms posts use, in ``tz`` if no offset.

    Not tag_site.dates.parse_when: Jekyll takes two-digit years, rolls 30 February over to
    2 March and 24:00 over to the next day, and accepts offsets like ``+01`` and ``UTC``.
    """
    match = _TIME_TEXT.fullmatch(_COMPACT_DATE.sub(r"\1-\2-\3", text))
    if not match:
        raise ValueError(f"{text!r} is not a date Jekyll reads — write 2023-08-07 12:00:00 +0200")
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups()[:6])
    if len(match.group(1)) == 2:
        year += 1900 if year >= 69 else 2000
    _check_year(year, text)
    in_day = hour < 24 and minute < 60 and second <= 60
    if not (
        1 <= month <= 12 and 1 <= day <= 31 and (in_day or (hour, minute, second) == (24, 0, 0))
    ):
        raise ValueError(f"{text!r} is not a date Jekyll reads — check the month, day and time")
    # Ruby's Time rolls a day past the month's end, and 24:00, over into what follows.
    wall = datetime.datetime(year, month, 1) + datetime.timedelta(
        days=day - 1, hours=hour, minutes=minute, seconds=second
    )
    offset = match.group(7)
    zone = tz if offset is None else _fixed_offset(offset)
    # Through UTC, so a time the clocks skip moves on the way Ruby moves it (2:30 → 3:30).
    return wall.replace(tzinfo=zone).astimezone(datetime.UTC).astimezone(tz)


def _check_year(year: int, value: object) -> None:
    """Raise ``ValueError`` for a year the site's dates cannot have: no arithmetic on a time
    of it (a time zone, a day rolled over) may then leave Python's calendar."""
    if year not in YEARS:
        raise ValueError(
            f"{str(value)!r} is not a date this site can use — check the year "
            f"({YEARS[0]}–{YEARS[-1]})"
        )


def _fixed_offset(text: str) -> datetime.timezone:
    """Return the zone of an offset like ``Z``, ``UTC``, ``+01``, ``+0100`` or ``-01:00``."""
    if text.upper() in ("Z", "UTC", "GMT"):
        return datetime.UTC
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    return datetime.timezone(datetime.timedelta(minutes=-minutes if text[0] == "-" else minutes))


# --- Ruby's File and String, as Jekyll uses them ---


def _extname(path: str) -> str:
    """Return File.extname(path): the last name's extension, if it is not a dot file."""
    return posixpath.splitext(path)[1]


def _basename_without_ext(path: str) -> str:
    """Return File.basename(path, ".*")."""
    name = posixpath.basename(path)
    return name.removesuffix(_extname(name)) if _extname(name) else name


def _ruby_dirname(path: str) -> str:
    """Return File.dirname(path), which ignores trailing slashes."""
    head, separator, _ = path.rstrip("/").rpartition("/")
    return head.rstrip("/") or ("/" if separator or path.startswith("/") else ".")


def _ruby_join(left: str, right: str) -> str:
    """Return File.join(left, right): one slash between the two, not two."""
    if left.endswith("/") and right.startswith("/"):
        return left + right[1:]
    if left.endswith("/") or right.startswith("/"):
        return left + right
    return f"{left}/{right}"


def _ruby_split(text: str) -> list[str]:
    """Return String#split without arguments: words between ASCII white space."""
    return [word for word in re.split(r"[ \t\n\v\f\r]+", text) if word]


def _ruby_to_s(value: object) -> str:
    """Return ``value.to_s`` as Ruby writes YAML's scalars."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _flatten(values: Iterable[object]) -> list[object]:
    """Return Array#flatten: the items of nested lists, in order."""
    flat: list[object] = []
    for value in values:
        flat += _flatten(value) if isinstance(value, list) else [value]
    return flat


def _leading_slash(text: str) -> str:
    """Return ``text`` starting with a slash, unless it is empty (ensure_leading_slash)."""
    return text if not text or text.startswith("/") else f"/{text}"


# --- Addressable 2.8, the parts URL.escape_path and the url filters use ---

_URI = re.compile(r"(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?", re.DOTALL)
_UNRESERVED = rb"a-zA-Z0-9\-._~"
_SUB_DELIMS = rb"!$&'()*+,;="
_PCHAR = _UNRESERVED + _SUB_DELIMS + rb":@"
_ENCODE_SCHEME = re.compile(rb"[^a-zA-Z0-9\-+.]")
_ENCODE_AUTHORITY = re.compile(rb"[^" + _PCHAR + rb"\[\]]")
_ENCODE_PATH = re.compile(rb"[^" + _PCHAR + rb"/]")
_ENCODE_QUERY = re.compile(rb"[^" + _PCHAR + rb"/?]")  # and fragment
_ENCODE_ANY = re.compile(rb"[^" + _PCHAR + rb"/?#\[\]]")  # reserved and unreserved
_NORMAL_SEGMENT = re.compile(rb"[^" + _PCHAR + rb"]")
_NORMAL_HOST = re.compile(rb"[^" + _UNRESERVED + _SUB_DELIMS + rb"\[:\]]")
_NORMAL_QUERY = re.compile(rb"[^a-zA-Z0-9\-._~!$'()*+,=:@/?%]|%(?!2B|2b)")
_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21, "tftp": 69, "sftp": 22, "ssh": 22}
# Addressable's rules, with Ruby's ^ and $, which match at every line.
_SELF_RULE = re.compile(r"/\./|/\.$", re.MULTILINE)
_LEADING_DOTS = re.compile(r"^\.\.?/?", re.MULTILINE)
_PREFIXED_PARENT = re.compile(r"^/\.\.?/|^(/\.\.?)+/?$", re.MULTILINE)
_PARENT_RULE = re.compile(r"/([^/]*)/\.\./|/([^/]*)/\.\.$", re.MULTILINE)


@dataclass(frozen=True)
class _Uri:
    """A URI in the five parts Addressable keeps; ``None`` is a part that is not there."""

    scheme: str | None
    authority: str | None
    path: str
    query: str | None
    fragment: str | None

    def __str__(self) -> str:
        """Return the URI as Addressable::URI#to_s writes it."""
        return "".join(
            (
                "" if self.scheme is None else f"{self.scheme}:",
                "" if self.authority is None else f"//{self.authority}",
                self.path,
                "" if self.query is None else f"?{self.query}",
                "" if self.fragment is None else f"#{self.fragment}",
            )
        )


def _parse_uri(text: str) -> _Uri:
    """Split ``text`` with RFC 3986's regular expression, as Addressable::URI.parse does."""
    match = _URI.match(text)
    assert match is not None  # every part of the expression is optional
    scheme = match.group(2)
    if scheme is not None and not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9.+\-]*", scheme):
        raise ValueError(f"Jekyll stops at {text!r}: {scheme!r} before its colon is no scheme")
    return _Uri(scheme, match.group(4), match.group(5), match.group(7), match.group(9))


def _escape_path(path: str) -> str:
    """Return URL.escape_path(path): Addressable::URI.encode, and the first ``#`` encoded."""
    if not path or re.search(r"^[a-zA-Z0-9./-]+$", path, re.MULTILINE):
        return path
    uri = _parse_uri(path)
    encoded = _Uri(
        _encode_optional(uri.scheme, _ENCODE_SCHEME),
        _encode_optional(uri.authority, _ENCODE_AUTHORITY),
        _encode(uri.path, _ENCODE_PATH),
        _encode_optional(uri.query, _ENCODE_QUERY),
        _encode_optional(uri.fragment, _ENCODE_QUERY),
    )
    return str(encoded).replace("#", "%23", 1)


def _normalize_uri(text: str) -> str:
    """Return Addressable::URI.parse(text).normalize.to_s."""
    uri = _parse_uri(text)
    scheme = None if uri.scheme is None else uri.scheme.strip().lower()
    path = uri.path
    if scheme is None and re.match(r"(?!/)[^/:]*:", path):
        path = path.replace(":", "%2F", 1)  # Addressable's guard against reading a scheme
    segments = path.strip(" \t\n\v\f\r\0").split("/")
    path = _remove_dot_segments("/".join(_normalize(part, _NORMAL_SEGMENT) for part in segments))
    if not path and scheme in ("http", "https", "ftp", "tftp"):
        path = "/"
    query = None
    if uri.query is not None:
        parts = (_normalize(pair, _NORMAL_QUERY, "+") for pair in uri.query.split("&"))
        query = "&".join(parts) or None
    fragment = None if uri.fragment is None else _normalize(uri.fragment, _ENCODE_QUERY) or None
    authority = None if uri.authority is None else _normalize_authority(uri.authority, scheme)
    return str(_Uri(scheme, authority, path, query, fragment))


def _normalize_authority(authority: str, scheme: str | None) -> str:
    """Return the authority with its host lower case and in ASCII, and no default port."""
    userinfo, at, hostport = authority.rpartition("@")
    port_match = re.search(r":([^:@\[\]]*?)$", hostport)
    host, port = (hostport[: port_match.start()], port_match[1]) if port_match else (hostport, "")
    if not port.isdigit() or (scheme in _DEFAULT_PORTS and int(port) == _DEFAULT_PORTS[scheme]):
        port = ""
    host = _unencode(host.strip().lower()).decode("utf-8", "surrogateescape")
    with contextlib.suppress(UnicodeError):  # Addressable too keeps what it cannot convert
        host = host.encode("idna").decode("ascii")
    if re.search(r"[^.]\.$", host):
        host = host[:-1]
    host = _normalize(host, _NORMAL_HOST)
    return f"{userinfo}{at}{host}" + (f":{int(port)}" if port else "")


def _normalize(component: str, unsafe: re.Pattern[bytes], leave_encoded: str = "") -> str:
    """Return Addressable::URI.normalize_component: decoded, NFKC, then encoded again."""
    raw = _unencode(component, leave_encoded)
    try:
        text = unicodedata.normalize("NFKC", raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _encode_bytes(raw, _ENCODE_ANY)  # Addressable's fallback for invalid UTF-8
    encoded = _encode(text, unsafe)
    if leave_encoded:
        hexes = "|".join(f"{ord(char):02X}" for char in leave_encoded)
        encoded = re.sub(f"%({hexes})", lambda match: match.group(0).upper(), encoded, flags=re.I)
    return encoded


def _unencode(text: str, leave_encoded: str = "") -> bytes:
    """Return ``text`` with its %XX escapes decoded, but those of ``leave_encoded``."""

    def decode(match: re.Match[bytes]) -> bytes:
        byte = bytes([int(match.group(1), 16)])
        return match.group(0) if byte.decode("latin-1") in leave_encoded else byte

    return re.sub(rb"%([0-9a-fA-F]{2})", decode, text.encode("utf-8", "surrogateescape"))


def _encode(text: str, unsafe: re.Pattern[bytes]) -> str:
    """Percent-encode the UTF-8 bytes of ``text`` that ``unsafe`` matches."""
    return _encode_bytes(text.encode("utf-8", "surrogateescape"), unsafe)


def _encode_optional(text: str | None, unsafe: re.Pattern[bytes]) -> str | None:
    return None if text is None else _encode(text, unsafe)


def _encode_bytes(raw: bytes, unsafe: re.Pattern[bytes]) -> str:
    """Percent-encode each byte of ``raw`` that ``unsafe`` matches, in upper-case hex."""

    def escape(match: re.Match[bytes]) -> bytes:
        return b"".join(b"%%%02X" % byte for byte in match.group(0))

    return unsafe.sub(escape, raw).decode("ascii")


def _remove_dot_segments(path: str) -> str:
    """Return Addressable::URI.normalize_path: RFC 3986's removal of ``.`` and ``..``."""
    while (changed := _remove_one_dot_segment(path)) != path:
        path = changed
    return path


def _remove_one_dot_segment(path: str) -> str:
    """Apply the first of Addressable's rules that changes ``path``."""
    changed = _SELF_RULE.sub("/", path)
    if changed == path and (pair := _PARENT_RULE.search(path)):
        parent, current = re.escape(pair.group(1) or ""), re.escape(pair.group(2) or "")
        changed = re.sub(f"/{parent}/\\.\\./|(/{current}/\\.\\.$)", "/", path, flags=re.M)
    if changed == path:
        changed = _LEADING_DOTS.sub("", path)
    if changed == path:
        changed = _PREFIXED_PARENT.sub("/", path)
    return changed
