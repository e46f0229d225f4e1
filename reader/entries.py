"""The library list's records: :class:`Entry` (one article) and :class:`Skipped` (a file left
out, and why), and how each is stored in the library index and read back."""

from __future__ import annotations

import json
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
        """The entry as stored in the library index."""
        data = self.to_json()
        data["url"] = self.url
        data["paywall"]["confidence"] = self.paywall.confidence
        return json.dumps(data, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not in the list, and why."""

    path: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason}


def from_row(row: str) -> Entry | Skipped | None:
    """An entry (or a skip) read back from the library index; None if the row is unusable."""
    try:
        data = json.loads(row)
        if "reason" in data:
            return Skipped(str(data["path"]), str(data["reason"]))
        pw = data["paywall"]
        verdict = PaywallVerdict(
            bool(pw["truncated"]),
            float(pw["confidence"]),
            tuple(str(r) for r in pw["reasons"]),
            int(pw["visible_words"]),
        )
        return Entry(
            path=str(data["path"]),
            title=str(data["title"]),
            source=str(data["source"]),
            format=str(data["format"]),
            words=int(data["words"]),
            paywall=verdict,
            url=str(data.get("url", "")),
            tags=tuple(str(t) for t in data.get("tags", ())),
            date=str(data.get("date", "")),
        )
    except (ValueError, KeyError, TypeError):
        return None


def result_row(result: Entry | Skipped) -> str:
    """An entry (or a skip) as stored in the library index."""
    if isinstance(result, Entry):
        return result.to_row()
    return json.dumps(result.to_json(), ensure_ascii=False)
