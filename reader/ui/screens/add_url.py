"""The "add URL" pop-up (``a``): one or more web addresses to fetch into the library."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


def split_urls(text: str) -> list[str]:
    """The addresses typed or pasted: separated by any whitespace, each once, in order."""
    return list(dict.fromkeys(text.split()))


class UrlInput(Input):
    """An input that keeps every line of a paste (a list of URLs, one a line), as spaces.

    Textual's ``Input`` keeps only the first line of a paste.
    """

    def on_paste(self, event: events.Paste) -> None:
        text = " ".join(event.text.split())
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.prevent_default()  # not Input's own paste too
        event.stop()


class AddUrlScreen(ModalScreen[list[str] | None]):
    """Ask for URLs; dismissed with the list (Enter) or None (Esc). Nothing is fetched here."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-url"):
            heading = Text()
            heading.append("Add from the web\n", style="bold")
            heading.append(
                "Type or paste a URL (several: separated by spaces). "
                "Enter fetches it into the library, Esc cancels.",
                style="dim",
            )
            yield Static(heading, markup=False)
            yield UrlInput(placeholder="https://…", id="url")

    def on_mount(self) -> None:
        self.query_one(UrlInput).focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#url")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        urls = split_urls(event.value)
        if urls:
            self.dismiss(urls)
