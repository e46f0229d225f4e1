"""Every key the reader answers to: one table for bindings, the help screen and the palette."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Key:
    """One user command: keys, the app action it runs, and what it does."""

    keys: str
    """Comma-separated Textual key names."""
    action: str
    """The ``ReaderApp`` action name (without ``action_``)."""
    title: str
    """Short name (Footer and command palette)."""
    help: str
    """One line for the help screen and the palette."""
    footer: bool = True
    """Shown in the Footer."""


KEYS: tuple[Key, ...] = (
    # Help first: in an 80-column footer it must never be the key that falls off the end.
    Key("question_mark,f1", "help", "Help", "Show all keys"),
    Key("enter,l", "open", "Open", "Open the highlighted article", footer=False),
    Key("h,escape,backspace", "go_back", "Back", "Back to the list", footer=False),
    Key("space", "page_down", "Page", "Page down in the article", footer=False),
    Key("b", "page_up", "Page up", "Page up in the article", footer=False),
    Key("slash", "search", "Search", "Filter the list by title or source"),
    Key("n", "next_match", "Next match", "Next search match in the article", footer=False),
    Key("N", "previous_match", "Prev match", "Previous search match in the article", footer=False),
    Key("s", "sort", "Sort", "Cycle the sort order"),
    Key("m", "toggle_read", "Read", "Mark the article read or unread"),
    Key("plus", "summary_longer", "Longer", "One more sentence in the summary", footer=False),
    Key("minus", "summary_shorter", "Shorter", "One sentence fewer in the summary", footer=False),
    Key("y", "copy_summary", "Copy", "Copy the summary to the clipboard"),
    Key("Y", "copy_article", "Copy all", "Copy the whole clean article", footer=False),
    Key("e", "export", "Export", "Export the summary to a Markdown file", footer=False),
    Key("H", "toggle_highlight", "Highlights", "Colour entities in the body, or not", footer=False),
    Key("E", "entities", "Entities", "People, organisations, places: filter"),
    Key("f", "toggle_feeds", "Feeds", "Feeds pane: unread counts, Enter lists", footer=False),
    Key("A", "mark_feed_read", "Feed read", "Mark every item of the feed read", footer=False),
    Key("U", "update_feeds", "Update", "Update every feed (in the background)", footer=False),
    Key("F", "fetch_full", "Full page", "Fetch the item's full page and show it", footer=False),
    Key("q", "quit", "Quit", "Quit reader"),  # before r: Quit stays in an 80-column footer
    Key("r", "toggle_removed", "Removed", "Show or hide what cleaning removed"),
    Key("o", "open_url", "Open URL", "Open the source URL in the browser", footer=False),
    Key("R", "rescan", "Rescan", "Scan the folders again", footer=False),
    Key("a", "add_url", "Add URL", "Fetch a web page into the library", footer=False),
    Key("X", "stop_adding", "Stop adding", "Stop the adds under way", footer=False),
    Key("t", "tags", "Tags", "Filter the list by a tag", footer=False),
    Key("u", "unread_only", "Unread", "Show only unread articles, or all", footer=False),
    Key("x", "excerpts_only", "Excerpts", "Show only excerpts (paywalled), or all", footer=False),
    Key("S", "source_filter", "Source", "Show only this article's source, or all", footer=False),
    Key("c", "filters", "Filters", "Filters on: Enter removes one, Esc all", footer=False),
)
"""App-level keys. List keys (j/k/arrows, g/G/Home/End) belong to the focused pane."""

PANE_KEYS: tuple[tuple[str, str], ...] = (
    ("j/k/↓/↑", "Move in the list, scroll in the article"),
    ("g/G/Home/End", "First / last article; top / end of it"),
    ("ctrl+p", "Command palette: every action, themes"),
)
"""Keys handled by the widgets themselves, for the help screen."""


def display_keys(keys: str) -> str:
    """Key names as people write them, compactly: ``question_mark,f1`` -> ``?/F1``."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "escape": "Esc",
        "backspace": "Backspace",
        "enter": "Enter",
        "space": "Space",
        "f1": "F1",
        "plus": "+",
        "minus": "-",
    }
    return "/".join(names.get(k, k) for k in keys.split(","))
