"""The main screen: the list and the reader pane, the keys, and the status line.

The widgets do their own work (the list scans, the pane loads and summarises) and post
messages named as past events; this screen routes them: it keeps the status line true, marks
an opened article read, moves the focus, and runs the few actions that span both panes (copy,
export, the mentions filter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static

from reader.adding import ALREADY
from reader.textutil import safe_line
from reader.ui.idle_gc import keep_long_lived
from reader.ui.keys import KEYS
from reader.ui.listing import adding_text, next_sort, skipped_note, status_line
from reader.ui.messages import (
    AddFinished,
    AddProgressed,
    ArticleFailed,
    ArticleLoaded,
    ArticleLoading,
    CopyFinished,
    EntriesFound,
    FeedChosen,
    FeedMarkedRead,
    FeedsProgressed,
    FeedsUpdated,
    FullPageFetched,
    MentionsFound,
    ScanFinished,
    SearchFinished,
    StoreOpened,
    SummaryReady,
    UrlAdded,
    UrlFailed,
    WorkFailed,
)
from reader.ui.screens.add_url import AddUrlScreen
from reader.ui.screens.entities import EntitiesScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.tags import TagsScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.feeds import ALL, FeedsPane
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.library_list import LibraryList
from reader.ui.widgets.url_adder import UrlAdder
from reader.urls import refused_scheme

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

NARROW = 100
"""Below this many columns the screen shows one pane at a time."""
FILTER_DELAY = 0.15
"""Seconds of pause in typing before a big library is filtered..."""
FILTER_DELAY_FROM = 2000
"""... from this many articles (a smaller one is filtered on every key)."""
RECOUNT_AFTER = 0.3
"""Seconds after a read mark before the feeds pane counts again (the mark is saved in a
worker)."""


class MainScreen(Screen[None]):
    """Browse the library and read its articles, from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(k.keys, k.action, k.title, show=k.footer) for k in KEYS
    ]

    reading: var[bool] = var(False)
    """True when the article pane has the user's attention (one-pane layout shows it)."""
    narrow: var[bool] = var(False)
    """True when the terminal is too narrow for two panes."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        """Files and folders the library is scanned from."""
        self.filter_pending: Timer | None = None
        self.listed_feed: str | None = None
        """The URL of the feed whose items the list shows (the feed filter), if any."""
        """The delayed filter of a big library, while typing goes on."""
        self._warmed = False
        self.adding: dict[int, AddProgressed] = {}
        """Add commands under way: the last progress of each, by job."""

    @property
    def reader(self) -> ReaderApp:
        """The app, with its store and settings."""
        return cast("ReaderApp", self.app)

    @property
    def library(self) -> LibraryList:
        return self.query_one(LibraryList)

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def feeds(self) -> FeedsPane:
        return self.query_one(FeedsPane)

    @property
    def search(self) -> Input:
        return self.query_one("#search", Input)

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

    def _update_status(self) -> None:
        library = self.library
        mentioning = library.mentioning[0] if library.mentioning is not None else None
        text = status_line(
            len(library.entries),
            len(library.shown),
            scanning=library.scanning,
            mentioning=mentioning,
            query=library.query_text,
            sort=library.sort,
            skipped=len(library.skipped),
            tag=library.tag,
            adding=self._adding_text(),
        )
        found = [f"{len(library.found)} more in the text"] if library.found else []
        text = " · ".join([*self._feeds_progress(), text, *found, *self._feed_filter()])
        self.query_one("#status", Static).update(text)

    def _adding_text(self) -> str:
        if not self.adding:
            return ""
        jobs = self.adding.values()
        return adding_text(
            sum(p.done for p in jobs), sum(p.total for p in jobs), sum(p.received for p in jobs)
        )

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

    @on(OptionList.OptionSelected, "#library")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_path(event.option.id)

    def open_path(self, path: str) -> None:
        """Load ``path`` in the reader pane."""
        entry = self.library.entry(path)
        title = entry.title if entry else path
        # Opened from a search: the pane highlights the query's matches and lands on the first.
        self.view.open(path, title, self.reader.algorithm, self.library.query_text)

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

    # --- search -------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _filter(self, event: Input.Changed) -> None:
        self.library.query_text = event.value
        if self.filter_pending is not None:
            self.filter_pending.stop()
        # Typing fast over a big library: filter once the keys pause, not on every key.
        if len(self.library.entries) > FILTER_DELAY_FROM:
            self.filter_pending = self.set_timer(FILTER_DELAY, self._apply_filter)
        else:
            self._apply_filter()

    def _apply_filter(self) -> None:
        self.filter_pending = None
        self.library.rebuild()
        self.library.search_bodies()  # the text's matches join the list when the index answers
        self._update_status()

    def on_search_finished(self, _: SearchFinished) -> None:
        self._update_status()

    def action_next_match(self) -> None:
        """Go to the next search match in the article (wrapping)."""
        self._step_match(1)

    def action_previous_match(self) -> None:
        """Go to the previous search match in the article (wrapping)."""
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        view = self.view
        if not view.matches:
            self.notify("No search matches here: open an article from a search (/).", timeout=3)
            return
        number = view.goto_match(view.current_match + step)
        self.notify(f"Match {number + 1}/{len(view.matches)}", timeout=2)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.library.focus()

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
        if self.feeds.has_focus or (self.library.has_focus and self.library.feed_only):
            self._close_feeds()  # the feeds pane, or the feed filter: all of the library again
        elif self.search.has_focus and not self.search.value:
            self.search.display = False
        elif self.library.has_focus:
            self.clear_mention_filter()
            self.clear_tag_filter()
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
        self._update_status()
        self.notify(f"Sorted by {library.sort}", timeout=2)

    def action_toggle_removed(self) -> None:
        self.view.show_removed = not self.view.show_removed

    def action_toggle_highlight(self) -> None:
        self.view.highlight = not self.view.highlight

    def action_rescan(self) -> None:
        self.rescan()

    def action_help(self) -> None:
        if not isinstance(self.app.screen, HelpScreen):
            self.app.push_screen(HelpScreen())

    def _target_path(self) -> str | None:
        """The article the user means: the one on show when reading, else the highlighted one."""
        article = self.view.article
        if article is not None and (self.view.has_focus or self.reading):
            return article.path
        entry = self.library.current_entry
        return entry.path if entry is not None else None

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

    # --- entities and mentions ----------------------------------------------------------------

    def action_entities(self) -> None:
        """Show the article's entities; choosing one filters the library to its mentions."""
        article = self.view.article
        if article is None:
            self.notify("Open an article first.", severity="warning")
            return
        self.app.push_screen(EntitiesScreen(article.title, self.view.entities), self._filter_by)

    def _filter_by(self, entity: str | None) -> None:
        if entity is not None:
            self.notify(f"Finding pieces that mention {entity}…", timeout=2)
            self.library.find_mentions(entity)

    def on_mentions_found(self, _: MentionsFound) -> None:
        # "Every piece that mentions X": a title search left over would hide some of them.
        if self.search.value:
            with self.search.prevent(Input.Changed):
                self.search.value = ""
            self.library.query_text = ""
            self.library.rebuild()
        self.search.display = False
        self.reading = False
        self.library.focus()
        self._update_status()

    def clear_mention_filter(self) -> None:
        """Show the whole library again."""
        if self.library.clear_mentions():
            self._update_status()

    # --- tags ---------------------------------------------------------------------------------

    def action_tags(self) -> None:
        """Pick one of the listed articles' tags; the list then shows only those with it."""
        self.app.push_screen(TagsScreen(self.library.entries), self._filter_by_tag)

    def _filter_by_tag(self, tag: str | None) -> None:
        if tag is None:
            return
        self.library.filter_tag(tag)
        self.reading = False
        self.library.focus()
        self._update_status()

    # --- feeds: the pane (f), mark read (A), update (U), full page (F) ------------------------

    def _feeds_progress(self) -> list[str]:
        """The status line's first part while the feeds are being updated."""
        progress = self.feeds.progress
        if progress is None:
            return []
        done, total = progress
        return [f"Updating feeds… {done}/{total}" if total else "Updating feeds…"]

    def _feed_filter(self) -> list[str]:
        """The status line's part for the feed filter."""
        feed = self.library.feed_only
        if feed is None:
            return []
        return [f"{len(self.library.shown)} in feed “{safe_line(feed[0])}” (Esc: all)"]

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
        self.listed_feed = None
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
        self.listed_feed = message.url
        self.library.filter_feed(message.title, message.paths)
        self.reading = False
        self.library.focus()
        self._update_status()

    def clear_tag_filter(self) -> None:
        """Show every tag's articles again."""
        if self.library.tag is not None:
            self.library.filter_tag(None)
            self._update_status()

    # --- adding from the web ------------------------------------------------------------------

    def action_add_url(self) -> None:
        """Ask for URLs, then fetch them into the library folder in a worker."""
        self.app.push_screen(AddUrlScreen(), self._add_urls)

    def _add_urls(self, urls: list[str] | None) -> None:
        if not urls:
            return
        job = self.query_one(UrlAdder).add(urls)
        self.adding[job] = AddProgressed(job, 0, len(urls), 0)
        self._update_status()

    def on_add_progressed(self, message: AddProgressed) -> None:
        if message.job in self.adding:
            self.adding[message.job] = message
            self._update_status()

    def on_url_added(self, message: UrlAdded) -> None:
        entry = self.library.insert_entry(message.entry)
        title = safe_line(entry.title) or entry.path
        if message.status == ALREADY:
            self.notify(f"Already saved: {title}", timeout=4)
        else:
            self.notify(f"Saved: {title}", timeout=4)
        self._update_status()
        if message.first:
            self.library.select_path(entry.path)
            self.open_path(entry.path)

    def on_url_failed(self, message: UrlFailed) -> None:
        self.notify(
            f"{message.url}\n{message.reason}", title="Not added", severity="error", timeout=10
        )

    def on_add_finished(self, message: AddFinished) -> None:
        self.adding.pop(message.job, None)
        self._update_status()

    def action_mark_feed_read(self) -> None:
        """Mark every item of the feed meant read: the one highlighted in the feeds pane, or
        the one the list is filtered by."""
        feed = self.feeds.current_feed if self.feeds.shown else None
        if feed is None and self.library.feed_only is not None and self.listed_feed:
            feed = self.feeds.rows.get(self.listed_feed)
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
        if library.feed_only is not None and self.listed_feed:  # it may have new items
            self.feeds.choose(self.listed_feed, [e.path for e in library.entries])
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
