"""The library list's records: :class:`Entry` (one article) and :class:`Skipped` (a file left
out, and why), and how each is stored in the library index and read back."""

from __future__ import annotations

import json
import json.scanner
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reader.model import PaywallVerdict

LOCK = "🔒 excerpt"
"""The mark a truncated piece carries in the library list (the app's and ``reader list``)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One article in the library list."""

    path: str
    title: str
    source: str
    format: str
    words: int
    paywall: PaywallVerdict
    url: str = ""
    tags: tuple[str, ...] = ()
    """The user's tags: those the saved file carries, or the store's current ones (see
    :func:`with_tags`), so deleting the store loses none."""
    date: str = ""
    """The date the file declares (as written), else ""."""

    def to_json(self) -> dict[str, Any]:
        data = {
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "format": self.format,
            "words": self.words,
            "paywall": self.paywall.to_json(),
            "tags": list(self.tags),
        }
        if self.url:
            data["url"] = self.url
        if self.date:
            data["date"] = self.date
        return data

    def to_row(self) -> str:
        """The entry as stored in the library index: a JSON array of the fields after the
        path (the index's key holds that), in :data:`ROW_FIELDS` order; positional, because a
        repeat scan reads back every row and an array of scalars decodes quickest."""
        pw = self.paywall
        fields = [
            self.title,
            self.source,
            self.format,
            self.words,
            pw.truncated,
            pw.confidence,
            list(pw.reasons),
            pw.visible_words,
            self.url,
            list(self.tags),
            self.date,
        ]
        return json.dumps(fields, ensure_ascii=False)


ROW_FIELDS = (
    "title",
    "source",
    "format",
    "words",
    "truncated",
    "confidence",
    "reasons",
    "visible_words",
    "url",
    "tags",
    "date",
)
"""The fields of an entry's row in the library index, in order (a skip's row is ``[reason]``)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not in the list, and why."""

    path: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason}


def _strings(values: Any) -> tuple[str, ...] | None:
    """``values`` as a tuple if it is a list of strings, else None."""
    if type(values) is not list:
        return None
    out = tuple(values)
    try:
        "".join(out)  # a TypeError unless every item is a str, checked at C speed
    except TypeError:
        return None
    return out


_REASONS: dict[tuple[str, ...], tuple[str, ...]] = {}
"""The paywall reasons read back from the index so far, each kept once."""
_SOURCES: dict[str, str] = {}
"""The same for sources."""
_SHARED_MAX = 4096
_FORMATS = {f: f for f in ("text", "markdown", "html")}

_scan_once: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(
    json.JSONDecoder()  # type: ignore[arg-type]  # (typeshed names the wrong type)
)
"""Decodes one JSON value at an offset (in C): ``json.loads`` without its Python layers."""


def from_row(row: str, path: str) -> Entry | Skipped | None:
    """The entry (or the skip) of the file ``path`` read back from its library index row;
    None if the row is unusable (not what :meth:`Entry.to_row` writes: read the file again)."""
    try:
        data, end = _scan_once(row, 0)
    except (StopIteration, ValueError):  # StopIteration: no JSON value at all
        return None
    if end != len(row):
        return None
    if type(data) is not list:
        return None
    if len(data) == 1:
        return Skipped(path, data[0]) if type(data[0]) is str else None
    if len(data) != len(ROW_FIELDS):
        return None
    title, source, fmt, words, truncated, confidence, reasons, visible, url, tags, date = data
    reasons = _strings(reasons)
    tags = _strings(tags)
    if (
        reasons is None
        or tags is None
        or not (type(title) is type(source) is type(fmt) is type(url) is type(date) is str)
        or not (type(words) is type(visible) is int)
        or type(truncated) is not bool
        or type(confidence) not in (float, int)
    ):
        return None
    # One copy of each set of reasons and each source (most pieces share one) in memory.
    if len(_REASONS) < _SHARED_MAX:
        reasons = _REASONS.setdefault(reasons, reasons)
    if len(_SOURCES) < _SHARED_MAX:
        source = _SOURCES.setdefault(source, source)
    fmt = _FORMATS.get(fmt, fmt)
    verdict = PaywallVerdict(truncated, float(confidence), reasons, visible)
    return Entry(path, title, source, fmt, words, verdict, url, tags, date)


def result_row(result: Entry | Skipped) -> str:
    """An entry (or a skip) as stored in the library index."""
    if isinstance(result, Entry):
        return result.to_row()
    return json.dumps([result.reason], ensure_ascii=False)
