"""What the library list shows: filtering, sorting, one row's text, the status line (plain logic,
no widgets)."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import compress
from pathlib import Path
from time import monotonic
from typing import Any, NamedTuple

from textual.content import Content

from reader.filters import FilterPart, FilterSpec
from reader.library import LOCK, Entry, Skipped
from reader.textutil import safe_line

NO_FILTER = FilterSpec()
"""The spec that keeps every entry."""

SORTS: tuple[str, ...] = ("file order", "title", "source", "length", "paywalled first")
"""Sort orders that ``s`` cycles through, in order."""


def matches(entry: Entry, query: str) -> bool:
    """True when every word of ``query`` occurs in the entry's title or source (any case)."""
    hay = f"{entry.title}\n{entry.source}".casefold()
    return all(word in hay for word in query.casefold().split())


def arrange(entries: Sequence[Entry], query: str = "", sort: str = SORTS[0]) -> list[Entry]:
    """The entries to show: those matching ``query``, in ``sort`` order (stable)."""
    shown = [e for e in entries if matches(e, query)] if query.strip() else list(entries)
    key = _SORT_KEYS.get(sort)
    if key is not None:
        shown.sort(key=key)
    return shown


_SORT_KEYS: dict[str, Callable[[Entry], Any]] = {
    "title": lambda e: e.title.casefold(),
    "source": lambda e: (e.source.casefold(), e.title.casefold()),
    "length": lambda e: -e.words,
    "paywalled first": lambda e: not e.paywall.truncated,
}
"""Each sort order's key, as :func:`arrange` sorts by it (file order has none)."""


class _Order(NamedTuple):
    """One sort order of an arrangement's entries."""

    entries: list[Entry]
    """The entries in that order."""
    rank: list[int]
    """Each entry's place in it, by its index among the arrangement's entries."""
    excerpt: bytes
    """1 for each entry, in that order, whose text stops at a paywall."""


class Arrangement:
    """:func:`arrange` again and again over the same entries, quickly: what each entry is
    searched for (its folded title and source) and each sort order are worked out once per
    change of the entries, not once per query, sort or filter. Same result as ``arrange``.

    At 100,000 entries a sort or a query went over every entry's text again (casefold, then a
    sort by a Python key): 100-200 ms of a 300 ms rebuild.
    """

    def __init__(self) -> None:
        self._version: int | None = None
        self._entries: list[Entry] = []
        """The entries worked out (a copy: the caller's list grows in place)."""
        self._hays: list[str] = []
        """Each entry's title and source, folded as :func:`matches` folds them."""
        self._where: dict[str, int] = {}
        """Each entry's index in ``_entries``, by path."""
        self._excerpt: bytearray = bytearray()
        """1 for each entry (by index) whose text stops at a paywall."""
        self._orders: dict[str, _Order] = {}
        """Each sort order met."""
        self._picked: tuple[tuple[str, ...], list[int]] | None = None
        """The last query's words and the indices of the entries that hold them all."""

    def arrange(
        self,
        entries: Sequence[Entry],
        version: int,
        query: str,
        sort: str,
        *,
        excerpts: bool = False,
    ) -> list[Entry]:
        """``arrange(entries, query, sort)``; ``version`` changes whenever ``entries`` do.
        ``excerpts``: only the entries whose text stops at a paywall (the ``x`` filter, the
        one that looks at the entries alone: kept as flags, so that it costs a C loop rather
        than a Python test per entry, 10-15 ms at 100,000)."""
        if version != self._version:
            self._renew(entries, version)
        known = self._entries
        words = query.casefold().split()
        key = _SORT_KEYS.get(sort)
        if not words:
            if key is None:
                return list(compress(known, self._excerpt)) if excerpts else list(known)
            order = self._order(sort, key)
            return list(compress(order.entries, order.excerpt)) if excerpts else list(order.entries)
        picked = self._matching(tuple(words))
        if excerpts:
            flag = self._excerpt
            picked = [i for i in picked if flag[i]]
        if key is not None:
            picked = sorted(picked, key=self._order(sort, key).rank.__getitem__)
        return [known[i] for i in picked]

    def _matching(self, words: tuple[str, ...]) -> list[int]:
        """The indices of the entries whose text holds every word (the last query's are
        kept: a sort or a filter under the same query does not go over every entry again)."""
        if self._picked is not None and self._picked[0] == words:
            return self._picked[1]
        hays = self._hays
        first, rest = words[0], words[1:]
        picked = [i for i, hay in enumerate(hays) if first in hay]
        for word in rest:
            picked = [i for i in picked if word in hays[i]]
        self._picked = (words, picked)
        return picked

    def place(self, path: str, sort: str) -> int | None:
        """Where the entry of ``path`` is in the whole library under ``sort`` (no query, no
        filter), without going over the list; None when it is not among the entries. The
        list keeps the highlighted article across a sort with it: a search of 100,000 rows
        cost 5-25 ms of each sort."""
        index = self._where.get(path)
        if index is None:
            return None
        key = _SORT_KEYS.get(sort)
        return index if key is None else self._order(sort, key).rank[index]

    @property
    def version(self) -> int | None:
        """The version of the entries worked out (None: none yet)."""
        return self._version

    def prepare(
        self, entries: Sequence[Entry], version: int, cancelled: Callable[[], bool] = bool
    ) -> None:
        """Work out the entries' text and every sort order now (in a thread, on an
        arrangement nobody else holds yet), so that the first press of each sort does not."""
        if version != self._version:
            self._renew(entries, version)
        for sort, key in _SORT_KEYS.items():
            if cancelled():
                return
            self._order(sort, key)

    def _renew(self, entries: Sequence[Entry], version: int) -> None:
        old = self._entries
        kept = len(old) if len(entries) >= len(old) and entries[: len(old)] == old else 0
        tail = entries[kept:]
        self._entries = old[:kept] + list(tail)
        if not kept:
            self._where = {}
        self._where.update((e.path, kept + i) for i, e in enumerate(tail))
        self._hays = self._hays[:kept] + [f"{e.title}\n{e.source}".casefold() for e in tail]
        self._excerpt = self._excerpt[:kept] + bytearray(e.paywall.truncated for e in tail)
        self._orders = {}
        self._picked = None
        self._version = version

    def _order(self, sort: str, key: Callable[[Entry], Any]) -> _Order:
        made = self._orders.get(sort)
        if made is None:
            keys = [key(e) for e in self._entries]
            order = sorted(range(len(keys)), key=keys.__getitem__)  # stable, as arrange's
            rank = [0] * len(order)
            for place, index in enumerate(order):
                rank[index] = place
            flags = bytes(map(self._excerpt.__getitem__, order))
            made = self._orders[sort] = _Order([self._entries[i] for i in order], rank, flags)
        return made


def next_sort(sort: str) -> str:
    """The sort order after ``sort`` in the cycle."""
    index = SORTS.index(sort) if sort in SORTS else -1
    return SORTS[(index + 1) % len(SORTS)]


ROW_LINES = 2
"""Lines of every row: the list does not wrap, so a row is its two lines whatever its text."""


def row_text(entry: Entry, read: bool = False, cached: bool = False) -> Content:
    """Two lines for the list: marks and title, then source, length and paywall mark.

    Built from (text, style) pieces: titles and sources are never parsed as markup, their
    control characters are dropped and any line break inside them becomes a space (so that a
    row stays two lines and nothing reaches the terminal but text).
    """
    parts: list[str | tuple[str, str]] = [
        ("  ", "") if read else ("● ", "bold $text-primary"),
        (safe_line(entry.title) or "(no title)", "dim" if read else "bold"),
    ]
    if entry.tags:
        parts.append((tag_text(entry.tags), "$text-accent"))
    parts.append("\n  ")
    if entry.paywall.truncated:
        parts += [(LOCK, "bold $text-warning"), " · "]
    minutes = max(1, round(entry.words / 230))
    source = safe_line(entry.source)  # none for a text file that names none: left out
    length = f"{entry.words} words · {minutes} min"
    if source:
        parts += [(source, "italic"), (f" · {length}", "dim")]
    else:
        parts.append((length, "dim"))
    if cached:
        parts.append((" · ✎ summary", "$text-success"))
    return Content.assemble(*parts)


MATCH_STYLE = "reverse"
"""A search match in a row's title or snippet."""


def _safe_piece(text: str) -> str:
    """``text`` made safe as :func:`safe_line` makes it, keeping one space at an edge that had
    whitespace (a piece sits between others on one line)."""
    safe = safe_line(text)
    if not safe:
        return " " if text[:1].isspace() else ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + safe + trail


def marked(text: str, spans: Sequence[tuple[int, int]], style: str) -> list[tuple[str, str]]:
    """``text`` as (piece, style) pieces, the ``spans`` in ``MATCH_STYLE``; each piece made
    safe on its own (so the spans stay in place and nothing is parsed as markup)."""
    pieces: list[tuple[str, str]] = []
    at = 0
    for begin, end in sorted(spans):
        if begin < at or end > len(text):
            continue
        pieces += [(_safe_piece(text[at:begin]), style), (safe_line(text[begin:end]), MATCH_STYLE)]
        at = end
    pieces.append((_safe_piece(text[at:]), style))
    return [p for p in pieces if p[0]]


def hit_row_text(
    entry: Entry, snippet: str, spans: Sequence[tuple[int, int]], read: bool = False
) -> Content:
    """Two lines for a body match of ``/``: marks and title, then the snippet of the body
    around the match (the match reversed), as the index made it."""
    parts: list[str | tuple[str, str]] = [
        ("  ", "") if read else ("● ", "bold $text-primary"),
        (safe_line(entry.title) or "(no title)", "dim" if read else "bold"),
        ("  ≡ in the text", "$text-accent"),
        "\n  ",
    ]
    parts += marked(snippet, spans, "italic") or [("…", "dim")]
    return Content.assemble(*parts)


def tag_text(tags: Sequence[str]) -> str:
    """Tags as the list shows them after the title: `` #one #two`` (made safe)."""
    return "".join(f" #{safe_line(tag)}" for tag in tags)


def adding_text(done: int, total: int, received: int) -> str:
    """The progress of an add command: ``Adding 1/3 · 120 kB``."""
    text = f"Adding {done}/{total}"
    if received:
        text += f" · {received / 1000:,.0f} kB" if received >= 1000 else f" · {received} B"
    return text


FILTER_PHRASES: dict[str, str] = {
    "unread": "unread",
    "excerpts": "excerpts",
    "tag": "tagged #{}",
    "source": "from “{}”",
    "mentions": "mention “{}”",
    "since": "since {}",
    "feed": "in feed “{}”",
}
"""How the status line words each kind of filter (``FilterPart.kind``) after the count."""


_VERB_ONE = {"match": "matches", "mention": "mentions"}
_SINGULAR = re.compile(r"^(match|mention)(?= )")


def filter_phrase(part: FilterPart) -> str:
    """One active filter as the status line and the filters pop-up say it: ``tagged #town``
    (its value made safe; the core's label for a kind without a phrase)."""
    phrase = FILTER_PHRASES.get(part.kind)
    return phrase.format(safe_line(part.value)) if phrase else safe_line(part.label)


def status_line(
    total: int,
    shown: int,
    *,
    scanning: bool = False,
    filters: FilterSpec = NO_FILTER,
    query: str = "",
    sort: str = SORTS[0],
    skipped: int = 0,
    adding: str = "",
) -> str:
    """The line above the list: how many articles, how many of them every filter and the
    query let through and what those are (``12 unread, tagged #town``), the sort order when
    it is not file order (the default: one filter and the count then fit one line of the list
    column, and the list does not move down a line at each filter key)."""
    parts = [f"{total} article{'s' if total != 1 else ''}"]
    if scanning:
        parts[0] = f"Scanning… {parts[0]}"
    active = [filter_phrase(p) for p in filters.parts()]
    narrowed = ([f"match “{safe_line(query)}”"] if query.strip() else []) + active
    if narrowed and shown == 1:  # "1 matches", "1 unread, mentions": the verbs agree
        narrowed = [_SINGULAR.sub(lambda m: _VERB_ONE[m.group(1)], p) for p in narrowed]
    if narrowed:
        hint = "" if not active else " (Esc: all)" if len(active) == 1 else " (c: one, Esc: all)"
        parts.append(f"{shown} {', '.join(narrowed)}{hint}")
    if sort != SORTS[0]:  # file order, the default, goes unsaid (a filter then fits one line)
        parts.append(f"sort: {sort}")
    if skipped and not scanning:
        parts.append(f"{skipped} skipped")
    if adding:
        parts.insert(0, adding)
    return " · ".join(parts)


def skipped_note(skipped: Sequence[Skipped], shown: int = 4) -> str:
    """Which files the scan left out and why (the first few; ``reader list`` names all)."""
    lines = [f"{safe_line(Path(s.path).name)}: {safe_line(s.reason)}" for s in skipped[:shown]]
    if len(skipped) > shown:
        lines.append(f"… and {len(skipped) - shown} more (reader list shows them all)")
    return "\n".join(lines)


def with_tags(entry: Entry, tags: dict[str, list[str]]) -> Entry:
    """``entry`` with the tags the store holds for its file added to the file's own."""
    found = tags.get(entry.path) or tags.get(os.path.realpath(entry.path))
    if not found:
        return entry
    merged = tuple(dict.fromkeys((*entry.tags, *found)))
    return entry if merged == entry.tags else replace(entry, tags=merged)


def inside(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or inside it (both real paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def outside(path: str, roots: Iterable[str]) -> bool:
    """Whether the file ``path`` is in none of the scanned ``roots`` (files or folders)."""
    real = os.path.realpath(path)
    return not any(inside(real, os.path.realpath(root)) for root in roots)


def same_file(path: str, listed: Collection[str]) -> str | None:
    """The path among ``listed`` of the file at ``path`` (spelled the same or otherwise), if
    any."""
    if path in listed:
        return path
    name, real = path.rpartition(os.sep)[2], os.path.realpath(path)
    for other in listed:  # a path of the same name first: few realpath calls
        if other.rpartition(os.sep)[2] == name and os.path.realpath(other) == real:
            return other
    return None


def batches(
    found: Iterable[Entry | Skipped],
    tags: dict[str, list[str]],
    skipped: list[Skipped],
    cancelled: threading.Event,
    most: int,
    every: float,
) -> Iterator[tuple[Entry, ...]]:
    """A scan's entries in batches (the first at once, then every ``every`` seconds or
    ``most`` entries), each with the store's ``tags`` added; the skipped files go to
    ``skipped``. Stops when ``cancelled``, and closes ``found``."""
    batch: list[Entry] = []
    flushed = 0
    last = monotonic()
    try:
        for item in found:
            if cancelled.is_set():
                break
            if isinstance(item, Entry):
                batch.append(with_tags(item, tags) if tags else item)
            else:
                skipped.append(item)
            now = monotonic()
            if batch and (not flushed or len(batch) >= most or now - last > every):
                yield tuple(batch)
                flushed += len(batch)
                batch = []
                last = now
    finally:
        close = getattr(found, "close", None)
        if close is not None:
            close()
    if batch and not cancelled.is_set():
        yield tuple(batch)
