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

from reader.store.base import StoreBase
from reader.store.dbfile import BUSY_TIMEOUT_MS, DB_NAME, SCHEMA_VERSION, default_path, path_key
from reader.store.feed_tables import FeedTables
from reader.store.pages import PageTables
from reader.store.reading import ReadingTables

__all__ = ["BUSY_TIMEOUT_MS", "DB_NAME", "SCHEMA_VERSION", "Store", "default_path", "path_key"]


class Store(ReadingTables, PageTables, FeedTables, StoreBase):
    """Summary cache and reading state over one SQLite connection (file or in-memory)."""
