"""The reader pane as drawn: header, summary, clean body, paywall banner, removed blocks.

Drawn with Textual's line API over :class:`~reader.ui.widgets.article_layout.Layout`, which
wraps only the rows on screen; a frame renders only those rows. Built from nested ``Static``
widgets instead, every open re-measured the pane and drew each widget separately. What to show
comes from :class:`~reader.ui.widgets.article_view.ArticleView`, which adds the work.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip
from textual.timer import Timer

from reader.model import Article, Entity, Summary
from reader.textutil import safe_line
from reader.ui.render import (
    banner_text,
    header_text,
    legend_text,
    removed_text,
    summary_panel,
)
from reader.ui.widgets.article_body import Body
from reader.ui.widgets.article_layout import (
    BANNER,
    BANNER_BORDER,
    EXCERPT_BAR,
    REMOVED,
    SUMMARY,
    SUMMARY_BAR,
    Layout,
)
from reader.ui.widgets.scrolling import QuietScrollView

RIGHT_MARGIN = 2
MEASURE_SLICE = 0.01
"""Seconds spent measuring a long article's rows at a time, once it is shown..."""
MEASURE_EVERY = 0.03
"""... and how often (the keys are answered in between)."""


def safe_facts(article: Article) -> Article:
    """``article`` with its title, source and URL made safe to show on one line (a title that
    falls back to a file name, a source to a folder name: both untrusted)."""
    url = article.metadata.get("url")
    metadata = article.metadata if url is None else {**article.metadata, "url": safe_line(url)}
    return replace(
        article, title=safe_line(article.title), source=safe_line(article.source), metadata=metadata
    )


class ArticlePane(QuietScrollView, can_focus=True):
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
        self.showing: str | None = None
        """The file whose text is on show: the article's, or a preview's while it loads."""
        self._measuring: Timer | None = None
        self._layout_: Layout | None = None
        self._body: Body | None = None
        """The body of the article on show, styled a paragraph at a time."""
        self._rendered: dict[int, Strip] = {}
        """Rows drawn since the text, width, styles or selection last changed."""
        self._landing: int | None = None
        """The search match to scroll to once the pane can (an article opened from ``/``)."""
        self._match_top = 0
        """The scroll offset the last match shown asked for."""

    @property
    def _layout(self) -> Layout:
        if self._layout_ is None:
            self._layout_ = Layout(self.app.console)
            self._layout_.set_section("header", Text("Choose an article and press Enter."))
        return self._layout_

    # --- what is shown ------------------------------------------------------------------------

    def section(self, name: str) -> Text | None:
        """The text of section ``name`` as shown, or None when the pane has no such section."""
        if name != "body":
            return self._layout.section(name)
        if self.article is None or self._body is None:
            return None
        return self._body.text(self.highlight)

    @property
    def rows(self) -> list[str]:
        """The pane's rows as plain text, top to bottom (scrolling aside)."""
        return [line.plain for line in self._layout.lines()]

    def _blank(self, header: str) -> None:
        self.article = None
        self.showing = None
        self.entities = ()
        self.summary = None
        layout = self._layout
        for name in ("summary", "legend", "banner", "removed"):
            layout.set_section(name, None)
        layout.set_section("header", Text(header))
        layout.set_body((), lambda _: Text())
        self._body = None
        self._relayout()
        self.scroll_home(animate=False, immediate=True)

    # --- search matches (n / N) ---------------------------------------------------------------

    @property
    def matches(self) -> tuple[tuple[int, int], ...]:
        """The search matches in the body on show (offsets into ``article.body``)."""
        return self._body.matches if self.article is not None and self._body else ()

    @property
    def current_match(self) -> int:
        """The match ``n``/``N`` is on (an index into ``matches``)."""
        return self._body.current if self._body is not None else 0

    def goto_match(self, number: int) -> int:
        """Show match ``number`` (wrapping around) a third of the way down the pane, drawn
        apart from the others; the index landed on (-1: no matches)."""
        body = self._body
        if self.article is None or body is None or not body.matches:
            return -1
        number %= len(body.matches)
        body.current = number
        self._layout.restyle_body(partial(body.paragraph, highlight=self.highlight))
        self._rendered.clear()
        begin = body.matches[number][0]
        paragraph = body.paragraph_of(begin)
        row = self._layout.body_row(paragraph, body.offset_in(paragraph, begin))
        self._resize_virtual()
        top = max(0, row - self.scrollable_content_region.height // 3)
        self._match_top = top
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()
        return number

    def show_loading(self, title: str) -> None:
        """Say which article is loading while the worker reads it."""
        self._blank(f"Loading {safe_line(title)}…")

    def show_error(self, message: str) -> None:
        """Show why an article could not be opened."""
        self._blank(message)

    def show(
        self,
        article: Article,
        entities: tuple[Entity, ...] = (),
        body: Body | None = None,
        *,
        keep_place: bool = False,
    ) -> None:
        """Display ``article`` from the top (or where the reader is, ``keep_place``: its preview
        was on show), its entities coloured when highlighting is on."""
        self.article = article
        self.showing = article.path
        self.entities = entities
        self.summary = None
        layout = self._layout
        layout.excerpt = False
        layout.set_section("header", header_text(safe_facts(article)))
        layout.set_section("summary", summary_panel(None, loading=True))
        layout.set_section("banner", banner_text(article) if article.paywall.truncated else None)
        self._set_body(body)
        self._set_removed()
        self._relayout()
        if not keep_place:
            self.scroll_home(animate=False, immediate=True)
        self._landing = 0 if self.matches and not keep_place else None
        if self._landing is not None:  # opened from a search: land on the first match
            self._land()
            self.call_after_refresh(self._land)  # (once the new height is in force)

    def _land(self) -> None:
        """Scroll to the match to land on, if any is waiting; it waits until the pane is on
        screen with its size (the one-pane layout shows it only once it has loaded)."""
        if self._landing is None or not self.matches:
            return
        region = self.scrollable_content_region
        if self._width <= 0 or region.height <= 0:
            return
        if self._layout.width != self._width:  # (laid out while the pane was hidden)
            self._relayout()
        want = self._landing
        self.goto_match(want)
        if self.scroll_offset.y == self._match_top:  # the scroll took: nothing waits
            self._landing = None

    def show_preview(self, article: Article, body: Body) -> None:
        """Display the first part of a big article while the whole loads (``article`` stays
        None: nothing acts on a part)."""
        self.show(article, (), body)
        self.article = None
        header = Text(safe_line(article.title), style="bold")
        header.append(f"\n{safe_line(article.source)} · {article.format}", style="dim")
        self._layout.set_section("header", header)  # (its word count would be the part's)
        self._layout.set_section("summary", Text("Reading the whole article…", style="dim italic"))
        self._layout.set_section("banner", None)
        self._relayout()

    def show_summary(
        self, summary: Summary | None, *, loading: bool = False, error: str = ""
    ) -> None:
        """Fill the summary panel: loading, failed (``error``) or the summary."""
        self.summary = summary
        layout = self._layout
        before = layout.section_height("summary")
        layout.excerpt = summary is not None and summary.excerpt_only
        layout.set_section("summary", summary_panel(summary, loading=loading, error=error))
        self._relayout()
        # The panel sits above the body: a reader who has scrolled down keeps their place.
        grown = layout.section_height("summary") - before
        if self.scroll_y > 0 and grown:
            self.scroll_to(y=self.scroll_y + grown, animate=False, immediate=True)

    def _set_body(self, body: Body | None = None, restyle: bool = False) -> None:
        """Lay out the body anew (``body``: made for the article and entities in a worker), or
        only ``restyle`` it (highlighting toggled, entities found late)."""
        if self.article is None:
            return
        old = self._body
        same = restyle and old is not None and old.article is self.article
        if body is None or body.article is not self.article:
            body = Body(self.article, self.entities, like=old)
        self._body = body
        paragraph = partial(body.paragraph, highlight=self.highlight)
        if same:
            self._layout.restyle_body(paragraph)
        else:
            self._layout.set_body(self._body.plain, paragraph)
        self._layout.set_section("legend", legend_text(self.entities, self.highlight) or None)

    def _set_removed(self) -> None:
        article = self.article if self.show_removed else None
        self._layout.set_section("removed", removed_text(article) if article else None)

    def watch_highlight(self) -> None:
        self._set_body(restyle=True)
        self._relayout()

    def watch_show_removed(self) -> None:
        self._set_removed()
        self._relayout()

    # --- laying out ---------------------------------------------------------------------------

    @property
    def _width(self) -> int:
        """The text's width: the pane's, less a right margin matching its left padding (the
        scrollbar sits between the padding and the border here, so CSS cannot give one)."""
        return max(0, self.scrollable_content_region.width - RIGHT_MARGIN)

    def _relayout(self) -> None:
        """Take in a new width or changed sections; measure the body now when that is quick
        (one exact height, one repaint), else a slice now and the rest between frames."""
        layout = self._layout
        if layout.width != self._width:
            layout.set_width(self._width)
        self._rendered.clear()
        layout.measure(MEASURE_SLICE)
        self._resize_virtual()
        if not layout.measured and self._measuring is None:
            self._measuring = self.set_interval(MEASURE_EVERY, self._measure_some)
        self.refresh()

    def _resize_virtual(self) -> None:
        self.resize_virtual(Size(self._layout.width, self._layout.height))

    def _measure_some(self) -> None:
        """Between frames: measure a slice of a long article, so the scrollbar becomes exact."""
        done = self._layout.measure(MEASURE_SLICE)
        self._resize_virtual()
        if done and self._measuring is not None:
            self._measuring.stop()
            self._measuring = None

    def action_scroll_end(self) -> None:
        self._layout.measure()
        self._resize_virtual()
        self.call_after_refresh(super().action_scroll_end)

    def on_resize(self) -> None:
        if self._width != self._layout.width:
            self._relayout()
        self._land()

    # --- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rendered.clear()

    def selection_updated(self, selection: Selection | None) -> None:
        self._rendered.clear()
        self.refresh()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract("\n".join(self.rows)), "\n"

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        strip = self._rendered.get(index)
        if strip is None:
            strip = self._draw(index)
            if strip is None:
                return Strip.blank(self.scrollable_content_region.width, self.rich_style)
            self._rendered[index] = strip
        return strip

    def _draw(self, index: int) -> Strip | None:
        """Row ``index`` as one strip: styled, padded to the pane's width, and carrying the
        offsets mouse selection needs. Built from plain segments: each ``Strip`` operation
        makes a new strip with its own caches, which at 38 rows a frame added up."""
        line = self._layout.line(index)
        if line is None:
            return None
        base = self.rich_style
        selection = self.text_selection
        span = None if selection is None else selection.get_span(index)
        chosen = self.screen.get_component_rich_style("screen--selection") if span else None
        start, end = span or (0, 0)
        segments: list[Segment] = []
        x = 0
        for kind, strip in line.parts:
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
