"""A Footer that rebuilds only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class ReaderFooter(Footer):
    """Textual's Footer recomposes (a dozen new widgets, restyled) on every focus change.

    Moving between the list and the article changes no key the footer shows (the panes' own
    keys are hidden), so this footer skips the rebuild unless the shown keys really differ.
    That rebuild was a large part of the time to open an article.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        """Recompose only when the visible keys (or their enabled state) changed."""
        shown = tuple(
            (binding.key, binding.description, enabled)
            for (_, binding, enabled, _) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)
