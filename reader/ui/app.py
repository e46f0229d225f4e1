"""ReaderApp: bindings, layout and wiring. Behaviour lives in the core and the widgets."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Event, InputEvent, Resize
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader import clipboard, present
from reader.entities import article_entities
from reader.export import default_export_dir, export_summary
from reader.formats import LoadError
from reader.library import Entry, Skipped, prepare_workers, scan
from reader.model import Article, Summary
from reader.pipeline import load_article
from reader.store import Store
from reader.summary import ALGORITHMS
from reader.ui.idle_gc import QUIET, IdleCollector, keep_long_lived
from reader.ui.keys import KEYS
from reader.ui.listing import next_sort
from reader.ui.messages import (
    ArticleFailed,
    ArticleLoaded,
    CopyFinished,
    EntriesFound,
    MentionsFound,
    ScanFinished,
    StoreOpened,
    SummaryFailed,
    SummaryReady,
)
from reader.ui.screens.entities import EntitiesScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.library_list import LibraryList

NARROW = 100
"""Below this many columns the app shows one pane at a time."""


def skipped_note(skipped: Sequence[Skipped], shown: int = 4) -> str:
    """Which files the scan left out and why (the first few; ``reader list`` names all)."""
    lines = [f"{Path(s.path).name}: {s.reason}" for s in skipped[:shown]]
    if len(skipped) > shown:
        lines.append(f"… and {len(skipped) - shown} more (reader list shows them all)")
    return "\n".join(lines)


TERMINAL_FD = 0
"""Standard input: the terminal Textual reads keys from."""


def terminal_alive(fd: int) -> bool:
    """True while ``fd`` is an open terminal (after a hangup it no longer answers as one)."""
    try:
        return os.isatty(fd)
    except OSError:
        return False


FLUSH_EVERY = 0.25
"""Seconds between batches of scanned entries handed to the list (the first goes at once):
each batch costs the UI a frame."""


class ReaderApp(App[None]):
    """Browse a library of saved articles and read them, from the keyboard."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(k.keys, k.action, k.title, show=k.footer) for k in KEYS
    ]

    reading: var[bool] = var(False)
    """True when the article pane has the user's attention (one-pane layout shows it)."""
    narrow: var[bool] = var(False)
    """True when the terminal is too narrow for two panes."""

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        store_path: Path | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        """Files and folders the library is scanned from."""
        self.skipped: tuple[Skipped, ...] = ()
        """Files the last scan left out."""
        self.scanning = False
        """True while a scan is under way."""
        self._generation = 0
        self._opening: str | None = None
        self._filter_timer: Timer | None = None
        self._loading_timer: Timer | None = None
        self._warmed = False
        self.store_path = store_path
        """The SQLite store's file (None: the default in the user data dir)."""
        self.export_dir = export_dir if export_dir is not None else default_export_dir()
        """Where ``e`` (and a failed copy) writes Markdown summaries."""
        self.algorithm = ALGORITHMS[0]
        """The summary algorithm (chosen in the command palette)."""
        self.summary_sentences: int | None = None
        """The summary length asked for; None adapts it to the article."""
        self._store: Store | None = None
        self._asked_mention: str | None = None
        """The entity whose mentions are being looked for (a late answer for another is
        dropped); the filter in force lives in ``LibraryList.mentioning``."""
        self._mentions: dict[str, tuple[tuple[int, int], frozenset[str]]] = {}
        """Per path: the file's (size, mtime_ns) when read, and the entity texts it held."""
        self._store_lock = threading.Lock()
        self._idle_gc = IdleCollector(busy=self._working)
        prepare_workers()  # before Textual takes over stderr: the scan's process pool needs it

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield Input(placeholder="Search titles and sources", id="search")
                yield Static("", id="status", markup=False)
                yield LibraryList(id="library")
            yield ArticleView(id="article")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one(LibraryList).focus()
        self.narrow = self.size.width < NARROW
        self.rescan()
        self.store_worker()
        self.set_interval(QUIET / 2, self._idle_gc.tick)
        if not self.is_headless and terminal_alive(TERMINAL_FD):
            self.set_interval(1.0, self._check_terminal)

    def _check_terminal(self) -> None:
        """Quit once the terminal is gone (window closed, tmux killed, SSH dropped).

        Run through ``make`` or another parent that does not pass the hangup on, the app gets
        no SIGHUP, and Textual's input thread then spins on end-of-file at full speed.
        """
        if not terminal_alive(TERMINAL_FD):
            self.exit(return_code=129, message="The terminal went away.")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed is reported, never fatal: the app keeps running."""
        if event.state != WorkerState.ERROR:
            return
        worker = event.worker
        what = {
            "scan_worker": "Scanning the library",
            "store_worker": "Opening the summary cache",
            "warm_up_worker": "Loading the summarizer",
            "persist_read": "Saving the read mark",
            "copy_worker": "Copying",
            "mentions_worker": "Finding mentions",
        }.get(worker.name, worker.name)
        if worker.name == "scan_worker":
            self.scanning = False
            self._update_status()
        self.notify(
            f"{what} failed: {worker.error}",
            title="Something went wrong",
            severity="error",
            timeout=10,
            markup=False,
        )

    # --- the store ----------------------------------------------------------------------------

    def store(self) -> Store:
        """The app's one store, opened on first use (call it from workers, not the UI thread)."""
        with self._store_lock:
            if self._store is None:
                self._store = Store.open(self.store_path)
            return self._store

    @work(thread=True, exit_on_error=False, group="store")
    def store_worker(self) -> None:
        """Open the store off the UI thread and hand the list its read/cached marks."""
        store = self.store()
        self.post_message(StoreOpened(store.read_paths(), store.summarized_paths(), store.warning))

    @work(thread=True, exit_on_error=False, group="store")
    def warm_up_worker(self) -> None:
        """Load the summarizer (numpy, sumy: a third of a second of imports) off the UI thread
        once the library is listed, so neither start-up, the scan nor the first open waits."""
        from reader import summary as summarize

        summarize.warm_up()
        keep_long_lived()

    def on_store_opened(self, message: StoreOpened) -> None:
        self.query_one(LibraryList).add_marks(message.read, message.summarized)
        if message.warning:
            self.notify(message.warning, title="Summary cache", severity="warning", markup=False)

    def _mark_read(self, path: str, read: bool) -> None:
        """Mark ``path`` read or unread in the list and, when that changed it, in the store."""
        if self.query_one(LibraryList).set_read(path, read):
            self.persist_read(path, read)

    @work(thread=True, exit_on_error=False, group="store")
    def persist_read(self, path: str, read: bool) -> None:
        """Save the read mark of ``path``."""
        self.store().set_read(path, read)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()

    def _working(self) -> bool:
        """Whether any worker (scan, article, summary...) is under way."""
        return any(worker.state == WorkerState.RUNNING for worker in self.workers)

    async def on_event(self, event: Event) -> None:
        if isinstance(event, InputEvent):
            self._idle_gc.input_seen()
        await super().on_event(event)

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

    # --- scanning -----------------------------------------------------------------------------

    def rescan(self) -> None:
        """Forget the list and scan the folders again in a worker."""
        self._generation += 1
        self.query_one(LibraryList).clear_entries()
        self.scanning = True
        self._update_status()
        self.scan_worker(self._generation, self.paths)

    @work(thread=True, exit_on_error=False, exclusive=True, group="scan")
    def scan_worker(self, generation: int, paths: list[str]) -> None:
        """Scan ``paths``, posting entries in batches so the first ones show at once."""
        worker = get_current_worker()
        batch: list[Entry] = []
        skipped: list[Skipped] = []
        flushed = 0
        last = monotonic()
        # The library index in the store: a relaunch reads only files that changed. New files
        # are read by one process per CPU, at a lower priority so that keys stay quick. On 2
        # CPUs, 10,000 new files: 3.1-4.1 s, keys 10-14 ms median meanwhile (in this thread,
        # which shares the GIL with the UI: 5.5-6.5 s).
        for item in scan(paths, store=self.store()):
            if worker.is_cancelled:
                return
            if isinstance(item, Entry):
                batch.append(item)
            else:
                skipped.append(item)
            now = monotonic()
            if batch and (not flushed or len(batch) >= 500 or now - last > FLUSH_EVERY):
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
            if not self._warmed:  # (an article opened sooner loads it in its own worker)
                self._warmed = True
                self.warm_up_worker()
            if message.skipped:
                self.notify(skipped_note(message.skipped), title="Not listed", markup=False)
            keep_long_lived()  # thousands of entries and list rows

    def _update_status(self) -> None:
        library = self.query_one(LibraryList)
        total = len(library.entries)
        parts = [f"{total} article{'s' if total != 1 else ''}"]
        if self.scanning:
            parts[0] = f"Scanning… {parts[0]}"
        if library.mentioning is not None:
            parts.append(f"{len(library.shown)} mention “{library.mentioning[0]}” (Esc: all)")
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
        entry = self.query_one(LibraryList).entry(path)
        title = entry.title if entry else path
        # Most articles arrive within a frame or two: say "Loading" only when one is slow, so
        # a quick open repaints the pane once instead of twice.
        self._stop_loading()
        self._loading_timer = self.set_timer(0.2, partial(self._show_loading, path, title))
        self.load_worker(path, self.summary_sentences, self.algorithm)

    def _enter_reader(self) -> None:
        """Show the reader pane (the only pane in the narrow layout) and focus it.

        Side by side, the focus moves a frame after the article is drawn: moving it restyles
        and redraws the list too, which would otherwise hold the article back by about 15 ms.
        """
        self.reading = True
        view = self.query_one(ArticleView)
        if self.narrow:
            view.focus()
        else:
            self.call_after_refresh(self._focus_reader)

    def _focus_reader(self) -> None:
        if self.reading and not self.narrow:  # not if the user went back meanwhile
            self.query_one(ArticleView).focus()

    def _stop_loading(self) -> None:
        """Cancel the pending "Loading" notice (its article arrived, failed or was replaced)."""
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None

    def _show_loading(self, path: str, title: str) -> None:
        view = self.query_one(ArticleView)
        if self._opening == path and (view.article is None or view.article.path != path):
            view.show_loading(title)
            self._enter_reader()

    @work(thread=True, exit_on_error=False, exclusive=True, group="article")
    def load_worker(self, path: str, sentences: int | None, algorithm: str) -> None:
        """Load and clean one article off the UI thread, with its summary when cached."""
        from reader import summary as summarize

        worker = get_current_worker()
        try:
            article = load_article(path)
            entities = () if worker.is_cancelled else tuple(article_entities(article))
            summary = summarize.stored_summary(article, sentences, algorithm, self.store())
        except Exception as exc:  # LoadError, or a bug in the core: never take the app down.
            reason = str(exc) if isinstance(exc, LoadError) else f"{type(exc).__name__}: {exc}"
            if not worker.is_cancelled:
                self.post_message(ArticleFailed(path, reason))
            return
        if not worker.is_cancelled:
            self.post_message(ArticleLoaded(article, entities, summary, sentences, algorithm))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        article = message.article
        if article.path != self._opening:
            return
        self._stop_loading()
        view = self.query_one(ArticleView)
        view.show(article, message.entities)
        self._enter_reader()
        self._mark_read(article.path, True)
        asked = (message.sentences, message.algorithm)
        if message.summary is not None and asked == (self.summary_sentences, self.algorithm):
            view.show_summary(message.summary)  # from the cache: no second repaint
        else:
            self.summary_worker(article, self.summary_sentences, self.algorithm)

    # --- summaries ----------------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, exclusive=True, group="summary")
    def summary_worker(self, article: Article, sentences: int | None, algorithm: str) -> None:
        """Summarise ``article`` (from the cache when there) off the UI thread."""
        from reader import summary as summarize

        worker = get_current_worker()
        try:
            summary = summarize.cached_summary(article, sentences, algorithm, self.store())
        except Exception as exc:  # SummaryError, or a bug: say so, never crash.
            if not worker.is_cancelled:
                self.post_message(SummaryFailed(article.path, str(exc) or type(exc).__name__))
            return
        if not worker.is_cancelled:
            self.post_message(SummaryReady(article.path, sentences, algorithm, summary))

    def on_summary_ready(self, message: SummaryReady) -> None:
        self.query_one(LibraryList).add_marks((), (message.path,))
        view = self.query_one(ArticleView)
        current = view.article is not None and view.article.path == message.path
        if current and (message.sentences, message.algorithm) == (
            self.summary_sentences,
            self.algorithm,
        ):
            view.show_summary(message.summary)

    def on_summary_failed(self, message: SummaryFailed) -> None:
        view = self.query_one(ArticleView)
        if view.article is not None and view.article.path == message.path:
            view.show_summary(None, error=message.reason)

    def _resummarise(self) -> None:
        view = self.query_one(ArticleView)
        if view.article is not None:
            view.show_summary(None, loading=True)
            self.summary_worker(view.article, self.summary_sentences, self.algorithm)

    def action_summary_longer(self) -> None:
        """One more sentence in the summary."""
        summary = self.query_one(ArticleView).summary
        if summary is None:
            return
        self.summary_sentences = len(summary.sentences) + 1
        self._resummarise()

    def action_summary_shorter(self) -> None:
        """One sentence fewer in the summary."""
        summary = self.query_one(ArticleView).summary
        if summary is None:
            return
        if len(summary.sentences) <= 1:
            self.notify("The summary is already one sentence.", timeout=2)
            return
        self.summary_sentences = len(summary.sentences) - 1
        self._resummarise()

    def set_algorithm(self, algorithm: str) -> None:
        """Summarise with ``algorithm`` from now on (and redo the summary on show)."""
        self.algorithm = algorithm
        self.notify(f"Summaries now use {algorithm}.", timeout=2)
        self._resummarise()

    def on_article_failed(self, message: ArticleFailed) -> None:
        if message.path == self._opening:
            self._stop_loading()  # a late "Loading" must not cover the error
            self.query_one(ArticleView).show_error(
                f"Could not open {message.path}: {message.reason}"
            )
            self._enter_reader()

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
        elif self.query_one(LibraryList).has_focus:
            self.clear_mention_filter()
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
        """Open the source URL of the article meant (see ``_target_path``) in the browser."""
        path = self._target_path()
        article = self.query_one(ArticleView).article
        entry = self.query_one(LibraryList).entry(path) if path is not None else None
        if article is not None and article.path == path:
            url = article.url
        else:
            url = entry.url if entry is not None else ""
        if not url:
            self.notify("This article has no source URL.", severity="warning")
            return
        self.open_url(url)
        self.notify(f"Opening {url}", markup=False)

    def _target_path(self) -> str | None:
        """The article the user means: the one on show when reading, else the highlighted one."""
        view = self.query_one(ArticleView)
        if view.article is not None and (view.has_focus or self.reading):
            return view.article.path
        entry = self.query_one(LibraryList).current_entry
        return entry.path if entry is not None else None

    def action_toggle_read(self) -> None:
        """Mark the article read or unread (remembered across runs)."""
        path = self._target_path()
        if path is None:
            return
        read = path not in self.query_one(LibraryList).read
        self._mark_read(path, read)
        self.notify("Marked read." if read else "Marked unread.", timeout=2)

    def _summary_on_show(self) -> tuple[Article, Summary] | None:
        """The article on show and its summary, or None (and a word to the user) when there
        is no summary yet."""
        view = self.query_one(ArticleView)
        if view.article is None or view.summary is None:
            self.notify("Open an article and wait for its summary first.", severity="warning")
            return None
        return view.article, view.summary

    def action_copy_summary(self) -> None:
        """Copy the summary (title, source, bullet points) to the clipboard."""
        if (shown := self._summary_on_show()) is not None:
            article, summary = shown
            self.copy_worker(present.summary_text(article, summary), "summary", article, summary)

    def action_copy_article(self) -> None:
        """Copy the whole clean article (title, source, body) to the clipboard."""
        view = self.query_one(ArticleView)
        if view.article is None:
            self.notify("Open an article first.", severity="warning")
            return
        self.copy_worker(present.article_text(view.article), "article", view.article, view.summary)

    @work(thread=True, exit_on_error=False, exclusive=True, group="copy")
    def copy_worker(self, text: str, what: str, article: Article, summary: Summary | None) -> None:
        """Run the clipboard tools off the UI thread; export Markdown when nothing worked."""

        def osc52(sequence: str) -> None:
            self.call_from_thread(self.write_osc52, sequence, text)

        result = clipboard.copy(text, osc52=osc52)
        exported: str | None = None
        if not result.ok and summary is not None:
            try:
                exported = str(export_summary(article, summary, self.export_dir))
            except OSError:
                exported = None
        self.post_message(CopyFinished(what, result, exported))

    def write_osc52(self, sequence: str, text: str) -> None:
        """Send an OSC 52 sequence to the terminal (on the UI thread).

        Plain OSC 52 goes through Textual's public ``copy_to_clipboard`` (which builds the same
        sequence). Inside tmux the sequence must be wrapped for passthrough, which Textual 8
        cannot do, so the wrapped bytes go to the driver Textual itself writes through.
        """
        if not sequence.startswith("\x1bPtmux;"):
            self.copy_to_clipboard(text)
            return
        driver = self._driver
        if driver is None:
            raise OSError("no terminal to write to")
        driver.write(sequence)

    def on_copy_finished(self, message: CopyFinished) -> None:
        result = message.result
        if result.ok:
            self.notify(f"Copied the {message.what}. {result.message}", timeout=4, markup=False)
            return
        where = f" The summary was saved to {message.exported}." if message.exported else ""
        self.notify(f"{result.message}{where}", severity="error", timeout=8, markup=False)

    def action_export(self) -> None:
        """Export the summary to a Markdown file."""
        if (shown := self._summary_on_show()) is None:
            return
        try:
            path = export_summary(*shown, self.export_dir)
        except OSError as exc:
            self.notify(f"Could not export: {exc}", severity="error", markup=False)
            return
        self.notify(f"Summary exported to {path}", timeout=6, markup=False)

    def action_entities(self) -> None:
        """Show the article's entities; choosing one filters the library to its mentions."""
        view = self.query_one(ArticleView)
        if view.article is None:
            self.notify("Open an article first.", severity="warning")
            return
        self.push_screen(EntitiesScreen(view.article.title, view.entities), self._filter_by)

    def _filter_by(self, entity: str | None) -> None:
        if entity is None:
            return
        self._asked_mention = entity
        self.notify(f"Finding pieces that mention {entity}…", timeout=2, markup=False)
        paths = [e.path for e in self.query_one(LibraryList).entries]
        self.mentions_worker(entity, paths)

    @work(thread=True, exit_on_error=False, exclusive=True, group="mentions")
    def mentions_worker(self, entity: str, paths: list[str]) -> None:
        """Find which of ``paths`` mention ``entity``.

        Entity texts are cached per file version (size and modification time): a file edited
        since, found again by ``R``, is read afresh. The pop-up lists a full name for its
        surname mentions too, and that full name is itself one of the piece's texts.
        """
        worker = get_current_worker()
        found: set[str] = set()
        for path in paths:
            if worker.is_cancelled:
                return
            try:
                st = Path(path).stat()
            except OSError:
                continue  # gone since the scan: it mentions nothing
            version = (st.st_size, st.st_mtime_ns)
            cached = self._mentions.get(path)
            if cached is not None and cached[0] == version:
                names = cached[1]
            else:
                try:
                    article = load_article(path)
                    names = frozenset(e.text for e in article_entities(article))
                except Exception:  # An unreadable file simply mentions nothing.
                    names = frozenset()
                self._mentions[path] = (version, names)
            if entity in names:
                found.add(path)
        self.post_message(MentionsFound(entity, found))

    def on_mentions_found(self, message: MentionsFound) -> None:
        if message.entity != self._asked_mention:
            return
        library = self.query_one(LibraryList)
        library.mentioning = (message.entity, frozenset(message.paths))
        # "Every piece that mentions X": a title search left over would hide some of them.
        search = self.query_one("#search", Input)
        if search.value:
            with search.prevent(Input.Changed):
                search.value = ""
            library.query_text = ""
        search.display = False
        library.rebuild()
        self.reading = False
        library.focus()
        self._update_status()

    def clear_mention_filter(self) -> None:
        """Show the whole library again."""
        self._asked_mention = None
        library = self.query_one(LibraryList)
        if library.mentioning is not None:
            library.mentioning = None
            library.rebuild()
            self._update_status()

    def action_toggle_highlight(self) -> None:
        """Colour entities in the body, or not."""
        view = self.query_one(ArticleView)
        view.highlight = not view.highlight

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
        for algorithm in ALGORITHMS:
            yield SystemCommand(
                f"Summary algorithm: {algorithm}",
                f"Summarise with {algorithm}"
                + (" (current)" if algorithm == self.algorithm else ""),
                partial(self.set_algorithm, algorithm),
            )
