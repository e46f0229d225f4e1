"""The main screen's feeds: the pane (``f``), mark read (``A``), update (``U``), full page (``F``).

:class:`~reader.ui.widgets.feeds.FeedsPane` runs the workers; this mixin routes their messages
to the list (the feed filter, read marks, new and replaced entries) and the status line.
"""

from __future__ import annotations

from textual import on
from textual.widgets import OptionList

from reader.filters import FeedRef
from reader.ui.messages import (
    FeedChosen,
    FeedMarkedRead,
    FeedsProgressed,
    FeedsUpdated,
    FullPageFetched,
)
from reader.ui.screens.main_base import MainBase
from reader.ui.widgets.feeds import ALL

RECOUNT_AFTER = 0.3
"""Seconds after a read mark before the feeds pane counts again (the mark is saved in a
worker)."""


class FeedsMixin(MainBase):
    """The feeds pane's keys and the routing of its workers' messages."""

    def _recount_feeds(self) -> None:
        """Renew the feeds pane's unread counts after a read mark (once it is saved)."""
        if self.feeds.shown:
            self.set_timer(RECOUNT_AFTER, self.feeds.reload)

    def action_toggle_feeds(self) -> None:
        """Show the feeds pane (focused), focus it, or hide it."""
        feeds = self.feeds
        if not feeds.shown:
            feeds.add_class("-shown")
            feeds.reload()
            self.reading = False
            feeds.focus()
        elif not feeds.has_focus:
            self.reading = False
            feeds.focus()
        else:
            feeds.remove_class("-shown")
            self.library.focus()

    def _close_feeds(self) -> None:
        """Hide the feeds pane and list the whole library again."""
        self.feeds.remove_class("-shown")
        self._list_all()

    def _list_all(self) -> None:
        """Drop the feed filter."""
        if self.library.filter_feed(None):
            self._update_status()

    @on(OptionList.OptionSelected, "#feeds")
    def _feed_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in (None, ALL):
            self._list_all()
            self.library.focus()
            return
        self.feeds.choose(event.option.id, [e.path for e in self.library.entries])

    def on_feed_chosen(self, message: FeedChosen) -> None:
        feed = FeedRef(message.url, message.title) if message.url is not None else None
        self.library.filter_feed(feed, message.paths)
        self.reading = False
        self.library.focus()
        self._update_status()

    def action_mark_feed_read(self) -> None:
        """Mark every item of the feed meant read: the one highlighted in the feeds pane, or
        the one the list is filtered by."""
        feed = self.feeds.current_feed if self.feeds.shown else None
        listed = self.library.spec.feed
        if feed is None and listed is not None:
            feed = self.feeds.rows.get(listed.url)
        if feed is None:
            self.notify("Highlight a feed in the feeds pane (f) first.", severity="warning")
            return
        self.feeds.mark_read(feed.url, [e.path for e in self.library.entries])

    def on_feed_marked_read(self, message: FeedMarkedRead) -> None:
        self.library.add_marks(message.paths, ())
        self.notify(f"Marked {message.count} items of “{message.title}” read.", timeout=3)

    def action_update_feeds(self) -> None:
        """Update every feed in the background; new items join the list when it ends."""
        if not self.feeds.update_all(self.paths):
            self.notify("The feeds are already being updated.", timeout=2)
            return
        self._update_status()

    def on_feeds_progressed(self, _: FeedsProgressed) -> None:
        self._update_status()

    def on_feeds_updated(self, message: FeedsUpdated) -> None:
        library = self.library
        fresh = [e for e in message.entries if library.entry(e.path) is None]
        if fresh:
            library.add_entries(fresh)
        results = message.results
        new = sum(len(r.new) for r in results)
        failed = [r for r in results if not r.ok]
        feeds = f"{len(results)} feed{'s' if len(results) != 1 else ''}"
        text = f"{feeds} updated: {new} new item{'s' if new != 1 else ''}."
        if failed:
            first = failed[0]
            text += f" {len(failed)} failed ({first.title or first.url}: {first.error})."
        self.notify(text, severity="warning" if failed else "information", timeout=6)
        listed = library.spec.feed
        if listed is not None:  # it may have new items
            self.feeds.choose(listed.url, [e.path for e in library.entries])
        self._update_status()

    def action_fetch_full(self) -> None:
        """Fetch the full page of the article meant, clean it and show it."""
        path = self._target_path()
        if path is None:
            self.notify("Open an article first.", severity="warning")
            return
        if not self.feeds.fetch_full(path):
            self.notify("A full page is already being fetched.", timeout=2)
            return
        self.notify("Fetching the full page…", timeout=2)

    def on_full_page_fetched(self, message: FullPageFetched) -> None:
        result = message.result
        still = "; ".join(result.reasons[:2]) if result.truncated else ""
        why = f" Still cut off: {still}." if still else ""
        if result.status == "replaced":
            words = f"{result.words_before} → {result.words_after} words"
            self.notify(
                f"Full page fetched: the body was replaced ({words}).{why}",
                severity="warning" if why else "information",
                timeout=8 if why else 5,
            )
        elif result.status == "kept":
            self.notify(f"The item was kept: {result.reason}.{why}", severity="warning")
        else:
            self.notify(f"Could not fetch the full page: {result.reason}.", severity="error")
        if result.status == "failed":
            return
        self.library.replace_entry(message.path, message.entry)
        article = self.view.article
        if message.entry is not None and article is not None and article.path == message.path:
            self.open_path(message.entry.path)
        self._update_status()
