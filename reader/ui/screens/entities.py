"""The entities pop-up (``E``): people, organisations and places of the article, with counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.entities import count_entities
from reader.model import Entity
from reader.textutil import safe_line
from reader.ui.render import ENTITY_COLOURS, LABEL_NAMES

KINDS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
"""Labels the pop-up lists (names, not dates or amounts), in this order."""


def entity_rows(entities: Sequence[Entity]) -> list[tuple[str, str, int]]:
    """``(text, label, count)`` for the listed kinds, grouped by kind, most mentioned first."""
    counted = [row for row in count_entities(entities) if row[1] in KINDS]
    return sorted(counted, key=lambda row: KINDS.index(row[1]))


class EntitiesScreen(ModalScreen[str | None]):
    """Pick an entity; the app then filters the library to pieces that mention it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,E", "dismiss_none", "Close"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def __init__(self, title: str, entities: Sequence[Entity]) -> None:
        super().__init__()
        self.title_text = safe_line(title)
        self.rows = entity_rows(entities)

    def compose(self) -> ComposeResult:
        with Vertical(id="entities"):
            heading = Text()
            heading.append("Entities in ", style="bold")
            heading.append(self.title_text, style="bold")
            heading.append("\nEnter filters the library to pieces that mention one.", style="dim")
            yield Static(heading, markup=False)
            options = []
            for text, label, count in self.rows:
                prompt = Text()
                prompt.append(f"{LABEL_NAMES.get(label, label):<13}", style=ENTITY_COLOURS[label])
                prompt.append(safe_line(text))
                prompt.append(f"  ×{count}", style="dim")
                # No option ids: one text can carry two labels (Jordan the person and
                # the country), and OptionList refuses a duplicate id.
                options.append(Option(prompt))
            if not options:
                yield Static("No people, organisations or places found.", markup=False)
            yield OptionList(*options, id="entity-list", markup=False)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.rows[event.option_index][0])
