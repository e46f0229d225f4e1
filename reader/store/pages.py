"""Store tables of saved pages: which URL is in which file, tags, and the queue of an import."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from typing import Any

from reader.store.base import StoreBase
from reader.store.dbfile import transaction


class PageTables(StoreBase):
    """Saved URLs, tags and import jobs with their queues."""

    # --- saved pages, tags, import queue ------------------------------------------------------

    def saved_path(self, url_key: str) -> str | None:
        """The file a page with this URL key was saved to, if any."""
        row = self._fetchone("SELECT path FROM saved_urls WHERE url_key = ?", (url_key,))
        return str(row[0]) if row else None

    def put_saved(self, rows: list[tuple[str, str, str]]) -> None:
        """Remember saved pages, ``(url_key, url, path)`` each."""
        now = time.time()
        self._write_many(
            "INSERT OR REPLACE INTO saved_urls (url_key, url, path, saved) VALUES (?, ?, ?, ?)",
            [(k, u, p, now) for k, u, p in rows],
        )

    def saved_count(self) -> int:
        row = self._fetchone("SELECT COUNT(*) FROM saved_urls", ())
        return int(row[0]) if row else 0

    def add_tags(self, path: str, tags: Iterable[str]) -> None:
        """Give the file ``path`` these tags (kept with any it had)."""
        rows = [(path, t) for t in dict.fromkeys(tags) if t]
        if rows:
            self._write_many("INSERT OR IGNORE INTO tags (path, tag) VALUES (?, ?)", rows)

    def tags_of(self, path: str) -> list[str]:
        """The file ``path``'s tags, sorted (one indexed look-up, for one entry at a time)."""
        rows = self._fetchall("SELECT tag FROM tags WHERE path = ? ORDER BY tag", (path,))
        return [str(r[0]) for r in rows]

    def tags_by_path(self) -> dict[str, list[str]]:
        """Every tagged file's tags, sorted."""
        out: dict[str, list[str]] = {}
        for path, tag in self._fetchall("SELECT path, tag FROM tags ORDER BY path, tag"):
            out.setdefault(str(path), []).append(str(tag))
        return out

    def import_job(self, job: str) -> dict[str, Any] | None:
        """``{"file", "format", "queued"}`` of an import seen before, else None."""
        row = self._fetchone("SELECT file, format, queued FROM import_jobs WHERE job = ?", (job,))
        if row is None:
            return None
        return {"file": str(row[0]), "format": str(row[1]), "queued": bool(row[2])}

    def start_import(self, job: str, file: str, fmt: str) -> None:
        self._write(
            "INSERT OR IGNORE INTO import_jobs (job, file, format, queued, created)"
            " VALUES (?, ?, ?, 0, ?)",
            (job, file, fmt, time.time()),
        )

    def finish_queueing(self, job: str) -> None:
        """Every row of the export is in the queue: a rerun need not read the file again."""
        self._write("UPDATE import_jobs SET queued = 1 WHERE job = ?", (job,))

    def queue_last_seq(self, job: str) -> int:
        """The highest row number queued for ``job`` (-1 for none)."""
        row = self._fetchone("SELECT MAX(seq) FROM import_queue WHERE job = ?", (job,))
        return int(row[0]) if row and row[0] is not None else -1

    def queue_add(
        self, job: str, rows: list[tuple[int, str, str, str, str, str, str]]
    ) -> list[tuple[int, str, str]]:
        """Queue export rows ``(seq, url, url_key, item_json, state, reason, path)`` in one
        transaction. A URL key already queued for this job is stored as state ``duplicate``
        naming the row it repeats. Returns ``(seq, state, reason)`` as stored."""
        stored: list[tuple[int, str, str]] = []
        with self._lock:
            try:
                with transaction(self._conn):
                    for seq, url, key, item, state, reason, path in rows:
                        if state != "failed":
                            first = self._conn.execute(
                                "SELECT seq FROM import_queue WHERE job = ? AND url_key = ?"
                                " AND state != 'duplicate' LIMIT 1",
                                (job, key),
                            ).fetchone()
                            if first is not None:
                                state, reason = "duplicate", f"duplicate of entry {first[0] + 1}"
                        self._conn.execute(
                            "INSERT OR IGNORE INTO import_queue"
                            " (job, seq, url, url_key, item, state, reason, path)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (job, seq, url, key, item, state, reason, path),
                        )
                        stored.append((seq, state, reason))
            except sqlite3.Error as exc:
                self._note(exc)
                return []
        return stored

    def queue_rows(
        self, job: str, states: tuple[str, ...], after: int = -1, limit: int = 500
    ) -> list[tuple[int, str, str, str, str, str]]:
        """Up to ``limit`` rows of ``job`` in these states after row ``after``, in order:
        ``(seq, url, item_json, state, reason, path)``."""
        marks = ",".join("?" * len(states))
        rows = self._fetchall(
            "SELECT seq, url, item, state, reason, path FROM import_queue"
            f" WHERE job = ? AND seq > ? AND state IN ({marks}) ORDER BY seq LIMIT ?",
            (job, after, *states, limit),
        )
        return [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5])) for r in rows]

    def queue_set(self, job: str, seq: int, state: str, reason: str = "", path: str = "") -> None:
        """Record how one queued row ended (``saved``/``failed``) or reset it (``pending``)."""
        self._write(
            "UPDATE import_queue SET state = ?, reason = ?, path = ? WHERE job = ? AND seq = ?",
            (state, reason, path, job, seq),
        )

    def queue_retry_failed(self, job: str) -> int:
        """Put every failed row of ``job`` back in the queue; how many."""
        row = self._fetchone(
            "SELECT COUNT(*) FROM import_queue WHERE job = ? AND state = 'failed'", (job,)
        )
        self._write(
            "UPDATE import_queue SET state = 'pending', reason = '' WHERE job = ?"
            " AND state = 'failed'",
            (job,),
        )
        return int(row[0]) if row else 0

    def queue_counts(self, job: str) -> dict[str, int]:
        """How many rows of ``job`` are in each state."""
        rows = self._fetchall(
            "SELECT state, COUNT(*) FROM import_queue WHERE job = ? GROUP BY state", (job,)
        )
        return {str(r[0]): int(r[1]) for r in rows}
