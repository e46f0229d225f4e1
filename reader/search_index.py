"""The full-text search index: an SQLite FTS5 table in its own file beside the store.

Disposable like the rest of the store (it only saves re-reading files), and kept apart from it on
purpose: the store checks every page of its file on opening, which an index of a big library
(hundreds of MB at 100,000 articles) would make slow for every command; and a damaged search
index must never cost the read marks. A damaged or foreign file (any ``SQLITE_CORRUPT`` /
``SQLITE_NOTADB``, on opening or later) is deleted and the index started again, with a warning:
the next scan reads and indexes every file again.

One row per file version (absolute path, size, mtime), like the library index. The FTS5 table
is contentless (it holds only the index); the clean body is kept zlib-compressed in ``docs``,
for snippets and for deleting a file's old terms. The tokenizer is ``unicode61`` with
diacritics folded and letters and numbers as token characters; CJK runs reach it as bigrams
(:mod:`reader.search_text`, which :mod:`reader.search` also uses to place the matches). A file
of another layout (:data:`VERSION`) is emptied and built again by the next scan.
"""

from __future__ import annotations

import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.search_text import TOKENIZER, index_text
from reader.textutil import unescape_surrogates, visible_surrogates

__all__ = ["FILE_NAME", "TOKENIZER", "WEIGHTS", "Doc", "SearchIndex"]

FILE_NAME = "search.sqlite3"
VERSION = "3"
WEIGHTS = (10.0, 3.0, 5.0, 1.0)
"""bm25 weights of the columns title, source, tags, body: a title match ranks above a body one."""

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    tags TEXT NOT NULL,
    date TEXT NOT NULL,
    body BLOB NOT NULL
);
-- Every scan reads each file's version (versions()): from this index it reads no body pages
-- (at 10,000 files 5.5 ms instead of 15).
CREATE INDEX IF NOT EXISTS docs_version ON docs (path, size, mtime_ns);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, source, tags, body, content='', prefix='2 3 4', tokenize="{TOKENIZER}"
);
"""


@dataclass(frozen=True, slots=True)
class Doc:
    """What the index holds for one file version."""

    path: str
    """The file's absolute path (the library index's key)."""
    size: int
    mtime_ns: int
    title: str
    source: str
    tags: tuple[str, ...]
    date: str
    body: str


def _params(params: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(visible_surrogates(p) if isinstance(p, str) else p for p in params)


def _damaged(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return True
    text = str(exc)
    return "malformed" in text or "not a database" in text or "damaged" in text


class SearchIndex:
    """The FTS5 index over one SQLite connection (a file, or memory)."""

    def __init__(self, path: Path | None, warn: Callable[[str], None]) -> None:
        self.path = path
        """The index file, or None in memory."""
        self._warn = warn
        self._lock = threading.RLock()
        self._count: tuple[int, int] | None = None
        """``(data_version, files indexed)`` when known (see _total)."""
        self._conn = self._open()

    # --- opening and rebuilding ---------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._connect(":memory:")
        try:
            return self._connect(str(self.path))
        except sqlite3.Error as exc:
            if not _damaged(exc):
                self._warn(f"cannot use the search index at {self.path} ({exc}); searching memory")
                return self._connect(":memory:")
            return self._rebuilt(exc)

    def _connect(self, where: str) -> sqlite3.Connection:
        conn = sqlite3.connect(where, timeout=5, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            if where != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = OFF")  # disposable: a crash costs a rebuild
                conn.execute("PRAGMA journal_size_limit = 16777216")  # the WAL shrinks back
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            with _transaction(conn):
                conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
                row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if row is None or row[0] != VERSION:  # another layout: start again
                    conn.execute("DROP TABLE IF EXISTS fts")
                    conn.execute("DROP TABLE IF EXISTS docs")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                if row is None or row[0] != VERSION:
                    conn.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('version', ?)", (VERSION,)
                    )
                    weights = ", ".join(str(w) for w in WEIGHTS)
                    conn.execute(
                        "INSERT INTO fts(fts, rank) VALUES ('rank', ?)", (f"bm25({weights})",)
                    )
        except BaseException:
            conn.close()
            raise
        return conn

    def _rebuilt(self, exc: sqlite3.Error) -> sqlite3.Connection:
        """Delete the damaged file and start an empty index there (memory if that fails)."""
        assert self.path is not None
        for suffix in ("", "-wal", "-shm"):
            with suppress(OSError):
                self.path.with_name(self.path.name + suffix).unlink()
        self._warn(
            f"search index {self.path} was damaged ({exc}); rebuilt it empty "
            "(files are read and indexed again)"
        )
        try:
            return self._connect(str(self.path))
        except sqlite3.Error as again:
            self._warn(f"cannot rebuild the search index ({again}); searching memory")
            return self._connect(":memory:")

    def _run(self, step: Callable[[sqlite3.Connection], Any], default: Any) -> Any:
        """``step(connection)`` under the lock; on damage the index is rebuilt and ``default``
        returned (the rebuilt index is empty); other errors are warned about once."""
        with self._lock:
            try:
                return step(self._conn)
            except sqlite3.Error as exc:
                if _damaged(exc) and self.path is not None:
                    with suppress(sqlite3.Error):
                        self._conn.close()
                    self._conn = self._rebuilt(exc)
                    self._count = None
                else:
                    self._warn(f"search index error ({exc}); searching goes on without it")
                return default

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- writing ------------------------------------------------------------------------

    def versions(self) -> dict[str, tuple[int, int]]:
        """``{path: (size, mtime_ns)}`` of every indexed file."""
        rows = self._run(
            lambda c: c.execute("SELECT path, size, mtime_ns FROM docs").fetchall(), []
        )
        return {unescape_surrogates(str(p)): (int(s), int(m)) for p, s, m in rows}

    def put(self, docs: Iterable[Doc]) -> None:
        """Index these file versions, replacing what was indexed for the same paths."""
        batch = list(docs)
        if not batch:
            return
        self._count = None

        def write(conn: sqlite3.Connection) -> None:
            with _transaction(conn):
                for d in batch:
                    path = _params((d.path,))[0]
                    _drop(conn, path)
                    tags = " ".join(d.tags)
                    cur = conn.execute(
                        "INSERT INTO docs (path, size, mtime_ns, title, source, tags, date, body)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            *_params((path, d.size, d.mtime_ns, d.title, d.source, tags, d.date)),
                            zlib.compress(visible_surrogates(d.body).encode("utf-8"), 1),
                        ),
                    )
                    conn.execute(
                        "INSERT INTO fts (rowid, title, source, tags, body) VALUES (?, ?, ?, ?, ?)",
                        (cur.lastrowid, *_params(_terms(d.title, d.source, tags, d.body))),
                    )
                _written(conn, len(batch))

        self._run(write, None)

    def remove(self, paths: Iterable[str]) -> None:
        """Forget these files (they were deleted, or are no longer articles)."""
        keys = [_params((p,))[0] for p in paths]
        if not keys:
            return
        self._count = None

        def write(conn: sqlite3.Connection) -> None:
            with _transaction(conn):
                for key in keys:
                    _drop(conn, key)
                _written(conn, len(keys))

        self._run(write, None)

    def clear(self) -> int:
        """Forget every file; how many were indexed."""

        self._count = None

        def empty(conn: sqlite3.Connection) -> int:
            with _transaction(conn):
                n = int(conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0])
                conn.execute("DELETE FROM docs")
                conn.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
            with suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute("VACUUM")
            return n

        return int(self._run(empty, 0))

    def count(self) -> int:
        return int(self._run(lambda c: c.execute("SELECT COUNT(*) FROM docs").fetchone()[0], 0))

    TIDY_MIN = 1_000
    """Fewer files written than this (or than a tenth of the index) since the last tidy: no
    tidy (the index's own merging keeps up with a few changes)."""

    def tidy(self) -> bool:
        """After many files were written (a first scan, a big import): merge the index into
        one b-tree (FTS5's ``optimize``), which about halves what a query costs at 100,000
        articles (13 s of work there, 3% of the first scan). Whether it ran."""

        def merge(conn: sqlite3.Connection) -> bool:
            row = conn.execute("SELECT value FROM meta WHERE key = 'written'").fetchone()
            written = int(row[0]) if row is not None else 0
            total = int(conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0])
            if written < max(self.TIDY_MIN, total // 10):
                return False
            with _transaction(conn):
                conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written', '0')")
            with suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return True

        return bool(self._run(merge, False))

    # --- reading ------------------------------------------------------------------------

    def ranked(
        self, expression: str, limit: int, keep: Callable[[str], bool] | None = None
    ) -> list[tuple[str, float, str, str]]:
        """Up to ``limit`` ``(path, score, title, source)`` of the files matching an FTS5
        ``expression``, best first (score: bm25, higher is better), only paths ``keep``
        accepts when given."""

        def query(conn: sqlite3.Connection) -> list[tuple[str, float, str, str]]:
            total = self._total(conn)
            if total >= self.BROAD_MIN:
                cap = min(total // 2, self.BROAD_MATCHES)
                found = conn.execute(
                    "SELECT COUNT(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)",
                    (expression, cap + 1),
                ).fetchone()
                if int(found[0]) > cap:
                    return _unranked(conn, expression, limit, keep)
            return _best(conn, expression, limit, keep)

        result: list[tuple[str, float, str, str]] = self._run(query, [])
        return result

    BROAD_MIN = 2_000
    """Libraries smaller than this always rank (it is quick there)."""
    BROAD_MATCHES = 8_000
    """A query matching more articles than this (or than half the library) is not ranked one
    by one: bm25 costs some microseconds an article, so ranking 8,000 takes about 25 ms (and
    over half of the library bm25 gives the query's words next to no weight)."""

    def _total(self, conn: sqlite3.Connection) -> int:
        """How many files are indexed, kept until this connection or another one writes
        (counting costs milliseconds at 100,000)."""
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        if self._count is None or self._count[0] != version:
            self._count = (version, int(conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0]))
        return self._count[1]

    def matching(self, expression: str) -> set[str]:
        """Paths of every file matching ``expression`` (no ranking)."""
        rows = self._run(
            lambda c: c.execute(
                "SELECT d.path FROM fts JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ?",
                (expression,),
            ).fetchall(),
            [],
        )
        return {unescape_surrogates(str(r[0])) for r in rows}

    def body(self, path: str) -> str:
        """The indexed clean body of ``path`` ("" when not indexed)."""
        row = self._run(
            lambda c: c.execute(
                "SELECT body FROM docs WHERE path = ?", _params((path,))
            ).fetchone(),
            None,
        )
        if row is None:
            return ""
        return unescape_surrogates(zlib.decompress(row[0]).decode("utf-8"))


def _written(conn: sqlite3.Connection, n: int) -> None:
    """Count ``n`` more files written since the last tidy (see SearchIndex.tidy)."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('written', ?) ON CONFLICT (key) DO UPDATE"
        " SET value = CAST(value AS INTEGER) + excluded.value",
        (n,),
    )


def _doc_row(conn: sqlite3.Connection, rowid: int) -> tuple[str, str, str] | None:
    row = conn.execute("SELECT path, title, source FROM docs WHERE id = ?", (rowid,)).fetchone()
    if row is None:
        return None
    return unescape_surrogates(str(row[0])), str(row[1]), str(row[2])


def _best(
    conn: sqlite3.Connection, expression: str, limit: int, keep: Callable[[str], bool] | None
) -> list[tuple[str, float, str, str]]:
    """The ``limit`` best matches by bm25. SQLite keeps only the best rows as it sorts
    (``ORDER BY score LIMIT``; FTS5's own ``ORDER BY rank`` sorts every match); when ``keep``
    turns too many of the first down (a search within a small part of the library), all."""
    weights = ", ".join(str(w) for w in WEIGHTS)
    sql = (
        f"SELECT rowid, bm25(fts, {weights}) AS score FROM fts WHERE fts MATCH ?"
        " ORDER BY score, rowid LIMIT ?"
    )
    fetch = limit if keep is None else limit * 2 + 8
    while True:
        rows = conn.execute(sql, (expression, fetch)).fetchall()
        out: list[tuple[str, float, str, str]] = []
        for rowid, score in rows:
            doc = _doc_row(conn, int(rowid))
            if doc is not None and (keep is None or keep(doc[0])):
                out.append((doc[0], -float(score), doc[1], doc[2]))
                if len(out) >= limit:
                    return out
        if len(rows) < fetch or fetch < 0:
            return out
        fetch = -1  # keep turned too many down: every match, in order (LIMIT -1: no limit)


def _unranked(
    conn: sqlite3.Connection, expression: str, limit: int, keep: Callable[[str], bool] | None
) -> list[tuple[str, float, str, str]]:
    """Matches of a query too broad to rank (see SearchIndex.ranked): title (and source, tag)
    matches first, then the rest in index order, each read only as far as needed."""
    out: list[tuple[str, float, str, str]] = []
    seen: set[int] = set()
    for expr in (f"{{title source tags}} : ({expression})", expression):
        cur = conn.execute("SELECT rowid, rank FROM fts WHERE fts MATCH ?", (expr,))
        for rowid, rank in cur:
            if rowid in seen:
                continue
            seen.add(rowid)
            doc = _doc_row(conn, int(rowid))
            if doc is not None and (keep is None or keep(doc[0])):
                out.append((doc[0], -float(rank), doc[1], doc[2]))
                if len(out) >= limit:
                    break
        cur.close()
        if len(out) >= limit:
            break
    return out


def _terms(*columns: str) -> tuple[str, ...]:
    """The columns as FTS5 indexes them (CJK runs as bigrams, see reader.search_text); the
    same on insert and on delete, so that a delete removes exactly the terms put in."""
    return tuple(index_text(c) for c in columns)


def _drop(conn: sqlite3.Connection, path: str) -> None:
    """Remove the indexed version of ``path`` (its old terms too), if any."""
    old = conn.execute(
        "SELECT id, title, source, tags, body FROM docs WHERE path = ?", (path,)
    ).fetchone()
    if old is None:
        return
    rowid, title, source, tags, body = old
    conn.execute(
        "INSERT INTO fts (fts, rowid, title, source, tags, body) VALUES ('delete', ?, ?, ?, ?, ?)",
        (rowid, *_terms(title, source, tags, zlib.decompress(body).decode("utf-8"))),
    )
    conn.execute("DELETE FROM docs WHERE id = ?", (rowid,))


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
