"""Scanning files and folders into library entries: what the article list shows.

``scan`` is a generator so that a caller (the TUI's worker) can show the first entries before the
scan ends. Hidden files and folders are skipped; symlinked folders are followed once (no loops).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import cache, partial
from multiprocessing import resource_tracker
from pathlib import Path
from typing import Any

from reader import __version__
from reader.entries import LOCK, Entry, Skipped, from_row, result_row
from reader.formats import MAX_BYTES, NO_TEXT, LoadError, tags_of
from reader.model import Article
from reader.pipeline import load_article
from reader.search import document
from reader.search_index import Doc
from reader.sources import digest
from reader.store import Store
from reader.walk import Found, walk

__all__ = [
    "FIRST_INLINE",
    "LOCK",
    "PARALLEL_MIN",
    "Entry",
    "Skipped",
    "article_for",
    "articles",
    "entry_for",
    "fingerprint",
    "iter_files",
    "prepare_workers",
    "scan",
    "scan_all",
    "with_tags",
]


@cache
def fingerprint() -> str:
    """Identifies the pipeline that made an index row: the version plus the bytes of every
    module this one imports, directly or not (formats, cleaning, paywall, the records, ...),
    and the data files of the packages among them (the phrase lists). Found by following the
    imports (:mod:`reader.sources`), so a renamed, split or new stage module counts too. Any
    change re-reads every file."""
    return digest([__name__], Path(__file__).resolve().parent.parent, __version__)[:16]


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files under ``paths`` in a stable order (hidden ones skipped), or a Skipped for bad paths.

    Only regular files come out as paths: a FIFO, socket or device (named here, found in a
    folder, or behind a symlink) is a Skipped with the reason, and is never opened. A folder
    that cannot be read is a Skipped too, not silently left out. (:func:`reader.walk.walk`
    gives the same with each file's ``stat``.)
    """
    for item in walk(paths):
        yield item if isinstance(item, Skipped) else Path(item.path)


def article_for(path: Path, max_bytes: int = MAX_BYTES) -> Article | Skipped:
    """Load and clean one file, or say why it was skipped (a bad file never raises)."""
    try:
        article = load_article(path, max_bytes)
    except LoadError as exc:
        return Skipped(str(path), str(exc))
    if not article.paragraphs:
        return Skipped(str(path), NO_TEXT)
    return article


def articles(paths: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Every article under ``paths``, each file loaded once, in :func:`iter_files` order."""
    for item in iter_files(paths):
        yield item if isinstance(item, Skipped) else article_for(item)


def entry_for(path: Path, max_bytes: int = MAX_BYTES) -> Entry | Skipped:
    """Load one file into a list entry, or say why it was skipped."""
    article = article_for(path, max_bytes)
    if isinstance(article, Skipped):
        return article
    return _entry(path, article)


def _indexed(
    item: Path | Skipped, max_bytes: int = MAX_BYTES
) -> tuple[Entry | Skipped, Doc | None]:
    """The entry for ``item`` and what the search index holds for it, from one read (the
    document's size and mtime are filled in by the caller, which stat()ed the file)."""
    if isinstance(item, Skipped):
        return item, None
    article = article_for(item, max_bytes)
    if isinstance(article, Skipped):
        return article, None
    entry = _entry(item, article)
    return entry, document(article, "", 0, 0, entry.tags)


def _entry(path: Path, article: Article) -> Entry:
    return Entry(
        path=str(path),
        title=article.title,
        source=article.source,
        format=article.format,
        words=article.words,
        paywall=article.paywall,
        url=article.url,
        tags=tags_of(article.metadata),
        date=article.metadata.get("date", ""),
    )


FIRST_INLINE = 64
"""Files read in the calling thread before a process pool takes over: the first entries of a
big library show at once, while the pool's workers are still starting."""
PARALLEL_MIN = 256
"""Fewer remaining files than this are not worth starting worker processes for."""


def prepare_workers() -> None:
    """Start multiprocessing's helper process now, while ``sys.stderr`` is the real one.

    A full-screen app replaces ``sys.stderr`` while it runs; a process pool started then
    cannot hand the helper a valid stderr and fails, so the scan would fall back to reading in
    the app's own process.
    """
    # ImportError: not a POSIX system (Windows needs no such helper).
    with contextlib.suppress(OSError, ValueError, RuntimeError, ImportError):
        resource_tracker.ensure_running()


def _background() -> None:
    """Run a pool worker at a lower priority: the app that started it stays quick to answer."""
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
        os.nice(10)


def _item_entry(item: Path | Skipped, max_bytes: int = MAX_BYTES) -> Entry | Skipped:
    return item if isinstance(item, Skipped) else entry_for(item, max_bytes)


def _computed(
    items: list[Path | Skipped],
    max_bytes: int,
    workers: int | None,
    work: Callable[..., Any] = _item_entry,
) -> Generator[Any, None, None]:
    """``work(item)`` for ``items`` in order (default: their entries): the first few inline,
    the rest by a process pool."""
    it = iter(items)
    for item in itertools.islice(it, FIRST_INLINE):
        yield work(item, max_bytes)
    rest = list(it)
    if workers is None:
        cpus = os.cpu_count() or 1
        workers = cpus if cpus > 1 else 0
    if workers < 1 or len(rest) < PARALLEL_MIN:
        for item in rest:
            yield work(item, max_bytes)
        return
    chunk = max(16, min(256, len(rest) // (workers * 8)))
    pool: ProcessPoolExecutor | None = None
    try:
        # Starting the pool (and map(), which submits every chunk and so starts the workers)
        # can fail where stdio is not a real file, e.g. under a test harness: then read here.
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_background,
        )
        results: Iterable[Any] = pool.map(partial(work, max_bytes=max_bytes), rest, chunksize=chunk)
    except (OSError, ValueError, RuntimeError):
        results = (work(item, max_bytes) for item in rest)
    try:
        yield from results
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def scan(
    paths: Iterable[str | Path],
    max_bytes: int = MAX_BYTES,
    workers: int | None = None,
    store: Store | None = None,
    search: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Entry | Skipped]:
    """Entries (and skipped files) for every file under ``paths``, in order, one at a time.

    With a ``store``, files whose size and modification time match the library index are not
    read again, and new results are added to the index; with ``search`` too (the default),
    the store's search index is kept current in the same pass: a new or changed file is
    indexed from the text just read, a file that is no longer an article (or, once the scan
    has run to the end, is gone from a folder scanned) leaves it. Files to read are read by
    ``workers`` processes when there are many (default: one per CPU; 0, or a single CPU: in
    this thread). Results always come in file order; closing the generator early stops the
    work without waiting, and what was read so far is in the index (a rerun reads the rest).
    ``progress(done, total)`` is called once before the first file is read and after each
    one, ``total`` being the files that must be read (not those the index holds).
    """
    given_paths = [str(p) for p in paths]
    index = store.search if store is not None and search else None
    known = store.index_rows(fingerprint()) if store is not None else {}
    searchable = index.versions() if index is not None else {}
    store_tags = store.tags_by_path() if index is not None and store is not None else {}
    # Index rows are keyed by the absolute path (so "lib/a.txt" typed in two folders are two
    # files, and "lib" and "/abs/lib" share rows); entries carry the path as the caller gave it.
    stats: dict[str, tuple[str, int, int]] = {}
    seen: set[str] = set()

    def cached(item: Found | Skipped) -> Entry | Skipped | None:
        """What the index holds for ``item`` (a skip as it is), or None: it must be read."""
        if isinstance(item, Skipped):
            return item
        if store is None:
            return None
        given, key, st = item
        size, mtime = st.st_size, st.st_mtime_ns
        stats[given] = (key, size, mtime)
        seen.add(key)
        # Each row is wanted once: dropped as it is used, the rows' memory goes to the entries
        # being made (a file named twice over is read again the second time).
        row = known.pop(key, None)
        if row is None or row[0] != size or row[1] != mtime:
            return None
        hit = from_row(row[2], given)
        if isinstance(hit, Entry) and index is not None and searchable.get(key) != (size, mtime):
            return None  # listed, but not (or no longer) searchable
        return hit

    found = walk(given_paths)
    # For every item after the first file to read: the cached entry, or None to read it.
    hits: list[Entry | Skipped | None] = []
    to_read: list[Path | Skipped] = []
    misses: Generator[Any, None, None] | None = None
    fresh: list[tuple[str, int, int, str]] = []
    docs: list[Doc] = []
    stale: list[str] = []
    complete = False
    try:
        # Until a file must be read, each answer goes out as the walk finds it: a relaunch
        # shows its first entries before the walk of a big library is over.
        for item in found:
            hit = cached(item)
            if hit is None:
                assert isinstance(item, Found)
                hits.append(None)
                to_read.append(Path(item.path))
                break
            yield hit
        for item in found:
            hit = cached(item)
            hits.append(hit)
            if hit is None:
                assert isinstance(item, Found)
                to_read.append(Path(item.path))
        if progress is not None and to_read:
            progress(0, len(to_read))
        misses = _computed(to_read, max_bytes, workers, _item_entry if index is None else _indexed)
        done = 0
        for hit in hits:
            doc: Doc | None = None
            if hit is not None:
                yield hit
                continue
            if index is None:
                result = next(misses)
            else:
                result, doc = next(misses)
            done += 1
            if progress is not None:
                progress(done, len(to_read))
            version_of = stats.get(result.path)
            if version_of is not None:
                fresh.append((*version_of, result_row(result)))
                if doc is not None:
                    if store_tags:
                        doc = _with_store_tags(doc, version_of[0], store_tags)
                    docs.append(
                        replace(doc, path=version_of[0], size=version_of[1], mtime_ns=version_of[2])
                    )
                elif version_of[0] in searchable:
                    stale.append(version_of[0])
                if len(fresh) >= 500 and store is not None:
                    store.index_put(fingerprint(), fresh)
                    fresh = []
                if index is not None and len(docs) >= 200:
                    index.put(docs)
                    docs = []
            yield result
        complete = True
    finally:
        if misses is not None:
            misses.close()
        if store is not None:
            store.index_put(fingerprint(), fresh)
        if index is not None:
            index.put(docs)
            if complete:
                stale += _gone(given_paths, searchable, seen)
            index.remove(stale)
            if complete:
                index.tidy()  # merges the index after many files were written


def _with_store_tags(doc: Doc, key: str, tags: dict[str, list[str]]) -> Doc:
    """``doc`` with the tags the store holds for its file (as :func:`with_tags` adds them)."""
    found = tags.get(key) or tags.get(os.path.realpath(key))
    return replace(doc, tags=tuple(dict.fromkeys((*doc.tags, *found)))) if found else doc


def _gone(
    given_paths: list[str], searchable: dict[str, tuple[int, int]], seen: set[str]
) -> list[str]:
    """Indexed files that a complete scan of ``given_paths`` did not find: under a folder
    scanned, or named themselves, and deleted, renamed or hidden since."""
    files: set[str] = set()
    folders: list[str] = []
    for given in given_paths:
        key = os.path.abspath(given)  # noqa: PTH100
        if Path(key).is_dir():
            folders.append(key.rstrip(os.sep) + os.sep)
        else:
            files.add(key)
    prefixes = tuple(folders)
    return [
        key
        for key in searchable
        if key not in seen and (key in files or (prefixes and key.startswith(prefixes)))
    ]


def with_tags(entries: list[Entry], store: Store) -> list[Entry]:
    """``entries`` with the tags the store holds for their files."""
    tags = store.tags_by_path()
    if not tags:
        return entries
    out = []
    for e in entries:
        found = tags.get(e.path) or tags.get(os.path.realpath(e.path))
        out.append(replace(e, tags=tuple(found)) if found else e)
    return out


def scan_all(
    paths: Iterable[str | Path],
    store: Store | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Entry], list[Skipped]]:
    """Every entry and every skipped file under ``paths`` (``progress`` as :func:`scan`)."""
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for item in scan(paths, store=store, progress=progress):
        (entries if isinstance(item, Entry) else skipped).append(item)  # type: ignore[arg-type]
    return entries, skipped
