"""Filters that compose: which library entries to show. Built by the CLI and the TUI alike.

A :class:`FilterSpec` is plain data: unread, excerpt-only, tags, sources, mentions of a name,
a date. Every filter given must hold (tags and mentions: each one given; sources: any one, as a
piece has one source). :meth:`FilterSpec.parts` lists the active filters one by one, each with
a label for a status line and a spec without it (what removing it gives).
:func:`matcher` prepares a spec once against the store (read marks, the files mentioning each
name, from the search index) and gives a cheap predicate; :func:`apply` filters a list.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from reader.library import Entry
from reader.search import mentioning
from reader.store import Store

__all__ = ["FilterPart", "FilterSpec", "apply", "entry_date", "matcher", "parse_date"]


@dataclass(frozen=True, slots=True)
class FilterPart:
    """One active filter: its label (for a status line) and the spec without it."""

    label: str
    without: FilterSpec


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

    def __bool__(self) -> bool:
        return bool(self.parts())

    def parts(self) -> list[FilterPart]:
        """The active filters, in a stable order, each removable."""
        out: list[FilterPart] = []
        if self.unread:
            out.append(FilterPart("unread", replace(self, unread=False)))
        if self.excerpt_only:
            out.append(FilterPart("excerpts", replace(self, excerpt_only=False)))
        for t in self.tags:
            rest = tuple(x for x in self.tags if x != t)
            out.append(FilterPart(f"#{t}", replace(self, tags=rest)))
        for s in self.sources:
            rest = tuple(x for x in self.sources if x != s)
            out.append(FilterPart(f"source: {s}", replace(self, sources=rest)))
        for m in self.mentions:
            rest = tuple(x for x in self.mentions if x != m)
            out.append(FilterPart(f"mentions: {m}", replace(self, mentions=rest)))
        if self.since is not None:
            out.append(FilterPart(f"since {self.since.isoformat()}", replace(self, since=None)))
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


def _among(found: set[str]) -> Callable[[Entry], bool]:
    return lambda e: os.path.abspath(e.path) in found  # noqa: PTH100


def matcher(
    spec: FilterSpec, entries: Iterable[Entry], store: Store | None
) -> Callable[[Entry], bool]:
    """A predicate for ``spec``, prepared once: read marks of ``entries`` and the files that
    mention each name are looked up now (mentions come from the search index, which a scan
    with the store keeps current; without a store nothing mentions anything)."""
    tests: list[Callable[[Entry], bool]] = []
    if spec.unread:
        listed = [e.path for e in entries]
        read = store.read_among(listed) if store is not None else set()
        tests.append(lambda e: e.path not in read)
    if spec.excerpt_only:
        tests.append(lambda e: e.paywall.truncated)
    for tag in _folded(spec.tags):
        tests.append(_has_tag(tag))
    sources = _folded(spec.sources)
    if sources:
        tests.append(lambda e: any(s in e.source.casefold() for s in sources))
    for name in spec.mentions:
        tests.append(_among(mentioning(store, name) if store is not None else set()))
    if spec.since is not None:
        since = spec.since
        tests.append(lambda e: (d := entry_date(e)) is not None and d >= since)

    def keep(entry: Entry) -> bool:
        return all(t(entry) for t in tests)

    return keep


def apply(spec: FilterSpec, entries: list[Entry], store: Store | None) -> list[Entry]:
    """The entries ``spec`` keeps, in order."""
    if not spec:
        return entries
    keep = matcher(spec, entries, store)
    return [e for e in entries if keep(e)]
