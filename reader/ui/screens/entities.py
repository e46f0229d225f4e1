"""The entities pop-up (``E``): people, organisations and places of the article, with counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from reader.entities import count_entities
from reader.model import Entity
from reader.textutil import safe_line
from reader.ui.render import ENTITY_COLOURS, LABEL_NAMES
from reader.ui.screens.picker import PickerScreen

KINDS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
"""Labels the pop-up lists (names, not dates or amounts), in this order."""


def entity_rows(entities: Sequence[Entity]) -> list[tuple[str, str, int]]:
    """``(text, label, count)`` for the listed kinds, grouped by kind, most mentioned first."""
    counted = [row for row in count_entities(entities) if row[1] in KINDS]
    return sorted(counted, key=lambda row: KINDS.index(row[1]))


class EntitiesScreen(PickerScreen):
    """Pick an entity; the app then filters the library to pieces that mention it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,E", "dismiss_none", "Close")]
    BOX_ID = "entities"
    LIST_ID = "entity-list"
    EMPTY = "No people, organisations or places found."

    def __init__(self, title: str, entities: Sequence[Entity]) -> None:
        super().__init__()
        self.title_text = safe_line(title)
        self.rows = entity_rows(entities)

    def heading(self) -> Text:
        heading = Text()
        heading.append("Entities in ", style="bold")
        heading.append(self.title_text, style="bold")
        heading.append("\nEnter filters the library to pieces that mention one.", style="dim")
        return heading

    def prompts(self) -> list[Text]:
        prompts = []
        for text, label, count in self.rows:
            prompt = Text()
            prompt.append(f"{LABEL_NAMES.get(label, label):<13}", style=ENTITY_COLOURS[label])
            prompt.append(safe_line(text))
            prompt.append(f"  ×{count}", style="dim")
            prompts.append(prompt)
        return prompts

    def value(self, index: int) -> str:
        return self.rows[index][0]
