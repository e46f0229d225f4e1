"""A pop-up that lists choices with counts and returns the one picked (or None).

The entities pop-up (``E``) and the tags pop-up (``t``) are pickers: a heading, one option a
row (plain :class:`rich.text.Text`, never markup), a line when there is nothing to list, j/k to
move and Enter to choose. A subclass says what its rows are and how each is shown.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


def heading_text(title: str, line: str) -> Text:
    """A picker's heading: ``title`` in bold, then ``line`` dimmed under it."""
    heading = Text()
    heading.append(f"{title}\n", style="bold")
    heading.append(line, style="dim")
    return heading


class PickerScreen(ModalScreen[str | None]):
    """Pick one row; dismissed with its value, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]
    BOX_ID: ClassVar[str] = "picker"
    LIST_ID: ClassVar[str] = "picker-list"
    EMPTY: ClassVar[str] = "Nothing to pick."

    def heading(self) -> Text:
        """The lines above the list."""
        raise NotImplementedError

    def prompts(self) -> list[Text]:
        """One prompt a row, in the order of :meth:`value`'s indexes."""
        raise NotImplementedError

    def value(self, index: int) -> str:
        """What picking row ``index`` returns."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id=self.BOX_ID):
            yield Static(self.heading(), markup=False)
            # No option ids: two rows may show the same text (Jordan the person and the
            # country), and OptionList refuses a duplicate id.
            options = [Option(prompt) for prompt in self.prompts()]
            if not options:
                yield Static(self.EMPTY, markup=False)
            yield OptionList(*options, id=self.LIST_ID, markup=False)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.value(event.option_index))
