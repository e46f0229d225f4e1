"""The help screen (``?`` / F1): every key and what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.keys import KEYS, PANE_KEYS, display_keys


def help_text() -> Text:
    """The key table as styled text."""
    # The footer puts Help first so it never falls off; here Help and Quit close the list.
    last = ("help", "quit")
    ordered = [k for k in KEYS if k.action not in last] + [k for k in KEYS if k.action in last]
    rows = list(PANE_KEYS) + [(display_keys(k.keys), k.help) for k in ordered]
    width = max(len(keys) for keys, _ in rows) + 2
    text = Text()
    text.append("reader — keys\n\n", style="bold")
    for keys, what in rows:
        text.append(keys.ljust(width), style="bold cyan")
        text.append(what + "\n")
    text.append("\nEsc, q or ? closes this screen.", style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    """A modal listing the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text(), markup=False)
