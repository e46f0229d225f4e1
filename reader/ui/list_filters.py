"""The filters in force over the library list: the core's spec and what the list knows.

``LibraryList`` keeps one :class:`ListFilters`. Its spec is a :class:`reader.filters.FilterSpec`
and the rows it keeps are those of :func:`reader.filters.predicate`: the one definition that
``reader list --unread --tag T ...`` uses too. What the predicate needs beyond the entries comes
from the list's own state rather than the store (nothing here reads a file or the database):
the read marks it shows, the pieces its mentions worker found to mention each entity (the
entities pop-up's "every piece that mentions X"), and a feed's items as the feeds pane found
them. Plain state, no widget.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from itertools import compress
from operator import attrgetter, not_

from reader.filters import FeedRef, FilterSpec, Known, predicate
from reader.library import Entry

_PATH = attrgetter("path")


class ListFilters:
    """A spec and the path sets its mentions and feed filters stand for."""

    def __init__(self) -> None:
        self.spec = FilterSpec()
        """The filters in force (the empty spec: none)."""
        self._mentioning: dict[str, frozenset[str]] = {}
        """For each entity of ``spec.mentions``: the paths that mention it."""
        self._feed: frozenset[str] = frozenset()
        """The paths of ``spec.feed``'s items."""

    def narrow(
        self, entries: list[Entry], read: Collection[str], *, excerpts: bool = True
    ) -> list[Entry]:
        """The ``entries`` (order kept) that every filter lets through (``excerpts=False``:
        every filter but excerpt-only, which the caller applied).

        The unread filter, the commonest, goes first as one loop in C (a lookup of each path
        among the read ones): a Python test per entry cost about 10 ms at 100,000 entries.
        What it keeps is what the predicate keeps."""
        spec = self.spec if excerpts else replace(self.spec, excerpt_only=False)
        if spec.unread:
            unread = map(not_, map(read.__contains__, map(_PATH, entries)))
            entries = list(compress(entries, unread))
            spec = replace(spec, unread=False)
        if not spec:
            return entries
        keep = predicate(spec, Known(read=read, mentioning=self._mentioning, feed=self._feed))
        return [e for e in entries if keep(e)]

    def put(self, spec: FilterSpec) -> bool:
        """Put ``spec`` in force, forgetting the sets it no longer needs; False when it
        already was."""
        if spec == self.spec:
            return False
        self.spec = spec
        self._mentioning = {n: p for n, p in self._mentioning.items() if n in spec.mentions}
        if spec.feed is None:
            self._feed = frozenset()
        return True

    def add_mention(self, entity: str, paths: Collection[str]) -> None:
        """Also keep only the pieces that mention ``entity`` (``paths``)."""
        self._mentioning[entity] = frozenset(paths)
        mentions = self.spec.mentions
        if entity not in mentions:
            self.spec = replace(self.spec, mentions=(*mentions, entity))

    def set_feed(self, feed: FeedRef | None, paths: Collection[str] = ()) -> bool:
        """Keep only ``feed``'s items (``paths``), replacing any other feed; None: any article.
        False when nothing changed."""
        wanted = frozenset(paths) if feed is not None else frozenset()
        if feed == self.spec.feed and wanted == self._feed:
            return False
        self.spec = replace(self.spec, feed=feed)
        self._feed = wanted
        return True

    def without(self, label: str) -> FilterSpec | None:
        """The spec with the filter labelled ``label`` removed; None when none is."""
        return next((p.without for p in self.spec.parts() if p.label == label), None)

    def renamed(self, old: str, new: str) -> None:
        """The file listed as ``old`` is now listed as ``new``: the sets follow it."""
        if old in self._feed:
            self._feed = self._feed | {new}
        for entity, paths in self._mentioning.items():
            if old in paths:
                self._mentioning[entity] = paths | {new}
