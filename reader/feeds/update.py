"""Subscribing and updating: fetch feeds (conditional GET, many at once, politely), save new
items as library files, remember each feed's validators and outcome.

What the CLI and the app call: :func:`subscribe` (``reader feed add``) and
:func:`update_feeds` (``reader update``, the app's ``U``), each with a ``progress`` callback
called from the calling thread's event loop, returning plain :class:`FeedResult` records.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from reader import config
from reader.feeds import subscriptions
from reader.feeds.discover import feed_links
from reader.feeds.items import feed_folder, rebuild_items, write_item
from reader.feeds.model import FeedError, ParsedFeed, Subscription
from reader.feeds.parse import all_known, looks_like_html, parse_feed
from reader.fetch.page import (
    DEFAULTS,
    FetchFailed,
    Page,
    Settings,
    fetch_page,
    make_client,
    now_iso,
)
from reader.fetch.polite import fetch_all
from reader.fetch.urls import RefusedURL, check_url
from reader.store import Store, path_key
from reader.textutil import decode, safe_line

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "application/octet-stream",
    "text/plain",
)
FEED_KINDS: Mapping[str, str] = {
    **dict.fromkeys(FEED_TYPES, "feed"),
    "text/html": "html",
    "application/xhtml+xml": "html",
    "": "feed",
}
"""Content types a feed URL may answer with (servers label feeds loosely; the parser decides)."""
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)
FEED_SETTINGS = replace(DEFAULTS, concurrency=64, deadline=30.0)
"""Feeds are small and come from many hosts: more at once than pages (per-host limits and
delays stay as for pages)."""

UPDATED = "updated"
UNCHANGED = "unchanged"
NOT_MODIFIED = "not modified"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FeedResult:
    """How one feed's update ended."""

    url: str
    title: str
    status: str
    """:data:`UPDATED` (new items), :data:`UNCHANGED` (fetched, nothing new),
    :data:`NOT_MODIFIED` (the server said 304: nothing parsed) or :data:`FAILED`."""
    new: tuple[str, ...] = ()
    """Files of the new items."""
    teasers: int = 0
    """How many of the new items carry only a teaser."""
    error: str = ""
    notes: tuple[str, ...] = ()
    fetched_pages: int = 0
    """Teaser items whose full page was fetched on this update (the per-feed option)."""

    @property
    def ok(self) -> bool:
        return self.status != FAILED


Progress = Callable[[int, int, "FeedResult | None"], None]
"""``progress(done, total, last_result)``: once at the start, then as each feed ends."""


def prepare(store: Store, library: Path | None = None) -> Path:
    """The library folder (created); the store's item index rebuilt from the files when the
    store lost it."""
    folder = library or config.library_folder()
    folder.mkdir(parents=True, exist_ok=True)
    if store.feed_items_count() == 0 and (folder / "feeds").is_dir():
        rebuild_items(store, folder)
    return folder


def _headers(state: Mapping[str, object] | None) -> dict[str, str]:
    headers = {"Accept": ACCEPT}
    if state:
        if state.get("etag"):
            headers["If-None-Match"] = str(state["etag"])
        if state.get("last_modified"):
            headers["If-Modified-Since"] = str(state["last_modified"])
    return headers


def _name(sub: Subscription, parsed: ParsedFeed | None) -> str:
    if sub.title:
        return sub.title
    if parsed is not None and parsed.title:
        return parsed.title
    return urlsplit(sub.url).hostname or sub.url


def digest(page: Page) -> str:
    """A hash of a feed document's bytes: the same bytes again are not parsed again."""
    return hashlib.sha256(page.body).hexdigest()


def apply_feed(
    store: Store, library: Path, sub: Subscription, page: Page, parsed: ParsedFeed
) -> FeedResult:
    """Save the items of ``parsed`` that the store has not seen for this feed; record the
    feed's validators. Runs in a thread (file writes)."""
    name = _name(sub, parsed)
    known = store.feed_item_keys(sub.url)
    folder = feed_folder(library, sub)
    new: list[str] = []
    rows: list[tuple[str, str, str, bool]] = []
    teasers = 0
    error = ""
    for item in parsed.items:
        if item.key in known:
            continue
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
        try:
            path, reason = write_item(folder, item, sub, name)
        except OSError as exc:
            error = f"cannot write items: {exc.strerror or exc}"
            break
        key = path_key(path)
        rows.append((item.key, key, item.link, bool(reason)))
        new.append(str(path))
        teasers += bool(reason)
        if len(rows) >= 200:
            store.put_feed_items(sub.url, rows)
            rows = []
    store.put_feed_items(sub.url, rows)
    store.put_feed_state(
        sub.url,
        title=parsed.title or name,
        etag="" if error else page.etag,
        last_modified="" if error else page.last_modified,
        updated=page.fetched,
        error=error,
        digest="" if error else digest(page),
    )
    status = FAILED if error else UPDATED if new else UNCHANGED
    return FeedResult(sub.url, name, status, tuple(new), teasers, error, parsed.notes)


def _failed(
    store: Store, sub: Subscription, reason: str, state: Mapping[str, object] | None
) -> FeedResult:
    prior = state or {}
    store.put_feed_state(
        sub.url,
        title=str(prior.get("title", "")),
        etag=str(prior.get("etag", "")),
        last_modified=str(prior.get("last_modified", "")),
        updated=str(prior.get("updated", "")),
        error=reason,
    )
    return FeedResult(
        sub.url,
        _name(sub, None) if not prior.get("title") else sub.title or str(prior["title"]),
        FAILED,
        error=reason,
    )


def _parse_page(page: Page) -> ParsedFeed:
    return parse_feed(page.body, page.final_url or page.url, page.content_type, page.charset)


@dataclass(frozen=True, slots=True)
class _Job:
    url: str
    sub: Subscription
    headers: dict[str, str] = field(default_factory=dict)


async def _update(
    subs: Sequence[Subscription],
    store: Store,
    library: Path,
    settings: Settings,
    progress: Progress | None,
    results: list[FeedResult],
) -> None:
    states = store.feed_states()
    total = len(subs)
    if progress is not None:
        progress(0, total, None)

    def report(result: FeedResult) -> None:
        results.append(result)
        if progress is not None:
            progress(len(results), total, result)

    jobs = []
    for sub in subs:
        try:
            check_url(sub.url)
        except RefusedURL as exc:
            report(_failed(store, sub, str(exc), states.get(sub.url)))
            continue
        jobs.append(_Job(sub.url, sub, _headers(states.get(sub.url))))

    def work(job: _Job, page: Page) -> FeedResult:
        state = states.get(job.url)
        same = state is not None and bool(state["digest"]) and state["digest"] == digest(page)
        if state is not None and (
            same or all_known(page.body, store.feed_item_keys(job.url), page.final_url)
        ):
            # A server that ignores the validators but sends the same bytes, or only items
            # already saved: nothing to read.
            store.put_feed_state(
                job.url,
                title=str(state["title"]),
                etag=page.etag,
                last_modified=page.last_modified,
                updated=page.fetched,
                error="",
                digest=str(state["digest"]) if same else "",
            )
            return FeedResult(job.url, job.sub.title or str(state["title"]), UNCHANGED)
        try:
            parsed = _parse_page(page)
        except FeedError as exc:
            return _failed(store, job.sub, exc.reason, states.get(job.url))
        return apply_feed(store, library, job.sub, page, parsed)

    async def handle(job: _Job, got: Page | FetchFailed) -> None:
        if isinstance(got, FetchFailed):
            state = states.get(job.url)
            if got.status == 304 and state is not None:
                store.put_feed_state(
                    job.url,
                    title=str(state["title"]),
                    etag=str(state["etag"]),
                    last_modified=str(state["last_modified"]),
                    updated=now_iso(),
                    error="",
                    digest=str(state["digest"]),
                )
                report(FeedResult(job.url, job.sub.title or str(state["title"]), NOT_MODIFIED))
            else:
                report(_failed(store, job.sub, got.reason, state))
            return
        report(await asyncio.shield(asyncio.to_thread(work, job, got)))

    await fetch_all(jobs, handle, settings, headers=lambda j: j.headers, kinds=FEED_KINDS)


def _with_folders(subs: list[Subscription]) -> list[Subscription]:
    """Give every subscription a folder, saving the list when one had none."""
    if all(s.folder for s in subs):
        return subs
    with subscriptions.editing() as current:
        for i, sub in enumerate(current):
            current[i] = subscriptions.with_folder(sub, "")
        chosen = {s.url: s.folder for s in current}
    return [s if s.folder else replace(s, folder=chosen.get(s.url, "")) for s in subs]


def update_feeds(
    subs: Iterable[Subscription] | None = None,
    *,
    store: Store | None = None,
    library: Path | None = None,
    settings: Settings = FEED_SETTINGS,
    progress: Progress | None = None,
    results: list[FeedResult] | None = None,
    full_pages: bool = True,
) -> list[FeedResult]:
    """Update ``subs`` (default: every subscription) at once; one result per feed, in the
    order they ended. ``full_pages``: fetch the pages of new teaser items of the feeds that
    ask for it. Call from a thread worker in the app; ``progress`` runs in that thread.
    Pass ``results`` to keep what finished if the call is interrupted."""
    own = store is None
    db = store if store is not None else Store.open()
    out: list[FeedResult] = results if results is not None else []
    try:
        folder = prepare(db, library)
        chosen = _with_folders(list(subs) if subs is not None else subscriptions.load())
        asyncio.run(_update(chosen, db, folder, settings, progress, out))
        if full_pages:
            wanted = {s.url for s in chosen if s.full_pages}
            _fetch_teasers(db, [r for r in out if r.url in wanted and r.teasers], settings, out)
    finally:
        if own:
            db.close()
    return out


def _fetch_teasers(
    store: Store, done: list[FeedResult], settings: Settings, out: list[FeedResult]
) -> None:
    from reader.feeds.full import fetch_full_pages

    paths = [p for r in done for p in r.new]
    if not paths:
        return
    fetched = fetch_full_pages(paths, store=store, settings=settings)
    better = {f.path for f in fetched if f.replaced}
    for i, result in enumerate(out):
        count = sum(1 for p in result.new if p in better)
        if count:
            out[i] = replace(result, fetched_pages=count)


# --- subscribing ---------------------------------------------------------------------------


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
            return url, page, _parse_page(page)
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
                return link, found, _parse_page(found)
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
            _fetch_teasers(db, out, settings, out)
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
