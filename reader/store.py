"""Persistent state in SQLite: the summary cache and reading state.

The database lives in ``platformdirs.user_data_dir("reader")``. Deleting it loses nothing but
time, so the store never stands in the user's way: a damaged file (found by a quick check on
opening, or by any ``SQLITE_CORRUPT``/``SQLITE_NOTADB`` error later) is moved aside as
``<name>.corrupt-<time>`` and rebuilt, keeping the read marks that can still be read; a
read-only data directory gives an in-memory store for this session; a full disk or a file that
cannot be written leaves reading going on. Each of those is said once: :attr:`Store.warning`
holds the first, :meth:`Store.take_warnings` hands out each new one once (the CLI prints them
on stderr, the app shows them as notifications).

Read marks are keyed by the file's resolved path (:func:`path_key`), so the same files opened
by another path (``reader lib`` and ``reader /abs/lib``, a symlink) share them. Text that is
not valid UTF-8 (the undecodable bytes of a file name, held as lone surrogates) is stored as
``\\udcff``-style escapes and read back exactly. Several processes may use the file at once (WAL
mode and a busy timeout); one :class:`Store` may be shared between threads (a lock guards it).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import platformdirs

from reader.search_index import FILE_NAME as SEARCH_FILE_NAME
from reader.search_index import SearchIndex
from reader.textutil import unescape_surrogates, visible_surrogates

__all__ = ["DB_NAME", "SCHEMA_VERSION", "Store", "default_path", "path_key"]

DB_NAME = "reader.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000
_NOT_CACHING = "not caching (reading goes on, nothing is saved)"

# Tables that only save time: emptied by ``clear()`` and when the schema version changes. The
# ``reading`` table is the user's own state and never belongs here.
_CACHE_TABLES = ("summaries", "library", "stems", "summarized")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS summaries (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS library (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    entry TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stems (
    stemmer TEXT NOT NULL,
    word TEXT NOT NULL,
    stem TEXT NOT NULL,
    PRIMARY KEY (stemmer, word)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS summarized (
    path TEXT PRIMARY KEY,
    key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reading (
    path TEXT PRIMARY KEY,
    read INTEGER NOT NULL,
    updated REAL NOT NULL
);
"""

# Saved pages (``reader add``/``import``): which URL is in which file, tags, and the queue of an
# import. The user's own state, like ``reading``: never in _CACHE_TABLES. (The files carry their
# URLs too, so ``saved_urls`` can be rebuilt from the library folder.)
_SCHEMA += """
CREATE TABLE IF NOT EXISTS saved_urls (
    url_key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    path TEXT NOT NULL,
    saved REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tags (
    path TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (path, tag)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS import_jobs (
    job TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    format TEXT NOT NULL,
    queued INTEGER NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS import_queue (
    job TEXT NOT NULL,
    seq INTEGER NOT NULL,
    url TEXT NOT NULL,
    url_key TEXT NOT NULL,
    item TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (job, seq)
);
CREATE INDEX IF NOT EXISTS import_queue_state ON import_queue (job, state, seq);
CREATE INDEX IF NOT EXISTS import_queue_key ON import_queue (job, url_key);
"""

# Feeds (``reader feed``/``update``): each feed's conditional-GET validators and last outcome,
# and which item went to which file. The subscriptions themselves live in the user's config
# folder (``feeds.opml``), not here; both tables can be rebuilt (items from the files' trailers)
# so losing them costs one full download of every feed. Not cache tables: ``cache clear`` keeps
# them.
_SCHEMA += """
CREATE TABLE IF NOT EXISTS feed_state (
    url TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    etag TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    updated TEXT NOT NULL,
    error TEXT NOT NULL,
    checked REAL NOT NULL,
    digest TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS feed_items (
    feed TEXT NOT NULL,
    key TEXT NOT NULL,
    path TEXT NOT NULL,
    link TEXT NOT NULL,
    teaser INTEGER NOT NULL,
    seen REAL NOT NULL,
    PRIMARY KEY (feed, key)
);
CREATE INDEX IF NOT EXISTS feed_items_path ON feed_items (path);
"""


def default_path() -> Path:
    """Where the database lives unless told otherwise."""
    return Path(platformdirs.user_data_dir("reader")) / DB_NAME


def path_key(path: str | Path) -> str:
    """The key a file's reading state is stored under: its resolved absolute path (symlinks
    and ``..`` followed), whatever path it was opened by."""
    return os.path.realpath(path)


def _aliases(key: str) -> set[str]:
    """``key`` and, for a file under the current folder, the same path relative to it: the
    form a scan of ``reader lib`` gives its files, so a caller comparing the paths it holds
    finds the marks set through ``reader /abs/lib`` (and the other way round)."""
    forms = {key}
    with suppress(ValueError):  # ValueError: another drive (Windows)
        rel = os.path.relpath(key)
        if not rel.startswith(os.pardir):
            forms.add(rel)
    return forms


class Store:
    """Summary cache and reading state over one SQLite connection (file or in-memory)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, warning: str | None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path: Path | None = path
        """The database file, or None when the store is in memory (nothing persists)."""
        self.warning: str | None = warning
        """The first thing the user should know about the store (moved aside, in memory, not
        writable), else None."""
        self._warnings: list[str] = [warning] if warning else []
        self._taken = 0
        self._said: set[str] = set()
        """Kinds of trouble already warned about (each is said once)."""
        self._search: SearchIndex | None = None

    @property
    def search(self) -> SearchIndex:
        """The full-text search index, opened on first use: its own file beside this one
        (``search.sqlite3``; in memory when this store is), disposable like the cache."""
        with self._lock:
            if self._search is None:
                where = None if self.path is None else self.path.with_name(SEARCH_FILE_NAME)
                # A weak reference: no cycle, so a store dropped closes its files at once.
                ref = weakref.ref(self)

                def warn(message: str) -> None:
                    store = ref()
                    if store is not None:
                        store._warn(message)

                self._search = SearchIndex(where, warn)
            return self._search

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        """Open (creating if needed) the store at ``path`` or the default location.

        Never raises for a bad file or directory: a corrupt database is renamed to
        ``<name>.corrupt-<time>`` and rebuilt; an unusable directory gives an in-memory store.
        Either way :attr:`warning` says what happened.
        """
        target = Path(path) if path is not None else default_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            return cls(_connect(target), target, None)
        except sqlite3.DatabaseError as exc:
            # Only a file SQLite itself calls damaged is moved aside: a busy database belongs
            # to another reader process, and moving it would throw its work away.
            if not target.exists() or not _is_damaged(exc) or _is_unwritable_dir(target.parent):
                return cls.memory(f"cannot use the cache at {target} ({exc}); {_NOT_CACHING}")
            conn, warning = _rebuild(target, exc)
            if conn is None:
                return cls.memory(warning)
            return cls(conn, target, warning)
        except OSError as exc:
            return cls.memory(f"cannot create {target.parent} ({exc.strerror}); {_NOT_CACHING}")

    @classmethod
    def memory(cls, warning: str | None = None) -> Store:
        """A store that lives only as long as this process."""
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        _create_schema(conn)
        return cls(conn, None, warning)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            if self._search is not None:
                self._search.close()
            self._conn.close()

    def take_warnings(self) -> list[str]:
        """Warnings not handed out yet, oldest first (each is handed out once): what the
        caller should tell the user, e.g. on stderr or as a notification."""
        with self._lock:
            new = self._warnings[self._taken :]
            self._taken = len(self._warnings)
            return new

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every warning so far, handed out or not."""
        with self._lock:
            return tuple(self._warnings)

    # --- summary cache ----------------------------------------------------------------------

    def get_summary(self, key: str) -> dict[str, Any] | None:
        """The cached value for ``key``, or None (a miss, or a value that cannot be read)."""
        row = self._fetchone("SELECT value FROM summaries WHERE key = ?", (key,))
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except (TypeError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def put_summary(self, key: str, value: dict[str, Any]) -> None:
        """Store ``value`` (JSON-serialisable) under ``key``, replacing any older value."""
        data = json.dumps(value, ensure_ascii=False)
        self._write(
            "INSERT OR REPLACE INTO summaries (key, value, created) VALUES (?, ?, ?)",
            (key, data, time.time()),
        )

    # --- stem memo --------------------------------------------------------------------------

    def get_stems(self, stemmer: str, words: Iterable[str]) -> dict[str, str]:
        """The remembered stems of those of ``words`` that ``stemmer`` has stemmed before."""
        rows = self._fetchall(
            "SELECT word, stem FROM stems WHERE stemmer = ?"
            " AND word IN (SELECT value FROM json_each(?))",
            (stemmer, json.dumps(list(words), ensure_ascii=False)),
        )
        return {str(w): str(s) for w, s in rows}

    def put_stems(self, stemmer: str, stems: Mapping[str, str]) -> None:
        """Remember ``{word: stem}`` for ``stemmer`` (Snowball is slow on a first summary)."""
        if stems:
            self._write_many(
                "INSERT OR IGNORE INTO stems (stemmer, word, stem) VALUES (?, ?, ?)",
                [(stemmer, w, s) for w, s in stems.items()],
            )

    # --- library index ----------------------------------------------------------------------

    def index_rows(self, fingerprint: str) -> dict[str, tuple[int, int, str]]:
        """``{path: (size, mtime_ns, entry_json)}`` for every file indexed by this pipeline."""
        rows = self._fetchall(
            "SELECT path, size, mtime_ns, entry FROM library WHERE fingerprint = ?", (fingerprint,)
        )
        return {unescape_surrogates(str(r[0])): (int(r[1]), int(r[2]), str(r[3])) for r in rows}

    def index_put(self, fingerprint: str, rows: list[tuple[str, int, int, str]]) -> None:
        """Remember list entries, ``(path, size, mtime_ns, entry_json)`` each, in one go."""
        if rows:
            self._write_many(
                "INSERT OR REPLACE INTO library (path, size, mtime_ns, fingerprint, entry)"
                " VALUES (?, ?, ?, ?, ?)",
                [(p, size, mtime, fingerprint, e) for p, size, mtime, e in rows],
            )

    def note_summary(self, path: str, key: str) -> None:
        """Remember that the summary last shown for the file ``path`` is cached under ``key``."""
        self._write(
            "INSERT OR REPLACE INTO summarized (path, key) VALUES (?, ?)", (path_key(path), key)
        )

    def summarized_paths(self) -> set[str]:
        """Files whose last summary is still in the cache (for a "summary cached" mark): each
        by its resolved path and, under the current folder, that path relative to it."""
        rows = self._fetchall("SELECT s.path FROM summarized s JOIN summaries m ON m.key = s.key")
        return _forms(rows)

    # --- reading state ----------------------------------------------------------------------

    def is_read(self, path: str) -> bool:
        """True when the file ``path`` (by whatever path it is named) was marked read."""
        row = self._fetchone(
            "SELECT MAX(read) FROM reading WHERE path IN (?, ?)", (path_key(path), path)
        )
        return bool(row and row[0])

    def set_read(self, path: str, read: bool) -> None:
        """Mark the file ``path`` read or unread, at once (committed before this returns)."""
        key = path_key(path)
        if read:
            self._write(
                "INSERT OR REPLACE INTO reading (path, read, updated) VALUES (?, 1, ?)",
                (key, time.time()),
            )
        else:
            # ``path`` itself too: a mark kept by an older version under the path as typed.
            self._write("DELETE FROM reading WHERE path IN (?, ?)", (key, path))

    def read_paths(self) -> set[str]:
        """Every file marked read: by its resolved path and, under the current folder, that
        path relative to it (compare a path of your own with :func:`path_key` to be exact)."""
        return _forms(self._fetchall("SELECT path FROM reading WHERE read = 1"))

    def read_among(self, paths: Iterable[str]) -> set[str]:
        """Those of ``paths`` (returned as given) whose files are marked read, by whatever
        path they were marked: the exact way to match the paths a caller holds."""
        return self._among("SELECT path FROM reading WHERE read = 1", paths)

    def summarized_among(self, paths: Iterable[str]) -> set[str]:
        """Those of ``paths`` (returned as given) whose last summary is still cached."""
        return self._among(
            "SELECT s.path FROM summarized s JOIN summaries m ON m.key = s.key", paths
        )

    def _among(self, sql: str, paths: Iterable[str]) -> set[str]:
        keys = {unescape_surrogates(str(r[0])) for r in self._fetchall(sql)}
        return {p for p in paths if path_key(p) in keys or p in keys}

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
                with _transaction(self._conn):
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

    # --- feeds -----------------------------------------------------------------------------

    def feed_states(self) -> dict[str, dict[str, Any]]:
        """``{url: {"title", "etag", "last_modified", "updated", "error", "checked",
        "digest"}}``."""
        rows = self._fetchall(
            "SELECT url, title, etag, last_modified, updated, error, checked, digest"
            " FROM feed_state"
        )
        return {
            str(r[0]): {
                "title": str(r[1]),
                "etag": str(r[2]),
                "last_modified": str(r[3]),
                "updated": str(r[4]),
                "error": str(r[5]),
                "checked": float(r[6]),
                "digest": str(r[7]),
            }
            for r in rows
        }

    def put_feed_state(
        self,
        url: str,
        *,
        title: str,
        etag: str,
        last_modified: str,
        updated: str,
        error: str,
        digest: str = "",
    ) -> None:
        """Record how a feed's last update went (``updated``: when it last answered, ISO;
        ``digest``: a hash of the document last read, to skip parsing the same bytes)."""
        self._write(
            "INSERT OR REPLACE INTO feed_state"
            " (url, title, etag, last_modified, updated, error, checked, digest)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (url, title, etag, last_modified, updated, error, time.time(), digest),
        )

    def feed_item_keys(self, feed: str) -> dict[str, str]:
        """``{item_key: path}`` of the items of ``feed`` saved so far."""
        rows = self._fetchall("SELECT key, path FROM feed_items WHERE feed = ?", (feed,))
        return {str(r[0]): unescape_surrogates(str(r[1])) for r in rows}

    def put_feed_items(self, feed: str, rows: list[tuple[str, str, str, bool]]) -> None:
        """Remember saved items of ``feed``, ``(item_key, path, link, teaser)`` each."""
        now = time.time()
        self._write_many(
            "INSERT OR REPLACE INTO feed_items (feed, key, path, link, teaser, seen)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(feed, k, p, link, int(t), now) for k, p, link, t in rows],
        )

    def set_feed_item_teaser(self, path: str, teaser: bool) -> None:
        """The item saved at ``path`` is (no longer) a teaser (its full page was fetched)."""
        self._write("UPDATE feed_items SET teaser = ? WHERE path = ?", (int(teaser), path))

    def feed_item_paths(self, feed: str) -> list[str]:
        """The files of the items of ``feed``, oldest first."""
        rows = self._fetchall(
            "SELECT path FROM feed_items WHERE feed = ? ORDER BY seen, rowid", (feed,)
        )
        return [unescape_surrogates(str(r[0])) for r in rows]

    def feed_counts(self) -> dict[str, tuple[int, int]]:
        """``{feed: (items, unread)}``: read marks are those of :meth:`set_read`."""
        rows = self._fetchall(
            "SELECT f.feed, COUNT(*), SUM(CASE WHEN r.read = 1 THEN 0 ELSE 1 END)"
            " FROM feed_items f LEFT JOIN reading r ON r.path = f.path GROUP BY f.feed"
        )
        return {str(r[0]): (int(r[1]), int(r[2] or 0)) for r in rows}

    def feed_items_count(self) -> int:
        row = self._fetchone("SELECT COUNT(*) FROM feed_items", ())
        return int(row[0]) if row else 0

    def forget_feed(self, url: str) -> None:
        """Drop a feed's state and item rows (its files stay in the library)."""
        self._write("DELETE FROM feed_state WHERE url = ?", (url,))
        self._write("DELETE FROM feed_items WHERE feed = ?", (url,))

    # --- maintenance ------------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """``path`` (None in memory), ``entries`` (cached summaries), ``read``, ``indexed``
        (files in the library index) and ``size``."""
        entries = self._fetchone("SELECT COUNT(*) FROM summaries", ())
        indexed = self._fetchone("SELECT COUNT(*) FROM library", ())
        read = self._fetchone("SELECT COUNT(*) FROM reading WHERE read = 1", ())
        size = 0
        if self.path is not None:
            for suffix in ("", "-wal", "-shm"):
                part = self.path.with_name(self.path.name + suffix)
                if part.exists():
                    size += part.stat().st_size
        return {
            "path": str(self.path) if self.path is not None else None,
            "entries": int(entries[0]) if entries else 0,
            "read": int(read[0]) if read else 0,
            "indexed": int(indexed[0]) if indexed else 0,
            "size": size,
            "schema": SCHEMA_VERSION,
            "warning": self.warning,
        }

    def clear(self) -> int:
        """Drop every cached summary, remembered stem, the library index and the search index
        (reading state is kept); return how many summaries were dropped."""
        self.search.clear()

        def empty(conn: sqlite3.Connection) -> int:
            removed = _delete_cache(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")
            return removed

        removed = self._run(empty)
        return max(0, removed) if isinstance(removed, int) else 0

    # --- internals --------------------------------------------------------------------------

    def _fetchone(self, sql: str, params: tuple[Any, ...]) -> Any:
        return self._run(lambda conn: conn.execute(sql, _params(params)).fetchone())

    def _fetchall(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        rows = self._run(lambda conn: conn.execute(sql, _params(params)).fetchall())
        return rows if rows is not None else []

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        self._write_many(sql, [params])

    def _write_many(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        batch = [_params(r) for r in rows]

        def write(conn: sqlite3.Connection) -> None:
            with _transaction(conn):
                conn.executemany(sql, batch)

        # A cache that cannot be written costs time, never the user's work.
        self._run(write)

    def _run(self, step: Callable[[sqlite3.Connection], Any]) -> Any:
        """``step(connection)`` under the lock; None when it failed (the failure is noted).
        A damaged file is set aside and rebuilt, and the step tried once more on the new one."""
        with self._lock:
            try:
                return step(self._conn)
            except sqlite3.Error as exc:
                if not (isinstance(exc, sqlite3.DatabaseError) and _is_damaged(exc)):
                    self._note(exc)
                    return None
                if not self._recover(exc):
                    return None
            try:
                return step(self._conn)
            except sqlite3.Error as exc:
                self._note(exc)
                return None

    def _recover(self, exc: sqlite3.DatabaseError) -> bool:
        """The file turned out damaged while in use: move it aside, rebuild it (keeping the
        read marks that can be read), carry on with the new one. False when that failed."""
        if self.path is None or "damaged" in self._said:
            self._note(exc)
            return False
        self._said.add("damaged")
        salvaged = _readable_marks(self._conn)
        with suppress(sqlite3.Error):
            self._conn.close()
        conn, warning = _rebuild(self.path, exc, salvaged)
        self._warn(warning)
        if conn is None:
            self._conn = Store.memory()._conn
            self.path = None
            return False
        self._conn = conn
        return True

    def _note(self, exc: sqlite3.Error) -> None:
        """Say once (per kind of trouble) that the store failed; reading goes on."""
        name = getattr(exc, "sqlite_errorname", "") or type(exc).__name__
        kind = name.split("_")[1] if name.startswith("SQLITE_") and "_" in name else name
        if kind in self._said:
            return
        self._said.add(kind)
        where = f"the cache at {self.path}" if self.path is not None else "the in-memory cache"
        if kind == "FULL":
            self._warn(
                f"the disk is full: cannot save to {where}; reading goes on, but read marks "
                "and summaries made now may not be kept"
            )
        elif kind == "READONLY":
            self._warn(
                f"{where} is read-only; reading goes on, but read marks and summaries made "
                "now are not kept"
            )
        else:
            self._warn(f"cache error ({exc}) in {where}; reading goes on")

    def _warn(self, message: str) -> None:
        if message not in self._warnings:
            self._warnings.append(message)
        if self.warning is None:
            self.warning = message


def _params(params: tuple[Any, ...]) -> tuple[Any, ...]:
    """Parameters SQLite can store: lone surrogates (a non-UTF-8 file name) as escapes."""
    return tuple(visible_surrogates(p) if isinstance(p, str) else p for p in params)


def _forms(rows: Iterable[Any]) -> set[str]:
    """Stored path keys, unescaped, each with its :func:`_aliases`."""
    out: set[str] = set()
    for row in rows:
        out |= _aliases(unescape_surrogates(str(row[0])))
    return out


def _readable_marks(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """The read marks a damaged database still gives up (none when their pages are hit)."""
    try:
        return list(conn.execute("SELECT path, read, updated FROM reading").fetchall())
    except sqlite3.Error:
        return []


def _rebuild(
    target: Path, exc: sqlite3.DatabaseError, salvaged: list[tuple[Any, ...]] | None = None
) -> tuple[sqlite3.Connection | None, str]:
    """Move the damaged ``target`` aside and open a new database there, with the read marks
    that could be saved; the new connection (None when that failed) and the warning to give."""
    if salvaged is None:
        salvaged = []
        with suppress(sqlite3.Error):
            old = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
            try:
                salvaged = _readable_marks(old)
            finally:
                old.close()
    aside = _move_aside(target)
    if aside is None:
        return (
            None,
            f"cache {target} is damaged ({exc}); not caching (reading goes on, nothing is saved)",
        )
    kept = f", {len(salvaged)} read marks kept" if salvaged else ""
    warning = f"cache {target} was damaged ({exc}); moved it to {aside.name} and rebuilt it{kept}"
    try:
        conn = _connect(target)
        if salvaged:
            with _transaction(conn):
                conn.executemany(
                    "INSERT OR REPLACE INTO reading (path, read, updated) VALUES (?, ?, ?)",
                    salvaged,
                )
    except sqlite3.Error as again:
        return (
            None,
            f"{warning}, but rebuilding failed ({again}); {_NOT_CACHING}",
        )
    return conn, warning


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error (the connection is in autocommit)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")  # may fail too (a full disk): then roll back as below
    except BaseException:
        # SQLite may have rolled back already (a full disk does): then there is nothing to undo,
        # and the error to report is the one that got us here.
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


class _Damaged(sqlite3.DatabaseError):
    """``PRAGMA quick_check`` found the file damaged."""


def _is_damaged(exc: sqlite3.DatabaseError) -> bool:
    """True when SQLite says the file is not a database or is corrupt (not merely busy)."""
    if isinstance(exc, _Damaged):
        return True
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def _connect(path: Path) -> sqlite3.Connection:
    """:func:`_open_file`, waiting out another process that is setting the file up.

    Switching to WAL and creating the schema take locks for which SQLite does not always wait
    (``busy_timeout`` is skipped where waiting could deadlock), so two processes opening a new
    database together can see "database is locked": try again until the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _open_file(path)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _open_file(path: Path) -> sqlite3.Connection:
    """Open ``path``, check it really is our database, and bring the schema up to date."""
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Reads the header and schema: raises DatabaseError for a file that is not SQLite.
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        # Damage past the header (a bad page) only shows when that page is read: check them
        # all now (quick_check reads every page, about 1 ms per MB) rather than lose the
        # cache silently later.
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise _Damaged(
                "damaged: " + " ".join(str(verdict[0] if verdict else "no result").split())
            )
        _create_schema(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _create_schema(conn: sqlite3.Connection) -> None:
    with _transaction(conn):
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif int(row[0]) != SCHEMA_VERSION:
            # Another layout: the cache is disposable, so start it again.
            _delete_cache(conn)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))


def _delete_cache(conn: sqlite3.Connection) -> int:
    """Empty every table in :data:`_CACHE_TABLES`; return how many summaries were dropped."""
    removed = 0
    for table in _CACHE_TABLES:
        cur = conn.execute(f"DELETE FROM {table}")
        if table == "summaries":
            removed = cur.rowcount
    return removed


def _move_aside(path: Path) -> Path | None:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():  # a second rebuild within the same second keeps the first copy
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        path.replace(aside)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.unlink()
    except OSError:
        return None
    return aside


def _is_unwritable_dir(directory: Path) -> bool:
    probe = directory / f".reader-probe-{threading.get_ident()}"
    try:
        probe.touch()
        probe.unlink()
    except OSError:
        return True
    return False
