"""What the main screen's parts share: the widgets it composes, the status line, opening.

:class:`MainBase` is the root of :class:`~reader.ui.screens.main.MainScreen` and of its mixins
(``main_search``, ``main_filters``, ``main_adding``, ``main_feeds``): each mixin subclasses it,
so it can reach the widgets and keep the status line true, and ``MainScreen`` inherits them all
(Textual finds the ``action_*`` methods and message handlers along the class's MRO).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from reader.ui.listing import adding_text, status_line
from reader.ui.messages import AddProgressed
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.feeds import FeedsPane
from reader.ui.widgets.library_list import LibraryList

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


class MainBase(Screen[None]):
    """The main screen's state, its widgets, and the status line."""

    reading: var[bool] = var(False)
    """True when the article pane has the user's attention (one-pane layout shows it)."""
    narrow: var[bool] = var(False)
    """True when the terminal is too narrow for two panes."""
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's own, without its repaint of the whole screen on every focus change (30-50 ms
    at 120x40 on a 2-core machine, after each article opened): the widget that gains the
    focus and the one that loses it restyle and redraw themselves, and nothing else changes.
    Set through ``set_focus`` as ever."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        """Files and folders the library is scanned from."""
        self.filter_pending: Timer | None = None
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

    # --- the status line ----------------------------------------------------------------------

    def _update_status(self) -> None:
        library = self.library
        text = status_line(
            len(library.entries),
            len(library.shown),
            scanning=library.scanning,
            filters=library.spec,
            query=library.query_text,
            sort=library.sort,
            skipped=len(library.skipped),
            adding=self._adding_text(),
        )
        found = [f"{len(library.found)} more in the text"] if library.found else []
        text = " · ".join([*self._feeds_progress(), text, *found])
        # A layout pass (a full screen's redraw, about 25 ms of each sort or filter key at
        # 10,000 articles) only when the wrapped line needs another height (up to 3 lines).
        status = self.query_one("#status", Static)
        width = status.content_region.width
        lines = min(3, len(Content(text).wrap(width))) if width > 0 else 1
        status.update(text, layout=lines != status.content_region.height)

    def _adding_text(self) -> str:
        if not self.adding:
            return ""
        jobs = self.adding.values()
        return adding_text(
            sum(p.done for p in jobs), sum(p.total for p in jobs), sum(p.received for p in jobs)
        )

    def _feeds_progress(self) -> list[str]:
        """The status line's first part while the feeds are being updated."""
        progress = self.feeds.progress
        if progress is None:
            return []
        done, total = progress
        return [f"Updating feeds… {done}/{total}" if total else "Updating feeds…"]

    # --- the article meant --------------------------------------------------------------------

    def open_path(self, path: str) -> None:
        """Load ``path`` in the reader pane."""
        entry = self.library.entry(path)
        title = entry.title if entry else path
        # Opened from a search: the pane highlights the query's matches and lands on the first.
        self.view.open(path, title, self.reader.algorithm, self.library.query_text)

    def _target_path(self) -> str | None:
        """The article the user means: the one on show when reading, else the highlighted one."""
        article = self.view.article
        if article is not None and (self.view.has_focus or self.reading):
            return article.path
        entry = self.library.current_entry
        return entry.path if entry is not None else None
