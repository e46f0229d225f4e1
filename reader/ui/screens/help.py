"""The help screen (``?`` / F1): every key and what it does, grouped, in two columns when the
terminal is wide enough for both (so a 120×40 terminal shows it all without scrolling)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.keys import KEYS, PANE_KEYS, Key, display_keys

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Moving", ("@move", "@ends", "open", "go_back", "page_down", "page_up")),
    ("Reading", ("toggle_read", "toggle_highlight", "toggle_removed", "open_url", "fetch_full")),
    ("Summaries", ("summary_longer", "summary_shorter", "copy_summary", "copy_article", "export")),
    (
        "Finding",
        (
            "search",
            "next_match",
            "previous_match",
            "sort",
            "unread_only",
            "excerpts_only",
            "source_filter",
            "tags",
            "entities",
            "filters",
        ),
    ),
    (
        "Library and feeds",
        ("rescan", "add_url", "stop_adding", "toggle_feeds", "mark_feed_read", "update_feeds"),
    ),
    ("App", ("@palette", "help", "quit")),
)
"""The help screen's groups, in reading order: app actions by name, the widgets' own keys
(``PANE_KEYS``) as ``@move``, ``@ends`` and ``@palette``. Every key is in exactly one group
(a test holds this, so a new key cannot be left out of the help)."""

_PANE = dict(zip(("@move", "@ends", "@palette"), PANE_KEYS, strict=True))
WIDE = 118
"""Terminal columns from which the groups are laid out in two columns."""


def help_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each group's title and its ``(keys, what they do)`` rows."""
    by_action: dict[str, Key] = {k.action: k for k in KEYS}
    groups = []
    for title, members in SECTIONS:
        rows = []
        for name in members:
            if name in _PANE:
                rows.append(_PANE[name])
            else:
                key = by_action[name]
                rows.append((display_keys(key.keys), key.help))
        groups.append((title, rows))
    return groups


def _column(groups: list[tuple[str, list[tuple[str, str]]]], width: int) -> Group:
    """One column: each group's title over a two-column grid, the keys never wrapped (a long
    description wraps under itself)."""
    parts: list[RenderableType] = []
    for n, (title, rows) in enumerate(groups):
        parts.append(Text(("\n" if n else "") + title, style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=width, no_wrap=True, style="bold cyan")
        grid.add_column()
        for keys, what in rows:
            grid.add_row(Text(keys), Text(what))
        parts.append(grid)
    return Group(*parts)


def help_columns(columns: int) -> list[Group]:
    """The key table as ``columns`` (1 or 2) blocks, groups kept whole and the two columns
    about as tall as each other."""
    groups = help_rows()
    width = max(len(keys) for _, rows in groups for keys, _ in rows)
    if columns < 2:
        return [_column(groups, width)]
    sizes = [len(rows) + 2 for _, rows in groups]
    total, best, split = sum(sizes), sum(sizes), 1
    for cut in range(1, len(groups)):
        tallest = max(sum(sizes[:cut]), total - sum(sizes[:cut]))
        if tallest < best:
            best, split = tallest, cut
    return [_column(groups[:split], width), _column(groups[split:], width)]


class HelpScreen(ModalScreen[None]):
    """A modal listing the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close"),
        # On a small terminal the table scrolls, with the list's keys:
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("space,pagedown", "scroll(0, 1)", "Page down", show=False),
        Binding("b,pageup", "scroll(0, -1)", "Page up", show=False),
        Binding("g,home", "scroll(-1_000_000)", "Top", show=False),
        Binding("G,end", "scroll(1_000_000)", "End", show=False),
    ]

    def compose(self) -> ComposeResult:
        columns = 2 if self.app.size.width >= WIDE else 1
        with VerticalScroll(id="help", classes="-two" if columns == 2 else ""):
            yield Static(Text("reader — keys", style="bold"), markup=False, id="help-title")
            with Horizontal(id="help-columns"):
                for block in help_columns(columns):
                    yield Static(block, markup=False, classes="help-column")
            yield Static(Text("Esc, q or ? closes this screen.", style="dim"), id="help-foot")

    def action_scroll(self, lines: int, pages: int = 0) -> None:
        """Scroll the table ``lines`` lines, or ``pages`` screenfuls."""
        table = self.query_one("#help", VerticalScroll)
        step = lines + pages * max(1, table.scrollable_content_region.height - 1)
        table.scroll_to(y=table.scroll_y + step, animate=False)

    def on_resize(self) -> None:
        wide = self.app.size.width >= WIDE
        if wide != self.query_one("#help").has_class("-two"):
            self.refresh(recompose=True)
