"""The SQLite file under the store: opening it (WAL, busy timeout), the schema, telling a
damaged file from a busy one, setting a damaged file aside and rebuilding it with the read marks
that can still be read. The tables' own SQL lives with the :class:`~reader.store.Store` mixins."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import platformdirs

DB_NAME = "reader.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000
NOT_CACHING = "not caching (reading goes on, nothing is saved)"

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


def readable_marks(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """The read marks a damaged database still gives up (none when their pages are hit)."""
    try:
        return list(conn.execute("SELECT path, read, updated FROM reading").fetchall())
    except sqlite3.Error:
        return []


def rebuild(
    target: Path, exc: sqlite3.DatabaseError, salvaged: list[tuple[Any, ...]] | None = None
) -> tuple[sqlite3.Connection | None, str]:
    """Move the damaged ``target`` aside and open a new database there, with the read marks
    that could be saved; the new connection (None when that failed) and the warning to give."""
    if salvaged is None:
        salvaged = []
        with suppress(sqlite3.Error):
            old = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
            try:
                salvaged = readable_marks(old)
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
        conn = connect(target)
        if salvaged:
            with transaction(conn):
                conn.executemany(
                    "INSERT OR REPLACE INTO reading (path, read, updated) VALUES (?, ?, ?)",
                    salvaged,
                )
    except sqlite3.Error as again:
        return (
            None,
            f"{warning}, but rebuilding failed ({again}); {NOT_CACHING}",
        )
    return conn, warning


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
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


def is_damaged(exc: sqlite3.DatabaseError) -> bool:
    """True when SQLite says the file is not a database or is corrupt (not merely busy)."""
    if isinstance(exc, _Damaged):
        return True
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def connect(path: Path) -> sqlite3.Connection:
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
        create_schema(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif int(row[0]) != SCHEMA_VERSION:
            # Another layout: the cache is disposable, so start it again.
            delete_cache(conn)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))


def delete_cache(conn: sqlite3.Connection) -> int:
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


def is_unwritable_dir(directory: Path) -> bool:
    probe = directory / f".reader-probe-{threading.get_ident()}"
    try:
        probe.touch()
        probe.unlink()
    except OSError:
        return True
    return False
