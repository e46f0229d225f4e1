"""The feeds pane (``f``): every subscription with its unread count, and the feed work.

It owns the workers that touch feeds, each calling one core function of ``reader.feeds`` in a
thread and posting a message named as a past event: the list of feeds (``FeedsListed``), the
items of one feed among the list's entries (``FeedChosen``), marking a feed read
(``FeedMarkedRead``), updating every feed (``FeedsProgressed`` as each answers, then
``FeedsUpdated`` with the new items as entries) and fetching an article's full page
(``FullPageFetched``). The network is used only by the last two, on the user's keys (``U``,
``F``). The screen routes the results to the list and the status line.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import Worker, WorkerState

from reader.library import Entry, scan
from reader.store import Store, path_key
from reader.textutil import safe_line
from reader.ui.background import in_thread
from reader.ui.messages import (
    FeedChosen,
    FeedMarkedRead,
    FeedsListed,
    FeedsProgressed,
    FeedsUpdated,
    FullPageFetched,
    WorkFailed,
)

if TYPE_CHECKING:
    from reader.feeds import FeedResult, FeedRow

ALL = "\x00all"
"""The option id of "All articles" (no feed URL can hold a NUL)."""


def feed_prompt(row: FeedRow) -> Content:
    """A feed's two lines: its title, then its counts (and its last error, if any)."""
    title = safe_line(row.title) or safe_line(row.url)
    counts = f"{row.unread} unread of {row.items}"
    parts: list[str | tuple[str, str]] = [(title, "bold" if row.unread else ""), "\n"]
    parts.append((counts, "$text-accent" if row.unread else "dim"))
    if row.error:
        parts.append((f" · ⚠ {safe_line(row.error)}", "$text-warning"))
    return Content.assemble(*parts)


def among(entry_paths: Iterable[str], item_paths: Iterable[str]) -> frozenset[str]:
    """Those of ``entry_paths`` (as given) that are the files ``item_paths`` name."""
    keys = {path_key(p) for p in item_paths}
    return frozenset(p for p in entry_paths if path_key(p) in keys)


def list_form(path: str, roots: Sequence[str]) -> str | None:
    """``path`` as a scan of ``roots`` names it (under the first root holding it), or None
    when no root holds it (the list does not show that file)."""
    real = path_key(path)
    for root in roots:
        top = path_key(root)
        if real == top:
            return root
        if real.startswith(top.rstrip(os.sep) + os.sep):
            return str(Path(root) / os.path.relpath(real, top))
    return None


def entries_of(paths: Iterable[str], store: Store) -> list[Entry]:
    """The library entries of ``paths`` (those that read as articles)."""
    return [e for e in scan(list(paths), store=store) if isinstance(e, Entry)]


class FeedsPane(OptionList):
    """The subscriptions, "All articles" first; the option id is the feed URL."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("l", "select", "List", show=False),
    ]

    def __init__(self, store: Callable[[], Store], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._store = store
        self.rows: dict[str, FeedRow] = {}
        """The feeds listed, by URL."""
        self.progress: tuple[int, int] | None = None
        """``(done, total)`` while an update is under way, else None."""
        self.fetching: str | None = None
        """The article whose full page is being fetched, if any."""

    @property
    def shown(self) -> bool:
        """Whether the pane is on screen."""
        return self.has_class("-shown")

    @property
    def current_feed(self) -> FeedRow | None:
        """The highlighted feed (None on "All articles")."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.rows.get(option.id or ALL)

    def _post(self, message: Message) -> None:
        """Post from a worker thread; after the app has quit there is nobody to tell."""
        with suppress(RuntimeError):
            self.post_message(message)

    # --- the list of feeds --------------------------------------------------------------------

    def reload(self) -> None:
        """Read the feeds and their counts again (in a worker)."""
        self._list_worker()

    @work(exit_on_error=False, exclusive=True, group="feeds-list", description="Reading feeds")
    async def _list_worker(self) -> None:
        from reader.feeds import feed_rows

        rows = await in_thread(lambda _: tuple(feed_rows(self._store())))
        self.post_message(FeedsListed(rows))

    def on_feeds_listed(self, message: FeedsListed) -> None:
        current = None
        if self.highlighted is not None:
            current = self.get_option_at_index(self.highlighted).id
        self.rows = {r.url: r for r in message.rows}
        unread = sum(r.unread for r in message.rows)
        every = Content.assemble(("All articles", "bold"), "\n", (f"{unread} unread", "dim"))
        options = [Option(every, ALL)]
        options += [Option(feed_prompt(r), r.url) for r in message.rows]
        self.set_options(options)
        index = 0
        if current is not None:
            with suppress(OptionDoesNotExist):
                index = self.get_option_index(current)
        self.highlighted = index

    # --- one feed -----------------------------------------------------------------------------

    @work(exit_on_error=False, exclusive=True, group="feeds-pick", description="Listing a feed")
    async def choose(self, url: str, entry_paths: list[str]) -> None:
        """Find which of ``entry_paths`` are the items of the feed ``url``."""
        row = self.rows.get(url)
        title = row.title if row is not None else url
        paths = await in_thread(lambda _: among(entry_paths, self._store().feed_item_paths(url)))
        self.post_message(FeedChosen(url, title, paths))

    @work(exit_on_error=False, group="feeds-read", description="Marking a feed read")
    async def mark_read(self, url: str, entry_paths: list[str]) -> None:
        """Mark every item of the feed ``url`` read, then list the feeds again."""
        from reader.feeds import feed_rows, mark_feed_read

        row = self.rows.get(url)
        title = row.title if row is not None else url

        def run(_: threading.Event) -> tuple[int, frozenset[str], tuple[FeedRow, ...]]:
            store = self._store()
            count = mark_feed_read(store, url)
            paths = among(entry_paths, store.feed_item_paths(url))
            return count, paths, tuple(feed_rows(store))

        count, paths, rows = await in_thread(run)
        self.post_message(FeedMarkedRead(title, paths, count))
        self.post_message(FeedsListed(rows))

    # --- the network: U and F -----------------------------------------------------------------

    def update_all(self, roots: Sequence[str]) -> bool:
        """Update every feed in a worker; False when an update is already under way."""
        if self.progress is not None:
            return False
        self.progress = (0, 0)
        self._update_worker(list(roots))
        return True

    @work(exit_on_error=False, exclusive=True, group="feeds-update", description="Updating feeds")
    async def _update_worker(self, roots: list[str]) -> None:
        from reader.feeds import feed_rows, update_feeds

        def progress(done: int, total: int, _: FeedResult | None) -> None:
            self._post(FeedsProgressed(done, total))

        def run(_: threading.Event) -> tuple[list[FeedResult], list[Entry], list[FeedRow]]:
            store = self._store()
            results: list[FeedResult] = []
            update_feeds(store=store, progress=progress, results=results)
            new = [list_form(p, roots) for r in results for p in r.new]
            entries = entries_of([p for p in new if p is not None], store)
            return results, entries, feed_rows(store)

        try:
            results, entries, rows = await in_thread(run)
        finally:
            self.progress = None
        self.post_message(FeedsUpdated(tuple(results), tuple(entries)))
        self.post_message(FeedsListed(tuple(rows)))

    def on_feeds_progressed(self, message: FeedsProgressed) -> None:
        if self.progress is not None:
            self.progress = (message.done, message.total)

    def fetch_full(self, path: str) -> bool:
        """Fetch the full page of the article ``path`` in a worker; False when one is under
        way."""
        if self.fetching is not None:
            return False
        self.fetching = path
        self._full_worker(path)
        return True

    @work(exit_on_error=False, group="feeds-full", description="Fetching the full page")
    async def _full_worker(self, path: str) -> None:
        from reader.feeds import FullResult, fetch_full_pages

        def run(_: threading.Event) -> tuple[FullResult, Entry | None]:
            store = self._store()
            (result,) = fetch_full_pages([path], store=store)
            found = entries_of([result.path], store) if Path(result.path).is_file() else []
            return result, (found[0] if found else None)

        try:
            result, entry = await in_thread(run)
        finally:
            self.fetching = None
        self.post_message(FullPageFetched(path, result, entry))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed is reported (the app says so), never fatal."""
        if event.state == WorkerState.ERROR:
            self.post_message(WorkFailed(event.worker.description, str(event.worker.error)))
