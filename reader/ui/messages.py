"""Messages the workers post back to the app, named as past events."""

from __future__ import annotations

from textual.message import Message

from reader.library import Entry, Skipped
from reader.model import Article


class EntriesFound(Message):
    """A batch of library entries was scanned."""

    def __init__(self, generation: int, entries: tuple[Entry, ...]) -> None:
        super().__init__()
        self.generation = generation
        """Which scan found them (stale scans are ignored)."""
        self.entries = entries
        """The new entries, in file order."""


class ScanFinished(Message):
    """A scan reached the end of its folders."""

    def __init__(self, generation: int, skipped: tuple[Skipped, ...]) -> None:
        super().__init__()
        self.generation = generation
        """Which scan finished."""
        self.skipped = skipped
        """Files left out, with reasons."""


class ArticleLoaded(Message):
    """An article was loaded and cleaned."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        """The clean article."""


class ArticleFailed(Message):
    """An article could not be loaded."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__()
        self.path = path
        """The file that failed."""
        self.reason = reason
        """Why, for people."""
