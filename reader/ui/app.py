"""ReaderApp: bindings, layout and wiring. Behaviour lives in the core and the widgets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.worker import get_current_worker

from reader.formats import LoadError
from reader.library import Entry, Skipped, scan
from reader.pipeline import load_article
from reader.ui.keys import KEYS
from reader.ui.listing import next_sort
from reader.ui.messages import ArticleFailed, ArticleLoaded, EntriesFound, ScanFinished
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList

NARROW = 100
"""Below this many columns the app shows one pane at a time."""


class ReaderApp(App[None]):
    """Browse a library of saved articles and read them, from the keyboard."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(k.keys, k.action, k.title, show=k.footer) for k in KEYS
    ]

    reading: reactive[bool] = reactive(False)
    """True when the article pane has the user's attention (one-pane layout shows it)."""
    narrow: reactive[bool] = reactive(False)
    """True when the terminal is too narrow for two panes."""

    def __init__(self, paths: Sequence[str | Path]) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        """Files and folders the library is scanned from."""
        self.skipped: tuple[Skipped, ...] = ()
        """Files the last scan left out."""
        self.scanning = False
        """True while a scan is under way."""
        self._generation = 0
        self._opening: str | None = None
        self._scan_started = 0.0
        self._filter_timer: Timer | None = None

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield Input(placeholder="Search titles and sources", id="search")
                yield Static("", id="status", markup=False)
                yield LibraryList(id="library")
            yield ArticleView(id="article")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one(LibraryList).focus()
        self.narrow = self.size.width < NARROW
        self.rescan()

    def on_resize(self, event: Resize) -> None:
        self.narrow = event.size.width < NARROW

    def watch_narrow(self, narrow: bool) -> None:
        self.query_one("#panes").set_class(narrow, "-narrow")

    def watch_reading(self, reading: bool) -> None:
        self.query_one("#panes").set_class(reading, "-reading")

    # --- scanning -----------------------------------------------------------------------------

    def rescan(self) -> None:
        """Forget the list and scan the folders again in a worker."""
        self._generation += 1
        self.query_one(LibraryList).clear_entries()
        self.scanning = True
        self._scan_started = monotonic()
        self._update_status()
        self.scan_worker(self._generation, self.paths)

    @work(thread=True, exclusive=True, group="scan")
    def scan_worker(self, generation: int, paths: list[str]) -> None:
        """Scan ``paths``, posting entries in batches so the first ones show at once."""
        worker = get_current_worker()
        batch: list[Entry] = []
        skipped: list[Skipped] = []
        flushed = 0
        last = monotonic()
        for item in scan(paths):
            if worker.is_cancelled:
                return
            if isinstance(item, Entry):
                batch.append(item)
            else:
                skipped.append(item)
            now = monotonic()
            if batch and (not flushed or len(batch) >= 500 or now - last > 0.1):
                self.post_message(EntriesFound(generation, tuple(batch)))
                flushed += len(batch)
                batch = []
                last = now
        if batch:
            self.post_message(EntriesFound(generation, tuple(batch)))
        self.post_message(ScanFinished(generation, tuple(skipped)))

    def on_entries_found(self, message: EntriesFound) -> None:
        if message.generation == self._generation:
            self.query_one(LibraryList).add_entries(message.entries)
            self._update_status()

    def on_scan_finished(self, message: ScanFinished) -> None:
        if message.generation == self._generation:
            self.scanning = False
            self.skipped = message.skipped
            self._update_status()

    def _update_status(self) -> None:
        library = self.query_one(LibraryList)
        total = len(library.entries)
        parts = [f"{total} article{'s' if total != 1 else ''}"]
        if self.scanning:
            parts[0] = f"Scanning… {parts[0]}"
        if library.query_text.strip():
            parts.append(f"{len(library.shown)} match “{library.query_text.strip()}”")
        parts.append(f"sort: {library.sort}")
        if self.skipped and not self.scanning:
            parts.append(f"{len(self.skipped)} skipped")
        self.query_one("#status", Static).update(" · ".join(parts))

    # --- opening articles ---------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#library")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_path(event.option.id)

    def open_path(self, path: str) -> None:
        """Load ``path`` in a worker and show it in the reader pane."""
        self._opening = path
        entry = next((e for e in self.query_one(LibraryList).entries if e.path == path), None)
        self.query_one(ArticleView).show_loading(entry.title if entry else path)
        self.reading = True
        self.query_one(ArticleView).focus()
        self.load_worker(path)

    @work(thread=True, exclusive=True, group="article")
    def load_worker(self, path: str) -> None:
        """Load and clean one article off the UI thread."""
        worker = get_current_worker()
        try:
            article = load_article(path)
        except LoadError as exc:
            if not worker.is_cancelled:
                self.post_message(ArticleFailed(path, str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(ArticleLoaded(article))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.article.path == self._opening:
            self.query_one(ArticleView).show(message.article)

    def on_article_failed(self, message: ArticleFailed) -> None:
        if message.path == self._opening:
            self.query_one(ArticleView).show_error(
                f"Could not open {message.path}: {message.reason}"
            )

    # --- search -------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _filter(self, event: Input.Changed) -> None:
        library = self.query_one(LibraryList)
        library.query_text = event.value
        if self._filter_timer is not None:
            self._filter_timer.stop()
        # Typing fast over a big library: filter once the keys pause, not on every key.
        if len(library.entries) > 2000:
            self._filter_timer = self.set_timer(0.15, self._apply_filter)
        else:
            self._apply_filter()

    def _apply_filter(self) -> None:
        self._filter_timer = None
        self.query_one(LibraryList).rebuild()
        self._update_status()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(LibraryList).focus()

    # --- actions ------------------------------------------------------------------------------

    def action_open(self) -> None:
        """Open the highlighted article."""
        entry = self.query_one(LibraryList).current_entry
        if entry is not None:
            self.open_path(entry.path)

    def action_go_back(self) -> None:
        """Leave the search box or the article, back to the list."""
        search = self.query_one("#search", Input)
        if search.has_focus and not search.value:
            search.display = False
        self.reading = False
        self.query_one(LibraryList).focus()

    def action_page_down(self) -> None:
        """Page the article down."""
        self.query_one(ArticleView).scroll_page_down()

    def action_page_up(self) -> None:
        """Page the article up."""
        self.query_one(ArticleView).scroll_page_up()

    def action_search(self) -> None:
        """Show the search box over the list."""
        self.reading = False
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_sort(self) -> None:
        """Cycle the list's sort order."""
        library = self.query_one(LibraryList)
        library.sort = next_sort(library.sort)
        library.rebuild()
        self._update_status()
        self.notify(f"Sorted by {library.sort}", timeout=2)

    def action_toggle_removed(self) -> None:
        """Show or hide the blocks cleaning removed."""
        view = self.query_one(ArticleView)
        view.show_removed = not view.show_removed

    def action_open_url(self) -> None:
        """Open the source URL of the article on show (or highlighted) in the web browser."""
        article = self.query_one(ArticleView).article
        entry = self.query_one(LibraryList).current_entry
        url = article.url if article is not None else (entry.url if entry else "")
        if not url:
            self.notify("This article has no source URL.", severity="warning")
            return
        self.open_url(url)
        self.notify(f"Opening {url}", markup=False)

    def action_rescan(self) -> None:
        """Scan the folders again."""
        self.rescan()

    def action_help(self) -> None:
        """Show the help screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # --- command palette ----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        """Textual's own commands plus every reader action."""
        yield from super().get_system_commands(screen)
        for key in KEYS:
            if key.action != "quit":
                yield SystemCommand(key.title, key.help, partial(self.run_action, key.action))
