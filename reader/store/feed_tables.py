"""Store tables of feeds: each feed's validators and last outcome, and its items' files."""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from reader.store.base import StoreBase
from reader.store.dbfile import transaction
from reader.textutil import unescape_surrogates


class FeedTables(StoreBase):
    """Feed state (conditional-GET validators, last outcome) and feed items."""

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

    def move_feed(self, old: str, new: str) -> bool:
        """A feed moved for good: its state and items now belong to ``new``, in one
        transaction. Nothing moves (False) when the store already holds a feed at ``new``."""

        def move(conn: sqlite3.Connection) -> bool:
            with transaction(conn):
                taken = conn.execute(
                    "SELECT 1 FROM feed_state WHERE url = ?"
                    " UNION SELECT 1 FROM feed_items WHERE feed = ?",
                    (new, new),
                ).fetchone()
                if taken:
                    return False
                conn.execute("UPDATE feed_state SET url = ? WHERE url = ?", (new, old))
                conn.execute("UPDATE feed_items SET feed = ? WHERE feed = ?", (new, old))
                return True

        return bool(self._run(move))

    def forget_feed(self, url: str) -> None:
        """Drop a feed's state and item rows (its files stay in the library)."""
        self._write("DELETE FROM feed_state WHERE url = ?", (url,))
        self._write("DELETE FROM feed_items WHERE feed = ?", (url,))
