"""Scanning files and folders into library entries: what the article list shows.

``scan`` is a generator so that a caller (the TUI's worker) can show the first entries before the
scan ends. Hidden files and folders are skipped; symlinked folders are followed once (no loops).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
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


FIRST_INLINE = 64
"""Files read in the calling thread before a process pool takes over: the first entries of a
big library show at once, while the pool's workers are still starting."""
PARALLEL_MIN = 256
"""Fewer remaining files than this are not worth starting worker processes for."""


def _item_entry(item: Path | Skipped, max_bytes: int = MAX_BYTES) -> Entry | Skipped:
    if isinstance(item, Skipped):
        return item
    if item.suffix.lower() not in supported_suffixes():
        return Skipped(str(item), f"unsupported file type {item.suffix or '(no extension)'!r}")
    return entry_for(item, max_bytes)


def scan(
    paths: Iterable[str | Path], max_bytes: int = MAX_BYTES, workers: int | None = None
) -> Iterator[Entry | Skipped]:
    """Entries (and skipped files) for every file under ``paths``, in order, one at a time.

    Large libraries are read by ``workers`` processes (default: one per CPU); the order of the
    results never changes. Closing the generator early stops the pool without waiting.
    """
    items = iter_files(paths)
    for item in itertools.islice(items, FIRST_INLINE):
        yield _item_entry(item, max_bytes)
    rest = list(items)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(rest) < PARALLEL_MIN:
        for item in rest:
            yield _item_entry(item, max_bytes)
        return
    chunk = max(16, min(256, len(rest) // (workers * 8)))
    pool: ProcessPoolExecutor | None = None
    try:
        # Starting the pool (and map(), which submits every chunk and so starts the workers)
        # can fail where stdio is not a real file, e.g. under a test harness: then read here.
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        results: Iterable[Entry | Skipped] = pool.map(
            partial(_item_entry, max_bytes=max_bytes), rest, chunksize=chunk
        )
    except (OSError, ValueError, RuntimeError):
        results = (_item_entry(item, max_bytes) for item in rest)
    try:
        yield from results
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def scan_all(paths: Iterable[str | Path]) -> tuple[list[Entry], list[Skipped]]:
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for item in scan(paths):
        (entries if isinstance(item, Entry) else skipped).append(item)  # type: ignore[arg-type]
    return entries, skipped
