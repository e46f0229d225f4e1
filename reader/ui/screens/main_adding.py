"""The main screen's "add URL" (``a``): the pop-up, then the adder's progress and results."""

from __future__ import annotations

from reader.adding import ALREADY
from reader.textutil import safe_line
from reader.ui.messages import AddFinished, AddProgressed, UrlAdded, UrlFailed
from reader.ui.screens.add_url import AddUrlScreen
from reader.ui.screens.main_base import MainBase
from reader.ui.widgets.url_adder import UrlAdder


class AddingMixin(MainBase):
    """Adding articles from the web."""

    def action_add_url(self) -> None:
        """Ask for URLs, then fetch them into the library folder in a worker."""
        self.app.push_screen(AddUrlScreen(), self._add_urls)

    def _add_urls(self, urls: list[str] | None) -> None:
        if not urls:
            return
        job = self.query_one(UrlAdder).add(urls)
        self.adding[job] = AddProgressed(job, 0, len(urls), 0)
        self._update_status()

    def on_add_progressed(self, message: AddProgressed) -> None:
        if message.job in self.adding:
            self.adding[message.job] = message
            self._update_status()

    def on_url_added(self, message: UrlAdded) -> None:
        entry = self.library.insert_entry(message.entry)
        title = safe_line(entry.title) or entry.path
        if message.status == ALREADY:
            self.notify(f"Already saved: {title}", timeout=4)
        else:
            self.notify(f"Saved: {title}", timeout=4)
        self._update_status()
        if message.first:
            self.library.select_path(entry.path)
            self.open_path(entry.path)

    def on_url_failed(self, message: UrlFailed) -> None:
        self.notify(
            f"{message.url}\n{message.reason}", title="Not added", severity="error", timeout=10
        )

    def on_add_finished(self, message: AddFinished) -> None:
        self.adding.pop(message.job, None)
        self._update_status()
        if message.stopped:
            self.notify(f"Stopped: {message.added} added, {message.stopped} not fetched", timeout=6)

    def action_stop_adding(self) -> None:
        """Stop the adds under way (``X``): what is being written finishes, the rest waits."""
        if not self.query_one(UrlAdder).stop():
            self.notify("Nothing is being added", timeout=3)
