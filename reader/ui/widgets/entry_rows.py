"""A virtual ``OptionList`` of library entries, two lines a row: the rows and their marks.

:class:`EntryRows` keeps one option per entry path (made when first shown, reused by every
rebuild), the read and summary marks the rows show, what is listed (``shown``, then the body
matches ``found``), and draws cheaply: it redraws one row without measuring the list again and
indexes new rows' lines without wrapping their text. :class:`~reader.ui.widgets.library_list.
LibraryList` builds on it with the work (scan, marks, search, mentions) and the filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from operator import attrgetter
from typing import ClassVar, cast

from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.library import Entry
from reader.ui.body_hits import BodyHits
from reader.ui.listing import ROW_LINES, row_text

_PATH = attrgetter("path")

RENDERED_ROWS = 64
"""Rows whose drawn lines are kept: three screens' worth."""


class EntryRows(OptionList):
    """Entries as two-line options; the option id is the file path."""

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
        self.read: set[str] = set()
        """Paths marked as read."""
        self.cached: set[str] = set()
        """Paths with a cached summary."""
        self.shown: list[Entry] = []
        """The entries on screen that the title filter lets through, in display order."""
        self.found: list[Entry] = []
        """Below them: the entries whose text (not title or source) matches the query, best
        first (from the full-text index)."""
        self._hits = BodyHits()
        """What the index last answered for the query (``found`` is made from it)."""
        self._by_path: dict[str, Entry] = {}
        """Every entry known, by path."""
        self._rows: dict[str, Option] = {}
        """One option per path, made when first shown and reused by every rebuild: a search
        pause or a sort over 10,000 entries then rebuilds no row text."""
        self._keys: list[tuple[int, int]] = []
        """Every row's ``(row, line)`` pairs, in order, for the line cache (``_line_keys``)."""

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

    def show_rows(self, shown: list[Entry], found: list[Entry]) -> None:
        """List ``shown`` and, below them, the body matches ``found`` (rows of ``hits``),
        keeping the highlighted entry when it is still listed (else the first row)."""
        current = self.current_entry
        self.shown, self.found = shown, found
        paths = list(map(_PATH, shown))
        known: list[Option | None] = list(map(self._rows.get, paths))
        if None in known:  # rows never shown yet
            options = [o or self._option(e) for o, e in zip(known, shown, strict=True)]
        else:
            options = cast("list[Option]", known)
        options += [self._hits.rows[e.path] for e in found]
        self._set_rows(paths + [e.path for e in found], options)
        if not shown and not found:
            return
        index = 0
        if current is not None:
            with suppress(OptionDoesNotExist):
                index = self.get_option_index(current.path)
        self.highlighted = index

    def _set_rows(self, paths: list[str], options: list[Option]) -> None:
        """``set_options(options)`` (``paths``: their ids), without its per-option Python loop.

        ``OptionList.add_options`` checks and indexes each option in Python: about 80 ms of a
        sort or filter rebuild at 100,000 rows. Here its three tables are filled from C-level
        ``zip``s, then everything else ``set_options`` does is done the same. Duplicate ids, or
        a Textual release whose tables differ, go through ``set_options`` itself.
        """
        by_id = dict(zip(paths, options, strict=True))
        try:
            listed, cache = self._options, self._line_cache
            fits = isinstance(listed, list) and isinstance(self._id_to_option, dict)
            fits = fits and isinstance(self._option_to_index, dict)
            lines, heights, starts = cache.lines, cache.heights, cache.index_to_line
        except AttributeError:
            fits = False
        if not fits or len(by_id) != len(options):
            self.set_options(options)
            return
        count = len(options)
        # Rows all ROW_LINES tall: lines indexed for as many rows stay true in any order.
        if not (len(lines) == ROW_LINES * count and len(heights) == len(starts) == count):
            cache.clear()
        listed[:] = options
        self._option_render_cache.clear()
        self._id_to_option = by_id
        self._option_to_index = dict(zip(options, range(count), strict=True))
        self.highlighted = None
        self.scroll_y = 0
        if options and self.is_mounted:
            self.refresh(layout=self.styles.auto_dimensions)
            self._update_lines()

    def select_path(self, path: str) -> bool:
        """Highlight the row of ``path``; False when it is not listed (filtered out)."""
        try:
            self.highlighted = self.get_option_index(path)
        except OptionDoesNotExist:
            return False
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
            end = len(self.options)
            cache.index_to_line.update(
                zip(
                    range(start, end),
                    range(len(lines), len(lines) + ROW_LINES * (end - start), ROW_LINES),
                    strict=True,
                )
            )
            cache.heights.update(dict.fromkeys(range(start, end), ROW_LINES))
            lines.extend(self._line_keys(end)[ROW_LINES * start :])
        except AttributeError:
            return super()._update_lines()
        super()._update_lines()  # nothing left to measure: it sets the virtual size

    def _line_keys(self, count: int) -> list[tuple[int, int]]:
        """The line cache's ``(row, line)`` pairs of ``count`` rows (made once, grown as rows
        come: a rebuild of 100,000 rows reuses them rather than making 200,000 pairs)."""
        keys = self._keys
        if len(keys) < ROW_LINES * count:
            rows = range(len(keys) // ROW_LINES, count)
            keys.extend((row, line) for row in rows for line in range(ROW_LINES))
        return keys[: ROW_LINES * count]

    @property
    def current_entry(self) -> Entry | None:
        """The highlighted entry, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.shown) + len(self.found):
            return None
        return self.shown[index] if index < len(self.shown) else self.found[index - len(self.shown)]
