"""What the library list shows: filtering, sorting and one row's text (plain logic, no widgets)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from reader.library import Entry

SORTS: tuple[str, ...] = ("file order", "title", "source", "length", "paywalled first")
"""Sort orders that ``s`` cycles through, in order."""

LOCK = "🔒 excerpt"
"""The mark a truncated piece carries in the list."""


def matches(entry: Entry, query: str) -> bool:
    """True when every word of ``query`` occurs in the entry's title or source (any case)."""
    hay = f"{entry.title}\n{entry.source}".casefold()
    return all(word in hay for word in query.casefold().split())


def arrange(entries: Sequence[Entry], query: str = "", sort: str = SORTS[0]) -> list[Entry]:
    """The entries to show: those matching ``query``, in ``sort`` order (stable)."""
    shown = [e for e in entries if matches(e, query)] if query.strip() else list(entries)
    if sort == "title":
        shown.sort(key=lambda e: e.title.casefold())
    elif sort == "source":
        shown.sort(key=lambda e: (e.source.casefold(), e.title.casefold()))
    elif sort == "length":
        shown.sort(key=lambda e: -e.words)
    elif sort == "paywalled first":
        shown.sort(key=lambda e: not e.paywall.truncated)
    return shown


def next_sort(sort: str) -> str:
    """The sort order after ``sort`` in the cycle."""
    index = SORTS.index(sort) if sort in SORTS else -1
    return SORTS[(index + 1) % len(SORTS)]


def row_text(entry: Entry, read: bool = False, cached: bool = False) -> Text:
    """Two lines for the list: marks and title, then source, length and paywall mark.

    Built with explicit styles: titles and sources are never parsed as markup.
    """
    text = Text()
    text.append("  " if read else "● ", style="bold cyan" if not read else "")
    text.append(entry.title, style="dim" if read else "bold")
    text.append("\n  ")
    if entry.paywall.truncated:
        text.append(LOCK, style="bold yellow")
        text.append(" · ")
    text.append(entry.source or "unknown source", style="italic")
    minutes = max(1, round(entry.words / 230))
    text.append(f" · {entry.words} words · {minutes} min", style="dim")
    if cached:
        text.append(" · ✎ summary", style="green")
    return text
