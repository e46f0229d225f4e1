"""The reader pane: header, clean body, paywall banner at the cut point, removed blocks."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

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


class ArticleView(VerticalScroll):
    """Shows one article; scrolls with j/k, g/G, space/b."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    show_removed: reactive[bool] = reactive(False)
    """Whether the dimmed 'removed by cleaning' section is visible."""
    highlight: reactive[bool] = reactive(True)
    """Whether entities are coloured in the body."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        """The article on show (None before one is opened)."""
        self.entities: tuple[Entity, ...] = ()
        """Named entities of the article on show."""
        self.summary: Summary | None = None
        """The summary on show (None while it is computed or when there is none)."""

    def compose(self) -> ComposeResult:
        yield Static("Choose an article and press Enter.", id="article-header", markup=False)
        yield Static("", id="summary", markup=False)
        yield Static("", id="legend", markup=False)
        yield Static("", id="article-body", markup=False)
        yield Static("", id="paywall-banner", markup=False)
        yield Static("", id="removed", markup=False)

    def _blank(self, header: str) -> None:
        self.article = None
        self.entities = ()
        self.summary = None
        self.query_one("#article-header", Static).update(header)
        for part in ("#summary", "#legend", "#article-body"):
            self.query_one(part, Static).update("")
        self.query_one("#summary", Static).display = False
        self.query_one("#paywall-banner", Static).display = False
        self.query_one("#removed", Static).display = False

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
        self.query_one("#article-header", Static).update(header_text(article))
        self.show_summary(None, loading=True)
        self._update_body()
        banner = self.query_one("#paywall-banner", Static)
        banner.display = article.paywall.truncated
        if article.paywall.truncated:
            banner.update(banner_text(article))
        self._update_removed()
        self.scroll_home(animate=False)

    def show_summary(
        self, summary: Summary | None, *, loading: bool = False, error: str = ""
    ) -> None:
        """Fill the summary panel: loading, failed (``error``) or the summary."""
        self.summary = summary
        # The panel sits above the body: when it grows, keep a reader who was at the end there.
        at_end = self.scroll_y > 0 and self.scroll_y >= self.max_scroll_y
        panel = self.query_one("#summary", Static)
        panel.display = True
        panel.set_class(bool(summary and summary.excerpt_only), "-excerpt")
        panel.update(summary_panel(summary, loading=loading, error=error))
        if at_end:
            self.call_after_refresh(self.scroll_end, animate=False)

    def _update_body(self) -> None:
        if self.article is None:
            return
        colours = ENTITY_COLOURS if self.highlight else None
        self.query_one("#article-body", Static).update(
            body_text(self.article, self.entities, colours)
        )
        self.query_one("#legend", Static).update(legend_text(self.entities, self.highlight))

    def watch_highlight(self) -> None:
        self._update_body()

    def watch_show_removed(self) -> None:
        self._update_removed()

    def _update_removed(self) -> None:
        removed = self.query_one("#removed", Static)
        removed.display = self.show_removed and self.article is not None
        if self.article is not None and self.show_removed:
            removed.update(removed_text(self.article))
