"""Messages the workers post back to the app, named as past events."""

from __future__ import annotations

from textual.message import Message

from reader.clipboard import CopyResult
from reader.library import Entry, Skipped
from reader.model import Article, Entity, Summary


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

    def __init__(
        self,
        article: Article,
        entities: tuple[Entity, ...] = (),
        summary: Summary | None = None,
        sentences: int | None = None,
        algorithm: str = "",
    ) -> None:
        super().__init__()
        self.summary = summary
        """Its summary when the cache had one for ``sentences`` and ``algorithm``."""
        self.sentences = sentences
        """The summary length asked for."""
        self.algorithm = algorithm
        """The summary algorithm asked for."""
        self.article = article
        """The clean article."""
        self.entities = entities
        """Named entities of its body (offsets into ``article.body``)."""


class ArticleFailed(Message):
    """An article could not be loaded."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__()
        self.path = path
        """The file that failed."""
        self.reason = reason
        """Why, for people."""


class StoreOpened(Message):
    """The store was opened; carries what the list needs to mark its rows."""

    def __init__(self, read: set[str], summarized: set[str], warning: str | None) -> None:
        super().__init__()
        self.read = read
        """Paths marked read."""
        self.summarized = summarized
        """Paths with a cached summary."""
        self.warning = warning
        """Why the store is not the usual one (in memory, rebuilt), else None."""


class SummaryReady(Message):
    """A summary was computed (or read from the cache) for an article."""

    def __init__(self, path: str, sentences: int | None, algorithm: str, summary: Summary) -> None:
        super().__init__()
        self.path = path
        """The article it summarises."""
        self.sentences = sentences
        """The length asked for (None: automatic)."""
        self.algorithm = algorithm
        """The algorithm asked for."""
        self.summary = summary
        """The summary."""


class SummaryFailed(Message):
    """A summary could not be made."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__()
        self.path = path
        """The article."""
        self.reason = reason
        """Why, for people."""


class CopyFinished(Message):
    """A copy to the clipboard ended (well or not); ``exported`` is the fallback file if any."""

    def __init__(self, what: str, result: CopyResult, exported: str | None) -> None:
        super().__init__()
        self.what = what
        """What was copied, for people ("summary", "article")."""
        self.result = result
        """How it went."""
        self.exported = exported
        """Where the Markdown export was written when copying failed."""


class MentionsFound(Message):
    """The library entries mentioning an entity were found."""

    def __init__(self, entity: str, paths: set[str]) -> None:
        super().__init__()
        self.entity = entity
        """The entity's text."""
        self.paths = paths
        """Files whose clean body mentions it."""
