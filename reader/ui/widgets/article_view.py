"""The reader pane: header, clean body, paywall banner at the cut point, removed blocks."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from reader.model import Article
from reader.ui.render import banner_text, body_text, header_text, removed_text


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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        """The article on show (None before one is opened)."""

    def compose(self) -> ComposeResult:
        yield Static("Choose an article and press Enter.", id="article-header", markup=False)
        yield Static("", id="article-body", markup=False)
        yield Static("", id="paywall-banner", markup=False)
        yield Static("", id="removed", markup=False)

    def show_loading(self, title: str) -> None:
        """Say which article is loading while the worker reads it."""
        self.query_one("#article-header", Static).update(f"Loading {title}…")
        self.query_one("#article-body", Static).update("")
        self.query_one("#paywall-banner", Static).display = False
        self.query_one("#removed", Static).display = False

    def show_error(self, message: str) -> None:
        """Show why an article could not be opened."""
        self.article = None
        self.query_one("#article-header", Static).update(message)
        self.query_one("#article-body", Static).update("")
        self.query_one("#paywall-banner", Static).display = False
        self.query_one("#removed", Static).display = False

    def show(self, article: Article) -> None:
        """Display ``article`` from the top."""
        self.article = article
        self.query_one("#article-header", Static).update(header_text(article))
        self.query_one("#article-body", Static).update(body_text(article))
        banner = self.query_one("#paywall-banner", Static)
        banner.display = article.paywall.truncated
        if article.paywall.truncated:
            banner.update(banner_text(article))
        self._update_removed()
        self.scroll_home(animate=False)

    def watch_show_removed(self) -> None:
        self._update_removed()

    def _update_removed(self) -> None:
        removed = self.query_one("#removed", Static)
        removed.display = self.show_removed and self.article is not None
        if self.article is not None and self.show_removed:
            removed.update(removed_text(self.article))
