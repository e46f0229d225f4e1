"""The tags pop-up (``t``): the tags of the listed articles, with counts; one filters the list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.library import Entry
from reader.textutil import safe_line


def tag_counts(entries: Iterable[Entry]) -> list[tuple[str, int]]:
    """``(tag, articles)`` for every tag of ``entries``, most used first, then by name."""
    counts = Counter(tag for entry in entries for tag in dict.fromkeys(entry.tags))
    return sorted(counts.items(), key=lambda row: (-row[1], row[0].casefold()))


class TagsScreen(ModalScreen[str | None]):
    """Pick a tag; the list then shows only the articles that carry it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t", "dismiss_none", "Close"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def __init__(self, entries: Iterable[Entry]) -> None:
        super().__init__()
        self.rows = tag_counts(entries)

    def compose(self) -> ComposeResult:
        with Vertical(id="tags"):
            heading = Text()
            heading.append("Tags\n", style="bold")
            heading.append("Enter shows only the articles with that tag; Esc in the list clears.")
            heading.stylize("dim", len("Tags\n"))
            yield Static(heading, markup=False)
            options = []
            for tag, count in self.rows:
                prompt = Text()
                prompt.append(f"#{safe_line(tag)}")
                prompt.append(f"  ×{count}", style="dim")
                options.append(Option(prompt))
            if not options:
                yield Static("No article in the list has a tag.", markup=False)
            yield OptionList(*options, id="tag-list", markup=False)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.rows[event.option_index][0])
