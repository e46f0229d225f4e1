"""Subscribing and managing the list: ``reader feed add`` (the feed at a URL, or the one its
page links, saved now), remove, import, the rows of ``reader feed list`` and marking a feed's
items read. Updating is :mod:`reader.feeds.update`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reader.feeds import subscriptions
from reader.feeds.discover import feed_links
from reader.feeds.model import FeedError, ParsedFeed, Subscription
from reader.feeds.parse import looks_like_html
from reader.feeds.update import (
    ACCEPT,
    FEED_KINDS,
    FEED_SETTINGS,
    FeedResult,
    apply_feed,
    fetch_teasers,
    parse_page,
    prepare,
)
from reader.fetch.client import FetchFailed, Settings, make_client
from reader.fetch.page import Page, fetch_page
from reader.fetch.urls import RefusedURL, check_url
from reader.store import Store
from reader.textutil import decode, safe_line


@dataclass(frozen=True, slots=True)
class Subscribed:
    """What ``reader feed add`` did."""

    subscription: Subscription
    result: FeedResult
    added: bool
    """False when the feed was already subscribed (its options were updated)."""


async def _find_feed(url: str, settings: Settings) -> tuple[str, Page, ParsedFeed]:
    """Fetch ``url``; when it is a page, the first feed it links to that reads."""
    client = make_client(settings)
    try:
        page = await fetch_page(client, url, settings, headers={"Accept": ACCEPT}, kinds=FEED_KINDS)
        if page.kind != "html" and not looks_like_html(page.body):
            return url, page, parse_page(page)
        text, _ = decode(page.body[:1_000_000], page.charset or None)
        links = feed_links(text, page.final_url)
        if not links:
            raise FeedError(
                'a web page that links no feed (no <link rel="alternate"> of a feed type)'
            )
        reasons = []
        for link in links[:4]:
            try:
                found = await fetch_page(
                    client, link, settings, headers={"Accept": ACCEPT}, kinds=FEED_KINDS
                )
                return link, found, parse_page(found)
            except (FetchFailed, FeedError) as exc:
                reasons.append(f"{safe_line(link)}: {exc.reason}")
        raise FeedError("the feeds the page links could not be read (" + "; ".join(reasons) + ")")
    finally:
        await client.aclose()


def subscribe(
    url: str,
    *,
    title: str = "",
    tags: Sequence[str] = (),
    full_pages: bool | None = None,
    store: Store | None = None,
    library: Path | None = None,
    settings: Settings = FEED_SETTINGS,
) -> Subscribed:
    """Subscribe to the feed at ``url`` (or the one the page at ``url`` links), save its items
    now. Raises :class:`FeedError` (with the reason) when there is no feed there."""
    try:
        url = check_url(url)
    except RefusedURL as exc:
        raise FeedError(str(exc)) from None
    try:
        feed_url, page, parsed = asyncio.run(_find_feed(url, settings))
    except FetchFailed as exc:
        raise FeedError(exc.reason) from None
    own = store is None
    db = store if store is not None else Store.open()
    try:
        folder = prepare(db, library)
        with subscriptions.editing() as subs:
            at = subscriptions.find(subs, feed_url)
            added = at < 0
            old = subs[at] if at >= 0 else Subscription(url=feed_url, site=parsed.link)
            sub = replace(
                old,
                title=safe_line(title) or old.title,
                tags=tuple(dict.fromkeys([*old.tags, *(safe_line(t) for t in tags if t.strip())])),
                full_pages=old.full_pages if full_pages is None else full_pages,
                site=old.site or parsed.link,
            )
            sub = subscriptions.with_folder(sub, parsed.title)
            if added:
                subs.append(sub)
            else:
                subs[at] = sub
        result = apply_feed(db, folder, sub, page, parsed)
        if sub.full_pages and result.teasers:
            out = [result]
            fetch_teasers(db, out, settings, out)
            result = out[0]
    finally:
        if own:
            db.close()
    return Subscribed(sub, result, added)


def _titles(store: Store | None) -> dict[str, str]:
    if store is None:
        return {}
    return {url: str(state["title"]) for url, state in store.feed_states().items()}


def find_subscriptions(refs: Sequence[str], store: Store | None = None) -> list[Subscription]:
    """The subscriptions ``refs`` name (URL or title); :class:`FeedError` for one that names
    none."""
    subs = subscriptions.load()
    titles = _titles(store)
    chosen = []
    for ref in refs:
        at = subscriptions.find(subs, ref, titles)
        if at < 0:
            raise FeedError(f"no subscription {safe_line(ref)!r} (see reader feed list)")
        chosen.append(subs[at])
    return chosen


def unsubscribe(ref: str, store: Store | None = None) -> Subscription | None:
    """Stop following the feed ``ref`` names (URL or title); its items stay in the library.
    The removed subscription, or None when none matched."""
    titles = _titles(store)
    with subscriptions.editing() as subs:
        at = subscriptions.find(subs, ref, titles)
        if at < 0:
            return None
        removed = subs.pop(at)
    if store is not None:
        store.forget_feed(removed.url)
    return removed


def import_subscriptions(found: Iterable[Subscription]) -> tuple[list[Subscription], int]:
    """Add ``found`` to the subscription list (feeds already followed gain the new tags);
    the new subscriptions and how many were already there."""
    added: list[Subscription] = []
    already = 0
    with subscriptions.editing() as subs:
        for sub in found:
            try:
                check_url(sub.url)
            except RefusedURL:
                continue
            at = subscriptions.find(subs, sub.url)
            if at >= 0:
                already += 1
                old = subs[at]
                subs[at] = replace(
                    old,
                    tags=tuple(dict.fromkeys([*old.tags, *sub.tags])),
                    title=old.title or sub.title,
                )
                continue
            new = subscriptions.with_folder(
                replace(sub, folder=subscriptions.safe_folder(sub.folder)), ""
            )
            subs.append(new)
            added.append(new)
    return added, already


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A line of ``reader feed list``."""

    url: str
    title: str
    items: int
    unread: int
    updated: str
    error: str
    tags: tuple[str, ...]
    full_pages: bool
    folder: str

    def to_json(self) -> dict[str, object]:
        return {
            "url": self.url,
            "title": self.title,
            "items": self.items,
            "unread": self.unread,
            "updated": self.updated or None,
            "error": self.error or None,
            "tags": list(self.tags),
            "full_pages": self.full_pages,
            "folder": self.folder,
        }


def feed_rows(store: Store, subs: Iterable[Subscription] | None = None) -> list[FeedRow]:
    """Every subscription with its item and unread counts and its last update."""
    states = store.feed_states()
    counts = store.feed_counts()
    rows = []
    for sub in subs if subs is not None else subscriptions.load():
        state = states.get(sub.url, {})
        items, unread = counts.get(sub.url, (0, 0))
        rows.append(
            FeedRow(
                url=sub.url,
                title=sub.title or str(state.get("title", "")) or sub.url,
                items=items,
                unread=unread,
                updated=str(state.get("updated", "")),
                error=str(state.get("error", "")),
                tags=sub.tags,
                full_pages=sub.full_pages,
                folder=sub.folder,
            )
        )
    return rows


def mark_feed_read(store: Store, ref: str, read: bool = True) -> int:
    """Mark every item of the feed ``ref`` names read (or unread); how many items."""
    (sub,) = find_subscriptions([ref], store)
    paths = store.feed_item_paths(sub.url)
    for path in paths:
        store.set_read(path, read)
    return len(paths)
