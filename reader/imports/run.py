"""Running an import: queue every entry of the export in the store, save the ones whose
content came with it, then fetch the rest politely. Resumable: the queue is in the store, so
running the same import again continues where it stopped (``retry_failed`` tries the
failures again).

The import is known by the hash of the export's bytes, so a renamed or moved export still
resumes, and a changed one is a new import.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.adding import (
    ALREADY,
    FAILED,
    SAVED,
    ItemInfo,
    Outcome,
    Progress,
    Saver,
    prepare_library,
)
from reader.fetch.client import DEFAULTS, FetchFailed, Settings
from reader.fetch.page import Page, now_iso
from reader.fetch.polite import fetch_all
from reader.fetch.urls import RefusedURL, check_url, url_key
from reader.imports import ImportFormatError, Item, detect, read_items
from reader.library import Entry, scan, with_tags
from reader.store import Store

BATCH = 500
"""Entries queued per store transaction (and read from the queue per page)."""


@dataclass
class Report:
    """Where an import stands: what came in, what failed and why, what is still queued."""

    job: str
    format: str
    counts: dict[str, int]
    """Entries per state: ``saved``, ``failed``, ``duplicate``, ``pending``."""
    failed: list[dict[str, str]] = field(default_factory=list)
    queued: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    """Duplicates (and other entries left out on purpose), with the reason."""
    articles: list[Entry] = field(default_factory=list)
    """The saved entries' list entries (only when asked for: it parses every page)."""
    already: int = 0
    """Entries that were saved before this import (another import, or ``reader add``)."""


def job_id(path: Path) -> str:
    """The import's key: a hash of the export's bytes (read in chunks)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()[:24]


def _info(item: Item, via: str, extra_tags: Sequence[str]) -> ItemInfo:
    return ItemInfo(
        title=item.title,
        tags=tuple(dict.fromkeys((*item.tags, *extra_tags))),
        added=item.added,
        read=item.read,
        archived=item.archived,
        via=via,
    )


def _info_json(info: ItemInfo) -> str:
    return json.dumps(
        {
            "title": info.title,
            "tags": list(info.tags),
            "added": info.added,
            "read": info.read,
            "archived": info.archived,
            "via": info.via,
        },
        ensure_ascii=False,
    )


def _info_from(text: str) -> ItemInfo:
    try:
        data = json.loads(text)
    except ValueError:
        return ItemInfo()
    return ItemInfo(
        title=str(data.get("title", "")),
        tags=tuple(str(t) for t in data.get("tags", [])),
        added=str(data.get("added", "")),
        read=bool(data.get("read")),
        archived=bool(data.get("archived")),
        via=str(data.get("via", "")),
    )


def queue_batches(
    path: Path, fmt: str, job: str, saver: Saver, extra_tags: Sequence[str] = ()
) -> Iterator[int]:
    """Read the export and queue its entries (saving those that carry their content), one
    store transaction per :data:`BATCH`; yields how many entries each batch left to fetch.
    Rows queued by an earlier, interrupted run are skipped."""
    store = saver.store
    last = store.queue_last_seq(job)
    batch: list[tuple[int, str, str, str, str, str, str]] = []

    def flush() -> int:
        stored = store.queue_add(job, batch)
        batch.clear()
        return sum(1 for _seq, state, _reason in stored if state == "pending")

    for seq, item in enumerate(read_items(path, fmt)):
        if seq <= last:
            continue
        info = _info(item, fmt, extra_tags)
        where = f" ({item.where})" if item.where else ""
        if item.error:
            batch.append(
                (seq, item.url, f"bad:{seq}", _info_json(info), FAILED, f"{item.error}{where}", "")
            )
        else:
            batch.append(_queue_row(seq, item, info, saver))
        if len(batch) >= BATCH:
            yield flush()
    yield flush()
    store.finish_queueing(job)


def _queue_row(
    seq: int, item: Item, info: ItemInfo, saver: Saver
) -> tuple[int, str, str, str, str, str, str]:
    data = _info_json(info)
    url = item.url.strip()
    key = f"content:{seq}"
    if url:
        try:
            url = check_url(url)
            key = url_key(url)
        except RefusedURL as exc:
            if item.content is None:
                return (seq, url, f"bad:{seq}", data, FAILED, str(exc), "")
            url = ""
    if item.content is not None:
        outcome = saver.save_content(url, item.content, item.kind, info, now_iso())
        return (seq, url, key, data, _state(outcome), _reason(outcome), outcome.path)
    existing = saver.existing(url)
    if existing is not None:
        outcome = saver.record(url, ALREADY, existing, info)
        return (seq, url, key, data, SAVED, ALREADY, outcome.path)
    return (seq, url, key, data, "pending", "", "")


def _state(outcome: Outcome) -> str:
    return FAILED if not outcome.ok else SAVED


def _reason(outcome: Outcome) -> str:
    if outcome.status == ALREADY:
        return ALREADY
    return outcome.reason


@dataclass(frozen=True, slots=True)
class _Row:
    seq: int
    url: str
    info: ItemInfo


def _pending(
    store: Store, job: str, saver: Saver, feeder: Iterator[int] | None, total: list[int]
) -> Iterator[_Row]:
    """The pending rows of ``job`` in order; when they run out and the export is still being
    queued, the next batch is queued first (so the first pages are fetched at once, not after
    a 100,000-row export is all queued). ``total[0]`` counts the rows to fetch so far."""
    after = -1
    while True:
        rows = store.queue_rows(job, ("pending",), after, BATCH)
        if not rows:
            if feeder is not None:
                added = next(feeder, None)
                if added is not None:
                    total[0] += added
                    continue
            return
        for seq, url, item, *_ in rows:
            after = seq
            info = _info_from(item)
            existing = saver.existing(url)
            if existing is not None:  # saved meanwhile (a duplicate in another import)
                outcome = saver.record(url, ALREADY, existing, info)
                store.queue_set(job, seq, SAVED, ALREADY, outcome.path)
                total[0] -= 1
                continue
            yield _Row(seq, url, info)


async def fetch_queue(
    job: str,
    saver: Saver,
    settings: Settings,
    progress: Progress | None,
    feeder: Iterator[int] | None = None,
) -> None:
    """Fetch every pending entry of ``job`` (queueing what ``feeder`` still has to queue) and
    record how each one ended."""
    store = saver.store
    total = [store.queue_counts(job).get("pending", 0)]
    done = 0
    if progress is not None:
        progress(0, total[0], None)

    async def handle(row: _Row, got: Page | FetchFailed) -> None:
        nonlocal done
        if isinstance(got, FetchFailed):
            outcome = Outcome(row.url, FAILED, reason=got.reason)
        else:
            # Shielded: a Ctrl-C while a page is written still finishes and records it.
            outcome = await asyncio.shield(asyncio.to_thread(saver.save, got, row.info))
        store.queue_set(job, row.seq, _state(outcome), _reason(outcome), outcome.path)
        done += 1
        if progress is not None:
            progress(done, max(total[0], done), outcome)

    await fetch_all(_pending(store, job, saver, feeder, total), handle, settings)


def report(store: Store, job: str, fmt: str, entries: bool = False) -> Report:
    """The state of import ``job`` as the store has it (with ``entries``, the list entries of
    the saved pages and the queued URLs too: what ``--json`` prints)."""
    out = Report(job=job, format=fmt, counts=store.queue_counts(job))
    paths: list[str] = []
    after = -1
    states = ("saved", "failed", "duplicate", "pending")
    while rows := store.queue_rows(job, states, after, 2000):
        for seq, url, item, state, reason, path in rows:
            after = seq
            title = _info_from(item).title
            if state == "failed":
                out.failed.append({"url": url, "title": title, "reason": reason})
            elif state == "pending":
                if entries:
                    out.queued.append({"url": url, "title": title})
            elif state == "duplicate":
                out.skipped.append({"url": url, "title": title, "reason": reason})
            elif path:
                paths.append(path)
                if reason == ALREADY:
                    out.already += 1
    if entries and paths:
        found = [e for e in scan(dict.fromkeys(paths), store=store) if isinstance(e, Entry)]
        out.articles = with_tags(found, store)
    return out


def import_file(
    path: Path,
    *,
    fmt: str | None = None,
    tags: Sequence[str] = (),
    store: Store,
    library: Path | None = None,
    fetch: bool = True,
    retry_failed: bool = False,
    settings: Settings = DEFAULTS,
    progress: Progress | None = None,
    entries: bool = False,
) -> Report:
    """Import the export at ``path``: queue, save, fetch; the :class:`Report` at the end.

    Raises :class:`ImportFormatError` when the file as a whole cannot be read, and
    ``KeyboardInterrupt`` on Ctrl-C (what was saved and queued is kept: run it again).
    """
    try:
        job = job_id(path)
    except OSError as exc:
        raise ImportFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    known = store.import_job(job)
    kind = fmt or (known["format"] if known else None) or detect(path)
    folder = prepare_library(store, library)
    saver = Saver(store, folder, want_entries=False)
    store.start_import(job, str(path), kind)
    if retry_failed:
        store.queue_retry_failed(job)
    feeder = None
    if not (known and known["queued"]):
        feeder = queue_batches(path, kind, job, saver, tags)
    if fetch:
        asyncio.run(fetch_queue(job, saver, settings, progress, feeder))
    elif feeder is not None:
        for _ in feeder:
            pass
    return report(store, job, kind, entries)
