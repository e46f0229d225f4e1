"""The article list: a virtual ``OptionList`` over library entries, filtered and sorted."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.library import Entry
from reader.ui.listing import ROW_LINES, SORTS, arrange, row_text

RENDERED_ROWS = 64
"""Rows whose drawn lines are kept: three screens' worth."""


class LibraryList(OptionList):
    """Every scanned article as one two-line option; the option id is the file path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
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
        self.shown: list[Entry] = []
        """The entries on screen, in display order."""
        self._by_path: dict[str, Entry] = {}
        self._rows: dict[str, Option] = {}
        """One option per path, made when first shown and reused by every rebuild: a search
        pause or a sort over 10,000 entries then rebuilds no row text."""

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
        self.entries.extend(batch)
        self._by_path.update((e.path, e) for e in batch)
        if self.query_text.strip() or self.sort != SORTS[0] or self.mentioning is not None:
            self.rebuild()
            return
        self.shown.extend(batch)
        self.add_options([self._option(e) for e in batch])
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def clear_entries(self) -> None:
        """Forget every entry (before a rescan)."""
        self.entries.clear()
        self.shown.clear()
        self._by_path.clear()
        self._rows.clear()
        self.clear_options()

    def rebuild(self) -> None:
        """Re-apply the filter and sort, keeping the highlighted article when still shown."""
        current = self.current_entry
        shown = arrange(self.entries, self.query_text, self.sort)
        if self.mentioning is not None:
            only = self.mentioning[1]
            shown = [e for e in shown if e.path in only]
        self.shown = shown
        self.set_options([self._option(e) for e in self.shown])
        if not self.shown:
            return
        index = 0
        if current is not None:
            with suppress(OptionDoesNotExist):
                index = self.get_option_index(current.path)
        self.highlighted = index

    def set_read(self, path: str, read: bool) -> bool:
        """Mark ``path`` read or unread and redraw its row; False when it already was."""
        if (path in self.read) == read:
            return False
        if read:
            self.read.add(path)
        else:
            self.read.discard(path)
        self.refresh_entry(path)
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
        if self.highlighted is None or not 0 <= self.highlighted < len(self.shown):
            return None
        return self.shown[self.highlighted]
