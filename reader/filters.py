"""Filters that compose: which library entries to show. Built by the CLI and the TUI alike.

A :class:`FilterSpec` is plain data: unread, excerpt-only, tags, sources, mentions of a name,
a date, a feed's items. Every filter given must hold (tags and mentions: each one given;
sources: any one, as a piece has one source). :meth:`FilterSpec.parts` lists the active filters
one by one, each with a label for a status line, its kind and value (for a front end's own
wording) and a spec without it (what removing it gives).

The one definition of what each filter keeps is :func:`predicate`, over a spec and what is
:class:`Known` about the entries (which are read, which mention each name, which are a feed's
items): pure and cheap, so the TUI calls it on every change with the sets it holds.
:func:`lookups` finds those sets in the store (read marks; the files mentioning each name, from
the search index; a feed's items), :func:`matcher` is the two together, :func:`apply` filters
a list with them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from reader import search
from reader.library import Entry
from reader.store import Store, path_key

__all__ = [
    "FeedRef",
    "FilterPart",
    "FilterSpec",
    "Known",
    "apply",
    "entry_date",
    "lookups",
    "matcher",
    "parse_date",
    "predicate",
]


@dataclass(frozen=True, slots=True)
class FilterPart:
    """One active filter: its label (for a status line) and the spec without it."""

    label: str
    without: FilterSpec
    kind: str = ""
    """Which filter: ``unread``, ``excerpts``, ``tag``, ``source``, ``mentions``, ``since``,
    ``feed``."""
    value: str = ""
    """What it is given (untrusted: a tag, a source, a name, a feed's title), "" for a toggle."""


@dataclass(frozen=True, slots=True)
class FeedRef:
    """A feed, as a filter names it."""

    url: str
    """The feed's address (the store's key for its items)."""
    title: str = ""
    """What to call it (its title, else its URL)."""


@dataclass(frozen=True, slots=True)
class FilterSpec:
    """Which entries to keep; the empty spec keeps all."""

    unread: bool = False
    excerpt_only: bool = False
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    since: date | None = None
    """Entries dated this day or later (the date the file declares, else its mtime)."""
    feed: FeedRef | None = None
    """Only the items of this feed."""

    def __bool__(self) -> bool:
        return bool(self.parts())

    def parts(self) -> list[FilterPart]:
        """The active filters, in a stable order, each removable."""
        out: list[FilterPart] = []
        if self.unread:
            out.append(FilterPart("unread", replace(self, unread=False), "unread"))
        if self.excerpt_only:
            out.append(FilterPart("excerpts", replace(self, excerpt_only=False), "excerpts"))
        for t in self.tags:
            rest = tuple(x for x in self.tags if x != t)
            out.append(FilterPart(f"#{t}", replace(self, tags=rest), "tag", t))
        for s in self.sources:
            rest = tuple(x for x in self.sources if x != s)
            out.append(FilterPart(f"source: {s}", replace(self, sources=rest), "source", s))
        for m in self.mentions:
            rest = tuple(x for x in self.mentions if x != m)
            out.append(FilterPart(f"mentions: {m}", replace(self, mentions=rest), "mentions", m))
        if self.since is not None:
            day = self.since.isoformat()
            out.append(FilterPart(f"since {day}", replace(self, since=None), "since", day))
        if self.feed is not None:
            name = self.feed.title or self.feed.url
            out.append(FilterPart(f"feed: {name}", replace(self, feed=None), "feed", name))
        return out


_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_RELATIVE = re.compile(r"(\d+)\s*([dwmy])", re.IGNORECASE)


def parse_date(text: str, today: date | None = None) -> date:
    """A date the user typed: ``2024-05-01``, ``2024-05`` (its first day), ``2024``, or a
    span back from today (``7d``, ``2w``, ``3m``, ``1y``). ValueError otherwise."""
    s = text.strip()
    now = today or date.today()
    if m := _RELATIVE.fullmatch(s):
        n, unit = int(m.group(1)), m.group(2).lower()
        days = {"d": 1, "w": 7, "m": 30, "y": 365}[unit] * n
        return now - timedelta(days=days)
    if re.fullmatch(r"\d{4}", s):
        return date(int(s), 1, 1)
    if (m := _ISO.fullmatch(s)) is not None:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM, YYYY or e.g. 7d, 2w)")


def _declared(text: str) -> date | None:
    """The date a file declares (ISO or e-mail style, as pages write them), if it reads."""
    if not text:
        return None
    if (m := _ISO.search(text)) is not None:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def entry_date(entry: Entry) -> date | None:
    """The entry's date: the one its file declares, else the file's modification day."""
    found = _declared(entry.date)
    if found is not None:
        return found
    try:
        return datetime.fromtimestamp(os.stat(entry.path).st_mtime).date()  # noqa: PTH116
    except (OSError, ValueError, OverflowError):
        return None


def _folded(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v.strip().lstrip("#").casefold() for v in values if v.strip().lstrip("#"))


def _has_tag(tag: str) -> Callable[[Entry], bool]:
    return lambda e: any(x.casefold() == tag for x in e.tags)


def _among(paths: Collection[str]) -> Callable[[Entry], bool]:
    return lambda e: e.path in paths


@dataclass(frozen=True, slots=True)
class Known:
    """What a spec's filters need beyond the entries themselves, each a collection of entry
    paths (as the entries spell them)."""

    read: Collection[str] = frozenset()
    """The entries marked read."""
    mentioning: Mapping[str, Collection[str]] = field(default_factory=dict)
    """For each name of ``FilterSpec.mentions``: the entries that mention it (a name missing
    here: none does)."""
    feed: Collection[str] = frozenset()
    """The entries that are items of ``FilterSpec.feed``."""


def predicate(spec: FilterSpec, known: Known) -> Callable[[Entry], bool]:
    """The one definition of what ``spec`` keeps: a predicate over entries, given what is
    ``known`` about them. Pure; each filter is one cheap test (a set lookup at most)."""
    tests: list[Callable[[Entry], bool]] = []
    if spec.unread:
        read = known.read
        tests.append(lambda e: e.path not in read)
    if spec.excerpt_only:
        tests.append(lambda e: e.paywall.truncated)
    for tag in _folded(spec.tags):
        tests.append(_has_tag(tag))
    sources = _folded(spec.sources)
    if sources:
        tests.append(lambda e: any(s in e.source.casefold() for s in sources))
    for name in spec.mentions:
        tests.append(_among(known.mentioning.get(name, frozenset())))
    if spec.since is not None:
        since = spec.since
        tests.append(lambda e: (d := entry_date(e)) is not None and d >= since)
    if spec.feed is not None:
        tests.append(_among(known.feed))
    if len(tests) == 1:
        return tests[0]

    def keep(entry: Entry) -> bool:
        return all(t(entry) for t in tests)

    return keep


def lookups(spec: FilterSpec, entries: Iterable[Entry], store: Store | None) -> Known:
    """What ``spec`` needs to know about ``entries``, looked up in the store: their read marks,
    the files that mention each name (from the search index, which a scan with the store keeps
    current) and the feed's items. Without a store nothing is read and nothing mentions
    anything."""
    listed = [e.path for e in entries] if spec.unread or spec.mentions or spec.feed else []
    if store is None:
        return Known()
    read = store.read_among(listed) if spec.unread else set()
    mentioning: dict[str, set[str]] = {}
    for name in spec.mentions:
        found = search.mentioning(store, name)  # absolute paths, the index's keys
        mentioning[name] = {p for p in listed if os.path.abspath(p) in found}  # noqa: PTH100
    feed: set[str] = set()
    if spec.feed is not None:
        keys = {path_key(p) for p in store.feed_item_paths(spec.feed.url)}
        feed = {p for p in listed if path_key(p) in keys}
    return Known(read=read, mentioning=mentioning, feed=feed)


def matcher(
    spec: FilterSpec, entries: Iterable[Entry], store: Store | None
) -> Callable[[Entry], bool]:
    """A predicate for ``spec`` over ``entries``, prepared once: :func:`predicate` over what
    :func:`lookups` finds in the store."""
    entries = list(entries)
    return predicate(spec, lookups(spec, entries, store))


def apply(spec: FilterSpec, entries: list[Entry], store: Store | None) -> list[Entry]:
    """The entries ``spec`` keeps, in order."""
    if not spec:
        return entries
    keep = matcher(spec, entries, store)
    return [e for e in entries if keep(e)]
