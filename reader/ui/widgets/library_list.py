"""The article list: library entries filtered, searched and sorted, over ``EntryRows``.

It owns the work behind its rows: the scan (in batches, so the first rows show at once), the
read and summary marks from the store, saving a read mark, the body matches of ``/`` and the
pieces that mention an entity. Each worker posts a message named as a past event
(``EntriesFound``, ``ScanFinished``, ``StoreOpened``, ``SearchFinished``, ``MentionsFound``);
the list acts on it and the screen, which the message bubbles on to, updates the status line.
The filters in force are a core ``FilterSpec`` (``ListFilters``); the rows and their marks are
``EntryRows``'s (``entry_rows.py``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import replace
from functools import partial

from textual import work
from textual.message import Message
from textual.worker import Worker, WorkerState

from reader.filters import FeedRef, FilterSpec
from reader.library import Entry, Skipped, scan
from reader.mentions import Mentions
from reader.store import Store
from reader.ui.background import in_thread
from reader.ui.list_filters import ListFilters
from reader.ui.listing import SORTS, Arrangement, batches, outside, same_file
from reader.ui.messages import (
    EntriesFound,
    MentionsFound,
    ScanFinished,
    SearchFinished,
    StoreOpened,
    WorkFailed,
)
from reader.ui.widgets.entry_rows import EntryRows

FLUSH_EVERY = 0.25
"""Seconds between batches of scanned entries handed to the list (the first goes at once):
each batch costs the UI a frame."""

BATCH_MAX = 500
"""Most entries in one batch."""

BODY_HITS = 50
"""Most body matches of ``/`` listed under the title matches."""

PREPARE_FROM = 2_000
"""Entries from which the sort orders are worked out in a thread once a scan ends (below,
the first press of a sort does it in a few milliseconds)."""


class LibraryList(EntryRows):
    """Every scanned article as one two-line row, known by its file path."""

    def __init__(
        self, paths: Iterable[str], store: Callable[[], Store], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.paths = list(paths)
        """Files and folders the library is scanned from."""
        self._store = store
        self.scanning = False
        """True while a scan is under way."""
        self.skipped: tuple[Skipped, ...] = ()
        """Files the last scan left out."""
        self._generation = 0
        """Which scan is current: batches of an older one are dropped."""
        self._mentions = Mentions()
        self._asked_mention: str | None = None
        """The entity whose mentions are being looked for (a late answer for another is
        dropped)."""
        self.entries: list[Entry] = []
        """All entries scanned so far, in file order."""
        self.query_text = ""
        """The current search filter over titles and sources."""
        self.sort = SORTS[0]
        """The current sort order (one of ``SORTS``)."""
        self.filters = ListFilters()
        """The filters in force (unread, excerpts, tags, source, mentions, a feed): the core's
        ``FilterSpec``, composed with each other and with the query."""
        self._version = 0
        """Counts changes to ``entries`` (the search's ``within`` and ``_arranged``'s tables
        are made again after one)."""
        self._arranged = Arrangement()
        """The query and the sort over ``entries``, with what they need worked out once."""

    # --- work -----------------------------------------------------------------------------------

    def rescan(self) -> None:
        """Forget the list and scan the folders again in a worker."""
        self._generation += 1
        self.clear_entries()
        self.scanning = True
        self.skipped = ()
        self._scan_worker(self._generation, list(self.paths))

    @work(exit_on_error=False, exclusive=True, group="scan", description="Scanning the library")
    async def _scan_worker(self, generation: int, paths: list[str]) -> None:
        skipped = await in_thread(lambda cancelled: self._scan(generation, paths, cancelled))
        self.post_message(ScanFinished(generation, skipped))

    def _scan(
        self, generation: int, paths: list[str], cancelled: threading.Event
    ) -> tuple[Skipped, ...]:
        """Scan ``paths`` (in a thread), posting entries in batches so the first show at once.

        The library index in the store: a relaunch reads only files that changed. New files
        are read by one process per CPU, at a lower priority so that keys stay quick. On 2
        CPUs, 10,000 new files: 3.1-4.1 s, keys 10-14 ms median meanwhile (in this thread,
        which shares the GIL with the UI: 5.5-6.5 s).
        """
        store = self._store()
        tags = store.tags_by_path()  # tags given in the store only (an import of a saved URL)
        skipped: list[Skipped] = []
        found = scan(paths, store=store)
        for batch in batches(found, tags, skipped, cancelled, BATCH_MAX, FLUSH_EVERY):
            self._post(EntriesFound(generation, batch))
        return tuple(skipped)

    def _post(self, message: Message) -> None:
        """Post from a worker thread; after the app has quit there is nobody to tell."""
        with suppress(RuntimeError):
            self.post_message(message)

    def on_entries_found(self, message: EntriesFound) -> None:
        if message.generation != self._generation:
            message.stop()  # a batch of a scan since replaced
            return
        self.add_entries(message.entries)

    def on_scan_finished(self, message: ScanFinished) -> None:
        if message.generation != self._generation:
            message.stop()
            return
        self.scanning = False
        self.skipped = message.skipped
        self._prepare_sorts()

    @work(exit_on_error=False, exclusive=True, group="sorts", description="Preparing the sorts")
    async def _prepare_sorts(self) -> None:
        """Work out every sort order of the entries in a thread, on an arrangement of their
        own, and keep it if the entries have not changed since: otherwise the first press of
        each sort does it (100-250 ms at 100,000 articles)."""
        entries, version = list(self.entries), self._version
        if len(entries) < PREPARE_FROM:
            return
        fresh = Arrangement()
        await in_thread(lambda c: fresh.prepare(entries, version, c.is_set))
        if version == self._version:
            self._arranged = fresh

    @work(exit_on_error=False, group="store", description="Opening the summary cache")
    async def load_marks(self) -> None:
        """Open the store off the UI thread and mark the rows read or summarised."""
        store = await in_thread(lambda _: self._store())
        read, summarized = await in_thread(lambda _: (store.read_paths(), store.summarized_paths()))
        self.post_message(StoreOpened(read, summarized, store.warning))

    def on_store_opened(self, message: StoreOpened) -> None:
        self.add_marks(message.read, message.summarized)

    @work(exit_on_error=False, group="store", description="Saving the read mark")
    async def _persist_read(self, path: str, read: bool) -> None:
        await in_thread(lambda _: self._store().set_read(path, read))

    def search_bodies(self) -> None:
        """Ask the full-text index for the query's matches (in a worker); they are listed
        under the title matches when it answers."""
        query = self.query_text
        if not query.strip():
            self._hits.clear()
            return
        within = self._hits.within(self._version)
        paths = [e.path for e in self.entries] if within is None else None
        self._search_worker(query, self._version, paths, within or {})

    @work(exit_on_error=False, exclusive=True, group="search", description="Searching the text")
    async def _search_worker(
        self, query: str, version: int, paths: list[str] | None, within: dict[str, str]
    ) -> None:
        """Search the index; ``paths``: the entries' paths when ``within`` is out of date
        (made again here, off the UI thread, and kept for the next query)."""
        from reader import search

        def run(_: object) -> tuple[search.Hit, ...]:
            nonlocal within
            if paths is not None:
                within = {os.path.abspath(p): p for p in paths}  # noqa: PTH100 (the index keys)
            return tuple(search.search(self._store(), query, within=within, limit=BODY_HITS))

        hits = await in_thread(run)
        if paths is not None and version == self._version:
            self._hits.keep_within(version, within)
        self.post_message(SearchFinished(query, hits))

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.query != self.query_text:
            message.stop()  # typing went on: a newer answer is coming
            return
        self._hits.answer(message.query, message.hits, self._by_path, self.read)
        self.rebuild()

    def find_mentions(self, entity: str) -> None:
        """List only the pieces that mention ``entity`` (found in a worker)."""
        self._asked_mention = entity
        self._mentions_worker(entity, [e.path for e in self.entries])

    @work(exit_on_error=False, exclusive=True, group="mentions", description="Finding mentions")
    async def _mentions_worker(self, entity: str, paths: list[str]) -> None:
        mentions = self._mentions
        found = await in_thread(lambda c: mentions.mentioning(entity, paths, c.is_set))
        if found is not None:
            self.post_message(MentionsFound(entity, found))

    def on_mentions_found(self, message: MentionsFound) -> None:
        if message.entity != self._asked_mention:
            message.stop()
            return
        self._asked_mention = None
        self.filters.add_mention(message.entity, message.paths)
        self.rebuild()

    @property
    def spec(self) -> FilterSpec:
        """The filters in force."""
        return self.filters.spec

    def filter_by(self, spec: FilterSpec) -> bool:
        """List only what ``spec`` keeps (with the query); False when it already was in force.
        A mentions or feed filter comes through ``find_mentions`` or ``filter_feed`` (which
        know its paths): here it can only be kept or removed."""
        if not self.filters.put(spec):
            return False
        self.rebuild()
        return True

    def clear_filters(self) -> bool:
        """Show every piece again (a mentions answer on its way is dropped too); False when no
        filter was on."""
        self._asked_mention = None
        return self.filter_by(FilterSpec())

    def filter_tag(self, tag: str | None) -> None:
        """Also list only the entries tagged ``tag`` (None: drop every tag filter)."""
        tags = self.spec.tags
        wanted = () if tag is None else tags if tag in tags else (*tags, tag)
        self.filter_by(replace(self.spec, tags=wanted))

    def filter_feed(self, feed: FeedRef | None, paths: frozenset[str] = frozenset()) -> bool:
        """List only ``paths`` (a feed's items), or every feed's again with None; False when
        nothing changed."""
        if not self.filters.set_feed(feed, paths):
            return False
        self.rebuild()
        return True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed is reported (the app says so), never fatal."""
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "scan":
            self.scanning = False
        self.post_message(WorkFailed(event.worker.description, str(event.worker.error)))

    # --- entries ----------------------------------------------------------------------------

    def add_entries(self, batch: Iterable[Entry]) -> None:
        """Append newly scanned entries (keeps the highlight where it is)."""
        batch = list(batch)
        self._version += 1
        self.entries.extend(batch)
        self._by_path.update((e.path, e) for e in batch)
        if self.query_text.strip() or self.sort != SORTS[0] or self.spec:
            self.rebuild()
            return
        self.append_rows(batch)

    def insert_entry(self, entry: Entry) -> Entry:
        """Add one entry made outside a scan (a page just saved), or renew the listed entry of
        the same file; the entry now listed. Its file joins the scanned paths, so that a rescan
        of folders that do not hold it keeps it listed."""
        listed = same_file(entry.path, self._by_path)
        if listed is None:
            self.add_entries([entry])
            if outside(entry.path, self.paths):
                self.paths.append(entry.path)
            return entry
        if listed != entry.path or self._by_path[listed] == entry:
            return self._by_path[listed]
        self._version += 1
        self.entries = [entry if e.path == listed else e for e in self.entries]
        self._by_path[listed] = entry
        self.forget_rows(listed)
        self.rebuild()
        return entry

    def clear_entries(self) -> None:
        """Forget every entry (before a rescan)."""
        self._version += 1
        self.entries.clear()
        self.shown.clear()
        self.found.clear()
        self._hits.clear()
        self._by_path.clear()
        self.clear_rows()

    def rebuild(self) -> None:
        """Re-apply the filters, the query and the sort, keeping the highlighted article when
        still shown."""
        excerpts = self.spec.excerpt_only
        arranged = self._arranged.arrange(
            self.entries, self._version, self.query_text, self.sort, excerpts=excerpts
        )
        shown = self.filters.narrow(arranged, self.read, excerpts=False)
        narrow = partial(self.filters.narrow, read=self.read)
        found = self._hits.found(shown, self.query_text, self._by_path, narrow)
        current = self.current_entry
        at = None
        if current is not None and not self.spec and not self.query_text.strip():
            at = self._arranged.place(current.path, self.sort)  # all of them: no search
        self.show_rows(shown, found, at=at)

    def replace_entry(self, old: str, entry: Entry | None) -> None:
        """The file ``old`` now reads as ``entry`` (its body was replaced, perhaps under a new
        path), or no longer reads (None): its row is renewed in place, or dropped."""
        current = self.current_entry
        index = next((i for i, e in enumerate(self.entries) if e.path == old), None)
        if index is None:
            if entry is not None:
                self.add_entries([entry])
            return
        self._version += 1
        self._by_path.pop(old, None)
        self.forget_rows(old)
        if entry is None:
            del self.entries[index]
        else:
            self.entries[index] = entry
            self._by_path[entry.path] = entry
            self.forget_rows(entry.path)
            if old in self.read:
                self.read.add(entry.path)
            self.filters.renamed(old, entry.path)
        self.rebuild()
        if entry is not None and current is not None and current.path == old:
            self.select_path(entry.path)  # the highlight follows a renamed file

    def set_read(self, path: str, read: bool) -> bool:
        """Mark ``path`` read or unread, redraw its row and save the mark in the store; False
        when it already was."""
        if (path in self.read) == read:
            return False
        if read:
            self.read.add(path)
        else:
            self.read.discard(path)
        self.refresh_entry(path)
        self._persist_read(path, read)
        return True
