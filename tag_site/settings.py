"""``content/site.yml``: the settings of the whole site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .dates import DateError, zone
from .errors import ContentError
from .fields import Fields
from .parsing import decode, load_yaml


@dataclass(frozen=True)
class NavItem:
    """One link in the site's navigation."""

    title: str
    url: str


@dataclass(frozen=True)
class SiteConfig:
    """The settings in ``content/site.yml``."""

    title: str = "EMS TAG Scientific Machine Learning"
    description: str = ""
    url: str = "http://127.0.0.1:5000/"
    timezone: str = "Europe/Berlin"
    language: str = "en"
    nav: tuple[NavItem, ...] = ()
    footer: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Settings:
    """``site.yml`` as read: the settings (defaults where a value is bad) and the problems."""

    config: SiteConfig
    errors: tuple[ContentError, ...] = ()


def parse_settings(raw: bytes, path: Path) -> Settings:
    """Read ``site.yml`` into settings, with an error for each bad value."""
    try:
        data = load_yaml(decode(raw, path), path)
    except ContentError as error:
        return Settings(SiteConfig(), (error,))
    if data.value is not None and not isinstance(data.value, dict):
        return Settings(
            SiteConfig(), (ContentError(path, data.line, "must be 'key: value' lines"),)
        )
    fields = Fields(data, path)
    config = SiteConfig(
        title=fields.text("title", required=True),
        description=fields.text("description"),
        url=site_url(fields),
        timezone=timezone(fields),
        language=fields.text("language", "en"),
        nav=nav_items(fields),
        footer=fields.text("footer"),
        contact=fields.text("contact"),
    )
    fields.warn_unknown(SiteConfig.__dataclass_fields__)
    return Settings(config, tuple(fields.errors))


def site_url(fields: Fields) -> str:
    """Return the public address of the site, ending in ``/``."""
    url = fields.text("url", SiteConfig.url)
    if not url.startswith(("https://", "http://")):
        fields.error("url", "'url' must be the full address, like https://example.org/sciml/")
        return SiteConfig.url
    return url if url.endswith("/") else url + "/"


def timezone(fields: Fields) -> str:
    """Return a valid IANA time zone name."""
    name = fields.text("timezone", SiteConfig.timezone)
    try:
        zone(name)
    except DateError as error:
        fields.error("timezone", str(error))
        return SiteConfig.timezone
    return name


def nav_items(fields: Fields) -> tuple[NavItem, ...]:
    """Return the navigation links of ``site.yml``."""
    value = fields.values.get("nav") or []
    items = [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []
    valid = [i for i in items if isinstance(i.get("title"), str) and isinstance(i.get("url"), str)]
    if len(valid) != len(value):
        fields.error("nav", "'nav' must be a list of '- title: …' / '  url: /…/' entries")
        return ()
    return tuple(NavItem(item["title"], item["url"]) for item in valid)
