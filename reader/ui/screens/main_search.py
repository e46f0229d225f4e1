"""The main screen's search: the box (``/``) filters the list, ``n``/``N`` step the matches."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from reader.ui.messages import SearchFinished
from reader.ui.screens.main_base import MainBase

FILTER_DELAY = 0.15
"""Seconds of pause in typing before a big library is filtered..."""
FILTER_DELAY_FROM = 2000
"""... from this many articles (a smaller one is filtered on every key)."""


class SearchMixin(MainBase):
    """The search box's filtering, the body matches, and the steps between an article's matches."""

    @on(Input.Changed, "#search")
    def _filter(self, event: Input.Changed) -> None:
        self.library.query_text = event.value
        if self.filter_pending is not None:
            self.filter_pending.stop()
        # Typing fast over a big library: filter once the keys pause, not on every key.
        if len(self.library.entries) > FILTER_DELAY_FROM:
            self.filter_pending = self.set_timer(FILTER_DELAY, self._apply_filter)
        else:
            self._apply_filter()

    def _apply_filter(self) -> None:
        self.filter_pending = None
        self.library.rebuild()
        self.library.search_bodies()  # the text's matches join the list when the index answers
        self._update_status()

    def on_search_finished(self, _: SearchFinished) -> None:
        self._update_status()

    def action_next_match(self) -> None:
        """Go to the next search match in the article (wrapping)."""
        self._step_match(1)

    def action_previous_match(self) -> None:
        """Go to the previous search match in the article (wrapping)."""
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        view = self.view
        if not view.matches:
            self.notify("No search matches here: open an article from a search (/).", timeout=3)
            return
        number = view.goto_match(view.current_match + step)
        self.notify(f"Match {number + 1}/{len(view.matches)}", timeout=2)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.library.focus()
