"""The main screen: the list and the reader pane, the keys, and the status line.

The widgets do their own work (the list scans, the pane loads and summarises) and post
messages named as past events; this screen routes them: it keeps the status line true, marks
an opened article read, moves the focus, and runs the few actions that span both panes (copy,
export). Its parts live beside it: the shared state and the status line in ``main_base``, the
search in ``main_search``, the filters (unread, excerpts, source, tags, mentions) in
``main_filters``, adding in ``main_adding``, the feeds in ``main_feeds`` (mixins that this class
inherits).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Header, Input, Static

from reader.ui.idle_gc import keep_long_lived
from reader.ui.keys import KEYS
from reader.ui.listing import next_sort, skipped_note
from reader.ui.messages import (
    ArticleFailed,
    ArticleLoaded,
    ArticleLoading,
    CopyFinished,
    EntriesFound,
    ScanFinished,
    StoreOpened,
    SummaryReady,
    WorkFailed,
)
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main_adding import AddingMixin
from reader.ui.screens.main_feeds import FeedsMixin
from reader.ui.screens.main_filters import FiltersMixin
from reader.ui.screens.main_search import SearchMixin
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.feeds import FeedsPane
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.library_list import LibraryList
from reader.ui.widgets.url_adder import UrlAdder
from reader.urls import refused_scheme

NARROW = 100
"""Below this many columns the screen shows one pane at a time."""


class MainScreen(SearchMixin, FiltersMixin, AddingMixin, FeedsMixin):
    """Browse the library and read its articles, from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(k.keys, k.action, k.title, show=k.footer) for k in KEYS
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield FeedsPane(self.reader.store, id="feeds")
            with Vertical(id="list-pane"):
                yield Input(placeholder="Search titles and sources", id="search")
                yield Static("", id="status", markup=False)
                yield LibraryList(self.paths, self.reader.store, id="library")
            yield ArticleView(
                self.reader.store,
                lambda sequence, text: self.reader.write_osc52(sequence, text),
                self.reader.export_dir,
                id="article",
            )
        yield ReaderFooter()
        yield UrlAdder(self.reader.store, id="adder")

    def on_mount(self) -> None:
        self.search.display = False
        self.library.focus()
        self.narrow = self.app.size.width < NARROW
        self.rescan()
        self.library.load_marks()

    def on_resize(self, event: Resize) -> None:
        self.narrow = event.size.width < NARROW

    def watch_narrow(self, narrow: bool) -> None:
        panes = self.query_one("#panes")
        panes.set_class(narrow, "-narrow")
        panes.set_class(narrow and self.reading, "-reading")

    def watch_reading(self, reading: bool) -> None:
        # The class only matters in the one-pane layout; setting it in the two-pane layout
        # would restyle both panes (10,000 list rows included) on every open and back.
        self.query_one("#panes").set_class(reading and self.narrow, "-reading")

    # --- the list and the status line ---------------------------------------------------------

    def rescan(self) -> None:
        """Forget the list and scan the folders again."""
        self.library.rescan()
        self._update_status()

    def on_entries_found(self, _: EntriesFound) -> None:
        self._update_status()

    def on_scan_finished(self, message: ScanFinished) -> None:
        self._update_status()
        if not self._warmed:  # (an article opened sooner loads it in its own worker)
            self._warmed = True
            self.view.warm_up()
        if message.skipped:
            self.notify(skipped_note(message.skipped), title="Not listed")
        self.reader.check_store()
        keep_long_lived()  # thousands of entries and list rows

    def on_store_opened(self, _: StoreOpened) -> None:
        self.reader.check_store()

    def on_work_failed(self, _: WorkFailed) -> None:
        self._update_status()  # a failed scan is over (the app reports the failure)

    # --- opening articles ---------------------------------------------------------------------

    @on(LibraryList.Picked, "#library")
    def _open_picked(self, event: LibraryList.Picked) -> None:
        self.open_path(event.entry.path)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self._enter_reader()
        if self.library.set_read(message.article.path, True):
            self._recount_feeds()

    def on_article_loading(self, _: ArticleLoading) -> None:
        self._enter_reader()

    def on_article_failed(self, _: ArticleFailed) -> None:
        self._enter_reader()

    def on_summary_ready(self, message: SummaryReady) -> None:
        self.library.add_marks((), (message.path,))
        self.reader.check_store()

    def _enter_reader(self) -> None:
        """Show the reader pane (the only pane in the narrow layout) and focus it.

        Side by side, the focus moves a frame after the article is drawn: moving it restyles
        and redraws the list too, which would otherwise hold the article back by about 15 ms.
        """
        self.reading = True
        if self.narrow:
            self.view.focus()
        else:
            self.call_after_refresh(self._focus_reader)

    def _focus_reader(self) -> None:
        if self.reading and not self.narrow:  # not if the user went back meanwhile
            self.view.focus()

    # --- actions ------------------------------------------------------------------------------

    def action_quit(self) -> None:
        """Quit reader (work still under way is left behind)."""
        self.app.exit()

    def action_open(self) -> None:
        """Open the highlighted article."""
        entry = self.library.current_entry
        if entry is not None:
            self.open_path(entry.path)

    def action_go_back(self) -> None:
        """Leave the search box or the article, back to the list."""
        if self.feeds.has_focus:
            self._close_feeds()  # the feeds pane: all of the library again
        elif self.search.has_focus and not self.search.value:
            self.search.display = False
        elif self.library.has_focus:
            if self.library.spec.feed is not None:
                self.feeds.remove_class("-shown")  # (as Esc in the pane does)
            self.clear_filters()  # every filter at once; c removes one
        self.reading = False
        self.library.focus()

    def action_page_down(self) -> None:
        self.view.scroll_page_down()

    def action_page_up(self) -> None:
        self.view.scroll_page_up()

    def action_search(self) -> None:
        """Show the search box over the list."""
        self.reading = False
        self.search.display = True
        self.search.focus()

    def action_sort(self) -> None:
        library = self.library
        library.sort = next_sort(library.sort)
        library.rebuild()
        self._update_status()  # (it names the order: no notification, which costs a layout)

    def action_toggle_removed(self) -> None:
        self.view.show_removed = not self.view.show_removed

    def action_toggle_highlight(self) -> None:
        self.view.highlight = not self.view.highlight

    def action_rescan(self) -> None:
        self.rescan()

    def action_help(self) -> None:
        if not isinstance(self.app.screen, HelpScreen):
            self.app.push_screen(HelpScreen())

    def action_open_url(self) -> None:
        """Open the source URL of the article meant in the browser: http(s) only."""
        path = self._target_path()
        article = self.view.article
        entry = self.library.entry(path) if path is not None else None
        if article is not None and article.path == path:
            url = article.url
        else:
            url = entry.url if entry is not None else ""
        if not url:
            self.notify("This article has no source URL.", severity="warning")
            return
        refused = refused_scheme(url)
        if refused is not None:
            self.notify(
                f"Not opening a {refused}: URL: only http and https addresses are opened.",
                severity="warning",
            )
            return
        self.app.open_url(url)
        self.notify(f"Opening {url}")

    def action_toggle_read(self) -> None:
        """Mark the article read or unread (remembered across runs)."""
        path = self._target_path()
        if path is None:
            return
        read = path not in self.library.read
        self.library.set_read(path, read)
        self._recount_feeds()
        self.notify("Marked read." if read else "Marked unread.", timeout=2)

    def action_summary_longer(self) -> None:
        if self.view.summary is not None:
            self.view.resummarise(sentences=len(self.view.summary.sentences) + 1)

    def action_summary_shorter(self) -> None:
        summary = self.view.summary
        if summary is None:
            return
        if len(summary.sentences) <= 1:
            self.notify("The summary is already one sentence.", timeout=2)
            return
        self.view.resummarise(sentences=len(summary.sentences) - 1)

    # --- copy and export ----------------------------------------------------------------------

    def _no_summary(self) -> None:
        self.notify("Open an article and wait for its summary first.", severity="warning")

    def action_copy_summary(self) -> None:
        if not self.view.copy("summary"):
            self._no_summary()

    def action_copy_article(self) -> None:
        if not self.view.copy("article"):
            self.notify("Open an article first.", severity="warning")

    def on_copy_finished(self, message: CopyFinished) -> None:
        result = message.result
        if result.ok:
            self.notify(f"Copied the {message.what}. {result.message}", timeout=4)
            return
        where = f" The summary was saved to {message.exported}." if message.exported else ""
        self.notify(f"{result.message}{where}", severity="error", timeout=8)

    def action_export(self) -> None:
        """Export the summary to a Markdown file."""
        try:
            path = self.view.export()
        except OSError as exc:
            self.notify(f"Could not export: {exc}", severity="error")
            return
        if path is None:
            self._no_summary()
        else:
            self.notify(f"Summary exported to {path}", timeout=6)
