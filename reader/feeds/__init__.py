"""Feeds: subscribe to RSS, RDF, Atom and JSON Feed; new items become library files.

``parse`` (a document to a :class:`ParsedFeed`: feedparser for XML, JSON Feed here),
``sanitize`` (item HTML made safe), ``teaser`` (is an item only a teaser, and why), ``items``
(an item as a library file with its origin trailer), ``discover`` (a page's feed links),
``opml`` and ``newsboat`` (subscription lists in and out), ``subscriptions`` (the user's list
in ``feeds.opml``), ``update`` (update concurrently with conditional GET), ``manage``
(subscribe, unsubscribe, import, list rows, mark read), ``full`` (fetch an item's full page).

What a front end calls, each returning plain records: :func:`subscribe`,
:func:`update_feeds` (``progress(done, total, last)``), :func:`feed_rows`,
:func:`mark_feed_read`, :func:`unsubscribe`, :func:`fetch_full_pages`.
"""

from __future__ import annotations

from reader.feeds.full import FullResult, fetch_full_pages
from reader.feeds.manage import (
    FeedRow,
    Subscribed,
    feed_rows,
    import_subscriptions,
    mark_feed_read,
    subscribe,
    unsubscribe,
)
from reader.feeds.model import FeedError, FeedItem, ParsedFeed, Subscription
from reader.feeds.parse import parse_feed
from reader.feeds.teaser import TEASER_REASON, teaser_reason
from reader.feeds.update import FeedResult, update_feeds

__all__ = [
    "TEASER_REASON",
    "FeedError",
    "FeedItem",
    "FeedResult",
    "FeedRow",
    "FullResult",
    "ParsedFeed",
    "Subscribed",
    "Subscription",
    "feed_rows",
    "fetch_full_pages",
    "import_subscriptions",
    "mark_feed_read",
    "parse_feed",
    "subscribe",
    "teaser_reason",
    "unsubscribe",
    "update_feeds",
]
