"""The reader pane: header, summary, clean body, paywall banner at the cut point, removed blocks.

Drawn with Textual's line API. Each section is wrapped once, when it changes or the width does,
into lines kept here; a frame renders only the rows on screen. Built from nested ``Static``
widgets instead, every open re-measured the pane, laid the screen out again and drew each
widget separately: most of the time it took to open an article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.model import Article, Entity, Summary
from reader.ui.render import (
    ENTITY_COLOURS,
    banner_text,
    body_text,
    header_text,
    legend_text,
    removed_text,
    summary_panel,
)

SECTIONS: tuple[str, ...] = ("header", "summary", "legend", "body", "banner", "removed")
"""The pane's sections, top to bottom (absent ones take no room)."""

SUMMARY = "article-view--summary"
SUMMARY_BAR = "article-view--summary-bar"
EXCERPT_BAR = "article-view--excerpt-bar"
BANNER = "article-view--banner"
BANNER_BORDER = "article-view--banner-border"
REMOVED = "article-view--removed"
RIGHT_MARGIN = 2


@dataclass(frozen=True, slots=True)
class _Line:
    """One row of the laid-out pane: pieces, each styled by a component class ("" for none)."""

    parts: tuple[tuple[str, Strip], ...]
    plain: str
    """The row as text, for mouse selection."""


def _strip(text: str) -> Strip:
    return Strip([Segment(text)], len(text))


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; scrolls with j/k, g/G, space/b."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        SUMMARY,
        SUMMARY_BAR,
        EXCERPT_BAR,
        BANNER,
        BANNER_BORDER,
        REMOVED,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    show_removed: reactive[bool] = reactive(False, layout=False, repaint=False)
    """Whether the dimmed 'removed by cleaning' section is visible."""
    highlight: reactive[bool] = reactive(True, layout=False, repaint=False)
    """Whether entities are coloured in the body."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        """The article on show (None before one is opened)."""
        self.entities: tuple[Entity, ...] = ()
        """Named entities of the article on show."""
        self.summary: Summary | None = None
        """The summary on show (None while it is computed or when there is none)."""
        self._sections: dict[str, Text] = {"header": Text("Choose an article and press Enter.")}
        self._wrapped: dict[str, tuple[Text, list[_Line]]] = {}
        """Per section: the text it was wrapped for, and its rows (at ``_laid_out`` cells)."""
        self._laid_out = 0
        """The width the rows were wrapped to."""
        self._lines: list[_Line] = []
        self._rendered: dict[int, Strip] = {}
        """Rows drawn since the text, width, styles or selection last changed."""

    # --- what is shown ------------------------------------------------------------------------

    def section(self, name: str) -> Text | None:
        """The text of section ``name`` as shown, or None when the pane has no such section."""
        return self._sections.get(name)

    @property
    def rows(self) -> list[str]:
        """The pane's rows as plain text, top to bottom (scrolling aside)."""
        return [line.plain for line in self._lines]

    def _blank(self, header: str) -> None:
        self.article = None
        self.entities = ()
        self.summary = None
        self._sections = {"header": Text(header)}
        self._layout()
        self.scroll_home(animate=False, immediate=True)

    def show_loading(self, title: str) -> None:
        """Say which article is loading while the worker reads it."""
        self._blank(f"Loading {title}…")

    def show_error(self, message: str) -> None:
        """Show why an article could not be opened."""
        self._blank(message)

    def show(self, article: Article, entities: tuple[Entity, ...] = ()) -> None:
        """Display ``article`` from the top, its entities coloured when highlighting is on."""
        self.article = article
        self.entities = entities
        self.summary = None
        sections = {
            "header": header_text(article),
            "summary": summary_panel(None, loading=True),
        }
        if article.paywall.truncated:
            sections["banner"] = banner_text(article)
        self._sections = sections
        self._set_body()
        self._set_removed()
        self._layout()
        self.scroll_home(animate=False, immediate=True)

    def show_summary(
        self, summary: Summary | None, *, loading: bool = False, error: str = ""
    ) -> None:
        """Fill the summary panel: loading, failed (``error``) or the summary."""
        self.summary = summary
        before = self._height("summary")
        self._sections["summary"] = summary_panel(summary, loading=loading, error=error)
        self._layout()
        # The panel sits above the body: a reader who has scrolled down keeps their place.
        grown = self._height("summary") - before
        if self.scroll_y > 0 and grown:
            self.scroll_to(y=self.scroll_y + grown, animate=False, immediate=True)

    def _set_body(self) -> None:
        if self.article is None:
            return
        colours = ENTITY_COLOURS if self.highlight else None
        self._sections["body"] = body_text(self.article, self.entities, colours)
        legend = legend_text(self.entities, self.highlight)
        if legend:
            self._sections["legend"] = legend
        else:
            self._sections.pop("legend", None)

    def _set_removed(self) -> None:
        if self.article is not None and self.show_removed:
            self._sections["removed"] = removed_text(self.article)
        else:
            self._sections.pop("removed", None)

    def watch_highlight(self) -> None:
        self._set_body()
        self._layout()

    def watch_show_removed(self) -> None:
        self._set_removed()
        self._layout()

    # --- laying out ---------------------------------------------------------------------------

    @property
    def _width(self) -> int:
        """The text's width: the pane's, less a right margin matching its left padding (the
        scrollbar sits between the padding and the border here, so CSS cannot give one)."""
        return max(0, self.scrollable_content_region.width - RIGHT_MARGIN)

    def _height(self, section: str) -> int:
        """Rows section ``section`` takes (0 when absent)."""
        known = self._wrapped.get(section)
        return len(known[1]) if known is not None else 0

    def _layout(self) -> None:
        """Wrap the sections that changed (or all, for a new width) and stack them into rows."""
        width = self._width
        same_width = width == self._laid_out
        lines: list[_Line] = []
        wrapped: dict[str, tuple[Text, list[_Line]]] = {}
        if width > 0:
            for name in SECTIONS:
                text = self._sections.get(name)
                if text is None:
                    continue
                known = self._wrapped.get(name)
                if same_width and known is not None and known[0] is text:
                    rows = known[1]
                else:
                    rows = self._wrap_section(name, text, width)
                wrapped[name] = (text, rows)
                lines.extend(rows)
        self._wrapped = wrapped
        self._laid_out = width
        self._lines = lines
        self._rendered.clear()
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def _wrap(self, text: Text, width: int) -> list[Strip]:
        console = self.app.console
        return [
            Strip(list(line.render(console)), line.cell_len)
            for line in text.wrap(console, max(1, width), overflow="fold")
        ]

    def _wrap_section(self, name: str, text: Text, width: int) -> list[_Line]:
        blank = _Line((("", Strip.blank(width)),), "")
        if name == "header":
            return [blank, *self._rows(text, width, ""), blank]
        if name == "summary":
            return [*self._summary_rows(text, width), blank]
        if name == "legend":
            return [*self._rows(text, width, ""), blank]
        if name == "banner":
            return [blank, *self._banner_rows(text, width), blank]
        if name == "removed":
            return [blank, *self._rows(text, width, REMOVED)]
        return self._rows(text, width, "")

    def _rows(self, text: Text, width: int, kind: str) -> list[_Line]:
        return [
            _Line(((kind, strip.extend_cell_length(width)),), strip.text)
            for strip in self._wrap(text, width)
        ]

    def _summary_rows(self, text: Text, width: int) -> list[_Line]:
        """A bar down the left (amber for an excerpt's summary) and a tinted block."""
        excerpt = self.summary is not None and self.summary.excerpt_only
        bar_kind = EXCERPT_BAR if excerpt else SUMMARY_BAR
        inner = max(1, width - 3)
        bar, pad = _strip("▌"), _strip(" ")
        return [
            _Line(
                ((bar_kind, bar), (SUMMARY, pad), (SUMMARY, strip.extend_cell_length(inner + 1))),
                f"▌ {strip.text}",
            )
            for strip in self._wrap(text, inner)
        ]

    def _banner_rows(self, text: Text, width: int) -> list[_Line]:
        """The paywall notice in a heavy box, as wide as the pane."""
        inner = max(1, width - 6)
        span = max(0, width - 2)
        top, bottom = f"┏{'━' * span}┓", f"┗{'━' * span}┛"
        side, space = _strip("┃"), _strip(" " * span)

        def boxed(*middle: tuple[str, Strip]) -> _Line:
            plain = "".join(strip.text for _, strip in middle)
            return _Line(((BANNER_BORDER, side), *middle, (BANNER_BORDER, side)), f"┃{plain}┃")

        rows = [_Line(((BANNER_BORDER, _strip(top)),), top), boxed((BANNER, space))]
        for strip in self._wrap(text, inner):
            line = Strip.join([_strip("  "), strip.extend_cell_length(inner), _strip("  ")])
            rows.append(boxed((BANNER, line)))
        rows.append(boxed((BANNER, space)))
        rows.append(_Line(((BANNER_BORDER, _strip(bottom)),), bottom))
        return rows

    def on_resize(self) -> None:
        if self._width != self._laid_out:
            self._layout()

    # --- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rendered.clear()

    def selection_updated(self, selection: Selection | None) -> None:
        self._rendered.clear()
        self.refresh()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract("\n".join(line.plain for line in self._lines)), "\n"

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(self.scrollable_content_region.width, self.rich_style)
        strip = self._rendered.get(index)
        if strip is None:
            strip = self._rendered[index] = self._draw(index)
        return strip

    def _draw(self, index: int) -> Strip:
        """Row ``index`` as one strip: styled, padded to the pane's width, and carrying the
        offsets mouse selection needs. Built from plain segments: each ``Strip`` operation
        makes a new strip with its own caches, which at 38 rows a frame added up."""
        base = self.rich_style
        selection = self.text_selection
        span = None if selection is None else selection.get_span(index)
        chosen = self.screen.get_component_rich_style("screen--selection") if span else None
        start, end = span or (0, 0)
        segments: list[Segment] = []
        x = 0
        for kind, strip in self._lines[index].parts:
            style = base + self.get_component_rich_style(kind) if kind else base
            for text, own, _ in strip:
                width = cell_len(text)
                final = style + own if own is not None else style
                if chosen is not None and (end == -1 or x < end) and x + width > start:
                    final += chosen
                segments.append(Segment(text, final + Style.from_meta({"offset": (x, index)})))
                x += width
        full = self.scrollable_content_region.width
        if x < full:
            segments.append(Segment(" " * (full - x), base))
        return Strip(segments, max(x, full))
