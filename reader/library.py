"""Scanning files and folders into library entries: what the article list shows.

``scan`` is a generator so that a caller (the TUI's worker) can show the first entries before the
scan ends. Hidden files and folders are skipped; symlinked folders are followed once (no loops).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.formats import MAX_BYTES, LoadError, supported_suffixes
from reader.model import PaywallVerdict
from reader.pipeline import load_article


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

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "format": self.format,
            "words": self.words,
            "paywall": self.paywall.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not in the list, and why."""

    path: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files under ``paths`` in a stable order (hidden ones skipped), or a Skipped for bad paths."""
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except OSError as exc:
            yield Skipped(str(path), f"cannot open: {exc.strerror or exc}")
            continue
        if not path.is_dir():
            yield path
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        for root, dirs, files in os.walk(path, followlinks=True):
            kept = []
            for d in sorted(dirs):
                if d.startswith("."):
                    continue
                try:
                    dst = Path(root, d).stat()
                except OSError:
                    continue
                key = (dst.st_dev, dst.st_ino)
                if key not in seen_dirs:  # a symlink loop or a second route to the same folder
                    seen_dirs.add(key)
                    kept.append(d)
            dirs[:] = kept
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root, name)


def entry_for(path: Path, max_bytes: int = MAX_BYTES) -> Entry | Skipped:
    """Load one file into a list entry, or say why it was skipped."""
    try:
        article = load_article(path, max_bytes)
    except LoadError as exc:
        return Skipped(str(path), str(exc))
    if not article.paragraphs:
        return Skipped(str(path), "no article text found")
    return Entry(
        path=str(path),
        title=article.title,
        source=article.source,
        format=article.format,
        words=article.words,
        paywall=article.paywall,
        url=article.url,
    )


def scan(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Entry | Skipped]:
    """Entries (and skipped files) for every file under ``paths``, in order, one at a time."""
    suffixes = supported_suffixes()
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield item
        elif item.suffix.lower() not in suffixes:
            yield Skipped(str(item), f"unsupported file type {item.suffix or '(no extension)'!r}")
        else:
            yield entry_for(item, max_bytes)


def scan_all(paths: Iterable[str | Path]) -> tuple[list[Entry], list[Skipped]]:
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for item in scan(paths):
        (entries if isinstance(item, Entry) else skipped).append(item)  # type: ignore[arg-type]
    return entries, skipped
