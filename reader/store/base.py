"""The base of :class:`~reader.store.Store`: opening, the runner, warnings, maintenance."""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any, Self

from reader.search_index import FILE_NAME as SEARCH_FILE_NAME
from reader.search_index import SearchIndex
from reader.store.dbfile import (
    NOT_CACHING,
    SCHEMA_VERSION,
    connect,
    create_schema,
    default_path,
    delete_cache,
    is_damaged,
    is_unwritable_dir,
    readable_marks,
    rebuild,
    transaction,
)
from reader.textutil import unescape_surrogates, visible_surrogates


def path_aliases(key: str) -> set[str]:
    """``key`` and, for a file under the current folder, the same path relative to it: the
    form a scan of ``reader lib`` gives its files, so a caller comparing the paths it holds
    finds the marks set through ``reader /abs/lib`` (and the other way round)."""
    forms = {key}
    with suppress(ValueError):  # ValueError: another drive (Windows)
        rel = os.path.relpath(key)
        if not rel.startswith(os.pardir):
            forms.add(rel)
    return forms


def _params(params: tuple[Any, ...]) -> tuple[Any, ...]:
    """Parameters SQLite can store: lone surrogates (a non-UTF-8 file name) as escapes."""
    return tuple(visible_surrogates(p) if isinstance(p, str) else p for p in params)


def path_forms(rows: Iterable[Any]) -> set[str]:
    """Stored path keys, unescaped, each with its :func:`path_aliases`."""
    out: set[str] = set()
    for row in rows:
        out |= path_aliases(unescape_surrogates(str(row[0])))
    return out


class StoreBase:
    """One SQLite connection (file or in-memory) with its lock, the runner every query goes
    through (damage is recovered from, other failures become warnings said once) and the
    warnings; the tables' methods come from the mixins :class:`~reader.store.Store` combines."""

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
    def open(cls, path: Path | None = None) -> Self:
        """Open (creating if needed) the store at ``path`` or the default location.

        Never raises for a bad file or directory: a corrupt database is renamed to
        ``<name>.corrupt-<time>`` and rebuilt; an unusable directory gives an in-memory store.
        Either way :attr:`warning` says what happened.
        """
        target = Path(path) if path is not None else default_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            return cls(connect(target), target, None)
        except sqlite3.DatabaseError as exc:
            # Only a file SQLite itself calls damaged is moved aside: a busy database belongs
            # to another reader process, and moving it would throw its work away.
            if not target.exists() or not is_damaged(exc) or is_unwritable_dir(target.parent):
                return cls.memory(f"cannot use the cache at {target} ({exc}); {NOT_CACHING}")
            conn, warning = rebuild(target, exc)
            if conn is None:
                return cls.memory(warning)
            return cls(conn, target, warning)
        except OSError as exc:
            return cls.memory(f"cannot create {target.parent} ({exc.strerror}); {NOT_CACHING}")

    @classmethod
    def memory(cls, warning: str | None = None) -> Self:
        """A store that lives only as long as this process."""
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        create_schema(conn)
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
            removed = delete_cache(conn)
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
            with transaction(conn):
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
                if not (isinstance(exc, sqlite3.DatabaseError) and is_damaged(exc)):
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
        salvaged = readable_marks(self._conn)
        with suppress(sqlite3.Error):
            self._conn.close()
        conn, warning = rebuild(self.path, exc, salvaged)
        self._warn(warning)
        if conn is None:
            self._conn = StoreBase.memory()._conn
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
