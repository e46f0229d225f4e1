"""The list's second section under ``/``: the full-text index's matches, one row each.

:class:`BodyHits` keeps what the index last answered (the query, a row with its snippet per
match) and the ``{absolute path: entry path}`` map the search is run within; ``LibraryList``
runs the worker and decides which rows are shown. Plain state over the rows' text, no widget.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING

from textual.content import Content

from reader.library import Entry
from reader.ui.listing import hit_row_text

if TYPE_CHECKING:
    from reader.search import Hit

Spans = tuple[tuple[int, int], ...]


class BodyHits:
    """The body matches of the query the index last answered."""

    def __init__(self) -> None:
        self.query = ""
        """The query the index last answered ("" when none)."""
        self.rows: dict[str, Content] = {}
        """One row (title, then the snippet) per match, best first."""
        self._snippets: dict[str, tuple[str, Spans]] = {}
        """Each match's snippet and its spans (to redraw its row after a read mark)."""
        self._within: tuple[int, dict[str, str]] = (-1, {})
        """``{absolute path: entry path}`` of every entry, and the entries version it is of."""

    def clear(self) -> None:
        """Forget the answer (the query was emptied, or the entries rescanned)."""
        self.query, self.rows = "", {}

    def within(self, version: int) -> dict[str, str] | None:
        """The map the search runs within, None when it is of an older ``version``."""
        made, within = self._within
        return within if made == version else None

    def keep_within(self, version: int, within: dict[str, str]) -> None:
        """Keep the map made (in the worker) for entries ``version``, for the next query."""
        self._within = (version, within)

    def answer(
        self, query: str, hits: Iterable[Hit], by_path: Mapping[str, Entry], read: Collection[str]
    ) -> None:
        """Take the index's answer for ``query``: a row per hit still listed."""
        rows = {}
        self._snippets = {}
        for hit in hits:
            entry = by_path.get(hit.path)
            if entry is not None:
                row = hit_row_text(entry, hit.snippet, hit.spans, entry.path in read)
                rows[hit.path] = row
                self._snippets[hit.path] = (hit.snippet, hit.spans)
        self.query, self.rows = query, rows

    def found(
        self,
        shown: list[Entry],
        query: str,
        by_path: Mapping[str, Entry],
        narrow: Callable[[list[Entry]], list[Entry]],
    ) -> list[Entry]:
        """The body matches to list under ``shown``: those the index gave for ``query`` (the
        query now typed), not listed already, that the other filters (``narrow``) let through."""
        if not self.rows or self.query != query or not query.strip():
            return []
        listed = {e.path for e in shown}
        return narrow([by_path[p] for p in self.rows if p not in listed and p in by_path])

    def renew(self, entry: Entry, read: bool) -> bool:
        """Redraw the match row of ``entry`` with its read mark; False when it has none."""
        if entry.path not in self.rows:
            return False
        snippet, spans = self._snippets[entry.path]
        self.rows[entry.path] = hit_row_text(entry, snippet, spans, read)
        return True
