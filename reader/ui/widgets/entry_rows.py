"""The article list's rows, drawn only where the screen shows them: two lines a row.

:class:`EntryRows` is a Line API ``ScrollView``: it holds what is listed (``shown``, then the
body matches ``found``), the highlighted index and the read and summary marks, and its
``render_line`` draws the few rows in view, keeping their lines in a small cache. A rebuild
(sort, filter, query) only swaps the two lists and sets the virtual height: the UI's work does
not grow with the list. (It was an ``OptionList``, which is handed every row and indexes each
one: 100-350 ms of a sort at 100,000 articles.) :class:`~reader.ui.widgets.library_list.
LibraryList` builds on it with the work (scan, marks, search, mentions) and the filters.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from operator import attrgetter
from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from reader.library import Entry
from reader.ui.body_hits import BodyHits
from reader.ui.listing import ROW_LINES, row_text
from reader.ui.widgets.scrolling import QuietScrollView

_PATH = attrgetter("path")

RENDERED_ROWS = 64
"""Rows whose drawn lines are kept: three screens' worth."""


class RowNotListed(LookupError):
    """No listed row has that path."""


class Row(NamedTuple):
    """One listed row as callers read it: its path and its two lines of text."""

    id: str
    """The entry's path."""
    prompt: Content
    """The row's text (marks, title; source, length, marks)."""


class EntryRows(QuietScrollView, can_focus=True):
    """Entries as two-line rows; a row is known by its file path."""

    DEFAULT_CSS = """
    EntryRows {
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .entry-rows--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .entry-rows--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .entry-rows--hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entry-rows--row",
        "entry-rows--highlighted",
        "entry-rows--hover",
    }
    """``entry-rows--row``: every row; ``--highlighted``: the cursor's; ``--hover``: the
    mouse's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None)
    """The index of the highlighted row (None: the list is empty)."""

    _hover: reactive[int | None] = reactive(None)
    """The index of the row under the mouse."""

    class Picked(Message):
        """A row was clicked (or chosen): open its article."""

        def __init__(self, rows: EntryRows, entry: Entry) -> None:
            super().__init__()
            self.rows = rows
            """The list."""
            self.entry = entry
            """The entry of the row."""

        @property
        def control(self) -> EntryRows:
            """The list (for ``@on(EntryRows.Picked, "#library")``)."""
            return self.rows

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
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
        self._index: dict[str, int] | None = None
        """Each listed path's row, made when first asked for after a change of the rows."""
        self._strips: LRUCache[tuple[str, bool, Style, int], list[Strip]]
        self._strips = LRUCache(maxsize=RENDERED_ROWS)
        """The drawn lines of the rows last in view, by path, body match or not, style and
        width."""

    # --- what is listed -----------------------------------------------------------------------

    def entry(self, path: str) -> Entry | None:
        """The scanned entry of ``path``, if any."""
        return self._by_path.get(path)

    @property
    def row_count(self) -> int:
        """How many rows are listed."""
        return len(self.shown) + len(self.found)

    option_count = row_count

    def entry_at(self, index: int) -> Entry:
        """The entry of row ``index`` (IndexError when there is none)."""
        count = len(self.shown)
        if 0 <= index < count:
            return self.shown[index]
        if count <= index < count + len(self.found):
            return self.found[index - count]
        raise IndexError(index)

    def row_at(self, index: int) -> Row:
        """Row ``index`` as it is drawn (IndexError when there is none)."""
        entry = self.entry_at(index)
        return Row(entry.path, self._text(entry, index >= len(self.shown)))

    get_option_at_index = row_at

    def index_of(self, path: str) -> int:
        """The row of ``path`` (``RowNotListed`` when it is not listed)."""
        if self._index is None:
            paths = map(_PATH, (*self.shown, *self.found))
            self._index = dict(zip(paths, range(self.row_count), strict=False))
        try:
            return self._index[path]
        except KeyError:
            raise RowNotListed(path) from None

    get_option_index = index_of

    def row(self, path: str) -> Row:
        """The listed row of ``path`` (``RowNotListed`` when it is not listed)."""
        return self.row_at(self.index_of(path))

    get_option = row

    @property
    def rows(self) -> list[Row]:
        """Every listed row (made for the asking: for tests and small lists)."""
        return [self.row_at(i) for i in range(self.row_count)]

    options = rows

    @property
    def current_entry(self) -> Entry | None:
        """The highlighted entry, if any."""
        index = self.highlighted
        if index is None:
            return None
        try:
            return self.entry_at(index)
        except IndexError:
            return None

    def _text(self, entry: Entry, hit: bool) -> Content:
        if hit:
            made = self._hits.rows.get(entry.path)
            if made is not None:
                return made
        return row_text(entry, entry.path in self.read, entry.path in self.cached)

    # --- changing the rows ---------------------------------------------------------------------

    def show_rows(self, shown: list[Entry], found: list[Entry], *, at: int | None = None) -> None:
        """List ``shown`` and, below them, the body matches ``found``, keeping the highlighted
        entry when it is still listed (else the first row; ``at``: where the caller knows it
        to be now, checked). O(1) UI work: only the rows in view are drawn, when the screen
        asks for them."""
        current = self.current_entry
        self.shown, self.found = shown, found
        self._index = None
        index = 0
        if current is not None:
            if at is None or at >= len(shown) or shown[at].path != current.path:
                at = self._find(current.path)
            index = at
        self._rows_changed()
        self.set_reactive(EntryRows.highlighted, None)  # the same index may be another entry
        self.highlighted = index if self.row_count else None
        if self.highlighted is not None:
            self.scroll_to_highlight()

    def _find(self, path: str) -> int:
        """The row of ``path``, 0 when not listed, without making the whole index (one C
        loop over the paths)."""
        for rows, start in ((self.shown, 0), (self.found, len(self.shown))):
            try:
                return start + operator.indexOf(map(_PATH, rows), path)
            except ValueError:
                continue
        return 0

    def append_rows(self, batch: Iterable[Entry]) -> None:
        """List more entries at the end of ``shown`` (a scan's batch, no filter on)."""
        self.shown.extend(batch)
        self._index = None
        self._rows_changed()
        if self.highlighted is None and self.row_count:
            self.highlighted = 0

    def clear_rows(self) -> None:
        """List nothing."""
        self.shown, self.found = [], []
        self._index = None
        self.highlighted = None
        self._rows_changed()

    def _rows_changed(self) -> None:
        """The rows changed: a new virtual height, a redraw of what is in view."""
        self._hover = None
        self._set_virtual_size()
        self.refresh()

    def _set_virtual_size(self) -> None:
        region = self.scrollable_content_region
        lines = ROW_LINES * self.row_count
        if lines > region.height:
            # Room for the view's top to sit on a row's first line at the very end too (one
            # blank line under the last row when the height is odd).
            lines += -(lines - region.height) % ROW_LINES
        self.resize_virtual(Size(region.width, lines))

    def select_path(self, path: str) -> bool:
        """Highlight the row of ``path``; False when it is not listed (filtered out)."""
        try:
            self.highlighted = self.index_of(path)
        except RowNotListed:
            return False
        return True

    def add_marks(self, read: Iterable[str], cached: Iterable[str]) -> None:
        """Mark more paths read or summarised (the store's marks, once it is open)."""
        read, cached = set(read), set(cached)
        changed = (read - self.read) | (cached - self.cached)
        self.read.update(read)
        self.cached.update(cached)
        for path in changed:
            self.refresh_entry(path)

    def refresh_entry(self, path: str) -> None:
        """Redraw one row after its read/cached marks changed (if it is in view, it is drawn
        again; else it is drawn with its marks when it comes into view)."""
        entry = self._by_path.get(path)
        if entry is not None:
            self._hits.renew(entry, path in self.read)
        self.forget_rows(path)

    def forget_rows(self, path: str) -> None:
        """Drop the drawn lines of ``path`` (its entry or marks changed) and redraw it, when
        it was drawn."""
        keys = self._strips.keys()  # an LRUCache, not a dict: no iteration of its own
        if any(key[0] == path for key in keys):
            self._strips.clear()
            self.refresh()

    # --- drawing --------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _on_resize(self, _: events.Resize) -> None:
        self._set_virtual_size()
        self.scroll_to_highlight()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def on_mount(self) -> None:
        self._set_virtual_size()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = divmod(self.scroll_offset.y + y, ROW_LINES)
        plain = self.get_visual_style("entry-rows--row")
        if not 0 <= index < self.row_count:
            return Strip.blank(width, plain.rich_style)
        if index == self.highlighted:
            style = self.get_visual_style("entry-rows--row", "entry-rows--highlighted")
        elif index == self._hover:
            style = self.get_visual_style("entry-rows--row", "entry-rows--hover")
        else:
            style = plain
        entry = self.entry_at(index)
        hit = index >= len(self.shown)
        key = (entry.path, hit, style, width)
        strips = self._strips.get(key)
        if strips is None:
            text = self._text(entry, hit)
            made = Visual.to_strips(self, text, width, None, style)
            strips = [s.extend_cell_length(width, style.rich_style) for s in made]
            self._strips[key] = strips
        return strips[part] if part < len(strips) else Strip.blank(width, style.rich_style)

    # --- the cursor -----------------------------------------------------------------------------

    def validate_highlighted(self, index: int | None) -> int | None:
        count = self.row_count
        if index is None or not count:
            return None
        return min(max(index, 0), count - 1)

    def watch_highlighted(self, index: int | None) -> None:
        if index is not None:
            self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        """Scroll the highlighted row into view."""
        index = self.highlighted
        if index is None or not self.is_mounted:
            return
        self._set_virtual_size()
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        start = ROW_LINES * index
        if start < top:
            y = start
        elif start + ROW_LINES > top + height:
            # Down to the row, the view's top on a row's first line: a part row, if any, is
            # the last one on screen, never a title-less half at the top.
            y = -(-(start + ROW_LINES - height) // ROW_LINES) * ROW_LINES
        else:
            return
        self.scroll_to(y=y, force=True, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        """Highlight the next row."""
        self._move(1)

    def action_cursor_up(self) -> None:
        """Highlight the row before."""
        self._move(-1)

    def action_first(self) -> None:
        """Highlight the first row."""
        if self.row_count:
            self.highlighted = 0

    def action_last(self) -> None:
        """Highlight the last row."""
        if self.row_count:
            self.highlighted = self.row_count - 1

    def _page(self) -> int:
        """Rows in a screenful."""
        return max(1, self.scrollable_content_region.height // ROW_LINES)

    def action_page_down(self) -> None:
        """Highlight the row a screenful below."""
        self._move(self._page())

    def action_page_up(self) -> None:
        """Highlight the row a screenful above."""
        self._move(-self._page())

    def _move(self, by: int) -> None:
        if not self.row_count:
            return
        index = self.highlighted
        self.highlighted = (0 if by > 0 else self.row_count - 1) if index is None else index + by

    # --- the mouse ------------------------------------------------------------------------------

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = (self.scroll_offset.y + offset.y) // ROW_LINES
        return index if 0 <= index < self.row_count else None

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = self._row_under(event)

    def _on_leave(self, _: events.Leave) -> None:
        self._hover = None

    async def _on_click(self, event: events.Click) -> None:
        """A click highlights the row and opens its article."""
        index = self._row_under(event)
        if index is None:
            return
        self.highlighted = index
        self.post_message(self.Picked(self, self.entry_at(index)))
