"""The filters pop-up (``c``): the filters in force, one a row; Enter removes the one picked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from reader.filters import FilterSpec
from reader.ui.listing import filter_phrase
from reader.ui.screens.picker import PickerScreen, heading_text


class FiltersScreen(PickerScreen):
    """Pick one of the filters in force; dismissed with its label (``FilterPart.label``)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,c", "dismiss_none", "Close")]
    BOX_ID = "filters"
    LIST_ID = "filter-list"
    EMPTY = "No filter is on."

    def __init__(self, spec: FilterSpec) -> None:
        super().__init__()
        self.parts = spec.parts()
        """The filters in force, in the status line's order."""

    def heading(self) -> Text:
        return heading_text(
            "Filters", "Enter removes the one highlighted; Esc in the list removes them all."
        )

    def prompts(self) -> list[Text]:
        # Plain Text of a phrase made safe (a tag, a source, a name or a feed's title).
        return [Text(filter_phrase(part)) for part in self.parts]

    def value(self, index: int) -> str:
        return self.parts[index].label
