"""Updating: fetch feeds (conditional GET, many at once, politely), save new items as library
files, remember each feed's validators and outcome.

What the CLI and the app call: :func:`update_feeds` (``reader update``, the app's ``U``), with
a ``progress`` callback called from the calling thread's event loop, returning plain
:class:`FeedResult` records. Subscribing, listing and marking read:
:mod:`reader.feeds.manage`.
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
from reader.feeds.discover import FEED_TYPES as LINK_TYPES
from reader.feeds.items import feed_folder, rebuild_items, write_item
from reader.feeds.model import FeedError, ParsedFeed, Subscription
from reader.feeds.parse import all_known, parse_feed
from reader.fetch.client import DEFAULTS, FetchFailed, Settings
from reader.fetch.page import Page, now_iso
from reader.fetch.polite import fetch_all
from reader.fetch.urls import RefusedURL, check_url
from reader.store import Store, path_key

# The types a page links feeds with, and what servers also send feeds as.
FEED_TYPES = (*LINK_TYPES, "application/x-rss+xml", "application/octet-stream", "text/plain")
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
    moved_to: str = ""
    """The feed's new address, when it answered through permanent redirects only: the
    subscription now uses it (see :func:`follow_moves`)."""

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


def parse_page(page: Page) -> ParsedFeed:
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
            parsed = parse_page(page)
        except FeedError as exc:
            return _failed(store, job.sub, exc.reason, states.get(job.url))
        return apply_feed(store, library, job.sub, page, parsed)

    def moved(page: Page, result: FeedResult) -> FeedResult:
        return replace(result, moved_to=page.moved_to) if page.moved_to else result

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
        report(moved(got, await asyncio.shield(asyncio.to_thread(work, job, got))))

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
        follow_moves(db, out)
        if full_pages:
            wanted = {s.url for s in chosen if s.full_pages}
            fetch_teasers(db, [r for r in out if r.url in wanted and r.teasers], settings, out)
    finally:
        if own:
            db.close()
    return out


def follow_moves(store: Store, results: Sequence[FeedResult]) -> None:
    """Feeds that moved for good (301/308): their subscriptions, validators and items take
    the new address, so the next update asks there first. A move onto an address already
    subscribed is left alone (the result still names it)."""
    moves = {r.url: r.moved_to for r in results if r.ok and r.moved_to}
    if not moves:
        return
    with subscriptions.editing() as current:
        taken = {s.url for s in current}
        for i, sub in enumerate(current):
            new = moves.get(sub.url)
            if new and new not in taken and store.move_feed(sub.url, new):
                current[i] = replace(sub, url=new)
                taken.add(new)


def fetch_teasers(
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
