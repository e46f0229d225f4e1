"""Saving pages from the web into the library: what ``reader add`` and ``reader import`` (and
the app's "add URL") call.

:func:`add_url` adds one URL and :func:`add_urls` several; each gives an :class:`Outcome` per
URL: the list entry of the saved page, or the reason it failed. :class:`Saver` turns a fetched
page into a saved file plus its store records, for both commands.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, Unpack
from urllib.parse import urlsplit

from reader import config
from reader import origin as origin_mod
from reader.fetch.client import DEFAULTS, FetchFailed, Settings
from reader.fetch.page import Page
from reader.fetch.polite import fetch_all
from reader.fetch.urls import RefusedURL, check_url, url_key
from reader.formats import LoadError, format_for, load_bytes
from reader.library import Entry, Skipped, entry_for
from reader.model import Article
from reader.pipeline import build_article, load_article
from reader.saved import SUFFIXES, find_saved, page_title, rebuild_index, save_page
from reader.store import Store
from reader.textutil import NotText, decode

SAVED = "saved"
ALREADY = "already saved"
REFRESHED = "refreshed"
KEPT = "kept older copy"
FAILED = "failed"

STOP_POLL = 0.1
"""Seconds between two looks at an add's ``stop`` event."""

LESS = 0.9
"""On ``--refresh``, a new copy with fewer than this share of the old copy's words (or cut off
by a paywall where the old one was not) is taken to hold less of the article: the old stays."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """How adding one URL ended."""

    url: str
    status: str
    """:data:`SAVED`, :data:`ALREADY`, :data:`REFRESHED`, :data:`KEPT` or :data:`FAILED`."""
    path: str = ""
    reason: str = ""
    """Why it failed, or why the older copy was kept."""
    entry: Entry | None = None
    """The list entry of the saved file (None when it failed, or was not asked for)."""

    @property
    def ok(self) -> bool:
        return self.status != FAILED


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """What an export (or the command line) says about a URL besides the URL itself."""

    title: str = ""
    tags: tuple[str, ...] = ()
    added: str = ""
    """When it was first saved, ISO 8601 UTC."""
    read: bool = False
    archived: bool = False
    via: str = "add"

    def origin(
        self,
        url: str,
        *,
        final_url: str = "",
        fetched: str = "",
        content_type: str = "",
        charset: str = "",
    ) -> origin_mod.Origin:
        """The trailer of a page saved from ``url`` with this info; the rest is what the fetch
        (or the export) tells."""
        return origin_mod.Origin(
            url=url,
            final_url=final_url,
            fetched=fetched,
            content_type=content_type,
            charset=charset,
            title=self.title,
            tags=self.tags,
            added=self.added,
            via=self.via,
        )


Progress = Callable[[int, int, "Outcome | None"], None]
"""``progress(done, total, last_outcome)``: called as each URL ends (and once at the start)."""
Received = Callable[[str, int, "int | None"], None]
"""``received(url, bytes_so_far, total_or_None)``: called as a page's body arrives."""


def prepare_library(store: Store, library: Path | None = None) -> Path:
    """The library folder (created), with the store's URL index rebuilt from its files when
    the store has none (it was deleted: the files say where they came from)."""
    folder = library or config.library_folder()
    folder.mkdir(parents=True, exist_ok=True)
    if store.saved_count() == 0 and any(folder.iterdir()):
        rebuild_index(store, folder)
    return folder


def _encoding(page: Page) -> tuple[str, str]:
    """``(encoding, declared)`` the body decodes with; :class:`FetchFailed` for binary data."""
    declared = page.charset or None
    if declared is None and page.kind in ("html", "xhtml"):
        fmt = format_for(Path("x.html"))
        if fmt is not None and fmt.declared_encoding is not None:
            declared = fmt.declared_encoding(page.body)
    try:
        _, encoding = decode(page.body[:262_144], declared)
    except NotText:
        raise FetchFailed(f"not text (binary data sent as {page.content_type})") from None
    return encoding, declared or ""


def _article_from(page: Page, path: Path) -> Article | None:
    fmt = format_for(path)
    if fmt is None:
        return None
    try:
        return build_article(load_bytes(str(path), page.body, fmt))
    except LoadError:
        return None


def _holds_less(new: Article | None, old: Article) -> str:
    """Why the new copy holds less of the article than the old one ('' when it does not)."""
    if new is None or not new.paragraphs:
        return "the page now has no article text"
    if new.paywall.truncated and not old.paywall.truncated:
        return (
            f"the page now shows a teaser ({new.words} words, cut off by a paywall;"
            f" the saved copy has {old.words})"
        )
    if new.words < LESS * old.words:
        return f"the page now holds less ({new.words} words; the saved copy has {old.words})"
    return ""


@dataclass
class Saver:
    """Saves fetched pages into ``library`` and records them in ``store``."""

    store: Store
    library: Path
    refresh: bool = False
    want_entries: bool = True
    """Build each saved page's list entry (parses the page: ``add`` prints it)."""

    def existing(self, url: str) -> Path | None:
        return find_saved(self.store, url_key(url))

    def save(self, page: Page, info: ItemInfo) -> Outcome:
        """Save one fetched page (runs in a thread: file I/O and parsing)."""
        try:
            encoding, _declared = _encoding(page)
        except FetchFailed as failed:
            return Outcome(page.url, FAILED, reason=failed.reason)
        origin = info.origin(
            page.url,
            final_url=page.final_url,
            fetched=page.fetched,
            content_type=page.content_type,
            charset=page.charset,
        )
        old = self.existing(page.url)
        status = SAVED
        replace = None
        if old is not None:
            if not self.refresh:
                return self.record(page.url, ALREADY, old, info)
            try:
                old_article = load_article(old)
            except LoadError:
                old_article = None
            if old_article is not None:
                less = _holds_less(_article_from(page, old.with_suffix(_suffix(page))), old_article)
                if less:
                    return self.record(page.url, KEPT, old, info, reason=less)
            status = REFRESHED
            replace = old if old.suffix == _suffix(page) else None
        title = page_title(page.body, page.kind, _declared or None) or info.title
        title = title or _fallback_title(page.final_url or page.url)
        try:
            path = save_page(self.library, page.body, page.kind, origin, encoding, title, replace)
        except OSError as exc:
            return Outcome(page.url, FAILED, reason=f"cannot write file: {exc.strerror or exc}")
        self.store.put_saved([(url_key(page.url), page.url, str(path))])
        return self.record(page.url, status, path, info)

    def save_content(self, url: str, body: bytes, kind: str, info: ItemInfo, when: str) -> Outcome:
        """Save a page whose content came in the export (wallabag, Omnivore): no fetch."""
        old = self.existing(url) if url else None
        if old is not None and not self.refresh:
            return self.record(url, ALREADY, old, info)
        origin = info.origin(
            url,
            fetched=when,
            content_type={"html": "text/html", "markdown": "text/markdown"}.get(kind, ""),
        )
        title = info.title or page_title(body, kind) or _fallback_title(url)
        try:
            path = save_page(self.library, body, kind, origin, "utf-8", title, old)
        except OSError as exc:
            return Outcome(url, FAILED, reason=f"cannot write file: {exc.strerror or exc}")
        if url:
            self.store.put_saved([(url_key(url), url, str(path))])
        return self.record(url, SAVED if old is None else REFRESHED, path, info)

    def record(
        self, url: str, status: str, path: Path, info: ItemInfo, reason: str = ""
    ) -> Outcome:
        """Give the saved file at ``path`` the item's tags and read state; the outcome."""
        key = str(path)
        if info.tags:
            self.store.add_tags(key, info.tags)
        if info.read or info.archived:
            self.store.set_read(key, True)
        entry = None
        if self.want_entries:
            found = entry_for(path)
            if isinstance(found, Entry):
                tags = self.store.tags_of(key) or found.tags
                entry = dataclasses.replace(found, url=found.url or url, tags=tuple(tags))
            elif isinstance(found, Skipped) and not reason:
                reason = f"saved, but {found.reason}"
        return Outcome(url, status, key, reason, entry)


def _suffix(page: Page) -> str:
    return SUFFIXES[page.kind]


def _fallback_title(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or ''} {parts.path.strip('/').replace('/', ' ')}".strip() or "page"


@dataclass(frozen=True, slots=True)
class _Job:
    url: str
    info: ItemInfo


async def _add(
    urls: Sequence[str],
    info: ItemInfo,
    saver: Saver,
    settings: Settings,
    progress: Progress | None,
    results: list[Outcome],
    received: Received | None = None,
    stop: threading.Event | None = None,
) -> None:
    total = len(urls)
    jobs: list[_Job] = []
    seen: set[str] = set()

    def report(outcome: Outcome) -> None:
        results.append(outcome)
        if progress is not None:
            progress(len(results), total, outcome)

    if progress is not None:
        progress(0, total, None)
    for raw in urls:
        try:
            url = check_url(raw)
        except RefusedURL as exc:
            report(Outcome(raw, FAILED, reason=str(exc)))
            continue
        key = url_key(url)
        if key in seen:
            report(Outcome(url, FAILED, reason="duplicate URL (given twice)"))
            continue
        seen.add(key)
        old = saver.existing(url)
        if old is not None and not saver.refresh:
            report(await asyncio.to_thread(saver.record, url, ALREADY, old, info))
            continue
        jobs.append(_Job(url, info))

    async def handle(job: _Job, got: Page | FetchFailed) -> None:
        if isinstance(got, FetchFailed):
            report(Outcome(job.url, FAILED, reason=got.reason))
            return
        # Shielded: a Ctrl-C or a stop while a page is being written still finishes that
        # page, and reports it, before the cancellation goes on.
        saving = asyncio.ensure_future(asyncio.to_thread(saver.save, got, job.info))
        try:
            outcome = await asyncio.shield(saving)
        except asyncio.CancelledError:
            report(await saving)
            raise
        report(outcome)

    fetching = asyncio.ensure_future(fetch_all(jobs, handle, settings, received=received))
    if stop is None:
        await fetching
        return

    async def watch() -> None:
        while not stop.is_set():
            await asyncio.sleep(STOP_POLL)
        fetching.cancel()  # the pages being written finish (shielded); the rest are dropped

    watcher = asyncio.ensure_future(watch())
    try:
        await fetching
    except asyncio.CancelledError:
        if not stop.is_set():
            raise
    finally:
        watcher.cancel()


def add_urls(
    urls: Iterable[str],
    *,
    tags: Sequence[str] = (),
    refresh: bool = False,
    store: Store | None = None,
    library: Path | None = None,
    settings: Settings = DEFAULTS,
    progress: Progress | None = None,
    results: list[Outcome] | None = None,
    received: Received | None = None,
    stop: threading.Event | None = None,
) -> list[Outcome]:
    """Fetch and save each URL; one :class:`Outcome` per URL, in the order they ended.

    Pass ``results`` to see the outcomes so far if the call is interrupted (Ctrl-C raises
    :class:`KeyboardInterrupt` after the pages being written are finished). Setting ``stop``
    (from another thread) ends the call the same way but returns: the outcomes so far, none
    for the URLs not yet fetched.
    """
    own = store is None
    db = store if store is not None else Store.open()
    out: list[Outcome] = results if results is not None else []
    try:
        folder = prepare_library(db, library)
        saver = Saver(db, folder, refresh=refresh)
        info = ItemInfo(tags=tuple(t for t in dict.fromkeys(tags) if t))
        asyncio.run(_add(list(urls), info, saver, settings, progress, out, received, stop))
    finally:
        if own:
            db.close()
    return out


class AddOptions(TypedDict, total=False):
    """The keyword options of :func:`add_urls` that :func:`add_url` passes on (defaults there)."""

    tags: Sequence[str]
    refresh: bool
    store: Store | None
    library: Path | None
    settings: Settings
    progress: Progress | None
    received: Received | None


def add_url(url: str, **options: Unpack[AddOptions]) -> Outcome:
    """Fetch and save one URL: its entry, or the reason it failed. For the app's "add URL":
    call it from a thread worker; ``progress`` and ``received`` (bytes of the body so far)
    are called from that thread. Takes the keyword options of :func:`add_urls`."""
    outcomes = add_urls([url], **options)
    return outcomes[0] if outcomes else Outcome(url, FAILED, reason="nothing was fetched")
