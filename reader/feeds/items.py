"""Feed items as library files: an HTML page per item, carrying reader's origin trailer.

The page holds the item's title, author, date and link in the markup the HTML loader reads
(``<title>``, ``og:site_name`` for the feed's name as the source, ``author``,
``article:published_time``, ``canonical``), then the item's sanitized content. The trailer
(:mod:`reader.origin`) says which feed and item it is, so the store's item index can be
rebuilt from the files, and, for a teaser, carries the reason as ``excerpt``: the loader turns
that into the article's paywall verdict (excerpt-only).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import replace
from pathlib import Path

from reader import origin as origin_mod
from reader.feeds.model import FeedItem, Subscription
from reader.feeds.sanitize import plain_text
from reader.feeds.subscriptions import safe_folder
from reader.feeds.teaser import teaser_reason
from reader.fetch.page import now_iso
from reader.saved import read_origin, slug, write_atomic
from reader.store import Store, path_key

FEEDS_FOLDER = "feeds"
"""The library's sub-folder that holds one folder per feed."""
VIA = "feed"


def feed_folder(library: Path, sub: Subscription) -> Path:
    """Where the items of ``sub`` are saved."""
    return library / FEEDS_FOLDER / (safe_folder(sub.folder) or "feed")


def item_file_name(item: FeedItem, feed_url: str) -> str:
    """``<title>-<hash>.html``, the hash from the feed and the item's key."""
    digest = hashlib.sha256(f"{feed_url}\0{item.key}".encode()).hexdigest()[:8]
    return f"{slug(item.title or 'item')}-{digest}.html"


def display_title(item: FeedItem) -> str:
    """The item's title; for an item without one, its first words (else "Untitled item")."""
    if item.title:
        return item.title
    words = plain_text(item.content_html or item.summary_html).split()
    if not words:
        return "Untitled item"
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


_BLOCK = re.compile(
    r"<(?:p|div|ul|ol|dl|blockquote|h[1-6]|pre|table|figure|section|article)\b", re.I
)
_BREAKS = re.compile(r"(?:\s*<br\s*/?>\s*){2,}|\n\s*\n", re.I)


def _blocks(fragment: str) -> str:
    """Text with no block markup (a bare description) as paragraphs, so it reads as prose."""
    if not fragment or _BLOCK.search(fragment):
        return fragment
    parts = [p.strip() for p in _BREAKS.split(fragment) if p.strip()]
    return "\n".join(f"<p>{p}</p>" for p in parts)


def item_html(item: FeedItem, feed_name: str) -> str:
    """The item as a page (every value escaped; the content already sanitized)."""
    e = html.escape
    item = replace(item, title=display_title(item))
    head = ['<meta charset="utf-8">', f"<title>{e(item.title)}</title>"]
    if feed_name:
        head.append(f'<meta property="og:site_name" content="{e(feed_name)}">')
    if item.author:
        head.append(f'<meta name="author" content="{e(item.author)}">')
    if item.published:
        head.append(f'<meta property="article:published_time" content="{e(item.published)}">')
    if item.link:
        head.append(f'<link rel="canonical" href="{e(item.link)}">')
    body = _blocks(item.content_html or item.summary_html)
    title = f"<h1>{e(item.title)}</h1>\n" if item.title else ""
    link = ""
    if item.link:
        link = f'\n<footer><p><a href="{e(item.link)}">{e(item.link)}</a></p></footer>'
    return (
        "<!DOCTYPE html>\n<html><head>\n"
        + "\n".join(head)
        + f"\n</head><body><article>\n{title}{body}\n</article>{link}</body></html>\n"
    )


def item_origin(
    item: FeedItem, sub: Subscription, feed_name: str, reason: str
) -> origin_mod.Origin:
    """The trailer of a saved item."""
    extra: dict[str, object] = {"feed": sub.url, "feed_title": feed_name, "item": item.key}
    if reason:
        extra["excerpt"] = [reason]
    return origin_mod.Origin(
        url=item.link or sub.url,
        fetched=now_iso(),
        content_type="text/html",
        charset="utf-8",
        title=display_title(item),
        tags=sub.tags,
        added=item.published,
        via=VIA,
        extra=extra,
    )


def write_item(
    folder: Path, item: FeedItem, sub: Subscription, feed_name: str, *, sync: bool = False
) -> tuple[Path, str]:
    """Save one item into ``folder``; its path and its teaser reason ('' when complete).

    ``sync``: flush to disk before renaming. An update writes without it (a crash loses at
    most the items being written, which the next update writes again: the store records an
    item only after its file is in place)."""
    reason = teaser_reason(item)
    path = folder / item_file_name(replace(item, title=display_title(item)), sub.url)
    data = item_html(item, feed_name).encode("utf-8")
    data += origin_mod.marker_bytes(item_origin(item, sub, feed_name, reason))
    if sync:
        write_atomic(path, data)
    else:
        _write_fast(path, data)
    return path, reason


def _write_fast(path: Path, data: bytes) -> None:
    """Write a new item's file in place: no temporary file and no flush (a first update
    writes thousands). Safe because the store records the item only after
    this returns: a file cut short by a crash is written again, whole, by the next update."""
    if path.exists():  # an item written before but not recorded (a crash): replace it whole
        write_atomic(path, data)
        return
    with path.open("wb") as out:
        out.write(data)


def rebuild_items(store: Store, library: Path) -> int:
    """Fill the store's item index from the files under the library's ``feeds/`` (after the
    store was lost); how many items were found."""
    root = library / FEEDS_FOLDER
    rows: dict[str, list[tuple[str, str, str, bool]]] = {}
    found = 0
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or not name.endswith((".html", ".xhtml")):
                continue
            path = Path(dirpath, name)
            origin = read_origin(path)
            if origin is None or origin.via != VIA:
                continue
            feed = origin.extra.get("feed")
            key = origin.extra.get("item")
            if not isinstance(feed, str) or not isinstance(key, str):
                continue
            teaser = bool(origin.extra.get("excerpt"))
            rows.setdefault(feed, []).append((key, path_key(path), origin.url, teaser))
            found += 1
    for feed, items in rows.items():
        store.put_feed_items(feed, items)
    return found
