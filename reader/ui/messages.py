"""Messages the widgets' workers post, named as past events; the main screen routes them.

A worker posts to the widget that owns it; the widget acts on its own results (dropping late
ones) and the message bubbles on to the screen, which updates the rest (status line, list
marks, focus). Dataclasses, as Textual's own messages are: ``Message.__post_init__`` sets
them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from reader.clipboard import CopyResult
from reader.library import Entry, Skipped
from reader.model import Article, Entity, Summary
from reader.ui.widgets.article_body import Body

if TYPE_CHECKING:  # (feeds load feedparser and the HTTP client: not before they are used)
    from reader.feeds import FeedResult, FeedRow, FullResult
    from reader.search import Hit


@dataclass
class EntriesFound(Message):
    """A batch of library entries was scanned."""

    generation: int
    """Which scan found them (stale scans are ignored)."""
    entries: tuple[Entry, ...]
    """The new entries, in file order."""


@dataclass
class ScanFinished(Message):
    """A scan reached the end of its folders."""

    generation: int
    """Which scan finished."""
    skipped: tuple[Skipped, ...]
    """Files left out, with reasons."""


@dataclass
class ArticleLoaded(Message):
    """An article was loaded and cleaned."""

    article: Article
    """The clean article."""
    entities: tuple[Entity, ...]
    """Named entities of its body (offsets into ``article.body``)."""
    summary: Summary | None
    """Its summary when the cache had one for ``sentences`` and ``algorithm``."""
    sentences: int | None
    """The summary length asked for."""
    algorithm: str
    """The summary algorithm asked for."""
    body: Body | None = None
    """Its body ready to lay out (made in the worker: a huge one costs the UI nothing)."""


@dataclass
class ArticlePreviewed(Message):
    """The first screenful of a big article was read, while the whole is still loading."""

    article: Article
    """The article as its first part reads (not the whole: not for copying or summaries)."""
    body: Body
    """Its body ready to lay out."""


@dataclass
class ArticleLoading(Message):
    """An article is taking a while to load: the pane now says "Loading…"."""

    path: str
    """The file."""


@dataclass
class EntitiesFound(Message):
    """The entities of a long article were found after it was shown."""

    path: str
    """The article."""
    entities: tuple[Entity, ...]
    """Its named entities (offsets into ``article.body``)."""
    body: Body | None = None
    """Its body with the entities placed (made in the worker)."""


@dataclass
class _Failed(Message):
    path: str
    """The file."""
    reason: str
    """Why, for people."""


class ArticleFailed(_Failed):
    """An article could not be loaded."""


class SummaryFailed(_Failed):
    """A summary could not be made for the article at ``path``."""


@dataclass
class SearchFinished(Message):
    """The full-text index answered what ``/`` holds."""

    query: str
    """The query asked (an answer for a query since changed is dropped)."""
    hits: tuple[Hit, ...]
    """The best matches, best first (``path`` in the list's own path form)."""


@dataclass
class StoreOpened(Message):
    """The store was opened; carries what the list needs to mark its rows."""

    read: set[str]
    """Paths marked read."""
    summarized: set[str]
    """Paths with a cached summary."""
    warning: str | None
    """Why the store is not the usual one (in memory, rebuilt), else None."""


@dataclass
class SummaryReady(Message):
    """A summary was computed (or read from the cache) for an article."""

    path: str
    """The article it summarises."""
    sentences: int | None
    """The length asked for (None: automatic)."""
    algorithm: str
    """The algorithm asked for."""
    summary: Summary
    """The summary."""


@dataclass
class CopyFinished(Message):
    """A copy to the clipboard ended (well or not); ``exported`` is the fallback file if any."""

    what: str
    """What was copied, for people ("summary", "article")."""
    result: CopyResult
    """How it went."""
    exported: str | None
    """Where the Markdown export was written when copying failed."""


@dataclass
class MentionsFound(Message):
    """The library entries mentioning an entity were found."""

    entity: str
    """The entity's text."""
    paths: set[str]
    """Files whose clean body mentions it."""


@dataclass
class WorkFailed(Message):
    """A worker ended with an error; the app tells the user (one handler for every worker)."""

    what: str
    """What the worker was doing, for people ("Scanning the library")."""
    error: str
    """The error, for people."""


@dataclass
class AddProgressed(Message):
    """Adding URLs went on: pages done so far, and bytes of the page now arriving."""

    job: int
    """Which add command (``UrlAdder.add`` numbers them)."""
    done: int
    """URLs that ended (saved or failed)."""
    total: int
    """URLs asked for."""
    received: int
    """Bytes received of the page(s) now arriving."""


@dataclass
class UrlAdded(Message):
    """A URL was saved into the library (or was saved already): its list entry."""

    job: int
    """Which add command (``UrlAdder.add`` numbers them)."""
    url: str
    """The URL as asked for."""
    entry: Entry
    """The saved file's list entry."""
    status: str
    """How it ended (``reader.adding.SAVED``, ``ALREADY``...)."""
    first: bool
    """True for the first article of this add command (the one opened)."""


@dataclass
class UrlFailed(Message):
    """A URL could not be added."""

    job: int
    """Which add command (``UrlAdder.add`` numbers them)."""
    url: str
    """The URL as asked for."""
    reason: str
    """Why, for people."""


@dataclass
class AddFinished(Message):
    """An add command ended."""

    job: int
    """Which add command (``UrlAdder.add`` numbers them)."""
    added: int
    """URLs saved (or found saved already)."""
    failed: int
    """URLs that failed."""
    stopped: int = 0
    """URLs not fetched because the user stopped the add (``X``)."""


# --- feeds (reader/ui/widgets/feeds.py) ------------------------------------------------------


@dataclass
class FeedsListed(Message):
    """The subscriptions were read with their item and unread counts."""

    rows: tuple[FeedRow, ...]
    """One row per feed, in the subscriptions' order."""


@dataclass
class FeedChosen(Message):
    """A feed was chosen in the feeds pane (None: all of the library again)."""

    url: str | None
    """The feed's URL, or None for "All"."""
    title: str
    """Its title, for people."""
    paths: frozenset[str]
    """The library entries that are its items (in the list's own path form)."""


@dataclass
class FeedMarkedRead(Message):
    """Every item of a feed was marked read."""

    title: str
    """The feed's title, for people."""
    paths: frozenset[str]
    """The library entries now read (in the list's own path form)."""
    count: int
    """How many items the store marked."""


@dataclass
class FeedsProgressed(Message):
    """A feed update moved on: ``done`` of ``total`` feeds have answered."""

    done: int
    total: int


@dataclass
class FeedsUpdated(Message):
    """An update of every feed ended."""

    results: tuple[FeedResult, ...]
    """One result per feed."""
    entries: tuple[Entry, ...]
    """The new items as library entries (those under the scanned folders)."""


@dataclass
class FullPageFetched(Message):
    """An article's full page was fetched (its body replaced, kept, or the fetch failed)."""

    path: str
    """The article as the list knew it."""
    result: FullResult
    """How it went (``result.path`` is the file now: it may have changed)."""
    entry: Entry | None
    """The file's entry as it now reads (None: it no longer reads)."""
