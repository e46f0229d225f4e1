"""The records the feed modules pass around: a parsed feed, its items, a subscription."""

from __future__ import annotations

from dataclasses import dataclass, field


class FeedError(Exception):
    """A feed that cannot be read; ``reason`` is for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, as the feed gave it (untrusted text throughout)."""

    key: str
    """What tells this item apart across updates: its GUID, else its link, else a hash."""
    title: str
    link: str
    """The article's page, absolute (empty when the item has none)."""
    author: str = ""
    published: str = ""
    """ISO 8601 UTC, or empty."""
    content_html: str = ""
    """The item's full content (RSS ``content:encoded``, Atom ``content``), sanitized HTML."""
    summary_html: str = ""
    """The item's description or summary, sanitized HTML."""
    guid: str = ""
    text: str = ""
    """The plain text of the content (else of the summary), for judging teasers."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed document, read."""

    title: str
    link: str
    """The site the feed belongs to."""
    format: str
    """``rss20``, ``rss10`` (RDF), ``atom10``, ``json`` ... as the parser named it."""
    items: tuple[FeedItem, ...]
    notes: tuple[str, ...] = ()
    """What was odd but survivable (a broken document read leniently, duplicate GUIDs...)."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed the user follows, as kept in the subscription file."""

    url: str
    title: str = ""
    """The user's name for it (else the feed's own title)."""
    tags: tuple[str, ...] = ()
    full_pages: bool = False
    """Fetch each new teaser item's page on update."""
    folder: str = ""
    """The folder under the library's ``feeds/`` that holds its items."""
    site: str = ""
    """The feed's web site (OPML ``htmlUrl``)."""
    extra: dict[str, str] = field(default_factory=dict)
    """Other OPML attributes, kept for export."""
