"""The tags pop-up (``t``): the tags of the listed articles, with counts; one filters the list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from reader.library import Entry
from reader.textutil import safe_line
from reader.ui.screens.picker import PickerScreen, heading_text


def tag_counts(entries: Iterable[Entry]) -> list[tuple[str, int]]:
    """``(tag, articles)`` for every tag of ``entries``, most used first, then by name."""
    counts = Counter(tag for entry in entries for tag in dict.fromkeys(entry.tags))
    return sorted(counts.items(), key=lambda row: (-row[1], row[0].casefold()))


class TagsScreen(PickerScreen):
    """Pick a tag; the list then shows only the articles that carry it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,t", "dismiss_none", "Close")]
    BOX_ID = "tags"
    LIST_ID = "tag-list"
    EMPTY = "No article in the list has a tag."

    def __init__(self, entries: Iterable[Entry]) -> None:
        super().__init__()
        self.rows = tag_counts(entries)

    def heading(self) -> Text:
        return heading_text(
            "Tags", "Enter shows only the articles with that tag; Esc in the list clears."
        )

    def prompts(self) -> list[Text]:
        prompts = []
        for tag, count in self.rows:
            prompt = Text()
            prompt.append(f"#{safe_line(tag)}")
            prompt.append(f"  ×{count}", style="dim")
            prompts.append(prompt)
        return prompts

    def value(self, index: int) -> str:
        return self.rows[index][0]
