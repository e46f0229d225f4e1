"""The reader pane's rows, laid out lazily: only what is on screen is wrapped and styled.

The pane is a stack of sections: header, summary and legend above the body; the paywall banner
and the removed blocks below it. Those are small and wrapped as soon as they change. The body
is one block per paragraph: a paragraph's height is measured the first time a row at or after
it is asked for (a line that fits the width is one row without wrapping it), and its rows are
made, and kept for a while, only when they are drawn. A 200,000-paragraph article therefore
shows its first screen after measuring a screenful; the rest is measured in slices between
frames (``measure``) or at once when the reader jumps to the end.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.cache import LRUCache
from textual.strip import Strip

SUMMARY = "article-view--summary"
SUMMARY_BAR = "article-view--summary-bar"
EXCERPT_BAR = "article-view--excerpt-bar"
BANNER = "article-view--banner"
BANNER_BORDER = "article-view--banner-border"
REMOVED = "article-view--removed"

ABOVE: tuple[str, ...] = ("header", "summary", "legend")
"""Sections above the body, top to bottom (absent ones take no room)."""
BELOW: tuple[str, ...] = ("banner", "removed")
"""Sections below the body."""

KEPT_PARAGRAPHS = 2048
"""Paragraphs whose wrapped rows are kept (many screens' worth)."""

# Shown, never sent: a control character left in untrusted text (a title, a URL, a body
# that a loader let through) becomes a visible symbol of the same length, so spans stay put.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_VISIBLE = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"}
_VISIBLE |= dict.fromkeys([*range(0x80, 0xA0), *range(0x202A, 0x202F)], "\ufffd")
_VISIBLE |= dict.fromkeys(range(0x2066, 0x206A), "\ufffd")


def visible_line(text: str) -> str:
    """``text`` with every control character (but newline and tab) shown as a symbol."""
    return text.translate(_VISIBLE) if _CONTROLS.search(text) else text


def visible(text: Text) -> Text:
    """``text`` with every control character (but newline and tab) shown as a symbol."""
    if _CONTROLS.search(text.plain):
        text = text.copy()
        text.plain = text.plain.translate(_VISIBLE)
    return text


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the laid-out pane: pieces, each styled by a component class ("" for none)."""

    parts: tuple[tuple[str, Strip], ...]
    plain: str
    """The row as text, for mouse selection."""


def _strip(text: str) -> Strip:
    return Strip([Segment(text)], len(text))


class Layout:
    """Rows of one article at one width; sections replaced as they change."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self.width = 0
        """The width the rows are wrapped to."""
        self._sections: dict[str, Text] = {}
        self._section_rows: dict[str, list[Line]] = {}
        self.paragraph: Callable[[int], Text] = lambda index: Text()
        """The styled text of body paragraph ``index``."""
        self._plain: tuple[str, ...] = ()
        """Each paragraph's text as shown (prefix included, controls made visible)."""
        self._heights: list[int] = []
        """Rows of paragraphs 0..k-1 at ``width`` (a blank row before each but the first)."""
        self._starts: list[int] = [0]
        """Row of each measured paragraph within the body; the last is the measured end."""
        self._rows: LRUCache[int, list[Line]] = LRUCache(KEPT_PARAGRAPHS)
        self._chars_left = 0
        """Characters of the paragraphs not measured yet (for the estimate of their rows)."""
        self.excerpt = False
        """Whether the summary is an excerpt's (its bar is amber)."""

    # --- content ------------------------------------------------------------------------------

    def section(self, name: str) -> Text | None:
        return self._sections.get(name)

    def set_section(self, name: str, text: Text | None) -> None:
        """Show ``text`` as section ``name`` (None removes it)."""
        if text is None:
            self._sections.pop(name, None)
            self._section_rows.pop(name, None)
            return
        self._sections[name] = text
        self._section_rows[name] = self._wrap_section(name, visible(text))

    def set_body(self, plain: tuple[str, ...], paragraph: Callable[[int], Text]) -> None:
        """A new body: each paragraph as shown (for measuring: controls already made visible
        with :func:`visible_line`) and how to style one."""
        self._plain = plain
        self.paragraph = paragraph
        self._reset_body()

    def restyle_body(self, paragraph: Callable[[int], Text]) -> None:
        """The same paragraphs, styled anew (entities on or off): heights stay."""
        self.paragraph = paragraph
        self._rows.clear()

    def set_width(self, width: int) -> None:
        """Lay the rows out again for ``width`` cells."""
        self.width = width
        for name, text in self._sections.items():
            self._section_rows[name] = self._wrap_section(name, visible(text))
        self._reset_body()

    def _reset_body(self) -> None:
        self._heights = []
        self._starts = [0]
        self._rows.clear()
        self._chars_left = sum(map(len, self._plain))

    # --- measuring ----------------------------------------------------------------------------

    @property
    def measured(self) -> bool:
        """Whether every paragraph's height is known (the row count is exact)."""
        return len(self._heights) == len(self._plain)

    def _measure_next(self) -> None:
        index = len(self._heights)
        plain = self._plain[index]
        gap = 1 if index else 0
        if "\n" in plain or "\t" in plain or cell_len(plain) > self.width:
            height = len(self._paragraph_rows(index))
        else:
            height = 1 + gap  # fits on one row: no need to wrap it
        self._heights.append(height)
        self._starts.append(self._starts[-1] + height)
        self._chars_left -= len(plain)

    def measure(self, budget: float | None = None) -> bool:
        """Measure paragraphs for up to ``budget`` seconds (None: all); True when all are."""
        if self.width <= 0:
            return self.measured
        deadline = None if budget is None else perf_counter() + budget
        total = len(self._plain)
        while len(self._heights) < total:
            for _ in range(min(256, total - len(self._heights))):
                self._measure_next()
            if deadline is not None and perf_counter() > deadline:
                break
        return self.measured

    def _above(self) -> int:
        return sum(len(self._section_rows[n]) for n in ABOVE if n in self._section_rows)

    def _below(self) -> int:
        return sum(len(self._section_rows[n]) for n in BELOW if n in self._section_rows)

    @property
    def height(self) -> int:
        """Rows of the whole pane (estimated for paragraphs not measured yet)."""
        left = len(self._plain) - len(self._heights)
        estimate = left * 2 + self._chars_left // max(1, self.width) if left else 0
        return self._above() + self._starts[-1] + estimate + self._below()

    def section_height(self, name: str) -> int:
        """Rows section ``name`` takes (0 when absent)."""
        return len(self._section_rows.get(name, ()))

    # --- rows ---------------------------------------------------------------------------------

    def line(self, index: int) -> Line | None:
        """Row ``index`` of the pane, or None below the end."""
        if index < 0 or self.width <= 0:
            return None
        found, index = self._in_sections(ABOVE, index)
        if found is not None:
            return found
        while index >= self._starts[-1] and not self.measured:
            self._measure_next()
        if index < self._starts[-1]:
            paragraph = bisect_right(self._starts, index) - 1
            return self._paragraph_rows(paragraph)[index - self._starts[paragraph]]
        return self._in_sections(BELOW, index - self._starts[-1])[0]

    def body_row(self, paragraph: int, offset: int) -> int:
        """The pane row showing character ``offset`` of body paragraph ``paragraph`` (as
        shown): the paragraphs above it are measured first."""
        while len(self._heights) <= paragraph and not self.measured:
            self._measure_next()
        if paragraph >= len(self._heights):
            return self._above()
        rows = self._paragraph_rows(paragraph)
        row = self._starts[paragraph] + (1 if paragraph else 0)
        seen = 0
        for line in rows[1 if paragraph else 0 :]:
            seen += len(line.plain)
            if seen > offset:
                break
            row += 1
        return self._above() + min(row, self._starts[paragraph + 1] - 1)

    def _in_sections(self, names: tuple[str, ...], index: int) -> tuple[Line | None, int]:
        """Row ``index`` of the sections ``names`` stacked, or None and the index past them."""
        for name in names:
            rows = self._section_rows.get(name, ())
            if index < len(rows):
                return rows[index], index
            index -= len(rows)
        return None, index

    def lines(self) -> list[Line]:
        """Every row, top to bottom (wraps the whole article: for tests and selections)."""
        self.measure()
        rows = [row for n in ABOVE for row in self._section_rows.get(n, ())]
        for paragraph in range(len(self._plain)):
            rows.extend(self._paragraph_rows(paragraph))
        rows.extend(row for n in BELOW for row in self._section_rows.get(n, ()))
        return rows

    def _paragraph_rows(self, index: int) -> list[Line]:
        rows = self._rows.get(index)
        if rows is None:
            rows = self._plain_rows(visible(self.paragraph(index)), "")
            if index:  # the blank line between paragraphs, drawn as wrapping one would
                rows[:0] = self._plain_rows(Text(), "")
            self._rows[index] = rows
        return rows

    # --- wrapping -----------------------------------------------------------------------------

    def _blank(self) -> Line:
        return Line((("", Strip.blank(self.width)),), "")

    def _wrap(self, text: Text, width: int) -> list[Strip]:
        console = self._console
        return [
            Strip(list(line.render(console)), line.cell_len)
            for line in text.wrap(console, max(1, width), overflow="fold")
        ]

    def _wrap_section(self, name: str, text: Text) -> list[Line]:
        if self.width <= 0:
            return []
        blank = self._blank()
        if name == "header":
            return [blank, *self._plain_rows(text, ""), blank]
        if name == "summary":
            return [*self._summary_rows(text), blank]
        if name == "legend":
            return [*self._plain_rows(text, ""), blank]
        if name == "banner":
            return [blank, *self._banner_rows(text), blank]
        return [blank, *self._plain_rows(text, REMOVED)]

    def _plain_rows(self, text: Text, kind: str) -> list[Line]:
        width = self.width
        return [
            Line(((kind, strip.extend_cell_length(width)),), strip.text)
            for strip in self._wrap(text, width)
        ]

    def _summary_rows(self, text: Text) -> list[Line]:
        """A bar down the left (amber for an excerpt's summary) and a tinted block."""
        bar_kind = EXCERPT_BAR if self.excerpt else SUMMARY_BAR
        inner = max(1, self.width - 3)
        bar, pad = _strip("▌"), _strip(" ")
        return [
            Line(
                ((bar_kind, bar), (SUMMARY, pad), (SUMMARY, strip.extend_cell_length(inner + 1))),
                f"▌ {strip.text}",
            )
            for strip in self._wrap(text, inner)
        ]

    def _banner_rows(self, text: Text) -> list[Line]:
        """The paywall notice in a heavy box, as wide as the pane."""
        width = self.width
        inner = max(1, width - 6)
        span = max(0, width - 2)
        top, bottom = f"┏{'━' * span}┓", f"┗{'━' * span}┛"
        side, space = _strip("┃"), _strip(" " * span)

        def boxed(*middle: tuple[str, Strip]) -> Line:
            plain = "".join(strip.text for _, strip in middle)
            return Line(((BANNER_BORDER, side), *middle, (BANNER_BORDER, side)), f"┃{plain}┃")

        rows = [Line(((BANNER_BORDER, _strip(top)),), top), boxed((BANNER, space))]
        for strip in self._wrap(text, inner):
            line = Strip.join([_strip("  "), strip.extend_cell_length(inner), _strip("  ")])
            rows.append(boxed((BANNER, line)))
        rows.append(boxed((BANNER, space)))
        rows.append(Line(((BANNER_BORDER, _strip(bottom)),), bottom))
        return rows
