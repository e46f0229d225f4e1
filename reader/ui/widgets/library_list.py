"""The article list: a virtual ``OptionList`` over library entries, filtered and sorted.

It owns the work behind its rows: the scan (in batches, so the first rows show at once), the
read and summary marks from the store, and saving a read mark. Each worker posts a message
named as a past event (``EntriesFound``, ``ScanFinished``, ``StoreOpened``); the list acts on
it and the screen, which the message bubbles on to, updates the status line.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import Worker, WorkerState

from reader.library import Entry, Skipped, scan
from reader.mentions import Mentions
from reader.store import Store
from reader.ui.background import in_thread
from reader.ui.body_hits import BodyHits
from reader.ui.listing import ROW_LINES, SORTS, arrange, batches, inside, narrow, row_text
from reader.ui.messages import (
    EntriesFound,
    MentionsFound,
    ScanFinished,
    SearchFinished,
    StoreOpened,
    WorkFailed,
)

RENDERED_ROWS = 64
"""Rows whose drawn lines are kept: three screens' worth."""

FLUSH_EVERY = 0.25
"""Seconds between batches of scanned entries handed to the list (the first goes at once):
each batch costs the UI a frame."""

BATCH_MAX = 500
"""Most entries in one batch."""

BODY_HITS = 50
"""Most body matches of ``/`` listed under the title matches."""


class LibraryList(OptionList):
    """Every scanned article as one two-line option; the option id is the file path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def __init__(
        self, paths: Iterable[str], store: Callable[[], Store], *, id: str | None = None
    ) -> None:
        super().__init__(id=id, markup=False)
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
        dropped); the filter in force is ``mentioning``."""
        # OptionList keeps the drawn lines of 2,048 rows; a screen shows about twenty. Each
        # kept line is a dozen objects the cyclic collector walks on every full pass: with
        # 2,048 rows kept, passes during article opens took 45-70 ms; with 64, 18-46 ms.
        self._option_render_cache = LRUCache(maxsize=RENDERED_ROWS)
        self.entries: list[Entry] = []
        """All entries scanned so far, in file order."""
        self.query_text = ""
        """The current search filter over titles and sources."""
        self.sort = SORTS[0]
        """The current sort order (one of ``SORTS``)."""
        self.read: set[str] = set()
        """Paths marked as read."""
        self.cached: set[str] = set()
        """Paths with a cached summary."""
        self.mentioning: tuple[str, frozenset[str]] | None = None
        """The entity filter: an entity and the only paths listed (those that mention it)."""
        self.tag: str | None = None
        """The tag filter: only entries carrying this tag are listed."""
        self.feed_only: tuple[str, frozenset[str]] | None = None
        """The feed filter: a feed's title and the only paths listed (its items)."""
        self.shown: list[Entry] = []
        """The entries on screen that the title filter lets through, in display order."""
        self.found: list[Entry] = []
        """Below them: the entries whose text (not title or source) matches the query, best
        first (from the full-text index)."""
        self._hits = BodyHits()
        """What the index last answered for the query (``found`` is made from it)."""
        self._version = 0
        """Counts changes to ``entries`` (the search's ``within`` is made again after one)."""
        self._by_path: dict[str, Entry] = {}
        self._rows: dict[str, Option] = {}
        """One option per path, made when first shown and reused by every rebuild: a search
        pause or a sort over 10,000 entries then rebuilds no row text."""

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
        self.mentioning = (message.entity, frozenset(message.paths))
        self.rebuild()

    def clear_mentions(self) -> bool:
        """Show every piece again; False when no mention filter was on."""
        self._asked_mention = None
        if self.mentioning is None:
            return False
        self.mentioning = None
        self.rebuild()
        return True

    def filter_tag(self, tag: str | None) -> None:
        """List only the entries tagged ``tag`` (None: all)."""
        self.tag = tag
        self.rebuild()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed is reported (the app says so), never fatal."""
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "scan":
            self.scanning = False
        self.post_message(WorkFailed(event.worker.description, str(event.worker.error)))

    # --- entries ----------------------------------------------------------------------------

    def entry(self, path: str) -> Entry | None:
        """The scanned entry of ``path``, if any."""
        return self._by_path.get(path)

    def _row(self, entry: Entry) -> Content:
        return row_text(entry, entry.path in self.read, entry.path in self.cached)

    def _option(self, entry: Entry) -> Option:
        option = self._rows.get(entry.path)
        if option is None:
            option = self._rows[entry.path] = Option(self._row(entry), entry.path)
        return option

    def add_entries(self, batch: Iterable[Entry]) -> None:
        """Append newly scanned entries (keeps the highlight where it is)."""
        batch = list(batch)
        self._version += 1
        self.entries.extend(batch)
        self._by_path.update((e.path, e) for e in batch)
        filtered = self.mentioning is not None or self.tag is not None
        filtered = filtered or self.feed_only is not None
        if self.query_text.strip() or self.sort != SORTS[0] or filtered:
            self.rebuild()
            return
        self.shown.extend(batch)
        self.add_options([self._option(e) for e in batch])
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def insert_entry(self, entry: Entry) -> Entry:
        """Add one entry made outside a scan (a page just saved), or renew the listed entry of
        the same file; the entry now listed. Its file joins the scanned paths, so that a rescan
        of folders that do not hold it keeps it listed."""
        listed = self._same_file(entry.path)
        if listed is None:
            self.add_entries([entry])
            real = os.path.realpath(entry.path)
            if not any(inside(real, os.path.realpath(p)) for p in self.paths):
                self.paths.append(entry.path)
            return entry
        if listed != entry.path or self._by_path[listed] == entry:
            return self._by_path[listed]
        self._version += 1
        self.entries = [entry if e.path == listed else e for e in self.entries]
        self._by_path[listed] = entry
        self._rows.pop(listed, None)
        self.rebuild()
        return entry

    def _same_file(self, path: str) -> str | None:
        """The listed path of the file at ``path`` (spelled the same or otherwise), if any."""
        if path in self._by_path:
            return path
        name, real = path.rpartition(os.sep)[2], os.path.realpath(path)
        for listed in self._by_path:  # a path of the same name first: few realpath calls
            if listed.rpartition(os.sep)[2] == name and os.path.realpath(listed) == real:
                return listed
        return None

    def select_path(self, path: str) -> bool:
        """Highlight the row of ``path``; False when it is not listed (filtered out)."""
        try:
            self.highlighted = self.get_option_index(path)
        except OptionDoesNotExist:
            return False
        return True

    def clear_entries(self) -> None:
        """Forget every entry (before a rescan)."""
        self._version += 1
        self.entries.clear()
        self.shown.clear()
        self.found.clear()
        self._hits.clear()
        self._by_path.clear()
        self._rows.clear()
        self.clear_options()

    def rebuild(self) -> None:
        """Re-apply the filter and sort, keeping the highlighted article when still shown."""
        current = self.current_entry
        shown = self._narrow(arrange(self.entries, self.query_text, self.sort))
        self.shown = shown
        self.found = self._hits.found(shown, self.query_text, self._by_path, self._narrow)
        rows = self._hits.rows
        self.set_options([self._option(e) for e in self.shown] + [rows[e.path] for e in self.found])
        if not self.shown and not self.found:
            return
        index = 0
        if current is not None:
            with suppress(OptionDoesNotExist):
                index = self.get_option_index(current.path)
        self.highlighted = index

    def _narrow(self, entries: list[Entry]) -> list[Entry]:
        """``entries`` that the mentions, tag and feed filters let through."""
        feed = self.feed_only[1] if self.feed_only is not None else None
        mentioning = self.mentioning[1] if self.mentioning is not None else None
        return narrow(entries, mentioning, self.tag, feed)

    def filter_feed(self, title: str | None, paths: frozenset[str] = frozenset()) -> bool:
        """List only ``paths`` (a feed's items), or everything again with None; False when
        nothing changed."""
        wanted = None if title is None else (title, paths)
        if wanted == self.feed_only:
            return False
        self.feed_only = wanted
        self.rebuild()
        return True

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
        self._rows.pop(old, None)
        if entry is None:
            del self.entries[index]
        else:
            self.entries[index] = entry
            self._by_path[entry.path] = entry
            self._rows.pop(entry.path, None)
            if old in self.read:
                self.read.add(entry.path)
            if self.feed_only is not None and old in self.feed_only[1]:
                self.feed_only = (self.feed_only[0], self.feed_only[1] | {entry.path})
        self.rebuild()
        if entry is not None and current is not None and current.path == old:
            with suppress(OptionDoesNotExist):  # the highlight follows a renamed file
                self.highlighted = self.get_option_index(entry.path)

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

    def add_marks(self, read: Iterable[str], cached: Iterable[str]) -> None:
        """Mark more paths read or summarised (the store's marks, once it is open)."""
        changed = (set(read) - self.read) | (set(cached) - self.cached)
        self.read.update(read)
        self.cached.update(cached)
        for path in changed:
            self.refresh_entry(path)

    def refresh_entry(self, path: str) -> None:
        """Redraw one row after its read/cached marks changed.

        ``replace_option_prompt`` would drop the line cache and re-measure every row (O(n):
        about 100 ms with 10,000 entries). Every row is two lines whatever its marks, so only
        the prompt and the rendered-row cache (visible rows) need renewing.
        """
        entry = self._by_path.get(path)
        # Its row as a match in the text, too:
        renewed = entry is not None and self._hits.renew(entry, path in self.read)
        if renewed and any(e.path == path for e in self.found):
            self._option_render_cache.clear()
            self.refresh()
        option = self._rows.get(path)
        if entry is None or option is None:
            return  # never shown yet: its row is made with the current marks when it is
        option._set_prompt(self._row(entry))
        try:
            self.get_option(path)
        except OptionDoesNotExist:
            return  # filtered out: the renewed option waits for a later rebuild
        self._option_render_cache.clear()
        self.refresh()

    def _update_lines(self) -> None:
        """Index the rows' lines without measuring them: every row is ``ROW_LINES`` lines.

        ``OptionList`` wraps each new option's text to learn its height, about 0.15 ms a row:
        over a second of a 10,000-article scan spent on the UI thread. Should this Textual
        release lay out its line cache differently, the measuring original is used.
        """
        try:
            cache = self._line_cache
            lines = cache.lines
            start = lines[-1][0] + 1 if lines else 0
            if not self.scrollable_content_region or start >= len(self.options):
                return super()._update_lines()
            for index in range(start, len(self.options)):
                cache.index_to_line[index] = len(lines)
                cache.heights[index] = ROW_LINES
                lines.extend((index, line) for line in range(ROW_LINES))
        except AttributeError:
            return super()._update_lines()
        super()._update_lines()  # nothing left to measure: it sets the virtual size

    @property
    def current_entry(self) -> Entry | None:
        """The highlighted entry, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.shown) + len(self.found):
            return None
        return self.shown[index] if index < len(self.shown) else self.found[index - len(self.shown)]
