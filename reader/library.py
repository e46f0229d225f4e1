"""Scanning files and folders into library entries: what the article list shows.

``scan`` is a generator so that a caller (the TUI's worker) can show the first entries before the
scan ends. Hidden files and folders are skipped; symlinked folders are followed once (no loops).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import stat
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import cache, partial
from multiprocessing import resource_tracker
from pathlib import Path
from typing import Any

from reader import __version__
from reader.entries import LOCK, Entry, Skipped, from_row, result_row
from reader.formats import MAX_BYTES, NO_TEXT, LoadError, special_file, tags_of
from reader.model import Article
from reader.pipeline import load_article
from reader.search import document
from reader.search_index import Doc
from reader.sources import digest
from reader.store import Store

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
    that cannot be read is a Skipped too, not silently left out.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except OSError as exc:
            yield Skipped(str(path), f"cannot open: {exc.strerror or exc}")
            continue
        if not stat.S_ISDIR(st.st_mode):
            reason = special_file(st.st_mode)
            yield path if reason is None else Skipped(str(path), reason)
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        errors: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=errors.append, followlinks=True):
            yield from _folder_errors(errors)
            kept = []
            for d in sorted(dirs):
                if d.startswith("."):
                    continue
                try:
                    dst = Path(root, d).stat()
                except OSError as exc:
                    yield Skipped(str(Path(root, d)), f"cannot open: {exc.strerror or exc}")
                    continue
                key = (dst.st_dev, dst.st_ino)
                if key not in seen_dirs:  # a symlink loop or a second route to the same folder
                    seen_dirs.add(key)
                    kept.append(d)
            dirs[:] = kept
            for name in sorted(files):
                if name.startswith("."):
                    continue
                file = Path(root, name)
                try:
                    mode = file.stat().st_mode
                except OSError as exc:  # e.g. a dangling symlink
                    yield Skipped(str(file), f"cannot open: {exc.strerror or exc}")
                    continue
                reason = special_file(mode)
                yield file if reason is None else Skipped(str(file), reason)
        yield from _folder_errors(errors)


def _folder_errors(errors: list[OSError]) -> Iterator[Skipped]:
    """The folders ``os.walk`` could not list (it reports them to ``onerror``), as skips."""
    while errors:
        exc = errors.pop(0)
        name = exc.filename if exc.filename is not None else "?"
        yield Skipped(os.fsdecode(name), f"cannot read folder: {exc.strerror or exc}")


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
) -> Iterator[Entry | Skipped]:
    """Entries (and skipped files) for every file under ``paths``, in order, one at a time.

    With a ``store``, files whose size and modification time match the library index are not
    read again, and new results are added to the index; with ``search`` too (the default),
    the store's search index is kept current in the same pass: a new or changed file is
    indexed from the text just read, a file that is no longer an article (or, once the scan
    has run to the end, is gone from a folder scanned) leaves it. Files to read are read by
    ``workers`` processes when there are many (default: one per CPU; 0, or a single CPU: in
    this thread). Results always come in file order; closing the generator early stops the
    work without waiting.
    """
    given_paths = [str(p) for p in paths]
    items = list(iter_files(given_paths))
    index = store.search if store is not None and search else None
    known = store.index_rows(fingerprint()) if store is not None else {}
    searchable = index.versions() if index is not None else {}
    store_tags = store.tags_by_path() if index is not None and store is not None else {}
    # For every item: the cached entry, or None when it must be read.
    cached: list[Entry | Skipped | None] = []
    # Index rows are keyed by the absolute path (so "lib/a.txt" typed in two folders are two
    # files, and "lib" and "/abs/lib" share rows); entries carry the path as the caller gave it.
    stats: dict[str, tuple[str, int, int]] = {}
    for item in items:
        hit: Entry | Skipped | None = item if isinstance(item, Skipped) else None
        if hit is None and store is not None:
            assert isinstance(item, Path)
            try:
                st = item.stat()
            except OSError:
                st = None
            if st is not None:
                given = str(item)
                key = os.path.abspath(given)  # noqa: PTH100 (no syscalls, unlike resolve())
                version = (st.st_size, st.st_mtime_ns)
                stats[given] = (key, *version)
                row = known.get(key)
                if row is not None and row[:2] == version:
                    found = from_row(row[2])
                    if (
                        isinstance(found, Entry)
                        and index is not None
                        and searchable.get(key) != version
                    ):
                        found = None  # listed, but not (or no longer) searchable
                    if found is not None and found.path != given:
                        found = replace(found, path=given)
                    hit = found
        cached.append(hit)
    misses = _computed(
        [i for i, c in zip(items, cached, strict=True) if c is None],
        max_bytes,
        workers,
        _item_entry if index is None else _indexed,
    )
    fresh: list[tuple[str, int, int, str]] = []
    docs: list[Doc] = []
    stale: list[str] = []
    seen: set[str] = set()
    complete = False
    try:
        for hit in cached:
            doc: Doc | None = None
            if hit is not None:
                result = hit
            elif index is None:
                result = next(misses)
            else:
                result, doc = next(misses)
            version_of = stats.get(result.path)
            if version_of is not None:
                seen.add(version_of[0])
            if hit is None and version_of is not None:
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
    paths: Iterable[str | Path], store: Store | None = None
) -> tuple[list[Entry], list[Skipped]]:
    """Every entry and every skipped file under ``paths``."""
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for item in scan(paths, store=store):
        (entries if isinstance(item, Entry) else skipped).append(item)  # type: ignore[arg-type]
    return entries, skipped
